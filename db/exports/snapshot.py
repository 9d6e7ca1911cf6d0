"""One reading of a contest database, taken once and shared by every output.

`take(store, lang)` folds the log, verifies the judges' chain and gathers the
standings, the awards (as `scoreboard awards --json` gives them), the lock and
the judge events. The outputs only format what is here, so a workbook, a CSV
file and the report made from one snapshot can never disagree.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from scoreboard.certainty import compute_certainty
from scoreboard.clock import BEIJING, contest_zone, datetime_text, stamp, zone_label
from scoreboard.judge_text import describe
from scoreboard.serialize import awards_json, standings_json

from . import labels


def _judge_event(rules, names: dict, ev: dict, lang: str) -> dict:
    """A judge's event with its data read, and `what` it did in words (the audit sheet prints that, not the
    raw data)."""
    data = json.loads(ev["data"])
    return dict(ev, data=data, what=describe(rules, names, ev["kind"], data, lang))


class ExportError(Exception):
    """A database that must not be exported as it is; the message says why."""


@dataclass
class Snapshot:
    lang: str
    contest_id: str
    title: str
    date: str  # the contest's date as the rules give it (may be "")
    sections: list[tuple[str, str]]  # (section id, label in lang)
    standings: dict  # standings_json
    awards: dict  # awards_json, exactly what `scoreboard awards --json` prints
    award_specs: list[tuple[str, str, str]]  # (id, label, kind) of the awards, in the rules' order
    advancement_specs: list[tuple[str, str, str]]
    judge_events: list[dict]
    chain_head: str
    chain_events: int
    made_at: float = field(default_factory=time.time)
    zone: tzinfo = BEIJING  # the contest's clock: every time printed is on it
    as_of: tuple[int, float] = (0, 0.0)  # the last event folded: (id, at)

    # --- times ----------------------------------------------------------------------
    def time_text(self, at: float | None) -> str:
        """A moment on its own: date, time and zone (北京时间 2024-08-20 10:36:00)."""
        return "" if at is None else stamp(at, self.zone, self.lang)

    def time_cell(self, at: float | None) -> str:
        """A moment in a column whose header says the zone (`time_head`)."""
        return "" if at is None else datetime_text(at, self.zone)

    def time_head(self, key: str) -> str:
        return self.t("with_zone", head=labels.head(key, self.lang), zone=zone_label(self.zone, self.lang))

    # --- the lock -----------------------------------------------------------------
    @property
    def locked(self) -> dict | None:
        return self.awards["locked"]

    @property
    def provisional(self) -> bool:
        """Everything not made from a locked list is provisional, pending ties or not."""
        return self.locked is None

    @property
    def locked_at(self) -> str:
        return self.time_text(self.locked["at"]) if self.locked else ""

    @property
    def locked_by(self) -> str:
        return self.locked["actor"] if self.locked else ""

    def t(self, key: str, **params) -> str:
        return labels.text(key, self.lang, **params)

    def status_line(self) -> str:
        """The banner: PROVISIONAL, or the lock's time, who locked it and the chain hash."""
        if self.provisional:
            line = self.t("provisional_banner")
            if self.awards["pending"]:
                line += ("；" if self.lang == "zh" else "; ") + self.t("pending_ties", n=len(self.awards["pending"]))
            return line
        line = self.t("locked_banner", at=self.locked_at, actor=self.locked_by, digest=self.awards["digest"],
                      chain=self.chain_head, n=self.chain_events)
        if self.awards["drift"]:
            line += ("；" if self.lang == "zh" else "; ") + self.t("drift")
        return line

    def status_short(self) -> str:
        """For page headers: short enough to fit beside the title."""
        if self.provisional:
            return self.t("provisional")
        return self.t("locked_short", at=self.locked_at, actor=self.locked_by)

    def status_fields(self) -> list[str]:
        """The status columns a CSV row carries: status, locked at, locked by, chain hash."""
        if self.provisional:
            return [self.t("provisional"), "", "", self.chain_head]
        return [self.t("locked_word"), self.locked_at, self.locked_by, self.chain_head]

    def contest_date(self) -> str:
        """The date for certificates: the contest's day (`init --date`, or the rules'); without one, a line to
        fill in by hand (never a guessed date on an official certificate)."""
        raw = self.date
        if not raw:
            return "　　年　　月　　日" if self.lang == "zh" else "____-__-__"
        if self.lang != "zh":
            return raw
        try:
            d = datetime.strptime(raw, "%Y-%m-%d")
        except ValueError:
            return raw
        return f"{d.year}年{d.month}月{d.day}日"


def take(store, lang: str = "zh", certainty: bool = False) -> Snapshot:
    """Read the database once: fold, verify the whole file (db/verify.py), gather what the outputs show.
    A file that fails verification is not exported. With `certainty`, the awards carry who is certain of each
    (`awards_json`'s `certainty`, as `scoreboard awards --json` prints it)."""
    from db.verify import verify

    board = store.fold()
    report = verify(store, board=board)
    if not report.ok:
        raise ExportError(
            f"文件校验失败，未导出任何内容：{report.first('zh')}。请先运行 scoreboard verify 查明原因，再出具正式名单"
            if lang == "zh" else
            f"the file fails verification, so nothing was exported: {report.first('en')}. "
            "Run 'scoreboard verify' and settle it before issuing official lists")
    head, n = report.head, report.judge_events
    rules = board.rules
    st = board.standings()
    zh = lang == "zh"
    names = {c.exam_no: c.name for c in board.contestants.values()}

    def spec(a):
        return (a.id, a.label if zh else a.label_en, a.kind)

    return Snapshot(
        lang=lang,
        contest_id=rules.id,
        title=(rules.title if zh else rules.title_en) or rules.title or rules.id,
        date=store.contest_date(),
        sections=[(s.id, s.label if zh else s.label_en) for s in rules.sections],
        standings=standings_json(rules, st),
        awards=awards_json(board, lang, certainty=compute_certainty(board) if certainty else None),
        award_specs=[spec(a) for a in rules.awards],
        advancement_specs=[spec(a) for a in rules.advancement],
        judge_events=[_judge_event(rules, names, ev, lang) for ev in store.judge_events()],
        chain_head=head,
        chain_events=n,
        zone=contest_zone(rules),
        as_of=(board.last_event_id, board.last_at),
    )
