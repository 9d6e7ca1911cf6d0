"""The offline path: a JSON Lines file of hall records, loaded through the same writer as the feeder."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from scoreboard.events import check_shape

from .store import Store
from .writer import Writer

BATCH = 1000


@dataclass
class LoadSummary:
    file: str
    lines: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: Counter = field(default_factory=Counter)
    gaps: list[str] = field(default_factory=list)

    def text(self) -> str:
        parts = [f"{self.file}: {self.lines} lines read, {self.accepted} applied, {self.duplicates} duplicates"]
        q = sum(self.rejected.values())
        if q:
            detail = ", ".join(f"{code} {n}" for code, n in sorted(self.rejected.items()))
            parts.append(f"{q} quarantined ({detail})")
        if self.gaps:
            parts.append(f"{len(self.gaps)} gap(s) in seq: {'; '.join(self.gaps[:5])}")
        return "; ".join(parts)


def load_jsonl(store: Store, path: str, source: str = "offline") -> LoadSummary:
    """Apply every good record, quarantine the rest; gaps in seq are reported, not fatal, offline."""
    writer = Writer(store, allow_gaps=True)
    summary = LoadSummary(path)
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            summary.lines += 1
            try:
                msg = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                writer.quarantine_raw(source, "bad_json", f"line {lineno}: not JSON ({exc.msg if hasattr(exc, 'msg') else exc})", raw)
                summary.rejected["bad_json"] += 1
                continue
            if not isinstance(msg, dict):
                writer.quarantine_raw(source, "bad_record", f"line {lineno}: not a JSON object", raw)
                summary.rejected["bad_record"] += 1
                continue
            try:  # JSON may escape a lone surrogate (\ud800), which no UTF-8 text (nor SQLite) can hold
                json.dumps(msg, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                writer.quarantine_raw(source, "bad_record", f"line {lineno}: a string is not valid Unicode "
                                      "(a lone surrogate escape such as \\ud800)", raw)
                summary.rejected["bad_record"] += 1
                continue
            if msg.get("type") == "hello":
                source = str(msg.get("source") or source)
                continue
            records = msg.get("records") if msg.get("type") == "batch" else [msg]
            if not isinstance(records, list):
                writer.quarantine_raw(source, "bad_record", f"line {lineno}: batch without a list of records", raw)
                summary.rejected["bad_record"] += 1
                continue
            for rec in records:
                _one(writer, summary, source, rec, lineno)
            if len(writer.new_events) >= BATCH:
                writer.flush()
    writer.flush()
    return summary


def _one(writer: Writer, summary: LoadSummary, source: str, rec, lineno: int) -> None:
    raw = json.dumps(rec, ensure_ascii=False).encode()
    if not isinstance(rec, dict):
        writer.quarantine_raw(source, "bad_record", f"line {lineno}: a record must be an object", raw)
        summary.rejected["bad_record"] += 1
        return
    seq = rec.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        bad = check_shape(rec)
        writer.quarantine_raw(source, "bad_record", f"line {lineno}: {bad.message if bad else 'bad seq'}", raw)
        summary.rejected["bad_record"] += 1
        return
    expected = writer.expected.get(source, 1)
    if seq > expected:
        summary.gaps.append(f"{source} {expected}..{seq - 1} missing (line {lineno})")
    out = writer.hall(source, rec, raw)
    if out.status == "accepted":
        summary.accepted += 1
    elif out.status == "duplicate":
        summary.duplicates += 1
    else:
        summary.rejected[out.code] += 1
