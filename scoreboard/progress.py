"""Marking progress (阅卷进度): per contestant, per section and per hall, the items expected (from the
paper), graded and missing, and who has not handed in.

Without a declared paper only what has been graded is known; `known` says so and nothing is called
missing. A contestant voided on the day (缺考, 取消) is listed with their status and expects nothing.

An on-stage contest has no paper, hand-in or marking: `stage_progress` says instead which round and
question are on stage and how many entries (answers, panel marks) each round holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ContestantProgress:
    exam_no: str
    name: str
    team: str
    hall: str  # the hall whose records came for them last ("" before any)
    status: str  # "" or why voided (scoreboard.changes)
    finished: bool
    graded: list[int]  # items graded, per section
    expected: list[int] | None  # items on the paper, per section (None: no paper); 0 when voided
    points_left: int | None  # hundredths still to come (None: no paper)

    @property
    def missing(self) -> int | None:
        if self.expected is None:
            return None
        return sum(max(0, e - g) for e, g in zip(self.expected, self.graded))

    @property
    def done(self) -> bool:
        """Nothing left to grade and handed in (or voided)."""
        return bool(self.status) or (self.finished and self.missing == 0)


@dataclass
class Tally:
    """Items expected, graded and missing over some contestants (a section, a hall, the day)."""

    contestants: int = 0
    expected: int = 0
    graded: int = 0
    missing: int = 0
    not_finished: int = 0
    done: int = 0

    def add(self, c: ContestantProgress, section: int | None = None) -> None:
        if c.status:
            return
        self.contestants += 1
        graded = c.graded[section] if section is not None else sum(c.graded)
        self.graded += graded
        if c.expected is not None:
            expected = c.expected[section] if section is not None else sum(c.expected)
            self.expected += expected
            self.missing += max(0, expected - graded) if section is not None else c.missing
        self.not_finished += not c.finished
        self.done += c.done

    @property
    def share(self) -> float | None:
        """Graded as a share of expected (None without a paper)."""
        return self.graded / self.expected if self.expected else None


@dataclass
class Progress:
    known: bool  # every section's paper is declared
    sections: list[tuple[str, str, str]]  # (id, label, label_en)
    contestants: list[ContestantProgress]
    by_section: list[Tally]
    by_hall: dict[str, Tally]
    day: Tally
    not_finished: list[str] = field(default_factory=list)  # exam numbers, ranked contestants only


def compute_progress(board) -> Progress:
    rules = board.rules
    known = rules.paper_known
    n = len(rules.sections)
    papers = [s.paper for s in rules.sections]
    idx_of = board.section_index
    people = []
    for exam_no in board.order:
        c = board.contestants[exam_no]
        status = board.status(exam_no)
        graded = [0] * n
        for item in board.marks[exam_no]:
            i = idx_of.get(board.item_section.get(item, ""))
            if i is not None:
                graded[i] += 1
        expected = None
        left = None
        if known:
            expected = [0] * n if status else [p.items for p in papers]
            rem = board.remaining(exam_no)
            left = 0 if status else sum(rem)
        people.append(ContestantProgress(exam_no, c.name, c.team, board.hall_of.get(exam_no, ""), status,
                                         exam_no in board.time_used, graded, expected, left))
    by_section = [Tally() for _ in range(n)]
    by_hall: dict[str, Tally] = {}
    day = Tally()
    for p in people:
        day.add(p)
        for i in range(n):
            by_section[i].add(p, i)
        by_hall.setdefault(p.hall, Tally()).add(p)
    return Progress(known, [(s.id, s.label, s.label_en) for s in rules.sections], people, by_section,
                    dict(sorted(by_hall.items())), day,
                    [p.exam_no for p in people if not p.status and not p.finished])


@dataclass
class StageProgress:
    current: dict  # {"round", "question"} on stage now ({} before the first)
    rounds: list[tuple[str, str, str, int, int]]  # (id, label, label_en, live entries, teams scored)


def stage_progress(board) -> StageProgress | None:
    """Where an on-stage contest stands (None for a written one)."""
    if board.stage is None:
        return None
    entries: dict[str, int] = {}
    teams: dict[str, set] = {}
    for ev in board.stage.live_entries():
        rid = ev.data.get("round")
        entries[rid] = entries.get(rid, 0) + 1
        teams.setdefault(rid, set()).add(ev.data.get("team"))
    return StageProgress(dict(board.stage.current),
                         [(r.id, r.label, r.label_en, entries.get(r.id, 0), len(teams.get(r.id, ())))
                          for r in board.rules.rounds])
