"""Chat: REST and WebSocket on both sides, live pushes, unread counts, read receipts."""

import asyncio
import json

import pytest

from tests.helpers import open_socket

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
RADAR_WS = "/zhugeleida/public/websocket/leida"
CUSTOMER_WS = "/zhugeleida/public/websocket/xiaochengxu"

CONTENTS = [
    {"info_type": 1, "msg": "这个信息是文字😀"},
    {"info_type": 2, "product_cover_url": "statics/zhugeleida/imgs/chat/a.png", "product_name": "门票",
     "product_price": "128元", "product_id": 3},
    {"info_type": 3},
    {"info_type": 4, "url": "statics/zhugeleida/imgs/chat/x.jpg"},
    {"info_type": 5, "url": "statics/zhugeleida/imgs/chat/y.mp4"},
]


def content_of(row: dict) -> dict:
    keys = ("info_type", "msg", "product_cover_url", "product_name", "product_price", "product_id", "url")
    return {k: row[k] for k in keys if k in row}


def expected(content: dict) -> dict:
    """Every row carries msg: the text, or one line for what is not text."""
    lines = {2: "向您咨询:门票", 3: "您好,请问能否告诉我您的手机号?", 4: "[图片]", 5: "[视频]"}
    return {**content, "msg": content.get("msg") or lines[content["info_type"]]}


# ----- REST -------------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_rest_conversation_both_ways(api, seller, customer):
    answer = await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"],
                            content=json.dumps({"info_type": 1, "msg": "您好"}), send_type=1)
    assert answer["code"] == 200 and answer["msg"] == "send msg successful"
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={"u_id": seller["id"], "send_type": 2,
                                                                 "content": json.dumps({"info_type": 1, "msg": "在吗"})})
    # The customer's new messages: the radar user's one, then nothing.
    answer = await api.get(f"{X}/chat/getmsg/0", customer, u_id=seller["id"])
    assert answer["msg"] == "实时获取-最新聊天记录成功"
    assert [(r["send_type"], r["msg"]) for r in answer["data"]] == [(1, "您好")]
    assert await api.ok("GET", f"{X}/chat/getmsg/0", customer, params={"u_id": seller["id"]}) == []
    # The radar user's new messages.
    rows = await api.ok("GET", f"{Q}/chat/getmsg/0", seller, params={"customer_id": customer["id"]})
    assert [(r["send_type"], r["msg"]) for r in rows] == [(2, "在吗")]
    row = rows[0]
    assert set(row) >= {"customer_id", "customer_avatar", "user_id", "src", "name", "dateTime", "msg", "send_type",
                        "info_type"}
    assert row["name"] == "张炬" and row["user_id"] == seller["id"] and row["dateTime"][10] == "T"
    # History, oldest first within the page.
    answer = await api.get(f"{Q}/chat", seller, customer_id=customer["id"])
    assert answer["msg"] == "分页获取-全部聊天消息成功" and answer["data"]["data_count"] == 2
    assert [r["msg"] for r in answer["data"]["ret_data"]] == ["您好", "在吗"]
    assert answer["data"]["ret_data"][0]["is_customer_already_read"] == 1
    history = await api.ok("GET", f"{X}/chat", customer, params={"u_id": seller["id"], "length": 1})
    assert [r["msg"] for r in history["ret_data"]] == ["在吗"] and history["data_count"] == 2


@pytest.mark.gen_test
async def test_all_five_info_types_are_stored_and_shown(api, seller, customer):
    for content in CONTENTS:
        await api.ok("POST", f"{Q}/chat/send_msg/0", seller,
                     form={"customer_id": customer["id"], "content": json.dumps(content)})
    rows = (await api.ok("GET", f"{Q}/chat", seller, params={"customer_id": customer["id"]}))["ret_data"]
    assert [content_of(r) for r in rows] == [expected(c) for c in CONTENTS]


@pytest.mark.gen_test
async def test_contact_list_and_unread_counts(api, seller, customer):
    other = await api.customer_login(seller, "c2", username="张聪")
    for who, text in ((customer, "一"), (customer, "二"), (other, "三")):
        await api.ok("POST", f"{X}/chat/send_msg/0", who,
                     form={"u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": text})})
    await api.ok("POST", f"{X}/chat/send_msg/0", other, json_body={
        "u_id": seller["id"], "content": {"info_type": 2, "product_cover_url": "https://cdn.example/c.png", "product_name": "门票",
                                          "product_price": "50"}})
    answer = await api.get(f"{Q}/contact", seller)
    assert answer["code"] == 200
    data = answer["data"]
    assert data["data_count"] == 2 and data["unread_msg_num"] == 4
    first, second = data["ret_data"]
    assert (first["customer_id"], first["name"], first["msg"], first["count"]) == (other["id"], "张聪",
                                                                                    "向您咨询:门票", 2)
    assert (second["customer_id"], second["msg"], second["count"]) == (customer["id"], "二", 2)
    assert len(first["dateTime"]) == 5 and first["dateTime"][2] == ":"  # today: HH:MM
    assert (await api.ok("GET", f"{Q}/contact/query_num/0", seller)) == {"chatinfo_count": 4}
    await api.ok("GET", f"{Q}/chat", seller, params={"customer_id": other["id"]})  # opening reads it
    assert (await api.ok("GET", f"{Q}/contact", seller))["unread_msg_num"] == 2


@pytest.mark.gen_test
@pytest.mark.parametrize("content, msg", [
    ("not json", "content: 不是合法的JSON"),
    ("[1]", "content: 必须是JSON对象"),
    ('{"info_type": 9}', "content.info_type: 只能是1|2|3|4|5"),
    ('{"info_type": 1}', "content.msg: 不能为空"),
    ('{"info_type": 2, "product_name": "x", "product_price": "1"}', "content.product_cover_url: 不能为空"),
    ('{"info_type": 4}', "content.url: 不能为空"),
    (json.dumps({"info_type": 1, "msg": "字" * 1400}), "content.msg: 不能超过4096字节"),
])
async def test_invalid_content_names_the_field_and_stores_nothing(api, db, seller, customer, content, msg):
    answer = await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"], content=content)
    assert answer == {"code": 301 if "不能为空" not in msg else 303, "msg": msg, "data": {}}
    assert await db.chats.count_documents({}) == 0


@pytest.mark.gen_test
async def test_send_rules(api, db, admin, seller, customer):
    text = json.dumps({"info_type": 1, "msg": "x"})
    assert (await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"], content=text,
                           send_type=2))["code"] == 301  # a radar user cannot speak as the customer
    assert (await api.post(f"{X}/chat/send_msg/0", customer, u_id=seller["id"], content=text,
                           send_type=1))["code"] == 301
    colleague = await api.create_user(admin, "colleague")
    assert (await api.post(f"{Q}/chat/send_msg/0", colleague, customer_id=customer["id"], content=text))[
        "code"] == 302
    assert not await db.chats.find_one({"user_id": colleague["id"]})  # refused before anything is written
    assert not await db.belongers.find_one({"user_id": colleague["id"]})
    assert (await api.get(f"{Q}/chat", colleague, customer_id=customer["id"]))["code"] == 302
    assert (await api.post(f"{Q}/chat/send_msg/0", seller, customer_id=customer["id"]))["code"] == 303
    assert (await api.get(f"{Q}/chat/send_msg/0", seller))["code"] == 402


# ----- WebSocket --------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_two_sockets_exchange_every_info_type_live(api, base_url, seller, customer):
    radar = await open_socket(base_url, RADAR_WS, seller)
    assert await radar.frame() == {"code": 200, "msg": "注册成功", "data": {"unread_msg_num": 0}}
    mini = await open_socket(base_url, CUSTOMER_WS, customer, u_id=seller["id"])
    assert (await mini.frame())["msg"] == "注册成功"
    for content in CONTENTS:
        await radar.send({"user_id": str(seller["id"]), "customer_id": str(customer["id"]),
                          "content": json.dumps(content)})
        assert await radar.frame() == {"code": 200, "msg": "雷达消息-发送成功"}
        own = await radar.frame()  # the sender's socket gets the push of its own message too
        assert own["msg"] == "实时推送雷达-最新聊天信息成功" and content_of(own["data"]["ret_data"][0]) == expected(content)
        pushed = await mini.frame()
        assert pushed["code"] == 200 and pushed["msg"] == "实时推送小程序-最新聊天信息成功"
        assert pushed["data"]["count"] == 1
        row = pushed["data"]["ret_data"][0]
        assert content_of(row) == expected(content) and row["send_type"] == 1
        assert row["name"] == "zhangcong" and len(row["dateTime"]) == 19 and row["dateTime"][10] == " "
    for content in CONTENTS:
        await mini.send({"content": content})  # an object works as well as a JSON string
        assert await mini.frame() == {"code": 200, "msg": "小程序消息-发送成功"}
        assert (await mini.frame())["msg"] == "实时推送小程序-最新聊天信息成功"
        pushed = await radar.frame()
        assert pushed["msg"] == "实时推送雷达-最新聊天信息成功"
        assert content_of(pushed["data"]["ret_data"][0]) == expected(content)
        assert pushed["data"]["ret_data"][0]["send_type"] == 2
    # Everything was persisted as well.
    rows = (await api.ok("GET", f"{Q}/chat", seller, params={"customer_id": customer["id"]}))["ret_data"]
    assert len(rows) == 10
    radar.close()
    mini.close()


@pytest.mark.gen_test
async def test_rest_and_websocket_interoperate(api, base_url, seller, customer):
    radar = await open_socket(base_url, "/zhugeleida/qiyeweixin/websocket/leida_chat", seller)
    await radar.frame()
    await api.ok("POST", f"{X}/chat/send_msg/0", customer,
                 form={"u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "REST来的"})})
    pushed = await radar.frame()
    assert pushed["data"]["ret_data"][0]["msg"] == "REST来的"
    # Pushed live and still new for getmsg until read.
    rows = await api.ok("GET", f"{Q}/chat/getmsg/0", seller, params={"customer_id": customer["id"]})
    assert [r["msg"] for r in rows] == ["REST来的"]
    await radar.send({"customer_id": customer["id"], "content": {"info_type": 1, "msg": "WS回复"}})
    assert (await radar.frame())["msg"] == "雷达消息-发送成功"
    assert (await radar.frame())["data"]["ret_data"][0]["msg"] == "WS回复"
    rows = await api.ok("GET", f"{X}/chat/getmsg/0", customer, params={"u_id": seller["id"]})
    assert [r["msg"] for r in rows] == ["WS回复"]
    radar.close()


@pytest.mark.gen_test
async def test_every_connection_of_the_user_receives(api, base_url, seller, customer):
    sockets = [await open_socket(base_url, RADAR_WS, seller) for _ in range(3)]
    for socket in sockets:
        await socket.frame()
    await sockets[0].send({"customer_id": customer["id"], "content": {"info_type": 1, "msg": "多端"}})
    assert (await sockets[0].frame())["msg"] == "雷达消息-发送成功"
    for socket in sockets:  # the sender's other devices see what it sent, and so does the sender, after its answer
        assert (await socket.frame())["data"]["ret_data"][0]["msg"] == "多端"
    assert await sockets[0].nothing()
    await api.ok("POST", f"{X}/chat/send_msg/0", customer,
                 form={"u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "hi"})})
    for socket in sockets:
        assert (await socket.frame())["data"]["ret_data"][0]["msg"] == "hi"
        socket.close()


@pytest.mark.gen_test
async def test_query_num_read_and_read_receipt(api, base_url, seller, customer):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    mini = await open_socket(base_url, CUSTOMER_WS, customer, u_id=seller["id"])
    await mini.frame()
    await mini.send({"content": {"info_type": 1, "msg": "a"}})
    await mini.frame()  # 发送成功
    await mini.frame()  # its own message, pushed
    await radar.frame()
    await radar.send({"type": "query_num"})
    assert await radar.frame() == {"code": 200, "msg": "实时获取雷达【消息数量】成功", "data": {"unread_msg_num": 1}}
    await radar.send({"type": "read", "customer_id": customer["id"]})
    assert await radar.frame() == {"code": 200, "msg": "已读", "data": {"unread_msg_num": 0}}
    await radar.send({"customer_id": customer["id"], "content": {"info_type": 1, "msg": "b"}})
    await radar.frame()  # 发送成功
    await radar.frame()  # its own message, pushed
    await mini.frame()
    await mini.send({"type": "read"})
    assert (await mini.frame())["data"] == {"unread_msg_num": 0}
    receipt = await radar.frame()
    assert receipt["code"] == 202 and receipt["data"] == {"customer_id": customer["id"],
                                                          "is_customer_already_read": 1}
    radar.close()
    mini.close()


@pytest.mark.gen_test
async def test_customer_actions_are_pushed_to_the_radar(api, base_url, seller, customer):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await api.act(customer, 6)
    pushed = await radar.frame()
    assert pushed["msg"] == "实时推送雷达-最新访问日志成功" and pushed["type"] == "action_log"
    assert pushed["data"]["ret_data"][0]["log"] == "张炬转发了你的名片,你的人脉圈正在裂变"
    radar.close()


@pytest.mark.gen_test
async def test_register_frame_authenticates_like_the_original_clients(api, base_url, seller):
    from tests.helpers import public_params

    radar = await open_socket(base_url, RADAR_WS)
    await radar.send({"type": "register", **public_params(seller)})
    assert (await radar.frame())["msg"] == "注册成功"
    await radar.send({"type": "register", **public_params(seller)})
    assert (await radar.frame())["msg"] == "注册成功"
    radar.close()


@pytest.mark.gen_test
@pytest.mark.parametrize("how", ["bad_query", "bad_register", "frame_before_register"])
async def test_failed_authentication_is_one_404_frame_then_close(api, base_url, seller, how):
    from tests.helpers import public_params

    if how == "bad_query":
        socket = await open_socket(base_url, RADAR_WS, {"id": seller["id"], "token": "0" * 32})
    else:
        socket = await open_socket(base_url, RADAR_WS)
        if how == "bad_register":
            await socket.send({"type": "register", **public_params({"id": seller["id"], "token": "f" * 32})})
        else:
            await socket.send({"customer_id": 1, "content": {"info_type": 1, "msg": "x"}})
    frame = await socket.frame()
    assert frame["code"] == 404 and frame["msg"] == "非法请求"
    assert await socket.closed() == 1008


@pytest.mark.gen_test
async def test_disabled_user_cannot_open_a_socket(api, base_url, admin, seller):
    await api.ok("POST", f"{Q}/user/update/{seller['id']}", admin, form={"status": 2})
    socket = await open_socket(base_url, RADAR_WS, seller)
    assert await socket.frame() == {"code": 306, "msg": "账户未启用"}
    assert await socket.closed() == 1008


@pytest.mark.gen_test
@pytest.mark.parametrize("raw, answer", [
    ("{oops", {"code": 301, "msg": "frame: 不是合法的JSON"}),
    ("[1,2]", {"code": 301, "msg": "frame: 必须是JSON对象"}),
    ('{"content": {"info_type": 1, "msg": "x"}}', {"code": 303, "msg": "customer_id: 不能为空"}),
    ('{"customer_id": "abc", "content": "{}"}', {"code": 301, "msg": "customer_id: 必须是整数"}),
    ('{"customer_id": 999, "content": "{}"}', {"code": 302, "msg": "客户ID不存在"}),
    ('{"type": "dance"}', {"code": 301, "msg": "type: 不支持的类型 dance"}),
])
async def test_malformed_frames_get_an_error_and_the_socket_stays(api, base_url, seller, customer, raw, answer):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await radar.send(raw)
    assert await radar.frame() == answer
    await radar.send({"customer_id": customer["id"], "content": {"info_type": 9}})
    assert await radar.frame() == {"code": 301, "msg": "content.info_type: 只能是1|2|3|4|5"}
    await radar.send({"type": "query_num"})
    assert (await radar.frame())["code"] == 200
    radar.close()


@pytest.mark.gen_test
async def test_closed_frame_closes(api, base_url, seller):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await radar.send({"type": "closed"})
    assert await radar.closed() == 1000


@pytest.mark.gen_test
async def test_shutdown_closes_every_socket_with_1001(api, base_url, ctx, seller, customer):
    radar = await open_socket(base_url, RADAR_WS, seller)
    mini = await open_socket(base_url, CUSTOMER_WS, customer, u_id=seller["id"])
    await radar.frame()
    await mini.frame()
    ctx.hub.close_all(1001, "server shutting down")
    assert await radar.closed() == 1001 and await mini.closed() == 1001


@pytest.mark.gen_test
async def test_open_socket_of_a_user_disabled_meanwhile_is_refused(api, base_url, admin, seller, customer):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await api.ok("POST", f"{Q}/user/update/{seller['id']}", admin, form={"status": 2})
    # Closed at once, without waiting for the socket's next frame.
    assert await radar.frame() == {"code": 306, "msg": "账户未启用"}
    assert await radar.closed() == 1008


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"account_cache_ttl_s": 0.3}])
async def test_every_frame_acts_as_the_account_is_now(api, base_url, db, seller, customer, settings_overrides):
    """A change made outside this process (another instance, the CLI) is seen by the next frame once
    ACCOUNT_CACHE_TTL_S has passed."""
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await db.users.update_one({"_id": seller["id"]}, {"$set": {"status": 2}})
    await asyncio.sleep(0.4)
    await radar.send({"customer_id": customer["id"], "content": {"info_type": 1, "msg": "x"}})
    assert await radar.frame() == {"code": 306, "msg": "账户未启用"}
    assert await radar.closed() == 1008


@pytest.mark.gen_test
async def test_password_change_ends_open_sockets(api, base_url, admin, seller):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await api.ok("POST", f"{Q}/user/update/{seller['id']}", admin, form={"password": "another1"})
    assert await radar.frame() == {"code": 404, "msg": "非法请求"}


@pytest.mark.gen_test(timeout=60)
async def test_messages_sent_together_are_stored_and_counted_in_fewer_commands_and_exactly(api, db, commands, seller):
    people = [await api.customer_login(seller, f"crowd-{n}", username=f"客户{n}") for n in range(16)]
    say = {"u_id": seller["id"], "send_type": 2, "content": json.dumps({"info_type": 1, "msg": "在吗"})}
    with commands.recording() as seen:
        await asyncio.gather(*(api.ok("POST", f"{X}/chat/send_msg/0", who, form=say) for who in people))
    # Messages and rollup changes of requests at the same moment are written together (models.db.GroupCommit:
    # insert_together, stats.rollup_writes)...
    assert commands.names(seen).count("update daily_stats") < len(people)
    assert commands.names(seen).count("insert chats") < len(people)
    stored = await db.chats.find({"user_id": seller["id"]}).to_list()
    assert sorted(chat["customer_id"] for chat in stored) == sorted(who["id"] for who in people)
    # ...and add up as sixteen separate writes would.
    rollups = await db.daily_stats.find({"user_id": seller["id"]}).to_list()
    today = [r for r in rollups if r["day"] != "all"]
    assert len(today) == 1 and today[0]["messages_in"] == 16
    assert sorted(today[0]["customers_in"]) == sorted(who["id"] for who in people)
    assert [r["messages_in"] for r in rollups if r["day"] == "all"] == [16]
