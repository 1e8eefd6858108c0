"""Searching knows Swedish: case folded for Å, Ä, Ö, É … (SQLite's LIKE folds only A–Z),
other accents dropped, å/ä/ö kept apart from a/o; typed into the real search fields."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.plan.adoption import AdoptingParagraph
from app.registers.delegation import BeslutFilter
from app.registers.ej_verkstallda import EvbFilter
from app.registers.meddelanden import MeddelandeFilter
from db.textsort import register_collation, search_fold, swedish_key

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _type(widget, text):
    """Key events one character at a time (keyClicks cannot send å, ä, ö offscreen)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_search_fold_folds_every_letter_and_keeps_a_ring_apart():
    assert search_fold("Överföring") == search_fold("överföring") == "överföring"
    assert search_fold("ÅTGÄRDER") == "åtgärder"
    assert search_fold("Rydén") == search_fold("RYDEN") == "ryden"
    assert search_fold("Müller") == "muller"
    assert search_fold("Åsa") != search_fold("Asa")  # a is not å in Swedish
    assert search_fold("Ölander") != search_fold("Olander")
    assert search_fold("Bærum") == search_fold("Bärum") and search_fold("Søberg") == search_fold("Söberg")
    assert search_fold("Ek\u00adström") == "ekström"
    # "Å" written as A + combining ring (text from macOS or a PDF) is still å.
    assert search_fold("A\u030asa") == "åsa"
    assert swedish_key("A\u030asa")[0] == swedish_key("Åsa")[0]
    assert search_fold(None) == "" and search_fold("") == ""


def test_sv_fold_is_on_every_connection():
    conn = sqlite3.connect(":memory:")
    register_collation(conn)
    conn.execute("CREATE TABLE t (s TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("Överföring av medel",), ("Oversikt",), (None,)])
    found = conn.execute("SELECT s FROM t WHERE instr(sv_fold(s), ?) > 0", [search_fold("ÖVER")]).fetchall()
    assert found == [("Överföring av medel",)]
    assert conn.execute("SELECT sv_fold(NULL)").fetchone() == ("",)


def test_register_services_find_capital_swedish_letters(demo_session):
    regs = demo_session.registers
    von = demo_session.organisation.namnder()[0].id
    exact = regs.delegation.count(BeslutFilter(von, text="Överföring"))
    assert exact > 0
    assert regs.delegation.count(BeslutFilter(von, text="överföring")) == exact
    assert regs.delegation.count(BeslutFilter(von, text="ÖVERFÖRING ehälsa")) == exact
    assert regs.delegation.count(BeslutFilter(von, text="overforing")) == 0  # o is not ö
    assert regs.delegation.count(BeslutFilter(von, text="100%")) == 0
    assert regs.meddelanden.count(MeddelandeFilter(von, text="åtgärder")) == \
        regs.meddelanden.count(MeddelandeFilter(von, text="Åtgärder")) > 0
    assert len(regs.evb.ids(EvbFilter(von, text="äldreboende"))) == \
        len(regs.evb.ids(EvbFilter(von, text="Äldreboende"))) > 0


@pytest.fixture
def register_area(qtbot, demo_session):
    from ui.registers.area import RegisterArea

    widget = RegisterArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


@pytest.mark.parametrize(("tab_name", "typed", "shown", "column"), [
    ("delegation", "överföring", "Överföring", "Beslut"),
    ("meddelanden", "åtgärder", "Åtgärder", "Rubrik"),
    ("evb", "äldreboende", "Äldreboende", "Insats"),
])
def test_register_search_field_finds_capital_swedish_letters(qtbot, register_area, tab_name, typed, shown,
                                                             column):
    tab = getattr(register_area, tab_name)
    register_area.tabs.setCurrentWidget(tab)
    before = tab.model.total
    tab.search.setFocus()
    _type(tab.search, typed)
    assert tab.search.text() == typed
    qtbot.waitUntil(lambda: 0 < tab.model.total < before, timeout=3000)
    col = tab.model.column_of(column)
    texts = [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]
    assert texts and all(shown in text for text in texts)
    assert tab.count.text().startswith(str(tab.model.total))


def test_people_search_field_folds_swedish_letters(qtbot, demo_session):
    from ui.organisation.area import OrganisationArea

    area = OrganisationArea(demo_session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    area.setCurrentWidget(area.personer)
    tab = area.personer
    _type(tab.search, "öBERG")
    qtbot.waitUntil(lambda: tab.model.total < 28, timeout=3000)
    names = [tab.model.record(r).efternamn for r in range(tab.model.rowCount())]
    assert names == ["Sjöberg", "Öberg"]  # in Swedish order: Ö after S


def test_adoption_picker_filter_folds_swedish_letters():
    paragraph = AdoptingParagraph(arende_id=1, sammantrade_id=1, namnd_id=1, datum="2026-03-16",
                                  label="§ 21", rubrik="Överföring av investeringsmedel", dnr="VON 2026/4",
                                  organ_namn="Vård- och omsorgsnämnden")
    assert paragraph.matches("överföring")
    assert paragraph.matches("ÖVERFÖRING § 21")
    assert not paragraph.matches("overforing")
