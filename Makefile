# Nämndkansli: `make run` starts the program on the demo database, `make test` runs
# every test. Both create .venv and install what is needed on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

PACKAGE_STAMP := $(VENV)/.package-installed

.PHONY: run test lint bench clean package package-test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@sh packaging/linux/ensure-qt-libs.sh
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/namndkansli gui --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto
	$(BIN)/ruff check .

lint: $(STAMP)
	$(BIN)/ruff check .

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
