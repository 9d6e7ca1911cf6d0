"""Benchmark: certainty (scoreboard/certainty.py) late in the day, at national scale and at 100,000 contestants.

Run on demand: `.venv/bin/python bench/certainty.py` (a few minutes; `--quick`: 10,000 contestants instead of
100,000; `--no-day`: without the whole day's history).
Certainty is measured three ways: **cold** (the board's bounds built from nothing: the first look of a
session, or after a judge's event or a change on the day), **after one mark** (a random ungraded item of a
contestant with something still to come gets its mark, then standings, awards and certainty are asked for:
the live case, which moves the bounds of one contestant) and **unchanged** (asked again with nothing new).
Each figure is printed beside what the same run measures of the standings' own cost, so the ratio survives
a noisy machine:
- standings + awards: a full recompute of the board (every key, sort, ranks, groups, teams, awards), as
  bench/fold.py measures it, and the same after one mark (the incremental board, bench/incremental.py);
- baseline: one `sorted()` of 100,000 integer keys (and of the scenario's own count).
At national scale it also measures the public state a screen gets after one mark (feeder.public.PublicState),
without and with the judges' 确定获奖 marks (`mark_certain`: one certainty computation per state), against
its budget: the feeder builds a public state at most every max(25 ms, 2 × the build), and a mark should
reach a screen within 100 ms (docs/benchmarks.md, Ingest).
It also times the replay's "when each award became certain" over a whole national day written through the
Writer (scoreboard/certain_since.py), beside `settling.settled_position` (the same search for the whole list
only, which `scoreboard progress` runs) and one look (a certainty computation at the end of the day).
Goals (issue 15): national within the public state's budget; 100,000 contestants under a second.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.store import Store  # noqa: E402
from display.replay.sampledb import build_day  # noqa: E402
from feeder.public import PublicState  # noqa: E402
from scoreboard.certain_since import certain_history  # noqa: E402
from scoreboard.settling import settled_position  # noqa: E402
from scoreboard.timeline import Timeline  # noqa: E402
from scoreboard.board import Board  # noqa: E402
from scoreboard.certainty_bounds import BoundsCache  # noqa: E402
from scoreboard.certainty import compute_certainty  # noqa: E402
from scoreboard.events import Event  # noqa: E402
from scoreboard.rules import load_preset, load_rules  # noqa: E402
from scoreboard.sample import exam_day, sample_roster, with_paper  # noqa: E402

PRESET = "national-2021-qualifier"
# 10 items for 100,000 contestants (as bench/fold.py's 100k day), 90 points: (items, points) per section
SMALL_PAPER = {"choice": (4, 5), "fill": (2, 5), "short": (2, 10), "case": (2, 20)}


def small_paper(rules):
    text = rules.source_text
    for sid, (n, points) in SMALL_PAPER.items():
        text = re.sub(rf'(\[\[sections\]\]\s*\nid = "{sid}"\n)', rf"\g<1>items = {n}\npoints = {points}\n", text, count=1)
    return load_rules(text)


def late_board(rules, per_team: int, share: float) -> tuple[Board, int]:
    """The board once `share` of a generated day's hall records are in (objective items all in at hand-in,
    subjective ones still trickling in), and how many records that is."""
    people = sample_roster(rules, per_team=per_team)
    records = exam_day(rules, people, seed=7)
    cut = int(len(records) * share)
    board = Board(rules, people)
    board.apply_all(Event(i, 1_724_115_600.0 + t, rec["type"], "hall", i, "hall",
                          {k: v for k, v in rec.items() if k not in ("type", "seq")})
                    for i, (t, rec) in enumerate(records[:cut], 1))
    return board, cut


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median(fn, runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def full_recompute(board: Board) -> None:
    board.dirty = set(board.contestants)
    board.keys = {}
    board._cache.clear()
    board.standings(), board.awards()


def sort_baseline(n: int, runs: int) -> float:
    rng = random.Random(1)
    keys = [rng.randrange(1 << 60) for _ in range(n)]
    return median(lambda: sorted(keys), runs)


class Marks:
    """One more mark at a time: a random contestant with something still to come gets an ungraded item."""

    def __init__(self, board: Board, seed: int = 15):
        self.board, self.rng = board, random.Random(seed)
        self.items: dict[str, list[str]] = {}
        for item, section in sorted(board.item_section.items()):
            self.items.setdefault(section, []).append(item)
        self.n = 50_000_000

    def apply(self) -> None:
        self.board.apply(self.next())

    def next(self) -> Event:
        board = self.board
        while True:
            who = self.rng.choice(board.order)
            todo = [i for sec in self.items.values() for i in sec if i not in board.marks[who]]
            if todo and not board.status(who):
                break
        item = self.rng.choice(todo)
        mx = board.item_max[item] / 100
        self.n += 1
        return Event(self.n, 1_724_200_000.0 + self.n, "result", "hall", self.n, "hall",
                     {"contestant": who, "item": item, "section": board.item_section[item],
                      "score": self.rng.randint(0, int(mx)), "max": mx})


def after_marks(board: Board, runs: int, then) -> tuple[float, float]:
    """Medians over `runs` marks: standings + awards after the mark, then `then()`."""
    marks, stand, rest = Marks(board), [], []
    for _ in range(runs):
        marks.apply()
        stand.append(timed(lambda: (board.standings(), board.awards())))
        rest.append(timed(then))
    return statistics.median(stand), statistics.median(rest)


def scenario(name: str, rules, per_team: int, share: float, runs: int, base100k: float, public: bool) -> None:
    t_build = time.perf_counter()
    board, records = late_board(rules, per_team, share)
    t_build = time.perf_counter() - t_build
    n = len(board.contestants)
    print(f"\n## {name}: {n:,} contestants, {records:,} hall records in ({share:.0%} of the day; built in {t_build:.0f} s)")
    board.standings(), board.awards()
    cert = compute_certainty(board)
    print("certain / possible / places: " + ", ".join(f"{aid} {len(ac.certain)}/{len(ac.possible)}/{ac.places}"
                                                      for aid, ac in cert.awards.items() if not ac.judges))

    def cold():
        board.bounds_cache = BoundsCache()
        compute_certainty(board)

    t_cold = median(cold, runs)
    t_stand = median(lambda: full_recompute(board), runs)
    t_sa, t_mark = after_marks(board, max(runs, 9), lambda: compute_certainty(board))
    t_same = median(lambda: compute_certainty(board), runs)
    t_sort = sort_baseline(n, runs)
    print(f"certainty, cold:           {t_cold * 1000:9.1f} ms   standings + awards, full recompute "
          f"{t_stand * 1000:.1f} ms   certainty / it {t_cold / t_stand:5.2f}×")
    print(f"certainty after one mark:  {t_mark * 1000:9.1f} ms   standings + awards after it {t_sa * 1000:.2f} ms "
          f"(median of {max(runs, 9)} marks)")
    print(f"certainty, unchanged:      {t_same * 1000:9.1f} ms")
    print(f"baseline sorted() keys:    {t_sort * 1000:9.1f} ms for {n:,}, {base100k * 1000:.1f} ms for 100,000   "
          f"cold / sorted(100k) {t_cold / base100k:5.1f}×   after one mark / sorted(100k) {t_mark / base100k:5.2f}×")
    if n >= 100_000:
        print(f"goal (100,000 under 1 s):  {'met' if max(t_cold, t_mark) < 1 else 'MISSED'} (cold and after one mark)")
    if public:
        t_plain, t_marks = (screen_state(board, on, max(runs, 9) * 5) for on in (False, True))
        print(f"public state after a mark: {t_plain * 1000:9.1f} ms without marks, {t_marks * 1000:.1f} ms with "
              f"mark_certain   -> built every {max(25, 2 * t_plain * 1000):.0f} ms / {max(25, 2 * t_marks * 1000):.0f} ms")


def screen_state(board: Board, mark_certain: bool, runs: int) -> float:
    """Median, over `runs` committed marks, of the feeder's public state built after each (fold, build, pack:
    feeder.public.PublicState, as the feeder runs it), with the judges' 确定获奖 marks on or off."""
    board.control.mark_certain = mark_certain
    ps = PublicState(board)
    ps.build([])
    marks, out = Marks(board, seed=17 + mark_certain), []
    for _ in range(runs):
        ev = marks.next()
        ps.committed([ev])
        out.append(timed(lambda: ps.build([ev])))
    board.control.mark_certain = False
    return statistics.median(out)


def whole_day() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "national.db"
        build_day(path, PRESET, per_team=50, regrade=0.10, paper=True)
        store = Store(path)
        rules, people, events = store.rules(), store.contestants(), list(store.events())
        store.close()
    print(f"\n## the whole national day (the replay's panel): {len(people):,} contestants, {len(events):,} events, "
          f"10% of the subjective marks regraded")
    tl = Timeline(rules, people, events)
    tl.seek_index(len(events))
    t_look = timed(lambda: compute_certainty(tl.board))
    t_hist = time.perf_counter()
    hist = certain_history(Timeline(rules, people, events))
    t_hist = time.perf_counter() - t_hist
    t_settled = timed(lambda: settled_position(Timeline(rules, people, events)))
    steps = sum(len(h.steps) for h in hist.awards.values())
    print(f"when each place became certain: {t_hist:7.1f} s ({hist.looks} looks, {steps} moments)   "
          f"settled_position alone {t_settled:6.1f} s   one look {t_look * 1000:6.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (the median is printed)")
    ap.add_argument("--quick", action="store_true", help="10,000 contestants instead of 100,000")
    ap.add_argument("--share", type=float, default=0.97, help="share of the day's hall records in (default 0.97)")
    ap.add_argument("--no-day", action="store_true", help="skip the whole day's history (the slowest figure)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {args.runs} runs per figure (median)")
    base100k = sort_baseline(100_000, args.runs)
    national = with_paper(load_preset(PRESET))
    scenario("national day, late", national, 50, args.share, args.runs, base100k, public=True)
    big = 323 if args.quick else 3226  # × 31 provinces
    scenario(f"{'10k' if args.quick else '100k'} day, late (a 10-item paper)", small_paper(load_preset(PRESET)), big,
             args.share, args.runs, base100k, public=False)
    if not args.no_day:
        whole_day()


if __name__ == "__main__":
    main()
