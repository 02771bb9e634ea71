"""Replay protection for the seed's signature rand_str = md5(timestamp + token).

The seed's signature covers the timestamp and the token only: not the method, the path or the body.
Two different writes that one client sends in the same millisecond (mini-program pages fire calls
in parallel) carry the same signature, and both are honest. So a write is refused when it is an
exact replay: the same signature with the same method, path, query and body (its replay key).
A signature may be shared only by requests that arrive close together, as parallel calls do: a
write that reuses a signature first seen more than SHARED_FOR_S ago, or its MAX_SHARED-th use, is
refused. Reads change nothing: they may share a signature freely, but count as its first sighting.

Memory is kept per account, so one account's traffic only ever affects that account:
- an account keeps at most `per_account` signatures; past that its oldest are forgotten and its
  own floor rises to their timestamp: its writes dated at or before the floor are refused (they
  could replay what was forgotten). Nobody else's.
- all accounts together keep at most `max_entries`; past that the least recently active accounts
  are forgotten whole, each leaving only its floor (the newest timestamp it used).
Whatever is older than the window goes: such timestamps are refused by the window anyway.
"""

import hashlib
import time
from collections import OrderedDict

from common.ratelimit import RateLimiter

SHARED_FOR_S = 10  # parallel calls signed in one millisecond arrive within this of each other
MAX_SHARED = 16  # writes that may share one signature


def replay_key(method: str, path: str, query: str | bytes, body: bytes = b"") -> bytes:
    """What makes two uses of a signature the same request: 16 bytes."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (method, path, query):
        digest.update(part.encode("latin-1", "replace") if isinstance(part, str) else part)
        digest.update(b"\0")
    digest.update(body)
    return digest.digest()


class _Use:
    """One signature of an account: its timestamp, when we first saw it, the writes that used it."""

    __slots__ = ("timestamp", "first_seen", "writes")

    def __init__(self, timestamp: int, first_seen: float):
        self.timestamp = timestamp
        self.first_seen = first_seen
        self.writes: list[bytes] = []


class _Account:
    __slots__ = ("uses", "floor", "newest")

    def __init__(self, floor: int):
        self.uses: OrderedDict[str, _Use] = OrderedDict()  # signature -> its use, first seen first
        self.floor = floor
        self.newest = floor  # the newest timestamp the account has used


class ReplayMemory:
    def __init__(self, window_s: float, max_entries: int = 200_000, per_account: int | None = None):
        self.window_ms = window_s * 1000
        self.max_entries = max(1, max_entries)
        self.per_account = per_account or max(16, self.max_entries // 10)
        self.accounts: OrderedDict[object, _Account] = OrderedDict()  # least recently active first
        self.floors: dict[object, int] = {}  # accounts forgotten whole -> their newest timestamp
        self.size = 0

    def admit(self, account, signature: str, timestamp_ms: int, key: bytes | None,
              now_ms: float | None = None) -> bool:
        """key: the write's replay key, None for a read. True when the request may go ahead."""
        now_ms = time.time() * 1000 if now_ms is None else now_ms
        horizon = now_ms - self.window_ms
        self._forget_idle(horizon)
        entry = self.accounts.get(account)
        if entry is None:
            floor = self.floors.pop(account, 0)
            entry = _Account(floor if floor >= horizon else 0)
            self.accounts[account] = entry
        else:
            self.accounts.move_to_end(account)
            self._expire(entry, horizon)
        use = entry.uses.get(signature)
        if use is None:
            if key is not None and timestamp_ms <= entry.floor:
                return self._refused(account, entry)
            use = entry.uses[signature] = _Use(timestamp_ms, now_ms)
            entry.newest = max(entry.newest, timestamp_ms)
            self.size += 1
        elif key is not None and (key in use.writes or len(use.writes) >= MAX_SHARED
                                  or now_ms - use.first_seen > SHARED_FOR_S * 1000):
            return False
        if key is not None:
            use.writes.append(key)
        self._bound(account, entry)
        return True

    def _refused(self, account, entry: _Account) -> bool:
        if not entry.uses:  # nothing to remember of an account that only got refused
            self._drop(account, entry)
        return False

    def _bound(self, account, entry: _Account) -> None:
        while len(entry.uses) > self.per_account:
            _old, use = entry.uses.popitem(last=False)
            entry.floor = max(entry.floor, use.timestamp)
            self.size -= 1
        while self.size > self.max_entries:
            oldest, idle = next(iter(self.accounts.items()))
            self._drop(oldest, idle)

    def _expire(self, entry: _Account, horizon: float) -> None:
        """The account's signatures dated before the window (first-seen order is close to timestamp
        order; one dated later than the next keeps it a little longer, harmlessly)."""
        while entry.uses:
            signature, use = next(iter(entry.uses.items()))
            if use.timestamp >= horizon:
                return
            del entry.uses[signature]
            self.size -= 1

    def _forget_idle(self, horizon: float) -> None:
        """A couple of accounts idle for the whole window go per call: amortized, no sweeps."""
        for _ in range(2):
            if not self.accounts:
                break
            account, entry = next(iter(self.accounts.items()))
            if entry.newest >= horizon:
                break
            self.size -= len(entry.uses)
            del self.accounts[account]
        if len(self.floors) > self.max_entries:
            self.floors = {account: floor for account, floor in self.floors.items() if floor >= horizon}

    def _drop(self, account, entry: _Account) -> None:
        """Forget an account whole, keeping its floor."""
        self.size -= len(entry.uses)
        del self.accounts[account]
        if entry.newest:
            self.floors[account] = entry.newest

    def kept(self, account) -> int:
        entry = self.accounts.get(account)
        return len(entry.uses) if entry else 0


class SignatureGuard:
    """The checks of a signed request besides the signature itself: its timestamp is fresh (at most
    window_s old, at most future_s ahead of us), its account is within its rate, and it is no replay."""

    def __init__(self, window_s: float, future_s: float, memory: int, rate_per_s: float, burst: float):
        self.window_ms = window_s * 1000
        self.future_ms = future_s * 1000
        self.replays = ReplayMemory(window_s, memory)
        self.rate = RateLimiter(rate_per_s, burst)

    def fresh(self, timestamp_ms: int, now_ms: float) -> bool:
        return -self.window_ms <= timestamp_ms - now_ms <= self.future_ms

    def within_rate(self, account) -> bool:
        return self.rate.allow(account)

    def admit(self, account, signature: str, timestamp_ms: int, key: bytes | None, now_ms: float) -> bool:
        return self.replays.admit(account, signature, timestamp_ms, key, now_ms)
