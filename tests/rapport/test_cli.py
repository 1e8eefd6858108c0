"""``namndkansli rapporter [--json]`` and ``namndkansli rapport ID -o FIL.pdf``."""

from __future__ import annotations

import io
import json

import pytest
from demo_day import DEMO_DAY
from pypdf import PdfReader

from app.cli import main


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("rapport-cli") / "demo.nkdb"
    assert main(["--db", str(db), "demo", "--datum", DEMO_DAY.isoformat()]) == 0
    return db


def test_rapporter_lists_the_demos_reports(demo_db, capsys):
    capsys.readouterr()
    assert main(["--db", str(demo_db), "rapporter"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Id", "Nämnd", "Slag", "Period", "Status", "Titel"]
    assert out[1].split() == ["1", "VON", "delårsrapport", "januari–augusti", "2024", "utkast",
                              "Delårsrapport", "2024"]
    assert out[2].split() == ["2", "VON", "bokslut", "januari–december", "2023", "antagen", "Bokslut", "2023"]
    assert main(["--db", str(demo_db), "rapporter", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    listed = [(r["id"], r["namnd"], r["slag"], r["period_start"], r["period_slut"], r["titel"]) for r in rows]
    assert listed == [
        (1, "VON", "delårsrapport", "2024-01-01", "2024-08-31", "Delårsrapport 2024"),
        (2, "VON", "bokslut", "2023-01-01", "2023-12-31", "Bokslut 2023")]
    assert rows[1]["antagen"] == "vård- och omsorgsnämnden 2024-02-26, § 12"


def test_rapport_prints_one_report(demo_db, tmp_path, capsys):
    out = tmp_path / "delar.pdf"
    capsys.readouterr()
    assert main(["--db", str(demo_db), "rapport", "1", "-o", str(out)]) == 0
    said = capsys.readouterr()
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert said.out.strip() == (f"Delårsrapport 2024 (Vård- och omsorgsnämnden): {len(reader.pages)} sidor "
                                f"skrevs till {out}.")
    assert said.err == ""  # PDF/A: no note that it is an ordinary PDF
    assert "Innehållsförteckning" in reader.pages[1].extract_text()
    assert main(["--db", str(demo_db), "rapport", "Bokslut", "-o", str(tmp_path / "b.pdf")]) == 0
    assert "Bokslut 2023 (Vård- och omsorgsnämnden)" in capsys.readouterr().out


def test_rapport_says_what_is_wrong(demo_db, tmp_path, capsys):
    capsys.readouterr()
    assert main(["--db", str(demo_db), "rapport", "99", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Det finns ingen rapport med id 99." in capsys.readouterr().err
    assert main(["--db", str(demo_db), "rapport", "t 20", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Flera rapporter passar ”t 20”: 1: Delårsrapport 2024 (VON); 2: Bokslut 2023 (VON)" in \
        capsys.readouterr().err
    assert main(["--db", str(demo_db), "rapport", "Årsredovisning", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Ingen rapport heter något med ”Årsredovisning”" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "rapport", "1", "-o", str(tmp_path / "x.docx")]) == 2
    assert "ge filen ändelsen .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
