"""`scoreboard load --via URL FILE`: a hall's JSON Lines file into a running day, through the feeder.

While a feeder holds the contest database nothing else may write it, so a file a hall saved while its
network was down goes in the way the hall's own records would have: as that hall, with the hall's token,
through `feeder.client.HallClient`. The feeder's welcome says how far it already has this hall: records
up to there are not sent again (a resend is harmless anyway), the rest are sent in order, and the
feeder checks, logs, acknowledges or quarantines each as it would live. Lines that hold no record the
protocol can carry (not JSON, no usable seq, a seq that does not follow) are reported here and not sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from scoreboard.limits import MAX_SEQ

from .client import HallClient
from .words import say

CHUNK = 500


class NoHall(ValueError):
    """The file names no hall and no --source was given (load_cli says it in the command's language)."""


@dataclass
class ViaSummary:
    file: str
    source: str
    lines: int = 0
    records: int = 0
    already: int = 0  # records the feeder had before (seq up to its welcome's acked)
    sent: int = 0
    acked: int = 0
    rejected: dict[int, tuple[str, str]] = field(default_factory=dict)
    not_sent: list[tuple[str, dict]] = field(default_factory=list)  # lines reported here, not sent: (key, params)

    def text(self, lang: str = "zh") -> str:
        if lang == "zh":
            head = (f"{self.file}（{self.source}）：读入 {self.lines} 行、{self.records} 条记录；数据服务原已有 "
                    f"{self.already} 条，本次发送 {self.sent} 条，确认至 {self.acked}")
            tail = [f"隔离 {len(self.rejected)} 条" if self.rejected else "", f"未发送 {len(self.not_sent)} 行"
                    if self.not_sent else ""]
        else:
            head = (f"{self.file} ({self.source}): {self.lines} lines, {self.records} records; the feeder had "
                    f"{self.already} already, {self.sent} sent, acknowledged up to {self.acked}")
            tail = [f"{len(self.rejected)} quarantined" if self.rejected else "",
                    f"{len(self.not_sent)} lines not sent" if self.not_sent else ""]
        return "；".join([head, *filter(None, tail)]) if lang == "zh" else "; ".join([head, *filter(None, tail)])

    def not_sent_lines(self, lang: str = "zh") -> list[str]:
        """Why each line reported was not sent (feeder/words.py)."""
        return [say(key, lang, **params) for key, params in self.not_sent]


def read_records(path: str, source: str | None) -> tuple[str | None, list[tuple[int, dict]],
                                                         list[tuple[str, dict]], int]:
    """(the hall named by a hello line or `source`, (line, record) in file order, lines not sendable, lines)."""
    records: list[tuple[int, dict]] = []
    problems: list[tuple[str, dict]] = []
    lines = 0
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            lines += 1
            try:
                msg = json.loads(raw)
            except (ValueError, RecursionError):
                problems.append(("line_not_json", {"line": lineno}))
                continue
            if not isinstance(msg, dict):
                problems.append(("line_not_object", {"line": lineno}))
                continue
            if msg.get("type") == "hello":
                named = msg.get("source")
                if isinstance(named, str) and named and source is None:
                    source = named
                continue
            recs = msg.get("records") if msg.get("type") == "batch" else [msg]
            if not isinstance(recs, list):
                problems.append(("line_bad_batch", {"line": lineno}))
                continue
            for rec in recs:
                seq = rec.get("seq") if isinstance(rec, dict) else None
                if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_SEQ:
                    problems.append(("line_no_seq", {"line": lineno}))
                    continue
                records.append((lineno, rec))
    return source, records, problems, lines


async def load_via(url: str, source: str | None, token: str, path: str, *, ssl=None,
                   timeout: float = 120.0) -> ViaSummary:
    named, records, problems, lines = read_records(path, source)
    if not named:
        raise NoHall(say("via_no_hall", "en"))
    summary = ViaSummary(path, named, lines=lines, records=len(records), not_sent=problems)
    client = HallClient(url, named, token, ssl=ssl)
    try:
        acked = await client.connect()
        pending, last = [], acked
        for lineno, rec in records:
            seq = rec["seq"]
            if seq <= acked:
                summary.already += 1
                continue
            if seq != last + 1:  # the live feeder takes no gap: what follows it cannot go
                summary.not_sent.append(("line_gap", {"line": lineno, "seq": seq, "last": last}))
                break
            pending.append(rec)
            last = seq
            if len(pending) >= CHUNK:
                await client.send_many(pending)
                summary.sent += len(pending)
                pending = []
        if pending:
            await client.send_many(pending)
            summary.sent += len(pending)
        summary.acked = await client.wait_acked(timeout=timeout)
        summary.rejected = dict(client.rejections)
    finally:
        await client.close()
    return summary
