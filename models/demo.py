"""Demo data for a trial: a radar user with customers, actions, chats, tags, follow-ups, products, and an
article whose forward tree is three levels deep."""

import secrets

from common.errors import ApiError
from models import actions, articles, chats, companies, customers, follow, products, users

CUSTOMERS = [("张炬", 1, 80), ("张聪", 2, 50), ("王五", 1, 20)]
# (reader, whose share link they opened, seconds read, forwards: friend/moments)
READERS = [("李雷", None, 95, articles.FRIEND), ("韩梅梅", "李雷", 40, articles.MOMENTS),
           ("王小明", "韩梅梅", 25, None), ("赵小红", "李雷", 10, None)]


async def seed(db) -> dict:
    """Creates company 1 if needed and a radar user `demo` there; refuses to run twice."""
    if await db.users.find_one({"username": "demo"}):
        raise ApiError(300, "username: demo 已存在 (演示数据已创建)")
    company = await companies.get(db, 1) or await companies.create(db, "演示公司", company_id=1)
    await db.counters.update_one({"_id": "companies"}, {"$max": {"seq": 1}}, upsert=True)
    password = secrets.token_urlsafe(9)
    user = await users.create(db, username="demo", password=password, role_id=2, company_id=company["_id"],
                              name="演示销售", position="销售经理", mingpian_phone="13800000000")
    catalogue = [tag async for tag in db.tags.find({"company_id": company["_id"], "parent_id": {"$ne": None}})]
    for index, (name, source, pr) in enumerate(CUSTOMERS):
        customer = await customers.login(db, company_id=company["_id"], openid=f"demo-{index}", user=user,
                                         source=source, superior=None, profile={"username": name})
        belonger = await customers.ensure_relation(db, user, customer)
        await customers.update_deal(db, user, customer["_id"], expected_pr=pr,
                                    tag_ids=[catalogue[index % len(catalogue)]["_id"]] if catalogue else None)
        for action in (1, 2, 5, 9)[: index + 2]:
            await actions.record(db, user=user, customer=customer, belonger=belonger, action=action)
        await chats.send(db, user=user, customer=customer, belonger=belonger, send_type=chats.FROM_CUSTOMER,
                         content={"info_type": chats.TEXT, "msg": f"您好,我是{name},想了解一下产品"})
        await chats.send(db, user=user, customer=customer, belonger=belonger, send_type=chats.FROM_USER,
                         content={"info_type": chats.TEXT, "msg": "您好,很高兴为您服务!"})
        await follow.add_note(db, user, customer, belonger, "第一次沟通,客户有合作意向")
    await products.create(db, user, {"name": "演示产品", "price": "128", "reason": "值得一试",
                                     "content": products.check_content(None)}, company_product=False)
    await seed_article(db, user)
    return {"username": "demo", "password": password, "user_id": user["_id"], "company_id": company["_id"]}


async def seed_article(db, user: dict) -> dict:
    """An article read down three levels of share links, with stays and forwards."""
    article = await articles.create(db, user, {
        "title": "企业如何用好名片雷达", "summary": "三个场景,一看就懂", "cover_picture": "",
        "content": "<p>客户打开名片的那一刻,就是沟通的开始。</p>"})
    readers = {}
    for name, parent, seconds, forward in READERS:
        reader = await customers.reader_login(db, company_id=user["company_id"], openid=f"demo-reader-{name}",
                                              profile={"username": name}, sharer=user)
        _node, read = await articles.read(db, article=article, uid=user["_id"], customer=reader,
                                          pid=readers[parent]["_id"] if parent else None)
        await articles.stay(db, reader, article["_id"], read["_id"], seconds)
        belonger = await customers.relation_of(db, user, reader)
        await actions.record(db, user=user, customer=reader, action=actions.ARTICLE_READ, article=article,
                             belonger=belonger)
        if forward:
            await articles.forward(db, article=article, uid=user["_id"], customer=reader, forward_type=forward)
            action = actions.ARTICLE_TO_FRIEND if forward == articles.FRIEND else actions.ARTICLE_TO_MOMENTS
            await actions.record(db, user=user, customer=reader, action=action, article=article, belonger=belonger)
        readers[name] = reader
    return article
