"""The day as a timeline: the same fold, positioned anywhere in the log.

A `Timeline` holds the whole log and a `Board` folded up to `position` (the number of events applied).
Seeking forward applies events; seeking backward folds again from the start (a national-scale day folds
in about a tenth of a second). Scans find the next moment the top N changes and the moments an award
changed hands, checking only the events that can matter (see `_Watch`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from fractions import Fraction

from .awards import compute_awards
from .board import Board
from .events import Event
from .standings import combined_keys


@dataclass(frozen=True)
class AwardChange:
    index: int  # position after the event that made the change
    at: float
    event_id: int
    award_id: str
    gained: tuple[str, ...]
    lost: tuple[str, ...]


class Timeline:
    def __init__(self, rules, contestants, events: list[Event]):
        self.rules = rules
        self.contestants = contestants
        self.events = events
        self.times = [e.at for e in events]
        self._rebuild()

    def _rebuild(self) -> None:
        self.board = Board(self.rules, self.contestants)
        self.position = 0

    def __len__(self) -> int:
        return len(self.events)

    @property
    def at(self) -> float:
        """The time of the last applied event (the start of the day before any)."""
        if self.position == 0:
            return self.times[0] if self.times else 0.0
        return self.times[self.position - 1]

    @property
    def start(self) -> float:
        return self.times[0] if self.times else 0.0

    @property
    def end(self) -> float:
        return self.times[-1] if self.times else 0.0

    # --- moving -----------------------------------------------------------------------
    def seek_index(self, index: int) -> None:
        index = max(0, min(index, len(self.events)))
        if index < self.position:
            self._rebuild()
        apply = self.board.apply
        for ev in self.events[self.position:index]:
            apply(ev)
        self.position = index

    def index_at(self, t: float) -> int:
        """How many events had arrived by time t."""
        return bisect.bisect_right(self.times, t)

    def seek_time(self, t: float) -> None:
        self.seek_index(self.index_at(t))

    def step(self, n: int = 1) -> None:
        self.seek_index(self.position + n)

    # --- scans ----------------------------------------------------------------------------
    def next_top_change(self, n: int = 20) -> int | None:
        """Move to just after the next event that changes who is in the top n or their order."""
        board = self.board
        before = [r.exam_no for r in board.standings().rows[:n]]
        members = set(before)
        threshold = board.standings().rows[min(n, len(board.standings().rows)) - 1].key if before else None
        chain = self.rules.tiebreak
        for i in range(self.position, len(self.events)):
            ev = self.events[i]
            board.apply(ev)
            self.position = i + 1
            who = ev.data.get("contestant")
            if who is not None and ev.kind in ("result", "finish"):
                key = combined_keys(board, (who,), chain)[who]
                if who not in members and threshold is not None and key > threshold:
                    continue
            after = [r.exam_no for r in board.standings().rows[:n]]
            if after != before:
                return self.position
            threshold = board.standings().rows[len(after) - 1].key if after else None
        return None

    def next_award_change(self, award_ids=None) -> AwardChange | None:
        """Move to just after the next event that changes the award list (or its pending ties).

        `award_ids` limits the watch to some awards (default: the awards, not the advancement lists)."""
        watch = _Watch(self.board, award_ids)
        for i in range(self.position, len(self.events)):
            ev = self.events[i]
            self.board.apply(ev)
            self.position = i + 1
            change = watch.check(ev, i + 1)
            if change:
                return change[0]
        return None

    def award_changes(self, award_ids=None) -> list[AwardChange]:
        """Every moment of the day an award changed hands (leaves the timeline at the end)."""
        self.seek_index(0)
        watch = _Watch(self.board, award_ids)
        out: list[AwardChange] = []
        for i, ev in enumerate(self.events):
            self.board.apply(ev)
            out += watch.check(ev, i + 1)
        self.position = len(self.events)
        return out

    def rank_history(self, who: list[str], samples: int = 120) -> dict[str, list[tuple[float, int | None]]]:
        """Rank over time for contestants (exam numbers) and teams (names), at evenly spaced moments.

        A contestant with nothing graded yet has no rank (None). Leaves the timeline at the end.
        """
        out: dict[str, list[tuple[float, int | None]]] = {w: [] for w in who}
        if not self.events:
            return out
        self.seek_index(0)
        span = self.end - self.start
        for k in range(1, samples + 1):
            t = self.start + span * k / samples
            self.seek_time(t)
            st = self.board.standings()
            for w in who:
                row = st.by_exam.get(w)
                if row is not None:
                    out[w].append((t, row.rank if row.graded else None))
                elif w in st.by_team:
                    out[w].append((t, st.by_team[w].rank))
        return out


OPEN = float("inf")  # a list with room left: any newly graded contestant may enter it


class _Watch:
    """Recomputes the awards only after events that could change them.

    A mark can change the award list only if its contestant held an award or a pending place, or now
    sorts at or above the worst holder of an overall award or of an award in their group (any list with
    room left counts as open), or if it reorders the teams. Judge events always count.
    """

    def __init__(self, board: Board, award_ids=None):
        self.board = board
        rules = board.rules
        self.award_ids = set(award_ids) if award_ids else {a.id for a in rules.awards}
        self.totals = dict(board.totals)
        self.graded = {e for e, m in board.marks.items() if m}
        self.present: dict[str, int] = {}
        for e in self.graded:
            team = board.contestants[e].team
            self.present[team] = self.present.get(team, 0) + 1
        self.sizes: dict[str, int] = {}
        self.team_sums: dict[str, int] = {}
        for exam_no, c in board.contestants.items():
            self.sizes[c.team] = self.sizes.get(c.team, 0) + 1
            self.team_sums[c.team] = self.team_sums.get(c.team, 0) + board.totals[exam_no]
        ts = board.rules.team_score
        self.simple_teams = ts.formula in ("mean", "sum") and ts.absent == "zero"
        self.has_team_awards = any(a.kind == "team" and a.id in self.award_ids
                                   for a in rules.awards + rules.advancement)
        self._snapshot()

    def _snapshot(self) -> None:
        board = self.board
        rules = board.rules
        st = board.standings()
        if self.award_ids & {a.id for a in rules.advancement}:
            aw = board.awards()
        else:
            aw = compute_awards(rules, st, board.control, advancement=False)
        everything = [a for a in aw.awards + aw.advancement if a.award_id in self.award_ids]
        self.held = {(a.award_id, a.recipient) for a in everything}
        ties = [t for t in aw.ties if t.award_id in self.award_ids]
        self.ties = {(t.award_id, t.tied) for t in ties}
        self.involved = {a.recipient for a in everything if a.kind == "individual"}
        for t in ties:
            self.involved.update(t.tied)
        worst_all = None
        worst_group: dict[str, float] = {}
        filled: dict[tuple[str, str | None], int] = {}
        for a in everything:
            row = st.by_exam.get(a.recipient)
            if row is None:
                continue
            filled[(a.award_id, a.group)] = filled.get((a.award_id, a.group), 0) + 1
            if a.group is None:
                worst_all = row.key if worst_all is None else max(worst_all, row.key)
            else:
                worst_group[a.group] = max(worst_group.get(a.group, row.key), row.key)
        for spec in rules.awards + rules.advancement:
            if spec.id not in self.award_ids:
                continue
            if spec.kind == "top" and filled.get((spec.id, None), 0) < spec.count:
                worst_all = OPEN
            elif spec.kind == "group_top":
                for g in rules.groups:
                    if filled.get((spec.id, g), 0) < spec.count_for(g):
                        worst_group[g] = OPEN
        self.worst_all = worst_all
        self.worst_group = worst_group
        self.team_order = self._team_order()

    def _team_order(self) -> tuple:
        """The candidate teams (someone graded) in classes of equal score, best first."""
        sums, sizes = self.team_sums, self.sizes
        teams = [t for t in sums if self.present.get(t)]
        score = (lambda t: sums[t]) if self.board.rules.team_score.formula == "sum" else \
            (lambda t: Fraction(sums[t], sizes[t]))
        teams.sort(key=lambda t: (-score(t), t))
        classes: list[list[str]] = []
        for t in teams:
            if classes and score(classes[-1][0]) == score(t):
                classes[-1].append(t)
            else:
                classes.append([t])
        return tuple(tuple(c) for c in classes)

    def _could_matter(self, ev: Event) -> bool:
        board = self.board
        if ev.kind not in ("result", "finish"):
            return True
        who = ev.data["contestant"]
        total = board.totals[who]
        delta = total - self.totals.get(who, 0)
        self.totals[who] = total
        team = board.contestants[who].team
        self.team_sums[team] = self.team_sums.get(team, 0) + delta
        if who not in self.graded and board.marks[who]:
            self.graded.add(who)
            self.present[team] = self.present.get(team, 0) + 1
        if who in self.involved:
            return True
        key = combined_keys(board, (who,), board.rules.tiebreak)[who]
        group = board.contestants[who].group
        for limit in (self.worst_all, self.worst_group.get(group)):
            if limit is not None and key <= limit:
                return True
        if self.has_team_awards:
            return not self.simple_teams or self._team_order() != self.team_order
        return False

    def check(self, ev: Event, index: int) -> list[AwardChange]:
        if not self._could_matter(ev):
            return []
        before_held, before_ties = self.held, self.ties
        self._snapshot()
        if self.held == before_held and self.ties == before_ties:
            return []
        out = []
        for award_id in sorted({a for a, _ in self.held ^ before_held} | {a for a, _ in self.ties ^ before_ties}):
            gained = tuple(sorted(r for a, r in self.held - before_held if a == award_id))
            lost = tuple(sorted(r for a, r in before_held - self.held if a == award_id))
            out.append(AwardChange(index, ev.at, ev.id, award_id, gained, lost))
        return out
