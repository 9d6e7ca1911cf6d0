"""`scoreboard verify`: is this contest file the one that was written?

Recomputes every seal (db/seals.py) from the rows as they are now and names the
first thing that does not match: the rules or a roster row changed since the
file was made, an event or a quarantine row edited, inserted, deleted or moved,
a seal altered or missing, events written after the last seal, an
acknowledgement changed. It also checks the judges' own chain (every judge
event hashed and linked), that every logged hall event can be folded, and that
every lock's award list and chain head are what the file gives at that point.
With `head`, it says whether the file still holds the chain head printed on a
signed list.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import tzinfo

from scoreboard.clock import DEFAULT_ZONE, contest_zone, stamp, zone_named

from . import seals
from .seals import data_text, event_line, quarantine_line, roster_line, unpack_locators

MAX_PROBLEMS = 20  # listed; more are counted

TEXT = {
    "no_seals": ("此文件没有封存记录（由旧版本生成）：用当前版本的任一写入命令打开一次即可封存",
                 "this file has no seals (made by an older version): open it once with a current command to seal it"),
    "no_genesis": ("缺少第0号封存（比赛创建时的规则与名单）", "seal 0 (the rules and roster at creation) is missing"),
    "rules_changed": ("规则在比赛创建后被改动：与创建时封存的规则不一致",
                      "the rules were changed after the contest was created: they differ from the sealed ones"),
    "meta_changed": ("比赛的预设或创建时间被改动", "the contest's preset or creation time was changed"),
    "roster_row": ("选手 {who} 的名单行与创建时封存的不一致", "contestant {who}: the roster row differs from the one sealed at creation"),
    "roster_count": ("名单现有 {now} 人，创建时封存的是 {sealed} 人",
                     "the roster holds {now} contestants; {sealed} were sealed at creation"),
    "genesis_altered": ("第0号封存本身被改动", "seal 0 itself was altered"),
    "seal_missing": ("第 {id} 号封存缺失", "seal {id} is missing"),
    "seal_order": ("第 {id} 号封存的事件范围（#{first} 起）与上一号封存（止于 #{prev}）不相接",
                   "seal {id} covers events from #{first}, but the seal before it ended at #{prev}"),
    "event_missing": ("事件 #{id} 缺失（已被删除）", "event #{id} is missing (deleted)"),
    "event_changed": ("事件 #{id}（{what}）与第 {seal} 号封存（{at}）记下的不一致：被改动、替换或调换",
                      "event #{id} ({what}) differs from what seal {seal} ({at}) recorded: edited, replaced or moved"),
    "commit_changed": ("第 {seal} 号封存（{at}）覆盖的事件 #{first}–#{last} 与封存不一致",
                       "events #{first}–#{last} differ from their seal {seal} ({at})"),
    "quarantine_changed": ("隔离记录 #{id} 与第 {seal} 号封存记下的不一致", "quarantine row #{id} differs from what seal {seal} recorded"),
    "quarantine_missing": ("隔离记录 #{id} 缺失（已被删除）", "quarantine row #{id} is missing (deleted)"),
    "seal_altered": ("第 {seal} 号封存（{at}）的记录本身被改动，或它之前的封存被重写",
                     "seal {seal} ({at}) was altered, or the seals before it were rewritten"),
    "unsealed_events": ("事件 #{first} 起共 {n} 条不在任何封存中（在最后一次提交之后被加入）",
                        "{n} events from #{first} are in no seal (added after the last commit)"),
    "unsealed_quarantine": ("隔离记录 #{first} 起共 {n} 条不在任何封存中", "{n} quarantine rows from #{first} are in no seal"),
    "judge_unhashed": ("裁判记录 #{id}（{kind}）没有哈希", "judge event #{id} ({kind}) has no hash"),
    "judge_link": ("裁判记录 #{id} 与上一条裁判记录的链接断开", "judge event #{id}: its link to the previous judge event is broken"),
    "judge_hash": ("裁判记录 #{id} 的内容与其哈希不符", "judge event #{id}: its content does not match its hash"),
    "acks_changed": ("数据源 {source} 的确认序号现为 {now}，封存记录为 {sealed}",
                     "source {source}: acknowledged up to {now}, but the seals say {sealed}"),
    "event_unfit": ("无法计入成绩：{why}", "cannot be folded: {why}"),
    "lock_mismatch": ("定榜记录 #{id} 记下的获奖名单摘要为 {recorded}，现在由文件算出的是 {computed}",
                      "the lock (event #{id}) recorded award list {recorded}, but the file now gives {computed}"),
    "lock_head": ("定榜记录 #{id} 记下的链头 {head} 不是它之前的封存", "the lock (event #{id}) names chain head {head}, which no earlier seal has"),
    "head_not_found": ("签字名单上的链头 {head} 不在此文件中：文件被截断、替换或不是同一场比赛",
                       "chain head {head} (from a signed list) is not in this file: it was cut back, replaced, or is another contest"),
    "head_short": ("链头至少要给出 16 位十六进制字符", "give at least 16 hex characters of the chain head"),
    # notes
    "upgraded": ("事件 #1–#{last} 由旧版本写入，于 {at} 升级时才封存（此前的改动无从查证）",
                 "events #1–#{last} were written by an older version and sealed only when the file was upgraded at {at}"),
    "head_found": ("链头 {head} 是第 {seal} 号封存（{at}）；其后还有 {after} 次提交",
                   "chain head {head} is seal {seal} ({at}); {after} commits came after it"),
}


@dataclass
class Finding:
    code: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        zh, en = TEXT[self.code]
        params = {k: v.text(lang) if isinstance(v, (When, Said)) else v for k, v in self.params.items()}
        return (zh if lang == "zh" else en).format(**params)


@dataclass(frozen=True)
class Said:
    """Words in a finding that come in both languages (a refusal's reason, say)."""

    en: str
    zh: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" and self.zh else self.en


@dataclass(frozen=True)
class When:
    """A moment in a finding: on the contest's clock, saying its zone in the reader's language."""

    at: float
    zone: tzinfo

    def text(self, lang: str = "zh") -> str:
        return stamp(self.at, self.zone, lang)


def _zone(store) -> tzinfo:
    """The contest's clock; the rules may be what fails verification, and a finding still needs a clock."""
    try:
        return contest_zone(store.rules())
    except Exception:  # noqa: BLE001 - unreadable rules are reported as such; say times in the default zone
        return zone_named(DEFAULT_ZONE)


@dataclass
class Report:
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    more: int = 0  # problems found beyond MAX_PROBLEMS
    head: str = ""  # hex SHA-256 of the last seal
    seals: int = 0
    events: int = 0
    judge_events: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, code: str, **params) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Finding(code, params))
        else:
            self.more += 1

    def first(self, lang: str = "zh") -> str:
        return self.problems[0].text(lang) if self.problems else ""

    def as_dict(self, lang: str = "zh") -> dict:
        return {"ok": self.ok, "head": self.head, "seals": self.seals, "events": self.events,
                "judge_events": self.judge_events, "problems": [p.text(lang) for p in self.problems],
                "more": self.more, "notes": [n.text(lang) for n in self.notes]}


# --- lines from rows as they are now ------------------------------------------------
def event_row_line(row, as_stored: bool = False) -> str:
    """The seal line of an event row (`db.store.EVENT_COLUMNS`); a row no writer could have made (a type
    changed, data that is not JSON) gives a line no seal holds. `as_stored`: take a hall event's data text
    as it is stored (the writer stores the compact form and SQLite keeps it: the fast first try)."""
    ev_id, at, kind, source, seq, actor, data, reason = row
    try:
        if not (type(ev_id) is int and type(at) is float and (seq is None or type(seq) is int)
                and all(type(x) is str for x in (kind, source, actor, data, reason))):
            raise TypeError
        text = data if as_stored and source != "judge" else data_text(json.loads(data))
        return event_line(ev_id, at, kind, source, seq, actor, text, reason)
    except (TypeError, ValueError, OverflowError):
        return f"!\t{row!r}\n"


def quarantine_row_line(row) -> str:
    q_id, at, source, seq, code, message, raw, digest, message_zh = row
    try:
        if not isinstance(message_zh, str):
            raise TypeError
        return quarantine_line(q_id, at, source, seq, code, message, raw, digest, message_zh)
    except (TypeError, ValueError, OverflowError):
        return f"!\t{row!r}\n"


def _what(row) -> str:
    ev_id, _at, kind, source, seq, actor, data, _reason = row
    who = ""
    try:
        d = json.loads(data)
        if isinstance(d, dict) and "contestant" in d:
            who = f" {d['contestant']}" + (f" {d['item']}" if "item" in d else "")
    except (TypeError, ValueError):
        pass
    if source == "judge":
        return f"{kind} · {actor}"
    return f"{kind} · {source} seq {seq}{who}"


class _Peek:
    """Rows in id order, one look ahead."""

    def __init__(self, cursor):
        self.it = iter(cursor)
        self.next = next(self.it, None)

    def take_until(self, last: int) -> list:
        out = []
        while self.next is not None and self.next[0] <= last:
            out.append(self.next)
            self.next = next(self.it, None)
        return out

    def rest(self) -> list:
        out = [self.next] if self.next is not None else []
        out.extend(self.it)
        self.next = None
        return out


# --- the checks ---------------------------------------------------------------------
def verify(store, head: str | None = None, board=None) -> Report:
    """Check the whole file (see the module's docstring), in one read transaction so that a feeder
    writing meanwhile is not mistaken for a gap. `board`: the log already folded (saves a fold)."""
    conn = store.conn
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        return _verify(store, head, board)
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def _verify(store, head: str | None, board) -> Report:
    from .store import EVENT_COLUMNS, QUARANTINE_COLUMNS

    rep = Report()
    conn = store.conn
    zone = _zone(store)
    try:
        seal_rows = conn.execute(f"SELECT {seals.SEAL_COLUMNS} FROM seals ORDER BY id").fetchall()
    except sqlite3.OperationalError:
        rep.add("no_seals")
        return rep
    hashes: dict[bytes, tuple[int, float]] = {}  # seal hash -> (id, at)
    if not seal_rows or seal_rows[0][0] != 0:
        rep.add("no_genesis")
        prev = seals.GENESIS_PREV
    else:
        prev = _genesis(store, seal_rows[0], rep)
        hashes[prev] = (0, seal_rows[0][2])  # a lock in the first commit names seal 0 as its head
    events = _Peek(conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY id"))
    quarantine = _Peek(conn.execute(f"SELECT {QUARANTINE_COLUMNS} FROM quarantine ORDER BY id"))
    next_event, next_q, expect_id = 1, 1, 1
    acks: dict[str, int] = {}
    event_seal: dict[int, int] = {}  # lock event id -> its seal
    for row in seal_rows[1:]:
        sid, kind, at, fe, le, fq, lq, acks_json, blob, digest = row
        if sid != expect_id:
            rep.add("seal_missing", id=expect_id)
        expect_id = sid + 1
        if fe != next_event:
            rep.add("seal_order", id=sid, first=fe, prev=next_event - 1)
        if kind == "upgrade" and le >= fe:
            rep.notes.append(Finding("upgraded", {"last": le, "at": When(at, zone)}))
        rows = events.take_until(le)
        qrows = quarantine.take_until(lq)
        _check_seal(rep, prev, row, rows, qrows, zone)
        for r in rows:
            if r[2] == "lock":
                event_seal[r[0]] = sid
        prev = bytes(digest)
        hashes[prev] = (sid, at)
        next_event, next_q = max(next_event, le + 1), max(next_q, lq + 1)
        try:
            acks.update(json.loads(acks_json))
        except (TypeError, ValueError):
            pass  # the seal's hash already fails
    rest = events.rest()
    if rest:
        rep.add("unsealed_events", first=rest[0][0], n=len(rest))
    qrest = quarantine.rest()
    if qrest:
        rep.add("unsealed_quarantine", first=qrest[0][0], n=len(qrest))
    rep.seals = len(seal_rows)
    rep.events = next_event - 1 + len(rest)
    rep.head = prev.hex()
    for source, now in sorted(store.acked().items()):
        if acks.get(source, 0) != now:
            rep.add("acks_changed", source=source, now=now, sealed=acks.get(source, 0))
    _judges(store, rep)
    _fold(store, rep, board, hashes, event_seal)
    if head is not None:
        _head(rep, head, hashes, len(seal_rows) - 1, zone)
    return rep


def _genesis(store, row, rep: Report) -> bytes:
    sid, kind, at, fe, le, fq, lq, acks_json, blob, digest = row
    contestants = store.contestants()
    info = seals.genesis_info(store.meta("rules"), store.meta("preset"), store.meta("created_at"), store.meta("date"))
    lines = [roster_line(c).encode() for c in contestants]
    if seals.seal_hash(seals.GENESIS_PREV, seals.genesis_header(info, len(contestants)), lines) == bytes(digest):
        return bytes(digest)
    # what differs: the rules, the meta, a roster row (by its locator), the count; else seal 0 itself
    try:
        sealed_info = json.loads(acks_json)
    except (TypeError, ValueError):
        sealed_info = {}
    sealed = unpack_locators(blob)
    if sealed_info.get("rules_sha256") != info["rules_sha256"]:
        rep.add("rules_changed")
    elif any(sealed_info.get(k) != info.get(k) for k in ("preset", "created_at", "date")):
        rep.add("meta_changed")
    elif len(sealed) != len(lines):
        rep.add("roster_count", now=len(lines), sealed=len(sealed))
    else:
        changed = [c.exam_no for c, line, crc in zip(contestants, lines, sealed) if zlib.crc32(line) != crc]
        if changed:
            rep.add("roster_row", who=changed[0])
        else:
            rep.add("genesis_altered")
    return bytes(digest)


def _check_seal(rep: Report, prev: bytes, row, rows: list, qrows: list, zone: tzinfo) -> None:
    sid, kind, at, fe, le, fq, lq, acks_json, blob, digest = row
    when = When(at, zone)
    ids = [r[0] for r in rows]
    missing = sorted(set(range(fe, le + 1)) - set(ids))
    if missing:
        rep.add("event_missing", id=missing[0])
    qmissing = sorted(set(range(fq, lq + 1)) - {q[0] for q in qrows})
    if qmissing:
        rep.add("quarantine_missing", id=qmissing[0])
    qlines = [quarantine_row_line(q).encode() for q in qrows]
    head = seals.header(sid, kind, at, fe, le, fq, lq, acks_json)
    lines = [event_row_line(r, as_stored=True).encode() for r in rows]
    if seals.seal_hash(prev, head, lines + qlines) == bytes(digest):
        return
    lines = [event_row_line(r).encode() for r in rows]  # the data re-encoded: what SQLite's rendering cannot change
    if seals.seal_hash(prev, head, lines + qlines) == bytes(digest):
        return
    if missing or qmissing:
        return  # named above
    sealed = unpack_locators(blob)
    for r, line, crc in zip(rows, lines, sealed):
        if zlib.crc32(line) != crc:
            rep.add("event_changed", id=r[0], what=_what(r), seal=sid, at=when)
            return
    for q, line, crc in zip(qrows, qlines, sealed[len(lines):]):
        if zlib.crc32(line) != crc:
            rep.add("quarantine_changed", id=q[0], seal=sid)
            return
    if len(sealed) != len(lines) + len(qlines):
        rep.add("commit_changed", seal=sid, at=when, first=fe, last=le)
        return
    rep.add("seal_altered", seal=sid, at=when)


def _judges(store, rep: Report) -> None:
    """Every judge event is hashed and linked to the one before (the judges' own chain)."""
    from .store import GENESIS, judge_hash

    prev = GENESIS
    n = 0
    for ev_id, at, kind, actor, data, reason, prev_hash, h in store.conn.execute(
            "SELECT id, at, kind, actor, data, reason, prev_hash, hash FROM events "
            "WHERE source = 'judge' OR hash IS NOT NULL ORDER BY id"):
        n += 1
        if not h or not prev_hash:
            rep.add("judge_unhashed", id=ev_id, kind=kind)
        elif prev_hash != prev:
            rep.add("judge_link", id=ev_id)
        elif judge_hash(prev, ev_id, at, kind, actor, data, reason) != h:
            rep.add("judge_hash", id=ev_id)
        prev = h or prev
    rep.judge_events = n


def _fold(store, rep: Report, board, hashes: dict, event_seal: dict) -> None:
    """The log folds whole, and every lock holds what the file gives at its point."""
    if board is None:
        board = store.fold()
    for _ev_id, why, why_zh in board.faults[:MAX_PROBLEMS]:
        rep.add("event_unfit", why=Said(why, why_zh))
    by_hex = {h.hex(): sid for h, (sid, _at) in hashes.items()}
    for ev_id, recorded, computed, head in board.control.locks:
        if recorded != computed:
            rep.add("lock_mismatch", id=ev_id, recorded=recorded, computed=computed)
        if head is not None and not (head in by_hex and by_hex[head] < event_seal.get(ev_id, 1 << 62)):
            rep.add("lock_head", id=ev_id, head=str(head)[:16])


def _head(rep: Report, head: str, hashes: dict, last: int, zone: tzinfo) -> None:
    head = head.strip().lower()
    if len(head) < 16:
        rep.add("head_short")
        return
    for h, (sid, at) in hashes.items():
        if h.hex().startswith(head):
            rep.notes.append(Finding("head_found", {"head": head[:16], "seal": sid, "at": When(at, zone),
                                                    "after": last - sid}))
            return
    rep.add("head_not_found", head=head[:16])
