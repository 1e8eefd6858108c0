"""A written chapter without text never prints as a bare heading: the chapters without
text are named before printing; a draft printed to be read says "Texten är inte
skriven." under them, and the document for the nämnd (the agenda's bilaga) and an
adopted report leave them out of the pages, the table of contents and the bookmarks."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app.organisation import Forvaltning, Namnd, OrganisationService
from app.rapport import RapportService
from app.rapport.model import ForvaltningsText, Kapitel, without_text
from app.rapport.pdf.rapport import NOT_WRITTEN, render_rapport
from app.records import id_of


@pytest.fixture
def svc(session):
    org = OrganisationService(session.db)
    namnd = org.save_namnd(Namnd(namn="Kulturnämnden", kortnamn="KN"))
    org.save_forvaltning(Forvaltning(id_of(namnd), "Kulturförvaltningen", "KF"))
    org.save_forvaltning(Forvaltning(id_of(namnd), "Fritidsförvaltningen", "FF"))
    return RapportService(session.db)


def _bokslut(svc, **texts):
    """A bokslut of the template with the given chapters written."""
    r = svc.create(1, "bokslut", "2023-01-01", "2023-12-31")
    for k in svc.kapitel(r.id):
        if k.rubrik in texts:
            k.text = f"<p>{texts[k.rubrik]}</p>"
            svc.save_kapitel(k)
    return r


def _pdf(session, r, **kwargs):
    data, _pages = render_rapport(session.db, r.id, pdfa_level=None, **kwargs)
    reader = PdfReader(io.BytesIO(data))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    contents = re.sub(r"\s+", " ", reader.pages[1].extract_text())

    def titles(items):
        return [t for i in items for t in (titles(i) if isinstance(i, list) else [i.title])]

    return text, contents, titles(reader.outline)


def test_which_chapters_have_no_text():
    chapters = [Kapitel(rubrik="Ekonomi", niva=1, id=1),  # a heading over its subchapters
                Kapitel(rubrik="Driftredovisning", innehall="drift", niva=2, id=2),
                Kapitel(rubrik="Framtid", niva=1, text="<p></p>", id=3),  # empty as stored by an editor
                Kapitel(rubrik="Personal", niva=1, id=4),
                Kapitel(rubrik="Arbetsmiljö", niva=2, text="<p>Skrivet.</p>", id=5),
                Kapitel(rubrik="Verksamhet", niva=1, per_forvaltning=True, id=6),
                Kapitel(rubrik="Händelser", niva=1, per_forvaltning=True, id=7)]
    texts = {6: [ForvaltningsText(6, 1, "Fritidsförvaltningen", "<p>Skrivet.</p>"),
                 ForvaltningsText(6, 2, "Kulturförvaltningen", "")],
             7: [ForvaltningsText(7, 1, "Fritidsförvaltningen", ""),
                 ForvaltningsText(7, 2, "Kulturförvaltningen")]}
    assert without_text(chapters, texts) == ["Framtid", "Verksamhet: Kulturförvaltningen", "Händelser"]


def test_a_draft_says_not_written_and_the_final_leaves_it_out(svc, session):
    r = _bokslut(svc, Verksamhetsbeskrivning="Nämnden ansvarar för kulturen.", Sammanfattning="Ett gott år.")
    assert svc.missing_texts(r.id) == ["Händelser under året", "Framtid"]
    text, contents, bookmarks = _pdf(session, r)
    assert "Framtid Texten är inte skriven." in text and f"Händelser under året {NOT_WRITTEN}" in text
    assert "Framtid" in contents and "Framtid" in bookmarks
    text, contents, bookmarks = _pdf(session, r, leave_out_empty=True)
    assert NOT_WRITTEN not in text
    for gone in ("Framtid", "Händelser under året"):
        assert gone not in text and gone not in contents and gone not in bookmarks
    # The level-1 heading over written subchapters stays; the written and generated ones too.
    for kept in ("Kulturnämnden", "Sammanfattning", "Driftredovisning", "Måluppfyllelse"):
        assert kept in contents and kept in bookmarks


def test_an_adopted_report_leaves_them_out_and_a_heading_left_with_nothing_goes_too(svc, session):
    r = svc.create(1, "verksamhetsberättelse", "2023-01-01", "2023-12-31")
    # "Ekonomi" (level 1) over two generated chapters stays; "Måluppfyllelse" over them too.
    # A heading whose subchapters are all empty text is left out with them.
    heading = svc.add_kapitel(r.id, "Kvalitet", niva=1)
    svc.add_kapitel(r.id, "Brukarundersökningar", niva=2, after_id=heading.id)
    assert "Brukarundersökningar" in svc.missing_texts(r.id) and "Kvalitet" not in svc.missing_texts(r.id)
    svc.adopt(r.id, datum="2024-02-26", paragraf="§ 12")
    text, contents, bookmarks = _pdf(session, r)
    assert NOT_WRITTEN not in text
    for gone in ("Kvalitet", "Brukarundersökningar", "Verksamhetsbeskrivning", "Framtid"):
        assert gone not in contents and gone not in bookmarks
    for kept in ("Ekonomi", "Driftredovisning", "Måluppfyllelse", "Samlad bedömning"):
        assert kept in contents and kept in bookmarks


def test_a_forvaltning_without_text_is_said_in_the_draft_and_left_out_of_the_final(svc, session):
    r = _bokslut(svc)
    k = next(k for k in svc.kapitel(r.id) if k.rubrik == "Händelser under året")
    k.per_forvaltning = True
    texts = svc.forvaltningstexter(k.id)
    texts[0].text = "<p>Nya öppettider på fritidsgårdarna.</p>"
    svc.save_kapitel(k, [texts[0]])
    assert "Händelser under året: Kulturförvaltningen" in svc.missing_texts(r.id)
    text, _contents, _bookmarks = _pdf(session, r)
    assert f"Kulturförvaltningen {NOT_WRITTEN}" in text
    text, contents, bookmarks = _pdf(session, r, leave_out_empty=True)
    assert "Fritidsförvaltningen Nya öppettider på fritidsgårdarna." in text
    assert "Kulturförvaltningen" not in contents and "Kulturförvaltningen" not in bookmarks
