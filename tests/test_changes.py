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


def _nav_click(qtbot, window, area) -> None:
    """Press the area's entry in the navigation list, as the user does."""
    nav = window.nav
    item = nav.item(window.stack.indexOf(area))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())
    assert window.stack.currentWidget() is area


def test_sammantraden_and_protokoll_follow_each_other_and_jobs(qtbot, demo_path):
    """An ärende added in Sammanträden is a § in Protokoll; a change written by a job on
    its own connection shows in the area in view without switching areas."""
    from app.services import Services
    from app.session import Session
    from ui.application import make_application
    from ui.main_window import MainWindow, area_widget

    make_application()
    session = Session.open(demo_path)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    meetings = area_widget(window, "sammantraden")
    protokoll = area_widget(window, "protokoll")
    _nav_click(qtbot, window, meetings)
    found = meetings.meetings.meetings(meetings.organ_id(), 2026)
    meeting = next(m for m in found if m.datum == "2026-12-14")
    meetings.set_year(2026)
    assert meetings.view.select_id(meeting.id)
    qtbot.mouseClick(meetings.protokoll_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is protokoll and protokoll.meeting_id == meeting.id
    before = [r.p.rubrik for r in protokoll.para_model.records]

    _nav_click(qtbot, window, meetings)
    agenda = meetings.agenda
    qtbot.mouseClick(agenda.new_button, Qt.MouseButton.LeftButton)
    dialog = agenda.dialog
    _type(dialog.rubrik, "Riktlinjer för färdtjänst")  # keyClicks cannot send å, ä, ö
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Riktlinjer för färdtjänst" in [a.rubrik for a in agenda.model.records]

    _nav_click(qtbot, window, protokoll)
    after = [r.p.rubrik for r in protokoll.para_model.records]
    assert len(after) == len(before) + 1 and set(after) - set(before) == {"Riktlinjer för färdtjänst"}

    # A job on a worker thread renames the ärende through its own connection.
    arende = next(r.p for r in protokoll.para_model.records if r.p.rubrik == "Riktlinjer för färdtjänst")

    def job() -> None:
        services = Services.opening(session.path, changes=session.changes)
        try:
            a = services.arenden.get(arende.arende_id)
            a.rubrik = "Riktlinjer för färdtjänst och riksfärdtjänst"
            services.arenden.save(a)
        finally:
            services.close()

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "Riktlinjer för färdtjänst och riksfärdtjänst"
                    in [r.p.rubrik for r in protokoll.para_model.records], timeout=5000)
    assert window.stack.currentWidget() is protokoll  # no switching of areas was needed
    _nav_click(qtbot, window, meetings)
    assert "Riktlinjer för färdtjänst och riksfärdtjänst" in [a.rubrik for a in agenda.model.records]
    window.close()


def test_a_service_announces_only_writes_once_per_outermost_call(session):
    from app.meetings import MeetingService

    seen: list[Changes] = []
    session.changes.subscribe(seen.append)
    org = session.organisation
    namnd = org.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON"))
    assert seen == [Changes(organisation=True)]
    meetings = MeetingService(session.db)  # made anywhere: announces on the session's bus
    organ_id = org.organ(namnd.id)[0].id
    meetings.meetings(organ_id, 2026)  # a read tells nobody
    assert len(seen) == 1
    from datetime import date

    m = meetings.create_meeting(organ_id, date(2026, 3, 12))
    assert len(seen) == 2 and seen[-1].touches_meeting(m.id) and seen[-1].touches("meetings")
