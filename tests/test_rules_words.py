"""A refused rules file is told what is wrong in Chinese (the default) and in English, each message naming
the key (scoreboard/rules_words.py): one broken document per message, so a new message needs its case."""

from __future__ import annotations

import re

import pytest

from scoreboard.rules import RulesError, load_rules, preset_text
from scoreboard.rules_words import WORDS

BASE = """\
id = "t"
title = "测试"

[[sections]]
id = "choice"
items = 10
points = 1

[[sections]]
id = "case"

[[teams]]
name = "甲"
group = "东"

[[teams]]
name = "乙"
group = "西"

[[awards]]
id = "expert"
kind = "top"
count = 2

[[awards]]
id = "star"
kind = "group_top"
count = 1
exclude = ["expert"]
"""


def edit(old: str, new: str, count: int = 1) -> str:
    assert old in BASE
    return BASE.replace(old, new, count)


def top(line: str) -> str:
    return line + "\n" + BASE


SECTIONS = BASE[BASE.index("[[sections]]"):BASE.index("[[teams]]")]
TEAMS = BASE[BASE.index("[[teams]]"):BASE.index("[[awards]]")]
PAPER = "items = 10\npoints = 1\n"

CASES = {
    "bad_toml": BASE + "x = [\n",
    "missing_key": edit('id = "t"\n', ""),
    "wrong_kind": edit('title = "测试"', "title = 3"),
    "unknown_key": top("colour = 1"),
    "not_one_of": edit('kind = "top"', 'kind = "best"'),
    "not_table": top("ceremony = [1]"),
    "no_sections": top("sections = []").replace(SECTIONS, ""),
    "sections_unique": edit('id = "case"', 'id = "choice"'),
    "papers_too_many": edit(PAPER, "items = 600\npoints = 1\n").replace('id = "case"', 'id = "case"\nitems = 600\npoints = 1'),
    "no_teams": top("teams = []").replace(TEAMS, ""),
    "non_negative": edit('name = "甲"', 'name = "甲"\nunits = { a = -1 }'),
    "negative": edit('name = "甲"', 'name = "甲"\nquota = -1'),
    "team_twice": edit('name = "乙"', 'name = "甲"'),
    "tiebreak_string": top("tiebreak = [1]"),
    "tiebreak_form": top('tiebreak = ["total"]'),
    "unknown_section": top('tiebreak = ["total desc", "section.nope desc"]'),
    "unknown_tiebreak": top('tiebreak = ["total desc", "speed asc"]'),
    "tiebreak_total": top('tiebreak = ["time_used asc"]'),
    "count_needed": edit("count = 2", "count = 0"),
    "timezone": top('timezone = "Mars/Base"'),
    "rounds_needed": top('team_score = { formula = "rounds" }'),
    "k_needed": top('team_score = { formula = "top_k_mean" }'),
    "award_twice": edit('id = "star"', 'id = "expert"'),
    "unknown_award": edit('exclude = ["expert"]', 'exclude = ["nope"]'),
    "unknown_group": edit("count = 2\n", 'count = 2\ncounts = { "北" = 1 }\n'),
    "paper_both": edit(PAPER, PAPER + "paper = [{ items = 1, points = 1 }]\n"),
    "paper_pair": edit(PAPER, "items = 10\n"),
    "paper_list": edit(PAPER, "paper = []\n"),
    "paper_part": edit(PAPER, "paper = [{ items = 1 }]\n"),
    "paper_items": edit(PAPER, "items = 0\npoints = 1\n"),
    "paper_points": edit(PAPER, "items = 10\npoints = 0\n"),
    "paper_fine": edit(PAPER, "items = 10\npoints = 0.001\n"),
    "paper_again": edit(PAPER, "paper = [{ items = 1, points = 2 }, { items = 3, points = 2 }]\n"),
    "paper_too_many": edit(PAPER, "items = 1001\npoints = 1\n"),
    "flag_name": top('flags = [{ id = "a-b" }]'),
    "flag_twice": top('flags = [{ id = "a" }, { id = "a" }]'),
    "round_drop": top('rounds = [{ id = "r", kind = "panel", drop = 11 }]'),
    "round_points": top('rounds = [{ id = "r", kind = "individual", points = -1 }]'),
    "round_stakes": top('rounds = [{ id = "r", kind = "risk" }]'),
}

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_base_document_is_accepted():
    assert [a.id for a in load_rules(BASE).awards] == ["expert", "star"]


def test_every_message_has_a_broken_document_that_raises_it():
    assert set(CASES) | {"unknown_preset"} == set(WORDS)


@pytest.mark.parametrize("word", sorted(CASES))
def test_each_broken_document_is_refused_in_chinese_and_in_english(word):
    with pytest.raises(RulesError) as err:
        load_rules(CASES[word])
    exc = err.value
    assert exc.word == word, (exc.word, str(exc))
    assert CJK.search(exc.text("zh")), exc.text("zh")
    assert exc.text("en") == str(exc) and not CJK.search(WORDS[word][0])


def test_an_unknown_preset_is_refused_naming_the_known_ones():
    with pytest.raises(RulesError) as err:
        preset_text("nope")
    assert "fujian-2024-final" in err.value.text("zh") and err.value.text("zh").startswith("没有名为“nope”")


def test_the_key_path_stays_as_the_file_writes_it_in_both_languages():
    with pytest.raises(RulesError) as err:
        load_rules(CASES["paper_items"])
    assert err.value.text("zh").startswith("sections[0].items：")
    assert str(err.value).startswith("sections[0].items: ")
    where = err.value.within("rules.toml")
    assert where.text("zh").startswith("rules.toml：sections[0].items：") and str(where).startswith("rules.toml: ")
