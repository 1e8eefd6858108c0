"""The smaller points of the meeting cycle (issue 16): saving a justerat meeting, the
stored protokoll asked for at another PDF/A level, the anslag of omedelbart justerade
§§, the "Anmälan om extra ärenden" §, and the heading of the ersättare not serving."""

from __future__ import annotations

import io
from datetime import date

import pytest
from protokoll_fixtures import make_meeting, ready
from pypdf import PdfReader

from app import richtext
from app.cli import main
from app.meetings import Arende
from app.validation import ValidationError


def text_of(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_a_justerat_meeting_saves_and_refuses_in_swedish(demo_session):
    meetings = demo_session.meetings
    au = meetings.meetings()[0]
    assert au.status == "anslaget"
    au.meddelande = "Protokollet finns på kommunens webbplats."
    meetings.save_meeting(au)  # no "Okänd status ”anslaget”"
    assert meetings.get_meeting(au.id).meddelande == "Protokollet finns på kommunens webbplats."
    au.plats = "Någon annanstans"
    with pytest.raises(ValidationError) as info:
        meetings.save_meeting(au)
    assert [(e.field, e.message) for e in info.value.errors] == [(
        "plats", f"Protokollet från {au.datum} är anslaget, och platsen står i det justerade protokollet och "
                 "kan inte ändras. Gör en rättelse under Protokoll → Justering i stället.")]
    au = meetings.get_meeting(au.id)
    au.status = "genomfört"
    with pytest.raises(ValidationError, match="statusen sätts av protokollet"):
        meetings.save_meeting(au)


def test_the_stored_protokoll_is_not_made_again_at_another_level(demo_session, capsys, tmp_path):
    au = demo_session.meetings.meetings()[0]
    out = tmp_path / "protokoll.pdf"
    db = str(demo_session.path)
    assert main(["--db", db, "protokoll", str(au.id), "-o", str(out), "--pdfa", "1b"]) == 0
    said = capsys.readouterr()
    assert f"Protokollet (justerat) har skrivits: {out}, PDF/A-2b." in said.out
    assert ("OBS: Det justerade protokollet skrivs som det sparades vid justeringen (PDF/A-2b); --pdfa 1b "
            "gäller inte ett justerat protokoll.") in said.err
    stored = demo_session.protokoll.original_pdf(au.id)
    assert out.read_bytes() == stored
    # Asked for the level it has, nothing is said.
    assert main(["--db", str(demo_session.path), "protokoll", str(au.id), "-o", str(out)]) == 0
    assert "OBS" not in capsys.readouterr().err



def test_anslag_of_omedelbart_justerade_paragrafer_names_the_justering(po, session, capsys, tmp_path):
    m = make_meeting(po)
    ready(po, m.id)
    budget = next(p for p in po.svc.paragrafer.paragrafer(m.id) if p.rubrik.startswith("Budgetuppföljning"))
    j = po.svc.justera_omedelbart(m.id, [budget.arende_id], "2022-02-28", today=date(2022, 2, 28))
    out = tmp_path / "anslag.pdf"
    assert main(["--db", str(session.path), "anslag", str(m.id), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "Protokollet från 2022-02-28 är inte justerat; anslaget görs efter justeringen.",
        "Omedelbart justerade paragrafer har egna anslag; ange en av justeringarna med --justering ID:",
        f"  --justering {j.id}: {budget.label}, justerade 2022-02-28"]
    assert not out.exists()
    assert main(["--db", str(session.path), "anslag", str(m.id), "-o", str(out),
                 "--justering", str(j.id)]) == 0
    assert f"Paragraf {budget.label.removeprefix('§').strip()} i protokollet" in text_of(out.read_bytes())


def test_anmalan_om_extra_arenden_names_the_extra_arenden(po):
    m = make_meeting(po)
    extra = po.org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Skrivelse om trygghetsboende", dnr="2022/40", extra=True,
        forslag_till_beslut=richtext.from_plain_text("Nämnden besvarar skrivelsen.")))
    ready(po, m.id)
    anmalan = next(p for p in po.svc.paragrafer.paragrafer(m.id) if p.rubrik == "Anmälan om extra ärenden")
    wanted = ("Vård- och omsorgsnämnden beslutar att ta upp följande extra ärende: "
              "Skrivelse om trygghetsboende.")
    assert richtext.to_plain_text(anmalan.beslut) == wanted
    assert extra.extra
    text = text_of(po.svc.protokoll_pdf(m.id, level=None, today=date(2022, 2, 28)))
    assert f"{anmalan.label} Anmälan om extra ärenden Beslut {wanted}" in text
    # Without extra ärenden the § stays as typed (empty), as before.
    other = make_meeting(po, "2022-03-28")
    ready(po, other.id)
    plain = next(p for p in po.svc.paragrafer.paragrafer(other.id) if p.rubrik == "Anmälan om extra ärenden")
    assert richtext.is_empty(plain.beslut)


def test_ersattare_not_serving_are_headed_as_such(demo_session):
    namnd = demo_session.meetings.meetings()[-1]
    text = text_of(demo_session.protokoll.protokoll_pdf(namnd.id, level=None))
    assert "Ej tjänstgörande ersättare Ingrid Backman (M) Övriga närvarande" in text
    assert " Ersättare " not in text


def test_the_anslagsbevis_stays_on_page_1_under_the_signatures(po):
    from app.protokoll.model import Narvaro

    m = make_meeting(po)
    ready(po, m.id)
    # Five more officials: the box laid out a field a row went to a page of its own
    # from two on; two fields a row it fits under the signatures.
    for n in range(1, 6):
        po.svc.narvaro.save(Narvaro(m.id, f"Tjänsteperson Nummer{n}", "övrig", roll="handläggare"))
    reader = PdfReader(io.BytesIO(po.svc.protokoll_pdf(m.id, level=None, today=date(2022, 2, 28))))
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Tjänsteperson Nummer5, handläggare" in first and "Justerande" in first
    assert "ANSLAG/BEVIS Protokollet är justerat." in first
    assert "Organ Vård- och omsorgsnämnden Sammanträdesdatum 2022-02-28" in first
    assert "ANSLAG/BEVIS" not in " ".join((p.extract_text() or "") for p in reader.pages[1:])
