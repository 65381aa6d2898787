"""Pictures of a plan for people: the collaboration network, a coverage heat map, the årshjul.

Each function returns a :class:`matplotlib.figure.Figure` built without :mod:`pyplot`, so
drawing a picture touches no global figure state of the caller's program; :func:`render`
turns a figure into PNG or SVG bytes and :func:`save` writes them to a file atomically.
The same input gives byte-identical SVG (fixed ids, no date) and PNG (no software tag).
Text stays text in SVG, so names with å, ä and ö can be searched and read by screen
readers, and each drawn part carries an ``id`` (``actor:polisen``, ``forum:bra``) that a web
page can style or link to.

matplotlib is imported here and nowhere else in the package; install it with the ``plot``
extra (``pip install 'actionplan[plot]'``). ``import actionplan`` does not load it.

Examples:
    >>> import actionplan
    >>> from actionplan import plot
    >>> figure = plot.network_figure(actionplan.example())
    >>> plot.render(figure, "svg").startswith(b"<?xml")
    True
"""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any, Literal, Protocol, TypeAlias, cast

import networkx as nx
from matplotlib import colormaps, rc_context, style
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from actionplan.cadence import month_name
from actionplan.errors import InvalidValueError
from actionplan.model import ActorKind, Classification, Lang, Plan, PreventionLevel
from actionplan.network import split_node, two_mode
from actionplan.schedule import Occurrence, OccurrenceKind, Schedule, Series, SubjectKind
from actionplan.serialization import write_atomic

__all__ = [
    "Format",
    "MatrixLike",
    "annual_wheel",
    "heatmap",
    "heatmap_matrix",
    "network_figure",
    "render",
    "save",
]

Format: TypeAlias = Literal["png", "svg"]
"""The file formats :func:`render` and :func:`save` write."""

_FORMATS: tuple[Format, ...] = ("png", "svg")
_LANGS: tuple[Lang, ...] = ("sv", "en")
_DPI = 100
_HASH_SALT = "actionplan"

# Settings every picture is drawn and rendered with, on top of matplotlib's defaults, so a
# user's matplotlibrc or style cannot change the output. DejaVu Sans ships with matplotlib
# and has å, ä and ö.
_RC: dict[Any, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "svg.fonttype": "none",
    "svg.hashsalt": _HASH_SALT,
    "axes.titleweight": "bold",
    "legend.frameon": False,
}

_TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "network": "Samverkansnätverk",
        "actor_kinds": "Aktörer efter typ",
        "forums": "Forum och möten",
        "forum": "forum",
        "per_year": "{count} möten per år",
        "one_per_year": "1 möte per år",
        "not_stated": "ingen fast mötesfrekvens",
        "alone": "Aktörer utan plats i något forum",
        "alone_both": "Utan koppling: aktörer utan forum, forum utan medlemmar",
        "empty_network": "Planen har inga aktörer eller forum att visa.",
        "wheel": "Årshjul",
        "meetings": "Möten",
        "deadlines": "Att göra klart",
        "none": "inga",
        "gap": "lucka: 0",
        "approximate": "Vissa antal bygger på en ungefärlig översättning mellan nivåskalor.",
        "internal": "intern",
        "confidential": "sekretess",
    },
    "en": {
        "network": "Collaboration network",
        "actor_kinds": "Actors by kind",
        "forums": "Forums and meetings",
        "forum": "forum",
        "per_year": "{count} meetings a year",
        "one_per_year": "1 meeting a year",
        "not_stated": "no regular cadence",
        "alone": "Actors without a seat in any forum",
        "alone_both": "Not connected: actors without a forum, forums without members",
        "empty_network": "The plan has no actors or forums to show.",
        "wheel": "Annual wheel",
        "meetings": "Meetings",
        "deadlines": "Deadlines",
        "none": "none",
        "gap": "gap: 0",
        "approximate": "Some counts rest on an approximate crosswalk between level schemes.",
        "internal": "internal",
        "confidential": "confidential",
    },
}


# Words coverage matrices use for their axes, in Swedish.
_AXIS_WORDS_SV = {
    "actor kind": "aktörstyp",
    "actor": "aktör",
    "forum": "forum",
    "milieu": "miljö",
    "prevention level": "preventionsnivå",
    "measure": "åtgärd",
}

_FORUM_COLOUR = "#3b3b3b"
_EDGE_COLOUR = "#9a9a9a"
_GAP_COLOUR = "#c0392b"
_BLUES = colormaps["Blues"]
_RING_COLOUR = "#d9d9d9"


class MatrixLike(Protocol):
    """What :func:`heatmap_matrix` reads from a matrix, such as ``actionplan.coverage.Matrix``.

    An optional boolean attribute ``approximate`` adds a note under the picture.
    """

    @property
    def row_label(self) -> str:
        """What the rows are, e.g. ``actor kind``."""

    @property
    def column_label(self) -> str:
        """What the columns are, e.g. ``prevention level``."""

    @property
    def rows(self) -> Sequence[str]:
        """The row keys, in order."""

    @property
    def columns(self) -> Sequence[str]:
        """The column keys, in order."""

    @property
    def cells(self) -> Sequence[Sequence[Any]]:
        """One sequence of counts per row, one count per column."""


# --- shared machinery ----------------------------------------------------------------------


@contextmanager
def _style() -> Iterator[None]:
    """Draw or render with matplotlib's defaults plus :data:`_RC`, restoring the caller's."""
    with style.context("default"), rc_context(_RC):
        yield


def _figure(width: float, height: float) -> Figure:
    layout = ConstrainedLayoutEngine(w_pad=0.15, h_pad=0.1)
    figure = Figure(figsize=(width, height), dpi=_DPI, layout=layout)
    FigureCanvasAgg(figure)
    return figure


def _check_lang(lang: str) -> Lang:
    for known in _LANGS:
        if lang == known:
            return known
    raise InvalidValueError("lang", lang, f"{lang!r} is not supported", "use 'sv' or 'en'")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False)) or text


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")


def _format_of(path: Path, format: str | None) -> Format:  # noqa: A002 - matplotlib's name
    chosen = (format or path.suffix.removeprefix(".")).lower()
    for known in _FORMATS:
        if chosen == known:
            return known
    raise InvalidValueError(
        "format",
        format or path.suffix,
        f"cannot tell the picture format of {path.name!r}"
        if format is None
        else f"{format!r} is not a supported format",
        "use a name ending in .png or .svg, or pass format='png' or format='svg'",
    )


def render(figure: Figure, format: Format = "svg") -> bytes:  # noqa: A002 - matplotlib's name
    r"""Return *figure* as PNG or SVG bytes, the same bytes for the same picture.

    SVG keeps text as text and gets fixed element ids and no creation date; PNG gets no
    software tag. The size in pixels is the figure's size in inches times its dpi (100).
    Use this to embed a picture in a web page or a report without a file.

    Args:
        figure: A figure from this module (or any matplotlib figure).
        format: ``"svg"`` (default) or ``"png"``.

    Returns:
        The encoded picture.

    Raises:
        InvalidValueError: When *format* is neither ``"png"`` nor ``"svg"``.

    Examples:
        >>> import actionplan
        >>> figure = network_figure(actionplan.example())
        >>> render(figure, "png")[:8]
        b'\x89PNG\r\n\x1a\n'

    Added in 0.1.0.
    """
    if format not in _FORMATS:
        raise InvalidValueError(
            "format", format, f"{format!r} is not a supported format", "use 'png' or 'svg'"
        )
    metadata: dict[str, Any] = {"Date": None} if format == "svg" else {"Software": None}
    buffer = BytesIO()
    with _style():
        figure.savefig(buffer, format=format, dpi=figure.dpi, metadata=metadata)
    return buffer.getvalue()


def save(
    figure: Figure,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,  # noqa: A002 - matplotlib's name
) -> None:
    """Write *figure* to *path* as PNG or SVG, all at once or not at all.

    The picture is written to a temporary file in the same folder and renamed into place,
    so a web server or a colleague never sees half a picture, and a failed write leaves
    an older picture untouched.

    Args:
        figure: The figure to write.
        path: Where to write it; its suffix (``.png``, ``.svg``) gives the format unless
            *format* is given.
        format: ``"png"`` or ``"svg"``, overriding the suffix.

    Raises:
        InvalidValueError: When the format is neither PNG nor SVG.
        PlanFileError: When the file cannot be written.

    Added in 0.1.0.
    """
    target = Path(path)
    write_atomic(target, render(figure, _format_of(target, format)))


# --- the collaboration network -------------------------------------------------------------

# Colours by actor kind: matplotlib's tab20, its ten strong colours first, then the light
# ones, so kinds next to each other in ActorKind do not get two shades of one hue.
_TAB20 = (
    "#1f77b4",
    "#aec7e8",
    "#ff7f0e",
    "#ffbb78",
    "#2ca02c",
    "#98df8a",
    "#d62728",
    "#ff9896",
    "#9467bd",
    "#c5b0d5",
    "#8c564b",
    "#c49c94",
    "#e377c2",
    "#f7b6d2",
    "#7f7f7f",
    "#c7c7c7",
    "#bcbd22",
    "#dbdb8d",
    "#17becf",
    "#9edae5",
)
_KIND_COLOURS: dict[ActorKind, str] = {
    kind: _TAB20[2 * index if index < 10 else 2 * (index - 10) + 1]  # noqa: PLR2004
    for index, kind in enumerate(ActorKind)
}


def _edge_width(per_year: float) -> float:
    return 0.8 + 0.9 * math.sqrt(per_year)


def _per_year_words(per_year: float, words: Mapping[str, str]) -> str:
    if per_year <= 0:
        return words["not_stated"]
    if per_year == 1:
        return words["one_per_year"]
    count = f"{per_year:g}"
    return words["per_year"].format(count=count)


def _classified(label: str, classification: str, words: Mapping[str, str]) -> str:
    if classification == Classification.PUBLIC.value:
        return label
    return f"{label} ({words[classification]})"


_Point: TypeAlias = tuple[float, float]

_ROW_WIDTH = 11.0  # layout units before a new row of components
_NODE_GAP = 1.3  # the least distance between two nodes of a component
_LABEL_MARGIN = 1.2  # room around a component for the labels of its outer nodes
_INCHES_PER_UNIT = 0.7  # below this, labels of neighbouring nodes start to overlap
_LEGEND_WIDTH = 3.2  # inches beside the network for the legends
_TITLE_HEIGHT = 1.0  # inches above it for the titles
_LARGEST = 30.0  # inches: a national network is a data set, not a picture
_UNTANGLE_LIMIT = 200  # moving labels apart costs the square of their number: skip beyond
_SPRING_LIMIT = 500  # from this size networkx needs SciPy for a spring layout: use a circle


def _spread(positions: dict[str, _Point], gap: float) -> dict[str, _Point]:
    """Push nodes apart until no two are closer than *gap*, so labels have room."""
    nodes = sorted(positions)
    points = {node: list(positions[node]) for node in nodes}
    for _round in range(60):
        moved = False
        for index, first in enumerate(nodes):
            for second in nodes[index + 1 :]:
                dx = points[second][0] - points[first][0]
                dy = points[second][1] - points[first][1]
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                if distance < 1e-9:  # noqa: PLR2004 - on top of each other: split sideways
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (gap - distance) / 2 / distance
                points[first][0] -= dx * push
                points[first][1] -= dy * push
                points[second][0] += dx * push
                points[second][1] += dy * push
                moved = True
        if not moved:
            break
    return {node: (point[0], point[1]) for node, point in points.items()}


def _pairs(graph: nx.Graph[str]) -> list[tuple[str, str]]:
    """The graph's edges as sorted pairs, in sorted order, for a layout that never varies."""
    return sorted((a, b) if a <= b else (b, a) for a, b in graph.edges)


def _component(graph: nx.Graph[str], nodes: list[str], seed: int) -> dict[str, _Point]:
    ordered: nx.Graph[str] = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(_pairs(graph.subgraph(nodes)))
    if len(nodes) >= _SPRING_LIMIT:
        ring = nx.circular_layout(ordered, scale=len(nodes) * _NODE_GAP / (2 * math.pi))
        return {node: (float(x), float(y)) for node, (x, y) in ring.items()}
    radius = 0.6 * math.sqrt(len(nodes)) + 0.5
    placed = nx.spring_layout(ordered, iterations=300, seed=seed, scale=radius)
    return _spread({node: (float(x), float(y)) for node, (x, y) in placed.items()}, _NODE_GAP)


def _layout(graph: nx.Graph[str], seed: int) -> tuple[dict[str, _Point], dict[str, _Point]]:
    """Place each connected group by a seeded spring layout, packed in rows, largest first.

    Actors without a seat would otherwise be flung to the edges; lined up under the
    network they read as what they are, a gap. Returns the positions and, for each node,
    the centre of its group, from which its label points away.
    """
    groups = sorted(
        (sorted(group) for group in nx.connected_components(graph) if len(group) > 1),
        key=lambda group: (-len(group), group[0]),
    )
    placed = [_component(graph, group, seed) for group in groups]
    boxes = [_box(points) for points in placed]
    area = sum(width * height for _x, _y, width, height in boxes)
    row_width = max(_ROW_WIDTH, 1.2 * math.sqrt(area))
    positions: dict[str, _Point] = {}
    centres: dict[str, _Point] = {}
    left, top, row_height, widest = 0.0, 0.0, 0.0, 0.0
    for points, (low_x, high_y, width, height) in zip(placed, boxes, strict=True):
        if left > 0 and left + width > row_width:
            left, top, row_height = 0.0, top - row_height, 0.0
        shift_x, shift_y = left + _LABEL_MARGIN - low_x, top - _LABEL_MARGIN - high_y
        moved = {node: (x + shift_x, y + shift_y) for node, (x, y) in points.items()}
        positions.update(moved)
        centre = (
            sum(x for x, _y in moved.values()) / len(moved),
            sum(y for _x, y in moved.values()) / len(moved),
        )
        centres.update(dict.fromkeys(moved, centre))
        left += width
        widest = max(widest, left)
        row_height = max(row_height, height)
    alone = sorted(node for node in graph if graph.degree(node) == 0)
    top -= row_height
    across = max(widest, _ROW_WIDTH)
    per_row = max(1, min(len(alone), int(across // 1.9)))
    for index, node in enumerate(alone):
        row, column = divmod(index, per_row)
        positions[node] = (across * (column + 0.5) / per_row, top - 0.6 - 1.0 * row)
        centres[node] = (positions[node][0], positions[node][1] + 1.0)
    return positions, centres


def _box(points: Mapping[str, _Point]) -> tuple[float, float, float, float]:
    """Left edge, top edge, width and height of a group, with room for its labels."""
    xs = [x for x, _y in points.values()]
    ys = [y for _x, y in points.values()]
    return (
        min(xs),
        max(ys),
        max(xs) - min(xs) + 2 * _LABEL_MARGIN,
        max(ys) - min(ys) + 2 * _LABEL_MARGIN,
    )


def _network_size(positions: Mapping[str, _Point]) -> tuple[float, float]:
    """Figure size in inches: 12 x 9, grown so that labels keep their room in big networks."""
    if not positions:
        return 12.0, 9.0
    xs = [x for x, _y in positions.values()]
    ys = [y for _x, y in positions.values()]
    width = _INCHES_PER_UNIT * (max(xs) - min(xs) + 1.6) + _LEGEND_WIDTH
    height = _INCHES_PER_UNIT * (max(ys) - min(ys) + 1.2) + _TITLE_HEIGHT
    return min(max(12.0, width), _LARGEST), min(max(9.0, height), _LARGEST)


_Place: TypeAlias = tuple[
    _Point, Literal["left", "center", "right"], Literal["bottom", "center", "top"]
]


def _aim(ux: float, uy: float) -> _Place:
    """Offset (in points) and alignment of a label set off from its node along (ux, uy)."""
    horizontal: Literal["left", "center", "right"] = (
        "left" if ux > 0.35 else "right" if ux < -0.35 else "center"  # noqa: PLR2004
    )
    vertical: Literal["bottom", "center", "top"] = (
        "bottom" if uy > 0.35 else "top" if uy < -0.35 else "center"  # noqa: PLR2004
    )
    return (11.0 * ux, 11.0 * uy), horizontal, vertical


def _label_place(point: _Point, centre: _Point) -> _Place:
    """Where a node's label goes first: away from the centre of its group, or below it."""
    dx, dy = point[0] - centre[0], point[1] - centre[1]
    distance = math.hypot(dx, dy)
    if distance < 0.2:  # noqa: PLR2004 - the middle of its group
        return _aim(0.0, -1.0)
    return _aim(dx / distance, dy / distance)


# Other places to try for a label that covers another, in this order: below, above,
# right, left, then the four diagonals.
_HALF = math.sqrt(0.5)
_FALLBACKS = tuple(
    _aim(ux, uy)
    for ux, uy in (
        (0.0, -1.0),
        (0.0, 1.0),
        (1.0, 0.0),
        (-1.0, 0.0),
        (_HALF, -_HALF),
        (-_HALF, -_HALF),
        (_HALF, _HALF),
        (-_HALF, _HALF),
    )
)


def _overlap(first: Bbox, second: Bbox) -> float:
    width = min(first.x1, second.x1) - max(first.x0, second.x0)
    height = min(first.y1, second.y1) - max(first.y0, second.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _untangle(
    figure: Figure,
    labels: Mapping[str, tuple[Annotation, _Place]],
    markers: Mapping[str, Line2D],
) -> None:
    """Move labels that cover another label or a node to the first free place around it.

    Forums are placed first, then actors in order of how many forums they sit in, so the
    names that matter most keep their first place. A label with no free place takes the
    one where it covers least.
    """
    figure.draw_without_rendering()  # lays the figure out and lets texts measure themselves
    dots = {node: marker.get_window_extent().padded(2) for node, marker in markers.items()}
    placed: list[Bbox] = []
    for node, (label, first) in labels.items():
        choices = (first, *_FALLBACKS)
        best, least = 0, math.inf
        for index, place in enumerate(choices):
            _put(label, place)
            box = label.get_window_extent().padded(2)
            covered = sum(_overlap(box, other) for other in placed) + sum(
                _overlap(box, dot) for other_node, dot in dots.items() if other_node != node
            )
            if covered < least:
                best, least = index, covered
            if covered == 0:
                break
        _put(label, choices[best])
        placed.append(label.get_window_extent().padded(2))


def _put(label: Annotation, place: _Place) -> None:
    offset, horizontal, vertical = place
    label.xyann = offset
    label.set_horizontalalignment(horizontal)
    label.set_verticalalignment(vertical)


def network_figure(
    plan: Plan, *, public: bool = True, lang: Lang | None = None, seed: int = 42
) -> Figure:
    """Draw who meets whom: actors as circles, forums as squares, a line for each seat.

    A coordinator sees at a glance which forums hold the network together, which actors
    sit in many forums, and which have no forum at all (lined up under the network).
    Circles are coloured by the actor's kind (police, school, civil society...), with a
    legend in Swedish or English; a line is thicker the more often its forum meets, and
    dashed when the plan states no cadence. Names are moved until they cover neither
    each other nor a node, where there is room. Node ids are the SVG element ids
    (``actor:polisen``, ``forum:bra``), seats are ``seat:actor:polisen|forum:bra``.

    Args:
        plan: The plan.
        public: Leave out internal and confidential actors and forums (a collaboration
            group that discusses individuals), as a picture for publishing must. With
            ``False`` they are shown and marked as such.
        lang: Language of the legend and title; by default the plan's.
        seed: Seed of the layout: the same plan and seed give the same picture.

    Returns:
        A figure of 12 × 9 inches (1200 × 900 pixels as PNG), larger for a network that
        needs more room, up to 30 inches a side.

    Examples:
        >>> import actionplan
        >>> figure = network_figure(actionplan.example(), lang="en")
        >>> figure.axes[0].get_title()
        'Collaboration network'

    Added in 0.1.0.
    """
    language = _check_lang(lang or plan.language)
    words = _TEXT[language]
    graph = two_mode(plan, public=public)
    positions, centres = _layout(graph, seed)
    with _style():
        figure = _figure(*_network_size(positions))
        figure.suptitle(_wrap(plan.title, 60), fontsize=13, fontweight="bold")
        axes = figure.add_subplot()
        axes.set_title(words["network"], fontsize=11, fontweight="normal")
        axes.set_axis_off()
        axes.set_aspect("equal")
        if not len(graph):
            axes.text(0.5, 0.5, words["empty_network"], ha="center", va="center")
            return figure
        _draw_seats(axes, graph, positions)
        kinds, markers, labels = _draw_nodes(axes, graph, positions, centres, words)
        _network_legends(figure, graph, kinds, language, words)
        alone = [node for node in graph if graph.degree(node) == 0]
        if alone:
            axes.text(
                min(positions[node][0] for node in alone) - 0.7,
                max(positions[node][1] for node in alone) + 0.45,
                words["alone_both"]
                if any(node.startswith("forum:") for node in alone)
                else words["alone"],
                fontsize=9,
                style="italic",
                color="#555555",
            )
        xs = [x for x, _y in positions.values()]
        ys = [y for _x, y in positions.values()]
        axes.set_xlim(min(xs) - 1.6, max(xs) + 1.6)
        axes.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
        if len(labels) <= _UNTANGLE_LIMIT:
            order = sorted(
                labels, key=lambda node: (node.startswith("actor:"), -graph.degree(node))
            )
            _untangle(figure, {node: labels[node] for node in order}, markers)
    return figure


def _draw_seats(axes: Axes, graph: nx.Graph[str], positions: Mapping[str, _Point]) -> None:
    for first, second in _pairs(graph):
        actor, forum = (first, second) if first.startswith("actor:") else (second, first)
        per_year = float(graph.nodes[forum].get("per_year", 0.0))
        (line,) = axes.plot(
            [positions[actor][0], positions[forum][0]],
            [positions[actor][1], positions[forum][1]],
            color=_EDGE_COLOUR,
            linewidth=_edge_width(per_year),
            linestyle="-" if per_year > 0 else (0, (4, 3)),
            solid_capstyle="round",
            zorder=1,
        )
        line.set_gid(f"seat:{actor}|{forum}")


def _draw_nodes(
    axes: Axes,
    graph: nx.Graph[str],
    positions: Mapping[str, _Point],
    centres: Mapping[str, _Point],
    words: Mapping[str, str],
) -> tuple[set[ActorKind], dict[str, Line2D], dict[str, tuple[Annotation, _Place]]]:
    kinds: set[ActorKind] = set()
    markers: dict[str, Line2D] = {}
    labels: dict[str, tuple[Annotation, _Place]] = {}
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        mode, _item = split_node(node)
        x, y = positions[node]
        label = _classified(str(data["label"]), str(data["classification"]), words)
        if mode == "forum":
            colour, marker, size, weight = _FORUM_COLOUR, "s", 15.0, "bold"
        else:
            kind = ActorKind.parse(str(data["kind"]))
            kinds.add(kind)
            colour, marker, size, weight = _KIND_COLOURS[kind], "o", 13.0, "normal"
        (point,) = axes.plot(
            [x],
            [y],
            marker=marker,
            markersize=size,
            markerfacecolor=colour,
            markeredgecolor="white",
            markeredgewidth=1.5,
            linestyle="",
            zorder=3,
        )
        point.set_gid(node)
        markers[node] = point
        place = _label_place((x, y), centres[node])
        offset, horizontal, vertical = place
        text = axes.annotate(
            _wrap(label, 20),
            (x, y),
            xytext=offset,
            textcoords="offset points",
            ha=horizontal,
            va=vertical,
            fontsize=8.5,
            fontweight=weight,
            zorder=2,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75, "lw": 0},
        )
        text.set_gid(f"label:{node}")
        labels[node] = (text, place)
    return kinds, markers, labels


def _network_legends(
    figure: Figure,
    graph: nx.Graph[str],
    kinds: set[ActorKind],
    language: Lang,
    words: Mapping[str, str],
) -> None:
    kind_handles = [
        Line2D(
            [],
            [],
            marker="o",
            markersize=9,
            linestyle="",
            markerfacecolor=_KIND_COLOURS[kind],
            markeredgecolor="white",
            label=kind.label(language),
        )
        for kind in ActorKind
        if kind in kinds
    ]
    if kind_handles:
        figure.legend(
            handles=kind_handles,
            loc="outside right upper",
            title=words["actor_kinds"],
            alignment="left",
            fontsize=9,
        )
    rates = sorted(
        {
            float(data.get("per_year", 0.0))
            for _node, data in graph.nodes(data=True)
            if data["mode"] == "forum"
        }
    )
    if not rates:
        return
    forum_handles = [
        Line2D(
            [],
            [],
            marker="s",
            markersize=10,
            linestyle="",
            markerfacecolor=_FORUM_COLOUR,
            markeredgecolor="white",
            label=words["forum"],
        )
    ]
    forum_handles.extend(
        Line2D(
            [],
            [],
            color=_EDGE_COLOUR,
            linewidth=_edge_width(rate),
            linestyle="-" if rate > 0 else (0, (4, 3)),
            label=_per_year_words(rate, words),
        )
        for rate in rates
    )
    figure.legend(
        handles=forum_handles,
        loc="outside right lower",
        title=words["forums"],
        alignment="left",
        fontsize=9,
        handlelength=3,
    )


# --- the coverage heat map -----------------------------------------------------------------


def _check_cells(
    rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[Any]]
) -> tuple[tuple[int, ...], ...]:
    if not rows or not columns:
        raise InvalidValueError(
            "rows" if not rows else "columns",
            (),
            "a heat map needs at least one row and one column",
            "pass the row and column names of the counts",
        )
    if len(cells) != len(rows) or any(len(line) != len(columns) for line in cells):
        raise InvalidValueError(
            "cells",
            cells,
            f"do not form {len(rows)} rows of {len(columns)} counts",
            "give one sequence of counts per row, one count per column",
        )
    checked: list[tuple[int, ...]] = []
    for line in cells:
        for value in line:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidValueError(
                    "cells",
                    value,
                    f"{value!r} is not a count",
                    "a heat map shows counts: whole numbers from 0 up",
                )
        checked.append(tuple(line))
    return tuple(checked)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[int]],
    *,
    title: str,
    lang: Lang = "sv",
    row_label: str | None = None,
    column_label: str | None = None,
    note: str | None = None,
) -> Figure:
    """Draw a table of counts as coloured cells, with the gaps (zeros) hatched in red.

    Made for coverage: how many measures each actor kind works on at each prevention
    level, or how many concern each milieu. Darker cells mean more; each cell shows its
    count; an empty cell is hatched and marked, so a coordinator sees at once which
    combination the plan leaves uncovered. Cells are SVG elements with ids
    ``cell:ROW|COLUMN``, empty ones ``gap:ROW|COLUMN``.

    Args:
        rows: Names of the rows, top to bottom, as they should be shown.
        columns: Names of the columns, left to right.
        cells: One sequence of counts per row, one count per column.
        title: Title above the table.
        lang: Language of the legend (``"sv"`` or ``"en"``).
        row_label: What the rows are, shown beside them.
        column_label: What the columns are, shown above them.
        note: A line under the table, e.g. a caveat about the counts.

    Returns:
        A figure sized to the table.

    Raises:
        InvalidValueError: When the table is empty, its shape does not match *rows* and
            *columns*, or a cell is not a count from 0 up.

    Examples:
        >>> figure = heatmap(
        ...     ["polis", "skola"], ["främjande", "åtgärdande"], [[2, 0], [1, 3]],
        ...     title="Åtgärder per aktör och nivå",
        ... )
        >>> figure.axes[0].get_title()
        'Åtgärder per aktör och nivå'

    Added in 0.1.0.
    """
    language = _check_lang(lang)
    words = _TEXT[language]
    counts = _check_cells(rows, columns, cells)
    row_names = [_wrap(str(row), 30) for row in rows]
    column_names = [_wrap(str(column), 14) for column in columns]
    longest_row = max(len(line) for name in row_names for line in name.splitlines())
    width = max(6.0, 1.5 + 0.075 * longest_row + 1.15 * len(columns))
    height = max(3.0, 2.2 + 0.45 * len(rows))
    with _style():
        figure = _figure(width, height)
        axes = figure.add_subplot()
        axes.set_title(title)
        top = max((value for line in counts for value in line), default=0) or 1
        for i, (row, line) in enumerate(zip(rows, counts, strict=True)):
            for j, (column, value) in enumerate(zip(columns, line, strict=True)):
                _cell(axes, (i, j), value, share=0.25 + 0.75 * value / top, key=f"{row}|{column}")
        axes.set_xlim(0, len(columns))
        axes.set_ylim(len(rows), 0)
        axes.set_xticks([j + 0.5 for j in range(len(columns))], column_names)
        axes.set_yticks([i + 0.5 for i in range(len(rows))], row_names)
        axes.xaxis.tick_top()
        axes.tick_params(length=0)
        for side in axes.spines.values():
            side.set_visible(False)
        caption: dict[str, Any] = {"fontsize": 9, "style": "italic", "color": "#555555"}
        if column_label:
            axes.xaxis.set_label_position("top")
            axes.set_xlabel(column_label, labelpad=10, fontdict=caption)
        if row_label:
            axes.set_ylabel(row_label, labelpad=10, fontdict=caption)
        gap = Patch(facecolor="white", edgecolor=_GAP_COLOUR, hatch="///", label=words["gap"])
        figure.legend(handles=[gap], loc="outside lower right", fontsize=9)
        if note:
            figure.text(0.01, 0.01, _wrap(note, int(width * 12)), fontsize=8, style="italic")
    return figure


def _cell(axes: Axes, where: tuple[int, int], value: int, *, share: float, key: str) -> None:
    i, j = where
    if value == 0:
        patch = Rectangle(
            (j, i),
            1,
            1,
            facecolor="white",
            edgecolor=_GAP_COLOUR,
            hatch="///",
            linewidth=1.0,
        )
        patch.set_gid(f"gap:{key}")
        axes.add_patch(patch)
        axes.text(
            j + 0.5,
            i + 0.5,
            "0",
            ha="center",
            va="center",
            color=_GAP_COLOUR,
            fontweight="bold",
            bbox={"facecolor": "white", "lw": 0, "pad": 1.5},
        )
        return
    patch = Rectangle((j, i), 1, 1, facecolor=_BLUES(share), edgecolor="white", linewidth=2)
    patch.set_gid(f"cell:{key}")
    axes.add_patch(patch)
    ink = "white" if share > 0.6 else "black"  # noqa: PLR2004
    axes.text(j + 0.5, i + 0.5, str(value), ha="center", va="center", color=ink)


def _namer(axis: str, lang: Lang, plan: Plan | None) -> Callable[[str], str]:
    """How to name the keys of a matrix axis: by what the axis holds, e.g. actor kinds."""
    enums: dict[str, type[ActorKind | PreventionLevel]] = {
        "actor kind": ActorKind,
        "prevention level": PreventionLevel,
    }
    if axis in enums:
        known = {member.value: member.label(lang) for member in enums[axis]}
        return lambda key: known.get(key, key)
    parts = {"actor": "actors", "forum": "forums", "milieu": "milieus"}
    if plan is not None and axis in parts:
        names = {part.id: part.name for part in getattr(plan, parts[axis])}
        return lambda key: names.get(key, key)
    return lambda key: key


def heatmap_matrix(
    matrix: MatrixLike, *, title: str | None = None, lang: Lang = "sv", plan: Plan | None = None
) -> Figure:
    """Draw a coverage matrix (``actionplan.coverage.Matrix``) as a :func:`heatmap`.

    Row and column keys are shown by name: actor kinds and prevention levels by their
    label in *lang*, and, when *plan* is given, actor, forum and milieu ids by their name
    in the plan. A matrix whose counts rest partly on an approximate crosswalk between
    level schemes (``approximate``) gets a note saying so.

    Args:
        matrix: Any object with ``row_label``, ``column_label``, ``rows``, ``columns``
            and ``cells`` holding counts.
        title: Title above the table; by default "ROWS × COLUMNS".
        lang: Language of names and legend.
        plan: The plan the matrix was made from, to name ids.

    Returns:
        The heat map.

    Raises:
        InvalidValueError: As :func:`heatmap`; e.g. for a matrix of role codes, which has
            no counts.

    Added in 0.1.0.
    """
    language = _check_lang(lang)
    words = _TEXT[language]

    def axis(word: str) -> str:
        return _AXIS_WORDS_SV.get(word, word) if language == "sv" else word

    row_label, column_label = axis(matrix.row_label), axis(matrix.column_label)
    row_name = _namer(matrix.row_label, language, plan)
    column_name = _namer(matrix.column_label, language, plan)
    return heatmap(
        [row_name(row) for row in matrix.rows],
        [column_name(column) for column in matrix.columns],
        matrix.cells,
        title=title or f"{row_label.capitalize()} × {column_label}",
        lang=language,
        row_label=row_label,
        column_label=column_label,
        note=words["approximate"] if getattr(matrix, "approximate", False) else None,
    )


# --- the annual wheel ----------------------------------------------------------------------


def _angle(day: date) -> float:
    """Angle of the middle of *day* on the wheel: 0 at the top, a full turn a year."""
    first = date(day.year, 1, 1)
    days = (date(day.year + 1, 1, 1) - first).days
    return 2 * math.pi * ((day - first).days + 0.5) / days


def _month_start(year: int, month: int) -> float:
    first = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - first).days
    return 2 * math.pi * (date(year, month, 1) - first).days / days


def _ring_order(plan: Plan) -> dict[str, int]:
    return {forum.id: index for index, forum in enumerate(plan.forums)}


def _in_year(series: Series, year: int) -> list[Occurrence]:
    return [o for o in series.occurrences if o.start.year == year]


def annual_wheel(
    schedule: Schedule,
    plan: Plan,
    *,
    year: int,
    lang: Lang | None = None,
    public: bool = True,
) -> Figure:
    r"""Draw the årshjul: the year's meetings and deadlines around a clock of months.

    Twelve month sectors run clockwise from January at the top, named on the rim. Each
    forum (each series of meetings) has its own ring, with a dot for every meeting;
    deadlines (a situational picture to update, a measure or a follow-up due) are
    triangles on the outer rings, one ring for each thing due. A coordinator sees when
    the year is crowded, when nothing happens, and whether the situational picture is
    due before the council meeting that should discuss it. The legend counts the
    meetings and deadlines of each ring. SVG ids: ``meeting:KEY:DATE``,
    ``deadline:KEY:DATE``, ``month:01`` to ``month:12``.

    Args:
        schedule: The scheduled meetings and deadlines, from
            :func:`actionplan.schedule.schedule`.
        plan: The plan the schedule was made from: it gives the title and the order of
            the rings (the plan's forum order, innermost first).
        year: The calendar year to draw; occurrences in other years are left out, and
            only the part of the year inside the schedule's window can have any.
        lang: Language of month names, legend and title; by default the plan's.
        public: Leave out internal and confidential meetings and deadlines, as a picture
            for publishing must.

    Returns:
        An 11 × 9 inch figure (1100 × 900 pixels as PNG).

    Raises:
        InvalidValueError: When *year* lies outside the schedule's window.

    Examples:
        >>> import actionplan
        >>> from datetime import date
        >>> from actionplan.schedule import schedule
        >>> plan = actionplan.example()
        >>> year = schedule(plan, date(2027, 1, 1), date(2027, 12, 31))
        >>> figure = annual_wheel(year, plan, year=2027)
        >>> figure.get_suptitle()
        'Lokal handlingsplan mot våldsbejakande extremism\nÅrshjul 2027'

    Added in 0.1.0.
    """
    language = _check_lang(lang or plan.language)
    words = _TEXT[language]
    if not schedule.start.year <= year <= schedule.end.year:
        raise InvalidValueError(
            "year",
            year,
            f"{year} lies outside the schedule ({schedule.start} to {schedule.end})",
            "schedule the year first, or pick a year inside the window",
        )
    shown = schedule.public() if public else schedule
    order = _ring_order(plan)
    meetings = sorted(
        (s for s in shown.series if s.kind is OccurrenceKind.MEETING),
        key=lambda s: (
            s.subject_kind is not SubjectKind.FORUM,
            order.get(s.subject, len(order)),
            s.key,
        ),
    )
    deadlines = [s for s in shown.series if s.kind is OccurrenceKind.DEADLINE]
    radii = [ring + 0.6 for ring in range(1, len(meetings) + 1)]
    first = len(meetings) + 1.6
    due_radii = [first + _DEADLINE_STEP * index for index in range(len(deadlines))]
    edge = max([*radii, *due_radii], default=1.0) + 0.7
    with _style():
        figure = _figure(11, 9)
        figure.suptitle(
            f"{_wrap(plan.title, 60)}\n{words['wheel']} {year}", fontsize=13, fontweight="bold"
        )
        axes = cast("PolarAxes", figure.add_subplot(projection="polar"))
        axes.set_theta_zero_location("N")
        axes.set_theta_direction(-1)
        axes.set_ylim(0, edge + _RIM)
        axes.set_yticks([])
        axes.spines["polar"].set_visible(False)
        axes.grid(visible=False)
        _months(axes, year, edge, language)
        axes.text(
            0, 0, str(year), ha="center", va="center", fontsize=18, fontweight="bold", color="#555"
        )
        meeting_handles = _marks(
            axes, zip(meetings, radii, strict=True), year=year, lang=language, what="meeting"
        )
        if meeting_handles:
            figure.legend(
                handles=meeting_handles,
                loc="outside right upper",
                fontsize=9,
                title=words["meetings"],
                alignment="left",
            )
        due_handles = _marks(
            axes, zip(deadlines, due_radii, strict=True), year=year, lang=language, what="deadline"
        )
        if due_handles:
            figure.legend(
                handles=due_handles,
                loc="outside right lower",
                fontsize=9,
                title=words["deadlines"],
                alignment="left",
            )
    return figure


_DEADLINE_STEP = 0.6  # deadline rings lie closer together than meeting rings
_RIM = 0.9  # width of the outer band that holds the month names
_CIRCLE = [index * 2 * math.pi / 180 for index in range(181)]


def _months(axes: PolarAxes, year: int, radius: float, lang: Lang) -> None:
    starts = [_month_start(year, month) for month in range(1, 13)]
    ends = [*starts[1:], 2 * math.pi]
    for month, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        middle = (start + end) / 2
        axes.bar(
            middle,
            radius + _RIM,
            width=end - start,
            bottom=0,
            color="#f4f4f4" if month % 2 else "white",
            edgecolor="#cfcfcf",
            linewidth=0.8,
            zorder=0,
        )
        axes.bar(
            middle,
            _RIM,
            width=end - start,
            bottom=radius,
            color="#dde6f0" if month % 2 else "#eef3f8",
            edgecolor="#cfcfcf",
            linewidth=0.8,
            zorder=0,
        )
        # Month names run along the rim, upright on both halves of the wheel.
        turn = math.degrees(middle)
        label = axes.text(
            middle,
            radius + _RIM / 2,
            month_name(month, lang),
            rotation=-turn + (180 if 90 < turn < 270 else 0),  # noqa: PLR2004
            rotation_mode="anchor",
            ha="center",
            va="center",
            fontsize=10,
            fontweight="bold",
            color="#444444",
        )
        label.set_gid(f"month:{month:02d}")
    axes.set_xticks([])


def _marks(
    axes: PolarAxes,
    rings: Iterable[tuple[Series, float]],
    *,
    year: int,
    lang: Lang,
    what: Literal["meeting", "deadline"],
) -> list[Line2D]:
    """Draw one ring per series with a mark per occurrence; return the legend entries."""
    marker, size = ("o", 9.0) if what == "meeting" else ("^", 10.0)
    colours = colormaps["tab10" if what == "meeting" else "Dark2"]
    handles: list[Line2D] = []
    for index, (series, radius) in enumerate(rings):
        colour = colours(index % colours.N)
        axes.plot(
            _CIRCLE,
            [radius] * len(_CIRCLE),
            color=_RING_COLOUR,
            linewidth=1,
            linestyle="-" if what == "meeting" else (0, (2, 2)),
            zorder=1,
        )
        held = _in_year(series, year)
        for occurrence in held:
            day = occurrence.start.date()
            (mark,) = axes.plot(
                [_angle(day)],
                [radius],
                marker=marker,
                markersize=size,
                linestyle="",
                markerfacecolor=colour,
                markeredgecolor="white",
                zorder=3,
            )
            mark.set_gid(f"{what}:{series.key}:{day.isoformat()}")
        count = str(len(held)) if held else _TEXT[lang]["none"]
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                markersize=size - 1,
                linestyle="",
                markerfacecolor=colour,
                markeredgecolor="white",
                label=f"{_shorten(series.summary(lang), 48)} ({count})",
            )
        )
    return handles
