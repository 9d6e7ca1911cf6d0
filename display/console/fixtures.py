"""Fixed contests for the console's tests, snapshots and measurements.

`tie_contest()`: a small Fujian contest (3 per team, 33 contestants) whose
20th and 21st places are equal on every key, so the 人社知识通 cut-off holds
a tie awaiting the judges. `sample_contest(n)`: a generated exam day folded
as events. `paper_contest(upto)`: the demo's day with its paper declared, in
two halls, cut mid-marking (certain, possible and out all show). Times are
fixed (the contest day at 09:00 China time).
"""

from __future__ import annotations

from scoreboard.events import Event
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster, with_paper

T0 = 1724115600.0  # 2024-08-20 09:00 +08:00
PRESET = "fujian-2024-final"


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, now: float = T0 + 3600) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def events_from_records(records, source: str = "hall-a", start_id: int = 1, t0: float = T0) -> list[Event]:
    out = []
    for i, (t, rec) in enumerate(records):
        data = {k: v for k, v in rec.items() if k not in ("type", "seq")}
        out.append(Event(start_id + i, t0 + t, rec["type"], source, rec["seq"], source, data))
    return out


def tie_records(contestants, seq0: int = 1):
    """Records giving distinct totals except a tie between the 20th and 21st."""
    recs = []
    t = 0.0
    seq = seq0
    for i, c in enumerate(contestants):
        choice = 60 - (i if i < 20 else i - 1)  # places 20 and 21 (i = 19, 20) are equal
        for item, section, score, mx in (("choice-01", "choice", choice, 60), ("short-01", "short", 3, 5),
                                         ("case-01", "case", 6, 10)):
            recs.append((t, {"type": "result", "contestant": c.exam_no, "item": item, "section": section,
                             "score": float(score), "max": float(mx), "seq": seq}))
            seq += 1
            t += 5
        recs.append((t, {"type": "finish", "contestant": c.exam_no, "time_used": 3000.0, "seq": seq}))
        seq += 1
        t += 5
    return recs


def tie_contest():
    """(rules, contestants, events) with one pending tie at the expert cut-off."""
    rules = load_preset(PRESET)
    people = sample_roster(rules, seed=2024, per_team=3)
    return rules, people, events_from_records(tie_records(people))


def sample_contest(per_team: int | None = None, seed: int = 7, bad_rate: float = 0.0):
    """(rules, contestants, events, records): a generated day, all of it folded as events."""
    rules = load_preset(PRESET)
    people = sample_roster(rules, seed=2024, per_team=per_team)
    records = exam_day(rules, people, seed=seed, bad_rate=bad_rate)
    return rules, people, records


PAPER_MIDWAY = 4331  # of 4,372 events: most marks in, one contestant not handed in, the cut-offs still open


def paper_contest(upto: int | None = PAPER_MIDWAY):
    """(rules, contestants, events): 66 contestants (6 per team), the paper declared (`with_paper`), the first `upto`
    events of a generated day; the first five teams sit in hall-a, the others in hall-b."""
    rules = with_paper(load_preset(PRESET))
    people = sample_roster(rules, seed=2024, per_team=6)
    first = {t.name for t in rules.teams[:5]}
    team = {c.exam_no: c.team for c in people}
    seqs = {"hall-a": 0, "hall-b": 0}
    events = []
    for i, (t, rec) in enumerate(exam_day(rules, people, seed=7)):
        hall = "hall-a" if team[rec["contestant"]] in first else "hall-b"
        seqs[hall] += 1
        data = {k: v for k, v in rec.items() if k not in ("type", "seq")}
        events.append(Event(i + 1, T0 + t, rec["type"], hall, seqs[hall], hall, data))
    return rules, people, events[:upto]


def settled_paper_contest():
    """`paper_contest`'s whole day, and its one no-show (FJ0021) withdrawn by a judge at the end: from then on
    no mark can change any award, so the list is settled."""
    rules, people, events = paper_contest(None)
    last = events[-1]
    events.append(Event(last.id + 1, last.at + 60, "withdraw", "judge", None, "李主裁", {"exam_no": "FJ0021"},
                        "未到场"))
    return rules, people, events


QUARANTINE = [
    {"id": 1, "at": T0 + 120, "source": "hall-a", "seq": 17, "code": "unknown_contestant",
     "message": "record 17: contestant XX9999 is not on the roster", "message_zh": "第17条记录：准考证号XX9999不在名单上"},
    {"id": 2, "at": T0 + 300, "source": "hall-b", "seq": 40, "code": "score_out_of_range",
     "message": "record 40: score 12 is outside 0..10 for item case-01",
     "message_zh": "第40条成绩：题目case-01的得分12不在0至10之间"},
]


async def wait_until(pilot, cond, rounds: int = 400, step: float = 0.02) -> None:
    """Let the app work until `cond()` holds (bounded by rounds, not by a deadline), then settle the view."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause(step)
        if app.replica is not None and cond():
            app.refresh_view(force=True)
            await pilot.pause()
            return
    raise AssertionError(f"the console never reached the expected state ({getattr(cond, '__name__', cond)})")


def loaded(app):
    return lambda: app.replica is not None and app.replica.st is not None
