"""Deadline arithmetic of a protokoll on known dates."""

from __future__ import annotations

from datetime import date

import holidays
import pytest
from holidays.constants import DE_FACTO, PUBLIC

from app.protokoll import frister
from app.protokoll.frister import (
    anslag_nedtas,
    berakna,
    fridag,
    justering_senast,
    overklagande_sista_dag,
    tillkannagivande_senast,
)


def test_the_library_lists_the_three_eves_that_lag_1930_173_names():
    """What the holidays package gives (checked, so a change shows up here); the module
    adds the eves itself as well."""
    days = holidays.Sweden(years=2024, categories=(PUBLIC, DE_FACTO), language="sv")
    assert days.get(date(2024, 6, 21)) == "Midsommarafton"
    assert days.get(date(2024, 12, 24)) == "Julafton"
    assert days.get(date(2024, 12, 31)) == "Nyårsafton"
    # Påskafton is not one of them (and always a Saturday anyway).
    assert date(2024, 3, 30) not in days


def test_eves_are_there_even_without_the_library(monkeypatch):
    frister.fridagar.cache_clear()
    monkeypatch.setattr(frister.holidays, "Sweden", lambda **kw: {})
    try:
        assert fridag(date(2027, 6, 25)) == "Midsommarafton"  # Friday 25 June 2027
        assert fridag(date(2027, 12, 24)) == "Julafton"
        assert fridag(date(2027, 12, 31)) == "Nyårsafton"
    finally:
        frister.fridagar.cache_clear()


@pytest.mark.parametrize(("day", "name"), [
    (date(2022, 4, 15), "Långfredagen"), (date(2022, 4, 18), "Annandag påsk"),
    (date(2022, 5, 26), "Kristi himmelsfärdsdag"), (date(2022, 6, 6), "Nationaldagen"),
    (date(2022, 6, 24), "Midsommarafton"), (date(2024, 12, 24), "Julafton"),
    (date(2024, 12, 31), "Nyårsafton"),
    (date(2022, 3, 5), "Lördag"), (date(2022, 3, 6), "Söndag"), (date(2022, 3, 7), None),
])
def test_fridag(day, name):
    assert fridag(day) == name


@pytest.mark.parametrize(("posted", "last_day", "why"), [
    # An ordinary Tuesday: the same weekday three weeks later.
    (date(2022, 3, 8), date(2022, 3, 29), "vardag"),
    # Three weeks on is Långfredagen 2022-04-15; Saturday, Påskdagen and Annandag påsk follow.
    (date(2022, 3, 25), date(2022, 4, 19), "påsk"),
    # Midsommarafton 2022-06-24 (Friday), then the weekend.
    (date(2022, 6, 3), date(2022, 6, 27), "midsommar"),
    # Julafton 2024-12-24 (Tuesday), juldagen, annandag jul: Friday 27th.
    (date(2024, 12, 3), date(2024, 12, 27), "jul"),
    # Nyårsafton 2024-12-31 (Tuesday), nyårsdagen: Thursday 2 January.
    (date(2024, 12, 10), date(2025, 1, 2), "nyår"),
    # Posted on a Saturday; three weeks on is Trettondedag jul (Saturday) 2024-01-06.
    (date(2023, 12, 16), date(2024, 1, 8), "trettondedag"),
    # Kristi himmelsfärdsdag 2023-05-18.
    (date(2023, 4, 27), date(2023, 5, 19), "himmelsfärd"),
    # Nationaldagen 2023-06-06 (Tuesday).
    (date(2023, 5, 16), date(2023, 6, 7), "nationaldag"),
])
def test_appeal_period_and_take_down(posted, last_day, why):
    assert overklagande_sista_dag(posted) == last_day, why
    assert anslag_nedtas(posted) == date.fromordinal(last_day.toordinal() + 1)


def test_tillkannagivande_no_later_than_the_second_day_after_justering():
    assert tillkannagivande_senast(date(2022, 3, 7)) == date(2022, 3, 9)  # Monday → Wednesday
    assert tillkannagivande_senast(date(2022, 3, 4)) == date(2022, 3, 7)  # Friday → Sunday → Monday
    assert tillkannagivande_senast(date(2022, 4, 13)) == date(2022, 4, 19)  # → Långfredagen … Annandag påsk


def test_justering_deadline_uses_the_organs_days_without_moving():
    assert justering_senast(date(2022, 2, 28)) == date(2022, 3, 14)
    assert justering_senast(date(2022, 2, 28), 10) == date(2022, 3, 10)
    assert justering_senast(date(2022, 6, 10), 14) == date(2022, 6, 24)  # midsommarafton stays


def test_warnings():
    meeting = date(2022, 2, 28)
    late = berakna(meeting, 14, today=date(2022, 3, 15))
    assert late.justering_senast == date(2022, 3, 14)
    assert any("senast 2022-03-14" in w for w in late.varningar)
    assert berakna(meeting, 14, today=date(2022, 3, 14)).varningar == ()

    on_time = berakna(meeting, 14, justerat=date(2022, 3, 7), anslag=date(2022, 3, 8), today=date(2022, 3, 8))
    assert on_time.varningar == ()
    assert (on_time.tillkannagivande_senast, on_time.overklagande_sista_dag, on_time.anslag_nedtas) == (
        date(2022, 3, 9), date(2022, 3, 29), date(2022, 3, 30))
    assert on_time.overklagande_text == "2022-03-08 – 2022-03-29"

    posted_late = berakna(meeting, 14, justerat=date(2022, 3, 7), anslag=date(2022, 3, 10))
    assert any("senast 2022-03-09" in w for w in posted_late.varningar)
    justered_late = berakna(meeting, 14, justerat=date(2022, 3, 16), anslag=date(2022, 3, 16))
    assert any("efter sista dag 2022-03-14" in w for w in justered_late.varningar)
    before = berakna(meeting, 14, justerat=date(2022, 3, 7), anslag=date(2022, 3, 6))
    assert any("före justeringen" in w for w in before.varningar)
    not_posted = berakna(meeting, 14, justerat=date(2022, 3, 7), today=date(2022, 3, 10))
    assert any("tillkännagivits på anslagstavlan senast 2022-03-09" in w for w in not_posted.varningar)
