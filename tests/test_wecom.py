"""WeCom member login, JS-SDK signatures, share URLs and the encrypted member callback."""

import random
import time
import urllib.parse

import pytest

from models.accounts import STATUS_DISABLED
from wechat import jssdk
from wechat.crypto import MsgCrypt, signature

Q = "/zhugeleida/qiyeweixin"
AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
TICKET = ("sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg")


@pytest.fixture
def wecom(io_loop, api, admin):
    """Company 1 with its WeCom app, callback and official account configured."""
    io_loop.run_sync(lambda: api.ok("POST", f"{Q}/company/update/1", admin, form={
        "corp_id": "wwcorp", "corp_secret": "corpsecret", "agent_id": "1000002", "callback_token": "cbtoken",
        "callback_aes_key": AES_KEY, "gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"}))


# ----- OAuth member login -----------------------------------------------------------------------
@pytest.mark.gen_test
async def test_member_login_creates_then_refreshes_the_radar_user(api, db, wecom, fake_wechat):
    fake_wechat.codes["c1"] = "zhangsan"
    answer = await api.get(f"{Q}/work_weixin_auth/1", code="c1")
    assert answer["code"] == 200
    data = answer["data"]
    assert set(data) >= {"user_id", "token", "username", "role_id", "company_id", "avatar"}
    user = await db.users.find_one({"_id": data["user_id"]})
    assert (user["wecom_userid"], user["name"], user["company_id"], user["role_id"]) == ("zhangsan", "张三", 1, 2)
    assert user["avatar"] == "http://wx.qlogo.cn/zhangsan/0"
    # The token works.
    assert (await api.get(f"{Q}/tongxunlu", {"id": data["user_id"], "token": data["token"]}))["code"] == 200
    # Next login: same user, fresh name and avatar; the token was cached, not fetched again.
    fake_wechat.members["zhangsan"].update(name="张三丰", avatar="http://wx.qlogo.cn/new/0")
    fake_wechat.codes["c2"] = "zhangsan"
    again = await api.ok("GET", f"{Q}/work_weixin_auth/1", params={"code": "c2"})
    assert again["user_id"] == data["user_id"]
    user = await db.users.find_one({"_id": data["user_id"]})
    assert user["name"] == "张三丰" and user["avatar"] == "http://wx.qlogo.cn/new/0"
    assert fake_wechat.count("/cgi-bin/gettoken") == 1


@pytest.mark.gen_test
async def test_expired_token_is_refetched_once(api, wecom, fake_wechat):
    fake_wechat.codes["c1"] = "zhangsan"
    await api.ok("GET", f"{Q}/work_weixin_auth/1", params={"code": "c1"})
    fake_wechat.expire_tokens_once = True
    fake_wechat.codes["c2"] = "zhangsan"
    assert (await api.get(f"{Q}/work_weixin_auth/1", code="c2"))["code"] == 200
    assert fake_wechat.count("/cgi-bin/gettoken") == 2


@pytest.mark.gen_test
async def test_member_login_errors(api, admin, wecom, fake_wechat, db):
    assert await api.get(f"{Q}/work_weixin_auth/1", code="never-issued") == {
        "code": 301, "msg": "code: 微信接口错误 40029: invalid code", "data": {}}
    assert (await api.get(f"{Q}/work_weixin_auth/1"))["code"] == 303
    assert (await api.get(f"{Q}/work_weixin_auth/99", code="x"))["code"] == 302
    other = await api.ok("POST", f"{Q}/company/add/0", admin, form={"name": "没配企业微信"})
    answer = await api.get(f"{Q}/work_weixin_auth/{other['company_id']}", code="x")
    assert answer["code"] == 301 and "corp_id" in answer["msg"]
    fake_wechat.stop()
    fake_wechat.codes["c3"] = "zhangsan"
    assert (await api.get(f"{Q}/work_weixin_auth/1", code="c3"))["code"] == 503
    assert await db.users.count_documents({"wecom_userid": {"$exists": True}}) == 0


@pytest.mark.gen_test
async def test_disabled_member_gets_306(api, db, wecom, fake_wechat):
    fake_wechat.codes["c1"] = "zhangsan"
    user_id = (await api.ok("GET", f"{Q}/work_weixin_auth/1", params={"code": "c1"}))["user_id"]
    await db.users.update_one({"_id": user_id}, {"$set": {"status": STATUS_DISABLED}})
    fake_wechat.codes["c2"] = "zhangsan"
    assert (await api.get(f"{Q}/work_weixin_auth/1", code="c2"))["code"] == 306


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"frontend_url": "https://radar.example/app"}])
async def test_member_login_redirects_to_the_front_end(api, wecom, fake_wechat):
    fake_wechat.codes["c1"] = "zhangsan"
    response = await api.http.fetch(api.url(f"{Q}/work_weixin_auth/1", params={"code": "c1"}),
                                    follow_redirects=False, raise_error=False)
    assert response.code == 302
    location = urllib.parse.urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://radar.example/app"
    assert not location.query  # the token travels in the fragment, never to a server
    assert set(dict(urllib.parse.parse_qsl(location.fragment))) == {"token", "user_id", "username", "avatar"}


# ----- JS-SDK signatures and share URLs ----------------------------------------------------------
@pytest.mark.gen_test
async def test_enterprise_sign(api, seller, wecom, fake_wechat):
    page = "http://radar.example/page?x=1#/ignored"
    answer = await api.get(f"{Q}/enterprise_weixin_sign", seller, url=page)
    assert answer["code"] == 200 and answer["msg"] == "查询成功"
    data = answer["data"]
    assert set(data) == {"signature", "timestamp", "nonceStr", "appId"} and data["appId"] == "wwcorp"
    assert len(data["nonceStr"]) == 16 and isinstance(data["timestamp"], int)
    assert data["signature"] == jssdk.signature(TICKET, data["nonceStr"], data["timestamp"],
                                                "http://radar.example/page?x=1")
    await api.ok("GET", f"{Q}/enterprise_weixin_sign", seller, params={"url": page})
    assert fake_wechat.count("/cgi-bin/get_jsapi_ticket") == 1  # cached


@pytest.mark.gen_test
async def test_official_account_share_sign(api, seller, wecom):
    data = await api.ok("GET", f"{Q}/work_weixin_auth/gongzhonghao_share_sign", seller,
                        params={"url": "http://radar.example/a"})
    assert data["appid"] == "wxgzh"
    assert data["signature"] == jssdk.signature(TICKET, data["nonceStr"], data["timestamp"], "http://radar.example/a")


@pytest.mark.gen_test
async def test_signatures_need_the_company_settings(api, seller):
    answer = await api.get(f"{Q}/enterprise_weixin_sign", seller, url="http://x/")
    assert answer["code"] == 301 and answer["msg"].startswith("corp_id: 公司还没有配置企业微信应用。请管理员在")
    answer = await api.get(f"{Q}/work_weixin_auth/gongzhonghao_share_sign", seller)
    # Who must set it up and where, in the user's words (and for a client, the same as data).
    assert answer["code"] == 301 and answer["msg"] == (
        "gzh_appid: 公司还没有配置公众号。请管理员在「管理 → 公司 → 微信设置」填写微信公众平台「设置与开发 → 基本配置」的"
        "AppID和AppSecret")
    assert answer["data"]["missing"] == ["gzh_appid", "gzh_secret"] and answer["data"]["who"] == "管理员"


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"wechat_gzh_appid": "wx-server-gzh", "wechat_gzh_secret": "s"}])
async def test_share_sign_falls_back_to_the_servers_official_account(api, seller, fake_wechat, settings_overrides):
    data = await api.ok("GET", f"{Q}/work_weixin_auth/gongzhonghao_share_sign", seller,
                        params={"url": "http://radar.example/a"})
    assert data["appid"] == "wx-server-gzh"
    assert data["signature"] == jssdk.signature(TICKET, data["nonceStr"], data["timestamp"], "http://radar.example/a")
    assert fake_wechat.count("/cgi-bin/ticket/getticket") == 1


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"wechat_component_appid": "wx6ba07e6ddcdc69b3"}])
async def test_share_url_is_built_like_the_seed_example(api, seller, wecom):
    await api.ok("POST", f"{Q}/article/add/0", seller, form={"title": "文章", "content": "正文"})
    answer = await api.get(f"{Q}/work_weixin_auth/create_gongzhonghao_share_auth_url", seller, article_id=1)
    assert answer["code"] == 200 and answer["msg"] == "返回成功"
    uid = seller["id"]
    share_url = answer["data"]["share_url"]
    wrapper = urllib.parse.urlsplit(share_url)
    assert f"{wrapper.scheme}://{wrapper.netloc}{wrapper.path}" == (
        "http://radar.test/zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url")
    authorize = urllib.parse.urlsplit(urllib.parse.parse_qs(wrapper.query)["share_url"][0])
    query = dict(urllib.parse.parse_qsl(authorize.query))
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == "https://open.weixin.qq.com/connect/oauth2/authorize"
    assert authorize.fragment == "wechat_redirect"
    assert query == {"appid": "wxgzh", "response_type": "code", "scope": "snsapi_userinfo", "state": "snsapi_userinfo",
                     "component_appid": "wx6ba07e6ddcdc69b3",
                     "redirect_uri": "http://radar.test/zhugeleida/gongzhonghao/work_gongzhonghao_auth?relate="
                                     f"article_id_1|pid_|level_1|uid_{uid}|company_id_1"}
    assert (await api.get(f"{Q}/work_weixin_auth/create_gongzhonghao_share_auth_url", seller))["code"] == 303
    # The wrapper sends the browser on to WeChat, and only there.
    target = urllib.parse.parse_qs(urllib.parse.urlsplit(answer["data"]["share_url"]).query)["share_url"][0]
    response = await api.http.fetch(api.url("/zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url",
                                            params={"share_url": target}), follow_redirects=False,
                                    raise_error=False)
    assert response.code == 302 and response.headers["Location"] == target
    evil = await api.get("/zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url",
                         share_url="https://evil.example/")
    assert evil["code"] == 301


# ----- encrypted callback -----------------------------------------------------------------------
def signed_query(encrypt: str, timestamp: str | None = None, nonce: str | None = None, **extra) -> dict:
    """WeCom's query: a fresh timestamp and a new nonce for every delivery."""
    timestamp = timestamp or str(int(time.time()))
    nonce = nonce or str(random.randrange(10**9, 10**10))
    return {"msg_signature": signature("cbtoken", timestamp, nonce, encrypt), "timestamp": timestamp,
            "nonce": nonce, **extra}


def event_body(xml: str, **query) -> tuple[bytes, dict]:
    encrypt = MsgCrypt("cbtoken", AES_KEY, "wwcorp").encrypt(xml.encode())
    body = f"<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    return body.encode(), signed_query(encrypt, **query)


def member_event(change: str, userid: str, **fields) -> str:
    extra = "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in fields.items())
    return (f"<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
            f"<CreateTime>1409659813</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[change_contact]]></Event><ChangeType>{change}</ChangeType>"
            f"<UserID><![CDATA[{userid}]]></UserID>{extra}</xml>")


async def post_event(api, xml: str):
    body, query = event_body(xml)
    return await api.raw("POST", f"{Q}/callback/1", params=query, body=body, headers={"Content-Type": "text/xml"})


@pytest.mark.gen_test
async def test_url_verification_answers_the_echostr(api, wecom):
    echostr = MsgCrypt("cbtoken", AES_KEY, "wwcorp").encrypt(b"1616140317555161061")
    response = await api.raw("GET", f"{Q}/callback/1", params=signed_query(echostr, echostr=echostr))
    assert response.code == 200 and response.body == b"1616140317555161061"
    assert response.headers["Content-Type"].startswith("text/plain")
    bad = await api.call("GET", f"{Q}/callback/1", params={**signed_query(echostr, echostr=echostr),
                                                            "msg_signature": "0" * 40})
    assert bad["code"] == 301 and bad["msg"].startswith("msg_signature:")


@pytest.mark.gen_test
async def test_member_events_sync_radar_users(api, db, wecom):
    response = await post_event(api, member_event("create_user", "lisi", Name="李四", Avatar="http://a/1"))
    assert response.code == 200 and response.body == b"success"
    user = await db.users.find_one({"wecom_userid": "lisi"})
    assert (user["name"], user["avatar"], user["status"], user["company_id"]) == ("李四", "http://a/1", 1, 1)
    await post_event(api, member_event("update_user", "lisi", Name="李四光"))
    user = await db.users.find_one({"_id": user["_id"]})
    assert user["name"] == "李四光" and user["avatar"] == "http://a/1"
    await post_event(api, member_event("update_user", "lisi", NewUserID="lisi2"))
    assert (await db.users.find_one({"_id": user["_id"]}))["wecom_userid"] == "lisi2"
    await post_event(api, member_event("delete_user", "lisi2"))
    assert (await db.users.find_one({"_id": user["_id"]}))["status"] == STATUS_DISABLED
    ignored = await post_event(api, "<xml><MsgType>text</MsgType><Content>hi</Content></xml>")
    assert ignored.body == b"success"


@pytest.mark.gen_test
async def test_bad_callbacks_change_nothing(api, db, wecom):
    body, query = event_body(member_event("create_user", "wangwu", Name="王五"))
    cases = [
        ({**query, "msg_signature": "0" * 40}, body),
        (query, body.replace(b"<Encrypt><![CDATA[", b"<Encrypt><![CDATA[AAAA")),
        (query, b"<xml><Encrypt>"),
        (query, b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'),
        (query, b"<xml></xml>"),
    ]
    for params, payload in cases:
        answer = await api.call("POST", f"{Q}/callback/1", params=params, body=payload,
                                headers={"Content-Type": "text/xml"})
        assert answer["code"] in (301, 303), answer
    assert await db.users.count_documents({"wecom_userid": "wangwu"}) == 0
    forged_key = MsgCrypt("cbtoken", "A" * 43, "wwcorp").encrypt(member_event("create_user", "wangwu").encode())
    answer = await api.call("POST", f"{Q}/callback/1", params=signed_query(forged_key),
                            body=f"<xml><Encrypt>{forged_key}</Encrypt></xml>".encode(),
                            headers={"Content-Type": "text/xml"})
    assert answer["code"] == 301
    assert await db.users.count_documents({"wecom_userid": "wangwu"}) == 0


@pytest.mark.gen_test
async def test_callback_needs_the_company_settings(api, admin):
    answer = await api.get(f"{Q}/callback/1", msg_signature="x", timestamp="1", nonce="2", echostr="e")
    assert answer["code"] == 301
    assert (await api.get(f"{Q}/callback/99", msg_signature="x", timestamp="1", nonce="2", echostr="e"))[
        "code"] == 302


@pytest.mark.gen_test
async def test_entities_are_refused_in_every_encoding(api, db, wecom):
    billion_laughs = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                      '<xml><Encrypt>&c;</Encrypt></xml>')
    for body in (billion_laughs.encode("utf-16"), billion_laughs.replace("UTF-16", "UTF-8").encode()):
        answer = await api.call("POST", f"{Q}/callback/1", params=signed_query("x"), body=body,
                                headers={"Content-Type": "text/xml"})
        assert answer == {"code": 301, "msg": "body: 不接受DTD或实体", "data": {}}


@pytest.mark.gen_test
@pytest.mark.parametrize("encoding, msg", [
    ("GBK", "body: 只接受UTF-8编码的XML"), ("Shift_JIS", "body: 只接受UTF-8编码的XML"),
    ("big5", "body: 只接受UTF-8编码的XML"), ("x-no-such-encoding", "body: 只接受UTF-8编码的XML"),
    ("UTF-16BE", "msg_signature: 校验失败 (payload is not base64)")])  # UTF-16 is read, then checked
async def test_any_declared_encoding_gets_a_clear_failure(api, db, wecom, encoding, msg):
    text = f'<?xml version="1.0" encoding="{encoding}"?><xml><Encrypt>x</Encrypt></xml>'
    body = text.encode("utf-8" if encoding.startswith("x-") else encoding)
    answer = await api.call("POST", f"{Q}/callback/1", params=signed_query("x"), body=body,
                            headers={"Content-Type": "text/xml"})
    assert answer == {"code": 301, "msg": msg, "data": {}}


@pytest.mark.gen_test
async def test_callback_bodies_are_capped_at_a_few_kb(api, wecom):
    answer = await api.call("POST", f"{Q}/callback/1", params=signed_query("x"), body=b"<xml>" + b" " * 20_000,
                            headers={"Content-Type": "text/xml"})
    assert answer == {"code": 303, "msg": "body: 请求体过大,最大 16384 字节", "data": {}}


@pytest.mark.gen_test
async def test_a_stale_callback_is_refused(api, db, wecom):
    body, query = event_body(member_event("create_user", "old"), timestamp="1500000000")
    answer = await api.call("POST", f"{Q}/callback/1", params=query, body=body, headers={"Content-Type": "text/xml"})
    assert answer == {"code": 301, "msg": "timestamp: 已过期或无效", "data": {}}
    assert await db.users.count_documents({"wecom_userid": "old"}) == 0


@pytest.mark.gen_test
async def test_a_replayed_callback_is_not_applied_twice(api, db, wecom):
    enable_body, enable_query = event_body(member_event("update_user", "zhaoliu", Name="赵六", Status="1"))
    assert (await api.raw("POST", f"{Q}/callback/1", params=enable_query, body=enable_body,
                          headers={"Content-Type": "text/xml"})).body == b"success"
    await post_event(api, member_event("delete_user", "zhaoliu"))
    assert (await db.users.find_one({"wecom_userid": "zhaoliu"}))["status"] == STATUS_DISABLED
    replay = await api.raw("POST", f"{Q}/callback/1", params=enable_query, body=enable_body,
                           headers={"Content-Type": "text/xml"})
    assert replay.body == b"success"  # WeCom retries get their answer ...
    assert (await db.users.find_one({"wecom_userid": "zhaoliu"}))["status"] == STATUS_DISABLED  # ... applied once
