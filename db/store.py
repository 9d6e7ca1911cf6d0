"""The contest database: one SQLite file holds the rules, the roster, the
append-only event log, the quarantine and the per-source acknowledgements.

Opened in WAL mode with `synchronous=FULL` (asserted), so a committed
transaction survives power loss. Every logical write is one `atomic()` block.
The schema is versioned through `PRAGMA user_version` with forward migrations.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.roster import Contestant
from scoreboard.rules import Rules, load_rules

from . import seals

GENESIS = "0" * 64

log = logging.getLogger("db")

MIGRATIONS = [
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE contestants (
        exam_no TEXT PRIMARY KEY, name TEXT NOT NULL, team TEXT NOT NULL, unit TEXT NOT NULL,
        grp TEXT NOT NULL, prior_national INTEGER NOT NULL DEFAULT 0,
        national_title INTEGER NOT NULL DEFAULT 0, prior_expert INTEGER NOT NULL DEFAULT 0,
        row_order INTEGER NOT NULL
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        seq INTEGER,
        actor TEXT NOT NULL,
        data TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        digest TEXT,
        prev_hash TEXT,
        hash TEXT
    );
    CREATE UNIQUE INDEX events_source_seq ON events(source, seq) WHERE seq IS NOT NULL;
    CREATE INDEX events_at ON events(at);
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        source TEXT NOT NULL,
        seq INTEGER,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        raw BLOB,
        digest TEXT
    );
    CREATE INDEX quarantine_source_seq ON quarantine(source, seq);
    CREATE TABLE sources (source TEXT PRIMARY KEY, acked INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE access_log (
        id INTEGER PRIMARY KEY, at REAL NOT NULL, peer TEXT NOT NULL, role TEXT, name TEXT,
        outcome TEXT NOT NULL, message TEXT NOT NULL
    );
    """,
    # 2: the on-stage contest's substitutes (替补)
    """
    ALTER TABLE contestants ADD COLUMN substitute INTEGER NOT NULL DEFAULT 0;
    """,
    # 3: the ingest's insert gets cheaper. Time queries filter a scan in id order and never used the
    # index on `at`; hall events no longer fill `digest` (a resend is compared with the logged event's
    # content; the quarantine keeps its digests).
    """
    DROP INDEX IF EXISTS events_at;
    """,
    # 4: the seals (db/seals.py): every commit hashed into one chain that starts from the rules and the
    # roster. An older file is sealed as it stands: seal 0 from its rules and roster, then one "upgrade"
    # seal over everything it already holds (verify says so).
    seals.SEALS_TABLE,
    # 5: flags as each contest declares them (scoreboard.flags): one JSON list of flag ids per contestant; the
    # four fixed columns of earlier versions are read into it once and no longer written
    """
    ALTER TABLE contestants ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
    UPDATE contestants SET flags = (SELECT json_group_array(f) FROM (
        SELECT 'national_title' AS f WHERE national_title UNION ALL SELECT 'prior_expert' WHERE prior_expert
        UNION ALL SELECT 'prior_national' WHERE prior_national UNION ALL SELECT 'substitute' WHERE substitute));
    """,
    # 6: a quarantine row's message in Chinese too, for the judges (the hall is told the English one)
    """
    ALTER TABLE quarantine ADD COLUMN message_zh TEXT NOT NULL DEFAULT '';
    """,
]


SEALS_MIGRATION = 3  # the index in MIGRATIONS of the one that adds the seals


class StoreError(Exception):
    """A database that cannot be used as asked; the message says why.

    `str()` is English (logs, the library); `text(lang)` is what a command prints (db/words.py)."""

    def __init__(self, message: str, zh: str = ""):
        super().__init__(message)
        self.zh = zh

    @classmethod
    def of(cls, key: str, **params) -> "StoreError":
        from .words import say

        return cls(say(key, "en", **params), say(key, "zh", **params))

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


def _check_writable(path: str) -> None:
    """A contest database the writer cannot write is refused when opened, not on the first record: the file
    and its folder (SQLite's WAL and shared-memory files live beside it) must be writable."""
    p = Path(path)
    if not p.exists():
        return
    if not os.access(p, os.W_OK):
        raise StoreError.of("read_only_file", path=path)
    if not os.access(p.parent, os.W_OK | os.X_OK) and not os.access(f"{path}-wal", os.W_OK):
        raise StoreError.of("read_only_folder", path=path)


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    assert mode == "wal", f"journal_mode is {mode}, not wal"
    assert sync == 2, f"synchronous is {sync}, not FULL (2)"
    return conn


def judge_hash(prev: str, ev_id: int, at: float, kind: str, actor: str, data: str, reason: str) -> str:
    body = json.dumps([prev, ev_id, at, kind, actor, data, reason], ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


class Store:
    def __init__(self, path: str | os.PathLike, *, must_exist: bool = True):
        self.path = str(path)
        if must_exist and not Path(self.path).exists():
            raise StoreError.of("no_db", path=self.path)
        if must_exist:
            _check_writable(self.path)
        try:
            self.conn = _connect(self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError.of("not_db", path=self.path, why=exc) from None
        self.db = sqlite_utils.Database(self.conn)
        self._rules: Rules | None = None
        self._contestants: list[Contestant] | None = None
        self._sealer: seals.Sealer | None = None
        self._migrate()

    # --- schema ---------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError.of("newer", path=self.path, version=version)
        if version == len(MIGRATIONS):
            return
        with self.atomic():  # every step, and the upgrade seal, or none of them
            for n in range(version, len(MIGRATIONS)):
                for stmt in MIGRATIONS[n].split(";"):
                    if stmt.strip():
                        self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {n + 1}")
            if 0 < version <= SEALS_MIGRATION:  # an existing file made before the seals: seal what it holds
                self._seal_as_it_stands()

    def _seal_as_it_stands(self) -> None:
        """Seal 0 and one "upgrade" seal over every event, quarantine row and ack of an older file."""
        from .verify import event_row_line, quarantine_row_line

        rules_text = self.meta("rules")
        if not rules_text:
            return  # not a contest database yet (an empty file being created)
        now = time.time()
        self.conn.execute(seals.SEAL_INSERT, seals.genesis_row(rules_text, self.meta("preset"),
                                                               self.meta("created_at"), self.contestants(), now))
        self._rules = self._contestants = None
        sealer = seals.Sealer(self.conn)
        lines = [event_row_line(r) for r in self.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY id")]
        qrows = self.conn.execute(f"SELECT {QUARANTINE_COLUMNS} FROM quarantine ORDER BY id").fetchall()
        last_ev = self.last_event_id()
        events = (1, last_ev)
        quarantine = (qrows[0][0], qrows[-1][0]) if qrows else (1, 0)
        sealer.seal(self.conn, "upgrade", now, lines, events, [quarantine_row_line(q) for q in qrows], quarantine,
                    self.acked())

    @property
    def sealer(self) -> seals.Sealer:
        """Where the chain ends, for the next commit's seal (read once, then kept by the batches)."""
        if self._sealer is None:
            self._sealer = seals.Sealer(self.conn)
        return self._sealer

    @contextmanager
    def atomic(self):
        """One logical write: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # SQLite may already have rolled back (a full disk does)
                self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    # --- creation ---------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike, rules: Rules, contestants: list[Contestant], preset: str = "",
               date: str = "") -> "Store":
        p = Path(path)
        if p.exists() and p.stat().st_size > 0:
            raise StoreError.of("exists", path=p)
        store = cls(p, must_exist=False)
        now = time.time()
        with store.atomic() as conn:
            conn.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [("rules", rules.source_text), ("preset", preset), ("created_at", repr(now))]
                + ([("date", date)] if date else []),
            )
            conn.executemany(
                "INSERT INTO contestants(exam_no, name, team, unit, grp, row_order, flags) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(c.exam_no, c.name, c.team, c.unit, c.group, i, json.dumps(sorted(c.flags)))
                 for i, c in enumerate(contestants)],
            )
            conn.execute(seals.SEAL_INSERT, seals.genesis_row(rules.source_text, preset, repr(now), store.contestants(),
                                                              now, date))
        store._contestants = store._sealer = None
        return store

    # --- contest --------------------------------------------------------------
    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def rules(self) -> Rules:
        if self._rules is None:
            text = self.meta("rules")
            if not text:
                raise StoreError.of("no_rules", path=self.path)
            self._rules = load_rules(text)
        return self._rules

    def contest_date(self) -> str:
        """The contest's day (YYYY-MM-DD): what `init --date` recorded, else the rules' `date`, else ""."""
        return self.meta("date") or self.rules().date

    def contestants(self) -> list[Contestant]:
        if self._contestants is None:
            rows = self.conn.execute(
                "SELECT exam_no, name, team, unit, grp, flags FROM contestants ORDER BY row_order").fetchall()
            self._contestants = [Contestant(r[0], r[1], r[2], r[3], r[4], frozenset(_flags(r[5]))) for r in rows]
        return self._contestants

    def board(self) -> Board:
        return Board(self.rules(), self.contestants())

    # --- reading the log ----------------------------------------------------------
    def events(self, until: float | None = None, after_id: int = 0, limit: int | None = None):
        sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE id > ?"
        args: list = [after_id]
        if until is not None:
            sql += " AND at <= ?"
            args.append(until)
        sql += " ORDER BY id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.conn.execute(sql, args):
            yield _event(row)

    def fold(self, until: float | None = None) -> Board:
        board = self.board()
        board.apply_all(self.events(until))
        return board

    def quarantined(self, source: str | None = None) -> list[dict]:
        sql = "SELECT id, at, source, seq, code, message, raw, message_zh FROM quarantine"
        args = ()
        if source:
            sql += " WHERE source = ?"
            args = (source,)
        cols = ("id", "at", "source", "seq", "code", "message", "raw", "message_zh")
        return [dict(zip(cols, r)) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def quarantine_rows(self, last: int) -> list[dict]:
        """The newest `last` quarantine rows, oldest first, without their raw bytes."""
        cols = ("id", "at", "source", "seq", "code", "message", "message_zh")
        rows = self.conn.execute("SELECT id, at, source, seq, code, message, message_zh FROM quarantine "
                                 "ORDER BY id DESC LIMIT ?",
                                 (last,)).fetchall()
        return [dict(zip(cols, r)) for r in reversed(rows)]

    def quarantine_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM quarantine").fetchone()[0]

    def acked(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT source, acked FROM sources"))

    def handled(self, source: str, seq: int):
        """What became of a hall record already handled: its event, or the digest of its rejection (None:
        not in this file)."""
        row = self.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE source = ? AND seq = ?",
                                (source, seq)).fetchone()
        if row is not None:
            return _event(row)
        row = self.conn.execute(
            "SELECT digest FROM quarantine WHERE source = ? AND seq = ? AND code != 'seq_conflict' LIMIT 1",
            (source, seq),
        ).fetchone()
        return row[0] if row else None

    def history(self, exam_no: str) -> list[Event]:
        """Every hall event about one contestant, oldest first (marks, regrades, hand-in)."""
        rows = self.conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events "
            "WHERE kind IN ('result', 'finish') AND json_extract(data, '$.contestant') = ? ORDER BY id",
            (exam_no,),
        ).fetchall()
        return [_event(r) for r in rows]

    def judge_events(self) -> list[dict]:
        cols = ("id", "at", "kind", "actor", "data", "reason", "prev_hash", "hash")
        rows = self.conn.execute(
            "SELECT id, at, kind, actor, data, reason, prev_hash, hash FROM events WHERE hash IS NOT NULL ORDER BY id"
        )
        return [dict(zip(cols, r)) for r in rows]

    # --- writing the log ----------------------------------------------------------
    def last_event_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]

    def verify_chain(self) -> tuple[bool, str, int]:
        """Check the judges' hash chain: (ok, message, number of judge events)."""
        prev = GENESIS
        n = 0
        for ev in self.judge_events():
            n += 1
            if ev["prev_hash"] != prev:
                return False, f"event {ev['id']}: its link to the previous judge event is broken", n
            expect = judge_hash(prev, ev["id"], ev["at"], ev["kind"], ev["actor"], ev["data"], ev["reason"])
            if ev["hash"] != expect:
                return False, f"event {ev['id']}: its content does not match its hash", n
            prev = ev["hash"]
        return True, prev, n


@contextmanager
def writer_lock(path: str, instead: str = "instead_console"):
    """Only one writer per contest database (the feeder, or one shell command); `instead` (a key of
    db/words.py) says what to do."""
    lock_path = f"{path}.lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            from .words import say

            raise StoreError(*(say("busy", lang, path=path, instead=say(instead, lang)) for lang in ("en", "zh"))) \
                from None
        yield
    finally:
        os.close(fd)


def _flags(text) -> list:
    """A contestant's flags column (a JSON list of flag ids); anything else reads as no flags (verify names
    the edit: the roster no longer matches its seal)."""
    try:
        flags = json.loads(text)
    except (TypeError, ValueError):
        return []
    return [f for f in flags if isinstance(f, str)] if isinstance(flags, list) else []


EVENT_COLUMNS = "id, at, kind, source, seq, actor, data, reason"
QUARANTINE_COLUMNS = "id, at, source, seq, code, message, raw, digest, message_zh"


def _event(row) -> Event:
    """An `Event` from a row of `SELECT {EVENT_COLUMNS} FROM events`."""
    return Event(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7])


class Checkpointer:
    """PASSIVE checkpoints of the WAL every `interval` seconds, on a thread with its own connection: the
    writer runs with `wal_autocheckpoint=0`, so no commit ever stalls on a checkpoint (MEASURED.md)."""

    def __init__(self, path: str, interval: float = 1.0):
        self.path, self.interval = str(path), interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while not self._stop.wait(self.interval):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:
                    log.warning("checkpoint failed: %s", exc)
        finally:
            conn.close()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
