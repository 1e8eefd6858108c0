"""The arbetsutskott's förslag carried to the nämnd (app/meetings/au_forslag.py,
app/protokoll/au_utdrag.py): from the AU's beslut, through its justering, to the nämnd's
printed handlingar, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from meeting_fixtures import SEATED_FROM, seated_until
from pdf_samples import make_pdf
from protokoll_fixtures import make_protokoll_org, narvaro_by_name
from pypdf import PdfReader

from app import richtext
from app.meetings import Arende
from app.meetings.documents import build_handlingar
from app.organisation import OrganisationService, Uppdrag
from app.validation import ValidationError

AU_DAY, AU_JUSTERAT, NAMND_DAY = "2022-02-14", date(2022, 2, 16), "2022-02-28"
FORVALTNINGENS = "Vård- och omsorgsnämnden antar riktlinjerna för alkoholservering."
AU_BESLUT = ("Vård- och omsorgsnämndens arbetsutskott föreslår nämnden att anta riktlinjerna med "
             "ändringen att avsnitt 3 stryks.")
UTDRAG_TITEL = ("Protokollsutdrag § 2 från vård- och omsorgsnämndens arbetsutskotts sammanträde den "
                "14 februari 2022")


@pytest.fixture
def chain(session):
    """An AU with three ledamöter, its meeting with two ärenden, the nämnd's meeting."""
    po = make_protokoll_org(session.db)
    org = po.org
    svc = OrganisationService(session.db)
    for efternamn, roll in (("Bergkvist", "ordförande"), ("Öberg", "ledamot"), ("Åkesson", "ledamot")):
        svc.save_uppdrag(Uppdrag(person_id=po.person_id(efternamn), organ_id=org.au.id, roll=roll,
                                 fran=SEATED_FROM, till=seated_until()))
    au = org.meetings.create_meeting(org.au.id, AU_DAY, use_template=False)
    org.arenden.add(Arende(sammantrade_id=au.id, rubrik="Budgetuppföljning januari 2022", dnr="2021/1",
                           forslag_till_beslut=richtext.from_plain_text("Arbetsutskottet godkänner.")))
    src = org.arenden.add(Arende(
        sammantrade_id=au.id, rubrik="Riktlinjer för alkoholservering", dnr="2022/29", datum="2022-01-21",
        forslag_till_beslut=richtext.from_plain_text(FORVALTNINGENS),
        skickas_till=["Förvaltningsledning", "Akt"]))
    org.bilagor.attach(src.id, make_pdf(2, "Riktlinjer"), "riktlinjer.pdf", "Riktlinjer för alkoholservering",
                       "2022-01-17")
    namnd = org.meetings.create_meeting(org.namnd_organ.id, NAMND_DAY)
    return po, au, src, namnd


def justera_au(po, au, text: str = AU_BESLUT):
    svc = po.svc
    svc.start(au.id)
    head = svc.get(au.id)
    head.justerare = [narvaro_by_name(po, au.id)["Åkesson"]]
    head.justering_plats, head.justering_datum, head.justering_tid = "Kommunhuset", "2022-02-16", "10:00"
    svc.save(head)
    p = next(p for p in svc.paragrafer.paragrafer(au.id) if p.rubrik == "Riktlinjer för alkoholservering")
    p.beslut = richtext.from_plain_text(text)
    svc.paragrafer.save(p)
    return svc.justera(au.id, AU_JUSTERAT, today=AU_JUSTERAT)


def pages_of(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_before_the_au_has_decided_the_namnd_has_the_forvaltnings_forslag(chain):
    po, _au, src, namnd = chain
    copy = po.org.arenden.copy_to(src.id, namnd.id)
    assert (copy.forslag_kalla, copy.forslag_rubrik) == ("förvaltning", "Förvaltningens förslag till beslut")
    assert richtext.to_plain_text(copy.forslag_till_beslut) == FORVALTNINGENS
    problems = po.org.meetings.check_before_print(namnd.id)
    assert [p.message for p in problems if p.arende_id == copy.id] == [
        f"Ärende {copy.nummer} ”Riktlinjer för alkoholservering”: arbetsutskottets beslut från {AU_DAY} är "
        "inte justerat än, så handlingarna visar förvaltningens förslag till beslut och inget "
        "protokollsutdrag."]


def test_the_au_beslut_and_utdrag_reach_the_namnds_printed_handlingar(chain):
    po, au, src, namnd = chain
    org = po.org
    copy = org.arenden.copy_to(src.id, namnd.id)  # copied before the AU decided
    justera_au(po, au)
    carried = org.arenden.get(copy.id)
    assert carried.forslag_rubrik == "Arbetsutskottets förslag till beslut"
    assert richtext.to_plain_text(carried.forslag_till_beslut) == AU_BESLUT
    bilagor = org.bilagor.bilagor(copy.id)
    assert [(b.position, b.titel, b.datum) for b in bilagor] == [
        (1, UTDRAG_TITEL, None), (2, "Riktlinjer för alkoholservering", "2022-01-17")]
    assert not [p for p in org.meetings.check_before_print(namnd.id) if p.arende_id == copy.id]

    result = build_handlingar(po.svc.db, namnd.id, level=None)
    reader, texts = pages_of(result.data)
    whole = " ".join(texts)
    assert f"Arbetsutskottets förslag till beslut {AU_BESLUT}" in whole
    assert FORVALTNINGENS not in whole  # the AU changed it; its wording is what the nämnd reads
    # The beslutsunderlag lists the tjänsteskrivelse, the AU's utdrag and the bilaga.
    assert (f"Beslutsunderlag 1. Tjänsteskrivelse daterad den 21 januari 2022. 2. {UTDRAG_TITEL}. "
            "3. Riktlinjer för alkoholservering, daterad den 17 januari 2022.") in whole
    # The ärende's bookmark, its documents below it, and the kallelse's page range agree.
    place = next(p for p in result.placements if p.arende_id == copy.id)
    assert [d.title for d in place.documents] == [
        "Tjänsteskrivelse", f"Bilaga: {UTDRAG_TITEL}", "Bilaga: Riktlinjer för alkoholservering"]
    mark_index = next(i for i, o in enumerate(reader.outline)
                      if not isinstance(o, list) and o.title.startswith(f"{copy.nummer}. Riktlinjer"))
    mark, children = reader.outline[mark_index], reader.outline[mark_index + 1]
    assert reader.get_destination_page_number(mark) + 1 == place.first_page
    utdrag_page = reader.get_destination_page_number(children[1]) + 1
    assert children[1].title == f"Bilaga: {UTDRAG_TITEL}" and utdrag_page == place.documents[1].first_page
    utdrag_text = texts[utdrag_page - 1]
    assert "PROTOKOLLSUTDRAG" in utdrag_text and "§ 2" in utdrag_text and AU_BESLUT in utdrag_text
    assert "Justerat 2022-02-16" in utdrag_text
    assert texts[place.documents[2].first_page - 1].startswith("Riktlinjer")  # the bilaga after it
    assert re.search(rf"\b{copy.nummer} Riktlinjer för alkoholservering 2022/29 "
                     rf"{place.first_page} - {place.last_page}\b", texts[0])
    assert all(t.endswith(f"Sida {n} av {len(texts)}") for n, t in enumerate(texts, start=1))


def test_an_arende_copied_after_the_justering_gets_the_au_beslut_at_once(chain):
    po, au, src, namnd = chain
    justera_au(po, au)
    copy = po.org.arenden.copy_to(src.id, namnd.id)
    assert copy.forslag_kalla == "arbetsutskott"
    assert richtext.to_plain_text(copy.forslag_till_beslut) == AU_BESLUT
    assert po.org.bilagor.bilagor(copy.id)[0].titel == UTDRAG_TITEL
    # The utdrag as kept is a public record: the database refuses a change.
    with pytest.raises(Exception, match="kan inte ändras"):
        po.svc.db.execute("UPDATE au_utdrag SET beslut = 'x'")


def test_a_later_rattelse_of_the_au_paragraf_flags_the_namnd_arende(chain):
    po, au, src, namnd = chain
    copy = po.org.arenden.copy_to(src.id, namnd.id)
    justera_au(po, au)
    po.svc.add_rattelse(au.id, "Även avsnitt 4 stryks.", "Åsa Engberg", datum="2022-02-18", arende_id=src.id,
                        today=date(2022, 2, 18))
    messages = [p.message for p in po.org.meetings.check_before_print(namnd.id) if p.arende_id == copy.id]
    assert messages == [
        f"Ärende {copy.nummer} ”Riktlinjer för alkoholservering”: arbetsutskottets § 2 {AU_DAY} rättades "
        "2022-02-18, efter att utdraget gjordes: ”Även avsnitt 4 stryks.”. Kontrollera förslaget och ta med "
        "rättelsen i handlingarna."]


def test_a_removed_utdrag_is_an_error_of_the_check(chain):
    po, au, src, namnd = chain
    copy = po.org.arenden.copy_to(src.id, namnd.id)
    justera_au(po, au)
    po.org.bilagor.remove(po.org.bilagor.bilagor(copy.id)[0].id)
    found = [p for p in po.org.meetings.check_before_print(namnd.id) if p.arende_id == copy.id]
    assert [(p.severity, p.message) for p in found] == [
        ("fel", f"Ärende {copy.nummer} ”Riktlinjer för alkoholservering”: protokollsutdraget ur "
                f"arbetsutskottets § 2 {AU_DAY} finns inte bland bilagorna.")]
    with pytest.raises(ValidationError):
        po.org.meetings.get_meeting(10_000)
