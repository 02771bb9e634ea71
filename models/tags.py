"""Customer tags: a per-company catalogue (group -> tag), copied into customers as {id, name}."""

from models.db import next_id
from models.times import utcnow

# The seed's groups, each with the starter tags the seed's examples show.
DEFAULT_GROUPS = {
    "基本功能": ["已婚", "90后"],
    "关注点": ["在意质量", "在意服务"],
    "级别": ["一般客户", "重要客户"],
    "自定义": [],
}
CUSTOM_GROUP = "自定义"


async def seed_groups(db, company_id: int) -> None:
    if await db.tags.find_one({"company_id": company_id, "parent_id": None}, {"_id": 1}):
        return
    now = utcnow()
    for group, names in DEFAULT_GROUPS.items():
        group_id = await next_id(db, "tags")
        await db.tags.insert_one({"_id": group_id, "company_id": company_id, "name": group, "parent_id": None,
                                  "user_id": None, "create_date": now})
        for name in names:
            await db.tags.insert_one({"_id": await next_id(db, "tags"), "company_id": company_id, "name": name,
                                      "parent_id": group_id, "user_id": None, "create_date": now})
