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
    "chain": ("排序规则：{chain}", "tie-break chain: {chain}"),
    # awards
    "top": ("个人总排名第{rank}名，在前{count}名之内", "overall rank {rank}, within the top {count}"),
    "group_top": (
        "{group}组内第{rank}名，在该组前{count}名之内",
        "rank {rank} in group {group}, within the group's top {count}",
    ),
    "group_top_moved": (
        "{group}组内第{rank}名；跳过{skipped}后依次顺延，在该组前{count}名之内",
        "rank {rank} in group {group}; after skipping {skipped} the next in line moves up, within the group's top {count}",
    ),
    "top_moved": (
        "个人总排名第{rank}名；跳过{skipped}后依次顺延，在前{count}名之内",
        "overall rank {rank}; after skipping {skipped} the next in line moves up, within the top {count}",
    ),
    "team": (
        "团体成绩{score}（{formula}），团体排名第{rank}名",
        "team score {score} ({formula}), team rank {rank}",
    ),
    "substituted": (
        "个人总排名第{rank}名，但已获{title}，按规则改授{award}（名额之外，不占组内名额）",
        "overall rank {rank}, but already holds {title}: given {award} instead, on top of the group's count",
    ),
    "judge_assigned": ("裁判{actor}授予：{why}", "assigned by judge {actor}: {why}"),
    "tie_decided": ("与{others}在截止线并列，裁判{actor}决定排序：{why}", "tied at the cut-off with {others}; ordered by judge {actor}: {why}"),
    "tie_shared": ("与{others}在截止线并列，裁判{actor}决定并列获奖：{why}", "tied at the cut-off with {others}; judge {actor} let them share: {why}"),
    "tie_shared_rule": ("与{others}在截止线并列，按规则并列获奖", "tied at the cut-off with {others}; the rules let them share"),
    "tie_lots": (
        "与{others}在截止线并列，抽签决定（种子{seed}，见证：{actor}）",
        "tied at the cut-off with {others}; drawn by lot (seed {seed}, witnessed by {actor})",
    ),
    "skipped_has": ("已获{award}", "already has {award}"),
    "pending": (
        "{award}{group}截止线（剩余{room}个名额）处{tied}全部排序键相同，待裁判决定",
        "{award}{group}: {tied} are equal on every key at the cut-off ({room} place(s) left): awaiting the judges",
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
