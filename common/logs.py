"""Logging: an access log without secrets, and repeated messages said once per interval.

Signatures (rand_str) and tokens travel in query strings, so no log line carries a query string:
the access log writes the method, the path, the status, the time and the authenticated account.
"""

import logging
import time

access_log = logging.getLogger("radar.access")


def request_summary(request) -> str:
    """`GET /path (address)`: what Tornado would log, without the query string."""
    return f"{request.method} {request.path} ({request.remote_ip})"


def log_request(handler) -> None:
    """Tornado's log_function."""
    status = handler.get_status()
    account = getattr(handler, "log_account", None)
    level = logging.INFO if status < 500 else logging.ERROR
    access_log.log(level, "%d %s %.2fms%s", status, request_summary(handler.request),
                   1000.0 * handler.request.request_time(), f" {account}" if account else "")


class RepeatFilter(logging.Filter):
    """Lets a message (same logger, level and format string) through once per `interval_s`;
    the next one that passes says how many were held back. Access lines of answered requests
    are each worth keeping and are not held back."""

    def __init__(self, interval_s: float = 10.0, max_keys: int = 10_000):
        super().__init__()
        self.interval_s = interval_s
        self.max_keys = max_keys
        self.seen: dict[tuple, list] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == access_log.name and record.levelno < logging.ERROR:
            return True
        key = (record.name, record.levelno, str(record.msg))
        now = time.monotonic()
        entry = self.seen.get(key)
        if entry is None or now - entry[0] >= self.interval_s:
            if entry is not None and entry[1]:
                record.msg = f"{record.msg} [{entry[1]} more like this in the last {now - entry[0]:.0f}s]"
            if len(self.seen) >= self.max_keys:
                self.seen.clear()
            self.seen[key] = [now, 0]
            return True
        entry[1] += 1
        return False


def configure(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The driver's DEBUG command log prints whole documents (tokens, password hashes): never.
    logging.getLogger("pymongo").setLevel(max(logging.INFO, logging.getLogger().level))
    for handler in logging.getLogger().handlers:
        handler.addFilter(RepeatFilter())
