"""Customer tags: the grouped catalogue and every way to bind and unbind them."""

import pytest

Q = "/zhugeleida/qiyeweixin"


@pytest.mark.gen_test
async def test_catalogue_is_grouped_as_the_seed(api, seller, customer):
    answer = await api.get(f"{Q}/tag_list", seller)
    assert answer["code"] == 200 and answer["msg"] == "请求成功" and answer["data"]["tag_count"] == 4
    groups = answer["data"]["ret_data"]
    assert [g["name"] for g in groups] == ["基本功能", "关注点", "级别", "自定义"]
    assert [t["name"] for t in groups[0]["tags"]] == ["已婚", "90后"]
    assert set(groups[0]["tags"][0]) == {"id", "name", "is_select"}


@pytest.mark.gen_test
async def test_add_tag_binds_it_and_shows_selection(api, seller, customer):
    answer = await api.post(f"{Q}/tag_list/add_tag/{customer['id']}", seller, name="爱撸串")
    assert answer["code"] == 200 and answer["msg"] == "添加成功"
    assert (await api.post(f"{Q}/tag_list/add_tag/{customer['id']}", seller, name="爱撸串"))["code"] == 300
    assert (await api.post(f"{Q}/tag_list/add_tag/{customer['id']}", seller, name="已婚"))["code"] == 300
    groups = (await api.ok("GET", f"{Q}/tag_list", seller, params={"customer_id": customer["id"]}))["ret_data"]
    custom = groups[3]["tags"]
    assert custom == [{"id": answer["data"]["tag_id"], "name": "爱撸串", "is_select": True}]
    assert groups[0]["tags"][0]["is_select"] is False
    row = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert row["tag"] == ["爱撸串"]


@pytest.mark.gen_test
async def test_tag_customer_add_and_list(api, seller, customer):
    other = await api.customer_login(seller, "c2", username="张聪")
    answer = await api.post(f"{Q}/tag_customer/add/0", seller, name="客户不好惹",
                            customer_list=f"[{customer['id']},{other['id']}]")
    assert answer["code"] == 200
    await api.post(f"{Q}/tag_list/add_tag/{other['id']}", seller, name="大傻子客户")
    answer = await api.get(f"{Q}/tag_customer", seller)
    assert answer["code"] == 200 and answer["data"]["ret_count"] == 2
    first, second = answer["data"]["ret_data"]
    assert first["name"] == "客户不好惹" and first["tag_id"] == first["id"] and first["customer_num"] == 2
    assert first["customer_list"] == [
        {"id": customer["id"], "headimgurl": "statics/imgs/setAvator.jpg", "name": "张炬"},
        {"id": other["id"], "headimgurl": "statics/imgs/setAvator.jpg", "name": "张聪"}]
    assert second["name"] == "大傻子客户" and second["customer_num"] == 1
    assert (await api.post(f"{Q}/tag_customer/add/0", seller, name="空的", customer_list="[]"))["code"] == 303
    assert (await api.post(f"{Q}/tag_customer/add/0", seller, name="陌生", customer_list="[999]"))["code"] == 302


@pytest.mark.gen_test
async def test_customer_tag_replaces_and_delete_tag_pulls(api, db, admin, seller, customer):
    groups = (await api.ok("GET", f"{Q}/tag_list", seller))["ret_data"]
    married, quality = groups[0]["tags"][0]["id"], groups[1]["tags"][0]["id"]
    mine = (await api.ok("POST", f"{Q}/tag_list/add_tag/{customer['id']}", seller, form={"name": "爱撸串"}))["tag_id"]
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller, form={"tag_list": f"[{married}]"})
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller,
                 json_body={"tag_list": [quality, married, mine]})
    assert [t["name"] for t in (await db.customers.find_one({"_id": customer["id"]}))["tags"]] == [
        "在意质量", "已婚", "爱撸串"]
    assert await api.post(f"{Q}/tag_list/delete_tag/{mine}", seller) == {"code": 200, "msg": "删除成功",
                                                                        "data": {}}
    # The company's starter tags belong to everyone: only an admin removes them.
    assert await api.post(f"{Q}/tag_list/delete_tag/{married}", seller) == {"code": 302, "msg": "没有权限删除该标签",
                                                                           "data": {}}
    assert (await api.post(f"{Q}/tag_list/delete_tag/{married}", admin))["code"] == 200
    assert [t["name"] for t in (await db.customers.find_one({"_id": customer["id"]}))["tags"]] == ["在意质量"]
    assert (await api.post(f"{Q}/tag_list/delete_tag/{married}", seller))["code"] == 302
    assert (await api.post(f"{Q}/tag_list/delete_tag/{groups[0]['tags'][0]['id'] - 1}", seller))["code"] == 302
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller, form={"tag_list": "[]"})
    assert (await db.customers.find_one({"_id": customer["id"]}))["tags"] == []


@pytest.mark.gen_test
async def test_tags_are_per_company(api, admin, seller, customer):
    other = await api.ok("POST", f"{Q}/company/add/0", admin, form={"name": "别家"})
    stranger = await api.create_user(admin, "stranger", company_id=other["company_id"])
    mine = (await api.ok("GET", f"{Q}/tag_list", seller))["ret_data"][0]["tags"][0]["id"]
    assert (await api.post(f"{Q}/tag_list/delete_tag/{mine}", stranger))["code"] == 302
    assert (await api.post(f"{Q}/tag_list/add_tag/{customer['id']}", stranger, name="x"))["code"] == 302
    theirs = (await api.ok("GET", f"{Q}/tag_list", stranger))["ret_data"]
    assert [g["name"] for g in theirs] == ["基本功能", "关注点", "级别", "自定义"]
    assert theirs[0]["tags"][0]["id"] != mine
    assert (await api.post(f"{Q}/tag_list/customer_tag/{customer['id']}", seller,
                           tag_list=f"[{theirs[0]['tags'][0]['id']}]"))["code"] == 302
