"""`scoreboard progress` on an on-stage contest: where the contest stands round by round, never the
written exam's paper, hand-in and marking (which the stage has not)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from db.store import Store
from db.writer import Writer
from display.cli import cli
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster, stage_day

PRESET = "regional-2021-west"


def run(*args):
    out = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env={"SCOREBOARD_LANG": None})
    assert out.exit_code == 0, out.output
    return out.output


@pytest.fixture(scope="module")
def stage_db(tmp_path_factory):
    rules = load_preset(PRESET)
    people = sample_roster(rules)
    path = tmp_path_factory.mktemp("stage") / "stage.db"
    store = Store.create(path, rules, people, PRESET)
    w = Writer(store)
    played = stage_day(rules, people, questions=1, panel=3)
    upto = next(i for i, (kind, data) in enumerate(played) if kind == "stage" and data["round"] == "risk")
    for kind, data in played[:upto + 1]:  # the individual and buzzer rounds played, the risk round begun
        res = w.judge("chief", "记分员", kind, data, "")
        assert hasattr(res, "id"), res
    w.flush()
    store.close()
    return path, rules


def test_progress_says_which_round_is_on_stage_and_what_each_round_holds(stage_db):
    path, rules = stage_db
    text = run("progress", path)
    assert text.startswith("比赛进度（截至北京时间")
    assert "现场赛按轮次记分，没有试卷、交卷和阅卷" in text and "台上：风险题 第1题" in text
    assert "个人必答：已记48条，8支代表队有分" in text and "风险题：已记0条，0支代表队有分" in text
    assert "未声明试卷结构" not in text and "未交卷" not in text and "阅卷进度" not in text


def test_progress_on_stage_in_english_and_as_json(stage_db):
    path, _rules = stage_db
    text = run("progress", path, "--lang", "en")
    assert "On stage: Risk round, question 1" in text and "Individual questions: 48 entries, 8 teams scored" in text
    data = json.loads(run("progress", path, "--json"))
    assert data["format"] == "stage" and data["current"] == {"round": "risk", "question": 1}
    assert data["rounds"]["must"] == {"entries": 48, "teams": 8} and data["rounds"]["risk"] == {"entries": 0, "teams": 0}
    assert data["hall_graded"] == 0


def test_certainty_on_stage_says_why_it_is_not_computed_without_asking_for_a_paper(stage_db, tmp_path):
    path, _rules = stage_db
    note = json.loads(run("awards", path, "--json"))["certainty_note"]
    assert note == "现场赛按轮次记分，没有试卷，不计算谁已确定获奖"
    assert run("explain", path, "ST0001").rstrip().endswith("现场赛按轮次记分，没有试卷，不计算谁已确定获奖")
    out = CliRunner().invoke(cli, ["export", str(path), "--what", "certain", "--to", str(tmp_path / "c.csv")],
                             env={"SCOREBOARD_LANG": None})
    assert out.exit_code == 2 and "现场赛按轮次记分，没有试卷" in out.output and "items 与 points" not in out.output
    assert not (tmp_path / "c.csv").exists()
