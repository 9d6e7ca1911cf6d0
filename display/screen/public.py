"""The `public` message (docs/view-protocol.md) built from a folded board, for the offline
source (`scoreboard screen DB`), rehearsals and tests.

It is the feeder's own builder (`feeder.views.public_state`), so the offline screen sees
exactly what a live one would: `board.public()`, i.e. while frozen (封榜) the standings and
awards of the freeze and no latest results.
"""

from __future__ import annotations

from collections import deque

from feeder.views import LATEST, latest_row, public_state
from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.serialize import awards_json, standings_json


class LatestResults:
    """The last hall events (results and hand-ins), as the feeder keeps them for screens."""

    def __init__(self, size: int = LATEST):
        self.items: deque[dict] = deque(maxlen=size)

    def add(self, board: Board, ev: Event) -> None:
        if ev.source != "judge" and ev.kind in ("result", "finish"):
            self.items.append(latest_row(board, ev))

    def rows(self) -> list[dict]:
        return list(self.items)


def public_message(board: Board, lang: str = "zh", latest: list[dict] | None = None) -> dict:
    """What a display receives after a commit: `{"type": "public", ...}`."""
    return public_state(board, list(latest or []), lang)


def live_message(board: Board, lang: str = "zh", latest: list[dict] | None = None) -> dict:
    """The same shape from the live standings (what the judges see), for comparisons."""
    msg = public_message(board, lang, latest)
    msg["standings"] = standings_json(board.rules, board.standings())
    msg["awards"] = awards_json(board, lang, public=False)
    msg["control"]["frozen"] = False
    msg["latest"] = list(latest or [])
    return msg
