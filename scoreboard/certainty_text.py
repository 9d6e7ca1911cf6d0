"""Certainty in words and as data: what `explain` says of a contestant's (or team's) chances, and the
`certainty` part of `scoreboard awards --json`."""

from __future__ import annotations

from .certainty import Certainty

WORDS: dict[str, tuple[str, str]] = {
    "certain": ("确定获得{award}：即使其余未评题目全部对其不利，至多{rivals}{unit}可能与其持平或超过，名额{places}个",
                "certain of {award}: even if every ungraded item went against them, at most {rivals} others "
                "could draw level or pass them, for {places} places"),
    "certain_share": ("确定获得{award}：即使其余未评题目全部对其不利，至多{rivals}{unit}可能超过（并列者按规则共同获奖），"
                      "名额{places}个",
                      "certain of {award}: even if every ungraded item went against them, at most {rivals} others "
                      "could pass them (the rules share a tie), for {places} places"),
    "certain_displaced": ("确定获得{award}（持标记者顺延至此奖，见下）", "certain of {award} (a flag holder moved to it)"),
    "certain_listed": ("确定获得{award}（{how}）", "certain of {award} ({how})"),
    "out": ("已无缘{award}：即使其余未评题目全部对其有利，已确定有{ahead}{unit}排在其前面，名额{places}个",
            "out of reach of {award}: even if every ungraded item went their way, {ahead} others are certainly "
            "ahead, for {places} places"),
    "out_void": ("已无缘{award}：已不在排名中", "out of {award}: no longer ranked"),
    "out_held": ("不参评{award}：已获{held}", "not a candidate for {award}: holds {held}"),
    "out_pool": ("不参评{award}：不在名额范围内", "not a candidate for {award}: outside its pool"),
    "out_listed": ("未获{award}（{how}）", "not given {award} ({how})"),
    "possible": ("尚未确定{award}：最好情况下可获（确定在其前面的{ahead}{unit}，名额{places}个）；最坏情况下"
                 "{rivals}{unit}可能与其持平或超过",
                 "{award} still open: at best they get it ({ahead} certainly ahead, for {places} places); at worst "
                 "{rivals} others could draw level or pass them"),
    "possible_share": ("尚未确定{award}：最好情况下可获（确定在其前面的{ahead}{unit}，名额{places}个）；最坏情况下"
                       "{rivals}{unit}可能超过（并列者按规则共同获奖）",
                       "{award} still open: at best they get it ({ahead} certainly ahead, for {places} places); at "
                       "worst {rivals} others could pass them (the rules share a tie)"),
    "possible_judges": ("{award}由裁判指定，尚未指定", "{award} is given by the judges, not yet"),
    "held_by": ("确定获得{award}", "certain of {award}"),
    "held_maybe": ("可能获得{award}", "may get {award}"),
    "how_locked": ("已定榜", "the list is locked"),
    "how_settled": ("成绩已全部评定", "every mark is in"),
    "unknown": ("未声明试卷结构（各题型的题数与分值），无法判断谁已确定获奖：{why}",
                "no paper declared (items and points per section), so certainty is not computed: {why}"),
    "unknown_stage": ("现场赛按轮次记分，没有试卷，不计算谁已确定获奖",
                      "an on-stage contest is scored round by round, with no paper: certainty is not computed"),
}


def not_computed(cert: Certainty, lang: str) -> str:
    """Why certainty is not computed, as a sentence (cert.known is False)."""
    if cert.stage:
        return words("unknown_stage", lang)
    return words("unknown", lang, why=cert.why if lang == "en" else cert.why_zh)


def words(key: str, lang: str, **params) -> str:
    zh, en = WORDS[key]
    return (en if lang == "en" else zh).format(**params)


def certainty_lines(rules, cert: Certainty, recipient: str, lang: str = "zh", team: bool = False) -> list[str]:
    """One line per award of the rules about this contestant (or team): certain, out (and why) or open."""
    if not cert.known:
        return ["…\u00a0" + not_computed(cert, lang)]
    unit = ("支代表队" if team else "人") if lang == "zh" else ""
    out = []
    for spec in rules.awards + rules.advancement:
        aid = spec.id
        s = cert.detail.get((aid, recipient))
        if s is None:
            continue
        award = spec.label if lang == "zh" else (spec.label_en or spec.label)
        params = {"award": award, "rivals": s.rivals, "ahead": s.ahead, "places": s.places, "unit": unit}
        if s.because in ("locked", "settled"):
            key = {"certain": "certain_listed", "out": "out_listed"}.get(s.verdict, "possible")
            params["how"] = words(f"how_{s.because}", lang)
        elif s.verdict == "certain":
            key = {"displaced": "certain_displaced", "assigned": "held_by", "share": "certain_share"}.get(
                s.because, "certain")
        elif s.verdict == "out":
            if s.because == "void":
                key = "out_void"
            elif s.because.startswith("held:"):
                held = rules.award(s.because[5:])
                key = "out_held"
                params["held"] = (held.label if lang == "zh" else held.label_en) if held else s.because[5:]
            elif s.because == "pool":
                key = "out_pool"
            else:
                key = "out"
        else:
            key = "possible_judges" if spec.kind == "judge" else (
                "possible_share" if s.because == "share" else "possible")
        mark = {"certain": "✔", "out": "✘"}.get(s.verdict, "…")
        out.append(f"{mark}\u00a0" + words(key, lang, **params))
    return out


def certainty_json(cert: Certainty) -> dict:
    """The `certainty` part of `awards --json`: per award id, who is certain, possible and out (exam numbers,
    or team names for team awards), whether the answer is exact, and how many of its places are settled."""
    return {aid: {"certain": list(ac.certain), "possible": list(ac.possible), "out": list(ac.out),
                  "scope": ac.scope, "exact": ac.exact, "places": ac.places, "settled": len(ac.certain),
                  "judges": ac.judges}
            for aid, ac in cert.awards.items()}
