"""Benchmark: fold, rank and award a national-scale day and a 100,000-contestant one.

Run on demand: `.venv/bin/python bench/fold.py` (or `make bench`). Each figure is printed beside a
minimal baseline measured in the same run, so the ratio survives a noisy machine:
- fold baseline: a bare loop adding each mark into a per-contestant total (no regrade bookkeeping,
  no sections, no validation);
- recompute baseline: one `sorted()` of precomputed integer keys plus a "1224" rank pass.
Goals (issue 2): at least 100,000 events/s folded; a full recompute at 100,000 contestants under 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoreboard.awards import compute_awards  # noqa: E402
from scoreboard.board import Board  # noqa: E402
from scoreboard.events import Event  # noqa: E402
from scoreboard.rules import load_preset  # noqa: E402
from scoreboard.sample import sample_roster  # noqa: E402
from scoreboard.standings import compute_standings  # noqa: E402


def make_events(roster, items: int, regrade: float, seed: int = 1) -> list[Event]:
    rng = random.Random(seed)
    sections = ("choice", "fill", "short", "case")
    events = []
    n = 0
    for c in roster:
        for k in range(items):
            section = sections[k % 4]
            n += 1
            score = float(rng.randint(0, 10))
            data = {"contestant": c.exam_no, "item": f"{section}-{k:03d}", "section": section,
                    "score": score, "max": 10.0}
            events.append(Event(n, n, "result", "hall", n, "hall", data))
        n += 1
        events.append(Event(n, n, "finish", "hall", n, "hall",
                            {"contestant": c.exam_no, "time_used": float(rng.randint(3000, 7200))}))
    for _ in range(int(len(roster) * items * regrade)):
        base = events[rng.randrange(len(events))]
        if base.kind != "result":
            continue
        n += 1
        events.append(Event(n, n, "result", "hall", n, "hall", {**base.data, "score": float(rng.randint(0, 10))}))
    return events


def baseline_fold(events) -> float:
    t0 = time.perf_counter()
    totals: dict[str, float] = {}
    for ev in events:
        d = ev.data
        if ev.kind == "result":
            totals[d["contestant"]] = totals.get(d["contestant"], 0.0) + d["score"]
    return time.perf_counter() - t0


def baseline_rank(board: Board) -> float:
    keys = {e: -t for e, t in board.totals.items()}
    t0 = time.perf_counter()
    order = sorted(keys, key=keys.__getitem__)
    ranks, prev, rank = [], None, 0
    for i, e in enumerate(order):
        if keys[e] != prev:
            rank, prev = i + 1, keys[e]
        ranks.append(rank)
    return time.perf_counter() - t0


def full_recompute(board: Board) -> tuple[float, float]:
    """Every key, the sort, every row, every award: `compute_standings` and `compute_awards` from scratch
    (the board's own reads are incremental: bench/incremental.py measures those)."""
    board.dirty = set(board.contestants)
    board.keys = {}
    board._cache.clear()
    t0 = time.perf_counter()
    st = compute_standings(board)
    t1 = time.perf_counter()
    compute_awards(board.rules, st, board.control, day=board.day)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def median(fn, runs: int):
    return statistics.median(fn() for _ in range(runs))


def scenario(name: str, preset: str, per_team: int | None, items: int, regrade: float, runs: int) -> None:
    rules = load_preset(preset)
    roster = sample_roster(rules, per_team=per_team)
    events = make_events(roster, items, regrade)
    print(f"\n## {name}: {len(roster):,} contestants × {items} items + {regrade:.0%} regrades "
          f"= {len(events):,} events")

    def fold_once():
        b = Board(rules, roster)
        t0 = time.perf_counter()
        b.apply_all(events)
        return time.perf_counter() - t0

    t_fold = median(fold_once, runs)
    t_base = median(lambda: baseline_fold(events), runs)
    print(f"fold:            {len(events) / t_fold:12,.0f} events/s  ({t_fold * 1000:8.1f} ms)   "
          f"baseline {len(events) / t_base:12,.0f} events/s   ratio {t_base / t_fold:5.2f}×")
    board = Board(rules, roster)
    board.apply_all(events)
    stand = median(lambda: full_recompute(board)[0], runs)
    award = median(lambda: full_recompute(board)[1], runs)
    base = median(lambda: baseline_rank(board), runs)
    total = stand + award
    print(f"recompute:       standings {stand * 1000:8.1f} ms + awards {award * 1000:7.1f} ms = "
          f"{total * 1000:8.1f} ms   baseline sort+rank {base * 1000:7.1f} ms   ratio {base / total:5.2f}×")
    board.standings(), board.awards()
    rng = random.Random(2)
    marks = [e for e in events if e.kind == "result"]
    n = [len(events)]

    def one_change():  # a regrade of a random mark, then the board's own (incremental) standings and awards
        n[0] += 1
        base = rng.choice(marks)
        board.apply(Event(n[0], 0, "result", "hall", None, "hall",
                          {**base.data, "score": float(rng.randint(0, 10))}))
        t0 = time.perf_counter()
        board.standings(), board.awards()
        return time.perf_counter() - t0

    print(f"after one mark:  standings + awards {median(one_change, 50 * runs) * 1000:8.2f} ms "
          f"(the board's index and award cache; median of {50 * runs} random regrades)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (the median is printed)")
    ap.add_argument("--quick", action="store_true", help="smaller second scenario (10,000 contestants)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {args.runs} runs per figure (median)")
    scenario("national day", "national-2021-qualifier", 50, 100, 0.10, args.runs)
    big = 323 if args.quick else 3226  # × 31 provinces
    scenario("100k day" if not args.quick else "10k day", "national-2021-qualifier", big, 10, 0.10, args.runs)


if __name__ == "__main__":
    main()
