"""Nothing internal or confidential reaches a public output.

Generated plans give every part a classification; each internal or confidential part
carries a unique marker (``SECRET0042``, or ``secret0042`` where an id must be lower case)
in its id, name, description, purpose, place, quote, note and e-mail address. No marker may
appear in a public calendar (the public view of a schedule, or any schedule written with
``public=True``, as feed or invitation, omitted or as busy time), in the graph exports of a
public network, or in the public report. Public parts carry ``PUBLIC`` markers that must
appear, so an empty output cannot pass.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import count
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import actionplan
from actionplan import (
    Actor,
    Classification,
    Contact,
    FollowUp,
    Forum,
    Measure,
    Membership,
    Period,
    PerPeriod,
    Plan,
    Role,
    Section,
    SituationalPicture,
    Source,
)
from actionplan.errors import InvalidValueError
from actionplan.ical import to_ical
from actionplan.network import projection, to_dot, to_gexf, to_graphml, to_node_link, two_mode
from actionplan.schedule import Schedule, schedule

START, END = date(2027, 2, 1), date(2027, 2, 28)
NOW = datetime(2027, 1, 1, tzinfo=UTC)
ORGANIZER = "samordnare@kommun.example"
PUBLIC = Classification.PUBLIC
HIDDEN = (Classification.INTERNAL, Classification.CONFIDENTIAL)
_MARKER = re.compile(r"(secret|public)\d{4}", re.IGNORECASE)


@attrs.define
class _Markers:
    """Hands out unique markers and remembers which are secret."""

    numbers: Iterator[int] = attrs.field(factory=lambda: count(1))
    secret: set[str] = attrs.field(factory=set)
    public: set[str] = attrs.field(factory=set)

    def __call__(self, classification: Classification) -> str:
        hidden = classification is not PUBLIC
        marker = f"{'SECRET' if hidden else 'PUBLIC'}{next(self.numbers):04d}"
        (self.secret if hidden else self.public).add(marker)
        return marker


@attrs.frozen
class _Case:
    """A generated plan and the markers of its hidden and public parts."""

    plan: Plan
    secret: frozenset[str]
    public: frozenset[str]


def _cadence(draw: st.DrawFn, text: str) -> PerPeriod:
    return PerPeriod(count=draw(st.integers(1, 2)), period=Period.MONTH, text=text)


@st.composite
def classified_plans(draw: st.DrawFn, *, refer_to_hidden: bool = False) -> _Case:
    """A plan with public, internal and confidential parts, each marked.

    Unless *refer_to_hidden*, public measures and situational pictures only name public
    forums; with it, at least one public measure works in a hidden forum.
    """
    mark = _Markers()
    levels = st.sampled_from([PUBLIC, *HIDDEN])

    actors = []
    for _ in range(draw(st.integers(2, 4))):
        level = draw(levels)
        marker = mark(level)
        actors.append(
            Actor(
                id=marker.lower(),
                name=f"{marker} name",
                classification=level,
                contact=Contact(email=f"{marker.lower()}@kommun.example"),
                note=f"{marker} note",
                source=Source(section="1", quote=f"{marker} quote"),
            )
        )
    actor_ids = [a.id for a in actors]

    forums = []
    for index in range(draw(st.integers(1, 3))):
        level = PUBLIC if index == 0 else draw(levels)
        marker = mark(level)
        members = draw(st.lists(st.sampled_from(actor_ids), min_size=1, max_size=3, unique=True))
        forums.append(
            Forum(
                id=marker.lower(),
                name=f"{marker} forum",
                members=tuple(
                    Membership(actor=a, role=Role.CONVENER if i == 0 else Role.MEMBER)
                    for i, a in enumerate(members)
                ),
                cadence=_cadence(draw, f"{marker} cadence"),
                purpose=f"{marker} purpose",
                location=f"{marker} place",
                classification=level,
                source=Source(section="1", quote=f"{marker} quote"),
            )
        )
    public_forums = [f.id for f in forums if f.classification is PUBLIC]
    hidden_forums = [f.id for f in forums if f.classification is not PUBLIC]

    def forums_for(level: Classification) -> st.SearchStrategy[list[str]]:
        pool = [f.id for f in forums] if refer_to_hidden or level is not PUBLIC else public_forums
        return st.lists(st.sampled_from(pool), max_size=2, unique=True)

    measures = []
    for _ in range(draw(st.integers(1, 3))):
        level = draw(levels)
        marker = mark(level)
        measures.append(
            Measure(
                id=marker.lower(),
                description=f"{marker} description",
                responsible=tuple(
                    draw(st.lists(st.sampled_from(actor_ids), max_size=2, unique=True))
                ),
                participants=tuple(
                    draw(st.lists(st.sampled_from(actor_ids), max_size=2, unique=True))
                ),
                forums=tuple(draw(forums_for(level))),
                target_groups=(f"{marker} group",),
                cadence=_cadence(draw, f"{marker} cadence"),
                classification=level,
                source=Source(section="1", quote=f"{marker} quote"),
            )
        )
    if refer_to_hidden:
        if not hidden_forums:
            level = draw(st.sampled_from(HIDDEN))
            marker = mark(level)
            hidden = attrs.evolve(forums[0], id=marker.lower(), name=f"{marker} forum")
            hidden = attrs.evolve(hidden, classification=level, purpose=f"{marker} purpose")
            hidden = attrs.evolve(hidden, location=f"{marker} place")
            hidden = attrs.evolve(hidden, cadence=_cadence(draw, f"{marker} cadence"))
            hidden = attrs.evolve(hidden, source=Source(section="1", quote=f"{marker} quote"))
            forums.append(hidden)
            hidden_forums.append(hidden.id)
        marker = mark(PUBLIC)
        measures.append(
            Measure(
                id=marker.lower(),
                description=f"{marker} description",
                forums=(hidden_forums[0],),
                cadence=_cadence(draw, f"{marker} cadence"),
            )
        )

    pictures = []
    for _ in range(draw(st.integers(0, 2))):
        level = draw(levels)
        marker = mark(level)
        pool = forums_for(level)
        producer = draw(pool)
        pictures.append(
            SituationalPicture(
                id=marker.lower(),
                name=f"{marker} picture",
                producer=producer[0] if producer else None,
                contributors=(),
                refresh=_cadence(draw, f"{marker} refresh"),
                classification=level,
                source=Source(section="1", quote=f"{marker} quote"),
            )
        )

    follow_ups = []
    for _ in range(draw(st.integers(0, 2))):
        level = draw(levels)
        marker = mark(level)
        follow_ups.append(
            FollowUp(
                id=marker.lower(),
                description=f"{marker} follow-up",
                responsible=tuple(
                    draw(st.lists(st.sampled_from(actor_ids), max_size=2, unique=True))
                ),
                method=f"{marker} method",
                cadence=_cadence(draw, f"{marker} cadence"),
                classification=level,
                source=Source(section="1", quote=f"{marker} quote"),
            )
        )

    plan_marker = mark(PUBLIC)
    plan = Plan(
        id=plan_marker.lower(),
        title=f"{plan_marker} plan",
        sections=(Section(number="1", heading="Samverkan"),),
        actors=tuple(actors),
        forums=tuple(forums),
        measures=tuple(measures),
        situational_pictures=tuple(pictures),
        follow_ups=tuple(follow_ups),
    )
    return _Case(plan=plan, secret=frozenset(mark.secret), public=frozenset(mark.public))


# --- the public outputs ------------------------------------------------------------------------


_CALENDARS: dict[str, Callable[[Plan, Schedule], bytes]] = {
    "the public view": lambda plan, full: to_ical(plan, full.public(), now=NOW),
    "public=True": lambda plan, full: to_ical(plan, full, now=NOW, public=True),
    "busy time": lambda plan, full: to_ical(plan, full, now=NOW, confidential="busy"),
    "busy time, one event a meeting": lambda plan, full: to_ical(
        plan, full, now=NOW, confidential="busy", expand=True
    ),
    "invitations": lambda plan, full: to_ical(
        plan, full, now=NOW, method="REQUEST", organizer=ORGANIZER
    ),
}
"""Every way to write a public calendar; ``to_ical`` is public unless told otherwise."""


_GRAPHS: dict[str, Callable[[Plan], nx.Graph[str]]] = {
    "two-mode": lambda plan: two_mode(plan, public=True),
    "two-mode with measures": lambda plan: two_mode(plan, measures=True, public=True),
    "contacts": lambda plan: projection(plan, public=True),
}
_EXPORTS: dict[str, Callable[[nx.Graph[str]], bytes]] = {
    "GraphML": to_graphml,
    "GEXF": to_gexf,
    "DOT": lambda graph: to_dot(graph).encode("utf-8"),
    "node-link": lambda graph: json.dumps(to_node_link(graph), ensure_ascii=False).encode(),
}


def _calendars(plan: Plan, names: Iterable[str] = _CALENDARS) -> Iterator[tuple[str, bytes]]:
    """The public calendars of *plan* made in the ways *names* says."""
    full = schedule(plan, START, END)
    for name in names:
        yield name, _CALENDARS[name](plan, full)


def _networks(plan: Plan, names: Iterable[str] = _GRAPHS) -> Iterator[tuple[str, bytes]]:
    """Every export of the public networks *names* of *plan*."""
    for name in names:
        graph = _GRAPHS[name](plan)
        for export, write in _EXPORTS.items():
            yield f"{name} {export}", write(graph)


def _markers(data: bytes) -> set[str]:
    """The markers in *data*, in upper case, with folded iCalendar lines joined first."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return {match.group(0).upper() for match in _MARKER.finditer(text)}


def _leaks(outputs: Iterator[tuple[str, bytes]], secret: frozenset[str]) -> dict[str, list[str]]:
    """The secret markers found in each output, ignoring case."""
    found: dict[str, list[str]] = {}
    for name, data in outputs:
        markers = _markers(data)
        leaked = sorted(markers & secret)
        if leaked:
            found[name] = leaked
    return found


def _shown(outputs: Iterator[tuple[str, bytes]]) -> set[str]:
    return {marker for _, data in outputs for marker in _markers(data)}


_SETTINGS: Callable[[Any], Any] = settings(
    max_examples=1000, suppress_health_check=[HealthCheck.too_slow]
)
"""The main properties: a thousand generated plans each."""


@_SETTINGS
@given(
    case=classified_plans(),
    calendar=st.sampled_from(sorted(_CALENDARS)),
    graph=st.sampled_from(sorted(_GRAPHS)),
)
def test_no_secret_reaches_a_public_calendar_or_network_export(case, calendar, graph):
    calendars = list(_calendars(case.plan, [calendar]))
    networks = list(_networks(case.plan, [graph]))
    assert _leaks(iter(calendars + networks), case.secret) == {}
    assert _shown(iter(calendars + networks)) <= case.public
    public_forum = next(f for f in case.plan.forums if f.classification is PUBLIC)
    assert public_forum.name.split()[0] in _shown(iter(calendars))
    if graph != "contacts":
        assert public_forum.name.split()[0] in _shown(iter(networks))


@settings(max_examples=20, phases=[Phase.generate])
@given(case=classified_plans(refer_to_hidden=True))
def test_no_secret_reaches_a_public_calendar_when_public_work_happens_in_a_hidden_forum(case):
    assert _leaks(_calendars(case.plan), case.secret) == {}


def test_public_invitations_never_name_a_hidden_convener_as_organizer():
    convener = Actor(
        id="secret0001",
        name="SECRET0001 name",
        contact=Contact(email="secret0001@kommun.example"),
        classification=Classification.CONFIDENTIAL,
    )
    member = Actor(id="public0002", name="PUBLIC0002 name", contact=Contact(email=ORGANIZER))
    forum = Forum(
        id="public0003",
        name="PUBLIC0003 forum",
        members=(Membership(actor=convener.id, role=Role.CONVENER), Membership(actor=member.id)),
        cadence=PerPeriod(count=2, period=Period.MONTH),
    )
    plan = Plan(id="plan", title="Plan", actors=(convener, member), forums=(forum,))
    data = to_ical(plan, schedule(plan, START, END), now=NOW, method="REQUEST")
    assert b"BEGIN:VEVENT" in data
    assert _leaks(iter([("invitations", data)]), frozenset({"SECRET0001"})) == {}
    assert f'ORGANIZER;CN="PUBLIC0002 name":mailto:{ORGANIZER}'.encode() in data


@pytest.mark.parametrize("level", HIDDEN, ids=lambda level: level.value)
def test_a_plan_that_is_not_public_has_no_public_calendar(level):
    """Even an empty public calendar would carry the plan's title, so it is refused."""
    forum = Forum(id="council", name="Council", cadence=PerPeriod(count=2, period=Period.MONTH))
    plan = Plan(id="plan", title="SECRET0001 plan", forums=(forum,), classification=level)
    made = schedule(plan, START, END)
    for view in (made, made.public()):
        with pytest.raises(InvalidValueError, match=f"classified {level.value}") as caught:
            to_ical(plan, view, now=NOW)
        assert caught.value.field == "public"
    internal = to_ical(plan, made, now=NOW, public=False)
    assert b"SECRET0001" in internal
    assert b"Council" in internal


# --- the public report and a public plan file ------------------------------------------------


def _earlier(plan: Plan) -> Plan:
    """An earlier version: every forum had another name and the last measure was not there."""
    forums = tuple(attrs.evolve(f, name=f"{f.name} (earlier)") for f in plan.forums)
    return attrs.evolve(plan, forums=forums, measures=plan.measures[:-1])


@pytest.mark.skipif(
    importlib.util.find_spec("actionplan.report") is None,
    reason="actionplan.report (build, to_html, to_markdown) is not written yet",
)
@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(case=classified_plans(refer_to_hidden=True))
def test_no_secret_reaches_the_public_report_or_its_changes(case):
    """Fewer examples than above: each report draws two pictures, about half a second."""
    report = importlib.import_module("actionplan.report")
    made = report.build(case.plan, year=START.year, previous=_earlier(case.plan))
    outputs = [
        ("html", report.to_html(made).encode("utf-8")),
        ("markdown", report.to_markdown(made).encode("utf-8")),
    ]
    assert _leaks(iter(outputs), case.secret) == {}
    assert case.plan.title in report.to_markdown(made)


@settings(max_examples=20, phases=[Phase.generate])
@given(case=classified_plans(refer_to_hidden=True))
def test_a_redacted_plan_holds_no_secret_and_loads_back_in_every_format(case):
    """actionplan.redact leaves out every hidden part and every mention of one."""
    public = actionplan.redact(case.plan)
    for fmt in actionplan.serialization.FORMATS:
        text = actionplan.dumps(public, format=fmt)
        assert _leaks(iter([(fmt, text.encode("utf-8"))]), case.secret) == {}
        assert actionplan.loads(text, format=fmt) == public
