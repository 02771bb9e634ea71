"""Customer tags: a per-company catalogue (group -> tag), copied into customers as {id, name}.

A group may be single-choice (级别 is, in the seeded catalogue): a customer carries at most one tag
of it, and every route that binds tags refuses a second one with 301 naming the field and the group.
"""

import asyncio

from pymongo.errors import DuplicateKeyError

from common.errors import exists, invalid, not_allowed, not_found
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
# A customer is one 一般客户 or one 重要客户, never both.
SINGLE_CHOICE_GROUPS = {"级别"}


async def seed_groups(db, company_id: int) -> None:
    """The default catalogue of a new company, in one insert."""
    now = utcnow()
    rows = []
    for group, names in DEFAULT_GROUPS.items():
        group_id = await next_id(db, "tags")
        rows.append({"_id": group_id, "company_id": company_id, "name": group, "parent_id": None,
                     "user_id": None, "single_choice": group in SINGLE_CHOICE_GROUPS, "create_date": now})
        rows += [{"_id": await next_id(db, "tags"), "company_id": company_id, "name": name,
                  "parent_id": group_id, "user_id": None, "create_date": now} for name in names]
    await db.tags.insert_many(rows)


async def seed_missing(db) -> None:
    """Companies made before catalogues were seeded at creation get theirs (startup, a no-op once done)."""
    seeded = set(await db.tags.distinct("company_id", {"parent_id": None}))
    async for company in db.companies.find({"_id": {"$nin": list(seeded)}}, {"_id": 1}):
        await seed_groups(db, company["_id"])


async def mark_single_choice_groups(db) -> None:
    """Catalogues seeded before groups could be single-choice get 级别 marked (start-up; a no-op once done)."""
    await db.tags.update_many({"parent_id": None, "name": {"$in": sorted(SINGLE_CHOICE_GROUPS)},
                               "single_choice": {"$exists": False}}, {"$set": {"single_choice": True}})


def _one_per_group(field: str, tags: list[dict], groups: dict[int, dict]) -> None:
    """301 when two of tags belong to the same single-choice group (groups: id -> group)."""
    chosen: dict[int, list[str]] = {}
    for tag in tags:
        if tag["parent_id"] in groups:
            chosen.setdefault(tag["parent_id"], []).append(tag["name"])
    for group_id, names in chosen.items():
        if len(names) > 1:
            raise invalid(field, f"标签组「{groups[group_id]['name']}」只能选一个标签,不能同时选 {'、'.join(names)}")


async def resolve(db, company_id: int, tag_ids: list[int], field: str = "tag_list") -> list[dict]:
    """[{id, name}] for tag ids of the company's catalogue (groups are not tags); 302 names the strays,
    301 two tags of a single-choice group. One query: the tags and the company's single-choice groups."""
    if not tag_ids:
        return []
    rows = await db.tags.find({"company_id": company_id, "$or": [
        {"_id": {"$in": tag_ids}, "parent_id": {"$ne": None}}, {"parent_id": None, "single_choice": True}]}).to_list()
    found = {t["_id"]: t for t in rows if t["parent_id"] is not None}
    missing = [str(i) for i in tag_ids if i not in found]
    if missing:
        raise not_found(f"标签ID {','.join(missing)} ")
    _one_per_group(field, [found[i] for i in tag_ids], {t["_id"]: t for t in rows if t["parent_id"] is None})
    return [{"id": i, "name": found[i]["name"]} for i in tag_ids]


async def set_single_choice(db, user: dict, group_id: int, single_choice: bool) -> None:
    """Mark a group of the company's catalogue single-choice (or not). Refused (301) while a customer
    carries two of its tags: someone must choose first."""
    group = await db.tags.find_one({"_id": group_id, "company_id": user["company_id"], "parent_id": None})
    if not group:
        raise not_found("标签组ID")
    if single_choice:
        tag_ids = [t["_id"] async for t in db.tags.find({"company_id": user["company_id"], "parent_id": group_id},
                                                        {"_id": 1})]
        both = await db.customers.find_one(
            {"company_id": user["company_id"], "tags.id": {"$in": tag_ids},
             "$expr": {"$gt": [{"$size": {"$setIntersection": ["$tags.id", tag_ids]}}, 1]}}, {"username": 1})
        if both:
            raise invalid("single_choice", f"客户「{both.get('username') or both['_id']}」同时有标签组"
                                           f"「{group['name']}」的多个标签,请先只保留一个")
    await db.tags.update_one({"_id": group_id}, {"$set": {"single_choice": single_choice}})


async def create_custom(db, user: dict, name: str, customer_ids: list[int]) -> dict:
    """A new tag in the company's 自定义 group, to be bound to customer_ids; the unique (company, name)
    index refuses a taken name. When 自定义 is single-choice, a customer who has one of its tags
    already is refused first (nothing is created)."""
    company_id = user["company_id"]
    group = await db.tags.find_one({"company_id": company_id, "parent_id": None, "name": CUSTOM_GROUP},
                                   {"_id": 1, "name": 1, "single_choice": 1})
    if not group:
        raise not_found("自定义标签组")
    if group.get("single_choice"):
        siblings = [t["_id"] async for t in db.tags.find({"company_id": company_id, "parent_id": group["_id"]},
                                                         {"_id": 1})]
        if await db.customers.find_one({"_id": {"$in": customer_ids}, "tags.id": {"$in": siblings}}, {"_id": 1}):
            raise invalid("name", f"标签组「{group['name']}」只能选一个标签,客户已有该组的标签")
    tag = {"_id": await next_id(db, "tags"), "company_id": company_id, "name": name, "parent_id": group["_id"],
           "user_id": user["_id"], "create_date": utcnow()}
    try:
        await db.tags.insert_one(tag)
    except DuplicateKeyError:
        raise exists("name", "标签名") from None
    return tag


async def bind(db, tag: dict, customer_ids: list[int]) -> None:
    """The tag onto the customers, and its id onto their relations (the address book filters by it)."""
    await asyncio.gather(
        db.customers.update_many({"_id": {"$in": customer_ids}, "tags.id": {"$ne": tag["_id"]}},
                                 {"$push": {"tags": {"id": tag["_id"], "name": tag["name"]}}}),
        db.belongers.update_many({"customer_id": {"$in": customer_ids}}, {"$addToSet": {"tag_ids": tag["_id"]}}))
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
    await asyncio.gather(
        db.customers.update_many({"company_id": user["company_id"], "tags.id": tag_id},
                                 {"$pull": {"tags": {"id": tag_id}}}),
        db.belongers.update_many({"company_id": user["company_id"], "tag_ids": tag_id}, {"$pull": {"tag_ids": tag_id}}))
    accounts.forget_company(db, "customer", user["company_id"])


async def grouped(db, company_id: int, selected: set[int]) -> list[dict]:
    """The catalogue as the seed's tag_list: [{name: group, tags: [{id, name, is_select}]}] in id order,
    each group with its id and whether it is single-choice."""
    rows = await db.tags.find({"company_id": company_id}).sort("_id", 1).to_list()
    groups = {r["_id"]: {"tags": [], "name": r["name"], "id": r["_id"], "single_choice": bool(r.get("single_choice"))}
              for r in rows if r["parent_id"] is None}
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
