"""PDF infrastructure: embedded fonts, escaping of hostile text, PDF/A, page stamps,
Swedish dates."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tomllib
from datetime import date, datetime
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph

from app import clock
from app.dates import hhmm, klockslag, long_date, meeting_time
from app.pdf import bundle, fonts, pdfa
from app.pdf.document import DocumentInfo, build_pdf
from app.pdf.styles import styles
from app.pdf.text import clean, fit_text, para

ROOT = Path(__file__).resolve().parent.parent
NASTY = [
    "Avgifter & taxor",
    "<b>inte fet</b> <script>alert(1)</script>",
    "Målvärde ≥ 50 % och ≤ 12",
    "Жизнь и работа (кириллица)",
    "Glad 😀 emoji",
    "Kinesiska 中文 och devanagari अ",
    "Mjuk\u00adhy\u00adfen\tmed\ttabbar\x07 och styrtecken",
    "Lång rubrik " + "ordentligt " * 27 + "slut",  # > 300 characters
]


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def font_objects(data: bytes):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                yield str(obj.get("/BaseFont")), obj


def test_fonts_and_licenses_are_shipped_as_package_data():
    folder = fonts.font_dir()
    for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
                 "LiberationSans-BoldItalic.ttf", "DejaVuSans.ttf", "LICENSE-Liberation.txt",
                 "LICENSE-DejaVu.txt"):
        assert (folder / name).stat().st_size > 1000, name
    assert "SIL Open Font License" in (folder / "LICENSE-Liberation.txt").read_text()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "fonts/*" in config["tool"]["setuptools"]["package-data"]["resources"]
    assert (ROOT / "resources" / "__init__.py").exists()  # a package, so package data ships


@pytest.mark.parametrize("text", NASTY)
def test_para_escapes_markup_and_drops_invisible_characters(text):
    markup = para(text)
    assert "<b>" not in markup and "<script>" not in markup
    assert "\u00ad" not in markup and "\t" not in markup and "\x07" not in markup
    Paragraph(markup, styles().body)  # parses


def test_clean_keeps_line_breaks_and_normalises_them():
    assert clean("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert para("rad 1\nrad 2") == "rad 1<br/>rad 2"


def test_hostile_titles_render_and_read_back():
    s = styles()
    story = [Paragraph(para(t), s.title if i == 0 else s.body) for i, t in enumerate(NASTY)]
    data = build_pdf(story, DocumentInfo(title=NASTY[0] + " " + NASTY[3], author="Åsa Öberg"))
    text = " ".join(text_of(data).split())
    for expected in ("Avgifter & taxor", "<b>inte fet</b>", "≥ 50 %", "≤ 12", "Жизнь",
                     "Mjukhyfen med tabbar"):
        assert expected in text
    assert "\u25a1" in text  # 中, अ: a visible placeholder, not nothing
    assert "ordentligt ordentligt" in text and "slut" in text
    info = PdfReader(io.BytesIO(data)).metadata
    assert info.title == "Avgifter & taxor Жизнь и работа (кириллица)"
    assert info.author == "Åsa Öberg"


def test_only_embedded_fonts_and_pdfa_levels_validate():
    s = styles()
    data = build_pdf([Paragraph(para(t), s.body) for t in NASTY], DocumentInfo(title="Prov"))
    names = [name for name, _ in font_objects(data)]
    assert names and not any("Helvetica" in n or "Times" in n or "Courier" in n for n in names)
    for level in ("1b", "2b", "3b"):
        archived = pdfa.to_pdfa(data, level)
        assert pdfa.validation_findings(archived, level) == []
        with pikepdf.open(io.BytesIO(archived)) as pdf:
            assert str(pdf.Root.Lang) == "sv-SE"
            with pdf.open_metadata() as meta:
                assert meta.pdfa_status == level.upper()
    with pytest.raises(ValueError, match="Okänd PDF/A-nivå"):
        pdfa.to_pdfa(data, "4z")


def test_documents_are_dated_by_the_programs_clock():
    # A day the process clock is not on: the document says the day the program says.
    with clock.pinned(datetime(2031, 5, 6, 10, 11, 12)):
        data = build_pdf([Paragraph(para("Prov"), styles().body)], DocumentInfo(title="Prov"))
        archived = pdfa.to_pdfa(data, "2b")
    assert pdfa.validation_findings(archived, "2b") == []
    info = PdfReader(io.BytesIO(archived)).metadata
    assert info.creation_date.replace(tzinfo=None) == datetime(2031, 5, 6, 10, 11, 12)
    assert info.modification_date.replace(tzinfo=None) == datetime(2031, 5, 6, 10, 11, 12)
    with pikepdf.open(io.BytesIO(archived)) as pdf:
        meta = pdf.open_metadata()
        assert meta["xmp:CreateDate"].startswith("2031-05-06T10:11:12")


def test_plain_reportlab_pdf_fails_validation_with_findings():
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer)
    c.setFont("Helvetica", 12)  # not embedded: exactly what the program must never do
    c.drawString(100, 700, "Hej")
    c.showPage()
    c.save()
    with pytest.raises(pdfa.PdfaError) as info:
        pdfa.to_pdfa(buffer.getvalue(), "2b")
    assert info.value.findings and "PDF/A-2b" in str(info.value)


def test_fit_text_cuts_long_titles_with_ellipsis():
    title = "Uppdrag " * 60
    cut = fit_text(title, fonts.SANS, 9, 200)
    assert cut.endswith("…") and len(cut) < len(title)
    assert fit_text("Kort", fonts.SANS, 9, 200) == "Kort"


@pytest.mark.parametrize(("day", "expected"), [
    (date(2022, 2, 28), "Måndagen den 28 februari 2022"),
    (date(2022, 3, 1), "Tisdagen den 1 mars 2022"),
    (date(2024, 5, 8), "Onsdagen den 8 maj 2024"),
    (date(2025, 1, 2), "Torsdagen den 2 januari 2025"),
    (date(2025, 8, 15), "Fredagen den 15 augusti 2025"),
    (date(2025, 12, 13), "Lördagen den 13 december 2025"),
    (date(2026, 6, 7), "Söndagen den 7 juni 2026"),
])
def test_long_swedish_dates(day, expected):
    assert long_date(day) == expected
    assert long_date(day.isoformat()) == expected


def test_times():
    assert klockslag("14:15") == "kl. 14:15"
    assert klockslag("9.30") == "kl. 09:30"
    assert hhmm("0915") == "09:15"
    assert hhmm("25:00") == "" and klockslag("") == ""
    assert meeting_time(date(2022, 2, 28), "14:15") == "Måndagen den 28 februari 2022, kl. 14:15"
    assert meeting_time("2022-02-28", None) == "Måndagen den 28 februari 2022"


def _pages(specs) -> bytes:
    """A PDF with one page per (width, height, rotate)."""
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer)
    for w, h, _rotate in specs:
        c.setPageSize((w, h))
        c.showPage()
    c.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    for page, (_w, _h, rotate) in zip(pdf.pages, specs, strict=True):
        if rotate:
            page.obj.Rotate = rotate
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils saknas")
def test_stamp_reads_upright_bottom_right_on_rotated_and_landscape_pages(tmp_path):
    a4, landscape = (595.28, 841.89), (841.89, 595.28)
    specs = [(*a4, 0), (*a4, 90), (*a4, 180), (*a4, 270), (*landscape, 0), (*landscape, 90)]
    pdf = pikepdf.open(io.BytesIO(_pages(specs)))
    bundle.stamp_page_numbers(pdf)
    bundle.set_page_labels(pdf)
    bundle.add_outline(pdf, [bundle.OutlineEntry("Första", 0, [bundle.OutlineEntry("Barn", 1)]),
                             bundle.OutlineEntry("Sista", 5)])
    out = tmp_path / "stamp.pdf"
    pdf.save(out)
    html = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert len(pages) == len(specs)
    for n, ((_w, _h, body), (w, h, rotate)) in enumerate(zip(pages, specs, strict=True), start=1):
        # pdftotext gives word boxes as the page is seen, i.e. rotated.
        width, height = (h, w) if rotate in (90, 270) else (w, h)
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', body)
        assert [w[4] for w in words] == ["Sida", str(n), "av", "6"], (n, words)
        x_min = min(float(w[0]) for w in words)
        x_max = max(float(w[2]) for w in words)
        y_min = min(float(w[1]) for w in words)
        y_max = max(float(w[3]) for w in words)
        # Upright (words run left to right on one line), at the bottom right as seen.
        assert y_max - y_min < 15, (n, words)
        assert float(width) - x_max < 40 and x_min > float(width) / 2, (n, words)
        assert float(height) - y_max < 30, (n, words)
    reader = PdfReader(out)
    assert reader.page_labels == ["1", "2", "3", "4", "5", "6"]
    assert [o.title for o in reader.outline if not isinstance(o, list)] == ["Första", "Sista"]
