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
    assert "全省“岗位练兵明星”: 已获全省“人社知识通” (依次顺延)" in text


def test_a_star_names_who_was_skipped(fujian, fujian_roster):
    text = explain(fujian, fujian_roster, "FJ0021", "en")
    assert "after skipping FJ0001" in text and "and 15 more" in text


def test_a_pending_tie_is_shown_to_the_tied(fujian, fujian_roster):
    text = explain(fujian, fujian_roster, "FJ0020", "en", totals={"FJ0020": 980.5, "FJ0021": 980.5})
    assert "equal with FJ0021 on every key: shared rank 20" in text
    assert "awaiting the judges" in text


def test_a_team_explains_its_formula(fujian, fujian_roster):
    board = ranked_field(fujian, fujian_roster).board()
    text = "\n".join(explain_team(fujian, board.standings(), board.awards(), "福州", "en"))
    assert "mean of members" in text and "absent members count 0" in text and "Team first prize" in text
