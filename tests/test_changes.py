"""Changes on the day (scoreboard/changes.py): disqualify, reinstate, withdraw, correct, substitute.

Each is a judge's event: folded like any other, so replaying the log gives the same state; a voided
contestant leaves every individual ranking and award (the next in line moves up and its reason names
them) and counts as absent in the team score; the seeds' awards stay what the seeds give.
"""

from __future__ import annotations

from collections import Counter

import pytest

from scoreboard.board import Board
from scoreboard.changes import sub_note
from scoreboard.explain import explain_contestant
from scoreboard.judging import check_command
from scoreboard.sample import sample_roster, stage_day

from .conftest import Day
from .test_awards import ids, ranked_field, shaanxi_roster  # noqa: F401 (a fixture)


def act(board: Board, day: Day, kind: str, data: dict, role: str = "chief", reason: str = "理由"):
    bad = check_command(board, role, kind, data, reason)
    assert bad is None, bad
    ev = day.judge(kind, data, actor="李主裁", reason=reason)
    board.apply(ev)
    return ev


@pytest.fixture
def fujian_day(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster)
    board = day.board()
    return day, board


def test_a_disqualified_expert_leaves_the_list_and_the_21st_moves_up_naming_them(fujian_day):
    day, board = fujian_day
    assert ids(board.awards(), "expert")[-1] == "FJ0020"
    act(board, day, "disqualify", {"exam_no": "FJ0003"}, reason="考场违纪")
    st, aw = board.standings(), board.awards()
    experts = ids(aw, "expert")
    assert "FJ0003" not in experts and experts[-1] == "FJ0021" and len(experts) == 20
    row = st.by_exam["FJ0003"]
    assert (row.rank, row.group_rank, row.status) == (0, 0, "disqualified") and st.rows[-1].exam_no == "FJ0003"
    assert st.by_exam["FJ0004"].rank == 3  # ranks close up
    why = next(a for a in aw.awards if a.award_id == "expert" and a.recipient == "FJ0021").why("zh")
    assert why.startswith("个人总排名第20名；FJ0003 ") and "（取消成绩）不计，依次顺延后为第20位获奖者（共20名）" in why
    assert "FJ0003" not in ids(aw, "star") and "FJ0003" not in ids(aw, "national_team")


def test_the_seeds_counts_hold_after_changes_on_the_day(fujian_day):
    day, board = fujian_day
    act(board, day, "disqualify", {"exam_no": "FJ0001"})
    act(board, day, "withdraw", {"exam_no": "FJ0030"}, role="judge")
    act(board, day, "correct", {"exam_no": "FJ0040", "flags": {"national_title": True}})
    counts = Counter(a.award_id for a in board.awards().awards)
    assert counts == {"expert": 20, "star": 33, "team_first": 1, "team_second": 2, "team_third": 3}


def test_a_voided_member_counts_as_absent_in_the_team_score(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster)
    board = day.board()
    before = board.standings().by_team["福州"]
    act(board, day, "withdraw", {"exam_no": "FJ0001"}, role="judge")
    after = board.standings().by_team["福州"]
    assert after.present == before.present - 1
    assert after.score == before.score - board.totals["FJ0001"] / len(before.members)  # mean, absent counts 0


def test_a_flag_found_wrong_has_a_disqualifications_effect_and_only_the_chief_may_set_it(fujian_day):
    day, board = fujian_day
    data = {"exam_no": "FJ0002", "flags": {"national_title": True}}
    refused = check_command(board, "judge", "correct", data, "经核实")
    assert refused.code == "forbidden" and "chief" in refused.message
    act(board, day, "correct", data, reason="经核实曾获全国人社知识通")
    assert board.status("FJ0002") == "ineligible" and "FJ0002" not in ids(board.awards(), "expert")
    why = next(a for a in board.awards().awards if a.recipient == "FJ0021").why("zh")
    assert "FJ0002 " in why and "（不符合参赛资格：获得过全国“人社知识通”称号）" in why
    act(board, day, "correct", {"exam_no": "FJ0002", "flags": {"national_title": False}}, reason="更正")
    assert board.status("FJ0002") == "" and "FJ0002" in ids(board.awards(), "expert")


def test_a_corrected_name_is_what_every_list_prints_from_then_on(fujian_day):
    from scoreboard.serialize import awards_json, standings_json

    day, board = fujian_day
    act(board, day, "correct", {"exam_no": "FJ0001", "name": "田晓晓", "unit": "福州市社会保险中心"}, role="judge")
    st = board.standings()
    assert (st.by_exam["FJ0001"].name, st.by_exam["FJ0001"].unit) == ("田晓晓", "福州市社会保险中心")
    rows = standings_json(board.rules, st)["individual"]
    assert next(r for r in rows if r["exam_no"] == "FJ0001")["name"] == "田晓晓"
    assert next(a for a in awards_json(board)["awards"] if a["recipient"] == "FJ0001")["name"] == "田晓晓"


def test_reinstating_undoes_a_disqualification_or_a_withdrawal_but_not_an_ineligibility(fujian_day):
    day, board = fujian_day
    assert check_command(board, "chief", "reinstate", {"exam_no": "FJ0001"}, "x").message.endswith(
        "not disqualified or withdrawn")
    act(board, day, "disqualify", {"exam_no": "FJ0001"})
    assert check_command(board, "judge", "reinstate", {"exam_no": "FJ0001"}, "x").code == "forbidden"
    act(board, day, "reinstate", {"exam_no": "FJ0001"}, reason="复核后撤销")
    assert board.status("FJ0001") == "" and board.standings().by_exam["FJ0001"].rank == 1
    act(board, day, "correct", {"exam_no": "FJ0005", "flags": {"prior_national": True}})
    bad = check_command(board, "chief", "reinstate", {"exam_no": "FJ0005"}, "x")
    assert bad.code == "bad_command" and "correct the flag instead" in bad.message


@pytest.mark.parametrize("kind, data, words", [
    ("disqualify", {"exam_no": "NOBODY"}, "is not a contestant"),
    ("correct", {"exam_no": "FJ0001"}, "needs a new name, unit or flag"),
    ("correct", {"exam_no": "FJ0001", "name": "a\nb"}, "the new name holds the control character"),
    ("correct", {"exam_no": "FJ0001", "flags": {"prior_expert": True}}, "unknown flag 'prior_expert'"),
    ("correct", {"exam_no": "FJ0001", "flags": {"national_title": "是"}}, "true or false"),
    ("substitute", {"out": "FJ0001", "in": "FJ0002"}, "for an on-stage contest"),
])
def test_a_change_that_cannot_be_made_is_refused_naming_why(fujian_day, kind, data, words):
    _day, board = fujian_day
    bad = check_command(board, "chief", kind, data, "理由")
    assert bad is not None and words in bad.message


def test_every_change_needs_a_reason_and_none_is_made_after_the_lock(fujian_day):
    day, board = fujian_day
    assert check_command(board, "chief", "withdraw", {"exam_no": "FJ0001"}, " ").code == "reason_required"
    act(board, day, "confirm", {"digest": board.awards().digest})
    act(board, day, "lock", {"digest": board.awards().digest})
    assert check_command(board, "chief", "disqualify", {"exam_no": "FJ0001"}, "违纪").code == "locked"


def test_a_tie_that_involved_a_voided_contestant_is_examined_again(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5})
    board = day.board()
    tie = board.awards().ties[0]
    assert set(tie.tied) == {"FJ0020", "FJ0021"}
    act(board, day, "decision", {"award": "expert", "group": None, "tied": list(tie.tied), "outcome": "order",
                                 "order": ["FJ0021", "FJ0020"]}, reason="加赛")
    assert ids(board.awards(), "expert")[-1] == "FJ0021"
    act(board, day, "disqualify", {"exam_no": "FJ0005"})  # a place opens above the tie: both fit now
    experts = ids(board.awards(), "expert")
    assert {"FJ0020", "FJ0021"} <= set(experts) and not board.awards().ties


def test_replaying_the_log_gives_the_same_state_as_the_changes_were_made(fujian_day):
    day, board = fujian_day
    act(board, day, "disqualify", {"exam_no": "FJ0003"})
    act(board, day, "correct", {"exam_no": "FJ0007", "name": "新名字"}, role="judge")
    act(board, day, "withdraw", {"exam_no": "FJ0011"}, role="judge")
    replayed = day.board()
    assert [(r.exam_no, r.rank, r.status, r.name) for r in replayed.standings().rows] == \
        [(r.exam_no, r.rank, r.status, r.name) for r in board.standings().rows]
    assert replayed.awards().digest == board.awards().digest


def test_explain_says_what_happened_when_by_whom_and_why(fujian_day):
    from scoreboard.explain import explain_contestant

    day, board = fujian_day
    act(board, day, "disqualify", {"exam_no": "FJ0003"}, reason="考场违纪：携带手机")
    lines = explain_contestant(board.rules, board.standings(), board.awards(), "FJ0003", "zh", board=board,
                               when=lambda at: "10:36")
    text = "\n".join(lines)
    assert "✗\u00a0取消成绩：不参加任何个人排名和奖项（团体成绩中按缺考计）" in text
    assert "•\u00a010:36 取消成绩，李主裁：考场违纪：携带手机" in text


def test_the_loser_of_a_decided_tie_sees_the_decision(fujian, fujian_roster):
    from scoreboard.explain import explain_contestant

    day = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5})
    board = day.board()
    act(board, day, "decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"],
                                 "outcome": "order", "order": ["FJ0021", "FJ0020"]}, reason="加赛三题")
    text = "\n".join(explain_contestant(fujian, board.standings(), board.awards(), "FJ0020", "zh", board=board))
    assert "与FJ0021在全省“人社知识通”截止线并列，裁判李主裁决定：排序 FJ0021 → FJ0020（理由：加赛三题），本人未获该奖" in text


# --- on stage ------------------------------------------------------------------------------------
@pytest.fixture
def west_board(west):
    roster = sample_roster(west)
    return Day(west, roster), Board(west, roster), roster


def test_a_substitute_plays_from_the_round_given_and_the_member_replaced_no_longer(west_board):
    day, board, roster = west_board
    team = roster[0].team
    members = [c for c in roster if c.team == team]
    sub = next(c for c in members if c.has("substitute"))
    out = next(c for c in members if not c.has("substitute"))
    answer = {"round": "must", "team": team, "contestant": sub.exam_no, "correct": True, "question": 1}
    assert "does not play in round must" in check_command(board, "judge", "answer", answer, "").message
    act(board, day, "substitute", {"out": out.exam_no, "in": sub.exam_no, "from_round": "must"}, role="judge")
    assert check_command(board, "judge", "answer", answer, "") is None
    bad = check_command(board, "judge", "answer", {**answer, "contestant": out.exam_no}, "")
    assert "does not play in round must" in bad.message
    assert sub.exam_no in board.playing(team, "must") and out.exam_no not in board.playing(team, "must")
    assert board.standings().subs[sub.exam_no] == {"role": "in", "other": out.exam_no, "from_round": "must",
                                                   "round": "个人必答", "round_en": "Individual questions"}
    st = board.standings()
    assert sub_note(st.subs[sub.exam_no]) == f"替补上场（替{out.exam_no}，自个人必答起）"
    assert sub_note(st.subs[out.exam_no], "en") == f"replaced by {sub.exam_no} from Individual questions"
    said = "\n".join(explain_contestant(board.rules, st, board.awards(), sub.exam_no, board=board))
    assert f"（{sub.exam_no}替换{out.exam_no}，自个人必答起）" in said and "must" not in said


def test_a_substitute_must_be_the_teams(west_board):
    _day, board, roster = west_board
    a, b = roster[0], next(c for c in roster if c.team != roster[0].team)
    bad = check_command(board, "judge", "substitute", {"out": a.exam_no, "in": b.exam_no}, "伤病")
    assert "the substitute must be the team's" in bad.message


def test_a_whole_stage_day_with_a_substitution_replays_to_the_same_prizes(west_board):
    day, board, roster = west_board
    team = roster[0].team
    members = [c for c in roster if c.team == team]
    sub = next(c for c in members if c.has("substitute"))
    out = next(c for c in members if not c.has("substitute"))
    act(board, day, "substitute", {"out": out.exam_no, "in": sub.exam_no, "from_round": None}, role="judge")
    for kind, data in stage_day(board.rules, roster):
        if data.get("contestant") == out.exam_no:
            data = {**data, "contestant": sub.exam_no}  # the scorer enters the substitute's answers
        act(board, day, kind, data, role="judge", reason="")
    assert day.board().awards().digest == board.awards().digest


def test_shaanxi_gives_the_seeds_numbers_with_a_2020_holder_and_changes_on_the_day(shaanxi, shaanxi_roster):
    """10 new 陕西人社知识通; 3 stars per 市(区) (12 of them, 韩城 included) and 省本级, 10 for the pension
    system: 49, a 2020 holder holding one of their group's 3 (the seeds' numbers stay fixed)."""
    day = ranked_field(shaanxi, shaanxi_roster)
    board = day.board()
    act(board, day, "disqualify", {"exam_no": "SX0005"})
    act(board, day, "correct", {"exam_no": "SX0030", "flags": {"prior_national": True}})
    counts = Counter(a.award_id for a in board.awards().awards)
    assert counts == {"expert": 10, "star": 49}
    assert "SX0002" not in ids(board.awards(), "expert") and "SX0002" in ids(board.awards(), "star")
