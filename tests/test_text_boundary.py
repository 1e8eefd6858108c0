"""One boundary for text (docs/domain/text.md): every str bound by sqlite3 is normalised
(db/text.py), and text the documents cannot print is refused where it enters
(app/printable.py) – through the services, an Excel import, the command line and a raw
insert, and in the person form."""

from __future__ import annotations

import io
import sqlite3
import unicodedata

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app import printable, richtext
from app.cli import main
from app.excel_import import ImportRefused, import_file, preview_file
from app.meetings import Arende
from app.organisation import Namnd, Person
from app.pdf import fonts
from app.registers import Registers
from app.registers.excel.read import MeddelandeImport
from app.registers.meddelanden import Meddelande, MeddelandeFilter
from app.session import Session
from app.validation import ValidationError, clean_text
from db.text import normalize

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

#: What the tests write, and what must be stored: a lone surrogate, U+FFFF, a BEL, a
#: right-to-left override, a decomposed "å" (a + ring), CR LF and a surrogate pair.
HOSTILE = "Å\u0301sa\ud800 Ek\uffff\x07ström\u202e a\u030a\r\nrad två \ud83d\ude00"
STORED = "Ǻsa Ekström å\nrad två 😀"


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_the_rules_of_the_normalisation():
    assert normalize(HOSTILE) == STORED
    assert normalize("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h") == "a\nb\nc\nd\ne\nf\ng\nh"
    assert normalize("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    # Tab and newline stay, vertical tab, form feed and CR are line breaks, the rest goes.
    assert normalize("".join(map(chr, range(32))) + "\x7f\x80\x9f") == "\t\n\n\n\n"
    assert normalize("x\ufdd0\ufdef\ufffe\U0001fffe\U0010ffff\udc00y") == "xy"
    assert normalize("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061cz") == "z"
    # Invisible characters that carry meaning stay (zero-width joiner in emoji, soft hyphen).
    assert normalize("a\u200db\u00adc") == "a\u200db\u00adc"
    assert normalize("Anders Öberg") == "Anders Öberg"
    # A list field's JSON: the escaped controls of its items follow the same rule.
    assert normalize('["Akt\\u0007", "rad 1\\r\\nrad 2"]') == '["Akt", "rad 1\\nrad 2"]'
    assert normalize('[not json \\r') == '[not json \\r'
    assert clean_text("  Ek\u00adström\x00\x07 ") == "Ekström"


def test_sqlite_hands_every_str_parameter_to_the_adapter(session):
    """Python's sqlite3 consults an adapter for str only once one is registered; this
    Python does, for positional, named and executemany parameters alike."""
    conn = session.db.conn
    assert conn.execute("SELECT ?", [HOSTILE]).fetchone()[0] == STORED
    assert conn.execute("SELECT :t", {"t": "e\u0301"}).fetchone()[0] == "é"
    conn.execute("CREATE TEMP TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("a\x00b",), ("c\uffff",)])
    assert [r[0] for r in conn.execute("SELECT x FROM t")] == ["ab", "c"]
    # Any connection of the process, not only the program's own.
    assert sqlite3.connect(":memory:").execute("SELECT ?", ["\ud800x"]).fetchone()[0] == "x"


def test_every_write_path_stores_normalised_text(session, tmp_path, capsys):
    from meeting_fixtures import make_org

    db = session.db
    org = make_org(db)
    namnd_id = org.namnd_organ.namnd_id
    # 1. A service's save, and rich text and a list field through the ärende service.
    person = session.organisation.save_person(Person(fornamn=HOSTILE, efternamn="Ek"))
    m = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    arende = org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Budget\x0b2022", skickas_till=["Akt\x07", "Ekonomi\r\nchef"],
        forslag_till_beslut=richtext.from_plain_text("Nämnden\x07 godka\u0308nner.\uffff")))
    # 2. A raw sqlite-utils insert and an execute through the program's connection.
    raw_id = db.table("person").insert({"fornamn": HOSTILE, "efternamn": "Raw"}).last_pk
    db.execute("UPDATE person SET titel = ? WHERE id = ?", [HOSTILE, raw_id])
    # sqlite-utils writes a list as JSON, where json.dumps escaped the controls.
    db.table("arende").update(arende.id, {"beslutsunderlag": ["Bilaga\x07 1", "rad\r\n2"]})
    # 3. An Excel import: "_x0007_" is how a workbook holds a BEL; calamine reads it.
    wb = openpyxl.Workbook()
    wb.active.append(["Diarienr", "Rubrik", "Inkom", "Avsändare"])
    wb.active.append(["VON 2022/1", "Tillsyn_x0007_ e\u0301n \u202eIVO", "2022-02-03", "IVO\ufdd0"])
    wb.save(tmp_path / "in.xlsx")
    assert import_file(db, MeddelandeImport(namnd_id), tmp_path / "in.xlsx") == 1
    # 4. The command line (an import of its own, in the same process's sqlite3).
    wb.active["B2"] = "Från CLI\u00a0e\u0301_x001b_"
    wb.active["A2"] = "VON 2022/2"
    wb.save(tmp_path / "cli.xlsx")
    session.close()
    assert main(["--db", str(session.path), "import", "meddelanden", str(tmp_path / "cli.xlsx"),
                 "--namnd", "VON"]) == 0
    capsys.readouterr()
    with Session.open(session.path) as again:
        q = again.db.execute
        assert q("SELECT fornamn FROM person WHERE id = ?", [person.id]).fetchone()[0] == STORED.strip()
        assert q("SELECT fornamn, titel FROM person WHERE id = ?", [raw_id]).fetchone() == (STORED, STORED)
        rows = Registers(again.db).meddelanden
        stored = rows.meddelanden(rows.ids(MeddelandeFilter()))
        assert sorted((x.rubrik, x.avsandare) for x in stored) == [
            ("Från CLI é", "IVO"), ("Tillsyn én IVO", "IVO")]
        saved = q("SELECT rubrik, skickas_till, forslag_till_beslut, beslutsunderlag FROM arende "
                  "WHERE id = ?", [arende.id]).fetchone()
        assert saved == ("Budget 2022", '["Akt", "Ekonomi chef"]', "<p>Nämnden godkänner.</p>",
                         '["Bilaga 1", "rad\\n2"]')
        # Nothing in the whole file holds what the normalisation removes.
        for table in [r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'")]:
            for row in q(f"SELECT * FROM [{table}]"):
                for value in row:
                    if isinstance(value, str):
                        assert value == normalize(value), (table, value)


def test_the_fonts_cover_the_latin_the_check_skips():
    """app/printable.py takes every character below U+0250 as printable without asking
    the fonts: Liberation Sans must have them all."""
    for code in range(0x20, 0x250):
        ch = chr(code)
        if unicodedata.category(ch) not in ("Cc", "Cn"):
            assert fonts.main_font_has(ch), f"U+{code:04X}"


@pytest.mark.parametrize(("name", "char", "words"), [
    ("שלום", "ש", "hebreisk skrift"),
    ("Amal محمد", "م", "arabisk skrift"),
    ("Anna 🎉", "🎉", "PARTY POPPER"),
    ("Fest 👍🏽", "👍", "THUMBS UP SIGN"),
    ("中文", "中", "CJK UNIFIED IDEOGRAPH-4E2D"),
])
def test_names_the_documents_cannot_print_are_refused_with_the_character(session, name, char, words):
    svc = session.organisation
    with pytest.raises(ValidationError) as refused:
        svc.save_person(Person(fornamn=name, efternamn="Test"))
    [message] = refused.value.for_field("fornamn")
    assert f"{char}\u2069” (U+{ord(char):04X}" in message or f"”{char}” (U+{ord(char):04X}" in message
    assert words in message
    # Quoted text with right-to-left letters is isolated, so the message stays left to right.
    assert message.startswith("Texten ”") and name in message.split(" innehåller ")[0]
    assert session.db.execute("SELECT COUNT(*) FROM person").fetchone()[0] == 0
    # Reading with such text is answered; only a write is refused.
    assert svc.person_ids(name) == []


def test_refusal_comes_with_the_services_own_errors_and_rolls_back_inside_a_transaction(session):
    svc = session.organisation
    with pytest.raises(ValidationError) as refused:
        svc.save_person(Person(fornamn="", efternamn="Cohen שלום", epost="x"))
    assert {e.field for e in refused.value.errors} == {"fornamn", "epost", "efternamn"}
    with session.db.atomic():  # an import's transaction: only the refused call is undone
        svc.save_person(Person(fornamn="Sara", efternamn="Levi"))
        with pytest.raises(ValidationError):
            svc.save_person(Person(fornamn="Sara", efternamn="לוי"))
    assert [p.efternamn for p in svc.personer()] == ["Levi"]


def test_what_the_fonts_have_prints_and_reads_back(session):
    """Greek, Cyrillic, Armenian, combining marks and the emoji DejaVu Sans has are
    accepted and come back out of the PDF's text (😀 beyond U+FFFF too)."""
    from meeting_fixtures import make_org

    from app.meetings.documents import make_kallelse

    org = make_org(session.db)
    m = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    title = "Glad 😀 ☺ Ωμέγα Жизнь Հայերեն q\u0303"
    org.arenden.add(Arende(sammantrade_id=m.id, rubrik=title))
    assert printable.problem(title) is None
    assert title in pdf_text(make_kallelse(session.db, m.id).data)


def test_text_stored_before_the_rule_still_prints_as_pdfa(session):
    """SQL's char() makes U+FFFF and a BEL without binding a parameter, as a file saved
    by an earlier version holds them: the PDFs drop them (U+FFFF failed PDF/A)."""
    from meeting_fixtures import make_org

    from app.meetings.documents import make_kallelse
    from app.pdf.pdfa import validation_findings
    from app.pdf.text import clean

    org = make_org(session.db)
    m = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    arende = org.arenden.add(Arende(sammantrade_id=m.id, rubrik="Gammal"))
    session.db.execute("UPDATE arende SET rubrik = 'Gammal' || char(65535) || ' rubrik' || char(7) || ' "
                       "med' || char(65534) || ' tecken' WHERE id = ?", [arende.id])
    assert "\uffff" in org.arenden.get(arende.id).rubrik
    data = make_kallelse(session.db, m.id).data
    assert validation_findings(data) == []
    assert "Gammal rubrik med tecken" in pdf_text(data)
    assert clean("a\uffff\ud800b\x07c\u202ed") == "abcd"


def test_excel_cells_the_documents_cannot_print_are_problems_on_their_cells(session, tmp_path):
    namnd_id = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    wb = openpyxl.Workbook()
    wb.active.title = "Inkommet"
    wb.active.append(["Diarienr", "Rubrik", "Inkom", "Avsändare"])
    wb.active.append(["VON 2022/1", "Skrivelse", "2022-02-03", "מרים כהן"])
    wb.active.append(["VON 2022/2", "Tack 🙏", "2022-02-04", "IVO"])
    wb.save(tmp_path / "in.xlsx")
    preview = preview_file(session.db, MeddelandeImport(namnd_id), tmp_path / "in.xlsx")
    messages = [str(p) for p in preview.problems]
    assert len(messages) == 2
    assert messages[0].startswith("Blad Inkommet, rad 2, kolumn D (Avsändare): texten "
                                  "”\u2068מרים כהן\u2069” innehåller hebreisk skrift, som "
                                  "”\u2068מ\u2069” (U+05DE HEBREW LETTER MEM)")
    assert messages[1].startswith("Blad Inkommet, rad 3, kolumn B (Rubrik): texten ”Tack 🙏” innehåller ”🙏” "
                                  "(U+1F64F PERSON WITH FOLDED HANDS)")
    with pytest.raises(ImportRefused):
        import_file(session.db, MeddelandeImport(namnd_id), tmp_path / "in.xlsx")
    assert Registers(session.db).meddelanden.ids(MeddelandeFilter()) == []


def test_a_refused_record_in_a_list_names_its_field(session):
    namnd_id = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    svc = Registers(session.db).meddelanden
    with pytest.raises(ValidationError) as refused:
        svc.insert_many([Meddelande(namnd_id=namnd_id, rubrik="Skrivelse"),
                         Meddelande(namnd_id=namnd_id, rubrik="Skrivelse", avsandare="IVO 🏛")])
    assert [e.field for e in refused.value.errors] == ["avsandare"]
    assert svc.ids(MeddelandeFilter()) == []


def test_an_import_stores_its_checked_rows_without_walking_them_again(session, monkeypatch):
    """The cells were checked as they were read (above); storing them skips the second
    walk through every record, and only inside the import's block."""
    namnd_id = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    svc = Registers(session.db).meddelanden
    walked = []
    real = printable.argument_errors
    monkeypatch.setattr(printable, "argument_errors", lambda *a: walked.append(1) or real(*a))
    with printable.texts_checked():
        svc.insert_many([Meddelande(namnd_id=namnd_id, rubrik="Skrivelse", avsandare="IVO")])
    assert walked == []
    with pytest.raises(ValidationError):
        svc.insert_many([Meddelande(namnd_id=namnd_id, rubrik="Skrivelse", avsandare="IVO 🏛")])
    assert walked == [1] and len(svc.ids(MeddelandeFilter())) == 1


# -- the window ------------------------------------------------------------------------------
def _type(widget, text):
    """Key events one character at a time (QTest.keyClicks cannot send å, ä, ö or
    Hebrew offscreen)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_person_form_shows_the_refusal_at_the_name_and_saves_nothing(qtbot, session, tmp_path):
    from ui.organisation.area import OrganisationArea

    area = OrganisationArea(session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    tab = area.personer
    area.setCurrentWidget(tab)
    _type(tab.search, "שלום")  # a search with such text is answered, not refused
    qtbot.waitUntil(lambda: tab.count.text() == "Inga personer matchar sökningen.")
    tab.search.clear()
    qtbot.mouseClick(tab.buttons.new, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    _type(dialog.fornamn, "Dana")
    _type(dialog.efternamn, "כהן")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    message = dialog.form.message("efternamn")
    assert message.startswith("Texten ”\u2068כהן\u2069” innehåller hebreisk skrift, som ”\u2068כ\u2069” "
                              "(U+05DB HEBREW LETTER KAF)")
    assert "Skriv namnet eller texten med latinska bokstäver." in message
    dialog.grab().save(str(tmp_path / "person_form.png"))
    assert session.organisation.personer() == []
    dialog.efternamn.clear()
    _type(dialog.efternamn, "Cohen")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [p.efternamn for p in session.organisation.personer()] == ["Cohen"]
