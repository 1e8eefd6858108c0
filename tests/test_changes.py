"""The change bus (app/changes.py, ui/changes.py): what changed is announced once and
every area that shows it reads again, whichever area made the change."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, Qt, QThread
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.changes import ChangeBus, Changes
from app.organisation import Namnd, OrganisationService

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_changes_say_what_changed_and_merge():
    c = Changes.of("meetings", "arenden", meeting_ids=[4])
    assert c and c.kinds == {"meetings", "arenden"}
    assert c.touches("arenden") and not c.touches("plan")
    assert c.touches_meeting(4) and not c.touches_meeting(5)
    assert Changes.of("protokoll").touches_meeting(5)  # no ids: any meeting
    assert not Changes() and not Changes.of("plan").touches_meeting(4)
    merged = c | Changes.of("plan")
    assert merged.kinds == {"meetings", "arenden", "plan"} and merged.meeting_ids == {4}
    assert (c | Changes.of("meetings")).meeting_ids == frozenset()  # one side knows no ids
    assert Changes.everything().kinds == {"organisation", "meetings", "arenden", "bilagor", "protokoll",
                                          "registers", "plan", "budget", "settings"}
    assert c.with_origin("x") == c and c.with_origin("x").origin == "x"
    with pytest.raises(ValueError):
        Changes.of("mötet")


def test_the_bus_tells_every_subscriber_from_any_thread():
    bus = ChangeBus()
    seen: list[tuple[Changes, str]] = []
    lock = threading.Lock()

    def record(changes):
        with lock:
            seen.append((changes, threading.current_thread().name))

    def broken(_changes):
        raise RuntimeError("en trasig vy")

    bus.subscribe(broken)
    stop = bus.subscribe(record)
    threads = [threading.Thread(target=bus.publish, args=(Changes.of("plan"),), name=f"t{i}")
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and {name for _c, name in seen} == {f"t{i}" for i in range(8)}
    bus.publish(Changes())  # nothing changed: nobody is told
    assert len(seen) == 8
    stop()
    bus.publish(Changes.of("plan"))
    assert len(seen) == 8 and bus.subscriber_count == 1


def test_the_organisation_service_announces_its_writes(session):
    bus = ChangeBus()
    seen = []
    bus.subscribe(seen.append)
    svc = OrganisationService(session.db, changes=bus)
    namnd = svc.save_namnd(Namnd("Socialnämnden", "SN"))
    assert seen == [Changes(organisation=True)]
    svc.delete_namnd(namnd.id)
    assert len(seen) == 2
    OrganisationService(session.db).save_namnd(Namnd("Kulturnämnden", "KN"))  # no bus: nobody told
    assert len(seen) == 2
    # The session's own service announces on the session's bus.
    session.changes.subscribe(seen.append)
    session.organisation.save_namnd(Namnd("Miljönämnden", "MN"))
    assert len(seen) == 3 and seen[-1].organisation


def test_the_bridge_delivers_on_the_gui_thread(qtbot, session):
    from ui.changes import bridge

    gui = QThread.currentThread()
    received = []
    bridge(session).changed.connect(lambda c: received.append((c, QThread.currentThread() == gui)))
    worker = threading.Thread(target=session.changes.publish, args=(Changes.of("budget"),))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(received), timeout=5000)
    assert received == [(Changes.of("budget"), True)]
    session.changes.publish(Changes.of("plan"))  # on the GUI thread: at once
    assert received[-1] == (Changes.of("plan"), True)


def test_a_hidden_follower_refreshes_when_shown_and_skips_its_own_changes(qtbot, session):
    from ui.changes import announce, follow

    widget = QWidget()
    qtbot.addWidget(widget)
    child = QWidget(widget)
    refreshed = []
    follow(session, widget, ["organisation", "plan"], refreshed.append)
    announce(session, Changes.of("plan"))
    announce(session, Changes.of("organisation"))
    announce(session, Changes.of("budget"))  # not followed
    assert refreshed == []  # hidden: kept until shown
    widget.show()
    qtbot.waitExposed(widget)
    assert [c.kinds for c in refreshed] == [{"plan", "organisation"}]
    announce(session, Changes.of("plan"), origin=child)  # made by the widget itself
    assert len(refreshed) == 1
    announce(session, Changes.of("plan"), origin=object())
    assert len(refreshed) == 2


def _type(widget, text):
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_a_namnd_added_in_organisation_appears_in_register_and_ekonomi(qtbot, demo_path):
    from app.session import Session
    from ui.application import make_application
    from ui.main_window import MainWindow, area_widget

    make_application()
    window = MainWindow(Session.open(demo_path))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    register = area_widget(window, "register")
    ekonomi = area_widget(window, "ekonomi")
    before = [register.namnd.itemText(i) for i in range(register.namnd.count())]
    assert "Socialnämnden" not in before

    organisation = area_widget(window, "organisation")
    window.nav.setCurrentRow(window.stack.indexOf(organisation))
    organisation.setCurrentWidget(organisation.namnder)
    tab = organisation.namnder
    qtbot.mouseClick(tab.namnd_buttons.new, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    _type(dialog.namn, "Socialnämnden")
    qtbot.keyClicks(dialog.kortnamn, "SN")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    # The other areas are hidden: they read again when shown, not before.
    assert register.namnd.count() == len(before)
    window.nav.setCurrentRow(window.stack.indexOf(register))
    assert "Socialnämnden" in [register.namnd.itemText(i) for i in range(register.namnd.count())]
    window.nav.setCurrentRow(window.stack.indexOf(ekonomi))
    assert "Socialnämnden" in [ekonomi.namnd.itemText(i) for i in range(ekonomi.namnd.count())]
    window.close()


@pytest.fixture
def demo_path(tmp_path, demo_template):
    import shutil

    return shutil.copy(demo_template, tmp_path / "demo.nkdb")
