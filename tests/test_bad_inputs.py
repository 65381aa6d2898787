"""Every bad input gets a clear error: the catalogue in ``tests/bad_inputs/``.

Each case in ``tests/bad_inputs/manifest.toml`` names a file (or a recipe that makes one at
test time, for files too large to keep), the public call that reads it, the error class
that must come out, the problem's path and a fragment of its message. No other exception
may escape, and a watchdog turns a call that does not finish in time into a failure: a bad
input is refused, never a hang. Plan files also go through ``actionplan validate``, which
must exit with status 2 and name the file on standard error, without a traceback.
"""

from __future__ import annotations

import re
import signal
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import actionplan
from actionplan import ActionPlanError, InvalidPlanError, InvalidValueError, PlanFileError
from actionplan.cli import main
from actionplan.compliance import read_held_table
from actionplan.ical import read_held
from actionplan.schedule import Options, schedule

CATALOGUE = Path(__file__).parent / "bad_inputs"
MANIFEST = CATALOGUE / "manifest.toml"
CASES: list[dict[str, Any]] = tomllib.loads(MANIFEST.read_text("utf-8"))["case"]
MINIMUM_CASES = 60
DEFAULT_TIMEOUT = 10.0
CALLS = ("load", "loads", "schedule", "read_held", "read_held_table")
ERRORS = {
    cls.__name__: cls
    for cls in (
        actionplan.InvalidPlanError,
        actionplan.InvalidValueError,
        actionplan.LimitExceededError,
        actionplan.PlanFileError,
    )
}
FORMATS = {".json": "json", ".toml": "toml", ".yaml": "yaml"}
SEED = actionplan.example()

_ICS_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//bad input//EN\r\n"
_ICS_TAIL = "END:VCALENDAR\r\n"
_MIB = 1024 * 1024


# --- making the files too large to keep ---------------------------------------------------


def _nested_json(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")


def _nested_json_in_a_field(path: Path) -> None:
    head = '{"format_version": 1, "id": "plan", "title": "Plan", "note": '
    path.write_text(head + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")


def _nested_toml(path: Path) -> None:
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")


def _nested_yaml(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", "utf-8")


def _json_of_50_mb(path: Path) -> None:
    head = b'{"format_version": 1, "id": "plan", "title": "Plan", "note": "'
    path.write_bytes(head + b"a" * (50 * 1000 * 1000) + b'"}\n')


def _nested_ics(path: Path) -> None:
    body = "BEGIN:X-PART\r\n" * 10_000 + "END:X-PART\r\n" * 10_000
    path.write_text(_ICS_HEAD + body + _ICS_TAIL, "utf-8")


def _ics_long_line(path: Path) -> None:
    path.write_text(_ICS_HEAD + "X-LONG:" + "a" * 2_000_000 + "\r\n" + _ICS_TAIL, "utf-8")


def _ics_folded_line(path: Path) -> None:
    folds = " a\r\n" * 1_200_000
    path.write_text(_ICS_HEAD + "X-LONG:a\r\n" + folds + _ICS_TAIL, "utf-8")


def _ics_of_65_mib(path: Path) -> None:
    line = "X-PAD:" + "a" * 68 + "\r\n"
    count = 65 * _MIB // len(line) + 1
    path.write_text(_ICS_HEAD + line * count + _ICS_TAIL, "utf-8")


def _csv_long_field(path: Path) -> None:
    path.write_text('date,forum\n2027-02-09,"' + "a" * 140_000 + '"\n', "utf-8")


RECIPES: dict[str, Callable[[Path], None]] = {
    "json-nesting": _nested_json,
    "json-nesting-in-field": _nested_json_in_a_field,
    "toml-nesting": _nested_toml,
    "yaml-nesting": _nested_yaml,
    "json-50mb": _json_of_50_mb,
    "ics-nesting": _nested_ics,
    "ics-long-line": _ics_long_line,
    "ics-folded-line": _ics_folded_line,
    "ics-65mib": _ics_of_65_mib,
    "csv-long-field": _csv_long_field,
}


def _file(case: dict[str, Any], folder: Path) -> Path:
    """The case's input file: the kept one, or one its recipe makes in *folder*."""
    if "generate" not in case:
        return CATALOGUE / case["file"]
    path = folder / case["file"]
    RECIPES[case["generate"]](path)
    return path


# --- running a case -----------------------------------------------------------------------


class _HangError(BaseException):
    """Raised by the watchdog; a BaseException, so library code cannot swallow it."""


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    """Interrupt the block with :class:`_HangError` once *seconds* have passed."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - no interval timers on Windows
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _HangError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _call(case: dict[str, Any], file: Path) -> Any:
    call = case["call"]
    if call == "load":
        return actionplan.load(file)
    if call == "loads":
        return actionplan.loads(file.read_bytes(), format=FORMATS[file.suffix])
    if call == "schedule":
        plan = actionplan.load(file)
        options = Options(zone=case["zone"]) if "zone" in case else None
        return schedule(plan, case["start"], case["end"], options=options)
    if call == "read_held":
        return read_held(file.read_bytes(), SEED, end=case.get("end"))
    text = file.read_bytes().decode("utf-8")  # as it is, without newline translation
    return read_held_table(text, format=file.suffix.removeprefix("."))


def _outcome(case: dict[str, Any], file: Path) -> tuple[Any, ActionPlanError | None]:
    """The call's result or its :class:`ActionPlanError`; anything else fails the test."""
    timeout = case.get("timeout", DEFAULT_TIMEOUT)
    try:
        with _watchdog(timeout):
            return _call(case, file), None
    except ActionPlanError as error:
        return None, error
    except _HangError:
        pytest.fail(f"{case['id']}: {case['call']} did not finish within {timeout} s")
    except Exception as error:  # noqa: BLE001 - the point is that nothing else escapes
        pytest.fail(f"{case['id']}: {type(error).__name__} escaped {case['call']}: {error}")


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _attribute(value: Any, path: str) -> Any:
    """Follow a problem-style path (``forums[0].location``) into *value*."""
    for name, index in _STEP.findall(path):
        value = value[int(index)] if index else getattr(value, name)
    return value


def _check_error(case: dict[str, Any], error: ActionPlanError, file: Path) -> None:
    where, fragment, hint = case["path"], case["message"], case.get("hint", "")
    if isinstance(error, InvalidPlanError):
        found = [
            problem
            for problem in error.problems
            if problem.path == where
            and fragment in problem.message
            and hint in (problem.hint or "")
        ]
        listed = "; ".join(f"{p.path!r}: {p.message} ({p.hint})" for p in error.problems)
        assert found, f"no problem at {where!r} saying {fragment!r}; got {listed}"
    elif isinstance(error, InvalidValueError):
        assert error.field == where, f"error is about {error.field!r}, not {where!r}: {error}"
        assert fragment in error.message, f"{fragment!r} not in {error.message!r}"
        assert hint in (error.hint or "")
    else:
        assert isinstance(error, PlanFileError)
        assert str(file) in str(error), f"the error does not name the file: {error}"
        assert fragment in str(error), f"{fragment!r} not in {error}"


def _param(case: dict[str, Any]) -> Any:
    marks = []
    if "xfail" in case:
        marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
    return pytest.param(case, id=case["id"], marks=marks)


# --- tests --------------------------------------------------------------------------------


def test_the_catalogue_has_at_least_60_cases(capsys):
    kept = [case for case in CASES if "generate" not in case]
    formats = sorted({Path(case["file"]).suffix for case in CASES})
    with capsys.disabled():
        sys.stdout.write(
            f"\nbad inputs: {len(CASES)} cases, {len(kept)} kept files, "
            f"{len(CASES) - len(kept)} made at test time ({', '.join(formats)})\n"
        )
    assert len(CASES) >= MINIMUM_CASES
    assert {".json", ".toml", ".yaml", ".ics"} <= set(formats)


def test_the_manifest_and_the_folder_agree():
    """Every kept file is listed once, every listed file exists, every case is well formed."""
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    kept = {case["file"] for case in CASES if "generate" not in case}
    on_disk = {path.name for path in CATALOGUE.iterdir()} - {MANIFEST.name}
    assert kept == on_disk
    for case in CASES:
        assert case["call"] in CALLS, case["id"]
        assert case["error"] == "none" or case["error"] in ERRORS, case["id"]
        assert case.get("generate", "") in {"", *RECIPES}, case["id"]


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_each_bad_input_gets_its_documented_error_and_nothing_else(case, tmp_path):
    file = _file(case, tmp_path)
    result, error = _outcome(case, file)
    if case["error"] == "none":
        assert error is None, f"a valid input was refused: {error}"
        for where, value in case.get("values", {}).items():
            assert _attribute(result, where) == value, where
        if "count" in case:
            assert len(result) == case["count"]
        return
    assert error is not None, f"{case['id']} was accepted"
    assert type(error) is ERRORS[case["error"]], f"{type(error).__name__}: {error}"
    _check_error(case, error, file)


@pytest.mark.parametrize("case", [_param(case) for case in CASES if case["call"] == "load"])
def test_the_cli_refuses_each_bad_plan_file_with_status_2_and_names_it(case, tmp_path, capsys):
    file = _file(case, tmp_path)
    timeout = case.get("timeout", DEFAULT_TIMEOUT)
    with _watchdog(timeout):
        status = main(["validate", str(file)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case["error"] == "none":
        assert status in {0, 1}, err
        assert err == ""
        return
    assert status == 2, f"exit status {status}; stderr: {err}"
    assert str(file) in err
    assert err.startswith("error: ")
    if case["path"]:
        assert case["path"] in err
