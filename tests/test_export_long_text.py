"""Long text cannot stall or break the printed report.

The roster check holds names and units to their bounds (tests/test_roster.py); here every text is at
its bound: a 64-character exam number, name and judge's name, a 128-character unit, and a judge's
reason of 500 characters without a space. The PDF must come quickly and every page must hold its
tables: a long unbroken text wraps inside its cell instead of running off the page.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from db.exports import take
from db.exports.report import pdf_unavailable, render_html
from db.store import Store
from db.writer import Writer
from scoreboard.limits import MAX_ID, MAX_NAME, MAX_REASON, MAX_TEXT
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster
from tests.test_export_contest import run

REASON = "W" * MAX_REASON
NAME = "N" * MAX_NAME


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    why = pdf_unavailable()
    if why:
        pytest.skip(f"no PDF here: {why}")
    rules = load_preset("fujian-2024-final")
    people = sample_roster(rules, per_team=2)
    people[0] = replace(people[0], exam_no="E" * MAX_ID, name=NAME, unit="U" * MAX_TEXT)
    path = tmp_path_factory.mktemp("long") / "c.db"
    store = Store.create(path, rules, people)
    w = Writer(store)
    for _t, rec in exam_day(rules, people):
        w.hall("hall-a", rec)
    assert hasattr(w.judge("judge", "J" * MAX_ID, "assign", {"award": "organisation", "recipient": "福州"}, REASON),
                   "id")
    w.flush()
    store.close()
    return path


def walk(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from walk(child)


def test_a_report_with_a_500_character_reason_without_spaces_is_a_pdf_in_well_under_a_minute(db, tmp_path):
    t0 = time.perf_counter()
    run("report", db, "--to", tmp_path / "r.pdf")
    seconds = time.perf_counter() - t0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert seconds < 30, f"the PDF took {seconds:.0f} s"


def test_every_page_holds_its_tables_when_texts_are_at_their_bounds(db):
    from weasyprint import HTML

    store = Store(db)
    snap = take(store)
    store.close()
    html = render_html(snap)
    assert REASON in html and NAME in html
    doc = HTML(string=html).render()
    wide = []
    for n, page in enumerate(doc.pages, 1):
        page_box = page._page_box  # WeasyPrint's laid-out page: no public API gives the boxes' geometry
        edge = page_box.margin_width()
        right = max(b.position_x + b.margin_width() for b in walk(page_box) if hasattr(b, "margin_width"))
        if right > edge + 0.5:
            wide.append((n, round(right), round(edge)))
    assert wide == []  # (page, right edge of its widest box, page width) in CSS px
