"""The interpreter's settings while feeders serve: set by the first, put back by the last."""

import gc
import sys

from feeder import tuning


def test_the_settings_hold_while_any_feeder_serves_and_come_back_after_the_last():
    before = (sys.getswitchinterval(), gc.get_threshold())
    tuning.begin()
    tuning.begin()  # a second feeder in the same process
    assert sys.getswitchinterval() <= tuning.SWITCH_INTERVAL and gc.get_threshold()[0] == tuning.GC_YOUNG
    tuning.end()
    assert gc.get_threshold()[0] == tuning.GC_YOUNG  # one still serves
    tuning.end()
    assert (sys.getswitchinterval(), gc.get_threshold()) == before
