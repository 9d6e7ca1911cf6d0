"""Judges' commands: who may do what, and the confirm → lock → ceremony flow."""

import pytest

from scoreboard.judging import ROLE_ACTIONS, check_command

from .test_awards import ranked_field

ALL = sorted(ROLE_ACTIONS["chief"])


@pytest.mark.parametrize("role", ["judge", "chief", "display", "hall"])
@pytest.mark.parametrize("kind", ALL)
def test_the_access_matrix(fujian, fujian_roster, role, kind):
    board = ranked_field(fujian, fujian_roster).board()
    bad = check_command(board, role, kind, {}, "reason")
    may = kind in ROLE_ACTIONS[role]
    assert (bad is None or bad.code != "forbidden") == may


def test_a_decision_needs_a_reason(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster).board()
    assert check_command(board, "judge", "decision", {}, " ").code == "reason_required"


def test_a_decision_must_name_a_pending_tie(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster).board()
    bad = check_command(board, "judge", "decision",
                        {"award": "expert", "tied": ["FJ0001", "FJ0002"], "outcome": "share"}, "r")
    assert bad.code == "no_such_tie"


def test_an_order_must_list_every_tied_entry_once(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5}).board()
    data = {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"], "outcome": "order", "order": ["FJ0020"]}
    assert check_command(board, "judge", "decision", data, "r").code == "bad_command"
    data["order"] = ["FJ0021", "FJ0020"]
    assert check_command(board, "judge", "decision", data, "r") is None


def test_lots_need_their_seed(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5}).board()
    data = {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"], "outcome": "lots"}
    assert check_command(board, "judge", "decision", data, "r").message.endswith("seed recorded")


def test_confirm_and_lock_flow(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster)
    board = day.board()
    digest = board.awards().digest
    assert check_command(board, "chief", "lock", {"digest": digest}, "").code == "not_confirmed"
    assert check_command(board, "judge", "confirm", {"digest": "old"}, "").code == "stale"
    day.judge("confirm", {"digest": digest})
    board = day.board()
    assert board.awards().status == "confirmed"
    assert check_command(board, "judge", "lock", {"digest": digest}, "").code == "forbidden"
    assert check_command(board, "chief", "lock", {"digest": digest}, "") is None
    day.judge("lock", {"digest": digest}, actor="李主任")
    board = day.board()
    aw = board.awards()
    assert aw.status == "locked" and aw.locked["actor"] == "李主任"
    assert check_command(board, "judge", "assign", {"award": "organisation", "recipient": "福州"}, "r").code == "locked"


def test_a_pending_tie_blocks_confirmation(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5}).board()
    assert check_command(board, "judge", "confirm", {"digest": board.awards().digest}, "").code == "pending_ties"


def test_a_locked_list_stays_as_locked_and_reports_drift(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster)
    digest = day.board().awards().digest
    day.judge("confirm", {"digest": digest})
    day.judge("lock", {"digest": digest})
    day.mark("FJ0200", "case", 999.0, item="case-09")  # a late mark that would change the list
    aw = day.board().awards()
    assert aw.digest == digest and aw.drift
    assert "FJ0200" not in [a.recipient for a in aw.awards if a.award_id == "expert"]


def test_the_organisation_prize_is_assigned_by_judges_with_a_reason(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster)
    board = day.board()
    assert check_command(board, "judge", "assign", {"award": "organisation", "recipient": "台北"}, "r").code == \
        "bad_command"
    assert check_command(board, "judge", "assign", {"award": "expert", "recipient": "福州"}, "r").code == "bad_command"
    day.judge("assign", {"award": "organisation", "recipient": "宁德"}, reason="线上练兵组织得力")
    org = [a for a in day.board().awards().awards if a.award_id == "organisation"]
    assert [a.recipient for a in org] == ["宁德"] and "线上练兵组织得力" in org[0].why("zh")


def test_the_ceremony_needs_a_locked_list(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster).board()
    assert check_command(board, "judge", "ceremony", {"step": 0}, "").code == "not_locked"


def test_the_public_screen_keeps_the_standings_of_the_freeze(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster)
    day.judge("freeze", {})
    day.mark("FJ0260", "case", 999.0, item="case-09")
    board = day.board()
    public, _ = board.public()
    assert board.standings().rows[0].exam_no == "FJ0260"
    assert public.rows[0].exam_no == "FJ0001"
    day.judge("unfreeze", {})
    assert day.board().public()[0].rows[0].exam_no == "FJ0260"
