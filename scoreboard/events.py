"""The events of a contest day and the checks a hall record must pass.

Every change of state is an `Event` in one append-only log. Hall records
(`result`, `finish`) come from exam-hall systems; judge events (decisions,
confirmations, the lock, the organisation prize, the screen's freeze and the
ceremony) come from the judges' consoles. The checks here are pure: the
feeder and the offline loader call the same ones.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import NamedTuple

from .limits import MAX_ID, MAX_ITEM_POINTS, MAX_ITEMS, MAX_SEQ, MAX_TIME_USED, plain_text_problem, short, short_zh

HALL_KINDS = ("result", "finish")
JUDGE_KINDS = (
    "decision",  # a tie at a cut-off: order, share or lots
    "confirm",  # a judge confirms the current award list (by digest)
    "lock",  # 定榜, chief only, after a confirmation
    "unlock",  # chief only, with a reason
    "assign",  # a judge-assigned award (优秀组织奖)
    "revoke",  # withdraw a judge-assigned award
    "freeze",  # 封榜: the public screen keeps the standings of this moment
    "unfreeze",
    "view",  # the public screen's view
    "ceremony",  # the ceremony's step
    "mark_certain",  # the public screen marks those certain of a prize (确定获奖), or stops; never while frozen
    "answer",  # on stage: a team's or contestant's answer (scoreboard.stage)
    "panel",  # on stage: one panel judge's mark for a team
    "undo",  # on stage: a correcting event, the entry it names no longer counts
    "stage",  # on stage: the round and question now being played
    "disqualify",  # 取消成绩 (scoreboard.changes), chief only
    "reinstate",  # a disqualification or withdrawal undone, chief only
    "withdraw",  # 缺考/弃权
    "correct",  # a name, unit or history flag corrected
    "substitute",  # on stage: 替补上场
)
KINDS = HALL_KINDS + JUDGE_KINDS

SCALE = 100  # scores are kept as integer hundredths of a point


@dataclass(slots=True)
class Event:
    id: int  # position in the log, from 1
    at: float  # arrival time, seconds since the epoch (server clock)
    kind: str
    source: str  # hall source, or "judge"
    seq: int | None  # the hall's sequence number; None for judge events
    actor: str  # the hall source or the judge's name
    data: dict = field(default_factory=dict)
    reason: str = ""  # why (judge events)


class Rejection(NamedTuple):
    """Why a record or a command is refused: `message` in English (what a hall's system is sent, as the
    protocol is English), `zh` in Chinese (what a judge reads: `text(lang)`)."""

    code: str
    message: str
    zh: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.zh or self.message if lang == "zh" else self.message


FIELD_ZH = {"contestant": "准考证号", "item": "题目", "section": "题型", "score": "得分", "max": "满分",
            "time_used": "用时", "seq": "序号"}


def _zh_problem(problem: str) -> str:
    """`scoreboard.limits.plain_text_problem`'s English, in Chinese."""
    if problem == "is empty":
        return "为空"
    if problem.startswith("is ") and "characters long" in problem:
        n, limit = problem.split()[1], problem.rsplit(" ", 1)[-1].rstrip(")")
        return f"长{n}个字符（最多{limit}个）"
    return "含有控制字符" + problem.rsplit(" ", 1)[-1].join(("（", "）"))


def to_points(score: float) -> int:
    return round(score * SCALE)


def from_points(points: int) -> float:
    return points / SCALE


def fmt_points(points: int) -> str:
    value = points / SCALE
    return f"{value:.2f}".rstrip("0").rstrip(".") if points % SCALE else f"{points // SCALE}"


def fmt_duration(seconds: float | None) -> str:
    """A time used as H:MM:SS ("—" for none): the one spelling of every list, console and export."""
    if seconds is None:
        return "—"
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _text_field(rec: dict, key: str, what: str, zh: str) -> Rejection | None:
    """A record's id field: a non-empty printable string of at most MAX_ID characters."""
    v = rec.get(key)
    if not isinstance(v, str):
        if key not in rec:
            return Rejection("bad_record", f"{what}: field '{key}' is missing", f"{zh}：缺少“{FIELD_ZH[key]}”")
        return Rejection("bad_record", f"{what}: field '{key}' must be a non-empty string, got {short(v)}",
                         f"{zh}：“{FIELD_ZH[key]}”须为非空文字，收到的是{short_zh(v)}")
    problem = plain_text_problem(v, MAX_ID)
    if problem:
        return Rejection("bad_record", f"{what}: field '{key}' {problem}", f"{zh}：“{FIELD_ZH[key]}”{_zh_problem(problem)}")
    return None


def check_shape(rec: dict) -> Rejection | None:
    """Fields present, of the right type and within the bounds of `scoreboard.limits` (the `bad_record`
    check). Messages echo input only shortened."""
    kind = rec.get("type")
    seq = rec.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return Rejection("bad_record", f"'seq' must be a positive integer, got {short(seq)}",
                         f"序号须为正整数，收到的是{short_zh(seq)}")
    if seq > MAX_SEQ:
        return Rejection("bad_record", f"'seq' {seq} is above {MAX_SEQ}, the largest a log can hold",
                         f"序号{seq}超过日志能记录的最大值{MAX_SEQ}")
    if kind == "result":
        for key in ("contestant", "item", "section"):
            bad = _text_field(rec, key, f"result {seq}", f"第{seq}条成绩")
            if bad:
                return bad
        for key in ("score", "max"):
            if key not in rec:
                return Rejection("bad_record", f"result {seq}: field '{key}' is missing",
                                 f"第{seq}条成绩：缺少“{FIELD_ZH[key]}”")
            v = rec[key]
            if v.__class__ is not float and (v.__class__ is bool or not isinstance(v, (int, float))):
                return Rejection("bad_record", f"result {seq}: field '{key}' must be a number, got {short(v)}",
                                 f"第{seq}条成绩：“{FIELD_ZH[key]}”须为数字，收到的是{short_zh(v)}")
        return None
    if kind == "finish":
        bad = _text_field(rec, "contestant", f"finish {seq}", f"第{seq}条交卷记录")
        if bad:
            return bad
        tu = rec.get("time_used")
        if not _is_number(tu):
            return Rejection("bad_record", f"finish {seq}: field 'time_used' must be a number, got {short(tu)}",
                             f"第{seq}条交卷记录：“用时”须为数字，收到的是{short_zh(tu)}")
        if not (0 <= tu <= MAX_TIME_USED):  # NaN fails too
            return Rejection("bad_record", f"finish {seq}: 'time_used' must be between 0 and "
                             f"{MAX_TIME_USED:.0f} seconds (one day), got {short(tu)}",
                             f"第{seq}条交卷记录：“用时”须在0至{MAX_TIME_USED:.0f}秒（一天）之间，收到的是{short_zh(tu)}")
        return None
    return Rejection("bad_record", f"record {seq}: unknown record type {short(kind)}",
                     f"第{seq}条记录：未知的记录类型{short_zh(kind)}")


def check_record(rec: dict, contestants, sections, item_max: dict, item_section: dict,
                 marks: dict | None = None) -> Rejection | None:
    """Every check of PROTOCOL.md that concerns the record's content, and our bounds (`Board.admit` is
    the fast path for the common case; this one names the problem). `marks` (exam_no -> item -> points)
    bounds the items a contestant may have."""
    bad = check_shape(rec)
    if bad:
        return bad
    seq = rec["seq"]
    who = rec["contestant"]
    if who not in contestants:
        return Rejection("unknown_contestant", f"record {seq}: contestant {who} is not on the roster",
                         f"第{seq}条记录：准考证号{who}不在名单上")
    if rec["type"] == "finish":
        return None
    item, section, score, mx = rec["item"], rec["section"], rec["score"], rec["max"]
    if section not in sections:
        return Rejection("unknown_section", f"record {seq}: section '{section}' is not one of {', '.join(sections)}",
                         f"第{seq}条成绩：题型“{section}”不是本比赛的题型（{'、'.join(sections)}）")
    if not math.isfinite(mx) or mx <= 0 or mx > MAX_ITEM_POINTS:
        return Rejection("score_out_of_range",
                         f"record {seq}: max {short(mx)} must be a number above 0 and at most {MAX_ITEM_POINTS}",
                         f"第{seq}条成绩：满分{short_zh(mx)}须大于0且不超过{MAX_ITEM_POINTS}")
    if not math.isfinite(score):
        return Rejection("score_out_of_range", f"record {seq}: score {score!r} is not a finite number",
                         f"第{seq}条成绩：得分{score!r}不是有限的数")
    if score < 0 or score > mx:
        return Rejection("score_out_of_range", f"record {seq}: score {score} is outside 0..{mx} for item {item}",
                         f"第{seq}条成绩：题目{item}的得分{score}不在0至{mx}之间")
    known = item_max.get(item)
    if known is not None and to_points(mx) != known:
        return Rejection("max_mismatch", f"record {seq}: item {item} has max {fmt_points(known)}, this record says {mx}",
                         f"第{seq}条成绩：题目{item}的满分为{fmt_points(known)}，此条却写{mx}")
    known_section = item_section.get(item)
    if known_section is not None and known_section != section:
        return Rejection("section_mismatch",
                         f"record {seq}: item {item} belongs to section '{known_section}', this record says '{section}'",
                         f"第{seq}条成绩：题目{item}属于题型“{known_section}”，此条却写“{section}”")
    if marks is not None:
        held = marks.get(who, {})
        if item not in held and len(held) >= MAX_ITEMS:
            return Rejection("too_many_items", f"record {seq}: contestant {who} already has {len(held)} graded "
                             f"items, the most one contestant may have ({MAX_ITEMS})",
                             f"第{seq}条成绩：{who}已有{len(held)}道题的成绩，达到每人上限{MAX_ITEMS}道")
    return None


def record_data(rec: dict) -> dict:
    """The part of an accepted hall record that the log keeps as event data."""
    if rec["type"] == "result":
        return {
            "contestant": rec["contestant"],
            "item": rec["item"],
            "section": rec["section"],
            "score": rec["score"],
            "max": rec["max"],
        }
    return {"contestant": rec["contestant"], "time_used": rec["time_used"]}


RESULT_JSON = '{"contestant":%s,"item":%s,"section":%s,"score":%s,"max":%s}'
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=repr).encode
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # compact, as SQLite keeps JSON
_NUMBER_TEXT = {int: int.__repr__, float: float.__repr__}  # what json writes for finite numbers


def record_json(rec: dict, data: dict) -> str:
    """`data` (= `record_data(rec)`) as the JSON text the log stores, written once.

    It is exactly `json.dumps(data, ensure_ascii=False, separators=(",", ":"))`: the
    compact form, which SQLite keeps as it is and the seals hash (db/seals.py). A
    checked result is written by hand: five fields whose types the checks have
    fixed, strings escaped by json's own C escaper and numbers in json's own
    spelling. Anything else goes through the json encoder.
    """
    if rec.get("type") == "result":
        score, mx = data["score"], data["max"]
        text_s, text_m = _NUMBER_TEXT.get(score.__class__), _NUMBER_TEXT.get(mx.__class__)
        if text_s is not None and text_m is not None:
            return RESULT_JSON % (
                _escape(data["contestant"]), _escape(data["item"]), _escape(data["section"]), text_s(score),
                text_m(mx))
    return _ENCODE(data)


_escape = json.encoder.encode_basestring  # the C escaper json uses with ensure_ascii=False

CONTENT_FIELDS = ("type", "contestant", "item", "section", "score", "max", "time_used")


def record_content(rec: dict) -> tuple:
    """What makes two hall records "the same" for a resend: the fields PROTOCOL.md defines (the seq aside).

    Fields a vendor adds beyond the protocol's are not part of it (the log does not keep them).
    """
    get = rec.get
    return tuple(get(k) for k in CONTENT_FIELDS)


def event_content(kind: str, data: dict) -> tuple:
    """The content of a hall record from its logged event (see `record_content`)."""
    return record_content({"type": kind, **data})


def same_content(a: tuple, b: tuple) -> bool:
    """Equal field by field, a NaN equal to a NaN (a resent NaN score is still the same record)."""
    return a == b or (len(a) == len(b) and all(x == y or (x != x and y != y) for x, y in zip(a, b)))


def record_digest(rec: dict) -> str:
    """A fingerprint of a rejected record's whole content, kept beside its raw bytes in the quarantine.

    Containers nested deeper than a real record ever is are fingerprinted by their depth alone, so any
    record MessagePack could decode has a digest (no recursion error)."""
    return hashlib.sha256(_CANONICAL(_limited(rec, 8)).encode()).hexdigest()[:24]


def _limited(value, depth: int):
    if isinstance(value, dict):
        if depth <= 0:
            return "<map nested too deep>"
        return {str(k): _limited(v, depth - 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if depth <= 0:
            return "<list nested too deep>"
        return [_limited(v, depth - 1) for v in value]
    return value
