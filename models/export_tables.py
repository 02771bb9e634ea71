"""What the exports write: for each kind, its title, its column headers in the user's words, how
many rows it will have (counted first, so a too large export is refused before any work), and its
rows in batches read from a cursor, never all at once.

An export is a Table: `rows()` is an async iterator of row batches (lists of cell values).
"""

import dataclasses
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta

from common.times import day_start, stamp, today
from models import chats, customers, stats
from models.db import NEWEST_FIRST

BATCH = 500
SEX = {1: "男", 2: "女"}
INFO_TYPE = {chats.TEXT: "文字", chats.PRODUCT: "产品咨询", chats.PHONE_REQUEST: "索要电话", chats.IMAGE: "图片",
             chats.VIDEO: "视频"}


@dataclasses.dataclass
class Table:
    title: str  # the sheet's name and the file's
    headers: list[str]
    count: int
    rows: Callable[[], AsyncIterator[list[list]]]


async def _batches(cursor, shape) -> AsyncIterator[list]:
    """The documents of an aggregate's cursor (awaitable) in batches of BATCH (the cursor's own
    batches: getMore), each shaped by shape(document) -> a row, or None to leave it out."""
    batch = []
    async for document in await cursor:
        row = shape(document)
        if row is not None:
            batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _ordered(collection, query: dict, sort: list, join: bool = True):
    """The documents in order, each with its customer when join (customers.JOIN: by the _id index)."""
    return collection.aggregate([{"$match": query}, {"$sort": dict(sort)}, *([customers.JOIN] if join else [])],
                                batchSize=BATCH)


# ----- customers --------------------------------------------------------------------------------
CUSTOMER_HEADERS = ["客户名称", "备注名", "手机号", "性别", "标签", "来源", "客户渠道", "预计成交率(%)", "预计成交日期",
                    "最后跟进", "最后活动", "下次跟进", "首次访问", "归属销售", "公司", "职位", "邮箱"]


async def customer_table(db, owner: dict, filters: dict, order: str | None) -> Table:
    """The address book (as tongxunlu filters and orders it), every row."""
    query = customers.relation_query(owner, **filters)
    sort = customers.address_book_sort(order)

    def shape(relation):
        return _customer_row(owner, relation, relation["customer"][0]) if relation["customer"] else None

    return Table("客户", CUSTOMER_HEADERS, await db.belongers.count_documents(query),
                 lambda: _batches(_ordered(db.belongers, query, sort), shape))


def _customer_row(owner: dict, relation: dict, customer: dict) -> list:
    return [customers.display_name(customer), relation.get("memo_name") or "", customer.get("phone") or "",
            SEX.get(customer.get("sex"), ""), "、".join(tag["name"] for tag in customer.get("tags", [])),
            customers.SOURCE_TEXT.get(relation.get("source"), ""),
            customers.USER_TYPE_TEXT.get(customer.get("user_type"), ""), relation.get("expected_pr"),
            relation.get("expected_time") or "", stamp(relation.get("last_follow_time")),
            stamp(relation.get("last_activity_time")), stamp(relation.get("next_follow_time")),
            stamp(relation.get("create_date")), owner["username"], customer.get("company") or "",
            customer.get("position") or "", customer.get("email") or ""]


# ----- follow-up notes --------------------------------------------------------------------------
FOLLOW_HEADERS = ["客户名称", "跟进内容", "跟进时间", "跟进人"]


async def follow_table(db, owner: dict, customer_id: int | None, since: date | None, until: date | None) -> Table:
    """The radar user's follow-up notes (of one customer, between two days), newest first."""
    query = {"user_id": owner["_id"], **({"customer_id": customer_id} if customer_id else {})}
    if since or until:
        query["create_date"] = {**({"$gte": day_start(since)} if since else {}),
                                **({"$lt": day_start(until + timedelta(days=1))} if until else {})}

    def shape(note):
        customer = note["customer"][0] if note["customer"] else {"_id": note["customer_id"]}
        return [customers.display_name(customer), note["follow_info"], stamp(note["create_date"]), owner["username"]]

    return Table("跟进记录", FOLLOW_HEADERS, await db.follow_infos.count_documents(query),
                 lambda: _batches(_ordered(db.follow_infos, query, NEWEST_FIRST), shape))


# ----- one conversation -------------------------------------------------------------------------
CHAT_HEADERS = ["时间", "发送方", "类型", "内容"]


async def chat_table(db, owner: dict, customer: dict) -> Table:
    """The radar user's conversation with the customer, oldest first."""
    query = chats.pair(owner["_id"], customer["_id"])
    senders = {chats.FROM_USER: owner["username"], chats.FROM_CUSTOMER: customers.display_name(customer)}

    def shape(message):
        return [stamp(message["create_date"]), senders[message["send_type"]], INFO_TYPE[message["info_type"]],
                message.get("url") or chats.preview(message)]

    return Table(f"聊天记录-{customers.display_name(customer)}", CHAT_HEADERS, await db.chats.count_documents(query),
                 lambda: _batches(_ordered(db.chats, query, [("create_date", 1), ("_id", 1)], join=False), shape))


# ----- the Boss radar's table -------------------------------------------------------------------
BOSS_HEADERS = ["销售", "新增客户", "跟进次数", "跟进客户数", "咨询客户数", "名片浏览", "转发名片", "保存电话",
                "拨打电话",
                "咨询产品", "查看官网", "靠谱(净)", "靠谱", "取消靠谱"]


async def boss_table(db, company_id: int, between: tuple[date, date] | None, user_id: int | None) -> Table:
    """Per radar user of the company (or one), what the Boss radar counts between two days (default:
    the last 30), from the rollups; a 合计 row last."""
    first, last = between or (today() - timedelta(days=29), today())
    rollups = await stats.days(db, company_id, first.isoformat(), last.isoformat(), user_id)
    per_user: dict[int, list[dict]] = {}
    for doc in rollups:
        per_user.setdefault(doc["user_id"], []).append(doc)
    people = {u["_id"]: u.get("name") or u["username"] async for u in db.users.find(
        {"_id": {"$in": list(per_user)}, "company_id": company_id}, {"username": 1, "name": 1})}
    rows = [[people[u]] + _boss_numbers(docs) for u, docs in per_user.items() if u in people]
    rows.sort(key=lambda row: (-row[1], row[0]))
    rows.append(["合计"] + _boss_numbers(rollups))

    async def batches():
        yield rows

    return Table(f"Boss统计 {first}至{last}", BOSS_HEADERS, len(rows), batches)


def _boss_numbers(rollups: list[dict]) -> list[int]:
    merged = stats.merged(rollups)
    votes, net = merged.get("a9", 0), merged.get("praise", 0)
    return [merged.get("relations", 0), merged.get("follow_ups", 0), len(merged.get("followed", ())),
            len(merged.get("customers_in", ())), merged.get("a1", 0), merged.get("a6", 0), merged.get("a8", 0),
            merged.get("a10", 0), merged.get("a7", 0), merged.get("a4", 0), net, (votes + net) // 2,
            (votes - net) // 2]
