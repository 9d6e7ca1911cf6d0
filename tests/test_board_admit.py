"""Board.admit, the ingest's fast path, agrees with the checks that name problems and with the fold.

For any record, well-formed or not: if `admit` takes it, `check` would have passed
it and the board is exactly the board `apply` would have made; if `check` passes a
plain result (exact int/float numbers), `admit` takes it; if `admit` declines,
nothing changed. And the row text the Writer stores for it reads back as its data.
"""

from __future__ import annotations

import copy
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.writer import _ResultTexts
from scoreboard.board import Board
from scoreboard.events import Event, record_data, record_json
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

RULES = load_preset("fujian-2024-final")
PEOPLE = sample_roster(RULES, per_team=2)
EXAMS = [c.exam_no for c in PEOPLE[:4]] + ["XX0001", ""]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Mostly well-formed records over two items and two sections, so that items come back with another max
# or section; edge values and wrong types now and then.
number = st.one_of(st.sampled_from([0, 0.0, 5, 7.5, 10, 10.0, 12, -1, -0.5, math.nan, math.inf, -math.inf, 1e300,
                                    1000, 1000.5, 1.8e306]),
                   st.floats(-1, 12, allow_nan=False), st.sampled_from([True, "8", None]))
text = st.one_of(st.sampled_from(["choice-01", "case-01", 'q"\\\n', 'q"\\', "i" * 64, "i" * 65, "案例\u202e", "案例\u300001"]),
                 st.sampled_from(["", 3, None]))
plain_record = st.fixed_dictionaries({
    "type": st.just("result"),
    "seq": st.one_of(st.integers(1, 5), st.sampled_from([0, -1, True, 2.0, 2**63 - 1, 2**63])),
    "contestant": st.sampled_from(EXAMS + [7]),
    "item": text,
    "section": st.sampled_from(["choice", "case", "choice", "case", "essay", ""]),
    "score": number,
    "max": number,
})
other_record = st.fixed_dictionaries(
    {"type": st.sampled_from(["finish", "other"])},
    optional={"seq": st.integers(1, 5), "contestant": st.sampled_from(EXAMS), "time_used": number},
)
record = st.one_of(
    plain_record, plain_record, other_record,
    plain_record.flatmap(lambda r: st.sampled_from(sorted(r)).map(lambda k: {x: v for x, v in r.items() if x != k})),
)


def fresh_board(history) -> Board:
    b = Board(RULES, PEOPLE)
    for i, rec in enumerate(history, start=1):  # earlier records fix items' max and section
        if b.check(rec) is None:
            b.apply(Event(i, float(i), rec["type"], "h", i, "h", record_data(rec)))
    return b


def state(b: Board) -> tuple:
    return (copy.deepcopy(b.marks), copy.deepcopy(b.sections), dict(b.totals), dict(b.item_max),
            dict(b.item_section), set(b.dirty), b.last_event_id, b.version)


@SETTINGS
@given(st.lists(record, max_size=6), record)
def test_admit_takes_exactly_the_plain_results_that_pass_every_check_and_folds_them_as_apply_does(history, rec):
    a, b = fresh_board(history), fresh_board(history)
    before = state(a)
    ev = a.admit(dict(rec), 100, 100.0, "h")
    bad = b.check(rec)
    plain = rec.get("type") == "result" and all(
        type(rec.get(k)) in (int, float) for k in ("score", "max")) and type(rec.get("seq")) is int
    if ev is None:
        assert state(a) == before  # declined: nothing done
        assert bad is not None or not plain
        return
    assert bad is None and plain
    b.apply(Event(100, 100.0, "result", "h", rec["seq"], "h", record_data(rec)))
    assert state(a) == state(b)
    assert ev.data == record_data(rec) and (ev.id, ev.kind, ev.seq) == (100, "result", rec["seq"])
    text = record_json(rec, ev.data)
    assert _ResultTexts().result(ev.data) == text and json.loads(text) == ev.data


def test_admit_declines_an_item_seen_with_another_max_or_section_and_check_names_it():
    first = {"type": "result", "seq": 1, "contestant": EXAMS[0], "item": "case-01", "section": "case", "score": 5,
             "max": 10}
    for change, code in (({"section": "choice"}, "section_mismatch"), ({"max": 12}, "max_mismatch")):
        b = fresh_board([first])
        again = {**first, "seq": 2, **change}
        before = state(b)
        assert b.admit(again, 2, 2.0, "h") is None and state(b) == before
        assert b.check(again).code == code
    b = fresh_board([first])
    assert b.admit({**first, "seq": 2, "max": 10.0, "score": 6.5}, 2, 2.0, "h") is not None  # 10.0 is 10
