"""Roster files: CSV (UTF-8 or GB18030) and XLSX, read into the same checks."""

import openpyxl
import pytest

from db.rosters import load_roster, write_roster_csv
from scoreboard.roster import RosterError
from scoreboard.sample import sample_roster


def test_a_written_roster_reads_back_the_same(tmp_path, fujian, fujian_roster):
    write_roster_csv(fujian, fujian_roster, tmp_path / "r.csv")
    assert load_roster(fujian, tmp_path / "r.csv") == fujian_roster


def test_an_excel_roster_with_chinese_headers_is_read(tmp_path, shaanxi):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["准考证号", "姓名", "代表队", "单位", "组别", *(f.column for f in shaanxi.flags)])
    ws.append(["SX0001", "张三", "西安", "西安市社保中心", None, "否", 0, None])
    ws.append([None, None, None, None, None, None, None, None])
    ws.append([20210002, "李四", "韩城", "韩城市就业局", "", False, "no", True])
    wb.save(tmp_path / "r.xlsx")
    people = load_roster(shaanxi, tmp_path / "r.xlsx")
    assert [(p.exam_no, p.team, p.group) for p in people] == [("SX0001", "西安", "西安"), ("20210002", "韩城", "韩城")]
    assert people[1].flags == {"prior_expert"}


def test_a_written_roster_carries_the_contests_own_flag_columns(tmp_path, shaanxi):
    from dataclasses import replace

    people = sample_roster(shaanxi, per_team=1)
    people[0] = replace(people[0], flags=frozenset({"prior_expert"}))
    write_roster_csv(shaanxi, people, tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[0].endswith("获得2020年陕西“人社知识通”")
    assert load_roster(shaanxi, tmp_path / "r.csv") == people


def test_an_excel_roster_reports_the_sheet_row_of_a_problem(tmp_path, fujian):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["准考证号", "姓名", "代表队", "单位"])
    ws.append(["FJ1", "张三", "福州", "u"])
    ws.append(["FJ2", "李四", "福州", None])
    wb.save(tmp_path / "r.xlsx")
    with pytest.raises(RosterError) as err:
        load_roster(fujian, tmp_path / "r.xlsx")
    assert str(err.value.problems[0]).endswith("r.xlsx, row 3, column 单位: '单位' is empty")


def test_a_gb18030_csv_is_read(tmp_path, fujian):
    (tmp_path / "r.csv").write_bytes("准考证号,姓名,代表队,单位\nFJ1,张三,福州,福州市人社局\n".encode("gb18030"))
    assert load_roster(fujian, tmp_path / "r.csv")[0].name == "张三"


@pytest.mark.parametrize("name, content, words", [
    ("r.pdf", b"%PDF", "unsupported roster format"),
    ("r.xlsx", b"not a zip", "not a readable Excel workbook"),
    ("r.csv", b"", "the file is empty"),
    ("r.csv", "准考证号,姓名\nA,B,C\n".encode(), "3 values but only 2 columns"),
])
def test_a_broken_file_is_named(tmp_path, fujian, name, content, words):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(RosterError, match=words):
        load_roster(fujian, tmp_path / name)


def test_generated_rosters_fill_every_quota(fujian, shaanxi):
    assert len(sample_roster(fujian)) == 260
    assert len(sample_roster(shaanxi)) == sum(t.quota for t in shaanxi.teams)
