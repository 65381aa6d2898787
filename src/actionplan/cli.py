"""The ``actionplan`` command: every part of the library from the shell, in one style.

A thin layer over the public API: parse the arguments, call the library, render the
result. Commands that read a plan take the bundled example plan when no file is given;
results go to standard output or, with ``-o``, atomically to a file; notes and problems
go to standard error. Exit status 0 means done, 1 that a finding reached ``--fail-on``,
2 that the request could not be carried out: bad input or usage, reported one line per
problem and never as a traceback. Only this module prints.

Heavy modules (calendars, networks, pictures, reports) are imported by the commands that
need them, so ``actionplan --help`` stays fast.

Examples:
    >>> main(["validate", "--quiet"])
    0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import tomllib
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import actionplan
from actionplan.cadence import describe
from actionplan.errors import ActionPlanError, InvalidPlanError, PlanFileError, Problem
from actionplan.findings import Finding, Severity
from actionplan.model import (
    Actor,
    ActorKind,
    Classification,
    FollowUp,
    Forum,
    Invitation,
    Lang,
    Measure,
    Modality,
    Plan,
    PreventionLevel,
    Resource,
    Role,
    SituationalPicture,
    Source,
)
from actionplan.redaction import redact
from actionplan.serialization import FORMATS, write_atomic

if TYPE_CHECKING:
    from actionplan.compliance import HeldMeeting
    from actionplan.coverage import CountyTable, Matrix, Profile
    from actionplan.ical import PublishResult
    from actionplan.network import NetworkSummary

__all__ = ["main"]

_OK, _FINDINGS, _USAGE = 0, 1, 2
_THRESHOLDS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
_Handler = Callable[[argparse.Namespace], int]
_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # noqa: SLF001 - argparse names the type of add_subparsers() privately
_TEMPLATES = ("vbe", "crime-prevention")
_MATRICES = ("actor-level", "milieu-level", "forum-actor")
_DEFAULT_PROFILE = "plan-own-words"
_PLOT_HINT = "pip install 'actionplan[plot]'"


class _UsageError(Exception):
    """A request the command cannot carry out as given: exit status 2 with one line."""


# --- entry point ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``actionplan`` command with *argv* (default: the process's arguments).

    Args:
        argv: The arguments after the program name.

    Returns:
        The exit status: 0 when all went well, 1 when a command found something at or
        above ``--fail-on``, 2 for input that cannot be read or a request that cannot be
        carried out.
    """
    args = _parser().parse_args(argv)
    run: _Handler = args.run
    try:
        return run(args)
    except InvalidPlanError as error:
        head = f"{error.source}: " if error.source else ""
        lines = [f"error: {head}{problem}" for problem in error.problems] or [f"error: {error}"]
        print("\n".join(lines), file=sys.stderr)
    except (ActionPlanError, _UsageError) as error:
        print(f"error: {error}", file=sys.stderr)
    except BrokenPipeError:
        # The reader stopped early (``actionplan show | head``): end quietly, as a filter
        # does, and keep Python from complaining when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return _USAGE


# --- arguments ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actionplan",
        description="Check, show, schedule and analyse local action plans "
        "(lokala handlingsplaner).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {actionplan.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    shared = _Shared()
    for add in (
        _add_validate,
        _add_show,
        _add_convert,
        _add_schema,
        _add_init,
        _add_calendar,
        _add_publish,
        _add_compliance,
        _add_network,
        _add_coverage,
        _add_county,
        _add_plot,
        _add_report,
        _add_extract,
    ):
        add(commands, shared)
    return parser


def _group() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(add_help=False)


class _Shared:
    """Options several commands take, so that each is spelled and explained once."""

    def __init__(self) -> None:
        self.file = _group()
        self.file.add_argument(
            "file",
            nargs="?",
            type=Path,
            metavar="FILE",
            help="plan file (.json, .toml, .yaml, .yml); the bundled example plan when left out",
        )
        self.quiet = _group()
        self.quiet.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="print no notes on standard error, such as 'wrote OUT'",
        )
        self.verbose = _group()
        self.verbose.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            help="print more notes on standard error: what was read and how much was made",
        )
        self.output = _group()
        self.output.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="OUT",
            help="write to OUT (atomically) instead of standard output",
        )
        self.lang = _group()
        self.lang.add_argument(
            "--lang",
            choices=("sv", "en"),
            help="language of the output (default: the plan's own language)",
        )
        self.fail_on = _group()
        self.fail_on.add_argument(
            "--fail-on",
            choices=("error", "warning", "info", "never"),
            default="error",
            help="exit with status 1 when a finding is at least this severe (default: error)",
        )
        self.today = _group()
        self.today.add_argument(
            "--today",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="check the rules about time (a stale situational picture, a plan past its "
            "revision date) as of this day; without it the result never depends on the clock",
        )
        self.window = _group()
        self.window.add_argument(
            "--year", type=_year, metavar="YEAR", help="the calendar year, January to December"
        )
        self.window.add_argument(
            "--from",
            dest="start",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="first day of the window (with --to)",
        )
        self.window.add_argument(
            "--to",
            dest="end",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="last day of the window (with --from)",
        )
        self.visibility = _group()
        choice = self.visibility.add_mutually_exclusive_group()
        choice.add_argument(
            "--public",
            dest="public",
            action="store_true",
            default=True,
            help="leave internal and confidential parts out (the default)",
        )
        choice.add_argument(
            "--internal",
            dest="public",
            action="store_false",
            default=True,
            help="include internal and confidential parts, for use inside the organisation",
        )
        self.profiles = _group()
        self.profiles.add_argument(
            "--profile",
            action="append",
            metavar="NAME|PATH",
            help="requirement profile: a bundled one by name or a .toml file of your own; "
            f"repeatable (default: {_DEFAULT_PROFILE})",
        )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def _iso_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        message = f"{text!r} is not a date and time; use e.g. 2027-01-01T08:00:00Z"
        raise argparse.ArgumentTypeError(message) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1 <= year <= 9999:  # noqa: PLR2004 - the years a date can hold
        raise argparse.ArgumentTypeError(f"{text!r} is not a year; use e.g. 2027")
    return year


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return seconds


def _add_validate(commands: _Commands, shared: _Shared) -> None:
    validate = commands.add_parser(
        "validate",
        parents=[shared.file, shared.output, shared.lang, shared.verbose, shared.fail_on],
        help="check a plan and list its findings",
        description="Check a plan and list its findings: severity, code, path and message.",
    )
    validate.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing, only set the exit status (a file given with -o is still written)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text, one finding a line (default), markdown, or json, a list of findings",
    )
    validate.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="run the rules about time (a stale situational picture, a plan past its "
        "revision date) as of this day",
    )
    validate.set_defaults(run=_validate)


def _add_show(commands: _Commands, shared: _Shared) -> None:
    show = commands.add_parser(
        "show",
        parents=[shared.file, shared.quiet, shared.verbose, shared.output, shared.lang],
        help="print a readable summary of a plan",
        description="Print the plan section by section, with every part that cites it.",
    )
    show.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default), markdown, or json: the plan in its file form",
    )
    _add_public(show)
    show.set_defaults(run=_show)


def _add_public(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--public",
        action="store_true",
        help="only the public parts, with every reference to the others removed",
    )


def _add_convert(commands: _Commands, shared: _Shared) -> None:
    convert = commands.add_parser(
        "convert",
        parents=[shared.quiet, shared.verbose, shared.output],
        help="rewrite a plan file in another format",
        description="Read a plan file and write it as JSON, TOML or YAML, without loss.",
    )
    convert.add_argument("file", type=Path, metavar="FILE", help="plan file to read")
    convert.add_argument("--to", choices=FORMATS, required=True, help="format to write")
    _add_public(convert)
    convert.set_defaults(run=_convert)


def _add_schema(commands: _Commands, shared: _Shared) -> None:
    schema = commands.add_parser(
        "schema",
        parents=[shared.quiet, shared.verbose, shared.output],
        help="print the JSON Schema of the plan file format",
        description="Print the JSON Schema that plan files (in any format) follow.",
    )
    schema.set_defaults(run=_schema)


def _add_init(commands: _Commands, shared: _Shared) -> None:
    init = commands.add_parser(
        "init",
        parents=[shared.quiet, shared.verbose],
        help="write a commented starter plan file",
        description="Write a starter plan file in TOML: the sections of a kind of plan, "
        "with commented examples of an actor, a forum and a measure to fill in.",
    )
    init.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path("handlingsplan.toml"),
        metavar="PATH",
        help="file to write, ending in .toml (default: handlingsplan.toml)",
    )
    init.add_argument(
        "--template",
        choices=_TEMPLATES,
        default="vbe",
        help="vbe: a local plan against violent extremism, with the nine recommended "
        "headings (default); crime-prevention: the three parts SFS 2023:196 asks for",
    )
    init.add_argument("--force", action="store_true", help="replace PATH if it exists")
    init.set_defaults(run=_init)


def _calendar_options(shared: _Shared) -> list[argparse.ArgumentParser]:
    """The options of ``calendar`` that ``publish`` shares: what goes into the calendar."""
    options = _group()
    options.add_argument("--forum", metavar="ID", help="only this forum's calendar")
    options.add_argument("--actor", metavar="ID", help="only this actor's calendar")
    options.add_argument(
        "--expand",
        action="store_true",
        help="one event per meeting instead of one repeating event per series",
    )
    options.add_argument(
        "--now",
        type=_iso_datetime,
        metavar="DATETIME",
        help="when the calendar is made (its DTSTAMP), e.g. 2027-01-01T08:00:00Z; a time "
        "without offset is UTC; default: the current time. Give it for reproducible output",
    )
    options.add_argument(
        "--confidential",
        choices=("omit", "busy"),
        default="omit",
        help="in a public calendar, leave internal and confidential meetings out (omit, the "
        "default) or show them only as busy time (busy)",
    )
    options.add_argument(
        "--deadlines",
        choices=("todo", "event"),
        default="todo",
        help="deadlines as to-dos (todo, the default) or as all-day events (event), for "
        "clients that ignore to-dos",
    )
    options.add_argument(
        "--previous",
        type=Path,
        metavar="OLD.ics",
        help="a calendar made earlier from this plan: changed items get a higher SEQUENCE, "
        "items no longer in the plan are sent once more as cancelled",
    )
    return [
        shared.file,
        shared.window,
        options,
        shared.visibility,
        shared.lang,
        shared.fail_on,
        shared.quiet,
        shared.verbose,
    ]


def _add_calendar(commands: _Commands, shared: _Shared) -> None:
    calendar = commands.add_parser(
        "calendar",
        parents=[*_calendar_options(shared), shared.output],
        help="write the plan's meetings and deadlines as an iCalendar file",
        description="Write the meetings and deadlines of a window (the current year by "
        "default) as an iCalendar file for Outlook, Google Calendar or Thunderbird. "
        "Findings about what could not be scheduled go to standard error.",
    )
    calendar.set_defaults(run=_calendar)


def _add_publish(commands: _Commands, shared: _Shared) -> None:
    publish = commands.add_parser(
        "publish",
        parents=_calendar_options(shared),
        help="put the plan's calendar on a CalDAV server",
        description="Make the calendar as the calendar command does and store it in a "
        "CalDAV collection, one resource per event: publishing again updates, never "
        "duplicates.",
    )
    publish.add_argument("--url", required=True, help="the CalDAV calendar collection")
    publish.add_argument("--user", metavar="USER", help="user name for the server")
    publish.add_argument(
        "--password-env",
        metavar="VAR",
        help="name of the environment variable that holds the password",
    )
    publish.add_argument(
        "--timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for each answer from the server (default: 10)",
    )
    publish.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="how to report what was stored: text (default) or json",
    )
    publish.set_defaults(run=_publish)


def _add_compliance(commands: _Commands, shared: _Shared) -> None:
    compliance = commands.add_parser(
        "compliance",
        parents=[
            shared.file,
            shared.window,
            shared.lang,
            shared.fail_on,
            shared.output,
            shared.verbose,
        ],
        help="compare the meetings held with how often the plan says forums meet",
        description="Read the meetings that were held (an exported calendar, or a CSV or "
        "JSON list) and report each forum that met less often than its cadence asks.",
    )
    compliance.add_argument(
        "--held",
        type=Path,
        required=True,
        metavar="HELD",
        help="the meetings held: an .ics calendar, or a .csv or .json list with the "
        "columns date and forum",
    )
    compliance.add_argument(
        "--names",
        type=Path,
        metavar="NAMES",
        help="a .toml or .json table of event titles (or names in the list) and the "
        "forum ids they stand for",
    )
    compliance.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format"
    )
    compliance.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing, only set the exit status (a file given with -o is still written)",
    )
    compliance.set_defaults(run=_compliance)


def _add_network(commands: _Commands, shared: _Shared) -> None:
    network = commands.add_parser(
        "network",
        parents=[
            shared.file,
            shared.visibility,
            shared.lang,
            shared.output,
            shared.quiet,
            shared.verbose,
        ],
        help="summarise or export the collaboration network",
        description="Summarise who meets whom (density, centralization, brokers, "
        "articulation points, bridges, isolated actors, components, communities), or "
        "export the network for Gephi, yEd or Graphviz.",
    )
    network.add_argument(
        "--format",
        choices=("text", "json", "graphml", "gexf", "dot"),
        default="text",
        help="text: the summary (default); json (node-link), graphml, gexf, dot: the graph",
    )
    network.add_argument(
        "--graph",
        choices=("two-mode", "contacts"),
        default="two-mode",
        help="for exports: actors and forums with an edge per seat (two-mode, the default), "
        "or actors linked when they share a forum (contacts)",
    )
    network.add_argument(
        "--measures",
        action="store_true",
        help="for exports of the two-mode graph: add the measures and who works on them",
    )
    network.set_defaults(run=_network)


def _add_coverage(commands: _Commands, shared: _Shared) -> None:
    coverage = commands.add_parser(
        "coverage",
        parents=[
            shared.file,
            shared.profiles,
            shared.today,
            shared.lang,
            shared.fail_on,
            shared.output,
            shared.verbose,
        ],
        help="check a plan against requirement profiles",
        description="Check what a plan is required to have against what it has: findings "
        "that cite the plan's own words, and coverage tables. '--profile list' lists the "
        "bundled profiles.",
    )
    coverage.add_argument(
        "--matrix",
        action="append",
        choices=_MATRICES,
        help="also print a table: measures per actor kind and prevention level "
        "(actor-level), per milieu and level (milieu-level), or each actor's role in each "
        "forum (forum-actor); repeatable",
    )
    coverage.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format"
    )
    coverage.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing, only set the exit status (a file given with -o is still written)",
    )
    coverage.set_defaults(run=_coverage)


def _add_county(commands: _Commands, shared: _Shared) -> None:
    county = commands.add_parser(
        "county",
        parents=[
            shared.today,
            shared.lang,
            shared.fail_on,
            shared.output,
            shared.quiet,
            shared.verbose,
        ],
        help="compare the plans of several municipalities",
        description="Read every plan file in a folder and compare them: one row per "
        "municipality with counts and findings. Files that are no valid plan are "
        "reported as findings.",
    )
    county.add_argument("folder", type=Path, metavar="DIR", help="folder of plan files")
    county.add_argument(
        "--profile",
        default=_DEFAULT_PROFILE,
        metavar="NAME|PATH",
        help=f"requirement profile whose findings are counted (default: {_DEFAULT_PROFILE})",
    )
    county.add_argument(
        "--format",
        choices=("text", "markdown", "json", "csv"),
        default="text",
        help="output format; csv is safe to open in a spreadsheet",
    )
    county.set_defaults(run=_county)


def _add_plot(commands: _Commands, shared: _Shared) -> None:
    plot = commands.add_parser(
        "plot",
        parents=[shared.file, shared.visibility, shared.lang, shared.quiet, shared.verbose],
        help="draw the network, a coverage heat map or the annual wheel",
        description="Draw a picture of the plan as SVG or PNG. Needs the plot extra: "
        f"{_PLOT_HINT}.",
    )
    plot.add_argument(
        "--kind",
        choices=("network", "coverage", "wheel"),
        required=True,
        help="network: who meets whom; coverage: a heat map of the measures; "
        "wheel: the year's meetings and deadlines around the months (årshjul)",
    )
    plot.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="picture to write (atomically): .svg or .png",
    )
    plot.add_argument(
        "--format", choices=("svg", "png"), help="picture format (default: from OUT's suffix)"
    )
    plot.add_argument(
        "--year", type=_year, metavar="YEAR", help="year of the wheel (default: this year)"
    )
    plot.add_argument(
        "--matrix",
        choices=_MATRICES[:2],
        default="actor-level",
        help="table of the coverage heat map (default: actor-level)",
    )
    plot.set_defaults(run=_plot)


def _add_report(commands: _Commands, shared: _Shared) -> None:
    report = commands.add_parser(
        "report",
        parents=[
            shared.file,
            shared.profiles,
            shared.today,
            shared.visibility,
            shared.lang,
            shared.output,
            shared.quiet,
            shared.verbose,
        ],
        help="write a report on a plan for the council",
        description="Write one self-contained report on a year of the plan: the plan at a "
        "glance, findings, coverage, the network, the meetings, and what changed.",
    )
    report.add_argument(
        "--year", type=_year, metavar="YEAR", help="the year reported on (default: this year)"
    )
    report.add_argument(
        "--since",
        type=Path,
        metavar="OLD",
        help="an earlier version of the plan; the report then says what changed",
    )
    report.add_argument(
        "--format",
        choices=("html", "markdown"),
        help="html or markdown (default: markdown for OUT ending in .md, else html)",
    )
    report.set_defaults(run=_report)


def _add_extract(commands: _Commands, shared: _Shared) -> None:
    extract = commands.add_parser(
        "extract",
        parents=[shared.lang, shared.fail_on, shared.quiet, shared.verbose],
        help="draft a plan file from a plan's text",
        description="Read a plan's plain text, write a draft plan file to review, and "
        "list what the draft leaves to check.",
    )
    extract.add_argument("source", type=Path, metavar="TEXT", help="the plan as plain text")
    extract.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="draft plan file to write (atomically): .toml, .json or .yaml",
    )
    extract.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="findings format"
    )
    extract.add_argument(
        "--lexicon",
        type=Path,
        metavar="FILE",
        help="an extra lexicon (TOML) of actors, forums and words, added to the bundled one",
    )
    extract.set_defaults(run=_extract)


# --- commands: one plan file ----------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    plan = _read_plan(args)
    lang: Lang = args.lang or plan.language
    findings = actionplan.validate(plan, today=args.today)
    if args.output is not None or not args.quiet:
        _emit(_render_findings(findings, args.format, lang), args.output, quiet=args.quiet)
    return _status(findings, args.fail_on)


def _show(args: argparse.Namespace) -> int:
    plan = _read_plan(args)
    if args.public:
        plan = redact(plan)
    lang: Lang = args.lang or plan.language
    if args.format == "json":
        text = _json(actionplan.to_dict(plan))
    elif args.format == "markdown":
        text = _summary_markdown(plan, lang)
    else:
        text = _summary_text(plan, lang)
    _emit(text, args.output, quiet=args.quiet)
    return _OK


def _convert(args: argparse.Namespace) -> int:
    plan = actionplan.load(args.file)
    _detail(args, f"read {args.file}: {plan.title}")
    if args.public:
        plan = redact(plan)
    if args.output is None:
        sys.stdout.write(actionplan.dumps(plan, format=args.to))
    else:
        actionplan.dump(plan, args.output, format=args.to)
        _note(f"wrote {args.output}", quiet=args.quiet)
    return _OK


def _schema(args: argparse.Namespace) -> int:
    schema: dict[str, Any] = actionplan.json_schema()
    _emit(_json(schema), args.output, quiet=args.quiet)
    return _OK


def _init(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.suffix.lower() != ".toml":
        raise _UsageError(f"{path}: a starter file is TOML; give a PATH ending in .toml")
    if path.exists() and not args.force:
        raise _UsageError(f"{path} already exists; use --force to replace it")
    template = resources.files("actionplan").joinpath("data", "templates", f"{args.template}.toml")
    write_atomic(path, template.read_bytes())
    _note(f"wrote {path}", quiet=args.quiet)
    _detail(args, f"fill it in, then check it with: actionplan validate {path}")
    return _OK


# --- commands: calendars --------------------------------------------------------------------


def _calendar(args: argparse.Namespace) -> int:
    plan = _read_plan(args)
    data, findings = _make_calendar(plan, args)
    _note_findings(findings, args, plan)
    _emit_bytes(data, args.output, quiet=args.quiet)
    return _status(findings, args.fail_on)


def _publish(args: argparse.Namespace) -> int:
    from actionplan import ical  # noqa: PLC0415 - icalendar is loaded only when needed

    password = None
    if args.password_env is not None:
        password = os.environ.get(args.password_env)
        if password is None:
            message = f"--password-env: the environment variable {args.password_env} is not set"
            raise _UsageError(message)
    plan = _read_plan(args)
    data, findings = _make_calendar(plan, args)
    _progress(args, f"publishing to {_without_credentials(args.url)} ...")
    result = ical.publish(
        data, args.url, username=args.user, password=password, timeout=args.timeout
    )
    _note_findings(findings, args, plan)
    if args.format == "json":
        sys.stdout.write(_json(_publish_dict(result)))
    else:
        sys.stdout.write(_publish_text(result, args.lang or plan.language, verbose=args.verbose))
    return _status(findings, args.fail_on)


def _require_public(plan: Plan, args: argparse.Namespace, what: str) -> None:
    """Refuse a public *what* of a plan that is not public, naming the option that helps."""
    if args.public and plan.classification is not Classification.PUBLIC:
        level = plan.classification.value
        raise _UsageError(
            f"the plan is classified {level}; make an internal {what} with --internal"
        )


def _make_calendar(plan: Plan, args: argparse.Namespace) -> tuple[bytes, tuple[Finding, ...]]:
    """The calendar ``calendar`` and ``publish`` write, and the findings about what it holds."""
    from actionplan import ical  # noqa: PLC0415 - icalendar is loaded only when needed
    from actionplan.schedule import schedule  # noqa: PLC0415 - holidays likewise

    _require_public(plan, args, "calendar")
    now: datetime = args.now or datetime.now(UTC).replace(microsecond=0)
    start, end = _window(args, now.year)
    made = schedule(plan, start, end)
    view = made.public() if args.public else made
    if args.forum is not None:
        view = ical.for_forum(plan, view, args.forum)
    if args.actor is not None:
        view = ical.for_actor(plan, view, args.actor)
    previous = None if args.previous is None else _read_bytes(args.previous)
    data = ical.to_ical(
        plan,
        made,
        now=now,
        lang=args.lang,
        expand=args.expand,
        public=args.public,
        confidential=args.confidential,
        deadlines=args.deadlines,
        forum=args.forum,
        actor=args.actor,
        previous=previous,
    )
    count = len(view.occurrences)
    _detail(
        args, f"{count} meetings and deadlines from {start} to {end}, DTSTAMP {now:%Y%m%dT%H%M%SZ}"
    )
    return data, view.findings


def _compliance(args: argparse.Namespace) -> int:
    from actionplan import compliance  # noqa: PLC0415 - loaded only when needed

    plan = _read_plan(args)
    lang: Lang = args.lang or plan.language
    start, end = _window(args, None)
    names = None if args.names is None else _read_names(args.names)
    held = _read_held(args.held, plan, names, (start, end))
    _detail(args, f"read {len(held)} meetings of the plan's forums from {args.held}")
    findings = compliance.check(plan, held, start, end)
    if args.output is not None or not args.quiet:
        _emit(_render_findings(findings, args.format, lang), args.output, quiet=args.quiet)
    return _status(findings, args.fail_on)


# --- commands: analysis ---------------------------------------------------------------------


def _network(args: argparse.Namespace) -> int:
    from actionplan import network  # noqa: PLC0415 - networkx is loaded only when needed

    plan = _read_plan(args)
    if args.format == "text":
        summary = network.summarise(plan, public=args.public)
        _emit(
            _network_text(plan, summary, args.lang or plan.language), args.output, quiet=args.quiet
        )
        return _OK
    if args.graph == "contacts":
        if args.measures:
            raise _UsageError(
                "--measures adds measures to the two-mode graph; leave out --graph contacts"
            )
        graph = network.projection(plan, public=args.public)
    else:
        graph = network.two_mode(plan, measures=args.measures, public=args.public)
    _detail(args, f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    if args.format == "graphml":
        _emit_bytes(network.to_graphml(graph), args.output, quiet=args.quiet)
    elif args.format == "gexf":
        _emit_bytes(network.to_gexf(graph), args.output, quiet=args.quiet)
    elif args.format == "dot":
        _emit(network.to_dot(graph), args.output, quiet=args.quiet)
    else:
        _emit(_json(network.to_node_link(graph)), args.output, quiet=args.quiet)
    return _OK


def _coverage(args: argparse.Namespace) -> int:
    from actionplan import coverage  # noqa: PLC0415 - loaded only when needed

    names: list[str] = args.profile or [_DEFAULT_PROFILE]
    if "list" in names:
        _emit(_profiles_listing(args.format, args.lang or "sv"), args.output, quiet=args.quiet)
        return _OK
    profiles = [_profile(name) for name in dict.fromkeys(names)]
    plan = _read_plan(args)
    lang: Lang = args.lang or plan.language
    checked = [(item, coverage.check(plan, item, today=args.today)) for item in profiles]
    matrices = [(name, _matrix(plan, name)) for name in dict.fromkeys(args.matrix or ())]
    if args.output is not None or not args.quiet:
        text = _coverage_output(plan, checked, matrices, args.format, lang)
        _emit(text, args.output, quiet=args.quiet)
    return _status([f for _, found in checked for f in found], args.fail_on)


def _county(args: argparse.Namespace) -> int:
    from actionplan import coverage  # noqa: PLC0415 - loaded only when needed

    chosen = _profile(args.profile)
    _progress(args, f"reading the plans in {args.folder} ...")
    contents = coverage.load_folder(args.folder)
    _progress(args, f"checking {len(contents.plans)} plans against {chosen.id} ...")
    table = coverage.county(contents.plans, profile=chosen, today=args.today)
    languages = {plan.language for plan in contents.plans}
    lang: Lang = args.lang or (languages.pop() if len(languages) == 1 else "sv")
    findings = contents.findings
    _detail(args, f"{len(contents.plans)} plans, {len(findings)} files unreadable")
    if args.format == "csv":
        _note_findings(findings, args, None, lang=lang)
        text = _csv(table.to_rows())
    elif args.format == "json":
        text = _json({**table.to_dict(), "findings": [f.to_dict(lang) for f in findings]})
    elif args.format == "markdown":
        text = _county_markdown(table, findings, lang)
    else:
        text = _county_text(table, findings, lang)
    _emit(text, args.output, quiet=args.quiet)
    severities = [f.severity for f in findings]
    for row in table.rows:
        severities.extend(
            severity
            for severity, count in (
                (Severity.ERROR, row.errors),
                (Severity.WARNING, row.warnings),
                (Severity.INFO, row.infos),
            )
            if count
        )
    return _status_of(severities, args.fail_on)


# --- commands: pictures, reports, drafts ----------------------------------------------------


def _plot(args: argparse.Namespace) -> int:
    if args.format is None and args.output.suffix.lower() not in (".svg", ".png"):
        raise _UsageError(f"{args.output}: name a picture .svg or .png, or give --format")
    try:
        from actionplan import plot  # noqa: PLC0415 - matplotlib is an optional extra
    except ImportError:
        raise _UsageError(f"the plot command needs matplotlib: {_PLOT_HINT}") from None
    plan = _read_plan(args)
    lang: Lang = args.lang or plan.language
    if args.kind == "network":
        figure = plot.network_figure(plan, public=args.public, lang=lang)
    elif args.kind == "coverage":
        figure = plot.heatmap_matrix(_matrix(plan, args.matrix), lang=lang, plan=plan)
    else:
        from actionplan.schedule import schedule  # noqa: PLC0415 - loaded only when needed

        year: int = args.year or datetime.now(UTC).year
        made = schedule(plan, date(year, 1, 1), date(year, 12, 31))
        figure = plot.annual_wheel(made, plan, year=year, lang=lang, public=args.public)
    plot.save(figure, args.output, format=args.format)
    _note(f"wrote {args.output}", quiet=args.quiet)
    return _OK


def _report(args: argparse.Namespace) -> int:
    from actionplan import report  # noqa: PLC0415 - loaded only when needed

    plan = _read_plan(args)
    _require_public(plan, args, "report")
    previous = None if args.since is None else actionplan.load(args.since)
    profiles = [_profile(name) for name in dict.fromkeys(args.profile or [_DEFAULT_PROFILE])]
    year: int = args.year or (args.today or datetime.now(UTC).date()).year
    fmt: Literal["html", "markdown"] = args.format or (
        "markdown"
        if args.output is not None and args.output.suffix.lower() in (".md", ".markdown")
        else "html"
    )
    made = report.build(
        plan,
        year=year,
        lang=args.lang,
        today=args.today,
        previous=previous,
        profiles=profiles,
        public=args.public,
    )
    _detail(args, f"{len(made.findings)} findings, year {year}")
    _emit(report.render(made, fmt), args.output, quiet=args.quiet)
    return _OK


def _extract(args: argparse.Namespace) -> int:
    from actionplan import extract  # noqa: PLC0415 - loaded only when needed

    draft = extract.extract_file(args.source, lexicon=args.lexicon)
    _detail(args, f"read {args.source}: {len(draft.items)} items")
    lang: Lang = args.lang or draft.plan.language
    for written in extract.write(draft, args.output, lang=lang):
        _note(f"wrote {written}", quiet=args.quiet)
    if not args.quiet:
        sys.stdout.write(_render_findings(draft.findings, args.format, lang))
    return _status(draft.findings, args.fail_on)


# --- helpers: reading -----------------------------------------------------------------------


def _load(file: Path | None) -> Plan:
    if file is not None:
        return actionplan.load(file)
    try:
        return actionplan.example()
    except FileNotFoundError as error:
        message = "the bundled example plan is missing; reinstall actionplan or give a FILE"
        raise PlanFileError(message) from error


def _read_plan(args: argparse.Namespace) -> Plan:
    """Load the command's plan, and say which one when asked to be verbose."""
    plan = _load(args.file)
    where = args.file if args.file is not None else "the bundled example plan"
    _detail(args, f"read {where}: {plan.title}")
    return plan


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise PlanFileError(f"{path}: cannot read: {error.strerror or error}") from error


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problem = Problem("", f"is not UTF-8 text: {error.reason} at byte {error.start}")
        raise InvalidPlanError([problem], str(path)) from None


def _read_names(path: Path) -> dict[str, str]:
    """Read a table of event titles and the forum ids they stand for (TOML or JSON)."""
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise PlanFileError(f"{path}: unknown file type {path.suffix!r}; use .toml or .json")
    text = _decode(_read_bytes(path), path)
    try:
        data: object = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        problem = Problem("", f"is not valid {suffix[1:].upper()}: {error}")
        raise InvalidPlanError([problem], str(path)) from None
    if not isinstance(data, dict):
        hint = 'write one line per title: "Brå-möte" = "bra"'
        raise InvalidPlanError([Problem("", "is not a table of titles", hint=hint)], str(path))
    problems = [
        Problem(str(key), "is not a forum id", hint="write the forum's id as text", value=value)
        for key, value in data.items()
        if not isinstance(value, str)
    ]
    if problems:
        raise InvalidPlanError(problems, str(path))
    return {str(key): str(value) for key, value in data.items()}


def _read_held(
    path: Path, plan: Plan, names: Mapping[str, str] | None, window: tuple[date, date]
) -> tuple[HeldMeeting, ...]:
    """Read the meetings held from a calendar (.ics) or a table (.csv, .json)."""
    from actionplan import compliance, ical  # noqa: PLC0415 - loaded only when needed

    suffix = path.suffix.lower()
    if suffix not in (".ics", ".csv", ".json"):
        raise PlanFileError(f"{path}: unknown file type {path.suffix!r}; use .ics, .csv or .json")
    data = _read_bytes(path)
    try:
        if suffix == ".ics":
            start, end = window
            return ical.read_held(data, plan, names=names, start=start, end=end)
        table: Literal["csv", "json"] = "csv" if suffix == ".csv" else "json"
        return compliance.read_held_table(_decode(data, path), format=table, names=names)
    except InvalidPlanError as error:
        raise InvalidPlanError(error.problems, str(path)) from None


def _profile(value: str) -> Profile:
    """A bundled profile by name, or a profile file of the user's own."""
    from actionplan import coverage  # noqa: PLC0415 - loaded only when needed

    if value in coverage.PROFILES:
        return coverage.profile(value)
    path = Path(value)
    if path.suffix.lower() == ".toml" or path.exists():
        return coverage.load_profile(path)
    known = ", ".join(coverage.PROFILES)
    raise _UsageError(f"no profile {value!r}; use one of {known}, or the path of a .toml file")


def _matrix(plan: Plan, name: str) -> Matrix[int] | Matrix[str]:
    from actionplan import coverage  # noqa: PLC0415 - loaded only when needed

    if name == "actor-level":
        return coverage.actor_level_matrix(plan)
    if name == "milieu-level":
        return coverage.milieu_level_matrix(plan)
    return coverage.forum_actor_matrix(plan)


def _window(args: argparse.Namespace, default_year: int | None) -> tuple[date, date]:
    """The first and last day asked for with --year, or --from and --to."""
    year: int | None = args.year
    start: date | None = args.start
    end: date | None = args.end
    if year is not None:
        if start is not None or end is not None:
            raise _UsageError("give either --year or --from and --to, not both")
        return date(year, 1, 1), date(year, 12, 31)
    if start is None and end is None:
        if default_year is None:
            raise _UsageError("give the window: --year YEAR, or --from YYYY-MM-DD --to YYYY-MM-DD")
        return date(default_year, 1, 1), date(default_year, 12, 31)
    if start is None or end is None:
        raise _UsageError("--from and --to go together; give both")
    return start, end


# --- helpers: writing -----------------------------------------------------------------------


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _emit(text: str, output: Path | None, *, quiet: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text.encode("utf-8"))
    _note(f"wrote {output}", quiet=quiet)


def _emit_bytes(data: bytes, output: Path | None, *, quiet: bool) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, data)
    _note(f"wrote {output}", quiet=quiet)


def _note(text: str, *, quiet: bool) -> None:
    if not quiet:
        print(text, file=sys.stderr)


def _detail(args: argparse.Namespace, text: str) -> None:
    """A note only for ``--verbose``."""
    if getattr(args, "verbose", False) and not getattr(args, "quiet", False):
        print(text, file=sys.stderr)


def _progress(args: argparse.Namespace, text: str) -> None:
    """A note on what a long step is doing, only when someone watches the terminal."""
    if not args.quiet and sys.stderr.isatty():
        print(text, file=sys.stderr, flush=True)


def _note_findings(
    findings: Sequence[Finding],
    args: argparse.Namespace,
    plan: Plan | None,
    *,
    lang: Lang | None = None,
) -> None:
    """Findings beside the real output, on standard error, one a line."""
    if args.quiet or not findings:
        return
    chosen: Lang = lang or args.lang or (plan.language if plan is not None else "sv")
    print("\n".join(_finding_line(f, chosen) for f in findings), file=sys.stderr)


def _status(findings: Iterable[Finding], fail_on: str) -> int:
    return _status_of((f.severity for f in findings), fail_on)


def _status_of(severities: Iterable[Severity], fail_on: str) -> int:
    threshold = _THRESHOLDS.get(fail_on)
    failed = threshold is not None and any(severity >= threshold for severity in severities)
    return _FINDINGS if failed else _OK


def _without_credentials(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


# --- findings -------------------------------------------------------------------------------


def _finding_line(finding: Finding, lang: Lang) -> str:
    where = f" {finding.path}" if finding.path else ""
    return f"{finding.severity.label(lang)} {finding.code}{where}: {finding.text(lang)}"


def _count_line(findings: Sequence[Finding], lang: Lang) -> str:
    if not findings:
        return "inga fynd" if lang == "sv" else "no findings"
    counts = [
        f"{severity.label(lang)}: {count}"
        for severity in reversed(Severity)
        if (count := sum(f.severity is severity for f in findings))
    ]
    noun = "finding" if len(findings) == 1 else "findings"
    noun = "fynd" if lang == "sv" else noun
    return f"{len(findings)} {noun} ({', '.join(counts)})"


def _findings_text(findings: Sequence[Finding], lang: Lang) -> str:
    lines = [_finding_line(finding, lang) for finding in findings]
    lines.append(_count_line(findings, lang))
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    return _md(text, line_start=True) if "`" in text else f"`{text}`"


def _findings_markdown_lines(findings: Sequence[Finding], lang: Lang) -> list[str]:
    lines = []
    for finding in findings:
        where = f" {_code(finding.path)}" if finding.path else ""
        label = finding.severity.label(lang)
        lines.append(f"- **{label}** {finding.code}{where}: {_md(finding.text(lang))}")
    if lines:
        lines.append("")
    lines.append(f"_{_count_line(findings, lang)}_")
    return lines


def _render_findings(findings: Sequence[Finding], fmt: str, lang: Lang) -> str:
    if fmt == "json":
        return _json([finding.to_dict(lang) for finding in findings])
    if fmt == "markdown":
        return "\n".join(_findings_markdown_lines(findings, lang)) + "\n"
    return _findings_text(findings, lang)


# --- show: a plan as sections with the parts that cite them ---------------------------------

_WORDS = {
    "sv": {
        "decision": "Beslut",
        "municipalities": "Kommuner",
        "validity": "Gäller",
        "milieus": "Miljöer",
        "milieu_list": "miljöer",
        "actor": "Aktör",
        "forum": "Forum",
        "measure": "Åtgärd",
        "picture": "Lägesbild",
        "invitation": "Inbjudan",
        "resource": "Resurs",
        "follow_up": "Uppföljning",
        "other": "Utan hänvisning till en punkt",
        "empty": "(ingen del av planen hänvisar hit)",
        "members": "medlemmar",
        "meets": "mötesfrekvens",
        "cadence": "frekvens",
        "purpose": "syfte",
        "location": "plats",
        "responsible": "ansvariga",
        "participants": "deltagare",
        "forums": "forum",
        "levels": "preventionsnivåer",
        "target_groups": "målgrupper",
        "perspectives": "perspektiv",
        "resources": "resurser",
        "deadline": "klart senast",
        "status": "status",
        "producer": "tas fram i",
        "contributors": "bidrar",
        "central": "central roll",
        "refresh": "uppdateras",
        "last_updated": "senast uppdaterad",
        "invitee": "tillfrågad",
        "date": "datum",
        "provider": "huvudman",
        "phone": "telefon",
        "url": "webb",
        "description": "beskrivning",
        "method": "metod",
        "within": "ingår i",
        "ordinary": "kommunens ordinarie uppföljning",
        "as_needed": "vid behov",
        "note": "anmärkning",
        "from": "från",
        "until": "till",
        "revise_by": "revideras senast",
    },
    "en": {
        "decision": "Decision",
        "municipalities": "Municipalities",
        "validity": "Valid",
        "milieus": "Milieus",
        "milieu_list": "milieus",
        "actor": "Actor",
        "forum": "Forum",
        "measure": "Measure",
        "picture": "Situational picture",
        "invitation": "Invitation",
        "resource": "Resource",
        "follow_up": "Follow-up",
        "other": "Not tied to a section",
        "empty": "(no part of the plan cites this section)",
        "members": "members",
        "meets": "meets",
        "cadence": "recurs",
        "purpose": "purpose",
        "location": "location",
        "responsible": "responsible",
        "participants": "participants",
        "forums": "forums",
        "levels": "prevention levels",
        "target_groups": "target groups",
        "perspectives": "perspectives",
        "resources": "resources",
        "deadline": "due",
        "status": "status",
        "producer": "produced in",
        "contributors": "contributors",
        "central": "central part",
        "refresh": "updated",
        "last_updated": "last updated",
        "invitee": "asked",
        "date": "date",
        "provider": "provider",
        "phone": "phone",
        "url": "web",
        "description": "description",
        "method": "method",
        "within": "part of",
        "ordinary": "the municipality's ordinary follow-up",
        "as_needed": "as needed",
        "note": "note",
        "from": "from",
        "until": "until",
        "revise_by": "revise by",
    },
}

_Detail = tuple[str, str]
_Part = tuple[str, str, list[_Detail]]
"""A part of the plan as shown: kind label, headline, and (label, value) details."""


class _Summary:
    """The plan arranged for reading: header lines, then each section with its parts."""

    def __init__(self, plan: Plan, lang: Lang) -> None:
        self.plan = plan
        self.lang = lang
        self.words = _WORDS[lang]
        self.actors = {actor.id: actor.name for actor in plan.actors}
        self.forums = {forum.id: forum.name for forum in plan.forums}
        self.milieus = {milieu.id: milieu.name for milieu in plan.milieus}
        self.resources = {resource.id: resource.name for resource in plan.resources}
        self.municipalities = {m.code: m.name for m in plan.municipalities}

    def header(self) -> list[_Detail]:
        plan, words = self.plan, self.words
        lines: list[_Detail] = []
        if plan.decision is not None:
            name = f" ({plan.decision.body_name})" if plan.decision.body_name else ""
            lines.append((words["decision"], f"{plan.decision}{name}"))
        if plan.municipalities:
            names = [f"{m.name} ({m.code})" for m in plan.municipalities]
            lines.append((words["municipalities"], ", ".join(names)))
        if plan.validity is not None:
            validity = plan.validity
            spans = [
                (words["from"], validity.valid_from),
                (words["until"], validity.valid_until),
                (words["revise_by"], validity.revise_by),
            ]
            text = ", ".join(f"{label} {day.isoformat()}" for label, day in spans if day)
            lines.append((words["validity"], text))
        if plan.milieus:
            lines.append((words["milieus"], ", ".join(m.name for m in plan.milieus)))
        return lines

    def sections(self) -> list[tuple[str, list[_Part]]]:
        """Return each section's heading with its parts, then parts citing no section."""
        parts = self.parts()
        numbers = {section.number for section in self.plan.sections}
        result = [
            (
                f"{section.number}. {section.heading}",
                [part for source, part in parts if source == section.number],
            )
            for section in self.plan.sections
        ]
        loose = [part for source, part in parts if source not in numbers]
        if loose:
            result.append((self.words["other"], loose))
        return result

    def parts(self) -> list[tuple[str | None, _Part]]:
        plan = self.plan
        cited: list[tuple[Source | None, _Part]] = [
            *((a.source, self.actor(a)) for a in plan.actors),
            *((f.source, self.forum(f)) for f in plan.forums),
            *((m.source, self.measure(m)) for m in plan.measures),
            *((p.source, self.picture(p)) for p in plan.situational_pictures),
            *((i.source, self.invitation(i)) for i in plan.invitations),
            *((r.source, self.resource(r)) for r in plan.resources),
            *((f.source, self.follow_up(f)) for f in plan.follow_ups),
        ]
        return [(None if source is None else source.section, part) for source, part in cited]

    def label(self, kind: str, modality: Modality | None) -> str:
        """Return the part's kind in words, with its modality: ``Åtgärd (bör)``."""
        return self.words[kind] + ("" if modality is None else f" ({modality.label(self.lang)})")

    def named(self, name: str, kind: str) -> str:
        """Return ``name, kind`` unless the kind only repeats the name."""
        return name if name.casefold() == kind.casefold() else f"{name}, {kind}"

    def names(self, table: dict[str, str], ids: Iterable[str]) -> str:
        return ", ".join(table.get(item, item) for item in ids)

    def details(self, *pairs: tuple[str, object]) -> list[_Detail]:
        """Keep the pairs that have a value, with the label in the output language."""
        result: list[_Detail] = []
        for key, value in pairs:
            if value:
                text = value.isoformat() if isinstance(value, date) else str(value)
                result.append((self.words[key], text))
        return result

    def actor(self, actor: Actor) -> _Part:
        municipality = self.municipalities.get(actor.municipality or "", "")
        return (
            self.label("actor", actor.modality),
            self.named(actor.name, actor.kind.label(self.lang)),
            self.details(("municipalities", municipality), ("note", actor.note)),
        )

    def forum(self, forum: Forum) -> _Part:
        lang = self.lang
        members = []
        for member in forum.members:
            notes = [member.role.label(lang)]
            if member.modality is not None:
                notes.append(member.modality.label(lang))
            if member.as_needed:
                notes.append(self.words["as_needed"])
            members.append(f"{self.actors.get(member.actor, member.actor)} ({', '.join(notes)})")
        return (
            self.label("forum", forum.modality),
            self.named(forum.name, forum.kind.label(lang)),
            self.details(
                ("members", ", ".join(members)),
                ("meets", describe(forum.cadence, lang)),
                ("municipalities", self.names(self.municipalities, forum.municipalities)),
                ("purpose", forum.purpose),
                ("location", forum.location),
            ),
        )

    def measure(self, measure: Measure) -> _Part:
        lang = self.lang
        cadence = None if measure.cadence is None else describe(measure.cadence, lang)
        return (
            self.label("measure", measure.modality),
            measure.description,
            self.details(
                ("responsible", self.names(self.actors, measure.responsible)),
                ("participants", self.names(self.actors, measure.participants)),
                ("forums", self.names(self.forums, measure.forums)),
                ("levels", ", ".join(level.label(lang) for level in measure.levels)),
                ("target_groups", ", ".join(measure.target_groups)),
                ("perspectives", ", ".join(p.label(lang) for p in measure.perspectives)),
                ("milieu_list", self.names(self.milieus, measure.milieus)),
                ("resources", self.names(self.resources, measure.resources)),
                ("cadence", cadence),
                ("deadline", measure.deadline),
                ("status", measure.status.label(lang)),
            ),
        )

    def picture(self, picture: SituationalPicture) -> _Part:
        lang, words = self.lang, self.words
        contributors = [
            self.actors.get(c.actor, c.actor) + (f" ({words['central']})" if c.central else "")
            for c in picture.contributors
        ]
        producer = self.forums.get(picture.producer or "", picture.producer)
        return (
            self.label("picture", picture.modality),
            picture.name,
            self.details(
                ("producer", producer),
                ("contributors", ", ".join(contributors)),
                ("milieu_list", self.names(self.milieus, picture.milieus)),
                ("refresh", describe(picture.refresh, lang)),
                ("last_updated", picture.last_updated),
            ),
        )

    def invitation(self, invitation: Invitation) -> _Part:
        lang = self.lang
        actor = invitation.actor or ""
        invitee = self.actors.get(actor, actor)
        if invitation.municipality is not None:
            invitee = invitation.municipality.name
        return (
            self.label("invitation", invitation.modality),
            f"{invitation.subject}: {invitation.status.label(lang)}",
            self.details(
                ("invitee", invitee),
                ("forums", self.forums.get(invitation.forum or "", invitation.forum)),
                ("date", invitation.date),
            ),
        )

    def resource(self, resource: Resource) -> _Part:
        return (
            self.label("resource", None),
            self.named(resource.name, resource.kind.label(self.lang)),
            self.details(
                ("provider", resource.provider),
                ("phone", resource.phone),
                ("url", resource.url),
                ("description", resource.description),
            ),
        )

    def follow_up(self, follow_up: FollowUp) -> _Part:
        lang, words = self.lang, self.words
        return (
            self.label("follow_up", follow_up.modality),
            follow_up.description,
            self.details(
                ("responsible", self.names(self.actors, follow_up.responsible)),
                ("method", follow_up.method),
                ("cadence", describe(follow_up.cadence, lang)),
                ("within", words["ordinary"] if follow_up.ordinary_cycle else None),
            ),
        )


def _summary_text(plan: Plan, lang: Lang) -> str:
    summary = _Summary(plan, lang)
    lines = [plan.title, "=" * len(plan.title)]
    lines.extend(f"{label}: {value}" for label, value in summary.header())
    for heading, parts in summary.sections():
        lines.extend(("", heading))
        if not parts:
            lines.append(f"  {summary.words['empty']}")
        for label, headline, details in parts:
            lines.append(f"  - {label}: {headline}")
            lines.extend(f"      {key}: {value}" for key, value in details)
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = str.maketrans({char: f"\\{char}" for char in "\\`*_[]<>#|"})


_MARKDOWN_LEADING = re.compile(r"^[-+=>~]")
"""What starts a list item, quote, setext underline or code fence when it opens a line."""
_MARKDOWN_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?= |$)")
"""What starts a numbered list item when it opens a line (but not after ``## ``)."""


def _md(text: str, *, line_start: bool = False) -> str:
    r"""Escape *text* for Markdown as one line of plain words, whatever it holds.

    Every run of whitespace, line breaks included (``\r``, ``\n``, U+2028, ...), becomes
    one space, so a text cannot start a new block. Markup characters are escaped, and so
    is a leading ``-``, ``+``, ``=``, ``>`` or ``~`` that would open a list, quote,
    underline or fence; with *line_start*, for text that opens a line or a list item's
    content, a leading ``1.`` or ``1)`` too (in a heading it stays as written).
    """
    flat = " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
    flat = _MARKDOWN_LEADING.sub(lambda match: f"\\{match[0]}", flat, count=1)
    if line_start:
        flat = _MARKDOWN_NUMBERED.sub(lambda match: f"{match[1]}\\{match[2]}", flat, count=1)
    return flat


def _summary_markdown(plan: Plan, lang: Lang) -> str:
    summary = _Summary(plan, lang)
    blocks = [[f"# {_md(plan.title)}"]]
    header = [f"- **{label}:** {_md(value)}" for label, value in summary.header()]
    if header:
        blocks.append(header)
    for heading, parts in summary.sections():
        blocks.append([f"## {_md(heading)}"])
        lines = [] if parts else [f"_{summary.words['empty']}_"]
        for label, headline, details in parts:
            lines.append(f"- **{label}:** {_md(headline)}")
            lines.extend(f"    - {key}: {_md(value)}" for key, value in details)
        blocks.append(lines)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# --- analysis output: tables, networks, profiles, counties ----------------------------------

_TERMS: dict[Lang, dict[str, str]] = {
    "sv": {
        "actors": "Aktörer",
        "forums": "Forum",
        "seats": "Platser i forum",
        "contacts": "Aktörspar som möts",
        "density": "Täthet",
        "centralization": "Centralisering (grad)",
        "betweenness_centralization": "Centralisering (mellanhänder)",
        "brokers": "Mellanhänder",
        "articulation_points": "Artikulationspunkter",
        "bridges": "Broar",
        "isolated": "Aktörer utan forum",
        "components": "Delar",
        "communities": "Grupper",
        "none": "inga",
        "actor": "aktör",
        "forum": "forum",
        "measure": "åtgärd",
        "profile": "Profil",
        "requirements": "krav",
        "approximate": "Några antal bygger på en ungefärlig översättning mellan nivåscheman.",
        "actor kind": "aktörstyp",
        "prevention level": "preventionsnivå",
        "milieu": "miljö",
        "published": "Publicerat till",
        "collection": "kalendern skapades",
        "created": "nya",
        "updated": "uppdaterade",
        "cancelled": "inställda",
    },
    "en": {
        "actors": "Actors",
        "forums": "Forums",
        "seats": "Seats in forums",
        "contacts": "Actor pairs who meet",
        "density": "Density",
        "centralization": "Centralization (degree)",
        "betweenness_centralization": "Centralization (betweenness)",
        "brokers": "Brokers",
        "articulation_points": "Articulation points",
        "bridges": "Bridges",
        "isolated": "Actors in no forum",
        "components": "Components",
        "communities": "Communities",
        "none": "none",
        "actor": "actor",
        "forum": "forum",
        "measure": "measure",
        "profile": "Profile",
        "requirements": "requirements",
        "approximate": "Some counts rest on an approximate crosswalk between level schemes.",
        "actor kind": "actor kind",
        "prevention level": "prevention level",
        "milieu": "milieu",
        "published": "Published to",
        "collection": "the calendar was created",
        "created": "created",
        "updated": "updated",
        "cancelled": "cancelled",
    },
}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _is_count(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _table_text(rows: Sequence[Sequence[object]]) -> list[str]:
    """A header row and body rows in aligned columns, numbers to the right."""
    texts = [[_cell_text(value) for value in row] for row in rows]
    widths = [max(len(row[index]) for row in texts) for index in range(len(texts[0]))]

    def line(row: Sequence[object], cells: Sequence[str]) -> str:
        shown = [
            text.rjust(width) if _is_count(value) else text.ljust(width)
            for value, text, width in zip(row, cells, widths, strict=True)
        ]
        return "  ".join(shown).rstrip()

    rule = "  ".join("-" * width for width in widths)
    body = [line(row, cells) for row, cells in zip(rows[1:], texts[1:], strict=True)]
    return [line(rows[0], texts[0]), rule, *body]


def _table_markdown(rows: Sequence[Sequence[object]]) -> list[str]:
    def line(row: Sequence[object]) -> str:
        return "| " + " | ".join(_md(_cell_text(value)) for value in row) + " |"

    rule = "|" + "|".join("---" for _ in rows[0]) + "|"
    return [line(rows[0]), rule, *(line(row) for row in rows[1:])]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str | float | None) -> str | float:
    """A cell a spreadsheet shows as text: a leading formula character gets a quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return f"'{value}"
    return value


def _csv(rows: Sequence[Sequence[str | float | None]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


class _Names:
    """The plan's parts by id and by network node id, for people."""

    def __init__(self, plan: Plan, lang: Lang) -> None:
        self.terms = _TERMS[lang]
        self.lang = lang
        self.parts = {
            "actor": {actor.id: actor.name for actor in plan.actors},
            "forum": {forum.id: forum.name for forum in plan.forums},
            "measure": {measure.id: measure.description for measure in plan.measures},
            "milieu": {milieu.id: milieu.name for milieu in plan.milieus},
        }
        self.enums: dict[str, dict[str, str]] = {
            "actor kind": {kind.value: kind.label(lang) for kind in ActorKind},
            "prevention level": {level.value: level.label(lang) for level in PreventionLevel},
        }

    def actor(self, actor_id: str) -> str:
        return self.parts["actor"].get(actor_id, actor_id)

    def node(self, node: str) -> str:
        """``Polisen [aktör]`` for ``actor:polisen``."""
        mode, _, item = node.partition(":")
        name = self.parts.get(mode, {}).get(item, item)
        return f"{name} [{self.terms.get(mode, mode)}]"

    def key(self, axis: str, key: str) -> str:
        """A matrix row or column key by name: an actor kind's label, a forum's name."""
        if axis in self.enums:
            return self.enums[axis].get(key, key)
        return self.parts.get(axis, {}).get(key, key)

    def axis(self, axis: str) -> str:
        return self.terms.get(axis, axis)


def _network_text(plan: Plan, summary: NetworkSummary, lang: Lang) -> str:
    names = _Names(plan, lang)
    terms = names.terms

    def listed(items: Sequence[str]) -> str:
        return ", ".join(items) if items else terms["none"]

    brokers = [f"{names.actor(actor)} {score:.3f}" for actor, score in summary.brokers]
    cut_points = [names.node(node) for node in summary.articulation_points]
    bridges = [f"{names.node(first)} – {names.node(second)}" for first, second in summary.bridges]
    lines = [
        plan.title,
        "=" * len(plan.title),
        f"{terms['actors']}: {summary.actors}",
        f"{terms['forums']}: {summary.forums}",
        f"{terms['seats']}: {summary.seats}",
        f"{terms['contacts']}: {summary.contacts}",
        f"{terms['density']}: {summary.density:.3f}",
        f"{terms['centralization']}: {summary.centralization:.3f}",
        f"{terms['betweenness_centralization']}: {summary.betweenness_centralization:.3f}",
        f"{terms['brokers']}: {listed(brokers)}",
        f"{terms['articulation_points']}: {listed(cut_points)}",
        f"{terms['bridges']}: {listed(bridges)}",
        f"{terms['isolated']}: {listed([names.actor(actor) for actor in summary.isolated])}",
        f"{terms['components']}: {summary.components}",
        f"{terms['communities']}: {len(summary.communities)}",
    ]
    lines.extend(
        f"  {number}. {', '.join(names.actor(actor) for actor in group)}"
        for number, group in enumerate(summary.communities, start=1)
    )
    return "\n".join(lines) + "\n"


def _profiles_listing(fmt: str, lang: Lang) -> str:
    from actionplan import coverage  # noqa: PLC0415 - loaded only when needed

    bundled = [coverage.profile(name) for name in coverage.PROFILES]
    if fmt == "json":
        return _json(
            [
                {
                    "id": item.id,
                    "name": item.name_in(lang),
                    "source": item.source,
                    "requirements": len(item.requirements),
                }
                for item in bundled
            ]
        )
    noun = _TERMS[lang]["requirements"]
    if fmt == "markdown":
        lines = [
            f"- {_code(item.id)}: {_md(item.name_in(lang))} ({_md(item.source)}, "
            f"{len(item.requirements)} {noun})"
            for item in bundled
        ]
        return "\n".join(lines) + "\n"
    width = max(len(item.id) for item in bundled)
    lines = [
        f"{item.id.ljust(width)}  {item.name_in(lang)} ({item.source}, "
        f"{len(item.requirements)} {noun})"
        for item in bundled
    ]
    return "\n".join(lines) + "\n"


def _matrix_rows(matrix: Matrix[int] | Matrix[str], names: _Names) -> list[list[object]]:
    roles = {role.value: role.label(names.lang) for role in Role}
    rows: list[list[object]] = [
        [
            names.axis(matrix.row_label),
            *(names.key(matrix.column_label, column) for column in matrix.columns),
        ]
    ]
    for row, cells in zip(matrix.rows, matrix.cells, strict=True):
        shown = [roles.get(cell, cell) if isinstance(cell, str) else cell for cell in cells]
        rows.append([names.key(matrix.row_label, row), *shown])
    return rows


def _matrix_title(matrix: Matrix[int] | Matrix[str], names: _Names) -> str:
    return f"{names.axis(matrix.row_label).capitalize()} × {names.axis(matrix.column_label)}"


def _coverage_output(
    plan: Plan,
    checked: Sequence[tuple[Profile, Sequence[Finding]]],
    matrices: Sequence[tuple[str, Matrix[int] | Matrix[str]]],
    fmt: str,
    lang: Lang,
) -> str:
    names = _Names(plan, lang)
    if fmt == "json":
        return _json(
            {
                "profiles": [
                    {"id": item.id, "name": item.name_in(lang), "source": item.source}
                    for item, _ in checked
                ],
                "findings": [
                    {**finding.to_dict(lang), "profile": item.id}
                    for item, found in checked
                    for finding in found
                ],
                "matrices": {name: matrix.to_dict() for name, matrix in matrices},
            }
        )
    blocks: list[list[str]] = []
    profile_word = _TERMS[lang]["profile"]
    for item, found in checked:
        head = f"{profile_word}: {item.name_in(lang)} ({item.id}, {item.source})"
        if fmt == "markdown":
            blocks.append([f"## {_md(head)}", "", *_findings_markdown_lines(found, lang)])
        else:
            blocks.append([head, *_findings_text(found, lang).splitlines()])
    for _name, matrix in matrices:
        title = _matrix_title(matrix, names)
        rows = _matrix_rows(matrix, names)
        note = [_TERMS[lang]["approximate"]] if matrix.approximate else []
        if fmt == "markdown":
            blocks.append([f"## {_md(title)}", "", *_table_markdown(rows), *note])
        else:
            blocks.append([title, *_table_text(rows), *note])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _county_text(table: CountyTable, findings: Sequence[Finding], lang: Lang) -> str:
    lines = [f"{_TERMS[lang]['profile']}: {table.profile}", *_table_text(table.to_rows())]
    if findings:
        lines.append("")
        lines.extend(_findings_text(findings, lang).splitlines())
    return "\n".join(lines) + "\n"


def _county_markdown(table: CountyTable, findings: Sequence[Finding], lang: Lang) -> str:
    lines = [f"{_TERMS[lang]['profile']}: {_code(table.profile)}", ""]
    lines.extend(_table_markdown(table.to_rows()))
    if findings:
        lines.append("")
        lines.extend(_findings_markdown_lines(findings, lang))
    return "\n".join(lines) + "\n"


def _publish_dict(result: PublishResult) -> dict[str, Any]:
    return {
        "url": result.url,
        "created_collection": result.created_collection,
        "created": list(result.created),
        "updated": list(result.updated),
        "cancelled": list(result.cancelled),
    }


def _publish_text(result: PublishResult, lang: Lang, *, verbose: bool) -> str:
    terms = _TERMS[lang]
    lines = [f"{terms['published']} {result.url}"]
    if result.created_collection:
        lines.append(f"  ({terms['collection']})")
    for key in ("created", "updated", "cancelled"):
        uids: tuple[str, ...] = getattr(result, key)
        lines.append(f"{terms[key]}: {len(uids)}")
        if verbose:
            lines.extend(f"  {uid}" for uid in uids)
    return "\n".join(lines) + "\n"
