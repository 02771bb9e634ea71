"""Follow-ups: phrase library (system phrases + each user's own) and follow-up notes per customer."""

from models.times import utcnow

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


async def seed(db) -> None:
    for language_id, text in SYSTEM_LANGUAGES.items():
        await db.follow_languages.update_one(
            {"_id": language_id},
            {"$setOnInsert": {"user_id": None, "company_id": None, "language": text, "create_date": utcnow()}},
            upsert=True,
        )
    await db.counters.update_one({"_id": "follow_languages"}, {"$max": {"seq": max(SYSTEM_LANGUAGES)}}, upsert=True)
