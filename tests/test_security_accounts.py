"""Hardening of accounts: the super-admin, signatures in logs and replays, shared customers, sockets
of signed-out accounts, and who has a card."""

import logging

import pytest

from tests.helpers import open_socket, public_params

Q = "/zhugeleida/qiyeweixin"
RADAR_WS = "/zhugeleida/public/websocket/leida"
CUSTOMER_WS = "/zhugeleida/public/websocket/xiaochengxu"
ILLEGAL = {"code": 404, "msg": "非法请求", "data": {}}


@pytest.fixture
def company_admin(io_loop, api, admin):
    """An administrator of company 1 who is not the platform super-admin."""
    return io_loop.run_sync(lambda: api.create_user(admin, "manager", role_id=1))


# ----- 1. the super-admin's account -------------------------------------------------------------
@pytest.mark.gen_test
@pytest.mark.parametrize("change", [{"password": "taken-over"}, {"status": 2}, {"username": "fake"},
                                   {"role_id": 2}])
async def test_an_admin_cannot_change_the_super_admin(api, admin, company_admin, change):
    answer = await api.post(f"{Q}/user/update/{admin['id']}", company_admin, **change)
    assert answer == {"code": 302, "msg": "没有权限修改平台管理员", "data": {}}
    assert (await api.login("root", "rootpass"))["id"] == admin["id"]


@pytest.mark.gen_test
async def test_an_admin_cannot_delete_the_super_admin(api, db, admin, company_admin):
    answer = await api.post(f"{Q}/user/delete/{admin['id']}", company_admin)
    assert answer == {"code": 302, "msg": "没有权限修改平台管理员", "data": {}}
    assert await db.users.find_one({"_id": admin["id"]})


@pytest.mark.gen_test
async def test_the_super_admin_manages_its_own_account(api, admin, company_admin):
    await api.ok("POST", f"{Q}/user/update/{admin['id']}", admin, form={"password": "newroot1"})
    assert (await api.login("root", "newroot1"))["id"] == admin["id"]


@pytest.mark.gen_test
async def test_nobody_changes_their_own_role(api, company_admin):
    answer = await api.post(f"{Q}/user/update/{company_admin['id']}", company_admin, role_id=3)
    assert answer == {"code": 302, "msg": "没有权限修改自己的角色", "data": {}}


@pytest.mark.gen_test
async def test_an_admin_manages_other_admins_and_users(api, admin, company_admin):
    other = await api.create_user(company_admin, "other-admin", role_id=1)

    async def role_of_other() -> int:
        users = await api.ok("GET", f"{Q}/user", company_admin, params={"username": "other-admin"})
        return users["ret_data"][0]["role_id"]

    await api.ok("POST", f"{Q}/user/update/{other['id']}", company_admin, form={"role_id": 2})
    assert await role_of_other() == 2
    await api.ok("POST", f"{Q}/user/update/{other['id']}", company_admin, form={"role_id": 1})
    assert await role_of_other() == 1


# ----- 2. signatures: never logged, never replayed ----------------------------------------------
@pytest.mark.gen_test
async def test_logs_carry_no_signature_or_token(api, admin, caplog):
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="radar")
    caplog.set_level(logging.DEBUG, logger="tornado")
    params = public_params(admin)
    assert (await api.call("GET", f"{Q}/user", params=params))["code"] == 200
    assert (await api.call("GET", "/no/such/route", params=params))["code"] == 404
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert params["rand_str"] not in text and admin["token"] not in text and "rand_str" not in text
    access = [r.getMessage() for r in caplog.records if r.name == "radar.access"]
    assert any(line.startswith(f"200 GET {Q}/user (") and line.endswith(f"user {admin['id']}") for line in access)


@pytest.mark.gen_test
async def test_a_write_is_refused_when_replayed_exactly(api, admin):
    params = public_params(admin)
    form = {"username": "once", "password": "123456", "role_id": 2}
    assert (await api.call("POST", f"{Q}/user/add/0", params=params, form=form))["code"] == 200
    assert await api.call("POST", f"{Q}/user/add/0", params=params, form=form) == ILLEGAL
    # Reads change nothing: they may share the signature.
    assert (await api.call("GET", f"{Q}/user", params=params))["code"] == 200


# ----- 3. a customer shared by two radar users --------------------------------------------------
@pytest.fixture
def shared(io_loop, api, admin, seller, customer):
    """The customer also opened a second radar user's card: both deal with them."""
    async def make():
        colleague = await api.create_user(admin, "colleague")
        await api.customer_login(colleague, "c1")
        for who, text in ((seller, "from seller"), (colleague, "from colleague")):
            await api.ok("POST", f"{Q}/chat/send_msg/0", who,
                         form={"customer_id": customer["id"], "content": f'{{"info_type": 1, "msg": "{text}"}}'})
            await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", who, form={"follow_info": text})
        return colleague
    return io_loop.run_sync(make)


@pytest.mark.gen_test
async def test_deleting_a_shared_customer_keeps_the_colleagues_data(api, db, seller, customer, shared):
    assert (await api.post(f"{Q}/customer/delete/{customer['id']}", seller))["code"] == 200
    assert (await api.get(f"{Q}/customer", seller, customer_id=customer["id"]))["code"] == 302
    profile = await api.ok("GET", f"{Q}/customer", shared, params={"customer_id": customer["id"]})
    assert profile["ret_data"][0]["id"] == customer["id"]
    chats = await api.ok("GET", f"{Q}/chat", shared, params={"customer_id": customer["id"]})
    assert [row["msg"] for row in chats["ret_data"]] == ["from colleague"]
    notes = await api.ok("GET", f"{Q}/follow_info", shared, params={"customer_id": customer["id"]})
    assert [row["follow_info"] for row in notes["ret_data"]] == ["from colleague"]
    assert await db.chats.count_documents({"user_id": seller["id"]}) == 0
    # The customer's own session still works.
    assert (await api.get("/zhugeleida/xiaochengxu/chat/query_num/0", customer))["code"] == 200


@pytest.mark.gen_test
async def test_the_last_relation_takes_the_customer(api, db, base_url, seller, customer, shared):
    socket = await open_socket(base_url, CUSTOMER_WS, customer, u_id=shared["id"])
    await socket.frame()
    await api.ok("POST", f"{Q}/customer/delete/{customer['id']}", seller)
    await api.ok("POST", f"{Q}/customer/delete/{customer['id']}", shared)
    assert await db.customers.find_one({"_id": customer["id"]}) is None
    assert await socket.frame() == {"code": 404, "msg": "非法请求"}
    assert await socket.closed() == 1008
    assert await api.get("/zhugeleida/xiaochengxu/chat/query_num/0", customer) == ILLEGAL


@pytest.mark.gen_test
async def test_memo_name_and_forecast_are_per_radar_user(api, seller, customer, shared):
    await api.ok("POST", f"{Q}/customer/update_information/{customer['id']}", seller,
                 form={"memo_name": "老张", "company": "合众康桥"})
    await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", seller, form={"expedted_pr": "80"})
    mine = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    theirs = (await api.ok("GET", f"{Q}/customer", shared, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert (mine["memo_name"], mine["expedted_pr"]) == ("老张", "80")
    assert (theirs["memo_name"], theirs["expedted_pr"]) == ("", "")
    assert mine["company"] == theirs["company"] == "合众康桥"  # the customer's own field is shared


# ----- 4. sockets of an account that is signed out ----------------------------------------------
@pytest.mark.gen_test
async def test_deleting_a_user_closes_their_sockets(api, base_url, admin, seller):
    radar = await open_socket(base_url, RADAR_WS, seller)
    await radar.frame()
    await api.ok("POST", f"{Q}/user/delete/{seller['id']}", admin)
    assert await radar.frame() == {"code": 404, "msg": "非法请求"}
    assert await radar.closed() == 1008


# ----- 9. whose card a customer may open ---------------------------------------------------------
@pytest.mark.gen_test
async def test_hidden_phones_stay_hidden_from_customers(api, db, seller, customer):
    await db.users.update_one({"_id": seller["id"]}, {"$set": {"wechat_phone": "13900000000"}})
    await api.ok("POST", f"{Q}/mingpian/save_phone", seller, form={"mingpian_phone": "13800000000",
                                                                  "is_show_phone": "false"})
    card = (await api.ok("GET", "/zhugeleida/xiaochengxu/mingpian", customer, params={"uid": seller["id"]}))
    assert card["ret_data"][0]["mingpian_phone"] == "" and card["ret_data"][0]["wechat_phone"] == ""
    own = await api.ok("GET", f"{Q}/mingpian", seller)
    assert own["ret_data"][0]["mingpian_phone"] == "13800000000"
    await api.ok("POST", f"{Q}/mingpian/save_phone", seller, form={"mingpian_phone": "13800000000",
                                                                  "is_show_phone": "true"})
    card = (await api.ok("GET", "/zhugeleida/xiaochengxu/mingpian", customer, params={"uid": seller["id"]}))
    assert card["ret_data"][0]["mingpian_phone"] == "13800000000"


@pytest.mark.gen_test
async def test_admin_accounts_have_no_card(api, db, admin, company_admin, customer):
    for uid in (admin["id"], company_admin["id"]):
        answer = await api.get("/zhugeleida/xiaochengxu/mingpian", customer, uid=uid)
        assert answer == {"code": 302, "msg": "uid 用户ID不存在", "data": {}}
        answer = await api.call("POST", "/zhugeleida/xiaochengxu/action/1", customer, params={"u_id": uid})
        assert answer["code"] == 302
    assert await db.belongers.count_documents({"user_id": {"$in": [admin["id"], company_admin["id"]]}}) == 0
    assert await db.access_logs.count_documents({"user_id": {"$in": [admin["id"], company_admin["id"]]}}) == 0
