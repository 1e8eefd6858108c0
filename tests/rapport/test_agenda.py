"""The report onto a meeting's agenda in one call: an ärende with förslag till beslut
from the report's data and the report's PDF/A as its bilaga."""

from __future__ import annotations

import io

from pypdf import PdfReader

from app import richtext
from app.meetings import BilagaService
from app.rapport import RapportService
from app.rapport.agenda import meetings_for_rapport, put_rapport_on_agenda


def test_the_delarsrapport_goes_on_the_agenda_with_its_decision(demo_session):
    db = demo_session.db
    delar = next(r for r in RapportService(db).rapporter() if r.slag == "delårsrapport")
    meetings = meetings_for_rapport(db, delar.id)
    assert meetings and all(m.status in ("planerat", "kallat", "genomfört") for m in meetings)
    placed = put_rapport_on_agenda(db, delar.id, meetings[0].id)
    assert placed.arende.sammantrade_id == meetings[0].id
    assert placed.arende.rubrik == "Delårsrapport 2024 – Vård- och omsorgsnämnden"
    assert richtext.to_plain_text(placed.arende.forslag_till_beslut) == (
        "Vård- och omsorgsnämnden godkänner delårsrapporten för perioden januari–augusti 2024 och "
        "överlämnar den till kommunstyrelsen.")
    assert placed.bilaga.filnamn == "Delårsrapport 2024.pdf" and placed.bilaga.pdfa_ok
    stored = BilagaService(db).bilagor(placed.arende.id)
    assert [b.titel for b in stored] == ["Delårsrapport 2024"]
    data = BilagaService(db).data(stored[0].id)
    reader = PdfReader(io.BytesIO(data))
    assert placed.bilaga.sidor == len(reader.pages)
    assert "Innehållsförteckning" in reader.pages[1].extract_text()
