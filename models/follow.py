"""Follow-ups: phrase library (system phrases + each user's own) and follow-up notes per customer."""

import asyncio
from datetime import date, timedelta

from common.errors import exists, not_found
from common.times import day_start, iso, today, utcnow
from models import customers, scoring, stats
from models.accounts import DEFAULT_AVATAR
from models.db import BACKGROUND, NEWEST_FIRST, find_page, next_id, page, unique

# The seed's system phrases (user_id null), ids 2..10 as the seed numbers them.
SYSTEM_LANGUAGES = {
    2: "客户查看了公司产品,有合作意向",
    3: "标记一下,客户有合作意向",
    4: "计划近期安排拜访",
    5: "意向客户,需安排拜访",
    6: "见面聊过,客户有合作意向",
    7: "曾拜访过的客户",
    8: "标记一下,需要给客户发送报价",
    9: "已发报价,待客户反馈",
    10: "已成交客户,维护好后续关系",
}
# The notes written for a changed forecast: a record, not a follow-up the radar user made.
FORECAST_RATE_NOTE = "更新预计成交率为: {}%"
FORECAST_DATE_NOTE = "更新预计成交日期: {}"


def is_forecast_note(text: str) -> bool:
    return any(text.startswith(note.split("{}")[0]) for note in (FORECAST_RATE_NOTE, FORECAST_DATE_NOTE))


async def seed(db) -> None:
    for language_id, text in SYSTEM_LANGUAGES.items():
        await db.follow_languages.update_one(
            {"_id": language_id},
            {"$setOnInsert": {"user_id": None, "company_id": None, "language": text, "create_date": utcnow()}},
            upsert=True,
        )
    await db.counters.update_one({"_id": "follow_languages"}, {"$max": {"seq": max(SYSTEM_LANGUAGES)}}, upsert=True)


async def languages(db, user: dict, skip: int, limit: int) -> list[dict]:
    """System phrases and the user's own, newest first (the seed's order)."""
    rows = await find_page(db.follow_languages, {"user_id": {"$in": [None, user["_id"]]}}, [("_id", -1)], skip, limit)
    return [{"language_id": r["_id"], "user_id": r["user_id"], "language": r["language"]} for r in rows]


async def add_language(db, user: dict, text: str) -> dict:
    """A phrase of the user's own: not one of theirs again (unique index), nor a system phrase."""
    if text in SYSTEM_LANGUAGES.values():
        raise exists("custom_language", "常用语")
    language = {"_id": await next_id(db, "follow_languages"), "user_id": user["_id"],
                "company_id": user["company_id"], "language": text, "create_date": utcnow()}
    with unique(language=("custom_language", "常用语")):
        await db.follow_languages.insert_one(language)
    return language


async def delete_language(db, user: dict, language_id: int) -> None:
    result = await db.follow_languages.delete_one({"_id": language_id, "user_id": user["_id"]})
    if not result.deleted_count:
        raise not_found("常用语ID")


NO_CHANGE = object()


async def follow_up(db, user: dict, customer_id: int, text: str, *, next_time=NO_CHANGE) -> dict:
    """The radar user's follow-up note on their customer (else 302). The relation is moved (last_follow_time,
    behaviour, the next-contact time when given) and read in one update, which is also the proof that the
    customer is theirs; then the note and the day's counters are written together. next_time: the
    next-contact time to set (None clears it); left out, a next-contact time that falls today or before is
    done by this follow-up and cleared."""
    now = utcnow()
    relation = {"last_follow_time": now}
    if next_time is not NO_CHANGE:
        relation.update(next_time_fields(next_time))
    model = await scoring.model_of(db, user["company_id"])
    before = await customers.moved_own_relation(
        db, user, customer_id, scoring.merged({"$set": relation}, scoring.recorded(model, "follow_up", 1, now)),
        {"next_follow_time": 1})
    note = await _note(db, user, customer_id, text, now)
    writes = [db.follow_infos.insert_one(note), stats.move(db, stats.follow_change(note))]
    if next_time is NO_CHANGE and _due(before):
        # Only the time this follow-up found: one set meanwhile is left for its own day.
        writes.append(db.belongers.update_one({"_id": before["_id"], "next_follow_time": before["next_follow_time"]},
                                              {"$set": next_time_fields(None)}))
    await asyncio.gather(*writes)
    return note


async def add_note(db, user: dict, belonger: dict, text: str) -> dict:
    """A note the system writes for a change the caller has just made to the relation (a forecast or its
    date): not a follow-up the radar user made, so it leaves last_follow_time and ai_pr alone; a
    next-contact time that falls today or before is done by it and cleared, as by a follow-up."""
    note = await _note(db, user, belonger["customer_id"], text, utcnow())
    writes = [db.follow_infos.insert_one(note), stats.move(db, stats.follow_change(note))]
    if _due(belonger):
        writes.append(db.belongers.update_one({"_id": belonger["_id"]}, {"$set": next_time_fields(None)}))
    await asyncio.gather(*writes)
    return note


async def _note(db, user: dict, customer_id: int, text: str, now) -> dict:
    return {"_id": await next_id(db, "follow_infos"), "user_id": user["_id"], "customer_id": customer_id,
            "company_id": user["company_id"], "follow_info": text, "create_date": now}


def _due(belonger: dict) -> bool:
    """Whether the relation's next-contact time falls today or before."""
    planned = belonger.get("next_follow_time")
    return planned is not None and planned < day_start(today() + timedelta(days=1))


# ----- next-contact times (follow-up reminders) -------------------------------------------------
def next_time_fields(when) -> dict:
    """The relation's next-contact time, and its pending reminder (remind_at, cleared once pushed)."""
    return {"next_follow_time": when, "remind_at": when}


async def set_next_time(db, user: dict, customer_id: int, when) -> None:
    """Set (or, with None, clear) the next-contact time of the user's relation with the customer; 302
    when they are not related."""
    await customers.moved_own_relation(db, user, customer_id, {"$set": next_time_fields(when)}, {"_id": 1})


async def due(db, user: dict, until: date, skip: int, limit: int):
    """今日待跟进: the user's customers whose next-contact time falls on until or before (overdue first),
    as address-book rows with `overdue` (the time has passed)."""
    query = {"user_id": user["_id"], "company_id": user["company_id"],
             "next_follow_time": {"$gte": customers.EVER, "$lt": day_start(until + timedelta(days=1))}}
    rows, total = await page(db.belongers, query, [("next_follow_time", 1), ("_id", 1)], skip, limit,
                             after=(customers.JOIN,))
    model, now = await scoring.model_of(db, user["company_id"]), utcnow()
    return [{**customers.address_book_row(user, row, row["customer"][0], model, now),
             "overdue": row["next_follow_time"] <= now}
            for row in rows if row["customer"]], total


async def take_due_reminders(db, now, limit: int) -> list[dict]:
    """Relations whose reminder is due (at most limit, earliest first), with their customer; each is
    pushed once: its remind_at is cleared (unless it was moved meanwhile)."""
    pipeline = [{"$match": {"remind_at": {"$gte": customers.EVER, "$lte": now}}}, {"$sort": {"remind_at": 1}},
                {"$limit": limit}, customers.JOIN]
    rows = await (await db.belongers.aggregate(pipeline, comment=BACKGROUND)).to_list()
    if rows:
        await db.belongers.update_many({"_id": {"$in": [row["_id"] for row in rows]}, "remind_at": {"$lte": now}},
                                       {"$set": {"remind_at": None}}, comment=BACKGROUND)
    return rows


async def next_reminder(db):
    """When the earliest pending reminder falls due (None: there is none), from the remind_at index."""
    first = await db.belongers.find_one({"remind_at": {"$gte": customers.EVER}}, {"remind_at": 1},
                                        sort=[("remind_at", 1)], comment=BACKGROUND)
    return first["remind_at"] if first else None


def reminder_item(row: dict) -> dict:
    """A due reminder as the radar socket's follow_due frame carries it."""
    customer = row["customer"][0] if row["customer"] else {"_id": row["customer_id"]}
    return {"customer_id": row["customer_id"], "customer_username": customers.display_name(customer),
            "headimgurl": customers.avatar(customer), "memo_name": row.get("memo_name") or "",
            "next_time": iso(row["next_follow_time"]) or ""}


async def notes(db, user: dict, customer: dict, skip: int, limit: int):
    query = {"user_id": user["_id"], "customer_id": customer["_id"]}
    rows, total = await page(db.follow_infos, query, NEWEST_FIRST, skip, limit)
    return [{
        "user_customer_flowup__customer__headimgurl": customer.get("headimgurl") or DEFAULT_AVATAR,
        "user_customer_flowup__user__avatar": user.get("avatar") or DEFAULT_AVATAR,
        "user_customer_flowup__user__username": user["username"],
        "user_customer_flowup__user_id": user["_id"],
        "user_customer_flowup__customer_id": customer["_id"],
        "follow_info": r["follow_info"],
        "create_date": iso(r["create_date"]),
    } for r in rows], total
