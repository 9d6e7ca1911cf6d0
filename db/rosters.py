"""Reading roster files (CSV or XLSX) into rows for `scoreboard.roster.check_roster`."""

from __future__ import annotations

import csv
from pathlib import Path

from scoreboard.roster import COLUMNS, Contestant, Problem, RosterError, check_roster
from scoreboard.rules import Rules


def read_rows(path: str | Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """Headers and (row number, {header: value}) for a CSV (UTF-8, with or without BOM) or XLSX file."""
    p = Path(path)
    if not p.exists():
        raise RosterError([Problem(str(p), 0, "", "no such file", "文件不存在")])
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p)
    if suffix in (".csv", ".txt"):
        return _read_csv(p)
    raise RosterError([Problem(str(p), 0, "", f"unsupported roster format '{suffix}' (use .csv or .xlsx)",
                                   f"不支持的名单格式“{suffix}”（请用 .csv 或 .xlsx）")])


def _read_csv(p: Path):
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = p.read_text(encoding="gb18030")
        except UnicodeDecodeError:
            raise RosterError([Problem(str(p), 0, "", "not UTF-8 or GB18030 text", "不是 UTF-8 或 GB18030 编码的文本")]) from None
    reader = csv.reader(text.splitlines())
    rows = list(reader)
    if not rows:
        raise RosterError([Problem(str(p), 0, "", "the file is empty", "文件为空")])
    headers = [h.strip() for h in rows[0]]
    out = []
    for i, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(headers):
            raise RosterError([Problem(str(p), i, "", f"{len(values)} values but only {len(headers)} columns",
                                            f"有{len(values)}个值，但只有{len(headers)}列")])
        out.append((i, dict(zip(headers, values))))
    return headers, out


def _read_xlsx(p: Path):
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise RosterError([Problem(str(p), 0, "", f"not a readable Excel workbook: {exc}",
                                           f"无法读取的 Excel 工作簿：{exc}")]) from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    first = next(it, None)
    if first is None:
        raise RosterError([Problem(str(p), 0, "", "the first sheet is empty", "第一张工作表为空")])
    headers = ["" if h is None else str(h).strip() for h in first]
    out = []
    for i, values in enumerate(it, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        out.append((i, {h: v for h, v in zip(headers, values) if h}))
    wb.close()
    return headers, out


def load_roster(rules: Rules, path: str | Path) -> list[Contestant]:
    headers, rows = read_rows(path)
    return check_roster(rules, str(path), headers, rows)


def write_roster_csv(rules: Rules, contestants: list[Contestant], path: str | Path, chinese: bool = True) -> None:
    """A roster file for the contest of `rules`: the columns, then one yes/no column per flag, named as the
    rules word it (another contest's flag columns would be refused when it is read back)."""
    flags = rules.flags
    cols = list(COLUMNS)
    head = [COLUMNS[c][1] if chinese else c for c in cols] + [f.column if chinese else f.id for f in flags]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        for c in contestants:
            d = c.as_dict()
            w.writerow([d[k] for k in cols] + [("是" if fl.id in c.flags else "否") for fl in flags])
