"""Collaboration graphs and their metrics, checked against values computed by hand."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
from datetime import date
from importlib.resources import files
from itertools import pairwise

import attrs
import pytest

nx = pytest.importorskip("networkx")

import actionplan  # noqa: E402
from actionplan import (  # noqa: E402
    Actor,
    ActorKind,
    Classification,
    Forum,
    InvalidValueError,
    Measure,
    Membership,
    Municipality,
    NotStated,
    Period,
    PerPeriod,
    Plan,
    Role,
    network,
)

MONTHLY = PerPeriod(count=1, period=Period.MONTH)
YEARLY = PerPeriod(count=1, period=Period.YEAR)


def make_plan(forums, *, extra_actors=(), measures=(), cadences=None):
    """A plan whose forums are ``{forum id: member ids}``; every member becomes an actor.

    Forums meet once a year unless *cadences* gives another cadence for their id.
    """
    cadences = cadences or {}
    names = sorted({member for members in forums.values() for member in members})
    return Plan(
        id="test",
        title="Testplan",
        actors=[Actor(id=name, name=name.upper()) for name in (*names, *extra_actors)],
        forums=[
            Forum(
                id=forum_id,
                name=forum_id.upper(),
                members=[Membership(actor=member) for member in members],
                cadence=cadences.get(forum_id, YEARLY),
            )
            for forum_id, members in forums.items()
        ],
        measures=measures,
    )


def actor(name):
    return f"actor:{name}"


# A star: the hub shares a forum with each leaf, the leaves share nothing.
STAR = make_plan({f"f{leaf}": ("hub", leaf) for leaf in ("l1", "l2", "l3", "l4")})
# A path a - b - c - d.
PATH = make_plan({"ab": ("a", "b"), "bc": ("b", "c"), "cd": ("c", "d")})
# Two triangles, a-b-c and d-e-f, joined by a forum that c and d share.
TRIANGLES = make_plan({"t1": ("a", "b", "c"), "t2": ("d", "e", "f"), "link": ("c", "d")})


# --- graph builders ----------------------------------------------------------------------


def test_two_mode_has_namespaced_nodes_with_their_attributes():
    """Actors and forums are nodes 'actor:id' and 'forum:id', with mode, label and cadence."""
    plan = Plan(
        id="p",
        title="Plan",
        actors=[
            Actor(id="bra", name="Brå-samordnaren", kind=ActorKind.MUNICIPAL_SECURITY),
            Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE, municipality="1982"),
        ],
        forums=[
            Forum(
                id="bra",
                name="Brottsförebyggande rådet",
                members=[Membership(actor="bra", role=Role.CHAIR), Membership(actor="polisen")],
                cadence=PerPeriod(count=4),
                municipalities=["1982", "1962"],
            ),
            Forum(id="dialog", name="Dialogmöte", members=[Membership(actor="polisen")]),
        ],
    )
    graph = network.two_mode(plan)
    assert list(graph.nodes) == ["actor:bra", "actor:polisen", "forum:bra", "forum:dialog"]
    assert graph.nodes["actor:polisen"] == {
        "mode": "actor",
        "label": "Polisen",
        "kind": "police",
        "municipality": "1982",
        "classification": "public",
    }
    assert graph.nodes["forum:bra"] == {
        "mode": "forum",
        "label": "Brottsförebyggande rådet",
        "kind": "other",
        "municipality": "1982,1962",
        "classification": "public",
        "cadence": "minst 4 gånger per år",
        "per_year": 4.0,
    }
    assert graph.nodes["forum:dialog"]["per_year"] == 0.0
    assert graph.nodes["forum:dialog"]["cadence"] == "ingen angiven mötesfrekvens"
    assert graph.edges["actor:bra", "forum:bra"] == {"role": "chair", "as_needed": False}
    assert graph.number_of_edges() == 3


def test_two_mode_with_measures_links_responsible_and_participating_actors():
    """With measures=True each measure is a node linked to its responsible and participants."""
    plan = make_plan(
        {"bra": ("a", "b")},
        extra_actors=("c",),
        measures=[
            Measure(
                id="vandring",
                description="Trygghetsvandring",
                responsible=["a"],
                participants=["c", "okand"],
            )
        ],
    )
    without_measures = network.two_mode(plan)
    assert "measure:vandring" not in without_measures
    graph = network.two_mode(plan, measures=True)
    assert graph.nodes["measure:vandring"]["mode"] == "measure"
    assert graph.nodes["measure:vandring"]["label"] == "Trygghetsvandring"
    assert graph.nodes["measure:vandring"]["kind"] == "shall"
    assert graph.edges["actor:a", "measure:vandring"] == {"relation": "responsible"}
    assert graph.edges["actor:c", "measure:vandring"] == {"relation": "participant"}
    assert "actor:okand" not in graph
    assert sorted(graph.neighbors("measure:vandring")) == ["actor:a", "actor:c"]


def test_public_graphs_leave_out_confidential_and_internal_parts():
    """public=True drops confidential forums, internal actors and their seats."""
    plan = Plan(
        id="p",
        title="Plan",
        actors=[
            Actor(id="a", name="A"),
            Actor(id="b", name="B"),
            Actor(id="hemlig", name="Hemlig", classification=Classification.INTERNAL),
        ],
        forums=[
            Forum(id="oppen", name="Öppen", members=[Membership(actor="a")]),
            Forum(
                id="sluten",
                name="Sluten",
                members=[Membership(actor="a"), Membership(actor="b")],
                classification=Classification.CONFIDENTIAL,
            ),
            Forum(id="med", name="Med", members=[Membership(actor="hemlig")]),
        ],
    )
    assert "forum:sluten" in network.two_mode(plan)
    public = network.two_mode(plan, public=True)
    assert sorted(public.nodes) == ["actor:a", "actor:b", "forum:med", "forum:oppen"]
    assert sorted(public.edges) == [("actor:a", "forum:oppen")]
    assert network.projection(plan).has_edge("actor:a", "actor:b")
    assert not network.projection(plan, public=True).has_edge("actor:a", "actor:b")
    assert network.isolated_actors(plan, public=True) == ("b",)


def test_projection_weight_is_meetings_a_year_the_two_actors_share():
    """A monthly forum (12) and a yearly forum (1) shared give weight 13; no cadence adds 1."""
    plan = make_plan(
        {"manad": ("a", "b"), "ar": ("a", "b", "c"), "vag": ("a", "c")},
        extra_actors=("ensam",),
        cadences={"manad": MONTHLY, "vag": NotStated(text="kontinuerligt")},
        measures=[
            Measure(id="m1", description="M1", responsible=["a"], participants=["b"]),
            Measure(id="m2", description="M2", participants=["b", "a", "c"]),
            Measure(id="m3", description="M3", responsible=["a", "ensam"]),
        ],
    )
    graph = network.projection(plan)
    assert graph.edges["actor:a", "actor:b"] == {
        "weight": 13.0,
        "shared_measures": 2,
        "forums": ("ar", "manad"),
    }
    assert graph.edges["actor:a", "actor:c"]["weight"] == 2.0
    assert graph.edges["actor:b", "actor:c"]["weight"] == 1.0
    assert graph.edges["actor:b", "actor:c"]["shared_measures"] == 1
    assert graph.nodes["actor:ensam"]["label"] == "ENSAM"
    assert graph.degree("actor:ensam") == 0
    assert graph.number_of_edges() == 3


def test_projection_has_the_edges_of_networkx_bipartite_projection():
    """Pairs of co-members equal networkx's weighted projection, edge for edge."""
    rng = random.Random(7)  # noqa: S311 - a fixed, reproducible layout, not a secret.
    names = [f"a{index:02d}" for index in range(40)]
    forums = {f"f{index:02d}": tuple(rng.sample(names, rng.randint(1, 6))) for index in range(15)}
    plan = make_plan(
        forums, extra_actors=[n for n in names if not any(n in m for m in forums.values())]
    )
    ours = network.projection(plan)
    two_mode = network.two_mode(plan)
    actors = [node for node, mode in two_mode.nodes(data="mode") if mode == "actor"]
    theirs = nx.algorithms.bipartite.weighted_projected_graph(two_mode, actors)
    assert set(ours.nodes) == set(theirs.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in theirs.edges}
    for first, second, shared in theirs.edges(data="weight"):
        assert len(ours.edges[first, second]["forums"]) == shared
        # Every forum here meets once a year, so the weight is the number of shared forums.
        assert ours.edges[first, second]["weight"] == shared


# --- metrics on small graphs, computed by hand -------------------------------------------


def test_star_is_fully_centralised():
    """A star's centre has all the degree and betweenness; the leaves have no betweenness."""
    graph = network.projection(STAR)
    assert network.centralization(graph) == 1.0
    assert network.betweenness_centralization(graph) == 1.0
    assert network.betweenness(graph) == {
        "actor:hub": 1.0,
        "actor:l1": 0.0,
        "actor:l2": 0.0,
        "actor:l3": 0.0,
        "actor:l4": 0.0,
    }
    assert network.degree_centrality(graph) == {
        "actor:hub": 1.0,
        "actor:l1": 0.25,
        "actor:l2": 0.25,
        "actor:l3": 0.25,
        "actor:l4": 0.25,
    }
    assert network.density(graph) == pytest.approx(4 / 10)
    assert network.brokers(STAR) == (("hub", 1.0),)


def test_path_of_four():
    """On a-b-c-d: density 3/6, inner nodes lie on 2 of the 3 paths between others."""
    graph = network.projection(PATH)
    assert network.density(graph) == 0.5
    scores = network.betweenness(graph)
    assert scores == pytest.approx(
        {"actor:b": 2 / 3, "actor:c": 2 / 3, "actor:a": 0.0, "actor:d": 0.0}
    )
    assert list(scores) == ["actor:b", "actor:c", "actor:a", "actor:d"]
    # Degrees 1, 2, 2, 1: (1 + 0 + 0 + 1) / ((4 - 1)(4 - 2)).
    assert network.centralization(graph) == pytest.approx(1 / 3)
    # Normalised betweenness 2/3 twice, 0 twice: (2/3 + 2/3) / (4 - 1).
    assert network.betweenness_centralization(graph) == pytest.approx(4 / 9)
    assert network.brokers(PATH, top=1) == (("b", pytest.approx(2 / 3)),)


def test_two_triangles_joined_by_a_bridge():
    """c and d carry every path between the triangles: 6 of the 10 pairs each."""
    graph = network.projection(TRIANGLES)
    assert network.density(graph) == pytest.approx(7 / 15)
    scores = network.betweenness(graph)
    assert scores["actor:c"] == pytest.approx(0.6)
    assert scores["actor:d"] == pytest.approx(0.6)
    assert {scores[actor(n)] for n in "abef"} == {0.0}
    # Degrees 2, 2, 3, 3, 2, 2 with maximum 3: (1 + 1 + 0 + 0 + 1 + 1) / (5 * 4).
    assert network.centralization(graph) == pytest.approx(0.2)
    # Four nodes 0.6 below the maximum: 2.4 / (6 - 1); raw: 24 / ((6 - 1)² (6 - 2) / 2).
    assert network.betweenness_centralization(graph) == pytest.approx(0.48)
    assert network.brokers(TRIANGLES) == (("c", pytest.approx(0.6)), ("d", pytest.approx(0.6)))
    assert sorted(nx.bridges(graph)) == [("actor:c", "actor:d")]
    # On the two-mode graph the bridge is the link forum's two seats; c's seat in t1 (and
    # d's in t2) is one too, since a and b reach the rest only through it.
    assert network.bridges(TRIANGLES) == (
        ("actor:c", "forum:link"),
        ("actor:c", "forum:t1"),
        ("actor:d", "forum:link"),
        ("actor:d", "forum:t2"),
    )
    assert network.articulation_points(TRIANGLES) == (
        "actor:c",
        "actor:d",
        "forum:link",
        "forum:t1",
        "forum:t2",
    )


def test_pendant_seats_are_bridges_only_when_asked_for():
    """Every actor with one seat hangs on a bridge; those are listed only with pendant=True."""
    pendant = network.bridges(TRIANGLES, pendant=True)
    assert len(pendant) == 8
    assert set(pendant) - set(network.bridges(TRIANGLES)) == {
        ("actor:a", "forum:t1"),
        ("actor:b", "forum:t1"),
        ("actor:e", "forum:t2"),
        ("actor:f", "forum:t2"),
    }
    assert ("actor:a", "forum:t1") in pendant
    assert ("actor:a", "forum:t1") not in network.bridges(TRIANGLES)


def test_small_graphs_have_no_centralization():
    """With fewer than three nodes there is no star to compare with: 0.0."""
    pair = network.projection(make_plan({"f": ("a", "b")}))
    assert network.centralization(pair) == 0.0
    assert network.betweenness_centralization(pair) == 0.0
    assert network.density(nx.Graph()) == 0.0
    assert network.degree_centrality(network.projection(make_plan({"f": ("a",)}))) == {
        "actor:a": 0.0
    }


def test_two_mode_finds_single_points_of_failure_the_projection_hides():
    """A forum that alone ties actors to the rest splits the network; the projection can't tell."""
    plan = make_plan({"bra": ("a", "b", "c", "d"), "dialog": ("c", "d", "e")})
    assert network.articulation_points(plan) == ("forum:bra", "forum:dialog")
    contacts = network.projection(plan)
    assert list(nx.articulation_points(contacts)) == []
    assert list(nx.bridges(contacts)) == []


def test_isolated_actors_are_those_without_a_seat():
    """An actor in no forum is isolated even when it is responsible for a measure."""
    plan = make_plan(
        {"bra": ("a", "b")},
        extra_actors=("z", "y"),
        measures=[Measure(id="m", description="M", responsible=["z"])],
    )
    assert network.isolated_actors(plan) == ("y", "z")


def test_components_are_the_separate_parts_of_the_two_mode_graph():
    """Actors reachable through forums form one part; a lone actor or empty forum is its own."""
    plan = make_plan({"f1": ("a", "b"), "f2": ("c",), "tom": ()}, extra_actors=("z",))
    assert network.components(plan) == (
        ("actor:a", "actor:b", "forum:f1"),
        ("actor:c", "forum:f2"),
        ("actor:z",),
        ("forum:tom",),
    )


# --- determinism and sampling ------------------------------------------------------------


def path_graph(size, *, reverse=False):
    graph = nx.Graph()
    names = [f"n{index:03d}" for index in range(size)]
    pairs = list(pairwise(names))
    if reverse:
        names.reverse()
        pairs.reverse()
    graph.add_nodes_from(names)
    graph.add_edges_from(pairs)
    return graph


def test_betweenness_is_sampled_above_the_limit_with_a_fixed_seed():
    """Above exact_limit the estimate differs from the exact value but repeats exactly."""
    graph = path_graph(40)
    exact = network.betweenness(graph)
    sampled = network.betweenness(graph, exact_limit=39, k=5)
    assert sampled != exact
    assert sampled == network.betweenness(graph, exact_limit=39, k=5)
    assert sampled == network.betweenness(path_graph(40, reverse=True), exact_limit=39, k=5)
    assert network.betweenness(graph, exact_limit=40, k=5) == exact


def test_betweenness_needs_at_least_one_sample():
    with pytest.raises(InvalidValueError):
        network.betweenness(path_graph(3), k=0)


def test_communities_are_deterministic():
    """Two groups of five that meet among themselves, with one shared seat between them."""
    plan = make_plan(
        {
            "vast": ("a", "b", "c", "d", "e"),
            "ost": ("f", "g", "h", "i", "j"),
            "lank": ("e", "f"),
        }
    )
    graph = network.projection(plan)
    found = network.communities(graph)
    assert found == (
        tuple(actor(n) for n in "abcde"),
        tuple(actor(n) for n in "fghij"),
    )
    reordered = nx.Graph()
    reordered.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reordered.add_edges_from(reversed(list(graph.edges(data=True))))
    assert network.communities(reordered) == found
    assert network.communities(graph, seed=42) == network.communities(graph, seed=42)
    assert network.communities(nx.Graph()) == ()


# --- summary and what-if -----------------------------------------------------------------


def test_summary_of_two_triangles():
    summary = network.summarise(TRIANGLES)
    assert (summary.actors, summary.forums, summary.seats, summary.contacts) == (6, 3, 8, 7)
    assert summary.components == 1
    assert summary.isolated == ()
    assert summary.centralization == pytest.approx(0.2)
    assert summary.betweenness_centralization == pytest.approx(0.48)
    assert summary.bridges == network.bridges(TRIANGLES)
    assert summary.articulation_points == network.articulation_points(TRIANGLES)
    assert summary.communities == (("a", "b", "c"), ("d", "e", "f"))


def test_removing_a_broker_splits_the_network():
    """Without c, nobody carries news from a and b to the other triangle."""
    after = network.without(TRIANGLES, actors=["c"])
    assert [a.id for a in after.actors] == ["a", "b", "d", "e", "f"]
    assert after.forum("link").member_ids == ("d",)
    change = network.what_if(TRIANGLES, after)
    assert change.components_change == 1
    assert change.before.components == 1
    assert "actor:c" in change.resolved_articulation_points
    assert change.newly_isolated == ()
    # Left: a-b, d-e, d-f, e-f, 4 of 10 possible pairs.
    assert change.density_change == pytest.approx(4 / 10 - 7 / 15)


def test_removing_a_forum_can_isolate_actors():
    change = network.what_if(PATH, network.without(PATH, forums=["ab"]))
    assert change.newly_isolated == ("a",)
    assert change.components_change == 1


def test_removing_a_municipality_removes_its_actors_and_their_parts():
    """Its actors, their seats and references go; forums only it spans go; the plan stays sound."""
    plan = Plan(
        id="p",
        title="Gemensam plan",
        municipalities=[
            Municipality(code="1982", name="Fagersta"),
            Municipality(code="1962", name="Norberg"),
        ],
        actors=[
            Actor(id="polisen", name="Polisen"),
            Actor(id="skola-f", name="Skolan i Fagersta", municipality="1982"),
            Actor(id="skola-n", name="Skolan i Norberg", municipality="1962"),
        ],
        forums=[
            Forum(
                id="bra",
                name="Gemensamt Brå",
                members=[Membership(actor=a) for a in ("polisen", "skola-f", "skola-n")],
                municipalities=["1982", "1962"],
            ),
            Forum(
                id="norberg-grupp",
                name="Norbergs grupp",
                members=[Membership(actor="skola-n")],
                municipalities=["1962"],
            ),
        ],
        measures=[
            Measure(
                id="m",
                description="Gemensam insats",
                responsible=["skola-n"],
                participants=["polisen"],
                forums=["norberg-grupp", "bra"],
            )
        ],
    )
    after = network.without(plan, municipality="1962")
    assert [a.id for a in after.actors] == ["polisen", "skola-f"]
    assert [f.id for f in after.forums] == ["bra"]
    assert after.forum("bra").member_ids == ("polisen", "skola-f")
    assert after.forum("bra").municipalities == ("1982",)
    assert after.municipality_codes == ("1982",)
    assert after.measure("m").responsible == ()
    assert after.measure("m").forums == ("bra",)
    assert actionplan.integrity(after) == []
    assert network.summarise(after).actors == 2


def test_without_rejects_unknown_ids():
    with pytest.raises(KeyError, match="nobody"):
        network.without(PATH, actors=["nobody"])
    with pytest.raises(KeyError, match="9999"):
        network.without(PATH, municipality="9999")


def test_with_added_joins_an_actor_to_a_forum():
    """A third municipality joining the Brå becomes part of the network, isolated no more."""
    plan = make_plan({"bra": ("a", "b")}, extra_actors=("c",))
    joined = network.with_added(
        plan,
        municipality=Municipality(code="1904", name="Skinnskatteberg"),
        actor=Actor(id="skb", name="Skinnskattebergs kommun", municipality="1904"),
        memberships=[("bra", "skb"), ("bra", Membership(actor="c", role=Role.ADJUNCT))],
    )
    assert joined.forum("bra").member_ids == ("a", "b", "skb", "c")
    assert joined.forum("bra").members[-1].role is Role.ADJUNCT
    assert actionplan.integrity(joined) == []
    change = network.what_if(plan, joined)
    assert change.no_longer_isolated == ("c",)
    assert change.components_change == -1
    assert change.density_change == pytest.approx(1.0 - 1 / 3)
    assert change.centralization_change == pytest.approx(0.0 - 1 / 2)


def test_with_added_rejects_duplicates_and_unknown_forums():
    with pytest.raises(InvalidValueError):
        network.with_added(PATH, actor=Actor(id="a", name="A igen"))
    with pytest.raises(InvalidValueError):
        network.with_added(PATH, memberships=[("ab", "a")])
    with pytest.raises(KeyError, match="nowhere"):
        network.with_added(PATH, memberships=[("nowhere", "a")])
    with pytest.raises(KeyError, match="nobody"):
        network.with_added(PATH, memberships=[("ab", "nobody")])


# --- exports -----------------------------------------------------------------------------

TRICKY = 'Föreningen "Trygg" \\ Väst\nrad två <script>alert(1)</script> & co'


def tricky_plan():
    return Plan(
        id="tricky",
        title="Plan med konstiga namn",
        actors=[
            Actor(id="forening", name=TRICKY, kind=ActorKind.CIVIL_SOCIETY),
            Actor(id="polisen", name="Polisen i Skinnskatteberg och Ängelsberg"),
            Actor(id="socialtjanst", name="Socialtjänsten", municipality="1982"),
        ],
        forums=[
            Forum(
                id="bra",
                name="Brå – rådet för trygghet",
                members=[Membership(actor="forening"), Membership(actor="polisen")],
                cadence=MONTHLY,
            ),
            Forum(
                id="dialog",
                name="Dialog \\ möte",
                members=[Membership(actor="forening"), Membership(actor="polisen")],
            ),
            Forum(
                id="hemlig",
                name="Hemliga samverkansgruppen",
                members=[Membership(actor="polisen"), Membership(actor="socialtjanst")],
                classification=Classification.CONFIDENTIAL,
            ),
        ],
    )


def exported(data):
    """An attribute dict as the exports write it: tuples joined by commas."""
    return {k: ",".join(v) if isinstance(v, tuple) else v for k, v in data.items()}


GRAPHS = [
    pytest.param(lambda: network.two_mode(tricky_plan(), measures=True), id="two-mode"),
    pytest.param(lambda: network.projection(tricky_plan()), id="projection"),
]


@pytest.mark.parametrize("build", GRAPHS)
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(build):
    graph = build()
    read = nx.read_graphml(io.BytesIO(network.to_graphml(graph)))
    assert sorted(read.nodes) == sorted(graph.nodes)
    for node, data in graph.nodes(data=True):
        assert read.nodes[node] == exported(data)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in graph.edges}
    for first, second, data in graph.edges(data=True):
        assert read.edges[first, second] == exported(data)
    assert read.nodes["actor:forening"]["label"] == TRICKY


@pytest.mark.parametrize("build", GRAPHS)
def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(build):
    graph = build()
    read = nx.read_gexf(io.BytesIO(network.to_gexf(graph)))
    assert sorted(read.nodes) == sorted(graph.nodes)
    for node, data in graph.nodes(data=True):
        assert read.nodes[node] == exported(data)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in graph.edges}
    for first, second, data in graph.edges(data=True):
        written = dict(read.edges[first, second])
        del written["id"]  # GEXF numbers its edges.
        assert written == exported(data)


def test_gexf_is_byte_identical_and_dated_only_when_asked():
    graph = network.projection(tricky_plan())
    first = network.to_gexf(graph)
    assert first == network.to_gexf(graph)
    assert b"lastmodifieddate" not in first
    dated = network.to_gexf(graph, modified=date(2016, 4, 25))
    assert b'lastmodifieddate="2016-04-25"' in dated


DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
DOT_NODE = re.compile(rf"^  {DOT_STRING}(?: \[(.*)\])?;$")
DOT_EDGE = re.compile(rf"^  {DOT_STRING} -- {DOT_STRING}(?: \[(.*)\])?;$")
DOT_PAIR = re.compile(rf"{DOT_STRING}={DOT_STRING}")


def dot_unescape(text):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def parse_dot(text):
    """Read back the subset of DOT that to_dot writes: one statement a line."""
    lines = text.splitlines()
    assert re.fullmatch(rf"graph {DOT_STRING} \{{", lines[0])
    assert lines[-1] == "}"
    nodes, edges = {}, {}
    for line in lines[1:-1]:
        if edge := DOT_EDGE.match(line):
            ends = (dot_unescape(edge[1]), dot_unescape(edge[2]))
            edges[ends] = {
                dot_unescape(k): dot_unescape(v) for k, v in DOT_PAIR.findall(edge[3] or "")
            }
        elif node := DOT_NODE.match(line):
            nodes[dot_unescape(node[1])] = {
                dot_unescape(k): dot_unescape(v) for k, v in DOT_PAIR.findall(node[2] or "")
            }
        else:
            pytest.fail(f"not a DOT statement: {line!r}")
    return nodes, edges


def test_dot_quotes_and_escapes_every_name():
    """Quotes, backslashes, line breaks and markup in names cannot break the DOT text."""
    graph = network.projection(tricky_plan())
    text = network.to_dot(graph)
    nodes, edges = parse_dot(text)
    assert set(nodes) == set(graph.nodes)
    assert nodes["actor:forening"]["label"] == TRICKY
    assert nodes["actor:socialtjanst"]["municipality"] == "1982"
    assert set(edges) == set(graph.edges)
    assert edges["actor:forening", "actor:polisen"] == {
        "forums": "bra,dialog",
        "shared_measures": "0",
        "weight": "13",
    }
    assert "\\\\ Väst\\nrad två <script>" in text


def test_dot_of_a_two_mode_graph_keeps_swedish_letters_and_decimals():
    plan = make_plan({"mote": ("asa",)}, cadences={"mote": PerPeriod(count=1, period=Period.WEEK)})
    plan = attrs.evolve(
        plan,
        actors=[Actor(id="asa", name="Åsa Öberg")],
        forums=[attrs.evolve(plan.forum("mote"), name="Möte på tisdagar")],
    )
    text = network.to_dot(network.two_mode(plan))
    assert '"actor:asa" -- "forum:mote" ["as_needed"="false", "role"="member"];' in text
    assert '"label"="Åsa Öberg"' in text
    assert '"label"="Möte på tisdagar"' in text
    assert '"per_year"="52"' in text
    directed = nx.DiGraph([("x", "y")])
    directed.nodes["x"]["score"] = 0.25
    assert (
        network.to_dot(directed) == 'digraph {\n  "x" ["score"="0.25"];\n  "y";\n  "x" -> "y";\n}\n'
    )


def test_node_link_round_trips_through_json():
    graph = network.two_mode(tricky_plan(), measures=True)
    data = network.to_node_link(graph)
    text = json.dumps(data, ensure_ascii=False)
    read = nx.node_link_graph(json.loads(text), edges="edges")
    assert sorted(read.nodes) == sorted(graph.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in graph.edges}
    for node, attributes in graph.nodes(data=True):
        assert read.nodes[node] == exported(attributes)
    assert [node["id"] for node in data["nodes"]] == sorted(graph.nodes)
    assert read.nodes["actor:forening"]["label"] == TRICKY


def test_node_link_does_not_depend_on_insertion_order():
    graph = network.projection(tricky_plan())
    shuffled = nx.Graph(**graph.graph)
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from((v, u, d) for u, v, d in reversed(list(graph.edges(data=True))))
    assert network.to_node_link(shuffled) == network.to_node_link(graph)
    assert network.to_graphml(shuffled) == network.to_graphml(graph)
    assert network.to_dot(shuffled) == network.to_dot(graph)


def test_public_exports_leave_out_the_confidential_forum():
    plan = tricky_plan()
    assert b"Hemliga samverkansgruppen" in network.to_graphml(network.two_mode(plan))
    public = network.two_mode(plan, public=True)
    outputs = [
        network.to_graphml(public).decode(),
        network.to_gexf(public).decode(),
        network.to_dot(public),
        json.dumps(network.to_node_link(public), ensure_ascii=False),
        json.dumps(network.to_node_link(network.projection(plan, public=True))),
    ]
    for text in outputs:
        assert "hemlig" not in text.casefold()
    assert not network.projection(plan, public=True).has_edge("actor:polisen", "actor:socialtjanst")


# --- node ids and imports ----------------------------------------------------------------


def test_node_ids_round_trip():
    assert network.split_node(network.node_id("forum", "bra")) == ("forum", "bra")
    with pytest.raises(InvalidValueError):
        network.split_node("person:anna")


def test_import_actionplan_does_not_load_networkx():
    code = "import sys, actionplan; print('networkx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- the seed plan -----------------------------------------------------------------------

SEED = files("actionplan").joinpath("data/handlingsplan-vbe-2016.toml")


@pytest.mark.skipif(not SEED.is_file(), reason="the seed plan is not bundled")
def test_seed_bra_holds_its_members_together_and_the_region_has_no_seat(seed):
    """The Brå alone ties its members together; the region (a 'may') sits in no forum."""
    assert "forum:bra" in network.articulation_points(seed)
    regions = [a.id for a in seed.actors if a.kind is ActorKind.REGION]
    assert regions
    assert set(regions) <= set(network.isolated_actors(seed))
    summary = network.summarise(seed)
    assert set(regions) <= set(summary.isolated)
    assert summary.actors == len(seed.actors)
    confidential = [f.id for f in seed.forums if f.classification is not Classification.PUBLIC]
    public = network.two_mode(seed, public=True)
    assert confidential
    assert not any(f"forum:{forum}" in public for forum in confidential)
