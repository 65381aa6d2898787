"""Nothing is lost: every write is whole or not at all, and leaves no temporary file.

Each writer (``actionplan.dump`` in every format, ``serialization.write_atomic``, the CLI's
``-o`` outputs and ``plot.save``) is made to fail in the middle: the disk fills up while
the data is written or flushed, the rename is refused, or the user presses Ctrl-C. The
file that was there before must stay byte for byte the same, and the folder must hold
nothing else. That what is read is written back without loss, in every format, is the
property ``tests/test_serialization.py`` checks on generated plans.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

import attrs
import pytest

import actionplan
from actionplan import PlanFileError
from actionplan.cli import main
from actionplan.serialization import write_atomic

OLD = b"the file as it was before\n"


class _HalfWriter:
    """A stream that writes half of what it is given, then raises *error*."""

    def __init__(self, stream: Any, error: BaseException) -> None:
        self.stream = stream
        self.error = error

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise self.error

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return int(self.stream.fileno())


def _raiser(error: BaseException) -> Callable[..., Any]:
    def fail(*_args: object, **_kwargs: object) -> Any:
        raise error

    return fail


def _disk_full() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def _fsync(error: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    return lambda monkeypatch: monkeypatch.setattr(os, "fsync", _raiser(error))


def _half_write(error: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> _HalfWriter:
        return _HalfWriter(real(fd, *args, **kwargs), error)

    return lambda monkeypatch: monkeypatch.setattr(os, "fdopen", fdopen)


def _rename(error: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    return lambda monkeypatch: monkeypatch.setattr(Path, "replace", _raiser(error))


FAULTS = {
    "disk full while writing": (_half_write(_disk_full()), PlanFileError),
    "disk full while flushing": (_fsync(_disk_full()), PlanFileError),
    "rename refused": (_rename(PermissionError(errno.EACCES, "Permission denied")), PlanFileError),
    "Ctrl-C while writing": (_half_write(KeyboardInterrupt()), KeyboardInterrupt),
    "Ctrl-C while flushing": (_fsync(KeyboardInterrupt()), KeyboardInterrupt),
    "Ctrl-C at the rename": (_rename(KeyboardInterrupt()), KeyboardInterrupt),
}


def _plan_writers() -> dict[str, tuple[str, Callable[[Path], None]]]:
    plan = actionplan.example()
    return {
        "dump json": ("plan.json", lambda path: actionplan.dump(plan, path)),
        "dump toml": ("plan.toml", lambda path: actionplan.dump(plan, path)),
        "dump yaml": ("plan.yaml", lambda path: actionplan.dump(plan, path)),
        "write_atomic": ("data.bin", lambda path: write_atomic(path, b"new data\n" * 1000)),
    }


WRITERS = _plan_writers()


def _only(folder: Path, name: str) -> None:
    assert sorted(path.name for path in folder.iterdir()) == [name]


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_write_that_fails_half_way_leaves_the_old_file_whole_and_no_temporary_file(
    writer, fault, tmp_path, monkeypatch
):
    name, write = WRITERS[writer]
    inject, expected = FAULTS[fault]
    target = tmp_path / name
    target.write_bytes(OLD)
    inject(monkeypatch)
    with pytest.raises(expected) as raised:
        write(target)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    _only(tmp_path, name)
    if expected is PlanFileError:
        assert str(target) in str(raised.value)
        assert "cannot write" in str(raised.value)


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_first_write_that_fails_leaves_no_file_at_all(writer, fault, tmp_path, monkeypatch):
    name, write = WRITERS[writer]
    inject, expected = FAULTS[fault]
    inject(monkeypatch)
    with pytest.raises(expected):
        write(tmp_path / name)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


COMMANDS = {
    "show": ["show", "{plan}", "--format", "markdown"],
    "validate": ["validate", "{plan}", "--format", "json", "--fail-on", "never"],
    "convert": ["convert", "{plan}", "--to", "yaml"],
    "schema": ["schema"],
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_cli_output_that_fails_half_way_leaves_the_old_file_whole(
    command, fault, tmp_path, monkeypatch, capsys
):
    plan = tmp_path / "plan.toml"
    actionplan.dump(actionplan.example(), plan)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "result.out"
    target.write_bytes(OLD)
    argv = [arg.format(plan=plan) for arg in COMMANDS[command]] + ["-o", str(target)]
    inject, expected = FAULTS[fault]
    inject(monkeypatch)
    if expected is KeyboardInterrupt:
        with pytest.raises(KeyboardInterrupt):
            main(argv)
    else:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ")
        assert str(target) in err
        assert "Traceback" not in err
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    _only(folder, target.name)


@pytest.fixture(scope="module")
def figure():
    plot = pytest.importorskip("actionplan.plot")
    return plot.network_figure(actionplan.example())


@pytest.mark.parametrize("fault", FAULTS)
def test_a_picture_that_fails_half_way_leaves_the_old_picture_whole(
    figure, fault, tmp_path, monkeypatch
):
    plot = pytest.importorskip("actionplan.plot")
    target = tmp_path / "network.svg"
    target.write_bytes(OLD)
    inject, expected = FAULTS[fault]
    inject(monkeypatch)
    with pytest.raises(expected):
        plot.save(figure, target)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    _only(tmp_path, target.name)


def test_a_successful_write_replaces_the_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "plan.json"
    target.write_bytes(OLD)
    target.chmod(0o640)
    actionplan.dump(actionplan.example(), target)
    assert actionplan.load(target) == actionplan.example()
    assert target.stat().st_mode & 0o777 == 0o640
    _only(tmp_path, target.name)


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path):
    """Not the private 0600 of a temporary file: a plan is shared like any other file."""
    old = os.umask(0o027)
    try:
        actionplan.dump(actionplan.example(), tmp_path / "plan.json")
    finally:
        os.umask(old)
    assert (tmp_path / "plan.json").stat().st_mode & 0o777 == 0o640


def test_concurrent_writers_and_readers_never_see_half_a_file(tmp_path):
    """Eight writers rewrite one file while a reader reads it: every read is a whole plan."""
    target = tmp_path / "plan.json"
    base = actionplan.example()
    plans = [attrs.evolve(base, title=f"Version {number}") for number in range(8)]
    actionplan.dump(plans[0], target)
    errors: list[BaseException] = []
    titles: set[str] = set()
    done = threading.Event()

    def write(plan: actionplan.Plan) -> None:
        try:
            for _ in range(5):
                actionplan.dump(plan, target)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    def read() -> None:
        while not done.is_set():
            try:
                titles.add(actionplan.load(target).title)
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
                return

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(plan,)) for plan in plans]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    reader.join()
    assert errors == []
    assert titles <= {plan.title for plan in plans}
    assert actionplan.load(target).title in {plan.title for plan in plans}
    _only(tmp_path, target.name)
