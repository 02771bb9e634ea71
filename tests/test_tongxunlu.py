"""The address book: filters, every order, and the day-relative texts."""

from datetime import timedelta

import pytest

from common.times import utcnow

T = "/zhugeleida/qiyeweixin/tongxunlu"


@pytest.fixture
def book(io_loop, api, db, seller):
    """Three customers with different forecasts, follow-ups and activity."""
    async def make():
        now = utcnow()
        made = {}
        for code, name, source, pr, follow_days, active_days in (
            ("a", "习大大", 1, 30, None, 0), ("b", "普京", 2, 90, 1, 3), ("c", "特朗普", 1, None, 5, None),
        ):
            c = await api.customer_login(seller, code, username=name, source=source)
            await db.belongers.update_one({"customer_id": c["id"]}, {"$set": {
                "expected_pr": pr, "expected_time": "2018-06-09",
                "last_follow_time": None if follow_days is None else now - timedelta(days=follow_days),
                "last_activity_time": None if active_days is None else now - timedelta(days=active_days),
            }})
            made[name] = c
        return made
    return io_loop.run_sync(make)


@pytest.mark.gen_test
async def test_default_order_is_forecast_descending(api, seller, book):
    answer = await api.get(T, seller)
    assert answer["code"] == 200 and answer["msg"] == "查询成功" and answer["data"]["data_count"] == 3
    rows = answer["data"]["ret_data"]
    assert [r["customer_username"] for r in rows] == ["普京", "习大大", "特朗普"]
    assert set(rows[0]) >= {"customer_id", "customer_username", "headimgurl", "expected_time", "expedted_pr",
                            "belonger", "source", "last_follow_time", "last_activity_time", "follow_status"}
    assert rows[0]["belonger"] == "zhangcong" and rows[0]["expedted_pr"] == "90" and rows[0]["source"] == 2


@pytest.mark.gen_test
async def test_day_relative_texts(api, seller, book):
    rows = {r["customer_username"]: r for r in (await api.ok("GET", T, seller))["ret_data"]}
    assert (rows["习大大"]["last_follow_time"], rows["习大大"]["follow_status"]) == ("", "未跟进过")
    assert (rows["普京"]["last_follow_time"], rows["普京"]["follow_status"]) == ("昨天", "昨天已跟进")
    assert rows["特朗普"]["last_follow_time"] == "5天前" and rows["特朗普"]["follow_status"][4] == "-"
    assert rows["习大大"]["last_activity_time"] == "今天"
    assert rows["普京"]["last_activity_time"][4] == "-" and rows["特朗普"]["last_activity_time"] == ""


@pytest.mark.gen_test
@pytest.mark.parametrize("order, names", [
    ("customer__expedted_pr", ["特朗普", "习大大", "普京"]),
    ("-customer__expedted_pr", ["普京", "习大大", "特朗普"]),
    ("-last_follow_time", ["普京", "特朗普", "习大大"]),
    ("last_follow_time", ["习大大", "特朗普", "普京"]),
    ("-last_activity_time", ["习大大", "普京", "特朗普"]),
])
async def test_every_order(api, seller, book, order, names):
    rows = (await api.ok("GET", T, seller, params={"order": order}))["ret_data"]
    assert [r["customer_username"] for r in rows] == names


@pytest.mark.gen_test
async def test_source_filter_paging_and_errors(api, seller, book):
    data = await api.ok("GET", T, seller, params={"customer__source": 2})
    assert [r["customer_username"] for r in data["ret_data"]] == ["普京"] and data["data_count"] == 1
    data = await api.ok("GET", T, seller, params={"length": 2, "current_page": 2})
    assert len(data["ret_data"]) == 1 and data["data_count"] == 3
    assert (await api.get(T, seller, order="password"))["code"] == 301
    assert (await api.get(T, seller, customer__source=9))["code"] == 301


@pytest.mark.gen_test
async def test_only_own_customers(api, admin, book):
    colleague = await api.create_user(admin, "colleague")
    assert await api.ok("GET", T, colleague) == {"ret_data": [], "data_count": 0}


# ----- search and filters -----------------------------------------------------------------------
def names(data) -> list[str]:
    return sorted(row["customer_username"] for row in data["ret_data"])


@pytest.mark.gen_test
async def test_search_finds_name_memo_name_and_phone_substrings(api, db, seller, book):
    putin = book["普京"]["id"]
    await api.ok("POST", f"/zhugeleida/qiyeweixin/customer/update_information/{putin}", seller,
                 form={"memo_name": "Vova 老朋友", "phone": "13912345678"})
    for search, expected in (("普", ["普京", "特朗普"]), ("老朋", ["普京"]), ("vova", ["普京"]), ("2345", ["普京"]),
                             ("习大大", ["习大大"]), ("nobody", []), (".*", [])):
        data = await api.ok("GET", T, seller, params={"search": search})
        assert (names(data), data["data_count"]) == (expected, len(expected)), search
    row = (await api.ok("GET", T, seller, params={"search": "vova"}))["ret_data"][0]
    assert (row["memo_name"], row["phone"], row["tag"], row["next_time"]) == ("Vova 老朋友", "13912345678", [], "")


@pytest.mark.gen_test
async def test_a_customers_new_name_reaches_every_relation(api, db, admin, seller, book):
    colleague = await api.create_user(admin, "colleague")
    trump = book["特朗普"]
    await api.customer_login(colleague, "c", username="特朗普")  # the same customer meets a second radar user
    await api.ok("POST", f"/zhugeleida/qiyeweixin/customer/update_information/{trump['id']}", seller,
                 form={"username": "川建国", "memo_name": "懂王"})
    assert names(await api.ok("GET", T, colleague, params={"search": "建国"})) == ["川建国"]
    assert names(await api.ok("GET", T, colleague, params={"search": "懂王"})) == []  # the memo name is seller's
    assert names(await api.ok("GET", T, seller, params={"search": "懂王"})) == ["川建国"]


@pytest.mark.gen_test
async def test_filters_by_tags_sources_forecast_follow_up_and_arrival(api, db, seller, book, clock):
    groups = (await api.ok("GET", "/zhugeleida/qiyeweixin/tag_list", seller))["ret_data"]
    married, important = groups[0]["tags"][0]["id"], groups[2]["tags"][1]["id"]
    await api.ok("POST", f"/zhugeleida/qiyeweixin/tag_list/customer_tag/{book['普京']['id']}", seller,
                 form={"tag_list": f"[{married},{important}]"})
    await api.ok("POST", "/zhugeleida/qiyeweixin/tag_customer/add/0", seller,
                 form={"name": "爱撸串", "customer_list": f"[{book['习大大']['id']}]"})
    custom = (await api.ok("GET", "/zhugeleida/qiyeweixin/tag_list", seller))["ret_data"][3]["tags"][0]["id"]
    reader = await api.customer_login(seller, "r", username="读者")
    await api.ok("POST", f"/zhugeleida/qiyeweixin/customer/update_information/{reader['id']}", seller,
                 form={"source": 4})  # 公众号文章, as an article's reader arrives
    cases = [
        ({"tag_ids": f"[{important}]"}, ["普京"]), ({"tag_ids": f"[{important},{custom}]"}, ["习大大", "普京"]),
        ({"source": 4}, ["读者"]), ({"source": "[1,4]"}, ["习大大", "特朗普", "读者"]), ({"customer__source": 2}, ["普京"]),
        ({"pr_min": 30}, ["习大大", "普京"]), ({"pr_min": 31, "pr_max": 100}, ["普京"]), ({"pr_max": 30}, ["习大大"]),
        ({"follow": "never"}, ["习大大", "读者"]), ({"follow": "today"}, []), ({"follow": "within_7_days"}, ["普京", "特朗普"]),
        ({"follow": "over_7_days"}, []), ({"since": "2000-01-01", "search": "普"}, ["普京", "特朗普"]),
        ({"until": "2000-01-01"}, []),
    ]
    for params, expected in cases:
        assert names(await api.ok("GET", T, seller, params=params)) == sorted(expected), params
    await db.belongers.update_one({"customer_id": book["特朗普"]["id"]},
                                  {"$set": {"last_follow_time": utcnow() - timedelta(days=7)}})
    assert names(await api.ok("GET", T, seller, params={"follow": "over_7_days"})) == ["特朗普"]
    await api.ok("POST", f"/zhugeleida/qiyeweixin/follow_info/add/{reader['id']}", seller, form={"follow_info": "回访"})
    assert names(await api.ok("GET", T, seller, params={"follow": "today"})) == ["读者"]
    # Deleting a tag takes it out of the filter too.
    await api.ok("POST", f"/zhugeleida/qiyeweixin/tag_list/delete_tag/{custom}", seller)
    assert names(await api.ok("GET", T, seller, params={"tag_ids": f"[{custom}]"})) == []


@pytest.mark.gen_test
@pytest.mark.parametrize("params, msg", [
    ({"follow": "yesterday"}, "follow: 只能是 today | within_7_days | over_7_days | never"),
    ({"pr_min": 80, "pr_max": 20}, "pr_min: 不能大于 pr_max"), ({"pr_max": 101}, "pr_max: 不能大于100"),
    ({"source": "[1,9]"}, "source: 只能是1|2|3|4"), ({"tag_ids": "x"}, "tag_ids: 必须是整数"),
    ({"since": "2020-02-01", "until": "2020-01-01"}, "since: 不能晚于 until"), ({"since": "昨天"}, "since: 日期格式应为 YYYY-MM-DD"),
])
async def test_bad_filters_name_the_field(api, seller, book, params, msg):
    answer = await api.get(T, seller, **params)
    assert (answer["code"], answer["msg"]) == (301, msg)


@pytest.mark.gen_test
async def test_admins_and_bosses_read_a_salespersons_book(api, admin, seller, book):
    boss = await api.create_user(admin, "boss", role_id=3)
    colleague = await api.create_user(admin, "colleague")
    for viewer in (admin, boss):
        data = await api.ok("GET", T, viewer, params={"query_user_id": seller["id"], "search": "普"})
        assert names(data) == ["普京", "特朗普"] and data["ret_data"][0]["belonger"] == "zhangcong"
    answer = await api.get(T, colleague, query_user_id=seller["id"])
    assert (answer["code"], answer["msg"]) == (302, "没有权限查看其他销售的客户")
    assert (await api.get(T, admin, query_user_id=999))["code"] == 302
    other_company = (await api.ok("POST", "/zhugeleida/qiyeweixin/company/add/0", admin, form={"name": "别家"}))
    stranger = await api.create_user(admin, "stranger", company_id=other_company["company_id"])
    assert (await api.get(T, admin, query_user_id=stranger["id"]))["code"] == 302


@pytest.mark.gen_test
async def test_radar_feed_and_chat_contacts_search(api, seller, book):
    for name in ("习大大", "普京"):
        customer = book[name]
        await api.act(customer, 1)
        await api.ok("POST", "/zhugeleida/xiaochengxu/chat/send_msg/0", customer,
                     form={"u_id": seller["id"], "content": '{"info_type": 1, "msg": "hi"}'})
    feed = await api.ok("GET", "/zhugeleida/qiyeweixin/action/time", seller, params={"search": "普京"})
    assert feed["data_count"] == 1 and feed["ret_data"][0]["log"].startswith("普京")
    feed = await api.ok("GET", "/zhugeleida/qiyeweixin/action/time", seller,
                        params={"search": "普京", "customer_id": book["习大大"]["id"]})
    assert feed["data_count"] == 0
    contacts = await api.ok("GET", "/zhugeleida/qiyeweixin/contact", seller, params={"search": "大大"})
    assert [row["name"] for row in contacts["ret_data"]] == ["习大大"] and contacts["data_count"] == 1
    assert contacts["unread_msg_num"] == 2  # every conversation's unread messages, as the badge shows


@pytest.mark.gen_test
async def test_relations_made_before_search_get_their_text_and_tags_at_start_up(api, db, seller, book):
    from models.setup import prepare_database

    groups = (await api.ok("GET", "/zhugeleida/qiyeweixin/tag_list", seller))["ret_data"]
    married = groups[0]["tags"][0]["id"]
    await api.ok("POST", f"/zhugeleida/qiyeweixin/tag_list/customer_tag/{book['普京']['id']}", seller,
                 form={"tag_list": f"[{married}]"})
    await db.belongers.update_many({}, {"$unset": {"search_text": "", "tag_ids": ""}})
    assert names(await api.ok("GET", T, seller, params={"search": "普"})) == []
    await prepare_database(db)
    assert names(await api.ok("GET", T, seller, params={"search": "普"})) == ["普京", "特朗普"]
    assert names(await api.ok("GET", T, seller, params={"tag_ids": f"[{married}]"})) == ["普京"]
