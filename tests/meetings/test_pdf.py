"""Kallelse, tjänsteskrivelse and the handlingar bundle, read back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from meeting_fixtures import make_org
from pdf_samples import LANDSCAPE, make_non_archival_pdf, make_pdf
from pypdf import PdfReader

from app import richtext
from app.meetings import Arende, Cancelled, HandlingarError, Undertecknare
from app.meetings.documents import (
    build_handlingar,
    build_handlingar_file,
    make_kallelse,
    make_tjansteskrivelse,
)
from app.pdf.pdfa import validation_findings

NASTY = ("Avgifter & taxor <b>2024</b> > 5 % 😀 Жилищный фонд\u00ad\tmed tabb " + "lång " * 80).strip()


def page_texts(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def outline(data: bytes) -> list[tuple[str, int, list[str]]]:
    reader = PdfReader(io.BytesIO(data))
    result, items = [], reader.outline
    for i, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
        result.append((item.title, reader.get_destination_page_number(item), [c.title for c in children]))
    return result


@pytest.fixture
def org(session):
    return make_org(session.db)


@pytest.fixture
def meeting(org):
    """The demo meeting (a real municipal kallelse) in small: the template, three
    beslutsärenden with bilagor (one landscape, one rotated), one with a hostile title."""
    m = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    m.gruppmoten = "Gruppmöten 13:15-14:15:\nS, M, L i sammanträdesrummet våning 2\nV, C i samlingssalen"
    org.meetings.save_meeting(m)
    budget = org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Budgetuppföljning januari 2022", dnr="2021/1",
        forvaltning_id=org.forvaltning.id, handlaggare="Åsa Engberg, 0240-866 85", datum="2022-01-21",
        forslag_till_beslut=richtext.from_plain_text(
            "Vård- och omsorgsnämnden godkänner budgetuppföljningen för januari månad 2022."),
        beskrivning=richtext.from_plain_text(
            "Resultat\n\nNegativ avvikelse.\n\n- Äldreomsorgslyftet om 0,2 mkr"),
        ekonomiska_konsekvenser=richtext.from_plain_text("Förslaget medför inte några kostnader."),
        undertecknare=[Undertecknare("Laila Dufström", "Tf förvaltningschef"),
                       Undertecknare("Cecilia Vestergaard", "Verksamhetschef")],
        skickas_till=["Förvaltningsledningen", "Ekonomer", "Akt"]))
    org.bilagor.attach(budget.id, make_pdf(3, "Utfall"), "utfall.pdf", "Utfall januari 2022", "2022-01-21")
    riktlinjer = org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Riktlinjer för alkoholservice", dnr="2022/29",
        forslag_till_beslut=richtext.from_plain_text("Nämnden antar riktlinjerna."),
        forslag_kalla="arbetsutskott", beslutsunderlag=["Tjänsteskrivelse daterad den 21 januari 2022."]))
    org.bilagor.attach(riktlinjer.id, make_pdf(2, "Liggande", size=LANDSCAPE), "liggande.pdf", "Riktlinjer")
    org.bilagor.attach(riktlinjer.id, make_pdf(2, "Roterad", rotate=90), "roterad.pdf", "Roterad bilaga")
    org.arenden.add(Arende(sammantrade_id=m.id, rubrik=NASTY, dnr="VON 2022/44-73",
                           forslag_till_beslut=richtext.from_plain_text("Nämnden godkänner <allt> & mer.")))
    return org.meetings.get_meeting(m.id)


def test_kallelse_shows_date_place_and_every_arende_with_dnr_and_pages(org, meeting, session):
    result = make_kallelse(session.db, meeting.id)
    text = " ".join(page_texts(result.data))
    assert "Tid: Måndagen den 28 februari 2022, kl. 14:15" in text
    assert "Plats: Samlingssalen, Marnäsliden" in text
    assert "Till Vård- och omsorgsnämndens ledamöter" in text and "Till ersättare för kännedom" in text
    assert "Åsa Bergkvist ordförande" in text and "Åsa Engberg nämndsekreterare" in text
    assert "S, M, L i sammanträdesrummet våning 2" in text
    assert "asa.engberg@ludvika.se" in text  # the note to members
    for a in org.arenden.arenden(meeting.id):
        assert f"{a.nummer} {a.rubrik[:30]}" in text
        if a.dnr:
            assert a.dnr in text
    # Närvaro (1 page) is page 2; the budget ärende: its tjänsteskrivelse + 3 pages of bilaga.
    assert re.search(r"Närvaro 2 ", text) and re.search(r"Budgetuppföljning januari 2022 2021/1 5 - 8", text)
    assert validation_findings(result.data, "2b") == []
    assert page_texts(result.data)[-1].endswith(f"Sida {result.pages} av {result.pages}")


def test_bundle_ranges_bookmarks_and_stamps_agree(org, meeting, session):
    progress = []
    result = build_handlingar(session.db, meeting.id, progress=lambda d, t: progress.append((d, t)))
    texts = page_texts(result.data)
    total = len(texts)
    # Parts add up: kallelse + one document per ärende + the bilagor's pages.
    arenden = org.arenden.arenden(meeting.id)
    documents = [d for p in result.placements for d in p.documents]
    assert total == result.pages == result.kallelse_pages + sum(d.pages for d in documents)
    assert sum(d.pages for d in documents if d.title.startswith("Bilaga")) == 3 + 2 + 2
    assert len(documents) == len(arenden) + 3
    for n, text in enumerate(texts, start=1):
        assert text.endswith(f"Sida {n} av {total}"), (n, text[-60:])
    marks = outline(result.data)
    assert marks[0][:2] == ("Kallelse", 0)
    kallelse = " ".join(texts[: result.kallelse_pages])
    for a, (title, page_index, children) in zip(arenden, marks[1:], strict=True):
        placement = next(p for p in result.placements if p.arende_id == a.id)
        assert title.startswith(f"{a.nummer}. {a.rubrik[:20]}")
        assert page_index + 1 == placement.first_page
        # The ärende's document really starts there, and the kallelse prints that range.
        assert a.rubrik[:25] in texts[page_index]
        assert f" {placement.range.text} " in kallelse + " "
        if a.rubrik.startswith("Riktlinjer"):
            assert children == ["Tjänsteskrivelse", "Bilaga: Riktlinjer", "Bilaga: Roterad bilaga"]
            assert "Liggande sida 1" in texts[page_index + 1]
    assert PdfReader(io.BytesIO(result.data)).page_labels == [str(n) for n in range(1, total + 1)]
    assert result.pdfa_level == "2b" and result.warnings == []
    assert validation_findings(result.data, "2b") == []
    info = PdfReader(io.BytesIO(result.data)).metadata
    assert info.title == "Handlingar Vård- och omsorgsnämnden 2022-02-28"
    assert progress[-1][0] == progress[-1][1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils saknas")
def test_rotated_and_landscape_bilagor_are_stamped_upright(org, meeting, session, tmp_path):
    path = tmp_path / "handlingar.pdf"
    result = build_handlingar_file(session.path, meeting.id, path)
    riktlinjer = next(p for p in result.placements if p.rubrik.startswith("Riktlinjer"))
    landscape, rotated = riktlinjer.documents[1], riktlinjer.documents[2]
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(landscape.first_page), "-l",
                           str(rotated.first_page), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = re.findall(r"<page [^>]*>(.*?)</page>", html, re.S)
    for body, n in zip(pages, (landscape.first_page, landscape.first_page + 1, rotated.first_page),
                       strict=True):
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', body)
        stamp = [w for w in words if w[2] in ("Sida", str(n), "av", str(result.pages))][-4:]
        assert [w[2] for w in stamp] == ["Sida", str(n), "av", str(result.pages)]
        assert max(float(w[1]) for w in stamp) - min(float(w[0]) for w in stamp) < 15  # one upright line
        # Both are seen as landscape pages (595 high): the stamp is at the bottom as seen.
        assert float(stamp[0][0]) > 595.28 - 40


def test_tjansteskrivelse_sections_in_order_and_pdfa(org, meeting, session):
    budget = next(a for a in org.arenden.arenden(meeting.id) if a.dnr == "2021/1")
    data = make_tjansteskrivelse(session.db, budget.id)
    text = " ".join(page_texts(data))
    order = ["LUDVIKA KOMMUN", "Vård- och omsorgsförvaltningen", "Åsa Engberg, 0240-866 85",
             "TJÄNSTESKRIVELSE", "Datum 2022-01-21", "Dnr 2021/1",
             "Budgetuppföljning januari 2022", "Förvaltningens förslag till beslut",
             "Vård- och omsorgsnämnden godkänner budgetuppföljningen", "Beskrivning av ärendet",
             "Äldreomsorgslyftet", "Ekonomiska konsekvenser", "Laila Dufström Tf förvaltningschef",
             "Cecilia Vestergaard Verksamhetschef", "Bilagor",
             "Utfall januari 2022, daterad den 21 januari 2022.", "Beslut skickas till",
             "Förvaltningsledningen Ekonomer Akt", "Postadress", "771 82 Ludvika", "212000-2270"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, i in zip(order, positions, strict=True) if i < 0]
    assert positions == sorted(positions)
    assert validation_findings(data, "2b") == []
    riktlinjer = next(a for a in org.arenden.arenden(meeting.id) if a.dnr == "2022/29")
    text = " ".join(page_texts(make_tjansteskrivelse(session.db, riktlinjer.id)))
    assert "Arbetsutskottets förslag till beslut" in text
    assert ("Beslutsunderlag 1. Tjänsteskrivelse daterad den 21 januari 2022. 2. Riktlinjer. "
            "3. Roterad bilaga.") in text


def test_hostile_title_renders_everywhere(org, meeting, session):
    hostile = next(a for a in org.arenden.arenden(meeting.id) if a.dnr.startswith("VON"))
    kallelse = make_kallelse(session.db, meeting.id).data
    tjansteskrivelse = make_tjansteskrivelse(session.db, hostile.id)
    for data in (kallelse, tjansteskrivelse):
        text = " ".join(page_texts(data))
        assert "Avgifter & taxor <b>2024</b> > 5 %" in text and "Жилищный фонд" in text
        assert "фонд med tabb" in text  # the soft hyphen is gone, the tab became a space
        assert "lång lång lång" in text
        assert validation_findings(data, "2b") == []
    assert "Nämnden godkänner <allt> & mer." in " ".join(page_texts(tjansteskrivelse))


def test_non_archival_bilaga_makes_plain_pdf_and_says_which(org, meeting, session):
    budget = next(a for a in org.arenden.arenden(meeting.id) if a.dnr == "2021/1")
    org.bilagor.attach(budget.id, make_non_archival_pdf(), "skannad.pdf", "Skannad rapport")
    result = build_handlingar(session.db, meeting.id)
    assert result.pdfa_level is None
    assert len(result.warnings) == 1
    assert "Bilaga ”Skannad rapport” (skannad.pdf) i ärende 4 är inte i arkivformat" in result.warnings[0]
    assert all(t.endswith(f"av {result.pages}") for t in page_texts(result.data))


def test_broken_bilaga_stops_the_bundle_naming_file_and_arende(org, meeting, session):
    budget = next(a for a in org.arenden.arenden(meeting.id) if a.dnr == "2021/1")
    stored = org.bilagor.bilagor(budget.id)[0]
    with session.db.atomic():
        session.db.execute("UPDATE bilagefil SET data = ? WHERE sha256 = ?",
                           [b"%PDF-1.7 trasig", stored.sha256])
    with pytest.raises(HandlingarError) as info:
        build_handlingar(session.db, meeting.id)
    message = str(info.value)
    assert "utfall.pdf" in message and "ärende 4 ”Budgetuppföljning januari 2022”" in message


def test_cancel_stops_the_build(org, meeting, session):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        build_handlingar(session.db, meeting.id, is_cancelled=cancelled)


def test_cancel_stops_kallelse_and_tjansteskrivelse_before_a_file_is_written(org, meeting, session, tmp_path):
    from app.meetings.documents import save_kallelse, save_tjansteskrivelse

    out = tmp_path / "dokument.pdf"
    with pytest.raises(Cancelled):
        save_kallelse(session.db, meeting.id, out, cancelled=lambda: True)
    first = org.arenden.arenden(meeting.id)[0]
    with pytest.raises(Cancelled):
        save_tjansteskrivelse(session.db, first.id, out, cancelled=lambda: True)
    assert not out.exists()
    made = save_kallelse(session.db, meeting.id, out, cancelled=lambda: False)
    assert out.read_bytes() == made.data


def test_render_stops_between_arenden(org, meeting, session):
    from app.meetings.documents import load_meeting_docs
    from app.meetings.pdf.tjansteskrivelse import render_arende_documents

    docs = load_meeting_docs(session.db, meeting.id)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > len(docs.arenden) + 2  # while the ärenden are laid out

    with pytest.raises(Cancelled):
        render_arende_documents(docs, cancelled=cancelled)
    assert len(asked) == len(docs.arenden) + 3


def test_sixty_arenden_and_a_200_page_bilaga(org, session):
    m = org.meetings.create_meeting(org.namnd_organ.id, "2024-05-13")
    big = None
    for n in range(53):
        a = org.arenden.add(Arende(sammantrade_id=m.id, rubrik=f"Ärende nummer {n + 1} om något viktigt",
                                   dnr=f"2024/{n + 1}",
                                   forslag_till_beslut=richtext.from_plain_text("Godkänns.")))
        big = big or a
    org.bilagor.attach(big.id, make_pdf(200, "Rapport"), "rapport.pdf", "Stor rapport")
    result = build_handlingar(session.db, m.id)
    arenden = org.arenden.arenden(m.id)
    assert len(arenden) == 60
    assert result.kallelse_pages >= 2  # the agenda spills over: every range shifts with it
    texts = page_texts(result.data)
    assert len(texts) == result.pages == result.kallelse_pages + 60 + 200
    kallelse = " ".join(texts[: result.kallelse_pages])
    for p in result.placements:
        assert f"{p.nummer} " in kallelse and p.range.text in kallelse
        assert p.rubrik[:20] in texts[p.first_page - 1]
    assert texts[-1].endswith(f"Sida {result.pages} av {result.pages}")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils saknas")
def test_page_ranges_are_visible_not_only_extractable(org, meeting, session, tmp_path):
    """The ranges are drawn last (form XObjects): a viewer must show them, not clip them."""
    from PIL import Image

    path = tmp_path / "kallelse.pdf"
    path.write_bytes(make_kallelse(session.db, meeting.id, level=None).data)
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = {w[4]: tuple(float(v) for v in w[:4]) for w in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', html)}
    column = words["Sidor"]
    row = words["Närvaro"]  # its range, "2", is on the same line in the Sidor column
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    box = (int(column[0]) - 5, int(row[1]) - 1, int(column[2]) + 2, int(row[3]) + 1)
    dark = sum(1 for value in image.crop(box).tobytes() if value < 128)
    assert dark > 5, box
