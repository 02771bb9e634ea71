"""Follow-up reminders: a next-contact time on a relation (with a follow-up or on its own), the
今日待跟进 list, and the follow_due push when the time comes, from one timer that reads the next due
time from an index (no polling), also after a restart."""

import asyncio
from datetime import timedelta

import pytest

from common.times import from_local, iso, local, today, utcnow
from events import FollowReminders
from tests.helpers import open_socket

Q = "/zhugeleida/qiyeweixin"


def wall(moment) -> str:
    """A UTC instant as the API takes it: TIME_ZONE wall-clock time to the second."""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.gen_test
async def test_next_time_is_set_with_a_follow_up_or_alone_and_listed_when_due(api, db, seller, customer):
    other = await api.customer_login(seller, "c2", username="张聪")
    later = await api.customer_login(seller, "c3", username="李三")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller,
                 form={"follow_info": "下午再打", "next_time": wall(utcnow() - timedelta(minutes=5))})
    answer = await api.post(f"{Q}/follow_info/next_time/{other['id']}", seller, next_time=today().isoformat())
    assert answer["code"] == 200 and answer["data"]["next_time"] == iso(from_local(local(utcnow()).replace(
        hour=0, minute=0, second=0, microsecond=0, tzinfo=None)))
    await api.ok("POST", f"{Q}/follow_info/next_time/{later['id']}", seller, form={"next_time": tomorrow})
    due = await api.ok("GET", f"{Q}/follow_info/due", seller)
    assert due["data_count"] == 2
    assert [(row["customer_username"], row["overdue"]) for row in due["ret_data"]] == [("张聪", True), ("张炬", True)]
    assert due["ret_data"][0]["next_time"].startswith(today().isoformat())
    tomorrows = await api.ok("GET", f"{Q}/follow_info/due", seller, params={"until": tomorrow})
    assert [row["customer_username"] for row in tomorrows["ret_data"]][-1] == "李三"
    assert tomorrows["ret_data"][-1]["overdue"] is False
    # The address book shows it too, and so does the profile.
    book = {row["customer_username"]: row for row in (await api.ok("GET", f"{Q}/tongxunlu", seller))["ret_data"]}
    assert book["李三"]["next_time"].startswith(tomorrow) and book["张炬"]["next_time"] != ""
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": later["id"]}))["ret_data"][0]
    assert profile["next_time"] == book["李三"]["next_time"]
    # A follow-up without next_time completes a due one; one with next_time plans the next.
    await api.ok("POST", f"{Q}/follow_info/add/{other['id']}", seller, form={"follow_info": "打过了"})
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller,
                 form={"follow_info": "下周", "next_time": tomorrow + " 09:30"})
    assert (await api.ok("GET", f"{Q}/follow_info/due", seller))["data_count"] == 0
    # A future one is not done by a follow-up today; an empty next_time clears it.
    await api.ok("POST", f"{Q}/follow_info/add/{later['id']}", seller, form={"follow_info": "先聊聊"})
    assert (await db.belongers.find_one({"customer_id": later["id"]}))["next_follow_time"] is not None
    await api.ok("POST", f"{Q}/follow_info/next_time/{later['id']}", seller, form={"next_time": ""})
    relation = await db.belongers.find_one({"customer_id": later["id"]})
    assert relation["next_follow_time"] is None and relation["remind_at"] is None
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": later["id"]}))["ret_data"][0]
    assert profile["next_time"] == ""


@pytest.mark.gen_test
@pytest.mark.parametrize("form, code, msg", [
    ({}, 303, "next_time: 不能为空"),
    ({"next_time": "明天"}, 301, "next_time: 时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM"),
    ({"next_time": "3000-01-01"}, 301, "next_time: 日期应在 1900-01-01 到 2999-12-31 之间"),
])
async def test_bad_next_times_name_the_field(api, db, seller, customer, form, code, msg):
    answer = await api.post(f"{Q}/follow_info/next_time/{customer['id']}", seller, **form)
    assert (answer["code"], answer["msg"]) == (code, msg)
    answer = await api.post(f"{Q}/follow_info/add/{customer['id']}", seller, follow_info="x", next_time="明天")
    assert answer["code"] == 301 and await db.follow_infos.count_documents({}) == 0  # nothing half-written
    assert (await api.post(f"{Q}/follow_info/next_time/999", seller, next_time="2030-01-01"))["code"] == 302


@pytest.mark.gen_test(timeout=30)
async def test_a_due_time_is_pushed_on_the_radar_socket_once(api, base_url, db, commands, seller, customer):
    radar = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
    await radar.frame()  # 注册成功
    with commands.recording(background=True) as idle:
        await asyncio.sleep(1)
    assert idle == []  # nothing pending: the scheduler sleeps, it does not poll
    when = utcnow() + timedelta(seconds=1.5)
    await api.ok("POST", f"{Q}/follow_info/next_time/{customer['id']}", seller, form={"next_time": wall(when)})
    frame = await radar.frame(5)
    assert frame["type"] == "follow_due" and frame["msg"] == "跟进提醒: 有客户到了约定的跟进时间"
    assert frame["data"]["count"] == 1
    item = frame["data"]["ret_data"][0]
    assert (item["customer_id"], item["customer_username"]) == (customer["id"], "张炬")
    assert utcnow() >= when.replace(microsecond=0)
    assert await radar.nothing(1.5)  # pushed once
    assert (await api.ok("GET", f"{Q}/follow_info/due", seller))["data_count"] == 1  # still to do today
    radar.close()


@pytest.mark.gen_test(timeout=30)
async def test_reminders_survive_a_restart_by_reading_the_index(api, base_url, ctx, db, commands, seller, customer):
    from tests.test_indexes import covered

    radar = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
    await radar.frame()
    ctx.reminders.stop()  # the server goes away with a reminder set...
    when = utcnow() + timedelta(seconds=1.5)
    await api.ok("POST", f"{Q}/follow_info/next_time/{customer['id']}", seller, form={"next_time": wall(when)})
    ctx.reminders = FollowReminders(ctx)  # ...and a new process starts before it is due
    with commands.recording(background=True) as seen:
        ctx.reminders.start()
        frame = await radar.frame(5)
    assert utcnow() >= when.replace(microsecond=0)
    assert frame["type"] == "follow_due" and frame["data"]["ret_data"][0]["customer_id"] == customer["id"]
    # At start: nothing due yet, then the next due time (one indexed read); at that time the due ones.
    names = [f"{c['name']} {c['collection']}" for c in seen]
    assert names[:2] == ["aggregate belongers", "find belongers"] and names[2:4] == names[:1] + ["update belongers"]
    for command in seen[:2]:
        body = command["command"]
        query = body["pipeline"][0]["$match"] if command["name"] == "aggregate" else body["filter"]
        assert list(query) == ["remind_at"] and covered("belongers", query, ["remind_at"])
    radar.close()
