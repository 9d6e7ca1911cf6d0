"""Where the screen's public states come from. Each source is an async iterable of messages:
`public` states, and `{"type": "status", "connected": bool, "state": …}` when the link drops, each
time a try to get it back fails, and when it is back (the screen keeps showing the last state
meanwhile, and says how the link stands: display/screen/status.py). `state` is `lost`, `closed`,
`reconnecting` (with `attempt`, `error`, `retry_in`) or `db_error` (with `error`); errors are as the
client library words them, and the screen names them in its language.

- `LiveSource`: the feeder, through `feeder.client.ViewClient` (role `display`).
- `DbSource`: a contest database file, polled about every second and folded incrementally
  with the same `Board`; it builds the same public state the feeder would.
"""

from __future__ import annotations

import asyncio
import sqlite3

from db.store import Store, StoreError

from .public import LatestResults, public_message


class SourceError(Exception):
    """The source cannot work (a refused token, a file that is not a contest database): where, the
    feeder's code if it gave one (scoreboard/codes.py), and the detail as it came."""

    def __init__(self, where: str, code: str = "", detail: str = ""):
        super().__init__(": ".join(x for x in (where, code, detail) if x))
        self.where, self.code, self.detail = where, code, detail

    def text(self, lang: str = "zh") -> str:
        """What the screen says on its way out, in its language."""
        from .status import error_text, say

        reason = error_text(f"{self.code}: {self.detail}" if self.code else self.detail, lang)
        return say("source_error", lang, error=f"{self.where}：{reason}" if lang == "zh" else f"{self.where}: {reason}")


class LiveSource:
    def __init__(self, url: str, token: str, name: str, retry: float = 2.0, ssl=None):
        self.url, self.token, self.name, self.retry, self.ssl = url, token, name, retry, ssl

    def __aiter__(self):
        return self._run()

    async def _run(self):
        from websockets.exceptions import ConnectionClosed, InvalidHandshake

        from feeder.client import FATAL, FeedError, ViewClient

        attempt = 0  # failed tries since the link was last up
        while True:
            client = ViewClient(self.url, self.token, self.name, role="display", ssl=self.ssl, max_backoff=self.retry)
            try:
                first = await client.connect()
            except FeedError as exc:
                if exc.code in FATAL or exc.code == "bad_url":
                    raise SourceError(self.url, exc.code, exc.message) from None
                attempt += 1
                yield self._retrying(attempt, f"{exc.code}: {exc.message}")
                await asyncio.sleep(self.retry)
                continue
            except (OSError, asyncio.TimeoutError, InvalidHandshake, ConnectionClosed) as exc:  # refused, unreachable
                attempt += 1
                yield self._retrying(attempt, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
                await asyncio.sleep(self.retry)
                continue
            attempt = 0
            try:
                yield {"type": "status", "connected": True}
                if first.get("type") == "public":
                    yield first
                async for msg in client:  # the client reconnects by itself and says so
                    kind = msg.get("type")
                    if kind == "public":
                        yield {"type": "status", "connected": True}
                        yield msg
                    elif kind == "disconnected":
                        yield {"type": "status", "connected": False, "state": "lost"}
                    elif kind == "reconnecting":
                        yield {"type": "status", "connected": False, "state": "reconnecting",
                               "attempt": msg.get("attempt"), "error": msg.get("error", ""),
                               "retry_in": msg.get("retry_in")}
                    elif kind == "error":
                        raise SourceError(self.url, msg.get("code", ""), msg.get("message", ""))
            finally:
                await client.close()
            yield {"type": "status", "connected": False, "state": "closed"}
            await asyncio.sleep(self.retry)

    def _retrying(self, attempt: int, error: str) -> dict:
        return {"type": "status", "connected": False, "state": "reconnecting", "attempt": attempt, "error": error,
                "retry_in": self.retry}


class DbSource:
    def __init__(self, path: str, lang: str = "zh", poll: float = 1.0):
        self.path, self.lang, self.poll = path, lang, poll
        self.store: Store | None = None
        self.board = None
        self.latest = LatestResults()

    def __aiter__(self):
        return self._run()

    def open(self) -> None:
        try:
            self.store = Store(self.path)
            self.board = self.store.board()
        except (StoreError, sqlite3.DatabaseError) as exc:
            raise SourceError(self.path, "", str(exc)) from None

    def read(self, first: bool) -> dict | None:
        """Fold the events written since the last read; the new public state, or None if nothing changed."""
        new = list(self.store.events(after_id=self.board.last_event_id))
        for ev in new:
            self.board.apply(ev)
            self.latest.add(self.board, ev)
        if not new and not first:
            return None
        return public_message(self.board, self.lang, self.latest.rows())

    async def _run(self):
        await asyncio.to_thread(self.open)
        first = True
        while True:
            try:
                msg = await asyncio.to_thread(self.read, first)
            except sqlite3.Error as exc:
                yield {"type": "status", "connected": False, "state": "db_error", "error": str(exc)}
            else:
                if msg is not None:
                    if not first:
                        yield {"type": "status", "connected": True}
                    yield msg
                first = False
            await asyncio.sleep(self.poll)
