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
