"""The console's own copy of the contest: a Board folded from the source's
events, plus what only a console needs: each contestant's mark history, rank
over time, movement, the judges' log, the quarantine and the feed's health.

Events are applied as they arrive; `settle()` (called by the app's 2–4 Hz
tick) computes the standings once and updates movement and rank history.
Certainty and marking progress are computed when a screen asks, once per
version of the board.
"""

from __future__ import annotations

from scoreboard.board import Board
from scoreboard.certainty import Certainty, compute_certainty
from scoreboard.events import HALL_KINDS, Event
from scoreboard.progress import Progress, compute_progress

from .source import Chain, Health, Snapshot
from .verdicts import SettledWatch

CHECKPOINTS = 40  # rank-history points taken while folding a snapshot


class Replica:
    def __init__(self, board: Board):
        self.board = board
        self.rules = board.rules
        self.hist: dict[str, list[Event]] = {}
        self.judge_log: list[Event] = []
        self.quarantine: list[dict] = []
        self.health: Health | None = None
        self.chain: Chain | None = None
        self.hall_seq: dict[str, int] = {}  # highest seq the console has seen from each hall
        self.last_rank: dict[str, int] = {}
        self.move: dict[str, int] = {}  # rank change at the contestant's last change (+ is up)
        self.rank_hist: dict[str, list[tuple[float, int]]] = {}
        self.settled_version = -1
        self.st = None
        self.events: list[Event] = []  # every event folded, in order (the settled-since search folds them again)
        self.contestants = list(board.contestants.values())  # the roster as it came (a snapshot's)
        self.watch = SettledWatch()
        self._computed: dict[str, tuple[tuple, object]] = {}

    # --- building ---------------------------------------------------------------
    @classmethod
    def build(cls, snap: Snapshot) -> "Replica":
        """Fold a snapshot, taking rank checkpoints along the way (run it in a thread)."""
        if snap.board is not None:
            rep = cls(snap.board)
            rep.contestants = list(snap.contestants)
            rep._note(snap.events)
            rep.settle()
        else:
            rep = cls(Board(snap.rules, snap.contestants))
            rep.contestants = list(snap.contestants)
            events = snap.events
            step = max(1, len(events) // CHECKPOINTS)
            for i in range(0, len(events), step):
                chunk = events[i:i + step]
                rep.board.apply_all(chunk)
                rep._note(chunk)
                rep.settle()
            rep.settle()
        rep.add_quarantine(snap.quarantine)
        rep.chain = snap.chain
        return rep

    def _note(self, events) -> None:
        hist, seqs = self.hist, self.hall_seq
        self.events.extend(events)
        for ev in events:
            if ev.kind in HALL_KINDS:
                hist.setdefault(ev.data["contestant"], []).append(ev)
                if ev.seq is not None and ev.seq > seqs.get(ev.source, 0):
                    seqs[ev.source] = ev.seq
            else:
                self.judge_log.append(ev)

    # --- updates ----------------------------------------------------------------
    def apply(self, events: list[Event]) -> None:
        last = self.board.last_event_id
        fresh = [e for e in events if e.id > last]  # a resent event is folded once
        self.board.apply_all(fresh)
        self._note(fresh)

    def add_quarantine(self, items: list[dict]) -> None:
        seen = {q.get("id") for q in self.quarantine}
        for q in items:
            if q.get("id") in seen:
                continue
            self.quarantine.append(q)
            src, seq = q.get("source"), q.get("seq")
            if src and isinstance(seq, int) and seq > self.hall_seq.get(src, 0):
                self.hall_seq[src] = seq

    @property
    def changed(self) -> bool:
        return self.board.version != self.settled_version

    def settle(self):
        """Standings of now; movement and rank history of those whose rank changed."""
        if not self.changed and self.st is not None:
            return self.st
        st = self.board.standings()
        last, move, rh = self.last_rank, self.move, self.rank_hist
        at = self.board.last_at
        for r in st.rows:
            if not r.graded:  # not yet in the race: no movement, no history
                continue
            if r.status:  # voided on the day: out of the race (rank 0 is no place to move to)
                move.pop(r.exam_no, None)
                last.pop(r.exam_no, None)
                continue
            old = last.get(r.exam_no)
            if old != r.rank:
                if old is not None:
                    move[r.exam_no] = old - r.rank
                last[r.exam_no] = r.rank
                rh.setdefault(r.exam_no, []).append((at, r.rank))
        self.st = st
        self.settled_version = self.board.version
        return st

    # --- certainty and progress: once per version of the board ---------------------------------
    def _once(self, what: str, compute):
        board = self.board
        stamp = (id(board), board.version, board.last_event_id)
        done = self._computed.get(what)
        if done is None or done[0] != stamp:
            done = self._computed[what] = (stamp, compute(board))
        return done[1]

    def certainty(self) -> Certainty:
        return self._once("certainty", compute_certainty)

    def progress(self) -> Progress:
        return self._once("progress", compute_progress)

    # --- views ------------------------------------------------------------------
    def marks_of(self, exam_no: str) -> list[tuple[str, str, list[int], int]]:
        """(item, section, marks oldest first, max) for each item the contestant has."""
        items: dict[str, tuple[str, list[int], int]] = {}
        for ev in self.hist.get(exam_no, []):
            if ev.kind != "result":
                continue
            d = ev.data
            sec, marks, mx = items.setdefault(d["item"], (d["section"], [], round(d["max"] * 100)))
            marks.append(round(d["score"] * 100))
        order = {s: i for i, s in enumerate(self.rules.section_ids)}
        return sorted(((k, v[0], v[1], v[2]) for k, v in items.items()), key=lambda x: (order.get(x[1], 99), x[0]))
