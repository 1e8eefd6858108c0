"""PDF/A only when true: a document is announced as PDF/A-2b only when the validator
passed on its bytes, otherwise it is an ordinary PDF (without the PDF/A identification)
and the result says why in Swedish; a bilaga with a non-embedded Type 1 font is named
with what to do, and no English validator text reaches the user."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from importlib import resources

import pikepdf
import pytest
from pdf_samples import make_non_archival_pdf
from protokoll_fixtures import make_meeting, make_protokoll_org, ready
from reportlab.platypus import Paragraph

from app.cli import main
from app.pdf import pdfa, pdfa_findings
from app.pdf.document import DocumentInfo, build_pdf
from app.pdf.styles import styles
from app.services import Services

JUSTERAT = date(2022, 3, 4)
ENGLISH = ("font", "embedded", "FontDescriptor", "ISO_19005", "violation", "unsupported")
NOT_EMBEDDED = "Dokumentet har typsnitt som inte är inbäddade."


def spoil(data: bytes) -> bytes:
    """``data`` with one more page drawn in the standard Helvetica, not embedded: what
    the validator rejects (the stand-in for any content the archive format cannot hold)."""
    extra = make_non_archival_pdf("Tillägg")
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(extra)) as more:
        pdf.pages.extend(more.pages)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def assert_swedish(text: str) -> None:
    for word in ENGLISH:
        assert word not in text, (word, text)


def pdfa_identification(data: bytes) -> dict:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {k: v for k, v in pdf.open_metadata().items() if "pdfa/ns/id" in k}


# -- the findings in Swedish ---------------------------------------------------------------
def test_every_rule_of_the_validator_has_a_swedish_cause():
    catalogue = json.loads((resources.files("pikepdf.pdfa") / "data" / "verapdf_rules.json").read_text())
    rules = list(catalogue["rules"])
    assert len(rules) > 400
    unknown = [rule for rule in rules if pdfa_findings.cause_of(rule) is pdfa_findings.UNKNOWN]
    assert unknown == []
    assert pdfa_findings.cause_of("ISO_19005_2:6.2.11.4.1-1") is pdfa_findings.FONTS_NOT_EMBEDDED
    assert pdfa_findings.cause_of("ISO_19005_1:6.3.4-1") is pdfa_findings.FONTS_NOT_EMBEDDED
    assert pdfa_findings.cause_of("ISO_19005_2:6.4.1-1") is pdfa_findings.FORMS
    # An unknown rule becomes the general sentence, never its English.
    assert pdfa_findings.cause_of("pikepdf:något-nytt") is pdfa_findings.UNKNOWN


def test_a_document_the_validator_rejects_is_an_ordinary_pdf_without_the_claim(caplog):
    good = build_pdf([Paragraph("Protokoll", styles().body)], DocumentInfo(title="Prov"))
    made = pdfa.to_archive(good, "2b")
    assert made.level == "2b" and made.reasons == () and made.description == "PDF/A-2b"
    assert pdfa.validation_findings(made.data, "2b") == []
    assert pdfa.claimed_level(made.data) == "2b"

    caplog.set_level("INFO")
    made = pdfa.to_archive(spoil(good), "2b", subject="Prov")
    assert made.level is None
    assert made.reasons == (NOT_EMBEDDED,)
    assert made.description == f"vanlig PDF (inte PDF/A): {NOT_EMBEDDED}"
    # The preparation had written the PDF/A identification; the ordinary PDF keeps none.
    assert pdfa.claimed_level(made.data) is None and pdfa_identification(made.data) == {}
    # The English goes to the log only.
    assert "Type 1 font has no /FontDescriptor" in caplog.text
    status = pdfa.archive_status(made.data, "2b")
    assert (status.level, status.reasons) == (None, (NOT_EMBEDDED,))
    # The strict form refuses, in Swedish.
    with pytest.raises(pdfa.PdfaError) as refused:
        pdfa.to_pdfa(spoil(good), "2b")
    assert refused.value.findings == [NOT_EMBEDDED]


def test_a_file_claiming_pdfa_that_the_validator_rejects_is_not_announced_as_pdfa():
    good = pdfa.to_archive(build_pdf([Paragraph("Text", styles().body)], DocumentInfo(title="Prov")), "2b")
    extra = make_non_archival_pdf()
    with pikepdf.open(io.BytesIO(good.data)) as pdf, pikepdf.open(io.BytesIO(extra)) as more:
        pdfa.remove_empty_trans(more)  # else the validator stops at the page before the font
        pdf.pages.extend(more.pages)  # keeps its XMP claim of PDF/A-2b
        out = io.BytesIO()
        pdf.save(out)
    assert pdfa.claimed_level(out.getvalue()) == "2b"
    status = pdfa.archive_status(out.getvalue())
    assert status.level is None and status.reasons == (NOT_EMBEDDED,)


# -- a bilaga from Word --------------------------------------------------------------------
@pytest.fixture
def coming(demo_session):
    """The demo's coming nämnd meeting (planerat) and its first ärende."""
    meeting = next(m for m in demo_session.meetings.meetings() if m.status == "planerat")
    arende = demo_session.arenden.arenden(meeting.id)[0]
    return meeting, arende


def test_a_bilaga_with_a_non_embedded_type1_font_is_named_with_what_to_do(demo_session, coming):
    from app.meetings.documents import build_handlingar

    meeting, arende = coming
    bilaga = demo_session.bilagor.attach(arende.id, make_non_archival_pdf("Rapport"), "rapport-word.pdf",
                                         "Rapport från Word")
    advice = ("Filen har typsnitt som inte är inbäddade; spara den som PDF/A (i Word: Spara som → PDF → "
              "Alternativ → ”PDF/A-kompatibel”) och bifoga den igen.")
    assert not bilaga.pdfa_ok and bilaga.pdfa_problem == advice
    problems = [p.message for p in demo_session.bilagor.check_meeting(meeting.id)]
    (problem,) = [m for m in problems if "rapport-word.pdf" in m]
    assert problem == (f"Bilaga ”Rapport från Word” (rapport-word.pdf) i ärende {arende.nummer} är inte i "
                       f"arkivformat (PDF/A); handlingarna blir då inte PDF/A. {advice}")

    result = build_handlingar(demo_session.db, meeting.id)
    assert result.pdfa_level is None and pdfa.claimed_level(result.data) is None
    (warning,) = result.warnings
    assert warning.startswith(f"Bilaga ”Rapport från Word” (rapport-word.pdf) i ärende {arende.nummer} "
                              "är inte i arkivformat (PDF/A-2b), så handlingarna blir inte PDF/A.")
    assert advice in warning
    assert_swedish(warning)


def test_a_reason_stored_in_english_before_is_shown_in_swedish(demo_session, coming):
    _meeting, arende = coming
    bilaga = demo_session.bilagor.attach(arende.id, make_non_archival_pdf(), "gammal.pdf", "Gammal")
    demo_session.db.execute(
        "UPDATE bilaga SET pdfa_problem = ? WHERE id = ?",
        ["Type 1 font has no /FontDescriptor, so it is not embedded (obj 2 0 (Font), "
         "ISO_19005_2:6.2.11.4.1-1)", bilaga.id])
    (shown,) = [b for b in demo_session.bilagor.bilagor(arende.id) if b.id == bilaga.id]
    assert shown.pdfa_problem.startswith("Filen har typsnitt som inte är inbäddade; spara den som PDF/A")
    unknown = pdfa_findings.stored_reason("Something odd happened (obj 4 0, pikepdf:helt-nytt)")
    assert unknown == ("Filen uppfyller inte arkivformatet PDF/A; spara den som PDF/A (i Word: Spara som → "
                       "PDF → Alternativ → ”PDF/A-kompatibel”) och bifoga den igen.")


# -- documents the program makes -----------------------------------------------------------
def test_a_justering_the_validator_rejects_is_stored_as_an_ordinary_pdf_and_says_so(session, monkeypatch,
                                                                                    tmp_path, capsys):
    from app.jobs import Progress
    from app.protokoll import justering as justering_module
    from ui.protokoll.jobs import justera_job

    real = justering_module.render_protokoll

    def spoiled(*args, **kwargs):
        rendered = real(*args, **kwargs)
        return dataclasses.replace(rendered, data=spoil(rendered.data))

    monkeypatch.setattr(justering_module, "render_protokoll", spoiled)
    po = make_protokoll_org(session.db)
    meeting = make_meeting(po)
    ready(po, meeting.id)
    job = justera_job(meeting.id, "2022-03-04", "2022-03-07", JUSTERAT)
    outcome = job(Services(session.db), Progress())
    assert outcome.message.endswith(f"protokollet är sparat som vanlig PDF (inte PDF/A): {NOT_EMBEDDED}")
    (j,) = po.svc.justeringar(meeting.id)
    stored = po.svc.stored_pdf(j.id)
    assert pdfa.claimed_level(stored) is None and pdfa.validation_findings(stored) != []

    out = tmp_path / "protokoll.pdf"
    session.close()
    assert main(["--db", str(session.path), "protokoll", str(meeting.id), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Protokollet (justerat) har skrivits: {out}, vanlig PDF (inte PDF/A): {NOT_EMBEDDED}" in printed
    assert "PDF/A-2b" not in printed


def test_a_justering_that_passes_says_pdfa(session):
    from app.jobs import Progress
    from ui.protokoll.jobs import justera_job

    po = make_protokoll_org(session.db)
    meeting = make_meeting(po)
    ready(po, meeting.id)
    job = justera_job(meeting.id, "2022-03-04", "2022-03-07", JUSTERAT)
    outcome = job(Services(session.db), Progress())
    assert outcome.message.endswith("protokollet är sparat som PDF/A-2b")


def test_a_kallelse_the_validator_rejects_is_announced_as_an_ordinary_pdf(demo_session, coming, monkeypatch):
    from app.meetings import documents

    real = documents.lay_out

    def spoiled(*a, **k):
        layout = real(*a, **k)
        return dataclasses.replace(layout, kallelse=dataclasses.replace(layout.kallelse,
                                                                        data=spoil(layout.kallelse.data)))

    meeting, _arende = coming
    assert documents.make_kallelse(demo_session.db, meeting.id).pdfa_level == "2b"
    monkeypatch.setattr(documents, "lay_out", spoiled)
    result = documents.make_kallelse(demo_session.db, meeting.id)
    assert result.pdfa_level is None and result.pdfa_reasons == (NOT_EMBEDDED,)
    assert pdfa.claimed_level(result.data) is None
