"""A client written from the seed works unchanged: every example answer the seed prints (read from the
document by tests/seed.py) is compared with what the server answers in a scenario for that route.

Every key the example has must be there, at every level (each example row must match a row of the
answer), with the same JSON type (an example null says nothing about the type), and the same msg
when the example is a success. Keys we add beyond the seed are allowed only when EXTRA_KEYS lists
them with a reason.
"""

import re

import pytest

from tests.helpers import open_socket
from tests.seed import SEED, SHARED, examples, unreadable
from tests.world import build, calls

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"

REPEATS = "how many more times the customer did the same within REPEAT_WINDOW_S (counted once, shown grouped)"
AI_PR = "the customer's AI 成交率 from behaviour (a string, as the profile's ai_pr), beside the manual expedted_pr"
# Keys we answer beyond the seed's examples, and why. "*" applies to every route.
EXTRA_KEYS = {
    "*": {
        "customer_source": "the customer's channel (1 公众号, 2 小程序), which the seed's list screens show",
        "customer_source_text": "the text of customer_source",
        "status_code": "the status as a number beside its text, so a client need not parse Chinese",
        "type": "socket frames say what they carry (chat, action_log, read) so one socket can carry all",
    },
    "GET zhugeleida/qiyeweixin/user": {"company_id": "the user's company (the platform super-admin sees all)",
                                       "company_name": "its name"},
    "GET zhugeleida/qiyeweixin/company": {"configured": "which WeChat credentials are set (write-only: never "
                                                         "their values), for the settings screen"},
    "GET zhugeleida/qiyeweixin/customer": {"sex": "the customer's sex, edited by update_information",
                                           "ai_pr_reasons": "the top reasons of ai_pr (text, when last, points)",
                                           "outcome": "won | lost | open, set by customer/update_outcome",
                                           "next_time": "the next-contact time (follow_info/next_time), as the "
                                                        "address book's rows answer it"},
    "GET zhugeleida/qiyeweixin/tag_list": {"is_select": "whether the tag is on ?customer_id (the seed's intent)",
                                           "single_choice": "whether a customer may carry only one tag of the group",
                                           "id": "the group's id too (tag_list/single_choice/<id> marks it)"},
    "GET zhugeleida/qiyeweixin/contact": {"count": "unread messages per customer",
                                          "unread_msg_num": "unread messages in all"},
    "GET zhugeleida/qiyeweixin/chat": {"id": "the message id (clients de-duplicate pushes by it)",
                                       "msg": "a line of text for every kind of message ([图片], 向您咨询:…)",
                                       "is_customer_already_read": "read receipts on history rows, as on pushes",
                                       "is_customer_already_read_text": "its text",
                                       "product_id": "the product a consultation is about"},
    "GET zhugeleida/qiyeweixin/chat/getmsg/0": {"id": "the message id", "customer_avatar": "as on history rows",
                                                 "product_cover_url": "product consultations, as on history rows",
                                                 "product_name": "as on history rows",
                                                 "product_price": "as on history rows",
                                                 "product_id": "as on history rows", "url": "images and videos",
                                                 "info_type": "the message kind, as on history rows",
                                                 "is_customer_already_read": "as on history rows",
                                                 "is_customer_already_read_text": "as on history rows"},
    "GET zhugeleida/qiyeweixin/action/get_new_log": {"id": "the log id", "action_code": "the action as a number",
                                                      "headimgurl": "the customer's avatar, as in action/time",
                                                      "repeats": REPEATS},
    "GET zhugeleida/qiyeweixin/action/time": {"id": "the log id", "action": "the action's name",
                                              "action_code": "the action as a number", "repeats": REPEATS},
    "GET zhugeleida/qiyeweixin/tongxunlu": {"source_text": "the text of source", "ai_pr": AI_PR,
                                            "memo_name": "the radar user's memo name, which search= matches",
                                            "phone": "the customer's phone, which search= matches",
                                            "tag": "the customer's tag names (tag_ids= filters by them)",
                                            "next_time": "the next-contact date (follow_info/next_time), or \"\""},
    "GET zhugeleida/qiyeweixin/product/product_list": {"data_count": "the total, as every list answers it"},
    "GET zhugeleida/boosleida/home_page/acount_data": {
        "today_data": "the same numbers for today", "range_data": "the same for since..until, when asked",
        "praise_like_num": "靠谱 votes given, beside praise_num (net of cancellations)",
        "praise_cancel_num": "靠谱 votes taken back"},
    "GET zhugeleida/qiyeweixin/qr_code_auth": {"qr_code": "the path of the regenerated code"},
    "GET zhugeleida/qiyeweixin/mingpian": {"qr_code": "the card's QR code (create_small_program_qr_code makes it)"},
    "POST zhugeleida/qiyeweixin/chat/send_msg/0": {"id": "the new message's id"},
    "POST zhugeleida/qiyeweixin/mingpian/feedback": {"data": "the envelope always has data",
                                                     "feedback_id": "the new feedback's id"},
    "POST zhugeleida/qiyeweixin/product/add/0": {"product_id": "the new product's id"},
    "POST zhugeleida/public/img_merge": {"photo_id": "the new photo's id (user_photo)"},
    "POST zhugeleida/qiyeweixin/product/upload_complete/0": {"picture_type": "echoes the request"},
    "GET zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode": {
        "auth_secret": "binds the code to the page that asked for it (see README, Security)"},
    "WS zhugeleida/public/websocket/leida": {"id": "the message id", "product_id": "as on history rows"},
    "POST zhugeleida/boosleida/home_page/query_hudong_have_customer_detail_people": {"ai_pr": AI_PR},
    "POST zhugeleida/boosleida/home_page/query_have_customer_detail_people": {
        "ai_pr": AI_PR,
        # 1.3.1 and 1.5.1 print the same route with the same fields under two names: both are answered.
        **{name: "1.3.1's name for the same field" for name in (
            "customer__expedted_pr", "customer__expected_time", "customer__username", "customer__headimgurl",
            "customer__sex")},
        **{name: "1.5.1's name for the same field" for name in (
            "customer_username", "headimgurl", "customer_sex", "expected_time", "expedted_pr", "source")}},
}


def normalized(example) -> str:
    """'POST zhugeleida/qiyeweixin/product/update/<id>' (a 0 stays: it is part of add/0 and the like)."""
    return f"{example.method} {re.sub(r'/(?!0$)\d+$', '/<id>', example.path)}"


def json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "list", dict: "object"}[type(value)]


def _is_map(value) -> bool:
    """A dict keyed by ids or action codes ("1": {...}): which keys there are is the data's business."""
    return isinstance(value, dict) and bool(value) and all(re.fullmatch(r"\d+", str(key)) for key in value)


def schema(examples: list) -> dict:
    """What the seed's values (every row of a list, merged) allow: their JSON types (a null allows
    any), for objects the keys every example has (required) and those some have (optional)."""
    present = [value for value in examples if value is not None]
    node = {"types": {json_type(value) for value in present}, "any": len(present) < len(examples)}
    objects = [value for value in present if isinstance(value, dict)]
    maps = [value for value in objects if _is_map(value)]
    if maps:
        node["map"] = schema([item for value in maps for item in value.values()])
    elif objects:
        keys = {key for value in objects for key in value}
        node["required"] = {key for key in keys if all(key in value for value in objects)}
        node["fields"] = {key: schema([value[key] for value in objects if key in value]) for key in keys}
    lists = [item for value in present if isinstance(value, list) for item in value]
    if lists:
        node["items"] = schema(lists)
    return node


def differences(expected, actual, where: str, extras: dict) -> list[str]:
    """What in actual a client written from the seed's example would trip on (empty: it conforms)."""
    return _check(schema([expected]), actual, where, extras)


def _check(node: dict, actual, where: str, extras: dict) -> list[str]:
    if node["any"] and not node["types"]:
        return []
    kind = json_type(actual)
    if kind not in node["types"] and not (kind == "null" and node["any"]):
        return [f"{where}: seed has {'/'.join(sorted(node['types']))}, we answer {kind} {actual!r:.40}"]
    problems = []
    if isinstance(actual, dict) and "map" in node:
        for key, value in actual.items():
            problems += _check(node["map"], value, f"{where}.{key}", extras)
    elif isinstance(actual, dict) and "fields" in node:
        problems += [f"{where}.{key}: missing" for key in sorted(node["required"]) if key not in actual]
        problems += [f"{where}.{key}: not in the seed (add it to EXTRA_KEYS with a reason)"
                     for key in actual if key not in node["fields"] and key not in extras]
        for key, value in actual.items():
            if key in node["fields"]:
                problems += _check(node["fields"][key], value, f"{where}.{key}", extras)
    elif isinstance(actual, list) and "items" in node:
        for index, item in enumerate(actual):
            problems += _check(node["items"], item, f"{where}[{index}]", extras)
    return problems


def rows(answer: dict) -> list | None:
    data = answer.get("data")
    return data.get("ret_data") if isinstance(data, dict) and isinstance(data.get("ret_data"), list) else \
        data if isinstance(data, list) else None


def conform(example, answer: dict) -> list[str]:
    extras = {**EXTRA_KEYS["*"], **EXTRA_KEYS.get(normalized(example), {})}
    problems = differences(example.answer, answer, f"{normalized(example)} (seed line {example.line})", extras)
    if rows(example.answer) and not rows(answer):
        problems.append(f"{normalized(example)}: the scenario answered no rows to compare")
    if example.answer["code"] == 200 and answer.get("msg") != example.answer.get("msg"):
        problems.append(f"{normalized(example)}: msg {answer.get('msg')!r}, seed {example.answer.get('msg')!r}")
    return problems


def test_the_seed_is_the_shared_one():
    if SHARED.exists():  # beside the checkout on a developer's machine
        assert SEED.read_bytes() == SHARED.read_bytes()


def test_every_example_of_the_seed_can_be_read():
    assert unreadable() == []
    assert len(examples()) >= 70


# ----- the scenario -----------------------------------------------------------------------------
@pytest.fixture
def world(io_loop, api, admin, seller, fake_wechat, clock):
    return io_loop.run_sync(lambda: build(api, admin, seller, fake_wechat, clock))


def route_of(example) -> str:
    """The README's form of the seed's route: 'POST /zhugeleida/qiyeweixin/product/update'."""
    return f"{example.method} /{re.sub(r'/\d+$', '', example.path)}"


async def answer_of(api, base_url, world, table, example) -> dict | None:
    """The live answer for an example: the route's ready call, or the two sockets' frames."""
    seller, first = world["seller"], world["first"]
    if example.method == "WS" and example.path.endswith("/leida"):
        # A page that renders only from pushes: its own message comes back after 发送成功.
        socket = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
        await socket.frame()
        await socket.send({"customer_id": first["id"], "content": {"info_type": 1, "msg": "内容"}})
        sent, pushed = await socket.frame(), await socket.frame()
        socket.close()
        return sent if example.answer["msg"] == sent["msg"] else pushed
    if example.method == "WS":
        return await scan_frame(api, base_url, seller, example.answer["code"])
    prepare = table.get(route_of(example))
    if prepare is None:
        return None
    method, path, who, params, form = await prepare(example)
    return await api.call(method, path, who, params=params, **({"form": form} if form is not None else {}))


async def scan_frame(api, base_url, seller, code: int) -> dict:
    data = await api.ok("GET", "/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode")
    page = await open_socket(base_url, "/zhugeleida/public/websocket/scan_code_web_login")
    auth_code = data["auth_code"] if code != 303 else "not-a-code"
    await page.send({"type": "query_login_status", "auth_code": auth_code, "auth_secret": data["auth_secret"]})
    frame = await page.frame()
    if code in (200, 301):
        if code == 301:
            await api.ok("POST", f"{Q}/user/update/{seller['id']}", api.admin, form={"status": 2})
        await api.call("POST", f"{Q}/scan_login/confirm", seller, form={"auth_code": data["auth_code"]})
        frame = await page.frame()
        if code == 301:
            await api.ok("POST", f"{Q}/user/update/{seller['id']}", api.admin, form={"status": 1})
    if code == 504:
        frame = await page.frame(timeout=5)
    page.close()
    return frame


@pytest.mark.gen_test(timeout=120)
@pytest.mark.parametrize("settings_overrides", [{"scan_login_ttl_s": 1.5}])
async def test_every_seed_example_is_answered_as_printed(api, base_url, world, settings_overrides):
    api.admin = world["admin"]
    table = calls(world)
    problems, uncovered = [], []
    for example in examples():
        route = normalized(example)
        answer = await answer_of(api, base_url, world, table, example)
        if answer is None:
            uncovered.append(route)
            continue
        if example.answer["code"] == 200 and answer.get("code") != 200:
            problems.append(f"{route}: the scenario failed: {answer}")
            continue
        problems += conform(example, answer)
    assert uncovered == []
    assert problems == [], "\n".join(problems)


def test_the_comparison_catches_what_a_client_trips_on():
    example = type("E", (), {"method": "GET", "path": "x", "line": 1,
                             "answer": {"code": 200, "msg": "ok", "data": {"ret_data": [{"a": "1", "b": None}]}}})
    assert conform(example, {"code": 200, "msg": "ok", "data": {"ret_data": [{"a": "2", "b": 3}]}}) == []
    assert conform(example, {"code": 200, "msg": "ok", "data": {"ret_data": [{"a": 2, "b": 3}]}})
    assert conform(example, {"code": 200, "msg": "ok", "data": {"ret_data": [{"b": 3}]}})
    assert conform(example, {"code": 200, "msg": "ok", "data": {"ret_data": []}})
    assert conform(example, {"code": 200, "msg": "ok", "data": {"ret_data": [{"a": "2", "b": 3}, {"a": 5, "b": 1}]}})
    # Rows the seed shows differently (a product message beside a text one) merge into what may be.
    mixed = type("E", (), {"method": "GET", "path": "x", "line": 1, "answer": {
        "code": 200, "msg": "ok", "data": [{"id": 1, "msg": "t"}, {"id": 2, "product": "p"}, {"id": None}]}})
    assert conform(mixed, {"code": 200, "msg": "ok", "data": [{"id": 3, "product": "q"}, {"id": None, "msg": "m"}]}) \
        == []
    assert conform(mixed, {"code": 200, "msg": "ok", "data": [{"product": "q"}]})  # id is in every row
    assert conform(mixed, {"code": 200, "msg": "ok", "data": [{"id": 3, "msg": 5}]})  # msg is text
    assert conform(example, {"code": 200, "msg": "no", "data": {"ret_data": [{"a": "2", "b": 3}]}})
    assert conform(example, {"code": 200, "msg": "ok", "data": {"ret_data": [{"a": "2", "b": 3, "c": 1}]}})
