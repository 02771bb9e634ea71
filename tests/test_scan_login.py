"""Scan-code web login: QR, the page's socket, confirmation by a phone, single use, timeouts."""

import io
import urllib.parse
import uuid
from pathlib import Path

import pytest

from tests.helpers import decode_qr, open_socket

QR = "/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode"
WS = "/zhugeleida/public/websocket/scan_code_web_login"
CONFIRM = "/zhugeleida/qiyeweixin/scan_login/confirm"
SEED_KEYS = {"user_id", "token", "role_id", "username", "avatar", "company_name", "company_id", "weChatQrCode",
             "state", "last_login_date"}


async def waiting_page(api, base_url, company_id=None):
    """A login page: its QR answer and its socket, registered and waiting."""
    data = await api.ok("GET", QR, params={"company_id": company_id})
    page = await open_socket(base_url, WS)
    await page.send({"type": "register"})
    assert await page.frame() == {"code": 200, "msg": "注册成功"}
    await page.send({"type": "query_login_status", "auth_code": data["auth_code"]})
    assert await page.frame() == {"code": 201, "msg": "等待验证中"}
    return data, page


@pytest.mark.gen_test
async def test_qr_code_encodes_the_confirm_page(api, ctx):
    answer = await api.get(QR)
    assert answer["code"] == 200 and answer["msg"] == "生成二维码成功"
    data = answer["data"]
    assert set(data) == {"auth_qrcode_url", "auth_code", "auth_secret"}
    assert str(uuid.UUID(data["auth_code"])) == data["auth_code"]
    assert data["auth_qrcode_url"] == f"statics/zhugeleida/imgs/qiyeweixin/webLogin/{data['auth_code']}_qrCode.png"
    response = await api.raw("GET", "/" + data["auth_qrcode_url"])
    assert response.code == 200 and response.body[:8] == b"\x89PNG\r\n\x1a\n"
    assert decode_qr(io.BytesIO(response.body)) == (
        f"http://radar.test/zhugeleida/public/scan_login/confirm?auth_code={data['auth_code']}")
    # No file is written: the image lives (and expires) with the code.
    assert not (Path(ctx.cfg.statics_dir) / "zhugeleida/imgs/qiyeweixin/webLogin").exists()


@pytest.mark.gen_test
async def test_confirm_pushes_the_login_to_the_waiting_page(api, base_url, seller):
    data, page = await waiting_page(api, base_url)
    answer = await api.post(CONFIRM, seller, auth_code=data["auth_code"])
    assert answer == {"code": 200, "msg": "授权登录成功", "data": {}}
    frame = await page.frame(timeout=1)
    assert frame["code"] == 200 and frame["msg"] == "登录成功"
    assert set(frame["data"]) == SEED_KEYS
    assert frame["data"]["user_id"] == seller["id"] and frame["data"]["state"] == "scan_code_web_login"
    assert frame["data"]["company_name"] == "合众康桥" and frame["data"]["username"] == "zhangcong"
    assert await page.closed() == 1000
    # The token works on authenticated routes.
    session = {"id": frame["data"]["user_id"], "token": frame["data"]["token"]}
    assert (await api.get("/zhugeleida/qiyeweixin/tongxunlu", session))["code"] == 200
    # Single use.
    assert (await api.post(CONFIRM, seller, auth_code=data["auth_code"]))["code"] == 303
    late = await open_socket(base_url, WS)
    await late.send({"type": "query_login_status", "auth_code": data["auth_code"]})
    assert await late.frame() == {"code": 303, "msg": "Auth code已经失效"}
    assert await late.closed() == 1000


@pytest.mark.gen_test
async def test_polling_still_works(api, base_url, seller):
    data = await api.ok("GET", QR)
    await api.ok("POST", CONFIRM, seller, form={"auth_code": data["auth_code"]})
    page = await open_socket(base_url, WS)
    await page.send({"type": "query_login_status", "auth_code": data["auth_code"]})
    frame = await page.frame()
    assert frame["code"] == 200 and frame["data"]["user_id"] == seller["id"]
    assert await page.closed() == 1000


@pytest.mark.gen_test
@pytest.mark.parametrize("auth_code", ["", "nonsense", str(uuid.uuid4())])
async def test_unknown_codes_are_303(api, base_url, seller, auth_code):
    page = await open_socket(base_url, WS)
    await page.send({"type": "query_login_status", "auth_code": auth_code})
    assert await page.frame() == {"code": 303, "msg": "Auth code已经失效"}
    assert await page.closed() == 1000
    assert (await api.post(CONFIRM, seller, auth_code=auth_code or "x"))["code"] == 303


@pytest.mark.gen_test
async def test_disabled_user_cannot_confirm(api, base_url, admin, seller):
    data, page = await waiting_page(api, base_url)
    await api.ok("POST", f"/zhugeleida/qiyeweixin/user/update/{seller['id']}", admin, form={"status": 2})
    assert await api.post(CONFIRM, seller, auth_code=data["auth_code"]) == {"code": 306, "msg": "账户未启用",
                                                                            "data": {}}
    assert await page.frame() == {"code": 301, "msg": "登录失败"}
    assert await page.closed() == 1000


@pytest.mark.gen_test
async def test_confirm_needs_a_signed_radar_user(api, base_url):
    data = await api.ok("GET", QR)
    assert (await api.post(CONFIRM, None, auth_code=data["auth_code"]))["code"] == 404


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"scan_login_ttl_s": 0.5}])
async def test_waiting_page_times_out_with_504_and_the_code_expires(api, base_url, seller):
    data, page = await waiting_page(api, base_url)
    assert await page.frame(timeout=3) == {"code": 504, "msg": "等待超时,关闭长连接"}
    assert await page.closed() == 1000
    assert (await api.post(CONFIRM, seller, auth_code=data["auth_code"]))["code"] == 303


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"scan_login_ttl_s": 0.6}])
async def test_a_page_that_never_asks_also_times_out(api, base_url):
    page = await open_socket(base_url, WS)
    assert await page.frame(timeout=3) == {"code": 504, "msg": "等待超时,关闭长连接"}


@pytest.mark.gen_test
async def test_closed_and_unknown_frames(api, base_url):
    page = await open_socket(base_url, WS)
    await page.send({"type": "dance"})
    assert await page.frame() == {"code": 301, "msg": "type: 不支持的类型 dance"}
    await page.send({"type": "closed"})
    assert await page.closed() == 1000


@pytest.mark.gen_test
async def test_wecom_company_qr_goes_through_oauth_and_confirms(api, base_url, admin, fake_wechat, db):
    await api.ok("POST", "/zhugeleida/qiyeweixin/company/update/1", admin,
                 form={"corp_id": "wwcorp", "corp_secret": "corpsecret", "agent_id": "1000002"})
    data = await api.ok("GET", QR, params={"company_id": 1})
    url = decode_qr(io.BytesIO((await api.raw("GET", "/" + data["auth_qrcode_url"])).body))
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    assert url.startswith("https://open.weixin.qq.com/connect/oauth2/authorize?") and parts.fragment == "wechat_redirect"
    assert query["appid"] == "wwcorp" and query["agentid"] == "1000002" and query["scope"] == "snsapi_base"
    assert query["redirect_uri"] == "http://radar.test/zhugeleida/qiyeweixin/work_weixin_auth/1"
    assert query["state"] == "scan" + uuid.UUID(data["auth_code"]).hex
    page = await open_socket(base_url, WS)
    await page.send({"type": "query_login_status", "auth_code": data["auth_code"]})
    assert (await page.frame())["code"] == 201
    # The phone follows WeCom's redirect with a code for member zhangsan.
    fake_wechat.codes["oauth-code"] = "zhangsan"
    answer = await api.get("/zhugeleida/qiyeweixin/work_weixin_auth/1", code="oauth-code", state=query["state"])
    assert answer == {"code": 200, "msg": "授权登录成功", "data": {}}
    frame = await page.frame(timeout=1)
    assert frame["code"] == 200 and set(frame["data"]) == SEED_KEYS
    user = await db.users.find_one({"wecom_userid": "zhangsan"})
    assert frame["data"]["user_id"] == user["_id"] and user["name"] == "张三"


# ----- phishing: the code belongs to the page that asked for it ---------------------------------
@pytest.mark.gen_test
async def test_a_bystander_who_read_the_qr_cannot_take_the_login(api, base_url, seller):
    data, page = await waiting_page(api, base_url)
    bystander = await open_socket(base_url, WS)
    await bystander.send({"type": "query_login_status", "auth_code": data["auth_code"]})
    assert await bystander.frame() == {"code": 303, "msg": "Auth code已经失效"}
    await api.ok("POST", CONFIRM, seller, form={"auth_code": data["auth_code"]})
    assert (await page.frame(timeout=1))["code"] == 200


@pytest.mark.gen_test
async def test_the_page_can_come_back_with_its_secret(api, base_url, seller):
    data, page = await waiting_page(api, base_url)
    page.close()
    again = await open_socket(base_url, WS)
    await again.send({"type": "query_login_status", "auth_code": data["auth_code"], "auth_secret": "wrong"})
    assert await again.frame() == {"code": 303, "msg": "Auth code已经失效"}
    again = await open_socket(base_url, WS)
    await again.send({"type": "query_login_status", "auth_code": data["auth_code"],
                      "auth_secret": data["auth_secret"]})
    assert await again.frame() == {"code": 201, "msg": "等待验证中"}
    await again.send({"type": "query_login_status", "auth_code": data["auth_code"]})  # the seed's polling
    assert await again.frame() == {"code": 201, "msg": "等待验证中"}


@pytest.mark.gen_test
async def test_a_bystander_who_claimed_first_gets_nothing_after_the_page_takes_over(api, base_url, seller):
    data = await api.ok("GET", QR)
    bystander = await open_socket(base_url, WS)  # read the code off the QR before the page asked
    await bystander.send({"type": "query_login_status", "auth_code": data["auth_code"]})
    assert await bystander.frame() == {"code": 201, "msg": "等待验证中"}
    page = await open_socket(base_url, WS)
    await page.send({"type": "query_login_status", "auth_code": data["auth_code"],
                     "auth_secret": data["auth_secret"]})
    assert await page.frame() == {"code": 201, "msg": "等待验证中"}
    assert await bystander.frame() == {"code": 303, "msg": "Auth code已经失效"}
    assert await bystander.closed() == 1000
    await api.ok("POST", CONFIRM, seller, form={"auth_code": data["auth_code"]})
    assert (await page.frame(timeout=1))["code"] == 200


@pytest.mark.gen_test
async def test_another_companys_user_cannot_confirm(api, base_url, admin, seller):
    company = await api.ok("POST", "/zhugeleida/qiyeweixin/company/add/0", admin, form={"name": "东方银谷"})
    outsider = await api.create_user(admin, "outsider", company_id=company["company_id"])
    data, page = await waiting_page(api, base_url, company_id=1)
    answer = await api.post(CONFIRM, outsider, auth_code=data["auth_code"])
    assert answer == {"code": 301, "msg": "auth_code: 这个登录请求不是给您的公司的", "data": {}}
    assert await page.nothing()
    await api.ok("POST", CONFIRM, seller, form={"auth_code": data["auth_code"]})
    assert (await page.frame(timeout=1))["code"] == 200


@pytest.mark.gen_test
async def test_the_phone_sees_who_asks_before_confirming(api, base_url, seller):
    data = await api.ok("GET", QR, headers={"User-Agent": "Mozilla/5.0 (Desk)"})
    details = await api.ok("GET", "/zhugeleida/qiyeweixin/scan_login/request", seller,
                           params={"auth_code": data["auth_code"]})
    assert details["user_agent"] == "Mozilla/5.0 (Desk)" and details["address"] == "127.0.0.1"
    assert details["create_date"][:4].isdigit() and details["company_id"] is None
    await api.ok("POST", CONFIRM, seller, form={"auth_code": data["auth_code"]})
    answer = await api.get("/zhugeleida/qiyeweixin/scan_login/request", seller, auth_code=data["auth_code"])
    assert answer["code"] == 303


@pytest.mark.gen_test
@pytest.mark.parametrize("page", ["/zhugeleida/public/scan_login", "/zhugeleida/public/scan_login/confirm"])
async def test_pages_cannot_be_framed(api, page):
    response = await api.raw("GET", page)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
