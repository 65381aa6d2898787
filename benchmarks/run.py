"""Time actionplan at national scale against the floor its dependencies set.

Every stage is timed as the median of repeated runs and compared, as a ratio, with a
floor measured in the same run: what attrs/cattrs, icalendar or networkx cost on their
own for the same work. ``benchmarks/README.md`` says exactly what each floor is.

Usage::

    python benchmarks/run.py --scale 290 [--json out.json] [--repeat 5] [--quick]

``--quick`` runs 3 plans once, as a smoke test for CI; its timings mean nothing.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.strategies import configure_tagged_union

import actionplan
from actionplan import Cadence, Plan

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DEFAULT_SEED, FIRST_YEAR, generate, national

WINDOW = (date(FIRST_YEAR, 1, 1), date(FIRST_YEAR + 4, 12, 31))
"""The five years every plan is scheduled for."""

YEAR = (date(FIRST_YEAR, 1, 1), date(FIRST_YEAR, 12, 31))
"""The one year the end-to-end pipeline schedules."""

NOW = datetime(FIRST_YEAR - 1, 12, 1, tzinfo=UTC)
"""The fixed clock written as DTSTAMP, so calendars are the same bytes every run."""

LONG = 5.0
"""Seconds (value and floor together) above which a stage counts as long."""

LONG_REPEAT = 3
"""How many times a long stage runs."""

NETWORK_METRICS = (
    "density",
    "degree_centrality",
    "betweenness",
    "centralization",
    "betweenness_centralization",
    "communities",
    "articulation_points",
    "bridges",
    "isolated_actors",
    "components",
)
"""The :mod:`actionplan.network` functions timed on the national graphs."""

STAGES = (
    "import actionplan",
    "load plans (actionplan.loads)",
    "save plans (actionplan.dumps)",
    "validate plans (actionplan.validate)",
    "5-year calendars (schedule + to_ical)",
    "read held meetings (ical.read_held)",
    *(f"network.{name}" for name in NETWORK_METRICS),
    "network.projection",
    "end to end, 10×N plans",
)
"""The stages with a target, in the order they are reported."""

INFO = (
    "load plans, gc disabled",
    "5-year calendars: schedule only",
    "5-year calendars: to_ical only",
    "events in 5-year calendars",
    "peak memory (MiB)",
)
"""Rows reported for information only, without a target."""

TARGETS = {
    "import actionplan": 12.0,
    "load plans (actionplan.loads)": 1.2,
    "save plans (actionplan.dumps)": 1.2,
    "validate plans (actionplan.validate)": 0.5,
    "5-year calendars (schedule + to_ical)": 1.3,
    "read held meetings (ical.read_held)": 1.1,
    **{f"network.{name}": 1.2 for name in NETWORK_METRICS},
    "network.projection": 0.3,
    "end to end, 10×N plans": 12.0,
}


@attrs.frozen
class Row:
    """One line of the report.

    ``value`` and ``floor`` are seconds (medians) for timed stages, a number for
    information rows, and ``value`` is ``"skipped: <reason>"`` when a stage could not run.
    """

    stage: str
    value: float | str | None
    floor: float | None = None
    target: float | None = None

    @property
    def ratio(self) -> float | None:
        if not isinstance(self.value, float) or not self.floor:
            return None
        return self.value / self.floor

    @property
    def ok(self) -> bool | None:
        ratio = self.ratio
        if ratio is None or self.target is None:
            return None
        return ratio <= self.target

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "value": self.value,
            "floor": self.floor,
            "ratio": self.ratio,
            "target": self.target,
            "ok": self.ok,
        }


# --- timing -------------------------------------------------------------------------------


def once(work: Callable[[], object]) -> float:
    """Seconds *work* takes, after a full collection; freeing its result is not counted."""
    gc.collect()
    start = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def paired(
    value: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of *value* and *floor*, run alternately so drift hits both alike.

    A pair that takes longer than :data:`LONG` seconds is run at most
    :data:`LONG_REPEAT` times: long runs vary little, and the whole report stays within
    minutes.
    """
    values, floors = [], []
    while len(values) < repeat:
        values.append(once(value))
        floors.append(once(floor))
        if values[0] + floors[0] > LONG:
            repeat = min(repeat, LONG_REPEAT)
    return statistics.median(values), statistics.median(floors)


def compared(
    stage: str, value: Callable[[], object], floor: Callable[[], object], repeat: int
) -> Row:
    """A row for *stage*: *value* against *floor*."""
    mine, base = paired(value, floor, repeat)
    return Row(stage, mine, base, TARGETS[stage])


def skipped(stage: str, error: BaseException) -> Row:
    return Row(stage, f"skipped: {type(error).__name__}: {error}", None, TARGETS.get(stage))


# --- floors -------------------------------------------------------------------------------


def floor_converter() -> cattrs.Converter:
    """A default ``cattrs.Converter()`` with the least it needs to read and write our files.

    Dates are ISO strings in JSON, and the ``Cadence`` union is tagged by ``kind``
    (``configure_tagged_union``); enums, tuples, literals and attrs classes use cattrs'
    own default handling.
    """
    converter = cattrs.Converter()
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    converter.register_unstructure_hook(date, date.isoformat)
    configure_tagged_union(Cadence, converter, tag_generator=lambda cls: cls.kind, tag_name="kind")
    optional = Cadence | None
    converter.register_structure_hook(
        optional, lambda value, _: None if value is None else converter.structure(value, Cadence)
    )
    converter.register_unstructure_hook(
        optional,
        lambda value: None if value is None else converter.unstructure(value, Cadence),
    )
    return converter


def floor_load(converter: cattrs.Converter, texts: Sequence[str]) -> list[Plan]:
    plans = []
    for text in texts:
        data = json.loads(text)
        data.pop("format_version", None)
        plans.append(converter.structure(data, Plan))
    return plans


def floor_dump(converter: cattrs.Converter, plans: Sequence[Plan]) -> list[str]:
    return [
        json.dumps(converter.unstructure(plan, Plan), ensure_ascii=False, indent=2) + "\n"
        for plan in plans
    ]


@attrs.frozen
class Spec:
    """An iCalendar component as plain Python values, to be rebuilt with icalendar."""

    kind: type[Any]
    properties: tuple[tuple[str, Any, dict[str, str]], ...]
    children: tuple[Spec, ...]


def plain(prop: Any) -> Any:
    """The Python value icalendar encodes into *prop* (a datetime, text, a dict...)."""
    import icalendar  # noqa: PLC0415 - only when the calendar stages run

    readers: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = (
        (icalendar.vDDDTypes, lambda p: p.dt),
        (icalendar.vDDDLists, lambda p: [item.dt for item in p.dts]),
        (icalendar.vRecur, dict),
        (icalendar.vCategory, lambda p: list(p.cats)),
        (icalendar.vInt, int),
        (icalendar.vUTCOffset, lambda p: p.td),
    )
    for kind, read in readers:
        if isinstance(prop, kind):
            return read(prop)
    return str(prop)


def spec_of(component: Any) -> Spec:
    """Take *component* apart into plain values, recursively."""
    properties = []
    for name, value in component.property_items(recursive=False, sorted=False):
        if name in ("BEGIN", "END"):
            continue
        properties.append((name, plain(value), dict(getattr(value, "params", {}))))
    return Spec(
        type(component), tuple(properties), tuple(spec_of(c) for c in component.subcomponents)
    )


def build(spec: Spec) -> Any:
    """Build the component *spec* describes with plain ``Component.add`` calls."""
    component = spec.kind()
    for name, value, parameters in spec.properties:
        component.add(name, value, parameters=parameters or None)
    for child in spec.children:
        component.add_component(build(child))
    return component


def floor_calendars(specs: Sequence[Spec]) -> list[bytes]:
    return [build(spec).to_ical() for spec in specs]


def bare_two_mode(plan: Plan) -> Any:
    """The two-mode graph's nodes and edges, built with plain networkx, no attributes."""
    import networkx as nx  # noqa: PLC0415

    graph: Any = nx.Graph()
    known = {actor.id for actor in plan.actors}
    graph.add_nodes_from(f"actor:{actor.id}" for actor in plan.actors)
    graph.add_nodes_from(f"forum:{forum.id}" for forum in plan.forums)
    graph.add_edges_from(
        (f"actor:{seat.actor}", f"forum:{forum.id}")
        for forum in plan.forums
        for seat in forum.members
        if seat.actor in known
    )
    return graph


def freeman(scores: Iterable[float], nodes: int, scale: float) -> float:
    """Freeman's centralization: how far every score lies below the highest, scaled."""
    if nodes < 3:
        return 0.0
    values = list(scores)
    most = max(values)
    return sum(most - value for value in values) / scale


# --- stages -------------------------------------------------------------------------------


def stage_import(repeat: int) -> Row:
    """``import actionplan`` in a new interpreter against ``python -c pass``.

    Bytecode may be written, as an installed package has it; one untimed run of each
    writes what is missing.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

    def start(code: str) -> Callable[[], object]:
        command = [sys.executable, "-c", code]
        subprocess.run(command, check=True, env=env)
        return lambda: subprocess.run(command, check=True, env=env)

    return compared("import actionplan", start("import actionplan"), start("pass"), repeat)


class Bench:
    """The data of one run and the stages that use it."""

    def __init__(self, scale: int, seed: int, repeat: int) -> None:
        self.scale = scale
        self.seed = seed
        self.repeat = repeat
        self.plans = generate(scale, seed)
        self.texts = [actionplan.dumps(plan) for plan in self.plans]
        self.converter = floor_converter()
        self.load_time = 0.0
        self.calendars: list[bytes] = []
        self.events = 0

    def load(self) -> Iterator[Row]:
        stage = "load plans (actionplan.loads)"
        if floor_load(self.converter, self.texts) != self.plans:
            raise AssertionError("the cattrs floor does not read the same plans")
        row = compared(
            stage,
            lambda: [actionplan.loads(text) for text in self.texts],
            lambda: floor_load(self.converter, self.texts),
            self.repeat,
        )
        self.load_time = row.value if isinstance(row.value, float) else 0.0
        yield row
        gc.disable()
        try:
            mine, base = paired(
                lambda: [actionplan.loads(text) for text in self.texts],
                lambda: floor_load(self.converter, self.texts),
                self.repeat,
            )
        finally:
            gc.enable()
        yield Row("load plans, gc disabled", mine, base)

    def save(self) -> Row:
        stage = "save plans (actionplan.dumps)"
        again = floor_load(self.converter, floor_dump(self.converter, self.plans))
        if again != self.plans:
            raise AssertionError("the cattrs floor does not write the same plans")
        return compared(
            stage,
            lambda: [actionplan.dumps(plan) for plan in self.plans],
            lambda: floor_dump(self.converter, self.plans),
            self.repeat,
        )

    def validate(self) -> Row:
        stage = "validate plans (actionplan.validate)"
        times = [
            once(lambda: [actionplan.validate(plan) for plan in self.plans])
            for _ in range(self.repeat)
        ]
        return Row(stage, statistics.median(times), self.load_time, TARGETS[stage])

    def calendars_stage(self) -> Iterator[Row]:
        stage = "5-year calendars (schedule + to_ical)"
        import icalendar  # noqa: PLC0415

        from actionplan.ical import to_ical  # noqa: PLC0415
        from actionplan.schedule import schedule  # noqa: PLC0415

        split: dict[str, list[float]] = {"schedule": [], "to_ical": []}

        def mine() -> list[bytes]:
            made, dating, writing, events = [], 0.0, 0.0, 0
            for plan in self.plans:
                start = time.perf_counter()
                dated = schedule(plan, *WINDOW)
                middle = time.perf_counter()
                made.append(to_ical(plan, dated, now=NOW))
                dating += middle - start
                writing += time.perf_counter() - middle
                events += len(dated.occurrences)
            split["schedule"].append(dating)
            split["to_ical"].append(writing)
            self.events = events
            return made

        self.calendars = mine()  # also warms the holiday and time-zone caches
        specs = [spec_of(icalendar.Calendar.from_ical(data)) for data in self.calendars]
        if floor_calendars(specs) != self.calendars:
            raise AssertionError("the icalendar floor does not write the same calendars")
        split["schedule"].clear()  # keep the timed runs only
        split["to_ical"].clear()
        row = compared(stage, mine, lambda: floor_calendars(specs), self.repeat)
        yield row
        yield Row("5-year calendars: schedule only", statistics.median(split["schedule"]))
        yield Row("5-year calendars: to_ical only", statistics.median(split["to_ical"]), row.floor)
        yield Row("events in 5-year calendars", float(self.events))

    def read_held(self) -> Row:
        stage = "read held meetings (ical.read_held)"
        import icalendar  # noqa: PLC0415

        from actionplan.ical import read_held  # noqa: PLC0415

        if not self.calendars:
            raise NotImplementedError("no calendars were written")
        pairs = list(zip(self.plans, self.calendars, strict=True))
        return compared(
            stage,
            lambda: [read_held(data, plan) for plan, data in pairs],
            lambda: [icalendar.Calendar.from_ical(data) for _, data in pairs],
            self.repeat,
        )

    def network(self) -> Iterator[Row]:
        import networkx as nx  # noqa: PLC0415
        from networkx.algorithms import bipartite  # noqa: PLC0415

        from actionplan import network  # noqa: PLC0415

        whole = national(self.plans)
        contacts = network.projection(whole)
        # Both sides sample as many source nodes as the library does by default.
        defaults = inspect.signature(network.betweenness).parameters
        limit, sample = defaults["exact_limit"].default, defaults["k"].default
        size = contacts.number_of_nodes()
        k = None if size <= limit else min(sample, size)

        def raw_betweenness() -> dict[Any, float]:
            return nx.betweenness_centrality(contacts, k=k, normalized=True, seed=42)

        def on_plan(call: Callable[[Any], object]) -> Callable[[], object]:
            return lambda: call(bare_two_mode(whole))

        floors: dict[str, Callable[[], object]] = {
            "density": lambda: nx.density(contacts),
            "degree_centrality": lambda: nx.degree_centrality(contacts),
            "betweenness": raw_betweenness,
            "centralization": lambda: freeman(
                (d for _, d in contacts.degree()), size, (size - 1) * (size - 2)
            ),
            "betweenness_centralization": lambda: freeman(
                raw_betweenness().values(), size, size - 1
            ),
            "communities": lambda: nx.community.louvain_communities(
                contacts, weight="weight", seed=42
            ),
            "articulation_points": on_plan(lambda g: list(nx.articulation_points(g))),
            "bridges": on_plan(lambda g: list(nx.bridges(g))),
            "isolated_actors": on_plan(lambda g: list(nx.isolates(g))),
            "components": on_plan(lambda g: list(nx.connected_components(g))),
        }
        on_graph = {"density", "degree_centrality", "betweenness", "centralization"}
        on_graph |= {"betweenness_centralization", "communities"}
        for name in NETWORK_METRICS:
            function = getattr(network, name)
            argument = contacts if name in on_graph else whole
            yield compared(
                f"network.{name}", lambda f=function, a=argument: f(a), floors[name], self.repeat
            )
        two_mode = network.two_mode(whole)
        actors = [node for node in two_mode if node.startswith("actor:")]
        yield compared(
            "network.projection",
            lambda: network.projection(whole),
            lambda: bipartite.weighted_projected_graph(two_mode, actors),
            self.repeat,
        )


def pipeline(texts: Iterable[str]) -> int:
    """Everything one plan goes through: load, validate, a year's calendar, network, save."""
    from actionplan import network  # noqa: PLC0415
    from actionplan.ical import to_ical  # noqa: PLC0415
    from actionplan.schedule import schedule  # noqa: PLC0415

    written = 0
    for text in texts:
        plan = actionplan.loads(text)
        actionplan.validate(plan)
        written += len(to_ical(plan, schedule(plan, *YEAR), now=NOW))
        network.summarise(plan)
        written += len(actionplan.dumps(plan))
    return written


def stage_end_to_end(bench: Bench) -> Row:
    """N plans against 10×N plans through :func:`pipeline`; the large run is timed once."""
    stage = "end to end, 10×N plans"
    small = bench.texts
    large = [actionplan.dumps(plan) for plan in generate(10 * bench.scale, bench.seed)]
    times = [once(lambda: pipeline(small))]
    runs = bench.repeat if times[0] <= LONG else min(bench.repeat, LONG_REPEAT)
    times += [once(lambda: pipeline(small)) for _ in range(runs - 1)]
    big = once(lambda: pipeline(large))
    return Row(stage, big, statistics.median(times), TARGETS[stage])


# --- report -------------------------------------------------------------------------------


def guarded(stage: str | Sequence[str], run: Callable[[], Row | Iterable[Row]]) -> list[Row]:
    """Run a stage; a missing or unfinished module makes it report why it was skipped.

    Progress goes to stderr, so a slow stage shows itself while the run goes on.
    """
    names = [stage] if isinstance(stage, str) else list(stage)
    rows: list[Row] = []
    started = time.perf_counter()
    try:
        result = run()
        for row in [result] if isinstance(result, Row) else result:
            rows.append(row)
            took = time.perf_counter() - started
            print(f"{row.stage}: done after {took:.1f} s", file=sys.stderr, flush=True)
    except (ImportError, NotImplementedError) as error:
        done = {row.stage for row in rows}
        rows += [skipped(name, error) for name in names if name not in done]
        print(f"{names[0]}: {rows[-1].value}", file=sys.stderr, flush=True)
    return rows


def peak_mib() -> float:
    """The largest resident size the process had, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def shown(value: float | str | None, unit: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if unit == "×":
        return f"{value:.2f}×"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4f}" if value < 1 else f"{value:.2f}"


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| stage | actionplan (s) | floor (s) | ratio | target | ok |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for row in rows:
        ok = {True: "yes", False: "**no**", None: ""}[row.ok]
        target = f"≤ {row.target:g}×" if row.target is not None else ""
        lines.append(
            f"| {row.stage} | {shown(row.value)} | {shown(row.floor)} "
            f"| {shown(row.ratio, '×')} | {target} | {ok} |"
        )
    return "\n".join(lines)


def run(scale: int, seed: int, repeat: int) -> list[Row]:
    imports = max(10, repeat) if repeat > 1 else 1
    rows = guarded("import actionplan", lambda: stage_import(imports))
    started = time.perf_counter()
    bench = Bench(scale, seed, repeat)
    plans = bench.plans
    print(
        f"# actionplan benchmarks: {scale} plans, "
        f"{sum(len(p.actors) for p in plans):,} actors, "
        f"{sum(len(p.forums) for p in plans):,} forums, "
        f"{sum(len(p.measures) for p in plans):,} measures "
        f"(generated in {time.perf_counter() - started:.1f} s); "
        f"median of {repeat} run(s); Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs",
        flush=True,
    )
    rows += guarded(("load plans (actionplan.loads)", "load plans, gc disabled"), bench.load)
    rows += guarded("save plans (actionplan.dumps)", bench.save)
    rows += guarded("validate plans (actionplan.validate)", bench.validate)
    calendar_rows = (
        "5-year calendars (schedule + to_ical)",
        "5-year calendars: schedule only",
        "5-year calendars: to_ical only",
        "events in 5-year calendars",
    )
    rows += guarded(calendar_rows, bench.calendars_stage)
    rows += guarded("read held meetings (ical.read_held)", bench.read_held)
    network_rows = [*(f"network.{name}" for name in NETWORK_METRICS), "network.projection"]
    rows += guarded(network_rows, bench.network)
    rows += guarded("end to end, 10×N plans", lambda: stage_end_to_end(bench))
    rows.append(Row("peak memory (MiB)", peak_mib()))
    order = {name: index for index, name in enumerate((*STAGES, *INFO))}
    return sorted(rows, key=lambda row: order[row.stage])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=290, help="how many plans (default 290)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the plans")
    parser.add_argument("--repeat", type=int, default=5, help="runs per stage (median)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--quick", action="store_true", help="3 plans, one run: a smoke test")
    args = parser.parse_args(argv)
    scale, repeat = (3, 1) if args.quick else (args.scale, args.repeat)
    if scale < 1 or repeat < 1:
        parser.error("--scale and --repeat must be at least 1")
    started = time.perf_counter()
    rows = run(scale, args.seed, repeat)
    print(table(rows))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    if args.json is not None:
        args.json.write_text(
            json.dumps([row.to_json() for row in rows], indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
