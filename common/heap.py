"""The garbage collector of a long-running process, set once start-up is done (the app's and the embedded
database's).

What start-up made lives as long as the process: frozen, it is never walked again. A full collection walks
every tracked object, and start-up leaves ~115,000 in the app (modules, routes, settings, compiled
templates and plans): ~46 ms of every full pause, which under 1,000 radar sockets came to ~90-130 ms on
this machine.

A request's objects die with it, by reference counting, so the net count of new objects that triggers a
young collection (2,000 by default) was reached by requests in flight alone: with 16 senders at once the
young collections kept promoting them, and the older generations filled up until a full collection
paused the loop for ~90 ms in the middle of the traffic. At 20,000 the steady traffic of bench/ws_bench.py
triggers none (it prints the collections and the longest pause of each phase); what does accumulate is
still collected, later and in bigger young batches.
"""

import gc

YOUNG_THRESHOLD = 20_000


def settle_heap() -> int:
    """Collect what start-up left over, freeze the rest, collect young objects less often; the number of
    objects frozen in all."""
    gc.collect()
    gc.freeze()
    _young, *older = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *older)
    return gc.get_freeze_count()
