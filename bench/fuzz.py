"""Fuzzing with a large budget: the same driver as tests/test_fuzz.py (tests/fuzzing.py), many more runs.

Run on demand: `.venv/bin/python bench/fuzz.py [--runs 2000] [--lines 1000] [--seed N]`. Each run plays 30
to 300 generated actions (hall frames of every kind, commits overlapping with staging, judges' commands,
reconnections) through the real protocol core, writer and SQLite file, then checks every invariant; the
loader part loads generated JSON Lines files. Prints the runs, frames, events and quarantine rows
exercised, and the time taken; any failure stops with hypothesis's smallest failing example.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed as hseed, settings  # noqa: E402

from scoreboard.rules import load_preset  # noqa: E402
from scoreboard.sample import sample_roster  # noqa: E402
from tests.fuzzing import Run, lines, load_lines, long_actions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2000, help="generated runs through the hall protocol")
    ap.add_argument("--lines", type=int, default=1000, help="generated files through the loader")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rules = load_preset("fujian-2024-final")
    people = sample_roster(rules, 2024, 3)
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
    totals = {"runs": 0, "frames": 0, "events": 0, "quarantined": 0, "files": 0, "lines": 0}
    def budget(n: int) -> settings:
        return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @hseed(args.seed)
    @budget(args.runs)
    @given(long_actions)
    def frames(steps):
        totals["runs"] += 1
        run = Run(tmp / f"f{totals['runs']}.db", rules, people)
        try:
            run.play(steps)
            run.check()
            totals["frames"] += run.frames
            totals["events"] += run.store.last_event_id()
            totals["quarantined"] += run.store.quarantine_count()
        finally:
            run.close()
            (tmp / f"f{totals['runs']}.db").unlink(missing_ok=True)

    @hseed(args.seed)
    @budget(args.lines)
    @given(lines)
    def loads(texts):
        totals["files"] += 1
        totals["lines"] += len(texts)
        folder = tmp / f"l{totals['files']}"
        folder.mkdir()
        try:
            load_lines(folder / "c.db", rules, people, texts, folder)
        finally:
            shutil.rmtree(folder)

    t0 = time.perf_counter()
    frames()
    t1 = time.perf_counter()
    loads()
    t2 = time.perf_counter()
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"hall protocol: {totals['runs']} runs, {totals['frames']} frames, {totals['events']} events, "
          f"{totals['quarantined']} quarantine rows, every invariant held ({t1 - t0:.1f} s)")
    print(f"loader: {totals['files']} files, {totals['lines']} lines, every file verified, folded and exported "
          f"({t2 - t1:.1f} s)")


if __name__ == "__main__":
    main()
