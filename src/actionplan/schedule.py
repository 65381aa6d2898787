"""From cadences to dates: the plan's meetings and deadlines in a window, pure Python.

:func:`schedule` turns every cadence of a plan into concrete occurrences with wall-clock
times in a time zone (Europe/Stockholm by default), avoiding Swedish public and de facto
holidays and blackout periods. Each cadence becomes one :class:`Series`: an RFC 5545 rule
where one describes it, with the holiday moves as excluded and added dates, so
:mod:`actionplan.ical` can write compact RRULE series that expand to exactly
:attr:`Series.occurrences`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum

from attrs import field, frozen

from actionplan.findings import Finding
from actionplan.model import Classification, Plan, Source

__all__ = [
    "Blackout",
    "Occurrence",
    "OccurrenceKind",
    "Options",
    "Schedule",
    "Series",
    "SubjectKind",
    "schedule",
]


class SubjectKind(Enum):
    """Which part of the plan an occurrence belongs to."""

    FORUM = "forum"
    MEASURE = "measure"
    SITUATIONAL_PICTURE = "situational-picture"
    FOLLOW_UP = "follow-up"
    PLAN = "plan"


class OccurrenceKind(Enum):
    """A meeting (an event with a start and an end) or a deadline (a to-do with a due date)."""

    MEETING = "meeting"
    DEADLINE = "deadline"


@frozen(kw_only=True)
class Blackout:
    """A yearly period without meetings, e.g. July or the Christmas weeks.

    The period runs from (*start_month*, *start_day*) to (*end_month*, *end_day*)
    inclusive and may wrap over the new year (23 December to 6 January).
    """

    name: str
    start_month: int
    start_day: int
    end_month: int
    end_day: int

    def contains(self, day: date) -> bool:
        """Whether *day* falls inside the blackout."""
        start = (self.start_month, self.start_day)
        end = (self.end_month, self.end_day)
        here = (day.month, day.day)
        if start <= end:
            return start <= here <= end
        return here >= start or here <= end


SUMMER = Blackout(name="July", start_month=7, start_day=1, end_month=7, end_day=31)
"""July: Swedish municipal services hold few meetings during the summer holidays."""

CHRISTMAS = Blackout(name="Christmas weeks", start_month=12, start_day=23, end_month=1, end_day=6)
"""23 December to Epiphany (6 January)."""


@frozen(kw_only=True)
class Options:
    """How cadences become dates; set per plan, and per forum or measure via overrides.

    Attributes:
        weekdays: Preferred weekdays, 0 = Monday; the first is tried first.
        start: Wall-clock start time of a meeting.
        duration: Length of a meeting.
        zone: IANA time zone of the wall-clock times.
        avoid_holidays: Move meetings off Swedish public and de facto holidays.
        blackouts: Yearly periods without meetings.
        location: Where meetings are held, if the plan does not say.
    """

    weekdays: tuple[int, ...] = (1, 2, 3)
    start: time = time(13, 0)
    duration: timedelta = timedelta(hours=2)
    zone: str = "Europe/Stockholm"
    avoid_holidays: bool = True
    blackouts: tuple[Blackout, ...] = (SUMMER, CHRISTMAS)
    location: str | None = None


@frozen(kw_only=True)
class Occurrence:
    """One dated meeting or deadline.

    Attributes:
        series: Key of the series it belongs to (stable across runs, e.g. ``forum/bra``).
        subject: Id of the forum, measure, situational picture or follow-up.
        subject_kind: Which kind of part *subject* is.
        kind: Meeting or deadline.
        start: Aware start (for a deadline: the due day at 00:00 in the zone).
        end: Aware end (for a deadline: equal to *start*).
        planned: The date the cadence gave, when a holiday or blackout moved it.
        period: The period it counts towards, e.g. ``2027-Q1``, ``2027-03``, ``2027``.
        participants: Ids of the actors expected to take part.
        location: Where it is held, if known.
        source: The plan text that asks for it.
        classification: Who may see it (the subject's classification).
    """

    series: str
    subject: str
    subject_kind: SubjectKind
    kind: OccurrenceKind
    start: datetime
    end: datetime
    planned: date | None = None
    period: str = ""
    participants: tuple[str, ...] = ()
    location: str | None = None
    source: Source | None = None
    classification: Classification = Classification.PUBLIC


@frozen(kw_only=True)
class Series:
    """All occurrences of one cadence, and the RFC 5545 form that describes them.

    Invariant: expanding *rrule* from *start* (when set), removing *exdates* and adding
    *rdates* gives exactly the starts of *occurrences*. When no rule describes the
    cadence, *rrule* is ``None`` and *rdates* lists every start.

    Attributes:
        key: Stable key, also the base of the iCalendar UID (``forum/bra``).
        subject: Id of the part it belongs to.
        subject_kind: Which kind of part.
        kind: Meetings or deadlines.
        start: DTSTART: the first start the rule counts from.
        duration: Length of each meeting (zero for deadlines).
        rrule: The RRULE value (``FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=...``), if any.
        exdates: Starts the rule gives but that were moved or dropped.
        rdates: Starts that are not on the rule (moved meetings, explicit dates).
        occurrences: The resulting occurrences, sorted by start.
    """

    key: str
    subject: str
    subject_kind: SubjectKind
    kind: OccurrenceKind
    start: datetime
    duration: timedelta
    rrule: str | None = None
    exdates: tuple[datetime, ...] = ()
    rdates: tuple[datetime, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()


@frozen(kw_only=True)
class Schedule:
    """A plan's meetings and deadlines between *start* and *end* (inclusive dates).

    Attributes:
        plan_id: Id of the plan scheduled.
        start: First day of the window.
        end: Last day of the window.
        zone: IANA time zone of the wall-clock times.
        series: One series per scheduled cadence, sorted by key.
        findings: What could not be scheduled (a forum without cadence, a period that
            cannot hold its meetings), as findings with codes and citations.
    """

    plan_id: str
    start: date
    end: date
    zone: str
    series: tuple[Series, ...] = ()
    findings: tuple[Finding, ...] = field(default=())

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every occurrence of every series, sorted by start, then series key."""
        items = [o for s in self.series for o in s.occurrences]
        return tuple(sorted(items, key=lambda o: (o.start, o.series)))


def schedule(
    plan: Plan,
    start: date,
    end: date,
    *,
    options: Options | None = None,
    overrides: Mapping[str, Options] | None = None,
) -> Schedule:
    """Return the dated meetings and deadlines of *plan* from *start* to *end*.

    Args:
        plan: The plan to schedule.
        start: First day of the window.
        end: Last day of the window (inclusive).
        options: Plan-wide scheduling options.
        overrides: Options per forum or measure id.
    """
    raise NotImplementedError
