"""Refused logins reach the access log at a bounded rate per host and in all (feeder/access.py)."""

from __future__ import annotations

from feeder.access import AccessLimiter, host_of


def test_the_host_of_a_peer_keeps_ipv6_colons():
    assert host_of("10.0.0.7:51234") == "10.0.0.7" and host_of("::1:8765") == "::1" and host_of("weird") == "weird"


def test_a_host_that_keeps_failing_is_logged_ten_times_a_minute_then_summarised():
    lim = AccessLimiter(per_peer=10, total=200, window=60)
    allowed = [lim.allow(f"10.0.0.7:{port}", 100.0 + port / 1000) for port in range(150)]
    assert allowed.count(True) == 10 and allowed[:10] == [True] * 10
    assert lim.allow("10.0.0.8:1", 101.0)  # another host is not held back
    assert lim.summaries(120.0) == []  # the window is not over yet
    assert lim.summaries(161.0) == [("10.0.0.7", 140)]
    assert lim.allow("10.0.0.7:9", 161.5)  # a new minute


def test_many_hosts_together_are_bounded_too_and_old_hosts_are_forgotten():
    lim = AccessLimiter(per_peer=10, total=200, window=60, hosts=100)
    allowed = sum(lim.allow(f"10.0.{i // 250}.{i % 250}:1", 1.0) for i in range(1000))
    assert allowed == 200  # the total per minute, whatever the number of hosts
    assert len(lim.by_host) <= 100
