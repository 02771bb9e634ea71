"""Public-parameter authentication, password login and disabled accounts."""

import time
from datetime import timedelta

import pytest

from models.accounts import sign
from models.times import utcnow
from tests.helpers import public_params

USERS = "/zhugeleida/qiyeweixin/user"
ILLEGAL = {"code": 404, "msg": "非法请求", "data": {}}


@pytest.mark.gen_test
async def test_login_returns_the_session(api, admin):
    data = await api.ok("POST", "/zhugeleida/login", form={"username": "root", "password": "rootpass"})
    assert set(data) >= {"user_id", "token", "username", "role_id", "role_name", "company_id", "company_name",
                         "avatar", "last_login_date"}
    assert data["user_id"] == admin["id"] and data["token"] == admin["token"]
    assert data["role_id"] == 1 and data["role_name"] == "管理员"
    assert data["company_id"] == 1 and data["company_name"] == "合众康桥"
    assert data["avatar"] == "statics/imgs/setAvator.jpg"


@pytest.mark.gen_test
async def test_login_accepts_json(api, admin):
    answer = await api.call("POST", "/zhugeleida/login", json_body={"username": "root", "password": "rootpass"})
    assert answer["code"] == 200


@pytest.mark.gen_test
@pytest.mark.parametrize("form", [{"username": "root", "password": "wrong"}, {"username": "nobody", "password": "x"}])
async def test_wrong_credentials_are_401(api, admin, form):
    assert await api.post("/zhugeleida/login", **form) == {"code": 401, "msg": "账号密码错误", "data": {}}


@pytest.mark.gen_test
async def test_login_needs_both_fields(api):
    assert await api.post("/zhugeleida/login", username="root") == {"code": 303, "msg": "password: 不能为空",
                                                                     "data": {}}


@pytest.mark.gen_test
async def test_passwords_are_salted_scrypt(db, admin):
    user = await db.users.find_one({"_id": admin["id"]})
    assert user["password"].startswith("scrypt$") and "rootpass" not in user["password"]


@pytest.mark.gen_test
async def test_signed_call_passes(api, admin):
    assert (await api.get(USERS, admin))["code"] == 200


def _params(admin, **change):
    params = public_params(admin)
    params.update(change)
    return params


@pytest.mark.gen_test
@pytest.mark.parametrize("case", ["bad_rand_str", "stale", "future", "unknown_user", "no_params", "garbage_id",
                                  "huge_id"])
async def test_auth_failures_all_answer_404(api, admin, case):
    now = int(time.time() * 1000)
    old = str(now - 11 * 60 * 1000)
    future = str(now + 11 * 60 * 1000)
    params = {
        "bad_rand_str": _params(admin, rand_str="0" * 32),
        "stale": _params(admin, timestamp=old, rand_str=sign(old, admin["token"])),
        "future": _params(admin, timestamp=future, rand_str=sign(future, admin["token"])),
        "unknown_user": _params(admin, user_id="999"),
        "no_params": {},
        "garbage_id": _params(admin, user_id="1 or 1=1"),
        "huge_id": _params(admin, user_id="9" * 25),
    }[case]
    assert await api.call("GET", USERS, params=params) == ILLEGAL


@pytest.mark.gen_test
async def test_disabled_user_gets_306_at_login_and_on_every_call(api, admin):
    user = await api.create_user(admin, "zhangsan")
    await api.ok("POST", f"{USERS}/update/{user['id']}", admin, form={"status": 2})
    assert await api.post("/zhugeleida/login", username="zhangsan", password="secret1") == {
        "code": 306, "msg": "账户未启用", "data": {}}
    assert (await api.get("/zhugeleida/qiyeweixin/role", user))["code"] == 306
    await api.ok("POST", f"{USERS}/update/{user['id']}", admin, form={"status": 1})
    assert (await api.login("zhangsan", "secret1"))["id"] == user["id"]


@pytest.mark.gen_test
async def test_password_change_rotates_the_token(api, admin):
    user = await api.create_user(admin, "lisi", role_id=1)
    assert (await api.get(USERS, user))["code"] == 200
    await api.ok("POST", f"{USERS}/update/{user['id']}", admin, form={"password": "newpass"})
    assert await api.get(USERS, user) == ILLEGAL
    fresh = await api.login("lisi", "newpass")
    assert fresh["token"] != user["token"]
    assert (await api.get(USERS, fresh))["code"] == 200


@pytest.mark.gen_test
async def test_plain_users_cannot_manage_users(api, admin):
    user = await api.create_user(admin, "wangwu")
    assert await api.get(USERS, user) == {"code": 404, "msg": "非法请求: 没有权限", "data": {}}
    assert (await api.post(f"{USERS}/add/0", user, username="x", password="y", role_id=2))["code"] == 404


@pytest.mark.gen_test
async def test_password_guessing_is_locked_out(api, db, admin):
    for _ in range(5):
        assert (await api.post("/zhugeleida/login", username="root", password="guess"))["msg"] == "账号密码错误"
    locked = await api.post("/zhugeleida/login", username="root", password="rootpass")
    assert locked == {"code": 401, "msg": "登录失败次数过多,请15分钟后再试", "data": {}}
    # Once the failures are older than the window, the right password works again.
    long_ago = utcnow() - timedelta(minutes=16)
    await db.users.update_one({"_id": admin["id"]}, {"$set": {"failed_logins": [long_ago] * 5}})
    assert (await api.post("/zhugeleida/login", username="root", password="rootpass"))["code"] == 200


@pytest.mark.gen_test
async def test_a_success_forgives_earlier_failures(api, db, admin):
    for _ in range(4):
        await api.post("/zhugeleida/login", username="root", password="guess")
    assert (await api.post("/zhugeleida/login", username="root", password="rootpass"))["code"] == 200
    assert (await db.users.find_one({"_id": admin["id"]}))["failed_logins"] == []
