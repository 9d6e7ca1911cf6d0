"""Writing an export where it cannot go is one clear line of error (exit 2), never a traceback."""

from __future__ import annotations

import os

import pytest

from tests.test_export_contest import contest, run

TARGETS = [("export", "x.xlsx"), ("export", "x.csv"), ("report", "x.html"), ("report", "x.pdf")]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return contest(tmp_path_factory.mktemp("targets"), locked=True, per_team=2)


def refused(*args) -> list[str]:
    result = run(*args, ok=False)  # an exception escaping the command would fail the test here
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("command,name", TARGETS)
def test_a_missing_folder_is_named_in_one_line_in_chinese(db, tmp_path, command, name):
    out = tmp_path / "no" / "such" / name
    line = refused(command, db, "--to", out)
    assert line == f"错误：无法写入 {out}：文件夹 {out.parent} 不存在"
    assert not out.parent.exists()


@pytest.mark.parametrize("command,name", TARGETS)
def test_a_missing_folder_is_named_in_english_with_lang_en(db, tmp_path, command, name):
    out = tmp_path / "missing" / name
    line = refused(command, db, "--to", out, "--lang", "en")
    assert line == f"error: cannot write {out}: the folder {out.parent} does not exist"


def test_a_file_where_the_folder_should_be_is_refused(db, tmp_path):
    (tmp_path / "plain.txt").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "plain.txt" / "x.xlsx"
    assert refused("export", db, "--to", out) == f"错误：无法写入 {out}：{out.parent} 不是文件夹"


@pytest.mark.parametrize("command,name", TARGETS[:3])
def test_a_write_the_system_refuses_is_one_line_naming_the_reason(db, tmp_path, command, name):
    out = tmp_path / ("长" * 100 + name)  # 300 bytes: longer than any file system allows a name to be
    assert refused(command, db, "--to", out) == f"错误：无法写入 {out}：文件名太长"
    assert refused(command, db, "--to", out, "--lang", "en") == \
        f"error: cannot write {out}: the file name is too long"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into any folder")
@pytest.mark.parametrize("command,name", TARGETS[:3])
def test_a_folder_without_write_permission_is_one_line(db, tmp_path, command, name):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert refused(command, db, "--to", folder / name) == f"错误：无法写入 {folder / name}：没有写入权限"
    finally:
        folder.chmod(0o700)
