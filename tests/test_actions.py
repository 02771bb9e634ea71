"""Customer actions 1..12 and every radar view of them, with the original's texts."""

import asyncio

import pytest

from models.actions import ACTIONS
from tests.helpers import open_socket

A = "/zhugeleida/qiyeweixin/action"

EXPECTED_LOGS = {
    1: "张炬首次查看您的名片,沟通从此刻开始",
    2: "张炬正在查看您发布的产品,尽快把握商机",
    3: "张炬查看了您公司的动态",
    4: "张炬查看了您公司的官网,看来TA对您公司感兴趣",
    5: "张炬复制了您的微信,留意微信新朋友消息",
    6: "张炬转发了你的名片,你的人脉圈正在裂变",
    7: "张炬向您咨询产品",
    8: "张炬保存了您的电话,可以考虑拜访",
    9: "张炬觉得您非常靠谱",
    10: "张炬拨打您的手机",
    11: "张炬播放了您的语音介绍",
    12: "张炬复制了您的邮箱",
}


@pytest.mark.gen_test
async def test_each_action_writes_its_log_text(api, seller, customer):
    for action in range(1, 13):
        data = await api.act(customer, action)
        assert data["log"] == EXPECTED_LOGS[action]
    answer = await api.get(f"{A}/get_new_log", seller)
    assert answer["code"] == 200 and answer["msg"] == "查询日志记录成功"
    rows = answer["data"]["ret_data"]
    assert answer["data"]["data_count"] == 12
    assert [r["log"] for r in rows] == [EXPECTED_LOGS[a] for a in range(12, 0, -1)]  # newest first
    assert rows[0]["action"] == "复制邮箱" and rows[0]["user_id"] == seller["id"]
    assert rows[0]["customer_id"] == customer["id"] and rows[0]["create_date"][10] == "T"
    # Read once: they are no longer new.
    assert (await api.ok("GET", f"{A}/get_new_log", seller)) == {"ret_data": [], "data_count": 0}


async def act_apart(api, clock, cfg, customer, actions, **params) -> list[dict]:
    """The customer does these, each after REPEAT_WINDOW_S: every one counts."""
    done = []
    for action in actions:
        done.append(await api.act(customer, action, **params))
        clock.past_repeat_window(cfg)
    return done


@pytest.mark.gen_test
async def test_card_views_count_up(api, clock, cfg, customer):
    texts = [item["log"] for item in await act_apart(api, clock, cfg, customer, [1] * 5)]
    assert texts == ["张炬首次查看您的名片,沟通从此刻开始", "张炬查看您的名片第1次,把握深度交流的机会",
                     "张炬查看您的名片第2次,建议标注重点客户", "张炬查看您的名片第3次,成交在望",
                     "张炬查看您的名片第4次,成交在望"]


@pytest.mark.gen_test
async def test_a_card_viewed_20_times_in_a_row_counts_once(api, ctx, db, seller, customer, clock):
    """Counters count people, not requests: the radar shows one view, 19 times again."""
    items = [await api.act(customer, 1) for _ in range(20)]
    assert {item["log_id"] for item in items} == {items[0]["log_id"]}
    assert {item["log"] for item in items} == {"张炬首次查看您的名片,沟通从此刻开始"}
    rollup = await db.daily_stats.find_one({"user_id": seller["id"]})
    assert rollup["a1"] == 1
    assert (await db.belongers.find_one({"customer_id": customer["id"]}))["card_views"] == 1
    feed = await api.ok("GET", f"{A}/time", seller)
    assert feed["data_count"] == 1 and feed["ret_data"][0]["repeats"] == 19
    assert (await api.ok("GET", f"{A}/count", seller))[0]["detail"] == {"1": 1}
    clock.past_repeat_window(ctx.cfg)
    assert (await api.act(customer, 1))["log"] == "张炬查看您的名片第1次,把握深度交流的机会"
    assert (await db.daily_stats.find_one({"user_id": seller["id"]}))["a1"] == 2


@pytest.mark.gen_test
async def test_a_repeat_pushes_the_grouped_log(api, seller, customer):
    radar = await open_socket(api.base_url, "/zhugeleida/public/websocket/leida", seller)
    assert (await radar.frame())["code"] == 200
    first = await api.act(customer, 4)
    assert (await radar.frame())["data"]["ret_data"][0]["repeats"] == 0
    await api.act(customer, 4)
    pushed = (await radar.frame())["data"]["ret_data"][0]
    assert (pushed["id"], pushed["repeats"]) == (first["log_id"], 1)
    radar.close()


@pytest.mark.gen_test
async def test_repeats_at_once_count_once(api, db, seller, customer):
    await asyncio.gather(*(api.act(customer, 3) for _ in range(6)))
    assert await db.access_logs.count_documents({}) == 1
    assert (await db.access_logs.find_one({}))["repeats"] == 5
    assert (await db.daily_stats.find_one({"user_id": seller["id"]}))["a3"] == 1


class TestCustomerLimit:
    @pytest.fixture
    def settings_overrides(self):
        return {"customer_events_per_minute": 0.001, "customer_events_burst": 3}

    @pytest.mark.gen_test
    async def test_a_customer_past_the_limit_gets_429_and_nothing_is_stored(self, api, db, seller, customer):
        for action in (1, 3, 4):
            await api.act(customer, action)
        answer = await api.call("POST", "/zhugeleida/xiaochengxu/action/5", customer, params={"u_id": seller["id"]})
        assert answer == {"code": 429, "msg": "操作过于频繁,请稍后再试", "data": {}}
        assert await db.access_logs.count_documents({}) == 3
        other = await api.customer_login(seller, "c2")
        await api.act(other, 5)  # somebody else is not held back


@pytest.mark.gen_test
async def test_praise_toggles(api, db, seller, customer):
    assert (await api.act(customer, 9))["log"] == "张炬觉得您非常靠谱"
    assert (await db.daily_stats.find_one({"user_id": seller["id"]}))["praise"] == 1
    assert (await api.act(customer, 9))["log"] == "张炬取消了给你的靠谱评价"
    assert (await db.daily_stats.find_one({"user_id": seller["id"]}))["praise"] == 0  # net of cancellations
    assert (await api.act(customer, 9))["log"] == "张炬觉得您非常靠谱"


@pytest.mark.gen_test
async def test_product_view_names_the_product(api, db, seller, customer):
    await db.products.insert_one({"_id": 7, "company_id": 1, "user_id": None, "name": "门票", "status": 1})
    await db.products.insert_one({"_id": 8, "company_id": 1, "user_id": None, "name": "下架品", "status": 2})
    assert (await api.act(customer, 2, product_id=7))["log"] == "张炬正在查看门票,尽快把握商机"
    answer = await api.call("POST", "/zhugeleida/xiaochengxu/action/2", customer,
                            params={"u_id": seller["id"], "product_id": 8})
    assert answer["code"] == 302


@pytest.mark.gen_test
async def test_action_updates_last_activity_and_counters(api, db, seller, customer):
    await api.act(customer, 1)
    await api.act(customer, 6)
    belonger = await db.belongers.find_one({"customer_id": customer["id"]})
    assert belonger["last_activity_time"] is not None
    rollup = await db.daily_stats.find_one({"user_id": seller["id"]})
    assert (rollup["a1"], rollup["a6"], rollup["active"]) == (1, 1, [customer["id"]])


@pytest.mark.gen_test
@pytest.mark.parametrize("action, msg", [("0", "action: 只能是 1 到 12"), ("13", "action: 只能是 1 到 12"),
                                         ("abc", "action: 必须是整数")])
async def test_unknown_action_is_301(api, db, customer, action, msg):
    answer = await api.call("POST", f"/zhugeleida/xiaochengxu/action/{action}", customer,
                            params={"u_id": customer["u_id"]})
    assert answer == {"code": 301, "msg": msg, "data": {}}
    assert await db.access_logs.count_documents({}) == 0


@pytest.mark.gen_test
async def test_action_needs_a_radar_user_of_the_company(api, admin, customer):
    answer = await api.call("POST", "/zhugeleida/xiaochengxu/action/1", customer, params={"u_id": 999})
    assert answer["code"] == 302
    other = await api.ok("POST", "/zhugeleida/qiyeweixin/company/add/0", admin, form={"name": "别家"})
    stranger = await api.create_user(admin, "stranger", company_id=other["company_id"])
    answer = await api.call("POST", "/zhugeleida/xiaochengxu/action/1", customer, params={"u_id": stranger["id"]})
    assert answer["code"] == 302
    assert (await api.call("GET", "/zhugeleida/xiaochengxu/action/1", customer))["code"] == 402


@pytest.mark.gen_test
async def test_get_new_log_filters_by_action(api, clock, cfg, seller, customer):
    await act_apart(api, clock, cfg, customer, (1, 5, 5, 6))
    data = await api.ok("GET", f"{A}/get_new_log", seller, params={"action": 5})
    assert data["data_count"] == 2 and {r["action"] for r in data["ret_data"]} == {"复制微信"}
    # The others are still new.
    assert (await api.ok("GET", f"{A}/get_new_log", seller))["data_count"] == 2


@pytest.mark.gen_test
async def test_time_view(api, clock, cfg, seller, customer):
    await act_apart(api, clock, cfg, customer, (1, 2, 1))
    answer = await api.get(f"{A}/time", seller, length=2, current_page=1)
    assert answer["msg"] == "查询日志记录成功" and answer["data"]["data_count"] == 3
    rows = answer["data"]["ret_data"]
    assert len(rows) == 2
    assert set(rows[0]) >= {"user_id", "customer_id", "headimgurl", "log", "create_date"}
    assert rows[0]["headimgurl"] == "statics/imgs/setAvator.jpg"
    data = await api.ok("GET", f"{A}/time", seller, params={"action": 1})
    assert data["data_count"] == 2
    data = await api.ok("GET", f"{A}/time", seller, params={"create_date__gte": "2000-01-01",
                                                             "create_date__lt": "2000-01-02"})
    assert data["data_count"] == 0
    today = rows[0]["create_date"][:10]
    data = await api.ok("GET", f"{A}/time", seller, params={"create_date__gte": today, "create_date__lt": today})
    assert data["data_count"] == 3  # the end day is included
    # Everything the view matched is no longer new.
    assert (await api.ok("GET", f"{A}/get_new_log", seller))["data_count"] == 0
    assert (await api.get(f"{A}/time", seller, action=99))["code"] == 301


@pytest.mark.gen_test
async def test_customer_view(api, clock, cfg, seller, customer):
    other = await api.customer_login(seller, "c2", username="张聪")
    await act_apart(api, clock, cfg, customer, (1, 1, 2, 3))
    await api.act(other, 2)
    answer = await api.get(f"{A}/customer", seller)
    assert answer["msg"] == "查询日志记录成功"
    assert answer["data"] == [
        {"totalCount": 4, "customer_id": customer["id"], "customer__username": "张炬", "user_id": str(seller["id"]),
         "headimgurl": "statics/imgs/setAvator.jpg",
         "detail": {"1": {"count": 2, "name": "查看名片"}, "2": {"count": 1, "name": "查看产品"},
                    "3": {"count": 1, "name": "查看动态"}}},
        {"totalCount": 1, "customer_id": other["id"], "customer__username": "张聪", "user_id": str(seller["id"]),
         "headimgurl": "statics/imgs/setAvator.jpg", "detail": {"2": {"count": 1, "name": "查看产品"}}},
    ]
    assert len(await api.ok("GET", f"{A}/customer", seller, params={"length": 1})) == 1


@pytest.mark.gen_test
async def test_count_view(api, clock, cfg, seller, customer):
    await act_apart(api, clock, cfg, customer, (1, 1, 12))
    answer = await api.get(f"{A}/count", seller)
    assert answer["data"] == [{"action": {str(a): name for a, name in ACTIONS.items()},
                               "detail": {"1": 2, "12": 1}, "user_id": str(seller["id"])}]
    assert answer["data"][0]["action"]["6"] == "转发名片"


@pytest.mark.gen_test
async def test_customer_detail_view(api, clock, cfg, seller, customer):
    await act_apart(api, clock, cfg, customer, (1, 1, 9, 2))
    answer = await api.get(f"{A}/customer_detail", seller, customer_id=customer["id"])
    assert answer == {"code": 200, "msg": "查询日志记录成功", "data": [{str(customer["id"]): {
        "totalCount": 4, "customer_id": customer["id"],
        "detail": [{"count": 2, "action": 1, "name": "查看名片"}, {"count": 1, "action": 2, "name": "查看产品"},
                   {"count": 1, "action": 9, "name": "觉得靠谱"}]}}]}
    assert (await api.get(f"{A}/customer_detail", seller))["code"] == 303
    assert (await api.get(f"{A}/customer_detail", seller, customer_id=999))["code"] == 302


@pytest.mark.gen_test
async def test_views_are_scoped_to_the_calling_radar_user(api, admin, seller, customer):
    await api.act(customer, 1)
    colleague = await api.create_user(admin, "colleague")
    assert (await api.ok("GET", f"{A}/get_new_log", colleague))["data_count"] == 0
    assert (await api.ok("GET", f"{A}/time", colleague))["data_count"] == 0
    assert await api.ok("GET", f"{A}/customer", colleague) == []
    assert (await api.get(f"{A}/customer_detail", colleague, customer_id=customer["id"]))["code"] == 302
