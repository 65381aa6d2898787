"""From cadences to dates: the plan's meetings and deadlines in a window, pure Python.

:func:`schedule` turns every cadence of a plan into concrete occurrences with wall-clock
times in a time zone (Europe/Stockholm by default), avoiding Swedish public and de facto
holidays and blackout periods. Each cadence becomes one :class:`Series`: an RFC 5545 rule
where one describes it, with the holiday moves as excluded and added dates, so
:mod:`actionplan.ical` can write compact RRULE series that expand to exactly
:attr:`Series.occurrences`.

Examples:
    >>> import actionplan
    >>> from datetime import date
    >>> year = schedule(actionplan.example(), date(2027, 1, 1), date(2027, 12, 31))
    >>> [o.start.date().isoformat() for o in year.for_forum("bra").occurrences]
    ['2027-02-09', '2027-05-11', '2027-08-10', '2027-11-09']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from functools import cache
from itertools import chain, islice
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import holidays
from attrs import evolve, field, frozen
from dateutil.rrule import rrule as RRule  # noqa: N812 - the class, named as RFC 5545 does
from dateutil.rrule import rrulestr

from actionplan.cadence import (
    SeasonSpan,
    add_months,
    describe,
    month_end,
    month_name,
    season_spans,
    terms_of_office,
)
from actionplan.errors import InvalidValueError, LimitExceededError
from actionplan.findings import CODES as ALL_CODES
from actionplan.findings import Citation, CodeInfo, Finding, cite
from actionplan.model import (
    AsNeeded,
    Cadence,
    Classification,
    Dates,
    ElectoralCycle,
    EveryNth,
    Lang,
    MaxInterval,
    MeasureStatus,
    MonthDeadline,
    NotStated,
    Period,
    PerPeriod,
    Plan,
    Rule,
    Seasonal,
    Source,
)

__all__ = [
    "CHRISTMAS",
    "CODES",
    "MAX_OCCURRENCES",
    "MAX_WINDOW_YEARS",
    "SUMMER",
    "Blackout",
    "Occurrence",
    "OccurrenceKind",
    "Options",
    "PeriodSpan",
    "Schedule",
    "Series",
    "Subject",
    "SubjectKind",
    "every_nth_rule",
    "last_done",
    "periods",
    "rule_dates",
    "schedule",
]

MAX_WINDOW_YEARS = 50
"""The longest window, in years, that :func:`schedule` accepts."""

MAX_OCCURRENCES = 10_000
"""The most occurrences one series may have inside a window."""

_MAX_SKIPPED = 100_000
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WORKDAYS = "MO,TU,WE,TH,FR"
_MONTHS_IN = {Period.YEAR: 12, Period.HALF_YEAR: 6, Period.QUARTER: 3, Period.MONTH: 1}
# k meetings a month: the parts of the month (first and last day) and the k-th weekday
# that the rule places in each part; -1 is the last such weekday of the month.
_MONTH_PARTS = {
    2: ((1, 14), (15, 31)),
    3: ((1, 10), (11, 21), (22, 31)),
    4: ((1, 7), (8, 14), (15, 21), (22, 31)),
}
_MONTH_POSITIONS = {2: (1, 3), 3: (1, 3, -1), 4: (1, 2, 3, 4)}
_HOLIDAY_CATEGORIES = ("public", "de_facto")
_ORDINALS = {"en": ("first", "second", "third", "fourth"), "sv": ("första", "andra", "tredje")}
_ORDINALS["sv"] += ("fjärde",)


CODES: dict[str, CodeInfo] = {
    code: info for code, info in ALL_CODES.items() if code.startswith("AP3")
}
"""The finding codes this module produces: the AP3xx part of :data:`actionplan.findings.CODES`."""


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


def _month_length(year: int, month: int) -> int:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)  # noqa: PLR2004
    return (following - date(year, month, 1)).days


def _day_in_month(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else _month_length(2000, month))  # noqa: PLR2004


@frozen(kw_only=True)
class Blackout:
    """A yearly period without meetings, e.g. July or the Christmas weeks.

    The period runs from (*start_month*, *start_day*) to (*end_month*, *end_day*)
    inclusive and may wrap over the new year (23 December to 6 January).

    Examples:
        >>> CHRISTMAS.contains(date(2027, 1, 6)), CHRISTMAS.contains(date(2027, 1, 7))
        (True, False)
    """

    name: str
    start_month: int
    start_day: int
    end_month: int
    end_day: int

    def __attrs_post_init__(self) -> None:
        for month, day, which in (
            (self.start_month, self.start_day, "start"),
            (self.end_month, self.end_day, "end"),
        ):
            if not _day_in_month(month, day):
                raise InvalidValueError(
                    f"{which}_day",
                    (month, day),
                    f"month {month}, day {day} is not a day of the year",
                    "use a month from 1 to 12 and a day that month has",
                )

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


def _check_weekdays(_instance: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    days = tuple(value)
    valid = all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days)  # noqa: PLR2004
    if not days or not valid or len(set(days)) != len(days):
        raise InvalidValueError(
            "weekdays",
            value,
            "must list distinct weekdays, at least one",
            "use numbers from 0 (Monday) to 6 (Sunday), e.g. (1, 2, 3)",
        )


def _check_start(_instance: object, _attribute: attrs.Attribute[Any], value: time) -> None:
    if value.tzinfo is not None:
        raise InvalidValueError(
            "start", value, "must be a wall-clock time without a zone", "set the zone in 'zone'"
        )


def _check_duration(_instance: object, _attribute: attrs.Attribute[Any], value: timedelta) -> None:
    if value < timedelta(0):
        raise InvalidValueError("duration", value, "is negative", "use e.g. timedelta(hours=2)")


def _check_zone(_instance: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        # A folder of the zone database ("Europe") or an overlong name is an OSError.
        raise InvalidValueError(
            "zone",
            value,
            f"{value!r} is not a time zone",
            "use an IANA name, e.g. Europe/Stockholm",
        ) from exc


@frozen(kw_only=True)
class Options:
    """How cadences become dates; set per plan, and per forum or measure via overrides.

    Attributes:
        weekdays: Preferred weekdays, 0 = Monday; the first is tried first. A weekend day
            listed here is a day meetings may be held on.
        start: Wall-clock start time of a meeting.
        duration: Length of a meeting.
        zone: IANA time zone of the wall-clock times.
        avoid_holidays: Move meetings off Swedish public and de facto holidays.
        blackouts: Yearly periods without meetings (deadlines ignore them).
        location: Where meetings are held, if the plan does not say.
    """

    weekdays: tuple[int, ...] = field(default=(1, 2, 3), converter=tuple, validator=_check_weekdays)
    start: time = field(default=time(13, 0), validator=_check_start)
    duration: timedelta = field(default=timedelta(hours=2), validator=_check_duration)
    zone: str = field(default="Europe/Stockholm", validator=_check_zone)
    avoid_holidays: bool = True
    blackouts: tuple[Blackout, ...] = field(default=(SUMMER, CHRISTMAS), converter=tuple)
    location: str | None = None


def _summary(kind: SubjectKind, title: str, lang: Lang) -> str:
    if kind is SubjectKind.SITUATIONAL_PICTURE:
        if lang == "sv":
            return f"Uppdatera lägesbilden: {title}"
        return f"Update the situational picture: {title}"
    if kind is SubjectKind.FOLLOW_UP:
        return f"Uppföljning: {title}" if lang == "sv" else f"Follow-up: {title}"
    if kind is SubjectKind.PLAN:
        return f"Revidera planen: {title}" if lang == "sv" else f"Revise the plan: {title}"
    return title


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
        classification: Who may see it (the stricter of the subject's and the plan's).
        title: The subject's name in the plan's words (a measure's description).
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
    title: str = ""

    def summary(self, lang: Lang = "sv") -> str:
        """A calendar title: the forum's name, or what is due ("Uppdatera lägesbilden: ...")."""
        return _summary(self.subject_kind, self.title, lang)


@frozen(kw_only=True)
class Series:
    """All occurrences of one cadence, and the RFC 5545 form that describes them.

    Invariant: expanding *rrule* from *start* (when set), removing *exdates* and adding
    *rdates* gives exactly the starts of *occurrences*. When no rule describes the
    cadence, *rrule* is ``None``, *start* is the first occurrence's start and *rdates*
    lists every start.

    Attributes:
        key: Stable key, also the base of the iCalendar UID (``forum/bra``).
        subject: Id of the part it belongs to.
        subject_kind: Which kind of part.
        kind: Meetings or deadlines.
        start: DTSTART: the first start the rule gives inside the window (always an
            instance of the rule, possibly excluded when a holiday moved it).
        duration: Length of each meeting (zero for deadlines).
        rrule: The RRULE value (``FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=...``), if any;
            UNTIL is in UTC and equals the start of the rule's last instance in the window.
        exdates: Starts the rule gives but that were moved or dropped.
        rdates: Starts that are not on the rule (moved meetings, explicit dates).
        occurrences: The resulting occurrences, sorted by start.
        title: The subject's name in the plan's words.
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
    title: str = ""

    def summary(self, lang: Lang = "sv") -> str:
        """A calendar title for the series, as :meth:`Occurrence.summary` gives it."""
        return _summary(self.subject_kind, self.title, lang)


@frozen(kw_only=True)
class Subject:
    """A part of the plan that :func:`schedule` looked at, whether or not it got dates.

    Lets the views of a schedule (:meth:`Schedule.for_actor`, :meth:`Schedule.public`)
    keep or drop the findings about parts that have no occurrences.

    Attributes:
        kind: Which kind of part.
        id: Its id (the plan's id for the plan itself).
        title: Its name in the plan's words.
        participants: Ids of the actors expected to take part.
        classification: The stricter of the part's and the plan's classification.
        path: Where the part is in the plan file (``forums[0]``); a finding whose path
            lies inside it is about the part.
    """

    kind: SubjectKind
    id: str
    title: str = ""
    participants: tuple[str, ...] = ()
    classification: Classification = Classification.PUBLIC
    path: str = ""

    def owns(self, finding: Finding) -> bool:
        """Whether *finding* is about this part (its path lies inside the part's path)."""
        where = finding.path or ""
        return bool(self.path) and (where == self.path or where.startswith(f"{self.path}."))


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
        subjects: Every part looked at, in the plan's order, with who takes part in it
            and who may see it.
    """

    plan_id: str
    start: date
    end: date
    zone: str
    series: tuple[Series, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    subjects: tuple[Subject, ...] = ()

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every occurrence of every series, sorted by start, then series key."""
        items = [o for s in self.series for o in s.occurrences]
        return tuple(sorted(items, key=lambda o: (o.start, o.series)))

    def for_actor(self, actor_id: str) -> Schedule:
        """The actor's own calendar: occurrences whose participants include *actor_id*.

        Findings are kept when they concern a part the actor takes part in.
        """
        return self._view(
            lambda o: actor_id in o.participants, lambda s: actor_id in s.participants
        )

    def for_forum(self, forum_id: str) -> Schedule:
        """The meetings of one forum, and the findings about it."""
        return self._view(
            lambda o: o.subject_kind is SubjectKind.FORUM and o.subject == forum_id,
            lambda s: s.kind is SubjectKind.FORUM and s.id == forum_id,
        )

    def public(self) -> Schedule:
        """The schedule without internal or confidential parts, for publishing."""
        return self._view(
            lambda o: o.classification is Classification.PUBLIC,
            lambda s: s.classification is Classification.PUBLIC,
        )

    def _view(
        self, keep: Callable[[Occurrence], bool], keep_subject: Callable[[Subject], bool]
    ) -> Schedule:
        series = tuple(s for s in (_restrict(s, keep) for s in self.series) if s is not None)
        subjects = tuple(s for s in self.subjects if keep_subject(s))
        findings = tuple(
            f
            for f in self.findings
            if any(s.owns(f) for s in subjects) or not any(s.owns(f) for s in self.subjects)
        )
        return evolve(self, series=series, findings=findings, subjects=subjects)


def _restrict(series: Series, keep: Callable[[Occurrence], bool]) -> Series | None:
    """Keep the occurrences *keep* accepts; a thinned series lists its starts as RDATEs."""
    kept = tuple(o for o in series.occurrences if keep(o))
    if len(kept) == len(series.occurrences):
        return series
    if not kept:
        return None
    starts = tuple(o.start for o in kept)
    return evolve(series, start=starts[0], rrule=None, exdates=(), rdates=starts, occurrences=kept)


# --- periods ------------------------------------------------------------------------------


@frozen(kw_only=True)
class PeriodSpan:
    """One calendar period a cadence counts in: a year, half-year, quarter, month or ISO week.

    Half-years and quarters start in January; weeks run from Monday to Sunday.

    Attributes:
        period: Which kind of period.
        label: ``2027``, ``2027-H1``, ``2027-Q1``, ``2027-03`` or ``2027-W05``.
        first: Its first day.
        last: Its last day.
    """

    period: Period
    label: str
    first: date
    last: date

    def words(self, lang: Lang = "en") -> str:
        """Say the period in a sentence: ``in the first quarter of 2027``, ``mars 2027``.

        Examples:
            >>> periods(Period.QUARTER, date(2027, 1, 1), date(2027, 1, 1))[0].words("sv")
            'under första kvartalet 2027'
        """
        sv = lang == "sv"
        year = self.first.year
        if self.period is Period.YEAR:
            return f"{year}" if sv else f"in {year}"
        if self.period is Period.WEEK:
            iso = self.first.isocalendar()
            return f"vecka {iso.week} {iso.year}" if sv else f"in week {iso.week} of {iso.year}"
        if self.period is Period.MONTH:
            month = month_name(self.first.month, lang)
            return f"i {month} {year}" if sv else f"in {month} {year}"
        index = (self.first.month - 1) // _MONTHS_IN[self.period]
        ordinal = _ORDINALS[lang][index]
        if self.period is Period.HALF_YEAR:
            return f"under {ordinal} halvåret {year}" if sv else f"in the {ordinal} half of {year}"
        return f"under {ordinal} kvartalet {year}" if sv else f"in the {ordinal} quarter of {year}"


def _span_of(period: Period, day: date) -> PeriodSpan:
    if period is Period.WEEK:
        first = day - timedelta(days=day.weekday())
        iso = first.isocalendar()
        label = f"{iso.year}-W{iso.week:02d}"
        return PeriodSpan(period=period, label=label, first=first, last=first + timedelta(6))
    months = _MONTHS_IN[period]
    month = (day.month - 1) // months * months + 1
    last_month = month + months - 1
    index = (month - 1) // months + 1
    label = {
        Period.YEAR: f"{day.year}",
        Period.HALF_YEAR: f"{day.year}-H{index}",
        Period.QUARTER: f"{day.year}-Q{index}",
        Period.MONTH: f"{day.year}-{month:02d}",
    }[period]
    return PeriodSpan(
        period=period,
        label=label,
        first=date(day.year, month, 1),
        last=date(day.year, last_month, _month_length(day.year, last_month)),
    )


def periods(period: Period, start: date, end: date) -> tuple[PeriodSpan, ...]:
    """Return the periods of kind *period* that overlap *start* to *end*, in order.

    Examples:
        >>> [p.label for p in periods(Period.QUARTER, date(2027, 3, 1), date(2027, 7, 1))]
        ['2027-Q1', '2027-Q2', '2027-Q3']
    """
    spans: list[PeriodSpan] = []
    day = start
    while day <= end:
        span = _span_of(period, day)
        spans.append(span)
        if span.last >= end:
            break
        day = span.last + timedelta(days=1)
    return tuple(spans)


# --- holidays -----------------------------------------------------------------------------


@cache
def _holidays_of(year: int) -> dict[date, tuple[str, str]]:
    """Swedish public and de facto holidays of *year*, with their Swedish and English names."""
    names: dict[date, tuple[str, str]] = {}
    sv = holidays.country_holidays("SE", years=year, language="sv", categories=_HOLIDAY_CATEGORIES)
    en = holidays.country_holidays(
        "SE", years=year, language="en_US", categories=_HOLIDAY_CATEGORIES
    )
    for day, name in sv.items():
        names[day] = (name, en.get(day, name))
    return names


def _holiday(day: date) -> tuple[str, str] | None:
    return _holidays_of(day.year).get(day)


# --- placing meetings ---------------------------------------------------------------------


@frozen(kw_only=True)
class _Slot:
    """One meeting's place: the part of a period it must lie in, and the cadence's date."""

    span: PeriodSpan
    first: date
    last: date
    planned: date


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, _month_length(year, month))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _last_workday(first: date, last: date) -> date:
    return next((d for d in _days_back(last, first) if d.weekday() < 5), last)  # noqa: PLR2004


def _days_back(last: date, first: date) -> Iterator[date]:
    day = last
    while day >= first:
        yield day
        day -= timedelta(days=1)


def _nearest(days: Iterable[date], target: date) -> date | None:
    return min(days, key=lambda d: (abs((d - target).days), d), default=None)


def _middle_slot(first: date, last: date, weekdays: tuple[int, ...]) -> date:
    middle = first + (last - first) // 2
    for weekday in weekdays:
        found = _nearest((d for d in _days(first, last) if d.weekday() == weekday), middle)
        if found is not None:
            return found
    workday = _nearest((d for d in _days(first, last) if d.weekday() < 5), middle)  # noqa: PLR2004
    return middle if workday is None else workday


def _slots(
    cadence: PerPeriod, kind: OccurrenceKind, weekdays: tuple[int, ...], span: PeriodSpan
) -> list[_Slot]:
    """Split *span* into one part per meeting and give each part its date."""
    meeting = kind is OccurrenceKind.MEETING
    weekday = weekdays[0]
    months = _MONTHS_IN.get(cadence.period)
    count = cadence.count
    year = span.first.year
    slots: list[_Slot] = []
    if months is not None and months % count == 0:
        step = months // count
        for index in range(count):
            month = span.first.month + index * step
            first = date(year, month, 1)
            last = date(year, month + step - 1, _month_length(year, month + step - 1))
            planned = (
                _nth_weekday(year, month + (step - 1) // 2, weekday, 2)
                if meeting
                else _last_workday(first, last)
            )
            slots.append(_Slot(span=span, first=first, last=last, planned=planned))
    elif months is not None and count % months == 0 and count // months in _MONTH_PARTS:
        per_month = count // months
        for month in range(span.first.month, span.last.month + 1):
            length = _month_length(year, month)
            parts = zip(_MONTH_PARTS[per_month], _MONTH_POSITIONS[per_month], strict=True)
            for (low, high), nth in parts:
                first, last = date(year, month, low), date(year, month, min(high, length))
                planned = (
                    _nth_weekday(year, month, weekday, nth)
                    if meeting
                    else _last_workday(first, last)
                )
                slots.append(_Slot(span=span, first=first, last=last, planned=planned))
    else:
        length = (span.last - span.first).days + 1
        for index in range(count):
            first = span.first + timedelta(days=index * length // count)
            last = span.first + timedelta(days=(index + 1) * length // count - 1)
            if last < first:  # more meetings than days: the period cannot hold them all
                continue
            planned = _middle_slot(first, last, weekdays) if meeting else _last_workday(first, last)
            slots.append(_Slot(span=span, first=first, last=last, planned=planned))
    return slots


def _candidate_rule(
    cadence: PerPeriod, kind: OccurrenceKind, weekdays: tuple[int, ...], slots: list[_Slot]
) -> str | None:
    """The RRULE (without UNTIL) that should give the slots' dates, if one is known."""
    meeting = kind is OccurrenceKind.MEETING
    code = _WEEKDAYS[weekdays[0]]
    months = _MONTHS_IN.get(cadence.period)
    count = cadence.count
    if months is not None and months % count == 0:
        step = months // count
        interval = f";INTERVAL={step}" if step > 1 else ""
        by = f"BYDAY=2{code}" if meeting else f"BYDAY={_WORKDAYS};BYSETPOS=-1"
        return f"FREQ=MONTHLY{interval};{by}"
    if months is not None and count % months == 0 and count // months in _MONTH_PARTS:
        if not meeting:
            return None
        positions = _MONTH_POSITIONS[count // months]
        return "FREQ=MONTHLY;BYDAY=" + ",".join(f"{nth}{code}" for nth in positions)
    if cadence.period is Period.WEEK and slots:
        week = slots[0].span
        days = sorted({s.planned.weekday() for s in slots if s.span == week})
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_WEEKDAYS[d] for d in days)
    return None


def _allowed(day: date, kind: OccurrenceKind, options: Options) -> bool:
    weekend = day.weekday() >= 5  # noqa: PLR2004
    if weekend and (kind is OccurrenceKind.DEADLINE or day.weekday() not in options.weekdays):
        return False
    if options.avoid_holidays and _holiday(day) is not None:
        return False
    return kind is OccurrenceKind.DEADLINE or not any(b.contains(day) for b in options.blackouts)


def _outward(slot: _Slot) -> Iterator[date]:
    """The slot's days other than its planned one, nearest first, the earlier on a tie."""
    planned = slot.planned
    before, after = (planned - slot.first).days, (slot.last - planned).days
    for distance in range(1, max(before, after) + 1):
        if distance <= before and planned - timedelta(days=distance) <= slot.last:
            yield planned - timedelta(days=distance)
        if distance <= after and planned + timedelta(days=distance) >= slot.first:
            yield planned + timedelta(days=distance)


def _place(slot: _Slot, kind: OccurrenceKind, options: Options) -> date | None:
    """The slot's date, or the nearest allowed day in its part of the period, or ``None``.

    A meeting goes to the nearest allowed day on a preferred weekday, and only when the
    part has none to the nearest allowed day. The search goes outward from the planned
    day, so it usually stops after a day or two instead of checking the whole part.
    """
    if _allowed(slot.planned, kind, options):
        return slot.planned
    fallback: date | None = None
    for day in _outward(slot):
        if not _allowed(day, kind, options):
            continue
        if kind is OccurrenceKind.DEADLINE or day.weekday() in options.weekdays:
            return day
        if fallback is None:
            fallback = day
    return fallback


_LAST_WORKDAY = f"BYDAY={_WORKDAYS};BYSETPOS=-1"
_EVERY_FREQ = {
    Period.WEEK: ("WEEKLY", 1),
    Period.MONTH: ("MONTHLY", 1),
    Period.QUARTER: ("MONTHLY", 3),
    Period.HALF_YEAR: ("MONTHLY", 6),
    Period.YEAR: ("YEARLY", 1),
}


def every_nth_rule(cadence: EveryNth) -> str:
    """Return the RRULE value that says *cadence*, counted from its anchor.

    Examples:
        >>> every_nth_rule(EveryNth(every=2, period=Period.WEEK))
        'FREQ=WEEKLY;INTERVAL=2'
        >>> every_nth_rule(EveryNth(every=1, period=Period.QUARTER))
        'FREQ=MONTHLY;INTERVAL=3'
    """
    freq, step = _EVERY_FREQ[cadence.period]
    interval = cadence.every * step
    return f"FREQ={freq}" + (f";INTERVAL={interval}" if interval > 1 else "")


def _slot(first: date, last: date, planned: date) -> _Slot:
    return _Slot(span=_span_of(Period.YEAR, planned), first=first, last=last, planned=planned)


def _latest_slot(first: date, last: date, kind: OccurrenceKind, options: Options) -> _Slot:
    """A slot that places its occurrence as late as allowed, but never after *last*."""
    if kind is OccurrenceKind.DEADLINE:
        return _slot(first, last, _last_workday(first, last))
    planned = next(
        (d for d in _days_back(last, first) if d.weekday() in options.weekdays),
        last,
    )
    return _slot(first, last, planned)


def _month_slot(year: int, month: int, kind: OccurrenceKind, weekdays: tuple[int, ...]) -> _Slot:
    """A month deadline: its last working day, or the month's last preferred weekday."""
    first, last = date(year, month, 1), month_end(year, month)
    if kind is OccurrenceKind.DEADLINE:
        return _slot(first, last, _last_workday(first, last))
    return _slot(first, last, _nth_weekday(year, month, weekdays[0], -1))


def _season_slots(
    cadence: Seasonal, span: SeasonSpan, kind: OccurrenceKind, weekdays: tuple[int, ...]
) -> list[_Slot]:
    """Split a season into one part per meeting; a term's first meeting in its first weeks."""
    parts: list[tuple[date, date]] = []
    first, count = span.first, cadence.count_per_season
    if cadence.first_in_term:
        opening = span.first_weeks
        parts.append(opening)
        first, count = opening[1] + timedelta(days=1), count - 1
    length = (span.last - first).days + 1
    for index in range(count):
        low = first + timedelta(days=index * length // count)
        high = first + timedelta(days=(index + 1) * length // count - 1)
        parts.append((low, high))
    meeting = kind is OccurrenceKind.MEETING
    return [
        _slot(low, high, _middle_slot(low, high, weekdays) if meeting else _last_workday(low, high))
        for low, high in parts
    ]


def _place_free(
    slot: _Slot, kind: OccurrenceKind, options: Options, taken: set[date]
) -> date | None:
    """Like :func:`_place`, but never on a day another slot of the series already has.

    Overlapping seasons (spring and the spring term) would otherwise put two meetings of
    one part on the same day.
    """
    final = _place(slot, kind, options)
    if final is None or final not in taken:
        return final
    inside = slot.first <= slot.planned <= slot.last
    days = chain([slot.planned] if inside else [], _outward(slot))  # nearest first
    return next((d for d in days if d not in taken and _allowed(d, kind, options)), None)


# --- building series ----------------------------------------------------------------------


@frozen(kw_only=True)
class _Part:
    """What every occurrence of one part of the plan shares."""

    key: str
    kind: SubjectKind
    id: str
    title: str
    noun_en: str
    noun_sv: str
    path: str
    participants: tuple[str, ...]
    location: str | None
    source: Source | None
    classification: Classification
    options: Options


@frozen(kw_only=True)
class _Draft:
    """A series before it becomes one: rule, excluded and added dates, final dates."""

    rrule: str | None
    start: datetime | None
    exdates: tuple[datetime, ...]
    rdates: tuple[datetime, ...]
    finals: tuple[tuple[datetime, date | None, str], ...]  # start, planned, period label


class _Builder:
    """Collects series, findings and subjects for one call of :func:`schedule`."""

    def __init__(self, plan: Plan, start: date, end: date) -> None:
        self.plan = plan
        self.start = start
        self.end = end
        self.series: list[Series] = []
        self.findings: list[Finding] = []
        self.subjects: list[Subject] = []

    def finding(
        self,
        part: _Part,
        code: str,
        message: str,
        message_sv: str,
        *,
        citation: Citation | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=CODES[code].severity,
                message=f"{part.noun_en} {message}",
                message_sv=f"{part.noun_sv} {message_sv}",
                path=part.path,
                subject=part.id,
                citation=citation if citation is not None else cite(self.plan, part.source),
            )
        )

    def at(self, part: _Part, kind: OccurrenceKind, day: date) -> datetime:
        clock = part.options.start if kind is OccurrenceKind.MEETING else time(0)
        return datetime.combine(day, clock, tzinfo=ZoneInfo(part.options.zone))

    def add(self, part: _Part, kind: OccurrenceKind, draft: _Draft | None) -> None:
        self.subjects.append(
            Subject(
                kind=part.kind,
                id=part.id,
                title=part.title,
                participants=part.participants,
                classification=part.classification,
                path=part.path.rpartition(".")[0],
            )
        )
        if draft is None or not draft.finals:
            return
        if len(draft.finals) > MAX_OCCURRENCES:
            raise LimitExceededError(
                "end",
                self.end,
                f"{part.key} would have {len(draft.finals)} occurrences in the window",
                f"ask for a shorter window; a series holds at most {MAX_OCCURRENCES}",
            )
        duration = part.options.duration if kind is OccurrenceKind.MEETING else timedelta(0)
        occurrences = tuple(
            Occurrence(
                series=part.key,
                subject=part.id,
                subject_kind=part.kind,
                kind=kind,
                start=begin,
                end=(begin.astimezone(UTC) + duration).astimezone(begin.tzinfo),
                planned=planned,
                period=label,
                participants=part.participants,
                location=part.location or part.options.location,
                source=part.source,
                classification=part.classification,
                title=part.title,
            )
            for begin, planned, label in sorted(draft.finals, key=lambda f: f[0])
        )
        self.series.append(
            Series(
                key=part.key,
                subject=part.id,
                subject_kind=part.kind,
                kind=kind,
                start=draft.start if draft.start is not None else occurrences[0].start,
                duration=duration,
                rrule=draft.rrule,
                exdates=tuple(sorted(draft.exdates)),
                rdates=tuple(sorted(draft.rdates)),
                occurrences=occurrences,
                title=part.title,
            )
        )

    # --- cadence kinds ----------------------------------------------------------------

    def cadence(self, part: _Part, kind: OccurrenceKind, cadence: Cadence | None) -> _Draft | None:
        if isinstance(cadence, PerPeriod):
            return self.per_period(part, kind, cadence)
        if isinstance(cadence, Rule):
            return self.rule(part, kind, cadence)
        if isinstance(cadence, Dates):
            days = sorted(d for d in cadence.dates if self.start <= d <= self.end)
            self.exact_on_holidays(part, days)
            return _listed([(self.at(part, kind, d), None, "") for d in days])
        if isinstance(cadence, EveryNth | MaxInterval):
            return self.anchored(part, kind, cadence)
        if isinstance(cadence, Seasonal | MonthDeadline | ElectoralCycle):
            return self.calendar(part, kind, cadence)
        return None

    def no_anchor(self, part: _Part, cadence: Cadence, what_en: str, what_sv: str) -> None:
        """Report a cadence that counts from a date the plan does not give (AP301)."""
        quoted_en = cadence.text or describe(cadence, "en")
        quoted_sv = cadence.text or describe(cadence, "sv")
        self.finding(
            part,
            "AP301",
            f'has no anchor date for "{quoted_en}": ask for {what_en}; '
            "no dates are scheduled, none are invented",
            f'saknar startdatum för "{quoted_sv}": fråga efter {what_sv}; '
            "inga datum schemaläggs, inga hittas på",
        )

    def anchored(
        self, part: _Part, kind: OccurrenceKind, cadence: EveryNth | MaxInterval
    ) -> _Draft | None:
        """Cadences that count from a date: every n-th period, or a longest gap."""
        if isinstance(cadence, MaxInterval):
            return self.max_interval(part, kind, cadence)
        if cadence.anchor is None:
            self.no_anchor(
                part,
                cadence,
                "the date of one meeting to count from",
                "datumet för ett möte att räkna från",
            )
            return None
        rule = Rule(rrule=every_nth_rule(cadence), start=cadence.anchor, text=cadence.text)
        return self.rule(part, kind, rule)

    def max_interval(
        self, part: _Part, kind: OccurrenceKind, cadence: MaxInterval
    ) -> _Draft | None:
        """A longest gap: each occurrence no later than the previous one plus the interval."""
        if cadence.anchor is None:
            self.no_anchor(
                part,
                cadence,
                "the date it was last done",
                "när det senast gjordes",
            )
            return None
        finals: list[tuple[datetime, date | None, str]] = []
        last = cadence.anchor
        early = self.start - timedelta(days=62)
        while (limit := _months_after(last, cadence.months)) is not None and limit <= self.end:
            if limit < early:  # long before the window: the exact day does not matter
                last = limit
                continue
            slot = _latest_slot(
                max(last + timedelta(days=1), limit - timedelta(days=30)), limit, kind, part.options
            )
            final = _place(slot, kind, part.options)
            if final is None:
                self.blocked(part, kind, slot, f"the interval ending {limit.isoformat()}")
                last = limit
                continue
            if final >= self.start:
                planned = None if final == slot.planned else slot.planned
                finals.append((self.at(part, kind, final), planned, ""))
            last = final
            if len(finals) > MAX_OCCURRENCES:
                break
        return _listed(finals)

    def calendar(
        self,
        part: _Part,
        kind: OccurrenceKind,
        cadence: Seasonal | MonthDeadline | ElectoralCycle,
    ) -> _Draft | None:
        """Seasons, month deadlines and terms of office: fixed parts of the calendar."""
        weekdays = part.options.weekdays
        if isinstance(cadence, Seasonal):
            groups = [
                (span.label, cadence.count_per_season, span.first, span.last, slots)
                for season in cadence.seasons
                for span in season_spans(season, self.start, self.end)
                for slots in [_season_slots(cadence, span, kind, weekdays)]
            ]
            return self.slotted(part, kind, groups, None)
        if isinstance(cadence, MonthDeadline):
            if not cadence.every_year and cadence.year is None:
                self.no_anchor(part, cadence, "the year it is due", "vilket år det ska vara klart")
                return None
            groups = []
            for year in range(self.start.year, self.end.year + 1):
                if cadence.every_year or year == cadence.due_year(cadence.year or 0):
                    slot = _month_slot(year, cadence.month, kind, weekdays)
                    label = str(year - cadence.year_offset)
                    groups.append((label, 1, slot.first, slot.last, [slot]))
            code = _WEEKDAYS[weekdays[0]]
            by = f"BYDAY=-1{code}" if kind is OccurrenceKind.MEETING else _LAST_WORKDAY
            candidate = f"FREQ=YEARLY;BYMONTH={cadence.month};{by}" if cadence.every_year else None
            return self.slotted(part, kind, groups, candidate)
        groups = []
        for term in terms_of_office(
            self.start - timedelta(days=1461), self.end + timedelta(days=1461)
        ):
            due = term.last
            if cadence.offset_months is not None:
                due = add_months(term.first, cadence.offset_months) - timedelta(days=1)
            if self.start <= due <= self.end:
                slot = _latest_slot(due - timedelta(days=30), due, kind, part.options)
                groups.append((term.label, 1, slot.first, slot.last, [slot]))
        return self.slotted(part, kind, groups, None)

    def slotted(
        self,
        part: _Part,
        kind: OccurrenceKind,
        groups: Sequence[tuple[str, int, date, date, Sequence[_Slot]]],
        candidate: str | None,
    ) -> _Draft | None:
        """Place slots grouped by label; a rule describes them when it gives their dates.

        Each group is (label, count asked for, first day, last day, slots): a season, a
        month deadline's year or a term of office.
        """
        finals: list[tuple[datetime, date | None, str]] = []
        moved: list[tuple[date, date | None]] = []
        planned_inside: list[date] = []
        taken: set[date] = set()
        for label, count, first, last, slots in groups:
            inside = 0
            for slot in slots:
                if self.start <= slot.planned <= self.end:
                    planned_inside.append(slot.planned)
                final = _place_free(slot, kind, part.options, taken)
                if final is not None:
                    taken.add(final)
                if final is None:
                    self.blocked(part, kind, slot, label)
                if final != slot.planned:
                    moved.append((slot.planned, final))
                if final is not None and self.start <= final <= self.end:
                    inside += 1
                    planned = None if final == slot.planned else slot.planned
                    finals.append((self.at(part, kind, final), planned, label))
            self.partial(part, kind, (label, count, first, last), inside)
        if not finals:
            return None
        rule = self.verified(part, kind, candidate, sorted(planned_inside))
        if rule is None:
            return _listed(finals)
        inside_window = [(p, f) for p, f in moved if self.start <= p <= self.end]
        return _Draft(
            rrule=rule,
            start=self.at(part, kind, min(planned_inside)),
            exdates=tuple(self.at(part, kind, p) for p, _ in inside_window),
            rdates=tuple(
                self.at(part, kind, f)
                for _, f in moved
                if f is not None and self.start <= f <= self.end
            ),
            finals=tuple(finals),
        )

    def partial(
        self,
        part: _Part,
        kind: OccurrenceKind,
        group: tuple[str, int, date, date],
        inside: int,
    ) -> None:
        """Report a season or term the window cuts, leaving some of its meetings out (AP306)."""
        label, count, first, last = group
        whole = self.start <= first and last <= self.end
        if whole or not 0 < inside < count:
            return
        noun_en, noun_sv = (
            ("meetings", "möten") if kind is OccurrenceKind.MEETING else ("deadlines", "deadlines")
        )
        window = f"{self.start.isoformat()}–{self.end.isoformat()}"
        self.finding(
            part,
            "AP306",
            f"gets {inside} of its {count} {noun_en} in {label}: "
            f"the window {window} covers only part of it",
            f"får {inside} av sina {count} {noun_sv} {label}: "
            f"perioden {window} täcker bara en del av den",
        )

    def blocked(self, part: _Part, kind: OccurrenceKind, slot: _Slot, label: str) -> None:
        """Report a slot with no allowed day (AP303)."""
        if slot.first > self.end or slot.last < self.start:
            return
        noun_en, noun_sv = (
            ("meeting", "möte") if kind is OccurrenceKind.MEETING else ("deadline", "deadline")
        )
        days = f"{slot.first.isoformat()}–{slot.last.isoformat()}"
        self.finding(
            part,
            "AP303",
            f"has no working day outside holidays and blackouts in {days}, "
            f"so {label} gets no {noun_en}",
            f"har ingen arbetsdag utanför helgdagar och uppehåll {days}, "
            f"så {label} får inget {noun_sv}",
        )

    def per_period(self, part: _Part, kind: OccurrenceKind, cadence: PerPeriod) -> _Draft:
        weekdays = part.options.weekdays
        spans = periods(cadence.period, self.start, self.end)
        if len(spans) * cadence.count > MAX_OCCURRENCES:
            raise LimitExceededError(
                "end",
                self.end,
                f"{part.key} would have about {len(spans) * cadence.count} occurrences",
                f"ask for a shorter window; a series holds at most {MAX_OCCURRENCES}",
            )
        slots: list[_Slot] = []
        finals: list[tuple[datetime, date | None, str]] = []
        moved: list[tuple[date, date | None]] = []  # (planned, final) where they differ
        for span in spans:
            span_slots = _slots(cadence, kind, weekdays, span)
            slots.extend(span_slots)
            inside = 0
            blocked: list[_Slot] = []
            for slot in span_slots:
                final = _place(slot, kind, part.options)
                if final is None:
                    blocked.append(slot)
                if final != slot.planned:
                    moved.append((slot.planned, final))
                if final is not None and self.start <= final <= self.end:
                    inside += 1
                    planned = None if final == slot.planned else slot.planned
                    finals.append((self.at(part, kind, final), planned, span.label))
            self.span_findings(
                part=part,
                kind=kind,
                cadence=cadence,
                span=span,
                inside=inside,
                blocked=blocked,
                missing=cadence.count - len(span_slots),
            )
        planned_inside = [s.planned for s in slots if self.start <= s.planned <= self.end]
        candidate = _candidate_rule(cadence, kind, weekdays, slots)
        rule = self.verified(part, kind, candidate, planned_inside)
        if rule is None:
            return _listed(finals)
        exdates = [self.at(part, kind, p) for p, _ in moved if self.start <= p <= self.end]
        rdates = [
            self.at(part, kind, f)
            for _, f in moved
            if f is not None and self.start <= f <= self.end
        ]
        return _Draft(
            rrule=rule,
            start=self.at(part, kind, planned_inside[0]),
            exdates=tuple(exdates),
            rdates=tuple(rdates),
            finals=tuple(finals),
        )

    def verified(
        self, part: _Part, kind: OccurrenceKind, candidate: str | None, days: list[date]
    ) -> str | None:
        """The candidate rule with its UNTIL, if it gives exactly *days*; else ``None``."""
        if candidate is None or not days:
            return None
        until = _utc_text(self.at(part, kind, days[-1]))
        text = f"{candidate};UNTIL={until}"
        got = [d.date() for d in islice(_expand(text, self.at(part, kind, days[0])), len(days) + 1)]
        return text if got == days else None

    def span_findings(
        self,
        *,
        part: _Part,
        kind: OccurrenceKind,
        cadence: PerPeriod,
        span: PeriodSpan,
        inside: int,
        blocked: list[_Slot],
        missing: int,
    ) -> None:
        noun_en, noun_sv = (
            ("meetings", "möten") if kind is OccurrenceKind.MEETING else ("deadlines", "deadlines")
        )
        held = cadence.count - len(blocked) - missing
        if missing:
            length = (span.last - span.first).days + 1
            self.finding(
                part,
                "AP303",
                f"asks for {cadence.count} {noun_en} in {span.label}, which has only "
                f"{length} days, so it gets {held}",
                f"ska ha {cadence.count} {noun_sv} {span.label}, som bara har {length} dagar, "
                f"så det blir {held}",
            )
        if any(s.first <= self.end and s.last >= self.start for s in blocked):
            ranges = ", ".join(f"{s.first.isoformat()}–{s.last.isoformat()}" for s in blocked)
            self.finding(
                part,
                "AP303",
                f"has no working day outside holidays and blackouts in {ranges}, "
                f"so {span.label} gets {held} of its {cadence.count} {noun_en}",
                f"har ingen arbetsdag utanför helgdagar och uppehåll {ranges}, "
                f"så {span.label} får {held} av sina {cadence.count} {noun_sv}",
            )
        whole = self.start <= span.first and span.last <= self.end
        if not whole and inside < cadence.count:
            window = f"{self.start.isoformat()}–{self.end.isoformat()}"
            self.finding(
                part,
                "AP306",
                f"gets {inside} of its {cadence.count} {noun_en} in {span.label}: "
                f"the window {window} covers only part of it",
                f"får {inside} av sina {cadence.count} {noun_sv} {span.label}: "
                f"perioden {window} täcker bara en del av den",
            )

    def rule(self, part: _Part, kind: OccurrenceKind, cadence: Rule) -> _Draft | None:
        zone = ZoneInfo(part.options.zone)
        clock = part.options.start if kind is OccurrenceKind.MEETING else time(0)
        expansion = _expand_rule(cadence, self.start, self.end, zone, clock)
        self.short_months(part, cadence, expansion)
        starts = expansion.starts
        if not starts:
            return None
        self.exact_on_holidays(part, sorted({s.date() for s in starts}))
        finals = [(s, None, "") for s in starts]
        parts = {
            k: v for k, v in Rule.parts_of(cadence.rrule).items() if k not in ("COUNT", "UNTIL")
        }
        text = ";".join(f"{k}={v}" for k, v in parts.items())
        text = f"{text};UNTIL={_utc_text(starts[-1])}"
        again = list(islice(_expand(text, starts[0]), len(starts) + 1))
        if again != list(starts):
            return _listed(finals)
        return _Draft(rrule=text, start=starts[0], exdates=(), rdates=(), finals=tuple(finals))

    def exact_on_holidays(self, part: _Part, days: Iterable[date]) -> None:
        if not part.options.avoid_holidays:
            return
        found = [(d, names) for d in days if (names := _holiday(d)) is not None]
        if found:
            self.finding(
                part,
                "AP304",
                "falls on holidays, as the plan says: "
                + ", ".join(f"{d.isoformat()} ({names[1]})" for d, names in found),
                "infaller på helgdagar, som planen säger: "
                + ", ".join(f"{d.isoformat()} ({names[0]})" for d, names in found),
            )

    def short_months(self, part: _Part, cadence: Rule, expansion: _Expansion) -> None:
        parts = Rule.parts_of(cadence.rrule)
        if parts["FREQ"] != "MONTHLY":
            return
        implicit = not any(
            key in parts for key in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")
        )
        if implicit:
            asked = [cadence.start.day]
        else:
            asked = [int(v) for v in parts.get("BYMONTHDAY", "").split(",") if v.isdigit()]
        asked = sorted({d for d in asked if d >= 29})  # noqa: PLR2004
        if not asked:
            return
        interval = int(parts.get("INTERVAL", "1"))
        by_month = {int(v) for v in parts["BYMONTH"].split(",")} if "BYMONTH" in parts else None
        first = max(self.start, cadence.start)
        last = min(self.end, expansion.ends) if expansion.ends is not None else self.end
        lacking: list[str] = []
        for span in periods(Period.MONTH, first, last) if first <= last else ():
            year, month = span.first.year, span.first.month
            step = (year - cadence.start.year) * 12 + month - cadence.start.month
            if step % interval or (by_month is not None and month not in by_month):
                continue
            if _month_length(year, month) < asked[-1]:
                lacking.append(span.label)
        if lacking:
            days = ", ".join(str(d) for d in asked)
            months = ", ".join(lacking)
            self.finding(
                part,
                "AP305",
                f"has a rule asking for day {days}, which {months} lack; RFC 5545 skips "
                "such months, so write BYMONTHDAY=-1 for the last day of every month",
                f"har en regel som anger dag {days}, som saknas i {months}; RFC 5545 hoppar "
                "över sådana månader, så skriv BYMONTHDAY=-1 för månadens sista dag",
            )


def _months_after(day: date, months: int) -> date | None:
    """*day* moved by *months*, or ``None`` past the last representable day (year 9999)."""
    try:
        return add_months(day, months)
    except (ValueError, OverflowError):
        return None


def _listed(finals: Sequence[tuple[datetime, date | None, str]]) -> _Draft:
    """A series with no rule: every start is an RDATE."""
    return _Draft(
        rrule=None,
        start=None,
        exdates=(),
        rdates=tuple(f[0] for f in finals),
        finals=tuple(finals),
    )


# --- expanding rules ----------------------------------------------------------------------


def _utc_text(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return (
        f"{utc.year:04d}{utc.month:02d}{utc.day:02d}T"
        f"{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
    )


def _expand(text: str, dtstart: datetime) -> Iterator[datetime]:
    """The starts rule *text* gives from *dtstart*; a rule dateutil cannot expand is refused."""
    try:
        parsed = rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise InvalidValueError(
            "rrule", text, f"cannot be expanded: {exc}", "check the rule against RFC 5545"
        ) from exc
    if not isinstance(parsed, RRule):  # pragma: no cover - one RRULE line gives one rule
        raise InvalidValueError("rrule", text, "is not a single rule")
    return _expanded(parsed, text)


def _expanded(rule: RRule, text: str) -> Iterator[datetime]:
    """The instances of *rule*: dateutil checks some parts only while it expands them."""
    instances = iter(rule)
    while True:
        try:
            moment = next(instances, None)
        except (IndexError, ValueError, OverflowError) as exc:  # BYDAY=99MO: an IndexError
            raise InvalidValueError(
                "rrule",
                text,
                f"{text} cannot be expanded: {exc}",
                "check the rule against RFC 5545",
            ) from exc
        if moment is None:
            return
        yield moment


_UNTIL = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$")


def _until_utc(value: str, zone: ZoneInfo) -> datetime:
    """A rule's UNTIL as an aware UTC moment; a date means the end of that local day."""
    match = _UNTIL.match(value)
    problem = InvalidValueError(
        "rrule",
        value,
        f"UNTIL={value} is not a date or a date-time",
        "write UNTIL=20271231 or UNTIL=20271231T230000Z",
    )
    if match is None:
        raise problem
    try:
        day = datetime.strptime(match.group(1), "%Y%m%d").date()  # noqa: DTZ007 - a date only
        clock = time(23, 59, 59)
        if match.group(2) is not None:
            clock = datetime.strptime(match.group(2), "%H%M%S").time()  # noqa: DTZ007
        moment = datetime.combine(day, clock, tzinfo=UTC if match.group(3) else zone)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise problem from exc


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return day.replace(year=total // 12, month=total % 12 + 1)


def _fast_forward(cadence: Rule, parts: dict[str, str], target: date) -> date:
    """A later start that gives the same dates from *target* on, to skip long expansions.

    Only rules without COUNT move (COUNT counts from the rule's own start); the start moves
    by whole intervals, so the rule keeps its phase, and stays before *target*.
    """
    start = cadence.start
    if "COUNT" in parts or start >= target:
        return start
    interval = int(parts.get("INTERVAL", "1"))
    freq = parts["FREQ"]
    if freq in ("DAILY", "WEEKLY"):
        step = interval * (1 if freq == "DAILY" else 7)
        return start + timedelta(days=(target - start).days // step * step)
    if start.day > 28:  # noqa: PLR2004 - the same day may not exist in the later month
        return start
    step = interval * (1 if freq == "MONTHLY" else 12)
    gap = (target.year - start.year) * 12 + target.month - start.month - 1
    return _add_months(start, max(gap, 0) // step * step)


@frozen(kw_only=True)
class _Expansion:
    starts: tuple[datetime, ...]
    ends: date | None  # the rule's last date, when it ends (COUNT or UNTIL) before the window's end


def _expand_rule(cadence: Rule, start: date, end: date, zone: ZoneInfo, clock: time) -> _Expansion:
    """The starts a user's rule gives from *start* to *end*, honoured exactly and bounded."""
    parts = Rule.parts_of(cadence.rrule)
    window_end = datetime.combine(end, time(23, 59, 59), tzinfo=zone).astimezone(UTC)
    until = _until_utc(parts["UNTIL"], zone) if "UNTIL" in parts else None
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    anchor = _fast_forward(cadence, parts, start - timedelta(days=400))
    kept = {k: v for k, v in parts.items() if k not in ("COUNT", "UNTIL")}
    bound = window_end if until is None else min(until, window_end)
    text = ";".join(f"{k}={v}" for k, v in kept.items()) + f";UNTIL={_utc_text(bound)}"
    starts: list[datetime] = []
    seen = 0
    last: datetime | None = None
    for moment in _expand(text, datetime.combine(anchor, clock, tzinfo=zone)):
        if count is not None and seen >= count:
            break
        seen += 1
        last = moment
        if moment.date() >= start:
            starts.append(moment)
            if len(starts) > MAX_OCCURRENCES:
                raise LimitExceededError(
                    "rrule",
                    cadence.rrule,
                    f"gives more than {MAX_OCCURRENCES} occurrences in the window",
                    "ask for a shorter window or a less frequent rule",
                )
        elif seen > _MAX_SKIPPED:
            raise LimitExceededError(
                "rrule",
                cadence.rrule,
                f"gives more than {_MAX_SKIPPED} occurrences before the window",
                "move the rule's start closer to the window",
            )
    ends: date | None = None
    if until is not None and until < window_end:
        ends = until.astimezone(zone).date()
    elif count is not None and seen >= count and last is not None:
        ends = last.date()
    return _Expansion(starts=tuple(starts), ends=ends)


def rule_dates(
    cadence: Rule, start: date, end: date, *, options: Options | None = None
) -> tuple[date, ...]:
    """Return the local days *cadence* gives from *start* to *end*, each once, in order.

    The rule is honoured exactly, as :func:`schedule` does: holidays are not avoided.

    Raises:
        InvalidValueError: When the rule gives more than :data:`MAX_OCCURRENCES` dates in
            the window, or cannot be expanded.

    Examples:
        >>> rule = Rule(rrule="FREQ=MONTHLY;BYDAY=2TU", start=date(2027, 1, 1))
        >>> [d.isoformat() for d in rule_dates(rule, date(2027, 1, 1), date(2027, 3, 31))]
        ['2027-01-12', '2027-02-09', '2027-03-09']
    """
    chosen = options if options is not None else Options()
    expansion = _expand_rule(cadence, start, end, ZoneInfo(chosen.zone), chosen.start)
    return tuple(sorted({s.date() for s in expansion.starts}))


# --- the plan -----------------------------------------------------------------------------


def _stricter(*levels: Classification) -> Classification:
    order = list(Classification)
    return max(levels, key=order.index)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _check_window(start: date, end: date) -> None:
    if end < start:
        raise InvalidValueError(
            "end", end, f"ends before the window starts ({start.isoformat()})", "swap the dates"
        )
    year = start.year + MAX_WINDOW_YEARS
    if year > date.max.year:
        return
    limit = date(year, start.month, min(start.day, _month_length(year, start.month)))
    if end >= limit:
        raise LimitExceededError(
            "end",
            end,
            f"the window is longer than {MAX_WINDOW_YEARS} years",
            f"end the window before {limit.isoformat()}",
        )


def schedule(
    plan: Plan,
    start: date,
    end: date,
    *,
    options: Options | None = None,
    overrides: Mapping[str, Options] | None = None,
) -> Schedule:
    """Return the dated meetings and deadlines of *plan* from *start* to *end*.

    Forums get meetings; measures, situational pictures, follow-ups and the plan's
    revision get deadlines (to-dos). Completed and discontinued measures get nothing.
    ``docs/explanation/cadences-to-dates.md`` explains how each cadence becomes dates.

    Args:
        plan: The plan to schedule.
        start: First day of the window.
        end: Last day of the window (inclusive).
        options: Plan-wide scheduling options.
        overrides: Options per part: keyed by a series key (``forum/bra``), or by an id,
            which then applies to every part with that id.

    Returns:
        One series per scheduled part, sorted by key, and findings about what could not
        be scheduled as the plan says.

    Raises:
        InvalidValueError: When the window ends before it starts, is longer than
            :data:`MAX_WINDOW_YEARS` years, lies outside the years 2 to 9998, a series would
            hold more than :data:`MAX_OCCURRENCES` occurrences, an override names no part
            of the plan, or two parts would share a series key.

    Examples:
        >>> import actionplan
        >>> year = schedule(actionplan.example(), date(2027, 1, 1), date(2027, 12, 31))
        >>> bra = next(s for s in year.series if s.key == "forum/bra")
        >>> bra.rrule
        'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20271109T120000Z'
        >>> bra.start.isoformat()
        '2027-02-09T13:00:00+01:00'
    """
    if start.year < 2 or end.year > 9998:  # noqa: PLR2004
        raise InvalidValueError(
            "start", start, "the window lies outside the years 2 to 9998", "pick a nearer window"
        )
    _check_window(start, end)
    base = options if options is not None else Options()
    chosen = dict(overrides or {})
    named = {
        *((SubjectKind.FORUM, f.id) for f in plan.forums),
        *((SubjectKind.MEASURE, m.id) for m in plan.measures),
        *((SubjectKind.SITUATIONAL_PICTURE, p.id) for p in plan.situational_pictures),
        *((SubjectKind.FOLLOW_UP, f.id) for f in plan.follow_ups),
    }
    known = {item for _, item in named} | {f"{kind.value}/{item}" for kind, item in named}
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise InvalidValueError(
            "overrides",
            unknown,
            f"names {', '.join(map(repr, unknown))}, which the plan does not have",
            "use the id of a forum, measure, situational picture or follow-up, or a series "
            "key such as 'forum/bra' when two parts share an id",
        )
    builder = _Builder(plan, start, end)
    for part, kind, cadence, extra in _parts(plan, base, chosen):
        draft = builder.cadence(part, kind, cadence)
        if part.kind is SubjectKind.FORUM and isinstance(cadence, NotStated):
            quoted = f' ("{cadence.text}")' if cadence.text else ""
            builder.finding(
                part,
                "AP302",
                f"states no cadence{quoted}, so no meetings are scheduled",
                f"har ingen angiven mötesfrekvens{quoted}, så inga möten schemaläggs",
            )
        elif part.kind is SubjectKind.FORUM and isinstance(cadence, AsNeeded):
            builder.finding(
                part,
                "AP301",
                "meets as needed, so no meetings are scheduled",
                "träffas vid behov, så inga möten schemaläggs",
            )
        if extra is not None and start <= extra <= end:
            draft = _with_date(draft, builder.at(part, kind, extra))
        builder.add(part, kind, draft)
    keys = [s.key for s in builder.series]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise InvalidValueError(
            "id", twice, "two parts share an id", "run actionplan.integrity and rename one"
        )
    return Schedule(
        plan_id=plan.id,
        start=start,
        end=end,
        zone=base.zone,
        series=tuple(sorted(builder.series, key=lambda s: s.key)),
        findings=tuple(builder.findings),
        subjects=tuple(builder.subjects),
    )


def _with_date(draft: _Draft | None, moment: datetime) -> _Draft:
    """Add one exact date (a measure's deadline) to a series, as an RDATE."""
    if draft is None:
        return _listed([(moment, None, "")])
    if any(f[0] == moment for f in draft.finals):
        return draft
    return evolve(draft, rdates=(*draft.rdates, moment), finals=(*draft.finals, (moment, None, "")))


def last_done(cadence: Cadence, day: date | None) -> Cadence:
    """Return *cadence* counted from *day*, the last time it was done, where that helps.

    A situational picture's ``last_updated`` is the anchor a longest interval counts from
    (the later of the two when the cadence has one) and the phase of an every-n-th
    cadence that states none; other cadences are returned as they are.

    Examples:
        >>> last_done(MaxInterval(months=12), date(2026, 5, 4)).anchor
        datetime.date(2026, 5, 4)
    """
    if day is None:
        return cadence
    if isinstance(cadence, MaxInterval) and (cadence.anchor is None or cadence.anchor < day):
        return evolve(cadence, anchor=day)
    if isinstance(cadence, EveryNth) and cadence.anchor is None:
        return evolve(cadence, anchor=day)
    return cadence


def _parts(
    plan: Plan, base: Options, chosen: Mapping[str, Options]
) -> Iterator[tuple[_Part, OccurrenceKind, Cadence | None, date | None]]:
    """Every part of the plan that can have dates: its shared data, kind, cadence, date."""
    deadline = OccurrenceKind.DEADLINE

    def part(kind: SubjectKind, item_id: str, **values: Any) -> _Part:
        prefix = f"{kind.value}/"
        return _Part(
            key=prefix + item_id,
            kind=kind,
            id=item_id,
            options=chosen.get(prefix + item_id, chosen.get(item_id, base)),
            **values,
        )

    for index, forum in enumerate(plan.forums):
        yield (
            part(
                SubjectKind.FORUM,
                forum.id,
                title=forum.name,
                noun_en=f"forum '{forum.name}'",
                noun_sv=f"forumet '{forum.name}'",
                path=f"forums[{index}].cadence",
                participants=forum.member_ids,
                location=forum.location,
                source=forum.source,
                classification=_stricter(plan.classification, forum.classification),
            ),
            OccurrenceKind.MEETING,
            forum.cadence,
            None,
        )
    for index, measure in enumerate(plan.measures):
        if measure.status in (MeasureStatus.COMPLETED, MeasureStatus.DISCONTINUED):
            continue
        yield (
            part(
                SubjectKind.MEASURE,
                measure.id,
                title=measure.description,
                noun_en=f"measure '{measure.id}'",
                noun_sv=f"åtgärden '{measure.id}'",
                path=f"measures[{index}].cadence",
                participants=_unique((*measure.responsible, *measure.participants)),
                location=None,
                source=measure.source,
                classification=_stricter(plan.classification, measure.classification),
            ),
            deadline,
            measure.cadence,
            measure.deadline,
        )
    members = {f.id: f.member_ids for f in plan.forums}
    for index, picture in enumerate(plan.situational_pictures):
        producers = members.get(picture.producer, ()) if picture.producer else ()
        yield (
            part(
                SubjectKind.SITUATIONAL_PICTURE,
                picture.id,
                title=picture.name,
                noun_en=f"situational picture '{picture.name}'",
                noun_sv=f"lägesbilden '{picture.name}'",
                path=f"situational_pictures[{index}].refresh",
                participants=_unique((*(c.actor for c in picture.contributors), *producers)),
                location=None,
                source=picture.source,
                classification=_stricter(plan.classification, picture.classification),
            ),
            deadline,
            last_done(picture.refresh, picture.last_updated),
            None,
        )
    for index, follow_up in enumerate(plan.follow_ups):
        yield (
            part(
                SubjectKind.FOLLOW_UP,
                follow_up.id,
                title=follow_up.description,
                noun_en=f"follow-up '{follow_up.id}'",
                noun_sv=f"uppföljningen '{follow_up.id}'",
                path=f"follow_ups[{index}].cadence",
                participants=follow_up.responsible,
                location=None,
                source=follow_up.source,
                classification=_stricter(plan.classification, follow_up.classification),
            ),
            deadline,
            follow_up.cadence,
            None,
        )
    revise_by = plan.validity.revise_by if plan.validity is not None else None
    if revise_by is not None:
        yield (
            _Part(
                key="plan/revision",
                kind=SubjectKind.PLAN,
                id=plan.id,
                title=plan.title,
                noun_en="the plan",
                noun_sv="planen",
                path="validity.revise_by",
                participants=(),
                location=None,
                source=None,
                classification=plan.classification,
                options=base,
            ),
            deadline,
            None,
            revise_by,
        )
