"""Each contestant's best and worst key over every way the marks still to come could turn out, kept from one
certainty computation (scoreboard/certainty.py) to the next.

A *completion* gives every ungraded item a mark between 0 and its worth and every contestant who has not
handed in a time. Over all completions a contestant's combined tie-break key (scoreboard.standings,
lower is better) lies between

* **best**: every ungraded item at full marks, no time used (each component at its own best at once);
* **worst**: every ungraded item at 0, the most time.

Both are the current key moved by whole components: a descending marks component (total, a section) is
lower by the points still to come at best and unchanged at worst; an unfinished contestant's time goes
from 0 to "not finished"; the graded count of a completion is the whole paper. A contestant with nothing
to come keeps the key the standings have.

`BoundsCache` keeps them in a `Bounds` snapshot: lists indexed by the contestant's place in exam-number
order (plain ints: nothing for the garbage collector to walk), and, for the whole field and for each award
group, the sorted entries `value * n + place` of the ranked (not voided) contestants' bests and worsts,
which the certainty walk bisects. A snapshot never changes once handed out: after a mark the cache makes
the next one by copying the lists (a memory copy) and moving only the contestants the order index
(scoreboard/index.py) says changed; anything else folded (a judge's event, a change on the day) builds
them again from the board.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from .index import REBUILD_SHARE, ChangeLog
from .standings import NOT_FINISHED_KEY, WIDTH, _plan


@dataclass(frozen=True)
class Bounds:
    """One moment's bounds (never changed once made; see the module's docstring)."""

    n: int
    order: list[str]  # exam numbers by place (the board's roster order)
    place: dict[str, int]
    best: list[int]  # by place
    worst: list[int]
    key: list[int]  # the current key, by place (the standings' order, for listing)
    left: list[int]  # the points (hundredths) still to come, by place
    done: list[tuple[int, ...] | None]  # by place, the full marks of what is graded, per section (the board's
    # tuples, never changed in place; None: nothing graded)
    void: frozenset[str]  # voided on the day: in no sorted list
    field: tuple[list[int], list[int]]  # sorted entries of the ranked: bests, worsts
    groups: dict[str, tuple[list[int], list[int]]]
    members: dict[str, list[str]]  # award group -> its contestants (the roster's, fixed)
    team_left: dict[str, int]  # team -> the points still to come of its members not voided
    unsettled: int  # ranked contestants whose best and worst differ

    def of(self, exam_no: str) -> tuple[int, int]:
        i = self.place[exam_no]
        return self.best[i], self.worst[i]

    def scope(self, group: str | None) -> tuple[list[int], list[int]]:
        return self.field if group is None else self.groups.get(group, ([], []))

    def ordered(self, exams) -> list[str]:
        """`exams` in the standings' order: the ranked by key, then the voided, equal keys by place."""
        place, key, void, n = self.place, self.key, self.void, self.n
        ranked = [x for x in exams if x not in void] if void else exams
        out = sorted(ranked, key=lambda x: key[place[x]] * n + place[x])
        if void:
            out += sorted((x for x in exams if x in void), key=lambda x: key[place[x]] * n + place[x])
        return out


class _Terms:
    """How the tie-break chain turns points still to come into key: best = key - down, worst = key + up."""

    def __init__(self, board):
        rules = board.rules
        plan = _plan(board, rules.tiebreak)
        k = len(plan)
        self.paper = [s.paper.total for s in rules.sections]
        self.total = sum(self.paper)
        self.items = sum(s.paper.items for s in rules.sections)
        self.tot_down = self.tot_up = 0  # per point still to come in all
        self.secs: list[tuple[int, int, int]] = []  # (section index, down, up) per point to come in it
        self.time_down = self.time_up = 0  # for a contestant who has not handed in
        self.count_down = self.count_up = 0  # per item not yet graded
        for j, (kind, idx, desc) in enumerate(plan):
            w = WIDTH ** (k - 1 - j)
            if kind == 0:
                if desc:
                    self.tot_down += w
                else:
                    self.tot_up += w
            elif kind == 1:
                self.secs.append((idx, w if desc else 0, 0 if desc else w))
            elif kind == 2:  # the current key has "not finished"; a completion anything from 0 to it
                if desc:
                    self.time_up += w * NOT_FINISHED_KEY
                else:
                    self.time_down += w * NOT_FINISHED_KEY
            else:  # the graded count: the whole paper in every completion, whichever way it sorts
                sign = 1 if desc else -1
                self.count_down += sign * w
                self.count_up -= sign * w
        self.timed = any(kind == 2 for kind, _i, _d in plan)

    def columns(self, board, exams: list[str]) -> tuple[list[int], ...]:
        """(best, worst, key, left, done) of `exams`, each a list in their order: worked out a column at
        a time (one comprehension per term), which costs a fraction of a loop per contestant."""
        keys, gm, time_used, marks = board.sort_keys(), board.graded_max, board.time_used, board.marks
        paper, total = self.paper, self.total
        done = [gm.get(e) for e in exams]
        key = [keys[e] for e in exams]
        left = [total - sum(d) if d is not None else total for d in done]
        down = [self.tot_down * r for r in left] if self.tot_down else [0] * len(exams)
        up = [self.tot_up * r for r in left] if self.tot_up else [0] * len(exams)
        for s, wd, wu in self.secs:
            p = paper[s]
            rs = [p - d[s] if d is not None else p for d in done]
            if wd:
                down = [a + wd * r for a, r in zip(down, rs)]
            if wu:
                up = [a + wu * r for a, r in zip(up, rs)]
        if self.timed:
            late = [e not in time_used for e in exams]
            if self.time_down:
                down = [a + self.time_down * u for a, u in zip(down, late)]
            if self.time_up:
                up = [a + self.time_up * u for a, u in zip(up, late)]
        if self.count_down:
            todo = [self.items - len(marks[e]) for e in exams]
            down = [a + self.count_down * g for a, g in zip(down, todo)]
            up = [a + self.count_up * g for a, g in zip(up, todo)]
        best = [k - a for k, a in zip(key, down)]
        worst = [k + a for k, a in zip(key, up)]
        return best, worst, key, left, done


class BoundsCache:
    """The board's bounds, moved one change at a time (kept by the board, as the award cache is)."""

    def __init__(self):
        self.snap: Bounds | None = None
        self.epoch = -1
        self.index = None
        self.log: ChangeLog | None = None
        self.terms: _Terms | None = None
        self.members: dict[str, list[str]] | None = None  # award group -> its contestants (the roster's, fixed)

    def bounds(self, board) -> Bounds:
        board.standings()  # the keys refreshed, and the order index made (it tells what changed)
        idx = board.index
        if idx is not self.index:  # a new index: follow its changes from now on
            self.index, self.log, self.snap = idx, idx.log(), None
        changed, everything = self.log.take()
        snap = self.snap
        if (snap is None or everything or board.epoch != self.epoch or len(changed) * REBUILD_SHARE > idx.n
                or any(bool(board.status(e)) != (e in snap.void) for e in changed)):
            self.snap = self._build(board)
            self.epoch = board.epoch
        elif changed:
            self.snap = self._move(board, changed)
        return self.snap

    def _build(self, board) -> Bounds:
        idx = board.index
        if self.terms is None:
            self.terms = _Terms(board)
        n, order, place = idx.n, idx.order, idx.place
        best, worst, key, left, done = self.terms.columns(board, order)
        void = frozenset(e for e, v in idx.void.items() if v)
        if self.members is None:
            self.members = {}
            for e in order:
                self.members.setdefault(idx.group_of[e], []).append(e)
        members = self.members
        groups = {}
        for g, ms in members.items():
            live = [place[e] for e in ms if e not in void]
            groups[g] = (sorted([best[i] * n + i for i in live]), sorted([worst[i] * n + i for i in live]))
        # the field's lists: the groups' sorted runs, which the sort merges
        field = (sorted([x for b, _w in groups.values() for x in b]), sorted([x for _b, w in groups.values() for x in w]))
        live = [i for i, e in enumerate(order) if e not in void] if void else range(n)
        unsettled = sum(1 for i in live if best[i] != worst[i])
        team_of = idx.team_of
        team_left = dict.fromkeys(idx.size, 0)
        for i in live:
            team_left[team_of[order[i]]] += left[i]
        return Bounds(n, order, place, best, worst, key, left, done, void, field, groups, members, team_left,
                      unsettled)

    def _move(self, board, changed) -> Bounds:
        """The next snapshot: copies of the lists, with the changed contestants moved (never the voided: a
        change of status is an event the cache does not follow, and builds everything again)."""
        old = self.snap
        n, place = old.n, old.place
        best, worst, key, left = old.best.copy(), old.worst.copy(), old.key.copy(), old.left.copy()
        done = old.done.copy()
        changed = list(changed)
        for e, *values in zip(changed, *self.terms.columns(board, changed)):
            i = place[e]
            best[i], worst[i], key[i], left[i], done[i] = values
        fb, fw = old.field[0].copy(), old.field[1].copy()
        groups = dict(old.groups)
        group_of = self.index.group_of
        copied: set[str] = set()
        unsettled = old.unsettled
        team_of, team_left = self.index.team_of, dict(old.team_left)
        for e in changed:
            if e in old.void:
                continue
            i = place[e]
            g = group_of[e]
            if g not in copied:
                groups[g] = (groups[g][0].copy(), groups[g][1].copy())
                copied.add(g)
            gb, gw = groups[g]
            for lst, was, now in ((fb, old.best[i], best[i]), (fw, old.worst[i], worst[i]),
                                  (gb, old.best[i], best[i]), (gw, old.worst[i], worst[i])):
                if was != now:
                    del lst[bisect_left(lst, was * n + i)]
                    insort(lst, now * n + i)
            unsettled += (best[i] != worst[i]) - (old.best[i] != old.worst[i])
            team_left[team_of[e]] += left[i] - old.left[i]
        return Bounds(n, old.order, place, best, worst, key, left, done, old.void, (fb, fw), groups, old.members,
                      team_left, unsettled)


def bounds(board) -> Bounds:
    """The board's bounds now (a snapshot: see the module's docstring)."""
    return board.bounds_cache.bounds(board)
