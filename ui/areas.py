"""The program's areas, in navigation order. Importing an area module registers it in
``ui.main_window.AREAS``; add a new area by importing its module here."""

import ui.organisation.area  # noqa: F401  (Organisation)
