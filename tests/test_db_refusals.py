"""Files the program must refuse, each left byte-for-byte as it was and with nothing
left beside it: not through the session, not through ``check``, not through the GUI."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3

import pytest

from app.cli import main as cli_main
from app.session import Session
from db import migrations
from db.connection import inspect_file
from db.errors import (
    CorruptDatabaseError,
    DatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def neighbours(path) -> set[str]:
    """Everything in the file's folder (sidecars -wal, -shm, .lock would show here)."""
    return set(os.listdir(path.parent))


@pytest.fixture
def nk_file(tmp_path, demo_template):
    """A closed Nämndkansli database with the demo organisation, in a folder of its own."""
    folder = tmp_path / "original"
    folder.mkdir()
    return shutil.copy(demo_template, folder / "original.nkdb")


def _copy(nk_file, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    return shutil.copy(nk_file, folder / f"{name}.nkdb")


def random_file(tmp_path, nk_file):
    path = tmp_path / "slump" / "slump.nkdb"
    path.parent.mkdir()
    path.write_bytes(random.Random(4).randbytes(20_000))
    return path


def text_file(tmp_path, nk_file):
    path = tmp_path / "text" / "protokoll.nkdb"
    path.parent.mkdir()
    path.write_text("Protokoll från vård- och omsorgsnämnden 2022-02-28\n§ 1 Val av justerare\n"
                    * 200, encoding="utf-8")
    return path


def truncated(tmp_path, nk_file):
    path = _copy(nk_file, tmp_path, "avkortad")
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size * 2 // 3)
    return path


def page_size(path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def garbage_in_the_middle(tmp_path, nk_file):
    """Same length as before, header intact, but pages in the middle overwritten (a bad
    disk sector, a sync tool that wrote the wrong block)."""
    path = _copy(nk_file, tmp_path, "skadad")
    size, pages = page_size(path), path.stat().st_size // page_size(path)
    assert pages > 10, "the demo database should span many pages"
    noise = random.Random(7)
    with path.open("r+b") as fh:
        for page in range(pages // 3, pages // 3 + 4):
            fh.seek(page * size + 16)
            fh.write(noise.randbytes(size - 32))
    assert path.stat().st_size == pages * size
    return path


def foreign(tmp_path, nk_file):
    """Another program's SQLite file, in WAL mode like ours (that is what leaves -wal and
    -shm behind if reading it is not tidied up)."""
    path = tmp_path / "annan" / "bokforing.sqlite"
    path.parent.mkdir()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE verifikat (id INTEGER PRIMARY KEY, belopp INTEGER)")
    conn.executemany("INSERT INTO verifikat (belopp) VALUES (?)", [(n,) for n in range(500)])
    conn.commit()
    conn.close()
    assert neighbours(path) == {"bokforing.sqlite"}
    return path


def newer(tmp_path, nk_file):
    """Our own file, but as a later program version (schema version + 1) left it."""
    path = _copy(nk_file, tmp_path, "nyare")
    version = migrations.LATEST_VERSION + 1
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations (version, name, applied_at) "
                 "VALUES (?, 'framtida', '2030-01-01T00:00:00')", [version])
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    assert neighbours(path) == {"nyare.nkdb"}
    return path


#: (maker, error class from Session.open, words the Swedish message must contain)
CASES = [
    (random_file, NotADatabaseError, "ingen Nämndkansli-databas"),
    (text_file, NotADatabaseError, "ingen Nämndkansli-databas"),
    (truncated, CorruptDatabaseError, "trasig"),
    (garbage_in_the_middle, CorruptDatabaseError, "skadad"),
    (foreign, ForeignDatabaseError, "inte en Nämndkansli-databas"),
    (newer, NewerSchemaError, "nyare version av Nämndkansli"),
]
IDS = [case[0].__name__ for case in CASES]


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=IDS)
def test_session_refuses_and_leaves_the_file_alone(tmp_path, nk_file, make, error, words):
    path = make(tmp_path, nk_file)
    before, around = sha256(path), neighbours(path)
    with pytest.raises(error) as caught:
        Session.open(path)
    assert words in caught.value.message
    assert str(path) in caught.value.message
    assert sha256(path) == before
    assert neighbours(path) == around  # no -wal, -shm or .lock left behind


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=IDS)
def test_check_verb_refuses_and_leaves_the_file_alone(tmp_path, nk_file, capsys, make, error, words):
    path = make(tmp_path, nk_file)
    before, around = sha256(path), neighbours(path)
    assert cli_main(["--db", str(path), "check"]) == 2
    captured = capsys.readouterr()
    assert words in captured.err
    assert "Allt är i ordning" not in captured.out
    assert sha256(path) == before
    assert neighbours(path) == around


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=IDS)
def test_backup_verb_refuses_to_copy_a_refused_file(tmp_path, nk_file, capsys, make, error, words):
    path = make(tmp_path, nk_file)
    before, around = sha256(path), neighbours(path)
    dest = tmp_path / "kopior"
    dest.mkdir()
    assert cli_main(["--db", str(path), "backup", str(dest)]) == 2
    assert words in capsys.readouterr().err
    assert os.listdir(dest) == []
    assert sha256(path) == before
    assert neighbours(path) == around


def test_integrity_check_finds_damage_that_leaves_the_header_intact(tmp_path, nk_file):
    path = garbage_in_the_middle(tmp_path, nk_file)
    with pytest.raises(CorruptDatabaseError, match="Återställ en säkerhetskopia"):
        inspect_file(path, full_check=True)


def test_the_intact_original_passes(nk_file, capsys):
    before, around = sha256(nk_file), neighbours(nk_file)
    state = inspect_file(nk_file, full_check=True)
    assert (state.empty, state.schema_version) == (False, migrations.LATEST_VERSION)
    assert cli_main(["--db", str(nk_file), "check"]) == 0
    assert "Allt är i ordning." in capsys.readouterr().out
    # Checking a closed database changes nothing either.
    assert sha256(nk_file) == before
    assert neighbours(nk_file) == around


def test_empty_file_and_empty_sqlite_file_become_new_databases(tmp_path):
    empty = tmp_path / "tom.nkdb"
    empty.write_bytes(b"")
    bare = tmp_path / "bar.sqlite"
    sqlite3.connect(bare).close()
    for path in (empty, bare):
        assert inspect_file(path).empty
        with Session.open(path) as session:
            assert session.schema_version == migrations.LATEST_VERSION


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "mapp.nkdb"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="är en mapp"):
        inspect_file(folder)


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=IDS)
def test_gui_open_explains_in_swedish_and_returns_none(qapp, tmp_path, nk_file, monkeypatch,
                                                       make, error, words):
    from PySide6.QtWidgets import QMessageBox

    from ui import opening

    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: shown.append((title, text)))
    path = make(tmp_path, nk_file)
    before, around = sha256(path), neighbours(path)
    assert opening.open_session(None, path) is None
    assert len(shown) == 1
    title, text = shown[0]
    assert "kan inte öppna databasen" in title
    assert words in text
    assert sha256(path) == before
    assert neighbours(path) == around
