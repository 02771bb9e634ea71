"""Customers and belongers (the customer <-> radar-user relation where follow-up state lives).

A radar user reaches a customer only through a belonger of their own, inside their company;
any other customer id answers 302 exactly like a missing one.

The relation is the address book's row, so it also carries what the book filters by that belongs
to the customer: `search_text` (name, memo name and phone: a substring search cannot use a B-tree
index, so it scans this text within the radar user's own relations, an indexed prefix) and
`tag_ids` (the customer's tags). Every write of those on the customer writes them here too.
"""

import asyncio
import re
from datetime import UTC, date, datetime, timedelta

from pymongo import ReturnDocument, UpdateMany, UpdateOne

from common.errors import invalid, not_found
from common.times import activity_text, day_start, follow_texts, iso, today, utcnow
from models import accounts, scoring, stats
from models import tags as tag_catalogue
from models.accounts import DEFAULT_AVATAR, new_token
from models.db import next_id, page, upsert

SOURCE_TEXT = {1: "扫码", 2: "转发", 3: "搜索", 4: "公众号文章"}
USER_TYPE_TEXT = {1: "微信公众号", 2: "微信小程序"}
MOBILE = re.compile(r"^1[3-9]\d{9}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# The seed's order names (its typo expedted_pr included) -> our fields.
ADDRESS_BOOK_ORDERS = {"customer__expedted_pr": "expected_pr", "expedted_pr": "expected_pr",
                       "last_follow_time": "last_follow_time", "last_activity_time": "last_activity_time",
                       "create_date": "create_date", "ai_pr": "ai_rank"}
# A pipeline stage: each row's customer (by customer_id) as a one-element list "customer".
JOIN = {"$lookup": {"from": "customers", "localField": "customer_id", "foreignField": "_id", "as": "customer"}}
# What hangs off one radar user's relation with a customer, and goes with it.
OWNED_BY_RELATION = ("chats", "access_logs", "follow_infos")
# Per relation (each radar user's own view of a shared customer); everything else is the customer's.
RELATION_FIELDS = ("memo_name", "expected_pr", "expected_time", "source", "customer_parent")
# The customer's fields the address book's search looks in, beside the relation's memo_name.
SEARCHED_FIELDS = ("username", "phone")
# What an article's reports show of a reader, carried on each of their article nodes as `reader` (a
# level's table lists hundreds of readers: one find, not a second one of their customers); None once
# the customer is gone.
READER_CARD = ("username", "headimgurl", "sex", "area")
# follow=: when the relation was last followed up (days are TIME_ZONE days; 7 days include today).
FOLLOW_FILTERS = ("today", "within_7_days", "over_7_days", "never")
# A lower bound on dates: a range with one never matches null (mongoeco's $lt alone does).
EVER = datetime(1970, 1, 1, tzinfo=UTC)


def search_text(customer: dict, memo_name: str | None) -> str:
    """The text search= looks in: name, memo name and phone, one per line."""
    return f"{customer.get('username') or ''}\n{memo_name or ''}\n{customer.get('phone') or ''}"


def _search_text_of_relation(customer: dict) -> list:
    """An update pipeline that recomputes search_text on each relation of the customer with its own memo."""
    return [{"$set": {"search_text": {"$concat": [f"{customer.get('username') or ''}\n",
                                                  {"$ifNull": ["$memo_name", ""]},
                                                  f"\n{customer.get('phone') or ''}"]}}}]


async def refresh_relations(db, customer: dict) -> None:
    """After the customer's name or phone changed: every relation's search text follows."""
    await db.belongers.update_many({"customer_id": customer["_id"]}, _search_text_of_relation(customer))


def reader_card(customer: dict) -> dict:
    return {field: customer[field] for field in READER_CARD if field in customer}


async def refresh_reader_cards(db, customer_id: int, card: dict | None) -> None:
    """After the customer's name, avatar, sex or area changed (or the customer went: None): their
    article nodes show it."""
    await db.article_nodes.update_many({"customer_id": customer_id}, {"$set": {"reader": card}})


async def fill_reader_cards(db) -> None:
    """Article nodes made before they carried their reader's card get it (start-up; a no-op once done)."""
    nodes_of: dict[int, list[int]] = {}
    async for node in db.article_nodes.find({"reader": {"$exists": False}}, {"customer_id": 1}):
        nodes_of.setdefault(node["customer_id"], []).append(node["_id"])
    readers = sorted(nodes_of)
    for start in range(0, len(readers), 500):
        batch = readers[start:start + 500]
        found = {c["_id"]: c async for c in db.customers.find({"_id": {"$in": batch}}, dict.fromkeys(READER_CARD, 1))}
        await db.article_nodes.bulk_write([UpdateMany(
            {"_id": {"$in": nodes_of[customer_id]}},
            {"$set": {"reader": reader_card(found[customer_id]) if customer_id in found else None}})
            for customer_id in batch])


async def fill_relation_fields(db) -> None:
    """Relations made before they carried search_text and tag_ids get them (start-up; a no-op once done)."""
    batch = []
    async for belonger in db.belongers.find({"search_text": {"$exists": False}}, {"customer_id": 1, "memo_name": 1}):
        batch.append(belonger)
        if len(batch) == 500:
            await _fill(db, batch)
            batch = []
    if batch:
        await _fill(db, batch)


async def _fill(db, relations: list[dict]) -> None:
    found = {c["_id"]: c async for c in db.customers.find(
        {"_id": {"$in": [r["customer_id"] for r in relations]}}, {"username": 1, "phone": 1, "tags": 1})}
    await db.belongers.bulk_write([UpdateOne({"_id": r["_id"]}, {"$set": {
        "search_text": search_text(found.get(r["customer_id"], {}), r.get("memo_name")),
        "tag_ids": [tag["id"] for tag in found.get(r["customer_id"], {}).get("tags", [])]}}) for r in relations])


def display_name(customer: dict | None) -> str:
    if not customer:
        return ""
    return customer.get("username") or f"客户ID{customer['_id']}"


def avatar(customer: dict | None) -> str:
    return (customer or {}).get("headimgurl") or DEFAULT_AVATAR


# ----- the customer side ------------------------------------------------------------------------
async def login(db, *, company_id: int, openid: str, user: dict, source: int, superior: int | None,
                profile: dict) -> dict:
    """Find or create the customer by (company, openid) and relate them to the radar user."""
    if superior is not None and not await db.customers.find_one({"_id": superior, "company_id": company_id}):
        raise not_found("superior 客户ID")
    key = {"company_id": company_id, "openid": openid}
    on_insert = {"_id": await next_id(db, "customers"), "token": new_token(), "user_type": 2,
                 "headimgurl": DEFAULT_AVATAR, "tags": [], "superior": superior, "create_date": utcnow()}
    update = {"$setOnInsert": {k: v for k, v in on_insert.items() if k not in profile}}
    if profile:
        update["$set"] = profile
    customer = await upsert(db.customers, key, update, on_race={"$set": profile} if profile else None)
    accounts.forget(db, "customer", customer["_id"])
    created = customer["_id"] == on_insert["_id"]
    if not created and any(field in profile for field in SEARCHED_FIELDS):
        await refresh_relations(db, customer)
    if not created and any(field in profile for field in READER_CARD):
        await refresh_reader_cards(db, customer["_id"], reader_card(customer))
    await ensure_relation(db, user, customer, source, superior, customer_is_new=created)
    return customer


async def _new_relation(db, user: dict, customer: dict, source: int, parent: int | None, now) -> dict:
    return {
        "_id": await next_id(db, "belongers"), "user_id": user["_id"], "customer_id": customer["_id"],
        "company_id": customer["company_id"], "source": source, "customer_parent": parent,
        "expected_time": None, "expected_pr": None, "last_follow_time": None, "last_activity_time": None,
        "last_chat_date": None, "praised": False, "card_views": 0, "ai_rank": 0.0, "create_date": now,
        "search_text": search_text(customer, None), "tag_ids": [tag["id"] for tag in customer.get("tags", [])],
    }


async def _count_new_relation(db, belonger: dict, first: bool | None = None) -> None:
    """The Boss radar's rollup: a new relation, and a new customer of the company if it is their
    first (asked of the database unless the caller knows)."""
    if first is None:
        first = not await db.belongers.find_one({"customer_id": belonger["customer_id"],
                                                 "company_id": belonger["company_id"],
                                                 "_id": {"$ne": belonger["_id"]}}, {"_id": 1})
    await stats.move(db, stats.relation_change(belonger, first))


async def _relate(db, key: dict, fresh: dict, first: bool | None, changes: dict | None = None) -> dict:
    """The relation matching key as it was before changes (update operators) moved it, or fresh
    inserted (and counted) when there is none, the changes applied over it: one upsert."""
    changes = changes or {}
    changed = {field for operator in changes.values() for field in operator}
    update = {"$setOnInsert": {k: v for k, v in fresh.items() if k not in changed}, **changes}
    before = await upsert(db.belongers, key, update, on_race=changes, return_document=ReturnDocument.BEFORE)
    if before is not None:
        return before
    await _count_new_relation(db, fresh, first)
    return fresh


async def ensure_relation(db, user: dict, customer: dict, source: int = 1, parent: int | None = None, *,
                          customer_is_new: bool = False) -> dict:
    """The belonger of (user, customer), created on first contact. A customer who comes back is related
    already: that is one read, not a write. (A customer's message moves its relation anyway, so it makes it
    there: customers.moved_relation from chats.send.)"""
    key = {"user_id": user["_id"], "customer_id": customer["_id"]}
    if not customer_is_new:
        known = await db.belongers.find_one(key)
        if known is not None:
            return known
    fresh = await _new_relation(db, user, customer, source, parent, utcnow())
    return await _relate(db, key, fresh, True if customer_is_new else None)


async def touch_relation(db, user: dict, customer: dict, *, source: int = 1, also: dict | None = None) -> dict:
    """The customer did something on the user's card: the relation (made on first contact) with its
    last_activity_time moved and the update operators `also` (counters, behaviour) applied, in one
    round trip. Returns the relation as it was before (its counters not yet moved)."""
    now = utcnow()
    return await moved_relation(db, user, customer, scoring.merged({"$set": {"last_activity_time": now}}, also or {}),
                                source=source, now=now)


async def moved_relation(db, user: dict, customer: dict, changes: dict, *, source: int = 1, now=None) -> dict:
    """The relation of (user, customer) as it was before `changes` (update operators) moved it, made on
    first contact with the changes applied over it: one upsert."""
    now = now or utcnow()
    return await _relate(db, {"user_id": user["_id"], "customer_id": customer["_id"]},
                         await _new_relation(db, user, customer, source, None, now), None, changes)


async def reader_login(db, *, company_id: int, openid: str, profile: dict, sharer: dict) -> dict:
    """An official-account reader (user_type 1), found by (company, openid) or created with the
    profile WeChat gave; they become the sharer's customer (source 公众号文章) unless someone of the
    company already has them: the first radar user to reach a customer keeps them."""
    key = {"company_id": company_id, "openid": openid}
    on_insert = {"_id": await next_id(db, "customers"), "token": new_token(), "user_type": 1,
                 "headimgurl": DEFAULT_AVATAR, "tags": [], "superior": None, "create_date": utcnow(), **profile}
    customer = await upsert(db.customers, key, {"$setOnInsert": on_insert})
    # Keyed by (customer, company): an existing relation with anyone of the company is kept as it is.
    fresh = await _new_relation(db, sharer, customer, 4, None, utcnow())
    await _relate(db, {"customer_id": customer["_id"], "company_id": company_id}, fresh, True)
    return customer


async def touch_activity_of(db, user: dict, customer: dict, action: int) -> None:
    """The customer did action with this radar user's article (if they are related; a reader may not
    be): their activity time and behaviour move."""
    now = utcnow()
    model = await scoring.model_of(db, customer["company_id"])
    await db.belongers.update_one({"user_id": user["_id"], "customer_id": customer["_id"]}, scoring.merged(
        {"$set": {"last_activity_time": now}}, scoring.recorded(model, scoring.ACTION_FEATURES[action], 1, now)))


# ----- the radar side ---------------------------------------------------------------------------
async def own_customer(db, user: dict, customer_id: int) -> tuple[dict, dict]:
    """(customer, belonger) when the customer is related to this radar user, else 302."""
    belonger = await db.belongers.find_one({"user_id": user["_id"], "customer_id": customer_id,
                                            "company_id": user["company_id"]})
    customer = await accounts.load(db, "customer", customer_id) if belonger else None
    if not customer:
        raise not_found("客户ID")
    return customer, belonger


async def moved_own_relation(db, user: dict, customer_id: int, update: dict, projection=None) -> dict:
    """The radar user's relation with the customer as it was before `update` moved it, in one round trip
    that is also the proof the customer is theirs: else 302, nothing written."""
    before = await db.belongers.find_one_and_update(
        {"user_id": user["_id"], "customer_id": customer_id, "company_id": user["company_id"]}, update, projection)
    if before is None:
        raise not_found("客户ID")
    return before


async def company_customer(db, user: dict, customer_id: int) -> dict:
    """The customer of this id in the radar user's company (the account cache), else 302: for a write
    that proves the relation itself (chats.send on the radar side)."""
    customer = await accounts.load(db, "customer", customer_id)
    if not customer or customer["company_id"] != user["company_id"]:
        raise not_found("客户ID")
    return customer


async def own_customers(db, user: dict, customer_ids: list[int]) -> list[int]:
    if not customer_ids:
        return []
    found = {b["customer_id"] async for b in db.belongers.find(
        {"user_id": user["_id"], "customer_id": {"$in": customer_ids}}, {"customer_id": 1})}
    missing = [str(i) for i in customer_ids if i not in found]
    if missing:
        raise not_found(f"客户ID {','.join(missing)} ")
    return customer_ids


async def profile(db, user: dict, customer_id: int) -> dict:
    customer, belonger = await own_customer(db, user, customer_id)
    parent_id = belonger.get("customer_parent") or customer.get("superior")
    parent = await db.customers.find_one({"_id": parent_id}) if parent_id else None
    pr = belonger.get("expected_pr")
    model, now = await scoring.model_of(db, user["company_id"]), utcnow()
    # The seed prints these as strings: unset, they are "".
    return {
        "id": customer["_id"],
        "username": display_name(customer),
        "headimgurl": avatar(customer),
        "expected_time": belonger.get("expected_time") or "",
        "expedted_pr": "" if pr is None else str(pr),
        "ai_pr": str(scoring.ai_pr(model, belonger, now)),
        "ai_pr_reasons": scoring.reasons(model, belonger, now),
        "outcome": belonger.get("outcome", "open"),
        "next_time": iso(belonger.get("next_follow_time")) or "",
        "superior": display_name(parent),
        "source": SOURCE_TEXT.get(belonger.get("source"), ""),
        "memo_name": belonger.get("memo_name") or customer.get("memo_name") or "",
        "sex": customer.get("sex"),
        "phone": customer.get("phone", ""),
        "email": customer.get("email", ""),
        "company": customer.get("company", ""),
        "position": customer.get("position", ""),
        "address": customer.get("address", ""),
        "birthday": customer.get("birthday", ""),
        "mem": customer.get("mem", ""),
        "tag": [tag["name"] for tag in customer.get("tags", [])],
    }


def check_information(fields: dict) -> dict:
    phone, email = fields.get("phone"), fields.get("email")
    if phone and not MOBILE.match(phone):
        raise invalid("phone", "手机号码格式错误")
    if email and not EMAIL.match(email):
        raise invalid("email", "邮箱格式错误")
    return fields


async def update_information(db, user: dict, customer_id: int, fields: dict, source: int | None,
                             superior: int | None) -> None:
    """The memo name, source and referrer are this radar user's own (RELATION_FIELDS); the other
    fields are the customer's, seen by every radar user the customer deals with."""
    customer, belonger = await own_customer(db, user, customer_id)
    check_information(fields)
    if superior is not None and (superior == customer_id or not await db.customers.find_one(
            {"_id": superior, "company_id": customer["company_id"]})):
        raise not_found("superior 客户ID")
    relation = {field: fields.pop(field) for field in RELATION_FIELDS if field in fields}
    if source is not None:
        relation["source"] = source
    if superior is not None:
        relation["customer_parent"] = superior
    if fields:
        await db.customers.update_one({"_id": customer_id}, {"$set": fields})
        accounts.forget(db, "customer", customer_id)
    renamed = any(field in fields for field in SEARCHED_FIELDS)
    if "memo_name" in relation and not renamed:
        relation["search_text"] = search_text(customer, relation["memo_name"])
    if relation:
        await db.belongers.update_one({"_id": belonger["_id"]}, {"$set": relation})
    if renamed:  # every relation of the customer searches the new name or phone (and this one its new memo)
        await refresh_relations(db, {**customer, **fields})
    if any(field in fields for field in READER_CARD):
        await refresh_reader_cards(db, customer_id, reader_card({**customer, **fields}))


def parse_pr(value: str) -> int:
    """'80' or '80%' -> 80, within 0..100."""
    text = str(value).strip().rstrip("%").strip()
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise invalid("expedted_pr", "成交概率应为0到100之间的整数,可带%")
    return int(text)


async def update_deal(db, user: dict, customer_id: int, *, tag_ids=None, expected_pr=None,
                      expected_time=None) -> dict:
    """customer/update_customer: tags, expected probability and date in one go, validated before
    anything is written. The relation's update is its ownership check; the relation is returned."""
    tags = await tag_catalogue.resolve(db, user["company_id"], tag_ids) if tag_ids is not None else None
    relation = {}
    if expected_pr is not None:
        relation["expected_pr"] = expected_pr
    if expected_time is not None:
        relation["expected_time"] = expected_time.isoformat()
    mine = {"user_id": user["_id"], "customer_id": customer_id, "company_id": user["company_id"]}
    if relation:
        relation["last_follow_time"] = utcnow()
        belonger = await db.belongers.find_one_and_update(mine, {"$set": relation})
    else:
        belonger = await db.belongers.find_one(mine)
    if not belonger:
        raise not_found("客户ID")
    if expected_pr is not None:
        await stats.forecast_moved(db, user["company_id"], user["_id"], belonger.get("expected_pr"), expected_pr)
    if tags is not None:
        await asyncio.gather(
            db.customers.update_one({"_id": customer_id}, {"$set": {"tags": tags}}),
            db.belongers.update_many({"customer_id": customer_id}, {"$set": {"tag_ids": [t["id"] for t in tags]}}))
        accounts.forget(db, "customer", customer_id)
    return belonger


async def delete(db, user: dict, customer_id: int) -> bool:
    """End this radar user's relation with the customer, with its chats, logs and follow-ups.
    The customer goes only with their last relation: True then (their token is dead)."""
    mine = {"user_id": user["_id"], "customer_id": customer_id, "company_id": user["company_id"]}
    gone = await db.belongers.find_one_and_delete(mine, {"_id": 1, "expected_pr": 1})
    if not gone:
        raise not_found("客户ID")
    # One delete per collection that holds the relation's rows, sent together, its feed counts and the
    # relation counter.
    await asyncio.gather(*(db[collection].delete_many({"user_id": user["_id"], "customer_id": customer_id})
                           for collection in OWNED_BY_RELATION), stats.forget_counts(db, user["_id"], customer_id),
                         stats.relation_deleted(db, user["company_id"], user["_id"], gone.get("expected_pr")))
    if await db.belongers.find_one({"customer_id": customer_id}, {"_id": 1}):
        return False
    await asyncio.gather(db.customers.delete_one({"_id": customer_id}), refresh_reader_cards(db, customer_id, None))
    accounts.forget(db, "customer", customer_id)
    return True


def address_book_sort(order: str | None) -> list:
    order = order or "-customer__expedted_pr"
    field = ADDRESS_BOOK_ORDERS.get(order.lstrip("-"))
    if field is None:
        raise invalid("order", f"只能是 {' | '.join(k for k in ADDRESS_BOOK_ORDERS)} (可加-表示倒序)")
    return [(field, -1 if order.startswith("-") else 1), ("_id", -1)]


def search_filter(search: str) -> dict:
    """search= as a case-insensitive substring of the relation's search_text."""
    return {"search_text": {"$regex": re.escape(search), "$options": "i"}}


def relation_query(owner: dict, *, search: str | None = None, tag_ids: list[int] | None = None,
                   sources: list[int] | None = None, pr_min: int | None = None, pr_max: int | None = None,
                   follow: str | None = None, since: date | None = None, until: date | None = None) -> dict:
    """The address book's filter over one radar user's relations: every condition sits behind the
    indexed (user_id, ...) prefix, so no filter reads beyond that user's own relations."""
    query = {"user_id": owner["_id"], "company_id": owner["company_id"]}
    if search:
        query.update(search_filter(search))
    if tag_ids:
        query["tag_ids"] = {"$in": tag_ids}
    if sources:
        query["source"] = sources[0] if len(sources) == 1 else {"$in": sources}
    if pr_min is not None or pr_max is not None:  # both bounds: no forecast (null) is in no range
        query["expected_pr"] = {"$gte": 0 if pr_min is None else pr_min, "$lte": 100 if pr_max is None else pr_max}
    if follow == "never":
        query["last_follow_time"] = None
    elif follow:
        week_start = day_start(today() - timedelta(days=6))
        query["last_follow_time"] = {"today": {"$gte": day_start(today())}, "within_7_days": {"$gte": week_start},
                                     "over_7_days": {"$gte": EVER, "$lt": week_start}}[follow]
    if since or until:
        query["create_date"] = {**({"$gte": day_start(since)} if since else {}),
                                **({"$lt": day_start(until + timedelta(days=1))} if until else {})}
    return query


def address_book_row(owner: dict, belonger: dict, customer: dict, model: dict, now) -> dict:
    """model, now: the company's AI 成交率 model (scoring.model_of) and the time it scores at."""
    follow_time, follow_status = follow_texts(belonger.get("last_follow_time"))
    return {
        "customer_id": customer["_id"],
        "customer_username": display_name(customer),
        "headimgurl": avatar(customer),
        "expected_time": belonger.get("expected_time") or "",
        "expedted_pr": None if belonger.get("expected_pr") is None else str(belonger["expected_pr"]),
        "ai_pr": str(scoring.ai_pr(model, belonger, now)),
        "belonger": owner["username"],
        "source": belonger.get("source"),
        "source_text": SOURCE_TEXT.get(belonger.get("source"), ""),
        "customer_source": customer.get("user_type"),
        "customer_source_text": USER_TYPE_TEXT.get(customer.get("user_type"), ""),
        "last_follow_time": follow_time,
        "last_activity_time": activity_text(belonger.get("last_activity_time")),
        "follow_status": follow_status,
        "memo_name": belonger.get("memo_name") or "",
        "phone": customer.get("phone", ""),
        "tag": [tag["name"] for tag in customer.get("tags", [])],
        "next_time": iso(belonger.get("next_follow_time")) or "",
    }


async def address_book(db, owner: dict, *, filters: dict, order: str | None, skip: int, limit: int):
    """One page of a radar user's address book (owner: whose relations) and the total (of the whole
    book, the count of relations the radar user holds)."""
    query, sort = relation_query(owner, **filters), address_book_sort(order)
    held = None if any(value not in (None, [], "") for value in filters.values()) else stats.customers_held(
        db, owner["company_id"], owner["_id"])
    rows, total = await page(db.belongers, query, sort, skip, limit, after=(JOIN,), total=held)
    model, now = await scoring.model_of(db, owner["company_id"]), utcnow()
    return [address_book_row(owner, belonger, belonger["customer"][0], model, now) for belonger in rows
            if belonger["customer"]], total


async def matching_customer_ids(db, user: dict, search: str) -> list[int]:
    """The ids of the radar user's customers whose name, memo name or phone contains search."""
    query = {"user_id": user["_id"], "company_id": user["company_id"], **search_filter(search)}
    return [b["customer_id"] async for b in db.belongers.find(query, {"customer_id": 1})]
