"""Items named as people say them: the section's label and the item's number."""

from __future__ import annotations

import pytest

from scoreboard.items import item_name, item_number


@pytest.mark.parametrize("item, number", [("short-04", 4), ("short_4", 4), ("short4", 4), ("short-10", 10),
                                          ("short-0", 0), ("case-02a", None), ("q-17", None), ("short-", None),
                                          ("shortcut-1", None), ("", None)])
def test_an_items_number_is_read_only_from_its_sections_id_and_a_number(item, number):
    assert item_number(item, "short") == number


def test_an_item_reads_as_its_sections_label_and_number_in_chinese_and_english():
    assert item_name("short-04", "short", "简答题") == "简答题第4题"
    assert item_name("short-04", "short", "Short answer", "en") == "Short answer Q4"


def test_an_item_without_the_sections_number_keeps_its_id_after_the_label():
    assert item_name("Q-17", "short", "简答题") == "简答题（Q-17）"
    assert item_name("Q-17", "short", "Short answer", "en") == "Short answer (Q-17)"


def test_a_section_without_a_label_is_named_by_its_id():
    assert item_name("essay-01", "essay") == "essay第1题"


def test_beside_its_section_an_item_is_only_its_number_or_its_id():
    from scoreboard.items import item_in_section

    assert item_in_section("short-04", "short") == "第4题"
    assert item_in_section("short-04", "short", "en") == "Q4"
    assert item_in_section("Q-17", "short") == "Q-17"
