"""Standings as a lazy view of the order index: rows are made when they are read.

`Board.standings()` returns a `Standings` (scoreboard/standings.py) whose `rows`, `by_exam`, `groups` and
team members are views of the board's `OrderIndex` (scoreboard/index.py): reading the top 20, one
contestant's row or a group's first three costs a few bisections each, whatever the field's size; reading
all of them (iterating `rows`, as the exports and the screens do) makes the whole list once, in one pass,
as `compute_standings` would. Rows equal `compute_standings`'s row for row (tests/test_view.py).

A view describes the board at the moment it was made. Before the board changes anything a view reads, it
*detaches* every view still referenced (`Board._detach_views`): each makes its whole list first and reads
only that from then on (the standings kept at a freeze, say). Views nobody holds any more are gone by then
(`weakref`), so a board whose standings are read and dropped, as every caller does, never pays for it.
"""

from __future__ import annotations

import weakref
from itertools import islice

from .index import first_group_position, team_rows
from .rowseq import ByExam, GroupRows, Members, Rows
from .standings import Row, Standings, _subs


class _Core:
    """What every part of one view reads through: the index while live, the made lists once made."""

    def __init__(self, board, idx):
        self.board, self.idx = board, idx
        self.by_pos: dict[int, Row] = {}
        self.made: list[Row] | None = None  # the whole list, once made
        self.groups: dict[str, list[Row]] | None = None
        self.teams: dict[str, list[str]] | None = None
        self.made_by_exam: dict[str, Row] = {}
        self.lookups = 0  # rows looked up one by one (by exam number)
        self.team_rows = None  # the teams as they were when the view was detached

    # --- one row -----------------------------------------------------------------------------------------
    def _row(self, e: str, pos: int, ik: int, rank: int | None = None, grank: int | None = None,
             gpos: int | None = None) -> Row:
        b, idx = self.board, self.idx
        c = b.contestants[e]
        g = c.group
        key = ik // idx.n
        if gpos is None:
            gpos = idx.group_position_of(e)
        if idx.void[e]:
            row = Row(e, c.name, c.team, c.unit, g, tuple(b.sections[e]), b.totals[e], b.time_used.get(e),
                      len(b.marks[e]), 0, pos, 0, gpos, key, b.day.status(e))
        else:
            row = Row(e, c.name, c.team, c.unit, g, tuple(b.sections[e]), b.totals[e], b.time_used.get(e),
                      len(b.marks[e]), idx.rank_of(ik) if rank is None else rank, pos,
                      idx.group_rank_of(g, ik) if grank is None else grank, gpos, key)
        self.by_pos[pos] = row
        return row

    def row_at(self, pos: int) -> Row:
        if self.made is not None:
            return self.made[pos]
        row = self.by_pos.get(pos)
        if row is not None:
            return row
        idx = self.idx
        r = len(idx.ranked)
        ik = idx.ranked[pos] if pos < r else idx.voided[pos - r]
        return self._row(idx.exam(ik), pos, ik)

    def row_of(self, e: str) -> Row:
        if self.made is not None:
            return self.made_by_exam[e]
        self.lookups += 1
        if self.lookups > 64 and self.lookups * 8 > self.n_all:  # a reader of many rows: make them all at once
            return self.make_by_exam()[e]
        return self.row_at(self.idx.position_of(e))

    def make_by_exam(self) -> dict[str, Row]:
        self.make()
        return self.made_by_exam

    def iter_rows(self, start: int, stop: int):
        """Rows start..stop-1 in order, made one by one (a walk that stops early makes only what it read)."""
        if self.made is not None:
            yield from islice(self.made, start, stop)
            return
        idx = self.idx
        r, n = len(idx.ranked), idx.n
        prev, rank = None, 0
        for pos in range(start, stop):
            row = self.by_pos.get(pos)
            if row is None:
                ik = idx.ranked[pos] if pos < r else idx.voided[pos - r]
                if pos < r:
                    k = ik // n
                    if k != prev:
                        rank, prev = (pos + 1 if prev is not None else idx.rank_of(ik)), k
                    row = self._row(idx.exam(ik), pos, ik, rank=rank)
                else:
                    row = self._row(idx.exam(ik), pos, ik)
            elif pos < r:
                prev, rank = row.key, row.rank
            if self.made is not None:  # detached while the caller held the iterator
                yield from islice(self.made, pos, stop)
                return
            yield row

    # --- a group -----------------------------------------------------------------------------------------
    def group_len(self, g: str) -> tuple[int, int]:
        """(rows, ranked rows) of a group."""
        if self.groups is not None:
            rows = self.groups.get(g, [])
            return len(rows), sum(1 for x in rows if not x.status)
        idx = self.idx
        ranked = idx.granked.get(g)
        return (len(ranked) + len(idx.gvoided[g]), len(ranked)) if ranked is not None else (0, 0)

    def iter_group(self, g: str, start: int, stop: int):
        if self.groups is not None:
            yield from islice(self.groups.get(g, []), start, stop)
            return
        idx = self.idx
        ranked, voided = idx.granked.get(g, ()), idx.gvoided.get(g, ())
        r, n = len(ranked), idx.n
        prev, grank = None, 0
        for gpos in range(start, stop):
            ik = ranked[gpos] if gpos < r else voided[gpos - r]
            e = idx.exam(ik)
            pos = idx.position_of(e)
            row = self.by_pos.get(pos)
            if row is None:
                if gpos < r:
                    k = ik // n
                    if k != prev:
                        grank, prev = (gpos + 1 if prev is not None else idx.group_rank_of(g, ik)), k
                    row = self._row(e, pos, ik, grank=grank, gpos=gpos)
                else:
                    row = self._row(e, pos, ik, gpos=gpos)
            elif gpos < r:
                prev, grank = row.key, row.group_rank
            if self.groups is not None:
                yield from islice(self.groups.get(g, []), gpos, stop)
                return
            yield row

    def candidates(self, g: str | None):
        """The rows with a graded item (the award walks' candidates), the field's or a group's, in the order
        `Standings.natural` gives them: what the walk `(r for r in natural(rows) if r.graded > 0)` reads."""
        if self.made is not None:
            rows = self.made if g is None else self.groups.get(g, [])
            yield from (r for r in Standings.natural(rows) if r.graded > 0)
            return
        idx = self.idx
        cand = idx.cand if g is None else idx.gcand.get(g, ())
        order, n = idx.order, idx.n
        for c in cand:
            e = order[c % n]
            yield self.made_by_exam[e] if self.made is not None else self.row_at(idx.position_of(e))

    def team_members(self, t: str) -> list[str]:
        if self.teams is not None:
            return self.teams.get(t, [])
        idx = self.idx
        ranked, voided = idx.tranked.get(t, ()), idx.tvoided.get(t, ())
        return [idx.exam(ik) for ik in ranked] + [idx.exam(ik) for ik in voided]

    # --- the whole list ----------------------------------------------------------------------------------
    def make(self) -> list[Row]:
        """Every row, in one pass (the ranked, then the voided), group ranks counted as they come."""
        if self.made is not None:
            return self.made
        idx = self.idx
        r = len(idx.ranked)
        rows: list[Row] = []
        groups: dict[str, list[Row]] = {}
        teams: dict[str, list[str]] = {}
        group_prev: dict[str, tuple[int, int]] = {}
        prev, rank = None, 0
        n = idx.n
        by_pos = self.by_pos
        for pos, ik in enumerate(_chain(idx.ranked, idx.voided)):
            e = idx.order[ik % n]
            g = idx.group_of[e]
            glist = groups.get(g)
            if glist is None:
                glist = groups[g] = []
            row = by_pos.get(pos)
            if row is None:
                k = ik // n
                if pos < r:
                    if k != prev:
                        rank, prev = pos + 1, k
                    last = group_prev.get(g)
                    grank = last[1] if last is not None and last[0] == k else len(glist) + 1
                    group_prev[g] = (k, grank)
                    row = self._row(e, pos, ik, rank=rank, grank=grank, gpos=len(glist))
                else:
                    row = self._row(e, pos, ik, gpos=len(glist))
            elif pos < r:
                prev, rank = row.key, row.rank
                group_prev[g] = (row.key, row.group_rank)
            rows.append(row)
            glist.append(row)
            teams.setdefault(row.team, []).append(e)
        self.made_by_exam = {x.exam_no: x for x in rows}
        self.groups, self.teams, self.made = groups, teams, rows
        return rows

    def detach(self) -> None:
        """Read only the made lists from now on: the board is about to change."""
        self.make()
        teams = self.teams
        # plain tuples: a `Members` here would hold the core that holds it, a cycle that outlives its readers
        self.team_rows = team_rows(self.board, self.idx, lambda t: tuple(teams.get(t, ())))
        self.idx = None


def _chain(a, b):
    yield from a
    yield from b


# --- the view -------------------------------------------------------------------------------------------------
def standings_view(board, idx) -> Standings:
    """The lazy `Standings` of the board as it is now (the index synced with its keys)."""
    core = _Core(board, idx)
    core.n_all = idx.n
    core.ranked_count = len(idx.ranked)
    rules = board.rules
    groups = {g: GroupRows(core, g) for g in rules.groups}
    extra = [g for g in idx.granked if g not in groups]
    if extra:
        extra.sort(key=lambda g: first_group_position(idx, g))
        groups.update((g, GroupRows(core, g)) for g in extra)
    board._views.append(weakref.ref(core))
    return ViewStandings(core, groups)


class ViewStandings(Standings):
    """A `Standings` whose teams are worked out when first read (a walk of the individual awards never reads
    them); every other field is set at once."""

    def __init__(self, core: _Core, groups: dict):
        board = core.board
        self._core, self._teams, self._by_team = core, None, None
        self.rows, self.by_exam, self.groups = Rows(core, 0, core.n_all), ByExam(core), groups
        self.event_id, self.at, self.chain = board.last_event_id, board.last_at, board.rules.tiebreak
        self.flags, self.subs = board.flags, _subs(board)

    @property
    def teams(self):
        if self._teams is None:
            core = self._core
            if core.team_rows is not None:  # detached
                self._teams = core.team_rows
            else:
                self._teams = team_rows(core.board, core.idx, lambda t: Members(core, t))
        return self._teams

    @property
    def by_team(self):
        if self._by_team is None:
            self._by_team = {t.name: t for t in self.teams}
        return self._by_team
