"""A report copied to the next period: the same months a year later, the outline and
texts brought along, every chapter with text marked "att granska" until its text is
saved changed or marked as reviewed, the mark printed nowhere, and a period the nämnd
already has a report of that kind for refused with the report named."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from app.organisation import Namnd, OrganisationService
from app.rapport import RapportService
from app.rapport.copyforward import copy_forward
from app.rapport.pdf.rapport import render_rapport
from app.validation import ValidationError


@pytest.fixture
def svc(session):
    OrganisationService(session.db).save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    return RapportService(session.db)


def _written(svc):
    r = svc.create(1, "delårsrapport", "2024-01-01", "2024-08-31")
    chapters = {k.rubrik: k for k in svc.kapitel(r.id)}
    inledning = chapters["Inledning"]
    inledning.text = "<p>Under 2024 arbetade nämnden med hemtjänsten.</p>"
    svc.save_kapitel(inledning)
    drift = chapters["Driftredovisning"]
    drift.text = "<p>Underskottet beror på köpt vård.</p>"
    svc.save_kapitel(drift)
    return r


def test_the_copy_has_the_next_period_the_outline_and_the_texts_marked_for_review(svc, session):
    source = _written(svc)
    copied = copy_forward(session.db, source.id)
    r = copied.rapport
    assert (r.slag, r.period_start, r.period_slut, r.titel, r.status) == (
        "delårsrapport", "2025-01-01", "2025-08-31", "Delårsrapport 2025", "utkast")
    before, after = svc.kapitel(source.id), svc.kapitel(r.id)
    assert [(k.niva, k.rubrik, k.innehall, k.text) for k in after] == [
        (k.niva, k.rubrik, k.innehall, k.text) for k in before]
    marked = {k.rubrik for k in after if k.att_granska}
    # Every written chapter, and the generated one with text under it; no other generated one.
    assert "Inledning" in marked and "Driftredovisning" in marked
    assert "Investeringsredovisning" not in marked and "Samlad bedömning" not in marked
    assert copied.att_granska == len(marked)
    assert "att granska" in copied.message() and "Delårsrapport 2024" in copied.message()
    assert not any(k.att_granska for k in before)  # the source is untouched


def test_the_mark_goes_when_the_text_is_saved_changed_or_marked_reviewed(svc, session):
    r = copy_forward(session.db, _written(svc).id).rapport
    chapters = {k.rubrik: k for k in svc.kapitel(r.id)}
    same = chapters["Inledning"]
    same.rubrik = "Inledning och sammanfattning"  # a new heading alone is no review of the text
    assert svc.save_kapitel(same).att_granska
    same.text = "<p>Under 2025 arbetade nämnden med hemtjänsten.</p>"
    assert not svc.save_kapitel(same).att_granska
    assert not svc.mark_reviewed(chapters["Driftredovisning"].id).att_granska
    assert svc.get_kapitel(chapters["Driftredovisning"].id).text == "<p>Underskottet beror på köpt vård.</p>"


def test_the_mark_is_printed_nowhere(svc, session):
    r = copy_forward(session.db, _written(svc).id).rapport
    data, _pages = render_rapport(session.db, r.id, pdfa_level=None)
    import io

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Under 2024 arbetade nämnden" in text
    assert "granska" not in text.casefold()


def test_a_period_the_namnd_already_has_is_refused_naming_the_report(svc, session):
    source = _written(svc)
    copy_forward(session.db, source.id)
    with pytest.raises(ValidationError) as refused:
        copy_forward(session.db, source.id)
    assert "redan en delårsrapport för perioden januari–augusti 2025" in str(refused.value)
    assert "Delårsrapport 2025" in str(refused.value)
    with pytest.raises(ValidationError, match="redan en delårsrapport för perioden januari–augusti 2024"):
        copy_forward(session.db, source.id, "2024-01-01", "2024-08-31")
    assert len(svc.rapporter()) == 2


def test_an_adopted_report_is_copied_and_stays_as_adopted(svc, session):
    source = _written(svc)
    svc.adopt(source.id, datum="2024-09-26", paragraf="§ 88")
    copied = copy_forward(session.db, source.id, "2025-01-01", "2025-08-31").rapport
    assert copied.status == "utkast" and svc.get(source.id).adopted
    assert not any(k.att_granska for k in svc.kapitel(source.id))


def test_a_leap_day_moves_to_the_last_of_february(svc, session):
    r = svc.create(1, "delårsrapport", "2024-01-01", "2024-02-29", titel="Rapport februari 2024")
    copied = copy_forward(session.db, r.id).rapport
    assert (copied.period_slut, copied.titel) == ("2025-02-28", "Rapport februari 2025")
