"""Benchmark: the replay on a national-scale day written to a real SQLite file.

Run on demand: `.venv/bin/python bench/replay.py` (about two minutes; `--quick` skips the award scan).
The day: 1,550 contestants (national qualifier preset, 50 per province) × 100 items + 10% regrades,
through the one `Writer` in group commits, with a freeze and the day-end tie decisions. Each figure is
printed beside a baseline measured in the same run:
- full fold from the file: reading every row of the log with sqlite3 (no JSON, no Event, no fold);
- seek: folding the whole log in memory (a backward seek folds again from the start, so it is the worst);
- the scans: one plain fold of the whole log, which every scan contains.
Goals (issue 6): a seek anywhere under 0.5 s; a full fold from the file under 2 s.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.store import Store
from db.verify import verify  # noqa: E402
from display.replay.sampledb import build_day  # noqa: E402
from scoreboard.board import Board  # noqa: E402
from scoreboard.timeline import Timeline  # noqa: E402


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def median_of(fn, runs):
    return statistics.median(timed(fn)[0] for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (the median is printed)")
    ap.add_argument("--seeks", type=int, default=30, help="random seeks measured")
    ap.add_argument("--quick", action="store_true", help="skip the whole-day award scan (the slowest figure)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {args.runs} runs per figure (median)")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "national.db"
        t_build, _ = timed(lambda: build_day(path, "national-2021-qualifier", per_team=50, items=100, regrade=0.10))
        store = Store(path)
        rules, people = store.rules(), store.contestants()
        events = list(store.events())
        print(f"\n## national day: {len(people):,} contestants, {len(events):,} events "
              f"({path.stat().st_size / 1e6:.0f} MB, written in {t_build:.1f} s)")

        def raw_rows():
            conn = sqlite3.connect(path)
            n = sum(1 for _ in conn.execute("SELECT id, at, kind, source, seq, actor, data, reason FROM events"))
            conn.close()
            return n

        def fold_from_file():
            s = Store(path)
            b = s.fold()
            b.standings(), b.awards()
            s.close()

        base = median_of(raw_rows, args.runs)
        full = median_of(fold_from_file, args.runs)
        print(f"full fold from the file (read, fold, standings, awards): {full * 1000:8.1f} ms   "
              f"baseline read rows {base * 1000:7.1f} ms   ratio {base / full:5.2f}×   goal < 2000 ms")

        def verify_file():
            s = Store(path)
            assert verify(s).ok
            s.close()

        checked = median_of(verify_file, args.runs)
        print(f"verify the whole file (every seal, the judges' chain, a fold, every lock): {checked * 1000:8.1f} ms   "
              f"baseline read rows {base * 1000:7.1f} ms   ratio {base / checked:5.2f}×")

        def fold_memory():
            b = Board(rules, people)
            b.apply_all(events)

        base = median_of(fold_memory, args.runs)
        tl = Timeline(rules, people, events)
        rng = random.Random(6)
        seeks = []
        for _ in range(args.seeks):
            target = rng.randrange(len(events) + 1)

            def seek():
                tl.seek_index(target)
                tl.board.standings(), tl.board.awards()

            seeks.append(timed(seek)[0])
        seeks.sort()
        print(f"seek anywhere + standings + awards ({args.seeks} random): median {statistics.median(seeks) * 1000:6.1f} ms"
              f", max {seeks[-1] * 1000:6.1f} ms   baseline fold in memory {base * 1000:7.1f} ms   goal < 500 ms")

        st = Board(rules, people)
        st.apply_all(events)
        rows = st.standings().rows
        who = next((r.exam_no for r in rows[20:60]
                    if Timeline(rules, people, events).top_exits(r.exam_no, 20)), rows[25].exam_no)
        t_exit, exits = timed(lambda: Timeline(rules, people, events).top_exits(who, 20))
        print(f"when {who} left the top 20 (whole day, {len(exits)} exits): {t_exit * 1000:8.1f} ms   "
              f"baseline fold {base * 1000:7.1f} ms   ratio {base / t_exit:5.2f}×")
        t_hist, _ = timed(lambda: Timeline(rules, people, events).rank_history([r.exam_no for r in rows], 200))
        print(f"everyone's rank at 200 moments (the rank table): {t_hist * 1000:8.1f} ms   "
              f"baseline fold {base * 1000:7.1f} ms   ratio {base / t_hist:5.2f}×")
        tl.seek_index(len(events) // 3)
        t_top, _ = timed(lambda: tl.next_top_change(20))
        tl.seek_index(len(events) // 3)
        t_award, _ = timed(lambda: tl.next_award_change())
        print(f"next top-20 change from a third of the day: {t_top * 1000:6.1f} ms; next award change: "
              f"{t_award * 1000:6.1f} ms")
        if not args.quick:
            t_all, changes = timed(lambda: Timeline(rules, people, events).award_changes())
            print(f"every award change of the day ({len(changes):,} changes): {t_all:8.1f} s   "
                  f"baseline fold {base * 1000:7.1f} ms   ratio {base / t_all:6.3f}×")
        store.close()


if __name__ == "__main__":
    main()
