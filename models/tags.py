"""Customer tags: a per-company catalogue (group -> tag), copied into customers as {id, name}."""

from pymongo.errors import DuplicateKeyError

from common.errors import exists, not_allowed, not_found
from common.times import utcnow
from models import accounts
from models.accounts import DEFAULT_AVATAR
from models.db import next_id
from models.scope import is_admin

# The seed's groups, each with the starter tags the seed's examples show.
DEFAULT_GROUPS = {
    "基本功能": ["已婚", "90后"],
    "关注点": ["在意质量", "在意服务"],
    "级别": ["一般客户", "重要客户"],
    "自定义": [],
}
CUSTOM_GROUP = "自定义"


async def seed_groups(db, company_id: int) -> None:
    """The default catalogue of a new company, in one insert."""
    now = utcnow()
    rows = []
    for group, names in DEFAULT_GROUPS.items():
        group_id = await next_id(db, "tags")
        rows.append({"_id": group_id, "company_id": company_id, "name": group, "parent_id": None,
                     "user_id": None, "create_date": now})
        rows += [{"_id": await next_id(db, "tags"), "company_id": company_id, "name": name,
                  "parent_id": group_id, "user_id": None, "create_date": now} for name in names]
    await db.tags.insert_many(rows)


async def seed_missing(db) -> None:
    """Companies made before catalogues were seeded at creation get theirs (startup, a no-op once done)."""
    seeded = set(await db.tags.distinct("company_id", {"parent_id": None}))
    async for company in db.companies.find({"_id": {"$nin": list(seeded)}}, {"_id": 1}):
        await seed_groups(db, company["_id"])


async def resolve(db, company_id: int, tag_ids: list[int]) -> list[dict]:
    """[{id, name}] for tag ids of the company's catalogue (groups are not tags); 302 names the strays."""
    found = {t["_id"]: t async for t in db.tags.find(
        {"_id": {"$in": tag_ids}, "company_id": company_id, "parent_id": {"$ne": None}})}
    missing = [str(i) for i in tag_ids if i not in found]
    if missing:
        raise not_found(f"标签ID {','.join(missing)} ")
    return [{"id": i, "name": found[i]["name"]} for i in tag_ids]


async def create_custom(db, user: dict, name: str) -> dict:
    """A new tag in the company's 自定义 group; the unique (company, name) index refuses a taken name."""
    company_id = user["company_id"]
    group = await db.tags.find_one({"company_id": company_id, "parent_id": None, "name": CUSTOM_GROUP}, {"_id": 1})
    if not group:
        raise not_found("自定义标签组")
    tag = {"_id": await next_id(db, "tags"), "company_id": company_id, "name": name, "parent_id": group["_id"],
           "user_id": user["_id"], "create_date": utcnow()}
    try:
        await db.tags.insert_one(tag)
    except DuplicateKeyError:
        raise exists("name", "标签名") from None
    return tag


async def bind(db, tag: dict, customer_ids: list[int]) -> None:
    await db.customers.update_many(
        {"_id": {"$in": customer_ids}, "tags.id": {"$ne": tag["_id"]}},
        {"$push": {"tags": {"id": tag["_id"], "name": tag["name"]}}},
    )
    accounts.forget(db, "customer", *customer_ids)


async def delete(db, user: dict, tag_id: int) -> None:
    """Delete a tag (not a group) and pull it from every customer. The catalogue is shared by the
    company: radar users delete the tags they made, admins any."""
    tag = await db.tags.find_one({"_id": tag_id, "company_id": user["company_id"], "parent_id": {"$ne": None}})
    if not tag:
        raise not_found("标签ID")
    if tag["user_id"] != user["_id"] and not is_admin(user):
        raise not_allowed("删除该标签")
    await db.tags.delete_one({"_id": tag_id})
    await db.customers.update_many({"company_id": user["company_id"], "tags.id": tag_id},
                                   {"$pull": {"tags": {"id": tag_id}}})
    accounts.forget_company(db, "customer", user["company_id"])


async def grouped(db, company_id: int, selected: set[int]) -> list[dict]:
    """The catalogue as the seed's tag_list: [{name: group, tags: [{id, name, is_select}]}] in id order."""
    rows = await db.tags.find({"company_id": company_id}).sort("_id", 1).to_list()
    groups = {r["_id"]: {"tags": [], "name": r["name"]} for r in rows if r["parent_id"] is None}
    for row in rows:
        if row["parent_id"] in groups:
            groups[row["parent_id"]]["tags"].append({"id": row["_id"], "name": row["name"],
                                                     "is_select": row["_id"] in selected})
    return list(groups.values())


async def on_customers_of(db, user: dict) -> list[dict]:
    """Tags carried by the radar user's customers, each with those customers, most used first (the
    seed's tag_customer). One query: the user's relations (indexed), joined to their customers."""
    pipeline = [
        {"$match": {"user_id": user["_id"], "company_id": user["company_id"]}},
        {"$lookup": {"from": "customers", "localField": "customer_id", "foreignField": "_id", "as": "customer"}},
        {"$unwind": "$customer"},
        {"$unwind": "$customer.tags"},
        {"$group": {"_id": "$customer.tags.id", "name": {"$first": "$customer.tags.name"},
                    "customers": {"$push": {"id": "$customer._id", "headimgurl": "$customer.headimgurl",
                                            "name": "$customer.username"}}}},
    ]
    groups = await (await db.belongers.aggregate(pipeline)).to_list()
    rows = [{
        "id": g["_id"], "name": g["name"], "tag_id": g["_id"], "customer_num": len(g["customers"]),
        "customer_list": sorted(({"id": c["id"], "headimgurl": c.get("headimgurl") or DEFAULT_AVATAR,
                                  "name": c.get("name") or f"客户ID{c['id']}"} for c in g["customers"]),
                                key=lambda c: c["id"]),
    } for g in groups]
    rows.sort(key=lambda r: (-r["customer_num"], r["id"]))
    return rows
