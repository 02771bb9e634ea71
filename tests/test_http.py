"""Envelope, method and route errors, bodies and list parameters (BaseHandler behaviour)."""

import json

import pytest

from handlers.base import BaseHandler, get, post

USERS = "/zhugeleida/qiyeweixin/user"


class BoomHandler(BaseHandler):
    @get(auth=None)
    async def boom(self):
        raise RuntimeError("secret detail")


class EchoHandler(BaseHandler):
    @post(auth=None)
    async def echo(self):
        self.reply({"tag_list": self.arg_int_list("tag_list"), "name": self.arg_str("name"),
                    "n": self.arg_int("n")})


@pytest.fixture
def app(app):
    app.add_handlers(r".*", [(r"/test/boom", BoomHandler), (r"/test/echo", EchoHandler)])
    return app


@pytest.mark.gen_test
async def test_unknown_route_is_a_404_envelope(api):
    assert await api.get("/no/such/route") == {"code": 404, "msg": "非法请求: 没有这个接口", "data": {}}


@pytest.mark.gen_test
async def test_unknown_oper_is_404_and_wrong_method_is_402(api, admin):
    assert (await api.post(f"{USERS}/explode/1", admin))["code"] == 404
    assert (await api.get(f"{USERS}/add/0", admin))["code"] == 402
    answer = await api.call("PUT", USERS, admin, body=b"")
    assert answer == {"code": 402, "msg": "请求方式异常", "data": {}}


@pytest.mark.gen_test
async def test_write_route_without_id_is_404(api, admin):
    assert (await api.post(f"{USERS}/delete", admin))["code"] == 404


@pytest.mark.gen_test
async def test_unexpected_exception_is_a_500_envelope_without_details(api):
    response = await api.raw("GET", "/test/boom")
    assert response.code == 200
    assert json.loads(response.body) == {"code": 500, "msg": "服务器内部错误", "data": {}}
    assert b"secret detail" not in response.body and b"Traceback" not in response.body


@pytest.mark.gen_test
@pytest.mark.parametrize("send", [
    {"form": {"tag_list": "[2,3]", "name": "x", "n": "7"}},
    {"form": {"tag_list": ["2", "3"], "name": "x", "n": "7"}},
    {"form": {"tag_list[]": ["2", "3"], "name": "x", "n": "7"}},
    {"json_body": {"tag_list": [2, 3], "name": "x", "n": 7}},
    {"json_body": {"tag_list": "[2,3]", "name": "x", "n": "7"}},
])
async def test_list_fields_accept_json_string_array_and_repeated_keys(api, send):
    assert await api.ok("POST", "/test/echo", **send) == {"tag_list": [2, 3], "name": "x", "n": 7}


@pytest.mark.gen_test
async def test_multipart_bodies_are_read(api):
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n张三\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n5\r\n--{boundary}--\r\n").encode()
    data = await api.ok("POST", "/test/echo", body=body,
                        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert data == {"tag_list": None, "name": "张三", "n": 5}


@pytest.mark.gen_test
@pytest.mark.parametrize("body, content_type, msg", [
    (b"{not json", "application/json", "body: 不是合法的JSON"),
    (b"[1,2]", "application/json", "body: 必须是JSON对象"),
    (b"n=abc", "application/x-www-form-urlencoded", "n: 必须是整数"),
    (b"tag_list=[1,", "application/x-www-form-urlencoded", "tag_list: 不是合法的JSON数组"),
    (b"tag_list=[1,%22x%22]", "application/x-www-form-urlencoded", "tag_list: 必须是整数"),
    (b"name=%ff%fe", "application/x-www-form-urlencoded", "name: 不是合法的UTF-8文本"),
])
async def test_malformed_bodies_name_the_problem(api, body, content_type, msg):
    answer = await api.call("POST", "/test/echo", body=body, headers={"Content-Type": content_type})
    assert answer == {"code": 301, "msg": msg, "data": {}}


@pytest.mark.gen_test
async def test_oversized_body_is_refused_with_an_envelope(api, ctx):
    body = b"name=" + b"x" * (ctx.cfg.max_body_bytes + 10)
    answer = await api.call("POST", "/test/echo", body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer["code"] == 303 and answer["msg"].startswith("body: 请求体过大")


@pytest.mark.gen_test
async def test_too_long_field_is_refused(api):
    answer = await api.post("/test/echo", name="x" * 300)
    assert answer == {"code": 301, "msg": "name: 长度不能超过255个字符", "data": {}}


@pytest.mark.gen_test
async def test_tornado_methods_are_not_operations(api, admin):
    assert (await api.post(f"{USERS}/error/5", admin))["code"] == 404
    assert (await api.get(f"{USERS}/error/5", admin))["code"] == 404


@pytest.mark.gen_test
async def test_ids_too_large_for_the_database_are_refused(api, admin):
    answer = await api.post(f"{USERS}/delete/99999999999999999999999", admin)
    assert answer == {"code": 301, "msg": "id: 必须是整数", "data": {}}
    assert (await api.get("/zhugeleida/qiyeweixin/customer", admin, customer_id="9" * 30))["code"] == 301


@pytest.mark.gen_test
async def test_bad_query_encoding_is_an_envelope(api, admin):
    response = await api.http.fetch(api.url(USERS, admin) + "&username=%ff", raise_error=False)
    assert json.loads(response.body) == {"code": 301, "msg": "username: 不是合法的UTF-8文本", "data": {}}


@pytest.mark.gen_test
async def test_json_numbers_beyond_int64_are_refused(api, admin):
    answer = await api.call("POST", f"{USERS}/add/0", admin, json_body={"username": "x", "password": "123456",
                                                                        "role_id": 10**30})
    assert answer == {"code": 301, "msg": "role_id: 必须是整数", "data": {}}


@pytest.mark.gen_test
async def test_cross_origin_front_ends_may_call(api, admin):
    preflight = await api.raw("OPTIONS", USERS, headers={"Origin": "https://h5.example",
                                                         "Access-Control-Request-Method": "POST"})
    assert preflight.code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    response = await api.raw("GET", USERS, admin, headers={"Origin": "https://h5.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
