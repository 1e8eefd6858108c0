"""Sekretess per paragraf and per ärende: marked before justering, part of the record
after it (refused by the service and by the database's own triggers)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from protokoll_fixtures import make_meeting, ready

from app.protokoll.sekretess import DEFAULT_RUBRIK, SekretessService, covered
from app.validation import ValidationError

JUSTERAT = date(2022, 3, 4)



def budget(po, meeting_id):
    return next(p for p in po.svc.paragrafer.paragrafer(meeting_id) if p.rubrik.startswith("Budget"))


def test_a_paragraf_is_marked_with_its_ground_and_needs_one(po):
    m = make_meeting(po)
    p = budget(po, m.id)
    p.sekretess = True
    with pytest.raises(ValidationError) as refused:
        po.svc.paragrafer.save(p)
    assert refused.value.errors[0].field == "sekretess_grund"
    assert "Ange sekretessgrunden" in refused.value.errors[0].message
    p.sekretess_grund = "  OSL 26 kap.   1 § "
    stored = po.svc.paragrafer.save(p)
    assert (stored.sekretess, stored.sekretess_grund) == (True, "OSL 26 kap. 1 §")
    assert covered(po.svc.db, m.id)[p.arende_id].text == "Sekretess enligt OSL 26 kap. 1 §"
    stored.sekretess = False
    assert po.svc.paragrafer.save(stored).sekretess is False
    assert covered(po.svc.db, m.id) == {}


def test_an_arende_marked_on_the_agenda_gives_its_paragraf_the_marking(po):
    m = make_meeting(po)
    arende_id = budget(po, m.id).arende_id
    sekretess = SekretessService(po.svc.db)
    with pytest.raises(ValidationError, match="Ange sekretessgrunden"):
        sekretess.mark_arende(arende_id, True, "")
    assert sekretess.mark_arende(arende_id, True, "OSL 26 kap. 1 §").grund == "OSL 26 kap. 1 §"
    p = budget(po, m.id)
    assert (p.sparad, p.sekretess, p.sekretess_grund) == (False, True, "OSL 26 kap. 1 §")
    assert set(covered(po.svc.db, m.id)) == {arende_id}
    assert sekretess.mark_arende(arende_id, False) is None
    assert covered(po.svc.db, m.id) == {}


def test_the_public_rubrik_is_a_setting_with_a_default(po):
    sekretess = SekretessService(po.svc.db)
    assert sekretess.rubrik() == DEFAULT_RUBRIK
    assert sekretess.set_rubrik(" Ärende enligt  socialtjänstlagen ") == "Ärende enligt socialtjänstlagen"
    assert sekretess.set_rubrik("") == DEFAULT_RUBRIK


def test_after_justering_the_marking_is_part_of_the_record(po):
    m = make_meeting(po)
    ready(po, m.id)
    p = budget(po, m.id)
    p.sekretess, p.sekretess_grund = True, "OSL 26 kap. 1 §"
    po.svc.paragrafer.save(p)
    po.svc.justera(m.id, JUSTERAT, today=JUSTERAT)
    stored = po.svc.paragrafer.get(p.arende_id)
    assert (stored.sekretess, stored.sekretess_grund) == (True, "OSL 26 kap. 1 §")
    stored.sekretess = False
    with pytest.raises(ValidationError, match="justerat"):
        po.svc.paragrafer.save(stored)
    with pytest.raises(ValidationError, match="justerat"):
        SekretessService(po.svc.db).mark_arende(p.arende_id, False)
    db = po.svc.db
    for sql in ("UPDATE paragraf SET sekretess = 0 WHERE arende_id = ?",
                "UPDATE paragraf SET sekretess_grund = 'OSL 21 kap. 1 §' WHERE arende_id = ?",
                "UPDATE arende SET sekretess = 1, sekretess_grund = 'x' WHERE id = ?"):
        with pytest.raises(sqlite3.IntegrityError, match=r"Protokollet är justerat|Paragrafen är justerad"):
            db.execute(sql, [p.arende_id])
    assert covered(db, m.id)[p.arende_id].grund == "OSL 26 kap. 1 §"


def test_a_paragraf_justerad_omedelbart_keeps_its_marking(po):
    m = make_meeting(po)
    ready(po, m.id)
    p = budget(po, m.id)
    p.justeras_omedelbart, p.sekretess, p.sekretess_grund = True, True, "OSL 26 kap. 1 §"
    po.svc.paragrafer.save(p)
    po.svc.justera_omedelbart(m.id, [p.arende_id], m.datum, today=date.fromisoformat(m.datum))
    with pytest.raises(sqlite3.IntegrityError, match="Paragrafen är justerad"):
        po.svc.db.execute("UPDATE paragraf SET sekretess = 0 WHERE arende_id = ?", [p.arende_id])
    with pytest.raises(ValidationError, match="justerad omedelbart"):
        SekretessService(po.svc.db).mark_arende(p.arende_id, False)


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_an_utdrag_for_others_shows_only_the_number_rubrik_and_ground(po):
    m = make_meeting(po)
    ready(po, m.id)
    p = budget(po, m.id)
    p.sekretess, p.sekretess_grund = True, "OSL 26 kap. 1 §"
    po.svc.paragrafer.save(p)
    po.svc.justera(m.id, JUSTERAT, today=JUSTERAT)
    SekretessService(po.svc.db).set_rubrik("Ärende enligt socialtjänstlagen")
    label = po.svc.paragrafer.get(p.arende_id).label
    full = pdf_text(po.svc.utdrag_pdf(m.id, [p.arende_id], level=None, today=JUSTERAT))
    assert "Budgetuppföljning januari 2022" in full and "Sekretess enligt" not in full
    hidden = pdf_text(po.svc.utdrag_pdf(m.id, [p.arende_id], level=None, today=JUSTERAT, sekretess_dold=True))
    assert label in hidden and "Ärende enligt socialtjänstlagen" in hidden
    assert "Sekretess enligt OSL 26 kap. 1 §." in hidden
    assert "Budgetuppföljning" not in hidden and "2021/1" not in hidden
    sent = po.svc.skicka_utdrag(m.id, today=JUSTERAT, sekretess_dold=True)
    assert sent and all("Budgetuppföljning" not in pdf_text(po.svc.utskick_pdf(u.id)) for u in sent)
