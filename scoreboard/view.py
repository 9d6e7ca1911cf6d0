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

import heapq
import weakref
from collections.abc import Mapping, Sequence
from itertools import islice

from .index import first_group_position, team_rows
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
        return self.row_at(self.idx.position_of(e))

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
        self.idx = None


def _chain(a, b):
    yield from a
    yield from b


class _Seq(Sequence):
    """A read-only list of rows (or exam numbers) made on demand; equal to a list or tuple of the same items."""

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other):
        if isinstance(other, (list, tuple, _Seq)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __add__(self, other):
        return list(self) + list(other)

    def __radd__(self, other):
        return list(other) + list(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Rows(_Seq):
    """`Standings.rows` (start/stop: a slice of it). Iterating all of it makes the whole list in one pass;
    a slice, an index or `natural()` makes only the rows read."""

    def __init__(self, core: _Core, start: int, stop: int):
        self.core, self.start, self.stop = core, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __getitem__(self, i):
        if isinstance(i, slice):
            a, b, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(a, b, step)]
            return Rows(self.core, self.start + a, self.start + max(a, b))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("row index out of range")
        return self.core.row_at(self.start + i)

    def __iter__(self):
        core = self.core
        if self.start == 0 and self.stop == core.n_all:
            return iter(core.make())
        return core.iter_rows(self.start, self.stop)

    def natural(self):
        """`Standings.natural` of this list, made as it is read: the voided merged in by key."""
        core = self.core
        ranked = core.ranked_count
        a, b = self.start, self.stop
        if b <= ranked or a >= ranked:
            return core.iter_rows(a, b)
        return heapq.merge(core.iter_rows(a, ranked), core.iter_rows(ranked, b), key=lambda r: r.key)


class GroupRows(_Seq):
    """`Standings.groups[g]`: the group's ranked rows, then its voided ones."""

    def __init__(self, core: _Core, group: str, start: int = 0, stop: int | None = None):
        self.core, self.group = core, group
        self.length, self.ranked = core.group_len(group)
        self.start = start
        self.stop = self.length if stop is None else stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __getitem__(self, i):
        if isinstance(i, slice):
            a, b, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(a, b, step)]
            return GroupRows(self.core, self.group, self.start + a, self.start + max(a, b))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("row index out of range")
        return next(self.core.iter_group(self.group, self.start + i, self.start + i + 1))

    def __iter__(self):
        return self.core.iter_group(self.group, self.start, self.stop)

    def natural(self):
        it = self.core.iter_group
        a, b, ranked = self.start, self.stop, self.ranked
        if b <= ranked or a >= ranked:
            return it(self.group, a, b)
        return heapq.merge(it(self.group, a, ranked), it(self.group, ranked, b), key=lambda r: r.key)


class Members(_Seq):
    """`TeamRow.members`: the team's exam numbers, best first, listed when first read."""

    def __init__(self, core: _Core, team: str):
        self.core, self.team, self.items = core, team, None

    def _all(self) -> list[str]:
        if self.items is None:
            self.items = self.core.team_members(self.team)
        return self.items

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, i):
        return self._all()[i]

    def __iter__(self):
        return iter(self._all())


class ByExam(Mapping):
    """`Standings.by_exam`: exam number -> row, in the rows' order."""

    def __init__(self, core: _Core):
        self.core = core

    def __getitem__(self, e):
        if e not in self.core.idx.ikey if self.core.made is None else e not in self.core.made_by_exam:
            raise KeyError(e)
        return self.core.row_of(e)

    def __contains__(self, e) -> bool:
        return e in (self.core.made_by_exam if self.core.made is not None else self.core.idx.ikey)

    def __iter__(self):
        return (r.exam_no for r in self.core.make())

    def __len__(self) -> int:
        return self.core.n_all

    def values(self):
        return list(self.core.make())

    def items(self):
        return [(r.exam_no, r) for r in self.core.make()]

    def __eq__(self, other):
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


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
    teams = team_rows(board, idx, lambda t: Members(core, t))
    board._views.append(weakref.ref(core))
    return Standings(
        rows=Rows(core, 0, idx.n),
        by_exam=ByExam(core),
        groups=groups,
        teams=teams,
        by_team={t.name: t for t in teams},
        event_id=board.last_event_id,
        at=board.last_at,
        chain=rules.tiebreak,
        flags=board.flags,
        subs=_subs(board),
    )
