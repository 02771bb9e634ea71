"""How late the event loop runs: a timer asks to run every `interval_s`; how much later than asked
it runs is the loop's lag (time some callback held the loop). Any blocking call on the loop shows
here: the server logs a warning past `warn_s` and exports the samples as metrics; the benchmarks
read the maximum around what they measure.

    lag = LoopLag()
    lag.start()          # on the running loop
    ...
    lag.current, lag.max, lag.percentile(0.99)
    worst = lag.take_max()   # the maximum since the last take_max(), then start again from 0
    lag.stop()
"""

import asyncio
import collections
import logging

log = logging.getLogger("radar.loop")


class LoopLag:
    def __init__(self, interval_s: float = 0.1, warn_s: float = 0.1, window: int = 600, on_sample=None):
        """window: how many recent samples percentile() looks at (600 at 0.1 s: the last minute).
        on_sample(lag_s) is called with every sample (the metrics' histogram)."""
        self.interval_s = interval_s
        self.warn_s = warn_s
        self.on_sample = on_sample
        self.samples: collections.deque[float] = collections.deque(maxlen=window)
        self.current = 0.0
        self.max = 0.0
        self._loop = None
        self._handle = None

    @property
    def running(self) -> bool:
        return self._handle is not None

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> "LoopLag":
        if self._handle is None:
            self._loop = loop or asyncio.get_running_loop()
            self._schedule()
        return self

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def take_max(self) -> float:
        """The largest lag since the last call (or the start), and start counting again."""
        worst, self.max = self.max, 0.0
        return worst

    def percentile(self, q: float) -> float:
        """The q-quantile (0..1) of the recent samples; 0.0 before the first one."""
        if not self.samples:
            return 0.0
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def _schedule(self) -> None:
        due = self._loop.time() + self.interval_s
        self._handle = self._loop.call_at(due, self._tick, due)

    def _tick(self, due: float) -> None:
        lag = max(0.0, self._loop.time() - due)
        self.current = lag
        self.max = max(self.max, lag)
        self.samples.append(lag)
        if lag > self.warn_s:
            log.warning("the event loop was held up for %.0f ms (a blocking call on it, or no CPU to run on)",
                        lag * 1000)
        if self.on_sample is not None:
            self.on_sample(lag)
        self._schedule()
