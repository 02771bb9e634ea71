"""Token buckets per key (an account, an address) and a memory of recent repeats, in bounded memory."""

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
        # Actions, article reads and forwards, stay-time reports: per customer.
        self.customer_events = RateLimiter(cfg.customer_events_per_minute / 60, cfg.customer_events_burst)
        self.scan_qr = RateLimiter(cfg.scan_qr_per_minute / 60, cfg.scan_qr_per_minute)
        self.anonymous_sockets = Gauge(cfg.anonymous_sockets_per_address, cfg.anonymous_sockets_max)


class RepeatWindow:
    """What each customer did lately, so that repeats within window_s count once: key -> a value (the
    first occurrence's memo), forgotten window_s after it was put. Bounded: past max_keys the oldest
    go first, which only ever errs towards counting a repeat."""

    def __init__(self, window_s: float, max_keys: int = 100_000):
        self.window_s = window_s
        self.max_keys = max_keys
        self.entries: OrderedDict = OrderedDict()  # key -> (expires, value), oldest first

    def get(self, key, now: float):
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry[0] <= now:
            del self.entries[key]
            return None
        return entry[1]

    def put(self, key, value, now: float) -> None:
        self.entries.pop(key, None)
        self.entries[key] = (now + self.window_s, value)
        while self.entries:
            oldest_key, (expires, _value) = next(iter(self.entries.items()))
            if expires > now and len(self.entries) <= self.max_keys:
                break
            del self.entries[oldest_key]

    def drop(self, key, value) -> None:
        """Forget key if it still holds value (the first occurrence failed)."""
        entry = self.entries.get(key)
        if entry is not None and entry[1] is value:
            del self.entries[key]
