"""Feed health: records per minute from samples of each source's running count."""

from feeder.health import Rates


def test_a_rate_counts_the_records_of_the_last_minute():
    rates = Rates({"hall-a": 100}, now=0.0)  # a hundred records were in the file before the feeder started
    rates.sample({"hall-a": 130}, now=30.0)
    assert rates.per_minute("hall-a", 130, now=30.0) == 30
    rates.sample({"hall-a": 200}, now=70.0)
    assert rates.per_minute("hall-a", 200, now=70.0) == 100  # since the start sample, the newest one ≥ 60 s old
    rates.sample({"hall-a": 210}, now=95.0)
    assert rates.per_minute("hall-a", 210, now=95.0) == 80  # since the sample at 30 s


def test_a_source_first_seen_after_the_start_counts_from_zero_and_a_quiet_one_from_its_count():
    rates = Rates({}, now=0.0)
    assert rates.per_minute("hall-b", 4, now=1.0) == 4
    rates.sample({"hall-b": 4}, now=61.0)
    rates.sample({"hall-b": 4}, now=122.0)
    assert rates.per_minute("hall-b", 4, now=122.0) == 0


def test_old_samples_are_dropped_but_one_a_minute_old_is_kept():
    rates = Rates({"h": 0}, now=0.0)
    for t in range(1, 600):
        rates.sample({"h": t}, now=float(t))
    assert len(rates._samples) <= 62
    assert rates.per_minute("h", 599, now=599.0) == 60
