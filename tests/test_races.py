"""Check-then-act races, settled by the database: concurrent requests keep every invariant."""

import asyncio
import json

import pytest
from pymongo.errors import DuplicateKeyError

from models.db import GroupCommit, insert_refusing_each

Q = "/zhugeleida/qiyeweixin"
N = 6


async def at_once(*calls):
    return await asyncio.gather(*calls)


def codes(answers) -> list[int]:
    return sorted(answer["code"] for answer in answers)


@pytest.mark.gen_test
async def test_one_role_per_name(api, db, admin):
    answers = await at_once(*(api.post(f"{Q}/role/add/0", admin, name="销售主管") for _ in range(N)))
    assert codes(answers) == [200] + [300] * (N - 1)
    assert {a["msg"] for a in answers if a["code"] == 300} == {"name: 角色名已存在"}
    assert await db.roles.count_documents({"name": "销售主管"}) == 1


@pytest.mark.gen_test
async def test_one_product_per_name(api, db, seller):
    answers = await at_once(*(api.post(f"{Q}/product/add/0", seller, name="门票", price="1") for _ in range(N)))
    assert codes(answers) == [200] + [300] * (N - 1)
    assert await db.products.count_documents({"name": "门票"}) == 1


@pytest.mark.gen_test
async def test_one_permission_per_path(api, db, admin):
    answers = await at_once(*(api.post(f"{Q}/quanxian/add/0", admin, path="/radar", title=f"雷达{i}", order_num=1)
                              for i in range(N)))
    assert codes(answers) == [200] + [300] * (N - 1)
    assert {a["msg"] for a in answers if a["code"] == 300} == {"path: 路径已存在"}
    assert await db.permissions.count_documents({"path": "/radar"}) == 1


@pytest.mark.gen_test
async def test_one_follow_phrase_per_text(api, db, seller):
    answers = await at_once(*(api.post(f"{Q}/follow_language/add/0", seller, custom_language="明天回访")
                              for _ in range(N)))
    assert codes(answers) == [200] + [300] * (N - 1)
    assert await db.follow_languages.count_documents({"language": "明天回访"}) == 1


@pytest.mark.gen_test
async def test_one_radar_user_per_wecom_userid(api, db, admin):
    answers = await at_once(*(api.post(f"{Q}/user/add/0", admin, username=f"u{i}", password="123456", role_id=2,
                                       userid="zhangsan") for i in range(N)))
    assert codes(answers) == [200] + [300] * (N - 1)
    assert {a["msg"] for a in answers if a["code"] == 300} == {"userid: 企业微信userid已存在"}
    assert await db.users.count_documents({"wecom_userid": "zhangsan"}) == 1


@pytest.mark.gen_test
async def test_concurrent_polls_deliver_each_message_once(api, seller, customer):
    for n in range(5):
        await api.ok("POST", "/zhugeleida/xiaochengxu/chat/send_msg/0", customer,
                     form={"u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": f"m{n}"})})
    polls = await at_once(*(api.ok("GET", f"{Q}/chat/getmsg/0", seller, params={"customer_id": customer["id"]})
                            for _ in range(N)))
    delivered = [row["msg"] for rows in polls for row in rows]
    assert sorted(delivered) == [f"m{n}" for n in range(5)]


@pytest.mark.gen_test
async def test_concurrent_feed_polls_deliver_each_log_once(api, seller, customer):
    for action in (1, 2, 3, 4, 5, 6):
        await api.act(customer, action)
    polls = await at_once(*(api.ok("GET", f"{Q}/action/get_new_log", seller) for _ in range(N)))
    delivered = [row["id"] for poll in polls for row in poll["ret_data"]]
    assert sorted(delivered) == sorted(set(delivered)) and len(delivered) == 6


@pytest.mark.gen_test
async def test_inserts_at_the_same_moment_share_a_command_and_a_refused_one_fails_alone(db, commands):
    group = GroupCommit(lambda db, documents: insert_refusing_each(db.things, documents))
    await db.things.insert_one({"_id": 1})
    with commands.recording() as seen:
        outcomes = await asyncio.gather(*(group.write(db, [{"_id": n}]) for n in (2, 1, 3)), return_exceptions=True)
    assert [type(outcome).__name__ for outcome in outcomes] == ["NoneType", "DuplicateKeyError", "NoneType"]
    assert commands.names(seen) == ["insert things"]
    with commands.recording() as seen:  # alone, a write goes at once
        await group.write(db, [{"_id": 4}])
        with pytest.raises(DuplicateKeyError):
            await group.write(db, [{"_id": 4}])
    assert commands.names(seen) == ["insert things", "insert things"]
    assert sorted(document["_id"] for document in await db.things.find().to_list()) == [1, 2, 3, 4]


@pytest.mark.gen_test
async def test_a_document_refused_for_another_reason_fails_alone_too(db):
    await db.create_collection("things", validator={"n": {"$type": "int"}})
    group = GroupCommit(lambda db, documents: insert_refusing_each(db.things, documents))
    outcomes = await asyncio.gather(*(group.write(db, [{"_id": n, "n": value}]) for n, value in ((1, 1), (2, "x"), (3, 3))),
                                    return_exceptions=True)
    assert [type(outcome).__name__ for outcome in outcomes] == ["NoneType", "WriteError", "NoneType"]
    assert sorted(document["_id"] for document in await db.things.find().to_list()) == [1, 3]


@pytest.mark.gen_test
async def test_a_group_commit_cancelled_before_its_turn_leaves_the_next_writes_alone(db):
    group = GroupCommit(lambda db, documents: insert_refusing_each(db.things, documents))
    in_flight = asyncio.ensure_future(group.write(db, [{"_id": 1}]))
    await asyncio.sleep(0)
    waiting = asyncio.ensure_future(group.write(db, [{"_id": 2}]))  # the next command, waiting for its turn
    await asyncio.sleep(0)
    group.open[db.name][1].cancel()  # (as at shutdown)
    await in_flight
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await group.write(db, [{"_id": 3}])
    assert sorted(document["_id"] for document in await db.things.find().to_list()) == [1, 3]
