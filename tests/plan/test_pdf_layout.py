"""The plan PDF's smaller points: a one-year plan's title and period, the KF-mål dash
drawn at the text's size, no almost empty first page without an introduction, and the
nyckeltal table laid out as the plan 2022–2024 prints it (Basvärde, a status per year)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app.plan.goals import GoalService
from app.plan.model import Avsnitt, KfMal, Malomrade, Nyckeltal
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.plan.pdf.plan import render_plan
from app.plan.service import PlanService
from app.validation import ValidationError


def _pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def plan_setup(session):
    from plan_helpers import make_namnd

    namnd_id = make_namnd(session.db)
    return session.db, namnd_id, PlanService(session.db)


def test_a_one_year_plan_is_titled_by_its_year(plan_setup):
    db, namnd_id, plans = plan_setup
    plan = plans.new_plan(namnd_id, 2023, antal_ar=1)
    assert plan.titel == "Vård- och omsorgsnämndens verksamhetsplan 2023"
    assert plan.period == "2023"
    assert plans.new_plan(namnd_id, 2024).period == "2024–2026"
    text = " ".join(_pages(render_plan(db, plan.id, pdfa_level=None)[0]))
    assert "verksamhetsplan 2023 " in text + " " and "2023–2023" not in text


def _plan_with_goals(db, namnd_id, plans, year=2024):
    plan = plans.new_plan(namnd_id, year)
    goals = GoalService(db)
    omrade = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="Mod och framtidstro"))
    goals.save_kf_mal(KfMal(malomrade_id=omrade.id, text="Fler arbetar eller studerar."))
    return plan


def test_without_introduction_the_goals_follow_the_title_on_the_first_page(plan_setup):
    db, namnd_id, plans = plan_setup
    plan = _plan_with_goals(db, namnd_id, plans)
    reader = PdfReader(io.BytesIO(render_plan(db, plan.id, pdfa_level=None)[0]))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert plan.titel in first and "Nämndens arbete med kommunmålen" in first
    assert "Fler arbetar eller studerar." in first
    assert len(reader.pages) == 1
    # With an introduction the goals start on a landscape page of their own, as before.
    plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text="<p>Om planen.</p>"))
    reader = PdfReader(io.BytesIO(render_plan(db, plan.id, pdfa_level=None)[0]))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Om planen." in first and "Nämndens arbete med kommunmålen" not in first
    assert float(reader.pages[0].mediabox.width) < float(reader.pages[1].mediabox.width)


def test_the_kf_mal_dash_is_drawn_at_the_text_size(plan_setup):
    """ReportLab's default bullet size (12 pt) set the dash on the baseline, where it
    read as an underscore; the dash is set in the list text's own size."""
    db, namnd_id, plans = plan_setup
    plan = _plan_with_goals(db, namnd_id, plans)
    page = PdfReader(io.BytesIO(render_plan(db, plan.id, pdfa_level=None)[0])).pages[0]
    sizes: dict[str, float] = {}

    def visit(text, _cm, tm, _font, size):
        if text.strip():
            sizes[text.strip()] = size * tm[0]  # the size as set, times the text matrix scale

    page.extract_text(visitor_text=visit)
    assert sizes["–"] == sizes["Fler arbetar eller studerar."] == 10.5, sizes


def test_nyckeltal_in_the_basvarde_layout(plan_setup):
    db, namnd_id, plans = plan_setup
    plan = plans.new_plan(namnd_id, 2022)
    n = plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Placeringskostnad per dygn*",
                                       jamforelsevarde="10 050", syfte="Följa kostnaden"))
    plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Utförd tid av beviljad tid htj",
                                   jamforelsevarde="73%"))
    layouts = NyckeltalLayoutService(db)
    standard = " ".join(_pages(render_plan(db, plan.id, pdfa_level=None)[0]))
    assert "Syfte (varför)" in standard and "Basvärde" not in standard
    layouts.set_layout(plan.id, "basvarde")
    layouts.set_status(n.id, 2022, "10 400 (aug)")
    layouts.set_status(n.id, 2024, "Månadsvis")
    assert layouts.status(plan.id) == {n.id: {2022: "10 400 (aug)", 2024: "Månadsvis"}}
    text = " ".join(_pages(render_plan(db, plan.id, pdfa_level=None)[0]))
    assert "Nyckeltal Basvärde Status/tidpunkt/ frekvens 2022 Status/tidpunkt/ frekvens 2023 " \
           "Status/tidpunkt/ frekvens 2024" in text
    assert "Placeringskostnad per dygn* 10 050 10 400 (aug) Månadsvis" in text
    assert "Utförd tid av beviljad tid htj 73%" in text
    assert "Syfte (varför)" not in text and "Följa kostnaden" not in text
    with pytest.raises(ValidationError, match="2025 ligger utanför planens år 2022–2024"):
        layouts.set_status(n.id, 2025, "x")
    with pytest.raises(ValidationError, match="Okänd layout"):
        layouts.set_layout(plan.id, "bred")
    layouts.set_status(n.id, 2024, "")
    assert layouts.status(plan.id) == {n.id: {2022: "10 400 (aug)"}}
    layouts.set_layout(plan.id, "standard")
    assert layouts.layout(plan.id) == "standard"


def test_an_adopted_plan_keeps_its_nyckeltal_layout_and_statuses(demo_session):
    db = demo_session.db
    plan = next(p for p in PlanService(db).plans() if p.forsta_ar == 2022)
    assert plan.adopted
    row = PlanService(db).nyckeltal(plan.id)[0]
    layouts = NyckeltalLayoutService(db)
    assert layouts.layout(plan.id) == "basvarde"  # adopted so, as the plan 2022–2024 was printed
    with pytest.raises(ValidationError, match="antagen"):
        layouts.set_layout(plan.id, "standard")
    with pytest.raises(ValidationError, match="antagen"):
        layouts.set_status(row.id, 2022, "x")
    assert layouts.layout(plan.id) == "basvarde" and layouts.status(plan.id) == {}
