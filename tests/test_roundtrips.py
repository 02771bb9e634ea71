"""Database round trips per request, counted with pymongo's command monitoring (a count, not a
timing: it belongs in tests). Each budget is for the steady state: the request is made once to warm
the account cache and the id blocks, then counted."""

import asyncio
import json

import pytest

from models import users
from models.accounts import AccountCache
from tests.helpers import open_socket

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"


@pytest.fixture
def busy(io_loop, api, admin, seller, customer):
    """A radar user with users around, a chatting customer, actions and follow-ups."""
    async def make():
        for name in ("u1", "u2", "u3"):
            await api.create_user(admin, name)
        for action in (1, 2, 9):
            await api.act(customer, action)
        for text in ("a", "b"):
            await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
                "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": text})})
        await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "回访"})
    io_loop.run_sync(make)


BUDGETS = [
    ("GET", f"{Q}/user", "admin", {}, None, 3),
    ("GET", f"{Q}/customer", "seller", {"customer_id": "customer"}, None, 3),
    ("GET", f"{Q}/action/time", "seller", {}, None, 3),
    ("GET", f"{Q}/contact", "seller", {}, None, 3),
    ("GET", f"{Q}/mingpian", "seller", {}, None, 2),
    ("POST", f"{X}/action/1", "customer", {"u_id": "seller"}, None, 4),
    ("POST", f"{X}/chat/send_msg/0", "customer", {}, {"u_id": "seller", "content": '{"info_type":1,"msg":"x"}'}, 3),
]


@pytest.mark.gen_test
@pytest.mark.parametrize("method, path, who, params, form, budget", BUDGETS, ids=[f"{b[0]} {b[1]}" for b in BUDGETS])
async def test_hot_routes_are_within_budget(api, commands, admin, seller, customer, busy, method, path, who, params,
                                           form, budget):
    people = {"admin": admin, "seller": seller, "customer": customer}
    resolve = {"customer": customer["id"], "seller": seller["id"]}
    params = {k: resolve.get(v, v) for k, v in params.items()}
    form = {k: resolve.get(v, v) for k, v in form.items()} if form else None
    for _ in range(2):
        with commands.recording() as seen:
            answer = await api.call(method, path, people[who], params=params,
                                    **({"form": form} if form is not None else {}))
    assert answer["code"] == 200, answer
    assert len(seen) <= budget, commands.names(seen)


@pytest.mark.gen_test
async def test_a_chat_frame_on_the_radar_socket_is_within_budget(base_url, commands, seller, customer, busy):
    radar = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
    await radar.frame()
    for text in ("warm", "counted"):
        with commands.recording() as seen:
            await radar.send({"customer_id": customer["id"], "content": {"info_type": 1, "msg": text}})
            assert (await radar.frame())["msg"] == "雷达消息-发送成功"
            await radar.frame()
    assert len(seen) <= 3, commands.names(seen)
    radar.close()


@pytest.mark.gen_test
async def test_sockets_that_connect_together_register_in_two_commands(ctx, commands, db, seller, busy):
    """After a restart every client reconnects at once: 30 radar sockets' accounts and unread counts are
    fetched in one query each, not 60."""
    others = [await users.create(db, username=f"s{i}", password=None, role_id=2, company_id=1) for i in range(29)]
    ids = [seller["id"], *(user["_id"] for user in others)]
    registrations = ctx.registrations
    with commands.recording() as seen:
        found = await asyncio.gather(*(registrations.account(db, "user", user_id) for user_id in ids),
                                     *(registrations.unread("user", user_id) for user_id in ids))
    assert commands.names(seen) == ["find users", "aggregate chats"]
    assert [account["_id"] for account in found[:30]] == ids
    assert found[30:] == [2] + [0] * 29  # the seller has the customer's two messages unread


@pytest.mark.gen_test
async def test_accounts_come_from_memory_and_our_writes_act_at_once(api, commands, db, admin, seller):
    for _ in range(2):
        with commands.recording() as seen:
            await api.ok("GET", f"{Q}/mingpian", seller)
    assert "find users" not in commands.names(seen)  # the caller came from the cache
    await api.ok("POST", f"{Q}/user/update/{seller['id']}", admin, form={"status": 2})
    assert (await api.get(f"{Q}/mingpian", seller))["code"] == 306  # the very next request


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"account_cache_ttl_s": 0.3}])
async def test_writes_from_outside_are_seen_within_the_ttl(api, db, seller, settings_overrides):
    assert (await api.get(f"{Q}/mingpian", seller))["code"] == 200
    await db.users.update_one({"_id": seller["id"]}, {"$set": {"status": 2}})  # another instance, the CLI
    await asyncio.sleep(0.4)
    assert (await api.get(f"{Q}/mingpian", seller))["code"] == 306


class FakeDb:
    name = "fake"

    def __init__(self):
        self.reads = 0

    def __getitem__(self, collection):
        return self

    async def find_one(self, query):
        self.reads += 1
        return {"_id": query["_id"], "company_id": 1}


@pytest.mark.gen_test
async def test_the_account_cache_is_bounded():
    cache, db = AccountCache(ttl_s=60, max_entries=3), FakeDb()
    for account_id in range(10):
        await cache.get(db, "user", account_id)
    assert len(cache.entries) == 3 and db.reads == 10
    await cache.get(db, "user", 9)
    assert db.reads == 10  # a hit
    await cache.get(db, "user", 0)
    assert db.reads == 11  # evicted long ago
    cache.forget_company(db, "user", 1)
    assert cache.entries == {}


@pytest.mark.parametrize("settings_overrides", [{"account_cache_ttl_s": 3600}])  # steady state, however busy
@pytest.mark.gen_test(timeout=120)
async def test_every_route_of_the_index_is_within_four_commands(api, commands, admin, seller, fake_wechat, clock,
                                                                 settings_overrides):
    from tests.test_readme import documented_forms
    from tests.world import BUDGETS, EXPECTED_CODES, WITHOUT_QUERIES, build, calls, measure

    table = calls(await build(api, admin, seller, fake_wechat, clock))
    assert {path for path in documented_forms()} - WITHOUT_QUERIES == {route.split(" ", 1)[1] for route in table}
    rows = await measure(api, commands, table)
    failed = [row[:3] for row in rows if row[2] not in (200, 302, EXPECTED_CODES.get(row[0]))]
    assert failed == []
    over = [(route, names) for route, n, _code, names in rows if n > BUDGETS.get(route, 4)]
    assert over == [], "\n".join(f"{r} {n}" for r, n in over)
