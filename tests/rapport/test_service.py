"""Reports and their outlines: made from the template of their kind, chapters added,
changed, removed and reordered, one report per nämnd, kind and period, and an adopted
report refused every change – by the service with the decision that adopted it, and by
the database itself."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from protokoll_fixtures import make_meeting, make_protokoll_org, ready

from app.organisation import Namnd, OrganisationService
from app.rapport import RapportService
from app.rapport.model import MALL_BOKSLUT, MALL_DELARSRAPPORT
from app.validation import ValidationError


@pytest.fixture
def svc(session):
    OrganisationService(session.db).save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    return RapportService(session.db)


def _delar(svc):
    return svc.create(1, "delårsrapport", "2024-01-01", "2024-08-31")


def test_a_new_report_has_the_outline_of_its_kind(svc):
    r = _delar(svc)
    assert (r.titel, r.namnd_namn, r.status, r.period_text()) == (
        "Delårsrapport 2024", "Socialnämnden", "utkast", "januari–augusti 2024")
    chapters = svc.kapitel(r.id)
    assert [(k.niva, k.rubrik, k.innehall) for k in chapters][:4] == [
        (1, "Inledning", "text"), (1, "Ansvarsområde och organisation", "text"), (2, "Ansvarsområde", "text"),
        (2, "Väsentliga organisationsförändringar", "text")]
    assert len(chapters) == len(MALL_DELARSRAPPORT)
    assert chapters[-1].rubrik == "Förväntad måluppfyllelse 2024"
    assert {k.innehall for k in chapters} >= {"drift", "investering", "personal", "volym", "mal", "uppdrag",
                                             "atgardsplan", "samlad_bedomning"}
    bokslut = svc.create(1, "bokslut", "2023-01-01", "2023-12-31")
    assert [k.rubrik for k in svc.kapitel(bokslut.id)] == ["Socialnämnden"] + [
        rubrik for _niva, rubrik, _i in MALL_BOKSLUT[1:]]
    assert bokslut.forslag_till_beslut() == (
        "Socialnämnden godkänner bokslutet för perioden januari–december 2023 och överlämnar den till "
        "kommunstyrelsen.")


def test_chapters_are_added_changed_removed_and_reordered(svc):
    r = _delar(svc)
    first, second = svc.kapitel(r.id)[:2]
    added = svc.add_kapitel(r.id, "  Statsbidrag  ", after_id=first.id,
                            text="<p>Beviljade <b>17,6 mkr</b></p>")
    chapters = svc.kapitel(r.id)
    assert [k.rubrik for k in chapters[:3]] == ["Inledning", "Statsbidrag", "Ansvarsområde och organisation"]
    assert [k.ordning for k in chapters] == list(range(len(chapters)))
    assert "<b>17,6 mkr</b>" in added.text
    added.rubrik, added.niva = "Statsbidrag 2024", 2
    svc.save_kapitel(added)
    assert svc.get_kapitel(added.id).rubrik == "Statsbidrag 2024"
    assert svc.move_kapitel(added.id, -1)
    assert [k.rubrik for k in svc.kapitel(r.id)[:2]] == ["Statsbidrag 2024", "Inledning"]
    assert not svc.move_kapitel(added.id, -1)  # already first
    svc.remove_kapitel(second.id)
    chapters = svc.kapitel(r.id)
    assert "Ansvarsområde och organisation" not in [k.rubrik for k in chapters]
    assert [k.ordning for k in chapters] == list(range(len(chapters)))
    with pytest.raises(ValidationError, match="Kapitlets rubrik måste fyllas i"):
        svc.add_kapitel(r.id, "   ")
    with pytest.raises(ValidationError, match="Okänt innehåll ”diagram”"):
        svc.add_kapitel(r.id, "Diagram", innehall="diagram")


def test_periods_are_checked_and_a_second_report_for_the_same_period_refused(svc):
    _delar(svc)
    with pytest.raises(ValidationError, match="redan en delårsrapport för perioden januari–augusti 2024"):
        _delar(svc)
    with pytest.raises(ValidationError, match="inom ett år"):
        svc.create(1, "bokslut", "2023-07-01", "2024-06-30")
    with pytest.raises(ValidationError, match="sista dag ligger före"):
        svc.create(1, "bokslut", "2023-12-31", "2023-01-01")
    with pytest.raises(ValidationError, match="ÅÅÅÅ-MM-DD"):
        svc.create(1, "bokslut", "31/12", "2023-12-31")
    assert [r.titel for r in svc.rapporter()] == ["Delårsrapport 2024"]


def test_an_adopted_report_is_a_public_record(svc):
    r = _delar(svc)
    chapter = svc.kapitel(r.id)[0]
    adopted = svc.adopt(r.id, datum="2024-09-26", paragraf="§ 88")
    assert adopted.adoption_line() == "Antagen av socialnämnden 2024-09-26, § 88"
    why = "Delårsrapport 2024 är antagen av socialnämnden 2024-09-26, § 88 och är en allmän handling"
    chapter.text = "<p>Ändrad</p>"
    for attempt in (lambda: svc.save_kapitel(chapter), lambda: svc.add_kapitel(r.id, "Nytt"),
                    lambda: svc.remove_kapitel(chapter.id), lambda: svc.move_kapitel(chapter.id, 1),
                    lambda: svc.save(adopted), lambda: svc.delete(r.id)):
        with pytest.raises(ValidationError, match=why):
            attempt()
    # The database refuses the same writes when they do not come through the service.
    db = svc.db
    report_of = "(SELECT rapport_id FROM rapport_kapitel WHERE id = ?)"
    for sql in ("UPDATE rapport_kapitel SET text = 'x' WHERE id = ?",
                "DELETE FROM rapport_kapitel WHERE id = ?",
                f"UPDATE rapport SET titel = 'x' WHERE id = {report_of}",
                f"DELETE FROM rapport WHERE id = {report_of}"):
        with pytest.raises(sqlite3.IntegrityError, match="Rapporten är antagen och är en allmän handling"):
            db.execute(sql, [chapter.id])
    with pytest.raises(sqlite3.IntegrityError, match="Rapporten är antagen"):
        db.execute("INSERT INTO rapport_kapitel (rapport_id, ordning, rubrik) VALUES (?, 99, 'x')", [r.id])
    assert svc.get_kapitel(chapter.id).text == ""


def test_adoption_linked_to_the_justerad_paragraph(session):
    po = make_protokoll_org(session.db)
    meeting = make_meeting(po)
    ready(po, meeting.id)
    po.svc.justera(meeting.id, "2022-03-04", today=date(2022, 3, 4))
    namnd_id = po.org.namnd_organ.namnd_id
    svc = RapportService(session.db)
    r = svc.create(namnd_id, "bokslut", "2021-01-01", "2021-12-31")
    paragraf = next(p for p in po.svc.paragrafer.paragrafer(meeting.id) if p.label and p.utfall == "beslut")
    with pytest.raises(ValidationError, match="finns inte bland nämndens justerade protokoll"):
        svc.adopt(r.id, arende_id=paragraf.arende_id + 999)
    adopted = svc.adopt(r.id, arende_id=paragraf.arende_id)
    assert (adopted.status, adopted.antagen_datum, adopted.antagen_paragraf) == (
        "antagen", "2022-02-28", paragraf.label)
    with pytest.raises(ValidationError, match="allmän handling"):
        svc.adopt(r.id, datum="2022-03-01", paragraf="§ 1")
