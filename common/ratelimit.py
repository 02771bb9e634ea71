"""Token buckets per key (an account, an address), in bounded memory."""

import time
from collections import OrderedDict


class RateLimiter:
    """`rate` tokens per second, at most `burst` saved up; each allowed event spends one.

    Keeps the most recently used `max_keys` buckets: a forgotten key starts full again, which
    only ever errs towards letting a quiet client through."""

    def __init__(self, rate: float, burst: float, max_keys: int = 100_000):
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self.buckets: OrderedDict = OrderedDict()

    def allow(self, key, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, last = self.buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        self.buckets[key] = (tokens - 1 if allowed else tokens, now)
        if len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        return allowed


class Gauge:
    """Concurrent things per key with a per-key and a total cap (e.g. unauthenticated sockets)."""

    def __init__(self, per_key: int, total: int):
        self.per_key = per_key
        self.total = total
        self.counts: dict = {}
        self.sum = 0

    def acquire(self, key) -> bool:
        if self.sum >= self.total or self.counts.get(key, 0) >= self.per_key:
            return False
        self.counts[key] = self.counts.get(key, 0) + 1
        self.sum += 1
        return True

    def release(self, key) -> None:
        count = self.counts.get(key, 0)
        if count <= 0:
            return
        self.sum -= 1
        if count == 1:
            del self.counts[key]
        else:
            self.counts[key] = count - 1


class Limits:
    """The process's abuse limits, from the settings."""

    def __init__(self, cfg):
        self.chat = RateLimiter(cfg.chat_messages_per_s, cfg.chat_burst)
        self.scan_qr = RateLimiter(cfg.scan_qr_per_minute / 60, cfg.scan_qr_per_minute)
        self.anonymous_sockets = Gauge(cfg.anonymous_sockets_per_address, cfg.anonymous_sockets_max)
