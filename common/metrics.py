"""The server's Prometheus metrics, in a registry of the application's own (tests build many apps;
the library's global default registry is never used).

What a request costs is gathered in its RequestRecord, which lives in a context variable of the
request's task: the database command listener counts into it (no command of its own) and a push
reads when the request that caused it arrived. Everything else is read when /metrics is scraped.
"""

import asyncio
import contextvars
import dataclasses
import time
from pathlib import Path

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from pymongo import monitoring

from common.looplag import LoopLag

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
# The driver's own housekeeping, not work a request asked for.
DRIVER_HOUSEKEEPING = frozenset({"hello", "ismaster", "isMaster", "ping", "endSessions", "buildInfo",
                                 "saslStart", "saslContinue"})
SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
COMMANDS = (0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30)

# Each counter's "_created" twin is noise for a server that restarts its counters with itself.
prometheus_client.disable_created_metrics()


@dataclasses.dataclass
class RequestRecord:
    route: str  # the route template, e.g. /zhugeleida/qiyeweixin/customer/update_information/<id>
    start: float  # time.perf_counter() when its headers arrived
    commands: int = 0
    answered: bool = False  # tasks the request left behind no longer count as its own


CURRENT: contextvars.ContextVar[RequestRecord | None] = contextvars.ContextVar("radar_request", default=None)


def begin_request(route: str) -> RequestRecord:
    """Called where a request's headers arrive: what runs for it from then on counts into the record."""
    record = RequestRecord(route, time.perf_counter())
    CURRENT.set(record)
    return record


class CommandCounter(monitoring.CommandListener):
    """Counts each database command into the request that issued it."""

    def started(self, event):
        record = CURRENT.get()
        if record is not None and event.command_name not in DRIVER_HOUSEKEEPING:
            record.commands += 1

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


COMMAND_COUNTER = CommandCounter()


class Metrics:
    def __init__(self, embedded_files: list[Path] | None = None):
        """embedded_files: the embedded database's files, whose size is exported (None: MongoDB)."""
        self.embedded_files = embedded_files
        self.registry = registry = CollectorRegistry()
        self.requests = Counter("radar_requests", "Requests answered, by method, route template and answer code "
                                "(the envelope's code; the HTTP status of other answers)",
                                ["method", "route", "code"], registry=registry)
        self.latency = Histogram("radar_request_duration_seconds", "Time from a request's arrival to its answer",
                                 ["route"], buckets=SECONDS, registry=registry)
        self.commands = Histogram("radar_request_db_commands", "Database commands (round trips) per request",
                                  buckets=COMMANDS, registry=registry)
        self.route_commands = Counter("radar_db_commands", "Database commands issued by requests, by route template",
                                      ["route"], registry=registry)
        self.in_flight = Gauge("radar_requests_in_flight", "Requests received and not yet answered",
                               registry=registry)
        self.sockets = Gauge("radar_open_sockets", "Open WebSockets by kind (user: radar, customer, scan: scan login)",
                             ["kind"], registry=registry)
        self.pushes = Counter("radar_pushes", "Pushes that reached at least one socket, by addressee kind", ["kind"],
                              registry=registry)
        self.push_frames = Counter("radar_push_frames", "Frames written by pushes (one per socket of the addressee)",
                                   ["kind"], registry=registry)
        self.push_latency = Histogram("radar_push_latency_seconds", "From the arrival of the request that caused a "
                                      "push to its frames written to the addressee's sockets", ["kind"],
                                      buckets=SECONDS, registry=registry)
        self.loop_lag_seconds = Histogram("radar_event_loop_lag_seconds", "How late the event loop ran a timer "
                                          "(sampled every 0.1 s)", buckets=SECONDS, registry=registry)
        self.loop_lag_max = Gauge("radar_event_loop_lag_max_seconds", "The largest event loop lag of the last minute",
                                  registry=registry)
        self.db_bytes = Gauge("radar_embedded_db_bytes", "Size of the embedded database's files (0 on MongoDB)",
                              registry=registry)
        self.loop_lag = LoopLag(on_sample=self.loop_lag_seconds.observe)
        self._children: dict = {}

    def child(self, metric, *values):
        """metric.labels(*values), remembered: labels() checks its arguments under a lock on every call,
        a tenth of a push's cost at thousands of pushes a second."""
        key = (metric, values)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = metric.labels(*values)
        return found

    # ----- recorded as things happen ----------------------------------------------------------
    def answered(self, method: str, code: int, seconds: float, record: RequestRecord) -> None:
        record.answered = True
        self.child(self.requests, method, record.route, code).inc()
        self.child(self.latency, record.route).observe(seconds)
        self.commands.observe(record.commands)
        if record.commands:
            self.child(self.route_commands, record.route).inc(record.commands)

    def pushed(self, kind: str, frames: int) -> None:
        self.child(self.pushes, kind).inc()
        self.child(self.push_frames, kind).inc(frames)
        record = CURRENT.get()
        if record is not None and not record.answered:
            self.child(self.push_latency, kind).observe(time.perf_counter() - record.start)

    # ----- read at a scrape -------------------------------------------------------------------
    async def render(self, sockets: dict[str, int], in_flight: int) -> bytes:
        """The text exposition; file sizes and the encoding run off the event loop."""
        for kind, count in sockets.items():
            self.sockets.labels(kind).set(count)
        self.in_flight.set(in_flight)
        self.loop_lag_max.set(max(self.loop_lag.samples, default=0.0))
        return await asyncio.get_running_loop().run_in_executor(None, self._render)

    def _render(self) -> bytes:
        if self.embedded_files is not None:
            self.db_bytes.set(sum(_size(path) for path in self.embedded_files))
        return generate_latest(self.registry)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # the WAL comes and goes with checkpoints
        return 0
