"""Whole-plan rules: what only the plan as a whole can tell, reported as findings.

:func:`integrity` checks what every plan must satisfy to be read at all (unique ids,
references that resolve); :func:`validate` adds the rules a coordinator cares about
(a forum with no members, a *ska* measure with nobody responsible). Rules about time
(a stale situational picture) run only when the caller passes the day of the check, so the
same plan always gives the same findings.

Examples:
    >>> import actionplan
    >>> [f.code for f in integrity(actionplan.example())]
    []
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from actionplan.cadence import add_months
from actionplan.findings import CODES, Finding, Severity, cite
from actionplan.model import (
    PERIOD_DAYS,
    Cadence,
    Dates,
    ElectoralCycle,
    EveryNth,
    Invitation,
    InvitationStatus,
    MaxInterval,
    MeasureStatus,
    Modality,
    MonthDeadline,
    NotStated,
    Period,
    PerPeriod,
    Plan,
    PreventionScheme,
    Rule,
    Source,
)

__all__ = ["RULES", "PlanRule", "integrity", "validate"]


def _finding(
    code: str,
    message: str,
    message_sv: str,
    *,
    path: str | None = None,
    subject: str | None = None,
    plan: Plan | None = None,
    source: Source | None = None,
    severity: Severity | None = None,
) -> Finding:
    return Finding(
        code=code,
        severity=CODES[code].severity if severity is None else severity,
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


PlanRule = Callable[[Plan, date | None], Iterable[Finding]]
"""A whole-plan rule: ``rule(plan, today)`` yields findings.

``today`` is the day of the check; rules about time yield nothing when it is ``None``.
"""


def _forum_without_members(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP201: a forum the plan names without saying who is in it.

    A seat that is only offered ("ska erbjudas plats") is not a confirmed member.
    """
    for i, forum in enumerate(plan.forums):
        offered = [m.actor for m in forum.members if m.offered]
        if len(offered) == len(forum.members) and offered:
            listed = ", ".join(offered)
            yield _finding(
                "AP201",
                f"forum {forum.id!r} ({forum.name}) has no confirmed members: "
                f"seats are only offered to {listed}",
                f"forumet {forum.id!r} ({forum.name}) saknar bekräftade medlemmar: "
                f"plats erbjuds bara {listed}",
                path=f"forums[{i}].members",
                subject=forum.id,
                plan=plan,
                source=forum.source,
            )
        elif not forum.members:
            yield _finding(
                "AP201",
                f"forum {forum.id!r} ({forum.name}) has no members: "
                "the plan names it but never says who is in it",
                f"forumet {forum.id!r} ({forum.name}) saknar medlemmar: "
                "planen nämner det men säger aldrig vilka som ingår",
                path=f"forums[{i}].members",
                subject=forum.id,
                plan=plan,
                source=forum.source,
            )


def _forum_without_cadence(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP202: a forum whose cadence is not stated, or stated in words nobody can measure."""
    for i, forum in enumerate(plan.forums):
        cadence = forum.cadence
        if not isinstance(cadence, NotStated):
            continue
        if cadence.text:
            en = f"has no measurable cadence: the plan only says {cadence.text!r}"
            sv = f"har ingen mätbar mötesfrekvens: planen säger bara {cadence.text!r}"
        else:
            en = "has no cadence: the plan does not say how often it meets"
            sv = "saknar mötesfrekvens: planen säger inte hur ofta det möts"
        yield _finding(
            "AP202",
            f"forum {forum.id!r} ({forum.name}) {en}",
            f"forumet {forum.id!r} ({forum.name}) {sv}",
            path=f"forums[{i}].cadence",
            subject=forum.id,
            plan=plan,
            source=forum.source,
        )


_FINISHED = frozenset({MeasureStatus.COMPLETED, MeasureStatus.DISCONTINUED})


def _shall_measure_without_responsible(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP203: a *ska* measure, not yet finished, that names nobody responsible.

    A generic owner kept as written ("berörda parter") is named in the message.
    """
    for i, measure in enumerate(plan.measures):
        if (
            measure.modality is Modality.SHALL
            and not measure.responsible
            and measure.status not in _FINISHED
        ):
            owner = measure.responsible_text
            en = "names nobody responsible"
            sv = "ingen är ansvarig för den"
            if owner is not None:
                en = f"has only a generic owner: {owner!r}"
                sv = f"har bara en allmänt angiven ägare: {owner!r}"
            yield _finding(
                "AP203",
                f"measure {measure.id!r} is a shall (ska) but {en}",
                f"åtgärden {measure.id!r} är ett ska-åtagande men {sv}",
                path=f"measures[{i}].responsible",
                subject=measure.id,
                plan=plan,
                source=measure.source,
            )


def _invitee(invitation: Invitation) -> tuple[str, str]:
    """Name who was invited, in English and Swedish."""
    if invitation.municipality is not None:
        return invitation.municipality.name, invitation.municipality.name
    return f"actor {invitation.actor!r}", f"aktören {invitation.actor!r}"


def _invitation_open(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP204: an invitation still waiting for an answer."""
    for i, invitation in enumerate(plan.invitations):
        if invitation.status is not InvitationStatus.ASKED:
            continue
        who_en, who_sv = _invitee(invitation)
        yield _finding(
            "AP204",
            f"{who_en} has not answered yet: {invitation.subject}",
            f"{who_sv} har inte svarat ännu: {invitation.subject}",
            path=f"invitations[{i}].status",
            subject=invitation.id,
            plan=plan,
            source=invitation.source,
        )


_DECLINED = {
    InvitationStatus.DECLINED: ("declined", "har tackat nej"),
    InvitationStatus.DECLINED_FOR_NOW: ("declined for now", "har tackat nej tills vidare"),
}


def _invitation_declined(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP205: an invitation declined, for good or for now."""
    for i, invitation in enumerate(plan.invitations):
        if invitation.status not in _DECLINED:
            continue
        who_en, who_sv = _invitee(invitation)
        verb_en, verb_sv = _DECLINED[invitation.status]
        where_en = where_sv = ""
        if invitation.source is not None:
            where_en = f" (section {invitation.source.section})"
            where_sv = f" (punkt {invitation.source.section})"
        yield _finding(
            "AP205",
            f"{who_en} {verb_en}: {invitation.subject}{where_en}",
            f"{who_sv} {verb_sv}: {invitation.subject}{where_sv}",
            path=f"invitations[{i}].status",
            subject=invitation.id,
            plan=plan,
            source=invitation.source,
        )


def _actors_with_a_part(plan: Plan) -> set[str]:
    """Ids of the actors that sit in a forum or answer for or join some piece of work."""
    ids: set[str] = set()
    for forum in plan.forums:
        ids.update(forum.member_ids)
    for measure in plan.measures:
        ids.update(measure.responsible)
        ids.update(measure.participants)
    for picture in plan.situational_pictures:
        ids.update(c.actor for c in picture.contributors)
    for follow_up in plan.follow_ups:
        ids.update(follow_up.responsible)
    return ids


def _actor_without_part(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP206: an actor the plan names but gives nothing to do; information for a *kan*."""
    busy = _actors_with_a_part(plan)
    for i, actor in enumerate(plan.actors):
        if actor.id in busy:
            continue
        optional = actor.modality is Modality.MAY
        yield _finding(
            "AP206",
            f"actor {actor.id!r} ({actor.name}) has no part in the plan: no seat in a forum, "
            "no measure, no situational picture, no follow-up"
            + (" (the plan only says it may take part)" if optional else ""),
            f"aktören {actor.id!r} ({actor.name}) har ingen roll i planen: ingen plats i "
            "något forum, ingen åtgärd, lägesbild eller uppföljning"
            + (" (planen säger bara att den kan delta)" if optional else ""),
            path=f"actors[{i}]",
            subject=actor.id,
            plan=plan,
            source=actor.source,
            severity=Severity.INFO if optional else None,
        )


def _measure_without_level(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP207: a measure with no prevention level."""
    for i, measure in enumerate(plan.measures):
        if not measure.levels:
            yield _finding(
                "AP207",
                f"measure {measure.id!r} names no prevention level",
                f"åtgärden {measure.id!r} anger ingen preventionsnivå",
                path=f"measures[{i}].levels",
                subject=measure.id,
                plan=plan,
                source=measure.source,
            )


def _mixed_prevention_schemes(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP208: measures whose levels come from another scheme than most measures use.

    The scheme used by the most measures is the plan's own (on a tie, the first in
    :class:`PreventionScheme` order); every measure with a level from another scheme is
    reported, naming the foreign levels.
    """
    used = Counter(
        scheme
        for measure in plan.measures
        for scheme in dict.fromkeys(level.scheme for level in measure.levels)
    )
    if len(used) <= 1:
        return
    order = list(PreventionScheme)
    main = max(used, key=lambda scheme: (used[scheme], -order.index(scheme)))
    for i, measure in enumerate(plan.measures):
        foreign = [level for level in measure.levels if level.scheme is not main]
        if not foreign:
            continue
        words_en = ", ".join(level.label("en") for level in foreign)
        words_sv = ", ".join(level.label("sv") for level in foreign)
        yield _finding(
            "AP208",
            f"measure {measure.id!r} uses levels of another scheme ({words_en}) than most "
            f"measures ({main.label('en')}); levels of different schemes are not synonyms, "
            "compare them only through a crosswalk",
            f"åtgärden {measure.id!r} använder nivåer ur ett annat system ({words_sv}) än de "
            f"flesta åtgärder ({main.label('sv')}); nivåer ur olika system är inte synonymer, "
            "jämför dem bara genom en översättningstabell",
            path=f"measures[{i}].levels",
            subject=measure.id,
            plan=plan,
            source=measure.source,
        )


def _picture_without_milieus(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP209: a situational picture that names no milieu to cover."""
    for i, picture in enumerate(plan.situational_pictures):
        if not picture.milieus:
            yield _finding(
                "AP209",
                f"situational picture {picture.id!r} names no milieu it must cover",
                f"lägesbilden {picture.id!r} anger ingen miljö som den ska täcka",
                path=f"situational_pictures[{i}].milieus",
                subject=picture.id,
                plan=plan,
                source=picture.source,
            )


def _days(count: int) -> tuple[str, str]:
    """Return *count* days in English and Swedish, singular or plural."""
    if count == 1:
        return "1 day", "1 dag"
    return f"{count} days", f"{count} dagar"


_FREQ_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}


def _allowed_gap(cadence: Cadence, today: date) -> int | None:
    """Return the most days a cadence lets pass between two updates, if it says.

    Periods count at their longest (a year 366 days, a month 31), so nothing is called
    stale while any calendar would still have it on time. A rule counts its FREQ and
    INTERVAL only; a rule with COUNT or UNTIL, or one that starts after *today*, is not
    checked.
    """
    if isinstance(cadence, PerPeriod):
        return PERIOD_DAYS[cadence.period] // cadence.count
    if isinstance(cadence, Rule):
        parts = Rule.parts_of(cadence.rrule)
        if "COUNT" in parts or "UNTIL" in parts or cadence.start > today:
            return None
        return _FREQ_DAYS[parts["FREQ"]] * int(parts.get("INTERVAL", "1"))
    return _calendar_gap(cadence)


def _calendar_gap(cadence: Cadence) -> int | None:
    """The most days the cadences tied to the calendar let pass, counted at their longest.

    Every n-th period allows n periods; a yearly month deadline allows a year and the
    months up to its month (done on 1 January, due again by the end of the month a year
    later); a term of office allows two terms, or one and the months within which a
    term's deadline falls. Longest intervals are counted exactly by the caller; seasons
    are not checked.
    """
    if isinstance(cadence, EveryNth):
        return PERIOD_DAYS[cadence.period] * cadence.every
    if isinstance(cadence, MonthDeadline) and cadence.every_year:
        return PERIOD_DAYS[Period.YEAR] + PERIOD_DAYS[Period.MONTH] * cadence.month
    if isinstance(cadence, ElectoralCycle):
        offset = cadence.offset_months
        if offset is not None and offset > 0:
            return PERIOD_DAYS[Period.YEAR] * 4 + PERIOD_DAYS[Period.MONTH] * offset
        return PERIOD_DAYS[Period.YEAR] * 8
    return None


def _picture_stale(plan: Plan, today: date | None) -> Iterator[Finding]:
    """AP210: a situational picture older than its refresh cadence allows on *today*.

    Checked for pictures with a ``last_updated`` date and a refresh cadence that is
    :class:`PerPeriod`, an open-ended :class:`Rule`, or :class:`Dates` (stale once a
    listed date after the last update has passed), a :class:`MaxInterval` (stale the day
    after the last update plus the interval), an :class:`EveryNth`, a yearly
    :class:`MonthDeadline` or an :class:`ElectoralCycle`. As-needed and unstated cadences, and
    pictures without a date, are not checked; nothing is checked without *today*.
    """
    if today is None:
        return
    for i, picture in enumerate(plan.situational_pictures):
        last = picture.last_updated
        if last is None or last > today:
            continue
        age = (today - last).days
        refresh = picture.refresh
        if isinstance(refresh, Dates):
            missed = sorted(d for d in refresh.dates if last < d <= today)
            if not missed:
                continue
            why_en = f"an update was due on {missed[0].isoformat()}"
            why_sv = f"en uppdatering skulle ha gjorts {missed[0].isoformat()}"
        else:
            gap = _allowed_gap(refresh, today)
            if isinstance(refresh, MaxInterval):
                gap = (add_months(last, refresh.months) - last).days
            if gap is None or age <= gap:
                continue
            most_en, most_sv = _days(gap)
            why_en = f"its refresh cadence allows at most {most_en}"
            why_sv = f"dess uppdateringstakt tillåter högst {most_sv}"
        age_en, age_sv = _days(age)
        yield _finding(
            "AP210",
            f"situational picture {picture.id!r} was last updated {last.isoformat()}, "
            f"{age_en} before {today.isoformat()}; {why_en}",
            f"lägesbilden {picture.id!r} uppdaterades senast {last.isoformat()}, "
            f"{age_sv} före {today.isoformat()}; {why_sv}",
            path=f"situational_pictures[{i}].last_updated",
            subject=picture.id,
            plan=plan,
            source=picture.source,
        )


def _picture_without_producer(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP211: a situational picture that no forum produces."""
    for i, picture in enumerate(plan.situational_pictures):
        if picture.producer is None:
            yield _finding(
                "AP211",
                f"situational picture {picture.id!r} names no forum that produces it",
                f"lägesbilden {picture.id!r} anger inget forum som tar fram den",
                path=f"situational_pictures[{i}].producer",
                subject=picture.id,
                plan=plan,
                source=picture.source,
            )


def _plan_without_sections(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP212: a plan that holds none of its own sections."""
    if not plan.sections:
        yield _finding(
            "AP212",
            "the plan has no sections, so sources cannot be checked and findings cannot "
            "cite its headings",
            "planen saknar punkter, så källor kan inte kontrolleras och fynd kan inte "
            "citera dess rubriker",
            path="sections",
            subject=plan.id,
        )


def _part_without_source(plan: Plan, _today: date | None) -> Iterator[Finding]:
    """AP213: a forum or a measure without a source in the plan's text."""
    for i, forum in enumerate(plan.forums):
        if forum.source is None:
            yield _finding(
                "AP213",
                f"forum {forum.id!r} has no source, so findings about it cannot quote the plan",
                f"forumet {forum.id!r} saknar källa, så fynd om det kan inte citera planen",
                path=f"forums[{i}].source",
                subject=forum.id,
            )
    for i, measure in enumerate(plan.measures):
        if measure.source is None:
            yield _finding(
                "AP213",
                f"measure {measure.id!r} has no source, so findings about it cannot quote the plan",
                f"åtgärden {measure.id!r} saknar källa, så fynd om den kan inte citera planen",
                path=f"measures[{i}].source",
                subject=measure.id,
            )


def _plan_past_revision(plan: Plan, today: date | None) -> Iterator[Finding]:
    """AP214: a plan whose revision date has passed on *today*."""
    if today is None or plan.validity is None or plan.validity.revise_by is None:
        return
    revise_by = plan.validity.revise_by
    if revise_by < today:
        late_en, late_sv = _days((today - revise_by).days)
        yield _finding(
            "AP214",
            f"the plan was to be revised by {revise_by.isoformat()}, "
            f"{late_en} before {today.isoformat()}",
            f"planen skulle ha reviderats senast {revise_by.isoformat()}, "
            f"{late_sv} före {today.isoformat()}",
            path="validity.revise_by",
            subject=plan.id,
        )


RULES: tuple[PlanRule, ...] = (
    _forum_without_members,
    _forum_without_cadence,
    _shall_measure_without_responsible,
    _invitation_open,
    _invitation_declined,
    _actor_without_part,
    _measure_without_level,
    _mixed_prevention_schemes,
    _picture_without_milieus,
    _picture_stale,
    _picture_without_producer,
    _plan_without_sections,
    _part_without_source,
    _plan_past_revision,
)
"""The whole-plan rules :func:`validate` applies after :func:`integrity`, in order.

Each yields findings with one code from :data:`actionplan.CODES` (AP201 to AP214)."""


def validate(plan: Plan, *, today: date | None = None) -> list[Finding]:
    """Return every finding about *plan*: integrity errors and the whole-plan rules.

    Findings are sorted by severity (errors first), then code, then path (``measures[2]``
    before ``measures[10]``), so the same plan always gives the same list.

    Args:
        plan: The plan to check.
        today: The day of the check. Rules about time (a stale situational picture, a
            plan past its revision date) run only when it is given, so the result never
            depends on the clock.

    Returns:
        The findings, most severe first.

    Examples:
        >>> from datetime import date
        >>> from actionplan import Forum, Plan, Validity
        >>> plan = Plan(
        ...     id="demo",
        ...     title="Demo",
        ...     validity=Validity(revise_by=date(2020, 12, 31)),
        ...     forums=[Forum(id="bra", name="Brå")],
        ... )
        >>> [f.code for f in validate(plan)]
        ['AP201', 'AP202', 'AP212', 'AP213']
        >>> [f.code for f in validate(plan, today=date(2021, 1, 1))][:3]
        ['AP201', 'AP202', 'AP214']
    """
    findings = integrity(plan)
    for rule in RULES:
        findings.extend(rule(plan, today))
    return sorted(findings, key=_order)


_DIGITS = re.compile(r"([0-9]+)")


def _order(finding: Finding) -> tuple[int, str, tuple[str | int, ...], str]:
    """Sort key: severity (errors first), code, path with indices as numbers, message."""
    path = tuple(
        int(part) if part.isdigit() else part for part in _DIGITS.split(finding.path or "")
    )
    return (-finding.severity.rank, finding.code, path, finding.message)
