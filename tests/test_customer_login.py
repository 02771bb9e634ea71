"""Customer login through the mini-program (fake WeChat) and the WeChat client's failure paths."""

import pytest

LOGIN = "/zhugeleida/xiaochengxu/login"


@pytest.mark.gen_test
async def test_login_creates_the_customer_and_the_relation(api, db, seller, fake_wechat):
    data = await api.ok("POST", LOGIN, form={"company_id": 1, "js_code": "abc", "u_id": seller["id"], "source": 2,
                                              "username": "张聪", "headimgurl": "http://img/1.jpg", "sex": 1})
    assert set(data) == {"customer_id", "token", "u_id"} and data["u_id"] == seller["id"]
    customer = await db.customers.find_one({"_id": data["customer_id"]})
    assert customer["openid"] == "openid-abc" and customer["username"] == "张聪" and customer["company_id"] == 1
    belonger = await db.belongers.find_one({"customer_id": data["customer_id"]})
    assert belonger["user_id"] == seller["id"] and belonger["source"] == 2
    assert fake_wechat.count("/sns/jscode2session") == 1


@pytest.mark.gen_test
async def test_second_login_finds_the_same_customer(api, db, seller, admin):
    first = await api.customer_login(seller, "same")
    other_seller = await api.create_user(admin, "lisi")
    second = await api.customer_login(other_seller, "same", username="新名字")
    assert second["id"] == first["id"] and second["token"] == first["token"]
    assert await db.customers.count_documents({}) == 1
    assert await db.belongers.count_documents({"customer_id": first["id"]}) == 2
    assert (await db.customers.find_one({"_id": first["id"]}))["username"] == "新名字"


@pytest.mark.gen_test
async def test_customer_token_signs_customer_calls_only(api, customer):
    assert (await api.call("POST", "/zhugeleida/xiaochengxu/action/1", customer,
                           params={"u_id": customer["u_id"]}))["code"] == 200
    assert (await api.get("/zhugeleida/qiyeweixin/tongxunlu", customer))["code"] == 404


@pytest.mark.gen_test
async def test_superior_must_be_a_customer_of_the_company(api, seller, customer):
    answer = await api.post(LOGIN, company_id=1, js_code="x2", u_id=seller["id"], source=2, superior=customer["id"])
    assert answer["code"] == 200
    assert (await api.post(LOGIN, company_id=1, js_code="x3", u_id=seller["id"], superior=999))["code"] == 302


@pytest.mark.gen_test
@pytest.mark.parametrize("form, code, msg", [
    ({"company_id": 1, "js_code": "invalid"}, 301, "js_code: 微信接口错误 40029: invalid code"),
    ({"company_id": 99, "js_code": "x"}, 302, "company_id 公司ID不存在"),
    ({"company_id": 1, "js_code": "x", "u_id": 999}, 302, "u_id 用户ID不存在"),
    ({"company_id": 1}, 303, "js_code: 不能为空"),
    ({"company_id": 1, "js_code": "x", "source": 5}, 301, "source: 只能是1|2"),
])
async def test_login_errors(api, db, seller, form, code, msg):
    answer = await api.post(LOGIN, **{"u_id": seller["id"], **form})
    assert answer == {"code": code, "msg": msg, "data": {}}
    assert await db.customers.count_documents({}) == 0


@pytest.mark.gen_test
async def test_unreachable_wechat_is_a_clear_envelope(api, db, seller, fake_wechat):
    fake_wechat.stop()
    answer = await api.post(LOGIN, company_id=1, js_code="x", u_id=seller["id"])
    assert answer["code"] == 503 and answer["msg"].startswith("微信服务暂时不可用")
    assert await db.customers.count_documents({}) == 0


@pytest.mark.gen_test(timeout=20)
async def test_slow_wechat_times_out_with_a_clear_envelope(api, seller, fake_wechat):
    fake_wechat.silent = True
    answer = await api.post(LOGIN, company_id=1, js_code="x", u_id=seller["id"])
    assert answer["code"] == 503


@pytest.mark.gen_test
async def test_company_credentials_win_and_are_not_echoed(api, admin, seller, ctx):
    await api.ok("POST", "/zhugeleida/qiyeweixin/company/update/1", admin,
                 form={"mini_appid": "wx-company", "mini_secret": "company-secret"})
    assert (await api.post(LOGIN, company_id=1, js_code="x", u_id=seller["id"]))["code"] == 200
    response = await api.raw("GET", "/zhugeleida/qiyeweixin/company", admin)
    assert b"company-secret" not in response.body


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"wechat_mini_appid": "", "wechat_mini_secret": ""}])
async def test_missing_mini_program_credentials(api, seller):
    answer = await api.post(LOGIN, company_id=1, js_code="x", u_id=seller["id"])
    assert answer["code"] == 301 and answer["msg"].startswith("mini_appid: 公司还没有配置小程序。请管理员在「管理 → 公司")
    assert answer["data"] == {"setting": "小程序", "missing": ["mini_appid", "mini_secret"], "who": "管理员",
                              "where": "管理 → 公司 → 微信设置"}
