"""Who holds each award, followed event by event without the award engine's reasons (replay's scans).

Replay's whole-day scan asks only *who* holds each award and which ties are pending after every event,
never why. The award engine (scoreboard/award_engine.py) answers with every reason of every award, over
rows made from the standings; at national scale that is too much to do after each of the 11,000 events
that can change a list. `Holders` walks the same walks with the same rules (best first by key, the voided
and the holders of an excluded award passed over, a class that does not fit the places left a tie: shared
by the rules' policy, settled by the judges' decision for that exact set, else pending), over its own
sorted list of the candidates' keys, and walks a walk again only when a change reaches it:

- a contestant's walk (a top-N, a group's top) when the contestant's old or new key is at most the key of
  the last class the walk read (or it read its whole list), or a walk it skips the holders of changed its
  list, for the groups of those who moved;
- a team prize when the order of the teams with a present member, or where their equal scores meet,
  changed (a team's score moving between its two neighbours changes neither).

Anything but a mark or a hand-in (a judge's event, a change on the day, the stage) is followed by walking
everything again. Contests this does not follow (title holders given another award instead, team scores
from a top-k mean or from the stage) are left to the engine (`Holders.usable`). tests/test_scan.py
checks the holders and ties against the engine after every event of random days.
"""

from __future__ import annotations

import bisect
import math

from sortedcontainers import SortedList

from .awards import lots_order


class Holders:
    @staticmethod
    def usable(rules) -> bool:
        ts = rules.team_score
        return (not rules.rounds and (ts.formula == "sum" or (ts.formula == "mean" and ts.absent == "zero"))
                and not any(a.substitute for a in rules.awards + rules.advancement))

    def __init__(self, board):
        self.board = board
        rules = board.rules
        self.specs = [s for s in rules.awards + rules.advancement]
        self.order = board.order
        self.n = len(board.order)
        self.place = {e: i for i, e in enumerate(board.order)}
        self.group_of = {e: c.group for e, c in board.contestants.items()}
        self.team_of = {e: c.team for e, c in board.contestants.items()}
        self.size: dict[str, int] = {}
        for t in self.team_of.values():
            self.size[t] = self.size.get(t, 0) + 1
        self.rank_of_team = {t.name: i for i, t in enumerate(rules.teams)}
        self.common = math.lcm(*self.size.values()) if self.size else 1
        # per walk, the awards before it whose holders it passes over (an exclude of a later award: no effect)
        ids = [spec.id for spec in self.specs]
        self.before = {spec.id: set(ids[:i]) for i, spec in enumerate(self.specs)}
        self.rebuild()

    # --- everything ----------------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Every list from the board as it is (the start, or after anything but a mark or a hand-in)."""
        b = self.board
        keys = b.sort_keys()
        self.keys = dict(keys)
        status = b.day.status
        self.void = {e: bool(status(e)) for e in self.order}
        self.graded = {e: bool(b.marks[e]) for e in self.order}
        self.cand = SortedList(self._ck(e) for e in self.order if self.graded[e])
        self.gcand: dict[str, SortedList] = {}
        for e in self.order:
            if self.graded[e]:
                self.gcand.setdefault(self.group_of[e], SortedList()).add(self._ck(e))
        self.tsum = dict.fromkeys(self.size, 0)
        self.tpresent = dict.fromkeys(self.size, 0)
        self.share = {}
        for e in self.order:
            s = b.totals[e] if self.graded[e] and not self.void[e] else None
            self.share[e] = s
            if s is not None:
                self.tsum[self.team_of[e]] += s
                self.tpresent[self.team_of[e]] += 1
        self._sort_teams()
        self.walks = [(spec, g) for spec in self.specs
                      for g in (b.rules.groups if spec.kind == "group_top" else (None,))]
        self.members: list[list[str]] = [[] for _ in self.walks]
        self.ties: list[list[tuple]] = [[] for _ in self.walks]
        self.limits: list[int | None] = [None] * len(self.walks)
        # the walks a contestant's change can reach: the top-Ns and their group's, by group; the team prizes
        self.tops = [i for i, (spec, _g) in enumerate(self.walks) if spec.kind == "top"]
        self.reads = {g: sorted(self.tops + [i for i, (spec, wg) in enumerate(self.walks)
                                             if spec.kind == "group_top" and wg == g]) for g in b.rules.groups}
        self.team_walks = [i for i, (spec, _g) in enumerate(self.walks) if spec.kind == "team"]
        self.walks_of: dict[str, list[int]] = {}
        for i, (spec, _g) in enumerate(self.walks):
            self.walks_of.setdefault(spec.id, []).append(i)
        self.held_of: dict[str, set[str]] = {spec.id: set() for spec in self.specs}
        self.changed = True
        self._walk_all(set(range(len(self.walks))))

    def _ck(self, e: str) -> int:
        return ((self.keys[e] * 2 + self.void[e]) * self.n) + self.place[e]

    def _score(self, t: str) -> int:
        """The team score as an integer in the same order: a sum as it is, a mean (every member counted)
        times the common multiple of the teams' sizes over the team's size, exact."""
        if self.board.rules.team_score.formula == "sum":
            return self.tsum[t]
        size = self.size[t]
        return self.tsum[t] * (self.common // size) if size else 0

    def _sort_teams(self, rescore: bool = True) -> None:
        names = [t.name for t in self.board.rules.teams] + [t for t in self.size if t not in self.rank_of_team]
        if rescore:
            self.tscore = {t: self._score(t) if t in self.size else 0 for t in names}
        big = 1 << 30
        self.team_order = sorted((t for t in names if self.tpresent.get(t)),
                                 key=lambda t: (-self.tscore[t], self.rank_of_team.get(t, big)))
        self.team_at = {t: i for i, t in enumerate(self.team_order)}

    # --- one event -----------------------------------------------------------------------------------------
    def fold(self, ev) -> bool:
        """After the board folded `ev`: follow it. Whether a walk's holders or ties may have changed."""
        self.changed = False
        if ev.kind not in ("result", "finish"):
            self.rebuild()
            return True
        e = ev.data.get("contestant")
        b = self.board
        if e not in self.keys:
            return False
        b.sort_keys()
        old_key, new_key = self.keys[e], b.keys[e]
        was, now = self.graded[e], bool(b.marks[e])
        reach = set()
        if old_key != new_key or was != now:
            g = self.group_of[e]
            if was:
                c = self._ck(e)
                self.cand.remove(c), self.gcand[g].remove(c)
            self.keys[e], self.graded[e] = new_key, now
            if now:
                c = self._ck(e)
                self.cand.add(c)
                self.gcand.setdefault(g, SortedList()).add(c)
            k = min(old_key, new_key)
            limits = self.limits
            for i in self.reads.get(g, self.tops):
                limit = limits[i]
                if limit is None or k <= limit:
                    reach.add(i)
        share = b.totals[e] if now and not self.void[e] else None
        if share != self.share[e]:
            t = self.team_of[e]
            before = self.share[e]
            self.tsum[t] += (share or 0) - (before or 0)
            self.tpresent[t] += (share is not None) - (before is not None)
            self.share[e] = share
            was_at = self.team_at.get(t, len(self.team_order))
            if self._team_moved(t, before is not None, share is not None):
                first = min(was_at, self.team_at.get(t, len(self.team_order)))
                for i in self.team_walks:  # a team prize reads the order down to its last class only
                    limit = self.limits[i]
                    if limit is None or first <= limit + 1:  # (right after it: it may have joined that class)
                        reach.add(i)
        if reach:
            self._walk_all(reach)
        return self.changed

    def _team_moved(self, t: str, was: bool, now: bool) -> bool:
        """Update the team order; whether it (or a class of equal scores in it) changed."""
        old = self.tscore.get(t)
        new = self.tscore[t] = self._score(t)
        if was != now:
            self._sort_teams(rescore=False)
            return True
        if not now or new == old:
            return False
        order = self.team_order
        i = self.team_at[t]
        for j in (i - 1, i + 1):
            if 0 <= j < len(order):
                other = self.tscore[order[j]]
                if (other > old) != (other > new) or (other == old) != (other == new):
                    self._move_team(i, t)
                    return True
        return False

    def _move_team(self, i: int, t: str) -> None:
        """Put team t (at place i) where its new score puts it; the others keep their order."""
        order, score, rank, big = self.team_order, self.tscore, self.rank_of_team, 1 << 30
        del order[i]
        bisect.insort(order, t, key=lambda x: (-score[x], rank.get(x, big)))
        self.team_at = {x: j for j, x in enumerate(order)}

    # --- the walks -----------------------------------------------------------------------------------------
    def _walk_all(self, todo: set[int]) -> None:
        walks, held = self.walks, self.held_of
        i = min(todo)
        while i < len(walks):
            if i in todo:
                spec, g = walks[i]
                before, ties = set(self.members[i]), self.ties[i]
                self._walk(i, spec, g, held)
                moved = before ^ set(self.members[i])
                if moved or ties != self.ties[i]:
                    self.changed = True
                if moved:  # the later walks that pass over this award's holders read the ones that moved
                    held[spec.id] = {r for j in self.walks_of[spec.id] for r in self.members[j]}
                    groups = {self.group_of.get(r) for r in moved}
                    for j in range(i + 1, len(walks)):
                        later, lg = walks[j]
                        if spec.id in later.exclude and (later.kind != "group_top" or lg in groups):
                            todo.add(j)
            i += 1

    def _walk(self, i: int, spec, group, held) -> None:
        if spec.kind == "judge":
            self.members[i] = [r for (aid, r) in self.board.control.assigned if aid == spec.id]
            self.ties[i], self.limits[i] = [], None
            return
        passed = [held[x] for x in spec.exclude if x in self.before[spec.id]]
        if spec.kind == "team":
            rules = self.board.rules

            def classes():  # each class with the place of its last team in the order (a team walk's limit)
                cls, prev = [], None
                for pos, t in enumerate(self.team_order):
                    score = self.tscore[t]
                    if cls and score != prev:
                        yield pos - 1, cls
                        cls = []
                    cls.append(t)
                    prev = score
                if cls:
                    yield len(self.team_order) - 1, cls

            def out(t):
                info = rules.team(t)
                return (spec.only_teams_with and not (info and getattr(info, spec.only_teams_with, False))) \
                    or any(t in h for h in passed)
            count = spec.count
        else:
            src = self.cand if group is None else self.gcand.get(group, ())
            n, order = self.n, self.order

            def classes():
                cls, prev = [], None
                for c in src:
                    k = c // n // 2
                    if cls and k != prev:
                        yield prev, cls
                        cls = []
                    cls.append((order[c % n], (c // n) % 2))
                    prev = k
                if cls:
                    yield prev, cls

            def out(x):
                return x[1] or any(x[0] in h for h in passed)
            count = spec.count if spec.kind == "top" else spec.count_for(group)
        chosen, ties, limit = [], [], None
        for key, cls in classes():
            limit = key
            if len(chosen) >= count:
                break
            members = [x if spec.kind == "team" else x[0] for x in cls if not out(x)]
            if not members:
                continue
            room = count - len(chosen)
            if len(members) <= room:
                chosen += members
                continue
            chosen += self._boundary(spec, group, members, room, ties)
            break
        else:
            limit = None  # read the whole list
        self.members[i], self.ties[i], self.limits[i] = chosen, ties, limit

    def _boundary(self, spec, group, members, room, ties) -> list[str]:
        tied = frozenset(members)
        dec = next((d for d in reversed(self.board.control.decisions)
                    if d.award == spec.id and d.group == group and d.tied == tied), None)
        if dec is None and spec.tie_policy == "share":
            return members
        if dec is None:
            ties.append((spec.id, tuple(sorted(members))))
            return []
        if dec.outcome == "share":
            return members
        order = lots_order(dec.seed or "", tied) if dec.outcome == "lots" else list(dec.order)
        return order[:room]

    # --- reading -------------------------------------------------------------------------------------------
    def held(self, award_ids) -> set[tuple[str, str]]:
        return {(spec.id, r) for (spec, _g), ms in zip(self.walks, self.members) if spec.id in award_ids
                for r in ms}

    def pending(self, award_ids) -> set[tuple[str, tuple]]:
        return {t for ts in self.ties for t in ts if t[0] in award_ids}
