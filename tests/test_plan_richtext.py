"""The plan's rich text: any HTML reduced to the stored subset, and the Excel form."""

from app.plan.richtext import blocks, from_html, from_plain, plain_text, to_plain

QT_HTML = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"><html><head><meta name="qrichtext" content="1" />'
    '<style type="text/css">p, li { white-space: pre-wrap; }</style></head>'
    '<body style=" font-family:\'Sans\'; font-size:10pt;">'
    '<p style=" margin-top:0px;">Redovisningarna görs till <span style=" font-weight:700;">kommunstyrelsen'
    '</span> &amp; <span style=" font-style:italic;">KF</span>.</p>'
    '<ul style="margin-top: 0px;"><li style="">vad som planeras</li><li>varför &lt;detta&gt; görs</li></ul>'
    '<p>Rad ett<br />rad två</p><script>alert(1)</script></body></html>'
)


def test_qt_html_is_reduced_to_the_stored_subset():
    stored = from_html(QT_HTML)
    assert stored == ("<p>Redovisningarna görs till <b>kommunstyrelsen</b> &amp; <i>KF</i>.</p>"
                      "<ul><li>vad som planeras</li><li>varför &lt;detta&gt; görs</li></ul>"
                      "<p>Rad ett<br/>rad två</p>")
    assert from_html(stored) == stored  # stable
    assert [b.kind for b in blocks(stored)] == ["p", "ul", "p"]
    assert plain_text(stored) == ("Redovisningarna görs till kommunstyrelsen & KF.\nvad som planeras\n"
                                  "varför <detta> görs\nRad ett\nrad två")


def test_excel_form_round_trip():
    stored = from_html(QT_HTML)
    text = to_plain(stored)
    assert text == ("Redovisningarna görs till **kommunstyrelsen** & *KF*.\n\n- vad som planeras\n"
                    "- varför <detta> görs\n\nRad ett\nrad två")
    assert from_plain(text) == stored


def test_plain_text_and_stars():
    assert from_plain("Ett stycke.\n\nEtt till med 14* och 3 * 4.") == (
        "<p>Ett stycke.</p><p>Ett till med 14* och 3 * 4.</p>")
    stored = from_plain("1. första\n2. andra")
    assert stored == "<ol><li>första</li><li>andra</li></ol>"
    assert to_plain(stored) == "1. första\n2. andra"
    assert to_plain(from_html("<p>14*3</p>")) == "14\\*3"
    assert from_plain("14\\*3") == "<p>14*3</p>"
    assert blocks("") == [] and from_html("<p>  </p>") == ""
