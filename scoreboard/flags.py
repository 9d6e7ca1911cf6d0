"""A contestant's history flags, as each contest words them.

A flag is a yes/no fact about a contestant's past that the rules use: it makes
them ineligible (`[eligibility] forbid`), or has a title holder get another
award (`substitute`), or marks the on-stage team's substitute (替补). One
generic "took part in a national round" column cannot serve contests that word
their exclusions differently (Fujian: any earlier year's 省际邀请赛、区域赛、全国赛;
Shaanxi: the 2019 national contests with their rounds), so the rules declare
each flag: its id (what the rules refer to), its label (the condition as the
contest's own text words it, used in every message) and its roster column.

```toml
[[flags]]
id = "prior_national"
label = "参加过2019年度全国人社法治知识竞赛（含晋级赛、决赛）……"
label_en = "took part in the 2019 national contests (with their rounds)"
column = "2019年全国赛参赛"
```

Rules that declare no flags get `DEFAULT_FLAGS` (what earlier versions read).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    id: str
    label: str  # the condition, as the contest words it ("获得过全国“人社知识通”称号")
    label_en: str
    column: str  # the roster column's header (the id is accepted too)


DEFAULT_FLAGS = (
    Flag("prior_national", "参加过全国练兵比武的省际赛、区域赛或全国赛", "took part in a national round", "往届全国参赛"),
    Flag("national_title", "获得过全国“人社知识通”称号", "holds the national HR Knowledge Expert title", "全国人社知识通"),
    Flag("prior_expert", "获得过往届“人社知识通”称号", "holds an earlier HR Knowledge Expert title", "往届人社知识通"),
    Flag("substitute", "替补队员", "the team's substitute", "替补"),
)
ALLOWED = {"id", "label", "label_en", "column"}


def parse_flags(raw: list, get, no_unknown, error) -> tuple[Flag, ...]:
    """The rules' `[[flags]]` (the helpers are rules.py's checkers); none declared: DEFAULT_FLAGS."""
    if not raw:
        return DEFAULT_FLAGS
    out = []
    for i, f in enumerate(raw):
        where = f"flags[{i}]"
        if not isinstance(f, dict):
            raise error.of("not_table", where=where)
        no_unknown(f, "flags", where)
        fid = get(f, "id", where, str)
        if not fid.isidentifier():
            raise error.of("flag_name", where=where, id=fid)
        label = get(f, "label", where, str, fid)
        out.append(Flag(fid, label, get(f, "label_en", where, str, fid), get(f, "column", where, str, label)))
    for key in ("id", "column"):
        values = [getattr(f, key) for f in out]
        dup = next((v for v in values if values.count(v) > 1), None)
        if dup is not None:
            raise error.of("flag_twice", key=key, value=dup)
    return tuple(out)
