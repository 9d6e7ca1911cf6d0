"""The award engine: standings and the judges' decisions in, awards out.

Awards are computed in the rules' order, so an award can exclude those who
already hold an earlier one (依次顺延: the next in line moves up). A tie that
survives the whole chain at a cut-off is never settled silently: it becomes a
pending tie until a judge's decision orders the tied, lets them share, or
records a drawing of lots with its seed. Only contestants with at least one
graded item are candidates, and only teams with at least one such member.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass

from .events import fmt_points
from .i18n import Bilingual, Reason
from .rules import AwardRule, Rules
from .standings import Row, Standings, TeamRow


@dataclass(frozen=True)
class Award:
    award_id: str
    recipient: str  # exam number, or the team's name for a team award
    kind: str  # "individual" or "team"
    reasons: tuple[Reason, ...]
    group: str | None = None
    rank: int = 0
    note: str = ""  # "", "shared", "decided", "lots", "substituted", "assigned"

    def why(self, lang: str = "zh") -> str:
        sep = "；" if lang == "zh" else "; "
        return sep.join(r.render(lang) for r in self.reasons)


@dataclass(frozen=True)
class PendingTie:
    award_id: str
    group: str | None
    tied: tuple[str, ...]
    room: int  # places left at the cut-off
    rank: int

    def reason(self, rules: Rules) -> Reason:
        a = rules.award(self.award_id)
        group = Bilingual(f"（{self.group}）", f" ({self.group})") if self.group else ""
        return Reason("pending", {"award": Bilingual(a.label, a.label_en), "group": group,
                                  "tied": list(self.tied), "room": self.room})


@dataclass
class Skip:
    award_id: str
    group: str | None
    exam_no: str
    because: str  # the award already held


@dataclass
class AwardsResult:
    awards: list[Award]
    advancement: list[Award]
    ties: list[PendingTie]
    skips: list[Skip]
    digest: str
    confirmed: bool = False
    locked: dict | None = None
    drift: bool = False  # locked, but the live computation now differs

    @property
    def provisional(self) -> bool:
        return bool(self.ties)

    @property
    def lock_mismatch(self) -> str | None:
        """The digest the lock recorded, when the list computed from the log at the lock is another one."""
        if not self.locked:
            return None
        recorded = self.locked.get("recorded")
        return recorded if recorded and recorded != self.locked.get("digest") else None

    @property
    def status(self) -> str:
        if self.locked:
            return "locked"
        if self.ties:
            return "pending_ties"
        return "confirmed" if self.confirmed else "open"

    def of(self, recipient: str) -> list[Award]:
        return [a for a in self.awards + self.advancement if a.recipient == recipient]

    def by_award(self, award_id: str) -> list[Award]:
        return [a for a in self.awards + self.advancement if a.award_id == award_id]


def lots_order(seed: str, tied) -> list[str]:
    """The order a drawing of lots gives: reproducible by anyone from the seed."""
    order = sorted(tied)
    random.Random(f"lots:{seed}").shuffle(order)
    return order


def digest_of(awards: list[Award], advancement: list[Award]) -> str:
    body = [[a.award_id, a.recipient] for a in awards + advancement]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()[:16]


def _names(ids: list[str], most: int = 5) -> list:
    """A list of names for a reason, shortened past `most`."""
    if len(ids) <= most:
        return list(ids)
    rest = len(ids) - most
    return list(ids[:most]) + [Bilingual(f"等{rest}人", f"and {rest} more")]


class _Engine:
    def __init__(self, rules: Rules, st: Standings, control):
        self.rules = rules
        self.st = st
        self.control = control
        self.held: dict[str, list[str]] = {}  # recipient -> award ids
        self.extra: dict[str, list[Award]] = {}  # substitutions waiting for their award
        self.ties: list[PendingTie] = []
        self.skips: list[Skip] = []

    def run(self, specs: tuple[AwardRule, ...]) -> list[Award]:
        out: list[Award] = []
        for spec in specs:
            given = list(self.extra.pop(spec.id, []))
            given += self._award(spec, {a.recipient for a in given})
            for a in given:
                self.held.setdefault(a.recipient, []).append(spec.id)
            out += given
        return out

    def _award(self, spec: AwardRule, already: set[str]) -> list[Award]:
        if spec.kind == "judge":
            return [
                Award(spec.id, recipient, spec.scope if spec.scope == "team" else "individual",
                      (Reason("judge_assigned", {"actor": actor, "why": why}),), note="assigned")
                for (aid, recipient), (actor, why, _at) in self.control.assigned.items()
                if aid == spec.id
            ]
        if spec.kind == "team":
            teams = [t for t in self.st.teams if t.present > 0 and self._team_ok(spec, t)]
            return self._select(spec, None, self.st.team_classes(teams), spec.count, already, team=True)
        if spec.kind == "top":
            rows = (r for r in self.st.rows if r.graded > 0)
            return self._select(spec, None, self.st.classes(rows), spec.count, already)
        out = []
        for group in self.rules.groups:
            rows = (r for r in self.st.groups.get(group, []) if r.graded > 0)
            out += self._select(spec, group, self.st.classes(rows), spec.count_for(group), already)
        return out

    def _team_ok(self, spec: AwardRule, t: TeamRow) -> bool:
        if not spec.only_teams_with:
            return True
        team = self.rules.team(t.name)
        return bool(team and getattr(team, spec.only_teams_with, False))

    def _excluded_by(self, spec: AwardRule, recipient: str) -> str | None:
        for aid in self.held.get(recipient, ()):
            if aid in spec.exclude:
                return aid
        return None

    def _select(self, spec, group, classes, count, already, team=False) -> list[Award]:
        chosen: list[Award] = []
        skipped: list[str] = []
        sub = spec.substitute
        for cls in classes:
            if len(chosen) >= count:
                break
            members = []
            for r in cls:
                rid = r.name if team else r.exam_no
                if rid in already:
                    continue
                because = self._excluded_by(spec, rid)
                if because:
                    skipped.append(rid)
                    self.skips.append(Skip(spec.id, group, rid, because))
                    continue
                if sub and not team and sub.flag in self._flags(rid):
                    self._substitute(spec, r)
                    skipped.append(rid)
                    continue
                members.append(r)
            if not members:
                continue
            room = count - len(chosen)
            if len(members) <= room:
                chosen += [self._make(spec, group, r, count, skipped, team) for r in members]
                continue
            chosen += self._boundary(spec, group, members, room, count, skipped, team)
            break
        return chosen

    def _flags(self, exam_no: str) -> frozenset[str]:
        return self.st.flags.get(exam_no, frozenset())

    def _substitute(self, spec: AwardRule, r: Row) -> None:
        target = self.rules.award(spec.substitute.award)
        title = Bilingual(spec.label, spec.label_en)
        reason = Reason("substituted", {"rank": r.rank, "title": title,
                                        "award": Bilingual(target.label, target.label_en)})
        self.extra.setdefault(target.id, []).append(
            Award(target.id, r.exam_no, "individual", (reason,), group=r.group, rank=r.rank, note="substituted")
        )

    def _boundary(self, spec, group, members, room, count, skipped, team) -> list[Award]:
        ids = [m.name if team else m.exam_no for m in members]
        tied = frozenset(ids)
        dec = self._decision(spec.id, group, tied)
        others = lambda rid: [i for i in ids if i != rid]  # noqa: E731
        if dec is None and spec.tie_policy == "share":
            return [self._make(spec, group, m, count, skipped, team, "shared",
                               Reason("tie_shared_rule", {"others": others(i)}))
                    for m, i in zip(members, ids)]
        if dec is None:
            rank = members[0].rank
            self.ties.append(PendingTie(spec.id, group, tuple(sorted(ids)), room, rank))
            return []
        by_id = dict(zip(ids, members))
        if dec.outcome == "share":
            return [self._make(spec, group, by_id[i], count, skipped, team, "shared",
                               Reason("tie_shared", {"others": others(i), "actor": dec.actor, "why": dec.why}))
                    for i in ids]
        if dec.outcome == "lots":
            order = lots_order(dec.seed or "", tied)
            params = {"seed": dec.seed, "actor": dec.actor}
        else:
            order = list(dec.order)
            params = {"actor": dec.actor, "why": dec.why}
        key = "tie_lots" if dec.outcome == "lots" else "tie_decided"
        return [self._make(spec, group, by_id[i], count, skipped, team, dec.outcome,
                           Reason(key, {"others": others(i), **params}))
                for i in order[:room]]

    def _decision(self, award_id: str, group: str | None, tied: frozenset[str]):
        for dec in reversed(self.control.decisions):
            if dec.award == award_id and dec.group == group and dec.tied == tied:
                return dec
        return None

    def _make(self, spec, group, r, count, skipped, team, note="", extra: Reason | None = None) -> Award:
        if team:
            ts = self.rules.team_score
            formula = Reason(f"formula_{ts.formula}", {"k": ts.k})
            absent = Reason(f"absent_{ts.absent}")
            score = fmt_points(round(r.score))
            if r.score.denominator != 1:
                score = f"{float(r.score) / 100:.2f}"
            reasons = [Reason("team", {"score": score, "formula": [formula, absent], "rank": r.rank})]
            rid, rank = r.name, r.rank
        elif group is None:
            key = "top_moved" if skipped else "top"
            reasons = [Reason(key, {"rank": r.rank, "count": count, "skipped": _names(skipped)})]
            rid, rank = r.exam_no, r.rank
        else:
            key = "group_top_moved" if skipped else "group_top"
            reasons = [Reason(key, {"group": group, "rank": r.group_rank, "count": count,
                                    "skipped": _names(skipped)})]
            rid, rank = r.exam_no, r.group_rank
        if extra:
            reasons.append(extra)
        return Award(spec.id, rid, "team" if team else "individual", tuple(reasons), group, rank, note)


def compute_awards(rules: Rules, st: Standings, control, advancement: bool = True) -> AwardsResult:
    """The award list; `advancement=False` skips the advancement lists (for scans that do not need them)."""
    live = _compute_live(rules, st, control, advancement)
    locked = control.locked
    if not locked:
        return live
    snap: AwardsResult = locked["snapshot"]
    return AwardsResult(
        awards=snap.awards,
        advancement=snap.advancement,
        ties=[],
        skips=snap.skips,
        digest=snap.digest,
        confirmed=True,
        locked={k: v for k, v in locked.items() if k != "snapshot"},
        drift=live.digest != snap.digest,
    )


def _compute_live(rules: Rules, st: Standings, control, with_advancement: bool = True) -> AwardsResult:
    engine = _Engine(rules, st, control)
    awards = engine.run(rules.awards)
    advancement = engine.run(rules.advancement) if with_advancement else []
    digest = digest_of(awards, advancement)
    return AwardsResult(
        awards=awards,
        advancement=advancement,
        ties=engine.ties,
        skips=engine.skips,
        digest=digest,
        confirmed=digest in control.confirmed,
    )

