"""What the fuzzer feeds to actionplan, and what counts as a crash.

Each target takes raw bytes. Reading them may succeed or raise an
:class:`~actionplan.ActionPlanError`; any other exception is a crash. A plan that loads
must also be written and read back unchanged in every format, so what the readers accept
is something the writers can hold. Corpus files are named ``<target>-<name>.<suffix>``.

Known defects, each with a case in ``tests/bad_inputs/``, are listed in
:data:`KNOWN_DEFECTS` so a fuzz run reports them apart from new crashes; remove an entry
when its case stops being an expected failure.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import attrs

import actionplan
from actionplan import ActionPlanError
from actionplan.compliance import read_held_table
from actionplan.ical import read_held
from actionplan.serialization import FORMATS, Format

__all__ = [
    "CORPUS",
    "KNOWN_DEFECTS",
    "TARGETS",
    "TOKENS",
    "Known",
    "RoundTripError",
    "known_defect",
    "target_of",
]

CORPUS = Path(__file__).parent / "corpus"
"""The seed inputs kept with the code."""

_SEED = actionplan.example()
_END = date(2030, 12, 31)


class RoundTripError(AssertionError):
    """A plan that loaded did not come back the same after writing and reading it."""


def _plan(fmt: Format) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        try:
            plan = actionplan.loads(data, format=fmt)
        except ActionPlanError:
            return
        for other in FORMATS:
            text = actionplan.dumps(plan, format=other)
            again = actionplan.loads(text.encode("utf-8"), format=other)
            if again != plan:
                message = f"read as {fmt}, written and read as {other}, it changed"
                raise RoundTripError(message)

    return target


def _calendar(data: bytes) -> None:
    for end in (None, _END):
        try:
            read_held(data, _SEED, end=end)
        except ActionPlanError:
            continue


def _table(fmt: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return
        try:
            read_held_table(text, format="csv" if fmt == "csv" else "json")
        except ActionPlanError:
            return

    return target


TARGETS: dict[str, Callable[[bytes], None]] = {
    "json": _plan("json"),
    "toml": _plan("toml"),
    "yaml": _plan("yaml"),
    "ics": _calendar,
    "heldcsv": _table("csv"),
    "heldjson": _table("json"),
}
"""Each target by name: a plan file in one format, a calendar, a table of held meetings."""


def target_of(path: Path) -> str:
    """The target a corpus file is for: the part of its name before the first ``-``."""
    name = path.name.split("-", 1)[0]
    if name not in TARGETS:
        known = ", ".join(TARGETS)
        message = f"{path.name}: name it <target>-<name>, with a target among {known}"
        raise ValueError(message)
    return name


TOKENS = (
    b'"format_version": 1',
    b"format_version = 1",
    b"format_version: 1",
    b'"kind": "per-period"',
    b'"kind": "rule"',
    b"FREQ=DAILY",
    b"FREQ=MONTHLY;BYDAY=2TU",
    b";COUNT=",
    b";UNTIL=",
    b";INTERVAL=",
    b"BEGIN:VCALENDAR\r\n",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"RRULE:",
    b"EXDATE:",
    b"RECURRENCE-ID:",
    b"DTSTART;TZID=Europe/Stockholm:",
    b"\r\n ",
    b"2027-02-30",
    b"20270230",
    b"9999-12-31",
    b"0000-01-01",
    b"99999999999999999999",
    b"1e309",
    b"NaN",
    b"-0",
    b"\\ud800",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"&a",
    b"*a",
    b"<<: ",
    b"!!python/object",
    b"? ",
    b"~: ",
    b"[[",
    b"{{",
    b"NO",
    b"13:00",
    b"date,forum\n",
)
"""Fragments that steer random inputs towards the readers' corners."""


@attrs.frozen
class Known:
    """A known defect: the exception's class and message, where it was raised, its case.

    Attributes:
        kind: The exception class's name.
        message: A pattern the exception's message matches.
        case: The id of the case in the catalogue of bad inputs.
        where: A pattern the file of the innermost frame matches.
    """

    kind: str
    message: str
    case: str
    where: str = ""


KNOWN_DEFECTS: tuple[Known, ...] = ()
"""Defects already in the catalogue of bad inputs, reported apart from new crashes."""


def known_defect(error: BaseException) -> Known | None:
    """The known defect *error* is an instance of, if any."""
    text = "".join(traceback.format_exception_only(type(error), error))
    frames = traceback.extract_tb(error.__traceback__)
    innermost = frames[-1].filename if frames else ""
    for known in KNOWN_DEFECTS:
        if (
            type(error).__name__ == known.kind
            and re.search(known.message, text)
            and re.search(known.where, innermost)
        ):
            return known
    return None
