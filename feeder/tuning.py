"""The interpreter's settings while a feeder serves, set by the first feeder to start in a process and
put back by the last to stop (tests and the demo run several feeders in one process).

- Switch interval 0.5 ms: a thread waiting for the GIL gets it after this long at most. The database
  thread needs it a few times per commit; the default (5 ms) would add that much to every ack, several
  times over.
- Garbage collector: every record leaves an event and its data behind, so with the default threshold
  (700) the collector would run every few frames and walk the whole day's log. What is loaded when
  serving starts is frozen out of its sight, and the youngest generation is collected every
  `GC_YOUNG` allocations.
"""

from __future__ import annotations

import gc
import sys
import threading

SWITCH_INTERVAL = 0.0005
GC_YOUNG = 50_000

_lock = threading.Lock()
_users = 0
_saved: tuple[float, tuple[int, int, int]] | None = None


def begin() -> None:
    global _users, _saved
    with _lock:
        _users += 1
        if _users == 1:
            _saved = (sys.getswitchinterval(), gc.get_threshold())
            sys.setswitchinterval(min(_saved[0], SWITCH_INTERVAL))
            gc.freeze()
            gc.set_threshold(GC_YOUNG, *_saved[1][1:])


def end() -> None:
    global _users
    with _lock:
        _users -= 1
        if _users == 0 and _saved is not None:
            sys.setswitchinterval(_saved[0])
            gc.set_threshold(*_saved[1])
            gc.unfreeze()
