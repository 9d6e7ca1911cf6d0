"""How each award is given: a walk down the standings, in the rules' order of awards.

Each award walks the ranked list (a group's, or the teams') best first, in the order of the marks alone,
so that whoever is passed over is passed over *ahead of* those who move up: a holder of an earlier
award it excludes, a contestant voided on the day (取消成绩, 缺考, 不符合参赛资格), a title holder who is
given another award instead, a team outside the award's pool. Everyone passed over is named in the
reason of each one who moved up past them, with the place the latter holds among the award's holders
(「……不计，依次顺延后为第10位获奖者（共10名）」); a recipient nobody was passed over for just says where
they stand. A class of equal keys that does not fit the places left is a tie at the cut-off, settled
only by the judges (or by the rules' tie policy).
"""

from __future__ import annotations

from .awards import Award, PendingTie, Skip, lots_order
from .i18n import Bilingual, Reason
from .rules import AwardRule, Rules
from .standings import Row, Standings, TeamRow

MOST_NAMED = 5  # people (or teams) named in a reason; the rest are counted


def names(items: list, team: bool = False) -> list | Reason:
    """Items for a reason, shortened past MOST_NAMED: 「甲、乙、丙、丁、戊等7人」."""
    if len(items) <= MOST_NAMED:
        return list(items)
    unit = Bilingual("支代表队", " teams") if team else Bilingual("人", " people")
    return Reason("names_more", {"names": list(items[:MOST_NAMED]), "rest": len(items) - MOST_NAMED, "unit": unit})


class Engine:
    def __init__(self, rules: Rules, st: Standings, control, day=None):
        self.rules = rules
        self.st = st
        self.control = control
        self.day = day  # scoreboard.changes.DayState: why a voided contestant is out
        self.held: dict[str, list[str]] = {}  # recipient -> award ids
        self.displaced: dict[str, dict[str, tuple[Row, AwardRule]]] = {}  # target award -> exam_no -> (row, from)
        self.waiting: dict[str, tuple[Row, AwardRule]] = {}  # the displaced that the award being given takes in
        self.ties: list[PendingTie] = []
        self.skips: list[Skip] = []

    def run(self, specs: tuple[AwardRule, ...]) -> list[Award]:
        out: list[Award] = []
        for spec in specs:
            given = self._award(spec)
            for a in given:
                self.held.setdefault(a.recipient, []).append(spec.id)
            out += given
        return out

    # --- who is a candidate ------------------------------------------------------------------------------
    def who(self, rid: str, team: bool) -> str:
        """How a reason names a contestant (exam number and name) or a team."""
        if team:
            return rid
        r = self.st.by_exam.get(rid)
        return f"{rid} {r.name}" if r else rid

    def _award(self, spec: AwardRule) -> list[Award]:
        if spec.kind == "judge":
            return [Award(spec.id, recipient, spec.scope if spec.scope == "team" else "individual",
                          (Reason("judge_assigned", {"actor": actor, "why": why}),), note="assigned")
                    for (aid, recipient), (actor, why, _at) in self.control.assigned.items() if aid == spec.id]
        waiting = self.waiting = self.displaced.pop(spec.id, {})  # title holders this award takes in
        on_top = {x for x, (_r, src) in waiting.items() if not src.substitute.within_count}
        given = [self._displaced(spec, row, src, None) for x, (row, src) in waiting.items() if x in on_top]
        if spec.kind == "team":
            teams = [t for t in self.st.teams if t.present > 0]
            given += self._select(spec, None, self.st.team_classes(teams), spec.count, set(), team=True)
        elif spec.kind == "top":
            rows = (r for r in self.st.natural(self.st.rows) if r.graded > 0)
            given += self._select(spec, None, self.st.classes(rows), spec.count, on_top)
        else:
            for group in self.rules.groups:
                rows = (r for r in self.st.natural(self.st.groups.get(group, [])) if r.graded > 0)
                given += self._select(spec, group, self.st.classes(rows), spec.count_for(group), on_top)
        chosen = {a.recipient for a in given}
        for x, (row, src) in waiting.items():  # within the count, but it did not reach a place: on top of it
            if x not in on_top and x not in chosen:
                given.append(self._displaced(spec, row, src, spec.count_for(row.group)))
        return given

    def _passed_over(self, spec: AwardRule, r, team: bool) -> Reason | None:
        """Why a row is passed over by this award (None: a candidate)."""
        if team:
            t = self.rules.team(r.name)
            if spec.only_teams_with and not (t and getattr(t, spec.only_teams_with, False)):
                return Reason("skip_pool", {"pool": Bilingual(spec.pool or spec.only_teams_with,
                                                              spec.pool_en or spec.only_teams_with)})
            rid = r.name
        else:
            if r.status:
                return self._void_reason(r)
            rid = r.exam_no
        for aid in self.held.get(rid, ()):
            if aid in spec.exclude:
                held = self.rules.award(aid)
                return Reason("skip_has", {"award": Bilingual(held.label, held.label_en)})
        sub = spec.substitute
        if sub and not team and sub.flag in self.st.flags.get(rid, ()):
            self.displaced.setdefault(sub.award, {})[rid] = (r, spec)
            flag, target = self.rules.flag(sub.flag), self.rules.award(sub.award)
            return Reason("skip_displaced", {"flag": Bilingual(flag.label, flag.label_en),
                                             "award": Bilingual(target.label, target.label_en)})
        return None

    def _void_reason(self, r: Row) -> Reason:
        if r.status == "ineligible" and self.day is not None:
            change = self.day.why(r.exam_no)
            forbidden = [f for f, on in ((change.data.get("flags") or {}).items() if change else ()) if on]
            flag = self.rules.flag(forbidden[0]) if forbidden else None
            if flag is not None:
                return Reason("skip_ineligible_flag", {"flag": Bilingual(flag.label, flag.label_en)})
        return Reason(f"skip_{r.status}")

    # --- the walk ---------------------------------------------------------------------------------------
    def _select(self, spec, group, classes, count, already: set, team: bool = False) -> list[Award]:
        chosen: list[Award] = []
        skipped: list = []  # who was passed over so far, ahead of whoever comes next
        for cls in classes:
            if len(chosen) >= count:
                break
            members = []
            for r in cls:
                rid = r.name if team else r.exam_no
                if rid in already:
                    continue
                why = self._passed_over(spec, r, team)
                if why is not None:
                    if team and why.key == "skip_pool":  # the reason says it once for them all
                        skipped.append(self.who(rid, team))
                        self.skips.append(Skip(spec.id, group, rid, why.key, why))
                    elif not (team and why.key == "skip_has"):  # a team prize's tiers just continue the ranking
                        skipped.append(Reason("skip_item", {"who": self.who(rid, team), "why": why}))
                        self.skips.append(Skip(spec.id, group, rid, why.key, why))
                    continue
                members.append(r)
            if not members:
                continue
            room, place = count - len(chosen), len(chosen) + 1
            if len(members) <= room:
                chosen += [self._make(spec, group, r, count, place, skipped, team) for r in members]
                continue
            chosen += self._boundary(spec, group, members, room, count, place, skipped, team)
            break
        return chosen

    def _boundary(self, spec, group, members, room, count, place, skipped, team) -> list[Award]:
        ids = [m.name if team else m.exam_no for m in members]
        tied = frozenset(ids)
        dec = self._decision(spec.id, group, tied)

        def others(rid):
            return names([self.who(i, team) for i in ids if i != rid], team)

        def make(m, i, note, reason):
            return self._make(spec, group, m, count, place, skipped, team, note, reason)

        if dec is None and spec.tie_policy == "share":
            return [make(m, i, "shared", Reason("tie_shared_rule", {"others": others(i)})) for m, i in zip(members, ids)]
        if dec is None:
            self.ties.append(PendingTie(spec.id, group, tuple(sorted(ids)), room, members[0].rank,
                                        tuple(self.who(i, team) for i in sorted(ids)), team))
            return []
        by_id = dict(zip(ids, members))
        if dec.outcome == "share":
            return [make(by_id[i], i, "shared", Reason("tie_shared", {"others": others(i), "actor": dec.actor,
                                                                       "why": dec.why})) for i in ids]
        if dec.outcome == "lots":
            order = lots_order(dec.seed or "", tied)
            params = {"seed": dec.seed, "actor": dec.actor}
        else:
            order = list(dec.order)
            params = {"actor": dec.actor, "why": dec.why}
        key = "tie_lots" if dec.outcome == "lots" else "tie_decided"
        return [make(by_id[i], i, dec.outcome, Reason(key, {"others": others(i), **params})) for i in order[:room]]

    def _decision(self, award_id: str, group: str | None, tied: frozenset[str]):
        for dec in reversed(self.control.decisions):
            if dec.award == award_id and dec.group == group and dec.tied == tied:
                return dec
        return None

    # --- the reasons ------------------------------------------------------------------------------------
    def _make(self, spec, group, r, count, place, skipped, team, note="", extra: Reason | None = None) -> Award:
        moved = {"skipped": names(skipped, team), "place": place, "count": count} if skipped else None
        if team:
            reasons = [self._team_reason(r)]
            if spec.only_teams_with:
                pool = Bilingual(spec.pool or spec.only_teams_with, spec.pool_en or spec.only_teams_with)
                reasons.append(Reason("team_pool_moved" if moved else "team_pool",
                                      {"pool": pool, "place": place, "count": count, **(moved or {})}))
            elif moved:
                reasons.append(Reason("team_moved", moved))
            rid, rank = r.name, r.rank
        elif group is None:
            reasons = [Reason("top_moved", {"rank": r.rank, **moved}) if moved
                       else Reason("top", {"rank": r.rank, "count": count})]
            rid, rank = r.exam_no, r.rank
        else:
            reasons = [Reason("group_top_moved", {"group": group, "rank": r.group_rank, **moved}) if moved
                       else Reason("group_top", {"group": group, "rank": r.group_rank, "count": count})]
            rid, rank = r.exam_no, r.group_rank
        if extra:
            reasons.append(extra)
        if not team:
            waiting = self.waiting.get(rid)
            if waiting is not None:  # a displaced holder who reached a place of this award: it is theirs
                reasons.append(self._displaced_reason(waiting[1], waiting[0], within=True))
                note = note or "substituted"
        return Award(spec.id, rid, "team" if team else "individual", tuple(reasons), group, rank, note)

    def _team_reason(self, t: TeamRow) -> Reason:
        ts = self.rules.team_score
        formula = Reason(f"formula_{ts.formula}", {"k": ts.k})
        absent = Reason(f"absent_{ts.absent}")
        score = f"{float(t.score) / 100:.2f}"  # as every list prints a team score
        return Reason("team", {"score": score, "formula": [formula, absent], "rank": t.rank})

    def _displaced_reason(self, src: AwardRule, r: Row, within: bool | None, count: int | None = None) -> Reason:
        flag = self.rules.flag(src.substitute.flag)
        params = {"rank": r.rank, "flag": Bilingual(flag.label, flag.label_en),
                  "title": Bilingual(src.label, src.label_en), "count": count or 0}
        key = "substituted_within" if within else ("substituted_outside" if within is False else "substituted_on_top")
        return Reason(key, params)

    def _displaced(self, spec: AwardRule, r: Row, src: AwardRule, count: int | None) -> Award:
        """The award a displaced title holder gets on top of the count (always, or having missed a place)."""
        reason = self._displaced_reason(src, r, None if count is None else False, count)
        group = r.group if spec.kind == "group_top" else None
        return Award(spec.id, r.exam_no, "individual", (reason,), group=group,
                     rank=r.group_rank if group else r.rank, note="substituted")
