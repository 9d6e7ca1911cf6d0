"""A judge's event as people read it, in Chinese or English: what the audit view, the audit sheet
and the printed report show instead of the event's raw data.

    decision  专家奖/厦门：FJ0021、FJ0020 → 排定先后：FJ0021、FJ0020
    ceremony  颁奖典礼：回到开始（未揭晓）
    view      大屏切换到：厦门组内排名
"""

from __future__ import annotations

from .changes import correction_text, round_name
from .rules import Rules

VIEW_NAMES = {"individual": ("个人排名", "the individual ranking"), "team": ("团体排名", "the team ranking"),
              "group": ("{group}组内排名", "the ranking of {group}"), "awards": ("获奖名单", "the award list"),
              "latest": ("最新成绩", "the latest results"), "ceremony": ("颁奖典礼", "the award ceremony"),
              "stage": ("现场赛", "the stage")}
OUTCOMES = {"order": ("排定先后", "ordered"), "share": ("并列共享", "shared"), "lots": ("抽签", "drawn by lots")}


def describe(rules: Rules, names: dict, kind: str, data: dict, lang: str = "zh") -> str:
    """One line for a judge's event. `names` maps exam numbers to names (a contestant is shown as
    `FJ0021 王晓明`); anything unexpected in `data` is shown as it is, never dropped."""
    zh = lang == "zh"
    sep, comma = ("：", "、") if zh else (": ", ", ")
    d = data if isinstance(data, dict) else {}

    def who(exam_no) -> str:
        name = names.get(exam_no, "") if isinstance(exam_no, str) else ""
        return f"{exam_no} {name}".strip() if name else str(exam_no)

    def award() -> str:
        spec = rules.award(d.get("award") or "")
        label = (spec.label if zh else (spec.label_en or spec.label)) if spec else str(d.get("award", ""))
        return label + (f"/{d['group']}" if d.get("group") else "")

    if kind == "decision":  # the decided order when there is one (best first), else the tied and the outcome
        zh_o, en_o = OUTCOMES.get(d.get("outcome"), (str(d.get("outcome")), str(d.get("outcome"))))
        ranked = " > ".join(map(who, d.get("order") or []))
        out = f"{award()}{sep}{zh_o if zh else en_o} " + (ranked or comma.join(map(who, d.get("tied") or [])))
        if d.get("seed"):
            out += f"（抽签种子{d['seed']}）" if zh else f" (seed {d['seed']})"
        return out
    if kind in ("confirm", "lock"):
        digest = str(d.get("digest", ""))[:16]
        out = f"名单摘要{digest}" if zh else f"list digest {digest}"
        if d.get("head"):
            out += (f"，文件链头{str(d['head'])[:16]}" if zh else f", chain head {str(d['head'])[:16]}")
        return out
    if kind in ("assign", "revoke"):
        recipient = d.get("recipient")
        shown = who(recipient) if recipient in names else str(recipient)
        return f"{award()} → {shown}"
    if kind == "view":
        zh_v, en_v = VIEW_NAMES.get(d.get("view"), (str(d.get("view")), str(d.get("view"))))
        text = (zh_v if zh else en_v).format(group=d.get("group", ""))
        return f"大屏切换到{text}" if zh else f"screen shows {text}"
    if kind == "ceremony":
        step = d.get("step")
        if step == -1:
            return "颁奖典礼：回到开始（未揭晓）" if zh else "ceremony: back to the start (nothing revealed)"
        return f"颁奖典礼：揭晓到第{step}步" if zh else f"ceremony: revealed up to step {step}"
    if kind in ("freeze", "unfreeze", "unlock"):
        return ""
    if kind == "mark_certain":
        return ("开" if d.get("on") else "关") if zh else ("on" if d.get("on") else "off")
    if kind in ("disqualify", "reinstate", "withdraw"):
        return who(d.get("exam_no"))
    if kind == "correct":
        return who(d.get("exam_no")) + sep + correction_text(rules, d, lang)
    if kind == "substitute":
        when = round_name(rules, d.get("from_round"), lang)
        return (f"{who(d.get('in'))}替{who(d.get('out'))}上场，自{when}起" if zh
                else f"{who(d.get('in'))} in for {who(d.get('out'))} from {when}")
    if kind in ("answer", "panel", "stage"):
        return _stage(rules, d, kind, zh, sep, who)
    if kind == "undo":
        return f"撤销第{d.get('event_id')}号录入" if zh else f"entry #{d.get('event_id')} undone"
    return ", ".join(f"{k}={v}" for k, v in d.items())


def _stage(rules: Rules, d: dict, kind: str, zh: bool, sep: str, who) -> str:
    rnd = round_name(rules, d.get("round"), "zh" if zh else "en")
    question = d.get("question")
    where = rnd
    if question is not None:
        where += f"第{question}题" if zh else f" question {question}"
    if kind == "stage":
        return f"台上进行到{where}" if zh else f"on stage: {where}"
    team = d.get("team", "")
    if kind == "panel":
        out = (f"{where}{sep}{team}，评委{d.get('judge')}打{d.get('mark')}分" if zh
               else f"{where}{sep}{team}, judge {d.get('judge')} marks {d.get('mark')}")
    else:
        result = ("答对" if d.get("correct") else "答错") if zh else ("right" if d.get("correct") else "wrong")
        person = f"（{who(d['contestant'])}）" if zh and d.get("contestant") else (
            f" ({who(d['contestant'])})" if d.get("contestant") else "")
        stake = (f"，分值{d['stake']:g}" if zh else f", stake {d['stake']:g}") if isinstance(
            d.get("stake"), (int, float)) else ""
        out = f"{where}{sep}{team}{person}{result}{stake}" if zh else f"{where}{sep}{team}{person} {result}{stake}"
    if d.get("replaces") is not None:
        out += f"（更正第{d['replaces']}号录入）" if zh else f" (corrects entry #{d['replaces']})"
    return out
