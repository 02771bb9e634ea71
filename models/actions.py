"""Customer actions (the radar feed): access logs with the original's texts, and the radar's views."""

import asyncio
import uuid
from datetime import date, timedelta

from pymongo import ReturnDocument

from common.errors import invalid
from common.times import day_start, iso, utcnow
from models import customers, scoring, stats
from models.db import NEWEST_FIRST, find_page, insert_together, next_id, page

(CARD_VIEW, PRODUCT_VIEW, DYNAMICS_VIEW, WEBSITE_VIEW, WECHAT_COPY, CARD_FORWARD, PRODUCT_CONSULT, PHONE_SAVE,
 PRAISE, PHONE_CALL, VOICE_PLAY, EMAIL_COPY) = range(1, 13)
ACTIONS = {
    CARD_VIEW: "查看名片", PRODUCT_VIEW: "查看产品", DYNAMICS_VIEW: "查看动态", WEBSITE_VIEW: "查看官网",
    WECHAT_COPY: "复制微信", CARD_FORWARD: "转发名片", PRODUCT_CONSULT: "咨询产品", PHONE_SAVE: "保存电话",
    PRAISE: "觉得靠谱", PHONE_CALL: "拨打电话", VOICE_PLAY: "播放语音", EMAIL_COPY: "复制邮箱",
}
# What a customer does on a card (the mini-program's action route takes these).
CARD_ACTIONS = dict(ACTIONS)
# What a reader does with a shared article (recorded by the official-account routes).
ARTICLE_READ, ARTICLE_TO_FRIEND, ARTICLE_TO_MOMENTS = 14, 15, 16
ACTIONS.update({ARTICLE_READ: "查看文章", ARTICLE_TO_FRIEND: "转发文章到朋友", ARTICLE_TO_MOMENTS: "转发文章到朋友圈"})
ARTICLE_REMARKS = {
    ARTICLE_READ: "正在查看文章《{}》,看来对您的文章感兴趣",
    ARTICLE_TO_FRIEND: "转发了您的文章《{}》分享给【朋友】,帮您进一步扩大了传播效果",
    ARTICLE_TO_MOMENTS: "转发了您的文章《{}》分享到【朋友圈】,帮您进一步扩大了传播效果",
}
FIXED_REMARKS = {
    DYNAMICS_VIEW: "查看了您公司的动态",
    WEBSITE_VIEW: "查看了您公司的官网,看来TA对您公司感兴趣",
    WECHAT_COPY: "复制了您的微信,留意微信新朋友消息",
    CARD_FORWARD: "转发了你的名片,你的人脉圈正在裂变",
    PRODUCT_CONSULT: "向您咨询产品",
    PHONE_SAVE: "保存了您的电话,可以考虑拜访",
    PHONE_CALL: "拨打您的手机",
    VOICE_PLAY: "播放了您的语音介绍",
    EMAIL_COPY: "复制了您的邮箱",
}


def card_view_remark(previous_views: int) -> str:
    if previous_views == 0:
        return "首次查看您的名片,沟通从此刻开始"
    if previous_views == 1:
        return "查看您的名片第1次,把握深度交流的机会"
    if previous_views == 2:
        return "查看您的名片第2次,建议标注重点客户"
    return f"查看您的名片第{previous_views}次,成交在望"


async def _remark(db, action: int, belonger: dict | None, product: dict | None, article: dict | None,
                  log: dict) -> str:
    if action in ARTICLE_REMARKS:
        return ARTICLE_REMARKS[action].format(article["title"])
    if action == CARD_VIEW:
        return card_view_remark((belonger or {}).get("card_views", 0))
    if action == PRODUCT_VIEW:
        return f"正在查看{product['name']},尽快把握商机" if product else "正在查看您发布的产品,尽快把握商机"
    if action == PRAISE:
        # Each call flips the vote atomically, and the behaviour with it; the second one records the cancellation.
        model = await scoring.model_of(db, belonger["company_id"])
        flipped = await db.belongers.find_one_and_update(
            {"_id": belonger["_id"]}, [{"$set": {"praised": {"$cond": [{"$eq": ["$praised", True]}, False, True]}}},
                                       scoring.toggled(model, "praise", "praised", utcnow())],
            return_document=ReturnDocument.AFTER)
        log["praise"] = 1 if flipped["praised"] else -1
        return "觉得您非常靠谱" if flipped["praised"] else "取消了给你的靠谱评价"
    return FIXED_REMARKS[action]


def check_action(action) -> int:
    """One of the card actions the mini-program reports (1..12)."""
    if action not in CARD_ACTIONS:
        raise invalid("action", f"只能是 {min(CARD_ACTIONS)} 到 {max(CARD_ACTIONS)}")
    return action


async def record(db, *, user: dict, customer: dict, action: int, belonger: dict | None = None,
                 product: dict | None = None, article: dict | None = None) -> dict:
    """Write the access log of one customer action (with its day's rollup and the feed's counts) and
    return it in the feed's shape. belonger: the relation as it was before this action, when there is one (a reader of a
    shared article may belong to another radar user)."""
    log = {"_id": await next_id(db, "access_logs"), "company_id": customer["company_id"], "user_id": user["_id"],
           "customer_id": customer["_id"], "action": action, "is_new_msg": True, "create_date": utcnow()}
    log["remark"] = await _remark(db, action, belonger, product, article, log)
    if product:
        log["product_id"] = product["_id"]
    if article:
        log["article_id"] = article["_id"]
    await asyncio.gather(insert_together(db, "access_logs", log),
                         stats.move(db, stats.action_change(log)),
                         db.action_counts.bulk_write(stats.count_changes(log), ordered=False))
    return feed_item(log, customer)


async def customer_did(db, *, user: dict, customer: dict, action: int, product: dict | None = None,
                       source: int = 1) -> dict:
    """A customer's action on a radar user's card: the relation (made on first contact, its activity
    time, card views and behaviour moved in the same round trip), then the log."""
    also = {"$inc": {"card_views": 1}} if action == CARD_VIEW else {}
    if action in scoring.ACTION_FEATURES:
        model = await scoring.model_of(db, customer["company_id"])
        also = scoring.merged(also, scoring.recorded(model, scoring.ACTION_FEATURES[action], 1, utcnow()))
    belonger = await customers.touch_relation(db, user, customer, source=source, also=also)
    return await record(db, user=user, customer=customer, action=action, belonger=belonger, product=product)


async def repeated(db, log_id: int, customer: dict) -> dict | None:
    """The same action again within REPEAT_WINDOW_S: it counts once, so it only joins its first log
    (shown grouped, `repeats` more times); None when that log is gone."""
    log = await db.access_logs.find_one_and_update({"_id": log_id}, {"$inc": {"repeats": 1},
                                                                     "$set": {"last_repeat_date": utcnow()}},
                                                   return_document=ReturnDocument.AFTER)
    return feed_item(log, customer) if log else None


def feed_item(log: dict, customer: dict | None) -> dict:
    return {
        "id": log["_id"],
        "user_id": log["user_id"],
        "customer_id": log["customer_id"],
        "action": ACTIONS[log["action"]],
        "action_code": log["action"],
        "headimgurl": customers.avatar(customer),
        "customer_source": (customer or {}).get("user_type"),
        "customer_source_text": customers.USER_TYPE_TEXT.get((customer or {}).get("user_type"), ""),
        "log": customers.display_name(customer) + log["remark"],
        "repeats": log.get("repeats", 0),
        "create_date": iso(log["create_date"]),
    }


def _window(query: dict, since: date | None, until: date | None) -> dict:
    """create_date__gte / create_date__lt as local days; the end day is included."""
    if since or until:
        query["create_date"] = {}
        if since:
            query["create_date"]["$gte"] = day_start(since)
        if until:
            query["create_date"]["$lt"] = day_start(until + timedelta(days=1))
    return query


def _items(rows: list[dict]) -> list[dict]:
    """Feed items of logs joined to their customer (customers.JOIN); a deleted customer's logs drop out."""
    return [feed_item(row, row["customer"][0]) for row in rows if row["customer"]]


async def new_logs(db, user: dict, action: int | None, limit: int):
    """Logs the radar user has not seen yet (newest first, at most limit): claimed atomically, so two
    polls at once never deliver the same log. (total unseen before, the claimed ones)"""
    query = {"user_id": user["_id"], "is_new_msg": True}
    if action is not None:
        query["action"] = action
    total = await db.access_logs.count_documents(query)
    newest = await find_page(db.access_logs, query, NEWEST_FIRST, 0, limit, {"_id": 1})
    if not newest:
        return [], total
    claim = uuid.uuid4().hex
    await db.access_logs.update_many({"_id": {"$in": [log["_id"] for log in newest]}, "is_new_msg": True},
                                     {"$set": {"is_new_msg": False, "claim": claim}})
    pipeline = [{"$match": {"user_id": user["_id"], "claim": claim}}, {"$sort": dict(NEWEST_FIRST)},
                customers.JOIN]
    return _items(await (await db.access_logs.aggregate(pipeline)).to_list()), total


async def by_time(db, user: dict, *, action=None, customer_id=None, search=None, since=None, until=None, skip=0,
                  limit=10):
    """The feed by time; everything it matches counts as seen. search: the customers whose name, memo
    name or phone contains it (found first among the user's own relations)."""
    query = _window({"user_id": user["_id"]}, since, until)
    if action is not None:
        query["action"] = action
    customer_ids = None if customer_id is None else [customer_id]
    if search:
        customer_ids = [c for c in await customers.matching_customer_ids(db, user, search) if customer_id in (None, c)]
        if not customer_ids:
            return [], 0
        query["customer_id"] = {"$in": customer_ids}
    elif customer_id is not None:
        query["customer_id"] = customer_id
    # Within a window the logs are counted; otherwise the feed's counts know how many (sent with the page).
    total = None if since or until else _feed_total(db, user, customer_ids, action)
    rows, total = await page(db.access_logs, query, NEWEST_FIRST, skip, limit, after=(customers.JOIN,), total=total)
    await db.access_logs.update_many({**query, "is_new_msg": True}, {"$set": {"is_new_msg": False}})
    return _items(rows), total


async def _feed_total(db, user: dict, customer_ids: list[int] | None, action: int | None) -> int:
    """How many logs the radar user has (of an action, of customers), from the feed's counts."""
    counts = await _counts(db, user, customer_ids, None, None)
    return counts.get(action, 0) if action is not None else sum(counts.values())


async def by_customer(db, user: dict, *, since=None, until=None, skip=0, limit=10) -> list[dict]:
    """Per customer: total and per-action counts, busiest customers first, paged in the database: the
    counters, or within a window the logs."""
    if since or until:
        pipeline = [
            {"$match": _window({"user_id": user["_id"]}, since, until)},
            {"$group": {"_id": {"c": "$customer_id", "a": "$action"}, "n": {"$sum": 1}}},
            {"$group": {"_id": "$_id.c", "total": {"$sum": "$n"}, "actions": {"$push": {"a": "$_id.a", "n": "$n"}}}},
            {"$sort": {"total": -1, "_id": 1}}, {"$skip": skip}, *([{"$limit": limit}] if limit else []),
            {"$lookup": {"from": "customers", "localField": "_id", "foreignField": "_id", "as": "customer"}},
        ]
        rows = [(row["_id"], row["total"], {item["a"]: item["n"] for item in row["actions"]}, row["customer"])
                for row in await (await db.access_logs.aggregate(pipeline)).to_list()]
    else:
        pipeline = [
            {"$match": {"user_id": user["_id"], "kind": "customer"}},
            {"$sort": {"total": -1, "customer_id": 1}}, {"$skip": skip}, *([{"$limit": limit}] if limit else []),
            {"$lookup": {"from": "customers", "localField": "customer_id", "foreignField": "_id", "as": "customer"}},
        ]
        rows = [(row["customer_id"], row["total"], stats.per_action(row), row["customer"])
                for row in await (await db.action_counts.aggregate(pipeline)).to_list()]
    return [{
        "totalCount": total,
        "customer_id": customer_id,
        "customer__username": customers.display_name(customer[0]),
        "user_id": str(user["_id"]),
        "headimgurl": customers.avatar(customer[0]),
        "detail": {str(a): {"count": n, "name": ACTIONS[a]} for a, n in sorted(counts.items())},
    } for customer_id, total, counts, customer in rows if customer]


async def _counts(db, user: dict, customer_ids: list[int] | None, since, until) -> dict[int, int]:
    """{action: n} of the radar user's logs (of these customers, in a window): the counters, or the logs."""
    if since or until:
        query = _window({"user_id": user["_id"]}, since, until)
        if customer_ids is not None:
            query["customer_id"] = customer_ids[0] if len(customer_ids) == 1 else {"$in": customer_ids}
        pipeline = [{"$match": query}, {"$group": {"_id": "$action", "n": {"$sum": 1}}}]
        return {row["_id"]: row["n"] for row in await (await db.access_logs.aggregate(pipeline)).to_list()}
    if customer_ids is None:
        return stats.per_action(await db.action_counts.find_one({"_id": stats.user_counts_id(user["_id"])}))
    ids = [stats.customer_counts_id(user["_id"], customer_id) for customer_id in customer_ids]
    total: dict[int, int] = {}
    async for counts in db.action_counts.find({"_id": {"$in": ids}}):
        for action, n in stats.per_action(counts).items():
            total[action] = total.get(action, 0) + n
    return total


async def by_action(db, user: dict, *, customer_id=None, since=None, until=None) -> dict:
    counts = await _counts(db, user, None if customer_id is None else [customer_id], since, until)
    return {
        "action": {str(a): name for a, name in ACTIONS.items()},
        "detail": {str(a): n for a, n in sorted(counts.items())},
        "user_id": str(user["_id"]),
    }


async def customer_detail(db, user: dict, customer_id: int, since=None, until=None) -> dict:
    counts = await _counts(db, user, [customer_id], since, until)
    return {str(customer_id): {
        "totalCount": sum(counts.values()),
        "detail": [{"count": n, "action": a, "name": ACTIONS[a]}
                   for a, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))],
        "customer_id": customer_id,
    }}
