"""Contestants and roster checking against the rules (quota table, eligibility).

Pure: rows come in as dictionaries with their file name and row number (the
file readers live in `db.rosters`), contestants or a list of problems come out.
Nothing is imported from a roster with problems.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .limits import MAX_ID, MAX_NAME, MAX_TEXT, plain_text_problem, short, short_zh
from .flags import DEFAULT_FLAGS
from .rules import Rules

# Column names, English first, with the Chinese headers that mean the same; the flags' columns come from the
# rules (scoreboard.flags: each contest words its own).
COLUMNS = {
    "exam_no": ("exam_no", "准考证号"),
    "name": ("name", "姓名"),
    "team": ("team", "代表队"),
    "unit": ("unit", "单位"),
    "group": ("group", "组别"),
}
REQUIRED = ("exam_no", "name", "team", "unit")
# The longest each text field may be (scoreboard.limits). A field longer than this, or holding a control
# character, is refused: every later step (a terminal line, a printed page, an export) can then hold it.
BOUNDS = {"exam_no": MAX_ID, "name": MAX_NAME, "team": MAX_TEXT, "unit": MAX_TEXT, "group": MAX_TEXT}
TRUE_WORDS = {"是", "yes", "y", "1", "true", "t", "√"}
FALSE_WORDS = {"否", "no", "n", "0", "false", "f", ""}



@dataclass(frozen=True)
class Contestant:
    exam_no: str
    name: str
    team: str
    unit: str
    group: str
    flags: frozenset[str] = field(default_factory=frozenset)

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def as_dict(self) -> dict:
        return {"exam_no": self.exam_no, "name": self.name, "team": self.team, "unit": self.unit,
                "group": self.group, "flags": sorted(self.flags)}

    @classmethod
    def from_dict(cls, d: dict) -> "Contestant":
        flags = d.get("flags")
        if flags is None:  # an older feeder's snapshot: one boolean per flag
            flags = [f for f in LEGACY_FLAGS if d.get(f)]
        return cls(d["exam_no"], d["name"], d["team"], d["unit"], d["group"], frozenset(flags))


LEGACY_FLAGS = ("prior_national", "national_title", "prior_expert", "substitute")


@dataclass(frozen=True)
class Problem:
    """One problem of a roster file, where it is (the column as the file heads it) and what, in English
    (`str()`, `message`) and in Chinese (`zh`): `text(lang)` is what a command prints."""

    file: str
    row: int  # 1-based row in the file, header included; 0 for file-level problems
    column: str
    message: str
    zh: str = ""

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "zh") -> str:
        if lang == "zh":
            where = f"{self.file}，第{self.row}行" if self.row else self.file
            if self.column:
                where += f"，“{self.column}”列"
            return f"{where}：{self.zh or self.message}"
        where = f"{self.file}, row {self.row}" if self.row else self.file
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class RosterError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def header_map(headers: list[str], rules: Rules | None = None) -> tuple[dict[str, str], list[str]]:
    """Map the file's headers to canonical column names (a flag's: its id); return unknown headers too."""
    columns = dict(COLUMNS)
    for f in (rules.flags if rules is not None else ()):
        columns["flag:" + f.id] = (f.id, f.column)
    lookup = {alias.lower(): canon for canon, aliases in columns.items() for alias in aliases}
    mapping, unknown = {}, []
    for h in headers:
        key = (h or "").strip()
        canon = lookup.get(key.lower())
        if canon:
            mapping[h] = canon
        elif key:
            unknown.append(key)
    return mapping, unknown


def parse_flag(value) -> bool | None:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return None if value not in (0, 1) else bool(value)
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def check_roster(rules: Rules, file: str, headers: list[str], rows: list[tuple[int, dict]]) -> list[Contestant]:
    """Check rows (row number, {header: value}) and return contestants, or raise RosterError."""
    problems: list[Problem] = []
    mapping, unknown = header_map(headers, rules)
    present = set(mapping.values())
    heads = {canon: h for h, canon in mapping.items()}

    def col(canon: str) -> str:
        """A column as the file heads it (a missing one by its Chinese name)."""
        return heads.get(canon) or COLUMNS[canon][1]

    flag_like = {alias.lower() for f in DEFAULT_FLAGS for alias in (f.id, f.column)}
    for h in unknown:  # an old template's flag column: never ignored silently (it may hold an exclusion)
        if h.lower() in flag_like:
            ours = "、".join(f.column for f in rules.flags) or "none"
            problems.append(Problem(file, 1, h, f"'{h}' is not one of this contest's flag columns ({ours})",
                                    f"“{h}”不是本比赛的资格列（本比赛的资格列：{ours}）"))
    for canon in REQUIRED:
        if canon not in present:
            problems.append(Problem(file, 1, col(canon), f"missing column '{canon}' ({COLUMNS[canon][1]})",
                                    f"缺少“{COLUMNS[canon][1]}”列"))
    if problems:
        raise RosterError(problems)
    if not rows:
        raise RosterError([Problem(file, 0, "", "the roster has no contestants", "名单中没有选手")])

    out: list[Contestant] = []
    seen: dict[str, int] = {}
    for row_no, raw in rows:
        rec = {mapping[h]: v for h, v in raw.items() if h in mapping}
        text = {k: ("" if v is None else str(v).strip()) for k, v in rec.items()}
        bad = False
        for canon in REQUIRED:
            if not text.get(canon):
                problems.append(Problem(file, row_no, col(canon), f"'{col(canon)}' is empty", "为空"))
                bad = True
        for canon, limit in BOUNDS.items():
            why = plain_text_problem(text[canon], limit) if text.get(canon) else None  # empty: said above
            if why:
                n = len(text[canon])
                zh = f"长{n}个字符（最多{limit}个）" if n > limit else "含有控制字符"
                problems.append(Problem(file, row_no, col(canon), f"'{col(canon)}' {why}", zh))
                bad = True
        flags = set()
        for f in rules.flags:
            value = rec.get("flag:" + f.id)
            parsed = parse_flag(value)
            if parsed is None:
                problems.append(Problem(file, row_no, f.column, f"{short(value)} is not a yes/no value (是/否, yes/no, 1/0)",
                                        f"{short_zh(value)}不是“是/否”（也可写yes/no、1/0）"))
                bad = True
            elif parsed:
                flags.add(f.id)
        if bad:
            continue
        exam_no = text["exam_no"]
        if exam_no in seen:
            problems.append(Problem(file, row_no, col("exam_no"),
                                    f"exam number {exam_no} is already used on row {seen[exam_no]}",
                                    f"准考证号{exam_no}已在第{seen[exam_no]}行使用"))
            continue
        seen[exam_no] = row_no
        team = rules.team(text["team"])
        if team is None:
            problems.append(Problem(file, row_no, col("team"), f"team '{text['team']}' is not in the rules' team list",
                                    f"代表队“{text['team']}”不在本比赛的代表队名单中"))
            continue
        if team.units and text["unit"] not in team.units:
            problems.append(Problem(file, row_no, col("unit"),
                                    f"unit '{text['unit']}' is not in the quota table of team '{team.name}'",
                                    f"单位“{text['unit']}”不在{team.name}的名额分配表中"))
            continue
        group = text.get("group") or team.group
        if group not in rules.groups:
            problems.append(Problem(file, row_no, col("group"), f"group '{group}' is not one of the rules' award groups",
                                    f"组别“{group}”不是本比赛的评奖组别"))
            continue
        for flag in rules.forbid:
            if flag in flags:
                f = rules.flag(flag)
                problems.append(Problem(file, row_no, f.column, f"{exam_no} {text['name']} is not eligible: "
                                                                f"{f.label} ({f.label_en})",
                                        f"{exam_no} {text['name']}不符合参赛资格：{f.label}"))
                bad = True
        if bad:
            continue
        out.append(Contestant(exam_no, text["name"], team.name, text["unit"], group, frozenset(flags)))

    problems.extend(_check_quotas(rules, file, out, seen, col))
    if problems:
        raise RosterError(problems)
    return out


def _check_quotas(rules: Rules, file: str, people: list[Contestant], rows: dict[str, int], col) -> list[Problem]:
    problems = []
    by_team = Counter(c.team for c in people)
    by_unit = Counter((c.team, c.unit) for c in people)
    for team in rules.teams:
        if team.quota is not None and by_team[team.name] > team.quota:
            last = [c for c in people if c.team == team.name][-1]
            problems.append(
                Problem(file, rows[last.exam_no], col("team"),
                        f"team '{team.name}' has {by_team[team.name]} contestants, over its quota of {team.quota}",
                        f"{team.name}有{by_team[team.name]}名选手，超出其名额{team.quota}名")
            )
        for unit, quota in team.units.items():
            if by_unit[(team.name, unit)] > quota:
                last = [c for c in people if c.team == team.name and c.unit == unit][-1]
                problems.append(
                    Problem(file, rows[last.exam_no], col("unit"),
                            f"unit '{unit}' has {by_unit[(team.name, unit)]} contestants, over its quota of {quota}",
                            f"单位“{unit}”有{by_unit[(team.name, unit)]}名选手，超出其名额{quota}名")
                )
    return problems
