"""Messages in Chinese (the default) and English.

A `Reason` is a message key with its parameters; it is rendered in either
language at the edge, so the core's results carry no language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # ranking
    "rank": ("总排名第{rank}名（共{of}人）", "rank {rank} of {of}"),
    "rank_equal": ("与{others}全部排序键相同，并列第{rank}名", "equal with {others} on every key: shared rank {rank}"),
    "above_by": ("领先下一名{other}：{key}（{mine} 对 {theirs}）", "ahead of {other} on {key} ({mine} vs {theirs})"),
    "below_by": ("落后上一名{other}：{key}（{mine} 对 {theirs}）", "behind {other} on {key} ({mine} vs {theirs})"),
    "group_rank": ("{group}组内第{rank}名", "rank {rank} in group {group}"),
    "team_rank": ("团体排名第{rank}名（共{of}支代表队）", "team rank {rank} of {of}"),
    "out_disqualified": ("取消成绩：不参加任何个人排名和奖项（团体成绩中按缺考计）",
                         "disqualified: in no individual ranking or award (counts as absent for the team)"),
    "out_ineligible": ("不符合参赛资格：不参加任何个人排名和奖项（团体成绩中按缺考计）",
                       "not eligible: in no individual ranking or award (counts as absent for the team)"),
    "out_withdrawn": ("缺考/弃权：不参加任何个人排名和奖项（团体成绩中按缺考计）",
                      "withdrawn: in no individual ranking or award (counts as absent for the team)"),
    "skipped_self": ("{why}，不计，下一位依次顺延", "{why}: not counted, the next in line moves up"),
    "decision_lost": ("与{others}在{award}截止线并列，裁判{actor}决定：{how}{detail}（理由：{why}），本人未获该奖",
                      "tied at the cut-off of {award} with {others}; judge {actor} decided: {how} {detail} "
                      "(why: {why}); not given to this contestant"),
    "o_order": ("排序 ", "order"),
    "o_share": ("并列获奖", "share"),
    "o_lots": ("抽签 ", "lots"),
    "change": ("{at} {what}，{actor}：{why}", "{at} {what}, by {actor}: {why}"),
    "change_disqualify": ("取消成绩", "disqualified"),
    "change_reinstate": ("恢复成绩", "reinstated"),
    "change_withdraw": ("缺考/弃权", "withdrawn"),
    "change_correct": ("更正", "corrected"),
    "change_substitute": ("替补上场", "substitution"),
    "sub_detail": ("（{inn}替换{out}，自{round}起）", "({inn} in for {out} from {round})"),
    "chain": ("排序规则：{chain}", "tie-break chain: {chain}"),
    # awards: each says where the holder stands and, only when someone was passed over ahead of them, who
    # and why, and which place among the award's holders they hold after moving up
    "top": ("个人总排名第{rank}名，在前{count}名之内", "overall rank {rank}, within the top {count}"),
    "top_moved": (
        "个人总排名第{rank}名；{skipped}不计，依次顺延后为第{place}位获奖者（共{count}名）",
        "overall rank {rank}; {skipped} not counted, so the next in line moved up: holder {place} of {count}",
    ),
    "group_top": (
        "{group}组内第{rank}名，在该组前{count}名之内",
        "rank {rank} in group {group}, within the group's top {count}",
    ),
    "group_top_moved": (
        "{group}组内第{rank}名；{skipped}不计，依次顺延后为该组第{place}位获奖者（共{count}名）",
        "rank {rank} in group {group}; {skipped} not counted, so the next in line moved up: the group's holder "
        "{place} of {count}",
    ),
    "team": (
        "团体成绩{score}（{formula}），团体排名第{rank}名",
        "team score {score} ({formula}), team rank {rank}",
    ),
    "team_moved": ("{skipped}不计，依次顺延后为第{place}支获奖代表队（共{count}支）",
                   "{skipped} not counted, so the next in line moved up: team {place} of {count}"),
    "team_pool": ("在{pool}中排第{place}名，在前{count}名之内", "place {place} among the {pool}, within the top {count}"),
    "team_pool_moved": ("{skipped}不在{pool}之列；在其中排第{place}名，在前{count}名之内",
                        "{skipped} not among the {pool}; place {place} among them, within the top {count}"),
    "skip_item": ("{who}（{why}）", "{who} ({why})"),
    "skip_has": ("已获{award}", "already holds {award}"),
    "skip_disqualified": ("取消成绩", "disqualified"),
    "skip_withdrawn": ("缺考/弃权", "withdrawn"),
    "skip_ineligible": ("不符合参赛资格", "not eligible"),
    "skip_ineligible_flag": ("不符合参赛资格：{flag}", "not eligible: {flag}"),
    "skip_displaced": ("已{flag}，改授{award}", "{flag}: given {award} instead"),
    "skip_pool": ("不在{pool}之列", "not among the {pool}"),
    "names_more": ("{names}等{rest}{unit}", "{names} and {rest} more{unit}"),
    "substituted_within": (
        "已{flag}：个人总排名第{rank}名本可获{title}，按规则改授本奖，占本组名额",
        "{flag}: overall rank {rank} would have given {title}; given this award instead, in one of the group's places",
    ),
    "substituted_outside": (
        "已{flag}：个人总排名第{rank}名本可获{title}，按规则改授本奖；未进入本组前{count}名，在名额之外授予",
        "{flag}: overall rank {rank} would have given {title}; given this award instead, on top of the group's "
        "{count} places, which they did not reach",
    ),
    "substituted_on_top": (
        "已{flag}：个人总排名第{rank}名本可获{title}，按规则改授本奖（名额之外，不占组内名额）",
        "{flag}: overall rank {rank} would have given {title}; given this award instead, on top of the group's count",
    ),
    "judge_assigned": ("裁判{actor}授予：{why}", "assigned by judge {actor}: {why}"),
    "tie_decided": ("与{others}在截止线并列，裁判{actor}决定排序：{why}", "tied at the cut-off with {others}; ordered by judge {actor}: {why}"),
    "tie_shared": ("与{others}在截止线并列，裁判{actor}决定并列获奖：{why}", "tied at the cut-off with {others}; judge {actor} let them share: {why}"),
    "tie_shared_rule": ("与{others}在截止线并列，按规则并列获奖", "tied at the cut-off with {others}; the rules let them share"),
    "tie_lots": (
        "与{others}在截止线并列，抽签决定（种子{seed}，见证：{actor}）",
        "tied at the cut-off with {others}; drawn by lot (seed {seed}, witnessed by {actor})",
    ),
    "pending": (
        "{award}{group}截止线处{tied}（{n}{unit}）全部排序键相同，只剩{room}个名额，待裁判决定",
        "{award}{group}: {tied} ({n}{unit}) are equal on every key at the cut-off with {room} place(s) left: "
        "awaiting the judges",
    ),
    # formulas
    "formula_mean": ("成员平均分", "mean of members"),
    "formula_sum": ("成员总分之和", "sum of members"),
    "formula_top_k_mean": ("前{k}名平均分", "mean of the best {k}"),
    "formula_rounds": ("各轮得分之和", "sum of the round points"),
    "absent_zero": ("缺考计0分", "absent members count 0"),
    "absent_exclude": ("缺考不计", "absent members left out"),
    # keys
    "key_total": ("总分", "total"),
    "key_time_used": ("用时", "time used"),
    "key_graded": ("已评题数", "items graded"),
    "key_section": ("{label}得分", "{label} score"),
    "desc": ("高者优先", "higher first"),
    "asc": ("低者优先", "lower first"),
}


@dataclass(frozen=True)
class Reason:
    key: str
    params: dict = field(default_factory=dict)

    def render(self, lang: str = "zh") -> str:
        return t(self.key, lang, **{k: _render_param(v, lang) for k, v in self.params.items()})


def _render_param(value, lang: str):
    if isinstance(value, Reason):
        return value.render(lang)
    if isinstance(value, Bilingual):
        return value.zh if lang == "zh" else value.en
    if isinstance(value, (list, tuple)):
        sep = "、" if lang == "zh" else ", "
        return sep.join(str(_render_param(v, lang)) for v in value)
    return value


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh


def t(_key: str, _lang: str = "zh", **params) -> str:
    zh, en = MESSAGES[_key]
    template = en if _lang == "en" else zh
    return template.format(**params)
