"""Print a plan's forums with how often they meet and who sits in them.

Run it on a plan file, or without an argument on the bundled 2016 plan:

    python examples/summarise.py
    python examples/summarise.py examples/crime-prevention-plan.toml
"""

from __future__ import annotations

import argparse
import sys

import actionplan
from actionplan import AsNeeded, Cadence, Dates, Forum, NotStated, PerPeriod, Plan, Rule


def describe_cadence(cadence: Cadence) -> str:
    """Return how often a forum meets, in a few English words."""
    match cadence:
        case PerPeriod():
            bound = "at least " if cadence.at_least else ""
            extra = ", and as needed" if cadence.as_needed else ""
            words = f"{bound}{cadence.count} per {cadence.period.label()}{extra}"
        case Rule():
            words = f"rule {cadence.rrule} from {cadence.start.isoformat()}"
        case Dates():
            listed = ", ".join(day.isoformat() for day in cadence.dates)
            words = f"on {listed}" + ("" if cadence.complete else " (more dates to follow)")
        case AsNeeded():
            words = "as needed"
        case NotStated():
            words = "not stated"
    if cadence.modality is not None:
        words += f" [{cadence.modality.label()}]"
    if cadence.text:
        words += f' - "{cadence.text}"'
    return words


def describe_forum(plan: Plan, forum: Forum) -> list[str]:
    """Return the lines that summarise one forum."""
    heading = f"{forum.name} [{forum.kind.label()}]"
    if forum.classification is not actionplan.Classification.PUBLIC:
        heading += f" [{forum.classification.label()}]"
    members = []
    for seat in forum.members:
        notes = [] if seat.role is actionplan.Role.MEMBER else [seat.role.label()]
        notes += ["as needed"] if seat.as_needed else []
        name = plan.actor(seat.actor).name
        members.append(f"{name} ({', '.join(notes)})" if notes else name)
    return [
        heading,
        f"  meets:   {describe_cadence(forum.cadence)}",
        f"  members: {'; '.join(members) if members else 'none named in the plan'}",
    ]


def main(argv: list[str] | None = None) -> int:
    """Load the plan named on the command line (or the bundled one) and print its forums."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", nargs="?", help="a JSON, TOML or YAML plan file")
    args = parser.parse_args(argv)
    try:
        plan = actionplan.load(args.plan) if args.plan else actionplan.example()
    except actionplan.ActionPlanError as error:
        print(f"summarise: {error}", file=sys.stderr)
        return 1
    names = ", ".join(m.name for m in plan.municipalities)
    decision = f", {plan.decision}" if plan.decision else ""
    print(f"{plan.title} ({names}{decision})")
    for forum in plan.forums:
        print()
        print("\n".join(describe_forum(plan, forum)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
