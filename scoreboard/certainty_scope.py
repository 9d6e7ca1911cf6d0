"""One scope of one award (the field, an award group, the teams) seen through the bounds of every
completion: who is certain of its places, who is out, who is still possible (scoreboard/certainty.py
says what each means and why the counts are exact or conservative).

For a contestant x of a scope with N places, among the scope's candidates:

* U(x), the rivals: others who could end at least as high (best key <= x's worst), counted among those
  who may be candidates; x is certain when x is surely a candidate and U(x) < N, that is when x's worst
  key is better than the (N+1)-th best key of those who may be candidates. Where the rules share a tie at
  the cut-off (`share`, and no judge has ordered one of this award's ties), a tie cannot take the award
  from x: U(x) counts only those who could end strictly above;
* L(x), those ahead: others certainly above (worst key < x's best), counted among those who surely are
  candidates; x is out when L(x) >= N, that is when x's best key is worse than their N-th worst key. Of
  those certainly above who only might hold an award this one skips, all but that award's open places
  (its count less its certain holders) must miss it: they count too (`forced`).

The scope's bests and worsts come sorted from the bounds' snapshot (scoreboard/certainty_bounds.py) for everyone
ranked; the few who are not plainly candidates (`odd`: they hold an earlier award the walk skips, carry
a flag that sends them elsewhere, wait on top of the count) are taken out of those lists by bisection,
never by copying them. So the two thresholds cost a few bisections, the verdicts a walk over those near
the cut-off, and one contestant's reasons (`standing`) four bisections.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from fractions import Fraction

from .standings import team_score

YES, MAYBE, NO = 2, 1, 0  # is x a candidate of the award's walk (in every completion, in some, in none)


@dataclass
class Standing:
    """Why a contestant (or team) is where they are for one award: the counts behind the verdict."""

    verdict: str  # certain | possible | out
    places: int  # the award's places (in the contestant's group, for a per-group award)
    rivals: int = 0  # U: others who could end at least as high (strictly above, where a tie is shared)
    ahead: int = 0  # L: others certainly ahead that are certainly candidates (at least this many)
    because: str = ""  # "", void, held:<award id>, pool, displaced, assigned, locked, settled, share


def kth(base: list[int], removed: list[int], k: int) -> int | None:
    """The k-th smallest (from 0) entry of sorted `base` once the entries of `removed` (sorted, each in
    `base`) are taken out; None when no more than k remain."""
    if k < 0 or len(base) - len(removed) <= k:
        return None
    lo, hi = k, min(len(base) - 1, k + len(removed))
    while lo < hi:  # the first position with k + 1 kept entries up to it (it is kept itself)
        mid = (lo + hi) // 2
        if mid + 1 - bisect_right(removed, base[mid]) >= k + 1:
            hi = mid
        else:
            lo = mid + 1
    return base[lo]


class Scope:
    """The field's or one award group's verdicts for an individual award (see the module's docstring)."""

    def __init__(self, snap, group: str | None, count: int, odd: dict[str, tuple[int, str]],
                 waiting: dict[str, tuple[bool, bool, bool]], open_places: int | None = None,
                 share: bool = False):
        self.snap, self.group, self.count = snap, group, count
        self.share = share  # a tie at the cut-off is shared by the rules: only those strictly above are rivals
        self.odd = odd  # ranked in the scope, not plainly candidates: exam -> (NO or MAYBE, why)
        self.waiting = waiting  # flag holders displaced to this award: exam -> (certain, possible, within count)
        n, place, best, worst = snap.n, snap.place, snap.best, snap.worst
        self.bests, self.worsts = snap.scope(group)
        self.rb = sorted(best[place[x]] * n + place[x] for x, (c, _why) in odd.items() if c == NO)
        self.rw = sorted(worst[place[x]] * n + place[x] for x in odd)
        self.tc = kth(self.bests, self.rb, count)  # a surely-candidate whose worst is better is certain
        self.to = kth(self.worsts, self.rw, count - 1) if count > 0 else None  # one whose best is worse: out
        # the skipped awards' places not yet certainly taken (None: unbounded, see `forced`), and the worsts of
        # those who only might hold one of them
        self.open = open_places
        self.rm = sorted(worst[place[x]] * n + place[x] for x, (c, why) in odd.items()
                         if c == MAYBE and why.startswith("held:")) if open_places is not None else []

    def holds_scope(self, x: str, board) -> bool:
        return self.group is None or board.contestants[x].group == self.group

    def above(self, x: str) -> int:
        """Others, possibly candidates, who could end strictly above x (a displaced holder is reached unless
        the places fill before them)."""
        n, i = self.snap.n, self.snap.place[x]
        v = self.snap.worst[i] * n
        return bisect_left(self.bests, v) - bisect_left(self.rb, v)

    def ahead(self, x: str) -> int:
        """Others, certainly candidates, who certainly end above x."""
        n, i = self.snap.n, self.snap.place[x]
        v = self.snap.best[i] * n
        return bisect_left(self.worsts, v) - bisect_left(self.rw, v)

    def forced(self, x: str) -> int:
        """Of those certainly above x who only might hold an award this one skips, how many cannot all hold it:
        its open places (its count less its certain holders) are all they can take between them."""
        if self.open is None or len(self.rm) <= self.open:
            return 0
        v = self.snap.best[self.snap.place[x]] * self.snap.n
        return max(0, bisect_left(self.rm, v) - self.open)

    def rivals(self, x: str, cand: int) -> int:
        """Others, possibly candidates, who could end at least as high as x (strictly above, under `share`)."""
        n, i = self.snap.n, self.snap.place[x]
        best, worst = self.snap.best[i], self.snap.worst[i]
        if self.share:  # x's own entry is below the bound only when its best is better than its worst
            v = worst * n
            return bisect_left(self.bests, v) - bisect_left(self.rb, v) - (cand != NO and best < worst)
        v = (worst + 1) * n
        return bisect_left(self.bests, v) - bisect_left(self.rb, v) - (cand != NO)

    def standing(self, x: str) -> Standing:
        """x's verdict and the counts behind it (x in the scope)."""
        if x in self.snap.void:
            cand, because = NO, "void"
        else:
            cand, because = self.odd.get(x, (YES, ""))
        rivals, ahead, count = self.rivals(x, cand), self.ahead(x) + self.forced(x), self.count
        w = self.waiting.get(x)
        if cand == YES and rivals <= count - 1:
            verdict = "certain"
        elif w is not None and w[0]:
            verdict, because = "certain", "displaced"
        elif (cand == NO or ahead >= count) and w is None:
            verdict = "out"
        else:
            verdict = "possible"
        if self.share and not because and verdict != "out":
            because = "share"  # the rivals are those who could pass x: a tie would be shared
        return Standing(verdict, count, rivals, ahead, because)

    def verdicts(self) -> tuple[list[str], list[str]]:
        """Who is certain, who possible (each in the standings' order); everyone else of the scope is out."""
        snap, count, odd, waiting = self.snap, self.count, self.odd, self.waiting
        n, order = snap.n, snap.order
        certain: list[str] = []
        possible: list[str] = []
        if count > 0:
            edge = None if self.tc is None else self.tc // n
            cut = len(self.worsts) if edge is None else bisect_left(self.worsts, (edge + self.share) * n)
            for ent in self.worsts[:cut]:  # worst better than the threshold: certain if surely a candidate
                x = order[ent % n]  # (level with it, under `share`: certain if fewer than N could pass)
                if x not in odd and x not in waiting and (ent // n != edge or self.rivals(x, YES) < count):
                    certain.append(x)
            sure = set(certain)
            end = len(self.bests) if self.to is None else bisect_left(self.bests, (self.to // n + 1) * n)
            for ent in self.bests[:end]:  # best not worse than the threshold: not out if maybe a candidate
                x = order[ent % n]
                if x not in sure and x not in waiting and odd.get(x, (YES,))[0] != NO \
                        and not (self.rm and self.ahead(x) + self.forced(x) >= count):
                    possible.append(x)
        for x in waiting:
            v = self.standing(x).verdict
            if v != "out":
                (certain if v == "certain" else possible).append(x)
        return snap.ordered(certain), snap.ordered(possible)


# --- teams ------------------------------------------------------------------------------------------------------
def voided_per_team(board, snap) -> dict[str, int]:
    """Team -> how many of its members are voided on the day."""
    team_of = board.index.team_of
    voided: dict[str, int] = {}
    for e in snap.void:
        voided[team_of[e]] = voided.get(team_of[e], 0) + 1
    return voided


def team_bounds(board, snap, names, voided: dict[str, int]) -> dict[str, tuple[Fraction, Fraction]]:
    """Each team's (lowest, highest) team score over all completions: the formula is monotone in every
    member's total; in a completion every member not voided is present, with a total between what they
    have and that plus what is still to come."""
    rules, idx = board.rules, board.index
    team_of = idx.team_of
    out = {}
    if rules.team_score.formula == "top_k_mean":  # the best k: every live member's total, sorted
        live: dict[str, list[int]] = {}
        for i, e in enumerate(snap.order):
            if e not in snap.void:
                live.setdefault(team_of[e], []).append(i)
        totals, left = board.totals, snap.left
        for t in names:
            ms, size = live.get(t, []), idx.size.get(t, 0)
            scores = []
            for extra in (0, 1):
                values = sorted((totals[snap.order[i]] + extra * left[i] for i in ms), reverse=True)
                scores.append(team_score(rules, values + [0] * (size - len(ms)), len(ms)))
            out[t] = (scores[0], scores[1])
        return out
    for t in names:  # a mean or a sum needs only the live members' sum (the index keeps it)
        size = idx.size.get(t, 0)
        live_n = size - voided.get(t, 0)
        lo = idx.tsum.get(t, 0)
        hi = lo + snap.team_left.get(t, 0)
        pad = [0] * (size - 1)
        out[t] = (team_score(rules, [lo] + pad, live_n) if size else Fraction(0),
                  team_score(rules, [hi] + pad, live_n) if size else Fraction(0))
    return out


class TeamScope:
    """The teams, for the team awards: a few dozen, judged one by one."""

    def __init__(self, board, st, snap):
        self.names = [t.name for t in st.teams]
        self.voided = voided_per_team(board, snap)
        bounds = team_bounds(board, snap, self.names, self.voided)
        self.keys = {t: (-hi, -lo) for t, (lo, hi) in bounds.items()}  # lower is better, as keys are
        self.size = board.index.size

    def all_void(self, team: str) -> bool:
        return self.voided.get(team, 0) == self.size.get(team, 0)

    def verdicts(self, cand: dict[str, tuple[int, str]], count: int,
                 open_places: int | None = None, share: bool = False) -> dict[str, Standing]:
        """Each team's verdict; `open_places` and `share` as for `Scope` (the places of skipped awards not yet
        certain; a tie at the cut-off shared by the rules)."""
        keys = self.keys
        bests = sorted(keys[t][0] for t in self.names if cand[t][0] != NO)
        worsts = sorted(keys[t][1] for t in self.names if cand[t][0] == YES)
        maybe = sorted(keys[t][1] for t in self.names if cand[t][0] == MAYBE and cand[t][1].startswith("held:")) \
            if open_places is not None else []
        out = {}
        for t in self.names:
            c, because = cand[t]
            best, worst = keys[t]
            if share:  # only those who could end strictly above
                rivals = bisect_left(bests, worst) - (c != NO and best < worst)
            else:
                rivals = bisect_right(bests, worst) - (c != NO)
            ahead = bisect_left(worsts, best)
            if len(maybe) > (open_places or 0):  # those only maybe skipped cannot all take the open places
                ahead += max(0, bisect_left(maybe, best) - open_places)
            if c == YES and rivals <= count - 1:
                verdict = "certain"
            elif c == NO or ahead >= count:
                verdict = "out"
            else:
                verdict = "possible"
            if share and not because and verdict != "out":
                because = "share"
            out[t] = Standing(verdict, count, rivals, ahead, because)
        return out
