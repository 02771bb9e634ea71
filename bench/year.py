"""A year of a 10-salesperson company, generated (seeded, so every run loads the same data) in the
shapes our models write, and loaded straight through the driver: customers with their relations and
tags, access logs, chats, follow-ups, the Boss radar's daily rollups and an article's forward tree.

Used by bench/capacity.py. Ids come from the `counters` collection in one reservation per
collection, so the running app's next ids follow on.
"""

import random
import secrets
import time
from bisect import bisect_right
from dataclasses import dataclass
from datetime import timedelta

from common.times import utcnow
from models import actions, customers, scoring, stats, users
from models.accounts import DEFAULT_AVATAR
from models.db import IdBlocks
from models.scope import ROLE_BOSS, ROLE_USER

SELLERS = 10
# Salesperson 1 (index 0) is the busiest, as someone always is: the radar routes are timed as them.
SELLER_WEIGHTS = [4, 2, 2, 1, 1, 1, 1, 1, 1, 1]
# How often customers do each card action (the radar's feed is mostly card views).
ACTION_WEIGHTS = {actions.CARD_VIEW: 40, actions.PRODUCT_VIEW: 15, actions.DYNAMICS_VIEW: 5,
                  actions.WEBSITE_VIEW: 8, actions.WECHAT_COPY: 4, actions.CARD_FORWARD: 5,
                  actions.PRODUCT_CONSULT: 5, actions.PHONE_SAVE: 4, actions.PRAISE: 3, actions.PHONE_CALL: 4,
                  actions.VOICE_PLAY: 4, actions.EMAIL_COPY: 3}
QUESTIONS = ["您好,想了解一下产品", "价格怎么算?", "可以上门演示吗?", "有案例可以看看吗?", "什么时候能发货?"]
ANSWERS = ["您好,很高兴为您服务!", "我把报价单发您", "明天下午可以过去", "好的,马上整理给您", "本周内发货"]
NOTES = ["第一次沟通,客户有合作意向", "已发报价,待客户反馈", "计划近期安排拜访", "客户关注售后服务", "已成交,维护关系"]
BATCH = 2000
UNSEEN_PER_SELLER = 50  # the newest logs of each salesperson are still new on their radar


@dataclass(frozen=True)
class Scale:
    customers: int
    readers: int
    chats: int
    follow_ups: int
    logs: tuple[int, ...]  # access logs at each stage, the last one the year's total


FULL = Scale(customers=5_000, readers=10_000, chats=100_000, follow_ups=20_000, logs=(10_000, 100_000, 1_000_000))
SMOKE = Scale(customers=200, readers=300, chats=1_000, follow_ups=200, logs=(500, 2_000))


async def reserve(db, name: str, count: int) -> int:
    """The first of count fresh ids of a counter: one block of that size, as the app reserves them."""
    return await IdBlocks(count).next(db, name)


async def insert(db, name: str, docs, loaded: dict) -> None:
    """docs (any iterable) in batches; loaded adds up documents and the seconds the database took
    to take them, per collection (generating them is not counted)."""
    count, seconds = loaded.get(name, (0, 0.0))
    batch = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == BATCH:
            seconds += await _insert_batch(db[name], batch)
            count += len(batch)
            batch = []
    if batch:
        seconds += await _insert_batch(db[name], batch)
        count += len(batch)
    loaded[name] = (count, seconds)


async def _insert_batch(collection, batch: list) -> float:
    started = time.perf_counter()
    await collection.insert_many(batch, ordered=False)
    return time.perf_counter() - started


class Year:
    """The company's year, generated the same way every time for a scale: build() loads everything
    but the access logs, load_logs(n) grows them to n (in creation order, so the first 10,000 are
    the year's first days)."""

    def __init__(self, scale: Scale, seed: int = 2018):
        self.scale = scale
        self.seed = seed
        self.end = utcnow()
        self.start = self.end - timedelta(days=365)
        self.loaded: dict[str, tuple[int, float]] = {}
        self.logs_loaded = 0
        self.counts: dict[str, dict] = {}  # the feed's counts of the logs loaded so far

    def at(self, fraction: float):
        return self.start + (self.end - self.start) * fraction

    # ----- accounts -------------------------------------------------------------------------------
    async def accounts(self, db) -> None:
        """The company, its admin, ten salespeople and a Boss: {"id", "token", "company_id"} each."""
        made = await users.create_admin(db, "capacity-admin", secrets.token_urlsafe(12), "容量测试公司")
        self.company_id = made["company_id"]
        self.admin = {"id": made["user_id"], "token": made["token"], "company_id": self.company_id}
        self.sellers = []
        for n in range(SELLERS):
            user = await users.create(db, username=f"seller{n + 1}", password=None, role_id=ROLE_USER,
                                      company_id=self.company_id, name=f"销售{n + 1}", position="销售顾问")
            self.sellers.append(user)
        boss = await users.create(db, username="capacity-boss", password=None, role_id=ROLE_BOSS,
                                  company_id=self.company_id, name="王总")
        self.boss = {"id": boss["_id"], "token": boss["token"], "company_id": self.company_id}

    def account(self, user: dict) -> dict:
        return {"id": user["_id"], "token": user["token"], "company_id": self.company_id}

    # ----- the year -------------------------------------------------------------------------------
    async def build(self, db) -> None:
        rng = random.Random(self.seed)
        await self.accounts(db)
        await self.tags(db, rng)
        await self.people(db, rng)
        self.first_log = await reserve(db, "access_logs", self.scale.logs[-1])
        self.plan_logs()
        await self.conversations(db, rng)
        await self.follow_ups(db, rng)
        await self.article(db, rng)
        await insert(db, "customers", self.customers, self.loaded)
        await insert(db, "belongers", self.relations, self.loaded)
        await insert(db, "daily_stats", self.rollups(), self.loaded)

    async def tags(self, db, rng) -> None:
        group = await db.tags.find_one({"company_id": self.company_id, "parent_id": None, "name": "自定义"})
        first = await reserve(db, "tags", 20)
        self.catalogue = [{"_id": first + n, "company_id": self.company_id, "name": f"标签{n + 1}",
                           "parent_id": group["_id"], "user_id": None, "create_date": self.start}
                          for n in range(20)]
        await insert(db, "tags", self.catalogue, self.loaded)

    async def people(self, db, rng) -> None:
        """Customers arriving over the year through a salesperson's card, a tenth of them also known to
        another salesperson, with tags and forecasts."""
        scale = self.scale
        first_customer = await reserve(db, "customers", scale.customers + scale.readers)
        first_relation = await reserve(db, "belongers", int(scale.customers * 1.2) + scale.readers)
        self.customers, self.relations = [], []
        for n in range(scale.customers):
            arrived = self.at(0 if n < scale.customers // 20 else rng.random())
            tags = rng.sample(self.catalogue, rng.choice((0, 0, 1, 1, 2, 3)))
            customer = {"_id": first_customer + n, "company_id": self.company_id, "openid": f"capacity-{n}",
                        "token": secrets.token_hex(16), "user_type": 2, "headimgurl": DEFAULT_AVATAR,
                        "tags": [{"id": t["_id"], "name": t["name"]} for t in tags], "superior": None,
                        "create_date": arrived, "username": f"客户{n + 1}", "sex": rng.choice((1, 2)),
                        "area": "北京"}
            self.customers.append(customer)
            owners = [rng.choices(range(SELLERS), SELLER_WEIGHTS)[0]]
            if rng.random() < 0.1:
                owners.append(rng.choice([s for s in range(SELLERS) if s != owners[0]]))
            for owner in owners:
                pr = rng.choice((None, None, 20, 50, 80, 95, 100))
                self.relations.append({
                    "_id": first_relation + len(self.relations), "user_id": self.sellers[owner]["_id"],
                    "customer_id": customer["_id"], "company_id": self.company_id, "source": rng.choice((1, 1, 2)),
                    "customer_parent": None, "expected_time": "2026-12-31" if pr else None, "expected_pr": pr,
                    "last_follow_time": None, "last_activity_time": None, "last_chat_date": None,
                    "praised": False, "card_views": 0, "ai_rank": 0.0, "create_date": arrived,
                    "search_text": customers.search_text(customer, None), "tag_ids": [t["_id"] for t in tags]})
        self.first_reader = first_customer + scale.customers
        self.next_relation = first_relation + len(self.relations)
        self.relations.sort(key=lambda r: r["create_date"])
        self.arrivals = [r["create_date"] for r in self.relations]
        self.by_pair = {(r["user_id"], r["customer_id"]): r for r in self.relations}
        self.customer_by_id = {c["_id"]: c for c in self.customers}

    def record(self, relation: dict, feature: str | None, amount: float, when) -> None:
        """What the live write folds into the relation for AI 成交率 (models/scoring.py)."""
        if feature:
            scoring.fold(relation, scoring.recorded(scoring.DEFAULT_MODEL, feature, amount, when))

    def relation_at(self, rng, when) -> dict:
        """A relation already made at that time (older customers are the more active ones)."""
        return self.relations[rng.randrange(max(1, bisect_right(self.arrivals, when)))]

    # ----- access logs ----------------------------------------------------------------------------
    def logs(self, start: int, stop: int):
        """The year's access logs start..stop (the same documents every time for the scale)."""
        total = self.scale.logs[-1]
        rng = random.Random(self.seed * 7919)
        codes, weights = list(ACTION_WEIGHTS), list(ACTION_WEIGHTS.values())
        views: dict[int, int] = {}
        praised: dict[int, bool] = {}
        for n in range(stop):
            when = self.at(n / total)
            relation = self.relation_at(rng, when)
            action = rng.choices(codes, weights)[0]
            key = relation["_id"]
            if action == actions.CARD_VIEW:
                remark = actions.card_view_remark(views.get(key, 0))
                views[key] = views.get(key, 0) + 1
            elif action == actions.PRAISE:
                praised[key] = not praised.get(key, False)
                remark = "觉得您非常靠谱" if praised[key] else "取消了给你的靠谱评价"
            elif action == actions.PRODUCT_VIEW:
                remark = "正在查看您发布的产品,尽快把握商机"
            else:
                remark = actions.FIXED_REMARKS[action]
            if n < start:
                continue
            log = {"_id": self.first_log + n, "company_id": self.company_id, "user_id": relation["user_id"],
                   "customer_id": relation["customer_id"], "action": action,
                   "is_new_msg": n >= total - UNSEEN_PER_SELLER * SELLERS, "create_date": when, "remark": remark}
            if action == actions.PRAISE:
                log["praise"] = 1 if praised[key] else -1
            yield log

    def plan_logs(self) -> None:
        """What the year's logs leave on the relations and the rollups, before any is loaded."""
        self.daily: dict[str, dict] = {}
        for log in self.logs(0, self.scale.logs[-1]):
            relation = self.by_pair[(log["user_id"], log["customer_id"])]
            relation["last_activity_time"] = log["create_date"]
            if log["action"] == actions.CARD_VIEW:
                relation["card_views"] += 1
            if log["action"] == actions.PRAISE:
                relation["praised"] = log["praise"] == 1
            feature = "praise" if "praise" in log else scoring.ACTION_FEATURES.get(log["action"])
            self.record(relation, feature, log.get("praise", 1), log["create_date"])
            stats.apply_change(self.daily, stats.action_change(log))

    async def load_logs(self, db, upto: int) -> None:
        """The logs up to upto, and the feed's counts of the logs loaded so far (as the app keeps them)."""
        await insert(db, "access_logs", self.counted(self.logs(self.logs_loaded, upto)), self.loaded)
        self.logs_loaded = upto
        await db.action_counts.delete_many({})
        await insert(db, "action_counts", self.counts.values(), {})

    def counted(self, logs):
        """The logs, counted per (radar user, customer) and per radar user on the way."""
        for log in logs:
            for counted in stats.count_updates(log):
                stats.apply_change(self.counts, counted)
            yield log

    # ----- chats, follow-ups, rollups -------------------------------------------------------------
    async def conversations(self, db, rng) -> None:
        first = await reserve(db, "chats", self.scale.chats)
        recent = self.end - timedelta(days=1)

        def chats():
            for n in range(self.scale.chats):
                when = self.at(n / self.scale.chats)
                relation = self.relation_at(rng, when)
                send_type = rng.choice((1, 2))
                text = rng.choice(QUESTIONS if send_type == 2 else ANSWERS)
                unread = when > recent
                if send_type == 1:
                    self.record(relation, "messages_out", 1, when)
                else:
                    self.record(relation, "messages_in", 1, when)
                    if scoring.is_quick_reply(relation, when):
                        self.record(relation, "fast_reply", 1, when)
                chat = {"_id": first + n, "company_id": self.company_id, "user_id": relation["user_id"],
                        "customer_id": relation["customer_id"], "send_type": send_type, "info_type": 1, "msg": text,
                        "create_date": when, "user_unread": unread and send_type == 2,
                        "customer_unread": unread and send_type == 1}
                relation["last_chat_date"] = when
                relation["last_chat"] = {"info_type": 1, "preview": text, "send_type": send_type}
                counter = "customer_msg_num" if send_type == 2 else "user_msg_num"
                relation[counter] = relation.get(counter, 0) + 1
                if send_type == 1:
                    relation["last_follow_time"] = when
                else:
                    relation["last_activity_time"] = max(relation["last_activity_time"] or when, when)
                stats.apply_change(self.daily, stats.chat_change(chat, send_type == 2))
                self.messages.append((self.company_id, chat["user_id"], chat["customer_id"], send_type == 2))
                yield chat

        self.messages = []
        await insert(db, "chats", chats(), self.loaded)

    async def follow_ups(self, db, rng) -> None:
        first = await reserve(db, "follow_infos", self.scale.follow_ups)

        def notes():
            for n in range(self.scale.follow_ups):
                when = self.at(n / self.scale.follow_ups)
                relation = self.relation_at(rng, when)
                note = {"_id": first + n, "user_id": relation["user_id"], "customer_id": relation["customer_id"],
                        "company_id": self.company_id, "follow_info": rng.choice(NOTES), "create_date": when}
                relation["last_follow_time"] = max(relation["last_follow_time"] or when, when)
                self.record(relation, "follow_up", 1, when)
                stats.apply_change(self.daily, stats.follow_change(note))
                yield note

        await insert(db, "follow_infos", notes(), self.loaded)

    def rollups(self):
        """The days' rollups and each radar user's all-time one."""
        first = {}
        for relation in self.relations:
            key = relation["customer_id"]
            stats.apply_change(self.daily, stats.relation_change(relation, key not in first))
            first.setdefault(key, relation["_id"])
        for doc in list(self.daily.values()):
            stats.add_to_all_time(self.daily, doc)
        stats.hold_relations(self.daily, stats.relation_counts(self.relations))
        stats.count_both_ways(self.daily, self.messages)
        for doc in self.daily.values():
            yield {k: sorted(v) if isinstance(v, set) else v for k, v in doc.items()}

    # ----- the article and its readers --------------------------------------------------------------
    async def article(self, db, rng) -> None:
        """Salesperson 1's article, read through their share links by scale.readers people: each a new
        customer of theirs (公众号文章), placed under the reader whose link they opened."""
        seller = self.sellers[0]
        article_id = await reserve(db, "articles", 1)
        first_node = await reserve(db, "article_nodes", self.scale.readers)
        first_read = await reserve(db, "article_reads", self.scale.readers * 2)
        nodes, reads, node_of, reader_relation = [], [], {}, {}
        tree = {"read_count": 0, "readers": 0, "depth": 0, "forward_friend_count": 0, "forward_friend_circle_count": 0}
        for n in range(self.scale.readers):
            when = self.at(0.5 + 0.5 * n / self.scale.readers)
            customer_id = self.first_reader + n
            parent = None
            if nodes and rng.random() > 0.05:
                parent = nodes[max(0, len(nodes) - 1 - int(rng.expovariate(1 / 40)))]
            level = parent["level"] + 1 if parent else 1
            path = [*parent["path"], parent["customer_id"]] if parent else []
            stay = rng.randrange(5, 300)
            read_count = rng.choice((1, 1, 1, 2))
            friend, moments = rng.choice((0, 0, 1)), rng.choice((0, 0, 0, 1))
            node = {"_id": first_node + n, "article_id": article_id, "uid": seller["_id"], "customer_id": customer_id,
                    "company_id": self.company_id, "parent": parent["customer_id"] if parent else None,
                    "level": level, "path": path, "read_count": read_count, "stay_time": stay,
                    "forward_count": friend + moments, "forward_friend_count": friend,
                    "forward_friend_circle_count": moments, "lower_people_count": 0, "deepest": level,
                    "child_count": 0, "is_have_child": False, "create_date": when, "last_read_date": when}
            nodes.append(node)
            node_of[customer_id] = node
            if parent:
                parent["child_count"] += 1
                parent["is_have_child"] = True
                for ancestor in path:
                    above = node_of[ancestor]
                    above["lower_people_count"] += 1
                    above["deepest"] = max(above["deepest"], level)
            for k in range(read_count):
                reads.append({"_id": first_read + len(reads), "article_id": article_id, "uid": seller["_id"],
                              "customer_id": customer_id, "company_id": self.company_id, "parent": node["parent"],
                              "node_id": node["_id"], "stay_time": stay if k == 0 else 0, "create_date": when,
                              "last_access_date": when})
            tree["read_count"] += read_count
            tree["readers"] += 1
            tree["depth"] = max(tree["depth"], level)
            tree["forward_friend_count"] += friend
            tree["forward_friend_circle_count"] += moments
            reader = {"_id": customer_id, "company_id": self.company_id, "openid": f"capacity-reader-{n}",
                      "token": secrets.token_hex(16), "user_type": 1, "headimgurl": DEFAULT_AVATAR, "tags": [],
                      "superior": None, "create_date": when, "username": f"读者{n + 1}", "sex": rng.choice((1, 2)),
                      "area": "上海"}
            self.customers.append(reader)
            node["reader"] = customers.reader_card(reader)
            self.relations.append({
                "_id": self.next_relation + n, "user_id": seller["_id"], "customer_id": customer_id,
                "company_id": self.company_id, "source": 4, "customer_parent": None, "expected_time": None,
                "expected_pr": None, "last_follow_time": None, "last_activity_time": when, "last_chat_date": None,
                "praised": False, "card_views": 0, "ai_rank": 0.0, "create_date": when,
                "search_text": customers.search_text(reader, None), "tag_ids": []})
            reader_relation[customer_id] = self.relations[-1]
            self.record(self.relations[-1], "article_stay", stay / 60, when)
            for ancestor in path:
                self.record(reader_relation[ancestor], "forward_reach", 1, when)
        self.shared = {"_id": article_id, "company_id": self.company_id, "user_id": seller["_id"],
                        "title": "一年的产品手册", "summary": "", "content": "正文", "cover_picture": "",
                        "read_count": tree["read_count"],
                        "forward_count": tree["forward_friend_count"] + tree["forward_friend_circle_count"],
                        "create_date": self.start + timedelta(days=180)}
        self.nodes = nodes
        await insert(db, "articles", [self.shared], self.loaded)
        await insert(db, "article_nodes", nodes, self.loaded)
        await insert(db, "article_reads", reads, self.loaded)
        await insert(db, "article_trees", [{"_id": f"{article_id}:{seller['_id']}", "article_id": article_id,
                                            "uid": seller["_id"], **tree}], self.loaded)
