"""Socket liveness: idle peers are closed, healthy ones are kept by pings, slow readers are cut off."""

import asyncio
import base64
import os
import socket as socketlib

import pytest

from tests.helpers import eventually, open_socket, public_params

RADAR_WS = "/zhugeleida/public/websocket/leida"


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"ws_idle_timeout_s": 0.4, "ws_ping_interval_s": 30}])
async def test_silent_peer_is_closed_after_the_idle_timeout(base_url, ctx, seller):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    # No pings go out within 0.4 s and the client says nothing: it counts as gone.
    assert await radar.closed(timeout=3) == 1001
    await eventually(lambda: ctx.hub.count("user", seller["id"]) == 0)


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"ws_idle_timeout_s": 0.5, "ws_ping_interval_s": 0.1}])
async def test_peer_answering_pings_stays_open(base_url, ctx, seller):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await asyncio.sleep(1.5)  # three idle timeouts, kept alive by pongs alone
    await radar.send({"type": "query_num"})
    assert (await radar.frame())["code"] == 200
    assert ctx.hub.count("user", seller["id"]) == 1
    radar.close()


async def raw_websocket(base_url: str, path: str, account: dict):
    """A client that does the handshake and then never reads: a stuck phone."""
    port = int(base_url.rsplit(":", 1)[1])
    query = "&".join(f"{k}={v}" for k, v in public_params(account).items())
    sock = socketlib.socket()
    sock.setsockopt(socketlib.SOL_SOCKET, socketlib.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path}?{query} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    sock.setblocking(False)
    return sock


@pytest.mark.gen_test(timeout=30)
@pytest.mark.parametrize("settings_overrides", [{"ws_max_buffer_bytes": 256 * 1024}])
async def test_peer_that_stops_reading_is_cut_off(base_url, ctx, seller):
    sock = await raw_websocket(base_url, RADAR_WS, seller)
    await eventually(lambda: ctx.hub.count("user", seller["id"]) == 1)
    frame = {"code": 200, "msg": "load", "data": "x" * 4000}
    for _ in range(20_000):  # ~80 MB offered; only the bound may ever wait in memory
        ctx.hub.push_to_user(seller["id"], frame)
        if not ctx.hub.count("user", seller["id"]):
            break
        await asyncio.sleep(0)
    await eventually(lambda: ctx.hub.count("user", seller["id"]) == 0)
    sock.close()
    # Nothing else was disturbed: a healthy socket still works.
    radar = await open_socket(base_url, RADAR_WS, seller)
    assert (await radar.frame())["msg"] == "注册成功"
    radar.close()


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"ws_register_timeout_s": 0.3}])
async def test_socket_that_never_registers_is_closed(api, base_url, ctx):
    socket = await open_socket(base_url, RADAR_WS)
    assert await socket.frame(timeout=3) == {"code": 404, "msg": "非法请求: 注册超时"}
    assert await socket.closed() == 1008
    await eventually(lambda: not ctx.hub.connections)


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"ws_register_timeout_s": 0.3}])
async def test_registered_socket_outlives_the_register_timeout(api, base_url, seller):
    socket = await open_socket(base_url, RADAR_WS)
    await socket.send({"type": "register", **public_params(seller)})
    assert (await socket.frame())["msg"] == "注册成功"
    assert await socket.nothing(0.6)
    await socket.send({"type": "query_num"})
    assert (await socket.frame())["code"] == 200
