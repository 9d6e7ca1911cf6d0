"""The seals: the whole contest file as one chain of evidence.

Seal 0 (genesis) is written with the file. It hashes the rules text, the
preset's name, the creation time and the roster, one canonical line per
contestant. Every commit after it writes one seal: a SHA-256 over the previous
seal's hash, the commit's header (its number, the ranges of event ids and
quarantine ids it wrote, the acknowledgements it set, its time) and one
canonical line per event and per quarantine row it wrote. So every row that
shapes a result (hall events, judge events, the rules, the roster) and every
acknowledgement is covered, and each seal depends on every one before it.

Beside its hash a seal keeps a *locator* per line (a CRC-32, 4 bytes): not
evidence (a CRC is easy to forge; the hash is the evidence), but what lets
`db.verify` name the first event that differs instead of only its commit.

A line is built from what the row holds, the same way when a commit is made and
when it is verified: `at` as integer milliseconds (event times are kept to the
millisecond, so a float's last bit never matters), strings as JSON strings,
an event's data as its compact JSON (`json.dumps(data, ensure_ascii=False,
separators=(",", ":"))`, the form the writer stores and SQLite keeps).

What the seals cannot tell: a file rewritten from scratch with every hash
recomputed, or cut back to an earlier commit with its later seals removed.
The chain head printed on the signed paper list (exports, report, `lock`)
catches both: `scoreboard verify DB --head HEAD` checks the file still holds it.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from json.encoder import encode_basestring as _s

GENESIS_PREV = bytes(32)  # what seal 0 follows
SEALS_TABLE = """
CREATE TABLE seals (
    id INTEGER PRIMARY KEY,            -- 0: genesis, then one per commit, in order
    kind TEXT NOT NULL,                -- genesis | commit | upgrade (an older file sealed when first opened)
    at REAL NOT NULL,
    first_event INTEGER NOT NULL,      -- the events written by this commit: first_event..last_event
    last_event INTEGER NOT NULL,       --   (none when last_event < first_event)
    first_quarantine INTEGER NOT NULL,
    last_quarantine INTEGER NOT NULL,
    acks TEXT NOT NULL,                -- the acknowledgements this commit set, JSON {source: seq}
    locators BLOB NOT NULL,            -- CRC-32 of each line, 4 bytes each, events then quarantine
    hash BLOB NOT NULL                 -- SHA-256 of the previous seal's hash, the header and the lines
)
"""
SEAL_INSERT = ("INSERT INTO seals(id, kind, at, first_event, last_event, first_quarantine, last_quarantine, acks, "
               "locators, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
SEAL_COLUMNS = "id, kind, at, first_event, last_event, first_quarantine, last_quarantine, acks, locators, hash"


def at_ms(at: float) -> int:
    return round(at * 1000)


def quantize(at: float) -> float:
    """An event time kept to the millisecond (what a line hashes)."""
    return round(at, 3)


def data_text(data) -> str:
    """An event's data as the compact JSON its line holds."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def event_line(ev_id: int, at: float, kind: str, source: str, seq, actor: str, data: str, reason: str) -> str:
    """One event's line; `data` is its compact JSON text (`data_text`)."""
    return "E\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n" % (
        ev_id, round(at * 1000), _s(kind), _s(source), "-" if seq is None else "%d" % seq, _s(actor), data,
        _s(reason or ""))


def run_lines(first_id: int, at: float, source_json: str, first_seq: int, data_texts: list[str]) -> list[str]:
    """The lines of a run of results (db.batch): `event_line` of each, built with the run's shared parts."""
    head = "E\t%%d\t%d\t\"result\"\t%s\t%%d\t%s\t" % (round(at * 1000), source_json, source_json)
    return [head % (first_id + k, first_seq + k) + t + '\t""\n' for k, t in enumerate(data_texts)]


def quarantine_line(q_id: int, at: float, source: str, seq, code: str, message: str, raw, digest,
                    message_zh: str = "") -> str:
    """A quarantine row's line; its Chinese message (schema 6) only when it has one, so a row written before
    it seals as it did."""
    raw_hash = hashlib.sha256(bytes(raw or b"")).hexdigest()
    return "Q\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s%s\n" % (
        q_id, round(at * 1000), _s(source), "-" if seq is None else "%d" % seq, _s(code), _s(message), raw_hash,
        digest or "-", "\t" + _s(message_zh) if message_zh else "")


def roster_line(c) -> str:
    """One contestant as the genesis seal hashes it (what the roster says, not how a table stores it)."""
    return json.dumps([c.exam_no, c.name, c.team, c.unit, c.group, sorted(c.flags)], ensure_ascii=False) + "\n"


def header(seal_id: int, kind: str, at: float, first_event: int, last_event: int, first_q: int, last_q: int,
           acks: str) -> str:
    return "S\t%d\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n" % (seal_id, kind, round(at * 1000), first_event, last_event,
                                                    first_q, last_q, acks)


def genesis_info(rules_text: str, preset: str, created_at: str, date: str = "") -> dict:
    """What seal 0 records of the contest beside its roster (kept readable in its `acks` column); the
    contest's date only when the organiser gave one at `init` (files made before it have none)."""
    info = {"rules_sha256": hashlib.sha256(rules_text.encode()).hexdigest(), "preset": preset,
            "created_at": created_at}
    if date:
        info["date"] = date
    return info


def genesis_header(info: dict, contestants: int) -> str:
    return "G\t%s\t%d\n" % (acks_text(info), contestants)


def acks_text(acks: dict) -> str:
    return json.dumps(acks, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seal_hash(prev: bytes, head: str, lines: list[bytes]) -> bytes:
    h = hashlib.sha256(prev)
    h.update(head.encode())
    for b in lines:
        h.update(b)
    return h.digest()


def locators(lines: list[bytes]) -> bytes:
    return struct.pack(f"<{len(lines)}I", *map(zlib.crc32, lines))


def unpack_locators(blob: bytes) -> tuple[int, ...]:
    blob = bytes(blob or b"")
    return struct.unpack(f"<{len(blob) // 4}I", blob[: len(blob) // 4 * 4])


def genesis_row(rules_text: str, preset: str, created_at: str, contestants, at: float, date: str = "") -> tuple:
    """Seal 0 of a new file (its row for SEAL_INSERT)."""
    info = genesis_info(rules_text, preset, created_at, date)
    lines = [roster_line(c).encode() for c in contestants]
    return (0, "genesis", at, 1, 0, 1, 0, acks_text(info), locators(lines),
            seal_hash(GENESIS_PREV, genesis_header(info, len(contestants)), lines))


class Sealer:
    """The chain's end as the writer's connection knows it: the next seal's number, what it follows and
    where its ranges start. Lives on the Store (the database thread writes with it in the feeder)."""

    def __init__(self, conn):
        row = conn.execute(f"SELECT {SEAL_COLUMNS} FROM seals ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:  # a file whose genesis is missing: the first commit is sealed after an empty chain
            self.next_id, self.head, self.next_event, self.next_q = 0, GENESIS_PREV, 1, 1
        else:
            self.next_id, self.head = row[0] + 1, bytes(row[9])
            self.next_event, self.next_q = row[4] + 1, row[6] + 1  # ranges follow each other

    def seal(self, conn, kind: str, at: float, event_lines: list[str], events: tuple[int, int],
             quarantine_lines: list[str], quarantine: tuple[int, int], acks: dict) -> tuple[int, bytes]:
        """Write the seal of what this transaction wrote; the caller commits. Returns (id, hash) to `advance`
        to once the commit succeeded."""
        lines = [x.encode() for x in event_lines] + [x.encode() for x in quarantine_lines]
        head = header(self.next_id, kind, at, events[0], events[1], quarantine[0], quarantine[1], acks_text(acks))
        digest = seal_hash(self.head, head, lines)
        conn.execute(SEAL_INSERT, (self.next_id, kind, at, events[0], events[1], quarantine[0], quarantine[1],
                                   acks_text(acks), locators(lines), digest))
        return self.next_id, digest

    def advance(self, sealed: tuple[int, bytes], events: tuple[int, int], quarantine: tuple[int, int]) -> None:
        self.next_id, self.head = sealed[0] + 1, sealed[1]
        self.next_event, self.next_q = events[1] + 1, quarantine[1] + 1
