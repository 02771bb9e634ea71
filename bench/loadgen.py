"""What the benches share: a small keep-alive HTTP/1.1 load generator (asyncio streams, run in its own
process so the server under test has its core to itself; it prints nothing and returns numbers), the
bench server's settings, and its listening socket."""

import asyncio
import json
import resource
import socket
import statistics
import time
import urllib.parse

# Benches go past the per-account, per-customer and per-address limits that protect a real server:
# a bench server raises each one it needs, explicitly.
UNLIMITED = 1_000_000
RAISED_LIMITS = {"signed_requests_per_s": UNLIMITED, "signed_requests_burst": UNLIMITED,
                 "chat_messages_per_s": UNLIMITED, "chat_burst": UNLIMITED,
                 "customer_events_per_minute": UNLIMITED, "customer_events_burst": UNLIMITED,
                 "scan_qr_per_minute": UNLIMITED}


def bench_settings(data_dir: str, **overrides):
    from settings import Settings

    return Settings(**{"data_dir": data_dir, "log_level": "WARNING", **RAISED_LIMITS, **overrides})


def raise_open_files() -> int:
    """As many open files as the hard limit allows (one per socket); returns the new limit."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


class Connection:
    """One keep-alive HTTP/1.1 connection, as a browser or the mini-program keeps one: a request, then
    its whole answer (Content-Length bodies: the app's JSON answers), then the next request."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host
        self.reusable = True

    @classmethod
    async def open(cls, host: str, port: int) -> "Connection":
        return cls(*await asyncio.open_connection(host, port), host)

    async def request(self, method: str, target: str, body: bytes | None = None,
                      content_type: str = "application/x-www-form-urlencoded") -> tuple[int, bytes]:
        """(HTTP status, body) of one request; a connection that failed one is not used again."""
        if not self.reusable:
            raise ConnectionError("this connection was closed or left unusable by its last answer")
        self.reusable = False  # until this answer is read whole
        head = f"{method} {target} HTTP/1.1\r\nHost: {self.host}\r\n"
        if body is not None:
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        answer = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *lines = answer[:-4].split(b"\r\n")
        headers = {name.strip().lower(): value.strip()
                   for name, _, value in (line.partition(b":") for line in lines)}
        if b"content-length" not in headers:
            raise ValueError(f"{method} {target}: an answer without Content-Length ({status_line.decode()})")
        body = await self.reader.readexactly(int(headers[b"content-length"]))
        self.reusable = headers.get(b"connection", b"").lower() != b"close"
        return int(status_line.split(b" ", 2)[1]), body

    def close(self) -> None:
        self.reusable = False
        self.writer.close()


async def _worker(host, port, path, deadline, latencies, codes):
    connection = await Connection.open(host, port)
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status, body = await connection.request("GET", path)
            latencies.append(time.perf_counter() - started)
            try:
                code = json.loads(body)["code"]
            except (ValueError, KeyError, TypeError):
                code = f"HTTP {status}"
            codes[code] = codes.get(code, 0) + 1
    finally:
        connection.close()


async def _run(url, concurrency, seconds):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, codes = [], {}
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_worker(parts.hostname, parts.port, path, deadline, latencies, codes)
                           for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return latencies, codes, elapsed


def measure(url: str, concurrency: int = 8, seconds: float = 5.0) -> dict:
    """Every answer is read: `codes` counts them by envelope code (429: refused for rate), `errors`
    is how many were not 200."""
    latencies, codes, elapsed = asyncio.run(_run(url, concurrency, seconds))
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "codes": codes,
        "errors": len(latencies) - codes.get(200, 0),
        "rps": len(latencies) / elapsed,
        "p50_ms": quantiles[49] * 1000,
        "p99_ms": quantiles[98] * 1000,
    }


def listen(app):
    """An HTTPServer for app on a free port of 127.0.0.1: (server, port)."""
    from tornado.httpserver import HTTPServer
    from tornado.netutil import bind_sockets

    sockets = bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
    server = HTTPServer(app)
    server.add_sockets(sockets)
    return server, sockets[0].getsockname()[1]
