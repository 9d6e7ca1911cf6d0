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
committed events only (`feeder.public.PublicState`).

This module holds the lifecycle, the connections (hello, hall and view sessions,
judges' commands) and health; the commit path and the answers that wait for it
are `feeder.commit_path.CommitPath`, which `Feeder` is made of.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import time
from collections import deque
from http import HTTPStatus
from urllib.parse import urlsplit

from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from db.store import Checkpointer, Store, StoreError, writer_lock
from db.verify import verify
from db.writer import Writer, WriterFault
from scoreboard.limits import MAX_COMMAND_BYTES, bounded

from . import protocol as P
from . import tuning
from . import views as V
from .access import AccessLimiter
from .commit_path import CommitPath
from .connections import Hall, View, abort_later, peek_hello, peer_of, send_and_close, sender
from .health import Rates, health_message
from .public import PublicState
from .tokens import Tokens

log = logging.getLogger("feeder")
HELLO_TIMEOUT = 5.0


class Feeder(CommitPath):
    def __init__(self, db_path, tokens: Tokens, host: str = "127.0.0.1", port: int = 8765, ssl=None,
                 commit_interval: float = 0.005, *, frame_limit: int = P.FRAME_LIMIT,
                 hello_timeout: float = HELLO_TIMEOUT, checkpoint_interval: float = 1.0,
                 health_interval: float = 1.0, public_min_interval: float = 0.025, lang: str = "zh",
                 judge_queue: int = V.JUDGE_QUEUE, allow_unverified: bool = False):
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
        self.allow_unverified = allow_unverified
        self.integrity: dict | None = None  # the file's verification at start (db.verify), for the judges
        self.access = AccessLimiter()
        self.halls: dict[str, Hall] = {}
        self.views: set[View] = set()
        self.results: list[tuple[View, object, int, int]] = []  # command results waiting for their batch
        self.storage_error: str | None = None
        self.commits = 0
        self.last_heard: dict[str, float] = {}  # source -> when a hall that has left last sent a frame
        self._work = asyncio.Event()
        self._last_commit = 0.0
        self._public_soon = False
        self._tasks: list[asyncio.Task] = []
        self._server = None
        self._lock = None
        self._stopped = asyncio.Event()
        self._db = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="db")
        self._writing: asyncio.Future | None = None  # the batch being written

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
            self._verify(board)
            public_board = self.store.board()
            public_board.apply_all(events)
            self.public = PublicState(public_board, self.lang, self.public_min_interval)
            self.contestants = self.store.contestants()
            self.writer = Writer(self.store, board, reader=self.reader)
            self.rates = Rates(self._counts())
            self.log = V.PackedLog(events)
            self.latest = deque((ev for ev in events if ev.source != "judge"), maxlen=V.LATEST)
            self.quarantine = [V.quarantine_row(q) for q in self.store.quarantine_rows(V.QUARANTINE_KEPT)]
            self.quarantine_total = self.store.quarantine_count()
            self.rules_text = self.store.meta("rules")
            self._checkpointer = Checkpointer(self.db_path, self.checkpoint_interval)
            self._server = await serve(
                self._handler, self.host, self.port, ssl=self.ssl, compression=None,
                max_size=P.HARD_FACTOR * self.frame_limit, open_timeout=self.hello_timeout,
                process_request=self._process_request, server_header="scoreboard-feeder",
            )
        except BaseException:
            for store in (getattr(self, "store", None), getattr(self, "reader", None)):
                if store is not None:
                    store.close()
            self._lock.close()
            raise
        self.port = self._server.sockets[0].getsockname()[1]
        tuning.begin()  # a short switch interval for the database thread; the collector off the day's log
        self._tasks = [asyncio.create_task(self._commit_loop(), name="commit"),
                       asyncio.create_task(self._health_loop(), name="health")]
        log.info("feeder on %s:%s, %s", self.host, self.port, self.db_path)
        return self.port

    def _verify(self, board) -> None:
        """Check the file against its seals before serving it (db/verify.py): a file that fails is refused,
        unless `allow_unverified`, and then every judge's console says so."""
        report = verify(self.store, board=board)
        self.integrity = {"ok": report.ok, "head": report.head, "problem": report.first(self.lang),
                          "problems": len(report.problems) + report.more}
        if report.ok:
            return
        log.error("the contest file fails verification: %s", report.first(self.lang))
        if not self.allow_unverified:
            raise StoreError(
                (f"{self.db_path}：文件校验失败，不能开启数据服务：{report.first('zh')}。"
                 "请运行 scoreboard verify 查看；确需继续时加 --allow-unverified（各裁判台会显示校验失败）")
                if self.lang == "zh" else
                (f"{self.db_path}: the file fails verification, so it is not served: {report.first('en')}. "
                 "Run 'scoreboard verify'; to serve it anyway, add --allow-unverified (every console says so)"))

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
        tuning.end()
        await asyncio.to_thread(self._checkpointer.stop)
        self.reader.close()
        self.store.close()
        self._lock.close()
        self._stopped.set()

    # --- connections -----------------------------------------------------------------
    def _process_request(self, connection, request):
        if urlsplit(request.path).path != "/feed":
            return connection.respond(HTTPStatus.NOT_FOUND, "the scoreboard feed is at /feed\n")
        return None

    async def _handler(self, ws) -> None:
        peer = peer_of(ws)
        try:
            first = await asyncio.wait_for(ws.recv(), self.hello_timeout)
        except (TimeoutError, asyncio.TimeoutError):
            self._log_access(peer, None, None, "refused", "no hello in time")
            await send_and_close(ws, P.error("bad_hello", f"no hello within {self.hello_timeout:g} s"))
            return
        except ConnectionClosed:
            return
        try:
            hello = P.check_hello(self.tokens, first, self.frame_limit)
        except P.ProtocolError as exc:
            role, name = peek_hello(first)
            self._log_access(peer, role, name, "refused", f"{exc.code}: {exc.message}")
            await send_and_close(ws, exc.frame())
            return
        if hello.role != "hall":
            ws.max_message_size = P.HARD_FACTOR * MAX_COMMAND_BYTES  # consoles and screens send small commands
        self._log_access(peer, hello.role, hello.source, "ok", "login")
        try:
            if hello.role == "hall":
                await self._hall(ws, hello.source, peer)
            else:
                await self._view(ws, hello.role, hello.source, peer)
        except ConnectionClosed:
            pass

    def _log_access(self, peer, role, name, outcome, message) -> None:
        """A login in the access log (written with the next batch); refusals at a bounded rate per host."""
        now = time.time()
        if outcome != "ok" and not self.access.allow(peer, now):
            return  # counted; `_access_summaries` says how many were left out
        (log.info if outcome == "ok" else log.warning)("access %s: %s %s/%s: %s", outcome, peer, role, name, message)
        self.writer.log_access(now, peer, role, name, outcome, bounded(message))
        self._work.set()

    def _access_summaries(self) -> None:
        for host, n in self.access.summaries(time.time()):
            log.warning("access: %d more refused logins from %s in the last minute (not logged one by one)", n, host)
            self.writer.log_access(time.time(), host, None, None, "refused",
                                   f"{n} more refused logins in a minute, not logged one by one")
            self._work.set()

    async def _hall(self, ws, source: str, peer: str) -> None:
        old = self.halls.get(source)
        if old is not None:
            old.session.closing = P.ProtocolError("replaced", "this source logged in again on another connection")
            old.outbox.close_with(old.session.closing.frame())
        conn = Hall(ws, P.HallSession(self.writer, source, self.frame_limit), peer)
        self.halls[source] = conn
        await ws.send(P.welcome(source, self.writer.acked.get(source, 0)))
        sending = asyncio.create_task(sender(conn, self._snapshot_frame))
        try:
            w = self.writer
            session = conn.session
            async for frame in ws:
                try:
                    session.receive(frame)
                except WriterFault as fault:
                    self._writer_fault(fault)
                    await sending  # `_recover` (now, or once the batch being written is done) closes it
                    return
                if session.due <= w.committed and session.waiting:  # a duplicate of durable records
                    self._answer(conn)
                self._work.set()
                if time.monotonic() - self._last_commit >= self.commit_interval:
                    self.commit()  # frames that arrive back to back never yield: commit on time anyway
                if conn.session.closing is not None:
                    break
            if conn.session.closing is not None:
                await sending  # it sends the acks, then the error, then closes
        finally:
            sending.cancel()
            if conn.session.last_at:
                self.last_heard[source] = conn.session.last_at
            if self.halls.get(source) is conn:
                del self.halls[source]

    async def _view(self, ws, role: str, name: str, peer: str) -> None:
        client = View(ws, role, name, peer, self.judge_queue)
        await ws.send(P.welcome(name, 0, role))
        self.views.add(client)
        if role == "display":
            frame = self.public.current()
            if frame is not None:
                client.outbox.put(frame)
            else:
                self.public.invalidate(now_too=True)
                self._work.set()
        sending = asyncio.create_task(sender(client, self._snapshot_frame))
        try:
            async for frame in ws:
                try:
                    msg = P.decode_frame(frame, MAX_COMMAND_BYTES)
                    kind = msg.get("type")
                    if kind in P.FRAME_TYPES:
                        raise P.ProtocolError("forbidden", f"role '{role}' may not send hall records")
                    if kind != "command":
                        raise P.ProtocolError("unknown_type", f"unknown frame type {kind!r} (expected command)")
                except P.ProtocolError as exc:
                    client.outbox.close_with(exc.frame())
                    await sending
                    return
                self._command(client, msg)
        finally:
            sending.cancel()
            self.views.discard(client)

    def _command(self, client: View, msg: dict) -> None:
        try:
            cmd = V.parse_command(msg)
        except V.CommandError as exc:
            self._urgent(client, V.result_err(exc.id, exc.code, exc.message, exc.zh))
            return
        try:
            res = self.writer.judge(client.role, client.name, cmd.kind, cmd.data, cmd.reason)
        except WriterFault as fault:
            self._urgent(client, V.result_err(cmd.id, "internal", f"not recorded: {fault}", f"未记录：{fault}"))
            self._writer_fault(fault)
            return
        if hasattr(res, "id"):
            self.results.append((client, cmd.id, res.id, self.writer.staging.number))
            self._work.set()
        else:
            self._urgent(client, V.result_err(cmd.id, res.code, res.message, res.zh))

    def _urgent(self, client, frame: bytes) -> None:
        client.outbox.put_urgent(frame)
        if client.outbox.overflowing:
            self._not_reading(client, f"{V.URGENT_LIMIT} command results left unread")

    def _not_reading(self, client, what: str) -> None:
        """Close a client that leaves its replies unread (its outbox is full): it is told why if it ever
        reads again, and its connection is cut after a second in any case."""
        box = client.outbox
        if box.closing is not None:
            return
        name = getattr(client, "name", None) or getattr(getattr(client, "session", None), "source", "?")
        log.warning("closing %s (%s): it does not read its replies (%s)", name, client.peer, what)
        if isinstance(client, Hall):
            client.session.closing = client.session.closing or P.ProtocolError("not_reading", what)
        box.queue.clear()
        box.close_with(P.error("not_reading", f"closed: you do not read the server's replies ({what})"))
        abort_later(client.ws, 1.0)

    def _snapshot_frame(self) -> bytes:
        return V.snapshot_frame(self.rules_text, self.contestants, self.log, self.quarantine, self.quarantine_total,
                                self.integrity)

    # --- health ------------------------------------------------------------------------
    def health(self) -> dict:
        message = health_message(self.tokens.names("hall"), self.halls, self.writer.acked, self._counts(),
                                 self.rates, self.last_heard, self.storage_error, self.commits, len(self.views))
        message["integrity"] = self.integrity
        return message

    def _counts(self) -> dict[str, int]:
        return {s: n - 1 for s, n in self.writer.expected.items()}

    async def _health_loop(self) -> None:
        while True:
            await asyncio.sleep(self.health_interval)
            self._access_summaries()
            message = self.health()  # samples the rates even when no judge is listening
            if any(v.role != "display" for v in self.views):
                self._to_judges(P.pack(message))
