"""Every field a hall, a judge or a rules file brings in has bounds (scoreboard/limits.py); what is
outside them is refused with a clear code, and a log that already holds such an event still folds."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.judging import check_command, check_data
from scoreboard.limits import (MAX_ID, MAX_ITEM_POINTS, MAX_ITEMS, MAX_REASON, MAX_SEQ, MAX_TIME_USED,
                               bounded, plain_text_problem, short)
from scoreboard.rules import RulesError, load_preset, load_rules, preset_text
from scoreboard.standings import WIDTH


@pytest.fixture
def board(fujian, fujian_roster):
    return Board(fujian, fujian_roster)


def rec(**kw):
    base = {"type": "result", "seq": 1, "contestant": "FJ0001", "item": "case-01", "section": "case", "score": 5,
            "max": 10}
    return {**base, **kw}


# --- the helpers ------------------------------------------------------------------
def test_short_cuts_a_long_echo_and_says_how_long_it_was():
    assert short("x" * 100_000) == repr("x" * 40) + "…(100000 characters)"
    assert short([1] * 1000).endswith("…(list)") and len(short([1] * 1000)) < 60
    assert short(5) == "5"


def test_bounded_cuts_a_message_to_its_limit():
    assert bounded("a" * 1000) == "a" * 299 + "…" and bounded("ok") == "ok"


def test_an_id_must_be_short_printable_text():
    assert plain_text_problem("", MAX_ID) == "is empty"
    assert plain_text_problem("x" * 65, MAX_ID) == "is 65 characters long (at most 64)"
    assert plain_text_problem("a\nb", MAX_ID) == "holds the control character U+000A"
    assert plain_text_problem("a\u202eb", MAX_ID) == "holds the control character U+202E"  # right-to-left override
    assert plain_text_problem("阿卜杜热合曼·阿卜杜克热木", MAX_ID) is None
    assert plain_text_problem("张　三", MAX_ID) is None and plain_text_problem("Li\u00a0Na", MAX_ID) is None  # spaces
    assert plain_text_problem("a\u200bb", MAX_ID) == "holds the control character U+200B"  # zero-width


# --- hall records -----------------------------------------------------------------
@pytest.mark.parametrize("record, code, words", [
    (rec(seq=MAX_SEQ + 1), "bad_record", "the largest a log can hold"),
    (rec(contestant="X" * 100_000), "bad_record", "field 'contestant' is 100000 characters long (at most 64)"),
    (rec(item="case\n01"), "bad_record", "field 'item' holds the control character U+000A"),
    (rec(item="i" * (MAX_ID + 1)), "bad_record", "field 'item' is 65 characters long"),
    (rec(section=""), "bad_record", "field 'section' is empty"),
    (rec(max=1.8e306, score=1), "score_out_of_range", "at most 1000"),
    (rec(max=MAX_ITEM_POINTS + 1, score=1), "score_out_of_range", "at most 1000"),
    ({"type": "finish", "seq": 1, "contestant": "FJ0001", "time_used": 1e308}, "bad_record", "one day"),
    ({"type": "finish", "seq": 1, "contestant": "FJ0001", "time_used": MAX_TIME_USED + 1}, "bad_record", "one day"),
    ({"type": "finish", "seq": 1, "contestant": "FJ0001", "time_used": math.nan}, "bad_record", "one day"),
    (rec(type="x" * 5000), "bad_record", "…(5000 characters)"),
])
def test_a_record_outside_the_bounds_is_refused_with_a_short_clear_message(board, record, code, words):
    bad = board.check(record)
    assert bad is not None and bad.code == code and words in bad.message, bad
    assert len(bad.message) < 200
    assert board.admit(dict(record), 1, 1.0, "h") is None


def test_records_at_the_bounds_are_taken(board):
    assert board.check(rec(seq=MAX_SEQ, max=MAX_ITEM_POINTS, score=MAX_ITEM_POINTS, item="i" * MAX_ID)) is None
    assert board.check({"type": "finish", "seq": 2, "contestant": "FJ0001", "time_used": MAX_TIME_USED}) is None


def test_a_contestant_cannot_have_more_than_the_most_items(board):
    for i in range(MAX_ITEMS):
        ev = board.admit(rec(seq=i + 1, item=f"i{i}", max=1, score=1), i + 1, 1.0, "h")
        assert ev is not None
    over = rec(seq=MAX_ITEMS + 1, item="one-more", max=1, score=1)
    assert board.admit(over, MAX_ITEMS + 1, 1.0, "h") is None
    assert board.check(over).code == "too_many_items"
    assert board.check(rec(seq=MAX_ITEMS + 1, item="i7", max=1, score=0)) is None  # a regrade of one it has


# --- the fold of a log written before the bounds, or edited ---------------------------
@pytest.mark.parametrize("kind, data, why", [
    ("finish", {"contestant": "FJ0001", "time_used": 1e308}, "one day"),
    ("finish", {"contestant": "FJ0001", "time_used": float("inf")}, "one day"),
    ("result", {"contestant": "FJ0001", "item": "a", "section": "case", "score": 1, "max": 1e308}, "at most 1000"),
    ("result", {"contestant": "FJ0001", "item": "a", "section": "case", "score": float("inf"), "max": 10},
     "not a finite number"),
    ("result", {"contestant": "NOBODY", "item": "a", "section": "case", "score": 1, "max": 10}, "not on the roster"),
    ("result", {"contestant": "FJ0001", "item": ["a"], "section": "case", "score": 1, "max": 10}, "must be a"),
    ("result", {"contestant": "FJ0001"}, "missing"),
])
def test_a_logged_event_outside_the_bounds_is_left_out_of_the_fold_and_named(board, kind, data, why):
    board.apply(Event(1, 1.0, "result", "h", 1, "h",
                      {"contestant": "FJ0002", "item": "b", "section": "case", "score": 3, "max": 10}))
    board.apply(Event(2, 2.0, kind, "h", 2, "h", data))
    assert [f[0] for f in board.faults] == [2] and why in board.faults[0][1]
    assert board.faults[0][2].startswith("事件#2：") and re.search(r"[\u4e00-\u9fff]", board.faults[0][2][5:])
    st = board.standings()  # and everything computes
    assert st.rows[0].exam_no == "FJ0002" and board.awards() is not None


# --- the ranking key ---------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, MAX_ITEMS * MAX_ITEM_POINTS * 100), st.integers(0, int(MAX_TIME_USED * 100))),
                min_size=2, max_size=6))
def test_the_combined_key_orders_as_the_chain_does_for_everything_the_bounds_let_in(fujian, fujian_roster, values):
    """Totals up to every item at its maximum, times up to a day: the integer key never overflows its
    field, so it sorts exactly as (total desc, case desc, short desc, time asc) does."""
    b = Board(fujian, fujian_roster)
    people = [c.exam_no for c in fujian_roster[:len(values)]]
    for who, (total, tu) in zip(people, values):
        b.totals[who] = total
        b.sections[who] = [total, 0, 0, total]  # choice, fill, short, case
        b.time_used[who] = tu / 100
        b.dirty.add(who)
    keys = b.sort_keys()
    chain = {who: (-total, -total, 0, tu) for who, (total, tu) in zip(people, values)}
    by_key = sorted(people, key=lambda w: (keys[w], w))
    by_chain = sorted(people, key=lambda w: (chain[w], w))
    assert by_key == by_chain
    assert all(0 <= k for k in keys.values()) and max(MAX_ITEMS * MAX_ITEM_POINTS * 100 + (1 << 47), 0) < WIDTH


def test_the_largest_total_sorts_above_one_hundredth_less(board):
    top = MAX_ITEMS * MAX_ITEM_POINTS * 100
    board.totals.update({"FJ0001": top - 1, "FJ0002": top})
    board.dirty.update(("FJ0001", "FJ0002"))
    assert [r.exam_no for r in board.standings().rows[:2]] == ["FJ0002", "FJ0001"]


# --- judges' commands ----------------------------------------------------------------
def deep(n):
    d = {}
    for _ in range(n):
        d = {"a": d}
    return d


@pytest.mark.parametrize("data, words", [
    (deep(1000), "nested deeper than"),
    ({"digest": math.nan}, "not a finite number"),
    ({"digest": math.inf}, "not a finite number"),
    ({"x": "y" * 600}, "600 characters"),
    ({"x": list(range(5000))}, "more than 2000 values"),
    ({"x": b"bytes"}, "type bytes"),
    ({"x": 2**70}, "beyond"),
    ({"k" * 100: 1}, "a key that is not a short string"),
])
def test_command_data_must_be_json_like_bounded_and_finite(board, data, words):
    assert words in check_data(data).message and check_data(data).zh
    bad = check_command(board, "chief", "confirm", data, "")
    assert bad.code == "bad_command" and words in bad.message


def test_a_reason_and_a_judges_name_are_bounded(board):
    assert check_command(board, "chief", "assign", {}, "x" * (MAX_REASON + 1)).code == "bad_command"
    assert check_command(board, "chief", "assign", {}, "bell\x07").code == "bad_command"
    assert "judge's name" in check_command(board, "chief", "freeze", {}, "", actor="a\nb").message
    assert check_command(board, "chief", "freeze", {}, "两行\n理由", actor="李主裁") is None


def test_an_unknown_command_name_is_echoed_short(board):
    bad = check_command(board, "chief", "z" * 10_000, {}, "")
    assert bad.code == "unknown_command" and len(bad.message) < 100


# --- rules --------------------------------------------------------------------------
@pytest.mark.parametrize("line, words", [
    ("points = 1e300", "expected a number from 0 to 1000"),
    ("stakes = [10, 1e9]", "stakes[1]: expected a number from 0 to 1000"),
    ('stakes = ["a"]', "stakes[0]: expected a number"),
    ("drop = 50", "drop: expected 0 to 10"),
])
def test_a_rounds_points_are_bounded_in_the_rules(line, words):
    text = preset_text("regional-2021-west")
    key = line.split(" = ")[0]
    lines = text.splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("[[rounds]]"))
    kind = next(i for i in range(at, len(lines)) if lines[i].strip().startswith("kind"))
    patched = lines[:kind + 1] + [line] + [x for x in lines[kind + 1:] if not x.strip().startswith(key + " ")]
    with pytest.raises(RulesError, match=words.replace("[", r"\[").replace("]", r"\]")):
        load_rules("\n".join(patched))
    assert load_preset("regional-2021-west").rounds


def test_a_long_value_echoed_in_chinese_says_its_length_in_chinese():
    from scoreboard.limits import short_zh

    assert short_zh("x" * 100) == repr("x" * 40) + "…（共100个字符）"
    assert short_zh("abc") == "'abc'"
