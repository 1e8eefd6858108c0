"""The program's areas, in navigation order.

Each area is *declared* here with its key, title and module; the module is imported
(and registers its ``Area`` in ``ui.area_registry.AREAS``) only when the area is first
shown. Importing every area at start-up would cost more than the rest of start-up
together. Add a new area with one more ``declare_area`` line (the key and title must be
those the module registers; tests/test_main_window.py checks that).
"""

from ui.area_registry import declare_area

declare_area("organisation", "Organisation", "ui.organisation.area")
declare_area("sammantraden", "Sammanträden", "ui.meetings.area")
declare_area("protokoll", "Protokoll", "ui.protokoll.area")
declare_area("ekonomi", "Ekonomi", "ui.budget.area")
declare_area("register", "Register", "ui.registers.area")
declare_area("verksamhetsplan", "Verksamhetsplan", "ui.plan.area")
declare_area("rapporter", "Rapporter", "ui.rapport.area")
