"""The program's areas, in navigation order. Importing an area module registers it in
``ui.main_window.AREAS``; add a new area by importing its module here."""

# The navigation lists areas in import order, so these stay in that order.
# isort: off
import ui.organisation.area  # Organisation
import ui.budget.area  # Ekonomi
import ui.registers.area  # Register
import ui.plan.area  # noqa: F401  (Verksamhetsplan)
# isort: on
