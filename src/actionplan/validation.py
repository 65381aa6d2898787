"""Whole-plan rules: what only the plan as a whole can tell, reported as findings.

:func:`integrity` checks what every plan must satisfy to be read at all (unique ids,
references that resolve); :func:`validate` adds the rules a coordinator cares about
(a forum with no members, a *ska* measure with nobody responsible).

Examples:
    >>> import actionplan
    >>> [f.code for f in integrity(actionplan.example())]
    []
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator

from actionplan.findings import CODES, Finding, cite
from actionplan.model import Plan, Source

__all__ = ["RULES", "integrity", "validate"]


def _finding(
    code: str,
    message: str,
    message_sv: str,
    *,
    path: str | None = None,
    subject: str | None = None,
    plan: Plan | None = None,
    source: Source | None = None,
) -> Finding:
    return Finding(
        code=code,
        severity=CODES[code].severity,
        message=message,
        message_sv=message_sv,
        path=path,
        subject=subject,
        citation=cite(plan, source) if plan is not None else None,
    )


def _duplicates(plan: Plan) -> Iterator[Finding]:
    lists: dict[str, Iterable[str]] = {
        "actors": (a.id for a in plan.actors),
        "forums": (f.id for f in plan.forums),
        "measures": (m.id for m in plan.measures),
        "milieus": (m.id for m in plan.milieus),
        "situational_pictures": (p.id for p in plan.situational_pictures),
        "invitations": (i.id for i in plan.invitations),
        "resources": (r.id for r in plan.resources),
        "follow_ups": (f.id for f in plan.follow_ups),
        "municipalities": (m.code for m in plan.municipalities),
    }
    for name, ids in lists.items():
        seen: set[str] = set()
        for index, item in enumerate(ids):
            key = "code" if name == "municipalities" else "id"
            if item in seen:
                yield _finding(
                    "AP101",
                    f"{key} {item!r} is used twice in {name}; give each its own {key}",
                    f"{key} {item!r} används två gånger i {name}; ge var och en eget {key}",
                    path=f"{name}[{index}].{key}",
                    subject=item,
                )
            seen.add(item)
    numbers: set[str] = set()
    for index, section in enumerate(plan.sections):
        if section.number in numbers:
            yield _finding(
                "AP104",
                f"section {section.number!r} is numbered twice",
                f"punkt {section.number!r} förekommer två gånger",
                path=f"sections[{index}].number",
                subject=section.number,
            )
        numbers.add(section.number)


_NOUNS_SV = {
    "actor": "aktör",
    "forum": "forum",
    "milieu": "miljö",
    "resource": "resurs",
    "municipality": "kommun",
}


def _unknown(noun: str, value: str, known: Iterable[str], path: str) -> Finding:
    choices = sorted(known)
    close = difflib.get_close_matches(value, choices, n=1)
    if close:
        hint_en, hint_sv = f"did you mean {close[0]!r}?", f"menade du {close[0]!r}?"
    elif choices:
        listed = ", ".join(repr(c) for c in choices)
        hint_en, hint_sv = f"known: {listed}", f"kända: {listed}"
    else:
        hint_en, hint_sv = (
            f"the plan defines no {noun}",
            f"planen definierar ingen {_NOUNS_SV[noun]}",
        )
    return _finding(
        "AP102",
        f"unknown {noun} {value!r}; {hint_en}",
        f"okänd {_NOUNS_SV[noun]} {value!r}; {hint_sv}",
        path=path,
        subject=value,
    )


def _references(plan: Plan) -> Iterator[Finding]:
    actors = {a.id for a in plan.actors}
    forums = {f.id for f in plan.forums}
    milieus = {m.id for m in plan.milieus}
    resources = {r.id for r in plan.resources}
    codes = set(plan.municipality_codes)

    def check(
        noun: str, known: set[str], values: Iterable[str | None], path: str
    ) -> Iterator[Finding]:
        for index, value in enumerate(values):
            if value is not None and value not in known:
                yield _unknown(noun, value, known, path.format(index))

    for i, actor in enumerate(plan.actors):
        yield from check("municipality", codes, [actor.municipality], f"actors[{i}].municipality")
    for i, forum in enumerate(plan.forums):
        yield from check("actor", actors, forum.member_ids, f"forums[{i}].members[{{}}].actor")
        yield from check(
            "municipality", codes, forum.municipalities, f"forums[{i}].municipalities[{{}}]"
        )
    for i, measure in enumerate(plan.measures):
        base = f"measures[{i}]"
        yield from check("actor", actors, measure.responsible, f"{base}.responsible[{{}}]")
        yield from check("actor", actors, measure.participants, f"{base}.participants[{{}}]")
        yield from check("forum", forums, measure.forums, f"{base}.forums[{{}}]")
        yield from check("milieu", milieus, measure.milieus, f"{base}.milieus[{{}}]")
        yield from check("resource", resources, measure.resources, f"{base}.resources[{{}}]")
    for i, picture in enumerate(plan.situational_pictures):
        base = f"situational_pictures[{i}]"
        yield from check("forum", forums, [picture.producer], f"{base}.producer")
        contributors = [c.actor for c in picture.contributors]
        yield from check("actor", actors, contributors, f"{base}.contributors[{{}}].actor")
        yield from check("milieu", milieus, picture.milieus, f"{base}.milieus[{{}}]")
    for i, invitation in enumerate(plan.invitations):
        yield from check("actor", actors, [invitation.actor], f"invitations[{i}].actor")
        yield from check("forum", forums, [invitation.forum], f"invitations[{i}].forum")
    for i, follow_up in enumerate(plan.follow_ups):
        yield from check(
            "actor", actors, follow_up.responsible, f"follow_ups[{i}].responsible[{{}}]"
        )


def _sources(plan: Plan) -> Iterator[Finding]:
    if not plan.sections:
        return
    numbers = {s.number for s in plan.sections}
    parts: dict[str, Iterable[object]] = {
        "actors": plan.actors,
        "forums": plan.forums,
        "measures": plan.measures,
        "situational_pictures": plan.situational_pictures,
        "invitations": plan.invitations,
        "resources": plan.resources,
        "follow_ups": plan.follow_ups,
    }
    for name, items in parts.items():
        for index, item in enumerate(items):
            source: Source | None = getattr(item, "source", None)
            if source is not None and source.section not in numbers:
                listed = ", ".join(sorted(numbers))
                yield _finding(
                    "AP103",
                    f"cites section {source.section!r}, which the plan does not have "
                    f"(sections: {listed})",
                    f"hänvisar till punkt {source.section!r}, som planen saknar "
                    f"(punkter: {listed})",
                    path=f"{name}[{index}].source.section",
                    subject=source.section,
                )


def integrity(plan: Plan) -> list[Finding]:
    """Return what breaks the plan's own structure: duplicate ids and dangling references.

    Loading a file with any of these fails; a plan built in code can be checked with this.
    """
    return [*_duplicates(plan), *_references(plan), *_sources(plan)]


Rule = Callable[[Plan], Iterable[Finding]]

RULES: tuple[Rule, ...] = ()
"""The whole-plan rules :func:`validate` applies after :func:`integrity`, in order."""


def validate(plan: Plan) -> list[Finding]:
    """Return every finding about *plan*: integrity errors first, then the plan rules.

    Findings are sorted by severity (errors first), then code, then path, so the same
    plan always gives the same list.
    """
    findings = integrity(plan)
    for rule in RULES:
        findings.extend(rule(plan))
    return sorted(findings, key=lambda f: (-f.severity.rank, f.code, f.path or "", f.message))
