"""`scoreboard export DB --what certain [--award ID]`: who is certain of each award while marking goes on, for
early certificates, in the formats export offers; exactly the `certainty` of `scoreboard awards --json`. Without
a declared paper it refuses, in the command's language."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from db.exports import LISTS
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster, with_paper
from tests.test_export_contest import awards_of, contest, run, standings_of
from tests.test_export_csv import read
from tests.test_progress import PRESET, make_db


@pytest.fixture(scope="module")
def mid(tmp_path_factory):
    """A Fujian final with the paper declared, most marks in: some certain of an award, some still open."""
    rules = with_paper(load_preset(PRESET))
    people = sample_roster(rules, 2024, 4)
    records = [rec for _t, rec in exam_day(rules, people, seed=5)]
    return make_db(tmp_path_factory.mktemp("certain") / "mid.db", rules, people, records[: int(len(records) * 0.97)])


def test_the_certain_csv_is_the_certainty_awards_json_gives(mid, tmp_path):
    ref = awards_of(mid)
    by_exam = {r["exam_no"]: r for r in standings_of(mid)["individual"]}
    run("export", mid, "--to", tmp_path / "c.csv", "--what", "certain")
    rows = read(tmp_path / "c.csv")
    labels = {a: label for a, label in ((x["id"], x["label"]) for x in ref["awards"] + ref["advancement"])}
    expected = [(aid, x) for aid, c in ref["certainty"].items() if not c["judges"] for x in c["certain"]]
    assert expected and any(c["possible"] for c in ref["certainty"].values())  # a day still open
    assert [(r["奖项"], r["准考证号"] or r["代表队"]) for r in rows] == \
        [(labels.get(aid, aid), x) for aid, x in expected]
    for r in rows:
        if r["准考证号"]:
            person = by_exam[r["准考证号"]]
            assert (r["姓名"], r["代表队"], r["单位"]) == (person["name"], person["team"], person["unit"])
        assert r["榜单状态"] == "临时/未定榜 PROVISIONAL" and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r["截至（北京时间）"])


def test_one_award_only_and_the_workbook_sheet(mid, tmp_path):
    ref = awards_of(mid)["certainty"]["expert"]
    run("export", mid, "--to", tmp_path / "e.csv", "--what", "certain", "--award", "expert")
    assert [r["准考证号"] for r in read(tmp_path / "e.csv")] == ref["certain"]
    run("export", mid, "--to", tmp_path / "e.xlsx", "--what", "certain", "--award", "expert", "--lang", "en")
    ws = load_workbook(tmp_path / "e.xlsx")["Certain of an award"]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    label = next(a["label"] for a in awards_of(mid, "en")["awards"] if a["id"] == "expert")
    assert f"{label} (certain: {len(ref['certain'])}; places: {ref['places']})" in values
    assert all(x in values for x in ref["certain"]) and any("even if every ungraded item" in str(v) for v in values)


def test_the_whole_workbook_leaves_the_certain_list_out(mid, tmp_path):
    run("export", mid, "--to", tmp_path / "all.xlsx")
    assert len(load_workbook(tmp_path / "all.xlsx").worksheets) == len(LISTS)


def test_refusals_say_why_in_the_commands_language(mid, tmp_path):
    out = run("export", mid, "--to", tmp_path / "x.csv", "--what", "certain", "--award", "organisation", ok=False)
    assert out.exit_code == 2 and "由裁判指定" in out.output and "expert" in out.output
    out = run("export", mid, "--to", tmp_path / "x.csv", "--what", "certain", "--award", "nope", ok=False)
    assert out.exit_code == 2 and "没有代号为“nope”的奖项" in out.output
    out = run("export", mid, "--to", tmp_path / "x.csv", "--award", "expert", ok=False)
    assert out.exit_code == 2 and "--what certain" in out.output
    assert not (tmp_path / "x.csv").exists()


def test_without_a_paper_the_certain_list_is_refused(tmp_path):
    db = contest(tmp_path / "plain", locked=False, per_team=3)
    out = run("export", db, "--to", tmp_path / "x.csv", "--what", "certain", ok=False)
    assert out.exit_code == 2 and "规则未声明试卷结构" in out.output and "选择题" in out.output
    out = run("export", db, "--to", tmp_path / "x.csv", "--what", "certain", "--lang", "en", ok=False)
    assert out.exit_code == 2 and "the rules declare no paper" in out.output and "Traceback" not in out.output
    assert not (tmp_path / "x.csv").exists()
