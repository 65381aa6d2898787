"""The ``actionplan`` command: validate, show and convert plan files, print their schema.

A thin layer over the public API: parse the arguments, call the library, render the
result. Library errors become one line per problem on standard error and exit status 2;
findings at or above ``--fail-on`` give exit status 1. Only this module prints.

Examples:
    >>> main(["validate", "--quiet"])
    0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import actionplan
from actionplan.cadence import describe
from actionplan.errors import ActionPlanError, InvalidPlanError, PlanFileError
from actionplan.findings import Finding, Severity
from actionplan.model import (
    Actor,
    FollowUp,
    Forum,
    Invitation,
    Lang,
    Measure,
    Modality,
    Plan,
    Resource,
    SituationalPicture,
    Source,
)
from actionplan.serialization import FORMATS, write_atomic

__all__ = ["main"]

_OK, _FINDINGS, _USAGE = 0, 1, 2
_THRESHOLDS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
_Handler = Callable[[argparse.Namespace], int]


# --- entry point ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``actionplan`` command with *argv* (default: the process's arguments).

    Args:
        argv: The arguments after the program name.

    Returns:
        The exit status: 0 when all went well, 1 when ``validate`` found something at or
        above ``--fail-on``, 2 for a file that cannot be read or a bad request.
    """
    args = _parser().parse_args(argv)
    run: _Handler = args.run
    try:
        return run(args)
    except InvalidPlanError as error:
        head = f"{error.source}: " if error.source else ""
        lines = [f"error: {head}{problem}" for problem in error.problems] or [f"error: {error}"]
        print("\n".join(lines), file=sys.stderr)
    except ActionPlanError as error:
        print(f"error: {error}", file=sys.stderr)
    return _USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actionplan",
        description="Validate, show and convert local action plans (lokala handlingsplaner).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {actionplan.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print no notes on standard error, such as 'wrote OUT'",
    )
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write to OUT (atomically) instead of standard output",
    )
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument(
        "--lang",
        choices=("sv", "en"),
        help="language of the output (default: the plan's own language)",
    )
    optional_file = argparse.ArgumentParser(add_help=False)
    optional_file.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="plan file (.json, .toml, .yaml, .yml); the bundled example plan when left out",
    )

    validate = commands.add_parser(
        "validate",
        parents=[optional_file, output, lang],
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
        choices=("text", "json"),
        default="text",
        help="text, one finding a line (default), or json, a list of findings",
    )
    validate.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="exit with status 1 when a finding is at least this severe (default: error)",
    )
    validate.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="run the rules about time (a stale situational picture, a plan past its "
        "revision date) as of this day",
    )
    validate.set_defaults(run=_validate)

    show = commands.add_parser(
        "show",
        parents=[optional_file, common, output, lang],
        help="print a readable summary of a plan",
        description="Print the plan section by section, with every part that cites it.",
    )
    show.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default), markdown, or json: the plan in its file form",
    )
    show.set_defaults(run=_show)

    convert = commands.add_parser(
        "convert",
        parents=[common, output],
        help="rewrite a plan file in another format",
        description="Read a plan file and write it as JSON, TOML or YAML, without loss.",
    )
    convert.add_argument("file", type=Path, metavar="FILE", help="plan file to read")
    convert.add_argument("--to", choices=FORMATS, required=True, help="format to write")
    convert.set_defaults(run=_convert)

    schema = commands.add_parser(
        "schema",
        parents=[common, output],
        help="print the JSON Schema of the plan file format",
        description="Print the JSON Schema that plan files (in any format) follow.",
    )
    schema.set_defaults(run=_schema)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


# --- commands -------------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    plan = _load(args.file)
    lang: Lang = args.lang or plan.language
    findings = actionplan.validate(plan, today=args.today)
    if args.format == "json":
        text = _json([finding.to_dict(lang) for finding in findings])
    else:
        text = _findings_text(findings, lang)
    if args.output is not None or not args.quiet:
        _emit(text, args.output, quiet=args.quiet)
    threshold = _THRESHOLDS.get(args.fail_on)
    failed = threshold is not None and any(f.severity >= threshold for f in findings)
    return _FINDINGS if failed else _OK


def _show(args: argparse.Namespace) -> int:
    plan = _load(args.file)
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


# --- helpers --------------------------------------------------------------------------------


def _load(file: Path | None) -> Plan:
    if file is not None:
        return actionplan.load(file)
    try:
        return actionplan.example()
    except FileNotFoundError as error:
        message = "the bundled example plan is missing; reinstall actionplan or give a FILE"
        raise PlanFileError(message) from error


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _emit(text: str, output: Path | None, *, quiet: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text.encode("utf-8"))
    _note(f"wrote {output}", quiet=quiet)


def _note(text: str, *, quiet: bool) -> None:
    if not quiet:
        print(text, file=sys.stderr)


def _findings_text(findings: Sequence[Finding], lang: Lang) -> str:
    lines = []
    for finding in findings:
        where = f" {finding.path}" if finding.path else ""
        lines.append(f"{finding.severity.label(lang)} {finding.code}{where}: {finding.text(lang)}")
    counts = [
        f"{severity.label(lang)}: {count}"
        for severity in reversed(Severity)
        if (count := sum(f.severity is severity for f in findings))
    ]
    if not findings:
        lines.append("inga fynd" if lang == "sv" else "no findings")
    else:
        noun = "finding" if len(findings) == 1 else "findings"
        noun = "fynd" if lang == "sv" else noun
        lines.append(f"{len(findings)} {noun} ({', '.join(counts)})")
    return "\n".join(lines) + "\n"


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


def _md(text: str) -> str:
    return text.translate(_MARKDOWN_SPECIAL)


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
