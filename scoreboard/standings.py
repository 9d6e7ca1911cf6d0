"""Individual, group and team standings from the folded state.

Individuals are ordered by the rules' tie-break chain, folded into one
integer key per contestant (lower is better) so that sorting is fast; equal
keys share a rank ("1224" competition ranking). A contestant voided on the day
(disqualified, ineligible, withdrawn: scoreboard.changes) takes no rank: the
rows list them after the ranked ones, with rank 0 and their status. Teams are
ordered by their team score, an exact fraction.
"""

from __future__ import annotations

import heapq

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from .changes import round_name
from .rules import Rules, TieKey

WIDTH = 1 << 48  # room for one key in the combined integer
OFFSET = 1 << 47  # lets negative scores (on-stage rounds) sort correctly
NOT_FINISHED_KEY = WIDTH - 2  # time used of a contestant who has not handed in: sorts last


@dataclass(slots=True)
class Row:
    exam_no: str
    name: str
    team: str
    unit: str
    group: str
    sections: tuple[int, ...]  # hundredths of a point, in the rules' section order
    total: int
    time_used: float | None
    graded: int
    rank: int
    position: int  # 0-based place in the ordered list
    group_rank: int
    group_position: int
    key: int
    status: str = ""  # "" (ranked), or disqualified | ineligible | withdrawn (rank and group_rank are 0)


@dataclass(slots=True)
class TeamRow:
    name: str
    score: Fraction  # in hundredths of a point
    members: tuple[str, ...]  # exam numbers, best first
    present: int  # members with at least one graded item
    rank: int
    position: int
    playoff: int = 0  # on stage: 加赛 points, which only break a tie in score


@dataclass
class Standings:
    rows: list[Row]
    by_exam: dict[str, Row]
    groups: dict[str, list[Row]]
    teams: list[TeamRow]
    by_team: dict[str, TeamRow]
    event_id: int
    at: float
    chain: tuple[TieKey, ...]
    flags: dict[str, frozenset[str]]  # exam_no -> history flags, for those that have any
    subs: dict = field(default_factory=dict)  # on stage: exam_no -> {"role": in|out, "other", "from_round"}

    def candidates(self, group: str | None = None) -> Iterator[Row]:
        """The rows an award walks (the field's, or a group's): those with a graded item, in `natural` order."""
        rows = self.rows if group is None else self.groups.get(group, [])
        lazy = getattr(rows, "candidates", None)  # a view of the order index reads only the graded
        if lazy is not None:
            return lazy()
        return (r for r in self.natural(rows) if r.graded > 0)

    @staticmethod
    def natural(rows: list[Row]) -> Iterator[Row]:
        """Rows (a `rows` list or a group's, ranked then voided) in the order of their keys alone, the voided
        among the ranked where their marks put them: the award engine names who was skipped ahead."""
        lazy = getattr(rows, "natural", None)  # a view of the order index (scoreboard/view.py) merges as read
        if lazy is not None:
            return lazy()
        split = next((i for i, r in enumerate(rows) if r.status), len(rows))
        if split == len(rows):
            return iter(rows)
        return heapq.merge(rows[:split], rows[split:], key=lambda r: r.key)

    @staticmethod
    def classes(rows) -> Iterator[list[Row]]:
        """Split ordered rows into classes equal on every key; lazily, so a top-N stops early."""
        current: list[Row] = []
        for r in rows:
            if current and current[0].key != r.key:
                yield current
                current = []
            current.append(r)
        if current:
            yield current

    @staticmethod
    def team_classes(teams) -> Iterator[list[TeamRow]]:
        current: list[TeamRow] = []
        for t in teams:
            if current and (current[0].score, current[0].playoff) != (t.score, t.playoff):
                yield current
                current = []
            current.append(t)
        if current:
            yield current


def _plan(board, chain: tuple[TieKey, ...]) -> list[tuple[int, int, bool]]:
    """The chain as (kind, section index, descending): 0 total, 1 section, 2 time used, 3 items graded."""
    kinds = {"total": 0, "time_used": 2, "graded": 3}
    return [(kinds.get(k.key, 1), board.section_index.get(k.section, -1) if k.section else -1, k.descending)
            for k in chain]


def combined_keys(board, exams, chain: tuple[TieKey, ...]) -> dict[str, int]:
    """Each contestant's chain folded into one integer (lower is better)."""
    plans = board.__dict__.setdefault("_plans", {})  # the plan of a chain, kept by the board (a chain is fixed)
    plan = plans.get(chain)
    if plan is None:
        plan = plans[chain] = _plan(board, chain)
    totals, sections, time_used, marks = board.totals, board.sections, board.time_used, board.marks
    top = WIDTH - 1
    out = {}
    for e in exams:
        key = 0
        for kind, idx, desc in plan:
            if kind == 0:
                v = totals[e] + OFFSET
            elif kind == 1:
                v = sections[e][idx] + OFFSET
            elif kind == 2:
                t = time_used.get(e)
                v = NOT_FINISHED_KEY if t is None else round(t * 100)
            else:
                v = len(marks[e]) + OFFSET
            key = key * WIDTH + (top - v if desc else v)
        out[e] = key
    return out


def compute_standings(board) -> Standings:
    rules: Rules = board.rules
    chain = rules.tiebreak
    keys = board.sort_keys()
    order = sorted(board.order, key=keys.__getitem__)
    status = board.day.status
    voided = [e for e in order if status(e)]
    if voided:  # they leave the ranking: listed after it, in the order of their marks
        out = set(voided)
        order = [e for e in order if e not in out] + voided
    contestants = board.contestants
    sections = board.sections
    totals = board.totals
    time_used = board.time_used
    marks = board.marks
    rows: list[Row] = []
    by_exam: dict[str, Row] = {}
    groups: dict[str, list[Row]] = {g: [] for g in rules.groups}
    group_prev: dict[str, tuple[int, int]] = {}  # group -> (key, rank) of its last row
    prev_key = None
    rank = 0
    append = rows.append
    ranked = len(order) - len(voided)
    for pos, exam_no in enumerate(order):
        k = keys[exam_no]
        if k != prev_key:
            rank = pos + 1
            prev_key = k
        c = contestants[exam_no]
        g = c.group
        glist = groups[g] if g in groups else groups.setdefault(g, [])
        gpos = len(glist)
        last = group_prev.get(g)
        grank = last[1] if last is not None and last[0] == k else gpos + 1
        group_prev[g] = (k, grank)
        if pos < ranked:
            row = Row(exam_no, c.name, c.team, c.unit, g, tuple(sections[exam_no]), totals[exam_no],
                      time_used.get(exam_no), len(marks[exam_no]), rank, pos, grank, gpos, k)
        else:
            row = Row(exam_no, c.name, c.team, c.unit, g, tuple(sections[exam_no]), totals[exam_no],
                      time_used.get(exam_no), len(marks[exam_no]), 0, pos, 0, gpos, k, status(exam_no))
        append(row)
        by_exam[exam_no] = row
        glist.append(row)

    teams = compute_teams(rules, rows, board.stage_totals())
    return Standings(
        rows=rows,
        by_exam=by_exam,
        groups=groups,
        teams=teams,
        by_team={t.name: t for t in teams},
        event_id=board.last_event_id,
        at=board.last_at,
        chain=chain,
        flags=board.flags,
        subs=_subs(board),
    )


def _subs(board) -> dict:
    out = {}
    for o, i, from_round, _change in board.day.subs:
        names = {"from_round": from_round, "round": round_name(board.rules, from_round, "zh"),
                 "round_en": round_name(board.rules, from_round, "en")}
        out[i] = {"role": "in", "other": o, **names}
        out[o] = {"role": "out", "other": i, **names}
    return out


def team_score(rules: Rules, totals: list[int], present: int) -> Fraction:
    """Team score from members' totals (best first), per the rules' formula."""
    ts = rules.team_score
    values = totals if ts.absent == "zero" else totals[:present]
    if ts.formula == "top_k_mean":
        values = values[: ts.k]
        n = ts.k if ts.absent == "zero" else len(values)
    else:
        n = len(values)
    if not values or n == 0:
        return Fraction(0)
    s = sum(values)
    return Fraction(s) if ts.formula == "sum" else Fraction(s, n)


def compute_teams(rules: Rules, rows: list[Row], stage=None) -> list[TeamRow]:
    """Teams best first: by team score (and, on stage, 加赛 points), equal ones sharing a rank."""
    members: dict[str, list[Row]] = {t.name: [] for t in rules.teams}
    for r in rows:  # rows are best first, so members are too
        members.setdefault(r.team, []).append(r)
    raw = []
    for name, ms in members.items():
        ids = tuple(m.exam_no for m in ms)
        if stage is not None and rules.team_score.formula == "rounds":
            played = name in stage.team_rounds or name in stage.playoff
            raw.append((name, stage.team_score(name), ids, len(ms) if played else 0, stage.playoff.get(name, 0)))
            continue
        graded = [m for m in ms if m.graded > 0 and not m.status]
        # an absent member (nothing graded, or voided on the day) counts 0 or is left out; present members first
        totals = [m.total for m in graded] + [0] * (len(ms) - len(graded))
        raw.append((name, team_score(rules, totals, len(graded)), ids, len(graded), 0))
    team_order = {t.name: i for i, t in enumerate(rules.teams)}
    raw.sort(key=lambda x: (-x[1], -x[4], team_order.get(x[0], 1 << 30)))
    out = []
    rank = 0
    prev = None
    for pos, (name, score, ms, present, playoff) in enumerate(raw):
        if (score, playoff) != prev:
            rank = pos + 1
            prev = (score, playoff)
        out.append(TeamRow(name, score, ms, present, rank, pos, playoff))
    return out
