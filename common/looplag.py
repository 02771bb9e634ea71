"""Event-loop lag: how late a timer fires is how long a callback that became ready had to wait
for the loop (a blocking step, or a long queue of ready work ahead of it).

    lag = LoopLag().start()     # on the running loop
    lag.current                 # seconds, the latest measurement
    lag.read_max()              # the largest since the last read (then starts again from 0)
    lag.stop()

A lag over warn_s is logged as the loop being blocked. One timer handle per interval, no task.
"""

import asyncio
import logging

log = logging.getLogger("radar.loop")


class LoopLag:
    def __init__(self, interval_s: float = 0.05, warn_s: float = 0.1):
        self.interval_s = interval_s
        self.warn_s = warn_s
        self.current = 0.0
        self.max = 0.0
        self._loop = None
        self._handle = None
        self._due = 0.0

    def start(self) -> "LoopLag":
        self._loop = asyncio.get_running_loop()
        self._schedule()
        return self

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def read_max(self) -> float:
        """The largest lag measured since the previous call."""
        largest, self.max = self.max, 0.0
        return largest

    def _schedule(self) -> None:
        self._due = self._loop.time() + self.interval_s
        self._handle = self._loop.call_at(self._due, self._tick)

    def _tick(self) -> None:
        self.current = max(0.0, self._loop.time() - self._due)
        self.max = max(self.max, self.current)
        if self.current > self.warn_s:
            log.warning("event loop blocked for %.0f ms", self.current * 1000)
        self._schedule()
