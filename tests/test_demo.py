"""The demo data is real data: every radar view, the Boss charts and the propagation map show it."""

import pytest

from models import demo

Q = "/zhugeleida/qiyeweixin"
B = "/zhugeleida/boosleida/home_page"


@pytest.fixture
def made(io_loop, db):
    return io_loop.run_sync(lambda: demo.seed(db))


@pytest.mark.gen_test(timeout=60)
async def test_demo_user_sees_a_populated_radar(api, made):
    who = await api.login("demo", made["password"])
    assert (await api.ok("GET", f"{Q}/tongxunlu", who))["data_count"] >= 4 + 4  # customers and article readers
    assert (await api.ok("GET", f"{Q}/contact", who))["data_count"] >= 1
    assert (await api.ok("GET", f"{Q}/action/get_new_log", who))["data_count"] >= 10
    assert (await api.ok("GET", f"{Q}/product/product_list", who))["data_count"] == 1
    assert (await api.call("GET", f"{Q}/tag_customer", who))["data"]["ret_count"] >= 1
    assert (await api.login("demo2", made["password"]))["id"]


@pytest.mark.gen_test(timeout=60)
async def test_every_boss_chart_has_a_shape(api, made):
    boss = await api.login("demo-boss", made["password"])
    overview = (await api.ok("GET", f"{B}/acount_data", boss))["ret_data"]
    assert overview["count_data"]["customer_num"] == len(demo.CUSTOMERS) + len(demo.READERS)
    assert all(overview["nearly_thirty_days"][key] > 0 for key in ("browse_num", "follow_num", "comm_num_of_customer"))
    lines = (await api.ok("GET", f"{B}/line_info", boss))["ret_data"]
    for index in ("index_type_1", "index_type_2", "index_type_3"):
        assert sum(1 for point in lines[index]["nearly_thirty_days"] if point["value"]) >= 3, index
    assert sum(1 for point in lines["index_type_4"]["nearly_fifteen_days"] if point["value"]) >= 5
    assert float(lines["index_type_6"]["view_mingpian"]) > 0
    ranking = (await api.ok("GET", f"{B}/sales_ranking_customer_num", boss))["ret_data"]
    assert len(ranking["total_num_have_customer"]) == 2
    forecast = (await api.ok("GET", f"{B}/expect_chengjiaolv_customer_num", boss))["ret_data"]
    assert all(forecast[bucket] for bucket in ("1_50_pr", "51_80_pr", "81_99_pr", "100_pr"))


@pytest.mark.gen_test
async def test_demo_article_has_a_three_level_tree(api, made):
    who = await api.login("demo", made["password"])
    article = (await api.ok("GET", f"{Q}/article/myarticle/0", who))["ret_data"][0]
    assert (article["read_count"], article["forward_count"]) == (4, 2)
    root = await api.ok("GET", f"{Q}/article/query_customer_table_by_level/{article['id']}", who, params={"level": 0})
    assert (root["ret_data"][0]["lower_people_count"], root["ret_data"][0]["lower_level"]) == (4, 3)
