"""Demo data for a trial, made through the model functions: two salespeople and a Boss, customers
who arrived over the last 30 days and acted, chatted and were followed up on many of them (so every
Boss chart has a shape), tags, forecasts, a product, and an article whose forward tree is three
levels deep."""

import random
import secrets
from datetime import timedelta

from common.errors import ApiError, CommandError
from common.times import set_clock
from models import actions, articles, chats, companies, customers, follow, products, stats, users
from models.scope import ROLE_BOSS, ROLE_USER

DAYS = 30
SALESPEOPLE = [("demo", "张明", "销售经理", "13800000000"), ("demo2", "李娜", "销售顾问", "13900000000")]
# What seed-demo tells about each account (they share one password).
ACCOUNTS = [("demo", "张明 销售经理: a radar user with customers, chats, follow-ups, the product and the article"),
            ("demo2", "李娜 销售顾问: a radar user with the other customers"),
            ("demo-boss", "王总: a Boss (the Boss radar of the company)")]
# (name, days ago they first opened a card, forecast %)
CUSTOMERS = [("张炬", 29, 80), ("张聪", 26, 50), ("王五", 22, 20), ("赵六", 17, 95), ("钱七", 13, 60),
             ("孙八", 9, 100), ("周九", 5, 35), ("吴十", 2, None)]
CARD_ACTIONS = [actions.CARD_VIEW, actions.CARD_VIEW, actions.PRODUCT_VIEW, actions.WEBSITE_VIEW, actions.WECHAT_COPY,
                actions.CARD_FORWARD, actions.PRODUCT_CONSULT, actions.PHONE_SAVE, actions.PRAISE, actions.PHONE_CALL]
QUESTIONS = ["您好,想了解一下产品", "价格怎么算?", "可以上门演示吗?", "有案例可以看看吗?"]
ANSWERS = ["您好,很高兴为您服务!", "我把报价单发您", "明天下午可以过去", "好的,马上整理给您"]
NOTES = ["第一次沟通,客户有合作意向", "已发报价,待客户反馈", "计划近期安排拜访", "客户关注售后服务"]
# (reader, whose share link they opened, seconds read, forwards: friend/moments)
READERS = [("李雷", None, 95, articles.FRIEND), ("韩梅梅", "李雷", 40, articles.MOMENTS),
           ("王小明", "韩梅梅", 25, None), ("赵小红", "李雷", 10, None)]


def on_day(days_ago: int) -> None:
    """What the demo makes next happened that many days ago."""
    set_clock(timedelta(days=-days_ago))


async def seed(db) -> dict:
    """Creates company 1 if needed and the demo accounts there; refuses to run twice."""
    if await db.users.find_one({"username": "demo"}):
        raise ApiError(300, "username: demo 已存在 (演示数据已创建)")
    company = await companies.get(db, 1) or await companies.create(db, "演示公司", company_id=1)
    await db.counters.update_one({"_id": "companies"}, {"$max": {"seq": 1}}, upsert=True)
    password = secrets.token_urlsafe(9)
    sellers = [await users.create(db, username=username, password=password, role_id=ROLE_USER,
                                  company_id=company["_id"], name=name, position=position, mingpian_phone=phone)
               for username, name, position, phone in SALESPEOPLE]
    await users.create(db, username="demo-boss", password=password, role_id=ROLE_BOSS, company_id=company["_id"],
                       name="王总")
    try:
        await seed_activity(db, company, sellers, random.Random(2018))
    finally:
        set_clock()
    await stats.forget_company_days(db, company["_id"])  # its past days were just written
    await products.create(db, sellers[0], {"name": "演示产品", "price": "128", "reason": "值得一试",
                                           "content": products.check_content(None)}, company_product=False)
    await seed_article(db, sellers[0])
    return {"username": "demo", "password": password, "also": ["demo2", "demo-boss (Boss)"],
            "user_id": sellers[0]["_id"], "company_id": company["_id"]}


async def seed_activity(db, company: dict, sellers: list[dict], rng: random.Random) -> None:
    """Each customer arrives on their day through a salesperson's card; from then on, on some days,
    they act, they chat, and their salesperson follows up."""
    catalogue = [tag async for tag in db.tags.find({"company_id": company["_id"], "parent_id": {"$ne": None}})]
    arrived = []
    for days_ago in range(DAYS - 1, -1, -1):
        on_day(days_ago)
        for index, (name, first_day, forecast) in enumerate(CUSTOMERS):
            if first_day == days_ago:
                seller = sellers[index % len(sellers)]
                customer = await customers.login(db, company_id=company["_id"], openid=f"demo-{index}", user=seller,
                                                 source=1 + index % 2, superior=None, profile={"username": name})
                arrived.append((customer, seller, forecast))
                await actions.customer_did(db, user=seller, customer=customer, action=actions.CARD_VIEW)
        for customer, seller, _forecast in arrived:
            if rng.random() < 0.45:
                for action in rng.sample(CARD_ACTIONS, rng.randint(1, 3)):
                    await actions.customer_did(db, user=seller, customer=customer, action=action)
            if rng.random() < 0.25:
                await chats.send(db, user=seller, customer=customer, send_type=chats.FROM_CUSTOMER,
                                 content={"info_type": chats.TEXT, "msg": rng.choice(QUESTIONS)})
                if rng.random() < 0.7:
                    await chats.send(db, user=seller, customer=customer, send_type=chats.FROM_USER, radar_side=True,
                                     content={"info_type": chats.TEXT, "msg": rng.choice(ANSWERS)})
            if rng.random() < 0.15:
                await follow.follow_up(db, seller, customer["_id"], rng.choice(NOTES))
    for index, (customer, seller, forecast) in enumerate(arrived):
        tags = [catalogue[index % len(catalogue)]["_id"]] if catalogue else None
        await customers.update_deal(db, seller, customer["_id"], expected_pr=forecast, tag_ids=tags)


async def seed_article(db, user: dict) -> dict:
    """An article read down three levels of share links, with stays and forwards."""
    article = await articles.create(db, user, {
        "title": "企业如何用好名片雷达", "summary": "三个场景,一看就懂", "cover_picture": "",
        "content": "<p>客户打开名片的那一刻,就是沟通的开始。</p>"})
    readers = {}
    for name, parent, seconds, forward in READERS:
        reader = await customers.reader_login(db, company_id=user["company_id"], openid=f"demo-reader-{name}",
                                              profile={"username": name}, sharer=user)
        _article, _node, read = await articles.read(db, company_id=user["company_id"], article_id=article["_id"],
                                                    uid=user["_id"], customer=reader,
                                                    pid=readers[parent]["_id"] if parent else None)
        await articles.stay(db, reader, article["_id"], read["_id"], seconds)
        await actions.record(db, user=user, customer=reader, action=actions.ARTICLE_READ, article=article)
        await customers.touch_activity_of(db, user, reader, actions.ARTICLE_READ)
        if forward:
            await articles.forward(db, company_id=user["company_id"], article_id=article["_id"], uid=user["_id"],
                                   customer=reader, forward_type=forward)
            action = actions.ARTICLE_TO_FRIEND if forward == articles.FRIEND else actions.ARTICLE_TO_MOMENTS
            await actions.record(db, user=user, customer=reader, action=action, article=article)
            await customers.touch_activity_of(db, user, reader, action)
        readers[name] = reader
    return article


VISITOR = "演示客户"


async def visitor(db, username: str) -> dict:
    """The demo customer of a radar user, made (or found again) directly in the database, since a real
    customer can only log in through WeChat: {"user", "customer" (with its token), "product", "article"}
    (product and article None when the user has none to show). The customer carries demo: true."""
    user = await db.users.find_one({"username": username})
    if user is None:
        raise CommandError(f"there is no user {username!r}")
    if not users.has_card(user):
        raise CommandError(f"{username} has no business card (an administrator, or disabled): choose a radar user")
    customer = await customers.login(db, company_id=user["company_id"], openid=f"demo-visitor-{user['_id']}",
                                     user=user, source=1, superior=None, profile={"username": VISITOR, "demo": True})
    product = await db.products.find_one({"company_id": user["company_id"], "status": {"$ne": products.OFF},
                                          "user_id": {"$in": [None, user["_id"]]}}, sort=[("_id", -1)])
    article = await db.articles.find_one({"user_id": user["_id"]}, sort=[("_id", -1)])
    return {"user": user, "customer": customer, "product": product, "article": article}
