"""Changes on the day: what happens to a contestant after the roster was imported, as judges' events.

- `disqualify` (取消成绩, for a breach of exam rules; the chief's decision) and `reinstate` (its undoing);
- `withdraw` (缺考/弃权: did not show up, or left);
- `correct`: a name or a unit typed wrong (it will be printed on a certificate), or a history flag found
  wrong; a flag that makes the contestant ineligible (`[eligibility] forbid`) has a disqualification's
  effect, with the reason;
- `substitute` (替补上场, on stage): the team's substitute plays in a member's place from a round on.

A *voided* contestant (disqualified, ineligible or withdrawn) leaves every individual ranking and award
(the next in line moves up, and the award's reason names them) and counts in the team score as an absent
member does. Nothing is re-imported: the log keeps everything, and `reinstate` or a corrected flag undo it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .events import Event, Rejection, _zh_problem
from .limits import MAX_NAME, MAX_TEXT, plain_text_problem, short, short_zh

DAY_KINDS = ("disqualify", "reinstate", "withdraw", "correct", "substitute")
VOID = ("disqualified", "ineligible", "withdrawn")  # in this order of precedence

# How lists show a contestant out of the ranking: short (in place of a rank) and long (a note column)
SHORT = {"disqualified": ("取消", "DQ"), "ineligible": ("取消", "DQ"), "withdrawn": ("缺考", "absent")}
LONG = {"disqualified": ("取消成绩", "disqualified"), "ineligible": ("不符合参赛资格", "not eligible"),
        "withdrawn": ("缺考/弃权", "withdrawn")}


def status_label(status: str, lang: str = "zh", long: bool = False) -> str:
    if not status:
        return ""
    zh, en = (LONG if long else SHORT)[status]
    return zh if lang == "zh" else en


def round_name(rules, round_id: str | None, lang: str = "zh") -> str:
    """A round as people call it (its label in the rules), or 首轮 / the start when none is named."""
    if not round_id:
        return "首轮" if lang == "zh" else "the start"
    for r in rules.rounds:
        if r.id == round_id:
            return (r.label_en or r.label) if lang == "en" else r.label
    return round_id


def sub_note(sub: dict | None, lang: str = "zh") -> str:
    """A substitution as a list's note: 替补上场（替ST0003，自风险题起） / 被替补（ST0007自风险题起上场）."""
    if not sub:
        return ""
    when = sub.get("round_en" if lang == "en" else "round") or sub.get("from_round") or (
        "首轮" if lang == "zh" else "the start")
    if sub["role"] == "in":
        return f"替补上场（替{sub['other']}，自{when}起）" if lang == "zh" else \
            f"substitute in for {sub['other']} from {when}"
    return f"被替补（{sub['other']}自{when}起上场）" if lang == "zh" else f"replaced by {sub['other']} from {when}"


@dataclass(frozen=True)
class Change:
    """One change about a contestant, as explain, the lists and the audit show it."""

    event_id: int
    at: float
    kind: str
    actor: str
    why: str
    data: dict


@dataclass
class DayState:
    disqualified: dict[str, Change] = field(default_factory=dict)
    withdrawn: dict[str, Change] = field(default_factory=dict)
    ineligible: dict[str, Change] = field(default_factory=dict)
    history: dict[str, list[Change]] = field(default_factory=dict)  # exam_no -> its changes, oldest first
    subs: list[tuple[str, str, str | None, Change]] = field(default_factory=list)  # (out, in, from round, change)

    def status(self, exam_no: str) -> str:
        """"" (counts), or the void that applies: disqualified, ineligible, withdrawn (in that precedence)."""
        if exam_no in self.disqualified:
            return "disqualified"
        if exam_no in self.ineligible:
            return "ineligible"
        if exam_no in self.withdrawn:
            return "withdrawn"
        return ""

    def why(self, exam_no: str) -> Change | None:
        """The change behind a contestant's void."""
        for book in (self.disqualified, self.ineligible, self.withdrawn):
            if exam_no in book:
                return book[exam_no]
        return None

    def substitution(self, exam_no: str) -> tuple[str, str, str | None, Change] | None:
        """The substitution a contestant is part of (in or out), the latest."""
        for sub in reversed(self.subs):
            if exam_no in (sub[0], sub[1]):
                return sub
        return None


# --- checks -------------------------------------------------------------------------------------------
def check_day_command(board, kind: str, data: dict) -> Rejection | None:
    """Whether a change may become an event now (who may is `scoreboard.judging`'s)."""
    if board.control.locked:
        return Rejection("locked", "the award list is locked: unlock it first (chief, with a reason)",
                         "奖项名单已锁定：须先由裁判长写明理由撤销定榜")
    day: DayState = board.day
    if kind == "substitute":
        return _check_substitute(board, data)
    who = data.get("exam_no")
    if not isinstance(who, str) or who not in board.contestants:
        return Rejection("bad_command", f"{short_zh(who)} is not a contestant of this contest", f"{short_zh(who)}不是本比赛的选手")
    status = day.status(who)
    if kind == "disqualify" and who in day.disqualified:
        return Rejection("bad_command", f"{who} is already disqualified", f"{who}的成绩已被取消")
    if kind == "withdraw" and status:
        return Rejection("bad_command", f"{who} is already out of the ranking ({status})",
                         f"{who}已不在排名中（{status_label(status, long=True)}）")
    if kind == "reinstate" and who not in day.disqualified and who not in day.withdrawn:
        if status == "ineligible":
            return Rejection("bad_command", f"{who} is ineligible: correct the flag instead",
                             f"{who}不具备评奖资格：请改为更正其标记")
        return Rejection("bad_command", f"{who} is not disqualified or withdrawn", f"{who}的成绩未被取消，也未登记缺考/弃权")
    if kind == "correct":
        return _check_correct(board, who, data)
    return None


_FIELD_ZH = {"name": "姓名", "unit": "单位"}


def _check_correct(board, who: str, data: dict) -> Rejection | None:
    changes = {k: data[k] for k in ("name", "unit", "flags") if k in data}
    if not changes:
        return Rejection("bad_command", "a correction needs a new name, unit or flag", "更正须给出新的姓名、单位或标记")
    for key, limit in (("name", MAX_NAME), ("unit", MAX_TEXT)):
        if key in changes:
            value = changes[key]
            problem = plain_text_problem(value, limit) if isinstance(value, str) else "is not a text"
            if problem:
                return Rejection("bad_command", f"the new {key} {problem}",
                                 f"新的{_FIELD_ZH[key]}" + ("须为文字" if problem == "is not a text" else _zh_problem(problem)))
    flags = changes.get("flags", {})
    if not isinstance(flags, dict) or not all(isinstance(v, bool) for v in flags.values()):
        return Rejection("bad_command", "'flags' must map flag ids to true or false", "标记须为“标记→是/否”的对应表")
    known = [f.id for f in board.rules.flags]
    unknown = [f for f in flags if f not in known]
    if unknown:
        return Rejection("bad_command", f"unknown flag {short(unknown[0])} (this contest's: {', '.join(known)})",
                         f"未知的标记{short_zh(unknown[0])}（本比赛的标记：{'、'.join(known)}）")
    return None


def _check_substitute(board, data: dict) -> Rejection | None:
    rules = board.rules
    if not rules.rounds:
        return Rejection("bad_command", "a substitution is for an on-stage contest", "替补只用于现场赛")
    out, inn, rnd = data.get("out"), data.get("in"), data.get("from_round")
    for role, who in (("out", out), ("in", inn)):
        if not isinstance(who, str) or who not in board.contestants:
            return Rejection("bad_command", f"'{role}': {short(who)} is not a contestant of this contest",
                             f"{'下场' if role == 'out' else '上场'}选手{short_zh(who)}不是本比赛的选手")
    if out == inn:
        return Rejection("bad_command", "a contestant cannot replace themselves", "选手不能替补自己")
    if board.contestants[out].team != board.contestants[inn].team:
        return Rejection("bad_command", f"{inn} is not of {out}'s team ({board.contestants[out].team}): "
                                        "the substitute must be the team's",
                         f"{inn}不属于{out}所在的代表队（{board.contestants[out].team}）：替补须为本队队员")
    if rnd is not None and rnd not in [r.id for r in rules.rounds]:
        return Rejection("bad_command", f"unknown round {short(rnd)} (rounds: {', '.join(r.id for r in rules.rounds)})",
                         f"未知的轮次{short_zh(rnd)}（本比赛轮次：{'、'.join(r.id for r in rules.rounds)}）")
    if inn in board.playing(board.contestants[inn].team, rnd):
        return Rejection("bad_command", f"{inn} is already playing", f"{inn}已经在场上")
    if out not in board.playing(board.contestants[out].team, rnd):
        return Rejection("bad_command", f"{out} is not playing from that round", f"{out}在该轮次不在场上")
    return None


# --- the fold -----------------------------------------------------------------------------------------
def apply_day_event(board, ev: Event) -> None:
    d = ev.data
    day: DayState = board.day
    change = Change(ev.id, ev.at, ev.kind, ev.actor, ev.reason, dict(d))
    if ev.kind == "substitute":
        day.subs.append((d["out"], d["in"], d.get("from_round"), change))
        for who in (d["out"], d["in"]):
            day.history.setdefault(who, []).append(change)
        return
    who = d["exam_no"]
    day.history.setdefault(who, []).append(change)
    if ev.kind == "disqualify":
        day.disqualified[who] = change
    elif ev.kind == "withdraw":
        day.withdrawn[who] = change
    elif ev.kind == "reinstate":
        day.disqualified.pop(who, None)
        day.withdrawn.pop(who, None)
    elif ev.kind == "correct":
        c = board.contestants[who]
        flags = set(c.flags)
        for fid, on in (d.get("flags") or {}).items():
            (flags.add if on else flags.discard)(fid)
        board.contestants[who] = replace(c, name=d.get("name", c.name), unit=d.get("unit", c.unit),
                                         flags=frozenset(flags))
        if flags:
            board.flags[who] = frozenset(flags)
        else:
            board.flags.pop(who, None)
        if set(board.rules.forbid) & flags:
            day.ineligible[who] = change
        else:
            day.ineligible.pop(who, None)
    board.dirty.add(who)


def correction_text(rules, data: dict, lang: str = "zh") -> str:
    """What a correction changed, as people read it: 姓名→韦秀秀，获得2020年度全国“人社知识通”：是."""
    zh = lang == "zh"
    parts = []
    for key, zh_label, en_label in (("name", "姓名", "name"), ("unit", "单位", "unit")):
        if key in data:
            parts.append(f"{zh_label if zh else en_label}→{data[key]}")
    for fid, on in (data.get("flags") or {}).items():
        f = rules.flag(fid)
        label = (f.label if zh else f.label_en) if f else fid
        parts.append(f"{label}{'：' if zh else ': '}{('是' if on else '否') if zh else ('yes' if on else 'no')}")
    return ("，" if zh else ", ").join(parts)


def playing(board, team: str, round_id: str | None) -> list[str]:
    """The team's contestants who play from `round_id` on (None: from the start): the roster's own players
    (all but its substitutes), then the day's substitutions in order, each from its round on."""
    order = {r.id: i for i, r in enumerate(board.rules.rounds)}
    at = order.get(round_id, 0) if round_id is not None else 0
    people = [c for c in board.contestants.values() if c.team == team]
    on = [c.exam_no for c in people if not c.has("substitute")] or [c.exam_no for c in people]
    for out, inn, from_round, _change in board.day.subs:
        if board.contestants[out].team != team:
            continue
        if (order.get(from_round, 0) if from_round is not None else 0) <= at and out in on:
            on[on.index(out)] = inn
    return on
