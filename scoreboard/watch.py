"""Watching the award list through a replay's day: what changed hands after each event (`Timeline`'s scans).

`_Follow` reads who holds what from `scoreboard.scan.Holders` (no reasons, no rows); `_Watch`, for the
contests `Holders` does not follow, filters the events that could change who holds what and reads the
board's awards (through its award cache) after those.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from .board import Board
from .events import Event
from .scan import Holders
from .standings import combined_keys


@dataclass(frozen=True)
class AwardChange:
    index: int  # position after the event that made the change
    at: float
    event_id: int
    award_id: str
    gained: tuple[str, ...]
    lost: tuple[str, ...]


class _Follow:
    """Who holds what after each event, from `scoreboard.scan.Holders` (no reasons, no rows)."""

    def __init__(self, board: Board, award_ids=None):
        self.board = board
        self.ids = set(award_ids) if award_ids else {a.id for a in board.rules.awards}
        self.holders = Holders(board)
        self.held, self.ties = self._now()

    def _now(self) -> tuple[set, set]:
        locked = self.board.control.locked
        if locked:  # a locked list is the snapshot the lock took (as `Board.awards()` shows it), with no ties
            snap = locked["snapshot"]
            return {(a.award_id, a.recipient) for a in snap.awards + snap.advancement if a.award_id in self.ids}, set()
        return self.holders.held(self.ids), self.holders.pending(self.ids)

    def check(self, ev: Event, index: int) -> list[AwardChange]:
        if ev.kind not in ("result", "finish"):
            self.board.index = None  # a lock or a freeze read the standings: the scan needs no order index
        if not self.holders.fold(ev):
            return []
        return _changes(self, *self._now(), ev, index)


def _changes(watch, held: set, ties: set, ev: Event, index: int) -> list[AwardChange]:
    """The award changes from `watch`'s last holders and ties to these (which it keeps)."""
    before_held, before_ties = watch.held, watch.ties
    watch.held, watch.ties = held, ties
    if held == before_held and ties == before_ties:
        return []
    out = []
    for award_id in sorted({a for a, _ in held ^ before_held} | {a for a, _ in ties ^ before_ties}):
        gained = tuple(sorted(r for a, r in held - before_held if a == award_id))
        lost = tuple(sorted(r for a, r in before_held - held if a == award_id))
        out.append(AwardChange(index, ev.at, ev.id, award_id, gained, lost))
    return out


OPEN = float("inf")  # a list with room left: any newly graded contestant may enter it


class _Watch:
    """Reads the awards again only after events that could change who holds them.

    The awards depend only on the order of the contestants' keys and on which keys are equal. So a mark
    can change the award list only if its contestant:
    - is in a pending tie or in a judges' decision (the decision applies only to the exact tied set);
    - holds an award (or was skipped for it) and sorts worse than before, or sorts better but shared a
      key with someone before or after (a tie formed or broken); a holder who moves up alone keeps the
      same set of people above the old place, so every list keeps its members;
    - does not hold an individual award of theirs and now sorts at or above its worst holder (a list with
      room left is open to anyone);
    - has their first graded item (a new candidate);
    - changes a team's score in the same ways (a holding team falls or forms a tie, another team reaches
      the worst holding team), with the teams' scores kept as running sums.
    Judge and stage events always count. Reading them again is the board's `awards()`: its award cache
    (scoreboard/award_cache.py) walks again only the walks the events since the last read reached.
    """

    def __init__(self, board: Board, award_ids=None):
        self.board = board
        rules = board.rules
        self.award_ids = set(award_ids) if award_ids else {a.id for a in rules.awards}
        specs = [a for a in rules.awards + rules.advancement if a.id in self.award_ids]
        self.top_ids = [a.id for a in specs if a.kind == "top"]
        self.group_ids = [a.id for a in specs if a.kind == "group_top"]
        self.keys = dict(board.sort_keys())
        self.key_count = Counter(self.keys.values())
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
        self.has_team_awards = any(a.kind == "team" for a in specs)
        self.team_counts = Counter(self._score(t) for t in self.team_sums if self.present.get(t))
        self._snapshot()

    def _snapshot(self) -> None:
        board = self.board
        rules = board.rules
        aw = board.awards()  # the award cache walks again only what the events since reached
        keys = board.sort_keys()
        everything = [a for a in aw.awards + aw.advancement if a.award_id in self.award_ids]
        self.held = {(a.award_id, a.recipient) for a in everything}
        ties = [t for t in aw.ties if t.award_id in self.award_ids]
        self.ties = {(t.award_id, t.tied) for t in ties}
        self.tied = {x for t in ties for x in t.tied}
        for d in board.control.decisions:
            self.tied.update(d.tied)
        self.holds: dict[str, set] = {}
        worst: dict[tuple[str, str | None], float] = {}
        filled: dict[tuple[str, str | None], int] = {}
        for a in everything:
            key = keys.get(a.recipient) if a.kind == "individual" else None
            if key is None:
                continue
            slot = (a.award_id, a.group)
            self.holds.setdefault(a.recipient, set()).add(slot)
            filled[slot] = filled.get(slot, 0) + 1
            worst[slot] = max(worst.get(slot, key), key)
        for sk in aw.skips:
            if sk.award_id in self.award_ids:
                self.holds.setdefault(sk.exam_no, set()).add((sk.award_id, sk.group))
        for spec in rules.awards + rules.advancement:
            if spec.id not in self.award_ids:
                continue
            if spec.kind == "top" and filled.get((spec.id, None), 0) < spec.count:
                worst[(spec.id, None)] = OPEN
            elif spec.kind == "group_top":
                for g in rules.groups:
                    if filled.get((spec.id, g), 0) < spec.count_for(g):
                        worst[(spec.id, g)] = OPEN
        self.worst = worst
        self._team_snapshot(aw)

    def _score(self, team: str, team_sum: int | None = None):
        total = self.team_sums[team] if team_sum is None else team_sum
        if self.board.rules.team_score.formula == "sum":
            return total
        return Fraction(total, self.sizes[team])

    def _team_snapshot(self, aw) -> None:
        """Which teams hold (or were skipped for) each team award, and each award's worst holder."""
        team_ids = [a.id for a in self.board.rules.awards + self.board.rules.advancement
                    if a.kind == "team" and a.id in self.award_ids]
        self.team_ids = team_ids
        rules = self.board.rules
        self.team_ok = {}  # (award, team) -> may the team receive it (`only_teams_with`)
        for spec in rules.awards + rules.advancement:
            if spec.id in team_ids:
                for t in self.team_sums:
                    info = rules.team(t)
                    self.team_ok[(spec.id, t)] = not spec.only_teams_with or bool(
                        info and getattr(info, spec.only_teams_with, False))
        self.team_holds: dict[str, set] = {}
        worst: dict[str, object] = {}
        filled: dict[str, int] = {}
        for a in aw.awards + aw.advancement:
            if a.award_id in team_ids and a.recipient in self.team_sums:
                self.team_holds.setdefault(a.recipient, set()).add(a.award_id)
                score = self._score(a.recipient)
                worst[a.award_id] = min(worst.get(a.award_id, score), score)
                filled[a.award_id] = filled.get(a.award_id, 0) + 1
        for sk in aw.skips:
            if sk.award_id in team_ids and sk.exam_no in self.team_sums:
                self.team_holds.setdefault(sk.exam_no, set()).add(sk.award_id)
        for spec in self.board.rules.awards + self.board.rules.advancement:
            if spec.id in team_ids and filled.get(spec.id, 0) < spec.count:
                worst[spec.id] = None  # room left: open to any team
        self.team_worst = worst

    def _team_matters(self, team: str, old_sum: int, was_present: bool) -> bool:
        """Whether a change of one team's score could change a team award (same reasoning as for people)."""
        if not self.simple_teams:
            return True
        old, new = self._score(team, old_sum), self._score(team)
        counts = self.team_counts
        if was_present:
            counts[old] -= 1
        if self.present.get(team):
            counts[new] += 1
        if not was_present or team in self.tied:
            return bool(self.present.get(team)) if not was_present else old != new
        if old == new:
            return False
        holds = self.team_holds.get(team, ())
        if new < old:
            return bool(holds)
        alone = counts[old] == 0 and counts[new] == 1
        for award_id in self.team_ids:
            if award_id in holds:
                if not alone:
                    return True
            elif self.team_ok.get((award_id, team), True):
                limit = self.team_worst.get(award_id)
                if limit is None or new >= limit:
                    return True
        return False

    def _could_matter(self, ev: Event) -> bool:
        board = self.board
        if ev.kind not in ("result", "finish"):
            return True
        who = ev.data["contestant"]
        total = board.totals[who]
        team = board.contestants[who].team
        old_sum = self.team_sums.get(team, 0)
        self.team_sums[team] = old_sum + total - self.totals.get(who, 0)
        self.totals[who] = total
        joined = False
        was_present = bool(self.present.get(team))
        if who not in self.graded and board.marks[who]:
            self.graded.add(who)
            self.present[team] = self.present.get(team, 0) + 1
            joined = True
        old = self.keys[who]
        new = self.keys[who] = combined_keys(board, (who,), board.rules.tiebreak)[who]
        counts = self.key_count
        was_alone = counts[old] == 1
        counts[old] -= 1
        counts[new] += 1
        teams = self.has_team_awards and self._team_matters(team, old_sum, was_present)
        if teams or joined or who in self.tied:
            return True
        if new == old:
            return False
        holds = self.holds.get(who, ())
        if new > old:
            return bool(holds)
        alone = was_alone and counts[new] == 1
        group = board.contestants[who].group
        slots = [(a, None) for a in self.top_ids] + [(a, group) for a in self.group_ids]
        for slot in slots:
            if slot in holds:
                if not alone:
                    return True
            elif new <= self.worst.get(slot, -1):
                return True
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
