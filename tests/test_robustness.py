"""No input produces a 500, HTML or a traceback: every route and operation, fed garbage."""

import json

import pytest

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
]


PAGES = {"/zhugeleida/public/scan_login", "/zhugeleida/public/scan_login/confirm"}


def concrete(path: str, number: str = "1") -> str:
    return path.replace("/<1..12>", f"/{number}").rstrip("/") + (f"/{number}" if path.endswith("/") else "")


@pytest.mark.gen_test(timeout=300)
async def test_every_route_survives_garbage(api, admin, customer):
    forms = documented_forms()
    paths = sorted({concrete(p, n) for p in forms for n in ("1", "9" * 30, "9" * 5000)} - {"/healthz"})
    for path in paths:
        who = customer if path.startswith("/zhugeleida/xiaochengxu/") else admin
        for form in GARBAGE:
            for method, target, send in requests(path, form):
                # The query string keeps its signature; the upload's own timestamp lives in bodies.
                query = {k: v for k, v in form.items() if k != "timestamp"} if method == "GET" else None
                response = await api.raw(method, target, who, params=query, **send)
                kind = response.headers.get("Content-Type", "")
                if path.startswith("/statics/") and response.code in (404, 405) and kind.startswith("text/plain"):
                    continue  # a missing file is a plain 404, as browsers expect of an image
                assert response.code in (200, 302), (method, target, response.code)
                if response.code == 302 or kind.startswith("text/plain") or (
                        method == "GET" and kind.startswith("text/html") and path in PAGES):
                    continue
                assert kind.startswith("application/json"), (method, target)
                answer = json.loads(response.body)
                assert answer["code"] != 500, (method, target, form, answer)
                assert "Traceback" not in response.body.decode(errors="replace")


def requests(path: str, form: dict):
    """GET with the garbage as query (when it fits in a URL); POST, with and without an id, as a form,
    as JSON, and as a broken JSON body."""
    if len(json.dumps(form)) < 30_000:
        yield "GET", path, {}
    for target in (path, f"{path}/1", f"{path}/{'9' * 30}", f"{path}/{'9' * 5000}"):
        for send in ({"form": form}, {"json_body": form},
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
