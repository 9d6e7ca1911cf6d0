"""The list-like parts of a standings view (scoreboard/view.py): `rows`, a group's rows, `by_exam` and a
team's members, each reading through the view's core and equal to the list, tuple or dict it stands for."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .view import _Core


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


class _Window(_Seq):
    """A `_Seq` over positions start..stop of something larger: `_part` makes a narrower one, `_at` a row."""

    start: int
    stop: int

    def __len__(self) -> int:
        return self.stop - self.start

    def __getitem__(self, i):
        if isinstance(i, slice):
            a, b, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(a, b, step)]
            return self._part(self.start + a, self.start + max(a, b))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("row index out of range")
        return self._at(self.start + i)


class Rows(_Window):
    """`Standings.rows` (start/stop: a slice of it). Iterating all of it makes the whole list in one pass;
    a slice, an index or `natural()` makes only the rows read."""

    def __init__(self, core: _Core, start: int, stop: int):
        self.core, self.start, self.stop = core, start, stop

    def _part(self, start: int, stop: int) -> Rows:
        return Rows(self.core, start, stop)

    def _at(self, position: int):
        return self.core.row_at(position)

    def __iter__(self):
        core = self.core
        if self.start == 0 and self.stop == core.n_all:
            return iter(core.make())
        return core.iter_rows(self.start, self.stop)

    def candidates(self):
        if self.start == 0 and self.stop == self.core.n_all:
            return self.core.candidates(None)
        return (r for r in self.natural() if r.graded > 0)

    def natural(self):
        """`Standings.natural` of this list, made as it is read: the voided merged in by key."""
        core = self.core
        ranked = core.ranked_count
        a, b = self.start, self.stop
        if b <= ranked or a >= ranked:
            return core.iter_rows(a, b)
        return heapq.merge(core.iter_rows(a, ranked), core.iter_rows(ranked, b), key=lambda r: r.key)


class GroupRows(_Window):
    """`Standings.groups[g]`: the group's ranked rows, then its voided ones."""

    def __init__(self, core: _Core, group: str, start: int = 0, stop: int | None = None):
        self.core, self.group = core, group
        self.length, self.ranked = core.group_len(group)
        self.start = start
        self.stop = self.length if stop is None else stop

    def _part(self, start: int, stop: int) -> GroupRows:
        return GroupRows(self.core, self.group, start, stop)

    def _at(self, position: int):
        return next(self.core.iter_group(self.group, position, position + 1))

    def __iter__(self):
        return self.core.iter_group(self.group, self.start, self.stop)

    def candidates(self):
        if self.start == 0 and self.stop == self.length:
            return self.core.candidates(self.group)
        return (r for r in self.natural() if r.graded > 0)

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
