"""The program's one clock (app/clock.py): pinning it, and that nothing else in the
program asks the process clock for "today" or "now"."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

import pytest

from app import clock

ROOT = Path(__file__).resolve().parent.parent

#: Source files allowed to ask the process clock directly (paths relative to ROOT).
EXCLUDED = {"app/clock.py"}

#: The db layer must not import app: when its caller gives no time stamp for the
#: migrations it applies, it falls back on the process clock (db.migrations.migrate).
#: Only that call, in that one file, is allowed.
DB_STANDALONE_FALLBACK = ("db/migrations/__init__.py", "datetime.datetime.now")

#: Calls (or references, such as ``self.today = date.today``) that bypass app.clock,
#: by the name they resolve to through the module's imports.
FORBIDDEN = {
    "datetime.date.today",
    "datetime.datetime.now",
    "datetime.datetime.today",
    "datetime.datetime.utcnow",
    "QDate.currentDate",
    "QDateTime.currentDateTime",
    "QDateTime.currentDateTimeUtc",
    "QTime.currentTime",
}


@pytest.fixture
def restore_clock(monkeypatch):
    """Put the clock back as it was, whatever the test pins."""
    monkeypatch.setattr(clock, "_source", clock._source)


# -- pinning ------------------------------------------------------------------------------------------
def test_unpinned_clock_follows_the_process_clock(restore_clock):
    clock.set_today(None)
    assert not clock.is_pinned()
    before = datetime.now()
    now = clock.now()
    after = datetime.now()
    assert before <= now <= after
    assert clock.today() in {before.date(), after.date()}


def test_pinned_day_is_seen_and_restored_afterwards(restore_clock):
    clock.set_today(None)
    day = date(2028, 2, 29)
    with clock.pinned(day):
        assert clock.is_pinned()
        assert clock.today() == day
        assert clock.now().date() == day
        assert clock.today_iso() == "2028-02-29"
        assert clock.now_iso().startswith("2028-02-29T")
    assert not clock.is_pinned()
    assert clock.today() == date.today()  # the process clock again (whatever day that is)


def test_pinned_blocks_nest_and_restore_the_outer_pin(restore_clock):
    outer, inner = date(2026, 11, 20), date(2026, 12, 21)
    with clock.pinned(outer):
        with clock.pinned(inner):
            assert clock.today() == inner
        assert clock.today() == outer


def test_pin_is_restored_when_the_block_raises(restore_clock):
    clock.set_today(None)
    with pytest.raises(RuntimeError), clock.pinned(date(2030, 1, 1)):
        raise RuntimeError
    assert not clock.is_pinned()


def test_a_datetime_pin_stands_still(restore_clock):
    moment = clock.at_noon(date(2027, 6, 30))
    with clock.pinned(moment):
        first = clock.now()
        second = clock.now()
        assert first == second == moment
        assert clock.now_iso() == "2027-06-30T12:00:00"
        assert clock.today() == date(2027, 6, 30)


def test_a_date_pin_keeps_the_time_of_day_running(restore_clock):
    day = date(2027, 6, 30)
    clock.set_today(day)
    try:
        before = datetime.now().time()
        now = clock.now()
        after = datetime.now().time()
        assert now.date() == day
        assert before <= now.time() <= after or after < before  # unless midnight passed
    finally:
        clock.set_today(None)


def test_set_today_pins_until_set_back(restore_clock):
    clock.set_today(date(2029, 3, 1))
    assert clock.today() == date(2029, 3, 1)
    clock.set_today(None)
    assert not clock.is_pinned()


# -- no other clock -----------------------------------------------------------------------------------
def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> what it stands for, from the module's imports (e.g. ``date`` ->
    ``datetime.date``, ``dt`` -> ``datetime``, ``QDate`` -> ``QDate``)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else \
                    alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if node.module == "datetime":
                    names[alias.asname or alias.name] = f"datetime.{alias.name}"
                elif node.module.startswith("PySide6"):
                    names[alias.asname or alias.name] = alias.name
    return names


def _dotted(node: ast.expr, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, names)
        return f"{base}.{node.attr}" if base else None
    return None


def clock_bypasses(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = _imported_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = _dotted(node, names)
            # A bare ``date.today`` with no datetime import still counts.
            if name in FORBIDDEN or (name and f"datetime.{name}" in FORBIDDEN):
                found.append((node.lineno, name if name in FORBIDDEN else f"datetime.{name}"))
    return sorted(set(found))


def test_only_app_clock_asks_the_process_clock():
    problems = []
    for folder in ("app", "ui", "db"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in EXCLUDED:
                continue
            for line, name in clock_bypasses(path):
                if (rel, name) == DB_STANDALONE_FALLBACK:
                    continue
                problems.append(f"{rel}:{line}: {name}() — use app.clock instead")
    assert not problems, "\n".join(problems)


def test_the_scan_finds_the_ways_of_asking(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import datetime as dt\n"
        "from datetime import date, datetime\n"
        "from PySide6.QtCore import QDate\n"
        "a = date.today()\n"
        "b = datetime.now().isoformat()\n"
        "c = dt.datetime.utcnow()\n"
        "d = QDate.currentDate()\n"
        "e = date.today\n"
        "f = date.fromisoformat('2026-01-01')\n",
        encoding="utf-8",
    )
    assert clock_bypasses(sample) == [
        (4, "datetime.date.today"),
        (5, "datetime.datetime.now"),
        (6, "datetime.datetime.utcnow"),
        (7, "QDate.currentDate"),
        (8, "datetime.date.today"),
    ]
