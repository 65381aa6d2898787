"""The benchmarks: synthetic plans are deterministic and valid, the runner reports every stage."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import actionplan
from actionplan import AsNeeded, Dates, NotStated, PerPeriod, Rule

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

STAGES = [
    "import actionplan",
    "load plans (actionplan.loads)",
    "save plans (actionplan.dumps)",
    "validate plans (actionplan.validate)",
    "5-year calendars (schedule + to_ical)",
    "read held meetings (ical.read_held)",
    "network.density",
    "network.degree_centrality",
    "network.betweenness",
    "network.centralization",
    "network.betweenness_centralization",
    "network.communities",
    "network.articulation_points",
    "network.bridges",
    "network.isolated_actors",
    "network.components",
    "network.projection",
    "end to end, 10×N plans",
]
INFO = [
    "load plans, gc disabled",
    "5-year calendars: schedule only",
    "5-year calendars: to_ical only",
    "events in 5-year calendars",
    "peak memory (MiB)",
]
KEYS = {"stage", "value", "floor", "ratio", "target", "ok"}


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """benchmarks/generate.py, imported from its file (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("benchmark_generate", BENCHMARKS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--json", str(out)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "| stage |" in done.stdout
    rows: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))
    return rows


def test_quick_run_reports_every_stage_in_order_with_exact_keys(quick_rows):
    assert [row["stage"] for row in quick_rows] == STAGES + INFO
    assert all(set(row) == KEYS for row in quick_rows)


def test_quick_run_compares_each_stage_with_its_floor_and_target(quick_rows):
    for row in quick_rows:
        if row["stage"] not in STAGES:
            continue
        assert isinstance(row["target"], float)
        value = row["value"]
        if isinstance(value, str):
            assert value.startswith("skipped: ")
            assert row["ratio"] is None
            assert row["ok"] is None
            continue
        assert isinstance(value, float)
        assert isinstance(row["floor"], float)
        assert isinstance(row["ratio"], float)
        assert math.isclose(row["ratio"], value / row["floor"])
        assert row["ok"] is (row["ratio"] <= row["target"])


def test_quick_run_measures_the_stages_whose_modules_are_always_there(quick_rows):
    measured = {row["stage"] for row in quick_rows if isinstance(row["value"], float)}
    assert set(STAGES[:4]) <= measured
    info = {row["stage"]: row for row in quick_rows if row["stage"] in INFO}
    assert info["peak memory (MiB)"]["value"] > 0
    assert all(row["target"] is None and row["ok"] is None for row in info.values())


def test_generate_gives_equal_plans_for_equal_seeds(generate):
    assert generate.generate(3, seed=1) == generate.generate(3, seed=1)
    assert generate.generate(3, seed=1) != generate.generate(3, seed=2)


def test_generated_plans_pass_integrity_and_round_trip_through_json(generate):
    for plan in generate.generate(3, seed=1):
        assert actionplan.integrity(plan) == []
        assert actionplan.loads(actionplan.dumps(plan)) == plan


def test_generated_plans_have_unique_four_digit_municipality_codes(generate):
    plans = generate.generate(30, seed=1)
    codes = [code for plan in plans for code in plan.municipality_codes]
    assert len(codes) == len(plans)
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 4 and code.isdigit() for code in codes)


def test_generated_plans_have_the_shape_of_a_mid_sized_municipality(generate):
    plans = generate.generate(30, seed=1)
    for plan in plans:
        assert 40 <= len(plan.actors) <= 60
        assert 8 <= len(plan.forums) <= 12
        assert all(3 <= len(forum.members) <= 12 for forum in plan.forums)
        assert 30 <= len(plan.measures) <= 40
        scheme = {level.scheme for measure in plan.measures for level in measure.levels}
        assert len(scheme) == 1
        levels = {level for measure in plan.measures for level in measure.levels}
        assert len(levels) == 3
        assert plan.situational_pictures
    kinds = {type(forum.cadence) for plan in plans for forum in plan.forums}
    assert kinds == {PerPeriod, Rule, Dates, AsNeeded, NotStated}
    periods = {
        (forum.cadence.count, forum.cadence.period.value)
        for plan in plans
        for forum in plan.forums
        if isinstance(forum.cadence, PerPeriod)
    }
    assert {(4, "year"), (1, "month"), (2, "month")} <= periods
    assert any(plan.invitations for plan in plans)


def test_regional_actors_are_shared_by_neighbouring_plans(generate):
    plans = generate.generate(30, seed=1)
    owners: dict[str, set[str]] = {}
    for plan in plans:
        for actor in plan.actors:
            owners.setdefault(actor.id, set()).add(plan.id)
    shared = {actor for actor, holders in owners.items() if len(holders) > 1}
    assert any(actor.startswith("lpo-") for actor in shared)
    assert any(actor.startswith("lansstyrelsen-") for actor in shared)
    assert any(actor.startswith("region-") for actor in shared)
    local = {actor for actor in owners if actor[-4:].isdigit()}
    assert not local & shared


def test_national_plan_holds_every_part_once_and_passes_integrity(generate):
    plans = generate.generate(30, seed=1)
    whole = generate.national(plans)
    ids = {actor.id for plan in plans for actor in plan.actors}
    assert sorted(actor.id for actor in whole.actors) == sorted(ids)
    assert len(whole.forums) == sum(len(plan.forums) for plan in plans)
    assert len(whole.municipalities) == 30
    assert actionplan.integrity(whole) == []


def test_generate_cli_writes_one_json_file_per_plan(generate, tmp_path, capsys):
    assert generate.main(["--scale", "2", "--seed", "5", "--out", str(tmp_path)]) == 0
    assert "wrote 2 plans" in capsys.readouterr().out
    files = sorted(tmp_path.glob("*.json"))
    expected = generate.generate(2, seed=5)
    assert sorted(path.stem for path in files) == sorted(plan.id for plan in expected)
    assert sorted((actionplan.load(path) for path in files), key=lambda p: p.id) == sorted(
        expected, key=lambda p: p.id
    )
