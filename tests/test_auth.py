"""Public-parameter authentication, password login and disabled accounts."""

import asyncio
import time
from datetime import timedelta

import pytest

from common.times import utcnow
from models import accounts, users
from models.accounts import sign
from settings import ROOT, Settings
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


LOGIN = "/zhugeleida/login"
LOCKED = {"code": 401, "msg": "登录失败次数过多,请15分钟后再试", "data": {}}


@pytest.mark.gen_test
async def test_password_guessing_is_locked_out(api, db, admin):
    for _ in range(5):
        assert (await api.post(LOGIN, username="root", password="guess"))["msg"] == "账号密码错误"
    assert await api.post(LOGIN, username="root", password="rootpass") == LOCKED
    # Once the window is over, the right password works again.
    await db.login_attempts.update_many({}, {"$set": {"expires_at": utcnow() - timedelta(seconds=1)}})
    assert (await api.post(LOGIN, username="root", password="rootpass"))["code"] == 200


@pytest.mark.gen_test
async def test_a_success_forgives_earlier_failures(api, db, admin):
    for _ in range(4):
        await api.post(LOGIN, username="root", password="guess")
    assert (await api.post(LOGIN, username="root", password="rootpass"))["code"] == 200
    assert await db.login_attempts.count_documents({}) == 0
    for _ in range(5):
        await api.post(LOGIN, username="root", password="guess")
    assert await api.post(LOGIN, username="root", password="rootpass") == LOCKED


@pytest.fixture
def password_checks(monkeypatch) -> list[str]:
    """The stored hashes the server checks passwords against, in order."""
    checks = []
    real = accounts.check_password

    async def counting(password, stored):
        checks.append(stored)
        return await real(password, stored)

    monkeypatch.setattr(accounts, "check_password", counting)
    monkeypatch.setattr(users, "check_password", counting)
    return checks


@pytest.mark.gen_test
async def test_a_burst_of_guesses_gets_five_password_checks(api, admin, password_checks):
    """Each attempt is counted before the password is looked at: of 40 parallel guesses (the right
    password among the last ones), five are checked and the rest are refused unchecked."""
    checks = password_checks
    guesses = [f"guess{i}" for i in range(39)] + ["rootpass"]
    answers = await asyncio.gather(*(api.post(LOGIN, username="root", password=p) for p in guesses))
    assert len(checks) == 5
    assert sum(a == LOCKED for a in answers) == 35
    assert answers[-1] == LOCKED


@pytest.mark.gen_test
async def test_unknown_usernames_cost_a_password_check_too(api, admin, password_checks):
    assert (await api.post(LOGIN, username="nobody", password="x"))["code"] == 401
    assert len(password_checks) == 1 and password_checks[0].startswith("scrypt$")


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"trusted_proxies": "127.0.0.1"}])
async def test_the_lockout_is_per_client_address(api, admin, settings_overrides):
    """Five guesses from one address lock that address out, not the owner elsewhere."""
    attacker = {"X-Forwarded-For": "203.0.113.9"}
    owner = {"X-Forwarded-For": "198.51.100.7"}
    for _ in range(5):
        await api.call("POST", LOGIN, form={"username": "root", "password": "guess"}, headers=attacker)
    assert await api.call("POST", LOGIN, form={"username": "root", "password": "rootpass"},
                          headers=attacker) == LOCKED
    assert (await api.call("POST", LOGIN, form={"username": "root", "password": "rootpass"},
                           headers=owner))["code"] == 200


@pytest.mark.gen_test
async def test_forwarded_addresses_are_ignored_unless_the_proxy_is_trusted(api, admin):
    for i in range(5):
        await api.call("POST", LOGIN, form={"username": "root", "password": "guess"},
                       headers={"X-Forwarded-For": f"203.0.113.{i}", "X-Real-IP": f"203.0.113.{i}"})
    assert await api.call("POST", LOGIN, form={"username": "root", "password": "rootpass"},
                          headers={"X-Forwarded-For": "198.51.100.7"}) == LOCKED


def test_production_password_cost_is_what_the_readme_says():
    assert Settings().scrypt_n == accounts.PRODUCTION_SCRYPT_N == 16384
    assert "| `SCRYPT_N` | 16384 |" in (ROOT / "README.md").read_text()


@pytest.mark.gen_test
async def test_hashes_keep_their_own_cost(db, admin):
    """Tests hash cheaply (SCRYPT_N=16); a hash made at the production cost still checks."""
    stored = (await db.users.find_one({"_id": admin["id"]}))["password"]
    assert stored.startswith("scrypt$16$")
    production = await accounts.hash_password("rootpass", accounts.PRODUCTION_SCRYPT_N)
    assert production.startswith("scrypt$16384$")
    assert await accounts.check_password("rootpass", production)
    assert not await accounts.check_password("wrong", production)
