"""The plan's printed documents: plan.py (render_plan, the verksamhetsplan with its
Ekonomi section from budget.py) and followup.py (render_followup, the goal follow-up of
one occasion); layout.py holds what they share."""
