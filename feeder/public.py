"""What the big screens are sent: the public state of committed events.

The writer's board runs ahead of the disk by what is staged; a screen must never
show a mark that could still be lost. So the feeder keeps a second board that
folds each batch once it is written, and builds the public state from it at
most every `min_interval`, or twice as seldom as the build itself takes (so the
event loop always keeps at least half its time for the halls). Screens get the
latest state only (`feeder.views.DisplayOutbox`). Sans I/O: the server decides
when to call `build`.
"""

from __future__ import annotations

import time

from scoreboard.board import Board

from . import views as V
from .publicframe import PublicFrame


class PublicState:
    def __init__(self, board: Board, lang: str = "zh", min_interval: float = 0.025):
        self.board = board  # folds committed events only
        self.lang = lang
        self.min_interval = min_interval
        self.pending: list = []  # committed events the board has yet to fold
        self.packer = PublicFrame()  # the frame's pieces, packed again only when they change
        self.dirty = True  # the last frame is out of date
        self.frame: bytes | None = None
        self.next_at = 0.0  # monotonic time before which no new build starts

    def committed(self, events: list) -> None:
        self.pending.extend(events)
        self.dirty = True

    def invalidate(self, now_too: bool = False) -> None:
        """Build again at the next chance (`now_too`: without waiting for the interval)."""
        self.dirty = True
        if now_too:
            self.next_at = 0.0

    def current(self) -> bytes | None:
        """The last frame, if it is still up to date."""
        return self.frame if not self.dirty else None

    def build(self, latest: list, now: float | None = None) -> bytes:
        now = time.monotonic() if now is None else now
        self.board.apply_all(self.pending)
        self.pending = []
        rows = [V.latest_row(self.board, ev) for ev in latest]
        self.frame = self.packer.frame(self.board, rows, self.lang)
        cost = time.monotonic() - now
        self.next_at = now + max(self.min_interval, 2 * cost)
        self.dirty = False
        return self.frame
