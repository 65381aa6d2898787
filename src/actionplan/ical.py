"""iCalendar for a plan's schedule: write calendars, read held meetings back, publish to CalDAV.

:func:`to_ical` turns a :class:`~actionplan.schedule.Schedule` into a calendar file that
Outlook, Google Calendar, Thunderbird and CalDAV servers import: meetings as ``VEVENT``
series with RFC 5545 rules (or one event per meeting), deadlines as ``VTODO`` items, our
own ``VTIMEZONE`` and stable UIDs, so servers and subscriptions update events instead of
duplicating them. The output is deterministic: the same inputs give the same bytes.

:func:`read_held` reads an exported calendar back and returns the meetings that were held,
matched to the plan's forums, for :mod:`actionplan.compliance`. :func:`publish` puts a
calendar on a CalDAV server, one resource per UID, with nothing but the standard library.

This is the only module that imports :mod:`icalendar`; ``import actionplan`` does not load it.
"""

from __future__ import annotations

import base64
import calendar as _gregorian
import hashlib
import http.client
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from importlib.metadata import version as _version
from typing import Final, Literal, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from attrs import frozen
from dateutil.rrule import rrule, rruleset, rrulestr
from icalendar import (
    Alarm,
    Calendar,
    Component,
    Event,
    Parameters,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    Todo,
    vCalAddress,
    vRecur,
)

from actionplan.compliance import HeldMeeting
from actionplan.errors import (
    InvalidPlanError,
    InvalidValueError,
    Problem,
    PublishError,
)
from actionplan.findings import cite
from actionplan.model import Actor, Classification, Lang, Plan, Role
from actionplan.schedule import Occurrence, OccurrenceKind, Schedule, Series, SubjectKind

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INSTANCES",
    "MAX_LINE",
    "PublishResult",
    "for_actor",
    "for_forum",
    "publish",
    "read_held",
    "split",
    "to_ical",
]

Method: TypeAlias = Literal["PUBLISH", "REQUEST"]
"""``PUBLISH`` for a feed or an import file; ``REQUEST`` for invitations with attendees."""

Confidential: TypeAlias = Literal["omit", "busy"]
"""What a public calendar does with internal and confidential parts: leave them out, or
show only that the time is taken."""

Deadlines: TypeAlias = Literal["todo", "event"]
"""Deadlines as to-dos (``VTODO``), or as all-day events for clients that ignore to-dos."""

MAX_BYTES: Final = 64 * 1024 * 1024
"""Largest calendar :func:`read_held` and :func:`split` accept, in bytes."""

MAX_LINE: Final = 1024 * 1024
"""Longest content line (after unfolding) accepted, in characters."""

MAX_DEPTH: Final = 8
"""Deepest nesting of components accepted (a VALARM in a VEVENT in a VCALENDAR is 3)."""

MAX_INSTANCES: Final = 10_000
"""Most meetings one recurring event may expand to in :func:`read_held`."""

_DOMAIN: Final = "actionplan"
_NAMESPACE: Final = uuid.UUID("4f1c1a52-0d2e-5b8e-9a57-6b0f1c9e2d31")
_UID_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_RULE_TEXT = re.compile(r"^[A-Za-z0-9=;,+-]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_EMAIL = re.compile(r"^[^\s\x00-\x1f\x7f\"<>;:,@]+@[^\s\x00-\x1f\x7f\"<>;:,@]+$")
_RESOURCE = re.compile(r"^[A-Za-z0-9._@-]{1,200}$")
_SUMMARY_LENGTH: Final = 80

_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "meeting": {"sv": "möte", "en": "meeting"},
    "deadline": {"sv": "sista dag", "en": "deadline"},
    "busy": {"sv": "Upptagen", "en": "Busy"},
    "picture": {"sv": "Uppdatera lägesbilden", "en": "Update the situational picture"},
    "follow-up": {"sv": "Uppföljning", "en": "Follow-up"},
    "due": {"sv": "Sista dag", "en": "Due"},
    "revise": {"sv": "Revidera handlingsplanen", "en": "Revise the action plan"},
    "point": {"sv": "Punkt", "en": "Point"},
    "plan": {"sv": "Handlingsplan", "en": "Action plan"},
    "purpose": {"sv": "Syfte", "en": "Purpose"},
    "method": {"sv": "Metod", "en": "Method"},
}


def _word(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


# --- filters -------------------------------------------------------------------------------


def for_forum(plan: Plan, schedule: Schedule, forum_id: str) -> Schedule:
    """Return the part of *schedule* that belongs to one forum.

    A forum's calendar holds its own meetings, the measures carried out in it and the
    deadlines of the situational pictures it produces.

    Raises:
        InvalidValueError: When the plan has no forum *forum_id*.

    Examples:
        >>> from datetime import date
        >>> from actionplan.model import Forum, Plan
        >>> from actionplan.schedule import Schedule
        >>> plan = Plan(id="p", title="P", forums=[Forum(id="bra", name="Brå")])
        >>> empty = Schedule(plan_id="p", start=date(2027, 1, 1), end=date(2027, 12, 31),
        ...                  zone="Europe/Stockholm")
        >>> for_forum(plan, empty, "bra").series
        ()

    Added in 0.1.0.
    """
    _require(plan, "forum", forum_id, [f.id for f in plan.forums])
    measures = {m.id for m in plan.measures if forum_id in m.forums}
    pictures = {p.id for p in plan.situational_pictures if p.producer == forum_id}

    def belongs(series: Series) -> bool:
        kind, subject = series.subject_kind, series.subject
        return (
            (kind is SubjectKind.FORUM and subject == forum_id)
            or (kind is SubjectKind.MEASURE and subject in measures)
            or (kind is SubjectKind.SITUATIONAL_PICTURE and subject in pictures)
        )

    mine = tuple(s for s in schedule.series if belongs(s))
    return attrs.evolve(schedule.for_forum(forum_id), series=mine)


def for_actor(plan: Plan, schedule: Schedule, actor_id: str) -> Schedule:
    """Return the occurrences of *schedule* that actor *actor_id* is expected to attend.

    An occurrence belongs to the actor when the actor is among its participants. Series
    keep their rules; occurrences the actor does not attend become excluded dates, so the
    result still describes exactly its occurrences.

    Raises:
        InvalidValueError: When the plan has no actor *actor_id*.

    Added in 0.1.0.
    """
    _require(plan, "actor", actor_id, [a.id for a in plan.actors])
    kept: list[Series] = []
    for series in schedule.series:
        mine = tuple(o for o in series.occurrences if actor_id in o.participants)
        if mine:
            kept.append(_restrict(series, mine))
    return attrs.evolve(schedule.for_actor(actor_id), series=tuple(kept))


def _require(plan: Plan, noun: str, item: str, known: Sequence[str]) -> None:
    if item not in known:
        valid = ", ".join(repr(k) for k in known) or "none"
        raise InvalidValueError(
            noun, item, f"plan {plan.id!r} has no {noun} {item!r}", f"use one of {valid}"
        )


def _restrict(series: Series, keep: tuple[Occurrence, ...]) -> Series:
    """Keep only *keep* of *series*, with EXDATE and RDATE adjusted so the invariant holds."""
    if len(keep) == len(series.occurrences):
        return series
    dropped = {o.start for o in series.occurrences} - {o.start for o in keep}
    rdates = tuple(d for d in series.rdates if d not in dropped)
    if series.rrule is None:
        return attrs.evolve(series, start=keep[0].start, rdates=rdates, occurrences=keep)
    exdates = tuple(sorted({*series.exdates, *dropped}))
    return attrs.evolve(series, occurrences=keep, exdates=exdates, rdates=rdates)


# --- writing -------------------------------------------------------------------------------


@frozen(kw_only=True)
class _Context:
    """Everything :func:`to_ical` decided once, shared by the component builders."""

    plan: Plan
    lang: Lang
    zone: ZoneInfo
    method: Method
    public: bool
    confidential: Confidential
    alarms: tuple[timedelta, ...]
    deadlines: Deadlines
    organizer: str | None
    stamp: datetime


@frozen(kw_only=True)
class _Look:
    """How one occurrence is shown: its texts, place, visibility and attendees."""

    summary: str
    description: str | None
    categories: tuple[str, ...]
    location: str | None
    klass: str | None
    busy: bool
    attendees: tuple[tuple[str, str, str], ...]
    organizer: tuple[str, str] | None


def to_ical(
    plan: Plan,
    schedule: Schedule,
    *,
    now: datetime,
    lang: Lang | None = None,
    expand: bool = False,
    method: Method = "PUBLISH",
    public: bool = True,
    confidential: Confidential = "omit",
    alarms: Iterable[timedelta] = (),
    deadlines: Deadlines = "todo",
    forum: str | None = None,
    actor: str | None = None,
    organizer: str | None = None,
    previous: bytes | None = None,
) -> bytes:
    """Return *schedule* as an iCalendar file (RFC 5545), byte for byte the same every time.

    A series of meetings with a rule becomes one ``VEVENT`` with ``RRULE``: a meeting moved
    off its day (a holiday) is a ``RECURRENCE-ID`` override, a day the rule gives but
    nobody meets on is an ``EXDATE``. A series without a rule, or one whose rule would need
    more corrections than it saves, is one event per meeting, as everything is with
    *expand*; both forms describe exactly the same meetings. Deadlines become one all-day
    ``VTODO`` each (or all-day events). UIDs derive from the plan id, the series key and,
    for single meetings, the planned day; DTSTAMP comes from *now*. Items are sorted by UID.

    Args:
        plan: The plan the schedule was made from (names, sources, contacts).
        schedule: The dated meetings and deadlines.
        now: When the calendar is made (aware); written as DTSTAMP in UTC.
        lang: ``"sv"`` or ``"en"`` for titles and descriptions; the plan's language if
            ``None``.
        expand: One event per meeting instead of one per series.
        method: ``"PUBLISH"`` (no attendees, RFC 5546) or ``"REQUEST"`` (with
            ORGANIZER and ATTENDEE from the actors' organisational e-mail addresses).
        public: Whether the calendar is for everyone; then only public parts are shown
            in full, and only a public plan may have one.
        confidential: In a public calendar, ``"omit"`` leaves internal and confidential
            parts out; ``"busy"`` keeps their times as "Upptagen"/"Busy" with
            ``CLASS:CONFIDENTIAL`` and nothing else.
        alarms: Reminders, each how long before the start (or the due day) to show one.
        deadlines: ``"todo"`` writes ``VTODO``; ``"event"`` writes all-day events, for
            Outlook and Google Calendar, which ignore to-dos on import.
        forum: Only this forum's calendar (see :func:`for_forum`); its name is added to
            the calendar's name.
        actor: Only this actor's calendar (see :func:`for_actor`).
        organizer: E-mail address of the organiser for ``REQUEST``; by default the
            forum's convener or chair.
        previous: A calendar made earlier from this plan: changed items get the next
            SEQUENCE, items that disappeared are written once more as cancelled.

    Returns:
        The calendar as UTF-8 bytes with CRLF line ends.

    Raises:
        InvalidValueError: When an argument is out of range (a naive *now*, an unknown
            zone, forum or actor, a REQUEST without organiser), or a public calendar is
            asked of a plan that is itself internal or confidential.
        InvalidPlanError: When *previous* is not a readable calendar.

    Added in 0.1.0.
    """
    if public and plan.classification is not Classification.PUBLIC:
        # Even an empty public calendar would carry the plan's title as its name.
        raise InvalidValueError(
            "public",
            public,
            f"the plan is classified {plan.classification.value}",
            "write an internal calendar with public=False",
        )
    stamp = _utc(now, "now")
    zone = _zone(schedule.zone)
    language = _language(lang or plan.language)
    reminders = _reminders(alarms)
    _choice("method", method, ("PUBLISH", "REQUEST"))
    _choice("confidential", confidential, ("omit", "busy"))
    _choice("deadlines", deadlines, ("todo", "event"))
    if organizer is not None and not _EMAIL.match(organizer):
        raise InvalidValueError(
            "organizer", organizer, "is not an e-mail address", "use e.g. 'bra@fagersta.se'"
        )
    name = plan.title
    if forum is not None:
        schedule = for_forum(plan, schedule, forum)
        name = f"{name} – {plan.forum(forum).name}"
    if actor is not None:
        schedule = for_actor(plan, schedule, actor)
        name = f"{name} – {plan.actor(actor).name}"
    context = _Context(
        plan=plan,
        lang=language,
        zone=zone,
        method=method,
        public=public,
        confidential=confidential,
        alarms=reminders,
        deadlines=deadlines,
        organizer=organizer,
        stamp=stamp,
    )
    _check_keys(plan.id, schedule)
    components: list[Component] = []
    for series in schedule.series:
        components.extend(_series_components(context, series, expand=expand))
    components.sort(key=_order)
    components = _revise(components, previous, stamp)

    cal = Calendar()
    cal.add("prodid", f"-//{_DOMAIN}//{_DOMAIN} {_version('actionplan')}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", _line(name))
    cal.add("x-wr-timezone", zone.key)
    cal.add_component(_vtimezone(zone.key, schedule.start.year, schedule.end.year))
    for component in components:
        cal.add_component(component)
    return _bytes(cal)


def _utc(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            field, value, "must be an aware datetime", "pass e.g. datetime.now(UTC)"
        )
    return value.astimezone(UTC).replace(microsecond=0)


def _zone(key: str) -> ZoneInfo:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # A folder of the zone database ("Europe") or an overlong name is an OSError.
        raise InvalidValueError(
            "zone", key, f"{key!r} is not a known time zone", "use e.g. 'Europe/Stockholm'"
        ) from exc


def _language(value: str) -> Lang:
    if value == "sv":
        return "sv"
    if value == "en":
        return "en"
    raise InvalidValueError("lang", value, f"{value!r} is not supported", "use 'sv' or 'en'")


def _choice(field: str, value: str, valid: tuple[str, ...]) -> None:
    if value not in valid:
        choices = ", ".join(repr(v) for v in valid)
        raise InvalidValueError(field, value, f"{value!r} is not an option", f"use {choices}")


def _reminders(alarms: Iterable[timedelta]) -> tuple[timedelta, ...]:
    result = tuple(alarms)
    for alarm in result:
        if not isinstance(alarm, timedelta) or alarm < timedelta(0):
            raise InvalidValueError(
                "alarms",
                alarm,
                "is not a time before the start",
                "use e.g. timedelta(minutes=15)",
            )
    return result


def _check_keys(plan_id: str, schedule: Schedule) -> None:
    seen: dict[str, str] = {}
    for series in schedule.series:
        base = _uid_base(plan_id, series.key)
        if base in seen:
            raise InvalidValueError(
                "series",
                series.key,
                f"series keys {seen[base]!r} and {series.key!r} give the same UID",
                "use keys that differ in letters, digits, '-' or '_'",
            )
        seen[base] = series.key


def _uid_base(plan_id: str, key: str) -> str:
    return f"{plan_id}.{_UID_CHARS.sub('.', key)}"


def _order(component: Component) -> tuple[str, str]:
    rid = component.get("RECURRENCE-ID")
    return (str(component["UID"]), rid.to_ical().decode() if rid is not None else "")


# --- texts ---------------------------------------------------------------------------------


def _text(value: str) -> str:
    """Multi-line text with line ends normalised and control characters removed."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _line(value: str) -> str:
    """Single-line text: control characters removed, white space collapsed."""
    return " ".join(_CONTROL.sub(" ", value).split())


def _param(value: str) -> str:
    """A parameter value: one line; :class:`_Parameters` quotes and caret-encodes it."""
    return _line(value)


class _Parameters(Parameters):
    r"""Property parameters that also quote a common name holding a backslash.

    icalendar quotes values with ``:``, ``;`` or ``,`` and caret-encodes ``"``, ``^``
    and line breaks (RFC 6868), but leaves ``CN=Polisen\`` bare, and readers take
    that backslash to escape the ``:`` after it. RFC 5545 lets any value be quoted.
    """

    quote_also = {  # noqa: RUF012 - the attribute icalendar reads, never changed
        **Parameters.quote_also,
        "CN": Parameters.quote_also.get("CN", "") + "\\",
    }


def _address(email: str, **params: str) -> vCalAddress:
    """An ORGANIZER or ATTENDEE value with its parameters, quoted where needed."""
    address = vCalAddress(f"mailto:{email}")
    address.params = _Parameters(params)
    return address


def _short(value: str) -> tuple[str, bool]:
    """The first line of *value*, cut to a title's length; and whether it was cut."""
    text = _line(value.strip().splitlines()[0] if value.strip() else value)
    cut = text != _line(value)
    if len(text) > _SUMMARY_LENGTH:
        text = text[: _SUMMARY_LENGTH - 1].rstrip() + "…"
        cut = True
    return text, cut


def _look(context: _Context, series: Series, occurrence: Occurrence) -> _Look | None:
    """How *occurrence* appears in the calendar, or ``None`` when it is left out."""
    plan, lang = context.plan, context.lang
    level = _classification(plan.classification, occurrence.classification)
    busy = False
    if context.public and level is not Classification.PUBLIC:
        if context.confidential == "omit":
            return None
        busy = True
    if busy:
        return _Look(
            summary=_word("busy", lang),
            description=None,
            categories=(),
            location=None,
            klass="CONFIDENTIAL",
            busy=True,
            attendees=(),
            organizer=None,
        )
    summary, details, categories = _texts(context, series, occurrence)
    lines = list(details)
    citation = cite(plan, occurrence.source)
    if citation is not None:
        said = citation.quote or citation.heading
        point = f"{_word('point', lang)} {citation.section}"
        lines.insert(0, f"{point}: {said}" if said else f"{point}.")
    decision = f" ({plan.decision})" if plan.decision else ""
    lines.append(f"{_word('plan', lang)}: {plan.title}{decision}")
    location = occurrence.location or _forum_location(plan, series)
    attendees, organizer = _people(context, series, occurrence)
    return _Look(
        summary=_line(summary),
        description=_text("\n".join(lines)),
        categories=tuple(_line(c) for c in categories if _line(c)),
        location=_line(location) if location and _line(location) else None,
        klass=_CLASS[level],
        busy=False,
        attendees=attendees,
        organizer=organizer,
    )


_CLASS: Final[Mapping[Classification, str | None]] = {
    Classification.PUBLIC: None,
    Classification.INTERNAL: "PRIVATE",
    Classification.CONFIDENTIAL: "CONFIDENTIAL",
}
_RANK: Final[Mapping[Classification, int]] = {
    Classification.PUBLIC: 0,
    Classification.INTERNAL: 1,
    Classification.CONFIDENTIAL: 2,
}


def _classification(*levels: Classification) -> Classification:
    return max(levels, key=_RANK.__getitem__)


def _forum_location(plan: Plan, series: Series) -> str | None:
    if series.subject_kind is SubjectKind.FORUM:
        for forum in plan.forums:
            if forum.id == series.subject:
                return forum.location
    return None


def _texts(
    context: _Context, series: Series, occurrence: Occurrence
) -> tuple[str, list[str], list[str]]:
    """SUMMARY, extra DESCRIPTION lines and CATEGORIES for one occurrence."""
    plan, lang, kind = context.plan, context.lang, series.subject_kind
    # A public calendar names only public forums, also where public work happens in a
    # hidden one: that forum's name is not public.
    forum_names = {
        f.id: f.name
        for f in plan.forums
        if not context.public or f.classification is Classification.PUBLIC
    }
    meeting = occurrence.kind is OccurrenceKind.MEETING
    if kind is SubjectKind.FORUM:
        forum = next((f for f in plan.forums if f.id == series.subject), None)
        name = forum.name if forum else series.subject
        purpose = [f"{_word('purpose', lang)}: {forum.purpose}"] if forum and forum.purpose else []
        suffix = _word("meeting" if meeting else "deadline", lang)
        return f"{name} – {suffix}", purpose, [name]
    if kind is SubjectKind.MEASURE:
        measure = next((m for m in plan.measures if m.id == series.subject), None)
        text = measure.description if measure else series.subject
        title, cut = _short(text)
        if not meeting:
            title = f"{_word('due', lang)}: {title}"
        forums = [forum_names[f] for f in measure.forums if f in forum_names] if measure else []
        return title, [text] if cut else [], forums
    if kind is SubjectKind.SITUATIONAL_PICTURE:
        picture = next((p for p in plan.situational_pictures if p.id == series.subject), None)
        name = picture.name if picture else series.subject
        title = _word("picture", lang) if not meeting else f"{name} – {_word('meeting', lang)}"
        if not meeting and len(plan.situational_pictures) > 1:
            title = f"{title} – {name}"
        producer = picture.producer if picture else None
        return title, [name], [forum_names[producer]] if producer in forum_names else []
    if kind is SubjectKind.FOLLOW_UP:
        follow_up = next((f for f in plan.follow_ups if f.id == series.subject), None)
        text = follow_up.description if follow_up else series.subject
        title, cut = _short(text)
        lines = [text] if cut else []
        if follow_up and follow_up.method:
            lines.append(f"{_word('method', lang)}: {follow_up.method}")
        word = _word("follow-up", lang)
        named = title.casefold().startswith(word.casefold())
        return title if named else f"{word}: {title}", lines, []
    if meeting:
        return plan.title, [], []
    return _word("revise", lang), [], []


def _people(
    context: _Context, series: Series, occurrence: Occurrence
) -> tuple[tuple[tuple[str, str, str], ...], tuple[str, str] | None]:
    """ATTENDEE (e-mail, name, role) and ORGANIZER (e-mail, name) for a REQUEST."""
    if context.method != "REQUEST":
        return (), None
    plan = context.plan
    actors = {a.id: a for a in plan.actors}
    optional: set[str] = set()
    if series.subject_kind is SubjectKind.FORUM:
        optional = {
            m.actor for f in plan.forums if f.id == series.subject for m in f.members if m.as_needed
        }
    attendees: list[tuple[str, str, str]] = []
    for actor_id in occurrence.participants:
        actor = actors.get(actor_id)
        email = _email(actor)
        if actor is None or email is None:
            continue
        if context.public and actor.classification is not Classification.PUBLIC:
            continue
        role = "OPT-PARTICIPANT" if actor_id in optional else "REQ-PARTICIPANT"
        attendees.append((email, actor.name, role))
    organizer: tuple[str, str] | None = None
    if context.organizer is not None:
        organizer = (context.organizer, "")
    else:
        candidates = [actors[i] for i in _organisers(plan, series) if i in actors]
        shown = [a for a in candidates if a.classification is Classification.PUBLIC]
        hidden = context.public and len(shown) < len(candidates)
        if context.public:  # a hidden convener is not named in a public calendar
            candidates = shown
        chosen = [(email, a.name) for a in candidates if (email := _email(a))]
        if not chosen and hidden:  # the first public attendee organises in its place
            chosen = [(email, name) for email, name, _ in attendees]
        organizer = chosen[0] if chosen else None
    if organizer is None:
        raise InvalidValueError(
            "organizer",
            None,
            f"a REQUEST needs an organiser for series {series.key!r}",
            "pass organizer='samordnare@kommun.se' or give the forum a convener with e-mail",
        )
    return tuple(attendees), organizer


def _email(actor: Actor | None) -> str | None:
    """The actor's organisational e-mail address, if it has a usable one."""
    if actor is None or actor.contact is None or actor.contact.email is None:
        return None
    return actor.contact.email if _EMAIL.match(actor.contact.email) else None


def _organisers(plan: Plan, series: Series) -> list[str]:
    """Actors who could organise *series*, most likely first.

    A forum's convener or chair; for a measure or follow-up the actors responsible, then
    the conveners of its forums; for a situational picture its producing forum's.
    """
    kind, subject = series.subject_kind, series.subject
    forums: list[str] = []
    people: list[str] = []
    if kind is SubjectKind.FORUM:
        forums = [subject]
    elif kind is SubjectKind.MEASURE:
        for measure in plan.measures:
            if measure.id == subject:
                people, forums = list(measure.responsible), list(measure.forums)
    elif kind is SubjectKind.SITUATIONAL_PICTURE:
        forums = [p.producer for p in plan.situational_pictures if p.id == subject and p.producer]
    elif kind is SubjectKind.FOLLOW_UP:
        people = [a for f in plan.follow_ups if f.id == subject for a in f.responsible]
    for forum in plan.forums:
        if forum.id in forums:
            ranked = sorted(
                (m for m in forum.members if m.role in (Role.CONVENER, Role.CHAIR)),
                key=lambda m: m.role is not Role.CONVENER,
            )
            people.extend(m.actor for m in ranked)
    return people


# --- components ----------------------------------------------------------------------------


def _series_components(context: _Context, series: Series, *, expand: bool) -> list[Component]:
    for occurrence in series.occurrences:
        _local(occurrence.start, context.zone)
        _local(occurrence.end, context.zone)
    shown: list[tuple[Occurrence, _Look]] = []
    looks: dict[tuple[object, ...], _Look | None] = {}
    for occurrence in sorted(series.occurrences, key=lambda o: o.start):
        # Occurrences of a series usually look alike: work each look out once.
        key = (
            occurrence.kind,
            occurrence.classification,
            occurrence.source,
            occurrence.location,
            occurrence.participants,
        )
        if key not in looks:
            looks[key] = _look(context, series, occurrence)
        look = looks[key]
        if look is not None:
            shown.append((occurrence, look))
    if not shown:
        return []
    base = _uid_base(context.plan.id, series.key)
    if series.kind is OccurrenceKind.DEADLINE:
        return [
            _deadline(context, uid, occurrence, look)
            for uid, (occurrence, look) in zip(_day_uids(context, base, shown), shown, strict=True)
        ]
    if not expand:
        recurrence = _recurrence(series, shown, context.zone)
        if recurrence is not None:
            return _recurring(context, base, shown, recurrence)
    return [
        _meeting(context, uid, occurrence.start, occurrence.end, look)
        for uid, (occurrence, look) in zip(_day_uids(context, base, shown), shown, strict=True)
    ]


def _day_uids(context: _Context, base: str, shown: list[tuple[Occurrence, _Look]]) -> list[str]:
    """One UID per occurrence: the series base and the planned (or actual) day."""
    uids: list[str] = []
    seen: dict[str, int] = {}
    for occurrence, look in shown:
        day = occurrence.planned or _local(occurrence.start, context.zone).date()
        uid = f"{base}.{day:%Y%m%d}"
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = f"{uid}-{seen[uid]}"
        uids.append(_uid(uid, busy=look.busy))
    return uids


def _uid(readable: str, *, busy: bool) -> str:
    """The UID; opaque for busy blocks, whose readable UID would name what they hide."""
    if busy:
        return f"{uuid.uuid5(_NAMESPACE, readable)}@{_DOMAIN}"
    return f"{readable}@{_DOMAIN}"


def _common(context: _Context, component: Component, uid: str, look: _Look) -> None:
    component.add("uid", uid)
    component.add("dtstamp", context.stamp)
    component.add("summary", look.summary)
    if look.description:
        component.add("description", look.description)
    if look.categories:
        component.add("categories", list(look.categories))
    if look.location:
        component.add("location", look.location)
    if look.klass:
        component.add("class", look.klass)
    if look.organizer is not None:
        email, name = look.organizer
        named = {"CN": _param(name)} if _param(name) else {}
        component.add("organizer", _address(email, **named))
    for email, name, role in look.attendees:
        address = _address(
            email,
            CN=_param(name),
            CUTYPE="GROUP",
            ROLE=role,
            PARTSTAT="NEEDS-ACTION",
            RSVP="TRUE",
        )
        component.add("attendee", address)


def _add_alarms(context: _Context, component: Component, look: _Look, *, end: bool) -> None:
    for before in context.alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", look.summary)
        if end:
            alarm.add("trigger", -before, parameters={"RELATED": "END"})
        else:
            alarm.add("trigger", -before)
        component.add_component(alarm)


def _meeting(context: _Context, uid: str, start: datetime, end: datetime, look: _Look) -> Event:
    event = Event()
    _common(context, event, uid, look)
    event.add("dtstart", _local(start, context.zone))
    event.add("dtend", _local(max(end, start), context.zone))
    event.add("status", "CONFIRMED")
    _add_alarms(context, event, look, end=False)
    return event


def _deadline(context: _Context, uid: str, occurrence: Occurrence, look: _Look) -> Component:
    due = _local(occurrence.start, context.zone).date()
    if context.deadlines == "event":
        event = Event()
        _common(context, event, uid, look)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        _add_alarms(context, event, look, end=False)
        return event
    todo = Todo()
    _common(context, todo, uid, look)
    todo.add("due", due)
    todo.add("status", "NEEDS-ACTION")
    _add_alarms(context, todo, look, end=True)
    return todo


def _local(value: datetime, zone: ZoneInfo) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            "start", value, "occurrence times must be aware", "attach the schedule's zone"
        )
    return value.astimezone(zone)


@frozen(kw_only=True)
class _Recurrence:
    """How a series is written as one VEVENT: the rule and its corrections.

    Attributes:
        anchor: DTSTART of the master.
        rule: The RRULE, with UNTIL in UTC.
        exdates: Rule instances without a meeting.
        rdates: Meetings the rule does not give and no excluded instance could carry.
        moved: Rule instance (RECURRENCE-ID) to the start of the meeting that replaces it.
    """

    anchor: datetime
    rule: vRecur
    exdates: tuple[datetime, ...]
    rdates: tuple[datetime, ...]
    moved: Mapping[datetime, datetime]


def _recurring(
    context: _Context, base: str, shown: list[tuple[Occurrence, _Look]], recurrence: _Recurrence
) -> list[Component]:
    """One master VEVENT with the rule, plus a RECURRENCE-ID override per odd occurrence.

    The master carries the first occurrence's length and texts. A moved meeting, or one
    that differs from the master (another length, place or attendees), gets an override:
    every client understands those, while RDATE is ignored by some (Outlook) and not
    expanded by others (Radicale without a rule).
    """
    zone = context.zone
    first, look = shown[0]
    uid = _uid(base, busy=look.busy)
    length = max(first.end - first.start, timedelta(0))
    anchor = recurrence.anchor
    master = _meeting(context, uid, anchor, anchor + length, look)
    master.add("rrule", recurrence.rule)
    if recurrence.exdates:
        master.add("exdate", list(recurrence.exdates))
    if recurrence.rdates:
        master.add("rdate", list(recurrence.rdates))
    instance_of = {start: rid for rid, start in recurrence.moved.items()}
    components: list[Component] = [master]
    done: set[datetime] = set()
    for occurrence, other in shown:
        start = _local(occurrence.start, zone)
        same = other == look and occurrence.end - occurrence.start == length
        if start in done or (same and start not in instance_of):
            continue
        done.add(start)
        override = _meeting(context, uid, start, occurrence.end, other)
        override.add("recurrence-id", instance_of.get(start, start))
        components.append(override)
    return components


def _recurrence(
    series: Series, shown: list[tuple[Occurrence, _Look]], zone: ZoneInfo
) -> _Recurrence | None:
    """The rule and corrections that give exactly the starts of *shown*, if a rule helps.

    The rule comes from the series; what it needs is recomputed from the occurrences, so
    the calendar matches them even where the series' own EXDATE and RDATE do not. A rule
    instance without a meeting carries a meeting the rule does not give (the one planned
    for that day first), as a moved instance; the rest become EXDATE and RDATE. A rule
    that needs more corrections than it saves, or a series without a rule, gives ``None``.
    """
    if series.rrule is None:
        return None
    starts = sorted({_local(o.start, zone) for o, _ in shown})
    planned = {_local(o.start, zone): o.planned for o, _ in shown if o.planned is not None}
    anchor = _local(series.start, zone)
    recur = _rule(series.rrule, anchor)
    last = starts[-1]
    expander = _expander(recur, anchor)
    if expander.after(last) is not None:
        recur.pop("COUNT", None)
        recur["UNTIL"] = [last.astimezone(UTC)]
        expander = _expander(recur, anchor)
    most = 10 * len(starts) + 100
    generated: set[datetime] = {anchor}
    for number, instance in enumerate(expander):
        if instance > last:
            break
        if number >= most:
            return None
        generated.add(instance)
    wanted = set(starts)
    spare = sorted(generated - wanted)
    extra = sorted(wanted - generated)
    if len(spare) + len(extra) >= len(starts):
        return None
    moved: dict[datetime, datetime] = {}
    for start in extra:
        day = planned.get(start)
        match = next((r for r in spare if r.date() == day), None)
        if match is not None:
            moved[match] = start
            spare.remove(match)
    unpaired = [s for s in extra if s not in moved.values()]
    for rid, start in zip(spare[:], unpaired[:], strict=False):
        moved[rid] = start
        spare.remove(rid)
        unpaired.remove(start)
    return _Recurrence(
        anchor=anchor,
        rule=recur,
        exdates=tuple(spare),
        rdates=tuple(unpaired),
        moved=moved,
    )


def _expander(recur: vRecur, anchor: datetime) -> rrule:
    try:
        result = rrulestr(_rule_text(recur), dtstart=anchor)
    except (ValueError, TypeError) as exc:
        raise InvalidValueError("rrule", _rule_text(recur), f"cannot expand: {exc}") from exc
    if not isinstance(result, rrule):  # pragma: no cover - one RRULE value is one rule
        raise InvalidValueError("rrule", _rule_text(recur), "is not a single rule")
    return result


def _rule_text(recur: vRecur) -> str:
    text: bytes = recur.to_ical()  # type: ignore[no-untyped-call]
    return text.decode("ascii")


def _rule(text: str, anchor: datetime) -> vRecur:
    """Parse an RRULE value and write its UNTIL in UTC, as RFC 5545 asks with a TZID."""
    value = text.strip().removeprefix("RRULE:")
    if not _RULE_TEXT.match(value):
        raise InvalidValueError("rrule", text, "is not an RFC 5545 rule", "e.g. FREQ=MONTHLY")
    try:
        recur: vRecur = vRecur.from_ical(value)
    except ValueError as exc:
        raise InvalidValueError("rrule", text, "is not an RFC 5545 rule") from exc
    until = recur.get("UNTIL")
    if until:
        end = until[0]
        if not isinstance(end, datetime):
            end = datetime.combine(end, time(23, 59, 59), tzinfo=anchor.tzinfo)
        elif end.tzinfo is None:
            end = end.replace(tzinfo=anchor.tzinfo)
        recur["UNTIL"] = [end.astimezone(UTC)]
    return recur


# --- revisions -----------------------------------------------------------------------------


def _revise(
    components: list[Component], previous: bytes | None, stamp: datetime
) -> list[Component]:
    """Set SEQUENCE from *previous* and add cancellations for UIDs that disappeared."""
    if previous is None:
        for component in components:
            component.add("sequence", 0)
        return components
    text, old_parsed = _parse(previous, "previous calendar")
    old_blocks = _blocks(text)
    groups: dict[str, list[Component]] = {}
    for component in components:
        groups.setdefault(str(component["UID"]), []).append(component)
    for uid, group in groups.items():
        fingerprint = sorted(_fingerprint(_unfold(_bytes(c).decode())) for c in group)
        old_sequence, old_fingerprint, _ = old_blocks.get(uid, (-1, [], False))
        sequence = old_sequence + 1 if old_fingerprint != fingerprint else old_sequence
        for component in group:
            component.add("sequence", max(sequence, 0))
    cancelled = [
        _cancel(component, old_blocks[uid][0] + 1, stamp)
        for cal in old_parsed
        for component in cal.subcomponents
        if component.name in ("VEVENT", "VTODO")
        and (uid := str(component.get("UID", "")))
        and uid not in groups
        and uid in old_blocks
        and not old_blocks[uid][2]
    ]
    return sorted([*components, *cancelled], key=_order)


def _cancel(component: Component, sequence: int, stamp: datetime) -> Component:
    """*component* once more, cancelled: no reminders, the next SEQUENCE, a new DTSTAMP."""
    component.subcomponents = [s for s in component.subcomponents if s.name != "VALARM"]
    for name in ("SEQUENCE", "STATUS", "DTSTAMP"):
        component.pop(name, None)
    component.add("dtstamp", stamp)
    component.add("status", "CANCELLED")
    component.add("sequence", sequence)
    return component


def _bytes(component: Component) -> bytes:
    data: bytes = component.to_ical()
    return data


_Block: TypeAlias = tuple[int, list[tuple[str, ...]], bool]
_ITEM_DEPTH: Final = 2
"""Nesting depth of an event or to-do: inside one VCALENDAR."""


def _blocks(text: str) -> dict[str, _Block]:
    """SEQUENCE, content fingerprint and cancellation of each UID in a calendar's text."""
    result: dict[str, tuple[int, list[tuple[str, ...]], bool]] = {}
    lines = _unfold(text)
    depth = 0
    current: list[str] | None = None
    for line in lines:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            if depth == _ITEM_DEPTH and upper[6:] in ("VEVENT", "VTODO"):
                current = []
        if current is not None:
            current.append(line)
        if upper.startswith("END:"):
            if depth == _ITEM_DEPTH and current is not None:
                uid, sequence, cancelled = _block_facts(current)
                old = result.get(uid, (0, [], True))
                result[uid] = (
                    max(old[0], sequence),
                    sorted([*old[1], _fingerprint(current)]),
                    old[2] and cancelled,
                )
                current = None
            depth -= 1
    return result


def _block_facts(lines: list[str]) -> tuple[str, int, bool]:
    uid, sequence, cancelled, depth = "", 0, False, 0
    for line in lines:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:"):
            depth -= 1
        elif depth == 1:
            name, _, value = line.partition(":")
            key = name.split(";", 1)[0].upper()
            if key == "UID":
                uid = re.sub(r"\\(.)", r"\1", value)
            elif key == "SEQUENCE" and value.strip().isdigit():
                sequence = int(value)
            elif key == "STATUS":
                cancelled = value.strip().upper() == "CANCELLED"
    return uid, sequence, cancelled


def _fingerprint(lines: Sequence[str]) -> tuple[str, ...]:
    skip = ("DTSTAMP:", "DTSTAMP;", "SEQUENCE:", "SEQUENCE;")
    return tuple(line for line in lines if not line.upper().startswith(skip))


def _unfold(text: str, limit: int | None = None) -> list[str]:
    """The content lines of *text*, with folded lines joined.

    Pieces are collected and joined once per line, so unfolding takes linear time. With a
    *limit*, a line stops growing once it is longer than that: it is refused anyway.
    """
    lines: list[str] = []
    pieces: list[str] = []
    size = 0
    for raw in re.split(r"\r\n|\n|\r", text):
        if raw[:1] in (" ", "\t") and pieces:
            if limit is None or size <= limit:
                pieces.append(raw[1:])
                size += len(raw) - 1
        elif raw:
            if pieces:
                lines.append("".join(pieces))
            pieces, size = [raw], len(raw)
    if pieces:
        lines.append("".join(pieces))
    return lines


# --- time zones ----------------------------------------------------------------------------


@frozen
class _Onset:
    """A yearly switch: the *ordinal* *weekday* of *month* at wall-clock *at*."""

    month: int
    weekday: int
    ordinal: int
    at: time
    before: timedelta
    after: timedelta
    name: str

    def day(self, year: int) -> date:
        if self.ordinal < 0:
            last = _gregorian.monthrange(year, self.month)[1]
            end = date(year, self.month, last)
            return end - timedelta(days=(end.weekday() - self.weekday) % 7)
        first = date(year, self.month, 1)
        offset = (self.weekday - first.weekday()) % 7
        return first + timedelta(days=offset + 7 * (self.ordinal - 1))

    def instant(self, year: int) -> datetime:
        local = datetime.combine(self.day(year), self.at)
        return (local - self.before).replace(tzinfo=UTC)


_WEEKDAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _offset(zone: tzinfo, instant: datetime) -> timedelta:
    value = instant.astimezone(zone).utcoffset()
    return value if value is not None else timedelta(0)


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """UTC instants in *year* at which *zone* changes its offset, to the second."""
    found: list[datetime] = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while day < end:
        after = day + timedelta(days=1)
        if _offset(zone, day) != _offset(zone, after):
            low, high = int(day.timestamp()), int(after.timestamp())
            while high - low > 1:
                middle = (low + high) // 2
                moment = datetime.fromtimestamp(middle, UTC)
                if _offset(zone, moment) == _offset(zone, day):
                    low = middle
                else:
                    high = middle
            found.append(datetime.fromtimestamp(high, UTC))
        day = after
    return found


def _onsets(zone: ZoneInfo, year: int) -> tuple[_Onset, ...]:
    result: list[_Onset] = []
    for instant in _transitions(zone, year):
        before = _offset(zone, instant - timedelta(seconds=1))
        after = _offset(zone, instant)
        local = instant.replace(tzinfo=None) + before
        last = _gregorian.monthrange(local.year, local.month)[1]
        ordinal = -1 if local.day + 7 > last else (local.day - 1) // 7 + 1
        result.append(
            _Onset(
                month=local.month,
                weekday=local.weekday(),
                ordinal=ordinal,
                at=local.time(),
                before=before,
                after=after,
                name=instant.astimezone(zone).tzname() or zone.key,
            )
        )
    return tuple(result)


@lru_cache(maxsize=32)
def _zone_rules(key: str, first: int, last: int) -> tuple[_Onset, ...]:
    """The zone's yearly switches, derived from *first* and checked for every year."""
    zone = ZoneInfo(key)
    onsets = _onsets(zone, first)
    if len(onsets) not in (0, 2):
        raise InvalidValueError(
            "zone", key, f"{key} does not switch twice a year in {first}", "use a regular zone"
        )
    for year in range(first, last + 1):
        expected = _transitions(zone, year)
        derived = sorted(o.instant(year) for o in onsets)
        if expected != derived:
            raise InvalidValueError(
                "zone",
                key,
                f"the rules of {key} change between {first} and {last}",
                "schedule the years before and after the change separately",
            )
    return onsets


def _vtimezone(key: str, first: int, last: int) -> Timezone:
    """Our own VTIMEZONE: one STANDARD and one DAYLIGHT part with yearly rules."""
    onsets = _zone_rules(key, first, last)
    timezone = Timezone()
    timezone.add("tzid", key)
    if not onsets:
        zone = ZoneInfo(key)
        moment = datetime(first, 1, 1, tzinfo=UTC)
        part: Component = TimezoneStandard()
        part.add("dtstart", datetime(1970, 1, 1))  # noqa: DTZ001 - VTIMEZONE local time
        part.add("tzoffsetfrom", _offset(zone, moment))
        part.add("tzoffsetto", _offset(zone, moment))
        part.add("tzname", moment.astimezone(zone).tzname() or key)
        timezone.add_component(part)
        return timezone
    for onset in sorted(onsets, key=lambda o: o.after <= o.before):
        part = TimezoneDaylight() if onset.after > onset.before else TimezoneStandard()
        part.add("dtstart", datetime.combine(onset.day(1970), onset.at))
        rule = vRecur(
            freq="YEARLY", bymonth=onset.month, byday=f"{onset.ordinal}{_WEEKDAYS[onset.weekday]}"
        )
        part.add("rrule", rule)
        part.add("tzoffsetfrom", onset.before)
        part.add("tzoffsetto", onset.after)
        part.add("tzname", onset.name)
        timezone.add_component(part)
    return timezone


# --- reading -------------------------------------------------------------------------------


def _checked_text(data: bytes | str, source: str) -> str:
    """Decode *data* and check the structure icalendar is lenient about.

    Raises:
        InvalidPlanError: When the data is too large, not UTF-8, has enormous lines,
            unbalanced or too deeply nested components.
    """
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_BYTES:
            raise _invalid(source, "", f"is {len(data)} bytes, more than {MAX_BYTES}")
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _invalid(
                source,
                "",
                f"is not UTF-8 text ({exc.reason} at byte {exc.start})",
                "export the calendar as UTF-8",
            ) from exc
    elif isinstance(data, str):
        text = data
    else:
        raise _invalid(source, "", f"is a {type(data).__name__}, not bytes")
    if len(text) > MAX_BYTES:
        raise _invalid(source, "", f"is {len(text)} characters, more than {MAX_BYTES}")
    problem = _structure(text)
    if problem is not None:
        raise InvalidPlanError([problem], source=source)
    return text


def _structure(text: str) -> Problem | None:
    """The first structural problem of a calendar's text, if any."""
    stack: list[str] = []
    seen = False
    for number, line in enumerate(_unfold(text, MAX_LINE), start=1):
        message = _step(line, stack)
        if message is not None:
            return Problem(f"line {number}", message)
        seen = seen or bool(stack)
    if stack:
        return Problem("", f"BEGIN:{stack[-1]} has no END:{stack[-1]}", hint="is the file cut off?")
    if not seen:
        return Problem("", "holds no calendar", hint="is it an .ics file?")
    return None


def _step(line: str, stack: list[str]) -> str | None:
    """Follow one content line's BEGIN or END on *stack*; what is wrong with it, if anything."""
    if len(line) > MAX_LINE:
        return f"is more than {MAX_LINE} characters long"
    name, _, value = line.partition(":")
    key = name.split(";", 1)[0].strip().upper()
    component = value.strip().upper()
    message = None
    if key == "BEGIN":
        stack.append(component)
        if len(stack) > MAX_DEPTH:
            message = f"components nest deeper than {MAX_DEPTH}"
        elif len(stack) == 1 and component != "VCALENDAR":
            message = f"BEGIN:{value.strip()} outside a VCALENDAR"
    elif key == "END":
        if stack and stack[-1] == component:
            stack.pop()
        else:
            expected = f"END:{stack[-1]}" if stack else "no END"
            message = f"END:{value.strip()} where {expected} was expected"
    elif not stack:
        message = "text outside BEGIN:VCALENDAR ... END:VCALENDAR"
    return message


def _invalid(source: str, path: str, message: str, hint: str | None = None) -> InvalidPlanError:
    return InvalidPlanError([Problem(path, message, hint=hint)], source=source)


def _parse(data: bytes | str, source: str) -> tuple[str, list[Calendar]]:
    """The checked text of *data* and its calendars."""
    text = _checked_text(data, source)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        # icalendar's parser lets AttributeError out of some malformed parameter lists.
        raise _invalid(source, "", f"is not valid iCalendar: {exc}") from exc
    except OSError as exc:
        # icalendar looks a TZID up in the zone database: a folder there ("Europe") or an
        # overlong name is an OSError, which must not show the database's location.
        named = _unreadable_zone(text)
        what = f"TZID={named!r} is not a time zone" if named else "a TZID is not a time zone"
        raise _invalid(
            source, "", f"is not valid iCalendar: {what}", "use an IANA name, e.g. Europe/Stockholm"
        ) from exc
    return text, [c for c in calendars if isinstance(c, Calendar)]


_TZID = re.compile(r';TZID=(?:"([^"]*)"|([^;:]*))', re.IGNORECASE)


def _unreadable_zone(text: str) -> str | None:
    """The first TZID in *text* that the zone database cannot read, among the first 100."""
    seen: set[str] = set()
    for match in _TZID.finditer(text):
        key = match.group(1) if match.group(1) is not None else match.group(2)
        if key in seen:
            continue
        if len(seen) >= 100:  # noqa: PLR2004 - only to name the zone in the message
            break
        seen.add(key)
        try:
            ZoneInfo(key)
        except OSError:
            return key
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def read_held(
    data: bytes,
    plan: Plan,
    *,
    names: Mapping[str, str] | None = None,
    zone: str = "Europe/Stockholm",
    start: date | None = None,
    end: date | None = None,
) -> tuple[HeldMeeting, ...]:
    """Return the meetings in an exported calendar that belong to the plan's forums.

    Reads an .ics file from Outlook, Google Calendar, Thunderbird or a CalDAV server.
    Repeating events are expanded (RRULE, RDATE, EXDATE, RECURRENCE-ID) with
    :mod:`dateutil`; cancelled events and instances are not meetings that were held.
    Each event is matched to a forum, in this order:

    1. a UID this library wrote for the plan's forum (other UIDs of the plan, such as
       deadlines and measures, are skipped);
    2. its SUMMARY in *names* (exactly, then ignoring case);
    3. a CATEGORIES value equal to a forum's name, ignoring case;
    4. a SUMMARY equal to the forum's name or the title :func:`to_ical` gives it.

    Events that match no forum are skipped: the result only holds meetings of forums.

    Args:
        data: The calendar file.
        plan: The plan whose forums the meetings belong to.
        names: Event titles mapped to forum ids, for calendars written by hand.
        zone: Time zone in which a meeting's day is counted.
        start: Leave out meetings before this day.
        end: Leave out meetings after this day; needed for events that repeat forever.

    Returns:
        The held meetings, sorted by day, forum and UID, each once.

    Raises:
        InvalidPlanError: When the data is not a readable calendar, with every problem.
        InvalidValueError: When *names* maps to a forum the plan does not have.

    Added in 0.1.0.
    """
    local = _zone(zone)
    mapping = dict(names or {})
    for forum_id in mapping.values():
        _require(plan, "forum", forum_id, [f.id for f in plan.forums])
    source = "iCalendar data"
    _, calendars = _parse(data, source)
    events = [c for cal in calendars for c in cal.subcomponents if c.name == "VEVENT"]
    problems = [
        # A line whose name cannot be read has no name: report it at the event.
        Problem(f"VEVENT[{number}].{name}" if name else f"VEVENT[{number}]", str(message))
        for number, event in enumerate(events)
        for name, message in event.errors
    ]
    broken = {id(event) for event in events if event.errors}
    found: set[HeldMeeting] = set()
    for number, event, overrides in _series_of(events):
        if any(id(e) in broken for e in (event, *overrides)):
            continue
        uid = str(event.get("UID", "")) or None
        try:
            instances = _instances(event, overrides, end, local)
        except InvalidPlanError as exc:
            problems.extend(
                Problem(f"VEVENT[{number}].{p.path}", p.message, hint=p.hint) for p in exc.problems
            )
            continue
        for moment, component in instances:
            day = _day(moment, local)
            if (start and day < start) or (end and day > end):
                continue
            # A moved or renamed instance still belongs to its series' forum.
            forum = _match(plan, uid, component, mapping) or _match(plan, uid, event, mapping)
            if forum is not None:
                found.add(HeldMeeting(forum=forum, day=day, summary=_summary(component), uid=uid))
    if problems:
        raise InvalidPlanError(problems, source=source)
    return tuple(sorted(found, key=lambda h: (h.day, h.forum, h.uid or "", h.summary or "")))


def _series_of(events: list[Component]) -> list[tuple[int, Component, list[Component]]]:
    """Each event that starts a series (or stands alone), with its overrides."""
    masters: dict[str, int] = {}
    for number, event in enumerate(events):
        uid = str(event.get("UID", ""))
        if uid and event.get("RECURRENCE-ID") is None:
            masters.setdefault(uid, number)
    overrides: dict[int, list[Component]] = {}
    result: list[tuple[int, Component, list[Component]]] = []
    for number, event in enumerate(events):
        uid = str(event.get("UID", ""))
        if event.get("RECURRENCE-ID") is not None and uid in masters:
            overrides.setdefault(masters[uid], []).append(event)
        elif masters.get(uid) in (number, None):
            result.append((number, event, overrides.setdefault(number, [])))
    return result


def _day(value: date, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return value.astimezone(zone).date()
        return value.date()
    return value


_Moment: TypeAlias = date | datetime


def _moment(component: Component, name: str) -> _Moment | None:
    prop = component.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        raise _invalid("", name, "appears more than once", "an event has one start")
    value = getattr(prop, "dt", None)
    if not isinstance(value, date):
        raise _invalid("", name, "is not a date or a date-time", "write e.g. 20270209T130000")
    return value


def _listed(component: Component, name: str) -> list[_Moment]:
    props = component.get(name)
    if props is None:
        return []
    result: list[_Moment] = []
    for prop in props if isinstance(props, list) else [props]:
        for item in getattr(prop, "dts", []):
            value = item.dt
            if isinstance(value, tuple):  # a PERIOD: its start
                value = value[0]
            if not isinstance(value, date):
                raise _invalid("", name, "holds a value that is not a date")
            result.append(value)
    return result


def _instances(
    master: Component, overrides: list[Component], end: date | None, zone: ZoneInfo
) -> list[tuple[_Moment, Component]]:
    """The starts of a (possibly repeating) event with the component each comes from."""
    if _cancelled(master):
        return []
    start = _moment(master, "DTSTART")
    if start is None:
        raise _invalid("", "DTSTART", "is missing", "every event needs a start")
    rules = master.get("RRULE")
    rules = rules if isinstance(rules, list) else [rules] if rules is not None else []
    starts: set[_Moment] = {start}
    if rules or master.get("RDATE") is not None:
        starts = _expand(start, rules, master, end, zone)
    moved = {}
    for override in overrides:
        rid = _moment(override, "RECURRENCE-ID")
        if rid is None:  # pragma: no cover - grouped by RECURRENCE-ID
            continue
        starts.discard(rid)
        moved[rid] = override
    result: list[tuple[_Moment, Component]] = [(s, master) for s in starts]
    for override in moved.values():
        if _cancelled(override):
            continue
        moment = _moment(override, "DTSTART")
        if moment is not None:
            result.append((moment, override))
    return result


def _cancelled(component: Component) -> bool:
    return str(component.get("STATUS", "")).upper() == "CANCELLED"


def _expand(
    start: _Moment, rules: list[vRecur], master: Component, end: date | None, zone: ZoneInfo
) -> set[_Moment]:
    """Every start of a repeating event up to two days past *end*, at most MAX_INSTANCES."""
    anchor = start if isinstance(start, datetime) else datetime.combine(start, time())
    limit = None
    if end is not None:
        limit = datetime.combine(end + timedelta(days=2), time())
        limit = limit.replace(tzinfo=zone) if anchor.tzinfo is not None else limit
    recurrence = rruleset()
    recurrence.rdate(anchor)  # RFC 5545: DTSTART is the first instance
    for recur in rules:
        recurrence.rrule(_reading_rule(recur, anchor, bounded=limit is not None))
    for value in _listed(master, "RDATE"):
        recurrence.rdate(_align(value, anchor))
    for value in _listed(master, "EXDATE"):
        recurrence.exdate(_align(value, anchor))
    result: set[_Moment] = set()
    instances = iter(recurrence)
    while True:
        try:
            instance = next(instances, None)
        except (IndexError, ValueError, OverflowError) as exc:
            # dateutil checks rules only while expanding them (BYDAY=99MO is an IndexError).
            raise _invalid("", "RRULE", f"cannot be expanded: {exc}") from exc
        if instance is None or (limit is not None and instance > limit):
            break
        if len(result) >= MAX_INSTANCES:
            raise _invalid("", "RRULE", f"repeats more than {MAX_INSTANCES} times")
        result.add(instance if isinstance(start, datetime) else instance.date())
    return result


def _reading_rule(recur: vRecur, anchor: datetime, *, bounded: bool) -> rrule:
    """A rule of a calendar being read, with UNTIL made comparable with DTSTART."""
    rule = vRecur(recur)
    until = rule.get("UNTIL")
    if until:
        end = _align(until[0], anchor)
        rule["UNTIL"] = [end.astimezone(UTC) if end.tzinfo is not None else end]
    elif not rule.get("COUNT") and not bounded:
        raise _invalid(
            "", "RRULE", "repeats without end", "pass end= to count meetings up to a day"
        )
    try:
        result = rrulestr(_rule_text(rule), dtstart=anchor)
    except (ValueError, TypeError) as exc:
        raise _invalid("", "RRULE", f"cannot be expanded: {exc}") from exc
    if not isinstance(result, rrule):  # pragma: no cover - one RRULE value is one rule
        raise _invalid("", "RRULE", "is not a single rule")
    return result


def _align(value: _Moment, anchor: datetime) -> datetime:
    """*value* as a datetime comparable with *anchor*: both aware, or both naive."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, anchor.time())
    if anchor.tzinfo is None:
        return value.replace(tzinfo=None)
    if value.tzinfo is None:
        return value.replace(tzinfo=anchor.tzinfo)
    return value


def _summary(component: Component) -> str | None:
    return _line(str(component.get("SUMMARY", ""))) or None


def _match(
    plan: Plan, uid: str | None, component: Component, names: Mapping[str, str]
) -> str | None:
    """The forum an event belongs to, by our UID, *names*, CATEGORIES or its title."""
    prefix, suffix = f"{plan.id}.", f"@{_DOMAIN}"
    if uid and uid.startswith(prefix) and uid.endswith(suffix):
        kind, _, rest = uid[len(prefix) : -len(suffix)].partition(".")
        forum_id = rest.partition(".")[0]
        known = kind == SubjectKind.FORUM.value and forum_id in {f.id for f in plan.forums}
        return forum_id if known else None
    summary = _summary(component)
    folded = {k.casefold(): v for k, v in names.items()}
    by_name = {f.name.casefold(): f.id for f in plan.forums}
    for forum in plan.forums:
        for lang in ("sv", "en"):
            by_name.setdefault(f"{forum.name} – {_word('meeting', lang)}".casefold(), forum.id)
    candidates = [
        names.get(summary or ""),
        folded.get((summary or "").casefold()),
        *(by_name.get(c.casefold()) for c in _categories(component)),
        by_name.get((summary or "").casefold()),
    ]
    return next((c for c in candidates if c), None)


def _categories(component: Component) -> list[str]:
    props = component.get("CATEGORIES")
    if props is None:
        return []
    result: list[str] = []
    for prop in props if isinstance(props, list) else [props]:
        result.extend(_line(str(c)) for c in getattr(prop, "cats", []))
    return result


# --- CalDAV --------------------------------------------------------------------------------


@frozen(kw_only=True)
class PublishResult:
    """What :func:`publish` did on the server.

    Attributes:
        url: The calendar collection.
        created_collection: Whether the collection had to be made (MKCALENDAR).
        created: UIDs of resources that were new.
        updated: UIDs of resources that replaced an earlier version.
        cancelled: UIDs published as cancelled (among *created* and *updated*).

    Added in 0.1.0.
    """

    url: str
    created_collection: bool = False
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()


def split(calendar: bytes) -> dict[str, bytes]:
    """Split a calendar into one calendar per UID, as CalDAV stores them.

    Each part holds the calendar's time zones and every component with that UID (a
    series and its overrides); ``METHOD`` is dropped, as RFC 4791 asks.

    Raises:
        InvalidPlanError: When the calendar cannot be read, a component has no UID, or
            one UID is used by different kinds of component (an event and a to-do).

    Added in 0.1.0.
    """
    return _split(_parse(calendar, "calendar")[1])


def _split(calendars: list[Calendar]) -> dict[str, bytes]:
    zones, groups = _grouped(calendars)
    head = calendars[0] if calendars else Calendar()
    parts: dict[str, bytes] = {}
    for uid in sorted(groups):
        part = Calendar()
        part.add("prodid", head.get("PRODID") or f"-//{_DOMAIN}//{_DOMAIN}//EN")
        part.add("version", head.get("VERSION") or "2.0")
        if head.get("CALSCALE") is not None:
            part.add("calscale", head["CALSCALE"])
        for component in [*zones, *groups[uid]]:
            part.add_component(component)
        parts[uid] = _bytes(part)
    return parts


def _grouped(
    calendars: list[Calendar],
) -> tuple[list[Component], dict[str, list[Component]]]:
    """The time zones (each TZID once) and the components of each UID.

    Raises:
        InvalidPlanError: When a component has no UID, or one UID is used by different
            kinds of component.
    """
    problems: list[Problem] = []
    zones: dict[str, Component] = {}
    groups: dict[str, list[Component]] = {}
    for cal in calendars:
        for number, component in enumerate(cal.subcomponents):
            uid = str(component.get("UID", ""))
            if component.name == "VTIMEZONE":
                zones.setdefault(str(component.get("TZID", "")), component)
            elif not uid:
                problems.append(Problem(f"{component.name}[{number}]", "has no UID"))
            else:
                groups.setdefault(uid, []).append(component)
    for uid, group in groups.items():
        kinds = sorted({str(c.name) for c in group})
        if len(kinds) > 1:
            problems.append(
                Problem(
                    f"UID {uid}",
                    f"is used by a {' and a '.join(kinds)}",
                    hint="CalDAV keeps one kind of component per UID",
                )
            )
    if problems:
        raise InvalidPlanError(problems, source="calendar")
    return list(zones.values()), groups


def _resource(uid: str) -> str:
    """The resource name of a UID: the UID itself when it is safe in a URL."""
    if _RESOURCE.match(uid) and uid not in (".", ".."):
        return f"{uid}.ics"
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", uid)[:80].strip(".") or "item"
    digest = hashlib.sha256(uid.encode()).hexdigest()[:16]
    return f"{safe}-{digest}.ics"


def publish(
    calendar: bytes,
    url: str,
    *,
    username: str | None = None,
    password: str | None = None,
    timeout: float = 10.0,
) -> PublishResult:
    """Put *calendar* into the CalDAV collection at *url*, one resource per UID.

    Each UID is stored as ``<url>/<uid>.ics`` with PUT, so publishing the same calendar
    again changes nothing and a revision (see *previous* of :func:`to_ical`) updates
    events and marks removed ones cancelled; nothing is duplicated. A missing collection
    is made with MKCALENDAR. Only the standard library is used.

    Args:
        calendar: A calendar from :func:`to_ical`.
        url: The calendar collection, e.g. ``https://dav.example.se/bra/handlingsplan/``.
        username: User name for HTTP Basic authentication, if the server needs one.
        password: Its password; use HTTPS when sending one.
        timeout: Seconds to wait for each answer, however slowly it arrives.

    Returns:
        What was created and updated.

    Raises:
        InvalidPlanError: When *calendar* cannot be read or split.
        InvalidValueError: When *url* is not an http(s) address.
        ActionPlanError: When the server cannot be reached, times out or refuses.

    Added in 0.1.0.
    """
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InvalidValueError(
            "url", url, "is not an http(s) address", "use e.g. https://dav.example.se/cal/"
        )
    shown = urllib.parse.urlunsplit(parsed._replace(netloc=parsed.netloc.rpartition("@")[2]))
    base = shown if shown.endswith("/") else f"{shown}/"
    headers: dict[str, str] = {}
    if username is not None:
        token = base64.b64encode(f"{username}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    calendars = _parse(calendar, "calendar")[1]
    parts = _split(calendars)
    name = _line(str(calendars[0].get("X-WR-CALNAME", ""))) if calendars else ""

    status = _request(base, "PROPFIND", b"", {**headers, "Depth": "0"}, timeout, ok=(207, 404))
    made = status == 404  # noqa: PLR2004
    if made:
        answer = _request(
            base, "MKCALENDAR", _mkcalendar(name), headers, timeout, ok=(200, 201, 405, 409)
        )
        if answer in (405, 409):
            # Another client may have made the collection since our PROPFIND: use it.
            again = _request(base, "PROPFIND", b"", {**headers, "Depth": "0"}, timeout, ok=(207,))
            made = again != 207  # noqa: PLR2004
    created: list[str] = []
    updated: list[str] = []
    cancelled: list[str] = []
    for uid, body in parts.items():
        target = base + urllib.parse.quote(_resource(uid), safe="@._-")
        answer = _request(
            target,
            "PUT",
            body,
            {**headers, "Content-Type": "text/calendar; charset=utf-8"},
            timeout,
            ok=(200, 201, 204),
        )
        (created if answer == 201 else updated).append(uid)  # noqa: PLR2004
        if b"\r\nSTATUS:CANCELLED\r\n" in body:
            cancelled.append(uid)
    return PublishResult(
        url=base,
        created_collection=made,
        created=tuple(created),
        updated=tuple(updated),
        cancelled=tuple(cancelled),
    )


def _mkcalendar(name: str) -> bytes:
    from xml.sax.saxutils import escape  # noqa: PLC0415 - only needed here

    display = f"<D:displayname>{escape(name)}</D:displayname>" if name else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f"<D:set><D:prop>{display}"
        "<C:supported-calendar-component-set>"
        '<C:comp name="VEVENT"/><C:comp name="VTODO"/>'
        "</C:supported-calendar-component-set>"
        "</D:prop></D:set></C:mkcalendar>"
    ).encode()


def _request(
    url: str,
    method: str,
    body: bytes,
    headers: Mapping[str, str],
    timeout: float,
    *,
    ok: tuple[int, ...],
) -> int:
    """Send one request; return its status, or raise a clear error.

    *timeout* bounds the whole answer, not each read from the socket, so a server that
    trickles bytes cannot hold the publish for longer.
    """
    outcome: list[int | BaseException] = []
    worker = threading.Thread(
        target=lambda: outcome.append(_attempt(url, method, body, headers, timeout, ok=ok)),
        daemon=True,
    )
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or not outcome:
        raise PublishError(url, f"{method} got no answer within {timeout} s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _attempt(
    url: str,
    method: str,
    body: bytes,
    headers: Mapping[str, str],
    timeout: float,
    *,
    ok: tuple[int, ...],
) -> int | BaseException:
    """One request, returning its status or the error to raise (for :func:`_request`)."""
    try:
        return _send(url, method, body, headers, timeout, ok=ok)
    except PublishError as error:
        return error


def _send(
    url: str,
    method: str,
    body: bytes,
    headers: Mapping[str, str],
    timeout: float,
    *,
    ok: tuple[int, ...],
) -> int:
    request = urllib.request.Request(url, data=body or None, headers=dict(headers), method=method)  # noqa: S310 - scheme checked in publish
    if body and "Content-Type" not in headers:
        request.add_header("Content-Type", "application/xml; charset=utf-8")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = exc.code
        exc.close()
        if status not in ok:
            raise PublishError(url, f"{method} refused ({exc.reason})", status=status) from exc
    except TimeoutError as exc:
        raise PublishError(url, f"{method} got no answer within {timeout} s") from exc
    except urllib.error.URLError as exc:
        raise PublishError(url, f"{method} failed: {exc.reason}") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise PublishError(url, f"{method} failed: {exc}") from exc
    if status not in ok:
        raise PublishError(url, f"{method} gave an unexpected answer", status=status)
    return status
