"""Contest rules as data: sections, teams and quotas, team formula, tie-break
chain, awards and advancement lists.

A rules file is TOML; `load_rules(text)` parses and checks it and raises
`RulesError` naming the offending key. Presets live in `scoreboard/presets/`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

from .clock import DEFAULT_ZONE, ZoneError, zone_named
from .flags import Flag, parse_flags
from .limits import MAX_ITEMS
from .paper import Paper, parse_paper
from .rules_check import _choice, _get, _no_unknown
from .rules_words import RulesError

TEAM_FORMULAS = ("mean", "sum", "top_k_mean", "rounds")  # rounds: on-stage round points
ABSENT_POLICIES = ("zero", "exclude")
TIE_POLICIES = ("judges", "share", "lots")
AWARD_KINDS = ("top", "group_top", "team", "judge")
TIEBREAK_KEYS = ("total", "time_used", "graded")


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    label_en: str
    paper: Paper | None = None  # its items and their worth, when the rules declare them (scoreboard/paper.py)


@dataclass(frozen=True)
class Team:
    name: str
    name_en: str
    quota: int | None  # None: no team quota
    units: dict[str, int]  # unit -> quota; empty means units are free
    group: str
    own_entry: bool = True


@dataclass(frozen=True)
class TieKey:
    key: str  # "total", "time_used", "graded" or "section.<id>"
    descending: bool

    @property
    def section(self) -> str | None:
        return self.key.split(".", 1)[1] if self.key.startswith("section.") else None

    def spec(self) -> str:
        return f"{self.key} {'desc' if self.descending else 'asc'}"


@dataclass(frozen=True)
class TeamScore:
    formula: str = "mean"
    k: int = 0
    absent: str = "zero"


@dataclass(frozen=True)
class Substitute:
    """Holders of `flag` who reach this list get `award` instead; the next moves up.

    `within_count` (our default reading of Shaanxi's plan): a holder displaced from this list is one of
    the ranked contestants of `award` like anyone else, holding one of its places if they reach it, and
    getting it on top of the count only if they do not; False: always on top of the count."""

    flag: str
    award: str
    within_count: bool = True


@dataclass(frozen=True)
class AwardRule:
    id: str
    label: str
    label_en: str
    kind: str
    count: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # group_top: per-group overrides
    exclude: tuple[str, ...] = ()
    substitute: Substitute | None = None
    tie_policy: str = "judges"
    only_teams_with: str | None = None  # team attribute that must be true
    pool: str = ""  # how reasons name the teams that have it ("获得全国赛参赛单列资格的省份")
    pool_en: str = ""
    scope: str = "team"  # judge awards: "team" or "individual"

    def count_for(self, group: str) -> int:
        return self.counts.get(group, self.count)


@dataclass(frozen=True)
class CeremonyStep:
    """One award's part of the ceremony: revealed one recipient at a time (or one group at a
    time with `by_group`), from the last place up with `from_last`."""

    award: str
    by_group: bool = False
    from_last: bool = False


@dataclass(frozen=True)
class Rules:
    id: str
    title: str
    title_en: str
    format: str
    id_prefix: str
    sections: tuple[Section, ...]
    teams: tuple[Team, ...]
    team_score: TeamScore
    tiebreak: tuple[TieKey, ...]
    forbid: tuple[str, ...]
    awards: tuple[AwardRule, ...]
    advancement: tuple[AwardRule, ...]
    date: str = ""
    ceremony: tuple[CeremonyStep, ...] = ()
    rounds: tuple = ()  # scoreboard.stage.Round, for the on-stage format
    flags: tuple[Flag, ...] = ()  # the history flags, as this contest words them (scoreboard.flags)
    timezone: str = DEFAULT_ZONE  # the contest's clock (scoreboard/clock.py), an IANA name
    source_text: str = ""

    @cached_property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    @cached_property
    def paper_known(self) -> bool:
        """Every section declares its paper (a written contest): remaining points, progress and certainty."""
        return not self.rounds and all(s.paper is not None for s in self.sections)

    def team(self, name: str) -> Team | None:
        return self._teams_by_name.get(name)

    @cached_property
    def _teams_by_name(self) -> dict[str, Team]:
        return {t.name: t for t in self.teams}

    @cached_property
    def groups(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for t in self.teams:
            seen.setdefault(t.group, None)
        return tuple(seen)

    def flag(self, flag_id: str) -> Flag | None:
        return next((f for f in self.flags if f.id == flag_id), None)

    def award(self, award_id: str) -> AwardRule | None:
        for a in self.awards + self.advancement:
            if a.id == award_id:
                return a
        return None


# --- parsing -----------------------------------------------------------------


def _parse_sections(doc: dict) -> tuple[Section, ...]:
    raw = _get(doc, "sections", "rules", list)
    if not raw:
        raise RulesError.of("no_sections")
    out = []
    for i, s in enumerate(raw):
        where = f"sections[{i}]"
        if not isinstance(s, dict):
            raise RulesError.of("not_table", where=where)
        _no_unknown(s, "sections", where)
        sid = _get(s, "id", where, str)
        out.append(Section(sid, _get(s, "label", where, str, sid), _get(s, "label_en", where, str, sid),
                           parse_paper(s, where, RulesError)))
    ids = [s.id for s in out]
    if len(set(ids)) != len(ids):
        raise RulesError.of("sections_unique")
    items = sum(s.paper.items for s in out if s.paper)
    if items > MAX_ITEMS:
        raise RulesError.of("papers_too_many", items=items, max=MAX_ITEMS)
    return tuple(out)


def _parse_teams(doc: dict) -> tuple[Team, ...]:
    raw = _get(doc, "teams", "rules", list)
    if not raw:
        raise RulesError.of("no_teams")
    out = []
    for i, t in enumerate(raw):
        where = f"teams[{i}]"
        if not isinstance(t, dict):
            raise RulesError.of("not_table", where=where)
        _no_unknown(t, "teams", where)
        name = _get(t, "name", where, str)
        units = dict(_get(t, "units", where, dict, {}))
        for unit, q in units.items():
            if isinstance(q, bool) or not isinstance(q, int) or q < 0:
                raise RulesError.of("non_negative", where=f"{where}.units.{unit}")
        quota = _get(t, "quota", where, int, None)
        if quota is None and units:
            quota = sum(units.values())
        if quota is not None and quota < 0:
            raise RulesError.of("negative", where=f"{where}.quota")
        out.append(
            Team(
                name=name,
                name_en=_get(t, "name_en", where, str, name),
                quota=quota,
                units=units,
                group=_get(t, "group", where, str, name),
                own_entry=_get(t, "own_entry", where, bool, True),
            )
        )
    names = [t.name for t in out]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise RulesError.of("team_twice", name=dup)
    return tuple(out)


def _parse_tiebreak(doc: dict, sections: tuple[Section, ...]) -> tuple[TieKey, ...]:
    raw = _get(doc, "tiebreak", "rules", list, ["total desc"])
    keys = []
    section_ids = {s.id for s in sections}
    for i, spec in enumerate(raw):
        where = f"tiebreak[{i}]"
        if not isinstance(spec, str):
            raise RulesError.of("tiebreak_string", where=where)
        parts = spec.split()
        if len(parts) != 2 or parts[1] not in ("asc", "desc"):
            raise RulesError.of("tiebreak_form", where=where, spec=spec)
        key = parts[0]
        if key.startswith("section."):
            if key[8:] not in section_ids:
                raise RulesError.of("unknown_section", where=where, id=key[8:])
        elif key not in TIEBREAK_KEYS:
            raise RulesError.of("unknown_tiebreak", where=where, key=key)
        keys.append(TieKey(key, parts[1] == "desc"))
    if not keys or keys[0].key != "total":
        raise RulesError.of("tiebreak_total")
    return tuple(keys)


def _parse_award(a: dict, where: str, default_policy: str, flag_ids: tuple[str, ...]) -> AwardRule:
    if not isinstance(a, dict):
        raise RulesError.of("not_table", where=where)
    _no_unknown(a, "awards", where)
    aid = _get(a, "id", where, str)
    kind = _choice(_get(a, "kind", where, str), AWARD_KINDS, f"{where}.kind")
    count = _get(a, "count", where, int, 0)
    if kind != "judge" and count <= 0:
        raise RulesError.of("count_needed", where=where, kind=kind)
    counts = dict(_get(a, "counts", where, dict, {}))
    for g, c in counts.items():
        if isinstance(c, bool) or not isinstance(c, int) or c < 0:
            raise RulesError.of("non_negative", where=f"{where}.counts.{g}")
    sub = None
    if "substitute" in a:
        s = _get(a, "substitute", where, dict)
        _no_unknown(s, "substitute", f"{where}.substitute")
        flag = _choice(_get(s, "flag", f"{where}.substitute", str), flag_ids, f"{where}.substitute.flag")
        sub = Substitute(flag, _get(s, "award", f"{where}.substitute", str),
                         _get(s, "within_count", f"{where}.substitute", bool, True))
    return AwardRule(
        id=aid,
        label=_get(a, "label", where, str, aid),
        label_en=_get(a, "label_en", where, str, aid),
        kind=kind,
        count=count,
        counts=counts,
        exclude=tuple(_get(a, "exclude", where, list, [])),
        substitute=sub,
        tie_policy=_choice(_get(a, "tie_policy", where, str, default_policy), TIE_POLICIES, f"{where}.tie_policy"),
        only_teams_with=_get(a, "only_teams_with", where, str, None),
        pool=_get(a, "pool", where, str, ""),
        pool_en=_get(a, "pool_en", where, str, ""),
        scope=_choice(_get(a, "scope", where, str, "team"), ("team", "individual"), f"{where}.scope"),
    )


def _parse_zone(doc: dict) -> str:
    name = _get(doc, "timezone", "rules", str, DEFAULT_ZONE)
    try:
        zone_named(name)
    except ZoneError as exc:
        raise RulesError.of("timezone", exc=exc, name=name) from None
    return name


def load_rules(text: str) -> Rules:
    """Parse and check a rules document (TOML text)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError.of("bad_toml", exc=exc) from None
    _no_unknown(doc, "rules", "rules")
    from .stage import parse_rounds

    rounds = parse_rounds(_get(doc, "rounds", "rules", list, []), _get, _no_unknown, _choice, RulesError)
    if rounds and "sections" not in doc:  # on stage, each scored round is a section of the standings
        doc["sections"] = [{"id": r.id, "label": r.label, "label_en": r.label_en}
                           for r in rounds if r.kind != "playoff"]
    sections = _parse_sections(doc)
    teams = _parse_teams(doc)
    ts = _get(doc, "team_score", "rules", dict, {})
    _no_unknown(ts, "team_score", "team_score")
    team_score = TeamScore(
        formula=_choice(_get(ts, "formula", "team_score", str, "mean"), TEAM_FORMULAS, "team_score.formula"),
        k=_get(ts, "k", "team_score", int, 0),
        absent=_choice(_get(ts, "absent", "team_score", str, "zero"), ABSENT_POLICIES, "team_score.absent"),
    )
    if team_score.formula == "rounds" and not rounds:
        raise RulesError.of("rounds_needed")
    if team_score.formula == "top_k_mean" and team_score.k <= 0:
        raise RulesError.of("k_needed")
    ties = _get(doc, "ties", "rules", dict, {})
    _no_unknown(ties, "ties", "ties")
    default_policy = _choice(_get(ties, "at_cutoff", "ties", str, "judges"), TIE_POLICIES, "ties.at_cutoff")
    flags = parse_flags(_get(doc, "flags", "rules", list, []), _get, _no_unknown, RulesError)
    flag_ids = tuple(f.id for f in flags)
    elig = _get(doc, "eligibility", "rules", dict, {})
    _no_unknown(elig, "eligibility", "eligibility")
    forbid = tuple(_get(elig, "forbid", "eligibility", list, []))
    for f in forbid:
        _choice(f, flag_ids, "eligibility.forbid")
    awards = tuple(_parse_award(a, f"awards[{i}]", default_policy, flag_ids)
                   for i, a in enumerate(_get(doc, "awards", "rules", list, [])))
    advancement = tuple(_parse_award(a, f"advancement[{i}]", default_policy, flag_ids)
                        for i, a in enumerate(_get(doc, "advancement", "rules", list, [])))
    ceremony = []
    for i, step in enumerate(_get(doc, "ceremony", "rules", list, [])):
        where = f"ceremony[{i}]"
        if not isinstance(step, dict):
            raise RulesError.of("not_table", where=where)
        _no_unknown(step, "ceremony", where)
        ceremony.append(CeremonyStep(_get(step, "award", where, str), _get(step, "by_group", where, bool, False),
                                     _get(step, "from_last", where, bool, False)))
    if not ceremony:  # default: the awards in reverse order of the rules, the last place first
        ceremony = [CeremonyStep(a.id, a.kind == "group_top", a.kind in ("top", "team"))
                    for a in reversed(awards)]
    rules = Rules(
        id=_get(doc, "id", "rules", str),
        title=_get(doc, "title", "rules", str, ""),
        title_en=_get(doc, "title_en", "rules", str, ""),
        format=_choice(_get(doc, "format", "rules", str, "written"), ("written", "stage"), "rules.format"),
        id_prefix=_get(doc, "id_prefix", "rules", str, "C"),
        sections=sections,
        teams=teams,
        team_score=team_score,
        tiebreak=_parse_tiebreak(doc, sections),
        forbid=forbid,
        awards=awards,
        advancement=advancement,
        date=_get(doc, "date", "rules", str, ""),
        ceremony=tuple(ceremony),
        rounds=rounds,
        flags=flags,
        timezone=_parse_zone(doc),
        source_text=text,
    )
    _check_references(rules)
    return rules


def _check_references(rules: Rules) -> None:
    ids = [a.id for a in rules.awards + rules.advancement]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise RulesError.of("award_twice", id=dup)
    known = set(ids)
    groups = set(rules.groups)
    for where, lst in (("awards", rules.awards), ("advancement", rules.advancement)):
        for i, a in enumerate(lst):
            for ex in a.exclude:
                if ex not in known:
                    raise RulesError.of("unknown_award", where=f"{where}[{i}].exclude", id=ex)
            if a.substitute and a.substitute.award not in known:
                raise RulesError.of("unknown_award", where=f"{where}[{i}].substitute.award", id=a.substitute.award)
            for g in a.counts:
                if g not in groups:
                    raise RulesError.of("unknown_group", where=f"{where}[{i}].counts", group=g)
    for i, step in enumerate(rules.ceremony):
        if step.award not in known:
            raise RulesError.of("unknown_award", where=f"ceremony[{i}].award", id=step.award)


# --- presets -----------------------------------------------------------------


def preset_names() -> list[str]:
    files = resources.files("scoreboard.presets").iterdir()
    return sorted(f.name[:-5] for f in files if f.name.endswith(".toml"))


def preset_text(name: str) -> str:
    if name not in preset_names():
        raise RulesError.of("unknown_preset", name=name, known=", ".join(preset_names()))
    return resources.files("scoreboard.presets").joinpath(f"{name}.toml").read_text(encoding="utf-8")


def load_preset(name: str) -> Rules:
    return load_rules(preset_text(name))
