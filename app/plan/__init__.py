"""Verksamhetsplan: plan, goal tree, tables, follow-up and copy-forward (DOMAIN.md 7).

Headless services over the database; the UI (ui/plan) and the command line call these.
"""

from app.plan.copyforward import CopyResult, copy_forward
from app.plan.followup import FollowupReport, FollowupService
from app.plan.goals import GoalService
from app.plan.plans import PlanService
from app.plan.values import Value, parse_value

__all__ = ["CopyResult", "FollowupReport", "FollowupService", "GoalService", "PlanService", "Value",
           "copy_forward", "parse_value"]
