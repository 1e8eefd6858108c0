"""Verksamhetsplan: the plan with its goal tree (målområden, KF-mål, nämndmål, mått),
its tables, the follow-up of its goals and the copy into the next period.

Headless services over the database; the UI (ui/plan) and the command line call these.
PlanService (service.py) keeps plans, their sections and tables; its collaborators are
named for what they handle: goals.py (the goal tree), followup.py and assess.py (the
follow-up and its judgements), values.py (values as typed), copyforward.py,
adoption.py (the adopting paragraph), frozen.py (an adopted plan is not changed),
revision.py (its next version), checks.py (warnings before printing). The
documents are in pdf/, the workbook in excel/.
"""

from app.plan.copyforward import CopyResult, copy_forward
from app.plan.followup import FollowupReport, FollowupService
from app.plan.goals import GoalService
from app.plan.model import Aktivitet, GoalTree, KfMal, Malomrade, Matt, Namndmal, Plan, Tillfalle
from app.plan.service import PlanService
from app.plan.values import Value, parse_value

__all__ = ["Aktivitet", "CopyResult", "FollowupReport", "FollowupService", "GoalService", "GoalTree", "KfMal",
           "Malomrade", "Matt", "Namndmal", "Plan", "PlanService", "Tillfalle", "Value", "copy_forward",
           "parse_value"]
