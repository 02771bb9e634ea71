"""The demo data is real data: every radar view shows it."""

import pytest

from models import demo

Q = "/zhugeleida/qiyeweixin"


@pytest.mark.gen_test
async def test_demo_user_sees_a_populated_radar(api, db):
    made = await demo.seed(db)
    who = await api.login("demo", made["password"])
    assert (await api.ok("GET", f"{Q}/tongxunlu", who))["data_count"] == 3 + 4  # and the article's readers
    assert (await api.ok("GET", f"{Q}/contact", who))["unread_msg_num"] == 3
    assert (await api.ok("GET", f"{Q}/action/get_new_log", who))["data_count"] == 9 + 4 + 2
    assert (await api.ok("GET", f"{Q}/product/product_list", who))["data_count"] == 1
    assert (await api.call("GET", "/zhugeleida/qiyeweixin/tag_customer", who))["data"]["ret_count"] == 3


@pytest.mark.gen_test
async def test_demo_article_has_a_three_level_tree(api, db):
    made = await demo.seed(db)
    who = await api.login("demo", made["password"])
    article = (await api.ok("GET", f"{Q}/article/myarticle/0", who))["ret_data"][0]
    assert (article["read_count"], article["forward_count"]) == (4, 2)
    root = await api.ok("GET", f"{Q}/article/query_customer_table_by_level/{article['id']}", who, params={"level": 0})
    assert (root["ret_data"][0]["lower_people_count"], root["ret_data"][0]["lower_level"]) == (4, 3)
