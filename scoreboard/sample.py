"""Generated rosters and exam days, for the demo, rehearsals, tests and benchmarks.

Deterministic for a given seed. Names are drawn from common Chinese surnames
and given-name characters; units are plausible city and county bureaus, or
the quota table's own units where the rules list them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .roster import Contestant
from .rules import Rules

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦方邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建林婷雪梅琳晨宇浩然欣怡子涵思佳俊峰志文斌凯晓燕慧颖倩丹宁海波亮鑫雅琪瑶晶"
)
# 人社 window units only: medical insurance (医保) left 人社 for the new 医疗保障局 in 2018
UNIT_KINDS = ("人社局", "社会保险中心", "就业服务中心", "劳动人事争议仲裁院", "劳动保障监察支队", "人才服务中心",
              "行政服务中心人社窗口")
DISTRICTS = ("市本级", "一区", "二区", "三县", "四县", "五市")


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def sample_roster(rules: Rules, seed: int = 2024, per_team: int | None = None) -> list[Contestant]:
    """A full roster: each team filled to its quota (or `per_team`), units within their quotas."""
    rng = random.Random(seed)
    out: list[Contestant] = []
    n = 0
    for ti, team in enumerate(rules.teams):
        if team.units:
            slots = [u for u, q in team.units.items() for _ in range(q)]
        else:
            size = per_team if per_team is not None else (team.quota or 10)
            slots = [f"{team.name}{rng.choice(DISTRICTS)}{rng.choice(UNIT_KINDS)}" for _ in range(size)]
        if per_team is not None:
            slots = slots[:per_team]
        for k, unit in enumerate(slots):
            n += 1
            exam_no = f"{rules.id_prefix}{n:04d}" if n < 10000 else f"{rules.id_prefix}{n:06d}"
            # on stage the last of each team is the substitute (替补)
            flags = frozenset({"substitute"}) if rules.rounds and k == len(slots) - 1 else frozenset()
            out.append(Contestant(exam_no, person_name(rng), team.name, unit, team.group, flags))
    return out


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    max: float


def exam_blueprint(rules: Rules, items: int = 66) -> list[Item]:
    """An exam paper over the rules' sections: many small objective items, a few larger subjective ones.

    The default (66 items) is a 100-point paper: 40 choice ×1, 20 fill ×1, 4 short ×5, 2 case ×10
    when the sections are the written finals' four.
    """
    if rules.paper_known:  # the paper the rules declare, item by item
        return [Item(f"{s.id}-{k + 1:02d}", s.id, w / 100) for s in rules.sections
                for k, w in enumerate(w for n, w in s.paper.parts for _ in range(n))]
    ids = rules.section_ids
    if set(ids) >= {"choice", "fill", "short", "case"} and items == 66:
        plan = [("choice", 40, 1.0), ("fill", 20, 1.0), ("short", 4, 5.0), ("case", 2, 10.0)]
    else:
        per = max(1, items // len(ids))
        plan = [(s, per, 2.0 if i < len(ids) // 2 else 5.0) for i, s in enumerate(ids)]
    return [Item(f"{s}-{k + 1:02d}", s, mx) for s, n, mx in plan for k in range(n)]


OBJECTIVE = ("choice", "fill")


def with_paper(rules: Rules) -> Rules:
    """The rules with the sample blueprint's paper declared for every section (the demo's day, so that marking
    progress and certainty show): `items` and `points` written under each `[[sections]]` id of the TOML."""
    import re

    from .rules import load_rules

    if rules.paper_known or rules.rounds:
        return rules
    plan: dict[str, dict[float, int]] = {}
    for it in exam_blueprint(rules):
        plan.setdefault(it.section, {}).setdefault(it.max, 0)
        plan[it.section][it.max] += 1
    text = rules.source_text
    for sid, worths in plan.items():
        if len(worths) == 1:
            (mx, n), = worths.items()
            decl = f"items = {n}\npoints = {mx:g}"
        else:
            decl = "paper = [" + ", ".join(f"{{ items = {n}, points = {mx:g} }}" for mx, n in worths.items()) + "]"
        text, found = re.subn(rf'(\[\[sections\]\]\s*\nid = "{re.escape(sid)}"\n)', rf"\g<1>{decl}\n", text, count=1)
        if not found:
            return rules
    return load_rules(text)


def exam_day(
    rules: Rules,
    contestants: list[Contestant],
    seed: int = 7,
    items: list[Item] | None = None,
    regrade_rate: float = 0.05,
    bad_rate: float = 0.0,
    duration: float = 7200.0,
) -> list[tuple[float, dict]]:
    """Hall records for a whole exam, as (seconds from the start, record) in send order, seq from 1.

    Objective items arrive at hand-in; subjective items trickle in from markers afterwards;
    a share of marks is regraded; with `bad_rate`, a few bad records are mixed in.
    """
    rng = random.Random(seed)
    items = items or exam_blueprint(rules)
    timeline: list[tuple[float, int, dict]] = []
    tick = 0
    for c in contestants:
        if rng.random() < 0.01:
            continue  # absent
        ability = rng.betavariate(6, 2.5)
        time_used = round(min(duration, rng.uniform(0.55, 1.0) * duration), 1)
        timeline.append((time_used, tick, {"type": "finish", "contestant": c.exam_no, "time_used": time_used}))
        tick += 1
        for it in items:
            if it.section in OBJECTIVE:
                t = time_used + rng.uniform(0.5, 5.0)
                score = it.max if rng.random() < ability else 0.0
            else:
                t = duration + rng.uniform(60, 3 * 3600)
                score = round(min(it.max, max(0.0, rng.gauss(ability * it.max, it.max * 0.15))) * 2) / 2
            rec = {"type": "result", "contestant": c.exam_no, "item": it.id, "section": it.section,
                   "score": score, "max": it.max}
            timeline.append((t, tick, rec))
            tick += 1
            if it.section not in OBJECTIVE and rng.random() < regrade_rate:
                new = round(min(it.max, max(0.0, score + rng.choice((-1, -0.5, 0.5, 1)))) * 2) / 2
                timeline.append((t + rng.uniform(600, 3600), tick, {**rec, "score": new}))
                tick += 1
    if bad_rate > 0:
        names = [c.exam_no for c in contestants]
        for _ in range(max(1, int(len(timeline) * bad_rate))):
            t = rng.uniform(0, duration * 2)
            bad = rng.choice(
                [
                    {"type": "result", "contestant": "XX9999", "item": "choice-01", "section": "choice",
                     "score": 1.0, "max": 1.0},
                    {"type": "result", "contestant": rng.choice(names), "item": "case-01", "section": "case",
                     "score": 12.0, "max": 10.0},
                    {"type": "result", "contestant": rng.choice(names), "item": "essay-01", "section": "essay",
                     "score": 1.0, "max": 5.0},
                    {"type": "result", "contestant": rng.choice(names), "item": "short-01", "section": "short",
                     "score": "eight", "max": 5.0},
                ]
            )
            timeline.append((t, tick, bad))
            tick += 1
    timeline.sort(key=lambda x: (x[0], x[1]))
    out = []
    for seq, (t, _tick, rec) in enumerate(timeline, start=1):
        out.append((round(t, 3), {**rec, "seq": seq}))
    return out


def stage_day(rules: Rules, contestants: list[Contestant], seed: int = 11,
              questions: int = 3, panel: int = 7) -> list[tuple[str, dict]]:
    """A whole on-stage contest as the scorer's desk would enter it: (judge event kind, data).

    Each round is announced (`stage`), then played: individual questions for every playing contestant,
    `questions` buzzer and risk questions per team, a panel of `panel` judges marking each team.
    """
    rng = random.Random(seed)
    teams: dict[str, list[Contestant]] = {}
    for c in contestants:
        if not c.has("substitute"):
            teams.setdefault(c.team, []).append(c)
    strength = {t: rng.uniform(0.45, 0.9) for t in teams}
    out: list[tuple[str, dict]] = []
    for rnd in rules.rounds:
        if rnd.kind == "playoff":
            continue
        if rnd.kind == "individual":
            for q, members in enumerate(zip(*teams.values()), start=1):
                out.append(("stage", {"round": rnd.id, "question": q}))
                for c in members:
                    out.append(("answer", {"round": rnd.id, "question": q, "team": c.team, "contestant": c.exam_no,
                                           "correct": rng.random() < strength[c.team]}))
        elif rnd.kind in ("buzzer", "risk"):
            for q in range(1, questions * len(teams) + 1):
                out.append(("stage", {"round": rnd.id, "question": q}))
                team = rng.choice(list(teams))
                data = {"round": rnd.id, "question": q, "team": team, "correct": rng.random() < strength[team]}
                if rnd.kind == "risk":
                    data["stake"] = rng.choice(rnd.stakes)
                out.append(("answer", data))
        elif rnd.kind == "panel":
            out.append(("stage", {"round": rnd.id, "question": 1}))
            for team in teams:
                for j in range(1, panel + 1):
                    mark = round(min(rnd.max, max(0.0, rng.gauss(strength[team] * rnd.max, 6))), 1)
                    out.append(("panel", {"round": rnd.id, "team": team, "judge": f"评委{j}", "mark": mark}))
    return out
