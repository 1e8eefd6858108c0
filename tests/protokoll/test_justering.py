"""Justering, locks, rättelser, utdrag, anslag, and the PDFs read back with pypdf."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from datetime import date

import pytest
from protokoll_fixtures import make_meeting, ready
from pypdf import PdfReader

from app import richtext
from app.meetings import Arende
from app.pdf.pdfa import validation_findings
from app.protokoll.hooks import is_justerat, on_protokoll_justerat, protokoll_justering, remove_hook
from app.protokoll.justering import IntegritetsFel
from app.protokoll.model import Anforande, Narvaro, Rost, Votering
from app.validation import ValidationError

NASTY = ("Avgifter & taxor <b>2024</b> > 5 % 😀 Жилищный фонд\u00ad\tmed tabb " + "lång " * 60).strip()
JUSTERAT = date(2022, 3, 4)


def text_of(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)



@pytest.fixture
def meeting(po):
    m = make_meeting(po)
    ids = ready(po, m.id)
    svc = po.svc
    head = svc.get(m.id)
    head.forvaringsplats = "Vård- och omsorgsförvaltningen, Ludvika"
    svc.save(head)
    p = next(p for p in svc.paragrafer.paragrafer(m.id) if p.rubrik == "Riktlinjer 1")
    p.yrkanden = [Anforande("yrkande", narvaro_id=ids["Bergkvist"], text="Bifall till förslaget."),
                  Anforande("yrkande", narvaro_id=ids["Öberg"], text="Avslag.")]
    p.propositionsordning = richtext.from_plain_text("Ordföranden ställer proposition på yrkandena och "
                                                     "finner "
                                                     "att nämnden bifaller förslaget.")
    p.voteringar = [Votering("Omröstning begärs.", "bifall till förslaget", "avslag", [
        Rost(ids["Bergkvist"], "ja"), Rost(ids["Öberg"], "nej"), Rost(ids["Demir"], "ja"),
        Rost(ids["Hassan"], "ja"), Rost(ids["Åkesson"], "nej")])]
    p.reservationer = [Anforande("reservation", narvaro_id=ids["Öberg"], text="Riktlinjerna är för vaga.",
                                 skriftlig=True)]
    svc.paragrafer.save(p)
    return m


def test_protokoll_pdf_text_and_pdfa(po, meeting):
    data = po.svc.protokoll_pdf(meeting.id, today=date(2022, 3, 1))
    assert validation_findings(data) == []
    text = text_of(data)
    for expected in ("SAMMANTRÄDESPROTOKOLL", "Vård- och omsorgsnämnden",
                     "Måndagen den 28 februari 2022, kl. 14:15–16:30", "Samlingssalen, Marnäsliden",
                     "Åsa Bergkvist (S), ordförande",
                     "Anders Öberg (M), 1:e vice ordförande", "Åsa Engberg, nämndsekreterare",
                     "Utses att justera Karin Åkesson (M)", "Kommunhuset, 2022-02-28 kl. 10:00",
                     "Paragrafer 1–10", "ANSLAG/BEVIS", "§ 4", "Dnr 2021/1", "Budgetuppföljning januari 2022",
                     "Justerandes sign", "Utdragsbestyrkande", "Sida 1 av", "Yrkanden",
                     "Åsa Bergkvist (S): Bifall till förslaget.", "Propositionsordning",
                     "Omröstningen utfaller med 3 ja-röster mot 2 nej-röster; 0 avstår.",
                     "Anders Öberg (M) reserverar sig mot beslutet. Den har lämnats skriftligt.",
                     "Riktlinjerna är för vaga.",
                     "Beslut skickas till Förvaltningsledningen Ekonomer Akt",
                     "Datum då anslaget sätts upp Datum då anslaget tas ned Förvaringsplats",  # to fill in
                     "Förvaringsplats för protokollet Vård- och omsorgsförvaltningen, Ludvika"):
        assert expected in text, expected
    reader = PdfReader(io.BytesIO(data))
    assert all("Justerandes sign" in (p.extract_text() or "") for p in reader.pages)
    assert f"Sida {len(reader.pages)} av {len(reader.pages)}" in text
    marks = [(m.title, reader.get_destination_page_number(m)) for m in reader.outline]
    assert marks[0] == ("Närvaro och underskrifter", 0)
    assert ("§ 4 Budgetuppföljning januari 2022", 1) in marks and len(marks) == 11
    # A planned posting date is printed with the date the notice comes down.
    head = po.svc.get(meeting.id)
    head.anslag_datum = "2022-03-07"
    po.svc.save(head)
    text = text_of(po.svc.protokoll_pdf(meeting.id, today=date(2022, 3, 1)))
    assert "Datum då anslaget sätts upp 2022-03-07 Datum då anslaget tas ned 2022-03-29" in text


def test_justera_locks_and_stores_the_pdf_with_its_hash(po, meeting):
    svc = po.svc
    seen = []

    def hook(db, justering):
        seen.append((justering.sammantrade_id, is_justerat(db, justering.sammantrade_id)))

    on_protokoll_justerat(hook)
    try:
        j = svc.justera(meeting.id, "2022-03-04", anslag_datum="2022-03-07", today=JUSTERAT)
    finally:
        remove_hook(hook)
    assert seen == [(meeting.id, True)]
    assert (j.slag, j.datum, j.anslag_datum, j.justerat_av) == (
        "protokoll", JUSTERAT, date(2022, 3, 7), ("Åsa Bergkvist", "Karin Åkesson (M)"))
    assert po.org.meetings.get_meeting(meeting.id).status == "justerat"
    assert protokoll_justering(svc.db, meeting.id) == j
    stored = svc.stored_pdf(j.id)
    assert hashlib.sha256(stored).hexdigest() == j.sha256
    assert validation_findings(stored) == []
    text = text_of(stored)
    assert "Justerat 2022-03-04 av Åsa Bergkvist och Karin Åkesson (M)." in text
    assert "Datum då anslaget sätts upp 2022-03-07" in text and "Datum då anslaget tas ned 2022-03-29" in text
    assert svc.protokoll_pdf(meeting.id) == stored
    f = svc.frister(meeting.id, today=date(2022, 3, 8))
    assert (f.overklagande_sista_dag, f.anslag_nedtas) == (date(2022, 3, 28), date(2022, 3, 29))
    assert f.varningar == ()

    # Services refuse edits with a Swedish message …
    budget = next(p for p in svc.paragrafer.paragrafer(meeting.id) if p.rubrik.startswith("Budget"))
    budget.beslut = richtext.from_plain_text("Ändrat i efterhand.")
    with pytest.raises(ValidationError, match="är justerat och kan inte ändras; gör en rättelse i stället"):
        svc.paragrafer.save(budget)
    with pytest.raises(ValidationError, match="är justerat"):
        svc.narvaro.save(Narvaro(meeting.id, "Ny Person", grupp="övrig"))
    with pytest.raises(ValidationError, match="är justerat"):
        svc.save(svc.get(meeting.id))
    with pytest.raises(ValidationError, match="redan justerat"):
        svc.justera(meeting.id, "2022-03-05", today=date(2022, 3, 5))
    # … and so does the database, whatever writes to it.
    for sql in ("UPDATE paragraf SET beslut = 'x' WHERE sammantrade_id = ?",
                "UPDATE narvaro SET namn = 'x' WHERE sammantrade_id = ?",
                "DELETE FROM rost WHERE votering_id IN (SELECT v.id FROM votering v JOIN paragraf p "
                "ON p.arende_id = v.arende_id WHERE p.sammantrade_id = ?)",
                "UPDATE arende SET rubrik = 'x' WHERE sammantrade_id = ?",
                "DELETE FROM arende WHERE sammantrade_id = ?",
                "UPDATE sammantrade SET plats = 'x' WHERE id = ?",
                "UPDATE sammantrade SET status = 'planerat' WHERE id = ?",
                "UPDATE justering SET pdf = x'00' WHERE sammantrade_id = ?",
                "DELETE FROM justering WHERE sammantrade_id = ?"):
        with pytest.raises(sqlite3.IntegrityError):
            svc.db.execute(sql, [meeting.id])
    with pytest.raises(ValidationError, match="är justerat; dagordningen kan inte ändras"):
        po.org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Sent ärende"))
    # A person named in the justerat protokoll is kept (docs/domain/justering.md, "What is kept").
    from app.organisation import OrganisationService

    with pytest.raises(ValidationError, match="Personen kan inte tas bort: personen finns i närvarolistan"):
        OrganisationService(svc.db).delete_person(po.person_id("Demir"))
    assert any(n.namn == "Yusuf Demir" and n.person_id == po.person_id("Demir")
               for n in svc.narvaro.narvaro(meeting.id))
    assert svc.stored_pdf(j.id) == stored


def test_tampering_is_detected(po, meeting):
    j = po.svc.justera(meeting.id, "2022-03-04", today=JUSTERAT)
    conn = po.svc.db.conn
    conn.execute("DROP TRIGGER justering_oforanderlig")  # someone with a database tool
    conn.execute("UPDATE justering SET pdf = ? WHERE id = ?", [b"%PDF-1.4 forged", j.id])
    with pytest.raises(IntegritetsFel, match="kontrollsumma"):
        po.svc.stored_pdf(j.id)


def test_rattelse_is_dated_visible_and_only_after_justering(po, meeting):
    svc = po.svc
    with pytest.raises(ValidationError, match="inte justerat; ändra texten direkt"):
        svc.add_rattelse(meeting.id, "Fel datum", "Åsa Engberg", "2022-03-05")
    j = svc.justera(meeting.id, "2022-03-04", today=JUSTERAT)
    budget = next(p for p in svc.paragrafer.paragrafer(meeting.id) if p.rubrik.startswith("Budget"))
    r = svc.add_rattelse(meeting.id, "Beloppet ska vara 1,8 mkr, inte 1,7 mkr.", "Åsa Engberg", "2022-03-10",
                         budget.arende_id)
    assert (r.datum, r.paragraf) == (date(2022, 3, 10), "§ 4")
    with pytest.raises(sqlite3.IntegrityError):
        svc.db.execute("UPDATE rattelse SET text = 'tyst' WHERE id = ?", [r.id])
    with pytest.raises(ValidationError, match="före justeringen"):
        svc.add_rattelse(meeting.id, "Tidigt", "Åsa Engberg", "2022-03-01")
    printed = svc.protokoll_pdf(meeting.id)
    assert printed.startswith(b"%PDF") and validation_findings(printed) == []
    stored_pages = len(PdfReader(io.BytesIO(svc.stored_pdf(j.id))).pages)
    reader = PdfReader(io.BytesIO(printed))
    assert len(reader.pages) > stored_pages
    tail = " ".join((p.extract_text() or "") for p in reader.pages[stored_pages:])
    assert [m.title for m in reader.outline][-1] == "Rättelser efter justering"
    assert reader.get_destination_page_number(reader.outline[-1]) == stored_pages
    assert "Rättelser efter justering" in tail and "Rättelse 2022-03-10 (§ 4)" in " ".join(tail.split())
    assert "Beloppet ska vara 1,8 mkr" in tail
    # The stored PDF itself never changes.
    assert hashlib.sha256(svc.stored_pdf(j.id)).hexdigest() == j.sha256


def test_mark_anslaget_on_another_day_adds_a_rattelse(po, meeting):
    svc = po.svc
    j = svc.justera(meeting.id, "2022-03-04", anslag_datum="2022-03-04", today=JUSTERAT)
    warnings = svc.mark_anslaget(j.id, "2022-03-08", today=date(2022, 3, 8))
    assert any("senast 2022-03-07" in w for w in warnings)
    assert po.org.meetings.get_meeting(meeting.id).status == "anslaget"
    assert svc.justering(j.id).anslag == date(2022, 3, 8)
    f = svc.frister(meeting.id, today=date(2022, 3, 8))
    assert f.overklagande_sista_dag == date(2022, 3, 29)
    assert "Anslaget sattes upp 2022-03-08, inte 2022-03-04" in svc.rattelser(meeting.id)[0].text
    with pytest.raises(ValidationError, match="redan registrerat"):
        svc.mark_anslaget(j.id, "2022-03-09")


def test_omedelbar_justering_prints_and_locks_one_paragraph(po, meeting):
    svc = po.svc
    budget = next(p for p in svc.paragrafer.paragrafer(meeting.id) if p.rubrik.startswith("Budget"))
    j = svc.justera_omedelbart(meeting.id, [budget.arende_id], "2022-02-28", today=date(2022, 2, 28))
    assert (j.slag, j.arende_ids, j.anslag_datum) == ("omedelbar", (budget.arende_id,), date(2022, 2, 28))
    text = text_of(svc.stored_pdf(j.id))
    assert "Omedelbart justerade paragrafer" in text and "Paragrafer 4" in text and "§ 4" in text
    assert "§ 5" not in text
    assert "Paragrafen justeras omedelbart." in text
    with pytest.raises(ValidationError, match="§ 4 är justerad omedelbart"):
        svc.paragrafer.save(svc.paragrafer.get(budget.arende_id))
    with pytest.raises(sqlite3.IntegrityError):
        svc.db.execute("UPDATE arende SET rubrik = 'x' WHERE id = ?", [budget.arende_id])
    other = next(p for p in svc.paragrafer.paragrafer(meeting.id) if p.rubrik == "Riktlinjer 2")
    other.beslutsunderlag = ["Tjänsteskrivelse."]
    svc.paragrafer.save(other)  # the rest is still open
    with pytest.raises(ValidationError, match="redan justerad"):
        svc.justera_omedelbart(meeting.id, [budget.arende_id], "2022-02-28", today=date(2022, 2, 28))
    anslag = text_of(svc.anslag_pdf(meeting.id, j.id))
    assert "Tillkännagivande av omedelbart justerade paragrafer" in anslag
    assert "Sista dag för överklagande 2022-03-21" in anslag
    # Utdrag can be made of it before the protokoll is justerat, not of the rest.
    assert "§ 4" in text_of(svc.utdrag_pdf(meeting.id, [budget.arende_id], today=date(2022, 2, 28)))
    with pytest.raises(ValidationError, match="§ 5 är inte justerad"):
        svc.utdrag_pdf(meeting.id, [other.arende_id - 1])
    whole = svc.justera(meeting.id, "2022-03-04", today=JUSTERAT)
    assert budget.arende_id not in whole.arende_ids
    assert svc.paragrafer.numrering(meeting.id).label(budget.arende_id) == "§ 4"
    assert "Paragrafen justerades omedelbart 2022-02-28." in text_of(svc.stored_pdf(whole.id))


def test_utdrag_batch_one_per_recipient_and_recorded(po, meeting):
    svc = po.svc
    with pytest.raises(ValidationError, match="Inga justerade paragrafer"):
        svc.skicka_utdrag(meeting.id)
    svc.justera(meeting.id, "2022-03-04", today=JUSTERAT)
    sent = svc.skicka_utdrag(meeting.id, "Åsa Engberg", "2022-03-07")
    by_recipient = {u.mottagare: u.paragrafer for u in sent}
    assert by_recipient == {"Förvaltningsledningen": "§ 4", "Ekonomer": "§ 4", "Akt": "§ 4, § 5, § 6",
                            "Förvaltningsledning": "§ 5, § 6"}
    assert [u.mottagare for u in svc.utskick(meeting.id)] == list(by_recipient)
    akt = next(u for u in sent if u.mottagare == "Akt")
    data = svc.utskick_pdf(akt.id)
    assert hashlib.sha256(data).hexdigest() == akt.sha256 and validation_findings(data) == []
    text = text_of(data)
    for expected in ("PROTOKOLLSUTDRAG", "Till Akt", "§ 4", "§ 5", "§ 6", "Justerat 2022-03-04",
                     "Rätt utdraget intygar", "Åsa Engberg, 2022-03-07", "Åsa Engberg 2022-03-07",
                     "Sammanträdesdatum Måndagen den 28 februari 2022"):
        assert expected in text, expected
    assert "§ 7" not in text
    with pytest.raises(ValidationError, match="Kommunstyrelsen finns inte"):
        svc.skicka_utdrag(meeting.id, mottagare=["Kommunstyrelsen"])
    assert len(svc.skicka_utdrag(meeting.id, mottagare=["Ekonomer"], datum="2022-03-08")) == 1
    assert len(svc.utskick(meeting.id)) == 5


def test_anslag_pdf(po, meeting):
    svc = po.svc
    with pytest.raises(ValidationError, match="inte justerat; anslaget görs efter"):
        svc.anslag_pdf(meeting.id)
    svc.justera(meeting.id, "2022-03-25", anslag_datum="2022-03-25", today=date(2022, 3, 25))
    data = svc.anslag_pdf(meeting.id)
    assert validation_findings(data) == []
    text = text_of(data)
    for expected in ("ANSLAG", "Tillkännagivande av justerat protokoll",
                     "Protokollet från Vård- och omsorgsnämndens sammanträde 28 februari 2022 "
                     "justerades 2022-03-25.",
                     "Paragrafer 1–10", "Datum då anslaget sätts upp 2022-03-25",
                     "Datum då anslaget tas ned 2022-04-20", "Sista dag för överklagande 2022-04-19",
                     "senast tisdagen den 19 april 2022",
                     "Tre veckor från anslaget är 2022-04-15 (långfredagen)",
                     "Vård- och omsorgsförvaltningen, Ludvika"):
        assert expected in text, expected
    assert "Justerandes sign" not in text


def test_hostile_text_renders(po, meeting):
    svc = po.svc
    ids = {n.namn.split(" ", 1)[1]: n.id for n in svc.narvaro.narvaro(meeting.id)}
    svc.narvaro.save(Narvaro(meeting.id, NASTY[:150], grupp="övrig", roll="Konsult <i>&"))
    p = next(p for p in svc.paragrafer.paragrafer(meeting.id) if p.rubrik == "Riktlinjer 2")
    p.beslut = richtext.from_plain_text(NASTY)
    p.beskrivning = "<p>" + "Text &amp; mer <script>alert(1)</script> " * 40 + "</p>"
    p.protokollsanteckningar = [Anforande("protokollsanteckning", narvaro_id=ids["Demir"], text=NASTY)]
    p.skickas_till = [NASTY[:80]]
    svc.paragrafer.save(p)
    po.org.arenden.save(po.org.arenden.get(p.arende_id).__class__(
        **{**po.org.arenden.get(p.arende_id).__dict__, "rubrik": NASTY, "dnr": "VON 2022/44-73 & <x>"}))
    data = svc.protokoll_pdf(meeting.id, today=date(2022, 3, 1))
    assert validation_findings(data) == []
    text = text_of(data)
    assert "Avgifter & taxor <b>2024</b> > 5 %" in text
    assert "Жилищный фонд" in text
    assert "Text & mer" in text and "alert" not in text  # pasted markup is text; scripts are dropped
    assert "Dnr VON 2022/44-73 & <x>" in text
    j = svc.justera(meeting.id, "2022-03-04", today=JUSTERAT)
    assert "Avgifter & taxor" in text_of(svc.utdrag_pdf(meeting.id, [p.arende_id], today=JUSTERAT))
    assert j.sha256
