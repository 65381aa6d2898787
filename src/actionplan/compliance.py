r"""Did the forums meet as often as the plan says? Held meetings compared with cadences.

Pure Python: the meetings that were really held come in as :class:`HeldMeeting` values,
read from an .ics file by :func:`actionplan.ical.read_held` or from a CSV/JSON list by
:func:`read_held_table`, and are compared per period with each forum's cadence by
:func:`check`.

Examples:
    >>> import actionplan
    >>> from datetime import date
    >>> held = read_held_table("date,forum\n2027-02-09,bra\n2027-05-11,bra\n", format="csv")
    >>> findings = check(actionplan.example(), held, date(2027, 1, 1), date(2027, 12, 31))
    >>> print(findings[0].text("en"))
    Brottsförebyggande rådet (Brå) met twice in 2027; the plan says at least 4 (point 2)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Literal

from attrs import frozen

from actionplan.cadence import add_months, describe, month_end, season_spans, terms_of_office
from actionplan.errors import InvalidPlanError, InvalidValueError, Problem
from actionplan.findings import CODES as ALL_CODES
from actionplan.findings import Citation, CodeInfo, Finding, Severity, cite
from actionplan.model import (
    Cadence,
    Dates,
    ElectoralCycle,
    EveryNth,
    MaxInterval,
    MeasureStatus,
    Modality,
    MonthDeadline,
    Period,
    PerPeriod,
    Plan,
    Rule,
    Seasonal,
    Source,
)
from actionplan.schedule import PeriodSpan, last_done, periods, rule_dates

__all__ = ["CODES", "HeldMeeting", "check", "read_held_table"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_COLUMNS = ("date", "forum", "summary", "uid")
_REQUIRED = ("date", "forum")


CODES: dict[str, CodeInfo] = {
    code: info for code, info in ALL_CODES.items() if code.startswith("AP4")
}
"""The finding codes this module produces: the AP4xx part of :data:`actionplan.findings.CODES`."""


@frozen(kw_only=True)
class HeldMeeting:
    """A meeting that took place, matched to a forum of the plan.

    Attributes:
        forum: Id of the forum it was a meeting of; for :func:`check` with ``all_parts``
            also the id of a measure, situational picture or follow-up done that day.
        day: The day it was held (local date).
        summary: Its title as the calendar had it, for reports.
        uid: Its iCalendar UID, when it came from a calendar.
    """

    forum: str
    day: date
    summary: str | None = None
    uid: str | None = None


# --- reading tables -----------------------------------------------------------------------


_CSV_HINT = "check the quotes; a cell holds at most 131072 characters"
_LIST_HINT = 'write [{"date": ..., "forum": ...}]'


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text).date()


class _Reader:
    """Turns rows of text into held meetings, collecting every problem with its path."""

    def __init__(self, names: Mapping[str, str] | None) -> None:
        self.names = {key.strip().casefold(): value for key, value in (names or {}).items()}
        self.problems: list[Problem] = []
        self.meetings: list[HeldMeeting] = []

    def row(self, index: int, values: Mapping[str, Any]) -> None:
        where = f"rows[{index}]"
        texts: dict[str, str | None] = {}
        for column in _COLUMNS:
            value = values.get(column)
            if value is not None and not isinstance(value, str):
                self.problems.append(
                    Problem(f"{where}.{column}", "is not text", hint="quote it", value=value)
                )
                return
            texts[column] = value.strip() if value is not None and value.strip() else None
        for column in _REQUIRED:
            if texts[column] is None:
                hint = "write the day as YYYY-MM-DD" if column == "date" else "give the forum's id"
                self.problems.append(Problem(f"{where}.{column}", "is empty", hint=hint))
        day_text, forum_text = texts["date"], texts["forum"]
        if day_text is None or forum_text is None:
            return
        forum = self.names.get(forum_text.casefold(), forum_text)
        ok = True
        try:
            day = _parse_day(day_text)
        except ValueError:
            ok = False
            self.problems.append(
                Problem(
                    f"{where}.date",
                    f"{day_text!r} is not a date",
                    hint="write the day as YYYY-MM-DD",
                    value=day_text,
                )
            )
        if not _SLUG.match(forum):
            ok = False
            self.problems.append(
                Problem(
                    f"{where}.forum",
                    f"{forum_text!r} is neither a forum id nor a name in names",
                    hint="use the forum's id, e.g. 'bra', or map the name to an id in names",
                    value=forum_text,
                )
            )
        if ok:
            self.meetings.append(
                HeldMeeting(forum=forum, day=day, summary=texts["summary"], uid=texts["uid"])
            )

    def columns(self, where: str, found: Iterable[str]) -> bool:
        """Check the column names; ``False`` when a required one is missing."""
        seen = list(found)
        for name in seen:
            if name not in _COLUMNS:
                self.problems.append(
                    Problem(
                        where,
                        f"unknown column {name!r}",
                        hint=f"use {', '.join(_COLUMNS)}",
                        value=name,
                    )
                )
        missing = [name for name in _REQUIRED if name not in seen]
        for name in missing:
            self.problems.append(
                Problem(where, f"lacks the column {name!r}", hint="start with date,forum")
            )
        return not missing


def _read_csv(reader: _Reader, text: str) -> None:
    # newline="" leaves line ends to the csv module, which knows \r, \n and \r\n alike
    # and keeps line breaks inside quoted cells.
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(rows, None)
    except csv.Error as exc:
        reader.problems.append(Problem("header", f"cannot be read: {exc}", hint=_CSV_HINT))
        return
    if header is None:
        reader.problems.append(
            Problem("header", "the table is empty", hint="start with date,forum")
        )
        return
    names = [name.strip().casefold() for name in header]
    if not reader.columns("header", names):
        return
    index = 0
    while True:
        try:
            cells = next(rows, None)
        except csv.Error as exc:
            # The csv module cannot go on after an error, so the rest is not read.
            reader.problems.append(
                Problem(f"rows[{index}]", f"cannot be read: {exc}", hint=_CSV_HINT)
            )
            return
        if cells is None:
            return
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(names):
            reader.problems.append(
                Problem(f"rows[{index}]", "has more cells than the header", value=cells)
            )
        else:
            reader.row(index, dict(zip(names, cells, strict=False)))
        index += 1


def _read_json(reader: _Reader, text: str) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reader.problems.append(
            Problem("", f"is not JSON: {exc.msg} at line {exc.lineno}", hint="check the syntax")
        )
        return
    except RecursionError:
        reader.problems.append(
            Problem("", "is not JSON this reader can take: it nests too deep", hint=_LIST_HINT)
        )
        return
    except ValueError:
        # Python refuses to turn very long digit strings into numbers (over 4300 digits).
        reader.problems.append(
            Problem(
                "",
                "is not JSON this reader can take: a number has more than 4300 digits",
                hint="write numbers with fewer digits, or as text",
            )
        )
        return
    if not isinstance(data, list):
        reader.problems.append(
            Problem("", "is not a list of meetings", hint='write [{"date": ..., "forum": ...}]')
        )
        return
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            reader.problems.append(
                Problem(
                    f"rows[{index}]", "is not an object", hint='write {"date": ..., "forum": ...}'
                )
            )
            continue
        if reader.columns(f"rows[{index}]", item):
            reader.row(index, {key: item[key] for key in _COLUMNS if key in item})


def read_held_table(
    text: str,
    *,
    format: Literal["csv", "json"],  # noqa: A002 - the name serialization's loads() uses
    names: Mapping[str, str] | None = None,
) -> tuple[HeldMeeting, ...]:
    r"""Read held meetings from a CSV table or a JSON list.

    A CSV table has the header ``date,forum`` and optionally ``summary`` and ``uid``;
    a JSON list holds objects with the same keys. A day is ``YYYY-MM-DD`` (a date-time
    counts by its date as written). The forum is an id, or a name that *names* maps to an
    id (ignoring case and surrounding spaces). ``rows[0]`` is the first meeting; the
    header and blank lines are not counted.

    Args:
        text: The table's text.
        format: ``"csv"`` or ``"json"``.
        names: Forum names, as the table writes them, mapped to forum ids.

    Returns:
        The meetings, in the table's order.

    Raises:
        InvalidPlanError: With every bad row, each problem with its path (``rows[3].date``).
        InvalidValueError: When *format* is neither ``"csv"`` nor ``"json"``.

    Examples:
        >>> rows = "date,forum\n2027-02-09,Brå\n"
        >>> read_held_table(rows, format="csv", names={"Brå": "bra"})[0].forum
        'bra'
    """
    reader = _Reader(names)
    if format == "csv":
        _read_csv(reader, text)
    elif format == "json":
        _read_json(reader, text)
    else:
        raise InvalidValueError(
            "format", format, f"{format!r} is not a table format", "use 'csv' or 'json'"
        )
    if reader.problems:
        raise InvalidPlanError(reader.problems, source=f"held meetings ({format})")
    return tuple(reader.meetings)


# --- checking -----------------------------------------------------------------------------


def _times(count: int, lang: str) -> str:
    if lang == "sv":
        return f"{count} gång" if count == 1 else f"{count} gånger"
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


@frozen(kw_only=True)
class _Part:
    """A part of the plan whose records are checked: a forum, or with all_parts the rest."""

    id: str
    name: str
    cadence: Cadence | None
    modality: Modality | None
    source: Source | None
    path: str
    verb_en: str = "met"
    verb_sv: str = "träffades"


def _citation(plan: Plan, part: _Part, text: str | None) -> Citation | None:
    """Cite the section whose text holds the cadence's own words, else the part's source."""
    if text:
        wanted = " ".join(text.split()).casefold()
        for section in plan.sections:
            if wanted in " ".join(section.text.split()).casefold():
                return Citation(section=section.number, heading=section.heading, quote=text)
    return cite(plan, part.source)


def _severity(cadence_modality: Modality | None, part: _Part) -> Severity:
    modality = cadence_modality if cadence_modality is not None else part.modality
    return Severity.ERROR if modality is Modality.SHALL else Severity.WARNING


def _parts(plan: Plan, *, all_parts: bool) -> Iterator[_Part]:
    for index, forum in enumerate(plan.forums):
        yield _Part(
            id=forum.id,
            name=forum.name,
            cadence=forum.cadence,
            modality=forum.modality,
            source=forum.source,
            path=f"forums[{index}].cadence",
        )
    if not all_parts:
        return
    done = {"verb_en": "was done", "verb_sv": "genomfördes"}
    for index, measure in enumerate(plan.measures):
        if measure.status in (MeasureStatus.COMPLETED, MeasureStatus.DISCONTINUED):
            continue
        yield _Part(
            id=measure.id,
            name=f"measure {measure.id!r}",
            cadence=measure.cadence,
            modality=measure.modality,
            source=measure.source,
            path=f"measures[{index}].cadence",
            **done,
        )
    for index, picture in enumerate(plan.situational_pictures):
        yield _Part(
            id=picture.id,
            name=picture.name,
            cadence=last_done(picture.refresh, picture.last_updated),
            modality=picture.modality,
            source=picture.source,
            path=f"situational_pictures[{index}].refresh",
            verb_en="was updated",
            verb_sv="uppdaterades",
        )
    for index, follow_up in enumerate(plan.follow_ups):
        yield _Part(
            id=follow_up.id,
            name=f"follow-up {follow_up.id!r}",
            cadence=follow_up.cadence,
            modality=follow_up.modality,
            source=follow_up.source,
            path=f"follow_ups[{index}].cadence",
            **done,
        )


def check(
    plan: Plan,
    held: Iterable[HeldMeeting],
    start: date,
    end: date,
    *,
    all_parts: bool = False,
) -> list[Finding]:
    """Compare the meetings held from *start* to *end* with each forum's cadence.

    A forum with a per-period cadence is checked in every period that lies wholly inside
    the window; a rule is checked against the number of dates it gives in the window;
    a list of dates against each listed day in the window, and against the number of
    meetings the plan states when the window covers the list's years; seasons, month
    deadlines and terms of office in each one that lies wholly inside the window; an
    every-n-th cadence in each block of *n* periods from its anchor (or the first meeting)
    that lies wholly inside the window; a longest interval on every gap that reaches into
    the window, counting from its anchor and from meetings held before the window.
    Meetings count once per forum and day, so the same meeting read twice is not counted
    twice. Meetings of forums the plan does not define are reported too.
    ``docs/explanation/cadence-phrases.md`` says how each cadence is checked.

    Args:
        plan: The plan whose cadences apply.
        held: The meetings that took place.
        start: First day of the window.
        end: Last day of the window (inclusive).
        all_parts: Also check measures, situational pictures and follow-ups: a record
            whose ``forum`` is such a part's id says the part was done (a picture
            updated, an evaluation handed in) on that day.

    Returns:
        Findings with codes from :data:`CODES`, in the order of the plan's forums (then
        measures, situational pictures and follow-ups), then records of unknown ids.

    Raises:
        InvalidValueError: When the window ends before it starts, or a rule cannot be
            expanded in it.
    """
    if end < start:
        raise InvalidValueError(
            "end", end, f"ends before the window starts ({start.isoformat()})", "swap the dates"
        )
    records: dict[str, set[date]] = {}
    for meeting in held:
        records.setdefault(meeting.forum, set()).add(meeting.day)
    findings: list[Finding] = []
    defined: set[str] = set()
    for part in _parts(plan, all_parts=all_parts):
        defined.add(part.id)
        findings.extend(_check_part(plan, part, records.get(part.id, set()), (start, end)))
    inside = {key: {d for d in days if start <= d <= end} for key, days in records.items()}
    for forum_id in sorted(key for key, days in inside.items() if days and key not in defined):
        count = len(inside[forum_id])
        findings.append(
            Finding(
                code="AP402",
                severity=CODES["AP402"].severity,
                message=f"meetings on {count} days name forum {forum_id!r}, "
                "which the plan does not define",
                message_sv=f"möten under {count} dagar anger forumet {forum_id!r}, "
                "som planen inte har",
                subject=forum_id,
            )
        )
    return findings


def _check_part(
    plan: Plan, part: _Part, every: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    """Findings about one part; *every* holds all its recorded days, in the window or not."""
    start, end = window
    met = {d for d in every if start <= d <= end}
    cadence = part.cadence
    if isinstance(cadence, PerPeriod | Rule):
        yield from _check_counts(plan, part, cadence, met, window)
    elif isinstance(cadence, Dates):
        yield from _check_dates(plan, part, cadence, met, window)
    elif isinstance(cadence, MaxInterval):
        yield from _check_interval(plan, part, cadence, every, window)
    elif isinstance(cadence, EveryNth):
        yield from _check_every(plan, part, cadence, every, window)
    elif isinstance(cadence, Seasonal):
        yield from _check_seasons(plan, part, cadence, met, window)
    elif isinstance(cadence, MonthDeadline | ElectoralCycle):
        yield from _check_deadlines(plan, part, cadence, met, window)


def _check_counts(
    plan: Plan, part: _Part, cadence: PerPeriod | Rule, met: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    """Count meetings per whole period, or against the dates a rule gives in the window."""
    start, end = window
    if isinstance(cadence, Rule):
        expected = len(rule_dates(cadence, start, end))
        if len(met) < expected:
            yield _rule_too_rare(plan, part, cadence, window=window, counts=(len(met), expected))
        return
    for span in periods(cadence.period, start, end):
        if start <= span.first and span.last <= end:
            count = sum(1 for d in met if span.first <= d <= span.last)
            if count < cadence.count:
                yield _too_rare(plan, part, cadence, span=span, count=count)


def _point(citation: Citation | None) -> tuple[str, str]:
    if citation is None:
        return "", ""
    return f" (point {citation.section})", f" (punkt {citation.section})"


def _says(cadence: Cadence, citation: Citation | None) -> tuple[str, str]:
    """What the plan says, in its own words when it has them, with the point it is in."""
    en, sv = _point(citation)
    if cadence.text:
        return f'"{cadence.text}"{en}', f'"{cadence.text}"{sv}'
    return f"{describe(cadence, 'en')}{en}", f"{describe(cadence, 'sv')}{sv}"


def _finding(
    plan: Plan, part: _Part, cadence: Cadence, en: str, sv: str, *, code: str = "AP401"
) -> Finding:
    """A compliance finding that ends by quoting what the plan says."""
    citation = _citation(plan, part, cadence.text)
    says_en, says_sv = _says(cadence, citation)
    severity = _severity(cadence.modality, part) if code == "AP401" else CODES[code].severity
    return Finding(
        code=code,
        severity=severity,
        message=f"{en}; the plan says {says_en}",
        message_sv=f"{sv}; planen säger {says_sv}",
        path=part.path,
        subject=part.id,
        citation=citation,
    )


def _check_dates(
    plan: Plan, part: _Part, cadence: Dates, met: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    start, end = window
    missing = sorted(d for d in cadence.dates if start <= d <= end and d not in met)
    if missing:
        listed = ", ".join(d.isoformat() for d in missing)
        citation = _citation(plan, part, cadence.text)
        en, sv = _point(citation)
        yield Finding(
            code="AP403",
            severity=CODES["AP403"].severity,
            message=f"{part.name} did not meet on {listed}, as the plan says{en}",
            message_sv=f"{part.name} träffades inte {listed}, som planen säger{sv}",
            path=part.path,
            subject=part.id,
            citation=citation,
        )
    stated = cadence.stated_count
    first = date(min(cadence.dates).year, 1, 1)
    last = date(max(cadence.dates).year, 12, 31)
    if stated is None or not (start <= first and last <= end):
        return
    count = sum(1 for d in met if first <= d <= last)
    if count >= stated:
        return
    years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
    short_en = short_sv = ""
    if cadence.complete and len(cadence.dates) < stated:
        short_en = f", and its list holds only {len(cadence.dates)} dates"
        short_sv = f", och dess lista har bara {len(cadence.dates)} datum"
    yield _finding(
        plan,
        part,
        cadence,
        f"{part.name} {part.verb_en} {_times(count, 'en')} in {years}, "
        f"fewer than the {stated} stated{short_en}",
        f"{part.name} {part.verb_sv} {_times(count, 'sv')} {years}, "
        f"färre än de {stated} som anges{short_sv}",
    )


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month - (last.day < first.day)


def _gap_words(first: date, last: date) -> tuple[str, str]:
    months = _months_between(first, last)
    if months >= 1:
        return (
            f"{months} month{'s' if months > 1 else ''}",
            f"{months} månad{'er' if months > 1 else ''}",
        )
    days = (last - first).days
    return f"{days} days", f"{days} dagar"


def _check_interval(
    plan: Plan, part: _Part, cadence: MaxInterval, every: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    """Every gap longer than the interval that reaches into the window gives a finding."""
    start, end = window
    points = sorted(
        {d for d in every if d <= end} | {a for a in [cadence.anchor] if a and a <= end}
    )
    virtual = not any(p <= start for p in points)
    bounds = [start, *points] if virtual else points
    for index, low in enumerate(bounds):
        due = add_months(low, cadence.months)
        high = bounds[index + 1] if index + 1 < len(bounds) else None
        late = due < end if high is None else high > due and high > start
        if not late:
            continue
        if high is None:
            en = (
                f"{part.name}: the last record is {low.isoformat()}; the next was due by "
                f"{due.isoformat()}, and none followed up to {end.isoformat()}"
            )
            sv = (
                f"{part.name}: senast noterat {low.isoformat()}; nästa skulle ske senast "
                f"{due.isoformat()}, och inget följde till och med {end.isoformat()}"
            )
            if virtual and index == 0:
                span = f"{start.isoformat()} to {end.isoformat()}"
                en = f"{part.name}: nothing was recorded from {span}"
                sv = f"{part.name}: inget noterades från {span.replace(' to ', ' till ')}"
        else:
            gap_en, gap_sv = _gap_words(low, high)
            if virtual and index == 0:
                en = f"from the window's start, {low.isoformat()}, to {high.isoformat()}"
                sv = f"från periodens början, {low.isoformat()}, till {high.isoformat()}"
            else:
                en = f"between {low.isoformat()} and {high.isoformat()}"
                sv = f"mellan {low.isoformat()} och {high.isoformat()}"
            en = f"{part.name}: {gap_en} passed {en}"
            sv = f"{part.name}: {gap_sv} gick {sv}"
        if high is not None or (virtual and index == 0):
            limit_en, limit_sv = _gap_words(low, add_months(low, cadence.months))
            en, sv = (
                f"{en}, more than the {limit_en} allowed",
                f"{sv}, mer än de {limit_sv} som tillåts",
            )
        yield _finding(plan, part, cadence, en, sv)


def _blocks(cadence: EveryNth, anchor: date, start: date, end: date) -> Iterator[tuple[date, date]]:
    """The blocks of *n* periods from the anchor's period that lie wholly in the window."""
    if cadence.period is Period.WEEK:
        base = anchor - timedelta(days=anchor.weekday())
        length = timedelta(weeks=cadence.every)
        skip = max(0, (start - base) // length)
        first = base + skip * length
        while first + length - timedelta(days=1) <= end:
            if first >= start:
                yield first, first + length - timedelta(days=1)
            first += length
        return
    span = periods(cadence.period, anchor, anchor)[0]
    step = round(12 / cadence.period.per_year) * cadence.every
    first = span.first
    if first < start:
        first = add_months(first, _months_between(first, start) // step * step)
    while (following := add_months(first, step)) - timedelta(days=1) <= end:
        if first >= start:
            yield first, following - timedelta(days=1)
        first = following


def _check_every(
    plan: Plan, part: _Part, cadence: EveryNth, every: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    """Each block of *n* periods needs a meeting; the blocks count from the anchor."""
    start, end = window
    anchor = cadence.anchor if cadence.anchor is not None else min(every, default=None)
    if anchor is None:
        anchor = start
    for first, last in _blocks(cadence, anchor, start, end):
        if not any(first <= d <= last for d in every):
            yield _finding(
                plan,
                part,
                cadence,
                f"{part.name} {part.verb_en} {_times(0, 'en')} from {first.isoformat()} "
                f"to {last.isoformat()}",
                f"{part.name} {part.verb_sv} {_times(0, 'sv')} från {first.isoformat()} "
                f"till {last.isoformat()}",
            )


def _check_seasons(
    plan: Plan, part: _Part, cadence: Seasonal, met: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    start, end = window
    spans = sorted(
        (span for season in cadence.seasons for span in season_spans(season, start, end)),
        key=lambda span: span.first,
    )
    for span in spans:
        if not (start <= span.first and span.last <= end):
            continue
        count = sum(1 for d in met if span.first <= d <= span.last)
        if count < cadence.count_per_season:
            yield _finding(
                plan,
                part,
                cadence,
                f"{part.name} {part.verb_en} {_times(count, 'en')} in {span.words('en')}",
                f"{part.name} {part.verb_sv} {_times(count, 'sv')} under {span.words('sv')}",
            )
        low, high = span.first_weeks
        if cadence.first_in_term and count and not any(low <= d <= high for d in met):
            yield _finding(
                plan,
                part,
                cadence,
                f"{part.name} {part.verb_en} {_times(0, 'en')} in the first weeks of "
                f"{span.words('en')} ({low.isoformat()} to {high.isoformat()})",
                f"{part.name} {part.verb_sv} {_times(0, 'sv')} under de första veckorna av "
                f"{span.words('sv')} ({low.isoformat()} till {high.isoformat()})",
            )


def _deadline_spans(
    cadence: MonthDeadline | ElectoralCycle, start: date, end: date
) -> Iterator[tuple[date, date, str, str]]:
    """Each deadline whose whole span lies in the window: first day, due day and what."""
    if isinstance(cadence, MonthDeadline):
        if not cadence.every_year and cadence.year is None:
            return
        for year in range(start.year, end.year + 1):
            if not cadence.every_year and year != cadence.due_year(cadence.year or 0):
                continue
            work = year - cadence.year_offset
            yield (
                date(year, 1, 1),
                month_end(year, cadence.month),
                f"the work of {work}",
                f"arbetet för {work}",
            )
        return
    for term in terms_of_office(start - timedelta(days=1461), end):
        due, first = term.last, term.first
        what_en, what_sv = f"the term of office {term.label}", f"mandatperioden {term.label}"
        if cadence.offset_months is not None:
            due = add_months(term.first, cadence.offset_months) - timedelta(days=1)
            if cadence.offset_months <= 0:
                first = add_months(term.first, -48)
                what_en, what_sv = f"the start of {what_en}", f"starten av {what_sv}"
        yield first, due, what_en, what_sv


def _check_deadlines(
    plan: Plan,
    part: _Part,
    cadence: MonthDeadline | ElectoralCycle,
    met: set[date],
    window: tuple[date, date],
) -> Iterator[Finding]:
    """A deadline is met by a record from the span's first day up to the due day."""
    start, end = window
    for first, due, what_en, what_sv in _deadline_spans(cadence, start, end):
        if not (start <= first and due <= end) or any(first <= d <= due for d in met):
            continue
        late = min((d for d in met if d > due), default=None)
        late_en = f"; it was recorded on {late.isoformat()}, late" if late else ""
        late_sv = f"; det noterades {late.isoformat()}, för sent" if late else ""
        yield _finding(
            plan,
            part,
            cadence,
            f"{part.name}: nothing was recorded from {first.isoformat()} to "
            f"{due.isoformat()}, the deadline for {what_en}{late_en}",
            f"{part.name}: inget noterades från {first.isoformat()} till {due.isoformat()}, "
            f"sista dagen för {what_sv}{late_sv}",
        )


def _too_rare(
    plan: Plan, part: _Part, cadence: PerPeriod, *, span: PeriodSpan, count: int
) -> Finding:
    citation = _citation(plan, part, cadence.text)
    en, sv = _point(citation)
    least_en, least_sv = ("at least ", "minst ") if cadence.at_least else ("", "")
    return Finding(
        code="AP401",
        severity=_severity(cadence.modality, part),
        message=f"{part.name} {part.verb_en} {_times(count, 'en')} {span.words('en')}; "
        f"the plan says {least_en}{cadence.count}{en}",
        message_sv=f"{part.name} {part.verb_sv} {_times(count, 'sv')} {span.words('sv')}; "
        f"planen säger {least_sv}{cadence.count}{sv}",
        path=part.path,
        subject=part.id,
        citation=citation,
    )


def _rule_too_rare(
    plan: Plan,
    part: _Part,
    cadence: Rule,
    *,
    window: tuple[date, date],
    counts: tuple[int, int],
) -> Finding:
    citation = _citation(plan, part, cadence.text)
    en, sv = _point(citation)
    first, last = (day.isoformat() for day in window)
    count, expected = counts
    return Finding(
        code="AP401",
        severity=_severity(cadence.modality, part),
        message=f"{part.name} {part.verb_en} {_times(count, 'en')} from {first} to {last}; "
        f"the plan's rule {cadence.rrule} gives {expected}{en}",
        message_sv=f"{part.name} {part.verb_sv} {_times(count, 'sv')} från {first} till {last}; "
        f"planens regel {cadence.rrule} ger {expected}{sv}",
        path=part.path,
        subject=part.id,
        citation=citation,
    )
