"""The client library: exam halls (`HallClient`), judges' consoles and screens
(`ViewClient`). Nothing in `display/` speaks raw websockets; it uses these.

HallClient keeps every record it was given until the server acknowledges it,
sends without waiting for acks (pipelined, bounded by `window`), and after a
lost connection reconnects and resends from the `welcome`'s `acked` + 1.

ViewClient returns the first state on `connect()` (a `snapshot` for judges, a
`public` state for screens), then yields later messages as an async iterator.
After a lost connection it yields `{"type": "disconnected", ...}`, then `{"type": "reconnecting", "attempt",
"error", "retry_in"}` after each failed try, reconnects
and yields a fresh `snapshot` (or `public`), so a consumer must accept a
snapshot at any time. Public states are latest-wins on the client side too.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import deque

from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from .protocol import PROTOCOL_VERSION, pack, unpack

log = logging.getLogger("feeder.client")
FATAL = ("unauthorized", "bad_hello")


class FeedError(Exception):
    """The server refused us (a wrong token, say); retrying will not help."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


async def _open(url: str, ssl, role: str, name: str, token: str, open_timeout: float):
    kwargs = {"ssl": ssl} if ssl is not None else {}
    ws = await ws_connect(url, compression=None, max_size=None, open_timeout=open_timeout,
                          ping_interval=20, ping_timeout=20, **kwargs)
    try:
        await ws.send(pack({"type": "hello", "protocol": PROTOCOL_VERSION, "role": role, "source": name,
                            "token": token}))
        msg = unpack(await asyncio.wait_for(ws.recv(), open_timeout))
    except BaseException:
        await ws.close()
        raise
    if not isinstance(msg, dict) or msg.get("type") != "welcome":
        await ws.close()
        code = msg.get("code", "bad_reply") if isinstance(msg, dict) else "bad_reply"
        raise FeedError(code, msg.get("message", repr(msg)) if isinstance(msg, dict) else repr(msg))
    return ws, msg


class HallClient:
    """An exam hall's side of docs/protocol.md."""

    def __init__(self, url: str, source: str, token: str, *, ssl=None, window: int = 50_000, batch: int = 100,
                 reconnect: bool = True, open_timeout: float = 5.0, max_backoff: float = 2.0):
        self.url, self.source, self.token, self.ssl = url, source, token, ssl
        self.window, self.batch, self.reconnect = window, batch, reconnect
        self.open_timeout, self.max_backoff = open_timeout, max_backoff
        self.acked = 0
        self.last_seq = 0  # the highest seq given to send()
        self.rejections: dict[int, tuple[str, str]] = {}
        self.errors: list[dict] = []
        self.connects = 0
        self.fatal: FeedError | None = None
        self._records: dict[int, dict] = {}  # unacked, by seq
        self._sent = 0  # highest seq sent on the current connection
        self._ws = None
        self._ready = asyncio.Event()  # connected, and the backlog resent
        self._progress = asyncio.Event()  # acked moved (or something failed)
        self._task: asyncio.Task | None = None
        self._first: asyncio.Future | None = None

    @property
    def connected(self) -> bool:
        return self._ready.is_set()

    async def connect(self) -> int:
        """Connect (and keep reconnecting in the background); return the server's `acked`."""
        self._first = asyncio.get_running_loop().create_future()
        self._task = asyncio.create_task(self._run(), name=f"hall-{self.source}")
        await self._first
        return self.acked

    async def _run(self) -> None:
        delay = 0.05
        while True:
            try:
                ws, welcome = await _open(self.url, self.ssl, "hall", self.source, self.token, self.open_timeout)
            except FeedError as exc:
                if exc.code in FATAL:
                    self._fail(exc)
                    return
                ws = None
            except (OSError, InvalidHandshake, InvalidURI, ConnectionClosed, asyncio.TimeoutError) as exc:
                if self._first and not self._first.done() and isinstance(exc, InvalidURI):
                    self._fail(FeedError("bad_url", str(exc)))
                    return
                ws = None
            if ws is not None:
                delay = 0.05
                self.connects += 1
                await self._session(ws, welcome)
            if self.fatal:
                return
            if not self.reconnect:
                self._fail(FeedError("disconnected", "the connection was lost"))
                return
            await asyncio.sleep(delay)
            delay = min(self.max_backoff, delay * 2)

    def _fail(self, exc: FeedError) -> None:
        self.fatal = exc
        self._progress.set()
        if self._first and not self._first.done():
            self._first.set_exception(exc)

    async def _session(self, ws, welcome: dict) -> None:
        server_acked = int(welcome.get("acked", 0))
        if server_acked < self.acked:
            await ws.close()
            self.reconnect = False
            self._fail(FeedError("acked_behind", f"the server acknowledges up to {server_acked}, but it had "
                                 f"acknowledged up to {self.acked}: is this the same contest database?"))
            return
        self._ws = ws
        self._set_acked(server_acked)
        if self._first and not self._first.done():
            self._first.set_result(self.acked)
        reader = asyncio.create_task(self._read(ws))
        try:
            self._sent = self.acked
            while self._sent < self.last_seq:  # the backlog, in batches; new records join it meanwhile
                upto = min(self.last_seq, self._sent + self.batch)
                recs = [self._records[s] for s in range(self._sent + 1, upto + 1)]
                await ws.send(pack(recs[0] if len(recs) == 1 else {"type": "batch", "records": recs}))
                self._sent = upto
            self._ready.set()
            await reader
        except ConnectionClosed:
            pass
        finally:
            self._ready.clear()
            self._ws = None
            reader.cancel()
            try:
                await _reap(reader)
            finally:
                self._progress.set()

    async def _read(self, ws) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for frame in ws:
                msg = unpack(frame)
                kind = msg.get("type")
                if kind == "ack":
                    self._set_acked(msg["seq"])
                elif kind == "rejected":
                    self.rejections[msg["seq"]] = (msg["code"], msg.get("message", ""))
                elif kind == "error":
                    self.errors.append(msg)
                    log.warning("%s: server error %s: %s", self.source, msg.get("code"), msg.get("message"))

    def _set_acked(self, n: int) -> None:
        if n < self.acked:
            return
        for s in range(self.acked + 1, n + 1):
            self._records.pop(s, None)
        self.acked = n
        if self.last_seq < n:
            self.last_seq = n  # the server knows more of our history than we were given
        self._progress.set()

    async def send(self, rec: dict) -> int:
        """Queue one record (its `seq` is assigned when missing) and send it at once when connected."""
        return (await self.send_many([rec]))[-1]

    async def send_many(self, recs: list[dict]) -> list[int]:
        """Queue records and send them as `batch` frames of up to `self.batch` records."""
        if self.fatal:
            raise self.fatal
        while self.last_seq - self.acked >= self.window:
            await self._wait_progress()
        seqs, fresh = [], []
        for rec in recs:
            seq = rec.get("seq")
            if seq is None:
                rec = {**rec, "seq": self.last_seq + 1}
                seq = rec["seq"]
            if seq <= self.acked:
                seqs.append(seq)
                continue  # already durable (a resumed run)
            if seq != self.last_seq + 1:
                raise ValueError(f"seq {seq} does not follow {self.last_seq}")
            self._records[seq] = rec
            self.last_seq = seq
            seqs.append(seq)
            fresh.append(rec)
        ws = self._ws
        if fresh and ws is not None and self._ready.is_set() and self._sent == fresh[0]["seq"] - 1:
            try:
                for i in range(0, len(fresh), self.batch):
                    part = fresh[i:i + self.batch]
                    self._sent = part[-1]["seq"]
                    await ws.send(pack(part[0] if len(part) == 1 else {"type": "batch", "records": part}))
            except ConnectionClosed:
                pass  # the reconnect resends from the welcome's acked
        return seqs

    async def _wait_progress(self) -> None:
        self._progress.clear()
        if self.fatal:
            raise self.fatal
        await self._progress.wait()
        if self.fatal:
            raise self.fatal

    async def wait_acked(self, seq: int | None = None, timeout: float | None = None) -> int:
        """Until every record up to `seq` (default: all given) is acknowledged; returns `acked`."""
        target = self.last_seq if seq is None else seq

        async def wait():
            while self.acked < target:
                await self._wait_progress()

        await asyncio.wait_for(wait(), timeout)
        return self.acked

    async def drop(self) -> None:
        """Drop the current connection, as a pulled cable would; the client reconnects and resumes."""
        ws = self._ws
        if ws is not None:
            ws.transport.abort()

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            await _reap(self._task)
        if self._ws is not None:
            await self._ws.close()


async def _reap(task: asyncio.Task) -> None:
    """Wait for a client's own task to end, whatever it ended with, without swallowing a cancellation of
    the caller: whoever cancels the code that is closing a client still cancels it."""
    try:
        await task
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise
    except Exception:  # noqa: BLE001 - the task's own failure was already reported to its reader
        pass


class ViewClient:
    """A judge's console (`judge`, `chief`) or a screen (`display`): docs/view-protocol.md."""

    def __init__(self, url: str, token: str, name: str | None = None, role: str | None = None, *, ssl=None,
                 reconnect: bool = True, open_timeout: float = 5.0, max_backoff: float = 2.0):
        """`name` and `role` may be left out: the token alone says who (role `view` in the hello), and the
        welcome tells `self.name` and `self.role`."""
        self.url, self.token, self.name, self.role, self.ssl = url, token, name, role, ssl
        self.reconnect, self.open_timeout, self.max_backoff = reconnect, open_timeout, max_backoff
        self.welcome: dict | None = None
        self._ws = None
        self._ids = itertools.count(1)
        self._pending: dict[object, asyncio.Future] = {}
        self._inbox: deque = deque()
        self._wake = asyncio.Event()
        self._ended = False
        self._task: asyncio.Task | None = None

    async def _open(self) -> dict:
        ws, self.welcome = await _open(self.url, self.ssl, self.role or "view", self.name or "", self.token,
                                       self.open_timeout)
        self.name, self.role = self.welcome.get("source", self.name), self.welcome.get("role", self.role)
        first = unpack(await asyncio.wait_for(ws.recv(), 30))
        if first.get("type") == "error":
            await ws.close()
            raise FeedError(first.get("code", "error"), first.get("message", ""))
        self._ws = ws
        return first

    async def connect(self) -> dict:
        """Connect; return the first state: a `snapshot` (judge, chief) or a `public` state (display)."""
        first = await self._open()
        self._task = asyncio.create_task(self._run(), name=f"view-{self.name}")
        return first

    async def _run(self) -> None:
        while True:
            ws = self._ws
            with contextlib.suppress(ConnectionClosed):
                async for frame in ws:
                    self._deliver(unpack(frame))
            self._ws = None
            for fut in self._pending.values():
                if not fut.done():
                    fut.set_result({"type": "result", "ok": False, "code": "disconnected",
                                    "message": "the connection was lost before the result arrived"})
            self._pending.clear()
            if not self.reconnect or self._ended:
                self._push({"type": "closed"}, end=True)
                return
            self._push({"type": "disconnected", "message": "connection lost; reconnecting"})
            delay, attempt = 0.05, 0
            while True:
                await asyncio.sleep(delay)
                attempt += 1
                try:
                    self._push(await self._open())
                    break
                except FeedError as exc:
                    if exc.code in FATAL:
                        self._push({"type": "error", "code": exc.code, "message": exc.message}, end=True)
                        return
                    error = f"{exc.code}: {exc.message}"
                except (OSError, InvalidHandshake, ConnectionClosed, asyncio.TimeoutError) as exc:
                    error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                # each failed try is said (a console shows the count and the last error until it is back)
                self._push({"type": "reconnecting", "attempt": attempt, "error": error, "retry_in": min(
                    self.max_backoff, delay * 2)})
                delay = min(self.max_backoff, delay * 2)

    def _deliver(self, msg: dict) -> None:
        if msg.get("type") == "result" and msg.get("id") in self._pending:
            fut = self._pending.pop(msg["id"])
            if not fut.done():
                fut.set_result(msg)
            return
        if msg.get("type") == "public" and self._inbox and self._inbox[-1].get("type") == "public":
            self._inbox[-1] = msg  # latest wins
            return
        self._push(msg)

    def _push(self, msg: dict, end: bool = False) -> None:
        self._inbox.append(msg)
        if end:
            self._inbox.append(None)
        self._wake.set()

    def __aiter__(self):
        return self

    async def __anext__(self) -> dict:
        while not self._inbox:
            self._wake.clear()
            await self._wake.wait()
        msg = self._inbox.popleft()
        if msg is None:
            raise StopAsyncIteration
        return msg

    async def command(self, kind: str, data: dict, reason: str = "", timeout: float = 30.0) -> dict:
        """Send a judges' command; return its `result` (after the server's commit)."""
        ws = self._ws
        if ws is None:
            return {"type": "result", "ok": False, "code": "disconnected", "message": "not connected"}
        cid = next(self._ids)
        fut = asyncio.get_running_loop().create_future()
        self._pending[cid] = fut
        try:
            await ws.send(pack({"type": "command", "id": cid, "kind": kind, "data": data, "reason": reason}))
        except ConnectionClosed:
            self._pending.pop(cid, None)
            return {"type": "result", "id": cid, "ok": False, "code": "disconnected", "message": "connection lost"}
        return await asyncio.wait_for(fut, timeout)

    async def close(self) -> None:
        self._ended = True
        if self._ws is not None:
            await self._ws.close()
        if self._task:
            done, _ = await asyncio.wait({self._task}, timeout=5)
            if not done:
                self._task.cancel()
            await _reap(self._task)
