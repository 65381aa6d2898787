"""The installed package: one version, a light import, typing marker, a tidy public API."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from importlib import resources

import actionplan


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then everything else."""
    if name.isupper():
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


def test_version_comes_from_the_package_metadata():
    """__version__ is read from the installed metadata, which pyproject.toml sets."""
    assert actionplan.__version__ == importlib.metadata.version("actionplan") == "0.1.0"


def test_import_leaves_heavy_and_optional_dependencies_unloaded():
    """Tools that only load and validate do not pay for graphs, calendars, plots or YAML."""
    heavy = ("networkx", "icalendar", "matplotlib", "yaml")
    code = f"import sys, actionplan; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_import_raises_no_warnings():
    """python -W error -c 'import actionplan' succeeds: no deprecations at import time."""
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import actionplan"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_package_ships_the_py_typed_marker():
    """Type checkers read our annotations only when py.typed is installed."""
    assert resources.files("actionplan").joinpath("py.typed").is_file()


def test_public_names_are_sorted_unique_and_all_resolve():
    """__all__ is in ruff's order, lists each name once, and each name exists."""
    names = actionplan.__all__
    assert names == sorted(names, key=_isort_key)
    assert len(set(names)) == len(names)
    missing = [name for name in names if not hasattr(actionplan, name)]
    assert missing == []
