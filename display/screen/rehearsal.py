"""A contest day from generated data, driven step by step: hall results, a freeze, ties
settled, the organisation prize, confirm and lock, the ceremony. For tests and for trying the
screen without a hall (`scoreboard screen --rehearsal`).

Every judge event passes `scoreboard.judging.check_command` first, as it would on the feeder.
"""

from __future__ import annotations

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.judging import check_command
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster, with_paper

from .public import LatestResults, public_message

# 2024-08-20 09:00 Beijing time: the Fujian final's exam start.
EXAM_START = 1_724_115_600.0


class RehearsalError(RuntimeError):
    pass


class Rehearsal:
    def __init__(self, preset: str = "fujian-2024-final", seed: int = 2024, day_seed: int = 7,
                 start: float = EXAM_START, paper: bool = False):
        self.rules = with_paper(load_preset(preset)) if paper else load_preset(preset)  # paper: certainty shows
        self.roster = sample_roster(self.rules, seed)
        self.board = Board(self.rules, self.roster)
        self.latest = LatestResults()
        self.start = start
        self.records = exam_day(self.rules, self.roster, seed=day_seed)
        self.sent = 0  # hall records applied so far
        self.next_id = 1
        self.events: list[Event] = []

    # --- hall ---------------------------------------------------------------------
    def _apply(self, ev: Event) -> Event:
        self.board.apply(ev)
        self.latest.add(self.board, ev)
        self.events.append(ev)
        self.next_id += 1
        return ev

    def hall_until(self, fraction: float) -> int:
        """Apply hall records until `fraction` of the day's records are in; returns how many."""
        stop = round(len(self.records) * fraction)
        n = 0
        while self.sent < stop:
            t, rec = self.records[self.sent]
            self.sent += 1
            data = {k: v for k, v in rec.items() if k not in ("type", "seq")}
            self._apply(Event(self.next_id, self.start + t, rec["type"], "hall-a", rec["seq"], "hall-a", data))
            n += 1
        return n

    def mark(self, exam_no: str, item: str, section: str, score: float, mx: float, at: float | None = None) -> Event:
        """One extra hall result (a regrade, a late mark)."""
        at = at if at is not None else self.board.last_at + 1
        data = {"contestant": exam_no, "item": item, "section": section, "score": score, "max": mx}
        return self._apply(Event(self.next_id, at, "result", "hall-b", self.next_id, "hall-b", data))

    # --- judges -------------------------------------------------------------------
    def judge(self, kind: str, data: dict, reason: str = "按赛事规程", role: str = "chief",
              actor: str = "陈主裁") -> Event:
        bad = check_command(self.board, role, kind, data, reason)
        if bad:
            raise RehearsalError(f"{kind}: {bad.code}: {bad.message}")
        at = self.board.last_at + 1
        return self._apply(Event(self.next_id, at, kind, "judge", None, actor, dict(data), reason))

    def settle_ties(self) -> int:
        """Decide every pending cut-off tie in exam-number order (as a 加赛 might); returns how many."""
        n = 0
        while self.board.awards().ties:
            tie = self.board.awards().ties[0]
            self.judge("decision", {"award": tie.award_id, "group": tie.group, "tied": list(tie.tied),
                                    "outcome": "order", "order": sorted(tie.tied)}, reason="加赛决出名次")
            n += 1
        return n

    def lock(self, organisation: tuple[str, ...] = ("泉州",)) -> None:
        """Settle ties, give the judge-assigned prizes, confirm and lock the list (定榜)."""
        self.settle_ties()
        for spec in self.rules.awards:
            if spec.kind == "judge":
                for team in organisation:
                    self.judge("assign", {"award": spec.id, "recipient": team}, reason="网上练兵组织和宣传工作突出")
        digest = self.board.awards().digest
        self.judge("confirm", {"digest": digest}, role="judge", actor="林裁判")
        self.judge("lock", {"digest": digest}, reason="成绩复核完毕，定榜")

    def view(self, view: str, group: str | None = None) -> Event:
        data = {"view": view} if group is None else {"view": view, "group": group}
        return self.judge("view", data)

    def public(self, lang: str = "zh") -> dict:
        return public_message(self.board, lang, self.latest.rows())


def finished_day(preset: str = "fujian-2024-final", lock: bool = True) -> Rehearsal:
    """The whole exam in, ties settled and (by default) the list locked."""
    r = Rehearsal(preset)
    r.hall_until(1.0)
    if lock:
        r.lock()
    return r


def board_of(events: list[Event], rules, roster) -> Board:
    b = Board(rules, roster)
    b.apply_all(events)
    return b


# --- fixed states for snapshots and tests ------------------------------------------------
FIXED_NOW = EXAM_START + 75 * 60  # 10:15 Beijing time, for a clock that does not move


def with_view(msg: dict, view: str, group: str | None = None, step: int | None = None) -> dict:
    """A copy of a public message as if the judges had chosen another view (or ceremony step)."""
    out = {**msg, "control": {**msg["control"], "view": {"view": view, **({"group": group} if group else {})}}}
    if step is not None:
        out["control"]["ceremony"] = step
    return out


def sample_states(lang: str = "zh") -> dict[str, dict]:
    """One public state per view: a day two-thirds in (live), and the locked day's ceremony."""
    live = Rehearsal()
    live.hall_until(0.66)
    base = live.public(lang)
    group = live.rules.groups[1]
    done = finished_day()
    done.view("ceremony")
    final = done.public(lang)
    from scoreboard.ceremony import board_sequence

    seq = board_sequence(done.board, lang)
    first_star = next(r.index for r in seq if r.award == "star")
    last_expert = len(seq) - 2
    return {
        "individual": with_view(base, "individual"),
        "team": with_view(base, "team"),
        "group": with_view(base, "group", group),
        "latest": with_view(base, "latest"),
        "awards": with_view(final, "awards"),
        "ceremony_team": with_view(final, "ceremony", step=0),
        "ceremony_stars": with_view(final, "ceremony", step=first_star),
        "ceremony_expert": with_view(final, "ceremony", step=last_expert),
        "ceremony_honours": with_view(final, "ceremony", step=len(seq) - 1),
    }


def certain_states(lang: str = "zh") -> dict[str, dict]:
    """The judges have the screen mark 确定获奖 (the paper declared, the no-show withdrawn): near the end of
    marking, a few certain of a prize (`late`), and every mark in before the lock (`all_in`: every holder
    certain, the team prizes too)."""
    day = Rehearsal(paper=True)
    came = {rec["contestant"] for _t, rec in day.records}
    for c in day.roster:
        if c.exam_no not in came:
            day.judge("withdraw", {"exam_no": c.exam_no}, reason="未到场")
    day.judge("mark_certain", {"on": True}, reason="公布已确定获奖者")
    day.hall_until(0.99)
    late = day.public(lang)
    day.hall_until(1.0)
    return {"late": late, "all_in": day.public(lang)}
