"""A report for the council and the crime-prevention council: one self-contained HTML file.

:func:`build` gathers what a coordinator hands to the council about one year of a plan:
the plan at a glance, the findings with the plan's own words they rest on, coverage
tables with the gaps marked, the collaboration network, the annual wheel with the year's
meetings, and what changed since the previous version. :func:`to_html` writes it as one
HTML page that needs no network to be read (styles and pictures are inline, nothing is
fetched), :func:`to_markdown` as Markdown for a wiki or a case system.

A report is public by default: internal and confidential parts of the plan (a
collaboration group that discusses individuals) are left out of every table, picture and
finding. The plan's own section headings and quoted sentences are public, as the adopted
plan is a public document.

Every text from the plan is escaped, so a name cannot inject markup, and the same inputs
give the same bytes: nothing depends on the clock unless *today* is given.

Examples:
    >>> import actionplan
    >>> from actionplan import report
    >>> made = report.build(actionplan.example(), year=2027)
    >>> [row[0].text for row in made.meetings.rows]
    ['tis 2027-02-09', 'tis 2027-05-11', 'tis 2027-08-10', 'tis 2027-11-09']
    >>> report.to_html(made).startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from importlib.metadata import version
from typing import Literal, Protocol, TypeAlias, TypeVar

import attrs
from attrs import frozen

from actionplan import network
from actionplan.changes import ChangeKind, Changes, FieldChange, PartChange, compare, readable
from actionplan.coverage import (
    Matrix,
    Profile,
    RequirementResult,
    actor_level_matrix,
    evaluate,
    forum_actor_matrix,
    milieu_level_matrix,
)
from actionplan.coverage import profile as bundled_profile
from actionplan.errors import InvalidValueError
from actionplan.findings import Finding, Severity
from actionplan.model import (
    ActorKind,
    Classification,
    Lang,
    Plan,
    PreventionLevel,
    Role,
)
from actionplan.schedule import Occurrence, OccurrenceKind, Schedule, schedule
from actionplan.validation import validate

__all__ = [
    "Cell",
    "Format",
    "Report",
    "Table",
    "build",
    "render",
    "to_html",
    "to_markdown",
]

Format: TypeAlias = Literal["html", "markdown"]
"""The formats :func:`render` writes."""

_WORDS: dict[Lang, dict[str, str]] = {
    "sv": {
        "report": "Rapport {year}",
        "public": "Offentlig version: planens interna och sekretessbelagda delar är utelämnade.",
        "internal": "Intern version: innehåller planens interna och sekretessbelagda delar. "
        "Publicera den inte.",
        "contents": "Innehåll",
        "glance": "Planen i korthet",
        "findings": "Iakttagelser",
        "coverage": "Täckning",
        "network": "Samverkansnätverket",
        "calendar": "Årshjul och möten {year}",
        "changes": "Förändringar sedan föregående version",
        "changes_since": "Förändringar sedan föregående version ({decision})",
        "title": "Titel",
        "decision": "Beslut",
        "municipalities": "Kommuner",
        "validity": "Giltighet",
        "language": "Språk",
        "none": "Inga.",
        "dash": "—",
        "parts": "Planens delar",
        "part": "Del",
        "number": "Antal",
        "actors": "Aktörer",
        "forums": "Forum",
        "measures": "Åtgärder",
        "milieus": "Miljöer",
        "pictures": "Lägesbilder",
        "invitations": "Inbjudningar",
        "resources": "Resurser",
        "follow_ups": "Uppföljningar",
        "sections": "Planens punkter",
        "error": "Fel",
        "warning": "Varningar",
        "info": "Information",
        "point": "Punkt {number}",
        "findings_intro": "Iakttagelserna bygger på planens egna formuleringar; "
        "varje iakttagelse citerar den punkt den gäller.",
        "requirements": "Krav: {profile}",
        "requirement": "Krav",
        "requirements_public": "Uppfyllt gäller hela planen; iakttagelser om interna och "
        "sekretessbelagda delar räknas inte i den offentliga versionen.",
        "met": "Uppfyllt",
        "yes": "ja",
        "no": "nej",
        "actor_levels": "Aktörstyp och preventionsnivå: antal åtgärder",
        "milieu_levels": "Miljö och preventionsnivå: antal åtgärder",
        "seats": "Aktörer i forum: roll",
        "actor_kind": "Aktörstyp",
        "milieu": "Miljö",
        "actor": "Aktör",
        "gap_note": "Rutor markerade med 0 är luckor: ingen åtgärd.",
        "seat_note": "Markerade aktörer har ingen plats i något forum; "
        "markerade forum har inga medlemmar.",
        "approximate": "Vissa antal bygger på en ungefärlig översättning mellan nivåskalor.",
        "no_rows": "Planen har inget att visa här.",
        "network_caption": "Aktörer (cirklar) och forum (fyrkanter); "
        "en linje för varje plats i ett forum.",
        "measure": "Mått",
        "network_measures": "Nätverksmått",
        "value": "Värde",
        "meaning": "Vad det betyder",
        "net_actors": "Aktörer",
        "net_actors_means": "aktörer i nätverket",
        "net_forums": "Forum",
        "net_forums_means": "forum i nätverket",
        "net_seats": "Platser",
        "net_seats_means": "en aktörs plats i ett forum",
        "net_contacts": "Kontakter",
        "net_contacts_means": "par av aktörer som möts i minst ett forum",
        "net_density": "Täthet",
        "net_density_means": "andel av alla tänkbara kontakter som finns (0–1)",
        "net_central": "Centralisering",
        "net_central_means": "hur mycket kontakterna hänger på en enda aktör (0–1)",
        "net_between": "Mellanhandscentralisering",
        "net_between_means": "hur mycket vägarna mellan aktörer går genom en enda aktör (0–1)",
        "net_components": "Delar",
        "net_components_means": "delar av nätverket som inte når varandra; "
        "en aktör utan forum är en egen del",
        "net_brokers": "Mellanhänder",
        "net_brokers_means": "aktörer som förbinder andra som annars inte möts",
        "net_cut": "Sårbara punkter",
        "net_cut_means": "aktörer och forum som skulle dela nätverket om de föll bort",
        "net_isolated": "Aktörer utan forum",
        "net_isolated_means": "aktörer som planen ger en roll men ingen plats att mötas",
        "wheel_caption": "Årets möten och att göra klart, månad för månad.",
        "meetings": "Möten {year}",
        "deadlines": "Att göra klart {year}",
        "date": "Datum",
        "time": "Tid",
        "what": "Forum eller åtgärd",
        "participants": "Deltagare",
        "place": "Plats",
        "due": "Vad",
        "dates": "Datum",
        "more": "och {count} till, den sista {last}",
        "no_meetings": "Inga möten är schemalagda {year}.",
        "no_pictures": "Bilderna saknas: matplotlib är inte installerat "
        "(installera actionplan med tillägget plot).",
        "markdown_pictures": "Bilderna (nätverket och årshjulet) finns i HTML-versionen.",
        "no_changes": "Inga förändringar.",
        "the_plan": "Planen",
        "field": "Uppgift",
        "before": "Förut",
        "now": "Nu",
        "change": "Ändring",
        "name": "Namn",
        "details": "Vad som ändrats",
        "made_with": "Gjord med actionplan {version}",
        "made_on": "den {day}",
        "alt_network": "Samverkansnätverket: aktörer och forum",
        "alt_wheel": "Årshjul {year}",
    },
    "en": {
        "report": "Report {year}",
        "public": "Public version: the plan's internal and confidential parts are left out.",
        "internal": "Internal version: includes the plan's internal and confidential parts. "
        "Do not publish it.",
        "contents": "Contents",
        "glance": "The plan at a glance",
        "findings": "Findings",
        "coverage": "Coverage",
        "network": "The collaboration network",
        "calendar": "Annual wheel and meetings {year}",
        "changes": "Changes since the previous version",
        "changes_since": "Changes since the previous version ({decision})",
        "title": "Title",
        "decision": "Decision",
        "municipalities": "Municipalities",
        "validity": "Validity",
        "language": "Language",
        "none": "None.",
        "dash": "—",
        "parts": "Parts of the plan",
        "part": "Part",
        "number": "Number",
        "actors": "Actors",
        "forums": "Forums",
        "measures": "Measures",
        "milieus": "Milieus",
        "pictures": "Situational pictures",
        "invitations": "Invitations",
        "resources": "Resources",
        "follow_ups": "Follow-ups",
        "sections": "The plan's sections",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Information",
        "point": "Point {number}",
        "findings_intro": "The findings rest on the plan's own words; "
        "each cites the point it is about.",
        "requirements": "Requirements: {profile}",
        "requirement": "Requirement",
        "requirements_public": "Met refers to the whole plan; findings about internal and "
        "confidential parts are not counted in the public version.",
        "met": "Met",
        "yes": "yes",
        "no": "no",
        "actor_levels": "Actor kind by prevention level: number of measures",
        "milieu_levels": "Milieu by prevention level: number of measures",
        "seats": "Actors in forums: role",
        "actor_kind": "Actor kind",
        "milieu": "Milieu",
        "actor": "Actor",
        "gap_note": "Cells marked 0 are gaps: no measure.",
        "seat_note": "Marked actors have no seat in any forum; marked forums have no members.",
        "approximate": "Some counts rest on an approximate crosswalk between level schemes.",
        "no_rows": "The plan has nothing to show here.",
        "network_caption": "Actors (circles) and forums (squares); a line for each seat.",
        "measure": "Measure",
        "network_measures": "Network measures",
        "value": "Value",
        "meaning": "What it means",
        "net_actors": "Actors",
        "net_actors_means": "actors in the network",
        "net_forums": "Forums",
        "net_forums_means": "forums in the network",
        "net_seats": "Seats",
        "net_seats_means": "an actor's seat in a forum",
        "net_contacts": "Contacts",
        "net_contacts_means": "pairs of actors who meet in at least one forum",
        "net_density": "Density",
        "net_density_means": "share of all possible contacts that exist (0–1)",
        "net_central": "Centralization",
        "net_central_means": "how much the contacts hang on a single actor (0–1)",
        "net_between": "Betweenness centralization",
        "net_between_means": "how much the paths between actors run through one actor (0–1)",
        "net_components": "Parts",
        "net_components_means": "parts of the network that cannot reach each other; "
        "an actor without a forum is a part of its own",
        "net_brokers": "Brokers",
        "net_brokers_means": "actors who link others who otherwise never meet",
        "net_cut": "Single points of failure",
        "net_cut_means": "actors and forums whose loss would split the network",
        "net_isolated": "Actors without a forum",
        "net_isolated_means": "actors the plan gives a part but nowhere to meet",
        "wheel_caption": "The year's meetings and deadlines, month by month.",
        "meetings": "Meetings in {year}",
        "deadlines": "Deadlines in {year}",
        "date": "Date",
        "time": "Time",
        "what": "Forum or measure",
        "participants": "Participants",
        "place": "Place",
        "due": "What",
        "dates": "Dates",
        "more": "and {count} more, the last on {last}",
        "no_meetings": "No meetings are scheduled in {year}.",
        "no_pictures": "The pictures are missing: matplotlib is not installed "
        "(install actionplan with the plot extra).",
        "markdown_pictures": "The pictures (the network and the annual wheel) are in the "
        "HTML version.",
        "no_changes": "No changes.",
        "the_plan": "The plan",
        "field": "Field",
        "before": "Before",
        "now": "Now",
        "change": "Change",
        "name": "Name",
        "details": "What changed",
        "made_with": "Made with actionplan {version}",
        "made_on": "on {day}",
        "alt_network": "The collaboration network: actors and forums",
        "alt_wheel": "Annual wheel {year}",
    },
}

_WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

_SECTION_IDS = ("glance", "findings", "coverage", "network", "calendar", "changes")

_MOST_DATES = 12
"""A deadline series lists at most this many dates; the rest are counted."""


# --- the report's data -------------------------------------------------------------------


@frozen(kw_only=True)
class Cell:
    """One cell of a table: its text, and whether it marks a gap in the plan.

    Attributes:
        text: What the cell says, plain text (renderers escape it).
        gap: Whether the cell shows something missing (a level without a measure, an
            actor without a seat); renderers highlight it.
    """

    text: str
    gap: bool = False


@frozen(kw_only=True)
class Table:
    """A table of the report, ready to render: the first column names the rows.

    Attributes:
        id: A short slug, used as the HTML table's id.
        caption: What the table shows.
        header: The column headings.
        rows: The rows, each with one cell per heading.
        note: A sentence under the table, e.g. how to read its gaps.
    """

    id: str
    caption: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str | None = None


@frozen(kw_only=True)
class Report:
    """Everything the renderers need, in one language, with hidden parts already left out.

    Attributes:
        lang: The language of the report's own words.
        year: The year of the calendar part.
        public: Whether internal and confidential parts were left out.
        today: The day the report was made, if given; it is printed, and time-bound
            rules (a stale situational picture) ran against it.
        title: The plan's title.
        facts: The plan at a glance, as (label, value) pairs.
        counts: How many parts of each kind the (shown) plan has.
        sections: The plan's sections as (number, heading) pairs.
        findings: Validation, requirement and scheduling findings, most severe first.
        requirements: One table per requirement profile: each requirement and whether
            the plan meets it.
        coverage: The coverage tables (actor kind by level, milieu by level, actors in
            forums).
        network: The network measures, as a table with what each one means.
        network_svg: The network picture as inline SVG, ``None`` without matplotlib.
        wheel_svg: The annual wheel as inline SVG, ``None`` without matplotlib.
        pictures_note: Why the pictures are missing, when they are.
        meetings: The year's meetings: date, time, forum, participants, place.
        deadlines: The year's deadlines, one row per series.
        changes: What changed since the previous version, when one was given.
        changes_heading: The heading of the changes part.
        version: The version of actionplan that made the report.
    """

    lang: Lang
    year: int
    public: bool
    today: date | None
    title: str
    facts: tuple[tuple[str, str], ...]
    counts: Table
    sections: tuple[tuple[str, str], ...]
    findings: tuple[Finding, ...]
    requirements: tuple[Table, ...]
    coverage: tuple[Table, ...]
    network: Table
    network_svg: str | None
    wheel_svg: str | None
    pictures_note: str | None
    meetings: Table
    deadlines: Table
    changes: Changes | None
    changes_heading: str
    version: str

    def words(self, key: str) -> str:
        """The report's own word for *key* in its language (section headings, labels)."""
        return _WORDS[self.lang][key]


# --- what a public report must not show --------------------------------------------------


_LISTS = (
    "actors",
    "forums",
    "measures",
    "situational_pictures",
    "invitations",
    "resources",
    "follow_ups",
)


@frozen
class _Hidden:
    """The internal and confidential parts of a plan, and how to tell a text names one."""

    ids: frozenset[str]
    paths: tuple[str, ...]
    names: tuple[str, ...]

    def mentions(self, text: str) -> bool:
        folded = text.casefold()
        return any(name in folded for name in self.names) or any(
            f"'{item}'" in text for item in self.ids
        )

    def hides(self, finding: Finding) -> bool:
        where = finding.path or ""
        return (
            finding.subject in self.ids
            or any(where == path or where.startswith(f"{path}.") for path in self.paths)
            or self.mentions(finding.message)
            or self.mentions(finding.message_sv)
        )


def _name_of(part: object) -> str:
    for attribute in ("name", "description"):
        value = getattr(part, attribute, None)
        if isinstance(value, str):
            return value
    return str(getattr(part, "subject", ""))


def _hidden(plan: Plan, *others: Plan) -> _Hidden:
    ids: set[str] = set()
    paths: list[str] = []
    names: set[str] = set()
    for index, which in enumerate((plan, *others)):
        for list_name in _LISTS:
            for position, part in enumerate(getattr(which, list_name)):
                if part.classification is Classification.PUBLIC:
                    continue
                ids.add(part.id)
                names.add(_name_of(part).casefold())
                if index == 0:
                    paths.append(f"{list_name}[{position}]")
    return _Hidden(
        ids=frozenset(ids), paths=tuple(paths), names=tuple(sorted(n for n in names if n))
    )


def _visible(plan: Plan) -> Plan:
    """The plan without its internal and confidential parts."""
    return attrs.evolve(
        plan,
        actors=_public(plan.actors),
        forums=_public(plan.forums),
        measures=_public(plan.measures),
        situational_pictures=_public(plan.situational_pictures),
        invitations=_public(plan.invitations),
        resources=_public(plan.resources),
        follow_ups=_public(plan.follow_ups),
    )


class _Classified(Protocol):
    @property
    def classification(self) -> Classification: ...


_C = TypeVar("_C", bound=_Classified)


def _public(parts: tuple[_C, ...]) -> tuple[_C, ...]:
    return tuple(part for part in parts if part.classification is Classification.PUBLIC)


# --- building ----------------------------------------------------------------------------


def _check_lang(lang: str) -> Lang:
    if lang == "sv":
        return "sv"
    if lang == "en":
        return "en"
    raise InvalidValueError("lang", lang, f"{lang!r} is not supported", "use 'sv' or 'en'")


def _number(value: float, lang: Lang) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "sv" else text


def _cells(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text=text) for text in texts)


def _facts(plan: Plan, words: Mapping[str, str], lang: Lang) -> tuple[tuple[str, str], ...]:
    facts: list[tuple[str, str]] = []
    if plan.decision is not None:
        body = f" ({plan.decision.body_name})" if plan.decision.body_name else ""
        facts.append((words["decision"], f"{plan.decision}{body}"))
    if plan.municipalities:
        names = ", ".join(f"{m.name} ({m.code})" for m in plan.municipalities)
        facts.append((words["municipalities"], names))
    if plan.validity is not None:
        facts.append((words["validity"], readable(plan.validity, lang)))
    return tuple(facts)


def _counts(shown: Plan, words: Mapping[str, str]) -> Table:
    rows = (
        ("actors", len(shown.actors)),
        ("forums", len(shown.forums)),
        ("measures", len(shown.measures)),
        ("milieus", len(shown.milieus)),
        ("pictures", len(shown.situational_pictures)),
        ("invitations", len(shown.invitations)),
        ("resources", len(shown.resources)),
        ("follow_ups", len(shown.follow_ups)),
    )
    return Table(
        id="parts",
        caption=words["parts"],
        header=_cells(words["part"], words["number"]),
        rows=tuple(_cells(words[key], str(count)) for key, count in rows),
    )


_DIGITS = re.compile(r"([0-9]+)")


def _order(finding: Finding) -> tuple[int, str, tuple[tuple[int, int | str], ...], str]:
    path = tuple(
        (0, int(bit)) if bit.isdigit() else (1, bit) for bit in _DIGITS.split(finding.path or "")
    )
    return (-finding.severity.rank, finding.code, path, finding.message)


def _findings(
    own: Iterable[Finding], others: Iterable[Finding], hidden: _Hidden | None
) -> tuple[Finding, ...]:
    """Validation findings, plus the others that are not about a place validation reported."""
    kept = list(own)
    places = {f.path for f in kept if f.path}
    seen = {(f.code, f.path, f.subject) for f in kept}
    for finding in others:
        key = (finding.code, finding.path, finding.subject)
        if (finding.path and finding.path in places) or key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    if hidden is not None:
        kept = [f for f in kept if not hidden.hides(f)]
    return tuple(sorted(kept, key=_order))


def _requirements(
    results: Sequence[tuple[Profile, tuple[RequirementResult, ...]]],
    words: Mapping[str, str],
    lang: Lang,
    shown: Callable[[Finding], bool],
    *,
    public: bool,
) -> tuple[Table, ...]:
    tables = []
    for index, (profile, checked) in enumerate(results):
        rows = tuple(
            (
                Cell(text=result.requirement.title_in(lang)),
                Cell(text=words["yes"] if result.met else words["no"], gap=not result.met),
                Cell(text=str(sum(1 for f in result.findings if shown(f)))),
            )
            for result in checked
        )
        tables.append(
            Table(
                id=f"requirements-{index + 1}",
                caption=words["requirements"].format(profile=profile.name_in(lang)),
                header=_cells(words["requirement"], words["met"], words["findings"]),
                rows=rows,
                note=words["requirements_public"] if public else None,
            )
        )
    return tuple(tables)


def _count_table(
    matrix: Matrix[int],
    *,
    table_id: str,
    caption: str,
    row_label: str,
    row_names: Callable[[str], str],
    words: Mapping[str, str],
    lang: Lang,
) -> Table:
    header = (
        Cell(text=row_label),
        *(Cell(text=PreventionLevel.parse(column).label(lang)) for column in matrix.columns),
    )
    rows = tuple(
        (
            Cell(text=row_names(row)),
            *(Cell(text=str(count), gap=count == 0) for count in cells),
        )
        for row, cells in zip(matrix.rows, matrix.cells, strict=True)
    )
    notes = [words["gap_note"] if rows else words["no_rows"]]
    if matrix.approximate:
        notes.append(words["approximate"])
    return Table(id=table_id, caption=caption, header=header, rows=rows, note=" ".join(notes))


def _seat_table(shown: Plan, words: Mapping[str, str], lang: Lang) -> Table:
    """Actors down, forums across: who sits where (the forum-by-actor matrix, turned)."""
    matrix = forum_actor_matrix(shown)
    empty_forums = set(matrix.empty_rows())
    empty_actors = set(matrix.empty_columns())
    forum_names = {forum.id: forum.name for forum in shown.forums}
    header = (
        Cell(text=words["actor"]),
        *(Cell(text=forum_names[f], gap=f in empty_forums) for f in matrix.rows),
    )
    rows = tuple(
        (
            Cell(text=actor.name, gap=actor.id in empty_actors),
            *(
                Cell(text=Role.parse(role).label(lang) if role else "")
                for role in (matrix.cell(forum, actor.id) for forum in matrix.rows)
            ),
        )
        for actor in shown.actors
    )
    note = words["seat_note"] if rows else words["no_rows"]
    return Table(id="seats", caption=words["seats"], header=header, rows=rows, note=note)


def _coverage(shown: Plan, words: Mapping[str, str], lang: Lang) -> tuple[Table, ...]:
    milieu_names = {milieu.id: milieu.name for milieu in shown.milieus}
    return (
        _count_table(
            actor_level_matrix(shown),
            table_id="actor-levels",
            caption=words["actor_levels"],
            row_label=words["actor_kind"],
            row_names=lambda kind: ActorKind.parse(kind).label(lang),
            words=words,
            lang=lang,
        ),
        _count_table(
            milieu_level_matrix(shown),
            table_id="milieu-levels",
            caption=words["milieu_levels"],
            row_label=words["milieu"],
            row_names=lambda milieu: milieu_names.get(milieu, milieu),
            words=words,
            lang=lang,
        ),
        _seat_table(shown, words, lang),
    )


def _node_name(node: str, shown: Plan) -> str:
    mode, item = network.split_node(node)
    parts = shown.actors if mode == "actor" else shown.forums
    return next((part.name for part in parts if part.id == item), item)


def _network(
    plan: Plan, shown: Plan, *, public: bool, words: Mapping[str, str], lang: Lang
) -> Table:
    summary = network.summarise(plan, public=public)
    actor_names = {actor.id: actor.name for actor in shown.actors}
    dash = words["dash"]
    brokers = "; ".join(
        f"{actor_names.get(actor, actor)} ({_number(value, lang)})"
        for actor, value in summary.brokers
    )
    cut = "; ".join(_node_name(node, shown) for node in summary.articulation_points)
    isolated = "; ".join(actor_names.get(actor, actor) for actor in summary.isolated)
    rows = (
        ("net_actors", str(summary.actors), False),
        ("net_forums", str(summary.forums), False),
        ("net_seats", str(summary.seats), False),
        ("net_contacts", str(summary.contacts), False),
        ("net_density", _number(summary.density, lang), False),
        ("net_central", _number(summary.centralization, lang), False),
        ("net_between", _number(summary.betweenness_centralization, lang), False),
        ("net_components", str(summary.components), summary.components > 1),
        ("net_brokers", brokers or dash, False),
        ("net_cut", cut or dash, bool(cut)),
        ("net_isolated", isolated or dash, bool(isolated)),
    )
    return Table(
        id="network-measures",
        caption=words["network_measures"],
        header=_cells(words["measure"], words["value"], words["meaning"]),
        rows=tuple(
            (
                Cell(text=words[key]),
                Cell(text=value, gap=gap),
                Cell(text=words[f"{key}_means"]),
            )
            for key, value, gap in rows
        ),
    )


def _when(occurrence: Occurrence, lang: Lang) -> str:
    day = occurrence.start.date()
    return f"{_WEEKDAYS[lang][day.weekday()]} {day.isoformat()}"


def _calendar(
    year_schedule: Schedule, shown: Plan, year: int, words: Mapping[str, str], lang: Lang
) -> tuple[Table, Table]:
    actor_names = {actor.id: actor.name for actor in shown.actors}
    in_year = [o for o in year_schedule.occurrences if o.start.year == year]
    held = [o for o in in_year if o.kind is OccurrenceKind.MEETING]
    places = any(o.location for o in held)
    meetings = tuple(
        (
            Cell(text=_when(o, lang)),
            Cell(text=f"{o.start:%H:%M}–{o.end:%H:%M}"),
            Cell(text=o.summary(lang)),
            Cell(text=", ".join(actor_names[a] for a in o.participants if a in actor_names)),
            *((Cell(text=o.location or ""),) if places else ()),
        )
        for o in held
    )
    due: dict[str, list[Occurrence]] = {}
    for occurrence in in_year:
        if occurrence.kind is OccurrenceKind.DEADLINE:
            due.setdefault(occurrence.series, []).append(occurrence)
    deadlines = []
    for items in sorted(due.values(), key=lambda found: (found[0].start, found[0].series)):
        days = [o.start.date().isoformat() for o in items]
        listed = ", ".join(days[:_MOST_DATES])
        if len(days) > _MOST_DATES:
            listed += " " + words["more"].format(count=len(days) - _MOST_DATES, last=days[-1])
        deadlines.append(_cells(items[0].summary(lang), listed))
    return (
        Table(
            id="meetings",
            caption=words["meetings"].format(year=year),
            header=_cells(
                words["date"],
                words["time"],
                words["what"],
                words["participants"],
                *((words["place"],) if places else ()),
            ),
            rows=meetings,
            note=None if meetings else words["no_meetings"].format(year=year),
        ),
        Table(
            id="deadlines",
            caption=words["deadlines"].format(year=year),
            header=_cells(words["due"], words["dates"]),
            rows=tuple(deadlines),
        ),
    )


_SVG_START = re.compile(r"<svg\b")
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_SVG_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')


def _inline_svg(data: bytes, label: str) -> str:
    """Make an SVG file fit for inlining in HTML: no XML prologue, metadata or namespace URLs.

    HTML puts an inline ``<svg>`` in the SVG namespace by itself, so the namespace
    declarations (URLs, though never fetched) can go, and the page holds no address at all.
    """
    text = data.decode("utf-8")
    found = _SVG_START.search(text)
    text = text[found.start() :] if found else text
    text = _SVG_METADATA.sub("", text)
    text = _SVG_NAMESPACES.sub("", text)
    return text.replace(
        "<svg", f'<svg role="img" aria-label="{html.escape(label)}" class="picture"', 1
    ).strip()


def _pictures(
    plan: Plan,
    year_schedule: Schedule,
    *,
    year: int,
    lang: Lang,
    public: bool,
    words: Mapping[str, str],
) -> tuple[str | None, str | None, str | None]:
    try:
        from actionplan import plot  # noqa: PLC0415 - matplotlib is an optional extra
    except ImportError:
        return None, None, words["no_pictures"]
    network_svg = plot.render(plot.network_figure(plan, public=public, lang=lang), "svg")
    wheel = plot.annual_wheel(year_schedule, plan, year=year, lang=lang, public=public)
    return (
        _inline_svg(network_svg, words["alt_network"]),
        _inline_svg(plot.render(wheel, "svg"), words["alt_wheel"].format(year=year)),
        None,
    )


def build(
    plan: Plan,
    *,
    year: int,
    lang: Lang | None = None,
    today: date | None = None,
    previous: Plan | None = None,
    profiles: Sequence[str | Profile] = ("plan-own-words",),
    public: bool = True,
) -> Report:
    """Gather everything a report on *plan* for *year* shows.

    Findings come from :func:`actionplan.validate`, from each requirement profile
    (:func:`actionplan.coverage.evaluate`) and from scheduling the year; a finding about
    the same place as a validation finding (the same path) is left out, as validation
    already says it. In a public report, every part that is internal or confidential is
    left out of the tables, the pictures, the meetings and the changes, and so is every
    finding about one or naming one.

    Args:
        plan: The plan.
        year: The calendar year of the annual wheel and the meeting table.
        lang: ``"sv"`` or ``"en"``; by default the plan's language.
        today: The day of the report: printed in it, and the day time-bound rules (a
            stale situational picture, a revision date passed) are checked against.
            Without it the report does not depend on the clock.
        previous: An earlier version of the plan; the report then says what changed.
        profiles: Requirement profiles to check the plan against: names of bundled ones
            (:data:`actionplan.coverage.PROFILES`) or :class:`~actionplan.coverage.Profile`
            objects. Add ``"national-template-vbe"`` for a plan against violent
            extremism, ``"crime-prevention-law-2023"`` for the 2023 law.
        public: Leave internal and confidential parts out (the default), for the council
            and the public; ``False`` for an internal report.

    Returns:
        The report's data, for :func:`to_html`, :func:`to_markdown` or a renderer of your
        own.

    Raises:
        InvalidValueError: When *lang* is neither ``"sv"`` nor ``"en"``, the year cannot
            be scheduled, or a public report is asked of a plan that is itself internal
            or confidential.
        KeyError: When a profile name is not bundled.

    Examples:
        >>> import actionplan
        >>> made = build(actionplan.example("english"), year=2027)
        >>> made.lang, made.public
        ('en', True)
        >>> [cell.text for cell in made.meetings.rows[0][:3]]
        ['Tue 2027-02-09', '13:00–15:00', 'Eastvale Crime-Prevention Council']

    Added in 0.1.0.
    """
    language = _check_lang(lang or plan.language)
    words = _WORDS[language]
    if public and plan.classification is not Classification.PUBLIC:
        raise InvalidValueError(
            "public",
            public,
            f"the plan is classified {plan.classification.value}",
            "make an internal report with public=False",
        )
    hidden = _hidden(plan, *(() if previous is None else (previous,))) if public else None
    shown = _visible(plan) if public else plan
    year_schedule = schedule(plan, date(year, 1, 1), date(year, 12, 31))
    if public:
        year_schedule = year_schedule.public()
    checked = [
        (profile, evaluate(plan, profile, today=today))
        for profile in (_profile(item) for item in profiles)
    ]
    others = [f for _, results in checked for result in results for f in result.findings]
    findings = _findings(validate(plan, today=today), [*others, *year_schedule.findings], hidden)

    def is_shown(finding: Finding) -> bool:
        return hidden is None or not hidden.hides(finding)

    network_svg, wheel_svg, note = _pictures(
        plan, year_schedule, year=year, lang=language, public=public, words=words
    )
    meetings, deadlines = _calendar(year_schedule, shown, year, words, language)
    changes = None if previous is None else _changes(previous, plan, hidden, language)
    heading = words["changes"]
    if previous is not None and previous.decision is not None:
        heading = words["changes_since"].format(decision=previous.decision)
    return Report(
        lang=language,
        year=year,
        public=public,
        today=today,
        title=plan.title,
        facts=_facts(plan, words, language),
        counts=_counts(shown, words),
        sections=tuple((s.number, s.heading) for s in plan.sections),
        findings=findings,
        requirements=_requirements(checked, words, language, is_shown, public=public),
        coverage=_coverage(shown, words, language),
        network=_network(plan, shown, public=public, words=words, lang=language),
        network_svg=network_svg,
        wheel_svg=wheel_svg,
        pictures_note=note,
        meetings=meetings,
        deadlines=deadlines,
        changes=changes,
        changes_heading=heading,
        version=version("actionplan"),
    )


def _profile(item: str | Profile) -> Profile:
    return bundled_profile(item) if isinstance(item, str) else item


def _changes(previous: Plan, plan: Plan, hidden: _Hidden | None, lang: Lang) -> Changes:
    changes = compare(previous, plan)
    if hidden is None:
        return changes
    changes = changes.public()

    def clean(field: FieldChange) -> bool:
        return not any(
            hidden.mentions(text) or _names_hidden_id(field, hidden)
            for text in (field.old_text(lang), field.new_text(lang))
        )

    parts = []
    for part in changes.parts:
        if part.change is not ChangeKind.CHANGED:
            parts.append(part)
            continue
        fields = tuple(f for f in part.fields if clean(f))
        if fields:
            parts.append(attrs.evolve(part, fields=fields))
    return attrs.evolve(changes, parts=tuple(parts))


def _names_hidden_id(field: FieldChange, hidden: _Hidden) -> bool:
    """Whether a list field names a hidden part's id (a measure moved to a secret forum)."""
    named: set[str] = set()
    for value in (field.old, field.new):
        for item in value if isinstance(value, tuple) else ():
            actor = getattr(item, "actor", item)
            if isinstance(actor, str):
                named.add(actor)
    return bool(named & hidden.ids)


# --- HTML --------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 64rem; padding: 1.5rem 2rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: #1f1f1f; background: #ffffff;
}
header { border-bottom: 3px solid #1f4e79; margin-bottom: 1rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; color: #1f4e79; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid #c8c8c8; color: #1f4e79; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
p.subtitle { font-size: 1.15rem; margin: 0 0 .5rem; color: #444444; }
p.classification { display: inline-block; margin: .25rem 0 1rem; padding: .2rem .6rem;
  border-radius: 3px; font-size: .9rem; background: #eef3f8; color: #1f4e79; }
p.classification.internal { background: #fdecea; color: #8b1a1a; font-weight: bold; }
nav ol { margin: 0; padding-left: 1.5rem; columns: 2; }
nav h2 { margin-top: 1rem; border: none; font-size: 1.1rem; }
a { color: #1f4e79; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
ol.sections { list-style: none; padding-left: 0; }
ol.sections li { display: flex; gap: .5rem; margin: .15rem 0; }
ol.sections .number { flex: 0 0 2.2rem; font-weight: bold; }
table { border-collapse: collapse; margin: .75rem 0 .25rem; width: 100%; font-size: .92rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #b9b9b9; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: #eef3f8; }
tbody th { font-weight: normal; background: #fafafa; }
tbody tr:nth-child(even) td { background: #f7f7f7; }
td.count { text-align: center; }
table#parts { width: auto; min-width: 22rem; }
#meetings tbody th, #meetings td:nth-child(2) { white-space: nowrap; }
#meetings td:nth-child(4) { font-size: .85rem; }
#network-measures tbody th { white-space: nowrap; }
#network-measures td:last-child { width: 40%; }
.gap, tbody tr:nth-child(even) td.gap { background: #fde2e1; color: #8b1a1a; font-weight: bold; }
p.note { font-size: .88rem; color: #555555; margin: .25rem 0 1rem; }
ul.findings { list-style: none; padding: 0; margin: 0; }
li.finding { margin: .6rem 0; padding: .5rem .75rem; border-left: 6px solid;
  border-radius: 2px; }
li.finding.error { border-color: #b00020; background: #fdecea; }
li.finding.warning { border-color: #b26a00; background: #fff4e5; }
li.finding.info { border-color: #1f6fb2; background: #eaf2fb; }
li.finding p { margin: 0; }
span.code { display: inline-block; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
  font-size: .85rem; padding: 0 .35rem; margin-right: .4rem; border-radius: 3px;
  background: #ffffff; border: 1px solid #999999; }
h3.error { color: #b00020; } h3.warning { color: #8a5200; } h3.info { color: #1f5f99; }
figure.citation { margin: .4rem 0 0; }
figure.citation blockquote { margin: 0; padding: .2rem .75rem; border-left: 3px solid #999999;
  font-style: italic; background: rgba(255, 255, 255, .6); }
figure.citation figcaption { font-size: .85rem; color: #555555; margin-top: .15rem; }
figure.picture { margin: 1rem 0; }
figure.picture figcaption { font-size: .88rem; color: #555555; }
svg.picture { display: block; width: 100%; height: auto; max-width: 100%;
  border: 1px solid #dddddd; }
p.missing { padding: .75rem; border: 1px dashed #999999; background: #fafafa; }
ul.details { margin: 0; padding-left: 1.1rem; }
footer { margin-top: 3rem; padding-top: .5rem; border-top: 1px solid #c8c8c8;
  font-size: .85rem; color: #555555; }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  table, figure, li.finding { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""No script runs and nothing is fetched, whatever the page holds."""


def _text(value: str) -> str:
    """Escape plan text for HTML; line breaks and runs of spaces become one space."""
    return html.escape(" ".join(value.split()), quote=True)


def _html_table(table: Table, *, counts: bool = False) -> list[str]:
    lines = [f'<table id="{_text(table.id)}">', f"<caption>{_text(table.caption)}</caption>"]
    lines.append("<thead><tr>")
    lines.extend(f'<th scope="col"{_gap(cell)}>{_text(cell.text)}</th>' for cell in table.header)
    lines.append("</tr></thead>")
    lines.append("<tbody>")
    for row in table.rows:
        first, *rest = row
        cells = [f'<th scope="row"{_gap(first)}>{_text(first.text)}</th>']
        for cell in rest:
            classes = [name for name, on in (("count", counts), ("gap", cell.gap)) if on]
            attribute = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attribute}>{_text(cell.text)}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines.append("</tbody></table>")
    if table.note:
        lines.append(f'<p class="note">{_text(table.note)}</p>')
    return lines


def _gap(cell: Cell) -> str:
    return ' class="gap"' if cell.gap else ""


def _html_finding(finding: Finding, report: Report) -> list[str]:
    severity = finding.severity.value
    lines = [
        f'<li class="finding {severity}">',
        f'<p><span class="code">{_text(finding.code)}</span>{_text(finding.text(report.lang))}</p>',
    ]
    citation = finding.citation
    if citation is not None:
        where = report.words("point").format(number=citation.section)
        if citation.heading:
            where = f"{where}: {citation.heading}"
        lines.append('<figure class="citation">')
        if citation.quote:
            lines.append(f"<blockquote><p>{_text(citation.quote)}</p></blockquote>")
        lines.append(f"<figcaption>{_text(where)}</figcaption>")
        lines.append("</figure>")
    lines.append("</li>")
    return lines


_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _html_findings(report: Report) -> list[str]:
    lines = [f'<p class="note">{_text(report.words("findings_intro"))}</p>']
    for severity in _SEVERITIES:
        group = [f for f in report.findings if f.severity is severity]
        title = f"{report.words(severity.value)} ({len(group)})"
        lines.append(f'<h3 class="{severity.value}">{_text(title)}</h3>')
        if not group:
            lines.append(f"<p>{_text(report.words('none'))}</p>")
            continue
        lines.append('<ul class="findings">')
        for finding in group:
            lines.extend(_html_finding(finding, report))
        lines.append("</ul>")
    for table in report.requirements:
        lines.extend(_html_table(table))
    return lines


def _html_picture(svg: str | None, caption: str, report: Report) -> list[str]:
    if svg is None:
        return [f'<p class="missing">{_text(report.pictures_note or "")}</p>']
    return [
        '<figure class="picture">',
        svg,
        f"<figcaption>{_text(caption)}</figcaption>",
        "</figure>",
    ]


def _change_details(part: PartChange, lang: Lang) -> list[str]:
    return [
        f"{field.label(lang)}: {field.old_text(lang)} → {field.new_text(lang)}"
        for field in part.fields
    ]


def _html_changes(report: Report) -> list[str]:
    changes = report.changes
    if changes is None:
        return []
    lines = ['<section id="changes">', f"<h2>{_text(report.changes_heading)}</h2>"]
    if not changes.plan and not changes.parts:
        lines.append(f"<p>{_text(report.words('no_changes'))}</p>")
    lang = report.lang
    if changes.plan:
        lines.extend(
            _html_table(
                Table(
                    id="plan-changes",
                    caption=report.words("the_plan"),
                    header=_cells(
                        report.words("field"), report.words("before"), report.words("now")
                    ),
                    rows=tuple(
                        _cells(f.label(lang), f.old_text(lang), f.new_text(lang))
                        for f in changes.plan
                    ),
                )
            )
        )
    if changes.parts:
        lines.append('<table id="part-changes">')
        header = ("part", "name", "change", "details")
        lines.append(
            "<thead><tr>"
            + "".join(f'<th scope="col">{_text(report.words(key))}</th>' for key in header)
            + "</tr></thead><tbody>"
        )
        for part in changes.parts:
            details = _change_details(part, lang)
            listed = (
                '<ul class="details">' + "".join(f"<li>{_text(d)}</li>" for d in details) + "</ul>"
                if details
                else ""
            )
            lines.append(
                f'<tr><th scope="row">{_text(part.kind.label(lang))}</th>'
                f"<td>{_text(part.name)}</td>"
                f"<td>{_text(part.change.label(lang))}</td>"
                f"<td>{listed}</td></tr>"
            )
        lines.append("</tbody></table>")
    lines.append("</section>")
    return lines


def to_html(report: Report) -> str:
    """Write *report* as one self-contained HTML page.

    Styles and pictures are inline and the page fetches nothing (a content security
    policy forbids scripts and requests), so it can be mailed, archived or printed as it
    is. Every text from the plan is escaped.

    Examples:
        >>> import actionplan
        >>> page = to_html(build(actionplan.example(), year=2027, lang="en"))
        >>> '<html lang="en">' in page, "http://" in page
        (True, False)

    Added in 0.1.0.
    """
    words = report.words
    year = report.year
    headings = {
        "glance": words("glance"),
        "findings": words("findings"),
        "coverage": words("coverage"),
        "network": words("network"),
        "calendar": words("calendar").format(year=year),
        "changes": report.changes_heading,
    }
    shown = [key for key in _SECTION_IDS if key != "changes" or report.changes is not None]
    classification = "public" if report.public else "internal"
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="actionplan {_text(report.version)}">',
        f"<title>{_text(report.title)} – {_text(words('report').format(year=year))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(report.title)}</h1>",
        f'<p class="subtitle">{_text(words("report").format(year=year))}</p>',
        f'<p class="classification {classification}">{_text(words(classification))}</p>',
        "</header>",
        f'<nav aria-label="{_text(words("contents"))}">',
        f"<h2>{_text(words('contents'))}</h2>",
        "<ol>",
        *(f'<li><a href="#{key}">{_text(headings[key])}</a></li>' for key in shown),
        "</ol>",
        "</nav>",
        "<main>",
        '<section id="glance">',
        f"<h2>{_text(headings['glance'])}</h2>",
        *_html_facts(report.facts),
        *_html_table(report.counts, counts=True),
        f"<h3>{_text(words('sections'))}</h3>",
        '<ol class="sections">',
        *(
            f'<li><span class="number">{_text(number)}</span> {_text(heading)}</li>'
            for number, heading in report.sections
        ),
        "</ol>",
        "</section>",
        '<section id="findings">',
        f"<h2>{_text(headings['findings'])}</h2>",
        *_html_findings(report),
        "</section>",
        '<section id="coverage">',
        f"<h2>{_text(headings['coverage'])}</h2>",
        *(
            line
            for table in report.coverage
            for line in _html_table(table, counts=table.id != "seats")
        ),
        "</section>",
        '<section id="network">',
        f"<h2>{_text(headings['network'])}</h2>",
        *_html_picture(report.network_svg, words("network_caption"), report),
        *_html_table(report.network),
        "</section>",
        '<section id="calendar">',
        f"<h2>{_text(headings['calendar'])}</h2>",
        *_html_picture(report.wheel_svg, words("wheel_caption"), report),
        *_html_table(report.meetings),
        *(_html_table(report.deadlines) if report.deadlines.rows else []),
        "</section>",
        *_html_changes(report),
        "</main>",
        "<footer>",
        f"<p>{_text(_made(report))}</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def _html_facts(facts: Sequence[tuple[str, str]]) -> list[str]:
    if not facts:
        return []
    items = (f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>" for label, value in facts)
    return ['<dl class="facts">', *items, "</dl>"]


def _made(report: Report) -> str:
    made = report.words("made_with").format(version=report.version)
    if report.today is not None:
        made = f"{made} {report.words('made_on').format(day=report.today.isoformat())}"
    return made


# --- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")
_MD_LINE_START = re.compile(r"^([-+=>])|^([0-9]+)([.)])")


def _md(value: str) -> str:
    """Escape plan text for Markdown: one line, no character that means markup."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _md_table(table: Table) -> list[str]:
    def cell(item: Cell) -> str:
        text = _md(item.text) if item.text else " "
        return f"**{text}**" if item.gap and item.text else text

    lines = [f"**{_md(table.caption)}**", ""]
    lines.append("| " + " | ".join(cell(c) for c in table.header) + " |")
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows)
    if table.note:
        lines.extend(["", f"*{_md(table.note)}*"])
    lines.append("")
    return lines


def _md_findings(report: Report) -> list[str]:
    lines = [_md(report.words("findings_intro")), ""]
    for severity in _SEVERITIES:
        group = [f for f in report.findings if f.severity is severity]
        lines.extend([f"### {_md(report.words(severity.value))} ({len(group)})", ""])
        if not group:
            lines.extend([_md(report.words("none")), ""])
            continue
        for finding in group:
            lines.append(f"- **{_md(finding.code)}** {_md(finding.text(report.lang))}")
            citation = finding.citation
            if citation is not None:
                where = report.words("point").format(number=citation.section)
                if citation.heading:
                    where = f"{where}: {citation.heading}"
                lines.append("")
                if citation.quote:
                    lines.extend([f"  > {_md(citation.quote)}", "  >"])
                lines.append(f"  > — {_md(where)}")
            lines.append("")
    for table in report.requirements:
        lines.extend(_md_table(table))
    return lines


def _md_changes(report: Report) -> list[str]:
    changes = report.changes
    if changes is None:
        return []
    lang = report.lang
    words = report.words
    lines = [f"## {_md(report.changes_heading)}", ""]
    if not changes.plan and not changes.parts:
        lines.extend([_md(words("no_changes")), ""])
    if changes.plan:
        lines.extend(
            _md_table(
                Table(
                    id="plan-changes",
                    caption=words("the_plan"),
                    header=_cells(words("field"), words("before"), words("now")),
                    rows=tuple(
                        _cells(f.label(lang), f.old_text(lang), f.new_text(lang))
                        for f in changes.plan
                    ),
                )
            )
        )
    if changes.parts:
        lines.extend(
            _md_table(
                Table(
                    id="part-changes",
                    caption=words("changes"),
                    header=_cells(words("part"), words("name"), words("change"), words("details")),
                    rows=tuple(
                        _cells(
                            part.kind.label(lang),
                            part.name,
                            part.change.label(lang),
                            "; ".join(_change_details(part, lang)),
                        )
                        for part in changes.parts
                    ),
                )
            )
        )
    return lines


def to_markdown(report: Report) -> str:
    """Write *report* as Markdown: the same parts as the HTML page, without the pictures.

    Plan text is escaped so that it cannot start a list, a link, a heading or a table
    cell of its own, and table cells stay on one line.

    Examples:
        >>> import actionplan
        >>> text = to_markdown(build(actionplan.example(), year=2027))
        >>> text.splitlines()[0]
        '# Lokal handlingsplan mot våldsbejakande extremism'

    Added in 0.1.0.
    """
    words = report.words
    year = report.year
    classification = "public" if report.public else "internal"
    lines = [
        f"# {_md(report.title)}",
        "",
        f"{_md(words('report').format(year=year))}. *{_md(words(classification))}*",
        "",
        f"## {_md(words('glance'))}",
        "",
        *(f"- **{_md(label)}:** {_md(value)}" for label, value in report.facts),
        "",
        *_md_table(report.counts),
        f"### {_md(words('sections'))}",
        "",
        *(f"- **{_md(number)}** {_md(heading)}" for number, heading in report.sections),
        "",
        f"## {_md(words('findings'))}",
        "",
        *_md_findings(report),
        f"## {_md(words('coverage'))}",
        "",
        *(line for table in report.coverage for line in _md_table(table)),
        f"## {_md(words('network'))}",
        "",
        _md(report.pictures_note or words("markdown_pictures")),
        "",
        *_md_table(report.network),
        f"## {_md(words('calendar').format(year=year))}",
        "",
        *_md_table(report.meetings),
        *(_md_table(report.deadlines) if report.deadlines.rows else []),
        *_md_changes(report),
        "---",
        "",
        _md(_made(report)),
    ]
    return "\n".join(lines) + "\n"


def render(report: Report, format: Format = "html") -> str:  # noqa: A002 - the CLI's word
    """Write *report* as ``"html"`` (:func:`to_html`) or ``"markdown"`` (:func:`to_markdown`).

    Raises:
        InvalidValueError: For any other format.

    Added in 0.1.0.
    """
    if format == "html":
        return to_html(report)
    if format == "markdown":
        return to_markdown(report)
    raise InvalidValueError(
        "format", format, f"{format!r} is not a report format", "use 'html' or 'markdown'"
    )
