"""The plan's rich text (NK-HTML, app/richtext.py) in an Excel cell and back."""

from app.plan.richtext import from_marked_text, to_marked_text
from app.richtext import from_html

QT_HTML = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"><html><head><meta name="qrichtext" content="1" />'
    '<style type="text/css">p, li { white-space: pre-wrap; }</style></head>'
    '<body style=" font-family:\'Sans\'; font-size:10pt;">'
    '<p style=" margin-top:0px;">Redovisningarna görs till <span style=" font-weight:700;">kommunstyrelsen'
    '</span> &amp; <span style=" font-style:italic;">KF</span>.</p>'
    '<ul style="margin-top: 0px;"><li style="">vad som planeras</li><li>varför &lt;detta&gt; görs</li></ul>'
    '<p>Rad ett<br />rad två med 14*3</p></body></html>'
)


def test_excel_form_round_trip():
    stored = from_html(QT_HTML)
    text = to_marked_text(stored)
    assert text == ("Redovisningarna görs till **kommunstyrelsen** & *KF*.\n\n- vad som planeras\n"
                    "- varför <detta> görs\n\nRad ett\nrad två med 14\\*3")
    assert from_marked_text(text) == stored


def test_plain_text_without_marks():
    assert from_marked_text("Ett stycke.\n\nEtt till med 3 * 4.") == (
        "<p>Ett stycke.</p><p>Ett till med 3 * 4.</p>")
    stored = from_marked_text("1. första\n2. **andra**")
    assert stored == "<ol><li>första</li><li><b>andra</b></li></ol>"
    assert to_marked_text(stored) == "1. första\n2. **andra**"
    assert from_marked_text("") == "" and to_marked_text("") == ""
