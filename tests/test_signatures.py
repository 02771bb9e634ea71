"""Signed requests: replay memory per account (nobody can lock the others out), parallel writes that
share the seed's signature, future timestamps, and the per-account rate."""

import asyncio
import time

import pytest

from common.signatures import MAX_SHARED, SHARED_FOR_S, ReplayMemory, replay_key
from models.accounts import sign
from tests.helpers import open_socket, public_params

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
RADAR_WS = "/zhugeleida/public/websocket/leida"
ILLEGAL = {"code": 404, "msg": "非法请求", "data": {}}
NOW = 1_000_000_000_000


def signed_at(account: dict, timestamp_ms: int) -> dict:
    timestamp = str(timestamp_ms)
    return {"rand_str": sign(timestamp, account["token"]), "timestamp": timestamp, "user_id": str(account["id"])}


def text(msg: str) -> dict:
    return {"content": f'{{"info_type": 1, "msg": "{msg}"}}'}


# ----- the memory itself ------------------------------------------------------------------------
def test_one_account_filling_the_memory_costs_only_that_account():
    memory = ReplayMemory(window_s=600, max_entries=1000)
    for i in range(1500):  # each a new signature dated ahead
        memory.admit("flooder", f"f{i}", NOW + 30_000 + i, b"k", now_ms=NOW)
    assert memory.kept("flooder") <= memory.per_account == 100
    assert memory.size <= 1000
    # Everybody else: fresh signatures, timestamps of now and of a moment ago, all fine.
    for i in range(200):
        assert memory.admit(f"honest{i}", "sig", NOW - 5_000, replay_key("POST", "/a", ""), now_ms=NOW)
    # The flooder's own floor rose: its writes dated before what it forgot are refused.
    assert not memory.admit("flooder", "old", NOW, b"k", now_ms=NOW)


def test_the_overall_bound_forgets_whole_idle_accounts_and_keeps_their_floor():
    memory = ReplayMemory(window_s=600, max_entries=20, per_account=10)
    for account in range(5):
        for i in range(5):
            assert memory.admit(account, f"s{i}", NOW + account * 10 + i, b"k", now_ms=NOW)
    assert memory.size <= 20 and memory.kept(0) == 0  # the least recently active went first
    assert not memory.admit(0, "s0", NOW, b"k", now_ms=NOW)  # it may not replay what was forgotten
    assert memory.admit(0, "later", NOW + 100, b"k", now_ms=NOW + 100)  # nor is it locked out


def test_a_signature_may_be_shared_by_distinct_writes_arriving_together():
    memory = ReplayMemory(window_s=600)
    first, second = replay_key("POST", "/send", "q", b"one"), replay_key("POST", "/send", "q", b"two")
    assert memory.admit("a", "sig", NOW, first, now_ms=NOW)
    assert memory.admit("a", "sig", NOW, second, now_ms=NOW + 5)
    assert not memory.admit("a", "sig", NOW, first, now_ms=NOW + 6)  # an exact replay
    assert memory.admit("a", "sig", NOW, None, now_ms=NOW + 7)  # a read
    late = replay_key("POST", "/send", "q", b"late")
    assert not memory.admit("a", "sig", NOW, late, now_ms=NOW + SHARED_FOR_S * 1000 + 1)
    for i in range(MAX_SHARED):
        memory.admit("b", "sig", NOW, replay_key("POST", "/p", str(i)), now_ms=NOW)
    assert not memory.admit("b", "sig", NOW, replay_key("POST", "/p", "one more"), now_ms=NOW)


def test_expired_signatures_are_forgotten():
    memory = ReplayMemory(window_s=600)
    memory.admit("a", "old", NOW, b"k", now_ms=NOW)
    memory.admit("a", "new", NOW + 700_000, b"k", now_ms=NOW + 700_000)
    assert memory.kept("a") == 1 and memory.size == 1


# ----- over HTTP ----------------------------------------------------------------------------------
@pytest.fixture
def settings_overrides():
    return {"signature_memory": 1000, "signed_requests_per_s": 1e6, "signed_requests_burst": 1e6}


@pytest.mark.gen_test(timeout=60)
async def test_a_customer_flooding_future_dated_writes_locks_out_nobody(api, ctx, http_port, admin, seller,
                                                                         customer):
    """The red-team's attack at the scale of SIGNATURE_MEMORY=1000: 1,500 writes dated ahead (within
    AUTH_FUTURE_S), each with a new signature; they get past the signature check and are kept."""
    base = int(time.time() * 1000) + 30_000
    semaphore = asyncio.Semaphore(8)

    async def flood(i):
        async with semaphore:
            return await api.call("POST", f"{X}/chat/send_msg/0", params=signed_at(customer, base + i))

    answers = await asyncio.gather(*(flood(i) for i in range(1500)))
    assert {answer["code"] for answer in answers} == {303}  # past the signature: u_id is missing
    replays = ctx.signatures.replays
    assert replays.kept(("customer", customer["id"])) <= 100 and replays.size <= 1000
    # Every other account: REST reads and writes, another customer, a socket sign-in.
    assert (await api.get(f"{Q}/user", admin))["code"] == 200
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "still here"})
    other = await api.customer_login(seller, "c2", username="另一位")
    await api.ok("POST", f"{X}/chat/send_msg/0", other, form={"u_id": seller["id"], **text("hello")})
    socket = await open_socket(api.base_url, RADAR_WS, seller)
    assert (await socket.frame())["code"] == 200
    socket.close()


@pytest.mark.gen_test
async def test_timestamps_far_ahead_are_refused(api, seller):
    ahead = int(time.time() * 1000)
    assert (await api.call("GET", f"{Q}/mingpian", params=signed_at(seller, ahead + 30_000)))["code"] == 200
    assert await api.call("GET", f"{Q}/mingpian", params=signed_at(seller, ahead + 61_000)) == ILLEGAL
    assert await api.call("GET", f"{Q}/mingpian", params=signed_at(seller, ahead - 601_000)) == ILLEGAL


@pytest.mark.gen_test
async def test_parallel_writes_in_one_millisecond_all_count(api, db, seller, customer):
    """A mini-program page fires its calls at once: same timestamp, same signature, different bodies."""
    params = public_params(customer)
    answers = await asyncio.gather(*(api.call("POST", f"{X}/chat/send_msg/0", params=params,
                                              form={"u_id": seller["id"], **text(f"m{i}")}) for i in range(4)))
    assert [answer["code"] for answer in answers] == [200] * 4
    assert await db.chats.count_documents({"customer_id": customer["id"]}) == 4
    replay = await api.call("POST", f"{X}/chat/send_msg/0", params=params, form={"u_id": seller["id"], **text("m0")})
    assert replay == ILLEGAL
    assert await db.chats.count_documents({"customer_id": customer["id"]}) == 4


@pytest.mark.gen_test
async def test_a_socket_sign_in_is_not_replayed(api, seller):
    params = public_params(seller)
    first = await open_socket(api.base_url, RADAR_WS, user_id=params["user_id"], rand_str=params["rand_str"],
                              timestamp=params["timestamp"])
    assert (await first.frame())["code"] == 200
    second = await open_socket(api.base_url, RADAR_WS, user_id=params["user_id"], rand_str=params["rand_str"],
                               timestamp=params["timestamp"])
    assert await second.frame() == {"code": 404, "msg": "非法请求"}
    first.close()


class TestRate:
    @pytest.fixture
    def settings_overrides(self):
        return {"signed_requests_per_s": 0.001, "signed_requests_burst": 3}

    @pytest.mark.gen_test
    async def test_signed_requests_are_rate_limited_per_account(self, api, db, seller, customer):
        for i in range(3):
            await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={"u_id": seller["id"], **text(f"m{i}")})
        refused = await api.post(f"{X}/chat/send_msg/0", customer, u_id=seller["id"], **text("one too many"))
        assert refused == {"code": 429, "msg": "请求过于频繁,请稍后再试", "data": {}}
        assert await db.chats.count_documents({}) == 3  # nothing stored
        assert (await api.get(f"{Q}/mingpian", seller))["code"] == 200  # the others are not affected

    @pytest.mark.gen_test
    async def test_socket_frames_count_too(self, api, seller):
        socket = await open_socket(api.base_url, RADAR_WS, seller)  # 1
        assert (await socket.frame())["code"] == 200
        for _ in range(2):  # 2, 3
            await socket.send({"type": "query_num"})
            assert (await socket.frame())["code"] == 200
        await socket.send({"type": "query_num"})
        assert await socket.frame() == {"code": 429, "msg": "请求过于频繁,请稍后再试"}
        socket.close()
