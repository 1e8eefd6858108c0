"""Copying a plan forward without carrying last period's state along unseen: its texts
marked "att granska" until edited or reviewed, a period the nämnd already has a plan
for refused, unfinished särskilda uppdrag starting again without a date that has
passed, the Ekonomi section saying why the new first year has no internbudget, and the
command line's ``kopiera-plan``."""

from __future__ import annotations

import io
import re

import pytest
from plan_helpers import seed000_plan
from pypdf import PdfReader

from app.budget import Ekonomi
from app.cli import main
from app.plan.copyforward import copy_forward
from app.plan.model import Avsnitt, SarskiltUppdrag
from app.plan.pdf.plan import render_plan
from app.plan.service import PlanService
from app.validation import ValidationError


def _pdf_text(db, plan_id: int) -> str:
    data = render_plan(db, plan_id, pdfa_level=None)[0]
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_copied_texts_are_to_be_reviewed_until_changed_or_marked(session):
    db = session.db
    plan, _g = seed000_plan(db)
    plans = PlanService(db)
    plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text="<p>Under 2022 ska nämnden …</p>"))
    plans.save_avsnitt(Avsnitt(plan_id=plan.id, placering="avslutning", rubrik="Framåt",
                               text="<p>M&amp;B 2022–2023.</p>"))
    result = copy_forward(db, plan.id)
    copied = plans.avsnitt(result.plan.id)
    assert [(a.rubrik, a.att_granska) for a in copied] == [("Inledning", True), ("Framåt", True)]
    assert result.att_granska == 2
    assert any("2 avsnitt är markerade ”att granska”" in n for n in result.notes)
    assert not any(a.att_granska for a in plans.avsnitt(plan.id))  # the source is untouched
    inledning, framat = copied
    inledning.rubrik = "Inledning och uppdrag"  # a new heading alone is no review of the text
    assert plans.save_avsnitt(inledning).att_granska
    inledning.text = "<p>Under 2023 ska nämnden …</p>"
    assert not plans.save_avsnitt(inledning).att_granska
    plans.mark_avsnitt_reviewed(framat.id)
    assert [a.att_granska for a in plans.avsnitt(result.plan.id)] == [False, False]
    assert "granska" not in _pdf_text(db, result.plan.id).casefold()  # never printed


def test_a_period_the_namnd_already_has_a_plan_for_is_refused(session):
    db = session.db
    plan, _g = seed000_plan(db)
    first = copy_forward(db, plan.id).plan
    count = len(PlanService(db).plans())
    with pytest.raises(ValidationError) as refused:
        copy_forward(db, plan.id)
    assert str(refused.value) == (
        f"Nämnden har redan en plan för 2023–2025 (”{first.titel}”); planen kopierades inte. Öppna den "
        "planen i stället, eller revidera den om den är antagen.")
    assert len(PlanService(db).plans()) == count
    # Two years ahead is another period.
    assert copy_forward(db, plan.id, years=2).plan.period == "2024–2026"


def test_unfinished_uppdrag_start_again_without_a_date_that_has_passed(session):
    db = session.db
    plan, _g = seed000_plan(db)
    plans = PlanService(db)
    plans.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Fortsätta effektivisera",
                                       slutdatum="2022-12-31", status="pågår",
                                       kommentar="Arbetet pågår, klart hösten 2022."))
    plans.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Ny boendeplan", slutdatum="2023-06-30",
                                       status="ej påbörjat"))
    plans.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Klart", status="genomfört"))
    result = copy_forward(db, plan.id)
    copied = {u.rubrik: u for u in plans.uppdrag(result.plan.id)}
    assert set(copied) == {"Fortsätta effektivisera", "Ny boendeplan"}
    effektivisera, boendeplan = copied["Fortsätta effektivisera"], copied["Ny boendeplan"]
    assert (effektivisera.slutdatum, effektivisera.status, effektivisera.kommentar) == (
        None, "ej påbörjat", "")
    assert (boendeplan.slutdatum, boendeplan.status) == ("2023-06-30", "ej påbörjat")
    assert "  • Fortsätta effektivisera: slutdatum 2022-12-31 har passerat och togs bort – ange ett nytt; " \
           "status ”pågår” blev ”ej påbörjat” tills uppdraget följs upp i den nya planen; kommentaren från " \
           "förra uppföljningen följde inte med." in result.notes
    assert not any("Ny boendeplan" in n for n in result.notes)  # nothing of it changed
    old = {u.rubrik: u for u in plans.uppdrag(plan.id)}
    assert (old["Fortsätta effektivisera"].slutdatum, old["Fortsätta effektivisera"].status) == (
        "2022-12-31", "pågår")


def test_the_ekonomi_section_says_why_the_new_first_year_has_no_internbudget(session):
    db = session.db
    plan, _g = seed000_plan(db)
    without_economy = copy_forward(db, plan.id).plan
    # A nämnd that keeps no economy in the program: no section, as before.
    assert "Ekonomi" not in _pdf_text(db, without_economy.id)
    ek = Ekonomi(db)
    # Kept only from a later year on: nothing to say about 2023 either.
    ek.internbudget.skapa(plan.namnd_id, 2030, ram=120_000_000)
    assert "Ekonomi" not in _pdf_text(db, without_economy.id)
    ek.internbudget.skapa(plan.namnd_id, 2022, ram=100_000_000)
    text = _pdf_text(db, plan.id)
    assert "Ekonomi Internbudget 2022" in text and "är inte inlagd" not in text
    copied = copy_forward(db, plan.id, years=2).plan
    text = _pdf_text(db, copied.id)
    assert ("Ekonomi Internbudgeten för 2024 är inte inlagd i programmet ännu (den senaste är för 2022). "
            "Avsnittet fylls i när nämnden har beslutat om internbudgeten för 2024 och den har lagts in "
            "under Ekonomi.") in text
    ek.internbudget.skapa(plan.namnd_id, 2024, ram=104_000_000)
    text = _pdf_text(db, copied.id)
    assert "Ekonomi Internbudget 2024" in text and "är inte inlagd" not in text


def test_kopiera_plan_on_the_command_line(tmp_path, capsys):
    from app.session import Session

    db_path = tmp_path / "plan.nkdb"
    with Session.open(db_path) as s:
        plan, _g = seed000_plan(s.db)
        PlanService(s.db).save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text="<p>År 2022.</p>"))
    capsys.readouterr()
    assert main(["--db", str(db_path), "kopiera-plan", str(plan.id)]) == 0
    out = capsys.readouterr().out
    assert "Ny plan 2023–2025 skapad som utkast" in out and "1 avsnitt är markerade ”att granska”" in out
    new_id = int(out.strip().splitlines()[-1].rsplit(" ", 1)[1])
    assert main(["--db", str(db_path), "kopiera-plan", str(plan.id)]) == 2
    assert "Planen kopierades inte: Nämnden har redan en plan för 2023–2025" in capsys.readouterr().err
    assert main(["--db", str(db_path), "kopiera-plan", str(plan.id), "--forsta-ar", "2021"]) == 2
    assert "den nya planens första år måste komma efter 2022 (nu: 2021)" in capsys.readouterr().err
    assert main(["--db", str(db_path), "kopiera-plan", str(plan.id), "--forsta-ar", "2025"]) == 0
    capsys.readouterr()
    with Session.read(db_path) as s:
        periods = sorted(p.period for p in PlanService(s.db).plans())
        assert periods == ["2022–2024", "2023–2025", "2025–2027"]
        assert [a.att_granska for a in PlanService(s.db).avsnitt(new_id)] == [True]
