"""Proposing an assessment from outcomes and parsed targets, and the share of planned
activities done. Pure functions: the follow-up service feeds them.

Rules (explained to the user with every proposal):

* A mått is *uppnått* when its outcome meets the målvärde of the occasion's year:
  ``<12`` → under 12, ``≥ 50 %`` → at least 50 %, ``>2022`` → better than the outcome
  of 2022. A målvärde without a comparator is a level to reach: at least the value
  when it lies above the ingångsvärde, at most the value when it lies below (``20`` →
  ``16`` "ska minska"), and at most 0 when it is 0 ("0 % neg. avvikelse").
* Not met but moved the right way from the ingångsvärde: *förbättrat*.
* A nämndmål is *helt uppfyllt* when all its judged mått are uppnådda, *ej uppfyllt*
  when none is uppnått or förbättrat, otherwise *delvis uppfyllt*. Mått that cannot be
  judged (no outcome, text values, different units) are left out; with none left, no
  proposal is made.
* A KF-mål follows its nämndmål: all helt → helt, all ej → ej, otherwise delvis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from app.plan.model import DELVIS, EJ, EJ_UTVARDERAD, HELT
from app.plan.values import NUMBER, YEAR_REF, Value, format_plain, parse_value

UPPNATT, FORBATTRAT, EJ_UPPNATT = "uppnått", "förbättrat", "ej uppnått"


@dataclass(frozen=True)
class Judgement:
    status: str | None  # UPPNATT / FORBATTRAT / EJ_UPPNATT, or None: cannot be judged
    reason: str


@dataclass
class Proposal:
    bedomning: str | None
    reasons: list[str] = field(default_factory=list)

    def explain(self) -> str:
        return "\n".join(self.reasons)


def _unit_key(value: Value) -> str:
    return value.unit if value.unit in ("%", "‰") else value.unit.casefold()[:6]


def _compare(a: Decimal, comparator: str, b: Decimal) -> bool:
    return {"<": a < b, "≤": a <= b, ">": a > b, "≥": a >= b, "=": a == b}[comparator]


def _show(value: Value) -> str:
    return f"”{value.text.strip()}”"


def judge(outcome: Value, target: Value, baseline: Value,
          resolve_year: Callable[[int], Value | None] = lambda _y: None) -> Judgement:
    """Judge one mått's outcome against its målvärde (see the module rules)."""
    if outcome.kind != NUMBER:
        if not outcome.text.strip():
            return Judgement(None, "inget utfall inskrivet")
        return Judgement(None, f"utfallet {_show(outcome)} är inget tal")
    # parse_value gives a NUMBER its number and a YEAR_REF its year.
    assert outcome.number is not None
    if target.kind == YEAR_REF:
        assert target.year is not None
        reference = resolve_year(target.year)
        if reference is None or reference.kind != NUMBER:
            return Judgement(None, f"målvärdet {_show(target)} jämför med {target.year}, "
                             f"men inget utfall för {target.year} finns")
        threshold, comparator = reference.number, target.comparator or ">"
        against = f"utfallet {target.year} ({format_plain(threshold)})"
        base_number = reference.number
        units = (outcome, reference)
    elif target.kind == NUMBER:
        threshold = target.number
        assert threshold is not None
        base_number = baseline.number if baseline.kind == NUMBER else None
        comparator = target.comparator or _inferred(threshold, base_number)
        against = f"målvärdet {_show(target)}"
        units = (outcome, target)
    else:
        if not target.text.strip():
            return Judgement(None, "inget målvärde för året")
        return Judgement(None, f"målvärdet {_show(target)} kan inte jämföras")
    assert threshold is not None
    a, b = units
    if a.unit and b.unit and _unit_key(a) != _unit_key(b):
        return Judgement(None, f"utfallet {_show(outcome)} och {against} har olika enheter")
    if _compare(outcome.number, comparator, threshold):
        return Judgement(UPPNATT, f"utfallet {_show(outcome)} når {against}")
    if base_number is not None and base_number != threshold:
        better = outcome.number > base_number if comparator in (">", "≥") else outcome.number < base_number
        if comparator in ("<", "≤", ">", "≥") and better:
            return Judgement(FORBATTRAT, f"utfallet {_show(outcome)} når inte {against} men är bättre "
                             f"än ingångsvärdet ({format_plain(base_number)})")
    return Judgement(EJ_UPPNATT, f"utfallet {_show(outcome)} når inte {against}")


def _inferred(threshold: Decimal, baseline: Decimal | None) -> str:
    if threshold == 0:
        return "≤"
    if baseline is not None and threshold < baseline:
        return "≤"
    return "≥"


def propose_goal(judgements: Iterable[tuple[str, Judgement]]) -> Proposal:
    """A nämndmål's proposal from its mått (name, judgement) pairs."""
    reasons, statuses = [], []
    for name, j in judgements:
        reasons.append(f"{name}: {j.reason}")
        if j.status is not None:
            statuses.append(j.status)
    if not statuses:
        return Proposal(None, reasons or ["inga mått att bedöma"])
    if all(s == UPPNATT for s in statuses):
        return Proposal(HELT, reasons)
    if all(s == EJ_UPPNATT for s in statuses):
        return Proposal(EJ, reasons)
    return Proposal(DELVIS, reasons)


def propose_parent(assessments: Iterable[tuple[str, str | None]]) -> Proposal:
    """A KF-mål's proposal from its nämndmål's (name, bedömning) pairs."""
    pairs = [(n, b) for n, b in assessments if b and b != EJ_UTVARDERAD]
    if not pairs:
        return Proposal(None, ["inga bedömda nämndmål"])
    reasons = [f"{n}: {b}" for n, b in pairs]
    values = {b for _n, b in pairs}
    if values == {HELT}:
        return Proposal(HELT, reasons)
    if values == {EJ}:
        return Proposal(EJ, reasons)
    return Proposal(DELVIS, reasons)


@dataclass(frozen=True)
class Share:
    """Share of planned activities done by an occasion."""

    done: int
    planned: int

    @property
    def percent(self) -> int | None:
        if not self.planned:
            return None
        return int((Decimal(100 * self.done) / self.planned).quantize(Decimal(1), ROUND_HALF_UP))

    def text(self) -> str:
        if not self.planned:
            return "Inga planerade aktiviteter"
        return f"{self.percent} % ({self.done} av {self.planned})"


def activity_share(activities: Iterable[tuple[int | None, str | None]], month: int) -> Share:
    """``activities`` are (due month or None, status at the occasion). An activity
    counts as planned by ``month`` when it is due by then; one with no readable time
    counts as due at the year's end."""
    done = planned = 0
    for due, status in activities:
        if (due or 12) <= month:
            planned += 1
            if status == "genomförd":
                done += 1
    return Share(done, planned)


__all__ = ["EJ_UPPNATT", "FORBATTRAT", "UPPNATT", "Judgement", "Proposal", "Share",
           "activity_share", "judge", "parse_value", "propose_goal", "propose_parent"]
