"""Every word a reader of an export sees, in Chinese (the default) and English.

Headers, sheet names and the status texts live here so that the workbook,
the CSV files and the printed report say the same thing in the same words.
"""

from __future__ import annotations

from scoreboard.judging import KIND_NAMES

# Column headers, by column key.
HEAD: dict[str, tuple[str, str]] = {
    "no": ("序号", "No."),
    "rank": ("名次", "Rank"),
    "exam_no": ("准考证号", "Exam no."),
    "name": ("姓名", "Name"),
    "team": ("代表队", "Team"),
    "unit": ("单位", "Unit"),
    "group": ("组别", "Award group"),
    "group_rank": ("组内名次", "Group rank"),
    "total": ("总分", "Total"),
    "time_used": ("用时", "Time used"),
    "graded": ("已评题数", "Items graded"),
    "awards": ("获奖情况", "Awards"),
    "advancement": ("推荐情况", "Advancement"),
    "score": ("成绩", "Score"),
    "team_score": ("团体成绩", "Team score"),
    "members": ("参赛人数", "Members"),
    "present": ("实考人数", "Present"),
    "why": ("依据", "Why"),
    "award": ("奖项", "Award"),
    "list": ("名单", "List"),
    "event_id": ("记录号", "Event"),
    "at": ("时间", "When"),
    "actor": ("操作人", "Who"),
    "kind": ("操作", "What"),
    "data": ("内容", "Details"),
    "reason": ("理由", "Why"),
    "prev_hash": ("前一哈希", "Previous hash"),
    "hash": ("哈希", "Hash"),
    "cert_no": ("证书编号", "Certificate no."),
    "category": ("类别", "Category"),
    "contest": ("比赛名称", "Contest"),
    "date": ("日期", "Date"),
    "status": ("榜单状态", "List status"),
    "locked_at": ("定榜时间", "Locked at"),
    "locked_by": ("定榜人", "Locked by"),
    "chain": ("文件链头", "Chain head"),
    "note": ("备注", "Note"),
    "as_of": ("截至", "As of"),
}

# Sheet (and list) names, by list key.
SHEET: dict[str, tuple[str, str]] = {
    "results": ("个人成绩", "Individual results"),
    "teams": ("团体成绩", "Team results"),
    "awards": ("获奖名单", "Awards"),
    "advancement": ("推荐名单", "Advancement"),
    "audit": ("审计记录", "Audit log"),
    "certificates": ("证书名单", "Certificates"),
    "certain": ("确定获奖名单", "Certain of an award"),
}

KIND: dict[str, tuple[str, str]] = KIND_NAMES  # one naming of the judges' kinds (scoreboard.judging)

TEXT: dict[str, tuple[str, str]] = {
    # The mark on everything made from a list that is not locked; both languages on purpose.
    "provisional": ("临时/未定榜 PROVISIONAL", "PROVISIONAL (临时/未定榜)"),
    "provisional_banner": (
        "临时/未定榜 PROVISIONAL：本名单尚未定榜，仅供核对，不作为正式结果",
        "PROVISIONAL (临时/未定榜): this list is not locked; for checking only, not an official result",
    ),
    "pending_ties": ("有{n}处截止线并列待裁判决定", "{n} tie(s) at a cut-off await the judges"),
    "locked_banner": (
        "已定榜：{at}，定榜人{actor}；名单摘要{digest}；文件链头{chain}（封存全部成绩与{n}条裁判记录）",
        "Locked: {at} by {actor}; list digest {digest}; chain head {chain} (seals every mark and {n} judge events)",
    ),
    "locked_word": ("已定榜", "locked"),
    "locked_short": ("已定榜 {at} {actor}", "Locked {at} by {actor}"),
    "drift": (
        "注意：定榜后有成绩变动，当前计算结果与定榜名单不一致（以定榜名单为准）",
        "Note: marks changed after the lock; the live computation differs from the locked list (the locked list stands)",
    ),
    "chain_short": ("链头 {chain}", "chain head {chain}"),
    "page": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "made_at": ("导出时间 {at}", "Exported {at}"),
    "with_zone": ("{head}（{zone}）", "{head} ({zone})"),
    "none_yet": ("（暂无）", "(none yet)"),
    "pending_row": ("待裁定：{why}", "Pending: {why}"),
    "count": ("{label}（{n}）", "{label} ({n})"),
    "individual": ("个人", "individual"),
    "team_cat": ("团体", "team"),
    "team_name": ("{team}代表队", "{team}"),
    "chain_ok": ("文件校验通过（含{n}条裁判记录），链头{chain}；可用 scoreboard verify 数据库 --head 链头 核对",
                 "File verified ({n} judge events), chain head {chain}; check a file against it with "
                 "scoreboard verify DB --head HEAD"),
    "report": ("成绩报告", "Results report"),
    "top_individual": ("个人成绩", "Individual results"),
    "certain_title": ("{label}（已确定{n}个，共{places}个名额）", "{label} (certain: {n}; places: {places})"),
    "none_certain": ("（尚无确定获得者）", "(nobody certain of it yet)"),
    "certain_note": ("截至事件#{event}（{at}）：即使其余未评题目全部对其不利，以上仍必得此奖；此后的复评、取消成绩、"
                     "裁判裁定等变动不在此列，正式名单以定榜为准",
                     "As of event #{event} ({at}): even if every ungraded item went against them, those above get this "
                     "award; a later regrade, disqualification or judges' decision is not foreseen, and the official "
                     "list is the locked one"),
}


def head(key: str, lang: str) -> str:
    zh, en = HEAD[key]
    return en if lang == "en" else zh


def sheet(key: str, lang: str) -> str:
    zh, en = SHEET[key]
    return en if lang == "en" else zh


def kind(key: str, lang: str) -> str:
    zh, en = KIND.get(key, (key, key))
    return en if lang == "en" else zh


def text(key: str, lang: str, **params) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**params)
