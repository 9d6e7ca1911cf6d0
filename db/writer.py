"""The single writer of a contest database.

Hall records and judge commands are *staged*: checked, given their event id
and applied to the in-memory board at once (so the next record is checked
against them), then written in one transaction (group commit). Nothing is
acknowledged before that transaction is committed. If a commit fails (a full
disk, say) the staged work is dropped and the board is rebuilt from the file,
so memory never runs ahead of what is durable.

Staging is exception-safe: a record that fails a check is rejected (and
quarantined); an exception while folding a record (the server's fault, as far
as the checks can tell) leaves everything staged before it staged, marks the
writer `broken` and raises `WriterFault`. The caller then drops what is staged
(`recover()`, as after a failed commit) and the record's (source, seq) is
remembered: when it comes again it is quarantined as `unprocessable` instead
of being folded, so the hall can go on.

Two ways to commit:
- `flush()`: take what is staged and write it, here and now (the loader, the
  command line, tests);
- `take()` → `Batch.write(store)` elsewhere → `done(batch)` or `failed()`: the
  feeder writes on its database thread while this one goes on staging; one
  batch at a time. `committed` counts the batches done, so a hall session
  knows which of its answers are durable (`feeder.protocol.HallSession`).
"""

from __future__ import annotations

import json
import time
from json.encoder import encode_basestring as _escape
from typing import NamedTuple

from scoreboard.board import Board
from scoreboard.events import (Event, Rejection, event_content, record_content,
                               record_data, record_digest, record_json, same_content)
from scoreboard.judging import check_command
from scoreboard.limits import MAX_QUARANTINE_RAW, bounded

from .batch import (RUN_AT, RUN_NEXT_ID, RUN_NEXT_SEQ, RUN_SOURCE, RUN_SPAN, RUN_DATA, Batch, json_text,
                    row_text)
from .seals import data_text, event_line, quantize
from .store import GENESIS, Store, judge_hash

POISON_LIMIT = 1000  # records remembered as having failed inside the server


class WriterFault(Exception):
    """Folding a record or a command failed inside the server: the board may be off until `recover()`."""

    def __init__(self, source: str, seq, exc: BaseException):
        super().__init__(f"{type(exc).__name__}: {exc}")
        self.source, self.seq, self.cause = source, seq, exc


class Outcome(NamedTuple):
    """What became of one hall record."""

    status: str  # accepted | rejected | duplicate | gap
    seq: int
    code: str = ""
    message: str = ""
    expected: int = 0  # for a gap: the seq the server expects


class Writer:
    def __init__(self, store: Store, board: Board | None = None, allow_gaps: bool = False,
                 reader: Store | None = None):
        self.store = store
        self.reader = reader  # a second connection for reads while the writer's own is busy writing
        self.allow_gaps = allow_gaps
        self.board = board if board is not None else store.fold()
        self.committed = 0  # batches written so far (kept across a reset: hall sessions count on it)
        store.sealer  # read where the chain ends now, before any batch is written on another thread
        self.broken: WriterFault | None = None  # a fault since the last recover()
        self.poison: dict[tuple[str, int], str] = {}  # (source, seq) -> why it failed inside the server
        self._texts = _ResultTexts()
        self._sources_json: dict[str, str] = {}
        self._reset_from_store()

    def _reset_from_store(self) -> None:
        self.acked: dict[str, int] = self.store.acked()  # durable
        self.expected: dict[str, int] = {s: n + 1 for s, n in self.acked.items()}  # staged
        self.next_id = self.store.last_event_id() + 1
        chain = self.store.conn.execute(
            "SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        self.last_hash = chain[0] if chain else GENESIS
        self.inflight: Batch | None = None  # taken, being written
        self._new_batch()

    def _new_batch(self) -> None:
        b = self.staging = Batch(self.committed + 1 + (self.inflight is not None))
        # the hot path appends to these directly
        self.staged_rows, self.staged_runs, self.new_events = b.rows, b.runs, b.events
        self.staged_judge, self.staged_quarantine, self.staged_lines = b.judge, b.quarantine, b.lines
        self._run: list | None = None  # the run the next result may extend (see db.batch)

    def _fault(self, source: str, seq, exc: BaseException) -> WriterFault:
        fault = WriterFault(source, seq, exc)
        self.broken = self.broken or fault
        if isinstance(seq, int):
            if len(self.poison) >= POISON_LIMIT:
                self.poison.pop(next(iter(self.poison)))
            self.poison[(source, seq)] = bounded(str(fault), 120)
        return fault

    def _quarantine(self, at: float, source: str, seq, code: str, message: str, raw, digest,
                    message_zh: str = "") -> None:
        """Stage a quarantine row: the messages (English as the hall is told, Chinese for the judges) and the
        raw bytes kept are bounded (the digest covers all)."""
        self.staged_quarantine.append((at, source, seq, code, bounded(message), _bytes(raw)[:MAX_QUARANTINE_RAW],
                                       digest, bounded(message_zh)))

    @property
    def dirty(self) -> bool:
        """Something staged that is not being written yet."""
        b = self.staging
        return bool(b.rows or b.runs or b.judge or b.quarantine or b.access or self._acks_changed())

    def due(self) -> int:
        """The batch whose commit makes everything staged so far durable (`committed`: it is already)."""
        if self.dirty:
            return self.staging.number
        return self.inflight.number if self.inflight is not None else self.committed

    def _acks_changed(self) -> bool:
        done = self.inflight.acks if self.inflight else {}
        return any(done.get(s, self.acked.get(s, 0)) != n - 1 for s, n in self.expected.items())

    def _source_json(self, source: str) -> str:
        text = self._sources_json.get(source)
        if text is None:
            text = self._sources_json[source] = json_text(source)
        return text

    # --- hall records -----------------------------------------------------------
    def hall(self, source: str, rec: dict, raw=b"", at: float | None = None) -> Outcome:
        """Check, stage and fold one hall record. `raw` (its bytes for the quarantine) may be a
        function giving them: it is only called if the record is rejected."""
        seq = rec["seq"]  # the caller has checked it is a positive int
        expected = self.expected.get(source, 1)
        at = quantize(time.time() if at is None else at)
        if seq != expected:
            if seq < expected:
                try:
                    return self._resent(source, seq, rec, raw, at)
                except Exception as exc:  # reading what the file holds failed: the server's fault
                    raise self._fault(source, None, exc) from exc
            if not self.allow_gaps:
                return Outcome("gap", seq, "seq_gap", f"expected seq {expected}, got {seq}", expected)
        ev_id = self.next_id
        why = self.poison.get((source, seq))
        if why is not None:  # it failed inside the server before: kept for the judges, not folded again
            return self._reject(source, seq, at, rec, raw, Rejection(
                "unprocessable", f"record {seq} could not be processed by the server ({why}); kept in quarantine",
                f"第{seq}条记录服务器无法处理（{why}），已隔离保存"))
        try:
            ev = self.board.admit(rec, ev_id, at, source)  # the common case: checked and folded in one step
        except Exception as exc:
            raise self._fault(source, seq, exc) from exc
        if ev is None:
            try:  # the checks change nothing: whatever goes wrong in them, the record is refused
                bad: Rejection | None = self.board.check(rec)
            except Exception as exc:  # noqa: BLE001
                bad = Rejection("bad_record", f"record {seq}: unreadable content ({type(exc).__name__})",
                                f"第{seq}条记录：内容无法读取（{type(exc).__name__}）")
            if bad:
                return self._reject(source, seq, at, rec, raw, bad)
            ev = Event(ev_id, at, rec["type"], source, seq, source, record_data(rec))
            try:
                self.board.apply(ev)
            except Exception as exc:
                raise self._fault(source, seq, exc) from exc
        text = record_json(rec, ev.data)
        source_json = self._source_json(source)
        self.expected[source] = seq + 1
        self.next_id = ev_id + 1
        self.staged_rows.append(row_text(ev_id, at, ev.kind, source_json, seq, text))
        self.staged_lines.append(event_line(ev_id, at, ev.kind, source, seq, source, text, ""))
        self.new_events.append(ev)
        return Outcome("accepted", seq)

    def _reject(self, source: str, seq: int, at: float, rec: dict, raw, bad: Rejection) -> Outcome:
        self.expected[source] = seq + 1
        self._quarantine(at, source, seq, bad.code, bad.message, raw, record_digest(rec), bad.zh)
        return Outcome("rejected", seq, bad.code, bounded(bad.message))

    def hall_one(self, source: str, rec: dict, at: float) -> bool:
        """`hall_run` for a frame that holds one record: True if it was staged."""
        seq = rec.get("seq")
        if seq != self.expected.get(source, 1):
            return False
        ev_id = self.next_id
        run = self._run
        joins = (run is not None and run[RUN_NEXT_ID] == ev_id and run[RUN_NEXT_SEQ] == seq
                 and run[RUN_SOURCE] == source and at - run[RUN_AT] < RUN_SPAN)  # a burst's frames make one run
        if joins:
            at = run[RUN_AT]  # a run's events share its first arrival time, in memory as on disk
        if self.poison and (source, seq) in self.poison:
            return False  # hall() quarantines it
        try:
            ev = self.board.admit(rec, ev_id, at, source)
            if ev is None:
                return False
            text = self._texts.result(ev.data)
        except Exception as exc:
            raise self._fault(source, seq, exc) from exc
        self.expected[source] = seq + 1
        self.next_id = ev_id + 1
        if joins:
            run[RUN_DATA].append(text)
            run[RUN_NEXT_ID] = ev_id + 1
            run[RUN_NEXT_SEQ] = seq + 1
        else:
            self._run = [source, self._source_json(source), at, ev_id, seq, ev_id + 1, seq + 1, [text]]
            self.staged_runs.append(self._run)
            self.staged_lines.append(self._run)
        self.new_events.append(ev)
        return True

    def hall_run(self, source: str, recs: list, start: int, at: float) -> int:
        """The fast path of a frame: stage `recs[start:]` while each is the next seq and a result that
        `Board.admit` takes; return the index of the first record not staged (`len(recs)` if all were).
        The caller sends that one through `hall()`, which names any problem, and carries on."""
        expected = first_seq = self.expected.get(source, 1)
        ev_id = first_id = self.next_id
        admit = self.board.admit
        new = self.new_events.append
        to_text = self._texts.result
        texts: list[str] = []
        text = texts.append
        poison = self.poison
        i, n = start, len(recs)
        fault = None
        try:
            while i < n:
                rec = recs[i]
                if rec.__class__ is not dict or rec.get("seq") != expected or (poison and (source, expected) in poison):
                    break
                ev = admit(rec, ev_id, at, source)
                if ev is None:
                    break
                text(to_text(ev.data))
                new(ev)
                expected += 1
                ev_id += 1
                i += 1
        except Exception as exc:  # what came before this record stays staged, whole
            fault = self._fault(source, expected, exc)
        if texts:
            self.expected[source] = expected
            self.next_id = ev_id
            self._run = [source, self._source_json(source), at, first_id, first_seq, ev_id, expected, texts]
            self.staged_runs.append(self._run)
            self.staged_lines.append(self._run)
        if fault is not None:
            raise fault from fault.cause
        return i

    def _resent(self, source: str, seq: int, rec: dict, raw, at: float) -> Outcome:
        """A seq already handled: the same record again is a duplicate; other content is a `seq_conflict`.

        An accepted record is compared by its content (`record_content`, from the logged event);
        a rejected one by the digest of all it held (`record_digest`, kept in the quarantine).
        """
        known = self._staged(source, seq)
        if known is None:
            known = (self.reader or self.store).handled(source, seq)
        if known is None:  # acked long ago but not in this file: nothing to compare with
            return Outcome("duplicate", seq)
        if isinstance(known, str):
            same = known == record_digest(rec)
        else:
            same = same_content(event_content(known.kind, known.data), record_content(rec))
        if same:
            return Outcome("duplicate", seq)
        msg = f"seq {seq} was already used for a different record"
        self._quarantine(at, source, seq, "seq_conflict", msg, raw, record_digest(rec), f"序号{seq}已用于另一条不同的记录")
        return Outcome("rejected", seq, "seq_conflict", msg)

    def _staged(self, source: str, seq: int):
        """A record of this source and seq staged or being written: its event, or its rejection's
        digest (None: neither). Only a resend asks, so a scan is fine."""
        for batch in (self.staging, self.inflight):
            if batch is None:
                continue
            for ev in reversed(batch.events):
                if ev.seq == seq and ev.source == source:
                    return ev
            for q in batch.quarantine:
                if q[2] == seq and q[1] == source and q[3] != "seq_conflict":
                    return q[6]
        return None

    def log_access(self, at: float, peer: str, role: str | None, name: str | None, outcome: str,
                   message: str) -> None:
        """An access-log line, written with the next commit."""
        self.staging.access.append((at, peer, role, name, outcome, message))

    def quarantine_raw(self, source: str, code: str, message: str, raw: bytes, at: float | None = None,
                       message_zh: str = "") -> None:
        """Input that is not a record at all (a bad line, a broken frame): kept for the judges."""
        self._quarantine(quantize(time.time() if at is None else at), source, None, code, message, raw, None,
                         message_zh)

    # --- judge commands ---------------------------------------------------------
    def judge(self, role: str, actor: str, kind: str, data: dict, reason: str = "",
              at: float | None = None) -> Event | Rejection:
        try:  # the checks change nothing: whatever goes wrong in them, the command is refused
            bad = check_command(self.board, role, kind, data, reason, actor)
        except Exception as exc:  # noqa: BLE001
            bad = Rejection("bad_command", f"unreadable command ({type(exc).__name__})",
                            f"命令无法读取（{type(exc).__name__}）")
        if bad:
            return Rejection(bad.code, bounded(bad.message), bounded(bad.zh))
        if kind == "lock":  # the lock binds the chain's head as well as the list's digest
            data = {**data, "head": self.store.sealer.head.hex()}
        at = quantize(time.time() if at is None else at)
        body = json.dumps(data, ensure_ascii=False, sort_keys=True)
        ev_id = self.next_id
        ev = Event(ev_id, at, kind, "judge", None, actor, json.loads(body), reason)
        try:
            self.board.apply(ev)
        except Exception as exc:
            raise self._fault("judge", None, exc) from exc
        h = judge_hash(self.last_hash, ev_id, at, kind, actor, body, reason)
        self.staged_judge.append((ev_id, at, kind, "judge", None, actor, body, reason, None, self.last_hash, h))
        self.staged_lines.append(event_line(ev_id, at, kind, "judge", None, actor, data_text(ev.data), reason))
        self.last_hash = h
        self.next_id += 1
        self.new_events.append(ev)
        return ev

    # --- commit -------------------------------------------------------------------
    def flush(self) -> tuple[dict[str, int], list[Event]]:
        """Commit what is staged, here and now; return each source's new ack and the events now durable."""
        batch = self.take()
        if batch is None:
            return {}, []
        try:
            batch.write(self.store)
        except Exception:
            self.failed()
            raise
        return self.done(batch)

    def take(self) -> Batch | None:
        """What is staged, to be written (None: nothing). Staging goes on into a new batch."""
        if self.inflight is not None:
            raise RuntimeError("a batch is being written: one at a time")
        if not self.dirty:
            return None
        batch = self.staging
        batch.acks = {s: n - 1 for s, n in self.expected.items() if self.acked.get(s, 0) != n - 1}
        self.inflight = batch
        self._new_batch()
        return batch

    def done(self, batch: Batch) -> tuple[dict[str, int], list[Event]]:
        """The batch is committed: its acks hold."""
        self.acked.update(batch.acks)
        self.inflight = None
        self.committed = batch.number
        self.staging.number = self.committed + 1
        return batch.acks, batch.events

    def failed(self) -> None:
        """The batch could not be written: drop it and everything staged since (none of it is acked)."""
        self.inflight = None
        self.discard()

    def discard(self) -> None:
        """Drop what is staged and rebuild the board from what is durable."""
        self.board = self.store.fold()
        self.broken = None
        self._reset_from_store()

    def recover(self) -> None:
        """After a `WriterFault`, once no batch is being written: drop what is staged (never acked) and
        rebuild the board from the file. The faulty record is quarantined when it comes again."""
        if self.inflight is not None:
            raise RuntimeError("a batch is being written: recover once it is done")
        self.discard()


class _ResultTexts:
    """The JSON text of an admitted result's data. `Board.admit` fixed the types, so this is exactly what
    `scoreboard.events.record_json` writes (tests/test_writer.py); the escaped contestant, item and
    section are kept, as a day repeats them a hundred thousand times."""

    def __init__(self):
        self._who: dict[str, str] = {}
        self._item: dict[tuple[str, str], str] = {}

    def result(self, d: dict) -> str:
        who = d["contestant"]
        head = self._who.get(who)
        if head is None:
            head = self._who[who] = '{"contestant":%s,"item":' % _escape(who)
        key = (d["item"], d["section"])
        mid = self._item.get(key)
        if mid is None:
            mid = self._item[key] = '%s,"section":%s,"score":' % (_escape(key[0]), _escape(key[1]))
        return '%s%s%r,"max":%r}' % (head, mid, d["score"], d["max"])


def _bytes(raw) -> bytes:
    return raw() if callable(raw) else raw
