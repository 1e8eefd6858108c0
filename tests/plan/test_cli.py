"""Command-line verbs of the verksamhetsplan and putting a plan on a meeting's agenda."""

from __future__ import annotations

import json

import pytest
from demo_day import DEMO_DAY
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import main


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = tmp_path / "demo.nkdb"
    assert main(["--db", str(db), "demo", "--datum", DEMO_DAY.isoformat()]) == 0
    capsys.readouterr()
    return db


def test_plans_lists_ids(demo_db, capsys):
    assert main(["--db", str(demo_db), "plans"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Id", "Nämnd", "Period", "Status", "Version", "Titel"]
    assert out[1].split()[:5] == ["2", "VON", "2023–2025", "antagen", "1"]
    assert main(["--db", str(demo_db), "plans", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["period"], r["antagen_paragraf"]) for r in rows] == [
        (2, "2023–2025", "§ VON.2022.55"), (1, "2022–2024", "§ 59")]
    assert rows[0]["tillfallen"] == ["Mars 2023", "April 2023", "Delår 2023", "Oktober 2023", "Bokslut 2023",
                                     "Delårsrapport 2024"]
    assert main(["--db", str(demo_db), "plans", "--json", "--namnd", "XYZ"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_plan_and_followup_pdfs(demo_db, tmp_path, capsys):
    out = tmp_path / "vp.pdf"
    assert main(["--db", str(demo_db), "plan", "2023–2025", "-o", str(out)]) == 0
    assert "sidor skrevs till" in capsys.readouterr().out
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Vård- och omsorgsnämndens verksamhetsplan 2023–2025" in text
    follow = tmp_path / "delar.pdf"
    assert main(["--db", str(demo_db), "uppfoljning", "2", "--tillfalle", "delår", "-o", str(follow)]) == 0
    assert "Uppföljning Delår 2023" in capsys.readouterr().out
    assert "Förväntad måluppfyllelse 2023" in PdfReader(follow).pages[0].extract_text()
    assert main(["--db", str(demo_db), "uppfoljning", "2", "--tillfalle", "november", "-o", str(follow)]) == 2
    assert "Planen har inget uppföljningstillfälle ”november”" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "plan", "99", "-o", str(out)]) == 2
    assert "Verksamhetsplanen med id 99 finns inte." in capsys.readouterr().err


def test_export_and_import_plan(demo_db, tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    # The demo's plan 2023–2025 is adopted: a file exported from it is not imported into it.
    assert main(["--db", str(demo_db), "export", "plan", "2", str(path)]) == 0
    assert ("rader (mål, mått, fotnoter, aktiviteter, tabeller, texter och uppföljningstillfällen) "
            "skrevs till") in capsys.readouterr().out
    # Unchanged, it is recognised as unchanged: nothing is written, nothing refused.
    assert main(["--db", str(demo_db), "import", "plan", str(path)]) == 0
    assert capsys.readouterr().out.startswith("Planen är oförändrad: filen säger detsamma som planen i "
                                              "databasen. Ingenting sparades.")
    wb = load_workbook(path)
    wb["Mått"]["H2"] = "2"  # Målvärde 2024 of the first mått
    wb.save(path)
    assert main(["--db", str(demo_db), "import", "plan", str(path)]) == 1
    assert ("Planen är antagen (vård- och omsorgsnämnden 2022-12-14, § VON.2022.55); gör en revidering för "
            "att ändra den.") in capsys.readouterr().err

    assert main(["--db", str(demo_db), "revidera", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Version 2 av ”Vård- och omsorgsnämndens verksamhetsplan 2023–2025” har skapats "
                          "som utkast.")
    assert "Den nya versionens id: 3" in out
    assert main(["--db", str(demo_db), "export", "plan", "3", str(path)]) == 0
    capsys.readouterr()
    wb = load_workbook(path)
    ws = wb["Mått"]
    ws["H2"] = "2"
    wb.save(path)
    # Replacing the content of a plan in the database needs consent, as other imports do.
    for dry_run in ([], ["--dry-run"]):
        assert main(["--db", str(demo_db), "import", "plan", str(path), *dry_run]) == 1
        err = capsys.readouterr().err
        assert ("plan.xlsx: Planen ”Vård- och omsorgsnämndens verksamhetsplan 2023–2025” (id 3) finns redan "
                "med 31 nämndmål och 31 mått; filens innehåll ersätter planens, och rader som inte finns i "
                "filen tas bort. Ange --ersatt för att ersätta") in err
        assert err.rstrip().endswith("Ingenting importerades.")
    assert load_workbook(path)["Mått"]["H2"].value == "2"
    assert main(["--db", str(demo_db), "import", "plan", str(path), "--dry-run", "--ersatt"]) == 0
    assert capsys.readouterr().out.startswith("Provkörning, ingenting sparades. Planen uppdaterad:")
    assert main(["--db", str(demo_db), "import", "plan", str(path), "--ersatt"]) == 0
    out = capsys.readouterr().out
    assert "Planen uppdaterad: 6 målområden, 24 KF-mål, 31 nämndmål, 31 mått" in out
    assert "Planens id: 3" in out
    assert main(["--db", str(demo_db), "import", "plan", str(path), "--ny"]) == 0
    assert "Ny plan skapad" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "plans", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["version"], r["revidering_av_id"], r["status"]) for r in rows] == [
        (4, 1, None, "utkast"), (3, 2, 2, "utkast"), (2, 1, None, "antagen"), (1, 1, None, "antagen")]
    # Only the newest, adopted version is revised.
    assert main(["--db", str(demo_db), "revidera", "2"]) == 2
    assert capsys.readouterr().err == ("Planen reviderades inte: Version 1 har redan reviderats: version 2 "
                                       "är ett utkast. Ändra den i stället.\n")
    assert main(["--db", str(demo_db), "revidera", "3"]) == 2
    assert "är ett utkast och kan ändras direkt" in capsys.readouterr().err

    ws["B3"] = "9.9.9"
    wb.save(path)
    assert main(["--db", str(demo_db), "import", "plan", str(path), "--ersatt"]) == 1
    err = capsys.readouterr().err
    assert "plan.xlsx: Blad Mått, rad 3, kolumn B (Nämndmål): det finns ingen rad med Nr ”9.9.9”" in err
    assert "Ingenting importerades: 1 problem." in err


def test_export_plan_needs_the_plan(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "export", "plan", str(tmp_path / "x.xlsx")]) == 2
    assert "Ange vilken plan som ska exporteras" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "export", "plan", "2", str(tmp_path / "x.csv")]) == 2
    assert "ge filen ändelsen .xlsx" in capsys.readouterr().err


def test_put_plan_and_followup_on_agenda(demo_session):
    from app.meetings import BilagaService
    from app.plan.agenda import meetings_for_plan, put_followup_on_agenda, put_plan_on_agenda
    from app.plan.followup import FollowupService

    db = demo_session.db
    meetings = meetings_for_plan(db, 2)
    assert meetings and all(m.status in ("planerat", "kallat", "genomfört") for m in meetings)
    target = meetings[0]
    placed = put_plan_on_agenda(db, 2, target.id)
    assert placed.arende.rubrik == "Vård- och omsorgsnämndens verksamhetsplan 2023–2025"
    assert "Vård- och omsorgsnämnden antar vård- och omsorgsnämndens verksamhetsplan 2023–2025." in \
        placed.arende.forslag_till_beslut
    assert placed.bilaga.sidor >= 5 and placed.bilaga.pdfa_ok
    assert placed.bilaga.filnamn == "Verksamhetsplan 2023–2025.pdf"
    delar = FollowupService(db).find_tillfalle(2, "Delår")
    second = put_followup_on_agenda(db, delar.id, target.id, arende_id=placed.arende.id)
    assert second.arende.id == placed.arende.id
    assert [b.titel for b in BilagaService(db).bilagor(placed.arende.id)] == [
        "Vård- och omsorgsnämndens verksamhetsplan 2023–2025",
        "Uppföljning Delår 2023 av verksamhetsplan 2023–2025"]
