"""The offline path: a JSON Lines file of hall records, loaded through the same writer as the feeder."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from scoreboard.codes import code_label
from scoreboard.events import check_shape
from scoreboard.limits import MAX_ID, MAX_SEQ, plain_text_problem

from .store import Store
from .words import say
from .writer import Writer, WriterFault

BATCH = 1000


@dataclass
class LoadSummary:
    file: str
    lines: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: Counter = field(default_factory=Counter)
    gaps: list[tuple[str, int, int, int]] = field(default_factory=list)  # (source, first, last, line) missing

    def add(self, other: "LoadSummary") -> None:
        self.lines += other.lines
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.rejected.update(other.rejected)
        self.gaps += other.gaps

    def text(self, lang: str = "zh") -> str:
        zh = lang == "zh"
        parts = [say("loaded", lang, file=self.file, lines=self.lines, accepted=self.accepted,
                     duplicates=self.duplicates)]
        q = sum(self.rejected.values())
        if q:
            detail = ("、" if zh else ", ").join(f"{code_label(code, 'zh') if zh else code} {n}"
                                                for code, n in sorted(self.rejected.items()))
            parts.append(say("quarantined", lang, n=q, detail=detail))
        if self.gaps:
            gaps = [say("gap", lang, source=s, first=a, last=b, line=n) for s, a, b, n in self.gaps[:5]]
            parts.append(say("gaps", lang, n=len(self.gaps), gaps=("；" if zh else "; ").join(gaps)))
        return ("；" if zh else "; ").join(parts)


def load_jsonl(store: Store, path: str, source: str = "offline") -> LoadSummary:
    """Apply every good record, quarantine the rest; gaps in seq are reported, not fatal, offline.

    No line stops the file: a line that is not JSON or not an object, a record outside the bounds, a hello
    naming an unusable source, each is quarantined with the reason and the next line goes on. If folding a
    record fails inside the server (`WriterFault`), what was staged since the last commit is dropped and
    staged again; the faulty record then goes to the quarantine as `unprocessable`."""
    writer = Writer(store, allow_gaps=True)
    total = LoadSummary(path)
    since: list[tuple[int, bytes]] = []  # the lines staged since the last commit
    pending = LoadSummary(path)  # what they did
    start_source = source
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            since.append((lineno, raw))
            try:
                source = _line(writer, pending, source, lineno, raw)
            except WriterFault:
                pending, source = _again(writer, path, since, start_source)
            if len(writer.new_events) >= BATCH:
                writer.flush()
                total.add(pending)
                since, pending, start_source = [], LoadSummary(path), source
    writer.flush()
    total.add(pending)
    return total


def _again(writer: Writer, path: str, since: list, source: str) -> tuple[LoadSummary, str]:
    """After a fault: drop what is staged and stage `since` again (each fault leaves its record remembered,
    so the next pass quarantines it: this ends)."""
    while True:
        writer.recover()
        pending, at = LoadSummary(path), source
        try:
            for lineno, raw in since:
                at = _line(writer, pending, at, lineno, raw)
        except WriterFault:
            continue
        return pending, at


def _line(writer: Writer, summary: LoadSummary, source: str, lineno: int, raw: bytes) -> str:
    """Stage one line; returns the source for the lines after it (a hello line names it)."""
    summary.lines += 1

    def refuse(code: str, why: str) -> str:
        writer.quarantine_raw(source, code, f"line {lineno}: {why}", raw)
        summary.rejected[code] += 1
        return source

    try:
        msg = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return refuse("bad_json", f"not JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
    except RecursionError:
        return refuse("bad_json", "nested too deep")
    if not isinstance(msg, dict):
        return refuse("bad_record", "not a JSON object")
    try:  # JSON may escape a lone surrogate (\ud800), which no UTF-8 text (nor SQLite) can hold
        json.dumps(msg, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return refuse("bad_record", "a string is not valid Unicode (a lone surrogate escape such as \\ud800)")
    except (RecursionError, ValueError):
        return refuse("bad_record", "nested too deep")
    if msg.get("type") == "hello":
        named = msg.get("source") or source
        problem = plain_text_problem(named, MAX_ID) if isinstance(named, str) else "is not a string"
        if problem:
            return refuse("bad_record", f"the hello's source {problem}; the lines after it keep source {source}")
        return named
    records = msg.get("records") if msg.get("type") == "batch" else [msg]
    if not isinstance(records, list):
        return refuse("bad_record", "batch without a list of records")
    for rec in records:
        _one(writer, summary, source, rec, lineno)
    return source


def _one(writer: Writer, summary: LoadSummary, source: str, rec, lineno: int) -> None:
    raw = json.dumps(rec, ensure_ascii=False).encode()
    if not isinstance(rec, dict):
        writer.quarantine_raw(source, "bad_record", f"line {lineno}: a record must be an object", raw)
        summary.rejected["bad_record"] += 1
        return
    seq = rec.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_SEQ:
        bad = check_shape(rec)
        writer.quarantine_raw(source, "bad_record", f"line {lineno}: {bad.message if bad else 'bad seq'}", raw)
        summary.rejected["bad_record"] += 1
        return
    expected = writer.expected.get(source, 1)
    if seq > expected:
        summary.gaps.append((source, expected, seq - 1, lineno))
    out = writer.hall(source, rec, raw)
    if out.status == "accepted":
        summary.accepted += 1
    elif out.status == "duplicate":
        summary.duplicates += 1
    else:
        summary.rejected[out.code] += 1
