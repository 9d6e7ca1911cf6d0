"""Rules as data: the presets, and a broken rules file naming its key."""

import pytest

from scoreboard.rules import RulesError, load_preset, load_rules, preset_names, preset_text


def test_every_preset_loads():
    assert set(preset_names()) >= {"fujian-2024-final", "shaanxi-2021-provincial", "national-2021-qualifier"}
    for name in preset_names():
        assert load_preset(name).id == name


def test_the_fujian_quota_table_sums_to_260(fujian):
    assert sum(t.quota for t in fujian.teams) == 260
    assert fujian.team("平潭").units == {"党工部": 3, "社会事业局": 3}
    assert len(fujian.team("省直").units) == 17
    assert fujian.team("省直").group == "省厅窗口单位"
    assert len(fujian.groups) == 11


def test_the_default_tie_break_chain_is_total_case_short_time(fujian):
    assert [k.spec() for k in fujian.tiebreak] == ["total desc", "section.case desc", "section.short desc",
                                                    "time_used asc"]


def test_shaanxi_gives_the_pension_system_ten_stars_and_substitutes_previous_holders(shaanxi):
    star = shaanxi.award("star")
    assert star.count_for("养老保险经办系统") == 10 and star.count_for("西安") == 3
    assert shaanxi.award("expert").substitute.flag == "prior_expert"


def broken(text_from, old, new):
    text = preset_text(text_from)
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    "old, new, key",
    [
        ('formula = "mean"', 'formula = "median"', "team_score.formula"),
        ('tiebreak = ["total desc"', 'tiebreak = ["totl desc"', "tiebreak[0]"),
        ('"section.case desc"', '"section.essay desc"', "tiebreak[1]"),
        ("count = 20", "count = 0", "awards[4].count"),
        ("count = 20", 'count = "twenty"', "awards[4].count"),
        ('exclude = ["expert"]', 'exclude = ["experts"]', "awards[5].exclude"),
        ('at_cutoff = "judges"', 'at_cutoff = "coin"', "ties.at_cutoff"),
        ('forbid = ["prior_national"', 'forbid = ["prior_natonal"', "eligibility.forbid"),
        ('id = "fujian-2024-final"', 'id = "fujian-2024-final"\ncolour = "red"', "rules.colour"),
        ('quota = 25', 'quota = -1', "teams[0].quota"),
    ],
)
def test_a_broken_rules_file_names_the_key(old, new, key):
    with pytest.raises(RulesError) as err:
        load_rules(broken("fujian-2024-final", old, new))
    assert key in str(err.value)


def test_a_rules_file_that_is_not_toml_says_so():
    with pytest.raises(RulesError, match="not valid TOML"):
        load_rules("id = [")


def test_a_team_listed_twice_is_an_error():
    with pytest.raises(RulesError, match="listed twice"):
        load_rules(broken("fujian-2024-final", 'name = "厦门"', 'name = "福州"'))


def test_an_unknown_preset_lists_the_known_ones():
    with pytest.raises(RulesError, match="fujian-2024-final"):
        preset_text("nowhere")
