"""Judges' commands: who may do what, the checks before a command becomes an
event, and how a judge event changes the board's control state.

Roles: `judge` decides ties, confirms, assigns judge awards and drives the
public screen; `chief` may do all of that and also lock (定榜) and unlock;
`display` and `hall` issue no commands.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .awards import compute_awards, lots_order
from .control import Decision
from .events import Event, Rejection, _zh_problem
from .limits import MAX_COMMAND_DEPTH, MAX_COMMAND_ITEMS, MAX_ID, MAX_REASON, plain_text_problem, short, short_zh
from .changes import DAY_KINDS, check_day_command
from .stage import check_stage_command

if TYPE_CHECKING:  # the board folds judge events through this module: only its type is needed here
    from .board import Board

STAGE = {"answer", "panel", "undo", "stage"}  # the scorer's desk (scoreboard.stage)
ROLE_ACTIONS = {
    "judge": {"decision", "confirm", "assign", "revoke", "freeze", "unfreeze", "view", "ceremony", "mark_certain",
              "withdraw",
              "correct", "substitute"} | STAGE,
    "chief": {"decision", "confirm", "assign", "revoke", "freeze", "unfreeze", "view", "ceremony", "mark_certain",
              "lock",
              "unlock", *DAY_KINDS} | STAGE,
    "display": set(),
    "hall": set(),
}
ROLE_ZH = {"judge": "裁判", "chief": "裁判长", "display": "大屏", "hall": "考场", "view": "观看端"}
KIND_NAMES: dict[str, tuple[str, str]] = {  # every judge event's kind, as the audit, the replay and refusals name it
    "decision": ("裁定并列", "tie decided"),
    "confirm": ("确认名单", "list confirmed"),
    "lock": ("定榜", "list locked"),
    "unlock": ("撤销定榜", "list unlocked"),
    "assign": ("授予奖项", "award assigned"),
    "revoke": ("撤销奖项", "award revoked"),
    "freeze": ("封榜", "screen frozen"),
    "unfreeze": ("解除封榜", "screen unfrozen"),
    "view": ("切换大屏视图", "screen view"),
    "ceremony": ("颁奖步骤", "ceremony step"),
    "mark_certain": ("大屏标注确定获奖", "screen marks certain prizes"),
    "disqualify": ("取消成绩", "disqualified"),
    "reinstate": ("恢复成绩", "reinstated"),
    "withdraw": ("缺考/弃权", "withdrawn"),
    "correct": ("更正选手信息", "contestant corrected"),
    "substitute": ("替补上场", "substitution"),
    "answer": ("录入答题", "answer entered"),
    "panel": ("录入评委打分", "panel mark entered"),
    "undo": ("撤销录入", "entry undone"),
    "stage": ("切换赛程", "stage moved on"),
}
KIND_ZH = {k: v[0] for k, v in KIND_NAMES.items()}


def kind_label(kind: str, lang: str = "zh") -> str:
    names = KIND_NAMES.get(kind)
    return kind if names is None else names[0] if lang == "zh" else names[1]
NEEDS_REASON = {"decision", "assign", "revoke", "unlock", "undo", *DAY_KINDS}
VIEWS = ("individual", "team", "group", "awards", "latest", "ceremony", "stage")


def allowed(role: str, kind: str) -> bool:
    return kind in ROLE_ACTIONS.get(role, set())


def _bad(message: str, zh: str) -> Rejection:
    return Rejection("bad_command", message, zh)


def check_data(data) -> Rejection | None:
    """Why a command's data cannot be logged (None: it can): JSON-like values only (maps with string keys,
    lists, strings, finite numbers, true/false/null), nested at most MAX_COMMAND_DEPTH deep, at most
    MAX_COMMAND_ITEMS values, strings of at most MAX_REASON characters."""
    if not isinstance(data, dict):
        return _bad("'data' must be a map", "命令的“data”须为键值表")
    todo = [(data, 1)]
    count = 0
    while todo:
        value, depth = todo.pop()
        count += 1
        if count > MAX_COMMAND_ITEMS:
            return _bad(f"'data' holds more than {MAX_COMMAND_ITEMS} values",
                        f"命令的“data”含有超过{MAX_COMMAND_ITEMS}个值")
        if isinstance(value, dict):
            if depth > MAX_COMMAND_DEPTH:
                return _bad(f"'data' is nested deeper than {MAX_COMMAND_DEPTH} levels",
                            f"命令的“data”嵌套超过{MAX_COMMAND_DEPTH}层")
            for k, v in value.items():
                if not isinstance(k, str) or len(k) > MAX_ID:
                    return _bad(f"'data' has a key that is not a short string: {short(k)}",
                                f"命令的“data”有一个键不是短文字：{short_zh(k)}")
                todo.append((v, depth + 1))
        elif isinstance(value, list):
            if depth > MAX_COMMAND_DEPTH:
                return _bad(f"'data' is nested deeper than {MAX_COMMAND_DEPTH} levels",
                            f"命令的“data”嵌套超过{MAX_COMMAND_DEPTH}层")
            todo.extend((v, depth + 1) for v in value)
        elif isinstance(value, str):
            if len(value) > MAX_REASON:
                return _bad(f"'data' holds a text of {len(value)} characters (at most {MAX_REASON})",
                            f"命令的“data”含有长{len(value)}个字符的文字（最多{MAX_REASON}个）")
        elif isinstance(value, float):
            if not math.isfinite(value):
                return _bad(f"'data' holds {value!r}, which is not a finite number",
                            f"命令的“data”含有{value!r}，不是有限的数")
        elif isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > 2**53:
                return _bad(f"'data' holds the integer {short(value)}, beyond ±2^53",
                            f"命令的“data”含有整数{short_zh(value)}，超出±2^53")
        elif value is not None and not isinstance(value, bool):
            return _bad(f"'data' holds a value of type {type(value).__name__}",
                        f"命令的“data”含有不支持的类型{type(value).__name__}")
    return None


def reason_problem(reason) -> Rejection | None:
    """Why a reason cannot be logged: not a string, over MAX_REASON characters, or holding control
    characters other than line breaks and tabs."""
    if not isinstance(reason, str):
        return _bad("'reason' must be a string", "理由须为文字")
    if len(reason) > MAX_REASON:
        return _bad(f"the reason is {len(reason)} characters long (at most {MAX_REASON})",
                    f"理由长{len(reason)}个字符（最多{MAX_REASON}个）")
    if not all(ch.isprintable() or ch in "\n\t" for ch in reason):
        return _bad("the reason holds control characters", "理由含有控制字符")
    return None


def check_command(board: Board, role: str, kind: str, data: dict, reason: str,
                  actor: str | None = None) -> Rejection | None:
    """Whether this command may become an event now; the rejection says why not. Every value it holds
    is bounded first (`check_data`, `reason_problem`, and the actor's name when given)."""
    if not isinstance(kind, str) or kind not in ROLE_ACTIONS["chief"]:
        return Rejection("unknown_command", f"unknown command {short_zh(kind)}", f"未知的命令{short_zh(kind)}")
    if not allowed(role, kind):
        return Rejection("forbidden", f"role '{role}' may not '{kind}'",
                         f"{ROLE_ZH.get(role, role)}无权执行“{KIND_ZH.get(kind, kind)}”")
    bad = check_data(data) or reason_problem(reason)
    if bad:
        return bad
    if actor is not None:
        problem = plain_text_problem(actor, MAX_ID) if isinstance(actor, str) else "is not a string"
        if problem:
            return Rejection("bad_command", f"the judge's name {problem}",
                             "裁判姓名" + (_zh_problem(problem) if problem != "is not a string" else "须为文字"))
    if kind in NEEDS_REASON and not reason.strip():
        return Rejection("reason_required", f"'{kind}' needs a reason", f"“{KIND_ZH.get(kind, kind)}”须写明理由")
    if kind in ("answer", "panel") and data.get("replaces") is not None and not reason.strip():
        return Rejection("reason_required", "a correction (an entry that replaces another) needs a reason",
                         "更正记分须写明理由")
    if kind in STAGE:
        return check_stage_command(board, kind, data)
    if kind in DAY_KINDS:
        voids = kind == "correct" and any(on and f in board.rules.forbid for f, on in (data.get("flags") or {}).items()
                                          if isinstance(on, bool))
        if voids and role != "chief":  # a flag that makes a contestant ineligible voids them, as a disqualification does
            return Rejection("forbidden", "only the chief judge may make a contestant ineligible",
                             "只有裁判长可以取消选手资格")
        return check_day_command(board, kind, data)
    check = _CHECKS.get(kind)
    return check(board, data) if check else None


def _check_decision(board: Board, data: dict) -> Rejection | None:
    aw = board.awards()
    if aw.locked:
        return Rejection("locked", "the award list is locked", "奖项名单已锁定")
    tied = data.get("tied")
    if not isinstance(tied, list) or not all(isinstance(x, str) for x in tied):
        return Rejection("bad_command", "'tied' must be a list of exam numbers or team names",
                         "“tied”须为准考证号或代表队名称的列表")
    match = [
        t for t in aw.ties
        if t.award_id == data.get("award") and t.group == data.get("group") and set(t.tied) == set(tied)
    ]
    if not match:
        pending = "; ".join(f"{t.award_id}{'/' + t.group if t.group else ''}: {','.join(t.tied)}" for t in aw.ties)
        return Rejection("no_such_tie", f"no pending tie for {short(data.get('award'))} among {short(tied, 80)} "
                         f"(pending: {short(pending or 'none', 200)})",
                         f"{short_zh(data.get('award'))}在{short_zh(tied, 80)}之间没有待决的并列"
                         f"（待决：{short_zh(pending or '无', 200)}）")
    outcome = data.get("outcome")
    if outcome == "order":
        order = data.get("order")
        if not isinstance(order, list) or sorted(order) != sorted(tied):
            return Rejection("bad_command", "'order' must list every tied entry exactly once",
                             "排定的顺序须把每个并列者恰好列出一次")
    elif outcome == "lots":
        if not isinstance(data.get("seed"), str) or not data["seed"]:
            return Rejection("bad_command", "a drawing of lots needs its seed recorded", "抽签须记录其种子")
    elif outcome != "share":
        return Rejection("bad_command", "'outcome' must be order, share or lots",
                         "裁定方式须为排定顺序（order）、并列共享（share）或抽签（lots）")
    return None


def _check_confirm(board: Board, data: dict) -> Rejection | None:
    aw = board.awards()
    if aw.locked:
        return Rejection("locked", "the award list is already locked", "奖项名单已经锁定")
    if aw.ties:
        return Rejection("pending_ties", f"{len(aw.ties)} tie(s) at a cut-off await a decision",
                         f"分数线处还有{len(aw.ties)}处并列待裁定")
    if data.get("digest") != aw.digest:
        return Rejection("stale", f"the award list changed (now {aw.digest}); review it and confirm again",
                         f"奖项名单已变化（现为{aw.digest}），请重新核对后再确认")
    return None


def _check_lock(board: Board, data: dict) -> Rejection | None:
    bad = _check_confirm(board, data)  # a list that could not be confirmed now cannot be locked either
    if bad:
        return bad
    if not board.awards().confirmed:
        return Rejection("not_confirmed", "a judge must confirm this award list before it is locked",
                         "锁定前须由裁判确认这份奖项名单")
    return None


def _check_unlock(board: Board, data: dict) -> Rejection | None:
    if not board.control.locked:
        return Rejection("not_locked", "the award list is not locked", "奖项名单未锁定")
    return None


def _check_assign(board: Board, data: dict) -> Rejection | None:
    if board.control.locked:
        return Rejection("locked", "the award list is locked", "奖项名单已锁定")
    spec = board.rules.award(data.get("award", ""))
    if spec is None or spec.kind != "judge":
        return Rejection("bad_command", f"{short(data.get('award'))} is not an award the judges assign",
                         f"{short_zh(data.get('award'))}不是由裁判指定的奖项")
    recipient = data.get("recipient")
    if spec.scope == "team" and board.rules.team(recipient or "") is None:
        return Rejection("bad_command", f"{short(recipient)} is not a team of this contest",
                         f"{short_zh(recipient)}不是本比赛的代表队")
    if spec.scope == "individual" and recipient not in board.contestants:
        return Rejection("bad_command", f"{short(recipient)} is not a contestant of this contest",
                         f"{short_zh(recipient)}不是本比赛的选手")
    return None


def _check_revoke(board: Board, data: dict) -> Rejection | None:
    if board.control.locked:
        return Rejection("locked", "the award list is locked", "奖项名单已锁定")
    if (data.get("award"), data.get("recipient")) not in board.control.assigned:
        return Rejection("bad_command", "that award was not assigned to that recipient", "该奖项并未授予该对象")
    return None


def _check_view(board: Board, data: dict) -> Rejection | None:
    if data.get("view") not in VIEWS:
        return Rejection("bad_command", f"view must be one of {', '.join(VIEWS)}", f"画面须为{'、'.join(VIEWS)}之一")
    if data.get("view") == "group" and data.get("group") not in board.rules.groups:
        return Rejection("bad_command", f"unknown group {short_zh(data.get('group'))}", f"未知的组别{short_zh(data.get('group'))}")
    return None


def _check_ceremony(board: Board, data: dict) -> Rejection | None:
    if not board.control.locked:
        return Rejection("not_locked", "only a locked award list can be revealed", "只有已锁定的奖项名单才能揭晓")
    step = data.get("step")
    if not isinstance(step, int) or isinstance(step, bool) or step < -1:
        return Rejection("bad_command", "'step' must be an integer ≥ -1", "颁奖步骤须为不小于-1的整数")
    return None


def _check_freeze(board: Board, data: dict) -> Rejection | None:
    if board.control.frozen_at is not None:
        return Rejection("frozen", "the public screen is already frozen", "公共大屏已经冻结")
    return None


def _check_mark_certain(board: Board, data: dict) -> Rejection | None:
    if not isinstance(data.get("on"), bool):
        return Rejection("bad_command", "'on' must be true or false", "须指明开启（true）或关闭（false）")
    if data["on"] and not board.rules.paper_known:
        return Rejection("bad_command", "certainty needs the paper of every section declared in the rules",
                         "规则未声明各题型的试卷结构，无法判断谁已确定获奖")
    return None


def _check_unfreeze(board: Board, data: dict) -> Rejection | None:
    if board.control.frozen_at is None:
        return Rejection("not_frozen", "the public screen is not frozen", "公共大屏未冻结")
    return None


_CHECKS = {
    "decision": _check_decision,
    "confirm": _check_confirm,
    "lock": _check_lock,
    "unlock": _check_unlock,
    "assign": _check_assign,
    "revoke": _check_revoke,
    "view": _check_view,
    "ceremony": _check_ceremony,
    "freeze": _check_freeze,
    "unfreeze": _check_unfreeze,
    "mark_certain": _check_mark_certain,
}


def apply_judge_event(board: Board, ev: Event) -> None:
    c = board.control
    d = ev.data
    c.judge_events += 1
    kind = ev.kind
    if kind == "decision":
        tied = frozenset(d["tied"])
        order = tuple(d.get("order") or ())
        if d["outcome"] == "lots":
            order = tuple(lots_order(d["seed"], tied))
        c.decisions.append(
            Decision(ev.id, d["award"], d.get("group"), tied, d["outcome"], order, d.get("seed"), ev.actor, ev.reason)
        )
    elif kind == "confirm":
        c.confirmed[d["digest"]] = (ev.actor, ev.reason, ev.at)
    elif kind == "lock":
        board._cache.clear()
        snapshot = compute_awards(board.rules, board.standings(), c, day=board.day)
        recorded = d.get("digest")
        c.locks.append((ev.id, recorded, snapshot.digest, d.get("head")))
        # `recorded`: what the judges locked; `digest`: what this log gives at that point. They differ only
        # if the file was changed before the lock, or this version reads the rules otherwise (verify says so)
        c.locked = {"actor": ev.actor, "why": ev.reason, "at": ev.at, "digest": snapshot.digest,
                    "recorded": recorded if isinstance(recorded, str) else None, "head": d.get("head"),
                    "event_id": ev.id, "snapshot": snapshot}
    elif kind == "unlock":
        c.locked = None
        c.ceremony = -1
    elif kind == "assign":
        c.assigned[(d["award"], d["recipient"])] = (ev.actor, ev.reason, ev.at)
    elif kind == "revoke":
        c.assigned.pop((d["award"], d["recipient"]), None)
    elif kind == "freeze":
        board._cache.clear()
        board.frozen = (board.standings(), board.awards())
        c.frozen_at = ev.id
    elif kind == "unfreeze":
        c.frozen_at = None
        board.frozen = None
    elif kind == "view":
        c.view = dict(d)
    elif kind == "ceremony":
        c.ceremony = d["step"]
    elif kind == "mark_certain":
        c.mark_certain = bool(d["on"])
