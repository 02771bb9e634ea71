"""Every answer leaves an HTTP/1.1 connection usable for the client's next request, the early ones
(a failed signature, an unknown route, a wrong method, a refused role, a validation error) included;
the one answer that must close (a body over the limit) says Connection: close."""

import asyncio
import json
import urllib.parse

import pytest

from tests.helpers import public_params

Q = "/zhugeleida/qiyeweixin"


class Connection:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, base_url: str) -> "Connection":
        host, port = base_url.split("//")[1].split(":")
        return cls(*await asyncio.open_connection(host, int(port)))

    async def exchange(self, method: str, target: str, body: bytes = b"", content_type: str | None = None):
        """(headers, envelope) of one request on this connection."""
        head = f"{method} {target} HTTP/1.1\r\nHost: radar\r\nConnection: keep-alive\r\n"
        if body or method == "POST":
            head += f"Content-Length: {len(body)}\r\n"
        if content_type:
            head += f"Content-Type: {content_type}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        await self.writer.drain()
        raw = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), 5)
        headers = {line.split(b":", 1)[0].decode().lower(): line.split(b":", 1)[1].strip().decode()
                   for line in raw.split(b"\r\n")[1:] if b":" in line}
        payload = await asyncio.wait_for(self.reader.readexactly(int(headers["content-length"])), 5)
        return headers, json.loads(payload)

    def close(self):
        self.writer.close()


def signed(path: str, who: dict, **params) -> str:
    return f"{path}?{urllib.parse.urlencode({**public_params(who), **params})}"


@pytest.mark.gen_test
async def test_early_answers_keep_the_connection(http_server, base_url, admin, seller):
    stale = public_params(admin, timestamp="1500000000000")
    early = [
        ("GET", "/zhugeleida/no/such/route", b"", None, 404),
        ("GET", f"{Q}/user?rand_str=0&timestamp=1&user_id={admin['id']}", b"", None, 404),
        ("GET", f"{Q}/user?{urllib.parse.urlencode(stale)}", b"", None, 404),
        ("GET", signed(f"{Q}/user/add/0", admin), b"", None, 402),
        ("PUT", signed(f"{Q}/user", admin), b"x=1", "application/x-www-form-urlencoded", 402),
        ("GET", signed(f"{Q}/user", seller), b"", None, 404),
        ("POST", f"{Q}/user/add/0?rand_str=0&timestamp=1&user_id=1", b"username=x" * 100,
         "application/x-www-form-urlencoded", 404),
        ("POST", signed(f"{Q}/user/add/0", admin), b"username=x", "application/x-www-form-urlencoded", 303),
        ("POST", signed(f"{Q}/user/add/0", admin), b"{not json", "application/json", 301),
        ("POST", "/zhugeleida/public/img_upload?rand_str=0&timestamp=1&user_id=1", b"img_data=" + b"A" * 5000,
         "application/x-www-form-urlencoded", 404),
    ]
    connection = await Connection.open(base_url)
    for method, target, body, content_type, code in early:
        headers, answer = await connection.exchange(method, target, body, content_type)
        assert answer["code"] == code, (method, target, answer)
        assert headers.get("connection", "").lower() != "close", (method, target)
        # ... and the same connection serves the next request.
        _headers, health = await connection.exchange("GET", "/healthz")
        assert health["code"] == 200, (method, target)
    connection.close()


@pytest.mark.gen_test
async def test_a_body_over_the_limit_says_connection_close(http_server, base_url, admin):
    connection = await Connection.open(base_url)
    body = b"username=" + b"x" * 20_000
    headers, answer = await connection.exchange("POST", "/zhugeleida/login", body,
                                                "application/x-www-form-urlencoded")
    assert answer["code"] == 303 and headers["connection"].lower() == "close"
    assert await asyncio.wait_for(connection.reader.read(1), 5) == b""
    connection.close()
