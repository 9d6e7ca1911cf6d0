"""Certainty: who holds an award whatever the marks still to come, who can still get it, who cannot.

With every section's paper known (scoreboard/paper.py), each contestant's combined tie-break key is
bounded (scoreboard/certainty_bounds.py): at best every ungraded item gets full marks (and an unfinished contestant
uses no time), at worst every one gets 0 (and the most time). A *completion* is any way the ungraded items
(each between 0 and its worth) and the missing hand-in times could turn out. For each award of the rules
each contestant (or team, for team awards) is

* **certain**: holds the award in every completion;
* **out**: holds it in none;
* **possible**: otherwise.

A completion that would put a contestant in a tie at the cut-off leaves them possible (the judges, not
the marks, would settle it). Voided contestants are out of everything.

How: the award engine's walk (scoreboard/award_engine.py) is followed with intervals instead of keys.
For a contestant x and an award of N places, U(x) counts the other candidates who could end at least as
high as x (their best key reaches x's worst), and L(x) those who certainly end above x (their worst key
is better than x's best) and are certainly candidates. U(x) < N makes x certain, L(x) >= N makes x out.
Both are thresholds on the sorted bounds of the scope (scoreboard/certainty_scope.py): x is certain when
its worst key is better than the (N+1)-th best key among the possible candidates, out when its best key is
worse than the N-th worst key among the certain ones; so each award costs a few bisections and a walk over
those near its cut-off, never the whole field. Both counts are exact for a plain top-N (each pair's
extremes can happen at once, since contestants' items are independent), so those awards are exact. An
award that skips the holders of an earlier one (依次顺延) counts anyone who might hold the earlier award as
a possible rival and never as a certain one, so its answer is conservative: it may say "possible" where a
full enumeration would say certain or out, never the reverse. tests/test_certainty.py proves both against
a brute-force enumeration, and that the thresholds give what a contestant-by-contestant walk gives.

What is rarely read is made when read: the out lists (most of the field), the reasons behind each
verdict (`detail`, for `explain` and the console) and the ungraded items that still matter (`open`). They
read the bounds' snapshot of the moment, which never changes, so a later mark cannot alter them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .certainty_bounds import Bounds, bounds as current_bounds
from .certainty_scope import MAYBE, NO, YES, Scope, Standing, TeamScope
from .lazy import Details, Later, LaterMap


class _Unsettled(Exception):
    """Raised by a walk asked only whether the list is settled, at the first award left open."""


@dataclass
class AwardCertainty:
    award_id: str
    scope: str  # individual | team
    certain: list[str] = field(default_factory=list)
    possible: list[str] = field(default_factory=list)
    out: Sequence[str] = field(default_factory=list)
    exact: bool = True
    places: int = 0  # all places of the award (summed over groups); 0: no fixed number (judges' awards)
    judges: bool = False  # given by the judges, not by the marks: never "settled" by marking, never counted in it

    @property
    def settled(self) -> bool:
        return not self.possible


@dataclass
class Certainty:
    known: bool  # False: some section has no paper, nothing is computed (`why` says so)
    why: str = ""  # in English; `why_zh` in Chinese
    why_zh: str = ""
    awards: dict[str, AwardCertainty] = field(default_factory=dict)
    detail: Mapping[tuple[str, str], Standing] = field(default_factory=dict)  # (award id, recipient) -> why
    open: Mapping[str, list[str]] = field(default_factory=dict)  # exam_no -> sections whose ungraded items matter
    stage: bool = False  # not known because the contest is on stage (no paper there to declare)

    @property
    def settled(self) -> bool:
        """Every award the marks decide has nobody left possible (the judges' own awards aside)."""
        return self.known and all(a.settled for a in self.awards.values() if not a.judges)

    def of(self, recipient: str) -> dict[str, str]:
        """Award id -> verdict, for one contestant or team."""
        found = ((aid, self.detail.get((aid, recipient))) for aid in self.awards)
        return {aid: s.verdict for aid, s in found if s is not None}


def open_places_of(spec, board, done: dict[str, AwardCertainty], displaced: dict) -> int | None:
    """The places of the awards `spec` skips that are not yet certainly taken (`done`: their certainty):
    whoever only might hold one of them competes for `spec` unless they take one of these. None when such an
    award could be given to more than its count (a tie it shares, by its policy or a judges' decision;
    holders displaced onto it)."""
    total = 0
    for aid in spec.exclude:
        rule, ac = board.rules.award(aid), done.get(aid)
        if (ac is None or ac.judges or rule.tie_policy == "share" or displaced.get(aid)
                or any(d.award == aid and d.outcome == "share" for d in board.control.decisions)):
            return None
        total += ac.places - len(ac.certain)
    return total


def shares_ties(spec, board) -> bool:
    """Whether a tie at the award's cut-off is shared whatever the marks: its rules share ties and no judge
    has ordered (or drawn lots for) one of its ties, which would apply should that tie come about."""
    return spec.tie_policy == "share" and not any(
        d.award == spec.id and d.outcome != "share" for d in board.control.decisions)


# --- the walk --------------------------------------------------------------------------------------------------
class _Walker:
    def __init__(self, board, st, snap: Bounds, settled_only: bool = False):
        self.settled_only = settled_only
        self.board, self.st, self.rules, self.snap = board, st, board.rules, snap
        specs = self.rules.awards + self.rules.advancement
        self.excluded = {aid for spec in specs for aid in spec.exclude}  # awards whose holders a later one skips
        self.cert_held: dict[str, set[str]] = {}  # recipient -> excluded awards certain
        self.poss_held: dict[str, set[str]] = {}  # recipient -> excluded awards certain or possible
        self.holders: dict[str, set[str]] = {}  # excluded award -> its recipients certain or possible
        self.displaced: dict[str, dict[str, tuple[bool, bool, bool]]] = {}  # target -> x -> (certain, possible, within)
        self.result = Certainty(True, detail=Details())
        self.team_scope: TeamScope | None = None

    def run(self, specs) -> None:
        for spec in specs:
            ac = self._award(spec)
            self.result.awards[spec.id] = ac
            if self.settled_only and ac.possible and not ac.judges:
                raise _Unsettled
            if spec.id in self.excluded:
                for rid in ac.certain:
                    self.cert_held.setdefault(rid, set()).add(spec.id)
                held = self.holders[spec.id] = set(ac.certain) | set(ac.possible)
                for rid in held:
                    self.poss_held.setdefault(rid, set()).add(spec.id)

    def _award(self, spec) -> AwardCertainty:
        if spec.kind == "judge":
            return self._judge(spec)
        if spec.kind == "team":
            return self._team(spec)
        waiting = self.displaced.get(spec.id, {})
        snap, contestants = self.snap, self.board.contestants
        groups = [None] if spec.kind == "top" else list(self.rules.groups)
        scopes: dict[str | None, Scope] = {}
        odd = self._odd(spec, waiting, spec.kind != "top")
        # exact when everyone's candidacy is the same in every completion: nobody only maybe excluded (a
        # possible holder of an award it skips), nobody displaced to it (scoreboard/certainty_scope.py)
        unsure = any(c == MAYBE for d in odd.values() for c, _why in d.values())
        ac = AwardCertainty(spec.id, "individual", exact=not unsure and not waiting)
        open_places = open_places_of(spec, self.board, self.result.awards, self.displaced)
        share = shares_ties(spec, self.board)
        for g in groups:
            count = spec.count if g is None else spec.count_for(g)
            ac.places += count
            sc = scopes[g] = Scope(snap, g, count, odd.get(g, {}),
                                   {x: w for x, w in waiting.items() if g is None or contestants[x].group == g},
                                   open_places, share)
            if spec.substitute:
                self._displace(spec, sc)
            certain, possible = sc.verdicts()
            ac.certain += certain
            ac.possible += possible
        keep = set(ac.certain) | set(ac.possible)
        members = (lambda g: snap.order) if spec.kind == "top" else (lambda g: snap.members.get(g, ()))
        ac.out = Later(lambda: [x for g in groups for x in snap.ordered(members(g)) if x not in keep])
        group_of = (lambda x: None) if spec.kind == "top" else (lambda x: contestants[x].group)

        def find(x: str) -> Standing | None:
            sc = scopes.get(group_of(x)) if x in snap.place else None
            return sc.standing(x) if sc is not None else None

        self._record(spec.id, find, lambda: [x for g in groups for x in snap.ordered(members(g))])
        return ac

    def _record(self, aid: str, find, scope) -> None:
        self.result.detail.finders[aid] = find
        self.result.detail.scopes[aid] = scope

    def _odd(self, spec, waiting, by_group: bool) -> dict[str | None, dict[str, tuple[int, str]]]:
        """Per scope (None: the field; else each award group), the ranked who are not plainly candidates of
        the award: exam -> (NO or MAYBE, why)."""
        universe = set(waiting)
        if spec.substitute:
            flag = spec.substitute.flag
            universe.update(x for x, flags in self.st.flags.items() if flag in flags)
        for aid in spec.exclude:
            universe |= self.holders.get(aid, set())
        contestants, snap = self.board.contestants, self.snap
        out: dict[str | None, dict[str, tuple[int, str]]] = {}
        for x in universe:
            if x in snap.void or x not in snap.place:
                continue
            cand = self._candidate(spec, x, waiting)
            if cand[0] != YES:
                out.setdefault(contestants[x].group if by_group else None, {})[x] = cand
        return out

    def _candidate(self, spec, x, waiting) -> tuple[int, str]:
        """Whether x is a candidate of the award's walk in every completion (YES), in some (MAYBE), in none
        (NO), and why not."""
        if spec.substitute and spec.substitute.flag in self.st.flags.get(x, ()):
            return NO, f"displaced:{spec.substitute.award}"
        held = self._held(spec, x)
        if held is not None and held[0] == NO:
            return held
        w = waiting.get(x)
        if w is not None and not w[2]:  # displaced on top of the count: skipped by the walk when displaced
            return (NO if w[0] else MAYBE), "on_top"
        return held or (YES, "")

    def _held(self, spec, x) -> tuple[int, str] | None:
        """x and the awards `spec` skips: certain of one (NO), possibly holding one (MAYBE), neither (None)."""
        held = self.cert_held.get(x, set()) & set(spec.exclude)
        if held:
            return NO, f"held:{sorted(held)[0]}"
        maybe = self.poss_held.get(x, set()) & set(spec.exclude)
        return (MAYBE, f"held:{sorted(maybe)[0]}") if maybe else None

    def _displace(self, spec, sc: Scope) -> None:
        """Holders of the substitute flag whom this award's walk reaches go to `spec.substitute.award`."""
        sub = spec.substitute
        target = self.displaced.setdefault(sub.award, {})
        for x, flags in self.st.flags.items():
            if sub.flag not in flags or x in self.snap.void or not sc.holds_scope(x, self.board):
                continue
            certain = sc.above(x) < sc.count
            possible = sc.ahead(x) < sc.count
            if possible:
                target[x] = (certain, possible, sub.within_count)

    def _team(self, spec) -> AwardCertainty:
        if self.team_scope is None:
            self.team_scope = TeamScope(self.board, self.st, self.snap)
        ts = self.team_scope
        cand = {x: self._team_candidate(spec, x, ts) for x in ts.names}
        ac = AwardCertainty(spec.id, "team", exact=all(c != MAYBE for c, _why in cand.values()), places=spec.count)
        open_places = open_places_of(spec, self.board, self.result.awards, self.displaced)
        verdicts = ts.verdicts(cand, spec.count, open_places, shares_ties(spec, self.board))
        for x in ts.names:
            getattr(ac, verdicts[x].verdict).append(x)
        self._record(spec.id, verdicts.get, lambda: ts.names)
        return ac

    def _team_candidate(self, spec, x, ts: TeamScope) -> tuple[int, str]:
        t = self.rules.team(x)
        if spec.only_teams_with and not (t and getattr(t, spec.only_teams_with, False)):
            return NO, "pool"
        if ts.all_void(x):
            return NO, "void"
        return self._held(spec, x) or (YES, "")

    def _judge(self, spec) -> AwardCertainty:
        """An award the judges give: its holders are certain, anyone else in its scope possible until the lock."""
        team = spec.scope == "team"
        ac = AwardCertainty(spec.id, "team" if team else "individual", exact=True, judges=True)
        given = {r for (aid, r) in self.board.control.assigned if aid == spec.id}
        snap = self.snap
        scope = [t.name for t in self.st.teams] if team else snap.ordered(snap.order)
        void = set() if team else snap.void

        def find(x: str) -> Standing | None:
            if x not in (set(scope) if team else snap.place):
                return None
            if x in given:
                return Standing("certain", 0, because="assigned")
            return Standing("out", 0, because="void") if x in void else Standing("possible", 0)

        ac.certain = [x for x in scope if x in given]
        ac.out = [x for x in scope if x in void and x not in given]
        ac.possible = [x for x in scope if x not in given and x not in void]
        self._record(spec.id, find, lambda: scope)
        return ac


# --- the whole list --------------------------------------------------------------------------------------------
def is_settled(board) -> bool:
    """`compute_certainty(board).settled`, stopping at the first award left open."""
    try:
        return compute_certainty(board, settled_only=True).settled
    except _Unsettled:
        return False


def compute_certainty(board, settled_only: bool = False) -> Certainty:
    """Every award's certain, possible and out (docstring above); a list that is locked, or a day with
    nothing left to mark, is what the award list says."""
    rules = board.rules
    if not rules.paper_known:
        missing = [s for s in rules.sections if s.paper is None]
        if rules.rounds:
            return Certainty(False, "an on-stage contest has no paper", "现场赛没有试卷", stage=True)
        return Certainty(False, "no paper declared for " + ", ".join(s.id for s in missing),
                         "以下题型未声明试卷：" + "、".join(s.label for s in missing))
    st = board.standings()
    snap = current_bounds(board)
    if board.control.locked or not snap.unsettled:
        return _as_listed(board, st, snap, board.awards(), "locked" if board.control.locked else "settled")
    walker = _Walker(board, st, snap, settled_only)
    walker.run(rules.awards + rules.advancement)
    result = walker.result
    awards = result.awards  # (not the result itself: no cycle, nor the standings, which a change would detach)
    result.open = LaterMap(lambda: _open_items(board, awards, snap))
    return result


def _as_listed(board, st, snap: Bounds, aw, because: str) -> Certainty:
    """Nothing left to mark (or the list locked): the award list is the answer; a pending tie's members are
    possible until the judges settle it."""
    result = Certainty(True, detail=Details())
    rules = board.rules
    pending = {(t.award_id, rid) for t in aw.ties for rid in t.tied}
    everyone = snap.ordered(snap.order)
    teams = [t.name for t in st.teams]
    for spec in rules.awards + rules.advancement:
        team = spec.kind == "team" or (spec.kind == "judge" and spec.scope == "team")
        judges = spec.kind == "judge"
        ac = AwardCertainty(spec.id, "team" if team else "individual", exact=True, judges=judges)
        holders = {a.recipient for a in aw.by_award(spec.id)}
        scope = teams if team else everyone
        members = set(teams) if team else snap.place

        def verdict(x, spec=spec, holders=holders, team=team, judges=judges) -> str:
            v = "certain" if x in holders else ("possible" if (spec.id, x) in pending else "out")
            if judges and v == "out" and not aw.locked and not (not team and x in snap.void):
                v = "possible"  # the judges may still give it
            return v

        def find(x, verdict=verdict, members=members, count=spec.count) -> Standing | None:
            return Standing(verdict(x), count, because=because) if x in members else None

        ac.certain = [x for x in scope if x in holders]
        ac.possible = [x for x in scope if x not in holders and verdict(x) == "possible"]
        if judges and not aw.locked:
            ac.out = [x for x in scope if verdict(x) == "out"]
        else:
            keep = holders | set(ac.possible)
            ac.out = Later(lambda scope=scope, keep=keep: [x for x in scope if x not in keep])
        ac.places = sum(spec.count_for(g) for g in rules.groups) if spec.kind == "group_top" else spec.count
        result.awards[spec.id] = ac
        result.detail.finders[spec.id] = find
        result.detail.scopes[spec.id] = lambda scope=scope: scope
    return result


def _open_items(board, awards: dict[str, AwardCertainty], snap: Bounds) -> dict[str, list[str]]:
    """Contestants whose ungraded items could still change a verdict, with those sections: anyone possible
    for an award, and anyone with points to come whose range meets a possible contestant's range."""
    possible = {rid for ac in awards.values() if ac.scope == "individual" for rid in ac.possible}
    team_possible = {rid for ac in awards.values() if ac.scope == "team" for rid in ac.possible}
    if team_possible:
        team_of = board.index.team_of
        possible.update(e for e in snap.order if team_of[e] in team_possible and e not in snap.void)
    spans = sorted(snap.of(x) for x in possible if x in snap.place)
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    starts = [m[0] for m in merged]
    papers = [(s.id, s.paper.total) for s in board.rules.sections]
    out = {}
    best, worst, left, done = snap.best, snap.worst, snap.left, snap.done
    for x in snap.ordered([e for e in snap.order if e not in snap.void and left[snap.place[e]]]):
        i = snap.place[x]
        j = bisect_right(starts, worst[i]) - 1
        if x in possible or (j >= 0 and merged[j][1] >= best[i]):
            d = done[i]
            out[x] = [sid for s, (sid, total) in enumerate(papers) if d is None or d[s] < total]
    return out
