"""A narrative chapter written per förvaltning: one text per förvaltning of the nämnd,
saved with the chapter in one transaction, printed as the chapter's subsections under
the förvaltning's name (in the table of contents and the bookmarks a level below the
chapter), copied to the next period with each text "att granska", and kept as adopted."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest
from pypdf import PdfReader

from app.organisation import Forvaltning, Namnd, OrganisationService
from app.public_records import PublicRecordError
from app.rapport import RapportService
from app.rapport.copyforward import copy_forward
from app.rapport.pdf.rapport import render_rapport
from app.records import id_of
from app.validation import ValidationError


@pytest.fixture
def setup(session):
    org = OrganisationService(session.db)
    namnd = org.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
    af = org.save_forvaltning(Forvaltning(id_of(namnd), "Äldreförvaltningen", "ÄF"))
    sof = org.save_forvaltning(Forvaltning(id_of(namnd), "Socialförvaltningen", "SOF"))
    svc = RapportService(session.db)
    r = svc.create(id_of(namnd), "delårsrapport", "2024-01-01", "2024-08-31")
    return svc, org, r, {"ÄF": af, "SOF": sof}


def _chapter(svc, r, rubrik):
    return next(k for k in svc.kapitel(r.id) if k.rubrik == rubrik)


def _write(svc, r, texts: dict[str, str], own: str = "<p>Gemensamt för nämnden.</p>"):
    k = _chapter(svc, r, "Verksamhetsrapport")
    k.per_forvaltning, k.text = True, own
    written = []
    for t in svc.forvaltningstexter(k.id):
        if t.rubrik in texts:
            t.text = texts[t.rubrik]
            written.append(t)
    return svc.save_kapitel(k, written)


def _text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_one_text_per_forvaltning_in_the_order_of_their_names(setup):
    svc, _org, r, _f = setup
    k = _write(svc, r, {"Äldreförvaltningen": "<p>Boendet är renoverat.</p>",
                        "Socialförvaltningen": "<p>Orosanmälningarna har ökat.</p>"})
    assert k.per_forvaltning
    texts = svc.forvaltningstexter(k.id)
    assert [(t.rubrik, t.text) for t in texts] == [
        ("Socialförvaltningen", "<p>Orosanmälningarna har ökat.</p>"),
        ("Äldreförvaltningen", "<p>Boendet är renoverat.</p>")]
    # Emptied, a text is stored empty; a förvaltning never written for has no row.
    texts[1].text = ""
    svc.save_kapitel(svc.get_kapitel(k.id), [texts[1]])
    assert [t.text for t in svc.forvaltningstexter(k.id)] == ["<p>Orosanmälningarna har ökat.</p>", ""]


def test_what_cannot_be_written_per_forvaltning_is_refused(setup, session):
    svc, org, r, _f = setup
    drift = _chapter(svc, r, "Driftredovisning")
    drift.per_forvaltning = True
    with pytest.raises(ValidationError, match="har text som innehåll"):
        svc.save_kapitel(drift)
    # Turning it off while förvaltningar have text would drop their texts from the print.
    k = _write(svc, r, {"Socialförvaltningen": "<p>Orosanmälningarna har ökat.</p>"})
    k.per_forvaltning = False
    with pytest.raises(ValidationError, match="har text för Socialförvaltningen"):
        svc.save_kapitel(k)
    assert svc.get_kapitel(k.id).per_forvaltning
    # Nor are förvaltningar's texts saved into a chapter that is not written per förvaltning.
    framtid = _chapter(svc, r, "Förväntad utveckling")
    text = svc.forvaltningstexter(framtid.id)[1]
    text.text = "<p>Fler platser.</p>"
    with pytest.raises(ValidationError, match="har text för Äldreförvaltningen"):
        svc.save_kapitel(framtid, [text])
    assert [t.id for t in svc.forvaltningstexter(framtid.id)] == [None, None]
    # A nämnd without förvaltningar has none to write for.
    other = org.save_namnd(Namnd(namn="Kulturnämnden", kortnamn="KN"))
    r2 = svc.create(id_of(other), "bokslut", "2023-01-01", "2023-12-31")
    framtid = _chapter(svc, r2, "Framtid")
    framtid.per_forvaltning = True
    with pytest.raises(ValidationError, match="Nämnden har inga förvaltningar"):
        svc.save_kapitel(framtid)


def test_the_pdf_prints_each_forvaltning_under_its_name_in_contents_and_bookmarks(setup, session):
    svc, _org, r, _f = setup
    _write(svc, r, {"Äldreförvaltningen": "<p>Boendet är renoverat.</p>",
                    "Socialförvaltningen": "<p>Orosanmälningarna har ökat.</p>"})
    data, _pages = render_rapport(session.db, r.id, pdfa_level=None)
    text = _text(data)
    body = text[text.index("Viktiga förhållanden för resultat och ekonomisk ställning Verksamhetsrapport"):]
    order = ["Gemensamt för nämnden.", "Socialförvaltningen Orosanmälningarna har ökat.",
             "Äldreförvaltningen Boendet är renoverat.", "Volymutveckling"]
    assert [body.index(part) for part in order] == sorted(body.index(part) for part in order)
    reader = PdfReader(io.BytesIO(data))
    contents = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert re.search(r"Verksamhetsrapport[ .]+\d+ Socialförvaltningen[ .]+\d+ Äldreförvaltningen[ .]+\d+ "
                     r"Volymutveckling", contents)

    def titles(items):
        return [titles(i) if isinstance(i, list) else i.title for i in items]

    outline = titles(reader.outline)
    viktiga = outline.index("Viktiga förhållanden för resultat och ekonomisk ställning")
    assert outline[viktiga + 1] == ["Verksamhetsrapport", ["Socialförvaltningen", "Äldreförvaltningen"],
                                    "Volymutveckling"]


def test_copied_forward_each_forvaltnings_text_is_to_be_reviewed(setup, session):
    svc, _org, r, _f = setup
    _write(svc, r, {"Äldreförvaltningen": "<p>Under 2024 renoverades boendet.</p>",
                    "Socialförvaltningen": "<p>Under 2024 ökade orosanmälningarna.</p>"}, own="")
    copied = copy_forward(session.db, r.id)
    k = _chapter(svc, copied.rapport, "Verksamhetsrapport")
    assert k.per_forvaltning and not k.att_granska  # no text of its own to review
    assert k.forvaltning_att_granska == 2 and k.to_review
    texts = svc.forvaltningstexter(k.id)
    assert [(t.rubrik, t.text, t.att_granska) for t in texts] == [
        ("Socialförvaltningen", "<p>Under 2024 ökade orosanmälningarna.</p>", True),
        ("Äldreförvaltningen", "<p>Under 2024 renoverades boendet.</p>", True)]
    # Saved changed, one is reviewed; the other is marked reviewed as it stands.
    texts[0].text = "<p>Under 2025 minskade orosanmälningarna.</p>"
    k = svc.save_kapitel(k, [texts[0]])
    assert k.forvaltning_att_granska == 1
    assert svc.mark_reviewed(k.id, texts[1].id).forvaltning_att_granska == 0
    assert svc.forvaltningstexter(k.id)[1].text == "<p>Under 2024 renoverades boendet.</p>"
    # The source is untouched.
    source = svc.forvaltningstexter(_chapter(svc, r, "Verksamhetsrapport").id)
    assert [t.att_granska for t in source] == [False, False]
    assert source[0].text == "<p>Under 2024 ökade orosanmälningarna.</p>"


def test_an_adopted_reports_texts_stay_as_adopted(setup, session):
    svc, org, r, f = setup
    k = _write(svc, r, {"Äldreförvaltningen": "<p>Boendet är renoverat.</p>"})
    svc.adopt(r.id, datum="2024-09-26", paragraf="§ 88")
    text_id = svc.forvaltningstexter(k.id)[0].id
    with pytest.raises(sqlite3.IntegrityError, match="Rapporten är antagen"):
        session.db.execute("UPDATE rapport_kapitel_forvaltning SET text = 'ändrad' WHERE id = ?", [text_id])
    with pytest.raises(sqlite3.IntegrityError, match="Rapporten är antagen"):
        session.db.execute("DELETE FROM rapport_kapitel_forvaltning WHERE id = ?", [text_id])
    # Renamed, the förvaltning keeps its adopted name in the adopted report.
    af = f["ÄF"]
    af.namn = "Omsorgsförvaltningen"
    org.save_forvaltning(af)
    assert [t.rubrik for t in svc.forvaltningstexter(k.id)] == ["Äldreförvaltningen"]
    assert "Äldreförvaltningen Boendet är renoverat." in _text(render_rapport(session.db, r.id,
                                                                              pdfa_level=None)[0])
    # Removing it is refused, saying why, by the service and by the database.
    with pytest.raises(PublicRecordError, match="har text i den antagna rapporten Delårsrapport 2024"):
        org.delete_forvaltning(id_of(af))
    with pytest.raises(sqlite3.IntegrityError, match="har text i en antagen rapport"):
        session.db.execute("DELETE FROM forvaltning WHERE id = ?", [id_of(af)])
    # A förvaltning without text in it can go.
    org.delete_forvaltning(id_of(f["SOF"]))


def test_a_drafts_text_stays_under_its_name_when_its_forvaltning_is_removed(setup, session):
    svc, org, r, f = setup
    k = _write(svc, r, {"Socialförvaltningen": "<p>Orosanmälningarna har ökat.</p>"})
    org.delete_forvaltning(id_of(f["SOF"]))
    texts = svc.forvaltningstexter(k.id)
    assert [(t.rubrik, t.forvaltning_id, t.text) for t in texts] == [
        ("Äldreförvaltningen", id_of(f["ÄF"]), ""),
        ("Socialförvaltningen", None, "<p>Orosanmälningarna har ökat.</p>")]
    assert "Socialförvaltningen Orosanmälningarna har ökat." in _text(render_rapport(session.db, r.id,
                                                                                    pdfa_level=None)[0])
