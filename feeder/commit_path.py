"""The feeder's commit path: group commit, and every answer that waits for it (feeder/server.py's `Feeder`).

About every `commit_interval` seconds what the hall sessions and the judges' commands have staged is
taken as one batch and written on the database thread while the loop goes on reading frames; one batch
is written at a time. When the write returns, and only then: halls get their acks and rejections, judges
their command results and the batch's events, screens a new public state (at most every
`public_min_interval`, after the acks). A failed write acknowledges nothing: halls are told and closed
(they resend), judges are told, and ingest resumes with the next commit that succeeds.

A mixin: it reads the connections and the writer the `Feeder` holds (`writer`, `store`, `halls`, `views`,
`results`, `log`, `latest`, `public`, `quarantine`, the `_work` event and the `_db` thread), and calls
back its `_urgent` and `_not_reading` for a client that must be answered at once or closed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from functools import partial

from db.writer import WriterFault
from scoreboard.limits import bounded

from . import protocol as P
from . import views as V
from .connections import Hall

log = logging.getLogger("feeder")


class CommitPath:
    async def _commit_loop(self) -> None:
        while True:
            await self._work.wait()
            delay = self._last_commit + self.commit_interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self._work.clear()
            self.commit()

    def commit(self) -> None:
        """Start writing what is staged, unless a batch is being written (its end calls for the next)."""
        if self._writing is not None:
            return
        self._last_commit = time.monotonic()
        batch = self.writer.take()
        if batch is None:
            self._public_later()  # a screen that just connected, say
            return
        self._writing = asyncio.get_running_loop().run_in_executor(self._db, batch.write, self.store)
        self._writing.add_done_callback(partial(self._written, batch))

    def _written(self, batch, fut: asyncio.Future) -> None:
        """A batch's write returned: answer halls and judges, or report the failure."""
        self._writing = None
        w = self.writer
        exc = fut.exception() if not fut.cancelled() else RuntimeError("the write was cancelled")
        if exc is not None:
            w.failed()
            self._commit_failed(exc)
            return
        if w.broken is not None:  # staging failed while this batch was written: it holds, what came after not
            self._answer_batch(batch)
            self._recover()
            return
        self._answer_batch(batch)
        self._public_later()
        if w.dirty:
            self._work.set()  # the next batch is already waiting

    def _answer_batch(self, batch) -> None:
        """A batch is committed: answer halls and judges, tell the screens."""
        w = self.writer
        _acks, events = w.done(batch)
        if self.storage_error:
            log.warning("storage is back: commits succeed again")
            self.storage_error = None
        self.commits += 1
        for conn in list(self.halls.values()):
            if conn.session.waiting:
                self._answer(conn)
        if events:
            judges = any(v.role != "display" for v in self.views)
            frame = self.log.add(events, frame=judges)
            if judges:
                self._to_judges(frame)
            self.latest.extend(V.last_hall_events(events))
            self.public.committed(events)
        if batch.quarantined:
            items = batch.quarantined
            self.quarantine.extend(items)
            self.quarantine_total += len(items)
            if len(self.quarantine) > 2 * V.QUARANTINE_KEPT:
                del self.quarantine[:-V.QUARANTINE_KEPT]
            self._to_judges(P.pack({"type": "quarantine", "items": items}))
        if self.results:
            done = [r for r in self.results if r[3] <= w.committed]
            self.results = [r for r in self.results if r[3] > w.committed]
            for client, cid, event_id, _n in done:
                self._urgent(client, V.result_ok(cid, event_id))

    def _public_later(self) -> None:
        if self.public.dirty and not self._public_soon:
            self._public_soon = True  # after the senders have had their turn: acks first, then the screens
            asyncio.get_running_loop().call_soon(self._maybe_public)

    def _answer(self, conn: Hall) -> None:
        s = conn.session
        if conn.outbox.closing is not None:
            return  # being closed (replaced, not reading)
        frames = s.after_commit()
        if s.closed:
            conn.outbox.put_frames(frames[:-1], ack_last=False)
            conn.outbox.close_with(frames[-1])
        else:
            conn.outbox.put_frames(frames, ack_last=True)
            if conn.outbox.overflowing:
                self._not_reading(conn, f"{conn.outbox.bytes} bytes of replies unread")

    def _writer_fault(self, fault: WriterFault) -> None:
        """Staging failed inside the server: drop what is staged, as after a failed commit, once the batch
        being written (if any) is done (`_written` then calls `_recover`)."""
        log.error("staging failed (%s seq %s): %s", fault.source, fault.seq, fault, exc_info=fault.cause)
        if self._writing is None:
            self._recover()

    def _recover(self) -> None:
        fault = self.writer.broken
        self.writer.recover()
        self._commit_failed(fault, code="internal")

    def _commit_failed(self, exc: BaseException, code: str = "storage") -> None:
        msg = bounded(f"{type(exc).__name__}: {exc}" if not isinstance(exc, WriterFault) else str(exc))
        if code == "storage":
            self.storage_error = msg
            log.error("COMMIT FAILED, nothing staged was acknowledged; halls must resend: %s", msg)
        for conn in list(self.halls.values()):
            conn.outbox.close_with(conn.session.commit_failed(msg, code))
        for client, cid, _id, _n in self.results:
            self._urgent(client, V.result_err(cid, code, f"not recorded: {msg}", f"未记录：{msg}"))
        self.results.clear()
        self._to_judges(P.pack({"type": "error", "code": code, "message": msg}))
        self.public.invalidate()

    def _to_judges(self, frame: bytes) -> None:
        for v in self.views:
            if v.role != "display":
                v.outbox.put(frame)

    def _maybe_public(self) -> None:
        self._public_soon = False
        if not self.public.dirty or not any(v.role == "display" for v in self.views):
            return
        if time.monotonic() < self.public.next_at:
            asyncio.get_running_loop().call_at(self.public.next_at, self._work.set)
            return
        frame = self.public.build(list(self.latest))
        for v in self.views:
            if v.role == "display":
                v.outbox.put(frame)
