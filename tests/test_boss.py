"""The Boss radar on a fixed scenario spread over days (an injectable clock): every endpoint and
window checked against a hand count, access refused to others, another company never counted,
and the rollups agreeing with a rebuild from the raw collections."""

import json
from datetime import UTC, datetime, time, timedelta

import pytest

from common import times
from models import stats

B = "/zhugeleida/boosleida/home_page"
Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"


@pytest.fixture
def clock(ctx):
    """travel(days_ago): what happens next happens that many days ago, at local noon (the app's clock)."""
    noon = datetime.combine(times.today(), time(12), tzinfo=times.local(times.utcnow()).tzinfo)
    base = noon.astimezone(UTC) - datetime.now(UTC)

    def travel(days_ago: int = 0) -> None:
        times.set_clock(base - timedelta(days=days_ago))

    travel(0)
    yield travel
    times.set_clock()


def ago(days: int) -> str:
    return (times.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def scenario(io_loop, api, admin, seller, clock):
    """Two salespeople (A = seller, B), four customers over 40 days, and another company's noise."""
    async def make():
        a = seller
        b = await api.create_user(admin, "lisi")
        boss = await api.create_user(admin, "laoban", role_id=3)
        c = {}

        async def say(who, to, text, from_customer):
            if from_customer:
                await api.ok("POST", f"{X}/chat/send_msg/0", who, form={
                    "u_id": to["id"], "content": json.dumps({"info_type": 1, "msg": text})})
            else:
                await api.ok("POST", f"{Q}/chat/send_msg/0", who, form={
                    "customer_id": to["id"], "content": json.dumps({"info_type": 1, "msg": text})})

        clock(40)
        c[4] = await api.customer_login(a, "c4", username="赵四")
        await api.act(c[4], 2)
        clock(20)
        c[1] = await api.customer_login(a, "c1", username="张一")
        await api.act(c[1], 1)
        clock(10)
        c[2] = await api.customer_login(a, "c2", username="王二")
        await api.act(c[2], 1)
        await api.act(c[2], 7)
        clock(5)
        c[3] = await api.customer_login(b, "c3", username="李三")
        for action in (1, 6, 8):
            await api.act(c[3], action)
        clock(3)
        c1_on_b = await api.customer_login(b, "c1")
        await api.act(c1_on_b, 1)
        clock(1)
        await api.act(c[2], 9)
        await api.ok("POST", f"{Q}/follow_info/add/{c[2]['id']}", a, form={"follow_info": "回访"})
        await say(c[2], a, "在吗", True)
        await say(a, c[2], "在的", False)
        clock(0)
        await api.act(c[3], 4)
        await api.act(c[3], 9)
        await api.act(c[3], 9)  # and the cancellation
        await api.ok("POST", f"{Q}/follow_info/add/{c[3]['id']}", b, form={"follow_info": "报价"})
        await say(c[1], a, "价格多少", True)
        # Forecasts, each also a follow-up note (today: A on c1, c2; B on c3, c1).
        for who, customer, pr in ((a, c[1], 30), (a, c[2], 80), (b, c[3], 100), (b, c[1], 95)):
            await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", who, form={"expedted_pr": pr})
        # Another company: never counted.
        other = await api.ok("POST", f"{Q}/company/add/0", admin, form={"name": "东方银谷"})
        stranger = await api.create_user(admin, "wangwu", company_id=other["company_id"])
        outsider = await api.customer_login(stranger, "x1")
        await api.act(outsider, 1)
        await say(outsider, stranger, "你好", True)
        return {"a": a, "b": b, "boss": boss, "c": c}
    return io_loop.run_sync(make)


ZERO = {"customer_num": 0, "browse_num": 0, "follow_num": 0, "comm_num_of_customer": 0, "forward_num": 0,
        "saved_total_num": 0, "praise_num": 0, "praise_like_num": 0, "praise_cancel_num": 0, "query_product_num": 0,
        "view_website_num": 0}
# 靠谱: c2 liked yesterday; today c3 liked and cancelled (net 0 today, 1 over any window with yesterday).
PRAISE = {"praise_num": 1, "praise_like_num": 2, "praise_cancel_num": 1}


@pytest.mark.gen_test
async def test_the_overview_matches_a_hand_count(api, scenario):
    data = await api.ok("GET", f"{B}/acount_data", scenario["boss"])
    # follow_num: A on c2 yesterday; today B on c3 and the four forecast notes.
    assert data["ret_data"] == {
        "count_data": {**ZERO, **PRAISE, "customer_num": 4, "browse_num": 4, "follow_num": 6,
                       "comm_num_of_customer": 1, "forward_num": 1, "saved_total_num": 1, "query_product_num": 1,
                       "view_website_num": 1},
        "today_data": {**ZERO, "follow_num": 5, "praise_like_num": 1, "praise_cancel_num": 1, "view_website_num": 1},
        "yesterday_data": {**ZERO, "follow_num": 1, "comm_num_of_customer": 1, "praise_num": 1, "praise_like_num": 1},
        "nearly_seven_days": {**ZERO, **PRAISE, "customer_num": 1, "browse_num": 2, "follow_num": 6,
                              "comm_num_of_customer": 1, "forward_num": 1, "saved_total_num": 1, "view_website_num": 1},
        "nearly_thirty_days": {**ZERO, **PRAISE, "customer_num": 3, "browse_num": 4, "follow_num": 6,
                               "comm_num_of_customer": 1, "forward_num": 1, "saved_total_num": 1,
                               "query_product_num": 1, "view_website_num": 1},
    }


@pytest.mark.gen_test
async def test_the_overview_takes_a_date_range_and_a_salesperson(api, scenario):
    a, b, boss = scenario["a"], scenario["b"], scenario["boss"]
    data = (await api.ok("GET", f"{B}/acount_data", boss, params={"since": ago(12), "until": ago(4)}))["ret_data"]
    # c2 arrived 10 days ago (a card view and a consultation), c3 5 days ago (view, forward, phone saved).
    assert data["range_data"] == {**ZERO, "customer_num": 2, "browse_num": 2, "forward_num": 1, "saved_total_num": 1,
                                  "query_product_num": 1}
    one = (await api.ok("GET", f"{B}/acount_data", boss, params={"query_user_id": b["id"]}))["ret_data"]
    # lisi: c3 (5 days ago) and c1 (3 days ago, already the company's): two customers of theirs.
    assert one["count_data"] == {**ZERO, "customer_num": 2, "browse_num": 2, "follow_num": 3, "forward_num": 1,
                                 "saved_total_num": 1, "praise_like_num": 1, "praise_cancel_num": 1,
                                 "view_website_num": 1}
    assert "range_data" not in one
    mine = (await api.ok("GET", f"{B}/acount_data", boss, params={"query_user_id": a["id"], "since": ago(1),
                                                                 "until": ago(1)}))["ret_data"]
    assert mine["range_data"] == mine["yesterday_data"] == {**ZERO, "follow_num": 1, "comm_num_of_customer": 1,
                                                             "praise_num": 1, "praise_like_num": 1}
    for params, msg in (({"since": ago(400)}, "since: 时间范围最多366天"), ({"until": ago(1)}, "since: 指定 until 时 since 不能为空"),
                        ({"since": ago(1), "until": ago(2)}, "since: 不能晚于 until"),
                        ({"query_user_id": 999}, "query_user_id 用户ID不存在")):
        answer = await api.get(f"{B}/acount_data", boss, **params)
        assert (answer["code"], answer["msg"]) == ((302 if "query_user_id" in params else 301), msg), params
    assert (await api.get(f"{B}/acount_data", boss, since=ago(365)))["code"] == 200


@pytest.mark.gen_test
async def test_a_customer_who_talked_with_two_salespeople_is_one_for_the_company_and_one_for_each(api, db, admin,
                                                                                                   seller):
    colleague = await api.create_user(admin, "lisi")
    boss = await api.create_user(admin, "laoban", role_id=3)
    for salesperson in (seller, colleague):
        customer = await api.customer_login(salesperson, "same-person")  # one customer, two relations
        await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
            "u_id": salesperson["id"], "content": json.dumps({"info_type": 1, "msg": "在吗"})})
        for _ in range(2):  # only the first message back makes the pair
            await api.ok("POST", f"{Q}/chat/send_msg/0", salesperson, form={
                "customer_id": customer["id"], "content": json.dumps({"info_type": 1, "msg": "在的"})})
    company = (await api.ok("GET", f"{B}/acount_data", boss))["ret_data"]
    assert company["count_data"]["comm_num_of_customer"] == company["today_data"]["comm_num_of_customer"] == 1
    for salesperson in (seller, colleague):
        one = (await api.ok("GET", f"{B}/acount_data", boss, params={"query_user_id": salesperson["id"]}))["ret_data"]
        assert one["count_data"]["comm_num_of_customer"] == one["today_data"]["comm_num_of_customer"] == 1
    assert (await stats.rebuild(db))["different"] == []


def points(series: list[dict]) -> dict[str, int]:
    return {point["statics_date"]: point["value"] for point in series if point["value"]}


@pytest.mark.gen_test
async def test_the_line_charts_match_a_hand_count(api, scenario):
    lines = (await api.ok("GET", f"{B}/line_info", scenario["boss"]))["ret_data"]
    first = lines["index_type_1"]
    assert [len(first[k]) for k in ("nearly_seven_days", "nearly_fifteen_days", "nearly_thirty_days")] == [7, 15, 30]
    assert first["nearly_thirty_days"][-1]["statics_date"] == ago(0)
    assert first["nearly_thirty_days"][0]["statics_date"] == ago(29)
    assert points(first["nearly_thirty_days"]) == {ago(20): 1, ago(10): 1, ago(5): 1}
    assert points(first["nearly_seven_days"]) == {ago(5): 1}
    assert points(lines["index_type_2"]["nearly_seven_days"]) == {ago(1): 1, ago(0): 1}
    # Followed up: c2 yesterday; today c3 (报价) and, by the forecast notes, c1 and c2.
    assert points(lines["index_type_3"]["nearly_fifteen_days"]) == {ago(1): 1, ago(0): 3}
    assert list(lines["index_type_4"]) == ["nearly_fifteen_days"]
    assert points(lines["index_type_4"]["nearly_fifteen_days"]) == {ago(10): 1, ago(5): 1, ago(3): 1, ago(1): 1,
                                                                    ago(0): 1}
    assert lines["index_type_5"] == {"praise_num": 1, "query_product_num": 1, "forward_mingpian_num": 1,
                                     "call_phone_num": 0, "saved_phone_num": 1}
    assert lines["index_type_6"] == {"view_mingpian": "66.67", "view_product_num": "16.67",
                                     "view_website_num": "16.67"}


@pytest.mark.gen_test
async def test_no_activity_is_zero_not_a_division_by_zero(api, admin):
    lines = (await api.ok("GET", f"{B}/line_info", admin))["ret_data"]
    assert lines["index_type_6"] == {"view_mingpian": "0.00", "view_product_num": "0.00", "view_website_num": "0.00"}
    assert all(point["value"] == 0 for point in lines["index_type_1"]["nearly_thirty_days"])


def counts(rows: list[dict], key: str = "user_id") -> dict[int, int]:
    return {row[key]: row["have_customer_num"] for row in rows}


@pytest.mark.gen_test
async def test_the_rankings_and_their_drill_downs(api, scenario):
    a, b, boss, c = scenario["a"]["id"], scenario["b"]["id"], scenario["boss"], scenario["c"]
    ranking = (await api.ok("GET", f"{B}/sales_ranking_customer_num", boss))["ret_data"]
    assert [row["user_id"] for row in ranking["total_num_have_customer"]] == [a, b]  # most first
    assert counts(ranking["total_num_have_customer"]) == {a: 3, b: 2}
    assert ranking["yesterday_new_customer"] == []
    assert counts(ranking["nearly_seven_new_customer"]) == {b: 2}
    assert counts(ranking["nearly_fifteen_new_customer"]) == {a: 1, b: 2}
    assert counts(ranking["nearly_thirty_new_customer"]) == {a: 2, b: 2}

    async def detail(**form) -> set[int]:
        data = await api.ok("POST", f"{B}/query_have_customer_detail_people", boss, form=form)
        return {row["customer_id"] for row in data["ret_data"]}

    assert await detail(query_user_id=a, days=0) == {c[1]["id"], c[2]["id"], c[4]["id"]}
    assert await detail(query_user_id=a, days=7) == set()
    assert await detail(query_user_id=a, days=30) == {c[1]["id"], c[2]["id"]}
    assert await detail(query_user_id=b, days=7) == {c[3]["id"], c[1]["id"]}

    hudong = (await api.ok("GET", f"{B}/hudong_pinlv_customer_num", boss))["ret_data"]
    follow, consult = hudong["follow_num"], hudong["consult_num"]
    key = "user_customer_flowup__user_id"
    assert counts(follow["yesterday_data"], key) == {a: 1} and counts(follow["nearly_seven_data"], key) == {a: 2, b: 2}
    assert counts(consult["yesterday_data"], "userprofile_id") == {a: 1}
    assert counts(consult["nearly_seven_data"], "userprofile_id") == {a: 2}

    async def interacted(**form) -> set[int]:
        data = await api.ok("POST", f"{B}/query_hudong_have_customer_detail_people", boss, form=form)
        return {row["customer_id"] for row in data["ret_data"]}

    assert await interacted(type="chat", query_user_id=a, days=1) == {c[2]["id"]}
    assert await interacted(type="chat", query_user_id=a, days=7) == {c[2]["id"], c[1]["id"]}
    assert await interacted(type="follow", query_user_id=b, days=7) == {c[3]["id"], c[1]["id"]}

    forecast = (await api.ok("GET", f"{B}/expect_chengjiaolv_customer_num", boss))["ret_data"]
    assert {bucket: counts(rows) for bucket, rows in forecast.items()} == {
        "1_50_pr": {a: 1}, "51_80_pr": {a: 1}, "81_99_pr": {b: 1}, "100_pr": {b: 1}}
    bucket = await api.ok("POST", f"{B}/query_have_customer_detail_people", boss,
                          form={"query_user_id": a, "expedted_pr": "1_50_pr"})
    row = bucket["ret_data"][0]
    assert bucket["count"] == 1 and (row["customer_id"], row["expedted_pr"], row["customer_status"]) == (
        c[1]["id"], 30, "今天跟进")


@pytest.mark.gen_test
async def test_the_detail_pages_and_checks_its_input(api, scenario):
    boss, a = scenario["boss"], scenario["a"]["id"]
    first = await api.call("POST", f"{B}/query_have_customer_detail_people", boss,
                           params={"current_page": 1, "length": 2}, form={"query_user_id": a})
    assert first["data"]["count"] == 3 and len(first["data"]["ret_data"]) == 2
    for form, msg in (({"query_user_id": a, "days": 3}, "days: 只能是0|1|7|15|30"),
                      ({"query_user_id": a, "expedted_pr": "2_pr"}, "expedted_pr: 只能是 1_50_pr | 51_80_pr | 81_99_pr | 100_pr"),
                      ({"days": 1}, "query_user_id: 不能为空"), ({"query_user_id": 999}, "query_user_id 用户ID不存在")):
        answer = await api.post(f"{B}/query_have_customer_detail_people", boss, **form)
        assert answer["msg"] == msg
    answer = await api.post(f"{B}/query_hudong_have_customer_detail_people", boss, type="call", query_user_id=a,
                            days=7)
    assert answer["msg"] == "type: 只能是 follow | chat"


@pytest.mark.gen_test
async def test_only_admins_and_bosses_see_it(api, admin, scenario):
    for oper in ("acount_data", "line_info", "sales_ranking_customer_num", "hudong_pinlv_customer_num",
                 "expect_chengjiaolv_customer_num"):
        assert (await api.get(f"{B}/{oper}", scenario["a"]))["code"] == 404
        assert (await api.get(f"{B}/{oper}", admin))["code"] == 200
    assert (await api.post(f"{B}/query_have_customer_detail_people", scenario["a"],
                           query_user_id=scenario["a"]["id"]))["code"] == 404


@pytest.mark.gen_test
async def test_another_companys_people_are_not_found(api, db, admin, scenario):
    stranger = await db.users.find_one({"username": "wangwu"})
    answer = await api.post(f"{B}/query_have_customer_detail_people", scenario["boss"], query_user_id=stranger["_id"])
    assert answer["code"] == 302


@pytest.mark.gen_test
async def test_the_overview_and_lines_read_only_rollups(api, commands, scenario):
    with commands.recording() as seen:
        await api.ok("GET", f"{B}/acount_data", scenario["boss"])
        await api.ok("GET", f"{B}/line_info", scenario["boss"])
    touched = {command["collection"] for command in seen}
    assert touched <= {"users", "daily_stats", "company_days"} and "daily_stats" in touched


@pytest.mark.gen_test
async def test_the_charts_read_each_past_day_once_then_its_summary(api, db, commands, scenario):
    first = await api.ok("GET", f"{B}/line_info", scenario["boss"])
    # The 29 days before today sealed (the empty ones too); today stays live.
    sealed = {doc["day"]: doc async for doc in db.company_days.find({})}
    assert sorted(sealed) == [ago(n) for n in range(29, 0, -1)]
    assert (sealed[ago(10)]["new_customers"], sealed[ago(10)]["active"], sealed[ago(3)]["active"]) == (1, 1, 1)
    with commands.recording() as seen:
        again = await api.ok("GET", f"{B}/line_info", scenario["boss"])
    assert again == first
    rollup_days = [c["command"]["filter"]["day"] for c in seen if c["collection"] == "daily_stats"
                   and c["command"]["filter"]["day"] != stats.ALL_TIME and "$gte" in c["command"]["filter"]["day"]]
    assert rollup_days == [{"$lte": ago(0), "$gte": ago(0)}]  # only today's rollups
    assert [c["name"] for c in seen if c["collection"] == "company_days"] == ["find"]
    await stats.rebuild(db)  # a rewrite of the past drops the summaries; the next look makes them again
    assert await db.company_days.count_documents({}) == 0
    assert await api.ok("GET", f"{B}/line_info", scenario["boss"]) == first


@pytest.mark.gen_test
async def test_the_overview_and_rankings_read_a_sealed_day_not_its_rollups(api, db, scenario):
    boss, b = scenario["boss"], scenario["b"]["id"]
    ranges = {"since": ago(20), "until": ago(0)}
    reads = (("GET", f"{B}/acount_data", {}), ("GET", f"{B}/acount_data", ranges),
             ("GET", f"{B}/sales_ranking_customer_num", {}), ("GET", f"{B}/hudong_pinlv_customer_num", {}))
    first = [await api.ok(method, path, boss, params=params) for method, path, params in reads]
    sealed = await db.company_days.find_one({"day": ago(3)})
    assert set(sealed["u_a1"]) == {str(b)} and "u_active" not in sealed
    mine = await api.ok("GET", f"{B}/acount_data", boss, params={"query_user_id": b})
    assert mine["ret_data"]["nearly_seven_days"] != mine["ret_data"]["today_data"]
    # The past days' rollups gone, the sealed days answer as they did; a radar user's own overview
    # still reads their rollups (one per day), so its past days are gone from it.
    await db.daily_stats.delete_many({"day": {"$lt": ago(0)}})
    assert [await api.ok(method, path, boss, params=params) for method, path, params in reads] == first
    mine = await api.ok("GET", f"{B}/acount_data", boss, params={"query_user_id": b})
    assert mine["ret_data"]["nearly_seven_days"] == mine["ret_data"]["today_data"]


@pytest.mark.gen_test
async def test_just_after_midnight_yesterday_is_not_sealed_yet(api, db, scenario):
    midnight = datetime.combine(times.today(), time(0), tzinfo=times.local(times.utcnow()).tzinfo)
    times.set_clock(midnight.astimezone(UTC) + timedelta(minutes=2) - datetime.now(UTC))
    await api.ok("GET", f"{B}/line_info", scenario["boss"])
    assert await db.company_days.find_one({"day": ago(1)}) is None  # a late write may still land there
    assert await db.company_days.find_one({"day": ago(2)}) is not None


@pytest.mark.gen_test
async def test_a_day_sealed_under_a_clock_ahead_is_not_counted_twice_once_it_steps_back(api, db, scenario, clock):
    reads = (("GET", f"{B}/line_info", {}), ("GET", f"{B}/acount_data", {}))
    before = [await api.ok(method, path, scenario["boss"], params=params) for method, path, params in reads]
    today = ago(0)
    clock(-3)  # another process's clock ahead (or ours, then corrected): today gets sealed
    await api.ok("GET", f"{B}/line_info", scenario["boss"])
    assert await db.company_days.find_one({"day": today}) is not None
    clock(0)
    assert [await api.ok(method, path, scenario["boss"], params=params) for method, path, params in reads] == before
    assert await db.company_days.find_one({"day": today}) is None  # sealed again, whole, once it is due


@pytest.mark.gen_test
async def test_rebuild_stats_agrees_with_the_live_counters(api, db, scenario):
    before = await api.ok("GET", f"{B}/acount_data", scenario["boss"])
    assert (await stats.rebuild(db))["different"] == []
    assert await api.ok("GET", f"{B}/acount_data", scenario["boss"]) == before
    await db.daily_stats.update_many({}, {"$inc": {"a1": 5}})  # a counter gone wrong
    report = await stats.rebuild(db)
    assert len(report["different"]) >= 1
    assert await api.ok("GET", f"{B}/acount_data", scenario["boss"]) == before


@pytest.mark.gen_test
async def test_the_relations_a_salesperson_holds_follow_a_deleted_customer(api, db, scenario):
    a, boss, c = scenario["a"], scenario["boss"], scenario["c"]

    async def held() -> tuple[int, int]:
        ranking = (await api.ok("GET", f"{B}/sales_ranking_customer_num", boss))["ret_data"]
        book = await api.ok("GET", f"{Q}/tongxunlu", a)
        return counts(ranking["total_num_have_customer"])[a["id"]], book["data_count"]

    assert await held() == (3, 3)
    await api.ok("POST", f"{Q}/customer/delete/{c[4]['id']}", a)
    assert await held() == (2, 2)
    await stats.rebuild(db)  # (the deleted relation's past leaves the days' counters: they differ)
    assert await held() == (2, 2)


@pytest.mark.gen_test
async def test_rollups_made_before_the_all_time_ones_get_them_at_startup(api, db, scenario):
    before = await api.ok("GET", f"{B}/acount_data", scenario["boss"])
    await db.daily_stats.delete_many({"day": stats.ALL_TIME})
    await stats.ensure_all_time(db)
    assert await api.ok("GET", f"{B}/acount_data", scenario["boss"]) == before
    assert (await stats.rebuild(db))["different"] == []


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"stats_push_interval_s": 1.0}])
async def test_admins_and_bosses_are_told_when_numbers_move_at_most_once_an_interval(
        api, base_url, admin, seller, customer, settings_overrides):
    from tests.helpers import open_socket

    boss = await api.create_user(admin, "laoban", role_id=3)
    sockets = {}
    for name, who in (("boss", boss), ("admin", admin), ("seller", seller)):
        sockets[name] = await open_socket(base_url, "/zhugeleida/public/websocket/leida", who)
        await sockets[name].frame()  # 注册成功
    await api.act(customer, 4)
    for name in ("boss", "admin"):
        assert await sockets[name].frame(2) == {"code": 200, "msg": "实时推送-统计数据有更新", "type": "stats",
                                                "data": {"company_id": 1}}
    await api.act(customer, 10)
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "回访"})
    assert await sockets["boss"].nothing(0.5)  # within the interval: held back...
    assert (await sockets["boss"].frame(2))["type"] == "stats"  # ...and told once when it is over
    assert await sockets["boss"].nothing(1.3)
    frames = []
    while True:  # a salesperson's socket gets the actions, never the Boss radar's news
        try:
            frames.append(await sockets["seller"].frame(0.2))
        except TimeoutError:
            break
    assert [frame["type"] for frame in frames] == ["action_log", "action_log"]
    for socket in sockets.values():
        socket.close()


@pytest.mark.gen_test
async def test_the_forecast_ranking_counts_follow_each_forecast_and_deleted_customer(api, db, commands, scenario):
    a, b, boss, c = scenario["a"]["id"], scenario["b"]["id"], scenario["boss"], scenario["c"]

    async def ranking() -> dict:
        forecast = (await api.ok("GET", f"{B}/expect_chengjiaolv_customer_num", boss))["ret_data"]
        return {bucket: counts(rows) for bucket, rows in forecast.items()}

    assert await ranking() == {"1_50_pr": {a: 1}, "51_80_pr": {a: 1}, "81_99_pr": {b: 1}, "100_pr": {b: 1}}
    with commands.recording() as seen:
        await ranking()
    assert commands.names(seen) == ["find daily_stats", "find users"]  # the counts, never the relations
    for pr, moved in (("60", {"1_50_pr": {}, "51_80_pr": {a: 2}}), ("60", {"51_80_pr": {a: 2}}),
                      ("100%", {"51_80_pr": {a: 1}, "100_pr": {a: 1, b: 1}}), ("0", {"100_pr": {b: 1}})):
        await api.ok("POST", f"{Q}/customer/update_expected_pr/{c[1]['id']}", scenario["a"], form={"expedted_pr": pr})
        assert {bucket: rows for bucket, rows in (await ranking()).items() if bucket in moved} == moved
    await api.ok("POST", f"{Q}/customer/update_expected_pr/{c[1]['id']}", scenario["a"], form={"expedted_pr": "40"})
    answer = await ranking()
    assert (await stats.rebuild(db))["different"] == [] and await ranking() == answer
    await api.ok("POST", f"{Q}/customer/delete/{c[1]['id']}", scenario["a"])
    assert (await ranking())["1_50_pr"] == {}
    # Rollups made before the buckets were counted get them at startup, once.
    answer = await ranking()
    await db.daily_stats.update_many({"day": stats.ALL_TIME}, {"$unset": {
        stats.FORECASTS_COUNTED: "", **{f"forecast_{name}": "" for name in stats.FORECAST_BUCKETS}}})
    await stats.ensure_all_time(db)
    assert await ranking() == answer
    assert await db.daily_stats.count_documents({"day": stats.ALL_TIME, stats.FORECASTS_COUNTED: True}) == \
        await db.daily_stats.count_documents({"day": stats.ALL_TIME})
