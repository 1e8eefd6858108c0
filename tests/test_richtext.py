"""The stored rich-text format (NK-HTML): sanitizing, Qt round trip, PDF rendering."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

from app import richtext
from app.pdf.document import DocumentInfo, build_pdf
from app.pdf.pdfa import to_pdfa, validation_findings
from app.pdf.richtext import flowables

CANONICAL = ('<p>Vård- och omsorgsnämnden <b>godkänner</b> <i>planen</i> &amp; <b><i>allt</i></b><br/>'
             'ny rad</p><ol><li>Arbetsdelning<ul><li>under &lt;punkt&gt;</li></ul></li>'
             '<li>Kultur</li></ol><ol start="5"><li>fem</li></ol><ul><li>Kunskap</li></ul>')


def test_plain_text_paragraphs_and_lists_from_pasted_text():
    text = ("Förvaltningen lämnade en redogörelse.\nAndra raden.\n\n"
            "1. Arbetsdelning och specialisering\n2. Kultur\n\n"
            "- Kontroll på volymer\n• Kontrollinstrument\nEfter listan & <b>")
    assert richtext.from_plain_text(text) == (
        "<p>Förvaltningen lämnade en redogörelse.<br/>Andra raden.</p>"
        "<ol><li>Arbetsdelning och specialisering</li><li>Kultur</li></ol>"
        "<ul><li>Kontroll på volymer</li><li>Kontrollinstrument</li></ul>"
        "<p>Efter listan &amp; &lt;b&gt;</p>")


def test_html_is_reduced_to_the_safe_subset():
    dirty = ('<html><head><style>p {color:red}</style><script>alert(1)</script></head><body>'
             '<p style="color:red" onclick="x()">Hej <a href="javascript:x">länk</a> '
             '<span style="font-weight:700">fet</span> <img src="x.png">bild</p>'
             '<table><tr><td>cell 1</td><td>cell 2</td></tr></table><h2>Rubrik</h2></body></html>')
    assert richtext.from_html(dirty) == ("<p>Hej länk <b>fet</b> bild</p><p>cell 1</p><p>cell 2</p>"
                                         "<p><b>Rubrik</b></p>")
    assert richtext.from_html(CANONICAL) == CANONICAL
    assert richtext.from_html("") == "" and richtext.is_empty("<p> <br/> </p>")


def test_plain_text_view():
    assert richtext.to_plain_text(CANONICAL) == (
        "Vård- och omsorgsnämnden godkänner planen & allt\nny rad\n\n1. Arbetsdelning\n  - under <punkt>\n"
        "2. Kultur\n\n5. fem\n\n- Kunskap")


def test_round_trip_through_a_qt_text_editor(qapp):
    from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextListFormat

    doc = QTextDocument()
    cursor = QTextCursor(doc)
    cursor.insertText("Nämnden ")
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    cursor.insertText("godkänner", bold)
    cursor.insertText(" * inte kursiv _ & <b>", QTextCharFormat())
    cursor.insertText("\u2028andra raden")
    cursor.insertBlock()
    cursor.createList(QTextListFormat.Style.ListDecimal)
    cursor.insertText("ett")
    cursor.insertBlock()
    cursor.insertText("två")
    nested = QTextListFormat()
    nested.setStyle(QTextListFormat.Style.ListDisc)
    nested.setIndent(2)
    cursor.insertBlock()
    cursor.createList(nested)
    cursor.insertText("under")
    stored = richtext.from_html(doc.toHtml())
    assert stored == ("<p>Nämnden <b>godkänner</b> * inte kursiv _ &amp; &lt;b&gt;<br/>andra raden</p>"
                      "<ol><li>ett</li><li>två<ul><li>under</li></ul></li></ol>")
    # Loaded back into an editor and saved again, nothing changes.
    again = QTextDocument()
    again.setHtml(stored)
    assert richtext.from_html(again.toHtml()) == stored


def test_rich_text_renders_lists_and_bold_in_embedded_fonts():
    data = to_pdfa(build_pdf(flowables(CANONICAL), DocumentInfo(title="Rik text")))
    assert validation_findings(data) == []
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "godkänner planen & allt" in text
    assert "1. Arbetsdelning" in text and "2. Kultur" in text and "5. fem" in text
    assert "• Kunskap" in text and "under <punkt>" in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = {str(f.BaseFont) for f in pdf.pages[0].Resources.Font.values()}
    assert any("Bold" in f for f in fonts) and any("Italic" in f for f in fonts)
