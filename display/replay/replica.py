"""The console's `Replica`, seen through the replay's timeline.

The console's screens read `app.replica`: its board, settled standings, each contestant's mark
history, the judges' log, the quarantine, rank over time. Here each of them is the state after the
first `position` events of the log, so the console's own screens show the replayed moment exactly
as a live console showed it then.
"""

from __future__ import annotations

import bisect

from display.console.replica import Replica
from display.console.source import Chain

from .player import Player


class _Hist:
    """`replica.hist`: each contestant's hall events up to the moment shown."""

    def __init__(self, player: Player):
        self.player = player

    def get(self, exam_no: str, default=None):
        return self.player.history_of(exam_no) or (default if default is not None else [])

    def __getitem__(self, exam_no: str):
        return self.player.history_of(exam_no)

    def __contains__(self, exam_no: str) -> bool:
        return bool(self.player.history_of(exam_no))


class _RankHist:
    """`replica.rank_hist`: rank over the day up to the moment shown, from a table computed once in a
    worker (`Timeline.rank_history` for everyone); until it is ready, the ranks seen while replaying."""

    def __init__(self, player: Player, seen: dict):
        self.player = player
        self.seen = seen
        self.table: dict[str, list[tuple[float, int | None]]] | None = None

    def get(self, who: str, default=None):
        if self.table is None:
            return self.seen.get(who, default if default is not None else [])
        clock = self.player.clock
        return [(t, r) for t, r in self.table.get(who, []) if t <= clock and r is not None]

    def setdefault(self, who: str, default):
        return self.seen.setdefault(who, default)


class ReplayReplica(Replica):
    def __init__(self, player: Player, quarantine: list[dict], chain: tuple):
        self.player = player
        super().__init__(player.board)
        self.hist = _Hist(player)
        self.rank_hist = _RankHist(player, {})
        self.all_quarantine = sorted(quarantine, key=lambda q: (q.get("at") or 0, q.get("id") or 0))
        self.q_times = [q.get("at") or 0 for q in self.all_quarantine]
        self.chain = Chain(*chain)

    board = property(lambda self: self.player.board, lambda self, value: None)
    judge_log = property(lambda self: self.player.judge_log(), lambda self, value: None)

    @property
    def quarantine(self) -> list[dict]:
        return self.all_quarantine[: bisect.bisect_right(self.q_times, self.board.last_at)]

    @quarantine.setter
    def quarantine(self, value) -> None:
        pass

    def moved(self) -> None:
        """After a jump backwards the movement arrows compare with the moment shown before."""
        self.settled_version = -1
