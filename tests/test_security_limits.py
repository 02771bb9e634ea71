"""Hardening against abuse: anonymous sockets, QR floods, slow bodies, large bodies and images,
upload quotas, chat floods, repeated log lines, links and static files."""

import asyncio
import base64
import io
import json
import logging
import socket as sockets
from datetime import timedelta

import pytest
from PIL import Image
from tornado.testing import bind_unused_port
from tornado.websocket import WebSocketError

from common.logs import RepeatFilter
from common.times import utcnow
from models import products
from server import make_http_server
from tests.helpers import open_socket, png_bytes, slices

Q = "/zhugeleida/qiyeweixin"
QR = "/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode"
SCAN_WS = "/zhugeleida/public/websocket/scan_code_web_login"
RADAR_WS = "/zhugeleida/public/websocket/leida"
UPLOAD, MERGE = "/zhugeleida/public/img_upload", "/zhugeleida/public/img_merge"


# ----- 6. resources anyone can use without logging in -------------------------------------------
@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"anonymous_sockets_per_address": 3}])
async def test_anonymous_sockets_per_address_are_capped(api, base_url, seller, settings_overrides):
    pages = [await open_socket(base_url, SCAN_WS) for _ in range(3)]
    refused = await api.raw("GET", SCAN_WS, headers={"Upgrade": "websocket", "Connection": "Upgrade",
                                                     "Sec-WebSocket-Version": "13",
                                                     "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert json.loads(refused.body) == {"code": 429, "msg": "未登录的长连接过多,请稍后再试", "data": {}}
    # An authenticated socket is not anonymous: it still gets in.
    radar = await open_socket(base_url, RADAR_WS, seller)
    assert (await radar.frame())["code"] == 200
    pages[0].close()
    await asyncio.sleep(0.2)
    again = await open_socket(base_url, SCAN_WS)
    await again.send({"type": "register"})
    assert (await again.frame())["code"] == 200


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"anonymous_sockets_per_address": 10, "anonymous_sockets_max": 2}])
async def test_anonymous_sockets_have_a_global_cap(api, base_url, settings_overrides):
    """A socket that registers (authenticates) stops counting as anonymous."""
    first = await open_socket(base_url, RADAR_WS)
    await open_socket(base_url, SCAN_WS)
    with pytest.raises(WebSocketError):  # the handshake is refused
        await open_socket(base_url, SCAN_WS)
    first.close()


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"scan_qr_per_minute": 3}])
async def test_qr_codes_per_address_are_rate_limited(api, db, settings_overrides):
    for _ in range(3):
        assert (await api.get(QR))["code"] == 200
    assert await api.get(QR) == {"code": 429, "msg": "生成二维码过于频繁,请稍后再试", "data": {}}
    assert await db.scan_logins.count_documents({}) == 3


@pytest.mark.gen_test
async def test_scan_codes_expire_with_their_images(api, db):
    indexes = await db.scan_logins.index_information()
    assert any(index.get("expireAfterSeconds") is not None and index["key"] == [("expires_at", 1)]
               for index in indexes.values())
    data = await api.ok("GET", QR)
    await db.scan_logins.update_one({"_id": data["auth_code"]},
                                    {"$set": {"expires_at": utcnow() - timedelta(minutes=5)}})
    response = await api.raw("GET", "/" + data["auth_qrcode_url"])
    assert json.loads(response.body)["code"] == 302


@pytest.mark.gen_test(timeout=20)
@pytest.mark.parametrize("settings_overrides", [{"http_body_timeout_s": 0.5, "http_idle_timeout_s": 0.5}])
async def test_half_sent_bodies_and_idle_connections_are_dropped(app, ctx):
    sock, port = bind_unused_port()
    server = make_http_server(app, ctx.cfg)
    server.add_sockets([sock])
    loop = asyncio.get_running_loop()
    try:
        for request in (b"POST /zhugeleida/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nusername=",
                        b""):
            client = sockets.create_connection(("127.0.0.1", port))
            client.setblocking(False)
            await loop.sock_sendall(client, request)
            started = loop.time()
            assert await asyncio.wait_for(loop.sock_recv(client, 1024), 5) == b""  # closed by the server
            assert loop.time() - started < 4
            client.close()
    finally:
        server.stop()


def test_a_repeated_log_line_is_said_once_per_interval():
    repeat = RepeatFilter(interval_s=60)

    def record(msg, *args):
        return logging.LogRecord("radar.ws", logging.WARNING, __file__, 1, msg, args, None)

    assert repeat.filter(record("closing %s", 1))
    assert not any(repeat.filter(record("closing %s", n)) for n in range(2, 500))
    assert repeat.filter(record("something else"))
    repeat.seen[("radar.ws", logging.WARNING, "closing %s")][0] -= 61
    later = record("closing %s", 501)
    assert repeat.filter(later) and "498 more like this" in later.getMessage()


# ----- 10. bodies and images --------------------------------------------------------------------
async def raw_exchange(base_url: str, request: bytes) -> tuple[bytes, bool]:
    """Send raw bytes on a fresh connection; (the first response, whether the server then closed)."""
    host, port = base_url.split("//")[1].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request)
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(
        b"content-length")))
    body = await asyncio.wait_for(reader.readexactly(length), 5)
    try:
        closed = await asyncio.wait_for(reader.read(1), 2) == b""
    except TimeoutError:
        closed = False
    writer.close()
    return head + body, closed


@pytest.mark.gen_test
async def test_a_large_body_on_the_login_route_is_refused_before_it_is_read(http_server, base_url):
    body = json.dumps({"username": "x" * (2 * 1024 * 1024), "password": "y"}).encode()
    request = (b"POST /zhugeleida/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    answer, closed = await raw_exchange(base_url, request)  # the body is never even sent
    assert b"Connection: close" in answer and closed
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1]) == {"code": 303, "msg": "body: 请求体过大,最大 16384 字节",
                                                          "data": {}}


@pytest.mark.gen_test
async def test_a_chunked_body_over_the_limit_is_cut_off(http_server, base_url):
    chunk = b"a" * 8192
    request = (b"POST /zhugeleida/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
               + (hex(len(chunk))[2:].encode() + b"\r\n" + chunk + b"\r\n") * 3)
    answer, closed = await raw_exchange(base_url, request)
    assert b"Connection: close" in answer and closed and b'"code":303' in answer


@pytest.mark.gen_test
async def test_upload_chunks_may_be_larger_than_form_bodies(api, ctx, seller):
    image = png_bytes(700, 700)
    assert len(image) > ctx.cfg.max_body_bytes
    answer = await api.post(UPLOAD, seller, img_name="big.png", timestamp="77", chunk=0,
                            img_data=base64.b64encode(image).decode(), img_source="user_photo")
    assert answer["code"] == 200
    merged = await api.ok("POST", MERGE, seller, form={"img_name": "big.png", "timestamp": "77", "chunk_num": 1,
                                                       "img_source": "user_photo"})
    assert merged["ret_data"]["picture_url"].endswith(".png")


async def upload(api, who, data: bytes, name: str, timestamp: str, source: str = "user_photo") -> dict:
    for index, piece in enumerate(slices(data, 2)):
        await api.ok("POST", UPLOAD, who, form={"img_name": name, "timestamp": timestamp, "chunk": index,
                                                "img_data": base64.b64encode(piece).decode(), "img_source": source})
    return await api.post(MERGE, who, img_name=name, timestamp=timestamp, chunk_num=2, img_source=source)


def png_of(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.gen_test
async def test_pixel_bombs_are_refused(api, seller):
    bomb = png_of(6300, 6300)
    assert len(bomb) < 100_000
    answer = await upload(api, seller, bomb, "bomb.png", "1")
    assert answer == {"code": 301, "msg": "img_data: 图片尺寸过大 (最多25000000像素)", "data": {}}


@pytest.mark.gen_test
async def test_large_images_are_scaled_down_for_display(api, ctx, seller):
    answer = await upload(api, seller, png_of(4000, 1000), "wide.png", "2")
    path = ctx.cfg.statics_dir / answer["data"]["ret_data"]["picture_url"].removeprefix("statics/")
    with Image.open(path) as image:
        assert image.size == (2560, 640)


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"upload_quota_bytes": 60_000}])
async def test_each_user_has_an_upload_quota(api, ctx, db, seller, settings_overrides):
    image = png_bytes(120, 80)  # ~29 KB of noise
    first = await upload(api, seller, image, "a.png", "1")
    second = await upload(api, seller, image, "b.png", "2")
    assert first["code"] == second["code"] == 200
    third = await upload(api, seller, image, "c.png", "3")
    assert third == {"code": 301, "msg": "img_data: 上传空间已用完 (每人最多0MB)", "data": {}}
    photos = (await api.ok("GET", f"{Q}/mingpian/show_photo", seller))["ret_data"]
    assert len(photos) == 2
    # Deleting a photo gives its bytes back.
    await api.ok("POST", f"{Q}/mingpian/delete_photo", seller, form={"photo_id": photos[0]["id"]})
    assert (await upload(api, seller, image, "d.png", "4"))["code"] == 200


@pytest.mark.gen_test
async def test_product_pictures_nobody_shows_are_swept(api, ctx, db, seller):
    urls = []
    for name in ("kept.png", "orphan.png"):
        await api.ok("POST", f"{Q}/product/add_picture/0", seller, form={
            "img_name": name, "timestamp": name, "chunk": 0, "img_data": base64.b64encode(png_bytes()).decode()})
        done = await api.ok("POST", f"{Q}/product/upload_complete/0", seller, form={
            "img_name": name, "timestamp": name, "chunk_num": 1, "picture_type": 1})
        urls.append(done["ret_data"]["picture_url"])
    content = {"cover_data": [{"type": "picture_url", "data": [urls[0]]}], "article_data": []}
    await api.ok("POST", f"{Q}/product/add/0", seller, form={"name": "门票", "price": "1",
                                                             "content": json.dumps(content)})
    await db.product_pictures.update_many({}, {"$set": {"create_date": utcnow() - timedelta(days=2)}})
    used_before = (await db.users.find_one({"_id": seller["id"]}))["upload_bytes"]
    assert await products.sweep_pictures(db, ctx.cfg) == 1
    assert [p["url"] async for p in db.product_pictures.find()] == [urls[0]]
    assert (ctx.cfg.statics_dir / urls[0].removeprefix("statics/")).exists()
    assert not (ctx.cfg.statics_dir / urls[1].removeprefix("statics/")).exists()
    assert (await db.users.find_one({"_id": seller["id"]}))["upload_bytes"] < used_before


# ----- 13. chat floods --------------------------------------------------------------------------
@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"chat_burst": 5, "chat_messages_per_s": 0.001}])
async def test_chat_messages_per_account_are_rate_limited(api, base_url, db, seller, customer, settings_overrides):
    socket = await open_socket(base_url, "/zhugeleida/public/websocket/xiaochengxu", customer, u_id=seller["id"])
    await socket.frame()
    for n in range(5):
        await socket.send({"content": {"info_type": 1, "msg": f"m{n}"}})
        assert (await socket.frame())["msg"] == "小程序消息-发送成功"
        assert (await socket.frame())["data"]["ret_data"][0]["msg"] == f"m{n}"
    await socket.send({"content": {"info_type": 1, "msg": "flood"}})
    assert await socket.frame() == {"code": 429, "msg": "发送消息过于频繁,请稍后再试"}
    rest = await api.post("/zhugeleida/xiaochengxu/chat/send_msg/0", customer, u_id=seller["id"],
                          content='{"info_type": 1, "msg": "flood"}')
    assert rest == {"code": 429, "msg": "发送消息过于频繁,请稍后再试", "data": {}}
    assert await db.chats.count_documents({}) == 5
    # The other side has a budget of its own.
    answer = await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"],
                            content='{"info_type": 1, "msg": "hi"}')
    assert answer["code"] == 200


# ----- 14. links and static files ---------------------------------------------------------------
@pytest.mark.gen_test
async def test_only_web_links_are_stored_for_others_to_open(api, seller, customer):
    answer = await api.post("/zhugeleida/xiaochengxu/login", company_id=1, js_code="c9", u_id=seller["id"],
                            headimgurl="javascript:alert(1)")
    assert answer == {"code": 301, "msg": "headimgurl: 只能是 http(s) 链接或本站 statics/ 路径", "data": {}}
    answer = await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"],
                            content='{"info_type": 4, "url": "javascript:alert(1)"}')
    assert answer == {"code": 301, "msg": "content.url: 只能是 http(s) 链接或本站 statics/ 路径", "data": {}}
    answer = await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"],
                            content='{"info_type": 4, "url": "https://img.example/a.png"}')
    assert answer["code"] == 200


@pytest.mark.gen_test
async def test_static_files_are_not_sniffed_and_misses_are_plain(api):
    found = await api.raw("GET", "/statics/imgs/setAvator.jpg")
    assert found.code == 200 and found.headers["X-Content-Type-Options"] == "nosniff"
    missing = await api.raw("GET", "/statics/imgs/nothing.jpg")
    assert missing.code == 404 and missing.headers["Content-Type"].startswith("text/plain")
    assert b"<html" not in missing.body.lower()


@pytest.mark.gen_test
async def test_every_kind_of_answer_says_nosniff(api, seller):
    answers = {
        "a JSON envelope": await api.raw("GET", f"{Q}/mingpian", seller),
        "an error envelope": await api.raw("GET", f"{Q}/mingpian"),
        "an unknown route": await api.raw("GET", "/no/such/route"),
        "a wrong method": await api.raw("GET", f"{Q}/user/add/0", seller),
        "a CORS preflight": await api.raw("OPTIONS", f"{Q}/mingpian"),
        "health": await api.raw("GET", "/healthz"),
        "the workbench page": await api.raw("GET", "/"),
        "a scan-login page": await api.raw("GET", "/zhugeleida/public/scan_login"),
        "a static file": await api.raw("GET", "/static/web/app.css"),
        "a missing static file": await api.raw("GET", "/static/web/nothing.css"),
        "an uploaded file": await api.raw("GET", "/statics/imgs/setAvator.jpg"),
        "a socket route without the upgrade": await api.raw("GET", "/zhugeleida/public/websocket/leida"),
        "a body too large": await api.raw("POST", "/zhugeleida/login", body=b"x" * 20_000,
                                          headers={"Content-Type": "application/x-www-form-urlencoded"}),
    }
    assert {kind: answer.headers.get("X-Content-Type-Options") for kind, answer in answers.items()} == {
        kind: "nosniff" for kind in answers}


@pytest.mark.gen_test
async def test_no_list_is_answered_whole(api, db, seller, customer):
    await db.follow_infos.insert_many([{"_id": i, "company_id": 1, "user_id": seller["id"],
                                        "customer_id": customer["id"], "follow_info": f"note {i}",
                                        "create_date": utcnow()} for i in range(1, 26)])
    everything = await api.ok("GET", f"{Q}/follow_info", seller, params={"customer_id": customer["id"], "length": 0})
    assert (len(everything["ret_data"]), everything["data_count"]) == (20, 25)  # the default page
    answer = await api.get(f"{Q}/follow_info", seller, customer_id=customer["id"], length=1001)
    assert answer == {"code": 301, "msg": "length: 不能大于1000", "data": {}}
    big = await api.ok("GET", f"{Q}/follow_info", seller, params={"customer_id": customer["id"], "length": 1000})
    assert len(big["ret_data"]) == 25
