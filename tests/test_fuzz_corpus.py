"""Every input in ``fuzz/corpus/`` is replayed through its fuzz target, as a regression test.

A target may read the input or refuse it with an :class:`~actionplan.ActionPlanError`;
anything else is a crash, and a plan it reads must come back unchanged from every format.
The replay is strict: the known defects the fuzz run tolerates do not count here. Crashes
the fuzzer finds go to the catalogue of bad inputs (``tests/bad_inputs/``), with the
expected error.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

FUZZ = Path(__file__).parent.parent / "fuzz"
MAX_CORPUS_BYTES = 200 * 1024


def _targets() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_targets", FUZZ / "targets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


targets = _targets()
CORPUS = sorted(targets.CORPUS.iterdir())


def test_the_corpus_is_small_and_every_file_names_its_target():
    assert sum(path.stat().st_size for path in CORPUS) < MAX_CORPUS_BYTES
    assert {targets.target_of(path) for path in CORPUS} == set(targets.TARGETS)


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
def test_each_corpus_input_is_read_or_refused_with_an_actionplan_error(path):
    targets.TARGETS[targets.target_of(path)](path.read_bytes())


def test_a_file_named_for_no_target_is_refused_with_the_targets_listed():
    with pytest.raises(ValueError, match="json, toml, yaml, ics"):
        targets.target_of(Path("csv-table.csv"))


def test_known_defects_are_told_apart_from_new_crashes(monkeypatch):
    """The fuzz run's list of known defects matches only the defect it names."""
    defect = targets.Known("UnicodeEncodeError", r"surrogates not allowed", "some-case")
    monkeypatch.setattr(targets, "KNOWN_DEFECTS", (defect,))
    with pytest.raises(KeyError) as raised:
        {}["key"].startswith("x")
    assert targets.known_defect(raised.value) is None
    error = UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
    assert targets.known_defect(error) is defect


def test_every_known_defect_names_a_case_the_catalogue_expects_to_fail():
    manifest = Path(__file__).parent / "bad_inputs" / "manifest.toml"
    cases = {case["id"]: case for case in tomllib.loads(manifest.read_text("utf-8"))["case"]}
    for known in targets.KNOWN_DEFECTS:
        assert "xfail" in cases[known.case], known.case


def test_a_short_fuzz_run_finds_nothing_new_and_saves_nothing(tmp_path):
    """One batch of generated inputs per target, with the Hypothesis engine."""
    crashes = tmp_path / "crashes"
    done = subprocess.run(
        [
            sys.executable,
            str(FUZZ / "run.py"),
            "--seconds=0",
            "--engine=hypothesis",
            f"--crashes={crashes}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no new crashes" in done.stdout
    assert list(crashes.iterdir()) == []
