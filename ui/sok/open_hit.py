"""Opening a search hit in its area, at its place: the paragraf in Protokoll, the ärende
(and a bilaga's ärende) in Sammanträden, the entry in its register, the plan in
Verksamhetsplan, the nämnd's figures in Ekonomi. Each step uses the area's own way of
choosing (its organ, year and list), so its leave-or-revert guard is asked as when the
user chooses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.widgets.guard import select_data

if TYPE_CHECKING:
    from app.sok import Hit
    from ui.main_window import MainWindow

#: The register tab of each register kind (attribute of ui/registers/area.py's area).
_REGISTER_TABS = {"delegationsbeslut": "delegation", "meddelande": "meddelanden",
                  "ej_verkstallt": "evb"}


def open_hit(window: MainWindow, hit: Hit) -> str:
    """Show ``hit`` where it is; returns what the status bar says (Swedish)."""
    if hit.kind == "paragraf" and hit.sammantrade_id is not None:
        return _open_paragraf(window, hit)
    if hit.kind in ("arende", "bilaga") and hit.sammantrade_id is not None:
        return _open_arende(window, hit)
    if hit.kind in _REGISTER_TABS:
        return _open_register_entry(window, hit)
    if hit.kind == "plan" and hit.plan_id is not None:
        area = window.show_area("verksamhetsplan")
        if area is not None:
            area.reload(select_id=hit.plan_id)
        return f"Visar {hit.where}."
    if hit.kind == "budget":
        area = window.show_area("ekonomi")
        if area is not None and hit.namnd_id is not None:
            select_data(area.namnd, hit.namnd_id)
        return f"Visar Ekonomi för {hit.where}: {hit.title}."
    return f"{hit.title} kan inte visas."


def _open_paragraf(window: MainWindow, hit: Hit) -> str:
    area = window.show_area("protokoll")
    if area is None or hit.sammantrade_id is None:
        return ""
    if not area.select_meeting(hit.sammantrade_id):
        return f"Sammanträdet {hit.where} kunde inte visas."
    area.reload_paragrafer(select=hit.arende_id)
    return f"Visar {hit.title} i protokollet från {hit.where}."


def _open_arende(window: MainWindow, hit: Hit) -> str:
    area = window.show_area("sammantraden")
    if area is None or hit.sammantrade_id is None:
        return ""
    meeting = area.meetings.get_meeting(hit.sammantrade_id)
    select_data(area.organ, meeting.organ_id)
    area.set_year(meeting.day.year)
    area.reload_meetings(select=meeting.id)
    if area.current_meeting() is None or area.current_meeting().id != meeting.id:
        return f"Sammanträdet {hit.where} kunde inte visas."
    area.agenda.view.select_id(hit.arende_id)
    if hit.kind == "bilaga":
        return f"Visar ärendet med bilagan {hit.title} (sidan {hit.page}) på sammanträdet {hit.where}."
    return f"Visar {hit.title} på sammanträdet {hit.where}."


def _open_register_entry(window: MainWindow, hit: Hit) -> str:
    area = window.show_area("register")
    if area is None:
        return ""
    if hit.namnd_id is not None:
        select_data(area.namnd, hit.namnd_id)
    tab = getattr(area, _REGISTER_TABS[hit.kind])
    area.tabs.setCurrentWidget(tab)
    tab.reload(select=hit.id)
    if tab.view.current_id() != hit.id and tab.search.text():
        tab.search.clear()  # the tab's own search hid the entry
        tab.reload(select=hit.id)
    if tab.view.current_id() != hit.id:
        return f"{hit.title} ({hit.where}) döljs av registrets filter; välj Alla där."
    return f"Visar {hit.title} ({hit.where})."
