"""Hostile text in a plan comes out as text, never as structure, in every output.

Names, descriptions, purposes and quotes may hold line breaks, ``END:VEVENT``,
``BEGIN:VALARM``, quotes, ``<script>``, Markdown and spreadsheet formula prefixes. Each
output is read back by a real consumer and must hold exactly the parts we wrote: the
calendar exactly its events, to-dos and alarms (icalendar, and the ``ical`` package when
installed), the graph exports exactly their nodes, edges and labels (networkx), DOT one
statement a line, and the CLI's JSON the plan itself. Nothing in actionplan writes CSV,
so formula prefixes are checked to survive as plain text.
"""

from __future__ import annotations

import functools
import html.parser
import io
import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import actionplan
from actionplan import (
    Actor,
    Contact,
    Dates,
    Decision,
    FollowUp,
    Forum,
    Measure,
    Membership,
    Plan,
    Role,
    Section,
    SituationalPicture,
    Source,
)
from actionplan.cli import main
from actionplan.ical import to_ical
from actionplan.network import to_dot, to_gexf, to_graphml, to_node_link, two_mode
from actionplan.schedule import schedule

START, END = date(2027, 3, 1), date(2027, 3, 31)
MEETINGS = (date(2027, 3, 2), date(2027, 3, 9))
DUE = date(2027, 3, 15)
NOW = datetime(2027, 1, 1, tzinfo=UTC)
EMAIL = "samordnare@kommun.example"
ALARM = timedelta(minutes=15)

HOSTILE = (
    "Brå\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected",
    "möte\nBEGIN:VALARM\nACTION:AUDIO\nTRIGGER:-PT1M\nEND:VALARM",
    "line\rATTENDEE:mailto:evil@example.invalid",
    "END:VCALENDAR\r\nBEGIN:VCALENDAR",
    "a;b,c:d\\e\\n",
    'han sa "ska" och gick',
    "it's 'quoted'",
    '"; DROP TABLE plans; --',
    "<script>alert(1)</script>",
    '</data></node><node id="actor:evil"/>',
    "]]> <!-- comment --> &amp; &lt;b&gt;",
    '" -- "evil"; "x" -> "y',
    '\\" ; evil [label=x]; \\',
    "# Injected heading",
    "line\n# Injected heading",
    "- injected item",
    "text\n\n- injected item",
    "title\n===",
    "title\n---",
    "    indented code",
    "| a | b |\n|---|---|",
    "[link](javascript:alert(1))",
    "![image](http://example.invalid/x.png)",
    "`code` and ```fence```",
    "*emphasis* _under_ **strong**",
    "=1+2",
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    '=HYPERLINK("http://example.invalid","click")',
    "\t=cmd|' /C calc'!A0",
    "ÅÄÖ åäö é ü 🙂",
    "line\u2028separator\u2029paragraph\x85next",
    "trailing backslash \\",
    "  spaces around  ",
)
"""Texts that would become structure if an output did not escape them."""

_XML_INVALID = "".join(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
)
_XML_SAFE = st.characters(exclude_categories=("Cs",), exclude_characters=_XML_INVALID)

texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map("".join),
    st.text(_XML_SAFE, max_size=30),
).filter(str.strip)
"""Non-blank text that XML 1.0 can hold: GraphML and GEXF cannot carry other characters."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PARTS = {"VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT", "VTODO", "VALARM"}
_ONCE = ("UID", "SUMMARY", "DTSTAMP", "DESCRIPTION", "LOCATION", "ORGANIZER", "STATUS")


def _words(value: str) -> str:
    """A title as one line: control characters as spaces, runs of white space as one."""
    return " ".join(_CONTROL.sub(" ", value).split())


def _hostile_plan(t: list[str]) -> Plan:
    """A small plan whose every rendered text is taken, in order, from *t*."""
    return Plan(
        id="plan",
        title=t[0],
        decision=Decision(body=t[1], date=date(2026, 12, 14), paragraph=t[2]),
        sections=(Section(number="1", heading=t[3], text=t[4]),),
        actors=(
            # A backslash in a name that is written as CN has a test of its own below.
            Actor(id="coordinator", name=t[5].replace("\\", "/"), contact=Contact(email=EMAIL)),
            Actor(id="police", name=t[6], note=t[7]),
        ),
        forums=(
            Forum(
                id="council",
                name=t[8],
                members=(
                    Membership(actor="coordinator", role=Role.CONVENER),
                    Membership(actor="police"),
                ),
                cadence=Dates(dates=MEETINGS, text=t[9]),
                purpose=t[10],
                location=t[11],
                source=Source(section="1", quote=t[12]),
            ),
        ),
        measures=(
            Measure(
                id="walks",
                description=t[13],
                responsible=("coordinator",),
                participants=("police",),
                forums=("council",),
                target_groups=(t[14],),
                deadline=DUE,
                source=Source(section="1"),
            ),
        ),
        situational_pictures=(
            SituationalPicture(
                id="picture", name=t[15], producer="council", refresh=Dates(dates=(DUE,))
            ),
        ),
        follow_ups=(
            FollowUp(
                id="follow-up",
                description=t[16],
                responsible=("coordinator",),
                method=t[17],
                cadence=Dates(dates=(DUE,)),
            ),
        ),
    )


_TEXTS = 18
hostile_plans = st.lists(texts, min_size=_TEXTS, max_size=_TEXTS).map(_hostile_plan)


# --- iCalendar ----------------------------------------------------------------------------


def _calendar(plan: Plan) -> bytes:
    return to_ical(
        plan,
        schedule(plan, START, END),
        now=NOW,
        expand=True,
        method="REQUEST",
        alarms=(ALARM,),
    )


def _check_calendar(plan: Plan, data: bytes) -> None:
    """Exactly two meetings and three to-dos, each with one alarm, and our texts as text."""
    calendar = Calendar.from_ical(data)
    parts = Counter(component.name for component in calendar.walk())
    assert set(parts) <= _PARTS, parts
    assert (parts["VCALENDAR"], parts["VTIMEZONE"]) == (1, 1)
    assert (parts["VEVENT"], parts["VTODO"], parts["VALARM"]) == (2, 3, 5)
    items = [c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")]
    for item in items:
        names = Counter(name for name, _ in item.property_items(recursive=False))
        assert all(names[name] <= 1 for name in _ONCE), names
        assert [str(a) for a in _list(item.get("ATTENDEE"))] == [f"mailto:{EMAIL}"]
        assert str(item["ORGANIZER"]) == f"mailto:{EMAIL}"
        assert [a.name for a in item.subcomponents] == ["VALARM"]
    forum = plan.forums[0]
    events = [c for c in items if c.name == "VEVENT"]
    assert [e.decoded("DTSTART").date() for e in events] == list(MEETINGS)
    for event in events:
        assert str(event["SUMMARY"]) == _words(f"{forum.name} – möte")
        assert str(event.get("LOCATION", "")) == _words(forum.location or "")
        purpose = _CONTROL.sub("", _line_ends(forum.purpose or ""))
        assert _words(purpose) in _words(str(event["DESCRIPTION"]))
    todos = {str(c["UID"]): str(c["SUMMARY"]) for c in items if c.name == "VTODO"}
    assert todos[f"plan.measure.walks.{DUE:%Y%m%d}@actionplan"].startswith("Sista dag:")
    assert all("\n" not in summary and "\r" not in summary for summary in todos.values())


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_with_second_parser(data: bytes) -> None:
    stream = pytest.importorskip("ical.calendar_stream")
    calendar = stream.IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert (len(calendar.events), len(calendar.todos)) == (2, 3)
    first = Calendar.from_ical(data).walk("VEVENT")[0]
    assert calendar.events[0].summary == str(first["SUMMARY"])


# --- graphs -------------------------------------------------------------------------------


def _line_ends(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _check_graphs(graph: nx.Graph[str]) -> None:
    """GraphML, GEXF and node-link data read back with the same nodes, edges and labels."""
    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    graphml = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    gexf = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    linked = nx.node_link_graph(json.loads(json.dumps(to_node_link(graph))), edges="edges")
    for copy in (graphml, gexf, linked):
        assert set(copy.nodes) == set(graph.nodes)
        assert copy.number_of_edges() == graph.number_of_edges()
    # XML turns a carriage return in element text into a line feed when it is read.
    assert {n: _line_ends(d["label"]) for n, d in graphml.nodes(data=True)} == {
        n: _line_ends(label) for n, label in labels.items()
    }
    assert {n: d["label"] for n, d in gexf.nodes(data=True)} == labels
    assert {n: d["label"] for n, d in linked.nodes(data=True)} == labels


_QUOTED = r'"(?:[^"\\\n]|\\.)*"'
_ATTRIBUTES = rf"(?: \[{_QUOTED}={_QUOTED}(?:, {_QUOTED}={_QUOTED})*\])?"
_NODE = re.compile(rf"  ({_QUOTED}){_ATTRIBUTES};")
_EDGE = re.compile(rf"  {_QUOTED} -- {_QUOTED}{_ATTRIBUTES};")
_LABEL = re.compile(rf'"label"=({_QUOTED})')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text[1:-1])


def _check_dot(graph: nx.Graph[str]) -> None:
    """One statement a line, as many node and edge statements as the graph has."""
    text = to_dot(graph)
    assert text.endswith("}\n")
    assert "\r" not in text
    lines = text.removesuffix("\n").split("\n")
    assert lines[0] == f'graph "{graph.graph["name"]}" {{'
    assert lines[-1] == "}"
    body = lines[1:-1]
    nodes = [line for line in body if _NODE.fullmatch(line)]
    edges = [line for line in body if _EDGE.fullmatch(line)]
    assert len(nodes) + len(edges) == len(body), [b for b in body if b not in nodes + edges]
    assert (len(nodes), len(edges)) == (graph.number_of_nodes(), graph.number_of_edges())
    labels = {}
    for line in nodes:
        match = _NODE.fullmatch(line)
        found = _LABEL.search(line)
        assert match is not None
        assert found is not None
        labels[_unquote(match.group(1))] = _unquote(found.group(1))
    assert labels == {n: _line_ends(d["label"]) for n, d in graph.nodes(data=True)}


# --- the command line ---------------------------------------------------------------------


def _check_cli_json(plan: Plan, folder: Any, capsys: pytest.CaptureFixture[str]) -> None:
    file = folder / "plan.json"
    actionplan.dump(plan, file)
    assert main(["show", str(file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == actionplan.to_dict(plan)


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(plan=hostile_plans)
def test_hostile_text_stays_text_in_calendars_graphs_and_node_link_data(plan):
    _check_calendar(plan, _calendar(plan))
    graph = two_mode(plan, measures=True)
    _check_graphs(graph)
    _check_dot(graph)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=hostile_plans)
def test_hostile_text_comes_back_unchanged_from_the_cli_json(plan, tmp_path, capsys):
    _check_cli_json(plan, tmp_path, capsys)


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_text_passes_a_second_calendar_parser(text):
    data = _calendar(_hostile_plan([text] * _TEXTS))
    _check_calendar(_hostile_plan([text] * _TEXTS), data)
    _check_with_second_parser(data)


def test_an_actor_email_with_a_line_break_never_becomes_a_second_attendee():
    """An address that could inject a property is left out rather than written."""
    plan = _hostile_plan(["Text"] * _TEXTS)
    evil = "a@b.example\r\nATTENDEE:mailto:evil@example.invalid"
    police = Actor(id="police", name="Polisen", contact=Contact(email=evil))
    plan = attrs.evolve(plan, actors=(plan.actors[0], police))
    calendar = Calendar.from_ical(_calendar(plan))
    attendees = [str(a) for c in calendar.walk("VEVENT") for a in _list(c.get("ATTENDEE"))]
    assert attendees == [f"mailto:{EMAIL}", f"mailto:{EMAIL}"]
    assert b"evil@example.invalid" not in _calendar(plan)


@pytest.mark.parametrize(
    "formula", ["=1+2", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']
)
def test_formula_prefixes_stay_literal_text_in_every_export(formula, tmp_path, capsys):
    """No output is a spreadsheet, so a leading '=' is kept, not stripped or quoted."""
    plan = _hostile_plan([formula] * _TEXTS)
    graph = two_mode(plan)
    assert graph.nodes["forum:council"]["label"] == formula
    gexf = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    assert gexf.nodes["forum:council"]["label"] == formula
    events = Calendar.from_ical(_calendar(plan)).walk("VEVENT")
    assert str(events[0]["SUMMARY"]) == f"{formula} – möte"
    _check_cli_json(plan, tmp_path, capsys)


# --- known defects ------------------------------------------------------------------------


@pytest.mark.parametrize("export", [to_graphml, to_gexf], ids=["graphml", "gexf"])
@pytest.mark.parametrize("text", ["bell\x07", "nul\x00", "vertical\x0btab", "\ufffe"])
def test_control_characters_in_a_name_keep_the_xml_exports_readable(export, text):
    """A character XML 1.0 cannot hold becomes U+FFFD, so the file reads back."""
    plan = _hostile_plan(["Text"] * _TEXTS)
    plan = attrs.evolve(plan, actors=(*plan.actors, Actor(id="x", name=f"A {text}")))
    reader = nx.read_graphml if export is to_graphml else nx.read_gexf
    copy = reader(io.BytesIO(export(two_mode(plan))))
    expected = "A " + "".join("\ufffd" if c in "\x07\x00\x0b\ufffe" else c for c in text)
    assert copy.nodes["actor:x"]["label"] == expected


@pytest.mark.parametrize("name", ["\\", "Polisen\\", "Skolan\\\\", "a\\,b", 'a "quoted" ^name'])
def test_a_backslash_quote_or_caret_in_an_actor_name_keeps_organizer_and_attendees_whole(name):
    """A name with a backslash is quoted, and RFC 6868 carets keep quotes and carets.

    RFC 5545 gives a backslash in a parameter value no meaning, so the second parser, which
    follows it, reads the name exactly; icalendar also reads each line whole.
    """
    plan = _hostile_plan(["Text"] * _TEXTS)
    coordinator = attrs.evolve(plan.actors[0], name=name)
    plan = attrs.evolve(plan, actors=(coordinator, plan.actors[1]))
    data = _calendar(plan)
    for event in Calendar.from_ical(data).walk("VEVENT"):
        assert str(event["ORGANIZER"]) == f"mailto:{EMAIL}"
        assert [str(a) for a in _list(event.get("ATTENDEE"))] == [f"mailto:{EMAIL}"]
    stream = pytest.importorskip("ical.calendar_stream")
    events = stream.IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events
    assert len(events) == 2  # the two meetings of the hostile plan
    for event in events:
        assert event.organizer is not None
        assert event.organizer.common_name == name
        assert [a.uri for a in event.attendees] == [f"mailto:{EMAIL}"]


@pytest.mark.parametrize("name", ["\\", "Polisen\\", 'a "quoted" ^name'])
def test_icalendar_reads_back_an_actor_name_with_a_backslash_quote_or_caret(name):
    plan = _hostile_plan(["Text"] * _TEXTS)
    coordinator = attrs.evolve(plan.actors[0], name=name)
    plan = attrs.evolve(plan, actors=(coordinator, plan.actors[1]))
    for event in Calendar.from_ical(_calendar(plan)).walk("VEVENT"):
        assert event["ORGANIZER"].params["CN"] == name


_MARKDOWN_BREAKS = [
    "text\n\n- injected item",
    "text\r\n\r\n- injected item",
    "text\u2028- injected item",
    "- starts as an item",
    "1. starts as an item",
    "title\n===",
    "title\n---",
    "line\n    indented code",
    "line\n1. injected item",
    "line\n> injected quote",
]


def _markdown(plan: Plan, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> str:
    file = tmp_path / "plan.json"
    actionplan.dump(plan, file)
    assert main(["show", str(file), "--format", "markdown"]) == 0
    return capsys.readouterr().out


def _blocks(markdown: str) -> list[str]:
    parser = pytest.importorskip("markdown_it").MarkdownIt("commonmark")
    return [token.type for token in parser.parse(markdown)]


@pytest.mark.parametrize("text", [t for t in HOSTILE if "\n" not in t and "\r" not in t])
def test_markdown_keeps_its_structure_whatever_a_one_line_text_holds(text, tmp_path, capsys):
    """Escaped markup: the same blocks, no HTML, no links, as for a plain name."""
    plain = _blocks(_markdown(_hostile_plan(["Text"] * _TEXTS), tmp_path, capsys))
    markdown = _markdown(_hostile_plan([text] * _TEXTS), tmp_path, capsys)
    assert _blocks(markdown) == plain
    parser = pytest.importorskip("markdown_it").MarkdownIt("commonmark")
    inline = [c.type for t in parser.parse(markdown) for c in (t.children or [])]
    assert not {"html_inline", "link_open", "image", "code_inline"} & set(inline)


@pytest.mark.parametrize("text", _MARKDOWN_BREAKS)
def test_markdown_keeps_its_structure_when_a_text_holds_line_breaks(text, tmp_path, capsys):
    """Line breaks in a text become spaces, so they start no list item, heading or code."""
    plain = _blocks(_markdown(_hostile_plan(["Text"] * _TEXTS), tmp_path, capsys))
    assert _blocks(_markdown(_hostile_plan([text] * _TEXTS), tmp_path, capsys)) == plain


# --- the report ------------------------------------------------------------------------------

_REPORTED = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</td></tr></table><h1>Injected</h1>",
    "text\n\n- injected item\n# Injected heading",
    "[link](javascript:alert(1))\n| a | b |\n|---|---|",
]


class _Tags(html.parser.HTMLParser):
    """Collects the start tags outside inline SVG pictures, and every attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(attrs)
        if tag == "svg":
            self.depth += 1
        if not self.depth:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.depth -= 1


@functools.cache
def _report(text: str) -> tuple[str, str]:
    report = pytest.importorskip("actionplan.report")
    made = report.build(_hostile_plan([text] * _TEXTS), year=START.year)
    return report.to_html(made), report.to_markdown(made)


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("text", _REPORTED)
def test_hostile_text_adds_no_element_to_the_report(text):
    """The HTML has the same elements as for a plain name, no handler, no script."""
    plain_html, plain_markdown = _report("Text")
    page, markdown = _report(text)
    tags = _tags(page)
    assert tags.tags == _tags(plain_html).tags
    assert "script" not in tags.tags
    assert not [name for name, _ in tags.attributes if name.startswith("on")]
    assert not [v for _, v in tags.attributes if v and v.strip().startswith("javascript:")]
    assert _blocks(markdown) == _blocks(plain_markdown)
