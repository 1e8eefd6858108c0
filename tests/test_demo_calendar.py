"""The demo is right in any year: built from a reference day, its coming meetings lie
ahead, its held ones behind, its organs have seated members, and its kallelse and
protokoll print. The reference days are the hard ones: a leap day, the last days of a
mandate period, New Year, and a day years ahead."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from app import clock
from app.demo_calendar import DemoCalendar, shift_date, shift_years
from app.organisation import mandatperiod

REFERENCE_DAYS = [date(2028, 2, 29), date(2030, 12, 20), date(2031, 1, 1), date(2034, 6, 15),
                  date(2025, 3, 3)]


def test_years_in_texts_move_but_laws_and_agenda_2030_stay():
    assert shift_years("Delår 2023: 91,74 %", 3) == "Delår 2026: 91,74 %"
    assert shift_years("§ VON.2022.55, 2022-12-14, VON 2021/277-73", 2) == \
        "§ VON.2024.55, 2024-12-14, VON 2023/277-73"
    assert shift_years("alkohollagen 2010:1 622, prop. 2011/12:61, Agenda 2030", 5) == \
        "alkohollagen 2010:1 622, prop. 2011/12:61, Agenda 2030"
    assert shift_years("8528 timmar, 12022 kr, 20221", 4) == "8528 timmar, 12022 kr, 20221"
    assert shift_date(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert DemoCalendar(date(2029, 5, 1)).meeting_day("2022-02-14") == date(2025, 2, 10)  # a Monday


def test_seated_periods_cover_the_previous_current_and_a_coming_period():
    cal = DemoCalendar(date(2030, 12, 20))
    periods = cal.seated_periods(date(2031, 1, 13))
    assert periods == [(date(2023, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), date(2030, 12, 31)),
                       (date(2031, 1, 1), date(2034, 12, 31))]
    assert DemoCalendar(date(2028, 2, 29)).seated_periods(date(2028, 3, 27)) == [
        (date(2023, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), date(2030, 12, 31))]


@pytest.fixture(params=REFERENCE_DAYS, ids=str)
def demo_on(request, session):
    from app.demo import populate

    day = request.param
    populate(session.db, day)
    with clock.pinned(day):
        yield session, day


def _meetings(session):
    return session.db.execute(
        "SELECT s.id, o.typ, s.datum, s.status FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
        "ORDER BY s.datum").fetchall()


def test_demo_meetings_lie_around_the_reference_day(demo_on):
    session, day = demo_on
    rows = _meetings(session)
    coming = [r for r in rows if r[3] in ("planerat", "kallat")]
    held = [r for r in rows if r[3] not in ("planerat", "kallat")]
    assert {r[1] for r in coming} == {"nämnd", "arbetsutskott"}
    assert all(date.fromisoformat(r[2]) > day for r in coming), coming
    assert all(date.fromisoformat(r[2]) < day for r in held), held
    assert all(date.fromisoformat(r[2]).weekday() == 0 for r in rows)  # the demo meets on Mondays
    # The recorded history moved with the day: the arbetsutskott's protokoll four years back.
    assert date.fromisoformat(held[0][2]).year == day.year - 4


def test_demo_organs_have_seated_members_on_every_meeting_day(demo_on):
    session, day = demo_on
    org = session.organisation
    for meeting_id, _typ, datum, _status in _meetings(session):
        organ_id = session.db.execute("SELECT organ_id FROM sammantrade WHERE id = ?",
                                      [meeting_id]).fetchone()[0]
        seated = org.uppdrag(organ_id=organ_id, on_date=date.fromisoformat(datum))
        assert any(u.roll == "ordförande" for u in seated), (datum, day)
    start, end = mandatperiod(day)
    for organ in org.organ(org.namnder()[0].id):
        seated = org.uppdrag(organ_id=organ.id, on_date=day)
        assert len(seated) in (22, 6)
        assert all(u.fran <= day.isoformat() <= u.till for u in seated)
        assert {(u.fran, u.till) for u in seated} == {(start.isoformat(), end.isoformat())}


def test_demo_registers_budget_and_plans_follow_the_day(demo_on):
    session, day = demo_on
    db = session.db
    plans = db.execute("SELECT forsta_ar, antagen_datum FROM verksamhetsplan ORDER BY forsta_ar").fetchall()
    assert [p[0] for p in plans] == [day.year - 4, day.year - 3]
    assert all(p[1] < day.isoformat() for p in plans)
    years = [r[0] for r in db.execute("SELECT DISTINCT ar FROM internbudget ORDER BY ar")]
    assert years == [day.year - 4, day.year - 3]
    last_followup = db.execute("SELECT MAX(ar * 100 + manad) FROM budgetuppfoljning").fetchone()[0]
    assert last_followup == (day.year - 2) * 100 + 8
    first_beslut = db.execute("SELECT MIN(datum) FROM delegationsbeslut").fetchone()[0]
    assert first_beslut.startswith(str(day.year - 5))  # the recorded list's period, December
    verkstallt = db.execute("SELECT MAX(verkstallt) FROM ej_verkstallt_beslut").fetchone()[0]
    assert verkstallt < day.isoformat()


def test_demo_kallelse_and_protokoll_print(demo_on, tmp_path):
    from app.cli import main

    session, day = demo_on
    rows = _meetings(session)
    coming_namnd = next(r for r in rows if r[1] == "nämnd" and r[3] in ("planerat", "kallat"))
    held_au = next(r for r in rows if r[1] == "arbetsutskott" and r[3] not in ("planerat", "kallat"))
    path = session.path
    session.close()
    kallelse, protokoll = tmp_path / "kallelse.pdf", tmp_path / "protokoll.pdf"
    assert main(["--db", str(path), "kallelse", str(coming_namnd[0]), "-o", str(kallelse)]) == 0
    assert main(["--db", str(path), "protokoll", str(held_au[0]), "-o", str(protokoll)]) == 0
    kallelse_text = " ".join(p.extract_text() for p in PdfReader(kallelse).pages)
    meeting_day = date.fromisoformat(coming_namnd[2])
    assert str(meeting_day.day) in kallelse_text and str(meeting_day.year) in kallelse_text
    assert "Riktlinjer för alkoholservice" in kallelse_text
    protokoll_text = " ".join(p.extract_text() for p in PdfReader(protokoll).pages)
    assert "§ 15" in protokoll_text and str(day.year - 4) in protokoll_text


def test_demo_texts_and_dates_agree_with_each_other(demo_on, tmp_path):
    """Register entries about the AU's protokoll name the AU's real day and §§ and none
    after the AU meetings still to come; bilagor are dated before the tjänsteskrivelse
    listing them; a förslag's "daterade …" is the date of the ärende's bilaga; an empty
    register category prints its heading alone, not "– –"."""
    import re

    from app import richtext
    from app.dates import day_month_year
    from app.meetings.documents import make_tjansteskrivelse
    from app.protokoll.numrering import numrering

    session, _day = demo_on
    db = session.db
    au_meetings = db.execute(
        "SELECT s.id, s.datum, s.status FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
        "WHERE o.typ = 'arbetsutskott' ORDER BY s.datum").fetchall()
    entries = db.execute("SELECT datum, paragrafer FROM delegationsbeslut WHERE form = 'protokoll' "
                         "ORDER BY datum").fetchall()
    for meeting_id, datum, status in au_meetings:
        if status in ("justerat", "anslaget"):
            numbers = numrering(db, meeting_id)
            assert (datum, f"§ {numbers.first}-{numbers.last}") in entries, (datum, entries[:3])
        else:  # not held or not justerat yet: nothing reported about it, nor after it
            assert all(d < datum for d, _p in entries), (datum, entries[-1])
    # One series per year, without gaps or overlaps.
    previous: dict[str, int] = {}
    for datum, paragrafer in entries:
        first, last = (int(x) for x in re.fullmatch(r"§ (\d+)-(\d+)", paragrafer).groups())
        year = datum[:4]
        assert first == previous.get(year, first) and last >= first, (datum, paragrafer, previous)
        if year not in previous:
            assert first in (1, 15), (datum, paragrafer)
        previous[year] = last + 1

    late = db.execute("SELECT a.rubrik, a.datum, b.titel, b.datum FROM bilaga b "
                      "JOIN arende a ON a.id = b.arende_id "
                      "WHERE a.datum IS NOT NULL AND b.datum IS NOT NULL AND b.datum > a.datum").fetchall()
    assert late == []
    for arende_id, forslag in db.execute("SELECT id, forslag_till_beslut FROM arende"):
        dates = {day_month_year(r[0]) for r in db.execute(
            "SELECT datum FROM bilaga WHERE arende_id = ? AND datum IS NOT NULL", [arende_id])}
        for named in re.findall(r"daterade? (?:den )?(\d{1,2} \w+ \d{4})", richtext.to_plain_text(forslag)):
            assert named in dates, (arende_id, named, dates)

    delegation = db.execute("SELECT a.id FROM arende a JOIN sammantrade s ON s.id = a.sammantrade_id "
                            "WHERE a.rubrik LIKE 'Redovisning av delegationsbeslut%' "
                            "AND s.status = 'planerat'").fetchone()[0]
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(
        __import__("io").BytesIO(make_tjansteskrivelse(db, delegation, level=None))).pages)
    assert "Förordnanden" in text and "– –" not in text
