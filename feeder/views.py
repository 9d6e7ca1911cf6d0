"""The view protocol (docs/view-protocol.md): the messages consoles and screens
receive, the judges' commands, and the bounded per-client outboxes.

Sans I/O like `feeder.protocol`: the server moves the bytes. An outbox only
holds what a client has yet to receive; the server's commit loop never waits
for a client, it only puts messages in outboxes:

- `JudgeOutbox` (judge, chief): a bounded queue of messages. On overflow the
  queue is dropped and the client is marked for a fresh snapshot, which its
  sender builds only when the socket can take it (so a stuck console costs one
  flag, not a snapshot per commit).
- `DisplayOutbox`: one slot, latest wins.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass

from scoreboard.board import Board
from scoreboard.certainty import compute_certainty
from scoreboard.events import Event
from scoreboard.judging import ROLE_ACTIONS, check_data, reason_problem
from scoreboard.limits import MAX_ID, bounded
from scoreboard.serialize import awards_json, stage_json, standings_json

from .protocol import pack

JUDGE_QUEUE = 512  # messages a console may lag behind before it gets a fresh snapshot instead
JUDGE_QUEUE_BYTES = 32 << 20  # ... or bytes
URGENT_LIMIT = 256  # command results a client leaves unread before it is closed (it is not reading)
HALL_OUTBOX_BYTES = 32 << 20  # replies a hall leaves unread before it is closed (it is not reading)
QUARANTINE_KEPT = 5000  # quarantine rows a snapshot carries (the newest; all are in the database)
LATEST = 20  # results carried in a public state
COMMAND_KINDS = tuple(sorted(ROLE_ACTIONS["chief"]))


def event_row(ev: Event) -> list:
    return [ev.id, ev.at, ev.kind, ev.source, ev.seq, ev.actor, ev.data, ev.reason]


def quarantine_row(q: dict) -> dict:
    return {k: q.get(k, "") for k in ("id", "at", "source", "seq", "code", "message", "message_zh")}


def array_header(n: int) -> bytes:
    """MessagePack's header of an array of n elements (the elements follow, each packed)."""
    if n < 16:
        return bytes([0x90 | n])
    if n < 1 << 16:
        return b"\xdc" + n.to_bytes(2, "big")
    return b"\xdd" + n.to_bytes(4, "big")


def _elements(packed_array: bytes) -> bytes:
    """The packed elements of a packed array, without its header."""
    first = packed_array[0]
    return packed_array[1:] if first < 0xdc else packed_array[3:] if first == 0xdc else packed_array[5:]


class PackedLog:
    """The log as judges receive it, each event packed once.

    The feeder appends each commit's events. When a judge is listening they are packed at once,
    and the same bytes make that commit's `events` frame and the log's next chunk; when none is,
    they wait, and the next snapshot packs them. A snapshot is then a join of packed chunks, not
    a pack of the whole day (which at a national final's scale held up ingest for tens of ms).
    """

    def __init__(self, events=()):
        self.chunks: list[bytes] = []
        self.count = 0
        self.pending: list[Event] = list(events)

    def add(self, events: list[Event], frame: bool) -> bytes | None:
        """A commit's events; with `frame`, the `events` frame that carries exactly these."""
        if not frame:
            self.pending.extend(events)
            return None
        self._pack_pending()
        body = self._chunk(events)
        return EVENTS_HEAD + array_header(len(events)) + body

    def array(self) -> bytes:
        """The whole log, packed as one array of event rows."""
        self._pack_pending()
        return array_header(self.count) + b"".join(self.chunks)

    def _pack_pending(self) -> None:
        if self.pending:
            self._chunk(self.pending)
            self.pending = []

    def _chunk(self, events) -> bytes:
        body = _elements(pack([event_row(ev) for ev in events]))
        self.chunks.append(body)
        self.count += len(events)
        return body


EVENTS_HEAD = pack({"type": "events", "events": 0})[:-1]  # the map up to the array: {"type": "events", "events":


def snapshot_frame(rules_text: str, contestants: list, log: PackedLog, quarantine: list[dict],
                   quarantine_total: int | None = None, integrity: dict | None = None) -> bytes:
    """`pack(snapshot(...))`, with the log's events joined from their packed chunks. The quarantine is the
    newest QUARANTINE_KEPT rows (`quarantine_total` counts them all); `integrity`: the file's verification."""
    kept = quarantine[-QUARANTINE_KEPT:]
    head = pack({"type": "snapshot", "rules": rules_text, "contestants": [c.as_dict() for c in contestants],
                 "quarantine": kept, "quarantine_total": len(quarantine) if quarantine_total is None
                 else quarantine_total, "integrity": integrity,
                 "events": 0})[:-1]  # the last value, 0, packs to one byte
    return head + log.array()


def latest_row(board: Board, ev: Event) -> dict:
    d = ev.data
    c = board.contestants.get(d.get("contestant"))
    row = {"id": ev.id, "at": ev.at, "kind": ev.kind, "contestant": d.get("contestant"),
           "name": c.name if c else "", "team": c.team if c else ""}
    if ev.kind == "result":
        row.update(item=d["item"], section=d["section"], score=d["score"], max=d["max"])
    else:
        row["time_used"] = d["time_used"]
    return row


def last_hall_events(events: list[Event]) -> list[Event]:
    """The last `LATEST` hall events of a commit, oldest first (all a public state can show)."""
    out = []
    for ev in reversed(events):
        if ev.source != "judge":
            out.append(ev)
            if len(out) == LATEST:
                break
    out.reverse()
    return out


def public_state(board: Board, latest: list[dict], lang: str = "zh", rows_cache: dict | None = None) -> dict:
    """What a big screen may show: `board.public()`, so never later marks while frozen (封榜)."""
    st, _aw = board.public()
    c = board.control
    frozen = c.frozen_at is not None
    return {
        "type": "public",
        "standings": standings_json(board.rules, st, rows_cache),
        "awards": awards_json(board, lang, public=True),
        "control": {"view": dict(c.view), "frozen": frozen, "ceremony": c.ceremony, "locked": c.locked is not None,
                    "mark_certain": c.mark_certain and not frozen},
        "latest": [] if frozen else list(latest),
        "stage": stage_json(board, public=True),  # None for a written contest
        "certain": certain_marks(board) if c.mark_certain and not frozen else {},
    }


def certain_marks(board: Board) -> dict[str, list[str]]:
    """(addition) Award id -> those certain of it, for a screen the judges asked to mark 确定获奖: computed from
    the live log, so never sent while the screen is frozen (the frozen standings would contradict it)."""
    cert = compute_certainty(board)
    if not cert.known:
        return {}
    return {aid: list(ac.certain) for aid, ac in cert.awards.items() if ac.certain and not ac.judges}


# --- commands -----------------------------------------------------------------------
@dataclass(frozen=True)
class Command:
    id: object
    kind: str
    data: dict
    reason: str


class CommandError(Exception):
    def __init__(self, id, code: str, message: str, zh: str = ""):
        super().__init__(message)
        self.id, self.code, self.message, self.zh = id, code, message, zh


def parse_command(msg: dict) -> Command:
    """A command frame's fields, each checked and bounded (the id is echoed in the result, so only a short
    one is: anything else is answered with a null id)."""
    cid = msg.get("id")
    if not isinstance(cid, (int, str)) or isinstance(cid, bool) or (isinstance(cid, str) and len(cid) > MAX_ID) \
            or (isinstance(cid, int) and abs(cid) > 2**63 - 1):
        raise CommandError(None, "bad_command", f"'id' must be an integer or a string of at most {MAX_ID} "
                                                "characters, chosen by the client",
                           f"命令编号须为整数或不超过{MAX_ID}个字符的文字")
    kind = msg.get("kind")
    if not isinstance(kind, str) or not kind or len(kind) > MAX_ID:
        raise CommandError(cid, "bad_command", "'kind' must be a command name", "命令类型须为命令名称")
    data = msg.get("data", {})
    if data is None:
        data = {}
    bad = check_data(data) or reason_problem(msg.get("reason", ""))
    if bad:
        raise CommandError(cid, "bad_command", bad.message, bad.zh)
    return Command(cid, kind, data, msg.get("reason", ""))


def result_ok(cid, event_id: int) -> bytes:
    return pack({"type": "result", "id": cid, "ok": True, "event_id": event_id})


def result_err(cid, code: str, message: str, message_zh: str = "") -> bytes:
    """A refused command's result: `message` in English, `message_zh` (an addition) in Chinese when there is one."""
    frame = {"type": "result", "id": cid, "ok": False, "code": code, "message": bounded(message)}
    if message_zh:
        frame["message_zh"] = bounded(message_zh)
    return pack(frame)


# --- outboxes -----------------------------------------------------------------------
class Outbox:
    """What one client has yet to receive; `pop()` gives the next frame or None.

    Bounded: a client that leaves too much unread is `overflowing`; the server then closes it (it cannot
    even be told why if it never reads: `not_reading` is sent on a best-effort basis)."""

    def __init__(self):
        self.wake = asyncio.Event()
        self.closing: bytes | None = None  # set: send this (if not empty), then close
        self.queue: deque = deque()
        self.urgent = 0  # command results in the queue
        self.overflowing = False

    def close_with(self, frame: bytes | None) -> None:
        self.closing = frame or b""
        self.wake.set()

    def put_urgent(self, frame: bytes) -> None:
        """A command's result: never dropped; more than URGENT_LIMIT unread and the client is overflowing."""
        if self.urgent >= URGENT_LIMIT:
            self.overflowing = True
            return
        self.urgent += 1
        self.queue.append(frame)
        self.wake.set()

    def pop(self, build_snapshot) -> bytes | None:
        return self.queue.popleft() if self.queue else None


class JudgeOutbox(Outbox):
    """Bounded; on overflow the queue is dropped (results kept) and a fresh snapshot replaces it."""

    def __init__(self, limit: int = JUDGE_QUEUE, limit_bytes: int = JUDGE_QUEUE_BYTES):
        super().__init__()
        self.limit = limit
        self.limit_bytes = limit_bytes
        self.bytes = 0
        self.need_snapshot = True
        self.wake.set()
        self.results: set[int] = set()  # ids of the result frames in the queue
        self.overflows = 0

    def put(self, frame: bytes) -> None:
        if self.need_snapshot:
            return  # the coming snapshot covers it
        if len(self.queue) >= self.limit or self.bytes + len(frame) > self.limit_bytes:
            self.queue = deque(f for f in self.queue if id(f) in self.results)
            self.bytes = sum(map(len, self.queue))
            self.need_snapshot = True
            self.overflows += 1
        else:
            self.queue.append(frame)
            self.bytes += len(frame)
        self.wake.set()

    def put_urgent(self, frame: bytes) -> None:
        if self.urgent < URGENT_LIMIT:
            self.results.add(id(frame))
            self.bytes += len(frame)
        super().put_urgent(frame)

    def pop(self, build_snapshot) -> bytes | None:
        if self.need_snapshot:
            self.need_snapshot = False  # built now, from the committed log: nothing queued is older
            return build_snapshot()
        if not self.queue:
            return None
        frame = self.queue.popleft()
        self.bytes -= len(frame)
        if id(frame) in self.results:
            self.results.discard(id(frame))
            self.urgent -= 1
        return frame


class DisplayOutbox(Outbox):
    """Latest wins: one slot for the public state (plus the answers to refused commands)."""

    def __init__(self):
        super().__init__()
        self.latest: bytes | None = None

    def put(self, frame: bytes) -> None:
        self.latest = frame
        self.wake.set()

    def pop(self, build_snapshot) -> bytes | None:
        if self.queue:
            self.urgent -= 1  # a display's queue holds only command results
            return self.queue.popleft()
        frame, self.latest = self.latest, None
        return frame


class HallOutbox(Outbox):
    """A hall's replies: rejections in order; an ack followed by a newer ack is dropped (acks are cumulative)."""

    def __init__(self, limit_bytes: int = HALL_OUTBOX_BYTES):
        super().__init__()
        self.last_is_ack = False
        self.limit_bytes = limit_bytes
        self.bytes = 0

    def put_frames(self, frames: list[bytes], ack_last: bool) -> None:
        if not frames:
            return
        if self.last_is_ack and ack_last and self.queue:
            self.bytes -= len(self.queue.pop())
        self.queue.extend(frames)
        self.bytes += sum(map(len, frames))
        self.last_is_ack = ack_last
        if self.bytes > self.limit_bytes:
            self.overflowing = True
        self.wake.set()

    def pop(self, build_snapshot) -> bytes | None:
        if not self.queue:
            return None
        frame = self.queue.popleft()
        self.bytes -= len(frame)
        if not self.queue:
            self.last_is_ack = False
        return frame
