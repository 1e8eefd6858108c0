"""The nämnd's internbudget and investeringsbudget printed as the "Ekonomi"
section of the verksamhetsplan, with the nämnd's sign convention."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from app.budget import Ekonomi
from app.budget.belopp import Teckenkonvention, format_belopp
from app.plan.pdf.plan import render_plan
from app.plan.service import PlanService


def pdf_text(db, plan_id: int) -> str:
    reader = PdfReader(io.BytesIO(render_plan(db, plan_id, pdfa_level=None)[0]))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def plan_for(db, year: int):
    return next(p for p in PlanService(db).plans() if p.forsta_ar == year)


def test_the_2023_plan_carries_internbudget_and_investeringsbudget(demo_session):
    db = demo_session.db
    plan = plan_for(db, 2023)
    text = re.sub(r"\s+", " ", pdf_text(db, plan.id))
    assert "Ekonomi Internbudget 2023 Belopp i tkr. Kostnader negativa (intäkter positiva)." in text
    # The 2023–2025 plan's totals: the ram of 2023 is 333 088 tkr.
    assert "S:a Nettokostnad -315 581 -317 639 -15 449 -333 088" in text
    assert "S:a Intäkter 40 465 42 265 -645 41 620" in text
    assert "S:a Kostnader -356 046 -359 904 -14 804 -374 708" in text
    assert "Internbudgeten motsvarar ramen 333 088 tkr exakt (differens 0)." in text
    assert "Investeringsbudget 2023 – 2025" in text
    plan_2023 = Ekonomi(db).investeringar.get(plan.namnd_id, 2023)
    total = plan_2023.totalt()
    summa = " ".join(format_belopp(total[year], "tkr") for year in (2023, 2024, 2025)).replace("\xa0", " ")
    assert summa == "9 110 3 610 3 910"  # the demo's investeringsbudget, in tkr
    assert f"Summa {summa}" in text
    # The budget comes before the goals, as in the printed plans.
    assert text.index("Internbudget 2023") < text.index("Nämndens arbete med kommunmålen")


def test_the_sign_convention_of_the_namnd_is_used(demo_session):
    db = demo_session.db
    plan = plan_for(db, 2023)
    ek = Ekonomi(db)
    inst = ek.verksamheter.installning(plan.namnd_id)
    inst.teckenkonvention = Teckenkonvention.INTAKTER_NEGATIVA
    ek.verksamheter.save_installning(inst)
    text = re.sub(r"\s+", " ", pdf_text(db, plan.id))
    assert "S:a Nettokostnad 315 581 317 639 15 449 333 088" in text
    assert "S:a Intäkter -40 465 -42 265 645 -41 620" in text


def test_the_economy_section_says_why_a_year_has_no_budget(demo_session):
    """Not left out in silence: the nämnd keeps its internbudget in the program, only not
    for this year yet (app/plan/budget_missing.py)."""
    db = demo_session.db
    source = plan_for(db, 2023)
    plans = PlanService(db)
    later = plans.new_plan(source.namnd_id, 2031)
    assert Ekonomi(db).internbudget.get(source.namnd_id, 2031) is None
    text = re.sub(r"\s+", " ", pdf_text(db, later.id))
    assert "Ekonomi Internbudgeten för 2031 är inte inlagd i programmet ännu (den senaste är för " in text
    assert "Internbudget 2031" not in text and "S:a Nettokostnad" not in text
