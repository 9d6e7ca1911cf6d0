"""Containers made when first read: the parts of a certainty answer (scoreboard/certainty.py) that are
costly to make and seldom read (the out lists, most of the field; the reasons behind each verdict; the
items that still matter). Each reads a snapshot that never changes, so reading it later gives the answer
of its moment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from .certainty_scope import Standing


class Later(Sequence):
    """A list made when first read (the out of an award: most of the field, seldom read)."""

    def __init__(self, make: Callable[[], list[str]]):
        self._make, self._items = make, None

    def _list(self) -> list[str]:
        if self._items is None:
            self._items, self._make = self._make(), None
        return self._items

    def __len__(self) -> int:
        return len(self._list())

    def __getitem__(self, i):
        return self._list()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._list())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(self._list())


class Details(Mapping):
    """(award id, recipient) -> Standing, each made when read from its award's scopes."""

    def __init__(self):
        self.finders: dict[str, Callable[[str], Standing | None]] = {}
        self.scopes: dict[str, Callable[[], Sequence[str]]] = {}

    def __getitem__(self, key) -> Standing:
        aid, x = key
        find = self.finders.get(aid)
        s = find(x) if find is not None else None
        if s is None:
            raise KeyError(key)
        return s

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for aid, scope in self.scopes.items():
            for x in scope():
                yield aid, x

    def __len__(self) -> int:
        return sum(len(scope()) for scope in self.scopes.values())


class LaterMap(Mapping):
    """A dict made when first read (`Certainty.open`)."""

    def __init__(self, make: Callable[[], dict]):
        self._make, self._items = make, None

    def _dict(self) -> dict:
        if self._items is None:
            self._items, self._make = self._make(), None
        return self._items

    def __getitem__(self, key):
        return self._dict()[key]

    def __iter__(self):
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())
