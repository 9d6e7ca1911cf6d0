"""What a refused rules file is told, in both languages: `RulesError` and its messages.

Each message starts with where the problem is, as a path of the TOML's own keys (`sections[0].items`,
`awards[2].exclude`): the keys are the file's, so they stay as written in both languages. The English is
what `str()` of the error gives (logs, the library); a command prints the Chinese unless told `--lang en`.
A parameter given as `Both(en, zh)` is said in the message's language.
"""

from __future__ import annotations

from typing import NamedTuple


class Both(NamedTuple):
    en: str
    zh: str


WORDS: dict[str, tuple[str, str]] = {  # key -> (English, Chinese)
    "bad_toml": ("rules: not valid TOML: {exc}", "rules：不是有效的 TOML：{exc}"),
    "missing_key": ("{where}: missing key '{key}'", "{where}：缺少键“{key}”"),
    "wrong_kind": ("{where}.{key}: expected {kind}, got {value}", "{where}.{key}：应为{kind}，而写的是 {value}"),
    "unknown_key": ("{where}.{key}: unknown key (known: {known})", "{where}.{key}：没有这个键（可用的键：{known}）"),
    "not_one_of": ("{where}: '{value}' is not one of {allowed}", "{where}：“{value}”不是可选的值（可选：{allowed}）"),
    "not_table": ("{where}: expected a table", "{where}：应为一个表（TOML 的 table）"),
    "no_sections": ("rules.sections: at least one section is needed", "rules.sections：至少要有一个题型（[[sections]]）"),
    "sections_unique": ("rules.sections: section ids must be unique", "rules.sections：题型的 id 不能重复"),
    "papers_too_many": ("rules.sections: the papers hold {items} items, more than a contestant may have ({max})",
                        "rules.sections：各题型的试卷共 {items} 题，超过了一名选手所能有的题数（{max}）"),
    "no_teams": ("rules.teams: at least one team is needed", "rules.teams：至少要有一支代表队（[[teams]]）"),
    "non_negative": ("{where}: expected a non-negative integer", "{where}：应为不小于 0 的整数"),
    "negative": ("{where}: must not be negative", "{where}：不能为负数"),
    "team_twice": ("rules.teams: team '{name}' is listed twice", "rules.teams：代表队“{name}”列了两次"),
    "tiebreak_string": ("{where}: expected a string such as 'total desc'", "{where}：应为字符串，例如 'total desc'"),
    "tiebreak_form": ("{where}: '{spec}' should be '<key> asc' or '<key> desc'",
                      "{where}：“{spec}”应写成 '<键> asc'（低者优先）或 '<键> desc'（高者优先）"),
    "unknown_section": ("{where}: unknown section '{id}'", "{where}：没有 id 为“{id}”的题型"),
    "unknown_tiebreak": ("{where}: unknown key '{key}'",
                         "{where}：没有排序键“{key}”（可用：total、time_used、graded、section.<题型 id>）"),
    "tiebreak_total": ("rules.tiebreak: the chain must start with 'total'", "rules.tiebreak：排序规则必须以 'total'（总分）开头"),
    "count_needed": ("{where}.count: a '{kind}' award needs a positive count", "{where}.count：“{kind}”类奖项须有正整数的名额"),
    "timezone": ("rules.timezone: {exc}", "rules.timezone：“{name}”不是本机可用的时区（应为 IANA 时区名，例如 Asia/Shanghai）"),
    "rounds_needed": ("team_score.formula: 'rounds' needs the on-stage [[rounds]]",
                      "team_score.formula：'rounds' 要有现场赛的轮次（[[rounds]]）"),
    "k_needed": ("team_score.k: top_k_mean needs a positive k", "team_score.k：top_k_mean 须有正整数的 k"),
    "award_twice": ("rules.awards: award id '{id}' is used twice", "rules.awards：奖项 id“{id}”用了两次"),
    "unknown_award": ("{where}: unknown award '{id}'", "{where}：没有 id 为“{id}”的奖项"),
    "unknown_group": ("{where}: unknown group '{group}'", "{where}：没有组别“{group}”"),
    "unknown_preset": ("unknown preset '{name}' (known: {known})", "没有名为“{name}”的规则预设（现有：{known}）"),
    # the paper (scoreboard/paper.py)
    "paper_both": ("{where}: give either items and points, or paper, not both",
                   "{where}：items 与 points、paper 二者只能写一种"),
    "paper_pair": ("{where}: items and points go together (for example items = 40, points = 1)",
                   "{where}：items 与 points 要一起写（例如 items = 40, points = 1）"),
    "paper_list": ("{where}.paper: expected a list such as [{{ items = 2, points = 10 }}]",
                   "{where}.paper：应为列表，例如 [{{ items = 2, points = 10 }}]"),
    "paper_part": ("{where}: expected {{ items = N, points = P }}", "{where}：应写成 {{ items = 题数, points = 每题分值 }}"),
    "paper_items": ("{where}.items: expected a positive whole number, got {value}",
                    "{where}.items：题数应为正整数，而写的是 {value}"),
    "paper_points": ("{where}.points: expected a number above 0 and at most {max}, got {value}",
                     "{where}.points：每题分值应大于 0、不超过 {max}，而写的是 {value}"),
    "paper_fine": ("{where}.points: {value} is finer than a hundredth of a point",
                   "{where}.points：{value} 比 0.01 分还细（分值最多两位小数）"),
    "paper_again": ("{where}.points: items worth {points} are already listed; give their number once",
                    "{where}.points：每题 {points} 分的题已经列过了，题数请合在一处写"),
    "paper_too_many": ("{where}: {items} items, more than a contestant may have ({max})",
                       "{where}：共 {items} 题，超过了一名选手所能有的题数（{max}）"),
    # flags (scoreboard/flags.py)
    "flag_name": ("{where}.id: '{id}' must be a plain name (letters, digits, _)",
                  "{where}.id：“{id}”只能由字母、数字和下划线组成"),
    "flag_twice": ("rules.flags: the {key} '{value}' is used twice", "rules.flags：{key}“{value}”用了两次"),
    # on-stage rounds (scoreboard/stage.py)
    "round_drop": ("{where}.drop: expected 0 to 10 marks dropped at each end, got {value}",
                   "{where}.drop：两端各去掉的分数个数应在 0 到 10 之间，而写的是 {value}"),
    "round_points": ("{where}: expected a number from 0 to {max}, got {value}",
                     "{where}：应为 0 到 {max} 之间的数，而写的是 {value}"),
    "round_stakes": ("{where}.stakes: a risk round needs its stakes, e.g. [10, 20, 30]",
                     "{where}.stakes：风险题要写明可选的分值，例如 [10, 20, 30]"),
}

KINDS = {  # what `wrong_kind` says a key should be
    str: Both("a string", "字符串"),
    int: Both("an integer", "整数"),
    float: Both("float", "小数"),
    bool: Both("true or false", "true 或 false"),
    list: Both("a list", "列表"),
    dict: Both("a table", "表（table）"),
}


def kind_name(kind) -> Both:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = [KINDS.get(k, Both(k.__name__, k.__name__)) for k in kinds]
    return Both(" or ".join(n.en for n in names), "或".join(n.zh for n in names))


def say(word: str, lang: str, /, **params) -> str:
    en, zh = WORDS[word]
    values = {k: (getattr(v, lang) if isinstance(v, Both) else v) for k, v in params.items()}
    return (zh if lang == "zh" else en).format(**values)


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the key.

    `str()` is English (logs, the library); `text(lang)` is what a command prints (scoreboard/rules_words.py)."""

    def __init__(self, message: str, zh: str = "", word: str = ""):
        super().__init__(message)
        self.zh = zh
        self.word = word  # which of scoreboard/rules_words.py's messages

    @classmethod
    def of(cls, word: str, /, **params) -> "RulesError":
        return cls(say(word, "en", **params), say(word, "zh", **params), word)

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" and self.zh else str(self)

    def within(self, place: str) -> "RulesError":
        """The same problem, said to be in `place` (the rules file's name)."""
        return RulesError(f"{place}: {self}", f"{place}：{self.zh}" if self.zh else "", self.word)
