"""The single writer of a contest database.

Hall records and judge commands are *staged*: checked, given their event id
and applied to the in-memory board at once (so the next record is checked
against them), then written by `flush()` in one transaction (group commit).
Nothing is acknowledged before `flush()` returns. If a commit fails (a full
disk, say) the staged work is dropped and the board is rebuilt from the file,
so memory never runs ahead of what is durable.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from scoreboard.board import Board
from scoreboard.events import Event, Rejection, record_data, record_digest
from scoreboard.judging import check_command

from .store import GENESIS, Store, judge_hash


_encode = json.JSONEncoder(ensure_ascii=False).encode  # built once: json.dumps with options builds one per call


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one hall record."""

    status: str  # accepted | rejected | duplicate | gap
    seq: int
    code: str = ""
    message: str = ""
    expected: int = 0  # for a gap: the seq the server expects


class Writer:
    def __init__(self, store: Store, board: Board | None = None, allow_gaps: bool = False):
        self.store = store
        self.allow_gaps = allow_gaps
        self.board = board if board is not None else store.fold()
        self._reset_from_store()

    def _reset_from_store(self) -> None:
        self.acked: dict[str, int] = self.store.acked()  # durable
        self.expected: dict[str, int] = {s: n + 1 for s, n in self.acked.items()}  # staged
        self.next_id = self.store.last_event_id() + 1
        chain = self.store.conn.execute(
            "SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        self.last_hash = chain[0] if chain else GENESIS
        self.staged_events: list[tuple] = []
        self.staged_quarantine: list[tuple] = []
        self.staged_digests: dict[tuple[str, int], str] = {}
        self.new_events: list[Event] = []

    @property
    def dirty(self) -> bool:
        return bool(self.staged_events or self.staged_quarantine or self._acks_changed())

    def _acks_changed(self) -> bool:
        return any(self.acked.get(s, 0) != n - 1 for s, n in self.expected.items())

    # --- hall records -----------------------------------------------------------
    def hall(self, source: str, rec: dict, raw: bytes = b"", at: float | None = None) -> Outcome:
        at = time.time() if at is None else at
        seq = rec["seq"]  # the caller has checked it is a positive int
        expected = self.expected.get(source, 1)
        digest = record_digest(rec)
        if seq < expected:
            known = self.staged_digests.get((source, seq)) or self.store.digest_of(source, seq)
            if known is None or known == digest:
                return Outcome("duplicate", seq)
            msg = f"seq {seq} was already used for a different record"
            self.staged_quarantine.append((at, source, seq, "seq_conflict", msg, raw, digest))
            return Outcome("rejected", seq, "seq_conflict", msg)
        if seq > expected and not self.allow_gaps:
            return Outcome("gap", seq, "seq_gap", f"expected seq {expected}, got {seq}", expected)
        self.expected[source] = seq + 1
        self.staged_digests[(source, seq)] = digest
        bad: Rejection | None = self.board.check(rec)
        if bad:
            self.staged_quarantine.append((at, source, seq, bad.code, bad.message, raw, digest))
            return Outcome("rejected", seq, bad.code, bad.message)
        data = record_data(rec)
        ev = Event(self.next_id, at, rec["type"], source, seq, source, data)
        self.next_id += 1
        self.staged_events.append(
            (ev.id, at, ev.kind, source, seq, source, _encode(data), "", digest, None, None)
        )
        self.board.apply(ev)
        self.new_events.append(ev)
        return Outcome("accepted", seq)

    def quarantine_raw(self, source: str, code: str, message: str, raw: bytes, at: float | None = None) -> None:
        """Input that is not a record at all (a bad line, a broken frame): kept for the judges."""
        self.staged_quarantine.append((time.time() if at is None else at, source, None, code, message, raw, None))

    # --- judge commands ---------------------------------------------------------
    def judge(self, role: str, actor: str, kind: str, data: dict, reason: str = "",
              at: float | None = None) -> Event | Rejection:
        bad = check_command(self.board, role, kind, data, reason)
        if bad:
            return bad
        at = time.time() if at is None else at
        body = json.dumps(data, ensure_ascii=False, sort_keys=True)
        ev_id = self.next_id
        h = judge_hash(self.last_hash, ev_id, at, kind, actor, body, reason)
        self.staged_events.append((ev_id, at, kind, "judge", None, actor, body, reason, None, self.last_hash, h))
        self.last_hash = h
        self.next_id += 1
        ev = Event(ev_id, at, kind, "judge", None, actor, json.loads(body), reason)
        self.board.apply(ev)
        self.new_events.append(ev)
        return ev

    # --- commit -------------------------------------------------------------------
    def flush(self) -> tuple[dict[str, int], list[Event]]:
        """Commit what is staged; return each source's new ack and the events now durable."""
        if not self.dirty:
            return {}, []
        acks = {s: n - 1 for s, n in self.expected.items() if self.acked.get(s, 0) != n - 1}
        try:
            with self.store.atomic() as conn:
                if self.staged_events:
                    conn.executemany(
                        "INSERT INTO events(id, at, kind, source, seq, actor, data, reason, digest, prev_hash, hash) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        self.staged_events,
                    )
                self.store.write_acks(conn, acks)
                if self.staged_quarantine:
                    conn.executemany(
                        "INSERT INTO quarantine(at, source, seq, code, message, raw, digest) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        self.staged_quarantine,
                    )
        except Exception:
            self.discard()
            raise
        self.acked.update(acks)
        done = self.new_events
        self.staged_events, self.staged_quarantine, self.new_events = [], [], []
        self.staged_digests.clear()
        return acks, done

    def discard(self) -> None:
        """Drop what is staged and rebuild the board from what is durable."""
        self.board = self.store.fold()
        self._reset_from_store()
