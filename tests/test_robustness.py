"""No input produces a 500, HTML or a traceback: every route and operation, fed garbage."""

import asyncio
import json

import pytest

from common.spreadsheets import FORMATS
from tests.test_readme import documented_forms

FIELDS = ("customer_id", "product_id", "u_id", "uid", "company_id", "role_id", "status", "status_code", "action",
          "tag_list", "customer_list", "content", "name", "username", "password", "expedted_pr", "expected_time",
          "birthday", "create_date", "create_date__gte", "create_date__lt", "current_page", "length", "order",
          "img_name", "img_data", "chunk", "chunk_num", "timestamp", "img_source", "picture_type", "problem_type",
          "photo_id", "id", "sign", "mingpian_phone", "is_show_phone", "url", "article_id", "auth_code", "code",
          "state", "js_code", "source", "superior", "follow_info", "custom_language", "pid_id", "order_num",
          "path", "title", "send_type", "share_url", "msg_signature", "nonce", "echostr", "company_product")
GARBAGE = [
    {field: "abc" for field in FIELDS},
    {field: "-1" for field in FIELDS},
    {field: "9" * 40 for field in FIELDS},
    {field: "9" * 5000 for field in FIELDS},
    {field: "[[1],{}]" for field in FIELDS},
    {field: '{"info_type": [1], "type": {}}' for field in FIELDS},
    {field: "[" * 3000 for field in FIELDS},
    {field: '[{"type": {}, "data": {}, "info_type": {}}]' for field in FIELDS},
    {field: '{"info_type": 2, "cover_data": [{"type": [], "data": [{}]}], "product_name": {}, "url": []}'
     for field in FIELDS},
    {field: "0001-01-01" for field in FIELDS},
    {field: "9999-12-31" for field in FIELDS},
    {field: '{"info_type": 1, "msg": "\\ud800"}' for field in FIELDS},
    {field: "\ud800" for field in FIELDS},
]


PAGES = {"", "/setup", "/zhugeleida/public/scan_login", "/zhugeleida/public/scan_login/confirm"}


def concrete(path: str, number: str = "1") -> str:
    return path.replace("/<1..12>", f"/{number}").rstrip("/") + (f"/{number}" if path.endswith("/") else "")


@pytest.mark.gen_test(timeout=300)
async def test_every_route_survives_garbage(api, admin, customer):
    forms = documented_forms()
    paths = sorted({concrete(p, n) for p in forms for n in ("1", "9" * 30, "9" * 5000)} - {"/healthz"})
    parallel = asyncio.Semaphore(8)

    async def check(path, who, form, method, target, send):
        # The query string keeps its signature; the upload's own timestamp lives in bodies.
        query = {k: v for k, v in _encodable(form).items() if k != "timestamp"} if method == "GET" else None
        async with parallel:
            response = await api.raw(method, target, who, params=query, **send)
        kind = response.headers.get("Content-Type", "")
        if path.startswith("/statics/") and response.code in (404, 405) and kind.startswith("text/plain"):
            return  # a missing file is a plain 404, as browsers expect of an image
        assert response.code in (200, 302), (method, target, response.code)
        if response.code == 302 or kind.startswith("text/plain") or (
                method == "GET" and kind.startswith("text/html") and path in PAGES):
            return
        if path.startswith("/zhugeleida/qiyeweixin/export/") and kind in FORMATS.values():
            return  # garbage the export ignores (an unknown parameter): the file
        assert kind.startswith("application/json"), (method, target)
        answer = json.loads(response.body)
        assert answer["code"] != 500, (method, target, form, answer)
        assert "Traceback" not in response.body.decode(errors="replace")

    for path in paths:
        who = customer if path.startswith("/zhugeleida/xiaochengxu/") else admin
        await asyncio.gather(*(check(path, who, form, method, target, send)
                               for form in GARBAGE for method, target, send in requests(path, form)))


def _encodable(form: dict) -> dict:
    """Query strings and forms cannot carry a lone surrogate (they are UTF-8): send it escaped in JSON only."""
    return {k: v.encode("utf-8", "surrogatepass").decode("latin1") if isinstance(v, str) and "\ud800" in v else v
            for k, v in form.items()}


def requests(path: str, form: dict):
    """GET with the garbage as query (when it fits in a URL); POST, with and without an id, as a form,
    as JSON, and as a broken JSON body. Ids too large for the database go with the first form only:
    they are refused before any body is read."""
    if len(json.dumps(form)) < 30_000:
        yield "GET", path, {}
    huge_ids = (f"{path}/{'9' * 30}", f"{path}/{'9' * 5000}") if form is GARBAGE[0] else ()
    for target in (path, f"{path}/1", *huge_ids):
        for send in ({"form": _encodable(form)}, {"json_body": form},
                     {"body": b"\xff\xfe{[", "headers": {"Content-Type": "application/json"}}):
            yield "POST", target, send


FRAMES = ['{"type": ["x"]}', '{"type": {}}', '{"customer_id": [1], "content": {}}', '{"u_id": {}, "content": "x"}',
          '{"customer_id": 1, "content": {"info_type": {}}}', '{"type": "query_login_status", "auth_code": [1]}',
          '{"type": "read", "customer_id": "9999999999999999999999"}', "[" * 5000, '"just a string"', "null"]


@pytest.mark.gen_test(timeout=60)
async def test_every_socket_survives_garbage_frames(api, base_url, seller, customer):
    from tests.helpers import open_socket

    sockets = {
        "/zhugeleida/public/websocket/leida": (seller, {}),
        "/zhugeleida/public/websocket/xiaochengxu": (customer, {"u_id": seller["id"]}),
        "/zhugeleida/public/websocket/scan_code_web_login": (None, {}),
    }
    for path, (who, params) in sockets.items():
        socket = await open_socket(base_url, path, who, **params)
        if who:
            await socket.frame()  # 注册成功
        for raw in FRAMES:
            await socket.send(raw)
            answer = await socket.frame()
            assert answer is not None and answer["code"] != 500, (path, raw, answer)
            if "scan_code" in path and answer["code"] == 303:  # the page's final answer for a bad code
                socket = await open_socket(base_url, path)
        socket.close()


# ----- inputs that once answered 500 --------------------------------------------------------------
@pytest.mark.gen_test
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
async def test_dates_at_the_ends_of_the_calendar_are_named_301(api, admin, seller, day):
    checks = [("/zhugeleida/qiyeweixin/user", admin, "create_date"),
              ("/zhugeleida/qiyeweixin/company", admin, "create_date"),
              ("/zhugeleida/qiyeweixin/action/time", seller, "create_date__gte"),
              ("/zhugeleida/qiyeweixin/action/customer", seller, "create_date__lt")]
    for path, who, name in checks:
        answer = await api.get(path, who, **{name: day})
        assert answer == {"code": 301, "msg": f"{name}: 日期应在 1900-01-01 到 2999-12-31 之间", "data": {}}, path


@pytest.mark.gen_test
async def test_a_lone_surrogate_is_refused_not_stored(api, seller, customer):
    body = b'{"customer_id": %d, "content": {"info_type": 1, "msg": "\\ud800"}}' % customer["id"]
    answer = await api.call("POST", "/zhugeleida/qiyeweixin/chat/send_msg/0", seller, body=body,
                            headers={"Content-Type": "application/json"})
    assert answer == {"code": 301, "msg": "body: 含有无法保存的Unicode字符", "data": {}}
    fine = b'{"customer_id": %d, "content": {"info_type": 1, "msg": "\\ud83d\\ude00"}}' % customer["id"]
    answer = await api.call("POST", "/zhugeleida/qiyeweixin/chat/send_msg/0", seller, body=fine,
                            headers={"Content-Type": "application/json"})
    assert answer["code"] == 200  # an escaped surrogate pair is an emoji


@pytest.mark.gen_test
async def test_too_many_form_fields_and_broken_multipart_are_named(api, admin):
    body = "&".join(f"f{i}=1" for i in range(1500)).encode()
    answer = await api.call("POST", "/zhugeleida/qiyeweixin/role/add/0", admin, body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer["code"] == 301 and answer["msg"].startswith("body: 无法解析的表单")
    for path in ("/zhugeleida/qiyeweixin/role/add/0", "/zhugeleida/public/img_upload"):  # parsed by Tornado; by us
        answer = await api.call("POST", path, admin, body=b"--b\r\nnonsense",
                                headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert answer["code"] == 301 and answer["msg"].startswith("body: 无法解析的表单"), answer


@pytest.mark.gen_test
async def test_a_role_name_matching_nothing_lists_nobody(api, admin):
    assert await api.ok("GET", "/zhugeleida/qiyeweixin/user", admin, params={"role__name": "没有这个角色"}) == {
        "ret_data": [], "data_count": 0}


def test_a_very_deep_permission_tree_is_built_without_recursion():
    from common.times import utcnow
    from models.permissions import build_tree

    rows = [{"_id": i + 1, "path": f"/p{i}", "title": f"t{i}", "pid": i or None, "order_num": 0,
             "create_date": utcnow()} for i in range(5000)]
    flat, tree = build_tree(rows, {})
    assert len(flat) == 5000 and flat[-1]["level"] == 5000 and len(tree) == 1


@pytest.mark.gen_test(timeout=60)
async def test_a_deep_permission_chain_is_listed_and_cannot_become_a_cycle(api, db, admin):
    from common.times import utcnow

    await db.permissions.insert_many([{"_id": 10_000 + i, "company_id": 1, "path": f"/p{i}", "title": f"t{i}",
                                       "pid": 10_000 + i - 1 if i else None, "order_num": 0, "create_date": utcnow()}
                                      for i in range(60)])
    data = await api.ok("GET", "/zhugeleida/qiyeweixin/quanxian", admin)
    assert data["data_count"] == 60 and data["ret_data"][-1]["level"] == 60
    answer = await api.post("/zhugeleida/qiyeweixin/quanxian/update/10000", admin, path="/p0", title="t0",
                            order_num=0, pid_id=10_059)
    assert answer == {"code": 301, "msg": "pid_id: 不能把权限移到它自己或它的子级下面", "data": {}}
