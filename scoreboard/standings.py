"""Individual, group and team standings from the folded state.

Individuals are ordered by the rules' tie-break chain, folded into one
integer key per contestant (lower is better) so that sorting is fast; equal
keys share a rank ("1224" competition ranking). Teams are ordered by their
team score, an exact fraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

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


@dataclass(slots=True)
class TeamRow:
    name: str
    score: Fraction  # in hundredths of a point
    members: tuple[str, ...]  # exam numbers, best first
    present: int  # members with at least one graded item
    rank: int
    position: int


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

    def classes(self, rows: list[Row]) -> list[list[Row]]:
        """Split an ordered list into classes of rows equal on every key."""
        out: list[list[Row]] = []
        for r in rows:
            if out and out[-1][0].key == r.key:
                out[-1].append(r)
            else:
                out.append([r])
        return out

    def team_classes(self, teams: list[TeamRow]) -> list[list[TeamRow]]:
        out: list[list[TeamRow]] = []
        for t in teams:
            if out and out[-1][0].score == t.score:
                out[-1].append(t)
            else:
                out.append([t])
        return out


def key_values(board, exam_no: str, chain: tuple[TieKey, ...]) -> list[int]:
    """The raw values of the chain's keys for one contestant (for explanations)."""
    vals = []
    for k in chain:
        vals.append(_raw(board, exam_no, k))
    return vals


def _raw(board, exam_no: str, k: TieKey) -> int:
    if k.key == "total":
        return board.totals[exam_no]
    if k.key == "time_used":
        tu = board.time_used.get(exam_no)
        return NOT_FINISHED_KEY if tu is None else round(tu * 100)
    if k.key == "graded":
        return len(board.marks[exam_no])
    return board.sections[exam_no][board.section_index[k.section]]



def combined_key(board, exam_no: str, chain: tuple[TieKey, ...]) -> int:
    key = 0
    for k in chain:
        v = _raw(board, exam_no, k)
        if k.key != "time_used":
            v += OFFSET
        if k.descending:
            v = WIDTH - 1 - v
        key = key * WIDTH + v
    return key


def compute_standings(board) -> Standings:
    rules: Rules = board.rules
    chain = rules.tiebreak
    keys = board.sort_keys()
    order = sorted(board.order, key=keys.__getitem__)
    contestants = board.contestants
    sections = board.sections
    totals = board.totals
    time_used = board.time_used
    marks = board.marks
    rows: list[Row] = []
    by_exam: dict[str, Row] = {}
    groups: dict[str, list[Row]] = {g: [] for g in rules.groups}
    prev_key = None
    rank = 0
    group_state: dict[str, list] = {}  # group -> [prev_key, rank]
    for pos, exam_no in enumerate(order):
        k = keys[exam_no]
        if k != prev_key:
            rank = pos + 1
            prev_key = k
        c = contestants[exam_no]
        glist = groups.setdefault(c.group, [])
        gs = group_state.get(c.group)
        gpos = len(glist)
        if gs is None or gs[0] != k:
            gs = group_state[c.group] = [k, gpos + 1]
        row = Row(
            exam_no,
            c.name,
            c.team,
            c.unit,
            c.group,
            tuple(sections[exam_no]),
            totals[exam_no],
            time_used.get(exam_no),
            len(marks[exam_no]),
            rank,
            pos,
            gs[1],
            gpos,
            k,
        )
        rows.append(row)
        by_exam[exam_no] = row
        glist.append(row)

    teams = compute_teams(rules, rows)
    return Standings(
        rows=rows,
        by_exam=by_exam,
        groups=groups,
        teams=teams,
        by_team={t.name: t for t in teams},
        event_id=board.last_event_id,
        at=board.last_at,
        chain=chain,
        flags={e: c.flags for e, c in contestants.items() if c.flags},
    )


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


def compute_teams(rules: Rules, rows: list[Row]) -> list[TeamRow]:
    members: dict[str, list[Row]] = {t.name: [] for t in rules.teams}
    for r in rows:  # rows are best first, so members are too
        members.setdefault(r.team, []).append(r)
    raw = []
    for name, ms in members.items():
        graded = [m for m in ms if m.graded > 0]
        # an absent member (nothing graded) counts 0 or is left out; present members first
        totals = [m.total for m in graded] + [0] * (len(ms) - len(graded))
        raw.append((name, team_score(rules, totals, len(graded)), tuple(m.exam_no for m in ms), len(graded)))
    team_order = {t.name: i for i, t in enumerate(rules.teams)}
    raw.sort(key=lambda x: (-x[1], team_order.get(x[0], 1 << 30)))
    out = []
    rank = 0
    prev = None
    for pos, (name, score, ms, present) in enumerate(raw):
        if score != prev:
            rank = pos + 1
            prev = score
        out.append(TeamRow(name, score, ms, present, rank, pos))
    return out
