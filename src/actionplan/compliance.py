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
from datetime import date, datetime
from typing import Any, Literal

from attrs import frozen

from actionplan.errors import InvalidPlanError, InvalidValueError, Problem
from actionplan.findings import CODES as ALL_CODES
from actionplan.findings import Citation, CodeInfo, Finding, Severity, cite
from actionplan.model import Dates, Forum, Modality, PerPeriod, Plan, Rule
from actionplan.schedule import PeriodSpan, periods, rule_dates

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
        forum: Id of the forum it was a meeting of.
        day: The day it was held (local date).
        summary: Its title as the calendar had it, for reports.
        uid: Its iCalendar UID, when it came from a calendar.
    """

    forum: str
    day: date
    summary: str | None = None
    uid: str | None = None


# --- reading tables -----------------------------------------------------------------------


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
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(rows, None)
    if header is None:
        reader.problems.append(
            Problem("header", "the table is empty", hint="start with date,forum")
        )
        return
    names = [name.strip().casefold() for name in header]
    if not reader.columns("header", names):
        return
    index = 0
    for cells in rows:
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


def _citation(plan: Plan, forum: Forum, text: str | None) -> Citation | None:
    """Cite the section whose text holds the cadence's own words, else the forum's source."""
    if text:
        wanted = " ".join(text.split()).casefold()
        for section in plan.sections:
            if wanted in " ".join(section.text.split()).casefold():
                return Citation(section=section.number, heading=section.heading, quote=text)
    return cite(plan, forum.source)


def _severity(cadence_modality: Modality | None, forum: Forum) -> Severity:
    modality = cadence_modality if cadence_modality is not None else forum.modality
    return Severity.ERROR if modality is Modality.SHALL else Severity.WARNING


def check(plan: Plan, held: Iterable[HeldMeeting], start: date, end: date) -> list[Finding]:
    """Compare the meetings held from *start* to *end* with each forum's cadence.

    A forum with a per-period cadence is checked in every period that lies wholly inside
    the window; a rule is checked against the number of dates it gives in the window;
    a list of dates against each listed day in the window. Meetings count once per forum
    and day, so the same meeting read twice is not counted twice. Meetings of forums the
    plan does not define are reported too.

    Args:
        plan: The plan whose cadences apply.
        held: The meetings that took place.
        start: First day of the window.
        end: Last day of the window (inclusive).

    Returns:
        Findings with codes from :data:`CODES`, in the order of the plan's forums, then
        meetings of unknown forums by id.

    Raises:
        InvalidValueError: When the window ends before it starts, or a rule cannot be
            expanded in it.
    """
    if end < start:
        raise InvalidValueError(
            "end", end, f"ends before the window starts ({start.isoformat()})", "swap the dates"
        )
    days: dict[str, set[date]] = {}
    for meeting in held:
        if start <= meeting.day <= end:
            days.setdefault(meeting.forum, set()).add(meeting.day)
    findings: list[Finding] = []
    for index, forum in enumerate(plan.forums):
        findings.extend(_check_forum(plan, index, days.get(forum.id, set()), (start, end)))
    defined = {forum.id for forum in plan.forums}
    for forum_id in sorted(set(days) - defined):
        count = len(days[forum_id])
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


def _check_forum(
    plan: Plan, index: int, met: set[date], window: tuple[date, date]
) -> Iterator[Finding]:
    """Findings about one forum: too few meetings, or listed dates without a meeting."""
    forum = plan.forums[index]
    start, end = window
    cadence = forum.cadence
    path = f"forums[{index}].cadence"
    if isinstance(cadence, PerPeriod):
        for span in periods(cadence.period, start, end):
            if start <= span.first and span.last <= end:
                count = sum(1 for d in met if span.first <= d <= span.last)
                if count < cadence.count:
                    yield _too_rare(plan, forum, cadence, span=span, count=count, path=path)
    elif isinstance(cadence, Rule):
        expected = len(rule_dates(cadence, start, end))
        if len(met) < expected:
            yield _rule_too_rare(
                plan, forum, cadence, window=window, counts=(len(met), expected), path=path
            )
    elif isinstance(cadence, Dates):
        missing = sorted(d for d in cadence.dates if start <= d <= end and d not in met)
        if missing:
            listed = ", ".join(d.isoformat() for d in missing)
            citation = _citation(plan, forum, cadence.text)
            en, sv = _point(citation)
            yield Finding(
                code="AP403",
                severity=CODES["AP403"].severity,
                message=f"{forum.name} did not meet on {listed}, as the plan says{en}",
                message_sv=f"{forum.name} träffades inte {listed}, som planen säger{sv}",
                path=path,
                subject=forum.id,
                citation=citation,
            )


def _point(citation: Citation | None) -> tuple[str, str]:
    if citation is None:
        return "", ""
    return f" (point {citation.section})", f" (punkt {citation.section})"


def _too_rare(
    plan: Plan, forum: Forum, cadence: PerPeriod, *, span: PeriodSpan, count: int, path: str
) -> Finding:
    citation = _citation(plan, forum, cadence.text)
    en, sv = _point(citation)
    least_en, least_sv = ("at least ", "minst ") if cadence.at_least else ("", "")
    return Finding(
        code="AP401",
        severity=_severity(cadence.modality, forum),
        message=f"{forum.name} met {_times(count, 'en')} {span.words('en')}; "
        f"the plan says {least_en}{cadence.count}{en}",
        message_sv=f"{forum.name} träffades {_times(count, 'sv')} {span.words('sv')}; "
        f"planen säger {least_sv}{cadence.count}{sv}",
        path=path,
        subject=forum.id,
        citation=citation,
    )


def _rule_too_rare(
    plan: Plan,
    forum: Forum,
    cadence: Rule,
    *,
    window: tuple[date, date],
    counts: tuple[int, int],
    path: str,
) -> Finding:
    citation = _citation(plan, forum, cadence.text)
    en, sv = _point(citation)
    first, last = (day.isoformat() for day in window)
    count, expected = counts
    return Finding(
        code="AP401",
        severity=_severity(cadence.modality, forum),
        message=f"{forum.name} met {_times(count, 'en')} from {first} to {last}; "
        f"the plan's rule {cadence.rrule} gives {expected}{en}",
        message_sv=f"{forum.name} träffades {_times(count, 'sv')} från {first} till {last}; "
        f"planens regel {cadence.rrule} ger {expected}{sv}",
        path=path,
        subject=forum.id,
        citation=citation,
    )
