"""Printed economy documents: right figures in Swedish formats, charts drawn with
embedded fonts, PDF/A-2b, and the follow-up put on a meeting's agenda."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pypdf import PdfReader

from app.budget.pdf import layout
from app.budget.pdf.internbudget import render_internbudget
from app.budget.pdf.investeringar import render_investeringar
from app.budget.pdf.uppfoljning import render_uppfoljning
from app.pdf.pdfa import validation_findings

NB = "\u00a0"


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _fonts(data: bytes) -> set[str]:
    names = set()
    with pikepdf.open(io.BytesIO(data)) as doc:
        for page in doc.pages:
            for font in page.resources.get("/Font", {}).values():
                names.add(str(font.get("/BaseFont")))
            for xobj in page.resources.get("/XObject", {}).values():
                for font in xobj.get("/Resources", {}).get("/Font", {}).values():
                    names.add(str(font.get("/BaseFont")))
    return names


def test_internbudget_pdf_has_the_seed_sums(demo_session, von):
    data = render_internbudget(demo_session.db, von, 2023)
    text = _text(data)
    assert "Internbudget 2023" in text
    for figure in ("S:a Nettokostnad", f"-315{NB}581", f"-333{NB}088", "S:a Intäkter", f"41{NB}620",
                   "S:a Kostnader", f"-374{NB}708", "Investeringsbudget 2023 – 2025", f"9{NB}110",
                   "Varav summa SOF", f"4{NB}750", "exakt (differens 0)"):
        assert figure.replace(NB, " ") in text.replace(NB, " "), figure
    assert validation_findings(data) == []
    assert not any("Helvetica" in f for f in _fonts(data))


def test_uppfoljning_pdf_with_charts_is_pdfa(demo_session, von):
    data = render_uppfoljning(demo_session.db, von, 2022, 1)
    text = _text(data).replace(NB, " ")
    assert "Budgetuppföljning januari 2022" in text
    assert "Förslag till beslut" in text
    assert "616 351 000" in text and "-4 805 782" in text and "-3 896 136" in text
    assert "Budget och utfall, ackumulerat (kr)" in text  # the chart's title is real text
    assert "-17 366 639" in text  # Ej budgeterat, Summa
    assert validation_findings(data) == []
    fonts = _fonts(data)
    assert all(name.split("+")[-1].startswith(("Liberation", "DejaVu")) for name in fonts), fonts


def test_delar_includes_atgardsplan_investments_and_key_figures(demo_session, von):
    data = render_uppfoljning(demo_session.db, von, 2024, 8)
    text = _text(data).replace(NB, " ")
    for part in ("Åtgärdsplan", "Hög sjukfrånvaro", "Investeringsredovisning augusti 2024", "11 423",
                 "Volymmått", "20 450", "Personalnyckeltal", "1 195", "10,3 %", "3 425", "-3 626"):
        assert part in text, part
    assert validation_findings(data) == []


def test_wide_table_gets_a_landscape_page_with_its_heading(demo_session, von):
    data = render_uppfoljning(demo_session.db, von, 2023, 10)  # eleven columns in kr … tkr
    reader = PdfReader(io.BytesIO(data))
    sizes = [tuple(round(float(x)) for x in page.mediabox[2:]) for page in reader.pages]
    landscape = [i for i, size in enumerate(sizes) if size == (842, 595)]
    assert landscape, sizes
    assert "Driftredovisning januari–oktober 2023" in reader.pages[landscape[0]].extract_text()
    assert sizes[-1] == (842, 595)  # nothing follows: no empty portrait page at the end


def test_investeringar_pdf_and_missing_year(demo_session, von):
    data = render_investeringar(demo_session.db, von, 2023)
    text = _text(data).replace(NB, " ")
    assert "Investeringsredovisning 2023" in text and "Slutredovisas" in text and "-21" in text
    with pytest.raises(layout.EkonomiPdfError, match="ingen internbudget för 2031"):
        render_internbudget(demo_session.db, von, 2031)


def test_column_widths_keep_figures_on_one_line(demo_ek, von):
    from app.budget.tabeller import tabell_uppfoljning

    u = demo_ek.uppfoljning.get(von, 2022, 1)
    t = tabell_uppfoljning(u, "kostnader_negativa")
    widths = layout.column_widths(t, layout.frame_width(), 9)
    assert widths is not None and widths[0] >= layout.FIRST_MIN - 0.01
    assert layout.column_widths(t, 100, 9) is None  # cannot fit: caller goes landscape


def test_uppfoljning_goes_on_the_agenda_in_one_step(demo_session, von):
    from app.budget.arende import uppfoljning_till_sammantrade
    from app.meetings import ArendeService, BilagaService, MeetingService
    from app.richtext import to_plain_text

    meetings = MeetingService(demo_session.db)
    organ = demo_session.db.execute("SELECT id FROM organ WHERE namnd_id = ? AND typ = 'nämnd'",
                                    [von]).fetchone()[0]
    m = meetings.create_meeting(organ, "2024-09-26", starttid="14:15")
    before = len(ArendeService(demo_session.db).arenden(m.id))
    arende_id = uppfoljning_till_sammantrade(demo_session.db, m.id, 2024, 8)
    again = uppfoljning_till_sammantrade(demo_session.db, m.id, 2024, 8)
    assert again == arende_id
    arenden = ArendeService(demo_session.db).arenden(m.id)
    assert len(arenden) == before + 1
    a = ArendeService(demo_session.db).get(arende_id)
    assert a.rubrik == "Budgetuppföljning augusti 2024"
    assert to_plain_text(a.forslag_till_beslut) == \
        "Nämnden godkänner budgetuppföljningen för augusti månad 2024."
    assert "3 425 tkr" in to_plain_text(a.beskrivning).replace(NB, " ")
    assert a.skickas_till == ["Förvaltningsledningen", "Ekonomer", "Akt"]
    bilagor = BilagaService(demo_session.db).bilagor(arende_id)
    assert [b.titel for b in bilagor] == ["Budgetuppföljning augusti 2024"]
    from app.validation import ValidationError

    with pytest.raises(ValidationError, match="ingen budgetuppföljning för mars 2030"):
        uppfoljning_till_sammantrade(demo_session.db, m.id, 2030, 3)
