"""What the database's shell commands say, in Chinese (the default) and English.

One catalogue for db/cli.py, db/export_cli.py, the loader's summary, `--at` and the database's own refusals
(`StoreError.of`), so every command says the same thing the same way. The judges' commands keep theirs in
db/judge_cli.py; the help is in db/helptext.py.
"""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    # how a command's problems and notes begin
    "error": ("错误：{line}", "error: {line}"),
    "roster_refused": ("共{n}处问题，名单未导入", "{n} problem(s); nothing was imported"),
    # init, presets, the samples
    "one_rules": ("请给出 --preset 或 --rules，只能二选一", "give exactly one of --preset or --rules"),
    "bad_date": ("--date {date}：日期请写成 YYYY-MM-DD，例如 2024-08-22",
                 "--date {date}: give the day as YYYY-MM-DD, e.g. 2024-08-22"),
    "created": ("{db}：{title}，{n} 名选手，{teams} 支代表队", "{db}: {title}, {n} contestants in {teams} teams"),
    "unknown_preset": ("没有名为“{name}”的规则预设（现有：{known}）", "unknown preset '{name}' (known: {known})"),
    "roster_written": ("{out}：{n} 名选手", "{out}: {n} contestants"),
    "day_written": ("{out}：{n} 条记录", "{out}: {n} records"),
    "not_who": ("“{who}”既不是本场比赛的准考证号，也不是代表队", "'{who}' is neither an exam number nor a team of this contest"),
    # load (offline)
    "loaded": ("{file}：读入 {lines} 行，写入 {accepted} 条，重复 {duplicates} 条",
               "{file}: {lines} lines read, {accepted} applied, {duplicates} duplicates"),
    "quarantined": ("隔离 {n} 条（{detail}）", "{n} quarantined ({detail})"),
    "gaps": ("序号有 {n} 处跳号：{gaps}", "{n} gap(s) in seq: {gaps}"),
    "gap": ("{source} 缺 {first}..{last}（第 {line} 行）", "{source} {first}..{last} missing (line {line})"),
    # --at
    "at_not_moment": ("--at “{text}”不是一个时刻：请用 HH:MM[:SS]（比赛时钟，{zone}）、ISO 日期时间或纪元秒数",
                      "--at '{text}' is not a moment: use HH:MM[:SS] (on the contest's clock, {zone}), an ISO "
                      "date-time or epoch seconds"),
    "at_empty_log": ("--at “{text}”：日志里还没有任何事件，无从确定比赛日", "--at '{text}': the log is empty, so "
                     "there is no contest day to place it on"),
    # verify
    "verified": ("校验通过：{events} 条事件（其中裁判记录 {judges} 条）、{seals} 个封存，链头 {head}",
                 "ok: {events} events ({judges} by judges) in {seals} seals, chain head {head}"),
    "verify_failed": ("校验失败（{n} 处不符），第一处：{first}", "verification FAILED ({n} problem(s)); first: {first}"),
    "verify_more": ("  … 另有 {n} 处", "  … and {n} more"),
    "note": ("注：{text}", "note: {text}"),
    # export, report
    "export_suffix": ("{out}：文件名须以 .xlsx（工作簿）或 .csv（一个名单）结尾",
                      "{out}: the file must end in .xlsx (workbook) or .csv (one list)"),
    "report_suffix": ("{out}：文件名须以 .html 或 .pdf 结尾", "{out}: the file must end in .html or .pdf"),
    "no_pdf": ("本机无法生成 PDF（{why}）。请改为输出 FILE.html，再用浏览器打印",
               "cannot make a PDF here: {why}. Write FILE.html and print it from a browser instead"),
    "exported_csv": ("{out}：{what}，{n} 行 [{status}]", "{out}: {n} rows of {what} [{status}]"),
    "exported_book": ("{out}：{n} 张工作表 [{status}]", "{out}: {n} sheet(s) [{status}]"),
    "reported": ("{out}：成绩报告 [{status}]", "{out}: report [{status}]"),
    "chain": ("链头 {head}", "chain {head}"),
    "certain_stage": ("无法导出确定获奖名单：现场赛按轮次记分，没有试卷，不计算谁已确定获奖",
                      "cannot export who is certain of an award: an on-stage contest is scored round by round, with "
                      "no paper, so certainty is not computed"),
    "certain_no_paper": ("无法导出确定获奖名单：规则未声明试卷结构（各题型的题数与分值），无从判断谁已确定获奖（{why}）。"
                         "请在规则的每个 [[sections]] 写上 items 与 points（见 docs/rules.md）",
                         "cannot export who is certain of an award: the rules declare no paper (items and points per "
                         "section), so certainty is not computed ({why}). Give items and points in each [[sections]] "
                         "of the rules (docs/rules.md)"),
    "award_needs_certain": ("--award 只用于确定获奖名单：请同时给出 --what certain",
                            "--award is for the list of those certain of an award: give --what certain with it"),
    "award_by_judges": ("“{award}”由裁判指定、不由成绩决定，不计算谁已确定获得；可选：{known}",
                        "'{award}' is given by the judges, not by the marks, so nobody is certain of it by marks; "
                        "choose one of: {known}"),
    "no_such_award": ("没有代号为“{award}”的奖项；可选：{known}", "no award with the id '{award}'; choose one of: {known}"),
    # the database's own refusals (db/store.py)
    "read_only_file": ("{path}：文件只读；比赛数据库必须可写（请检查权限，或复制到可写的磁盘上）",
                       "{path}: the file is read-only; a contest database must be writable (check its permissions, "
                       "or copy it to a writable disk)"),
    "read_only_folder": ("{path}：所在文件夹只读；SQLite 需要在文件旁边写日志文件",
                         "{path}: its folder is read-only; SQLite needs to write its journal beside the file"),
    "no_db": ("{path}：没有这个比赛数据库（用 scoreboard init 创建）",
              "{path}: no such contest database (create it with 'scoreboard init')"),
    "not_db": ("{path}：不是比赛数据库（{why}）", "{path}: not a contest database ({why})"),
    "no_rules": ("{path}：不是比赛数据库（没有规则）", "{path}: not a contest database (no rules)"),
    "newer": ("{path}：由更新的版本创建（数据结构 {version}），请升级本程序",
              "{path}: made by a newer version (schema {version})"),
    "exists": ("{path}：已存在；比赛数据库从不覆盖", "{path}: already exists; a contest database is never overwritten"),
    "busy": ("{path}：另一个写入者（正在运行的数据服务？）占用着这个数据库；{instead}",
             "{path}: another writer (a running feeder?) holds this database; {instead}"),
    "instead_console": ("请改在裁判台上操作", "send the command through the judges' console instead"),
    "instead_via": ("请以该考场身份经正在运行的数据服务导入：scoreboard load --via ws://HOST:PORT/feed FILE "
                    "--source HALL --token-file HALL.token",
                    "load the file through the running feeder, as its hall: scoreboard load --via "
                    "ws://HOST:PORT/feed FILE --source HALL --token-file HALL.token"),
}


def say(key: str, lang: str = "zh", **params) -> str:
    zh, en = SAID[key]
    return (en if lang == "en" else zh).format(**params)
