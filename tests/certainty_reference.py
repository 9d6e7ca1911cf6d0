"""The certainty walk as it was first written, contestant by contestant (tests' oracle).

scoreboard/certainty.py reads thresholds off sorted bounds instead; tests/test_certainty_fast.py proves on
random days, after every event, that both give the same verdicts, reasons and open items. This walk is
the plain reading of the rules: for every award and every contestant, count the rivals and those ahead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from fractions import Fraction

# the walk's answer comes in the product's own types: only the way to it differs
from scoreboard.certainty import AwardCertainty, Certainty, open_places_of, shares_ties  # when the bounds hold
from scoreboard.certainty_scope import MAYBE, NO, YES, Standing
from scoreboard.standings import NOT_FINISHED_KEY, OFFSET, WIDTH, _plan, team_score


class _Unsettled(Exception):
    """Raised by a walk asked only whether the list is settled, at the first contestant left possible."""


# --- bounds ---------------------------------------------------------------------------------------------------
def remaining_points(board) -> dict[str, list[int]]:
    """Per contestant with anything left to grade, per section, the points (hundredths) still to come."""
    totals = [s.paper.total for s in board.rules.sections]
    done = board.graded_max
    out = {}
    for e in board.contestants:
        d = done.get(e)
        rem = totals if d is None else [t - g for t, g in zip(totals, d)]
        if any(rem):
            out[e] = rem
    return out


def key_bounds(board, rem: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    """Each contestant's (best, worst) combined key over all completions (lower is better), in the encoding
    of scoreboard.standings.combined_keys: every component at its own best (worst) at once, which the whole
    paper at full marks (at 0) realises for the marks; an unfinished contestant's time goes from 0 to the
    end. The graded count of a completion is the whole paper. A contestant with nothing left to come keeps
    the key the standings have."""
    plan = _plan(board, board.rules.tiebreak)
    timed = any(kind == 2 for kind, _i, _d in plan)
    top = WIDTH - 1
    items = sum(s.paper.items for s in board.rules.sections)
    keys = board.sort_keys()
    zero = [0] * len(board.rules.sections)
    out = {}
    for e in board.contestants:
        r = rem.get(e)
        if r is None and (not timed or e in board.time_used):
            out[e] = (keys[e], keys[e])
            continue
        rem_e = r or zero
        secs = board.sections[e]
        total = board.totals[e]
        best = worst = 0
        for kind, idx, desc in plan:
            if kind == 0:
                lo, hi = total + OFFSET, total + sum(rem_e) + OFFSET
            elif kind == 1:
                lo, hi = secs[idx] + OFFSET, secs[idx] + rem_e[idx] + OFFSET
            elif kind == 2:
                t = board.time_used.get(e)
                lo, hi = (0, NOT_FINISHED_KEY) if t is None else (round(t * 100),) * 2
            else:
                lo = hi = items + OFFSET
            good, bad = (top - hi, top - lo) if desc else (lo, hi)
            best, worst = best * WIDTH + good, worst * WIDTH + bad
        out[e] = (best, worst)
    return out


def team_bounds(board, st, bounds_total: dict[str, tuple[int, int]]) -> dict[str, tuple[Fraction, Fraction]]:
    """Each team's (lowest, highest) team score over all completions: the formula is monotone in every
    member's total; in a completion every member not voided is present."""
    rules = board.rules
    out = {}
    for t in st.teams:
        members = [st.by_exam[m] for m in t.members]
        live = [m for m in members if not m.status]
        scores = []
        for which in (0, 1):
            totals = sorted((bounds_total[m.exam_no][which] for m in live), reverse=True)
            totals += [0] * (len(members) - len(live))
            scores.append(team_score(rules, totals, len(live)))
        out[t.name] = (scores[0], scores[1])
    return out


def total_bounds(board, rem: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {e: (t, t + sum(rem[e]) if e in rem else t) for e, t in board.totals.items()}


# --- the walk with intervals ----------------------------------------------------------------------------------
class _Counter:
    """U and L for one scope: bisect over the candidates' best and worst keys."""

    def __init__(self, ids, bounds, cand, because=None, open_places=None, share=False):
        self.share = share  # a tie at the cut-off is shared: rivals are those who could end strictly above
        self.bests = sorted(bounds[j][0] for j in ids if cand[j] != NO)
        self.worsts = sorted(bounds[j][1] for j in ids if cand[j] == YES)
        self.bounds, self.cand = bounds, cand
        # those who only might hold an award this one skips: at most `open_places` of them can hold one
        self.open = open_places
        self.maybe = sorted(bounds[j][1] for j in ids if cand[j] == MAYBE and because[j].startswith("held:")) \
            if open_places is not None else []

    def forced(self, x) -> int:
        """Of those certainly above x who only might hold a skipped award, how many must miss it."""
        if self.open is None:
            return 0
        return max(0, bisect_left(self.maybe, self.bounds[x][0]) - self.open)

    def rivals(self, x) -> int:
        """Others, possibly candidates, who could end at least as high as x (strictly above, under `share`)."""
        best, worst = self.bounds[x]
        if self.share:
            n = bisect_left(self.bests, worst)
            return n - 1 if self.cand[x] != NO and best < worst else n
        n = bisect_right(self.bests, worst)
        return n - 1 if self.cand[x] != NO else n

    def ahead(self, x) -> int:
        """Others, certainly candidates, who certainly end above x."""
        return bisect_left(self.worsts, self.bounds[x][0])

    def strictly_above_possible(self, x) -> int:
        """Others, possibly candidates, who could end strictly above x (a displaced holder is reached unless
        the places fill before them)."""
        n = bisect_left(self.bests, self.bounds[x][1])
        return n


class _Walker:
    def __init__(self, board, st, bounds, tbounds, settled_only: bool = False):
        self.settled_only = settled_only
        self.board, self.st, self.rules = board, st, board.rules
        self.bounds, self.tbounds = bounds, tbounds  # individual keys; teams as (-high, -low) keys below
        self.tkeys = {t: (-hi, -lo) for t, (lo, hi) in tbounds.items()}
        self.cert_held: dict[str, set[str]] = {}
        self.poss_held: dict[str, set[str]] = {}
        self.displaced: dict[str, dict[str, tuple[bool, bool, bool]]] = {}  # target -> x -> (certain, possible, within)
        self.result = Certainty(True)

    def run(self, specs) -> None:
        for spec in specs:
            ac = self._award(spec)
            self.result.awards[spec.id] = ac
            for rid in ac.certain:
                self.cert_held.setdefault(rid, set()).add(spec.id)
            for rid in ac.certain + ac.possible:
                self.poss_held.setdefault(rid, set()).add(spec.id)

    def _award(self, spec) -> AwardCertainty:
        if spec.kind == "judge":
            return self._judge(spec)
        team = spec.kind == "team"
        ac = AwardCertainty(spec.id, "team" if team else "individual", exact=not self.displaced.get(spec.id))
        waiting = self.displaced.get(spec.id, {})
        if team:
            scopes = [(None, [t.name for t in self.st.teams], spec.count)]
            keys = self.tkeys
        elif spec.kind == "top":
            scopes = [(None, [r.exam_no for r in self.st.rows], spec.count)]
            keys = self.bounds
        else:
            scopes = [(g, [r.exam_no for r in self.st.groups.get(g, [])], spec.count_for(g))
                      for g in self.rules.groups]
            keys = self.bounds
        for group, ids, count in scopes:
            ac.places += count
            cand, because = {}, {}
            for x in ids:
                cand[x], because[x] = self._candidate(spec, x, team, waiting)
            if any(c == MAYBE for c in cand.values()):  # someone only maybe a candidate: conservative
                ac.exact = False
            counter = _Counter(ids, keys, cand, because,
                               open_places_of(spec, self.board, self.result.awards, self.displaced),
                               shares_ties(spec, self.board))
            if spec.substitute and not team:
                self._displace(spec, ids, counter, count)
            for x in ids:
                self._judge_one(ac, spec, x, cand[x], because[x], counter, count, waiting)
        return ac

    def _candidate(self, spec, x, team: bool, waiting) -> tuple[int, str]:
        if team:
            t = self.rules.team(x)
            if spec.only_teams_with and not (t and getattr(t, spec.only_teams_with, False)):
                return NO, "pool"
            row = self.st.by_team[x]
            if all(self.st.by_exam[m].status for m in row.members):
                return NO, "void"
        else:
            if self.st.by_exam[x].status:
                return NO, "void"
            if spec.substitute and spec.substitute.flag in self.st.flags.get(x, ()):
                return NO, f"displaced:{spec.substitute.award}"
        held = self.cert_held.get(x, set()) & set(spec.exclude)
        if held:
            return NO, f"held:{sorted(held)[0]}"
        maybe = self.poss_held.get(x, set()) & set(spec.exclude)
        w = waiting.get(x)
        if w is not None and not w[2]:  # displaced on top of the count: skipped by the walk when displaced
            if w[0]:
                return NO, "on_top"
            return MAYBE, "on_top"
        if maybe:
            return MAYBE, f"held:{sorted(maybe)[0]}"
        return YES, ""

    def _displace(self, spec, ids, counter: _Counter, count: int) -> None:
        """Holders of the substitute flag whom this award's walk reaches go to `spec.substitute.award`."""
        sub = spec.substitute
        target = self.displaced.setdefault(sub.award, {})
        for x in ids:
            if sub.flag not in self.st.flags.get(x, ()) or self.st.by_exam[x].status:
                continue
            certain = counter.strictly_above_possible(x) < count
            possible = counter.ahead(x) < count
            if possible:
                target[x] = (certain, possible, sub.within_count)

    def _judge_one(self, ac, spec, x, cand, because, counter, count, waiting) -> None:
        w = waiting.get(x)
        rivals, ahead = counter.rivals(x), counter.ahead(x) + counter.forced(x)
        if cand == YES and rivals <= count - 1:
            verdict = "certain"
        elif w is not None and w[0]:
            verdict, because = "certain", "displaced"
        elif (cand == NO or ahead >= count) and w is None:
            verdict = "out"
        else:
            verdict = "possible"
            if self.settled_only:
                raise _Unsettled
        if counter.share and not because and verdict != "out":
            because = "share"
        getattr(ac, verdict).append(x)
        self.result.detail[(spec.id, x)] = Standing(verdict, count, rivals, ahead, because)

    def _judge(self, spec) -> AwardCertainty:
        """An award the judges give: its holders are certain, anyone else in its scope possible until the lock."""
        team = spec.scope == "team"
        ac = AwardCertainty(spec.id, "team" if team else "individual", exact=True, judges=True)
        given = {r for (aid, r) in self.board.control.assigned if aid == spec.id}
        scope = [t.name for t in self.st.teams] if team else [r.exam_no for r in self.st.rows]
        for x in scope:
            void = not team and self.st.by_exam[x].status
            verdict = "certain" if x in given else ("out" if void else "possible")
            getattr(ac, verdict).append(x)
            self.result.detail[(spec.id, x)] = Standing(verdict, 0, because="assigned" if x in given else
                                                        ("void" if void else ""))
        return ac


# --- the whole list --------------------------------------------------------------------------------------------
def is_settled(board) -> bool:
    """`compute_certainty(board).settled`, stopping at the first contestant left possible."""
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
            return Certainty(False, "an on-stage contest has no paper", "现场赛没有试卷")
        return Certainty(False, "no paper declared for " + ", ".join(s.id for s in missing),
                         "以下题型未声明试卷：" + "、".join(s.label for s in missing))
    st = board.standings()
    rem = remaining_points(board)
    bounds = key_bounds(board, rem)
    fixed = all(bounds[r.exam_no][0] == bounds[r.exam_no][1] for r in st.rows if not r.status)
    if board.control.locked or fixed:
        return _as_listed(board, st, board.awards(), "locked" if board.control.locked else "settled")
    tbounds = team_bounds(board, st, total_bounds(board, rem))
    walker = _Walker(board, st, bounds, tbounds, settled_only)
    walker.run(rules.awards + rules.advancement)
    result = walker.result
    result.open = _open_items(board, st, result, bounds, rem)
    return result


def _as_listed(board, st, aw, because: str) -> Certainty:
    """Nothing left to mark (or the list locked): the award list is the answer; a pending tie's members are
    possible until the judges settle it."""
    result = Certainty(True)
    rules = board.rules
    pending = {(t.award_id, rid) for t in aw.ties for rid in t.tied}
    for spec in rules.awards + rules.advancement:
        team = spec.kind == "team" or (spec.kind == "judge" and spec.scope == "team")
        ac = AwardCertainty(spec.id, "team" if team else "individual", exact=True, judges=spec.kind == "judge")
        holders = {a.recipient for a in aw.by_award(spec.id)}
        scope = [t.name for t in st.teams] if team else [r.exam_no for r in st.rows]
        for x in scope:
            verdict = "certain" if x in holders else ("possible" if (spec.id, x) in pending else "out")
            if spec.kind == "judge" and verdict == "out" and not aw.locked and not (not team and st.by_exam[x].status):
                verdict = "possible"  # the judges may still give it
            getattr(ac, verdict).append(x)
            result.detail[(spec.id, x)] = Standing(verdict, spec.count, because=because)
        ac.places = sum(spec.count_for(g) for g in rules.groups) if spec.kind == "group_top" else spec.count
        result.awards[spec.id] = ac
    return result


def _open_items(board, st, result: Certainty, bounds, rem_all) -> dict[str, list[str]]:
    """Contestants whose ungraded items could still change a verdict, with those sections: anyone possible
    for an award, and anyone with points to come whose range meets a possible contestant's range."""
    possible = {rid for ac in result.awards.values() if ac.scope == "individual" for rid in ac.possible}
    team_possible = {rid for ac in result.awards.values() if ac.scope == "team" for rid in ac.possible}
    for t in team_possible:
        possible.update(m for m in st.by_team[t].members if not st.by_exam[m].status)
    spans = sorted(bounds[x] for x in possible)
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    starts = [m[0] for m in merged]
    out = {}
    sections = board.rules.section_ids
    for r in st.rows:
        if r.status:
            continue
        rem = rem_all.get(r.exam_no)
        if rem is None:
            continue
        lo, hi = bounds[r.exam_no]
        i = bisect_right(starts, hi) - 1
        if r.exam_no in possible or (i >= 0 and merged[i][1] >= lo):
            out[r.exam_no] = [sid for sid, left in zip(sections, rem) if left]
    return out
