"""Changes on the day from the shell and over the feeder, and where they show: the lists, the exports,
the audit sheet, explain (db/judge_cli.py)."""

from __future__ import annotations

import json
import sqlite3

import openpyxl
import pytest
from click.testing import CliRunner

from db.store import Store
from db.verify import verify
from display.cli import cli

from .feeder_support import CHIEF, JUDGE, login, make_db, pack, recv_until, running


def run(*args, ok: bool = True):
    out = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert out.exit_code == 0, out.output
    return out


@pytest.fixture(scope="module")
def shaanxi_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("sx")
    run("sample-roster", "--preset", "shaanxi-2021-provincial", "--out", d / "r.csv")
    run("init", d / "c.db", "--preset", "shaanxi-2021-provincial", "--roster", d / "r.csv", "--date", "2021-07-10")
    run("sample-day", "--preset", "shaanxi-2021-provincial", "--roster", d / "r.csv", "--out", d / "day.jsonl")
    run("load", d / "c.db", d / "day.jsonl")
    with sqlite3.connect(d / "c.db") as conn:  # into the file itself: the tests copy it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return d / "c.db"


@pytest.fixture
def db(shaanxi_db, tmp_path):
    import shutil

    shutil.copy(shaanxi_db, tmp_path / "c.db")
    return tmp_path / "c.db"


def leader(db) -> str:
    return json.loads(run("standings", db, "--json").output)["individual"][0]["exam_no"]


def test_a_disqualification_from_the_shell_says_what_it_did_and_the_lists_show_it(db, tmp_path):
    who = leader(db)
    out = run("disqualify", db, who, "--by", "李主裁", "--why", "考场违纪：携带手机").output
    assert f"已取消 {who} " in out and "现不参加个人排名和奖项（取消成绩）" in out and "获奖名单现为：" in out
    table = run("standings", db).output
    assert f"│ 取消 │ {who} " in table
    rows = json.loads(run("standings", db, "--json").output)["individual"]
    assert rows[-1]["exam_no"] == who and rows[-1]["status"] == "disqualified" and rows[-1]["rank"] == 0
    assert "•\u00a0" in run("explain", db, who).output and "取消成绩，李主裁：考场违纪：携带手机" in run("explain", db, who).output
    run("export", db, "--to", tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    ws = wb["个人成绩"]
    header = [c.value for c in ws[3]]
    mine = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == who)
    assert mine[0] == "取消" and mine[header.index("备注")] == "取消成绩"
    audit = [r for r in wb["审计记录"].iter_rows(min_row=4, values_only=True)]
    assert any(r[3] == "取消成绩" and r[5] == "考场违纪：携带手机" for r in audit)
    assert verify(Store(db)).ok


def test_a_flag_is_corrected_by_its_column_name_and_voids_the_contestant(db):
    who = leader(db)
    out = run("correct", db, who, "--flag", "获得2020年度全国“人社知识通”=是", "--by", "李主裁", "--why", "经核实").output
    assert "获得2020年度全国“人社知识通”称号：是" in out and "（不符合参赛资格）" in out
    bad = run("correct", db, who, "--flag", "往届全国参赛=是", "--by", "李主裁", "--why", "x", "--lang", "en", ok=False)
    assert bad.exit_code == 2 and "unknown flag" in bad.output and "获得2020年度全国“人社知识通”" in bad.output
    bad = run("correct", db, who, "--flag", "往届全国参赛=是", "--by", "李主裁", "--why", "x", ok=False)
    assert bad.exit_code == 2 and "没有这个标记" in bad.output and "获得2020年度全国“人社知识通”" in bad.output


def test_a_corrected_name_is_printed_on_the_certificates(db, tmp_path):
    who = leader(db)
    run("correct", db, who, "--name", "改正后的名字", "--by", "张裁判", "--why", "姓名录入错误")
    for cmd in (["confirm", db, "--by", "张裁判"], ["lock", db, "--by", "李主裁"]):
        run(*cmd)
    run("export", db, "--to", tmp_path / "c.csv", "--what", "certificates")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "改正后的名字" in text and "2021年7月10日" in text


def test_a_withdrawal_and_a_reinstatement(db):
    who = leader(db)
    run("withdraw", db, who, "--by", "张裁判", "--why", "弃权离场")
    assert f"│ 缺考 │ {who} " in run("standings", db).output
    out = run("reinstate", db, who, "--by", "李主裁", "--why", "误记").output
    assert f"已恢复 {who} " in out and leader(db) == who


def test_a_change_the_rules_refuse_is_one_clear_line(db):
    out = run("substitute", db, "--out", "SX0001", "--in", "SX0002", "--by", "x", "--why", "y", "--lang", "en",
              ok=False)
    assert out.exit_code == 2 and "a substitution is for an on-stage contest" in out.output
    out = run("withdraw", db, "NOBODY", "--by", "x", "--why", "y", "--lang", "en", ok=False)
    assert out.exit_code == 2 and "'NOBODY' is not a contestant" in out.output
    out = run("withdraw", db, "NOBODY", "--by", "x", "--why", "y", ok=False)  # Chinese by default: one line
    assert out.exit_code == 2 and out.output.startswith("错误：") and out.output.count("\n") == 1
    assert "NOBODY" in out.output and "\nerror" not in out.output


def test_a_substitution_from_the_shell_on_stage(tmp_path):
    run("sample-roster", "--preset", "regional-2021-west", "--out", tmp_path / "r.csv")
    run("init", tmp_path / "w.db", "--preset", "regional-2021-west", "--roster", tmp_path / "r.csv")
    people = Store(tmp_path / "w.db").contestants()
    team = people[0].team
    sub = next(c for c in people if c.team == team and c.has("substitute"))
    out = run("substitute", tmp_path / "w.db", "--out", people[0].exam_no, "--in", sub.exam_no,
              "--from-round", "risk", "--by", "记分员", "--why", "伤病").output
    assert f"已记录替补上场：{sub.exam_no} 替换 {people[0].exam_no}，自risk起" in out
    st = json.loads(run("standings", tmp_path / "w.db", "--json").output)
    assert st["substitutions"][sub.exam_no] == {"role": "in", "other": people[0].exam_no, "from_round": "risk",
                                                "round": "风险题", "round_en": "Risk round"}


def test_awards_in_text_shows_drift_after_the_lock(db):
    run("confirm", db, "--by", "张裁判")
    run("lock", db, "--by", "李主裁")
    run("disqualify", db, leader(db), "--by", "李主裁", "--why", "违纪", ok=False)  # refused: locked
    day = db.parent / "late.jsonl"
    day.write_text(json.dumps({"type": "result", "seq": 999999, "contestant": "SX0200", "item": "late-01",
                               "section": "case", "score": 100, "max": 100}) + "\n", encoding="utf-8")
    run("load", db, day, "--source", "late")
    assert "⚠ 注意：定榜后成绩有变，现时计算的名单与定榜名单不同（以定榜名单为准）" in run("awards", db).output


def test_a_finalists_reason_names_the_pool_so_a_higher_province_without_an_entry_is_seen(tmp_path):
    from tests.test_awards import ranked_field
    from scoreboard.rules import load_preset
    from scoreboard.sample import sample_roster

    national = load_preset("national-2021-qualifier")
    aw = ranked_field(national, sample_roster(national, per_team=3)).board().awards()
    first = next(a for a in aw.awards if a.award_id == "finalist")
    why = first.why("zh")
    assert why.endswith("团体排名第3名；北京、天津不在获得全国赛参赛单列资格的省份之列；在其中排第1名，在前8名之内")


async def test_over_the_feeder_only_the_chief_disqualifies(tmp_path):
    db = make_db(tmp_path)
    async with running(db) as (_feeder, url):
        judge, _ = await login(url, "judge", *JUDGE)
        await recv_until(judge, "snapshot")
        await judge.send(pack({"type": "command", "id": 1, "kind": "disqualify", "data": {"exam_no": "FJ0001"},
                               "reason": "违纪"}))
        res = await recv_until(judge, "result")
        assert (res["ok"], res["code"]) == (False, "forbidden")
        chief, _ = await login(url, "chief", *CHIEF)
        await recv_until(chief, "snapshot")
        await chief.send(pack({"type": "command", "id": 2, "kind": "disqualify", "data": {"exam_no": "FJ0001"},
                               "reason": "违纪"}))
        res = await recv_until(chief, "result")
        assert res["ok"] is True
        await judge.close()
        await chief.close()
    assert Store(db).fold().status("FJ0001") == "disqualified"
