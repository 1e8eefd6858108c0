"""The report as one PDF/A document: title page with the adoption line, a table of
contents whose page numbers are the pages the chapters' headings are on, running
headers, page numbers, a bookmark per chapter, and the generated chapters' figures."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest
from pypdf import PdfReader

from app.budget import Ekonomi
from app.budget.uppfoljning import Siffror, UppfoljningRad
from app.organisation import Namnd, OrganisationService
from app.pdf.pdfa import validation_findings
from app.rapport import RapportService
from app.rapport.pdf.rapport import render_rapport
from app.records import id_of


@pytest.fixture(scope="module")
def demo_pdfs(demo_template, tmp_path_factory):
    """The demo's delårsrapport and bokslut, printed once for the module's tests."""
    from app.session import Session

    path = tmp_path_factory.mktemp("rapport") / "demo.nkdb"
    source = sqlite3.connect(f"{demo_template.as_uri()}?mode=ro", uri=True)
    with Session.open(path) as session:
        source.backup(session.db.conn)
        source.close()
        reports = {r.slag: r for r in RapportService(session.db).rapporter()}
        yield {slag: (r, RapportService(session.db).kapitel(r.id), render_rapport(session.db, r.id)[0])
               for slag, r in reports.items()}


def _items(page) -> list[tuple[float, float, float, str]]:
    """(y, x, font size, text) of every piece of text on the page, top to bottom."""
    found: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((round(y, 1), round(x, 1), size * tm[3], text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda t: (-t[0], t[1]))


def _toc(reader: PdfReader) -> list[tuple[str, int]]:
    """The table of contents as printed: (heading, page) per line."""
    page = next(p for p in reader.pages if "Innehållsförteckning" in p.extract_text())
    lines: dict[float, list[str]] = {}
    for y, _x, _size, text in _items(page):
        lines.setdefault(y, []).append(text)
    entries = []
    for parts in lines.values():
        m = re.fullmatch(r"(.+?)\s*(?:\.\s*)+(\d+)", " ".join(parts))
        if m:
            entries.append((m.group(1).strip(), int(m.group(2))))
    return entries


def _heading_pages(reader: PdfReader, heading: str) -> list[int]:
    """The pages (1-based) after the table of contents where ``heading`` stands as a
    heading (a line of its own in a heading's size)."""
    toc = next(n for n, p in enumerate(reader.pages, start=1) if "Innehållsförteckning" in p.extract_text())
    return [n for n, page in enumerate(reader.pages, start=1)
            if n > toc and any(text == heading and size >= 11 for _y, _x, size, text in _items(page))]


@pytest.mark.parametrize("slag", ["delårsrapport", "bokslut"])
def test_the_table_of_contents_gives_the_page_of_every_chapter(demo_pdfs, slag):
    _r, chapters, data = demo_pdfs[slag]
    reader = PdfReader(io.BytesIO(data))
    toc = _toc(reader)
    # Every chapter, and under the one written per förvaltning (the delårsrapport's
    # Verksamhetsrapport) each förvaltning's section, a level below it.
    expected: list[tuple[str, int]] = []
    for k in chapters:
        expected.append((k.rubrik, k.niva))
        if k.per_forvaltning:
            expected += [("Socialförvaltningen", k.niva + 1), ("Äldreförvaltningen", k.niva + 1)]
    assert [heading for heading, _page in toc] == [heading for heading, _level in expected]
    assert any(k.per_forvaltning for k in chapters) == (slag == "delårsrapport")
    for heading, page in toc:
        assert _heading_pages(reader, heading)[:1] == [page], heading
    # One bookmark per heading, each under the one above it, at the heading's page.
    flat: list[tuple[str, int]] = []
    levels: list[int] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                flat.append((item.title, reader.get_destination_page_number(item) + 1))
                levels.append(level)

    walk(reader.outline, 1)
    assert flat == toc
    assert levels == [level for _heading, level in expected]


def test_the_delarsrapport_is_laid_out_like_the_printed_ones(demo_pdfs):
    _r, _chapters, data = demo_pdfs["delårsrapport"]
    assert validation_findings(data, "2b") == []
    reader = PdfReader(io.BytesIO(data))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    assert pages[0].startswith("Oxelösunds kommun Delårsrapport 2024 Vård- och omsorgsnämnden "
                               "Uppföljningsrapport Perioden januari–augusti 2024 Utkast – ej antagen")
    total = len(pages)
    for n, text in enumerate(pages[1:], start=2):
        assert text.startswith("Delårsrapport 2024 · januari–augusti 2024 Vård- och omsorgsnämnden"), n
        assert text.endswith(f"Sida {n} av {total}")
    text = " ".join(pages)
    # Written chapters, then the figures of August: volymer, the driftredovisning with its
    # result, the investeringsredovisning, the personal table split kvinnor/män.
    assert "perioden 1 januari till och med 31 augusti 2024" in text
    assert "Etapp 1 av renoveringen" in text
    for expected in ("Planerade hemtjänsttimmar per månad, intern regi 20 450 20 900 19 057 19 364",
                     "Driftredovisning januari–augusti 2024", "Förvaltningsgemensamt", "-3 626",
                     "Investeringsredovisning augusti 2024", "Inventarier, Furuliden",
                     "Totalt 2024 Kvinnor 2024 Män 2024",
                     "Hög sjukfrånvaro", "Fortsätta effektivisera", "Slutdatum Status",
                     "Uppföljning Delårsrapport 2024 av Vård- och omsorgsnämndens verksamhetsplan 2023–2025",
                     "Nämnden håller sin driftsbudget", "Underskott vid delåret"):
        assert expected in text, expected
    assert "Bokslut 2023" not in text  # a part of a year is not set beside last year's whole


def test_the_bokslut_names_its_adoption(demo_pdfs):
    _r, _chapters, data = demo_pdfs["bokslut"]
    reader = PdfReader(io.BytesIO(data))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Bokslut 2023" in first and "Antagen av vård- och omsorgsnämnden 2024-02-26, § 12" in first
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Driftredovisning 2023" in text and "Investeringsredovisning 2023" in text
    assert "Måluppfyllelse 2023" not in text  # the chapter's own heading, not the follow-up's title
    assert "Uppföljning Bokslut 2023 av Vård- och omsorgsnämndens verksamhetsplan 2023–2025" in text
    # What the period lacks is said, not taken from another period.
    assert "Det finns inga personalnyckeltal för december 2023" in text


def test_a_bokslut_sets_last_years_result_beside_this_years(session):
    """The "Bokslut 2022" column: last December's utfall per verksamhet and its result."""
    namnd = OrganisationService(session.db).save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    ek = Ekonomi(session.db)
    rows = {"Individ- och familjeomsorg": (-70_181_000, -71_602_000),
            "Äldreomsorg": (-279_325_000, -305_934_000)}
    for ar in (2022, 2023):
        u = ek.uppfoljning.skapa(id_of(namnd), ar, 12)
        rader = []
        for order, (name, figures) in enumerate(rows.items(), start=1):
            v = ek.verksamheter.hitta_eller_skapa(id_of(namnd), "", name, "")
            utfall = figures[ar - 2022]
            budget = utfall + 1_000_000
            siffror = Siffror(arsbudget=budget, budget_ack=budget, utfall_ack=utfall)
            rader.append(UppfoljningRad(v, siffror, order))
        ek.uppfoljning.ersatt_rader(id_of(u), rader)
    svc = RapportService(session.db)
    r = svc.create(id_of(namnd), "bokslut", "2023-01-01", "2023-12-31")
    data, _pages = render_rapport(session.db, r.id, pdfa_level=None)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    # Bokslut 2022, the year's budget, budget and utfall accumulated, avvikelse.
    assert "Verksamhet Bokslut 2022 Budget 2023 Budget ack. dec Utfall ack. dec Avvikelse ack. dec" in text
    assert "Individ- och familjeomsorg -70 181 -70 602 -70 602 -71 602 -1 000" in text
    assert "Äldreomsorg -279 325 -304 934 -304 934 -305 934 -1 000" in text
    assert "Resultat -349 506 -375 536 -375 536 -377 536 -2 000" in text
