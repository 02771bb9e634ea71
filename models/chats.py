"""Chat messages between a radar user and a customer.

send_type 1: radar user -> customer; 2: customer -> radar user. Each message is unread for its
addressee until they open the conversation (history, getmsg, or a socket "read" frame).
The belonger carries the conversation's latest message, so the contact list is one indexed query.
"""

import asyncio
import uuid

from common.errors import ApiError, check_url, invalid, missing, parse_int, parse_json
from common.times import contact_time, iso, stamp, utcnow
from models import accounts, customers, scoring, stats
from models.accounts import DEFAULT_AVATAR
from models.db import NEWEST_FIRST, insert_together, next_id, page

FROM_USER, FROM_CUSTOMER = 1, 2
TEXT, PRODUCT, PHONE_REQUEST, IMAGE, VIDEO = 1, 2, 3, 4, 5
PHONE_REQUEST_TEXT = "您好,请问能否告诉我您的手机号?"
MAX_TEXT_BYTES = 4096
MAX_URL = 1024
URL_FIELDS = ("url", "product_cover_url")
# The content fields each info_type carries: (field, required, max length).
CONTENT_FIELDS = {
    TEXT: (("msg", True, None),),
    PRODUCT: (("product_cover_url", True, MAX_URL), ("product_name", True, 128), ("product_price", True, 64)),
    PHONE_REQUEST: (("msg", False, None),),
    IMAGE: (("url", True, MAX_URL),),
    VIDEO: (("url", True, MAX_URL),),
}


def parse_content(raw) -> dict:
    """content as a JSON string or object -> {info_type, fields...}, or a 301/303 naming the field."""
    if raw is None or raw == "":
        raise missing("content")
    if isinstance(raw, str):
        raw = parse_json("content", raw)
    if not isinstance(raw, dict):
        raise invalid("content", "必须是JSON对象")
    info_type = raw.get("info_type")
    if isinstance(info_type, str) and info_type.isdigit():
        info_type = int(info_type)
    if isinstance(info_type, bool) or not isinstance(info_type, int) or info_type not in CONTENT_FIELDS:
        raise invalid("content.info_type", "只能是1|2|3|4|5")
    content = {"info_type": info_type}
    for field, required, max_len in CONTENT_FIELDS[info_type]:
        value = raw.get(field)
        if value is None or value == "":
            if required:
                raise missing(f"content.{field}")
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise invalid(f"content.{field}", "必须是字符串")
        if max_len is None and len(value.encode()) > MAX_TEXT_BYTES:
            raise invalid(f"content.{field}", f"不能超过{MAX_TEXT_BYTES}字节")
        if max_len is not None and len(value) > max_len:
            raise invalid(f"content.{field}", f"长度不能超过{max_len}个字符")
        content[field] = check_url(f"content.{field}", value) if field in URL_FIELDS else value
    if info_type == PHONE_REQUEST:
        content["msg"] = content.get("msg") or PHONE_REQUEST_TEXT
    if info_type == PRODUCT and raw.get("product_id") not in (None, ""):
        content["product_id"] = parse_int("content.product_id", raw["product_id"])
    return content


def preview(content: dict) -> str:
    """One line of a message for the contact list."""
    info_type = content["info_type"]
    if info_type in (TEXT, PHONE_REQUEST):
        return content.get("msg", "")
    if info_type == PRODUCT:
        return "向您咨询:" + content.get("product_name", "")
    return "[图片]" if info_type == IMAGE else "[视频]"


async def send(db, *, user: dict, customer: dict, send_type: int, content: dict, radar_side: bool = False,
               source: int = 1, stored=None) -> dict:
    """Store a message with its conversation's latest on the relation and the day's counters, in three
    commands. stored(chat) is called the moment the message itself is in: whoever it is for sees it then.

    The radar user's message (radar_side) first moves the relation, which proves the customer is theirs
    (else 302, nothing written). A customer's message is stored first, then its relation moved and read in
    one upsert that makes it on first contact (customers.moved_relation, source), beside the counters:
    the database runs commands one at a time, so issuing them together only made the message wait."""
    if send_type not in (FROM_USER, FROM_CUSTOMER):
        raise ApiError(301, "send_type: 只能是1|2")
    now = utcnow()
    chat = {
        "_id": await next_id(db, "chats"), "company_id": customer["company_id"], "user_id": user["_id"],
        "customer_id": customer["_id"], "send_type": send_type, **content, "create_date": now,
        "user_unread": send_type == FROM_CUSTOMER, "customer_unread": send_type == FROM_USER,
    }
    relation = {"last_chat_date": now, "last_chat": {"info_type": content["info_type"], "preview": preview(content),
                                                     "send_type": send_type}}
    model = await scoring.model_of(db, customer["company_id"])
    if send_type == FROM_USER:
        relation["last_follow_time"] = now  # chatting is following up
        counter, other = "user_msg_num", "customer_msg_num"
        behaviour = scoring.recorded(model, "messages_out", 1, now)
    else:
        relation["last_activity_time"] = now
        counter, other = "customer_msg_num", "user_msg_num"
        behaviour = scoring.recorded(model, "messages_in", 1, now)
    changes = scoring.merged({"$set": relation, "$inc": {counter: 1}}, behaviour)
    if radar_side:
        before = await customers.moved_own_relation(db, user, customer["_id"], changes)
    await insert_together(db, "chats", chat)
    if stored is not None:
        stored(chat)
    rollup = stats.move(db, stats.chat_change(chat, send_type == FROM_CUSTOMER))
    if radar_side:
        await rollup
    else:
        before, _ = await asyncio.gather(customers.moved_relation(db, user, customer, changes, source=source, now=now),
                                         rollup)
    # A customer's quick answer to the radar user's last message counts once more ($inc and $max: a
    # later update ends where the same one would).
    if send_type == FROM_CUSTOMER and scoring.is_quick_reply(before, now):
        await db.belongers.update_one({"_id": before["_id"]}, scoring.recorded(model, "fast_reply", 1, now))
    if before.get(counter, 0) == 0 and before.get(other, 0) >= 1:
        await _count_both_ways(db, chat, before["_id"])
    return chat


async def _count_both_ways(db, chat: dict, belonger_id: int) -> None:
    """This message is the first one way of a conversation that had the other: the customer has written
    to and been written to by the radar user (the Boss radar's all-time count), the company's first if
    none of its other relations with the customer has both."""
    relations = await db.belongers.find({"customer_id": chat["customer_id"], "company_id": chat["company_id"]},
                                        {"user_msg_num": 1, "customer_msg_num": 1}).to_list()
    first = not any(r["_id"] != belonger_id and r.get("user_msg_num") and r.get("customer_msg_num")
                    for r in relations)
    await db.daily_stats.update_one(*stats.both_ways_change(chat["company_id"], chat["user_id"], first), upsert=True)


def _content_fields(chat: dict) -> dict:
    fields = {"info_type": chat["info_type"]}
    for field, _required, _max in CONTENT_FIELDS[chat["info_type"]]:
        if field in chat:
            fields[field] = chat[field]
    if "product_id" in chat:
        fields["product_id"] = chat["product_id"]
    return fields


def item(chat: dict, customer: dict) -> dict:
    """A message as the history and getmsg views show it."""
    unread = chat.get("customer_unread", False)
    return {
        "id": chat["_id"],
        "customer_id": chat["customer_id"],
        "customer_avatar": customers.avatar(customer),
        "user_id": chat["user_id"],
        "src": customers.avatar(customer),
        "name": customers.display_name(customer),
        "dateTime": iso(chat["create_date"]),
        "send_type": chat["send_type"],
        "is_customer_already_read": 0 if unread else 1,
        "is_customer_already_read_text": "未读" if unread else "已读",
        "msg": preview(chat),
        **_content_fields(chat),
    }


def push_item(chat: dict, user: dict, customer: dict) -> dict:
    """A message as the seed's push frame carries it: src and name are the radar user's."""
    return {
        **item(chat, customer),
        "src": user.get("avatar") or DEFAULT_AVATAR,
        "name": user["username"],
        "dateTime": stamp(chat["create_date"]),
    }


def pair(user_id: int, customer_id: int) -> dict:
    return {"user_id": user_id, "customer_id": customer_id}


async def history(db, user_id: int, customer: dict, reader: int, skip: int, limit: int):
    """(page, total, newly read): newest page first, oldest message first within it.
    Opening the conversation reads everything in it."""
    query = pair(user_id, customer["_id"])
    rows, total = await page(db.chats, query, NEWEST_FIRST, skip, limit)
    newly_read = await mark_read(db, user_id, customer["_id"], reader)
    return [item(chat, customer) for chat in reversed(rows)], total, newly_read


def unread_field(reader: int) -> str:
    """reader: FROM_USER means the radar user reads (messages sent to them); FROM_CUSTOMER the customer."""
    return "user_unread" if reader == FROM_USER else "customer_unread"


async def mark_read(db, user_id: int, customer_id: int, reader: int) -> int:
    field = unread_field(reader)
    result = await db.chats.update_many({**pair(user_id, customer_id), field: True}, {"$set": {field: False}})
    return result.modified_count


async def take_new(db, user_id: int, customer: dict, reader: int) -> list[dict]:
    """Messages new to the reader, oldest first; they are read from now on. Claimed atomically (marked
    with a claim id, then read back by it), so two polls at once never deliver a message twice."""
    field = unread_field(reader)
    claim = uuid.uuid4().hex
    claimed = await db.chats.update_many({**pair(user_id, customer["_id"]), field: True},
                                         {"$set": {field: False, "claim": claim}})
    if not claimed.modified_count:
        return []
    rows = await db.chats.find({**pair(user_id, customer["_id"]), "claim": claim}).sort(
        [("create_date", 1), ("_id", 1)]).to_list()
    return [item(chat, customer) for chat in rows]


async def unread_for_user(db, user_id: int) -> int:
    return await db.chats.count_documents({"user_id": user_id, "user_unread": True})


async def unread_for_customer(db, customer_id: int) -> int:
    return await db.chats.count_documents({"customer_id": customer_id, "customer_unread": True})


async def _unread_of_many(db, field: str, flag: str, ids) -> dict[int, int]:
    counted = await (await db.chats.aggregate([{"$match": {field: {"$in": list(ids)}, flag: True}},
                                               {"$group": {"_id": f"${field}", "n": {"$sum": 1}}}])).to_list()
    return {**dict.fromkeys(ids, 0), **{row["_id"]: row["n"] for row in counted}}


async def unread_for_users(db, user_ids) -> dict[int, int]:
    """{user id: unread} for many radar users in one query (sockets that connect together)."""
    return await _unread_of_many(db, "user_id", "user_unread", user_ids)


async def unread_for_customers(db, customer_ids) -> dict[int, int]:
    return await _unread_of_many(db, "customer_id", "customer_unread", customer_ids)


async def contacts(db, user: dict, skip: int, limit: int, search: str | None = None):
    """One row per customer the radar user has chatted with, latest conversation first; search: those
    whose name, memo name or phone contains it. unread_msg_num counts every conversation."""
    query = {"user_id": user["_id"], "company_id": user["company_id"], "last_chat_date": {"$ne": None},
             **(customers.search_filter(search) if search else {})}
    # The radar user's unread messages per customer: the page's counts and, summed, the total.
    pipeline = [{"$match": {"user_id": user["_id"], "user_unread": True}},
                {"$group": {"_id": "$customer_id", "n": {"$sum": 1}}}]
    # The page of relations, only what a row shows of each, then their customers (from the account
    # cache, the rest in one find): a relation carries its behaviour, several times a customer's size.
    (rows, total), unread = await asyncio.gather(
        page(db.belongers, query, [("last_chat_date", -1), ("_id", -1)], skip, limit,
             projection={"customer_id": 1, "last_chat_date": 1, "last_chat": 1}),
        db.chats.aggregate(pipeline))
    unread = {r["_id"]: r["n"] for r in await unread.to_list()}
    found = await accounts.load_many(db, "customer", [belonger["customer_id"] for belonger in rows])
    items = []
    for belonger in rows:
        customer = found.get(belonger["customer_id"])
        if customer is None:
            continue
        items.append({
            "customer_id": customer["_id"],
            "customer_source": customer.get("user_type", ""),
            "customer_source_text": customers.USER_TYPE_TEXT.get(customer.get("user_type"), ""),
            "src": customers.avatar(customer),
            "name": customers.display_name(customer),
            "dateTime": contact_time(belonger["last_chat_date"]),
            "msg": belonger["last_chat"]["preview"],
            "count": unread.get(customer["_id"], 0),
        })
    return items, total, sum(unread.values())
