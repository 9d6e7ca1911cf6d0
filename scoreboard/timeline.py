"""The day as a timeline: the same fold, positioned anywhere in the log.

A `Timeline` holds the whole log and a `Board` folded up to `position` (the number of events applied).
Seeking forward applies events; seeking backward folds again from the start (a national-scale day folds
in about a tenth of a second). Scans find the next moment the top N changes and the moments an award
changed hands, checking only the events that can matter (see `_Watch`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .board import Board
from .events import Event
from .scan import Holders
from .standings import combined_keys, compute_standings
from .watch import AwardChange, _Follow, _Watch


@dataclass(frozen=True)
class Exit:
    """A moment a contestant left the top n: the event at `index - 1` moved them out."""

    index: int  # position after the event
    at: float
    event_id: int
    rank_before: int
    rank_after: int


class Timeline:
    def __init__(self, rules, contestants, events: list[Event]):
        self.rules = rules
        self.contestants = contestants
        self.events = events
        self.times = [e.at for e in events]
        self._rebuild()

    def _rebuild(self) -> None:
        self.board = Board(self.rules, self.contestants)
        self.position = 0

    def __len__(self) -> int:
        return len(self.events)

    @property
    def at(self) -> float:
        """The time of the last applied event (the start of the day before any)."""
        if self.position == 0:
            return self.times[0] if self.times else 0.0
        return self.times[self.position - 1]

    @property
    def start(self) -> float:
        return self.times[0] if self.times else 0.0

    @property
    def end(self) -> float:
        return self.times[-1] if self.times else 0.0

    # --- moving -----------------------------------------------------------------------
    def seek_index(self, index: int) -> None:
        index = max(0, min(index, len(self.events)))
        if index < self.position:
            self._rebuild()
        apply = self.board.apply
        for ev in self.events[self.position:index]:
            apply(ev)
        self.position = index

    def index_at(self, t: float) -> int:
        """How many events had arrived by time t."""
        return bisect.bisect_right(self.times, t)

    def seek_time(self, t: float) -> None:
        self.seek_index(self.index_at(t))

    def step(self, n: int = 1) -> None:
        self.seek_index(self.position + n)

    # --- scans ----------------------------------------------------------------------------
    def next_top_change(self, n: int = 20) -> int | None:
        """Move to just after the next event that changes who is in the top n or their order."""
        board = self.board
        before = [r.exam_no for r in board.standings().rows[:n]]
        members = set(before)
        threshold = board.standings().rows[min(n, len(board.standings().rows)) - 1].key if before else None
        chain = self.rules.tiebreak
        for i in range(self.position, len(self.events)):
            ev = self.events[i]
            board.apply(ev)
            self.position = i + 1
            who = ev.data.get("contestant")
            if who is not None and ev.kind in ("result", "finish"):
                key = combined_keys(board, (who,), chain)[who]
                if who not in members and threshold is not None and key > threshold:
                    continue
            after = [r.exam_no for r in board.standings().rows[:n]]
            if after != before:
                return self.position
            threshold = board.standings().rows[len(after) - 1].key if after else None
        return None

    def next_award_change(self, award_ids=None) -> AwardChange | None:
        """Move to just after the next event that changes the award list (or its pending ties).

        `award_ids` limits the watch to some awards (default: the awards, not the advancement lists)."""
        watch = _Follow(self.board, award_ids) if Holders.usable(self.rules) else _Watch(self.board, award_ids)
        for i in range(self.position, len(self.events)):
            ev = self.events[i]
            self.board.apply(ev)
            self.position = i + 1
            change = watch.check(ev, i + 1)
            if change:
                return change[0]
        return None

    def award_changes(self, award_ids=None, progress=None) -> list[AwardChange]:
        """Every moment of the day an award changed hands (leaves the timeline at the end).

        `progress(done, total)` is called every few thousand events (it may raise to abandon the scan)."""
        self.seek_index(0)
        watch = _Follow(self.board, award_ids) if Holders.usable(self.rules) else _Watch(self.board, award_ids)
        out: list[AwardChange] = []
        total = len(self.events)
        for i, ev in enumerate(self.events):
            self.board.apply(ev)
            self.position = i + 1
            out += watch.check(ev, i + 1)
            if progress is not None and not i % PROGRESS_EVERY:
                progress(i, total)
        self.position = total
        return out

    def top_exits(self, who: str, n: int, progress=None) -> list[Exit]:
        """Every moment of the day a graded contestant went from rank <= n to rank > n.

        Ranks are competition ranks ("1224"): rank = 1 + the number of contestants whose key sorts
        strictly before theirs, so a contestant tied at the cut-off is still inside. Only the moved
        contestant's key is recomputed per mark, so the scan costs little more than the fold.
        Leaves the timeline at the end."""
        self.seek_index(0)
        board = self.board
        keys = board.sort_keys()  # board.keys, updated in place by later calls
        mine = keys[who]
        better = sum(1 for k in keys.values() if k < mine)
        inside, rank_before = False, better + 1
        out: list[Exit] = []
        total = len(self.events)
        for i, ev in enumerate(self.events):
            board.apply(ev)
            self.position = i + 1
            other = ev.data.get("contestant") if ev.kind in ("result", "finish") else None
            if other is not None and other != who:
                old = keys[other]
                board.sort_keys()
                better += (keys[other] < mine) - (old < mine)
            else:  # their own mark, a judge or a stage event: count again
                board.sort_keys()
                mine = keys[who]
                better = sum(1 for k in keys.values() if k < mine)
            now = better < n and bool(board.marks[who])
            if inside and not now:
                out.append(Exit(i + 1, ev.at, ev.id, rank_before, better + 1))
            inside, rank_before = now, better + 1
            if progress is not None and not i % PROGRESS_EVERY:
                progress(i, total)
        return out

    def rank_history(self, who: list[str], samples: int = 120,
                     progress=None) -> dict[str, list[tuple[float, int | None]]]:
        """Rank over time for contestants (exam numbers) and teams (names), at evenly spaced moments.

        A contestant with nothing graded yet has no rank (None). Leaves the timeline at the end.
        """
        out: dict[str, list[tuple[float, int | None]]] = {w: [] for w in who}
        if not self.events:
            return out
        self.seek_index(0)
        span = self.end - self.start
        for k in range(1, samples + 1):
            t = self.start + span * k / samples
            self.seek_time(t)
            if progress is not None:
                progress(k, samples)
            # every row at moments far apart: one sort is cheaper than moving the order index (dropped: the
            # board builds it again when its standings are next read)
            self.board.index = None
            st = compute_standings(self.board)
            for w in who:
                row = st.by_exam.get(w)
                if row is not None:
                    out[w].append((t, row.rank if row.graded else None))
                elif w in st.by_team:
                    out[w].append((t, st.by_team[w].rank))
        return out


PROGRESS_EVERY = 4096  # events between two progress calls of a scan
