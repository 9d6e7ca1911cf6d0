"""The lists an export can hold, as plain tables: columns and rows of values.

Each builder takes a `Snapshot` and returns a `Table`; the workbook, the CSV
writer and the report format the same tables. Scores are points (floats),
times are seconds; formatting belongs to each output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoreboard.changes import status_label, sub_note
from scoreboard.events import fmt_duration

from . import labels
from .certificates import certificate_rows
from .snapshot import Snapshot

LISTS = ("results", "teams", "awards", "advancement", "audit", "certificates")
ON_REQUEST = ("certain",)  # written only when named (`--what certain`), never in the whole workbook


@dataclass
class Column:
    key: str
    header: str
    fmt: str = "text"  # text | int | score | time | hash | long
    cap: int = 30  # widest it may get, in character cells


@dataclass
class Block:
    """One award's part of a block list: its title, rows and any pending tie."""

    award_id: str
    label: str  # the award's name, as `scoreboard awards --json` gives it
    title: str  # the label with the number given
    rows: list[list]
    notes: list[str] = field(default_factory=list)


@dataclass
class Table:
    key: str
    name: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    blocks: list[Block] | None = None  # awards and advancement: one block per award
    landscape: bool = False

    def flat(self, label_header: str) -> tuple[list[Column], list[list]]:
        """Columns and rows with blocks flattened (the award's label becomes a column)."""
        if self.blocks is None:
            return self.columns, self.rows
        cols = [Column("award", label_header, cap=24)] + self.columns
        return cols, [[b.label] + r for b in self.blocks for r in b.rows]


def plain(fmt: str, v) -> str:
    """A value as text: scores to the hundredth, times as h:mm:ss."""
    if v is None or v == "":
        return ""
    if fmt == "score":
        return f"{v:.2f}"
    if fmt == "time":
        return fmt_duration(v)
    return str(v)


def _col(snap: Snapshot, key: str, fmt: str = "text", cap: int = 30, header: str | None = None) -> Column:
    return Column(key, header or labels.head(key, snap.lang), fmt, cap)


def _held(snap: Snapshot, section: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in snap.awards[section]:
        out.setdefault(a["recipient"], []).append(a["label"])
    return out


def _join(snap: Snapshot, items: list[str]) -> str:
    return ("、" if snap.lang == "zh" else "; ").join(items)


def results(snap: Snapshot) -> Table:
    cols = [_col(snap, "rank", "int"), _col(snap, "exam_no"), _col(snap, "name"), _col(snap, "team"),
            _col(snap, "unit", cap=22), _col(snap, "group"), _col(snap, "group_rank", "int")]
    cols += [Column(f"section.{sid}", label, "score") for sid, label in snap.sections]
    cols += [_col(snap, "total", "score"), _col(snap, "time_used", "time"), _col(snap, "graded", "int"),
             _col(snap, "awards", cap=40), _col(snap, "advancement", cap=40), _col(snap, "note", cap=30)]
    awards, adv = _held(snap, "awards"), _held(snap, "advancement")
    subs = snap.standings.get("substitutions", {})
    rows = []
    for r in snap.standings["individual"]:
        status = r.get("status", "")
        note = status_label(status, snap.lang, long=True) or sub_note(subs.get(r["exam_no"]), snap.lang)
        rows.append([status_label(status, snap.lang) or r["rank"], r["exam_no"], r["name"], r["team"], r["unit"],
                     r["group"], status_label(status, snap.lang) or r["group_rank"],
                     *(r["sections"][sid] for sid, _ in snap.sections), r["total"], r["time_used"], r["graded"],
                     _join(snap, awards.get(r["exam_no"], [])), _join(snap, adv.get(r["exam_no"], [])), note])
    return Table("results", labels.sheet("results", snap.lang), cols, rows, landscape=True)


def teams(snap: Snapshot) -> Table:
    cols = [_col(snap, "rank", "int"), _col(snap, "team"), _col(snap, "team_score", "score"),
            _col(snap, "members", "int"), _col(snap, "present", "int"), _col(snap, "awards", cap=40)]
    held = _held(snap, "awards")
    rows = [[t["rank"], t["team"], t["score"], len(t["members"]), t["present"], _join(snap, held.get(t["team"], []))]
            for t in snap.standings["teams"]]
    return Table("teams", labels.sheet("teams", snap.lang), cols, rows)


def _award_columns(snap: Snapshot) -> list[Column]:
    return [_col(snap, "no", "int"), _col(snap, "exam_no"), _col(snap, "name"), _col(snap, "team"),
            _col(snap, "unit", cap=22), _col(snap, "group"), _col(snap, "rank", "int"),
            _col(snap, "score", "score"), _col(snap, "why", "long", cap=60)]


def _award_row(snap: Snapshot, i: int, a: dict, by_exam: dict) -> list:
    if a["kind"] == "team":
        score = None if a["note"] == "assigned" else a.get("score")
        return [i, "", "", a["recipient"], "", "", a["rank"] or None, score, a["why"]]
    r = by_exam.get(a["recipient"], {})
    return [i, a["recipient"], a.get("name", r.get("name", "")), a.get("team", r.get("team", "")),
            a.get("unit", r.get("unit", "")), a["group"] or r.get("group", ""), a["rank"] or None,
            a.get("total"), a["why"]]


def _blocks(snap: Snapshot, key: str, specs) -> Table:
    by_exam = {r["exam_no"]: r for r in snap.standings["individual"]}
    given = snap.awards[key]
    blocks = []
    for aid, label, _kind in specs:
        mine = [a for a in given if a["id"] == aid]
        rows = [_award_row(snap, i, a, by_exam) for i, a in enumerate(mine, 1)]
        notes = [snap.t("pending_row", why=p["why"]) for p in snap.awards["pending"] if p["award"] == aid]
        if not rows and not notes:
            notes = [snap.t("none_yet")]
        blocks.append(Block(aid, label, snap.t("count", label=label, n=len(rows)), rows, notes))
    return Table(key, labels.sheet(key, snap.lang), _award_columns(snap), blocks=blocks, landscape=True)


def awards(snap: Snapshot) -> Table:
    return _blocks(snap, "awards", snap.award_specs)


def advancement(snap: Snapshot) -> Table:
    return _blocks(snap, "advancement", snap.advancement_specs)


def audit(snap: Snapshot) -> Table:
    cols = [_col(snap, "event_id", "int"), _col(snap, "at", cap=26, header=snap.time_head("at")), _col(snap, "actor"), _col(snap, "kind"),
            _col(snap, "data", "long", cap=50), _col(snap, "reason", "long", cap=36),
            _col(snap, "prev_hash", "hash", cap=20), _col(snap, "hash", "hash", cap=20)]
    rows = [[ev["id"], snap.time_cell(ev["at"]), ev["actor"], labels.kind(ev["kind"], snap.lang), ev["what"],
             ev["reason"], ev["prev_hash"], ev["hash"]]
            for ev in snap.judge_events]
    return Table("audit", labels.sheet("audit", snap.lang), cols, rows, landscape=True)


def certificates(snap: Snapshot) -> Table:
    cols = [_col(snap, "cert_no"), _col(snap, "category"), _col(snap, "name"), _col(snap, "unit", cap=22),
            _col(snap, "team"), _col(snap, "award", cap=30), _col(snap, "contest", cap=50), _col(snap, "date"),
            _col(snap, "exam_no")]
    return Table("certificates", labels.sheet("certificates", snap.lang), cols, certificate_rows(snap),
                 landscape=True)


def certain(snap: Snapshot, award: str | None = None) -> Table:
    """Who is certain of each award the marks decide (or of `award` only), as `awards --json`'s `certainty` says:
    one block per award in the rules' order, the recipients in rank order, for certificates made early.
    Needs a snapshot taken with certainty (`take(..., certainty=True)`)."""
    cert = snap.awards.get("certainty") or {}
    by_exam = {r["exam_no"]: r for r in snap.standings["individual"]}
    cols = [_col(snap, "no", "int"), _col(snap, "exam_no"), _col(snap, "name"), _col(snap, "team"),
            _col(snap, "unit", cap=22), _col(snap, "group"), _col(snap, "as_of", cap=26, header=snap.time_head("as_of"))]
    event, at = snap.as_of
    as_of = snap.time_cell(at)
    blocks = []
    for aid, label, _kind in snap.award_specs + snap.advancement_specs:
        c = cert.get(aid)
        if c is None or c["judges"] or (award is not None and aid != award):
            continue
        rows = []
        for i, rid in enumerate(c["certain"], 1):
            if c["scope"] == "team":
                rows.append([i, "", "", rid, "", "", as_of])
            else:
                r = by_exam.get(rid, {})
                rows.append([i, rid, r.get("name", ""), r.get("team", ""), r.get("unit", ""), r.get("group", ""),
                             as_of])
        notes = [snap.t("certain_note", event=event, at=snap.time_text(at))] if rows else [snap.t("none_certain")]
        blocks.append(Block(aid, label, snap.t("certain_title", label=label, n=len(rows), places=c["places"]), rows,
                            notes))
    return Table("certain", labels.sheet("certain", snap.lang), cols, blocks=blocks, landscape=True)


BUILDERS = {"results": results, "teams": teams, "awards": awards, "advancement": advancement,
            "audit": audit, "certificates": certificates}


def build(snap: Snapshot, key: str, award: str | None = None) -> Table:
    """The list `key`; `award` narrows the certain list to one award."""
    if key == "certain":
        return certain(snap, award)
    return BUILDERS[key](snap)
