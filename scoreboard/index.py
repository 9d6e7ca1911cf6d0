"""The order index: the standings' order kept up to date one change at a time.

`compute_standings` (scoreboard/standings.py) sorts every contestant again after each change: O(n log n)
per mark, half a second at 100,000 contestants. The index keeps the same order in sorted lists
(`sortedcontainers.SortedList`) and moves only the contestants whose key changed, O(log n) each:

- one entry per contestant, `ikey = key * n + i`: the combined tie-break key (scoreboard.standings,
  lower is better) with the contestant's place `i` in exam-number order below it, so that equal keys keep
  the exam-number order a stable sort gives them, and every entry is a distinct integer;
- the ranked and the voided (scoreboard.changes: disqualified, ineligible, withdrawn) in separate lists,
  for the whole field, for each award group and for each team, since the rows list the ranked first;
- per team, the sum of its present members' totals and how many are present (a member with a graded
  item who is not voided), which is all a mean or a sum needs;
- `changes`: (exam number, old entry, new entry) of each contestant moved (or whose graded state or team
  share changed) since the reader last took them, or None for "anything may have changed" (the award cache,
  scoreboard/award_cache.py, reads them).

A rank is a position: 1 + the number of ranked entries whose key is strictly lower, one bisection
(`rank_of`). Everything shown is read from here by the lazy standings (scoreboard/view.py); the index
itself holds no row.
"""

from __future__ import annotations

from fractions import Fraction

from sortedcontainers import SortedList

from .standings import TeamRow, team_score

REBUILD_SHARE = 8  # more than 1/8 of the field changed at once: sorting all again is cheaper than moving each


class ChangeLog:
    """Every contestant the index moved or looked at again since its reader last cleared it (`everything`:
    the index was built again, so anyone may have changed)."""

    def __init__(self):
        self.exams: set[str] = set()
        self.everything = True

    def take(self) -> tuple[set[str], bool]:
        out = (self.exams, self.everything)
        self.exams, self.everything = set(), False
        return out


class OrderIndex:
    def __init__(self, board):
        self.logs: list[ChangeLog] = []  # readers that follow every change (scoreboard.index.ChangeLog)
        self.n = n = len(board.order)
        self.place = {e: i for i, e in enumerate(board.order)}
        self.order = board.order
        contestants = board.contestants
        self.group_of = {e: c.group for e, c in contestants.items()}
        self.team_of = {e: c.team for e, c in contestants.items()}
        self.size: dict[str, int] = {}
        for t in self.team_of.values():
            self.size[t] = self.size.get(t, 0) + 1
        self.n = n
        self.version = 0
        self.rebuild(board)

    # --- building ----------------------------------------------------------------------------------------
    def rebuild(self, board) -> None:
        """Every entry again from the board's keys and statuses (the first time, or after a large change)."""
        keys, n, place = board.keys, self.n, self.place
        status = board.day.status
        totals, marks = board.totals, board.marks
        self.ikey: dict[str, int] = {e: keys[e] * n + place[e] for e in self.order}
        self.void: dict[str, bool] = {e: bool(status(e)) for e in self.order}
        # a member's share of their team's score: their total while present, else None
        self.share: dict[str, int | None] = {e: (totals[e] if marks[e] and not self.void[e] else None)
                                             for e in self.order}
        ranked = [ik for e, ik in self.ikey.items() if not self.void[e]]
        voided = [ik for e, ik in self.ikey.items() if self.void[e]]
        self.ranked, self.voided = SortedList(ranked), SortedList(voided)
        self.granked: dict[str, SortedList] = {}
        self.gvoided: dict[str, SortedList] = {}
        self.tranked: dict[str, SortedList] = {}
        self.tvoided: dict[str, SortedList] = {}
        by: dict[tuple[str, bool, bool], list[int]] = {}
        for e, ik in self.ikey.items():
            v = self.void[e]
            by.setdefault((self.group_of[e], False, v), []).append(ik)
            by.setdefault((self.team_of[e], True, v), []).append(ik)
        for g in set(self.group_of.values()):
            self.granked[g] = SortedList(by.get((g, False, False), ()))
            self.gvoided[g] = SortedList(by.get((g, False, True), ()))
        for t in self.size:
            self.tranked[t] = SortedList(by.get((t, True, False), ()))
            self.tvoided[t] = SortedList(by.get((t, True, True), ()))
        self.graded = {e: bool(marks[e]) for e in self.order}
        # the award walks' candidates (a graded item), ranked and voided together in the order of their keys,
        # ranked first where keys are equal (`Standings.natural`): the field's and each group's
        cand = [self.cand_key(e) for e in self.order if self.graded[e]]
        self.cand = SortedList(cand)
        by_group: dict[str, list[int]] = {}
        for c in cand:
            by_group.setdefault(self.group_of[self.order[c % n]], []).append(c)
        self.gcand = {g: SortedList(by_group.get(g, ())) for g in self.granked}
        self.changes = None  # everything may have changed: whoever reads the changes starts again
        for log in self.logs:
            log.everything = True
        self.tsum = dict.fromkeys(self.size, 0)
        self.tpresent = dict.fromkeys(self.size, 0)
        for e, s in self.share.items():
            if s is not None:
                t = self.team_of[e]
                self.tsum[t] += s
                self.tpresent[t] += 1
        self.version += 1

    # --- one change --------------------------------------------------------------------------------------
    def update(self, board, exams) -> None:
        """Move the contestants in `exams` to where their (already refreshed) keys and statuses put them."""
        if len(exams) * REBUILD_SHARE > self.n:
            self.rebuild(board)
            return
        keys, n, place = board.keys, self.n, self.place
        status, totals, marks = board.day.status, board.totals, board.marks
        changes = self.changes
        if changes is not None and len(changes) * REBUILD_SHARE > n:
            changes = self.changes = None  # nobody has read them for a long while: "everything" says as much
        for log in self.logs:
            if not log.everything:
                log.exams.update(exams)
        for e in exams:
            new = keys[e] * n + place[e]
            void = bool(status(e))
            old, was_void = self.ikey[e], self.void[e]
            graded, was_graded = bool(marks[e]), self.graded[e]
            if new != old or void != was_void or graded != was_graded:
                if changes is not None:
                    changes.append((e, old, new))
                g = self.group_of[e]
                if was_graded:
                    c = self.cand_key(e)
                    self.cand.remove(c), self.gcand[g].remove(c)
                self.graded[e] = graded
                self.void[e] = void
                if graded:
                    c = ((keys[e] * 2 + void) * n) + place[e]
                    self.cand.add(c), self.gcand[g].add(c)
            if new != old or void != was_void:
                g, t = self.group_of[e], self.team_of[e]
                if was_void:
                    self.voided.remove(old), self.gvoided[g].remove(old), self.tvoided[t].remove(old)
                else:
                    self.ranked.remove(old), self.granked[g].remove(old), self.tranked[t].remove(old)
                if void:
                    self.voided.add(new), self.gvoided[g].add(new), self.tvoided[t].add(new)
                else:
                    self.ranked.add(new), self.granked[g].add(new), self.tranked[t].add(new)
                self.ikey[e], self.void[e] = new, void
            share = totals[e] if graded and not void else None
            before = self.share[e]
            if share != before:
                if changes is not None and (new == old and void == was_void):
                    changes.append((e, old, new))  # the team's score moved (a total the key does not show)
                t = self.team_of[e]
                self.tsum[t] += (share or 0) - (before or 0)
                self.tpresent[t] += (share is not None) - (before is not None)
                self.share[e] = share
        self.version += 1

    def cand_key(self, e: str) -> int:
        """A candidate's entry: by key, the ranked before the voided, then by exam number."""
        n = self.n
        return ((self.ikey[e] // n) * 2 + self.void[e]) * n + self.place[e]

    def log(self) -> ChangeLog:
        """A new reader's log of the contestants that change from now on (it starts with `everything`)."""
        log = ChangeLog()
        self.logs.append(log)
        return log

    # --- reading ------------------------------------------------------------------------------------------
    def exam(self, ikey: int) -> str:
        return self.order[ikey % self.n]

    def rank_of(self, ikey: int) -> int:
        """The competition rank ("1224") of a ranked entry: 1 + the ranked entries with a strictly lower key."""
        n = self.n
        return self.ranked.bisect_left(ikey - ikey % n) + 1

    def group_rank_of(self, group: str, ikey: int) -> int:
        n = self.n
        return self.granked[group].bisect_left(ikey - ikey % n) + 1

    def position_of(self, exam_no: str) -> int:
        """The 0-based place in the rows: the ranked by key, then the voided by key."""
        ik = self.ikey[exam_no]
        if self.void[exam_no]:
            return len(self.ranked) + self.voided.index(ik)
        return self.ranked.index(ik)

    def group_position_of(self, exam_no: str) -> int:
        ik, g = self.ikey[exam_no], self.group_of[exam_no]
        if self.void[exam_no]:
            return len(self.granked[g]) + self.gvoided[g].index(ik)
        return self.granked[g].index(ik)

    def top_totals(self, team: str, k: int) -> list[int]:
        """The totals of a team's first k present members, best first (a top-k mean's share)."""
        out = []
        share = self.share
        for ik in self.tranked[team]:
            if len(out) >= k:
                break
            s = share[self.order[ik % self.n]]
            if s is not None:
                out.append(s)
        return out


# --- teams ----------------------------------------------------------------------------------------------------
def team_rows(board, idx, members) -> list[TeamRow]:
    """`compute_teams` from the index's per-team sums: the same scores, order and ranks; `members(team)` gives
    the `TeamRow.members` (a list made when read, scoreboard/view.py)."""
    stage = board.stage_totals()
    names = [t.name for t in board.rules.teams]
    known = set(names)
    extra = [t for t in idx.size if t not in known]
    if extra:  # teams the rules do not list, in the order their best member comes (as the rows give them)
        extra.sort(key=lambda t: _first_position(idx, t))
    raw = [(name, *team_standing(board, idx, name, stage)) for name in names + extra]
    order = {t: i for i, t in enumerate(names)}
    raw.sort(key=lambda x: (-x[1], -x[3], order.get(x[0], 1 << 30)))
    out = []
    rank, prev = 0, None
    for pos, (name, score, present, playoff) in enumerate(raw):
        if (score, playoff) != prev:
            rank, prev = pos + 1, (score, playoff)
        out.append(TeamRow(name, score, members(name), present, rank, pos, playoff))
    return out


_ZERO = Fraction(0)


def team_standing(board, idx, name: str, stage=None) -> tuple[Fraction, int, int]:
    """One team's (score, present, playoff), as `compute_teams` gives them."""
    rules = board.rules
    ts = rules.team_score
    size = idx.size.get(name, 0)
    if stage is not None and ts.formula == "rounds":
        played = name in stage.team_rounds or name in stage.playoff
        return stage.team_score(name), size if played else 0, stage.playoff.get(name, 0)
    present = idx.tpresent.get(name, 0)
    if ts.formula == "top_k_mean":
        tops = idx.top_totals(name, min(ts.k, present)) if size else []
        return team_score(rules, tops + [0] * (min(size, ts.k) - len(tops)), present), present, 0
    s = idx.tsum.get(name, 0)
    n = size if ts.absent == "zero" else present
    return (_ZERO if not n else Fraction(s) if ts.formula == "sum" else Fraction(s, n)), present, 0


def _first_position(idx, team: str) -> int:
    ranked, voided = idx.tranked[team], idx.tvoided[team]
    if ranked:
        return idx.ranked.index(ranked[0])
    return len(idx.ranked) + idx.voided.index(voided[0]) if voided else 1 << 60


def first_group_position(idx, group: str) -> int:
    ranked, voided = idx.granked[group], idx.gvoided[group]
    if ranked:
        return idx.ranked.index(ranked[0])
    return len(idx.ranked) + idx.voided.index(voided[0]) if voided else 1 << 60
