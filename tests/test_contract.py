"""A client written from the seed works unchanged: every example answer the seed prints (read from the
document by tests/seed.py) is compared with what the server answers in a scenario for that route.

Every key the example has must be there, at every level (each example row must match a row of the
answer), with the same JSON type (an example null says nothing about the type), and the same msg
when the example is a success. Keys we add beyond the seed are allowed only when EXTRA_KEYS lists
them with a reason.
"""

import base64
import json
import re

import pytest

from tests.helpers import open_socket, png_bytes
from tests.seed import SEED, SHARED, examples, unreadable

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"

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
    "GET zhugeleida/qiyeweixin/customer": {"sex": "the customer's sex, edited by update_information"},
    "GET zhugeleida/qiyeweixin/tag_list": {"is_select": "whether the tag is on ?customer_id (the seed's intent)"},
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
                                                      "headimgurl": "the customer's avatar, as in action/time"},
    "GET zhugeleida/qiyeweixin/action/time": {"id": "the log id", "action": "the action's name",
                                              "action_code": "the action as a number"},
    "GET zhugeleida/qiyeweixin/tongxunlu": {"source_text": "the text of source"},
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
    "POST zhugeleida/boosleida/home_page/query_have_customer_detail_people": {
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
async def upload(api, who, path_chunk, path_merge, name, **merge):
    data = base64.b64encode(png_bytes()).decode()
    await api.ok("POST", path_chunk, who, form={"img_name": name, "timestamp": name, "chunk": 0, "img_data": data,
                                                 **({"img_source": merge["img_source"]} if "img_source" in merge
                                                    else {})})
    return await api.call("POST", path_merge, who, form={"img_name": name, "timestamp": name, "chunk_num": 1,
                                                         **merge})


@pytest.fixture
def world(io_loop, api, admin, seller, fake_wechat):
    """A radar user with two customers (one referred by the other), chats of every kind, actions,
    tags, follow-ups, card details and photos, products with pictures, and an article read down a
    chain of three readers."""
    for name, sex in (("r1", 2), ("r2", 1), ("r3", 1)):
        fake_wechat.readers[name] = {"nickname": name, "sex": sex, "province": "河北", "city": "保定",
                                     "headimgurl": f"http://thirdwx.qlogo.cn/{name}/132"}

    async def make():
        await api.ok("POST", f"{Q}/company/update/1", admin, form={
            "corp_id": "wwcorp", "corp_secret": "corpsecret", "gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
        first = await api.customer_login(seller, "c1", username="张炬")
        second = await api.customer_login(seller, "c2", username="张聪", source=2, superior=first["id"])
        for customer in (first, second):
            for action in (1, 2, 9, 6, 10):
                await api.act(customer, action)
            await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
                "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "您好"})})
            await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
                "u_id": seller["id"], "content": json.dumps({"info_type": 2, "product_name": "门票",
                                                              "product_price": "128", "product_id": 1,
                                                              "product_cover_url": "statics/a.png"})})
            await api.ok("POST", f"{Q}/chat/send_msg/0", seller, form={
                "customer_id": customer["id"], "content": json.dumps({"info_type": 1, "msg": "你好"})})
            await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "回访"})
            await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", seller,
                         form={"expedted_pr": "80"})
            await api.ok("POST", f"{Q}/customer/update_expected_time/{customer['id']}", seller,
                         form={"expected_time": "2018-06-14"})
            await api.ok("POST", f"{Q}/tag_list/add_tag/{customer['id']}", seller, form={"name": f"标签{customer['id']}"})
        await api.ok("POST", f"{Q}/follow_language/add/0", seller, form={"custom_language": "明天再联系"})
        for name in ("有志青年", "靠谱人士"):
            await api.ok("POST", f"{Q}/tag_user/add", seller, form={"name": name})
        await api.ok("POST", f"{Q}/mingpian/save_info", seller, form={
            "mingpian_phone": "15931788975", "wechat": "wx", "telephone": "010-1234567", "email": "a@b.cn",
            "country": 1, "area": "北京", "address": "东四十条", "position": "技术经理"})
        await api.ok("POST", f"{Q}/mingpian/save_sign", seller, form={"sign": "一生所爱"})
        await upload(api, seller, "/zhugeleida/public/img_upload", "/zhugeleida/public/img_merge", "p1",
                     img_source="user_photo")
        picture = await upload(api, seller, f"{Q}/product/add_picture/0", f"{Q}/product/upload_complete/0", "pp",
                               picture_type=1)
        url = picture["data"]["ret_data"]["picture_url"]
        content = {"cover_data": [{"type": "picture_url", "data": [url]}],
                   "article_data": [{"type": "title", "data": ["标题"]}, {"type": "content", "data": ["内容"]}]}
        product = await api.ok("POST", f"{Q}/product/add/0", seller, form={
            "name": "门票2", "price": "128", "reason": "有理想", "content": json.dumps(content)})
        await api.ok("POST", f"{Q}/product/add/0", admin, form={"name": "企业门票", "price": "50",
                                                                "company_product": "true"})
        article = (await api.ok("POST", f"{Q}/article/add/0", seller, form={"title": "品牌", "content": "正文"}))[
            "article_id"]
        readers, pid = [], None
        for name in ("r1", "r2", "r3"):  # a chain of three levels
            reader = await api.reader(seller, article, name, pid=pid)
            read = await api.read(reader, article, pid=pid)
            await api.ok("GET", f"/zhugeleida/gongzhonghao/article/staytime/{article}", reader, params={
                "uid": seller["id"], "article_access_log_id": read["article_access_log_id"], "seconds": 35})
            await api.ok("GET", f"/zhugeleida/gongzhonghao/article/forward_article/{article}", reader,
                         params={"uid": seller["id"], "forward_type": 1})
            readers.append(reader)
            pid = reader["id"]
        await api.read(readers[0], article)  # a second read, with no stay (the seed's 0)
        return {"admin": admin, "seller": seller, "first": first, "second": second,
                "product_id": product["product_id"], "picture_id": picture["data"]["ret_data"]["picture_id"],
                "article": article, "readers": [reader["id"] for reader in readers]}
    return io_loop.run_sync(make)


def table_level(example) -> dict:
    """16.7 prints three answers: the radar user's own row (level 0), level 1, and one reader's children."""
    rows = example.answer["data"]["ret_data"]
    if rows[0]["level"] == 0:
        return {"level": 0}
    return {"level": 1} if example.line < 6150 else {"level": 1, "query_customer_id": "first reader"}


def calls(world) -> dict:
    """normalized seed route -> (method, path, who, params, form): the call whose answer is compared."""
    seller, first, admin = world["seller"], world["first"], world["admin"]
    product, picture = world["product_id"], world["picture_id"]
    article, readers = world["article"], world["readers"]
    A = f"{Q}/article"
    boss = "/zhugeleida/boosleida/home_page"
    return {
        "GET zhugeleida/boosleida/home_page/acount_data": ("GET", f"{boss}/acount_data", admin, {}, None),
        "GET zhugeleida/boosleida/home_page/line_info": ("GET", f"{boss}/line_info", admin, {}, None),
        "GET zhugeleida/boosleida/home_page/sales_ranking_customer_num": (
            "GET", f"{boss}/sales_ranking_customer_num", admin, {}, None),
        "GET zhugeleida/boosleida/home_page/hudong_pinlv_customer_num": (
            "GET", f"{boss}/hudong_pinlv_customer_num", admin, {}, None),
        "GET zhugeleida/boosleida/home_page/expect_chengjiaolv_customer_num": (
            "GET", f"{boss}/expect_chengjiaolv_customer_num", admin, {}, None),
        "POST zhugeleida/boosleida/home_page/query_have_customer_detail_people": lambda example: (
            "POST", f"{boss}/query_have_customer_detail_people", admin, {},
            {"query_user_id": seller["id"], **({"expedted_pr": "51_80_pr"} if example.line > 5800 else {"days": 30})}),
        "POST zhugeleida/boosleida/home_page/query_hudong_have_customer_detail_people": (
            "POST", f"{boss}/query_hudong_have_customer_detail_people", admin, {},
            {"type": "chat", "query_user_id": seller["id"], "days": 7}),
        "GET zhugeleida/qiyeweixin/article/hide_customer_data/<id>": ("GET", f"{A}/hide_customer_data/{article}",
                                                                      seller, {}, None),
        "GET zhugeleida/qiyeweixin/article/get_article_access_log/<id>": (
            "GET", f"{A}/get_article_access_log/{article}", seller, {"customer_id": readers[0], "pid": ""}, None),
        "GET zhugeleida/qiyeweixin/article/get_article_forward_info/<id>": (
            "GET", f"{A}/get_article_forward_info/{article}", seller, {"customer_id": readers[0]}, None),
        "GET zhugeleida/qiyeweixin/article/customer_effect_ranking_by_level/<id>": (
            "GET", f"{A}/customer_effect_ranking_by_level/{article}", seller, {"level": 1}, None),
        "GET zhugeleida/qiyeweixin/article/query_customer_transmit_path/<id>": (
            "GET", f"{A}/query_customer_transmit_path/{article}", seller, {"level": 3, "customer_id": readers[2]},
            None),
        "GET zhugeleida/qiyeweixin/article/customer_read_info/0": ("GET", f"{A}/customer_read_info/0", seller,
                                                                   {"customer_id": readers[0]}, None),
        "GET zhugeleida/qiyeweixin/article/query_customer_table_by_level/<id>": lambda example: (
            "GET", f"{A}/query_customer_table_by_level/{article}", seller,
            {k: readers[0] if v == "first reader" else v for k, v in table_level(example).items()}, None),
        "GET zhugeleida/qiyeweixin/user": ("GET", f"{Q}/user", admin, {}, None),
        "GET zhugeleida/qiyeweixin/customer": ("GET", f"{Q}/customer", seller, {"customer_id": world["second"]["id"]},
                                               None),
        "GET zhugeleida/qiyeweixin/role": ("GET", f"{Q}/role", admin, {}, None),
        "GET zhugeleida/qiyeweixin/company": ("GET", f"{Q}/company", admin, {}, None),
        "GET zhugeleida/qiyeweixin/tag_customer": ("GET", f"{Q}/tag_customer", seller, {}, None),
        "GET zhugeleida/qiyeweixin/tag_list": ("GET", f"{Q}/tag_list", seller, {}, None),
        "GET zhugeleida/qiyeweixin/contact": ("GET", f"{Q}/contact", seller, {}, None),
        "GET zhugeleida/qiyeweixin/chat": ("GET", f"{Q}/chat", seller, {"customer_id": first["id"]}, None),
        "GET zhugeleida/qiyeweixin/action/get_new_log": ("GET", f"{Q}/action/get_new_log", seller, {}, None),
        "GET zhugeleida/qiyeweixin/qr_code_auth": ("GET", f"{Q}/qr_code_auth", seller, {}, None),
        "GET zhugeleida/qiyeweixin/enterprise_weixin_sign": ("GET", f"{Q}/enterprise_weixin_sign", seller,
                                                             {"url": "http://radar.test/"}, None),
        "GET zhugeleida/qiyeweixin/work_weixin_auth/create_gongzhonghao_share_auth_url": (
            "GET", f"{Q}/work_weixin_auth/create_gongzhonghao_share_auth_url", seller, {"article_id": 1}, None),
        "GET zhugeleida/qiyeweixin/action/time": ("GET", f"{Q}/action/time", seller, {}, None),
        "GET zhugeleida/qiyeweixin/action/customer": ("GET", f"{Q}/action/customer", seller, {}, None),
        "GET zhugeleida/qiyeweixin/action/count": ("GET", f"{Q}/action/count", seller, {}, None),
        "GET zhugeleida/qiyeweixin/action/customer_detail": ("GET", f"{Q}/action/customer_detail", seller,
                                                             {"customer_id": first["id"]}, None),
        "GET zhugeleida/qiyeweixin/tongxunlu": ("GET", f"{Q}/tongxunlu", seller, {}, None),
        "GET zhugeleida/qiyeweixin/follow_language": ("GET", f"{Q}/follow_language", seller, {}, None),
        "GET zhugeleida/qiyeweixin/follow_info": ("GET", f"{Q}/follow_info", seller, {"customer_id": first["id"]},
                                                  None),
        "GET zhugeleida/qiyeweixin/tag_user": ("GET", f"{Q}/tag_user", seller, {}, None),
        "GET zhugeleida/qiyeweixin/mingpian": ("GET", f"{Q}/mingpian", seller, {}, None),
        "GET zhugeleida/qiyeweixin/mingpian/show_photo": ("GET", f"{Q}/mingpian/show_photo", seller, {}, None),
        "GET zhugeleida/qiyeweixin/product/product_single": ("GET", f"{Q}/product/product_single", seller,
                                                             {"product_id": product}, None),
        "GET zhugeleida/qiyeweixin/product/product_list": ("GET", f"{Q}/product/product_list", seller, {}, None),
        "GET zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode": (
            "GET", "/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode", None, {}, None),
        # Writes, in an order that leaves each one something to act on.
        "POST zhugeleida/qiyeweixin/customer/update_information/<id>": (
            "POST", f"{Q}/customer/update_information/{first['id']}", seller, {}, {"username": "张炬", "sex": 1}),
        "POST zhugeleida/qiyeweixin/customer/update_customer/<id>": (
            "POST", f"{Q}/customer/update_customer/{first['id']}", seller, {}, {"expedted_pr": "90%"}),
        "POST zhugeleida/qiyeweixin/chat/send_msg/0": (
            "POST", f"{Q}/chat/send_msg/0", seller, {},
            {"customer_id": first["id"], "send_type": 1, "content": '{"info_type": 1, "msg": "在吗"}'}),
        "GET zhugeleida/qiyeweixin/chat/getmsg/0": ("GET", f"{Q}/chat/getmsg/0", seller,
                                                    {"customer_id": world["second"]["id"]}, None),
        "POST zhugeleida/qiyeweixin/follow_language/add/0": ("POST", f"{Q}/follow_language/add/0", seller, {},
                                                             {"custom_language": "下周拜访"}),
        "POST zhugeleida/qiyeweixin/follow_language/delete/<id>": ("POST", f"{Q}/follow_language/delete/11", seller,
                                                                   {}, {}),
        "POST zhugeleida/qiyeweixin/follow_info/add/<id>": ("POST", f"{Q}/follow_info/add/{first['id']}", seller, {},
                                                            {"follow_info": "再联系"}),
        "POST zhugeleida/qiyeweixin/tag_user/add": ("POST", f"{Q}/tag_user/add", seller, {}, {"name": "积极少年"}),
        "POST zhugeleida/qiyeweixin/tag_user/save": ("POST", f"{Q}/tag_user/save", seller, {}, {"tag_list": "[1,2,3]"}),
        "POST zhugeleida/qiyeweixin/tag_user/delete": ("POST", f"{Q}/tag_user/delete", seller, {}, {"id": "3"}),
        "POST zhugeleida/qiyeweixin/mingpian/feedback": ("POST", f"{Q}/mingpian/feedback", seller, {}, {
            "problem_type": 1, "content": '[{"type": "content", "data": ["好用"]}]'}),
        "POST zhugeleida/qiyeweixin/mingpian/save_phone": ("POST", f"{Q}/mingpian/save_phone", seller, {},
                                                           {"mingpian_phone": "15931788975", "is_show_phone": "true"}),
        "POST zhugeleida/qiyeweixin/mingpian/save_info": ("POST", f"{Q}/mingpian/save_info", seller, {},
                                                          {"mingpian_phone": "15931788975"}),
        "POST zhugeleida/qiyeweixin/mingpian/save_sign": ("POST", f"{Q}/mingpian/save_sign", seller, {},
                                                          {"sign": "一生所爱~~~"}),
        "POST zhugeleida/qiyeweixin/create_small_program_qr_code": ("POST", f"{Q}/create_small_program_qr_code",
                                                                    seller, {}, {}),
        "POST zhugeleida/qiyeweixin/mingpian/delete_photo": ("POST", f"{Q}/mingpian/delete_photo", seller, {},
                                                             {"photo_id": "1"}),
        "POST zhugeleida/qiyeweixin/product/update/<id>": ("POST", f"{Q}/product/update/{product}", seller, {},
                                                           {"name": "门票2", "price": "138"}),
        "GET zhugeleida/qiyeweixin/product/delete_article/<id>": (
            "GET", f"{Q}/product/delete_article/1", seller, {"product_id": product}, None),
        "POST zhugeleida/qiyeweixin/product/delete_picture/<id>": (
            "POST", f"{Q}/product/delete_picture/{picture}", seller, {}, {"product_id": product}),
        "POST zhugeleida/qiyeweixin/product/change_status/<id>": ("POST", f"{Q}/product/change_status/{product}",
                                                                  seller, {}, {"status": 2}),
        "POST zhugeleida/qiyeweixin/product/delete/<id>": ("POST", f"{Q}/product/delete/{product}", seller, {}, {}),
    }


async def special(api, base_url, world, example) -> dict | None:
    """Answers that need more than one call: uploads and the two sockets."""
    route = normalized(example)
    seller, first = world["seller"], world["first"]
    if route == "POST zhugeleida/qiyeweixin/product/add/0":
        return await api.call("POST", f"{Q}/product/add/0", seller, form={"name": "新品", "price": "1"})
    if route == "POST zhugeleida/public/img_merge":
        return await upload(api, seller, "/zhugeleida/public/img_upload", "/zhugeleida/public/img_merge", "p2",
                            img_source="user_photo")
    if route == "POST zhugeleida/qiyeweixin/product/upload_complete/0":
        return await upload(api, seller, f"{Q}/product/add_picture/0", f"{Q}/product/upload_complete/0", "p3",
                            picture_type=2)
    if route == "WS zhugeleida/public/websocket/leida":
        # A page that renders only from pushes: its own message comes back after 发送成功.
        socket = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
        await socket.frame()
        await socket.send({"customer_id": first["id"], "content": {"info_type": 1, "msg": "内容"}})
        sent, pushed = await socket.frame(), await socket.frame()
        socket.close()
        return sent if example.answer["msg"] == sent["msg"] else pushed
    if route == "WS zhugeleida/public/websocket/scan_code_web_login":
        return await scan_frame(api, base_url, seller, example.answer["code"])
    return None


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
    # Reads first, then writes (deletes last), so each call has something to act on.
    ordered = sorted(examples(), key=lambda e: (e.method != "GET" or e.path.endswith(("delete_article/1",)),
                                                "delete" in e.path, e.line))
    for example in ordered:
        route = normalized(example)
        answer = await special(api, base_url, world, example)
        if answer is None:
            if route not in table:
                uncovered.append(route)
                continue
            call = table[route]
            method, path, who, params, form = call(example) if callable(call) else call
            answer = await api.call(method, path, who, params=params, **({"form": form} if form is not None else {}))
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
