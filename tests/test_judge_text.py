"""A judge's event in words, for the audit view, the audit sheet and the printed report: never the raw
data, never English in Chinese."""

from __future__ import annotations

import re

import pytest

from scoreboard.judge_text import describe
from scoreboard.judging import KIND_NAMES
from scoreboard.rules import load_preset

FUJIAN = load_preset("fujian-2024-final")
WEST = load_preset("regional-2021-west")
NAMES = {"FJ0021": "于英鹏", "FJ0020": "卢杰兰", "ST0001": "韦秀秀", "ST0007": "潘东"}

EXAMPLES = {  # one typical event of every kind a judge (or the desk) can log
    "decision": (FUJIAN, {"award": "expert", "tied": ["FJ0020", "FJ0021"], "outcome": "order",
                          "order": ["FJ0021", "FJ0020"]}),
    "confirm": (FUJIAN, {"digest": "9f2c4e0d1b7a66c3e1"}),
    "lock": (FUJIAN, {"digest": "9f2c4e0d1b7a66c3e1", "head": "ab" * 32}),
    "unlock": (FUJIAN, {}),
    "assign": (FUJIAN, {"award": "organisation", "recipient": "福州"}),
    "revoke": (FUJIAN, {"award": "organisation", "recipient": "福州"}),
    "freeze": (FUJIAN, {}),
    "unfreeze": (FUJIAN, {}),
    "view": (FUJIAN, {"view": "group", "group": "厦门"}),
    "ceremony": (FUJIAN, {"step": -1}),
    "mark_certain": (FUJIAN, {"on": True}),
    "disqualify": (FUJIAN, {"exam_no": "FJ0021"}),
    "reinstate": (FUJIAN, {"exam_no": "FJ0021"}),
    "withdraw": (FUJIAN, {"exam_no": "FJ0021"}),
    "correct": (FUJIAN, {"exam_no": "FJ0021", "name": "于英朋"}),
    "substitute": (WEST, {"out": "ST0001", "in": "ST0007", "from_round": "risk"}),
    "answer": (WEST, {"round": "must", "team": "甘肃", "contestant": "ST0001", "correct": True, "question": 5}),
    "panel": (WEST, {"round": "scenario", "team": "甘肃", "judge": "评委一", "mark": 88}),
    "undo": (WEST, {"event_id": 40}),
    "stage": (WEST, {"round": "risk", "question": 2}),
}


def test_every_kind_a_judge_can_log_has_an_example_here():
    assert set(EXAMPLES) == set(KIND_NAMES)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_no_kind_is_shown_as_raw_data_or_with_english_words_in_chinese(kind):
    rules, data = EXAMPLES[kind]
    text = describe(rules, NAMES, kind, data, "zh")
    assert "=" not in text and "{" not in text
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\b(?:FJ|ST)\d{4}\b|[0-9a-f]{8,}", "", text))
    assert words == [], text
    assert "=" not in describe(rules, NAMES, kind, data, "en")


def test_a_decision_reads_as_the_order_decided_with_names():
    rules, data = EXAMPLES["decision"]
    assert describe(rules, NAMES, "decision", data) == "全省“人社知识通”：排定先后 FJ0021 于英鹏 > FJ0020 卢杰兰"
    assert describe(rules, NAMES, "decision", data, "en").endswith("ordered FJ0021 于英鹏 > FJ0020 卢杰兰")


def test_the_ceremony_back_to_its_start_is_said_in_words_not_as_step_minus_one():
    assert describe(FUJIAN, {}, "ceremony", {"step": -1}) == "颁奖典礼：回到开始（未揭晓）"
    assert describe(FUJIAN, {}, "ceremony", {"step": 3}) == "颁奖典礼：揭晓到第3步"


def test_the_screens_view_and_a_substitution_name_what_people_call_them():
    assert describe(FUJIAN, {}, "view", {"view": "group", "group": "厦门"}) == "大屏切换到厦门组内排名"
    rules, data = EXAMPLES["substitute"]
    assert describe(rules, NAMES, "substitute", data) == "ST0007 潘东替ST0001 韦秀秀上场，自风险题起"


def test_an_unknown_kind_shows_its_data_rather_than_nothing():
    assert describe(FUJIAN, {}, "future_kind", {"x": 1}) == "x=1"
