"""The public API used the way a tool that embeds actionplan uses it; checked by mypy.

Nothing here runs in the test suite: mypy reads it, so a lost or widened type in the
public API fails type checking even when every runtime test passes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    Finding,
    Forum,
    Measure,
    Membership,
    Modality,
    Period,
    PerPeriod,
    Plan,
    PreventionLevel,
    Severity,
    Source,
)


def build() -> Plan:
    """Build a plan in code with keyword arguments."""
    police = Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE)
    council = Forum(
        id="bra",
        name="Brottsförebyggande rådet",
        members=(Membership(actor=police.id),),
        cadence=PerPeriod(count=4, period=Period.YEAR, modality=Modality.SHOULD),
    )
    walks = Measure(
        id="trygghetsvandringar",
        description="Genomföra trygghetsvandringar",
        responsible=(police.id,),
        levels=(PreventionLevel.PREVENTIVE,),
        source=Source(section="2"),
    )
    return Plan(id="demo", title="Demo", actors=(police,), forums=(council,), measures=(walks,))


def errors_in(path: Path) -> list[str]:
    """Load, validate, change and save a plan; return the error messages in Swedish."""
    try:
        plan = actionplan.load(path)
    except actionplan.InvalidPlanError as error:
        return [f"{problem.path}: {problem.message}" for problem in error.problems]
    except actionplan.PlanFileError as error:
        return [str(error)]
    findings: list[Finding] = actionplan.validate(plan, today=date(2026, 1, 1))
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    revised = attrs.evolve(plan, title=plan.title + " (reviderad)")
    actionplan.dump(revised, path.with_suffix(".json"))
    text: str = actionplan.dumps(revised, format="toml")
    assert actionplan.loads(text, format="toml") == revised
    data: dict[str, object] = actionplan.to_dict(revised)
    assert data["format_version"] == actionplan.FORMAT_VERSION
    schema: dict[str, object] = actionplan.json_schema()
    assert "$schema" in schema
    return [finding.text("sv") for finding in serious]


def forum_cadence(plan: Plan, forum_id: str) -> float | None:
    """Return how many meetings a year a forum's cadence asks for, if it counts them."""
    cadence = plan.forum(forum_id).cadence
    if isinstance(cadence, PerPeriod):
        return cadence.per_year
    return None


def labels(plan: Plan) -> dict[str, str]:
    """Return each measure's modality in the plan's language."""
    return {m.id: m.modality.label(plan.language) for m in plan.measures}
