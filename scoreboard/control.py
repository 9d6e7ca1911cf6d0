"""What the judges have decided so far: the board's control state (`Board.control`).

Its own module so that the fold (scoreboard/board.py) and the judges' commands (scoreboard/judging.py)
both depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decision:
    event_id: int
    award: str
    group: str | None
    tied: frozenset[str]
    outcome: str  # order | share | lots
    order: tuple[str, ...]
    seed: str | None
    actor: str
    why: str


@dataclass
class Control:
    """What the judges have decided so far."""

    decisions: list[Decision] = field(default_factory=list)
    confirmed: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # digest -> (actor, why, at)
    assigned: dict[tuple[str, str], tuple[str, str, float]] = field(default_factory=dict)  # (award, recipient)
    locked: dict | None = None  # {"actor", "why", "at", "digest", "event_id"}
    frozen_at: int | None = None  # event id of the freeze
    view: dict = field(default_factory=lambda: {"view": "individual"})
    ceremony: int = -1  # -1: no ceremony; n: n-th reveal step
    mark_certain: bool = False  # the public screen marks 确定获奖 (not while frozen: scoreboard.certainty)
    judge_events: int = 0
    # every lock of the day: (event id, the digest it recorded, the digest the fold gives there, chain head)
    locks: list[tuple[int, str | None, str, str | None]] = field(default_factory=list)
