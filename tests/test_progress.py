"""Marking progress (scoreboard/progress.py), `scoreboard progress`, and certainty where a judge reads
it: `awards --json`, `explain`, and since when the list is settled."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from db.store import Store
from db.writer import Writer
from display.cli import cli
from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.progress import compute_progress
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster, with_paper

PRESET = "fujian-2024-final"


def run(*args):
    out = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.output


def make_db(path, rules, people, records, withdraw=()):
    store = Store.create(path, rules, people, PRESET)
    w = Writer(store)
    for who in withdraw:
        w.judge("chief", "李主裁", "withdraw", {"exam_no": who}, "缺考")
    for rec in records:
        w.hall("hall-a" if rec.get("contestant", "") < "FJ0130" else "hall-b", rec)
        if len(w.new_events) > 500:
            w.flush()
    w.flush()
    store.close()
    return path


@pytest.fixture(scope="module")
def day():
    rules = with_paper(load_preset(PRESET))
    people = sample_roster(rules, 2024, 4)
    records = [rec for _t, rec in exam_day(rules, people, seed=5)]
    return rules, people, records


def test_progress_counts_expected_graded_and_missing_per_section_and_hall(day):
    rules, people, records = day
    board = Board(rules, people)
    for n, rec in enumerate(records[: len(records) // 2], 1):
        board.apply(Event(n, float(n), rec["type"], "hall-x", rec["seq"], "hall-x",
                          {k: v for k, v in rec.items() if k not in ("type", "seq")}))
    p = compute_progress(board)
    assert p.known and p.day.expected == 66 * len(people)
    assert p.day.graded + p.day.missing == p.day.expected and 0 < p.day.graded < p.day.expected
    assert sum(t.graded for t in p.by_section) == p.day.graded
    assert set(p.by_hall) <= {"", "hall-x"} and p.by_hall["hall-x"].graded == p.day.graded
    assert len(p.not_finished) == sum(not c.finished and not c.status for c in p.contestants) > 0


def test_without_a_paper_progress_counts_what_is_graded_and_calls_nothing_missing(day):
    _rules, people, records = day
    board = Board(load_preset(PRESET), people)
    first = next(r for r in records if r["type"] == "result")
    board.apply(Event(1, 1.0, "result", "h", 1, "h", {k: v for k, v in first.items() if k not in ("type", "seq")}))
    p = compute_progress(board)
    assert not p.known and p.day.graded == 1 and p.day.missing == 0 and p.contestants[0].missing is None


def test_the_progress_command_in_the_middle_of_marking(day, tmp_path):
    rules, people, records = day
    db = make_db(tmp_path / "mid.db", rules, people, records[: int(len(records) * 0.95)])
    text = run("progress", db)
    assert text.startswith("阅卷进度（截至北京时间") and "全场：已评" in text and "选择题：已评" in text
    assert "按考场：" in text and "hall-a：" in text and "全省“人社知识通”：20个名额中已确定" in text
    assert "仍可能改变结果的未评题目" in text and "名单已全部确定" not in text
    data = json.loads(run("progress", db, "--json"))
    assert data["paper_known"] and data["settled"] is False and data["settled_at"] is None
    assert data["day"]["graded"] + data["day"]["missing"] == data["day"]["expected"]
    assert data["awards"]["expert"]["places"] == 20 and data["awards"]["organisation"]["judges"]
    english = run("progress", db, "--lang", "en")
    assert english.startswith("Marking progress") and "阅卷" not in english


def test_awards_json_says_who_is_certain_possible_and_out_of_every_award(day, tmp_path):
    rules, people, records = day
    db = make_db(tmp_path / "mid.db", rules, people, records[: int(len(records) * 0.97)])
    data = json.loads(run("awards", db, "--json"))
    assert data["certainty_known"] and set(data["certainty"]) == {a.id for a in rules.awards + rules.advancement}
    for aid, c in data["certainty"].items():
        everyone = c["certain"] + c["possible"] + c["out"]
        assert len(everyone) == len(set(everyone)), aid
        assert len(everyone) == (len(rules.teams) if c["scope"] == "team" else len(people)), aid
    assert data["certainty"]["expert"]["exact"] and not data["certainty"]["star"]["exact"]


def test_explain_says_in_words_how_sure_a_contestant_is(day, tmp_path):
    rules, people, records = day
    db = make_db(tmp_path / "mid.db", rules, people, records[: int(len(records) * 0.97)])
    data = json.loads(run("awards", db, "--json"))
    sure = data["certainty"]["expert"]["certain"]
    assert sure, "some expert is already certain at 97% of the day"
    text = run("explain", db, sure[0])
    assert "✔\u00a0确定获得全省“人社知识通”：即使其余未评题目全部对其不利，至多" in text and "名额20个" in text
    team = run("explain", db, "福州")
    assert "团体一等奖" in team and ("尚未确定团体一等奖" in team or "确定获得团体一等奖" in team
                                      or "已无缘团体一等奖" in team)


def test_a_contest_without_a_paper_says_certainty_is_not_computed(tmp_path):
    rules = load_preset(PRESET)
    people = sample_roster(rules, 2024, 2)
    db = make_db(tmp_path / "plain.db", rules, people, [rec for _t, rec in exam_day(rules, people, seed=1)][:50])
    data = json.loads(run("awards", db, "--json"))
    assert data["certainty_known"] is False and data["certainty"] == {} and "未声明试卷结构" in data["certainty_note"]
    assert "未声明试卷结构" in run("explain", db, people[0].exam_no)
    assert "未声明试卷结构" in run("progress", db)


def test_once_every_mark_is_in_progress_says_since_when_the_list_is_settled(day, tmp_path):
    rules, people, records = day
    board = Board(rules, people)
    for n, rec in enumerate(records, 1):
        board.apply(Event(n, float(n), rec["type"], "h", rec["seq"], "h",
                          {k: v for k, v in rec.items() if k not in ("type", "seq")}))
    absent = [e for e in board.contestants if not board.marks[e]]  # the sample day's no-shows: judges say 缺考
    db = make_db(tmp_path / "end.db", rules, people, records, withdraw=absent)
    data = json.loads(run("progress", db, "--json"))
    if not data["settled"]:  # a tie at a cut-off still waits for the judges
        pytest.skip("this sample day ends with a pending tie")
    at = data["settled_at"]
    assert at is not None and at["event_id"] <= data["event_id"]
    assert "名单已全部确定：自北京时间" in run("progress", db)
