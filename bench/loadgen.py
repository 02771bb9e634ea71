"""A small keep-alive HTTP/1.1 load generator (asyncio streams), run in its own process so the
server under test has its core to itself. Prints nothing; returns numbers."""

import asyncio
import socket
import statistics
import time
import urllib.parse


async def _worker(host, port, path, deadline, latencies, errors):
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
            if b'"code":200' not in body.replace(b" ", b""):
                errors.append(body[:200])
    finally:
        writer.close()


async def _run(url, concurrency, seconds):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, errors = [], []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_worker(parts.hostname, parts.port, path, deadline, latencies, errors)
                           for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def measure(url: str, concurrency: int = 8, seconds: float = 5.0) -> dict:
    latencies, errors, elapsed = asyncio.run(_run(url, concurrency, seconds))
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": len(errors),
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
