"""Where the console's events come from.

A source gives one `Snapshot` (rules, roster, the log so far, the quarantine)
and then a stream of updates (`NewEvents`, `NewQuarantine`, `Health`, `Chain`,
`Lost`); judges' commands go back through `command()`, which answers with the
view protocol's result dict. The console folds the events into its own Board
replica: data flows one way.

- `OfflineSource`: a contest database opened read-only, polled for new events
  (so it can follow a running feeder's file); commands are refused.
- `LiveSource`: the feeder, through `feeder.client.ViewClient`.
- `MemorySource`: an in-process log with the same checks as the feeder, for
  tests and for an injected Board.
"""

from __future__ import annotations

import asyncio
import copy
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from db.store import Store, StoreError
from scoreboard.board import Board
from scoreboard.events import HALL_KINDS, Event
from scoreboard.judging import check_command
from scoreboard.roster import Contestant
from scoreboard.rules import Rules, load_rules


@dataclass
class Snapshot:
    rules: Rules
    contestants: list[Contestant]
    events: list[Event]
    quarantine: list[dict] = field(default_factory=list)
    board: Board | None = None  # an injected, already folded board (events then only fill history)
    chain: "Chain | None" = None  # the file's verification, when the source knows it


@dataclass
class NewEvents:
    events: list[Event]


@dataclass
class NewQuarantine:
    items: list[dict]


@dataclass
class Health:
    at: float
    halls: list[dict]  # {"source", "connected", "peer", "acked", "last_at", "per_minute"}


@dataclass
class Chain:
    """The contest file's verification (db/verify.py): ok, what does not match (or the chain head), and the
    number of judge events."""

    ok: bool | None  # None: not verifiable from here
    message: str
    count: int

    @classmethod
    def of_report(cls, report, lang: str) -> "Chain":
        return cls(report.ok, report.head if report.ok else report.first(lang), report.judge_events)

    @classmethod
    def of_integrity(cls, integrity: dict | None) -> "Chain | None":
        """From the feeder's `integrity` (its verification of the file when it started)."""
        if not integrity:
            return None
        ok = bool(integrity.get("ok"))
        return cls(ok, integrity.get("head", "") if ok else integrity.get("problem", ""), -1)


@dataclass
class Lost:
    why: str  # in English (or as the source said it)
    why_zh: str = ""  # in Chinese, when the console knows how to say it


@dataclass
class Reconnecting:
    """One more failed try to get the source back: shown with its count and error until it is back."""

    attempt: int
    error: str
    retry_in: float


@dataclass
class Refused:
    """The source refused us for good (a wrong or revoked token): the console ends, saying why."""

    code: str
    message: str


@dataclass
class Resnapshot:
    snapshot: Snapshot


def event_from_list(e) -> Event:
    ev_id, at, kind, source, seq, actor, data, reason = e
    return Event(ev_id, at, kind, source, seq, actor, dict(data or {}), reason or "")


class Source:
    """The interface every source offers."""

    label = ""
    role = "judge"
    name = ""
    can_command = False

    async def open(self) -> Snapshot:
        raise NotImplementedError

    async def updates(self):
        if False:
            yield None

    def refusal(self, exc: BaseException) -> "Refused | None":
        """A failed `open` that no retry will change, as a `Refused` (None: try again, or report it)."""
        return None

    async def command(self, kind: str, data: dict, reason: str = "") -> dict:
        return {"ok": False, "code": "read_only", "message": "this source is read-only", "message_zh": "此数据源只读"}

    async def close(self) -> None:
        return None


class ReadOnlyStore(Store):
    """A contest database opened with SQLite's mode=ro: the console never writes."""

    def __init__(self, path):  # noqa: D107 - replaces Store's read-write open
        self.path = str(path)
        if not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such contest database (create it with 'scoreboard init')")
        uri = f"file:{quote(str(Path(self.path).resolve()))}?mode=ro"
        self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self.db = sqlite_utils.Database(self.conn)
        self._rules = None
        self._contestants = None
        try:
            self.conn.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a contest database ({exc})") from None


class OfflineSource(Source):
    can_command = False

    def __init__(self, path: str, poll: float = 1.0, clock=time.time, lang: str = "zh"):
        self.path = path
        self.poll = poll
        self.clock = clock
        self.lang = lang
        self.label = str(path)
        self.role = "offline"
        self.store: ReadOnlyStore | None = None
        self.last_id = 0
        self.last_q = 0
        self.judge_count = -1
        # The store is used from worker threads (asyncio.to_thread), and a poll may still be running
        # when the console closes: closing a sqlite3 connection another thread is using crashes the
        # interpreter, so every use of the store and its close hold this lock.
        self._lock = threading.Lock()

    async def open(self) -> Snapshot:
        return await asyncio.to_thread(self._open)

    def _open(self) -> Snapshot:
        with self._lock:
            self.store = ReadOnlyStore(self.path)
            return self._snapshot()

    def _snapshot(self) -> Snapshot:
        events = list(self.store.events())
        self.last_id = events[-1].id if events else 0
        quarantine = self._quarantine_after(0)
        return Snapshot(self.store.rules(), self.store.contestants(), events, quarantine)

    def _quarantine_after(self, after: int) -> list[dict]:
        rows = [q for q in self.store.quarantined() if q["id"] > after]
        for q in rows:
            q.pop("raw", None)
        if rows:
            self.last_q = rows[-1]["id"]
        return rows

    def poll_once(self) -> list:
        """What changed in the file since the last look (also used by the first update)."""
        with self._lock:
            if self.store is None:  # closed
                return []
            return self._poll()

    def _poll(self) -> list:
        out: list = []
        events = list(self.store.events(after_id=self.last_id))
        if events:
            self.last_id = events[-1].id
            out.append(NewEvents(events))
        items = self._quarantine_after(self.last_q)
        if items:
            out.append(NewQuarantine(items))
        out.append(self._health())
        n = self.store.conn.execute("SELECT count(*) FROM events WHERE source = 'judge'").fetchone()[0]
        if n != self.judge_count:  # the whole file is verified again when a judge acts (and at the start)
            from db.verify import verify

            self.judge_count = n
            out.append(Chain.of_report(verify(self.store), self.lang))
        return out

    def _health(self) -> Health:
        now = self.clock()
        conn = self.store.conn
        acked = self.store.acked()
        stats = {
            s: (last, n)
            for s, last, n in conn.execute(
                "SELECT source, max(at), sum(at > ?) FROM events WHERE seq IS NOT NULL GROUP BY source", (now - 60,)
            )
        }
        halls = []
        for s in sorted(set(acked) | set(stats)):
            last, n = stats.get(s, (None, 0))
            halls.append({"source": s, "connected": None, "peer": "", "acked": acked.get(s, 0),
                          "last_at": last, "per_minute": n or 0})
        return Health(now, halls)

    async def updates(self):
        first = True
        while True:
            if not first:
                await asyncio.sleep(self.poll)
            first = False
            try:
                batch = await asyncio.to_thread(self.poll_once)
            except sqlite3.Error as exc:  # a busy or vanished file: say so and keep polling
                yield Lost(str(exc), f"读取比赛数据库出错：{exc}")
                continue
            for item in batch:
                yield item

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        with self._lock:
            if self.store:
                self.store.close()
                self.store = None


class MemorySource(Source):
    """An in-process log: commands get the feeder's checks and become events at once."""

    can_command = True

    def __init__(self, rules: Rules, contestants: list[Contestant], events=(), quarantine=(),
                 role: str = "chief", name: str = "裁判甲", clock=time.time, board: Board | None = None):
        self.rules = rules
        self.contestants = list(contestants)
        self.events = list(events)
        self.quarantine = list(quarantine)
        self.role, self.name, self.clock = role, name, clock
        self.label = "memory"
        self.injected = board
        if board is not None:
            self.server = copy.deepcopy(board)
        else:
            self.server = Board(rules, self.contestants)
            self.server.apply_all(self.events)
        self.next_id = max([self.server.last_event_id] + [e.id for e in self.events]) + 1
        self.queue: asyncio.Queue = asyncio.Queue()
        self.halls: list[dict] = []

    @classmethod
    def from_board(cls, board: Board, **kw) -> "MemorySource":
        return cls(board.rules, list(board.contestants.values()), board=board, **kw)

    async def open(self) -> Snapshot:
        return Snapshot(self.rules, self.contestants, list(self.events), list(self.quarantine), self.injected)

    async def updates(self):
        while True:
            yield await self.queue.get()

    def push(self, records_or_events) -> list[Event]:
        """Hall events (or plain records) arriving, as the feeder would commit them."""
        out = []
        for r in records_or_events:
            if isinstance(r, Event):
                ev = r
                ev.id = self.next_id
            else:
                data = {k: v for k, v in r.items() if k not in ("type", "seq")}
                src = r.get("source", "hall-a")
                data.pop("source", None)
                ev = Event(self.next_id, self.clock(), r["type"], src, r.get("seq"), src, data)
            self.next_id += 1
            self.server.apply(ev)
            self.events.append(ev)
            out.append(ev)
        self.queue.put_nowait(NewEvents(out))
        return out

    def push_quarantine(self, items: list[dict]) -> None:
        self.quarantine += items
        self.queue.put_nowait(NewQuarantine(items))

    def push_health(self, halls: list[dict]) -> None:
        self.halls = halls
        self.queue.put_nowait(Health(self.clock(), halls))

    async def command(self, kind: str, data: dict, reason: str = "") -> dict:
        bad = check_command(self.server, self.role, kind, data, reason)
        if bad:
            return {"ok": False, "code": bad.code, "message": bad.message, "message_zh": bad.zh}
        ev = Event(self.next_id, self.clock(), kind, "judge", None, self.name, copy.deepcopy(data), reason)
        self.next_id += 1
        self.server.apply(ev)
        self.events.append(ev)
        self.queue.put_nowait(NewEvents([ev]))
        return {"ok": True, "event_id": ev.id}


def is_hall(ev: Event) -> bool:
    return ev.kind in HALL_KINDS


def snapshot_from_dict(msg: dict) -> Snapshot:
    """The view protocol's snapshot message as a Snapshot."""
    rules = load_rules(msg["rules"])
    people = [Contestant.from_dict(c) for c in msg["contestants"]]
    return Snapshot(rules, people, [event_from_list(e) for e in msg.get("events", [])], list(msg.get("quarantine", [])),
                    chain=Chain.of_integrity(msg.get("integrity")))
