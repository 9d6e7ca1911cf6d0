"""The shell commands, run for real on a real database file."""

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from display.cli import cli


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def all_commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, prefix + (name,))


def test_every_command_has_help():
    missing = [" ".join(path) for path, cmd in all_commands(cli) if not (cmd.help or "").strip()]
    assert missing == []
    for path, cmd in all_commands(cli):
        for p in cmd.params:
            if isinstance(p, click.Option) and p.name not in ("help", "version"):
                assert p.help, f"{' '.join(path)} {p.opts[0]} has no help"


@pytest.fixture
def contest(tmp_path):
    roster, db, day = tmp_path / "r.csv", tmp_path / "c.db", tmp_path / "d.jsonl"
    run("sample-roster", "--preset", "fujian-2024-final", "--out", roster)
    run("init", db, "--preset", "fujian-2024-final", "--roster", roster)
    run("sample-day", "--preset", "fujian-2024-final", "--roster", roster, "--out", day)
    return db, roster, day


def test_init_load_awards_gives_20_experts_33_stars_and_6_team_prizes(contest):
    db, _, day = contest
    out = run("load", db, day, "--lang", "en").output
    assert "applied" in out and "quarantined" not in out
    data = json.loads(run("awards", db, "--json").output)
    ids = [a["id"] for a in data["awards"]]
    assert (ids.count("expert"), ids.count("star")) == (20, 33)
    assert sum(ids.count(t) for t in ("team_first", "team_second", "team_third")) == 6
    assert all(a["why"] for a in data["awards"])
    assert data["provisional"] is False and data["ties"] == []
    team = next(a for a in data["awards"] if a["id"] == "team_first")
    assert team["recipient"] in {"福州", "厦门", "漳州", "泉州", "三明", "莆田", "南平", "龙岩", "宁德", "平潭", "省直"}


def write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")


def test_an_unbreakable_tie_at_20th_makes_the_list_provisional_and_names_the_tied(tmp_path, contest):
    db = contest[0]
    records, seq = [], 0
    for i in range(1, 22):  # FJ0001..FJ0021 score 100-i; FJ0020 and FJ0021 are equal on every key
        score = 100.0 - min(i, 20)
        seq += 1
        records.append({"type": "result", "seq": seq, "contestant": f"FJ{i:04d}", "item": "choice-01",
                        "section": "choice", "score": score, "max": 100})
        seq += 1
        records.append({"type": "finish", "seq": seq, "contestant": f"FJ{i:04d}", "time_used": 3600.0})
    write_jsonl(tmp_path / "t.jsonl", records)
    run("load", db, tmp_path / "t.jsonl")
    data = json.loads(run("awards", db, "--json").output)
    assert data["provisional"] is True and data["ties"] == [["FJ0020", "FJ0021"]]
    assert "FJ0020" in run("awards", db).output
    run("confirm", db, "--by", "张裁判", code=2)
    out = run("decide", db, "--award", "expert", "--order", "FJ0021,FJ0020", "--by", "张裁判", "--why", "加赛").output
    assert "已记录对全省“人社知识通”截止线并列的裁定" in out and "排序 FJ0021 → FJ0020" in out
    data = json.loads(run("awards", db, "--json").output)
    assert data["provisional"] is False and "FJ0021" in [a["recipient"] for a in data["awards"] if a["id"] == "expert"]
    run("confirm", db, "--by", "张裁判")
    asked = run("lock", db, "--by", "李主任", code=2).output  # 优秀组织奖 has no one yet: asked, not locked
    assert "以下由裁判授予的奖项尚无获奖者：优秀组织奖" in asked and "--yes" in asked
    assert "已定榜" in run("lock", db, "--by", "李主任", "--yes").output
    assert json.loads(run("awards", db, "--json").output)["status"] == "locked"
    assert run("verify", db, "--lang", "en").output.startswith("ok: 45 events (3 by judges)")


def test_bad_records_are_quarantined_and_counted_and_the_rest_applied(tmp_path, contest):
    db = contest[0]
    (tmp_path / "bad.jsonl").write_text(
        '{"type": "result", "seq": 1, "contestant": "FJ0001", "item": "case-01", "section": "case", "score": 8, "max": 10}\n'
        "not json\n"
        '{"type": "result", "seq": 2, "contestant": "XX", "item": "case-01", "section": "case", "score": 8, "max": 10}\n'
        '{"type": "result", "seq": 3, "contestant": "FJ0002", "item": "case-01", "section": "case", "score": 11, "max": 10}\n',
        encoding="utf-8",
    )
    out = run("load", db, tmp_path / "bad.jsonl", "--lang", "en").output
    assert "1 applied" in out and "3 quarantined" in out
    assert "bad_json 1" in out and "unknown_contestant 1" in out and "score_out_of_range 1" in out


def test_a_line_with_a_lone_surrogate_escape_is_quarantined_not_a_crash(tmp_path, contest):
    db = contest[0]
    (tmp_path / "odd.jsonl").write_text(
        '{"type": "result", "seq": 1, "contestant": "FJ0001", "item": "case-\\ud800", "section": "case", '
        '"score": 8, "max": 10}\n'
        '{"type": "result", "seq": 2, "contestant": "FJ0001", "item": "case-01", "section": "case", "score": 8, '
        '"max": 10}\n', encoding="utf-8")
    out = run("load", db, tmp_path / "odd.jsonl", "--lang", "en").output
    assert "1 applied" in out and "bad_record 1" in out


def test_a_broken_roster_exits_2_with_one_line_per_problem_and_creates_nothing(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("准考证号,姓名,代表队,单位\nFJ1,张三,福州,u\nFJ1,李四,台北,u\nFJ3,,福州,u\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "c.db"), "--preset", "fujian-2024-final",
                                      "--roster", str(roster)])
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.startswith("错误：")]
    assert len(lines) == 3 and "第3行" in lines[0] and "第4行" in lines[1]  # Chinese by default
    assert lines[2] == "错误：共2处问题，名单未导入"
    assert not (tmp_path / "c.db").exists()
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "c.db"), "--preset", "fujian-2024-final",
                                      "--roster", str(roster), "--lang", "en"])
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert result.exit_code == 2 and len(lines) == 3 and "row 3" in lines[0] and "row 4" in lines[1]


def test_standings_and_explain_speak_chinese_by_default_and_english_on_request(contest):
    db, _, day = contest
    run("load", db, day)
    assert "个人排名" in run("standings", db, "--limit", "3").output
    assert "Individual ranking" in run("standings", db, "--limit", "3", "--lang", "en").output
    assert "总排名第" in run("explain", db, "FJ0001").output
    assert "rank" in run("explain", db, "福州", "--lang", "en").output
    assert "neither an exam number" in run("explain", db, "NOBODY", "--lang", "en", code=2).output
    assert "既不是本场比赛的准考证号，也不是代表队" in run("explain", db, "NOBODY", code=2).output


def test_standings_at_a_moment_fold_only_what_came_before(contest):
    db, _, day = contest
    run("load", db, day)
    full = json.loads(run("standings", db, "--json").output)
    early = json.loads(run("standings", db, "--json", "--at", "0").output)
    assert early["event_id"] == 0 and full["event_id"] > 0


def test_the_entry_point_runs_as_a_program():
    out = subprocess.run([sys.executable, "-m", "display", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "scoreboard" in out.stdout
