"""Over a whole day: when each place of each award became certain, and since when each list is settled.

For an award, f(p) is how many are certain of it (scoreboard/certainty.py) after the first p events of the
log. Its k-th place *became certain* at T(k), the first position from which f stays at least k through the
end of the log (a regrade that took a place back and a later mark that gave it again: the later one). An
award is *settled* from the first position from which nobody is left possible for it through the end; the
whole list, from the latest of its awards' (the judges' own awards aside, as in `Certainty.settled`), which
is `scoreboard.settling.settled_position`.

Between two events that can unsettle a list (`settling.barriers`: a regrade, a change on the day, a judges'
decision, an unlock) marks only narrow each contestant's range, so inside such a stretch f and "settled"
only grow. Hence, with a look (one `compute_certainty`) at
1. the start of each stretch, going back from the end until each place certain at the end was not yet
   certain at some stretch start: its last rise is in the latest such stretch;
2. that stretch's end: if the place was not certain there either, the event after it (the barrier) gave it;
3. otherwise a bisection inside the stretch, every place's at once, one level per pass.
Every pass looks at its positions in order, so the board only folds forward (a backward seek folds again
from the start). Looks are what it costs: a few ms each at national scale (the bounds follow the fold,
scoreboard/certainty_bounds.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .certainty import compute_certainty
from .settling import barriers
from .timeline import Timeline

FIRST_PASS = 64  # stretch starts looked at in the first backward pass; each further pass half as many more


@dataclass(frozen=True)
class Step:
    """One moment an award's count of certain places rose for the last time (places `first`..`last`)."""

    first: int  # 1-based
    last: int
    index: int  # position after the event that made them certain (0: certain from the start)
    at: float
    event_id: int | None
    who: tuple[str, ...]  # certain from then on that were not just before (exam numbers, or team names)


@dataclass
class AwardHistory:
    award_id: str
    scope: str  # individual | team
    places: int
    certain: int  # certain at the end of the log
    possible: int  # still possible at the end of the log
    steps: list[Step] = field(default_factory=list)
    settled: int | None = None  # position from which settled through the end (None: not at the end)
    settled_at: float | None = None
    settled_event: int | None = None


@dataclass
class CertainHistory:
    known: bool  # False: no paper declared, nothing computed (`why`, `why_zh`)
    why: str = ""
    why_zh: str = ""
    awards: dict[str, AwardHistory] = field(default_factory=dict)
    settled: int | None = None  # the whole list: position from which settled through the end
    settled_at: float | None = None
    settled_event: int | None = None
    looks: int = 0  # certainty computations it took
    stage: bool = False  # not known because the contest is on stage


@dataclass(frozen=True)
class _Look:
    certain: dict  # award id -> frozenset of recipients
    settled: dict  # award id -> bool
    possible: dict  # award id -> how many possible
    places: dict  # award id -> its places


class _Looker:
    """Certainty at positions of the log, each computed once; each pass folds forward only."""

    def __init__(self, timeline: Timeline, ids: list[str], progress):
        self.tl, self.ids, self.progress = timeline, ids, progress
        self.looks: dict[int, _Look] = {}

    def at(self, positions) -> None:
        for p in sorted(set(positions) - self.looks.keys()):
            self.tl.seek_index(p)
            cert = compute_certainty(self.tl.board)
            aw = cert.awards
            self.looks[p] = _Look({a: frozenset(aw[a].certain) for a in self.ids},
                                  {a: not aw[a].possible for a in self.ids},
                                  {a: len(aw[a].possible) for a in self.ids}, {a: aw[a].places for a in self.ids})
            if self.progress is not None:
                self.progress(len(self.looks))

    def value(self, p: int, target) -> int:
        kind, aid, _k = target
        look = self.looks[p]
        return len(look.certain[aid]) if kind == "c" else int(look.settled[aid])


def certain_history(timeline: Timeline, progress=None) -> CertainHistory:
    """When each place of each award became certain and since when each list is settled (docstring above).
    `progress(looks)` is called after each look (it may raise to abandon). Leaves the timeline anywhere."""
    rules = timeline.rules
    if not rules.paper_known:
        timeline.seek_index(0)
        cert = compute_certainty(timeline.board)
        return CertainHistory(False, cert.why, cert.why_zh, stage=cert.stage)
    specs = [s for s in rules.awards + rules.advancement if s.kind != "judge"]
    ids = [s.id for s in specs]
    n = len(timeline)
    looker = _Looker(timeline, ids, progress)
    starts = sorted({0, *_barriers(timeline.events)})
    ends = [s - 1 for s in starts[1:]] + [n]
    looker.at([n])
    targets = [("c", a, k) for a in ids for k in range(1, len(looker.looks[n].certain[a]) + 1)]
    targets += [("s", a, 1) for a in ids if looker.looks[n].settled[a]]
    where = _locate(looker, starts, targets)
    found = _search(looker, starts, ends, where)
    return _history(timeline, specs, looker, found)


def _barriers(events) -> list[int]:
    """`settling.barriers` without the regrades that give an item the mark it already had (nothing changes)."""
    last: dict = {}
    same = set()
    for i, ev in enumerate(events):
        if ev.kind == "result":
            key = (ev.data.get("contestant"), ev.data.get("item"))
            mark = (ev.data.get("score"), ev.data.get("max"))
            if last.get(key) == mark:
                same.add(i + 1)
            last[key] = mark
    return [b for b in barriers(events) if b not in same]


def _locate(looker: _Looker, starts: list[int], targets) -> dict:
    """Target -> index of the latest stretch whose start is below it (-1: at or above it from the start)."""
    where: dict = {}
    hi, size = len(starts), FIRST_PASS
    while targets and hi > 0:
        lo = max(0, hi - size)
        looker.at(starts[lo:hi])
        left = []
        for t in targets:
            j = next((j for j in range(hi - 1, lo - 1, -1) if looker.value(starts[j], t) < t[2]), None)
            if j is None:
                left.append(t)
            else:
                where[t] = j
        targets, hi, size = left, lo, size * 3 // 2
    for t in targets:  # at or above it at every stretch start: from the start of the day
        where[t] = -1
    return where


def _search(looker: _Looker, starts, ends, where: dict) -> dict:
    """Target -> the position it was reached at for the last time."""
    found = {t: 0 for t, j in where.items() if j < 0}
    looker.at(ends[j] for j in where.values() if j >= 0)
    spans: dict = {}
    for t, j in where.items():
        if j < 0:
            continue
        if looker.value(ends[j], t) < t[2]:  # not even at the stretch's end: the next event gave it
            found[t] = starts[j + 1]
        else:
            spans[t] = (starts[j], ends[j])
    while spans:  # bisection, every target at once: one forward pass per level
        looked = sorted(looker.looks)
        for t, (lo, hi) in spans.items():  # narrowed by any look inside, another target's included
            inside = looked[bisect_right(looked, lo):bisect_left(looked, hi)]
            below = [p for p in inside if looker.value(p, t) < t[2]]
            spans[t] = (below[-1] if below else lo, next((p for p in inside if looker.value(p, t) >= t[2]), hi))
        for t, (lo, hi) in list(spans.items()):
            if hi - lo <= 1:
                found[t] = hi
                del spans[t]
        looker.at((lo + hi) // 2 for lo, hi in spans.values())
    return found


def _history(timeline: Timeline, specs, looker: _Looker, found: dict) -> CertainHistory:
    n = len(timeline)
    end = looker.looks[n]
    out = CertainHistory(True, looks=len(looker.looks))

    def moment(p: int) -> tuple[float, int | None]:
        if p == 0:
            return timeline.start, None
        ev = timeline.events[p - 1]
        return ev.at, ev.id

    for spec in specs:
        aid = spec.id
        h = AwardHistory(aid, "team" if spec.kind == "team" else "individual", end.places[aid],
                         len(end.certain[aid]), end.possible[aid])
        ks = sorted((t[2], p) for t, p in found.items() if t[0] == "c" and t[1] == aid)
        i = 0
        while i < len(ks):
            p = ks[i][1]
            j = i
            while j + 1 < len(ks) and ks[j + 1][1] == p:
                j += 1
            now = looker.looks[p].certain[aid]
            before = looker.looks[p - 1].certain[aid] if p > 0 else frozenset()
            at, event_id = moment(p)
            h.steps.append(Step(ks[i][0], ks[j][0], p, at, event_id, tuple(sorted(now - before))))
            i = j + 1
        s = found.get(("s", aid, 1))
        if s is not None:
            h.settled = s
            h.settled_at, h.settled_event = moment(s)
        out.awards[aid] = h
    if all(h.settled is not None for h in out.awards.values()):
        out.settled = max((h.settled for h in out.awards.values()), default=0)
        out.settled_at, out.settled_event = moment(out.settled)
    return out
