"""The `public` message (docs/view-protocol.md) built from a folded board, for the offline
source (`scoreboard screen DB`), rehearsals and tests.

It carries only what `board.public()` allows: while the screen is frozen (封榜) the standings
and awards of the freeze, and no result that arrived after the freeze in the ticker.
"""

from __future__ import annotations

from collections import deque

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.serialize import awards_json, standings_json

LATEST = 30  # results kept for the ticker and the latest-results view


def result_json(board: Board, ev: Event) -> dict:
    """One graded result as the screen shows it (RESULT in the view protocol)."""
    d = ev.data
    c = board.contestants.get(d["contestant"])
    return {
        "id": ev.id,
        "at": ev.at,
        "exam_no": d["contestant"],
        "name": c.name if c else d["contestant"],
        "team": c.team if c else "",
        "item": d["item"],
        "section": d["section"],
        "score": d["score"],
        "max": d["max"],
    }


class LatestResults:
    """The last graded results, fed event by event; `visible(board)` hides those after a freeze."""

    def __init__(self, size: int = LATEST * 4):
        self.items: deque[dict] = deque(maxlen=size)

    def add(self, board: Board, ev: Event) -> None:
        if ev.kind == "result":
            self.items.append(result_json(board, ev))

    def visible(self, board: Board, n: int = LATEST) -> list[dict]:
        cut = board.control.frozen_at
        shown = [r for r in self.items if cut is None or r["id"] <= cut]
        return list(reversed(shown[-n:]))  # newest first


def public_message(board: Board, lang: str = "zh", latest: list[dict] | None = None) -> dict:
    """What a display receives after a commit: `{"type": "public", ...}`."""
    st, _aw = board.public()
    c = board.control
    return {
        "type": "public",
        "standings": standings_json(board.rules, st),
        "awards": awards_json(board, lang, public=True),
        "control": {"view": dict(c.view), "frozen": c.frozen_at is not None, "ceremony": c.ceremony,
                    "locked": c.locked is not None},
        "latest": list(latest or []),
    }


def live_message(board: Board, lang: str = "zh", latest: list[dict] | None = None) -> dict:
    """The same shape from the live standings (what the judges see), for comparisons."""
    msg = public_message(board, lang, latest)
    msg["standings"] = standings_json(board.rules, board.standings())
    msg["awards"] = awards_json(board, lang, public=False)
    msg["control"]["frozen"] = False
    return msg
