"""The on-stage team contest (现场赛): rounds as data, the scorer's entries as
events, and the team and individual points they add up to.

Round kinds:
- `individual` (个人必答): each contestant answers in turn; right +points, wrong 0. Counts for the
  contestant and the team.
- `buzzer` (小组抢答): right +points, wrong −penalty, for the team.
- `risk` (风险题): the team picks a stake from `stakes`; right +stake, wrong −stake.
- `panel` (情景模拟): each judge of the panel marks each team out of `max`; the `drop` highest and the
  `drop` lowest marks are dropped and the rest averaged.
- `playoff` (加赛): sudden-death questions; a right answer is a playoff point, which only breaks a tie
  between teams equal in score.

Entries are judge events: `answer` {round, question, team, contestant?, correct, stake?, replaces?},
`panel` {round, team, judge, mark, replaces?}, `undo` {event_id} (a correcting event: the entry no longer
counts), and `stage` {round, question} (what is on stage now, for the big screen).

Each entry scores one *slot*: an answer, one team's answer to one question of a round; a panel mark, one
judge's mark of one team in one round. At most one live entry holds a slot, so nothing counts twice: a
second entry for a held slot is refused unless it names the entry it corrects (`replaces`, with a
reason), and the fold lets a later entry of a slot replace the earlier one (a log written before this
check, or by two desks at once, still counts each question once).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from .events import SCALE, Event, Rejection
from .limits import MAX_ITEM_POINTS, MAX_QUESTION, short

ROUND_KINDS = ("individual", "buzzer", "risk", "panel", "playoff")
STAGE_KINDS = ("answer", "panel", "undo", "stage")


@dataclass(frozen=True)
class Round:
    id: str
    label: str
    label_en: str
    kind: str
    points: float = 10.0
    penalty: float = 0.0
    stakes: tuple[float, ...] = ()
    max: float = 100.0
    drop: int = 1


@dataclass(frozen=True)
class PanelResult:
    marks: tuple[tuple[str, float], ...]  # (judge, mark), in entry order
    dropped: tuple[str, ...]  # the judges whose marks were dropped (highest and lowest)
    score: Fraction  # the average of the kept marks, in hundredths of a point


def panel_result(marks: dict[str, float], drop: int) -> PanelResult:
    """Drop the `drop` highest and lowest marks and average the rest.

    Equal extreme marks: only `drop` of them are dropped at each end (the one entered last among equals
    is dropped first at the top, the one entered first at the bottom), so the average is the same
    whichever is dropped. With too few marks to drop any, all are averaged.
    """
    items = list(marks.items())
    if len(items) <= 2 * drop:
        kept, dropped = items, []
    else:
        order = sorted(range(len(items)), key=lambda i: (items[i][1], i))
        low, high = order[:drop], order[len(order) - drop:]
        gone = set(low) | set(high)
        kept = [it for i, it in enumerate(items) if i not in gone]
        dropped = [items[i][0] for i in low + high]
    total = sum(Fraction(round(m * SCALE)) for _, m in kept)
    score = total / len(kept) if kept else Fraction(0)
    return PanelResult(tuple(items), tuple(dropped), score)


def _key(value):
    """A slot's part as a dict key, whatever a logged entry holds (a list in an edited file, say)."""
    return value if value is None or isinstance(value, (str, int, float)) else repr(value)


def entry_slot(kind: str, data: dict) -> tuple:
    """What an entry scores: ("answer", round, question, team) or ("panel", round, team, judge)."""
    if kind == "panel":
        return ("panel", _key(data.get("round")), _key(data.get("team")), _key(data.get("judge")))
    return ("answer", _key(data.get("round")), _key(data.get("question")), _key(data.get("team")))


@dataclass
class StageState:
    entries: dict[int, Event] = field(default_factory=dict)  # answer and panel events by id
    undone: dict[int, int] = field(default_factory=dict)  # entry id -> the undo or the correcting entry's id
    slots: dict[tuple, int] = field(default_factory=dict)  # slot -> the latest entry in it (live unless undone)
    current: dict = field(default_factory=dict)  # {"round", "question"} now on stage
    last_change: dict = field(default_factory=dict)  # team -> points of its latest entry (for animation)

    def apply(self, ev: Event) -> None:
        if ev.kind in ("answer", "panel"):
            self.entries[ev.id] = ev
            slot = entry_slot(ev.kind, ev.data)
            held = self.slots.get(slot)
            if held is not None and held not in self.undone:
                self.undone[held] = ev.id  # replaced: a slot counts once, the later entry's word
            self.slots[slot] = ev.id
        elif ev.kind == "undo":
            self.undone[ev.data["event_id"]] = ev.id
        elif ev.kind == "stage":
            self.current = dict(ev.data)

    def live_entries(self):
        return [e for i, e in self.entries.items() if i not in self.undone]

    def holder(self, kind: str, data: dict) -> Event | None:
        """The live entry that already scores what this entry would (None: the slot is free)."""
        held = self.slots.get(entry_slot(kind, data))
        return self.entries[held] if held is not None and held not in self.undone else None

    def replaced_by(self, entry_id: int) -> int | None:
        """The entry that corrected (replaced) this one, if any; None for a live or an undone entry."""
        by = self.undone.get(entry_id)
        return by if by in self.entries else None


@dataclass
class StageTotals:
    contestant_rounds: dict[str, dict[str, int]]  # exam_no -> round -> hundredths
    team_rounds: dict[str, dict[str, Fraction]]  # team -> round -> hundredths
    playoff: dict[str, int]  # team -> playoff points
    panels: dict[tuple[str, str], PanelResult]  # (team, round) -> result

    def team_score(self, team: str) -> Fraction:
        return sum(self.team_rounds.get(team, {}).values(), Fraction(0))


def answer_points(rnd: Round, data: dict) -> int:
    """Hundredths of a point an answer is worth (negative for a wrong buzzer or risk answer)."""
    right = bool(data["correct"])
    if rnd.kind == "individual":
        return round(rnd.points * SCALE) if right else 0
    if rnd.kind == "buzzer":
        return round(rnd.points * SCALE) if right else -round(rnd.penalty * SCALE)
    if rnd.kind == "risk":
        stake = round(float(data["stake"]) * SCALE)
        return stake if right else -stake
    return 0


def stage_totals(rounds: dict[str, Round], state: StageState) -> StageTotals:
    contestant_rounds: dict[str, dict[str, int]] = {}
    team_rounds: dict[str, dict[str, Fraction]] = {}
    playoff: dict[str, int] = {}
    panel_marks: dict[tuple[str, str], dict[str, float]] = {}
    for ev in state.live_entries():
        d = ev.data
        rnd = rounds[d["round"]]
        team = d["team"]
        if ev.kind == "panel":
            marks = panel_marks.setdefault((team, rnd.id), {})
            marks.pop(d["judge"], None)  # a judge's new mark replaces the old one, and moves to the end
            marks[d["judge"]] = float(d["mark"])
            continue
        if rnd.kind == "playoff":
            playoff[team] = playoff.get(team, 0) + (1 if d["correct"] else 0)
            continue
        pts = answer_points(rnd, d)
        tr = team_rounds.setdefault(team, {})
        tr[rnd.id] = tr.get(rnd.id, Fraction(0)) + pts
        if rnd.kind == "individual" and d.get("contestant"):
            cr = contestant_rounds.setdefault(d["contestant"], {})
            cr[rnd.id] = cr.get(rnd.id, 0) + pts
    panels = {}
    for (team, rid), marks in panel_marks.items():
        res = panel_result(marks, rounds[rid].drop)
        panels[(team, rid)] = res
        team_rounds.setdefault(team, {})[rid] = res.score
    return StageTotals(contestant_rounds, team_rounds, playoff, panels)


def check_stage_command(board, kind: str, data: dict) -> Rejection | None:
    rules = board.rules
    rounds = {r.id: r for r in rules.rounds}
    if not rounds:
        return Rejection("bad_command", "this contest has no on-stage rounds", "本比赛没有现场赛轮次")
    if board.control.locked and kind != "stage":
        return Rejection("locked", "the award list is locked", "奖项名单已锁定")
    if kind == "undo":
        target = data.get("event_id")
        if type(target) is not int or target not in board.stage.entries:
            return Rejection("bad_command", f"event {short(target)} is not an answer or panel entry",
                             f"事件{short(target)}不是答题或评委打分录入")
        if board.stage.replaced_by(target) is not None:
            by = board.stage.replaced_by(target)
            return Rejection("bad_command", f"entry {target} was replaced by the correction {by}",
                             f"录入{target}已被更正（事件#{by}）取代")
        if target in board.stage.undone:
            return Rejection("bad_command", f"entry {target} is already undone", f"录入{target}已经撤销")
        return None
    rnd = rounds.get(data.get("round"))
    if rnd is None:
        return Rejection("bad_command", f"unknown round {short(data.get('round'))} (rounds: {', '.join(rounds)})",
                         f"未知的轮次{short(data.get('round'))}（本比赛轮次：{'、'.join(rounds)}）")
    if kind == "stage":
        return None
    team = data.get("team")
    if rules.team(team or "") is None:
        return Rejection("bad_command", f"unknown team {short(team)}", f"未知的代表队{short(team)}")
    if kind == "panel":
        if rnd.kind != "panel":
            return Rejection("bad_command", f"round {rnd.id} is not marked by a panel", f"{rnd.id}不由评委打分")
        mark = data.get("mark")
        if not isinstance(data.get("judge"), str) or not data["judge"]:
            return Rejection("bad_command", "a panel mark needs the judge's name", "评委打分须写明评委姓名")
        if not isinstance(mark, (int, float)) or isinstance(mark, bool) or not math.isfinite(mark) \
                or not 0 <= mark <= rnd.max:
            return Rejection("bad_command", f"a panel mark must be between 0 and {rnd.max:g}, got {short(mark)}",
                             f"评委打分须在0至{rnd.max:g}之间，收到的是{short(mark)}")
        return _check_slot(board, rnd, kind, data)
    if rnd.kind == "panel":
        return Rejection("bad_command", f"round {rnd.id} is marked by the panel, not by answers",
                         f"{rnd.id}由评委打分，不录入答题")
    if not isinstance(data.get("correct"), bool):
        return Rejection("bad_command", "'correct' must be true or false", "答题结果须为答对或答错")
    q = data.get("question")
    if type(q) is not int or not 1 <= q <= MAX_QUESTION:
        return Rejection("bad_command", f"'question' must be a whole number from 1 to {MAX_QUESTION}, "
                                        f"got {short(q)}", f"题号须为1至{MAX_QUESTION}的整数，收到的是{short(q)}")
    if rnd.kind == "individual":
        who = board.contestants.get(data.get("contestant"))
        if who is None or who.team != team:
            return Rejection("bad_command", f"{short(data.get('contestant'))} is not a contestant of team {team}",
                             f"{short(data.get('contestant'))}不是{team}代表队的选手")
        if who.exam_no not in board.playing(team, rnd.id):
            return Rejection("bad_command", f"{who.exam_no} does not play in round {rnd.id} (substituted, or the "
                                            "team's substitute: record the substitution first)",
                             f"{who.exam_no}不在{rnd.id}上场（已被替补，或是替补队员：请先登记替补）")
    if rnd.kind == "risk" and data.get("stake") not in rnd.stakes:
        return Rejection("bad_command", f"the stake must be one of {', '.join(f'{s:g}' for s in rnd.stakes)}",
                         f"风险题分值须为{'、'.join(f'{s:g}' for s in rnd.stakes)}之一")
    return _check_slot(board, rnd, kind, data)


def _check_slot(board, rnd: Round, kind: str, data: dict) -> Rejection | None:
    """Nothing counts twice: a question a team has answered (a judge's mark of a team) already counted is
    entered again only as a correction naming the entry it replaces (`replaces`)."""
    held = board.stage.holder(kind, data)
    replaces = data.get("replaces")
    team, label = data["team"], rnd.label_en or rnd.id
    if kind == "panel":
        judge = data["judge"] if len(data["judge"]) <= 40 else short(data["judge"])
        what, what_zh = (f"{judge} has already marked {team} in {label}", f"{judge}已为{team}代表队的{rnd.label}打分")
    else:
        what, what_zh = (f"{team} already has an entry for question {data['question']} of {label}",
                         f"{team}代表队的{rnd.label}第{data['question']}题已记分")
    if replaces is None:
        if held is None:
            return None
        return Rejection("already_entered", f"{what} (event {held.id}): to correct it, send the entry with "
                                            f"'replaces': {held.id} and a reason",
                         f"{what_zh}（事件#{held.id}）：如需更正，请作为更正录入（取代原记录）并写明理由")
    if type(replaces) is not int:
        return Rejection("bad_command", f"'replaces' must be an entry's event id, got {short(replaces)}",
                         f"“replaces”须为所更正记录的事件号，收到的是{short(replaces)}")
    if held is None:
        return Rejection("bad_command", f"nothing to correct: no live entry for this (entry {replaces} is not one)",
                         f"无可更正：此项尚无有效记录（事件#{replaces}不是）")
    if held.id != replaces:
        return Rejection("bad_command", f"entry {replaces} is not the one that counts here (event {held.id} is)",
                         f"事件#{replaces}不是此项当前有效的记录（当前为事件#{held.id}）")
    return None


def _drop(n: int, where: str, error) -> int:
    if not 0 <= n <= 10:
        raise error.of("round_drop", where=where, value=n)
    return n


def parse_rounds(raw: list, get, no_unknown, choice, error) -> tuple[Round, ...]:
    """Rounds from the rules document (the helpers are rules.py's checkers)."""
    out = []
    for i, r in enumerate(raw):
        where = f"rounds[{i}]"
        if not isinstance(r, dict):
            raise error.of("not_table", where=where)
        no_unknown(r, "rounds", where)
        kind = choice(get(r, "kind", where, str), ROUND_KINDS, f"{where}.kind")

        def points(key: str, default: float, value=None, at: str = "") -> float:
            v = get(r, key, where, (int, float), default) if value is None else value
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= MAX_ITEM_POINTS:
                raise error.of("round_points", where=f"{where}.{key}{at}", max=MAX_ITEM_POINTS, value=repr(v))
            return float(v)

        stakes = tuple(points("stakes", 0, s, f"[{j}]") for j, s in enumerate(get(r, "stakes", where, list, [])))
        if kind == "risk" and not stakes:
            raise error.of("round_stakes", where=where)
        rid = get(r, "id", where, str)
        out.append(Round(
            id=rid,
            label=get(r, "label", where, str, rid),
            label_en=get(r, "label_en", where, str, rid),
            kind=kind,
            points=points("points", 10),
            penalty=points("penalty", 0),
            stakes=stakes,
            max=points("max", 100),
            drop=_drop(get(r, "drop", where, int, 1), where, error),
        ))
    return tuple(out)
