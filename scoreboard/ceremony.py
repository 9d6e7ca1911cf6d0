"""The award ceremony's reveal sequence, from the rules' ceremony steps and the locked awards.

Pure data in, pure data out: the screen computes the sequence from the awards JSON it
receives (`scoreboard.serialize.awards_json`, which also carries the ceremony steps), and
tests compute it from a `Board`. Only a *locked* award list is ever revealed: for any other
list the sequence is empty.

The order follows the steps (`rules.ceremony`):
- each step names one award; its recipients are revealed one at a time, in the award
  list's order (best first), or from the last place up with `from_last`;
- with `by_group`, one reveal per award group, carrying that group's recipients together;
- an award with no recipients (an organisation prize nobody was given) has no reveal;
- the last reveal is the full honours list: every award in the rules' order, including
  awards that had no step of their own.

`Reveal.index` is the step number the judges' console sends (`ceremony {"step": n}`):
0 is the first reveal, `len(sequence) - 1` the honours list; -1 is "not started".
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Recipient:
    recipient: str  # exam number, or the team's name for a team award
    name: str
    team: str
    unit: str
    score: float | None  # the contestant's total, or the team score; None for an assigned prize
    rank: int  # overall rank (top), rank in the group (group_top), team rank (team)
    group: str | None = None
    note: str = ""  # "", "shared", "decided", "lots", "substituted", "assigned"

    def as_dict(self) -> dict:
        return {"recipient": self.recipient, "name": self.name, "team": self.team, "unit": self.unit,
                "score": self.score, "rank": self.rank, "group": self.group, "note": self.note}


@dataclass(frozen=True)
class Honour:
    award: str
    label: str
    recipients: tuple[Recipient, ...]


@dataclass(frozen=True)
class Reveal:
    index: int  # the ceremony step that shows this reveal
    kind: str  # "award" or "honours"
    award: str = ""
    label: str = ""
    group: str | None = None  # set for a by_group reveal
    recipients: tuple[Recipient, ...] = ()
    place: int = 0  # 1-based position among this award's reveals
    of: int = 0  # how many reveals this award has
    honours: tuple[Honour, ...] = field(default=())

    def as_dict(self) -> dict:
        return {
            "index": self.index, "kind": self.kind, "award": self.award, "label": self.label,
            "group": self.group, "recipients": [r.as_dict() for r in self.recipients],
            "place": self.place, "of": self.of,
            "honours": [{"award": h.award, "label": h.label, "recipients": [r.as_dict() for r in h.recipients]}
                        for h in self.honours],
        }


@dataclass(frozen=True)
class Step:
    award: str
    by_group: bool = False
    from_last: bool = False


def steps_of(raw) -> list[Step]:
    """Ceremony steps from rules (`CeremonyStep`s) or their JSON form (dicts)."""
    out = []
    for s in raw or ():
        if isinstance(s, dict):
            out.append(Step(str(s["award"]), bool(s.get("by_group", False)), bool(s.get("from_last", False))))
        else:
            out.append(Step(s.award, bool(s.by_group), bool(s.from_last)))
    return out


def default_steps(awards: list[dict]) -> list[Step]:
    """The order when the steps are unknown (an older feeder): the rules' default — awards in
    reverse order, group awards group by group, ranked awards from the last place up."""
    seen: dict[str, dict] = {}
    for a in awards:
        seen.setdefault(a["id"], a)
    out = []
    for aid, a in reversed(list(seen.items())):
        grouped = a.get("group") is not None
        ranked = a.get("note") != "assigned" and (a.get("kind") == "team" or not grouped)
        out.append(Step(aid, by_group=grouped, from_last=ranked))
    return out


def recipient_of(a: dict) -> Recipient:
    team_award = a.get("kind") == "team"
    if a.get("note") == "assigned":
        score = None
    elif team_award:
        score = a.get("score")
    else:
        score = a.get("total")
    return Recipient(
        recipient=a["recipient"],
        name=a.get("name") or a["recipient"],
        team=a.get("team") or (a["recipient"] if team_award else ""),
        unit=a.get("unit") or "",
        score=score,
        rank=int(a.get("rank") or 0),
        group=a.get("group"),
        note=a.get("note") or "",
    )


def _from_last(recipients: list[Recipient]) -> list[Recipient]:
    # last place first; among equal ranks, the later in the list first (a plain reversal)
    return list(reversed(recipients))


def sequence(steps, awards_doc: dict | None) -> list[Reveal]:
    """The whole reveal sequence for an awards JSON document (`awards_json`).

    `steps` may be `rules.ceremony`, the JSON form, or None to use the document's own
    "ceremony" key (or the default order). Empty unless the list is locked.
    """
    if not awards_doc or not awards_doc.get("locked"):
        return []
    awards = list(awards_doc.get("awards") or [])
    if steps is None:
        steps = awards_doc.get("ceremony")
    plan = steps_of(steps) if steps else default_steps(awards)
    by_award: dict[str, list[dict]] = {}
    labels: dict[str, str] = {}
    for a in awards:
        by_award.setdefault(a["id"], []).append(a)
        labels.setdefault(a["id"], a.get("label") or a["id"])
    out: list[Reveal] = []
    for step in plan:
        recipients = [recipient_of(a) for a in by_award.get(step.award, [])]
        if not recipients:
            continue
        if step.by_group:
            groups: dict[str | None, list[Recipient]] = {}
            for r in recipients:
                groups.setdefault(r.group, []).append(r)
            chunks = [(g, tuple(_from_last(rs) if step.from_last else rs)) for g, rs in groups.items()]
        else:
            ordered = _from_last(recipients) if step.from_last else recipients
            chunks = [(None, (r,)) for r in ordered]
        for place, (group, rs) in enumerate(chunks, start=1):
            out.append(Reveal(len(out), "award", step.award, labels[step.award], group, rs, place, len(chunks)))
    honours = tuple(Honour(aid, labels[aid], tuple(recipient_of(a) for a in lst)) for aid, lst in by_award.items())
    out.append(Reveal(len(out), "honours", label="", honours=honours))
    return out


def reveal_at(seq: list[Reveal], step: int) -> Reveal | None:
    """The reveal the screen shows at a ceremony step: None before the start (-1) or with
    nothing to reveal; a step past the end stays on the honours list."""
    if not seq or step is None or step < 0:
        return None
    return seq[min(step, len(seq) - 1)]


def revealed_so_far(seq: list[Reveal], step: int) -> list[Reveal]:
    """The reveals of the current award up to and including this step (for the screen's side list)."""
    cur = reveal_at(seq, step)
    if cur is None or cur.kind != "award":
        return []
    return [r for r in seq[: cur.index + 1] if r.award == cur.award]


def board_sequence(board, lang: str = "zh") -> list[Reveal]:
    """The sequence for a folded board's locked list, in the rules' ceremony order."""
    from .serialize import awards_json

    return sequence(board.rules.ceremony, awards_json(board, lang))
