"""Hall record checks: every rejection code of PROTOCOL.md with a message naming the problem."""

import math

import pytest

from scoreboard.board import Board
from scoreboard.events import Event, check_shape, fmt_points, record_digest


@pytest.fixture
def board(fujian, fujian_roster):
    b = Board(fujian, fujian_roster)
    b.apply(Event(1, 1.0, "result", "h", 1, "h",
                  {"contestant": "FJ0001", "item": "case-01", "section": "case", "score": 8.0, "max": 10.0}))
    return b


def rec(**kw):
    base = {"type": "result", "seq": 2, "contestant": "FJ0002", "item": "case-01", "section": "case",
            "score": 8.5, "max": 10}
    base.update(kw)
    return {k: v for k, v in base.items() if v is not ...}


@pytest.mark.parametrize(
    "record, code, words",
    [
        (rec(contestant=...), "bad_record", "'contestant' is missing"),
        (rec(score="8"), "bad_record", "'score' must be a number"),
        (rec(score=True), "bad_record", "'score' must be a number"),
        (rec(contestant="XX1"), "unknown_contestant", "XX1 is not on the roster"),
        (rec(section="essay"), "unknown_section", "'essay'"),
        (rec(score=-1), "score_out_of_range", "outside 0..10"),
        (rec(score=10.5), "score_out_of_range", "outside 0..10"),
        (rec(score=math.nan), "score_out_of_range", "not a finite number"),
        (rec(score=math.inf), "score_out_of_range", "not a finite number"),
        (rec(max=12), "max_mismatch", "has max 10"),
        (rec(item="case-01", section="short", max=10), "section_mismatch", "belongs to section 'case'"),
        ({"type": "finish", "seq": 3, "contestant": "FJ0001", "time_used": -5}, "bad_record", "time_used"),
        ({"type": "finish", "seq": 3, "contestant": "FJ0001"}, "bad_record", "time_used"),
    ],
)
def test_a_bad_record_is_rejected_with_its_code_and_a_clear_message(board, record, code, words):
    bad = board.check(record)
    assert bad is not None and bad.code == code and words in bad.message


def test_a_good_record_passes(board):
    assert board.check(rec()) is None
    assert board.check({"type": "finish", "seq": 3, "contestant": "FJ0001", "time_used": 3600.0}) is None


def test_a_seq_that_is_not_a_positive_integer_is_a_bad_record():
    assert check_shape({"type": "result", "seq": 0}).code == "bad_record"
    assert check_shape({"type": "result", "seq": "1"}).code == "bad_record"


def test_points_print_without_trailing_zeros():
    assert fmt_points(850) == "8.5" and fmt_points(800) == "8" and fmt_points(825) == "8.25"


def test_the_digest_tells_content_apart_and_ignores_key_order():
    assert record_digest({"a": 1, "b": 2}) == record_digest({"b": 2, "a": 1})
    assert record_digest({"a": 1}) != record_digest({"a": 2})
