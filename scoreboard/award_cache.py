"""Awards kept from one change to the next: only the walks a change can touch are walked again.

The award engine (scoreboard/award_engine.py) gives each award by walks down the standings: one for a
top-N, one per group for a group's top, one for a team prize. A walk reads the list from the top down to
its cut-off and no further, so its awards, ties, skips and every rank its reasons quote depend only on:

- for a contestant's walk, the rows whose key is at most the key of the last class it read (its *limit*):
  a change whose old and new keys both sort after the limit leaves it as it was (their rank counts only
  those strictly ahead of them). A walk that read its whole list (places left) has no limit;
- for a pending tie at a group's cut-off, also the contestants anywhere whose key reaches the tie's (the
  tie quotes the global rank);
- for a team prize, the teams it read: their names, scores, present members and ranks, and whether the
  next team now joins the last class it read;
- the holders of the earlier awards it excludes (依次顺延), which only a walk given again can change.

`AwardCache.awards(board)` takes the contestants moved since its last call from the order index
(scoreboard/index.py), walks again those walks their change reaches (in the rules' order; a walk whose
holders changed makes the later walks that exclude its award walk again for the groups concerned) and
joins every walk's part in order: the list, its ties, skips and digest equal `compute_awards` exactly
(tests/test_award_cache.py). Everything else is a full recompute: any judge's event (decisions,
confirmations, locks, assignments), any change on the day (取消成绩, 缺考, corrections: they can move
anyone's reasons), the on-stage contest's events, a change to many contestants at once, and contests whose
rules give a title holder another award (a displaced 人社知识通 takes a place in another walk: too
intricate to follow, and such contests are small).
"""

from __future__ import annotations

from .award_engine import Engine
from .awards import AwardsResult, _compute_live, digest_of
from .index import team_standing

_TEAM, _TOP, _GROUP, _JUDGE = "team", "top", "group_top", "judge"


class _Slot:
    """One walk and what it gave."""

    __slots__ = ("spec", "group", "kind", "awards", "ties", "skips", "limit", "tie_key", "teams", "boundary")

    def __init__(self, spec, group):
        self.spec, self.group, self.kind = spec, group, spec.kind
        self.awards, self.ties, self.skips = [], [], []
        self.limit = None  # the key of the last class read (None: the whole list was read)
        self.tie_key = None  # a pending tie's key (it quotes a global rank)
        self.teams = ()  # team prize: (name, score, playoff, present, rank) of each team read
        self.boundary = None  # team prize: (score, playoff) of the last class read (None: every team read)


class _Track:
    """Passes a walk's classes through, remembering the last one it handed out."""

    def __init__(self, classes, team: bool):
        self.classes, self.team = classes, team
        self.last = None
        self.done = False

    def __iter__(self):
        for cls in self.classes:
            self.last = cls
            yield cls
        self.done = True


class AwardCache:
    def __init__(self):
        self.result: AwardsResult | None = None
        self.slots: list[_Slot] = []
        self.full = True  # the next call recomputes everything
        self.relisted = True  # a walk given again listed other recipients (or another order): a new digest
        self.n_awards = 0  # the slots of the rules' awards, before those of the advancement lists

    def invalidate(self) -> None:
        self.full = True

    # --- the walks --------------------------------------------------------------------------------------------
    def _plan(self, rules) -> list[_Slot]:
        slots = []
        for spec in rules.awards + rules.advancement:
            if spec.kind == _GROUP:
                slots += [_Slot(spec, g) for g in rules.groups]
            else:
                slots.append(_Slot(spec, None))
        return slots

    def _walk(self, engine: Engine, slot: _Slot) -> None:
        spec, st = slot.spec, engine.st
        n_ties, n_skips = len(engine.ties), len(engine.skips)
        engine.waiting = {}
        slot.limit = slot.tie_key = slot.boundary = None
        slot.teams = ()
        if slot.kind == _JUDGE:
            given = engine._award(spec)
        elif slot.kind == _TEAM:
            track = _Track(st.team_classes([t for t in st.teams if t.present > 0]), True)
            given = engine._select(spec, None, track, spec.count, set(), team=True)
            if not track.done and track.last:
                slot.boundary = (track.last[0].score, track.last[0].playoff)
                last = track.last[-1].position
                slot.teams = tuple((t.name, t.score, t.playoff, t.present, t.rank) for t in st.teams[:last + 1])
            else:
                slot.teams = None  # read every team: any team's change reaches it
        else:
            track = _Track(st.classes(st.candidates(slot.group)), False)
            count = spec.count if slot.kind == _TOP else spec.count_for(slot.group)
            given = engine._select(spec, slot.group, track, count, set())
            if not track.done:
                slot.limit = track.last[0].key if track.last else -1
        slot.awards, slot.ties, slot.skips = given, engine.ties[n_ties:], engine.skips[n_skips:]
        if slot.ties and slot.kind == _GROUP:
            slot.tie_key = max(st.by_exam[x].key for t in slot.ties for x in t.tied)

    # --- which walks a change reaches -------------------------------------------------------------------------
    def _reached(self, board, changes) -> set[int]:
        idx = board.index
        n = idx.n
        group_of, team_of = idx.group_of, idx.team_of
        slots = self.slots
        top = [i for i, s in enumerate(slots) if s.kind == _TOP]
        by_group: dict[str, list[int]] = {}
        for i, s in enumerate(slots):
            if s.kind == _GROUP:
                by_group.setdefault(s.group, []).append(i)
        tied = [i for i, s in enumerate(slots) if s.tie_key is not None]
        teams_moved: set[str] = set()
        out = set()
        for e, old, new in changes:
            k = min(old, new) // n
            teams_moved.add(team_of[e])
            for i in top + by_group.get(group_of[e], []):
                limit = slots[i].limit
                if limit is None or k <= limit:
                    out.add(i)
            for i in tied:
                if k <= slots[i].tie_key:
                    out.add(i)
        team_slots = [i for i, s in enumerate(self.slots) if s.kind == _TEAM]
        if team_slots and teams_moved:
            stage = board.stage_totals()
            now = {t: team_standing(board, idx, t, stage) for t in teams_moved}
            for i in team_slots:
                s = self.slots[i]
                if s.teams is None:
                    out.add(i)
                    continue
                read = {t[0]: t for t in s.teams}
                for t, (score, present, playoff) in now.items():
                    was = read.get(t)
                    if (was[1:4] != (score, playoff, present)) if was else (score, playoff) >= s.boundary:
                        out.add(i)
                        break
        return out

    # --- the list -----------------------------------------------------------------------------------------------
    def awards(self, board) -> AwardsResult:
        """The live award list (no lock applied): `compute_awards`'s, walking again only what changed."""
        rules = board.rules
        board.sort_keys()
        idx = board.index
        changes = idx.changes if idx is not None else None
        if idx is not None:
            idx.changes = []
        if any(a.substitute for a in rules.awards + rules.advancement):  # the engine's own walk, every time
            self.result = _compute_live(rules, board.standings(), board.control, True, board.day)
            return self.result
        full = self.full or changes is None or self.result is None
        if not full and not changes:
            return self.result
        st = board.standings()
        engine = Engine(rules, st, board.control, board.day)
        self.relisted = full
        if full:
            self.slots = self._plan(rules)
            self.n_awards = sum(1 for s in self.slots if not _in(s, rules.advancement))
            todo = set(range(len(self.slots)))
        else:
            todo = self._reached(board, changes)
            if not todo:
                return self.result
        self.full = False
        self._walk_again(board, engine, todo)
        board.index.changes = []  # read up to here (a first view builds the index with None)
        return self._join(board, engine)

    def _walk_again(self, board, engine: Engine, todo: set[int]) -> None:
        held = engine.held
        slots = self.slots
        contestants = board.contestants
        for i, slot in enumerate(slots):
            if i in todo:
                listed = [a.recipient for a in slot.awards]
                self._walk(engine, slot)
                now = [a.recipient for a in slot.awards]
                if now != listed:
                    self.relisted = True  # the digest (award and recipient, in order) must be taken again
                moved = set(listed) ^ set(now)
                if moved:  # the later walks that skip this award's holders read the ones that moved
                    groups = {contestants[r].group for r in moved if r in contestants}
                    for j in range(i + 1, len(slots)):
                        later = slots[j]
                        if slot.spec.id in later.spec.exclude and (later.kind != _GROUP or later.group in groups):
                            todo.add(j)
            last_of_spec = i + 1 == len(slots) or slots[i + 1].spec is not slot.spec
            if last_of_spec:  # as Engine.run: an award's holders count from the next award on
                spec_id = slot.spec.id
                j = i
                while j >= 0 and slots[j].spec is slot.spec:
                    for a in slots[j].awards:
                        held.setdefault(a.recipient, []).append(spec_id)
                    j -= 1

    def _join(self, board, engine: Engine) -> AwardsResult:
        n_awards = self.n_awards
        awards = [a for s in self.slots[:n_awards] for a in s.awards]
        advancement = [a for s in self.slots[n_awards:] for a in s.awards]
        digest = digest_of(awards, advancement) if self.relisted or self.result is None else self.result.digest
        self.result = AwardsResult(
            awards=awards,
            advancement=advancement,
            ties=[t for s in self.slots for t in s.ties],
            skips=[k for s in self.slots for k in s.skips],
            digest=digest,
            confirmed=digest in board.control.confirmed,
        )
        return self.result


def _in(slot: _Slot, specs) -> bool:
    return any(slot.spec is s for s in specs)
