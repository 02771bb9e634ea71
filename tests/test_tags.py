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


# ----- single-choice groups ---------------------------------------------------------------------
async def catalogue(api, who) -> dict:
    """{group name: {"id", "single_choice", "tags": {tag name: id}}}"""
    groups = (await api.ok("GET", f"{Q}/tag_list", who))["ret_data"]
    return {g["name"]: {"id": g["id"], "single_choice": g["single_choice"],
                        "tags": {t["name"]: t["id"] for t in g["tags"]}} for g in groups}


@pytest.mark.gen_test
async def test_the_level_group_is_single_choice_in_every_route_that_binds_tags(api, db, seller, customer):
    groups = await catalogue(api, seller)
    assert {name: g["single_choice"] for name, g in groups.items()} == {
        "基本功能": False, "关注点": False, "级别": True, "自定义": False}
    plain, important = groups["级别"]["tags"]["一般客户"], groups["级别"]["tags"]["重要客户"]
    married = groups["基本功能"]["tags"]["已婚"]
    msg = "tag_list: 标签组「级别」只能选一个标签,不能同时选 一般客户、重要客户"
    answer = await api.post(f"{Q}/tag_list/customer_tag/{customer['id']}", seller, tag_list=f"[{plain},{important}]")
    assert (answer["code"], answer["msg"]) == (301, msg)
    answer = await api.post(f"{Q}/customer/update_customer/{customer['id']}", seller,
                            tag_list=f"[{married},{plain},{important}]", expedted_pr="50")
    assert (answer["code"], answer["msg"]) == (301, msg)
    customer_row = await db.customers.find_one({"_id": customer["id"]})
    relation = await db.belongers.find_one({"customer_id": customer["id"]})
    assert customer_row["tags"] == [] and relation["expected_pr"] is None  # nothing half-written
    # One of the group, beside tags of other groups, is fine; choosing the other replaces it.
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller, form={"tag_list": f"[{married},{plain}]"})
    await api.ok("POST", f"{Q}/customer/update_customer/{customer['id']}", seller,
                 form={"tag_list": f"[{married},{important}]"})
    assert [t["name"] for t in (await db.customers.find_one({"_id": customer["id"]}))["tags"]] == ["已婚", "重要客户"]


@pytest.mark.gen_test
async def test_admins_mark_a_group_single_choice_once_no_customer_has_two_of_it(api, db, admin, seller, customer):
    groups = await catalogue(api, seller)
    focus = groups["关注点"]
    both = f"[{focus['tags']['在意质量']},{focus['tags']['在意服务']}]"
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller, form={"tag_list": both})
    route = f"{Q}/tag_list/single_choice/{focus['id']}"
    assert (await api.post(route, seller, single_choice="true"))["code"] == 404  # admins only
    answer = await api.post(route, admin, single_choice="true")
    assert answer["code"] == 301 and answer["msg"] == (
        "single_choice: 客户「张炬」同时有标签组「关注点」的多个标签,请先只保留一个")
    assert (await api.post(route, admin))["code"] == 303
    tag_id = groups["基本功能"]["tags"]["已婚"]
    assert (await api.post(f"{Q}/tag_list/single_choice/{tag_id}", admin, single_choice="true"))["code"] == 302
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller,
                 form={"tag_list": f"[{focus['tags']['在意质量']}]"})
    assert (await api.post(route, admin, single_choice="true"))["code"] == 200
    assert (await catalogue(api, seller))["关注点"]["single_choice"] is True
    assert (await api.post(f"{Q}/tag_list/customer_tag/{customer['id']}", seller, tag_list=both))["code"] == 301
    await api.ok("POST", route, admin, form={"single_choice": "false"})
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller, form={"tag_list": both})


@pytest.mark.gen_test
async def test_a_single_choice_custom_group_refuses_a_second_new_tag(api, db, admin, seller, customer):
    other = await api.customer_login(seller, "c2", username="张聪")
    custom = (await catalogue(api, seller))["自定义"]["id"]
    await api.ok("POST", f"{Q}/tag_list/add_tag/{customer['id']}", seller, form={"name": "爱撸串"})
    await api.ok("POST", f"{Q}/tag_list/single_choice/{custom}", admin, form={"single_choice": "true"})
    answer = await api.post(f"{Q}/tag_list/add_tag/{customer['id']}", seller, name="爱吃鱼")
    assert answer["code"] == 301 and answer["msg"] == "name: 标签组「自定义」只能选一个标签,客户已有该组的标签"
    answer = await api.post(f"{Q}/tag_customer/add/0", seller, name="爱吃鱼", customer_list=f"[{other['id']},{customer['id']}]")
    assert answer["code"] == 301
    assert await db.tags.find_one({"name": "爱吃鱼"}) is None  # nothing created
    await api.ok("POST", f"{Q}/tag_customer/add/0", seller, form={"name": "爱吃鱼", "customer_list": f"[{other['id']}]"})


@pytest.mark.gen_test
async def test_existing_catalogues_get_the_level_group_marked_at_start_up(api, db, seller):
    from models.setup import prepare_database

    await db.tags.update_many({"parent_id": None}, {"$unset": {"single_choice": ""}})
    await prepare_database(db)
    marked = {g["name"]: g.get("single_choice") async for g in db.tags.find({"parent_id": None})}
    assert marked == {"基本功能": None, "关注点": None, "级别": True, "自定义": None}
