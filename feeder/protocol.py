"""The exam-hall protocol (shared/PROTOCOL.md), sans I/O.

Like the websockets library's own core, nothing here touches a socket or the
event loop: bytes come in, decisions and bytes to send come out. The server
(`feeder.server`) only moves frames between the network and these objects.

A hall connection goes through two stages:

1. `check_hello(tokens, frame)`: the first frame must be a `hello` with a
   valid token for the claimed role and name (`ProtocolError` otherwise:
   `bad_hello`, `unauthorized`, or a frame-level code).
2. `HallSession.receive(frame)` for every later frame: records are handed to
   the Writer (`hall_one`, `hall_run`, or `hall` for anything unusual), which
   stages them in its current batch. Nothing is answered before that batch is
   committed: after each commit (`Writer.committed`), `after_commit()` gives
   the frames now due (`rejected` frames in order, then one cumulative `ack`),
   followed by a pending `error` once everything the session staged is durable
   (a `seq_gap`, a protocol error, a record without a usable `seq`). So a hall
   always learns what was durably handled before it is disconnected.

Our additions to the contract (documented in docs/protocol.md):
- error codes for frame-level problems: `text_frame`, `not_msgpack`,
  `not_a_map`, `unknown_type`, `frame_too_large`, `bad_batch`;
- a record whose `seq` is missing or not a positive integer cannot be tracked
  (it cannot be acked, rejected by number, or resent): the session answers
  `{"type": "error", "code": "bad_record", ...}` and closes; the frame is
  quarantined with its raw bytes;
- `{"type": "error", "code": "storage", ...}` when a commit failed (a full
  disk): nothing of the uncommitted work is acked; the hall reconnects and
  resends from the `welcome`'s `acked`;
- `{"type": "error", "code": "replaced", ...}` when the same source logs in
  again on a new connection (the old one is closed).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

import msgpack

from db.seals import quantize
from db.writer import Writer
from scoreboard.limits import MAX_ID, MAX_QUARANTINE_RAW, MAX_SEQ, bounded, plain_text_problem, short

from .tokens import ROLES, VIEW_ROLES, Tokens

PROTOCOL_VERSION = 1
FRAME_LIMIT = 1 << 20  # bytes; a larger frame is a protocol error
HARD_FACTOR = 4  # beyond HARD_FACTOR × the limit the connection is dropped without a reply (close code 1009)
QUARANTINE_RAW_LIMIT = MAX_QUARANTINE_RAW  # raw bytes kept of a broken frame
FRAME_TYPES = ("result", "finish", "batch")


class ProtocolError(Exception):
    """A problem that ends the session; `frame()` is the error to send."""

    def __init__(self, code: str, message: str, zh: str = "", **fields):
        message = bounded(message)
        super().__init__(message)
        self.code = code
        self.message = message
        self.zh = bounded(zh)  # for the judges, when it is kept in the quarantine (the hall is sent `message`)
        self.fields = fields

    def frame(self) -> bytes:
        return error(self.code, self.message, **self.fields)


# --- encoding -------------------------------------------------------------------
def pack(msg: dict) -> bytes:
    return msgpack.packb(msg, use_bin_type=True)


def unpack(data: bytes):
    return msgpack.unpackb(data, raw=False, strict_map_key=True)


_unpack = partial(msgpack.unpackb, raw=False, strict_map_key=True)


def welcome(source: str, acked: int, role: str | None = None) -> bytes:
    msg = {"type": "welcome", "protocol": PROTOCOL_VERSION, "source": source, "acked": acked}
    if role and role != "hall":
        msg["role"] = role
    return pack(msg)


def ack(seq: int) -> bytes:
    return pack({"type": "ack", "seq": seq})


def rejected(seq: int, code: str, message: str) -> bytes:
    return pack({"type": "rejected", "seq": seq, "code": code, "message": message})


def error(code: str, message: str, **fields) -> bytes:
    return pack({"type": "error", "code": code, "message": message, **fields})


# --- decoding -------------------------------------------------------------------
def decode_frame(data: bytes | str, limit: int = FRAME_LIMIT) -> dict:
    """One frame to a map, or a `ProtocolError` naming what is wrong with it."""
    if isinstance(data, str):
        raise ProtocolError("text_frame", "frames must be binary MessagePack, not text", "收到文本帧：帧须为二进制MessagePack")
    if len(data) > limit:
        raise ProtocolError("frame_too_large", f"frame of {len(data)} bytes is over the limit of {limit} bytes",
                            f"帧长{len(data)}字节，超过上限{limit}字节", limit=limit)
    try:
        msg = unpack(data)
    except Exception as exc:  # msgpack raises several types (ExtraData, FormatError, ValueError, ...)
        raise ProtocolError("not_msgpack", f"the frame is not one MessagePack value ({type(exc).__name__})",
                            f"帧不是一个完整的MessagePack值（{type(exc).__name__}）") from None
    if not isinstance(msg, dict):
        raise ProtocolError("not_a_map", f"a frame must hold a MessagePack map, not {type(msg).__name__}",
                            f"帧须为MessagePack键值表，收到的是{type(msg).__name__}")
    return msg


@dataclass(frozen=True)
class Hello:
    role: str
    source: str  # the hall's source, or the judge's / screen's name
    token: str


def parse_hello(msg: dict) -> Hello:
    if msg.get("type") != "hello":
        raise ProtocolError("bad_hello", f"the first frame must be a hello, not {short(msg.get('type'))}")
    if msg.get("protocol") != PROTOCOL_VERSION:
        raise ProtocolError("bad_hello", f"protocol {short(msg.get('protocol'))} is not supported (this server speaks 1)")
    role = msg.get("role")
    if role not in ROLES and role != "view":
        raise ProtocolError("bad_hello", f"role {short(role)} is not one of {', '.join(ROLES)} (or view)")
    source = msg.get("source")
    by_token = role == "view" or role in VIEW_ROLES  # (addition) a console or screen may be known by its token
    if by_token and source in (None, ""):
        source = ""
    elif not isinstance(source, str):
        raise ProtocolError("bad_hello", "'source' must be a non-empty string")
    problem = plain_text_problem(source, MAX_ID) if source or not by_token else None
    if problem:
        raise ProtocolError("bad_hello", f"'source' {problem}")
    token = msg.get("token")
    if not isinstance(token, str) or len(token) > 1024:
        raise ProtocolError("bad_hello", "'token' must be a string (of at most 1024 characters)")
    return Hello(role, source, token)


def check_hello(tokens: Tokens, data: bytes | str, limit: int = FRAME_LIMIT) -> Hello:
    """The first frame: a hello whose token is the one configured for this role and name."""
    try:
        hello = parse_hello(decode_frame(data, limit))
    except ProtocolError as exc:
        if exc.code != "bad_hello":
            raise ProtocolError("bad_hello", f"the first frame must be a hello: {exc.message}") from None
        raise
    if hello.role == "view" or (hello.role in VIEW_ROLES and not hello.source):  # the token says who (and which role)
        found = tokens.identify(hello.token, VIEW_ROLES if hello.role == "view" else (hello.role,))
        if found is None:
            who = "judge, chief judge or screen" if hello.role == "view" else hello.role
            raise ProtocolError("unauthorized", f"wrong token (no {who} has it)")
        return Hello(found[0], found[1], hello.token)
    if not tokens.check(hello.role, hello.source, hello.token):
        raise ProtocolError("unauthorized", f"wrong token or unknown {hello.role} '{hello.source}'")
    return hello


def records_of(msg: dict) -> list:
    """The records a frame carries: itself, or a batch's list."""
    kind = msg.get("type")
    if kind == "batch":
        recs = msg.get("records")
        if not isinstance(recs, list):
            raise ProtocolError("bad_batch", "a batch must carry 'records', a list of records", "批量帧须带有记录列表“records”")
        return recs
    if kind in ("result", "finish"):
        return [msg]
    if kind == "hello":
        raise ProtocolError("unknown_type", "hello was already received on this connection", "本连接已收到过hello帧")
    raise ProtocolError("unknown_type", f"unknown frame type {short(kind)} (expected result, finish or batch)",
                        f"未知的帧类型{short(kind)}（应为result、finish或batch）")


def valid_seq(seq) -> bool:
    return (seq.__class__ is int or (isinstance(seq, int) and not isinstance(seq, bool))) and 1 <= seq <= MAX_SEQ


# --- a hall connection after its welcome -----------------------------------------
class HallSession:
    """One hall connection: frames in, staged work in the Writer, frames out after each commit."""

    def __init__(self, writer: Writer, source: str, limit: int = FRAME_LIMIT):
        self.writer = writer
        self.source = source
        self.limit = limit
        # Answers wait for the commit of the Writer's batch that holds what they answer (batches are
        # numbered; `writer.committed` is the last one written):
        self.pending: list[tuple[int, bytes]] = []  # (batch, rejected frame)
        self.due = 0  # the batch holding the last thing this session staged
        self.answered = 0  # acks sent cover the batches up to this one
        self.sent_ack = writer.acked.get(source, 0)  # the last ack sent (the welcome's acked, to begin with)
        self.reack = False  # a duplicate arrived: ack again even if nothing is new
        self.closing: ProtocolError | None = None  # sent once `due` is committed, then close
        self.closed = False  # the closing frame was handed out
        self.last_at = 0.0  # when the last frame arrived (for health)

    def receive(self, data: bytes | str) -> None:
        """Handle one frame. Once `closing` is set, later frames are ignored."""
        if self.closing is not None:
            return
        self.last_at = at = quantize(time.time())  # one arrival time for the frame's records (to the ms)
        writer = self.writer
        source = self.source
        msg = None
        if data.__class__ is bytes and len(data) <= self.limit:  # the common case first: one plain result
            try:
                msg = _unpack(data)
            except Exception:  # noqa: BLE001 - decode_frame below names the problem
                msg = None
            if msg.__class__ is dict and msg.get("type") == "result" and writer.hall_one(source, msg, at):
                self.due = writer.staging.number
                return
        try:
            if msg.__class__ is not dict:  # not decoded above, or not a map: decode_frame says what is wrong
                msg = decode_frame(data, self.limit)
            recs = records_of(msg)
        except ProtocolError as exc:
            self._fail(exc, data)
            return
        single = msg.get("type") != "batch"
        staged = False  # a duplicate stages nothing: its answer may be due at once
        i, n = 0, len(recs)
        while True:
            done = writer.hall_run(source, recs, i, at)  # the common case, record after record
            staged = staged or done > i
            if done == n:
                break
            rec = recs[done]
            i = done + 1
            if not isinstance(rec, dict) or not valid_seq(rec.get("seq")):
                what, zh = ("a record must be a map", "记录须为键值表") if not isinstance(rec, dict) else (
                    f"'seq' must be an integer from 1 to {MAX_SEQ}, got {short(rec.get('seq'))}",
                    f"序号须为1至{MAX_SEQ}的整数，收到的是{short(rec.get('seq'))}")
                self._fail(ProtocolError("bad_record", f"{what}; a record without a usable seq cannot be tracked",
                                         f"{zh}；没有可用序号的记录无法跟踪"),
                           data if single else pack_safe(rec))
                return
            # a batch's record is only packed again if it must go to the quarantine; a `WriterFault` (the
            # server's fault) goes up to the server, which drops what is staged and has the halls resend
            out = writer.hall(source, rec, data if single else partial(pack_safe, rec), at)
            status = out.status
            if status == "gap":
                self._due(staged)
                self.closing = ProtocolError("seq_gap", out.message, expected=out.expected, got=out.seq)
                return
            if status == "rejected":
                self.pending.append((writer.staging.number, rejected(out.seq, out.code, out.message)))
            if status == "duplicate" or out.code == "seq_conflict":
                self.reack = True  # a resend is answered with the ack again, even if it moved nothing
            staged = staged or status != "duplicate"
        self._due(staged)

    def _due(self, staged: bool) -> None:
        if staged:
            self.due = self.writer.staging.number
        else:  # a duplicate (or a gap) is answered with an ack again, as soon as what it repeats is durable
            self.due = max(self.due, self.writer.due())
            self.answered = min(self.answered, self.due - 1)

    def _fail(self, exc: ProtocolError, raw) -> None:
        keep = raw.encode("utf-8", "replace") if isinstance(raw, str) else bytes(raw)
        self.writer.quarantine_raw(self.source, exc.code, exc.message, keep[:QUARANTINE_RAW_LIMIT], message_zh=exc.zh)
        self.due = self.writer.staging.number
        self.closing = exc

    @property
    def waiting(self) -> bool:
        """Something to say after a commit."""
        return (self.answered < self.due or bool(self.pending) or self.closing is not None) and not self.closed

    def after_commit(self) -> list[bytes]:
        """Frames to send now that a commit is done (`Writer.committed`): the rejections it made durable,
        the ack, and the closing error (last) once everything this session staged is durable."""
        committed = self.writer.committed
        out = []
        while self.pending and self.pending[0][0] <= committed:
            out.append(self.pending.pop(0)[1])
        if self.answered < self.due and self.answered < committed:
            acked = self.writer.acked.get(self.source, 0)
            if acked and (acked > self.sent_ack or self.reack):  # a batch without our records says nothing new
                out.append(ack(acked))
                self.sent_ack, self.reack = acked, False
            self.answered = min(self.due, committed)
        if self.closing is not None and self.due <= committed and not self.closed:
            out.append(self.closing.frame())
            self.closed = True
        return out

    def commit_failed(self, message: str, code: str = "storage") -> bytes:
        """The commit failed (`storage`), or staging did (`internal`): the Writer dropped the staged work;
        nothing of it is acked, the session closes."""
        self.pending = []
        self.answered = self.due
        self.closed = True
        what = "store" if code == "storage" else "process"
        self.closing = ProtocolError(code, f"the server could not {what} your records ({message}); "
                                     "reconnect and resend from the welcome's acked")
        return self.closing.frame()


def pack_safe(rec) -> bytes:
    """The raw bytes of one record of a batch (for the quarantine)."""
    try:
        return pack(rec)
    except Exception:  # noqa: BLE001 - nested too deep to pack again, say
        return short(rec, 200).encode()
