"""Score the text reader: read the seed plan's text and compare the draft with the reviewed plan.

The seed plan was encoded by hand (``actionplan.example()``); reading its text with
``actionplan.extract`` should give a draft that, after review, is that plan. This script
prints precision and recall of commitments (matched by section and quote), their
modalities, actors and forums by kind, memberships and cadences, and exits with status 1
when commitments or their modalities fall below the targets.

    python benchmarks/extraction_score.py
    python benchmarks/extraction_score.py --text other-plan.txt --reviewed other-plan.toml
    python benchmarks/extraction_score.py --json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import actionplan
from actionplan.extract import compare, extract_file

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "tests" / "texts" / "handlingsplan-vbe-2016.txt"
TARGETS = {"commitments": 0.9, "commitments+modality": 0.9}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=SEED_TEXT, help="the plan's text")
    parser.add_argument(
        "--reviewed", type=Path, help="the reviewed plan file (default: the bundled seed plan)"
    )
    parser.add_argument("--lexicon", type=Path, help="an extra lexicon file")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    draft = extract_file(args.text, lexicon=args.lexicon)
    elapsed = time.perf_counter() - started
    reviewed = actionplan.load(args.reviewed) if args.reviewed else actionplan.example()
    metrics = compare(draft, reviewed)
    missed = [
        m.name
        for m in metrics
        if m.name in TARGETS and min(m.precision, m.recall) < TARGETS[m.name]
    ]
    if args.json:
        rows = [
            {
                "name": m.name,
                "precision": round(m.precision, 4),
                "recall": round(m.recall, 4),
                "true_positives": m.true_positives,
                "false_positives": m.false_positives,
                "false_negatives": m.false_negatives,
            }
            for m in metrics
        ]
        print(json.dumps({"text": args.text.name, "metrics": rows, "missed": missed}, indent=2))
    else:
        print(f"{args.text.name}: read in {elapsed * 1000:.0f} ms")
        print(f"{'':24} {'precision':>9} {'recall':>7}   tp  fp  fn  target")
        for m in metrics:
            target = f"{TARGETS[m.name]:.2f}" if m.name in TARGETS else ""
            print(
                f"{m.name:24} {m.precision:9.2f} {m.recall:7.2f} "
                f"{m.true_positives:4} {m.false_positives:3} {m.false_negatives:3}  {target}"
            )
        print(f"findings to review: {len(draft.findings)}")
        if missed:
            print(f"below target: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
