"""Replay protection for the seed's signature rand_str = md5(timestamp + token).

The signature covers neither the method nor the path, so a copied one could be replayed on any
route within AUTH_WINDOW_S. We remember every signature seen within the window: a write may use
only a signature never seen before, and a signature a write used is never accepted again. Reads
may share one (front ends fire parallel GETs in the same millisecond).

Memory is bounded: past `max_entries` the oldest entries are forgotten early, and from then on a
signature at or before the newest forgotten timestamp is refused unless it is still remembered
as a read — it could be the replay of one we forgot.
"""

import time
from collections import OrderedDict

READ, WRITE = "read", "write"


class SeenSignatures:
    def __init__(self, window_s: float, max_entries: int = 200_000):
        self.window_ms = window_s * 1000
        self.max_entries = max_entries
        self.entries: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self.floor_ms = 0

    def _expire(self, now_ms: float) -> None:
        while self.entries:
            key, (timestamp, _kind) = next(iter(self.entries.items()))
            if timestamp >= now_ms - self.window_ms:
                return
            del self.entries[key]

    def admit(self, rand_str: str, timestamp_ms: int, write: bool, now_ms: float | None = None) -> bool:
        """True when this use of the signature is allowed; records it."""
        now_ms = time.time() * 1000 if now_ms is None else now_ms
        self._expire(now_ms)
        seen = self.entries.get(rand_str)
        if write:
            if seen is not None or timestamp_ms <= self.floor_ms:
                return False
        elif seen is not None:
            return seen[1] == READ
        elif timestamp_ms <= self.floor_ms:
            return False
        self.entries[rand_str] = (timestamp_ms, WRITE if write else READ)
        while len(self.entries) > self.max_entries:
            _key, (timestamp, _kind) = self.entries.popitem(last=False)
            self.floor_ms = max(self.floor_ms, timestamp)
        return True
