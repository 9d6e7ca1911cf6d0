"""The feeder: a thin asyncio layer over websockets around the sans-I/O cores
(`feeder.protocol` for halls, `feeder.views` for consoles and screens).

One process, one event loop, one `Writer`. Frames are handled as they arrive
(records are checked and staged in memory); about every `commit_interval`
seconds the staged batch is taken and written on the database thread (group
commit) while the loop goes on reading and checking frames; when the write
returns, and only then, acks, rejections, command results and the batch's
events go to the clients' outboxes. One batch is written at a time. Every
client has its own sender task, so a slow or stuck client only ever delays
itself. The WAL is checkpointed by a thread on its own connection
(`wal_autocheckpoint=0` on the writer), off the ack path.

While a batch is written the writer's connection belongs to the database
thread: the loop reads through a second connection (`Writer.reader`), and the
access log is written with the next batch. Screens are given the standings of
committed events only, from a second board that folds each batch once it is
written (`public_board`): the writer's board runs ahead by what is staged.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import sys
import logging
import sqlite3
import threading
import time
from collections import deque
from functools import partial
from http import HTTPStatus
from urllib.parse import urlsplit

from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from db.store import Store, writer_lock
from db.writer import Writer

from . import protocol as P
from . import views as V
from .health import Rates, health_message
from .tokens import Tokens

log = logging.getLogger("feeder")
HELLO_TIMEOUT = 5.0
GC_YOUNG = 50_000  # allocations between collections of the youngest generation while serving


class _Hall:
    def __init__(self, ws, session: P.HallSession, peer: str):
        self.ws, self.session, self.peer = ws, session, peer
        self.outbox = V.HallOutbox()


class _View:
    def __init__(self, ws, role: str, name: str, peer: str, queue: int):
        self.ws, self.role, self.name, self.peer = ws, role, name, peer
        self.outbox = V.DisplayOutbox() if role == "display" else V.JudgeOutbox(queue)


class Feeder:
    def __init__(self, db_path, tokens: Tokens, host: str = "127.0.0.1", port: int = 8765, ssl=None,
                 commit_interval: float = 0.005, *, frame_limit: int = P.FRAME_LIMIT,
                 hello_timeout: float = HELLO_TIMEOUT, checkpoint_interval: float = 1.0,
                 health_interval: float = 1.0, public_min_interval: float = 0.025, lang: str = "zh",
                 judge_queue: int = V.JUDGE_QUEUE):
        self.db_path = str(db_path)
        self.tokens = tokens
        self.host, self.port, self.ssl = host, port, ssl
        self.commit_interval = commit_interval
        self.frame_limit = frame_limit
        self.hello_timeout = hello_timeout
        self.checkpoint_interval = checkpoint_interval
        self.health_interval = health_interval
        self.public_min_interval = public_min_interval
        self.lang = lang
        self.judge_queue = judge_queue
        self.halls: dict[str, _Hall] = {}
        self.views: set[_View] = set()
        self.results: list[tuple[_View, object, int, int]] = []  # command results waiting for their batch
        self.storage_error: str | None = None
        self.commits = 0
        self.last_heard: dict[str, float] = {}  # source -> when a hall that has left last sent a frame
        self._work = asyncio.Event()
        self._last_commit = 0.0
        self._public_dirty = True
        self._public_soon = False
        self._public_frame: bytes | None = None
        self._next_public = 0.0
        self._tasks: list[asyncio.Task] = []
        self._stop_checkpoint = threading.Event()
        self._server = None
        self._lock = None
        self._stopped = asyncio.Event()
        self._db = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="db")
        self._writing: asyncio.Future | None = None  # the batch being written
        self._public_pending: list = []  # committed events the public board has yet to fold
        self._rows_cache: dict = {}  # the public standings' rows, rebuilt only when they change

    # --- lifecycle -------------------------------------------------------------------
    async def start(self) -> int:
        """Open the database (holding the writer lock), start serving; return the bound port."""
        self._lock = contextlib.ExitStack()
        self._lock.enter_context(writer_lock(self.db_path))
        try:
            self.store = Store(self.db_path)
            self.store.conn.execute("PRAGMA wal_autocheckpoint=0")
            self.reader = Store(self.db_path)
            board = self.store.board()
            events = list(self.store.events())
            board.apply_all(events)
            self.public_board = self.store.board()
            self.public_board.apply_all(events)
            self.contestants = self.store.contestants()
            self.writer = Writer(self.store, board, reader=self.reader)
            self.rates = Rates(self._counts())
            self.log = V.PackedLog(events)
            self.latest = deque((ev for ev in events if ev.source != "judge"), maxlen=V.LATEST)
            self.quarantine = [V.quarantine_row(q) for q in self.store.quarantined()]
            self.rules_text = self.store.meta("rules")
            self._checkpointer = threading.Thread(target=self._checkpoint_loop, name="checkpoint", daemon=True)
            self._checkpointer.start()
            self._server = await serve(
                self._handler, self.host, self.port, ssl=self.ssl, compression=None,
                max_size=P.HARD_FACTOR * self.frame_limit, open_timeout=self.hello_timeout,
                process_request=self._process_request, server_header="scoreboard-feeder",
            )
        except BaseException:
            self._lock.close()
            raise
        self.port = self._server.sockets[0].getsockname()[1]
        # A thread waiting for the GIL gets it after this long at most: the database thread needs it a
        # few times per commit, and the default (5 ms) would add that much to every ack, several times.
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, 0.0005))
        # Every record leaves an event and its data behind: with the default threshold (700) the
        # collector would run every few frames and walk the whole day's log; what was loaded at start
        # is frozen out of its sight and collections come every GC_YOUNG allocations instead.
        self._gc = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(GC_YOUNG, *self._gc[1:])
        self._tasks = [asyncio.create_task(self._commit_loop(), name="commit"),
                       asyncio.create_task(self._health_loop(), name="health")]
        log.info("feeder on %s:%s, %s", self.host, self.port, self.db_path)
        return self.port

    def request_stop(self) -> None:
        """Ask `serve_forever()` to stop (from a signal handler, say)."""
        self._stopped.set()

    async def serve_forever(self) -> None:
        if self._server is None:
            await self.start()
        try:
            await self._stopped.wait()
        finally:
            await self.stop()

    async def stop(self) -> None:
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close()
        await server.wait_closed()
        for t in self._tasks:
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        while self._writing is not None:  # the batch being written ends first
            with contextlib.suppress(Exception):
                await asyncio.shield(self._writing)
            await asyncio.sleep(0)
        with contextlib.suppress(Exception):
            self.writer.flush()  # staged work is not lost (it was never acked; halls resend anyway)
        self._db.shutdown()
        sys.setswitchinterval(self._switch)
        gc.set_threshold(*self._gc)
        gc.unfreeze()
        self._stop_checkpoint.set()
        await asyncio.to_thread(self._checkpointer.join, 5)
        self.reader.close()
        self.store.close()
        self._lock.close()
        self._stopped.set()

    def _checkpoint_loop(self) -> None:
        conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
        try:
            while not self._stop_checkpoint.wait(self.checkpoint_interval):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:
                    log.warning("checkpoint failed: %s", exc)
        finally:
            conn.close()

    # --- connections -----------------------------------------------------------------
    def _process_request(self, connection, request):
        if urlsplit(request.path).path != "/feed":
            return connection.respond(HTTPStatus.NOT_FOUND, "the scoreboard feed is at /feed\n")
        return None

    async def _handler(self, ws) -> None:
        peer = _peer(ws)
        try:
            first = await asyncio.wait_for(ws.recv(), self.hello_timeout)
        except (TimeoutError, asyncio.TimeoutError):
            self._log_access(peer, None, None, "refused", "no hello in time")
            await _send_and_close(ws, P.error("bad_hello", f"no hello within {self.hello_timeout:g} s"))
            return
        except ConnectionClosed:
            return
        try:
            hello = P.check_hello(self.tokens, first, self.frame_limit)
        except P.ProtocolError as exc:
            role, name = _peek(first)
            self._log_access(peer, role, name, "refused", f"{exc.code}: {exc.message}")
            await _send_and_close(ws, exc.frame())
            return
        self._log_access(peer, hello.role, hello.source, "ok", "login")
        try:
            if hello.role == "hall":
                await self._hall(ws, hello.source, peer)
            else:
                await self._view(ws, hello.role, hello.source, peer)
        except ConnectionClosed:
            pass

    def _log_access(self, peer, role, name, outcome, message) -> None:
        (log.info if outcome == "ok" else log.warning)("access %s: %s %s/%s: %s", outcome, peer, role, name, message)
        self.writer.log_access(time.time(), peer, role, name, outcome, message)  # written with the next batch
        self._work.set()

    async def _hall(self, ws, source: str, peer: str) -> None:
        old = self.halls.get(source)
        if old is not None:
            old.session.closing = P.ProtocolError("replaced", "this source logged in again on another connection")
            old.outbox.close_with(old.session.closing.frame())
        conn = _Hall(ws, P.HallSession(self.writer, source, self.frame_limit), peer)
        self.halls[source] = conn
        await ws.send(P.welcome(source, self.writer.acked.get(source, 0)))
        sender = asyncio.create_task(self._sender(conn))
        try:
            w = self.writer
            session = conn.session
            async for frame in ws:
                session.receive(frame)
                if session.due <= w.committed and session.waiting:  # a duplicate of durable records
                    self._answer(conn)
                self._work.set()
                if time.monotonic() - self._last_commit >= self.commit_interval:
                    self.commit()  # frames that arrive back to back never yield: commit on time anyway
                if conn.session.closing is not None:
                    break
            if conn.session.closing is not None:
                await sender  # it sends the acks, then the error, then closes
        finally:
            sender.cancel()
            if conn.session.last_at:
                self.last_heard[source] = conn.session.last_at
            if self.halls.get(source) is conn:
                del self.halls[source]

    async def _view(self, ws, role: str, name: str, peer: str) -> None:
        client = _View(ws, role, name, peer, self.judge_queue)
        await ws.send(P.welcome(name, 0, role))
        self.views.add(client)
        if role == "display":
            if self._public_frame is not None and not self._public_dirty:
                client.outbox.put(self._public_frame)
            else:
                self._next_public = 0.0
                self._public_dirty = True
                self._work.set()
        sender = asyncio.create_task(self._sender(client))
        try:
            async for frame in ws:
                try:
                    msg = P.decode_frame(frame, self.frame_limit)
                    kind = msg.get("type")
                    if kind in P.FRAME_TYPES:
                        raise P.ProtocolError("forbidden", f"role '{role}' may not send hall records")
                    if kind != "command":
                        raise P.ProtocolError("unknown_type", f"unknown frame type {kind!r} (expected command)")
                except P.ProtocolError as exc:
                    client.outbox.close_with(exc.frame())
                    await sender
                    return
                self._command(client, msg)
        finally:
            sender.cancel()
            self.views.discard(client)

    def _command(self, client: _View, msg: dict) -> None:
        try:
            cmd = V.parse_command(msg)
        except V.CommandError as exc:
            client.outbox.put_urgent(V.result_err(exc.id, exc.code, exc.message))
            return
        try:
            res = self.writer.judge(client.role, client.name, cmd.kind, cmd.data, cmd.reason)
        except (TypeError, ValueError) as exc:
            client.outbox.put_urgent(V.result_err(cmd.id, "bad_command", f"unreadable command data ({exc})"))
            return
        if hasattr(res, "id"):
            self.results.append((client, cmd.id, res.id, self.writer.staging.number))
            self._work.set()
        else:
            client.outbox.put_urgent(V.result_err(cmd.id, res.code, res.message))

    async def _sender(self, c) -> None:
        """Drain one client's outbox into its socket; build a judge's snapshot only when it can be sent."""
        box, ws = c.outbox, c.ws
        with contextlib.suppress(ConnectionClosed):
            await self._drain(box, ws)

    async def _drain(self, box, ws) -> None:
        while True:
            await box.wake.wait()
            box.wake.clear()
            while (frame := box.pop(self._snapshot_frame)) is not None:
                await ws.send(frame)
            if box.closing is not None:
                if box.closing:
                    await ws.send(box.closing)
                await ws.close()
                return

    def _snapshot_frame(self) -> bytes:
        return V.snapshot_frame(self.rules_text, self.contestants, self.log, self.quarantine)

    # --- group commit ------------------------------------------------------------------
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
            self._public_pending.extend(events)
            self._public_dirty = True
        if batch.quarantined:
            items = batch.quarantined
            self.quarantine.extend(items)
            self._to_judges(P.pack({"type": "quarantine", "items": items}))
        if self.results:
            done = [r for r in self.results if r[3] <= w.committed]
            self.results = [r for r in self.results if r[3] > w.committed]
            for client, cid, event_id, _n in done:
                client.outbox.put_urgent(V.result_ok(cid, event_id))
        self._public_later()
        if w.dirty:
            self._work.set()  # the next batch is already waiting

    def _public_later(self) -> None:
        if self._public_dirty and not self._public_soon:
            self._public_soon = True  # after the senders have had their turn: acks first, then the screens
            asyncio.get_running_loop().call_soon(self._maybe_public)

    def _answer(self, conn: _Hall) -> None:
        s = conn.session
        frames = s.after_commit()
        if s.closed:
            conn.outbox.put_frames(frames[:-1], ack_last=False)
            conn.outbox.close_with(frames[-1])
        else:
            conn.outbox.put_frames(frames, ack_last=True)

    def _commit_failed(self, exc: BaseException) -> None:
        msg = f"{type(exc).__name__}: {exc}"
        self.storage_error = msg
        log.error("COMMIT FAILED, nothing staged was acknowledged; halls must resend: %s", msg)
        for conn in list(self.halls.values()):
            conn.outbox.close_with(conn.session.commit_failed(msg))
        for client, cid, _id, _n in self.results:
            client.outbox.put_urgent(V.result_err(cid, "storage", f"not stored: {msg}"))
        self.results.clear()
        self._to_judges(P.pack({"type": "error", "code": "storage", "message": msg}))
        self._public_dirty = True

    def _to_judges(self, frame: bytes) -> None:
        for v in self.views:
            if v.role != "display":
                v.outbox.put(frame)

    def _maybe_public(self) -> None:
        self._public_soon = False
        if not self._public_dirty or not any(v.role == "display" for v in self.views):
            return
        now = time.monotonic()
        if now < self._next_public:
            asyncio.get_running_loop().call_at(self._next_public, self._work.set)
            return
        board = self.public_board
        board.apply_all(self._public_pending)
        self._public_pending = []
        latest = [V.latest_row(board, ev) for ev in self.latest]
        frame = P.pack(V.public_state(board, latest, self.lang, self._rows_cache))
        cost = time.monotonic() - now
        self._next_public = now + max(self.public_min_interval, 2 * cost)
        self._public_frame = frame
        self._public_dirty = False
        for v in self.views:
            if v.role == "display":
                v.outbox.put(frame)

    # --- health ------------------------------------------------------------------------
    def health(self) -> dict:
        return health_message(self.tokens.names("hall"), self.halls, self.writer.acked, self._counts(), self.rates,
                              self.last_heard, self.storage_error, self.commits, len(self.views))

    def _counts(self) -> dict[str, int]:
        return {s: n - 1 for s, n in self.writer.expected.items()}

    async def _health_loop(self) -> None:
        while True:
            await asyncio.sleep(self.health_interval)
            message = self.health()  # samples the rates even when no judge is listening
            if any(v.role != "display" for v in self.views):
                self._to_judges(P.pack(message))


def _peer(ws) -> str:
    addr = ws.remote_address
    if isinstance(addr, tuple) and len(addr) >= 2:
        return f"{addr[0]}:{addr[1]}"
    return str(addr)


def _peek(frame) -> tuple[str | None, str | None]:
    """Best effort: the role and name a refused hello claimed, for the access log."""
    try:
        msg = P.unpack(frame) if isinstance(frame, bytes) else None
    except Exception:  # noqa: BLE001
        return None, None
    if not isinstance(msg, dict):
        return None, None
    role, name = msg.get("role"), msg.get("source")
    return (str(role)[:40] if role is not None else None), (str(name)[:80] if name is not None else None)


async def _send_and_close(ws, frame: bytes) -> None:
    with contextlib.suppress(ConnectionClosed):
        await ws.send(frame)
        await ws.close()
