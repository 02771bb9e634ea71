"""Articles and their forward tree (文章脉络图).

A radar user (uid) shares an article; each reader who opens a share link becomes a node of uid's
tree for that article, under the customer whose link they opened (pid). A reader keeps the first
place they entered the tree, so the tree has no cycles. A node carries `level` and `path` (its
ancestors' customer ids, root first: the "array of ancestors" pattern) and counters kept up to
date as readers arrive: reads, stay time, forwards, `lower_people_count` (its subtree's size),
`deepest` (the deepest level below it) and `child_count`. A summary per (article, uid) holds the
tree's totals. So every report is a fixed number of indexed queries, whatever the tree's size.
"""

import asyncio
import re
from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.errors import check_url, invalid, not_allowed, not_found
from common.times import iso, stamp, stay_text, utcnow
from models import customers, scoring
from models.accounts import DEFAULT_AVATAR
from models.db import next_id, page

MAX_CONTENT = 200_000
ORDERS = {"-create_date": [("create_date", -1), ("_id", -1)], "-read_count": [("read_count", -1), ("_id", -1)],
          "-forward_count": [("forward_count", -1), ("_id", -1)]}
FRIEND, MOMENTS = 1, 2  # forward_type: to a friend, to the moments (朋友圈)
SEX_TEXT = {1: "男", 2: "女"}
MAX_STAY_STEP_S = 60


# ----- articles (the radar side) ----------------------------------------------------------------
def check_fields(fields: dict) -> dict:
    if "content" in fields and len(fields["content"]) > MAX_CONTENT:
        raise invalid("content", f"长度不能超过{MAX_CONTENT}个字符")
    check_url("cover_picture", fields.get("cover_picture") or None)
    return fields


async def create(db, user: dict, fields: dict) -> dict:
    article = {"_id": await next_id(db, "articles"), "company_id": user["company_id"], "user_id": user["_id"],
               "read_count": 0, "forward_count": 0, "create_date": utcnow(), **check_fields(fields)}
    await db.articles.insert_one(article)
    return article


async def in_company(db, company_id: int, article_id: int) -> dict:
    """An article of the company (what anyone of it may share and read); 302 otherwise."""
    article = await db.articles.find_one({"_id": article_id, "company_id": company_id})
    if not article:
        raise not_found("文章")
    return article


async def own(db, user: dict, article_id: int) -> dict:
    """One of the radar user's own articles: another's in the company is 302 too."""
    article = await in_company(db, user["company_id"], article_id)
    if article["user_id"] != user["_id"]:
        raise not_allowed("查看他人的文章")
    return article


async def update(db, user: dict, article_id: int, fields: dict) -> None:
    await own(db, user, article_id)
    await db.articles.update_one({"_id": article_id}, {"$set": check_fields(fields)})


async def delete(db, user: dict, article_id: int) -> None:
    """The article and its trees and reads (the radar's feed keeps what happened)."""
    if not await db.articles.find_one_and_delete({"_id": article_id, "company_id": user["company_id"],
                                                  "user_id": user["_id"]}, {"_id": 1}):
        await own(db, user, article_id)  # says why: no such article, or another's
    await asyncio.gather(*(db[collection].delete_many({"article_id": article_id})
                           for collection in ("article_nodes", "article_reads", "article_trees")))


async def counted(db, company_id: int, article_id: int, field: str) -> dict:
    """The company's article with one more read or forward on it: the check that it exists and its
    counter in one round trip."""
    article = await db.articles.find_one_and_update({"_id": article_id, "company_id": company_id},
                                                    {"$inc": {field: 1}}, return_document=ReturnDocument.AFTER)
    if not article:
        raise not_found("文章")
    return article


def shape(article: dict, full: bool = False) -> dict:
    item = {"id": article["_id"], "title": article["title"], "summary": article.get("summary", ""),
            "cover_picture": article.get("cover_picture", ""), "read_count": article["read_count"],
            "forward_count": article["forward_count"], "create_date": iso(article["create_date"])}
    if full:
        item["content"] = article.get("content", "")
    return item


async def mine(db, user: dict, title: str | None, order: str | None, skip: int, limit: int):
    query = {"company_id": user["company_id"], "user_id": user["_id"]}
    if title:
        query["title"] = {"$regex": re.escape(title), "$options": "i"}
    if (order or "-create_date") not in ORDERS:
        raise invalid("order", f"只能是 {' | '.join(ORDERS)}")
    rows, total = await page(db.articles, query, ORDERS[order or "-create_date"], skip, limit,
                             {"content": 0})
    return [shape(article) for article in rows], total


# ----- readers (the customer side) --------------------------------------------------------------
def _key(article_id: int, uid: int) -> dict:
    return {"article_id": article_id, "uid": uid}


async def _place(db, article: dict, uid: int, customer: dict, pid: int | None, now) -> tuple[dict, bool]:
    """(node, new): the reader's node in uid's tree, made on their first read (counted as read) under
    pid's node when pid has one and is not themselves, with the ancestors' counters moved in the same go."""
    key = {**_key(article["_id"], uid), "customer_id": customer["_id"]}
    parent = None
    if pid is not None and pid != customer["_id"]:
        parent = await db.article_nodes.find_one({**_key(article["_id"], uid), "customer_id": pid})
    level = parent["level"] + 1 if parent else 1
    path = [*parent["path"], parent["customer_id"]] if parent else []
    node = {"_id": await next_id(db, "article_nodes"), **key, "company_id": article["company_id"],
            "parent": parent["customer_id"] if parent else None, "level": level, "path": path,
            "read_count": 1, "stay_time": 0, "forward_count": 0, "forward_friend_count": 0,
            "forward_friend_circle_count": 0, "lower_people_count": 0, "deepest": level, "child_count": 0,
            "is_have_child": False, "create_date": now, "last_read_date": now,
            "reader": customers.reader_card(customer)}
    try:
        await db.article_nodes.insert_one(node)
    except DuplicateKeyError:  # the same reader's other tab got there first
        return await _count_reread(db, key, now), False
    if path:
        # The ancestors' forwards reached one more reader: their tree counters, and the behaviour of
        # those of them who are uid's customers (forward_reach).
        model = await scoring.model_of(db, article["company_id"])
        await asyncio.gather(
            db.article_nodes.update_many({**_key(article["_id"], uid), "customer_id": {"$in": path}},
                                         {"$inc": {"lower_people_count": 1}, "$max": {"deepest": level}}),
            db.article_nodes.update_one({"_id": parent["_id"]},
                                        {"$inc": {"child_count": 1}, "$set": {"is_have_child": True}}),
            db.belongers.update_many({"user_id": uid, "customer_id": {"$in": path}},
                                     scoring.recorded(model, "forward_reach", 1, now)))
    return node, True


async def _count_reread(db, key: dict, now) -> dict | None:
    return await db.article_nodes.find_one_and_update(key, {"$inc": {"read_count": 1}, "$set": {"last_read_date": now}},
                                                      return_document=ReturnDocument.AFTER)


async def read(db, *, company_id: int, article_id: int, uid: int, customer: dict,
               pid: int | None) -> tuple[dict, dict, dict]:
    """A reader opens the article: (article, node, read row). Their node is made on the first read;
    the article's, the node's and the tree's read counts move; a read row records the visit."""
    article = await counted(db, company_id, article_id, "read_count")
    now = utcnow()
    key = {**_key(article_id, uid), "customer_id": customer["_id"]}
    node, new = await _count_reread(db, key, now), False
    if node is None:
        node, new = await _place(db, article, uid, customer, pid, now)
    tree = {"$setOnInsert": _key(article_id, uid), "$inc": {"read_count": 1}}
    if new:
        tree = {**tree, "$inc": {"read_count": 1, "readers": 1}, "$max": {"depth": node["level"]}}
    row = {"_id": await next_id(db, "article_reads"), **_key(article_id, uid), "customer_id": customer["_id"],
           "company_id": company_id, "parent": node["parent"], "node_id": node["_id"], "stay_time": 0,
           "create_date": now, "last_access_date": now}
    await asyncio.gather(
        db.article_reads.insert_one(row),
        db.article_trees.update_one({"_id": f"{article_id}:{uid}"}, tree, upsert=True))
    return article, node, row


def _credit_stay(now, seconds: int) -> list[dict]:
    """The update of a read that reports `seconds` more: credited no more than the time that really
    passed since what was credited last (a page that reports too often gets 0, the fractions carry
    over), so stay time cannot grow faster than a clock."""
    since = {"$max": [{"$ifNull": ["$credited_until", "$create_date"]}, now - timedelta(seconds=seconds)]}
    return [{"$set": {"_since": since}},
            {"$set": {"last_credit": {"$floor": {"$divide": [{"$subtract": [now, "$_since"]}, 1000]}}}},
            {"$set": {"stay_time": {"$add": ["$stay_time", "$last_credit"]}, "last_access_date": now,
                      "credited_until": {"$add": ["$_since", {"$multiply": ["$last_credit", 1000]}]}}},
            {"$unset": "_since"}]


async def stay(db, customer: dict, article_id: int, read_id: int, seconds: int) -> dict:
    """Seconds more spent on a read (the page reports every few seconds)."""
    now = utcnow()
    row = await db.article_reads.find_one_and_update(
        {"_id": read_id, "article_id": article_id, "customer_id": customer["_id"]}, _credit_stay(now, seconds),
        return_document=ReturnDocument.AFTER)
    if not row:
        raise not_found("article_access_log_id 阅读记录")
    if row["last_credit"]:
        # The node's stay time, and the reader's behaviour with the sharer (if they are related).
        model = await scoring.model_of(db, customer["company_id"])
        await asyncio.gather(
            db.article_nodes.update_one({"_id": row["node_id"]}, {"$inc": {"stay_time": row["last_credit"]},
                                                                  "$set": {"last_read_date": now}}),
            db.belongers.update_one({"user_id": row["uid"], "customer_id": customer["_id"]},
                                    scoring.recorded(model, "article_stay", row["last_credit"] / 60, now)))
    return row


async def forward(db, *, company_id: int, article_id: int, uid: int, customer: dict,
                  forward_type: int) -> tuple[dict, dict]:
    """(article, node): the reader shares the article on (to a friend or the moments); they must
    have read it in uid's tree."""
    field = "forward_friend_count" if forward_type == FRIEND else "forward_friend_circle_count"
    node = await db.article_nodes.find_one_and_update(
        {**_key(article_id, uid), "customer_id": customer["_id"], "company_id": company_id},
        {"$inc": {"forward_count": 1, field: 1}}, return_document=ReturnDocument.AFTER)
    if not node:
        raise not_found("uid 的转发链接中的阅读记录")
    article, _tree = await asyncio.gather(
        counted(db, company_id, article_id, "forward_count"),
        db.article_trees.update_one({"_id": f"{article_id}:{uid}"}, {"$inc": {field: 1}}))
    return article, node


async def node_of(db, article_id: int, uid: int, customer_id: int) -> dict | None:
    return await db.article_nodes.find_one({**_key(article_id, uid), "customer_id": customer_id})


# ----- the radar user's reports -----------------------------------------------------------------
def _reader(customer: dict | None) -> dict:
    customer = customer or {}
    sex = customer.get("sex") if customer.get("sex") in SEX_TEXT else None
    return {"customer_id": customer.get("_id"), "customer_name": customers.display_name(customer) if customer else "",
            "customer_headimgurl": customers.avatar(customer), "sex": sex, "sex_text": SEX_TEXT.get(sex),
            "area": customer.get("area", "")}


def _user(user: dict) -> dict:
    return {"uid": user["_id"], "user_name": user.get("name") or user["username"]}


async def _nodes(db, query: dict, sort: list, skip: int = 0, limit: int = 0) -> list[dict]:
    """Nodes with their customer (customers.JOIN), one query."""
    pipeline = [{"$match": query}, *([{"$sort": dict(sort)}] if sort else []), {"$skip": skip},
                *([{"$limit": limit}] if limit else []), customers.JOIN]
    return await (await db.article_nodes.aggregate(pipeline)).to_list()


# What a level's table and a reader's path show of nodes and their readers (_row, table_by_level, transmit_path).
TABLE_NODE_FIELDS = {"customer_id": 1, "read_count": 1, "stay_time": 1, "forward_friend_circle_count": 1,
                     "forward_friend_count": 1, "level": 1, "lower_people_count": 1, "deepest": 1, "is_have_child": 1,
                     "reader": 1}


async def _carded_nodes(db, query: dict) -> list[dict]:
    """Nodes (their TABLE_NODE_FIELDS) with their customer as _nodes gives it, unpaged (a level may hold
    thousands), so in one find of only the fields shown, the reader's from the card each node carries
    (customers.READER_CARD): a $lookup copies every row again, a second find of the customers took a
    third of a level's time."""
    nodes = await db.article_nodes.find(query, TABLE_NODE_FIELDS).to_list()
    for node in nodes:
        reader = node.pop("reader")
        node["customer"] = [] if reader is None else [{"_id": node["customer_id"], **reader}]
    return nodes


TREE_TOTALS = {"readers": 0, "read_count": 0, "depth": 0, "forward_friend_count": 0, "forward_friend_circle_count": 0}


async def summary(db, article_id: int, uid: int) -> dict:
    """The totals of uid's tree (zeros before anyone read through uid's links)."""
    return {**TREE_TOTALS, **(await db.article_trees.find_one({"_id": f"{article_id}:{uid}"}) or {})}


def _row(node: dict, user: dict) -> dict:
    """A node as the reports list it."""
    reader = _reader(node["customer"][0] if node.get("customer") else None)
    return {"id": node["_id"], **_user(user), "customer_id": node["customer_id"],
            "customer_name": reader["customer_name"], "customer_headimgurl": reader["customer_headimgurl"],
            "sex": reader["sex_text"] or "", "area": reader["area"], "read_count": node["read_count"],
            "stay_time": stay_text(node["stay_time"]), "forward_friend_circle_count":
            node["forward_friend_circle_count"], "forward_friend_count": node["forward_friend_count"],
            "level": node["level"]}


async def potential(db, user: dict, article: dict, skip: int, limit: int) -> dict:
    """1.1 潜在客户: the readers of the user's tree, longest stay first, with totals."""
    key = _key(article["_id"], user["_id"])
    nodes, totals = await asyncio.gather(_nodes(db, key, [("stay_time", -1), ("_id", 1)], skip, limit),
                                         summary(db, article["_id"], user["_id"]))
    rows = []
    for node in nodes:
        reader = _reader(node["customer"][0] if node["customer"] else None)
        rows.append({"article_id": article["_id"], **_user(user), "customer_id": node["customer_id"],
                     "customer_name": reader["customer_name"], "customer_headimgurl": reader["customer_headimgurl"],
                     "sex_text": reader["sex_text"], "sex": reader["sex"], "area": reader["area"],
                     "read_count": node["read_count"], "forward_count": node["forward_count"],
                     "stay_time": stay_text(node["stay_time"]), "level": node["level"], "pid": node["parent"]})
    return {"ret_data": rows, "article_id": str(article["_id"]), "total_customer_num": totals["readers"],
            "total_read_num": totals["read_count"], "count": totals["readers"]}


async def _reader_node(db, user: dict, article: dict, customer_id: int) -> tuple[dict, dict]:
    """The reader's node in the user's tree and the reader (one query), or 302."""
    found = await _nodes(db, {**_key(article["_id"], user["_id"]), "customer_id": customer_id}, [("_id", 1)])
    if not found or not found[0]["customer"]:
        raise not_found("customer_id 客户ID")
    return found[0], found[0]["customer"][0]


async def reads(db, user: dict, article: dict, customer_id: int, skip: int, limit: int) -> dict:
    """1.2 阅读详细日志: one reader's reads of the article through the user's links, newest first."""
    node, customer = await _reader_node(db, user, article, customer_id)
    query = {**_key(article["_id"], user["_id"]), "customer_id": customer_id}
    rows, total = await page(db.article_reads, query, [("last_access_date", -1), ("_id", -1)], skip, limit)
    reader = _reader(customer)
    return {**{k: reader[k] for k in ("customer_id", "customer_name", "customer_headimgurl", "sex_text", "sex")},
            "pid": node["parent"], "area": reader["area"],
            "ret_data": [{"article_access_log_id": row["_id"], "last_read_time": stamp(row["last_access_date"]),
                          "stay_time": stay_text(row["stay_time"])} for row in rows],
            "data_count": total}


async def forwards(db, user: dict, article: dict, customer_id: int) -> dict:
    """1.3 转发详情: what the reader's shares brought: the readers one level below and their reads."""
    node, customer = await _reader_node(db, user, article, customer_id)
    pipeline = [{"$match": {**_key(article["_id"], user["_id"]), "parent": customer_id}},
                {"$group": {"_id": None, "people": {"$sum": 1}, "reads": {"$sum": "$read_count"}}}]
    below = (await (await db.article_nodes.aggregate(pipeline)).to_list() or [{"people": 0, "reads": 0}])[0]
    reader = _reader(customer)
    return {"ret_data": [{
        "article_id": article["_id"], "customer_id": customer_id, "customer_name": reader["customer_name"],
        "customer_headimgurl": reader["customer_headimgurl"], "area": reader["area"],
        "sex_text": reader["sex_text"], "sex": reader["sex"], "forward_customer_read_people": below["people"],
        "forward_customer_read_num": below["reads"], "level": node["level"],
        "forward_friend_count": node["forward_friend_count"],
        "forward_friend_circle_count": node["forward_friend_circle_count"], "pid": node["parent"]}],
        "data_count": 1}


async def by_level(db, user: dict, article: dict, level: int, skip: int, limit: int) -> dict:
    """1.4 按层级: the readers at a level (0: every level), longest stay first."""
    query = _key(article["_id"], user["_id"])
    if level:
        query["level"] = level
    totals = asyncio.ensure_future(summary(db, article["_id"], user["_id"]))
    # Every level is the whole tree, whose summary counts its readers: a level alone is counted.
    nodes, total = await page(db.article_nodes, query, [("stay_time", -1), ("_id", 1)], skip, limit,
                              after=(customers.JOIN,), total=None if level else _readers(totals))
    totals = await totals
    return {"ret_data": [_row(node, user) for node in nodes], "total_level_num": totals["depth"],
            "article_id": str(article["_id"]), "article_title": article["title"], "count": total}


async def _readers(totals) -> int:
    return (await totals)["readers"]


async def transmit_path(db, user: dict, article: dict, customer_id: int) -> dict:
    """1.5 传播路径: from the radar user (level 0) through every ancestor to the reader."""
    node = await node_of(db, article["_id"], user["_id"], customer_id)
    if not node:
        raise not_found("customer_id 客户ID")
    # The reader and their ancestors, one per level, each with its customer: ordered here, so the query
    # is the unique index's.
    chain = sorted(await _carded_nodes(db, {**_key(article["_id"], user["_id"]),
                                            "customer_id": {"$in": [*node["path"], customer_id]}}),
                   key=lambda step: step["level"])
    if not chain or chain[-1]["customer_id"] != customer_id or not chain[-1]["customer"]:  # (removed meanwhile)
        raise not_found("customer_id 客户ID")
    customer = chain[-1]["customer"][0]
    steps = [{"uid": user["_id"], "user_name": _user(user)["user_name"],
              "user_avatar": user.get("avatar") or DEFAULT_AVATAR, "level": 0}]
    for step in chain:
        reader = _reader(step["customer"][0] if step["customer"] else None)
        steps.append({**_user(user), "customer_id": step["customer_id"], "customer_name": reader["customer_name"],
                      "customer_headimgurl": reader["customer_headimgurl"], "level": step["level"]})
    reader = _reader(customer)
    return {"customer_id": customer_id, "customer_name": reader["customer_name"], "sex": reader["sex_text"],
            "level": node["level"], "ret_data": steps, "article_id": article["_id"]}


async def customer_read_info(db, user: dict, customer_id: int, skip: int, limit: int) -> dict:
    """1.6 客户信息: what one customer read through the user's links, per article."""
    pipeline = [
        {"$match": {"uid": user["_id"], "customer_id": customer_id}},
        {"$group": {"_id": "$article_id", "stay_time": {"$sum": "$stay_time"}, "read_count": {"$sum": "$read_count"},
                    "forward_count": {"$sum": "$forward_count"}, "levels": {"$addToSet": "$level"},
                    "last_read_date": {"$max": "$last_read_date"}}},
        {"$sort": {"last_read_date": -1, "_id": -1}}, {"$skip": skip}, *([{"$limit": limit}] if limit else []),
        {"$lookup": {"from": "articles", "localField": "_id", "foreignField": "_id", "as": "article"}},
    ]
    groups = await (await db.article_nodes.aggregate(pipeline)).to_list()
    return {"ret_data": [{
        "article_num": len(groups), "article_id": group["_id"],
        "article_title": group["article"][0]["title"] if group["article"] else "",
        "stay_time": stay_text(group["stay_time"]), "read_count": group["read_count"],
        "forward_count": group["forward_count"], "level": sorted(group["levels"]),
        "create_date": stamp(group["last_read_date"])} for group in groups]}


async def table_by_level(db, user: dict, article: dict, level: int, query_customer_id: int | None) -> dict:
    """16.7 按表格层级: level 0 is the radar user's own totals; otherwise the readers one level below
    query_customer_id (or level 1), each with the size and depth of their subtree. The readers are asked
    for with the totals, both at once: the database has the second command as it ends the first."""
    head = {"article_id": str(article["_id"]), "article_title": article["title"]}
    if level == 0:
        totals = await summary(db, article["_id"], user["_id"])
        return {"ret_data": [{"uid": str(user["_id"]), "user_name": _user(user)["user_name"],
                              "sex": user.get("gender", 0), "read_count": totals["read_count"],
                              "forward_friend_circle_count": totals["forward_friend_circle_count"],
                              "forward_friend_count": totals["forward_friend_count"],
                              "lower_people_count": totals["readers"], "lower_level": totals["depth"],
                              "level": 0}], **head}
    query = _key(article["_id"], user["_id"])
    if query_customer_id is None:
        query["level"] = 1
    else:
        query["parent"] = query_customer_id
    totals, nodes = await asyncio.gather(summary(db, article["_id"], user["_id"]), _carded_nodes(db, query))
    # Longest stay first, sorted here: the level comes whole, and the embedded database sorts through a JSON
    # extraction of both keys per row (a tenth of the table's time there).
    nodes.sort(key=lambda node: (-node["stay_time"], node["_id"]))
    return {"ret_data": [{**_row(node, user), "lower_people_count": node["lower_people_count"],
                          "lower_level": node["deepest"] - node["level"], "is_have_child": node["is_have_child"]}
                         for node in nodes], "total_level_num": totals["depth"], **head}
