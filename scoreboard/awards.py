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

from .i18n import Bilingual, Reason
from .rules import Rules
from .standings import Standings


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
    tied: tuple[str, ...]  # exam numbers or team names, sorted
    room: int  # places left at the cut-off
    rank: int
    named: tuple[str, ...] = ()  # the tied as a reason names them ("FJ0021 张三"), in the order of `tied`
    team: bool = False

    def reason(self, rules: Rules) -> Reason:
        a = rules.award(self.award_id)
        group = Bilingual(f"（{self.group}）", f" ({self.group})") if self.group else ""
        unit = Bilingual("支代表队", " teams") if self.team else Bilingual("人", "")
        return Reason("pending", {"award": Bilingual(a.label, a.label_en), "group": group,
                                  "tied": list(self.named or self.tied), "n": len(self.tied), "unit": unit,
                                  "room": self.room})


@dataclass
class Skip:
    """Someone an award passed over: the next in line moved up past them."""

    award_id: str
    group: str | None
    exam_no: str  # or a team's name
    because: str  # the reason's key: skip_has, skip_disqualified, skip_ineligible(_flag), skip_withdrawn, ...
    why: Reason | None = None


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


def compute_awards(rules: Rules, st: Standings, control, advancement: bool = True, day=None) -> AwardsResult:
    """The award list; `advancement=False` skips the advancement lists (for scans that do not need them);
    `day`: the changes on the day (scoreboard.changes), which say why a voided contestant is out."""
    return with_lock(_compute_live(rules, st, control, advancement, day), control)


def with_lock(live: AwardsResult, control) -> AwardsResult:
    """The list to show: the live one, or once locked the snapshot the lock took (with `drift` if the live
    list now differs)."""
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


def _compute_live(rules: Rules, st: Standings, control, with_advancement: bool = True, day=None) -> AwardsResult:
    from .award_engine import Engine

    engine = Engine(rules, st, control, day)
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

