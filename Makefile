# Nämndkansli: `make run` starts the program on the demo database, `make test` runs
# every test. Both create .venv and install what is needed on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

PACKAGE_STAMP := $(VENV)/.package-installed

.PHONY: run test test-faketime lint bench clean package package-test

# `make test-faketime`: the whole test process (and every xdist worker) sees a clock that
# starts at FAKE_DATE 10:00:00 and keeps ticking (libfaketime). Default: today + 13 months
# + 17 days, so always more than a year ahead and in another month. Override:
# make test-faketime FAKE_DATE=2028-02-29
FAKE_DATE ?= $(shell date -d '+13 months +17 days' +%F)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@sh packaging/linux/ensure-qt-libs.sh
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/namndkansli gui --demo

test: $(STAMP)
	@sh packaging/linux/ensure-test-tools.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto
	$(MAKE) --no-print-directory lint

# libfaketime is preloaded from the PyPI package `libfaketime` (a test dependency), not
# from Debian's `faketime`: Debian 12 ships libfaketime 0.9.10, under which Python's
# time.sleep fails with EINVAL when the monotonic clock is kept real, and timed lock waits
# never end when it is faked (both fixed upstream in 0.9.11; the PyPI package builds a
# fixed copy). The monotonic clock stays real so Qt timers and pytest-timeout measure
# real durations. The first check stops here if the date was not taken as given.
LIBFAKETIME = $(shell $(BIN)/python -c "import importlib.util, pathlib; print(pathlib.Path(importlib.util.find_spec('libfaketime').origin).parent / 'vendor/libfaketime/src/libfaketime.so.1')" 2>/dev/null)
FAKETIME_ENV = LD_PRELOAD=$(LIBFAKETIME) FAKETIME="@$(FAKE_DATE) 10:00:00" FAKETIME_DONT_FAKE_MONOTONIC=1

test-faketime: $(STAMP)
	@sh packaging/linux/ensure-test-tools.sh
	@test -f "$(LIBFAKETIME)" || { echo "test-faketime: libfaketime saknas i $(VENV) (pip install -e '.[test]')"; exit 1; }
	@seen=$$($(FAKETIME_ENV) date +%F); \
	  echo "test-faketime: FAKE_DATE=$(FAKE_DATE) (verkligt datum $$(date +%F)); testernas klocka: $$seen"; \
	  [ "$$seen" = "$(FAKE_DATE)" ] || { echo "test-faketime: libfaketime visar $$seen i stället för $(FAKE_DATE)"; exit 1; }
	$(FAKETIME_ENV) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto

# ruff over everything; the type checker over the headless layers (app/, db/; pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py

# The one-folder program for users without Python (packaging/README.md): dist/namndkansli/.
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/namndkansli.spec
	@du -sh dist/namndkansli

# Runs the BUILT program (not the source) without the virtual environment.
package-test: package
	$(PYTHON) packaging/smoke_test.py dist/namndkansli

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
