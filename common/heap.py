"""What a process made while starting lives as long as it does: taken out of the garbage collector's walks.

A full collection walks every tracked object, and start-up leaves ~115,000 in the app (modules, routes,
settings, compiled templates and plans): ~46 ms of every full pause, which under 1,000 radar sockets
came to ~90-110 ms on this machine (bench/ws_bench.py prints the longest pause). Frozen, they are never
walked again; what requests and sockets make afterwards is collected as before.
"""

import gc


def freeze_start_up() -> int:
    """Collect what start-up left over, then freeze the rest; the number of objects frozen in all."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
