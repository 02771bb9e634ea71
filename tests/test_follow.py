"""Follow-up phrases and notes."""

import pytest

from models.follow import SYSTEM_LANGUAGES

Q = "/zhugeleida/qiyeweixin"


@pytest.mark.gen_test
async def test_languages_are_system_plus_own_in_the_seed_shape(api, seller):
    added = await api.post(f"{Q}/follow_language/add/0", seller, custom_language="这个客户很犹豫")
    assert added["code"] == 200 and added["msg"] == "添加成功" and set(added["data"]) == {"language_id"}
    answer = await api.get(f"{Q}/follow_language", seller)
    assert answer["code"] == 200 and answer["data"]["ret_data"] == []
    data = answer["data"]["data_count"]
    assert data["user_id"] == str(seller["id"])
    rows = data["follow_language_data"]
    assert rows[0] == {"language_id": added["data"]["language_id"], "user_id": seller["id"], "language": "这个客户很犹豫"}
    assert [(r["language_id"], r["user_id"], r["language"]) for r in rows[1:]] == [
        (i, None, SYSTEM_LANGUAGES[i]) for i in sorted(SYSTEM_LANGUAGES, reverse=True)]
    page = (await api.ok("GET", f"{Q}/follow_language", seller, params={"length": 3, "current_page": 2}))
    assert [r["language_id"] for r in page["data_count"]["follow_language_data"]] == [8, 7, 6]


@pytest.mark.gen_test
async def test_language_rules(api, admin, seller):
    assert (await api.post(f"{Q}/follow_language/add/0", seller, custom_language="曾拜访过的客户"))["code"] == 300
    assert (await api.post(f"{Q}/follow_language/add/0", seller))["code"] == 303
    mine = (await api.ok("POST", f"{Q}/follow_language/add/0", seller, form={"custom_language": "mine"}))
    colleague = await api.create_user(admin, "colleague")
    assert (await api.post(f"{Q}/follow_language/delete/{mine['language_id']}", colleague))["code"] == 302
    assert (await api.post(f"{Q}/follow_language/delete/2", seller))["code"] == 302  # a system phrase
    assert await api.post(f"{Q}/follow_language/delete/{mine['language_id']}", seller) == {
        "code": 200, "msg": "删除成功", "data": {}}
    rows = (await api.ok("GET", f"{Q}/follow_language", colleague))["data_count"]["follow_language_data"]
    assert len(rows) == len(SYSTEM_LANGUAGES)


@pytest.mark.gen_test
async def test_follow_info_add_and_list(api, db, seller, customer):
    for text in ("第一次拜访", "发了报价"):
        answer = await api.post(f"{Q}/follow_info/add/{customer['id']}", seller, follow_info=text)
        assert answer == {"code": 200, "msg": "添加成功", "data": {}}
    answer = await api.get(f"{Q}/follow_info", seller, customer_id=customer["id"])
    assert answer["data"]["data_count"] == 2
    row = answer["data"]["ret_data"][0]
    assert row == {
        "user_customer_flowup__customer__headimgurl": "statics/imgs/setAvator.jpg",
        "user_customer_flowup__user__avatar": "statics/imgs/setAvator.jpg",
        "user_customer_flowup__user__username": "zhangcong",
        "user_customer_flowup__user_id": seller["id"],
        "user_customer_flowup__customer_id": customer["id"],
        "follow_info": "发了报价",
        "create_date": row["create_date"],
    }
    assert (await db.belongers.find_one({"customer_id": customer["id"]}))["last_follow_time"] is not None
    assert (await api.post(f"{Q}/follow_info/add/{customer['id']}", seller, follow_info="x" * 257))["code"] == 301
    assert (await api.post(f"{Q}/follow_info/add/{customer['id']}", seller))["code"] == 303
    assert (await api.post(f"{Q}/follow_info/add/999", seller, follow_info="x"))["code"] == 302
    assert (await api.get(f"{Q}/follow_info", seller, customer_id=999))["code"] == 302
