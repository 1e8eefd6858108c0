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
    # The draft's chapters without text are named (they print as "Texten är inte skriven.");
    # PDF/A: no note that it is an ordinary PDF.
    assert said.err.splitlines() == [
        "Varning: 4 kapitel i Delårsrapport 2024 saknar text:",
        "  – Väsentliga organisationsförändringar", "  – Medarbetarskap och ledarskap",
        "  – Kompetensförsörjning och kompetensutveckling", "  – Hållbart arbetsliv och arbetsmiljö",
        "I delar.pdf står ”Texten är inte skriven.” under dem; skriv dem, eller skriv ut med --utan-tomma "
        "för att lämna dem utanför."]
    assert "Innehållsförteckning" in reader.pages[1].extract_text()
    assert main(["--db", str(demo_db), "rapport", "Bokslut", "-o", str(tmp_path / "b.pdf")]) == 0
    said = capsys.readouterr()
    assert "Bokslut 2023 (Vård- och omsorgsnämnden)" in said.out and said.err == ""  # every text written


def test_rapport_leaves_out_the_chapters_without_text_when_asked(demo_db, tmp_path, capsys):
    draft, final = tmp_path / "utkast.pdf", tmp_path / "slutlig.pdf"
    assert main(["--db", str(demo_db), "rapport", "1", "-o", str(draft)]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo_db), "rapport", "1", "--utan-tomma", "-o", str(final)]) == 0
    err = capsys.readouterr().err
    assert "– Medarbetarskap och ledarskap" in err and err.endswith("De är inte med i slutlig.pdf.\n")
    with_heading = " ".join(p.extract_text() for p in PdfReader(draft).pages)
    without = " ".join(p.extract_text() for p in PdfReader(final).pages)
    heading, said = "Väsentliga organisationsförändringar", "Texten är inte skriven."
    assert heading in with_heading and said in with_heading
    assert heading not in without and said not in without
    contents = PdfReader(final).pages[1].extract_text()
    assert "Innehållsförteckning" in contents and "Medarbetarskap och ledarskap" not in contents
    assert "Personalkostnader och personalstyrka" in contents  # its generated neighbour stays


def test_kopiera_rapport_copies_to_the_period_given_and_refuses_a_second_copy(demo_db, tmp_path, capsys):
    import shutil

    from app.rapport import RapportService
    from app.session import Session

    db = tmp_path / "kopia.nkdb"
    shutil.copy(demo_db, db)
    capsys.readouterr()
    assert main(["--db", str(db), "kopiera-rapport", "1", "--period-start", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "”Delårsrapport 2025” för perioden januari–augusti 2025 skapades som utkast från " \
           "”Delårsrapport 2024”" in out and "markerade ”att granska”" in out
    new_id = int(out.strip().splitlines()[-1].rsplit(" ", 1)[1])
    with Session.read(db) as session:
        svc = RapportService(session.db)
        r = svc.get(new_id)
        assert (r.period_start, r.period_slut, r.status) == ("2025-01-01", "2025-08-31", "utkast")
        chapters = {k.rubrik: k for k in svc.kapitel(new_id)}
        assert chapters["Inledning"].att_granska
        per = chapters["Verksamhetsrapport"]
        assert per.per_forvaltning and per.forvaltning_att_granska == 2
    # The same period again: refused in Swedish, naming the report; nothing written.
    assert main(["--db", str(db), "kopiera-rapport", "1", "--period-start", "2025-01-01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Rapporten kopierades inte: ")
    assert "redan en delårsrapport för perioden januari–augusti 2025 (”Delårsrapport 2025”)" in err
    assert main(["--db", str(db), "kopiera-rapport", "1", "--period-start", "2025-13-01"]) == 2
    assert "Periodens första dag måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”2025-13-01”)" in \
        capsys.readouterr().err
    with Session.read(db) as session:
        assert len(RapportService(session.db).rapporter()) == 3


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



def test_rapport_prints_the_adopted_bokslut_as_kept_after_its_budget_document_changed(demo_db, tmp_path,
                                                                                      capsys):
    import shutil

    from app.budget import Ekonomi
    from app.rapport import RapportService
    from app.rapport.kept import kept_pdf
    from app.rapport.pdf.rapport import render_rapport
    from app.session import Session

    db = shutil.copy(demo_db, tmp_path / "demo.nkdb")
    with Session.open(db) as session:
        kept = kept_pdf(session.db, 2)
        assert kept is not None
        ek = Ekonomi(session.db)
        inst = ek.verksamheter.installning(RapportService(session.db).get(2).namnd_id)
        inst.budgetdokument = "Tilläggsbudget Q"
        ek.verksamheter.save_installning(inst)
        # Made anew, the driftredovisning would be headed by the new name.
        data, _pages = render_rapport(session.db, 2)
        fresh = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "Verksamhet Tilläggsbudget Q 2023" in " ".join(fresh.split())
    out = tmp_path / "bokslut.pdf"
    capsys.readouterr()
    assert main(["--db", str(db), "rapport", "Bokslut", "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert out.read_bytes() == kept.data
    assert (f"Den antagna rapporten skrevs ut som den sparades vid antagandet {kept.kept_text} "
            f"(SHA-256 {kept.sha256}).") in said.out and said.err == ""
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Tilläggsbudget Q" not in text and "Verksamhet Budget 2023" in text
