"""A finished contest day written to a real database file, for the replay's tests, its benchmark
and trying it out: generated hall records through the one `Writer` (as the feeder would commit
them, in group commits), then the judges' day-end work: a freeze, every cut-off tie settled,
and optionally the list confirmed and locked.
"""

from __future__ import annotations

from pathlib import Path

from db.store import Store
from db.writer import Writer
from scoreboard.rules import load_preset
from scoreboard.sample import exam_blueprint, exam_day, sample_roster, with_paper

T0 = 1_724_115_600.0  # 2024-08-20 09:00 Beijing time
BATCH = 5000  # records per commit


def build_day(path: str | Path, preset: str = "fujian-2024-final", per_team: int | None = None,
              items: int = 66, regrade: float = 0.05, seed: int = 7, freeze_at: float | None = 0.8,
              settle: bool = True, lock: bool = False, t0: float = T0, paper: bool = False) -> Path:
    """Write a contest database at `path` holding a whole generated day; returns the path.

    `freeze_at`: the share of the hall records after which the chief freezes the big screen (封榜);
    None for no freeze. `settle`: decide every pending cut-off tie at the end (a 加赛 by exam number).
    `paper`: declare the sample paper in the rules (`scoreboard.sample.with_paper`), so that certainty shows.
    """
    rules = with_paper(load_preset(preset)) if paper else load_preset(preset)
    people = sample_roster(rules, seed=2024, per_team=per_team)
    records = exam_day(rules, people, seed=seed, items=exam_blueprint(rules, items), regrade_rate=regrade)
    store = Store.create(path, rules, people, preset)
    w = Writer(store)
    freeze_index = None if freeze_at is None else round(len(records) * freeze_at)
    last = t0
    for i, (t, rec) in enumerate(records):
        last = t0 + t
        if i == freeze_index:
            _judge(w, "freeze", {}, "最后阶段封榜", last)
        w.hall("hall-a", rec, at=last)
        if i % BATCH == BATCH - 1:
            w.flush()
    w.flush()
    at = last + 60
    if freeze_index is not None:
        _judge(w, "unfreeze", {}, "成绩公布", at)
        at += 60
    if settle or lock:
        while w.board.awards().ties:
            tie = w.board.awards().ties[0]
            _judge(w, "decision", {"award": tie.award_id, "group": tie.group, "tied": list(tie.tied),
                                   "outcome": "order", "order": sorted(tie.tied)}, "加赛决出名次", at)
            at += 30
    if lock:
        for spec in rules.awards:
            if spec.kind == "judge":
                _judge(w, "assign", {"award": spec.id, "recipient": rules.teams[0].name}, "组织工作突出", at)
        digest = w.board.awards().digest
        _judge(w, "confirm", {"digest": digest}, "复核无误", at + 30, role="judge", actor="林裁判")
        _judge(w, "lock", {"digest": digest}, "定榜", at + 60)
    w.flush()
    store.close()
    return Path(path)


def _judge(w: Writer, kind: str, data: dict, reason: str, at: float, role: str = "chief", actor: str = "陈主裁"):
    result = w.judge(role, actor, kind, data, reason, at=at)
    if not hasattr(result, "id"):
        raise RuntimeError(f"{kind}: {result.code}: {result.message}")
    return result
