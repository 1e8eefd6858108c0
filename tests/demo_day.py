"""The day the test suite's demo database is built for (tests/conftest.py)."""

from datetime import date

#: The program's "today" in every test that uses the demo: its coming nämnd meeting is
#: Monday 2026-12-14 and its arbetsutskott meets 2026-11-30. Tests that do not use the
#: demo run on the real (or faked) day and must pass on any day.
DEMO_DAY = date(2026, 11, 20)
