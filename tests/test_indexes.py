"""Every query the app sends is served by an index of models/db.py (INDEXES): a tour of every list
route with its filters and orders, with pymongo's command monitoring recording the queries' shapes.

A query is covered when an index starts with one of its equality fields (or it is by _id); a
sorted query also needs an index that reaches the first sort field after a prefix of equality
fields, so the database reads in order instead of sorting everything it found.
"""

import json

import pytest

from models.db import INDEXES

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
# Collections read only by _id, or so small that a scan is the index: the three system roles plus a
# company's own handful (the platform super-admin searches them all by a name fragment).
SMALL = {"counters", "roles"}


def index_keys() -> dict[str, list[list[str]]]:
    keys = {name: [[field for field, _ in model.document["key"].items()] for model in models]
            for name, models in INDEXES.items()}
    for name in keys:
        keys[name].append(["_id"])
    return keys


def shapes(command: dict):
    """(collection, filter, sort) of each query in a command."""
    name, body = command["name"], command["command"]
    collection = command["collection"]
    if name == "find":
        yield collection, body.get("filter", {}), list((body.get("sort") or {}).keys())
    elif name == "count":
        yield collection, body.get("query", {}), []
    elif name == "aggregate":
        stages = body.get("pipeline", [])
        # A page and its count in one $facet: the page's stages sort the matched documents.
        stages = [inner for stage in stages for inner in (stage["$facet"]["rows"] if "$facet" in stage and "rows" in
                                                          stage["$facet"] else [stage])]
        match = stages[0].get("$match", {}) if stages else {}
        sort = next((list(stage["$sort"]) for stage in stages if "$sort" in stage), [])
        # A $sort after a $group sorts the grouped rows, not the collection.
        grouped = any("$group" in stage for stage in stages[:[i for i, s in enumerate(stages) if "$sort" in s][0]]) \
            if sort else False
        yield collection, match, [] if grouped else sort
        for stage in stages:
            if "$lookup" in stage:
                yield stage["$lookup"]["from"], {stage["$lookup"]["foreignField"]: 1}, []
    elif name in ("update", "delete"):
        for statement in body.get("updates", body.get("deletes", [])):
            yield collection, statement.get("q", {}), []
    elif name == "findAndModify":
        yield collection, body.get("query", {}), list((body.get("sort") or {}).keys())


def equality_fields(query: dict) -> list[set[str]]:
    """The top-level fields each branch of a query narrows on ($or: one set per branch)."""
    plain = {key for key in query if not key.startswith("$")}
    branches = [plain]
    for key in ("$or", "$and"):
        for branch in query.get(key, []):
            branches.extend({plain | fields for fields in equality_fields(branch)})
    return [b for b in branches if b] or [set()]


def covered(collection: str, query: dict, sort: list[str]) -> bool:
    if collection in SMALL:
        return True
    indexes = index_keys().get(collection, [["_id"]])
    sort = [field for field in sort if field != "_id"]
    for fields in equality_fields(query):
        if not fields:  # the whole collection on purpose (the platform super-admin's lists)
            if sort and not any(index[0] == sort[0] for index in indexes):
                return False
            continue
        if not any(index[0] in fields for index in indexes):
            return False
        if sort and not any(_reaches(index, fields, sort[0]) for index in indexes):
            return False
    return True


def _reaches(index: list[str], fields: set[str], first_sort: str) -> bool:
    for key in index:
        if key == first_sort:
            return True
        if key not in fields:
            return False
    return False


async def tour(api, admin, seller, customer):
    """Every list and lookup route, with each of its filters and orders."""
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={"u_id": seller["id"],
                                                                 "content": json.dumps({"info_type": 1, "msg": "hi"})})
    for action in (1, 2, 9):
        await api.act(customer, action)
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "回访"})
    await api.ok("POST", f"{Q}/tag_list/add_tag/{customer['id']}", seller, form={"name": "重要"})
    await api.ok("POST", f"{Q}/product/add/0", seller, form={"name": "门票", "price": "1"})
    calls = [
        (admin, f"{Q}/user", {}), (admin, f"{Q}/user", {"username": "zh", "role__name": "普通", "company__name": "合众",
                                                         "create_date": "2026-01-01"}),
        (admin, f"{Q}/role", {"name": "管"}), (admin, f"{Q}/quanxian", {}), (admin, f"{Q}/company", {"name": "合"}),
        (seller, f"{Q}/customer", {"customer_id": customer["id"]}), (seller, f"{Q}/tag_customer", {}),
        (seller, f"{Q}/tag_list", {"customer_id": customer["id"]}),
        (seller, f"{Q}/action/get_new_log", {"action": 1}), (seller, f"{Q}/action/time", {}),
        (seller, f"{Q}/action/time", {"action": 2, "customer_id": customer["id"], "create_date__gte": "2020-01-01",
                                      "create_date__lt": "2999-01-01"}),
        (seller, f"{Q}/action/customer", {"create_date__gte": "2020-01-01"}), (seller, f"{Q}/action/count", {}),
        (seller, f"{Q}/action/count", {"customer_id": customer["id"]}),
        (seller, f"{Q}/action/customer_detail", {"customer_id": customer["id"]}),
        (seller, f"{Q}/follow_language", {}), (seller, f"{Q}/follow_info", {"customer_id": customer["id"]}),
        *((seller, f"{Q}/tongxunlu", {"order": order, "customer__source": 1}) for order in (
            "customer__expedted_pr", "-customer__expedted_pr", "last_follow_time", "-last_follow_time",
            "last_activity_time", "-last_activity_time", "ai_pr", "-ai_pr")),
        *((seller, f"{Q}/tongxunlu", filters) for filters in (
            {"search": "张"}, {"tag_ids": "[1]"}, {"source": "[1,4]"}, {"pr_min": 1, "pr_max": 90},
            {"follow": "today"}, {"follow": "never"}, {"since": "2020-01-01", "until": "2999-01-01"},
            {"query_user_id": seller["id"]})),
        (seller, f"{Q}/follow_info/due", {}), (seller, f"{Q}/action/time", {"search": "张"}),
        (seller, f"{Q}/contact", {"search": "张"}),
        (seller, f"{Q}/contact", {}), (seller, f"{Q}/contact/query_num", {}),
        (seller, f"{Q}/chat", {"customer_id": customer["id"]}), (seller, f"{Q}/chat/getmsg/0",
                                                                  {"customer_id": customer["id"]}),
        (seller, f"{Q}/mingpian", {}), (seller, f"{Q}/product/product_list", {}),
        (seller, f"{Q}/product/product_list", {"status_code": 1}),
        (customer, f"{X}/chat", {"u_id": seller["id"]}), (customer, f"{X}/chat/getmsg/0", {"u_id": seller["id"]}),
        (customer, f"{X}/chat/query_num/0", {}), (customer, f"{X}/mingpian", {"uid": seller["id"]}),
    ]
    for who, path, params in calls:
        await api.ok("GET", path, who, params=params)
    for kind, params in (("customers", {"search": "张", "order": "last_follow_time"}), ("follow_info", {}),
                         ("follow_info", {"customer_id": customer["id"]}), ("chat", {"customer_id": customer["id"]})):
        assert (await api.raw("GET", f"{Q}/export/{kind}", seller, params=params)).code == 200
    assert (await api.raw("GET", f"{Q}/export/boss", admin)).code == 200
    # Articles and their tree (official-account readers through the fake WeChat).
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
    article = (await api.ok("POST", f"{Q}/article/add/0", seller, form={"title": "标题", "content": "正文"}))[
        "article_id"]
    first = await api.reader(seller, article, "i1")
    read = await api.read(first, article)
    second = await api.reader(seller, article, "i2", pid=first["id"])
    await api.read(second, article, pid=first["id"])
    await api.ok("GET", f"/zhugeleida/gongzhonghao/article/staytime/{article}", first,
                 params={"uid": seller["id"], "article_access_log_id": read["article_access_log_id"]})
    await api.ok("GET", f"/zhugeleida/gongzhonghao/article/forward_article/{article}", first,
                 params={"uid": seller["id"], "forward_type": 1})
    A = f"{Q}/article"
    for path, params in ((f"{A}/myarticle/0", {"title": "标", "order": "-read_count"}), (f"{A}/myarticle/{article}", {}),
                         (f"{A}/hide_customer_data/{article}", {}),
                         (f"{A}/get_article_access_log/{article}", {"customer_id": first["id"]}),
                         (f"{A}/get_article_forward_info/{article}", {"customer_id": first["id"]}),
                         (f"{A}/customer_effect_ranking_by_level/{article}", {"level": 1}),
                         (f"{A}/customer_effect_ranking_by_level/{article}", {"level": 0}),
                         (f"{A}/query_customer_transmit_path/{article}", {"customer_id": second["id"], "level": 2}),
                         (f"{A}/customer_read_info/0", {"customer_id": first["id"]}),
                         (f"{A}/query_customer_table_by_level/{article}", {"level": 0}),
                         (f"{A}/query_customer_table_by_level/{article}", {"level": 1}),
                         (f"{A}/query_customer_table_by_level/{article}", {"level": 1, "query_customer_id": first["id"]})):
        await api.ok("GET", path, seller, params=params)
    # The Boss radar.
    boss = "/zhugeleida/boosleida/home_page"
    for oper in ("acount_data", "line_info", "sales_ranking_customer_num", "hudong_pinlv_customer_num",
                 "expect_chengjiaolv_customer_num", "ai_pr_model"):
        await api.ok("GET", f"{boss}/{oper}", admin)
    await api.ok("GET", f"{boss}/expect_chengjiaolv_customer_num", admin, params={"by": "ai_pr"})
    for form in ({"query_user_id": seller["id"], "days": 7}, {"query_user_id": seller["id"], "expedted_pr": "1_50_pr"},
                 {"query_user_id": seller["id"], "ai_pr": "81_99_pr"}):
        await api.ok("POST", f"{boss}/query_have_customer_detail_people", admin, form=form)
    await api.ok("POST", f"{boss}/query_hudong_have_customer_detail_people", admin,
                 form={"type": "chat", "query_user_id": seller["id"], "days": 7})


@pytest.mark.gen_test(timeout=60)
async def test_every_query_is_served_by_an_index(api, commands, admin, seller, customer):
    with commands.recording() as seen:
        await tour(api, admin, seller, customer)
    unindexed = sorted({f"{collection} {sorted(query)} sort={sort}" for command in seen
                        for collection, query, sort in shapes(command) if not covered(collection, query, sort)})
    assert unindexed == [], "\n".join(unindexed)
    assert len(seen) > 50  # the tour did reach the database


def test_the_checker_catches_a_missing_index():
    assert not covered("chats", {"msg": "x"}, [])
    assert not covered("access_logs", {"user_id": 1}, ["remark"])
    assert covered("access_logs", {"user_id": 1}, ["create_date", "_id"])
    assert covered("belongers", {"user_id": 1, "company_id": 1}, ["last_chat_date"])
