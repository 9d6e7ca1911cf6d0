"""What every view shares: the context it renders in, and the update entry point."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.containers import Vertical

from .state import PublicState


@dataclass
class Ctx:
    lang: str = "zh"
    moved: set = field(default_factory=set)  # ("i"|"g"|"t", key) of rows that just moved up


class View(Vertical):
    """A full-body view; the app calls `update_state` with every new public state it shows."""

    def update_state(self, state: PublicState, ctx: Ctx) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def pagers(self):
        """The widgets the app turns the page of on its timer."""
        from .widgets import Pager

        return [w for w in self.query("*") if isinstance(w, Pager)]
