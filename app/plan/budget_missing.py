"""Why a plan's Ekonomi section has no internbudget. A plan copied forward into the next
period has no internbudget for its new first year until the economy has it; left out in
silence, the reader of the printed plan cannot tell a forgotten budget from a nämnd
that keeps none. A nämnd whose economy was kept in the program before the plan's first
year (an internbudget for an earlier year) gets the sentence; one that keeps none, or
began keeping it later than the plan, gets no section, as before."""

from __future__ import annotations

from app.budget import Ekonomi
from app.plan.model import Plan


def missing_internbudget_text(ek: Ekonomi, plan: Plan) -> str:
    """The sentence printed under "Ekonomi" when the plan's first year has no
    internbudget but the nämnd has one for an earlier year; "" otherwise."""
    years = ek.internbudget.ar_lista(plan.namnd_id)
    earlier = [y for y in years if y < plan.forsta_ar]
    if not earlier or plan.forsta_ar in years:
        return ""
    year = plan.forsta_ar
    return (f"Internbudgeten för {year} är inte inlagd i programmet ännu (den senaste är för {earlier[-1]}). "
            "Avsnittet fylls i när "
            f"nämnden har beslutat om internbudgeten för {year} och den har lagts in under Ekonomi.")
