"""Collaboration networks: who meets whom, and who holds the network together.

A plan's forums make a *two-mode* graph: actors on one side, forums on the other, and an
edge for every seat. Projecting it onto the actors gives the *contact* graph: two actors
are linked when they share a forum, weighted by the meetings a year they share.

Node ids carry their mode, ``"actor:polisen"``, ``"forum:bra"``, ``"measure:lagesbild"``,
because an actor, a forum and a measure may share an id. Functions whose answer holds
only actors (:func:`brokers`, :func:`isolated_actors`) return plain actor ids; the others
return node ids. Every result is sorted, so the same plan gives the same answer.

networkx is imported here and nowhere else in the package; ``import actionplan`` does not
load it.

Examples:
    >>> import actionplan
    >>> from actionplan import network
    >>> plan = actionplan.example()
    >>> "forum:bra" in network.articulation_points(plan)
    True
    >>> network.isolated_actors(plan)[:2]
    ('fritid', 'grundskolan')
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date
from enum import Enum
from itertools import combinations
from typing import Any, Literal, TypeAlias, cast

import attrs
import networkx as nx
from attrs import frozen
from networkx.readwrite.gexf import GEXFWriter

from actionplan.cadence import describe, per_year
from actionplan.errors import InvalidValueError
from actionplan.model import (
    Actor,
    Classification,
    Forum,
    Measure,
    Membership,
    Municipality,
    Plan,
)

__all__ = [
    "Comparison",
    "Mode",
    "NetworkSummary",
    "articulation_points",
    "betweenness",
    "betweenness_centralization",
    "bridges",
    "brokers",
    "centralization",
    "communities",
    "components",
    "degree_centrality",
    "density",
    "isolated_actors",
    "node_id",
    "projection",
    "split_node",
    "summarise",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_node_link",
    "two_mode",
    "what_if",
    "with_added",
    "without",
]

Mode: TypeAlias = Literal["actor", "forum", "measure"]
"""What a node stands for in a plan's graphs."""

_MODES: tuple[Mode, ...] = ("actor", "forum", "measure")

_Seat: TypeAlias = str | Membership


# --- node ids ----------------------------------------------------------------------------


def node_id(mode: Mode, item_id: str) -> str:
    """Return the graph node id of a plan part: its mode, a colon, its id.

    Examples:
        >>> node_id("forum", "bra")
        'forum:bra'
    """
    return f"{mode}:{item_id}"


def split_node(node: str) -> tuple[Mode, str]:
    """Return the mode and the plan id of a graph node id made by :func:`node_id`.

    Raises:
        InvalidValueError: When *node* does not start with a known mode.

    Examples:
        >>> split_node("actor:polisen")
        ('actor', 'polisen')
    """
    mode, _, item_id = node.partition(":")
    for known in _MODES:
        if mode == known and item_id:
            return known, item_id
    raise InvalidValueError(
        "node", node, f"{node!r} is not a node id", "use e.g. 'actor:polisen' or 'forum:bra'"
    )


# --- building the graphs -----------------------------------------------------------------


def _visible(classification: Classification, *, public: bool) -> bool:
    return not public or classification is Classification.PUBLIC


def _parts(plan: Plan, *, public: bool) -> tuple[list[Actor], list[Forum], list[Measure]]:
    actors = sorted(
        (a for a in plan.actors if _visible(a.classification, public=public)), key=_by_id
    )
    forums = sorted(
        (f for f in plan.forums if _visible(f.classification, public=public)), key=_by_id
    )
    measures = sorted(
        (m for m in plan.measures if _visible(m.classification, public=public)), key=_by_id
    )
    return actors, forums, measures


def _by_id(item: Actor | Forum | Measure) -> str:
    return item.id


def _actor_attributes(actor: Actor) -> dict[str, Any]:
    return {
        "mode": "actor",
        "label": actor.name,
        "kind": actor.kind.value,
        "municipality": actor.municipality or "",
        "classification": actor.classification.value,
    }


def _forum_attributes(forum: Forum, plan: Plan) -> dict[str, Any]:
    return {
        "mode": "forum",
        "label": forum.name,
        "kind": forum.kind.value,
        "municipality": ",".join(forum.municipalities),
        "classification": forum.classification.value,
        "cadence": describe(forum.cadence, plan.language),
        "per_year": per_year(forum.cadence) or 0.0,
    }


def _measure_attributes(measure: Measure, plan: Plan) -> dict[str, Any]:
    return {
        "mode": "measure",
        "label": measure.description,
        "kind": measure.modality.value,
        "municipality": "",
        "classification": measure.classification.value,
        "cadence": describe(measure.cadence, plan.language),
        "per_year": per_year(measure.cadence) or 0.0,
    }


def _pair(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def two_mode(plan: Plan, *, measures: bool = False, public: bool = False) -> nx.Graph[str]:
    """Return the two-mode graph: actors and forums as nodes, an edge for each seat.

    Nodes carry ``mode`` (``"actor"``, ``"forum"`` or ``"measure"``), ``label`` (the name),
    ``kind`` (the enum code; a measure's modality), ``municipality`` (a code, the forum's
    codes joined by commas, or ``""``) and ``classification``; forums and measures also
    ``cadence`` (in words, in the plan's language) and ``per_year`` (meetings a year,
    ``0.0`` when the cadence cannot be counted). Seat edges carry ``role`` and
    ``as_needed``. References that do not resolve are left out; :func:`actionplan.validate`
    reports them.

    This is the graph on which a single forum or actor can be seen to hold the network
    together: see :func:`articulation_points`.

    Args:
        plan: The plan.
        measures: Also add measures, with an edge ``relation`` ``"responsible"`` or
            ``"participant"`` to each actor taking part.
        public: Leave out internal and confidential actors, forums and measures, as
            public exports must.

    Returns:
        A new undirected graph whose nodes and edges were added in sorted order.

    Examples:
        >>> import actionplan
        >>> graph = two_mode(actionplan.example())
        >>> graph.nodes["forum:bra"]["per_year"], graph.edges["actor:polisen", "forum:bra"]
        (4.0, {'role': 'member', 'as_needed': False})
    """
    actors, forums, kept_measures = _parts(plan, public=public)
    known = {actor.id for actor in actors}
    nodes: list[tuple[str, dict[str, Any]]] = [
        (node_id("actor", a.id), _actor_attributes(a)) for a in actors
    ]
    nodes.extend((node_id("forum", f.id), _forum_attributes(f, plan)) for f in forums)
    edges: list[tuple[str, str, dict[str, Any]]] = [
        (
            *_pair(node_id("actor", seat.actor), node_id("forum", forum.id)),
            {"role": seat.role.value, "as_needed": seat.as_needed},
        )
        for forum in forums
        for seat in forum.members
        if seat.actor in known
    ]
    if measures:
        for measure in kept_measures:
            node = node_id("measure", measure.id)
            nodes.append((node, _measure_attributes(measure, plan)))
            relations = dict.fromkeys(measure.participants, "participant")
            relations.update(dict.fromkeys(measure.responsible, "responsible"))
            edges.extend(
                (*_pair(node_id("actor", actor), node), {"relation": relation})
                for actor, relation in relations.items()
                if actor in known
            )
    graph: nx.Graph[str] = nx.Graph(name=plan.id)
    graph.add_nodes_from(sorted(nodes, key=lambda item: item[0]))
    graph.add_edges_from(sorted(edges, key=lambda item: (item[0], item[1])))
    return graph


def _seats(plan: Plan, *, public: bool) -> nx.Graph[str]:
    """The two-mode graph without attributes: what structural metrics need, built cheaply."""
    actors, forums, _ = _parts(plan, public=public)
    known = {actor.id for actor in actors}
    graph: nx.Graph[str] = nx.Graph()
    nodes = [f"actor:{a.id}" for a in actors]
    nodes.extend(f"forum:{f.id}" for f in forums)
    graph.add_nodes_from(sorted(nodes))
    graph.add_edges_from(
        sorted(
            (f"actor:{seat.actor}", f"forum:{forum.id}")
            for forum in forums
            for seat in forum.members
            if seat.actor in known
        )
    )
    return graph


def projection(plan: Plan, *, public: bool = False) -> nx.Graph[str]:
    """Return the contact graph: actors linked when they share a forum.

    An edge's ``weight`` is the meetings a year the two actors share: the sum, over the
    forums they both sit in, of each forum's meetings a year. A forum whose cadence
    cannot be counted (not stated, as needed) adds 1, so that sharing it still counts as
    contact. ``shared_measures`` counts the measures both take part in (as responsible or
    participant), and ``forums`` is the sorted tuple of the shared forums' ids. Working on
    the same measure without a shared forum makes no edge. Actors without a seat stay as
    nodes without edges. Nodes carry the same attributes as the actors in
    :func:`two_mode`.

    The projection is built straight from each forum's pairs of members, which is far
    cheaper at national scale than projecting the two-mode graph.

    Args:
        plan: The plan.
        public: Leave out internal and confidential actors, forums and measures.

    Returns:
        A new undirected, weighted graph of actors.

    Examples:
        >>> import actionplan
        >>> graph = projection(actionplan.example())
        >>> graph.edges["actor:polisen", "actor:kommunledning"]
        {'weight': 4.0, 'shared_measures': 1, 'forums': ('bra',)}
    """
    actors, forums, measures = _parts(plan, public=public)
    known = {actor.id for actor in actors}
    weights: dict[tuple[str, str], float] = {}
    shared_forums: dict[tuple[str, str], list[str]] = {}
    for forum in forums:
        contacts = per_year(forum.cadence) or 1.0
        members = sorted({seat.actor for seat in forum.members} & known)
        for first, second in combinations(members, 2):
            weights[first, second] = weights.get((first, second), 0.0) + contacts
            shared_forums.setdefault((first, second), []).append(forum.id)
    shared_measures = dict.fromkeys(weights, 0)
    for measure in measures:
        involved = sorted({*measure.responsible, *measure.participants} & known)
        for pair in combinations(involved, 2):
            if pair in shared_measures:
                shared_measures[pair] += 1
    graph: nx.Graph[str] = nx.Graph(name=plan.id)
    graph.add_nodes_from((node_id("actor", a.id), _actor_attributes(a)) for a in actors)
    graph.add_edges_from(
        (
            node_id("actor", first),
            node_id("actor", second),
            {
                "weight": weights[first, second],
                "shared_measures": shared_measures[first, second],
                "forums": tuple(sorted(shared_forums[first, second])),
            },
        )
        for first, second in sorted(weights)
    )
    return graph


# --- metrics on a graph ------------------------------------------------------------------


def _canonical(graph: nx.Graph[Any], convert: Callable[[Any], Any] | None = None) -> nx.Graph[Any]:
    """Copy *graph* with nodes and edges in sorted order, converting attribute values.

    Algorithms that draw random numbers (sampled betweenness, Louvain) visit nodes in
    insertion order, so a sorted copy makes their answer independent of how the graph
    was built.
    """

    def attributes(data: Mapping[str, Any]) -> dict[str, Any]:
        if convert is None:
            return dict(data)
        converted = {key: convert(value) for key, value in sorted(data.items())}
        return {key: value for key, value in converted.items() if value is not None}

    result = type(graph)()
    result.graph.update(attributes(graph.graph))
    result.add_nodes_from(
        (node, attributes(data))
        for node, data in sorted(graph.nodes(data=True), key=lambda item: _node_key(item[0]))
    )
    edges = []
    for first, second, data in graph.edges(data=True):
        ends = (first, second)
        if not graph.is_directed():
            ends = (first, second) if _node_key(first) <= _node_key(second) else (second, first)
        edges.append((*ends, attributes(data)))
    edges.sort(key=lambda edge: (_node_key(edge[0]), _node_key(edge[1])))
    result.add_edges_from(edges)
    return result


def _node_key(node: Any) -> str:
    """Sort key for a node of any type: the node as text."""
    return str(node)


def _ranked(scores: Mapping[Hashable, float]) -> dict[str, float]:
    """Order scores from highest to lowest, ties by node id."""
    return {
        str(node): float(score)
        for node, score in sorted(scores.items(), key=lambda item: (-item[1], str(item[0])))
    }


def density(graph: nx.Graph[Any]) -> float:
    """Return the share of possible links that exist: 1.0 when everyone meets everyone.

    On the contact graph (:func:`projection`), a low density means most actors never sit
    in a forum together; information between them has to travel through others.
    Graphs with fewer than two nodes have density 0.0.

    Examples:
        >>> import actionplan
        >>> round(density(projection(actionplan.example())), 3)
        0.076
    """
    nodes = graph.number_of_nodes()
    if nodes < 2:  # noqa: PLR2004
        return 0.0
    return 2 * graph.number_of_edges() / (nodes * (nodes - 1))


def degree_centrality(graph: nx.Graph[Any]) -> dict[str, float]:
    """Return each node's share of the other nodes it is linked to, highest first.

    On the contact graph, an actor with a high degree centrality meets many others
    directly: a natural channel for spreading information, and a heavy load if it leaves.
    A graph of one node gives it 0.0.

    Examples:
        >>> import actionplan
        >>> list(degree_centrality(projection(actionplan.example())))[0]
        'actor:beredskapssamordnare'
    """
    others = graph.number_of_nodes() - 1
    return _ranked(
        {node: (degree / others if others > 0 else 0.0) for node, degree in graph.degree()}
    )


def betweenness(
    graph: nx.Graph[Any], *, exact_limit: int = 2000, k: int = 500, seed: int = 42
) -> dict[str, float]:
    """Return each node's normalised betweenness, highest first.

    Betweenness is the share of shortest paths between two other nodes that pass through
    a node. On the contact graph, an actor with high betweenness is a broker: it links
    actors who otherwise never meet, and information between them depends on it. Paths
    are counted in links, not weighted: a contact weight measures closeness, not distance.

    Exact betweenness takes time cubic in the worst case, so above *exact_limit* nodes
    it is estimated from *k* source nodes drawn with a fixed *seed*: the same graph gives
    the same estimate. With the defaults, a single plan (tens of actors) is exact and a
    national graph (thousands of actors) is sampled from 500 nodes.

    Args:
        graph: Any graph; usually :func:`projection`.
        exact_limit: The most nodes computed exactly.
        k: How many source nodes to sample above the limit.
        seed: Seed of the sample.

    Raises:
        InvalidValueError: When *k* is less than 1.

    Examples:
        >>> import actionplan
        >>> scores = betweenness(two_mode(actionplan.example()))
        >>> next(iter(scores))
        'forum:bra'
    """
    if k < 1:
        raise InvalidValueError("k", k, "must sample at least one node", "use k >= 1")
    canonical = _canonical(graph)
    nodes = canonical.number_of_nodes()
    if nodes <= exact_limit:
        scores = nx.betweenness_centrality(canonical, normalized=True)
    else:
        scores = nx.betweenness_centrality(canonical, k=min(k, nodes), normalized=True, seed=seed)
    return _ranked(scores)


def centralization(graph: nx.Graph[Any]) -> float:
    """Return Freeman's degree centralization: 1.0 for a star, 0.0 when all are equal.

    It sums, over all nodes, how many fewer links a node has than the best-linked one,
    and divides by the largest such sum a graph of the same size can have, that of a
    star: ``(n - 1)(n - 2)``. On the contact graph, a value near 1.0 means the network
    hangs on one actor; near 0.0, contacts are spread evenly. Links are counted, not
    weighted. Graphs with fewer than three nodes give 0.0.

    Examples:
        >>> import actionplan
        >>> round(centralization(projection(actionplan.example())), 3)
        0.159
    """
    nodes = graph.number_of_nodes()
    if nodes < 3:  # noqa: PLR2004
        return 0.0
    degrees = [degree for _, degree in graph.degree()]
    most = max(degrees)
    return sum(most - degree for degree in degrees) / ((nodes - 1) * (nodes - 2))


def betweenness_centralization(
    graph: nx.Graph[Any], *, exact_limit: int = 2000, k: int = 500, seed: int = 42
) -> float:
    """Return Freeman's betweenness centralization: 1.0 for a star, 0.0 for a ring.

    It sums, over all nodes, how much lower a node's betweenness is than the highest,
    and divides by the largest such sum possible, that of a star. With betweenness
    normalised to 0..1, as :func:`betweenness` gives it, that largest sum is ``n - 1``
    (for raw path counts it would be ``(n - 1)²(n - 2) / 2``; the result is the same).
    A value near 1.0 means one broker stands between most pairs of actors. Above
    *exact_limit* nodes it is computed from the sampled betweenness. Graphs with fewer
    than three nodes give 0.0.

    Examples:
        >>> import actionplan
        >>> round(betweenness_centralization(projection(actionplan.example())), 3)
        0.0
    """
    nodes = graph.number_of_nodes()
    if nodes < 3:  # noqa: PLR2004
        return 0.0
    scores = list(betweenness(graph, exact_limit=exact_limit, k=k, seed=seed).values())
    most = max(scores)
    return sum(most - score for score in scores) / (nodes - 1)


def communities(graph: nx.Graph[Any], seed: int = 42) -> tuple[tuple[str, ...], ...]:
    """Return groups of nodes more linked inside than between, largest group first.

    Louvain modularity optimisation, weighted by the ``weight`` attribute (meetings a
    year on the contact graph), with a fixed *seed* on a sorted copy of the graph: the
    same graph gives the same groups. For a coordinator, a community is a cluster of
    actors that mostly meet each other; two communities with few links between them are
    where information gets stuck. Each group is sorted; ties in size by first node.

    Examples:
        >>> import actionplan
        >>> [len(group) for group in communities(projection(actionplan.example()))][:4]
        [4, 2, 2, 1]
    """
    canonical = _canonical(graph)
    if canonical.number_of_nodes() == 0:
        return ()
    found = nx.community.louvain_communities(canonical, weight="weight", seed=seed)
    groups = [tuple(sorted(str(node) for node in group)) for group in found]
    return tuple(sorted(groups, key=lambda group: (-len(group), group)))


# --- metrics on a plan -------------------------------------------------------------------


def _brokers(contacts: nx.Graph[str], top: int, seed: int) -> tuple[tuple[str, float], ...]:
    scores = betweenness(contacts, seed=seed)
    ranked = [(split_node(node)[1], score) for node, score in scores.items() if score > 0]
    return tuple(ranked[:top])


def brokers(
    plan: Plan, top: int = 5, *, public: bool = False, seed: int = 42
) -> tuple[tuple[str, float], ...]:
    """Return the actors that most often stand between two others, with their betweenness.

    Computed on the contact graph (:func:`projection`), not the two-mode graph, because a
    broker is an actor through whom actors who share no forum reach each other; on the
    two-mode graph forums would compete with actors for the top places. Actors with
    betweenness 0 are no brokers and are left out.

    Args:
        plan: The plan.
        top: The most actors returned.
        public: Leave out internal and confidential parts.
        seed: Seed of the sample when the graph is above :func:`betweenness`'s limit.

    Returns:
        ``(actor id, normalised betweenness)`` pairs, highest first.

    Examples:
        >>> import actionplan
        >>> brokers(actionplan.example())
        ()
    """
    return _brokers(projection(plan, public=public), top, seed)


def articulation_points(plan: Plan, *, public: bool = False) -> tuple[str, ...]:
    """Return the actors and forums whose loss would split the network, as node ids.

    Computed on the two-mode actor–forum graph: in the contact graph every forum becomes
    a clique of its members, and the forum that alone ties them to the rest disappears
    from view. For a coordinator, each one is a single point of failure: if that actor
    leaves or that forum stops meeting, some actors lose contact with the others.

    Examples:
        >>> import actionplan
        >>> articulation_points(actionplan.example())
        ('forum:bra', 'forum:civilsamhallets-motesplats', 'forum:migrationsmoten')
    """
    graph = _seats(plan, public=public)
    return tuple(sorted(nx.articulation_points(graph)))


def _bridges(graph: nx.Graph[str], *, pendant: bool) -> tuple[tuple[str, str], ...]:
    found = cast("Iterable[tuple[str, str]]", nx.bridges(graph))
    kept = [
        _pair(first, second)
        for first, second in found
        if pendant or (graph.degree(first) > 1 and graph.degree(second) > 1)
    ]
    return tuple(sorted(kept))


def bridges(
    plan: Plan, *, public: bool = False, pendant: bool = False
) -> tuple[tuple[str, str], ...]:
    """Return the seats whose loss would split the network, as pairs of node ids.

    Computed on the two-mode actor–forum graph, for the reason given in
    :func:`articulation_points`. There every actor with one seat hangs on a bridge, which
    says no more than "this actor sits in one forum", so such pendant seats are left
    out unless *pendant* is true. What remains is a seat that alone joins two groups:
    the one member who carries news between two forums.

    Examples:
        >>> import actionplan
        >>> bridges(actionplan.example())
        ()
        >>> bridges(actionplan.example(), pendant=True)[0]
        ('actor:asylboenden', 'forum:migrationsmoten')
    """
    return _bridges(_seats(plan, public=public), pendant=pendant)


def _isolated(graph: nx.Graph[str]) -> tuple[str, ...]:
    return tuple(
        split_node(node)[1]
        for node, degree in sorted(graph.degree())
        if degree == 0 and node.startswith("actor:")
    )


def isolated_actors(plan: Plan, *, public: bool = False) -> tuple[str, ...]:
    """Return the ids of actors with no seat in any forum, sorted.

    The plan gives them a part, but no forum where they meet the others: whatever they
    learn, and whatever the others learn, reaches them only by chance.

    Examples:
        >>> import actionplan
        >>> "landstinget" in isolated_actors(actionplan.example())
        True
    """
    actors, forums, _ = _parts(plan, public=public)
    seated = {seat.actor for forum in forums for seat in forum.members}
    return tuple(actor.id for actor in actors if actor.id not in seated)


def _components(graph: nx.Graph[str]) -> tuple[tuple[str, ...], ...]:
    groups = [tuple(sorted(group)) for group in nx.connected_components(graph)]
    return tuple(sorted(groups, key=lambda group: (-len(group), group)))


def components(plan: Plan, *, public: bool = False) -> tuple[tuple[str, ...], ...]:
    """Return the separate parts of the two-mode network, largest first, as node ids.

    Actors in one part can reach each other through forums; actors in different parts
    cannot. An actor without a seat, and a forum without members, each form a part of
    their own. A coordinator wants one part holding every actor.

    Examples:
        >>> import actionplan
        >>> components(actionplan.example())[0][-2:]
        ('actor:polisen', 'forum:bra')
    """
    return _components(_seats(plan, public=public))


# --- summary and what-if -----------------------------------------------------------------


@frozen(kw_only=True)
class NetworkSummary:
    """The network measures of one plan, for a report or a comparison.

    Attributes:
        actors: Number of actors.
        forums: Number of forums.
        seats: Number of seats (actor–forum edges of the two-mode graph).
        contacts: Number of actor pairs that share a forum (edges of the projection).
        density: :func:`density` of the contact graph.
        centralization: Degree :func:`centralization` of the contact graph.
        betweenness_centralization: :func:`betweenness_centralization` of the contact graph.
        brokers: :func:`brokers`, ``(actor id, betweenness)`` pairs.
        articulation_points: :func:`articulation_points`, node ids.
        bridges: :func:`bridges` without pendant seats, pairs of node ids.
        isolated: :func:`isolated_actors`, actor ids.
        components: How many parts :func:`components` finds.
        communities: :func:`communities` of the contact graph, actor ids.
    """

    actors: int
    forums: int
    seats: int
    contacts: int
    density: float
    centralization: float
    betweenness_centralization: float
    brokers: tuple[tuple[str, float], ...]
    articulation_points: tuple[str, ...]
    bridges: tuple[tuple[str, str], ...]
    isolated: tuple[str, ...]
    components: int
    communities: tuple[tuple[str, ...], ...]


def summarise(plan: Plan, *, public: bool = False, top: int = 5, seed: int = 42) -> NetworkSummary:
    """Return every network measure of *plan* at once, building each graph once.

    Args:
        plan: The plan.
        public: Leave out internal and confidential parts.
        top: The most brokers listed.
        seed: Seed for sampled betweenness and for the communities.

    Examples:
        >>> import actionplan
        >>> summary = summarise(actionplan.example())
        >>> summary.actors, summary.forums, summary.components
        (15, 4, 11)
    """
    graph = two_mode(plan, public=public)
    contacts = projection(plan, public=public)
    return NetworkSummary(
        actors=contacts.number_of_nodes(),
        forums=graph.number_of_nodes() - contacts.number_of_nodes(),
        seats=graph.number_of_edges(),
        contacts=contacts.number_of_edges(),
        density=density(contacts),
        centralization=centralization(contacts),
        betweenness_centralization=betweenness_centralization(contacts, seed=seed),
        brokers=_brokers(contacts, top, seed),
        articulation_points=tuple(sorted(nx.articulation_points(graph))),
        bridges=_bridges(graph, pendant=False),
        isolated=_isolated(graph),
        components=nx.number_connected_components(graph),
        communities=tuple(
            tuple(split_node(node)[1] for node in group)
            for group in communities(contacts, seed=seed)
        ),
    )


def _gained(before: Iterable[Any], after: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(set(after) - set(before)))


@frozen(kw_only=True)
class Comparison:
    """The network of a plan before and after a change, and what the change did.

    Attributes:
        before: The summary of the plan as it is.
        after: The summary of the changed plan.
    """

    before: NetworkSummary
    after: NetworkSummary

    @property
    def components_change(self) -> int:
        """How many more separate parts the network has after the change (negative: fewer)."""
        return self.after.components - self.before.components

    @property
    def newly_isolated(self) -> tuple[str, ...]:
        """Actors that lost their last seat."""
        return _gained(self.before.isolated, self.after.isolated)

    @property
    def no_longer_isolated(self) -> tuple[str, ...]:
        """Actors that were without a seat and now have one."""
        return _gained(self.after.isolated, self.before.isolated)

    @property
    def new_articulation_points(self) -> tuple[str, ...]:
        """Actors and forums that became single points of failure."""
        return _gained(self.before.articulation_points, self.after.articulation_points)

    @property
    def resolved_articulation_points(self) -> tuple[str, ...]:
        """Actors and forums that are no longer single points of failure."""
        return _gained(self.after.articulation_points, self.before.articulation_points)

    @property
    def density_change(self) -> float:
        """How much denser the contact graph became (negative: sparser)."""
        return self.after.density - self.before.density

    @property
    def centralization_change(self) -> float:
        """How much more the contacts hang on one actor (negative: more evenly spread)."""
        return self.after.centralization - self.before.centralization


def what_if(plan: Plan, changed: Plan, *, public: bool = False, seed: int = 42) -> Comparison:
    """Compare the networks of *plan* and a *changed* version of it.

    Make the changed plan with :func:`without`, :func:`with_added` or
    :func:`attrs.evolve`.

    Examples:
        >>> import actionplan
        >>> from actionplan import Actor, ActorKind
        >>> plan = actionplan.example()
        >>> joined = with_added(
        ...     plan,
        ...     actor=Actor(id="skinnskatteberg", name="Skinnskattebergs kommun",
        ...                 kind=ActorKind.MUNICIPAL_MANAGEMENT),
        ...     memberships=[("bra", "skinnskatteberg")],
        ... )
        >>> change = what_if(plan, joined)
        >>> change.components_change, round(change.density_change, 3)
        (0, 0.024)
    """
    return Comparison(
        before=summarise(plan, public=public, seed=seed),
        after=summarise(changed, public=public, seed=seed),
    )


def _check_known(wanted: Iterable[str], known: Iterable[str], noun: str) -> None:
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        raise KeyError(f"no {noun} {', '.join(repr(item) for item in unknown)}")


def without(
    plan: Plan,
    *,
    actors: Iterable[str] = (),
    forums: Iterable[str] = (),
    municipality: str | None = None,
) -> Plan:
    """Return a copy of *plan* without some actors, forums or a whole municipality.

    Every reference to what was removed goes too: seats, measures' responsible and
    participating actors and forums, contributors to situational pictures, a picture's
    producer, follow-ups' responsible actors, and invitations of a removed actor or to a
    removed forum. Removing a municipality removes its actors (those whose
    ``municipality`` is the code), the forums that span only it, the code from other
    forums' lists, and the municipality from the plan.

    Args:
        plan: The plan.
        actors: Ids of the actors to remove.
        forums: Ids of the forums to remove.
        municipality: Code of a municipality to remove.

    Raises:
        KeyError: When an id or code is not in the plan.

    Examples:
        >>> import actionplan
        >>> smaller = without(actionplan.example(), forums=["bra"])
        >>> [f.id for f in smaller.forums]
        ['migrationsmoten', 'civilsamhallets-motesplats', 'samverkansgruppen']
    """
    gone_actors = set(actors)
    gone_forums = set(forums)
    _check_known(gone_actors, (a.id for a in plan.actors), "actor")
    _check_known(gone_forums, (f.id for f in plan.forums), "forum")
    codes = set(plan.municipality_codes)
    if municipality is not None:
        codes |= {a.municipality for a in plan.actors if a.municipality is not None}
        codes |= {code for f in plan.forums for code in f.municipalities}
        _check_known([municipality], codes, "municipality")
        gone_actors |= {a.id for a in plan.actors if a.municipality == municipality}
        gone_forums |= {f.id for f in plan.forums if set(f.municipalities) == {municipality}}

    def keep(ids: Iterable[str], gone: set[str]) -> tuple[str, ...]:
        return tuple(item for item in ids if item not in gone)

    kept_forums = tuple(
        attrs.evolve(
            forum,
            members=tuple(m for m in forum.members if m.actor not in gone_actors),
            municipalities=keep(forum.municipalities, {municipality or ""}),
        )
        for forum in plan.forums
        if forum.id not in gone_forums
    )
    return attrs.evolve(
        plan,
        municipalities=tuple(m for m in plan.municipalities if m.code != municipality),
        actors=tuple(a for a in plan.actors if a.id not in gone_actors),
        forums=kept_forums,
        measures=tuple(
            attrs.evolve(
                m,
                responsible=keep(m.responsible, gone_actors),
                participants=keep(m.participants, gone_actors),
                forums=keep(m.forums, gone_forums),
            )
            for m in plan.measures
        ),
        situational_pictures=tuple(
            attrs.evolve(
                p,
                producer=None if p.producer in gone_forums else p.producer,
                contributors=tuple(c for c in p.contributors if c.actor not in gone_actors),
            )
            for p in plan.situational_pictures
        ),
        invitations=tuple(
            i for i in plan.invitations if i.actor not in gone_actors and i.forum not in gone_forums
        ),
        follow_ups=tuple(
            attrs.evolve(f, responsible=keep(f.responsible, gone_actors)) for f in plan.follow_ups
        ),
    )


def with_added(
    plan: Plan,
    *,
    actor: Actor | None = None,
    forum: Forum | None = None,
    municipality: Municipality | None = None,
    memberships: Iterable[tuple[str, _Seat]] = (),
) -> Plan:
    """Return a copy of *plan* with an actor, a forum, a municipality or seats added.

    Args:
        plan: The plan.
        actor: An actor to add.
        forum: A forum to add.
        municipality: A municipality the plan then also belongs to.
        memberships: ``(forum id, seat)`` pairs, the seat an actor id (an ordinary
            member) or a :class:`~actionplan.model.Membership`; the forum and the actor
            may be the ones added in the same call.

    Raises:
        InvalidValueError: When the actor, forum or municipality is already in the plan,
            or the actor already has a seat in the forum.
        KeyError: When a seat names an unknown forum or actor.

    Examples:
        >>> import actionplan
        >>> plan = with_added(actionplan.example(), memberships=[("bra", "socialtjanst")])
        >>> plan.forum("bra").member_ids[-1]
        'socialtjanst'
    """
    actors = plan.actors
    forums = plan.forums
    municipalities = plan.municipalities
    if actor is not None:
        if actor.id in {a.id for a in actors}:
            raise InvalidValueError("actor", actor.id, "is already in the plan", "use another id")
        actors = (*actors, actor)
    if forum is not None:
        if forum.id in {f.id for f in forums}:
            raise InvalidValueError("forum", forum.id, "is already in the plan", "use another id")
        forums = (*forums, forum)
    if municipality is not None:
        if municipality.code in plan.municipality_codes:
            raise InvalidValueError(
                "municipality", municipality.code, "is already in the plan", "leave it out"
            )
        municipalities = (*municipalities, municipality)
    seats: dict[str, list[Membership]] = {}
    for forum_id, seat in memberships:
        membership = seat if isinstance(seat, Membership) else Membership(actor=seat)
        seats.setdefault(forum_id, []).append(membership)
    _check_known(seats, (f.id for f in forums), "forum")
    _check_known(
        (m.actor for added in seats.values() for m in added), (a.id for a in actors), "actor"
    )
    forums = tuple(
        attrs.evolve(f, members=(*f.members, *seats[f.id])) if f.id in seats else f for f in forums
    )
    return attrs.evolve(plan, actors=actors, forums=forums, municipalities=municipalities)


# --- exports -----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Turn an attribute value into one GraphML and GEXF can hold, or ``None`` to drop it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ",".join(str(_plain(item)) for item in value)
    if isinstance(value, set | frozenset):
        return ",".join(sorted(str(_plain(item)) for item in value))
    return str(value)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold, even escaped: most control characters, U+FFFE, U+FFFF
and lone surrogates."""


def _xml_plain(value: Any) -> Any:
    """Like :func:`_plain`, with characters XML 1.0 cannot hold replaced by U+FFFD."""
    plain = _plain(value)
    if isinstance(plain, str):
        return _NOT_XML.sub("\ufffd", plain)
    return plain


def to_graphml(graph: nx.Graph[Any]) -> bytes:
    """Return *graph* as GraphML in UTF-8, for yEd, Gephi or Cytoscape.

    Nodes and edges are written in sorted order; tuples become comma-joined text and
    ``None`` values are left out, since GraphML holds only text, numbers and booleans.
    A character XML 1.0 cannot hold (a control character other than tab and line ends,
    U+FFFE, U+FFFF) becomes U+FFFD, so that every reader can read the file back.

    Examples:
        >>> import actionplan
        >>> to_graphml(two_mode(actionplan.example()))[:38]
        b"<?xml version='1.0' encoding='utf-8'?>"
    """
    buffer = io.BytesIO()
    nx.write_graphml_xml(_canonical(graph, _xml_plain), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(graph: nx.Graph[Any], *, modified: date | None = None) -> bytes:
    """Return *graph* as GEXF 1.2 in UTF-8, for Gephi.

    A node's ``label`` becomes its GEXF label and an edge's ``weight`` its GEXF weight.
    GEXF writers normally stamp today's date, which would change the file every day; the
    date is written only when given as *modified*. As in :func:`to_graphml`, a character
    XML 1.0 cannot hold becomes U+FFFD.

    Examples:
        >>> import actionplan
        >>> b'label="Polisen"' in to_gexf(two_mode(actionplan.example()))
        True
    """
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    if modified is not None:
        meta.set("lastmodifieddate", modified.isoformat())
    meta.find("creator").text = "actionplan"
    writer.add_graph(_canonical(graph, _xml_plain))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_DOT_ESCAPES = re.compile(r'\r\n|[\\"\r\n]')


def _dot_text(value: Any) -> str:
    r"""Quote *value* as a DOT string: ``"`` and ``\`` escaped, line breaks as ``\n``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "true" if value is True else "false" if value is False else str(value)
    escaped = _DOT_ESCAPES.sub(
        lambda match: "\\n" if match.group() in ("\r\n", "\r", "\n") else "\\" + match.group(),
        text,
    )
    return f'"{escaped}"'


def _dot_attributes(data: Mapping[str, Any]) -> str:
    if not data:
        return ""
    pairs = ", ".join(f"{_dot_text(key)}={_dot_text(value)}" for key, value in data.items())
    return f" [{pairs}]"


def to_dot(graph: nx.Graph[Any]) -> str:
    r"""Return *graph* in Graphviz DOT, every id, name and value quoted and escaped.

    Quotes and backslashes are escaped and line breaks written as ``\n``, so a name
    cannot end the string or inject DOT; whole-number floats are written without ``.0``
    because ``dot`` wants whole edge weights. The graph's ``name`` becomes the DOT name.

    Examples:
        >>> import actionplan
        >>> print(to_dot(two_mode(actionplan.example())).splitlines()[0])
        graph "vbe-2016" {
    """
    canonical = _canonical(graph, _plain)
    keyword, link = ("digraph", "->") if canonical.is_directed() else ("graph", "--")
    name = canonical.graph.get("name")
    lines = [f"{keyword} {_dot_text(name)} {{" if name else f"{keyword} {{"]
    lines.extend(
        f"  {_dot_text(node)}{_dot_attributes(data)};" for node, data in canonical.nodes(data=True)
    )
    lines.extend(
        f"  {_dot_text(first)} {link} {_dot_text(second)}{_dot_attributes(data)};"
        for first, second, data in canonical.edges(data=True)
    )
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_node_link(graph: nx.Graph[Any]) -> dict[str, Any]:
    """Return *graph* as node-link data, ready for :func:`json.dumps` or D3.

    Nodes are sorted by id and edges by their ends; tuples become comma-joined text.
    :func:`networkx.node_link_graph` with ``edges="edges"`` reads it back.

    Examples:
        >>> import actionplan
        >>> data = to_node_link(two_mode(actionplan.example()))
        >>> data["nodes"][0]["id"], sorted(data["edges"][0])[:3]
        ('actor:asylboenden', ['as_needed', 'role', 'source'])
    """
    data = nx.node_link_data(_canonical(graph, _plain), edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda node: str(node["id"]))
    data["edges"] = sorted(
        data["edges"], key=lambda edge: (str(edge["source"]), str(edge["target"]))
    )
    return data
