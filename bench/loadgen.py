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


async def _worker(host, port, path, deadline, latencies, codes):
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            try:
                code = json.loads(body)["code"]
            except (ValueError, KeyError, TypeError):
                code = f"HTTP {head.split(b' ', 2)[1].decode()}"
            codes[code] = codes.get(code, 0) + 1
    finally:
        writer.close()


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
