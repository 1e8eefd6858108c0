import hashlib
import shutil

import pytest

from app.cli import main


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_then_check_exit_zero(tmp_path, capsys):
    db = tmp_path / "x.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    assert main(["--db", str(db), "check"]) == 0
    out = capsys.readouterr().out
    from db.migrations import LATEST_VERSION

    assert f"Schemaversion: {LATEST_VERSION}" in out
    assert "Allt är i ordning." in out


def test_demo_refuses_non_empty_database(tmp_path, capsys):
    db = tmp_path / "x.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    before = sha256(db)
    assert main(["demo", "--db", str(db)]) == 2
    assert "innehåller redan uppgifter" in capsys.readouterr().err
    assert sha256(db) == before


def test_check_random_file_is_refused_and_unchanged(tmp_path, capsys):
    junk = tmp_path / "slump.nkdb"
    junk.write_bytes(bytes(range(256)) * 40)
    before = sha256(junk)
    assert main(["--db", str(junk), "check"]) != 0
    assert "ingen Nämndkansli-databas" in capsys.readouterr().err
    assert sha256(junk) == before


def test_check_truncated_database_is_refused_and_unchanged(tmp_path, capsys):
    db = tmp_path / "x.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    cut = tmp_path / "avkortad.nkdb"
    shutil.copy(db, cut)
    with cut.open("r+b") as fh:
        fh.truncate(cut.stat().st_size // 2)
    before = sha256(cut)
    assert main(["--db", str(cut), "check"]) != 0
    err = capsys.readouterr().err
    assert "trasig" in err or "skadad" in err
    assert sha256(cut) == before


def test_backup_verb_writes_a_checkable_copy(tmp_path, capsys):
    db = tmp_path / "x.sqlite"
    main(["--db", str(db), "demo"])
    dest = tmp_path / "kopia.nkdb"
    assert main(["--db", str(db), "backup", str(dest)]) == 0
    assert main(["--db", str(dest), "check"]) == 0


def test_help_lists_every_verb(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for verb in ("gui", "demo", "check", "backup"):
        assert verb in out
