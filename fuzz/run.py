"""Fuzz actionplan's readers for a bounded time: only ActionPlanError may come out.

Feeds random bytes, and bytes mutated from the corpus in ``fuzz/corpus/``, to
``actionplan.loads`` in every format, ``actionplan.ical.read_held`` and
``actionplan.compliance.read_held_table``. With atheris installed each target runs under
libFuzzer in its own process, guided by coverage; without it, Hypothesis generates and
mutates the inputs. Either way the run ends after ``--seconds`` (split between the
targets), each input gets ``--timeout`` seconds, and every crash or hang is saved to
``--crashes``. Exit status: 0 when nothing new was found, 1 otherwise.

Usage::

    python fuzz/run.py --seconds 60
    python fuzz/run.py --seconds 300 --engine atheris --targets yaml ics
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SUFFIXES = {"json": "json", "toml": "toml", "yaml": "yaml", "ics": "ics", "heldcsv": "csv"}
_GRACE = 60


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total time (default 60)")
    parser.add_argument(
        "--engine",
        choices=("auto", "atheris", "hypothesis"),
        default="auto",
        help="atheris when installed (auto, the default), or Hypothesis",
    )
    parser.add_argument("--targets", nargs="+", metavar="TARGET", help="targets to fuzz")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    parser.add_argument("--crashes", type=Path, help="where to save crashes (default: temp)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the Hypothesis engine")
    parser.add_argument(
        "--strict", action="store_true", help="count the known defects as crashes too"
    )
    parser.add_argument("--worker", metavar="TARGET", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _save(crashes: Path, target: str, data: bytes, label: str) -> Path:
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = crashes / f"{label}-{target}-{digest}.{_SUFFIXES.get(target, 'json')}"
    path.write_bytes(data)
    return path


# --- Hypothesis engine -----------------------------------------------------------------------


class _HangError(BaseException):
    """Raised when one input takes longer than the timeout."""


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):  # no interval timers on Windows: no hang check
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _HangError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _mutate(
    rng: random.Random, data: bytes, seeds: Sequence[bytes], tokens: Sequence[bytes]
) -> bytes:
    """Apply one to eight random edits: flips, cuts, copies, tokens and splices."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buffer))
        choice = rng.randrange(6)
        if choice == 0 and buffer:
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif choice == 1:
            del buffer[at : at + rng.randint(1, 64)]
        elif choice == 2:  # noqa: PLR2004 - the third kind of edit
            start = rng.randint(0, len(buffer))
            buffer[at:at] = buffer[start : start + rng.randint(1, 256)]
        elif choice == 3:  # noqa: PLR2004
            buffer[at:at] = rng.choice(tokens) * rng.choice((1, 1, 2, 100))
        elif choice == 4 and seeds:  # noqa: PLR2004
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            buffer[at:at] = other[start : start + rng.randint(1, 512)]
        else:
            buffer[at:at] = rng.randbytes(rng.randint(1, 16))
    return bytes(buffer)


def _hypothesis(
    names: Sequence[str], seconds: float, args: argparse.Namespace, crashes: Path
) -> int:
    found = sum(_hypothesis_target(name, seconds, args, crashes) for name in names)
    return 1 if found else 0


def _hypothesis_target(name: str, seconds: float, args: argparse.Namespace, crashes: Path) -> int:
    """Fuzz one target with Hypothesis for *seconds*; return how many crashes it found."""
    import targets  # noqa: PLC0415
    from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    target = targets.TARGETS[name]
    seeds = [path.read_bytes() for path in sorted(targets.CORPUS.glob(f"{name}-*"))]
    mutated = st.tuples(st.sampled_from(seeds or [b""]), st.randoms(use_true_random=False))
    inputs = st.one_of(
        st.binary(max_size=2048),
        mutated.map(lambda pair: _mutate(pair[1], pair[0], seeds, targets.TOKENS)),
    )
    stats = {"inputs": 0, "crashes": 0, "known": 0}
    signatures: set[str] = set()

    def run(data: bytes) -> None:
        stats["inputs"] += 1
        try:
            with _watchdog(args.timeout):
                target(data)
        except _HangError:
            label, signature = "hang", "hang"
        except Exception as error:  # noqa: BLE001 - anything but ActionPlanError is a crash
            if not args.strict and targets.known_defect(error) is not None:
                stats["known"] += 1
                return
            label, signature = "crash", f"{type(error).__name__}: {str(error)[:80]}"
        else:
            return
        stats["crashes"] += 1
        if signature not in signatures:
            signatures.add(signature)
            _say(f"  {name}: {signature} -> {_save(crashes, name, data, label)}")

    check = settings(
        max_examples=200,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )(given(data=inputs)(run))
    deadline = time.monotonic() + seconds
    batch = 0
    while batch == 0 or time.monotonic() < deadline:  # at least one batch, even for 0 s
        batch += 1
        seed(args.seed * 100_003 + batch)(check)()
    _say(
        f"{name}: {stats['inputs']} inputs, {stats['crashes']} crashes, "
        f"{stats['known']} known defects"
    )
    return stats["crashes"]


# --- atheris engine ------------------------------------------------------------------------------


def _atheris_worker(name: str, args: argparse.Namespace) -> None:
    """Run one target under libFuzzer; called in a process of its own, never returns."""
    import atheris  # noqa: PLC0415

    with atheris.instrument_imports(include=["actionplan", "yaml", "icalendar", "dateutil"]):
        import targets  # noqa: PLC0415

    target = targets.TARGETS[name]

    def one_input(data: bytes) -> None:
        try:
            target(data)
        except Exception as error:
            if not args.strict and targets.known_defect(error) is not None:
                return
            raise

    dictionary = args.workdir / "tokens.dict"
    dictionary.write_text(
        "".join('"' + "".join(f"\\x{b:02x}" for b in token) + '"\n' for token in targets.TOKENS),
        encoding="ascii",
    )
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={max(int(args.seconds), 1)}",
            f"-timeout={max(int(args.timeout), 1)}",
            f"-artifact_prefix={args.crashes}/{name}-",
            f"-dict={dictionary}",
            "-rss_limit_mb=4096",
            "-print_final_stats=1",
            str(args.workdir / "corpus"),
        ],
        one_input,
    )
    atheris.Fuzz()


def _atheris(names: Sequence[str], seconds: float, args: argparse.Namespace, crashes: Path) -> int:
    import targets  # noqa: PLC0415

    status = 0
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"fuzz-{name}-") as folder:
            work = Path(folder)
            (work / "corpus").mkdir()
            for seed in sorted(targets.CORPUS.glob(f"{name}-*")):
                shutil.copy(seed, work / "corpus" / seed.name)
            command = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--engine=atheris",
                f"--worker={name}",
                f"--workdir={work}",
                f"--seconds={seconds}",
                f"--timeout={args.timeout}",
                f"--crashes={crashes}",
                *(["--strict"] if args.strict else []),
            ]
            _say(f"{name}: libFuzzer for {seconds:.0f} s")
            try:
                done = subprocess.run(command, check=False, timeout=seconds + _GRACE)  # noqa: S603
            except subprocess.TimeoutExpired:
                _say(f"{name}: did not stop in time")
                status = 1
                continue
            if done.returncode != 0:
                _say(f"{name}: libFuzzer found a crash (exit status {done.returncode})")
                status = 1
    return status


# --- entry point ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Fuzz the chosen targets for the given time; 1 when a crash or hang was found."""
    sys.path.insert(0, str(HERE))
    args = _arguments(argv)
    if args.worker:
        _atheris_worker(args.worker, args)
    import targets  # noqa: PLC0415

    names = args.targets or list(targets.TARGETS)
    unknown = sorted(set(names) - set(targets.TARGETS))
    if unknown:
        _say(f"unknown targets {', '.join(unknown)}; choose from {', '.join(targets.TARGETS)}")
        return 2
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401, PLC0415
        except ImportError:
            engine = "hypothesis"
        else:
            engine = "atheris"
    crashes = args.crashes or Path(tempfile.mkdtemp(prefix="actionplan-fuzz-"))
    crashes.mkdir(parents=True, exist_ok=True)
    args.crashes = crashes.resolve()
    share = args.seconds / len(names)
    _say(f"fuzzing {', '.join(names)} with {engine}, {share:.0f} s each; crashes go to {crashes}")
    run = _atheris if engine == "atheris" else _hypothesis
    status = run(names, share, args, args.crashes)
    _say("no new crashes" if status == 0 else f"crashes saved in {crashes}")
    return status


if __name__ == "__main__":
    sys.exit(main())
