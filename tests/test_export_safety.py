"""Exports are safe to open: roster and judge text that looks like a formula stays text.

The contest here is written directly (Store.create, then the real Writer) with every
contestant's name and unit, a team, the judges' names and their reasons holding texts that a
spreadsheet would run as formulas. The workbook and every CSV list are read back.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from db.exports import LISTS
from db.exports.safety import formula_like, safe_text
from db.exports.tables import plain
from db.store import Store
from db.writer import Writer
from scoreboard.rules import load_rules, preset_text
from scoreboard.sample import exam_day, sample_roster
from tests.test_export_contest import run

NAMES = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "-2+3", "=cmd|' /C calc'!A0"]
UNITS = ["\t=1+1", "\r=1+1", "@单位", "-省就业局"]
TEAM = "=福州"
JUDGE = "@张裁判"
CHIEF = "+李主任"
REASON = '=HYPERLINK("http://evil.example","点我")'
TYPED = NAMES + UNITS + [TEAM, JUDGE, CHIEF, REASON]


def unsafe_contest(where: Path) -> Path:
    """A Fujian final (3 per team) whose texts all look like formulas; locked, so every list is full."""
    rules = load_rules(preset_text("fujian-2024-final").replace('name = "福州"', f'name = "{TEAM}"'))
    people = [replace(c, name=NAMES[i % len(NAMES)], unit=UNITS[i % len(UNITS)])
              for i, c in enumerate(sample_roster(rules, per_team=3))]
    db = where / "c.db"
    store = Store.create(db, rules, people)
    w = Writer(store)
    for _t, rec in exam_day(rules, people):
        w.hall("hall-a", rec)
    for tie in w.board.awards().ties:
        judged(w.judge("chief", CHIEF, "decision", {"award": tie.award_id, "group": tie.group,
                                                    "tied": list(tie.tied), "outcome": "share"}, REASON))
    judged(w.judge("judge", JUDGE, "assign", {"award": "organisation", "recipient": TEAM}, REASON))
    judged(w.judge("judge", JUDGE, "confirm", {"digest": w.board.awards().digest}, REASON))
    judged(w.judge("chief", CHIEF, "lock", {"digest": w.board.awards().digest}, "-定榜"))
    w.flush()
    store.close()
    return db


def judged(result):
    assert hasattr(result, "id"), result  # an Event, not a Rejection
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    where = tmp_path_factory.mktemp("unsafe")
    db = unsafe_contest(where)
    run("export", db, "--to", where / "all.xlsx")
    for what in LISTS:
        run("export", db, "--to", where / f"{what}.csv", "--what", what)
    return where


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def as_read_back(text: str) -> str:
    return text.replace("\r", "\n")  # XML reads a carriage return back as a line feed


def test_no_cell_of_the_workbook_is_a_formula(exported):
    wb = openpyxl.load_workbook(exported / "all.xlsx")
    assert len(wb.worksheets) == len(LISTS)
    formulas = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []


def test_formula_like_text_in_the_workbook_is_kept_as_typed_and_marked_as_text(exported):
    wb = openpyxl.load_workbook(exported / "all.xlsx")
    expected = {as_read_back(t) for t in TYPED}
    found = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value in expected:
                    found.add(c.value)
                    assert c.data_type == "s" and c.quotePrefix, (ws.title, c.coordinate, c.value)
    assert found == expected  # every typed text is in the workbook, exactly as typed


def test_every_sheet_holds_some_of_the_formula_like_text(exported):
    wb = openpyxl.load_workbook(exported / "all.xlsx")
    expected = {as_read_back(t) for t in TYPED}
    for ws in wb.worksheets:
        assert any(c.value in expected for row in ws.iter_rows() for c in row), ws.title


def test_numbers_in_the_workbook_stay_numbers(exported):
    ws = openpyxl.load_workbook(exported / "all.xlsx").worksheets[0]
    first = list(ws.iter_rows(min_row=4, max_row=4))[0]
    assert first[2].value in NAMES and first[2].quotePrefix
    assert first[0].data_type == "n" and isinstance(first[11].value, float)  # rank, total


def test_no_cell_of_any_csv_list_starts_like_a_formula(exported):
    for what in LISTS:
        rows = read_csv(exported / f"{what}.csv")
        assert len(rows) > 1, what
        bad = [cell for row in rows for cell in row if formula_like(cell) and not is_number(cell)]
        assert bad == [], what


def test_formula_like_text_in_the_csv_lists_starts_with_a_single_quote(exported):
    cells = {cell for what in LISTS for row in read_csv(exported / f"{what}.csv") for cell in row}
    missing = [t for t in TYPED if "'" + t not in cells]
    assert missing == []
    assert not cells & set(TYPED)


def test_every_csv_row_of_the_locked_list_names_the_chief_quote_prefixed(exported):
    rows = read_csv(exported / "certificates.csv")
    col = rows[0].index("定榜人")
    assert {r[col] for r in rows[1:]} == {"'" + CHIEF}


def test_only_text_is_neutralised_numbers_stay_numbers():
    assert safe_text("-2+3") == "'-2+3" and safe_text("\t=1") == "'\t=1"
    assert safe_text(-2.5) == -2.5 and plain("score", safe_text(-2.5)) == "-2.50"
    assert safe_text(-3) == -3 and safe_text(None) is None
    assert safe_text("张三") == "张三" and safe_text("") == ""
