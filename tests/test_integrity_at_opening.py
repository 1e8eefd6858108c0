"""A large file opens without being read through first (that takes seconds on a kommun's
archive, with no window on screen); the window checks it on a worker right after, and a
damaged one is reported and not copied over the good backups."""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from app import backup, clock
from app.session import Session
from db import connection
from ui import integrity_check
from ui.application import make_application
from ui.main_window import MainWindow


@pytest.fixture
def nk_file(tmp_path, demo_template):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    return shutil.copy(demo_template, folder / "arkiv.nkdb")


def _damage(path) -> None:
    """Four leaf pages of the largest table overwritten, the header and the schema
    intact (a bad disk sector in the data)."""
    conn = sqlite3.connect(path)
    table = conn.execute("SELECT name FROM dbstat WHERE name NOT LIKE 'sqlite_%' AND pagetype = 'leaf' "
                         "GROUP BY name ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                        "ORDER BY pageno", [table])]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert len(pages) > 8
    noise = random.Random(11)
    with path.open("r+b") as fh:
        for page in pages[len(pages) // 2:len(pages) // 2 + 4]:
            fh.seek((page - 1) * size + 16)
            fh.write(noise.randbytes(size - 32))


@pytest.fixture
def large(monkeypatch):
    """Every file counts as large (the demo is a few MB; the limit is 128 MB)."""
    monkeypatch.setattr(connection, "QUICK_CHECK_MAX_BYTES", 0)


def test_a_small_file_is_checked_before_it_opens(nk_file):
    _damage(nk_file)
    assert connection.checked_before_opening(nk_file)
    with pytest.raises(connection.CorruptDatabaseError):
        Session.open(nk_file)


def test_a_large_file_opens_at_once_and_the_check_finds_the_damage(nk_file, large):
    _damage(nk_file)
    assert not connection.checked_before_opening(nk_file)
    with Session.open(nk_file) as session:  # no quick_check on the way in
        assert session.schema_version > 0
    problems = connection.integrity_problems(nk_file)
    assert problems and problems != ["ok"]


def test_an_intact_file_has_no_problems(nk_file):
    assert connection.integrity_problems(nk_file) == []


def _window(qtbot, path, monkeypatch, shown):
    monkeypatch.setattr("ui.main_window.BACKUP_DELAY_MS", 0)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: shown.append((title, text)))
    make_application()
    window = MainWindow(Session.open(path))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


def test_the_window_reports_a_damaged_large_file_and_keeps_the_old_backups(qtbot, nk_file, large,
                                                                          monkeypatch):
    # Yesterday's good copy: without the check, today's automatic backup would copy the
    # damaged file beside it.
    good = backup.rotate_backup(nk_file, backup.Retention(), now=clock.now() - timedelta(days=1))
    _damage(nk_file)
    shown: list[tuple[str, str]] = []
    window = _window(qtbot, nk_file, monkeypatch, shown)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    title, text = shown[0]
    assert title == integrity_check.TITLE
    assert str(nk_file) in text and "Återställ säkerhetskopia" in text
    qtbot.wait(300)
    assert [c.path for c in backup.list_backups(nk_file)] == [good]  # no copy of the damaged file
    window.close()


def test_an_intact_large_file_is_checked_and_then_backed_up(qtbot, nk_file, large, monkeypatch):
    shown: list[tuple[str, str]] = []
    window = _window(qtbot, nk_file, monkeypatch, shown)
    qtbot.waitUntil(lambda: len(backup.list_backups(nk_file)) == 1, timeout=20_000)
    assert shown == []
    window.close()
