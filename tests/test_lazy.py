"""scoreboard/lazy.py: containers made when first read, and made once."""

from scoreboard.certainty_scope import Standing
from scoreboard.lazy import Details, Later, LaterMap


def counting(value):
    calls = []

    def make():
        calls.append(1)
        return value

    return make, calls


def test_a_later_list_is_made_on_first_read_and_only_once():
    make, calls = counting(["FJ0001", "FJ0002"])
    later = Later(make)
    assert calls == []
    assert len(later) == 2 and later[1] == "FJ0002" and list(later) == ["FJ0001", "FJ0002"]
    assert later == ["FJ0001", "FJ0002"] and later != ["FJ0002"]
    assert calls == [1]


def test_a_later_map_is_made_on_first_read_and_only_once():
    make, calls = counting({"FJ0001": ["case"]})
    later = LaterMap(make)
    assert calls == []
    assert dict(later) == {"FJ0001": ["case"]} and later["FJ0001"] == ["case"] and len(later) == 1
    assert calls == [1]


def test_details_find_each_reason_through_its_awards_finder_and_list_every_scope():
    details = Details()
    details.finders["expert"] = lambda x: Standing("certain", 3) if x == "FJ0001" else None
    details.scopes["expert"] = lambda: ["FJ0001"]
    assert details["expert", "FJ0001"].verdict == "certain"
    assert details.get(("expert", "FJ0009")) is None and details.get(("star", "FJ0001")) is None
    assert list(details) == [("expert", "FJ0001")] and len(details) == 1
