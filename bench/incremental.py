"""Benchmark: standings and awards that follow one mark (issue 16), each beside a baseline of the same run.

Run on demand: `.venv/bin/python bench/incremental.py` (about three minutes; `--quick` skips the replay scan).

- one mark, then standings + awards, at 100,000 contestants (national qualifier preset, 3,226 per province,
  10 items each + 10% regrades): the board's order index, lazy standings and award cache, against one
  `sorted()` of the 100,000 integer keys (goal: under a tenth of it), and beside the full recompute the
  board did before (`compute_standings` + `compute_awards`). Marks go to random contestants (most far from
  every cut-off) and, separately, to the top 50 (whose marks make the award walks run again);
- the feeder's public state after one committed mark at national scale (1,550 × 100 items), built as the
  feeder builds it (`feeder.public.PublicState.build`), against the same build from a full recompute
  (goal: under 2 ms);
- replay's whole-day award-change scan at national scale (`Timeline.award_changes`), against one plain fold
  of the day in memory (goal: under 3 s).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fold import make_events  # noqa: E402
from scoreboard.awards import compute_awards  # noqa: E402
from scoreboard.board import Board  # noqa: E402
from scoreboard.events import Event  # noqa: E402
from scoreboard.rules import load_preset  # noqa: E402
from scoreboard.sample import sample_roster  # noqa: E402
from scoreboard.standings import compute_standings  # noqa: E402


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def ms(x: float) -> str:
    return f"{x * 1000:8.2f} ms"


class _Marks:
    """Regrades of random items of chosen contestants, numbered after the day's events."""

    def __init__(self, board: Board, n0: int, seed: int = 16):
        self.board, self.n, self.rng = board, n0, random.Random(seed)

    def one(self, who: str) -> Event:
        self.n += 1
        item = self.rng.choice(sorted(self.board.marks[who]) or ["choice-000"])
        section = self.board.item_section.get(item, "choice")
        mx = self.board.item_max.get(item, 1000) / 100
        return Event(self.n, self.n, "result", "hall", self.n, "hall",
                     {"contestant": who, "item": item, "section": section, "score": float(self.rng.randint(0, int(mx))),
                      "max": mx})


def one_mark(runs: int, per_team: int) -> None:
    rules = load_preset("national-2021-qualifier")
    roster = sample_roster(rules, per_team=per_team)
    events = make_events(roster, 10, 0.10)
    board = Board(rules, roster)
    board.apply_all(events)
    board.standings(), board.awards()
    keys = list(board.sort_keys().values())
    base = statistics.median(timed(lambda: sorted(keys)) for _ in range(max(runs, 5)))
    print(f"\n## one mark at {len(roster):,} contestants ({len(events):,} events folded)")
    marks = _Marks(board, len(events))
    people = [c.exam_no for c in roster]

    def after(who_list, n):
        out = []
        for _ in range(n):
            board.apply(marks.one(marks.rng.choice(who_list)))
            out.append(timed(lambda: (board.standings(), board.awards())))
        return out

    anyone = after(people, 200 * runs)
    top = [r.exam_no for r in board.standings().rows[:50]]
    tops = after(top, 20 * runs)
    full = statistics.median(timed(lambda: compute_awards(rules, compute_standings(board), board.control,
                                                          day=board.day)) for _ in range(runs))
    med, p90 = statistics.median(anyone), sorted(anyone)[int(len(anyone) * 0.9)]
    print(f"a random contestant: standings + awards median {ms(med)}, p90 {ms(p90)}, max {ms(max(anyone))}   "
          f"baseline sorted() of {len(keys):,} int keys {ms(base)}   ratio {med / base:6.3f}×   goal < 0.1×")
    tmed = statistics.median(tops)
    print(f"one of the top 50:   standings + awards median {ms(tmed)}, max {ms(max(tops))}   "
          f"ratio {tmed / base:6.3f}×")
    print(f"before (full recompute: compute_standings + compute_awards): {ms(full)}   ratio {full / base:6.3f}×")


def public_state(runs: int) -> None:
    from feeder import views as V
    from feeder.protocol import pack
    from feeder.public import PublicState

    rules = load_preset("national-2021-qualifier")
    roster = sample_roster(rules, per_team=50)
    events = make_events(roster, 100, 0.10)
    print(f"\n## the public state at national scale: {len(roster):,} contestants, {len(events):,} events")

    def built(full: bool):
        board = Board(rules, roster)
        board.apply_all(events)
        ps = PublicState(board)
        if full:  # as the feeder built it before: every read recomputes everything, the whole state packed
            board.standings = lambda: compute_standings(board)
            board.awards = lambda: compute_awards(rules, compute_standings(board), board.control, day=board.day)
            cache: dict = {}

            def build(latest):
                board.apply_all(ps.pending)
                ps.pending = []
                return pack(V.public_state(board, [V.latest_row(board, ev) for ev in latest], "zh", cache))
        else:
            build = ps.build
        build([])
        marks = _Marks(board, len(events))
        people = [c.exam_no for c in roster]
        out = []
        for _ in range(60 * runs):
            ev = marks.one(marks.rng.choice(people))
            ps.committed([ev])
            out.append(timed(lambda: build([ev])))
        return out

    new, old = built(False), built(True)
    print(f"one committed mark, then the public state (fold, build, pack): median {ms(statistics.median(new))}, "
          f"p90 {ms(sorted(new)[int(len(new) * 0.9)])}   baseline full recompute {ms(statistics.median(old))}   "
          f"ratio {statistics.median(new) / statistics.median(old):5.2f}×   goal < 2 ms")


def replay_scan(runs: int) -> None:
    from db.store import Store
    from display.replay.sampledb import build_day
    from scoreboard.timeline import Timeline

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "national.db"
        build_day(path, "national-2021-qualifier", per_team=50, items=100, regrade=0.10)
        store = Store(path)
        rules, people, events = store.rules(), store.contestants(), list(store.events())
        store.close()
    print(f"\n## replay at national scale: {len(people):,} contestants, {len(events):,} events")

    def fold():
        Board(rules, people).apply_all(events)

    base = statistics.median(timed(fold) for _ in range(runs))
    found = []
    scan = timed(lambda: found.append(Timeline(rules, people, events).award_changes()))
    print(f"every award change of the day ({len(found[0]):,} changes): {scan:8.2f} s   baseline fold "
          f"{ms(base)}   ratio {base / scan:6.3f}×   goal < 3 s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (the median is printed)")
    ap.add_argument("--quick", action="store_true", help="10,000 contestants for one mark; no replay scan")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {args.runs} runs per figure (median)")
    one_mark(args.runs, 323 if args.quick else 3226)
    public_state(args.runs)
    if not args.quick:
        replay_scan(args.runs)


if __name__ == "__main__":
    main()
