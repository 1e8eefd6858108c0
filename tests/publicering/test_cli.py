"""``namndkansli publicera MÖTE -o MAPP`` on the demo, beside the open database."""

from __future__ import annotations

from publicering_fixtures import au_meeting, namnd_meeting

from app.cli import VERBS, main


def test_publicera_writes_the_folder_and_says_where(demo_session, tmp_path, capsys):
    assert VERBS["publicera"].run == "app.publicering.cli:run"
    db = demo_session.db
    target = tmp_path / "webb"
    assert main(["--db", str(demo_session.path), "publicera", str(au_meeting(db)), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"Webbkopian är skriven till {target} (5 filer)." in out
    assert sorted(p.name for p in target.iterdir()) == [
        "anslag.html", "index.html", "kallelse.html", "protokoll.html", "stil.css"]
    assert "§ 15 Budgetuppföljning januari 2022" in (target / "protokoll.html").read_text(encoding="utf-8")


def test_publicera_as_one_file(demo_session, tmp_path, capsys):
    target = tmp_path / "ut" / "anslagstavla.html"
    args = ["--db", str(demo_session.path), "publicera", str(au_meeting(demo_session.db)), "-o", str(target),
            "--en-fil"]
    assert main(args) == 0
    assert '<html lang="sv">' in target.read_text(encoding="utf-8")
    assert list(target.parent.iterdir()) == [target]
    assert f"Webbkopian är skriven till {target} (1 fil)." in capsys.readouterr().out


def test_publicera_refuses_a_protokoll_not_yet_justerat_in_swedish(demo_session, tmp_path, capsys):
    mid, _day = namnd_meeting(demo_session.db)
    assert main(["--db", str(demo_session.path), "publicera", str(mid), "-o", str(tmp_path / "webb")]) == 2
    assert "är inte justerat; bara ett justerat protokoll" in capsys.readouterr().err
    assert not (tmp_path / "webb").exists()


def test_publicera_with_tagged_pdfs(demo_session, tmp_path, capsys):
    target = tmp_path / "webb"
    args = ["--db", str(demo_session.path), "publicera", str(au_meeting(demo_session.db)), "-o", str(target),
            "--pdf"]
    assert main(args) == 0
    assert f"Webbkopian är skriven till {target} (8 filer)." in capsys.readouterr().out
    assert all((target / name).read_bytes().startswith(b"%PDF") for name in
               ("anslag.pdf", "protokoll.pdf", "kallelse.pdf"))
