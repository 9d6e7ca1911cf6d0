"""Explanations: the keys compared with the neighbours, the cut-off, the skips."""

from scoreboard.explain import explain_contestant, explain_team

from .test_awards import ranked_field


def explain(rules, roster, who, lang="zh", **kw):
    board = ranked_field(rules, roster, **kw).board()
    return "\n".join(explain_contestant(rules, board.standings(), board.awards(), who, lang))


def test_a_rank_names_the_key_that_separates_it_from_its_neighbours(fujian, fujian_roster):
    text = explain(fujian, fujian_roster, "FJ0021", "en", totals={"FJ0020": 980.5, "FJ0021": 980.5},
                   case={"FJ0020": 10.0, "FJ0021": 20.0})
    assert "rank 20 of 260" in text
    assert "ahead of FJ0020 on Case score (20 vs 10)" in text
    assert "National online round" in text or "Provincial HR Knowledge Expert" in text


def test_a_skipped_contestant_is_told_why(fujian, fujian_roster):
    text = explain(fujian, fujian_roster, "FJ0001")
    assert "↷\u00a0全省“岗位练兵明星”：已获全省“人社知识通”，不计，下一位依次顺延" in text


def test_a_star_names_who_was_skipped_and_its_place_among_the_holders(fujian, fujian_roster):
    """No reason says 21st and within the top 3 at once: it names who was passed over ahead of it, and the
    place it holds among the group's stars after moving up."""
    text = explain(fujian, fujian_roster, "FJ0021")
    star = next(line for line in text.splitlines() if line.startswith("★\u00a0全省“岗位练兵明星”"))
    assert "福州组内第21名；FJ0001 " in star and "（已获全省“人社知识通”）" in star
    assert "等15人不计，依次顺延后为该组第1位获奖者（共3名）" in star and "、等" not in star
    en = explain(fujian, fujian_roster, "FJ0021", "en")
    assert "not counted, so the next in line moved up: the group's holder 1 of 3" in en


def test_a_recipient_nobody_was_passed_over_for_just_says_where_it_stands(fujian, fujian_roster):
    text = explain(fujian, fujian_roster, "FJ0005")
    assert "★\u00a0全省“人社知识通”：个人总排名第5名，在前20名之内" in text and "顺延" not in text.split("★")[1]


def test_a_pending_tie_is_shown_to_the_tied(fujian, fujian_roster):
    text = explain(fujian, fujian_roster, "FJ0020", "en", totals={"FJ0020": 980.5, "FJ0021": 980.5})
    assert "equal with FJ0021 on every key: shared rank 20" in text
    assert "awaiting the judges" in text


def test_a_team_explains_its_formula(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster).board()
    text = "\n".join(explain_team(fujian, board.standings(), board.awards(), "福州", "en"))
    assert "mean of members" in text and "absent members count 0" in text and "Team first prize" in text
