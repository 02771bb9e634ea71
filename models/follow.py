"""Follow-ups: phrase library (system phrases + each user's own) and follow-up notes per customer."""

import asyncio

from common.errors import exists, not_found
from common.times import iso, utcnow
from models import scoring, stats
from models.accounts import DEFAULT_AVATAR
from models.db import NEWEST_FIRST, find_page, next_id, page, unique

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


async def add_note(db, user: dict, belonger: dict, text: str, *, relation_moved: bool = False) -> dict:
    """A follow-up note; following up moves the relation's last_follow_time and behaviour (unless the
    caller's own update of the relation already moved the time: the notes written for a changed
    forecast or date, which are not a follow-up the radar user made and leave ai_pr alone)."""
    now = utcnow()
    note = {"_id": await next_id(db, "follow_infos"), "user_id": user["_id"], "customer_id": belonger["customer_id"],
            "company_id": user["company_id"], "follow_info": text, "create_date": now}
    writes = [db.follow_infos.insert_one(note), db.daily_stats.update_one(*stats.follow_change(note), upsert=True)]
    if not relation_moved:
        model = await scoring.model_of(db, user["company_id"])
        writes.append(db.belongers.update_one({"_id": belonger["_id"]}, scoring.merged(
            {"$set": {"last_follow_time": now}}, scoring.recorded(model, "follow_up", 1, now))))
    await asyncio.gather(*writes)
    return note


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
