"""The address book's search and filters at 5,000 customers: each request is a page and its count
(of the whole book, the relations the user holds), sent together, and their query is bounded by the
radar user's own relations (an index that starts with user_id).

The customers and relations are inserted straight through the driver (tests/conftest.py bulk_insert),
not one by one through the API. Query plans: on a real MongoDB (MONGO_URI) explain must show an index
scan on a (user_id, ...) index and no collection scan, examining at most the user's own relations;
mongoeco's engine has no planner for secondary indexes (it scans), so there the explained filter must
start from the user's own id, and the static index check of test_indexes must hold.
"""

import json
from datetime import timedelta

import pytest

from common.times import utcnow
from models import customers, stats
from tests.test_indexes import covered

T = "/zhugeleida/qiyeweixin/tongxunlu"
CUSTOMERS = 5000
SELLERS_SHARE = 4000  # the seller's relations; the rest are a colleague's


def made_customer(index: int, now) -> dict:
    return {"_id": 100_000 + index, "company_id": 1, "username": f"客户{index:04d}", "phone": f"139{index:08d}",
            "user_type": 1 + index % 2, "headimgurl": "", "tags": [], "superior": None, "token": f"t{index}",
            "create_date": now}


def made_relation(index: int, customer: dict, user_id: int, tag_ids: list[int], now) -> dict:
    memo = f"老朋友{index}" if index % 10 == 0 else None
    tags = [tag_ids[index % len(tag_ids)]] if index % 3 == 0 else []
    customer["tags"] = [{"id": tag, "name": "t"} for tag in tags]
    return {"_id": 200_000 + index, "user_id": user_id, "customer_id": customer["_id"], "company_id": 1,
            "source": 1 + index % 4, "customer_parent": None, "expected_time": None,
            "expected_pr": None if index % 5 == 0 else index % 101, "last_chat_date": None,
            "last_follow_time": None if index % 4 == 0 else now - timedelta(days=index % 20),
            "last_activity_time": None, "praised": False, "card_views": 0,
            "create_date": now - timedelta(days=index % 30), "memo_name": memo,
            "search_text": customers.search_text(customer, memo), "tag_ids": tags}


@pytest.fixture
def crowd(io_loop, api, db, admin, seller, bulk_insert):
    """5,000 customers: 4,000 of the seller's, 1,000 of a colleague's; {"relations": the seller's, "tags"}."""
    async def make():
        colleague = await api.create_user(admin, "colleague")
        groups = (await api.ok("GET", "/zhugeleida/qiyeweixin/tag_list", seller))["ret_data"]
        tag_ids = [tag["id"] for group in groups for tag in group["tags"]]
        now = utcnow()
        people, relations = [], []
        for index in range(CUSTOMERS):
            customer = made_customer(index, now)
            owner = seller["id"] if index < SELLERS_SHARE else colleague["id"]
            relations.append(made_relation(index, customer, owner, tag_ids, now))
            people.append(customer)
        await bulk_insert("customers", people)
        await bulk_insert("belongers", relations)
        await stats.rebuild(db)  # the relations each user holds, as the app counts them with each relation
        return {"relations": [r for r in relations if r["user_id"] == seller["id"]], "tags": tag_ids, "now": now}
    return io_loop.run_sync(make)


def expected(relations: list[dict], params: dict, now) -> int:
    """How many of the seller's relations a filter should match, computed here from the rows made."""
    def keep(relation):
        text = relation["search_text"].lower()
        if "search" in params and params["search"].lower() not in text:
            return False
        if "tag_ids" in params and not set(json.loads(params["tag_ids"])) & set(relation["tag_ids"]):
            return False
        if "source" in params and relation["source"] not in json.loads(str(params["source"])):
            return False
        pr = relation["expected_pr"]
        if "pr_min" in params and (pr is None or pr < params["pr_min"] or pr > params.get("pr_max", 100)):
            return False
        if params.get("follow") == "never" and relation["last_follow_time"] is not None:
            return False
        return True
    return sum(1 for relation in relations if keep(relation))


def index_scans(node, found=None) -> list:
    """Every IXSCAN/COLLSCAN stage in a MongoDB explain answer, wherever the plan nests it."""
    found = [] if found is None else found
    if isinstance(node, dict):
        if node.get("stage") in ("IXSCAN", "COLLSCAN"):
            found.append(node)
        for value in node.values():
            index_scans(value, found)
    elif isinstance(node, list):
        for value in node:
            index_scans(value, found)
    return found


async def check_plan(db, match: dict, sort: list[str], user_id: int, bound: int) -> None:
    assert covered("belongers", match, sort), match
    explained = await db.command("explain", {"aggregate": "belongers", "pipeline": [{"$match": match}],
                                             "cursor": {}}, verbosity="executionStats")
    scans = index_scans(explained)
    if scans:  # a real MongoDB's planner
        assert all(scan["stage"] == "IXSCAN" and next(iter(scan["keyPattern"])) == "user_id" for scan in scans), scans
        examined = [stats["totalDocsExamined"] for stats in _find(explained, "executionStats")]
        assert examined and max(examined) <= bound
    else:  # mongoeco: the filter it runs starts from the user's own id
        plan = json.dumps(explained, ensure_ascii=False, default=str)
        assert f"EqualsCondition(field='user_id', value={user_id}" in plan, plan[:500]


def _find(node, key):
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                yield value
            yield from _find(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from _find(value, key)


@pytest.mark.gen_test(timeout=240)
async def test_every_filter_is_a_page_and_a_count_bounded_by_the_users_own_relations(api, db, commands, seller,
                                                                                     crowd):
    tags = crowd["tags"]
    cases = [
        {}, {"search": "客户12"}, {"search": "老朋友"}, {"search": "1390000"}, {"search": "不存在"},
        {"tag_ids": json.dumps(tags[:2])}, {"source": "[4]"}, {"source": "[1,3]"}, {"pr_min": 30, "pr_max": 60},
        {"follow": "never"}, {"search": "客户1", "tag_ids": json.dumps(tags), "pr_min": 10, "order": "-last_follow_time"},
        {"search": "139", "order": "last_activity_time"},
    ]
    for params in cases:
        for _warm_then_count in range(2):
            with commands.recording() as seen:
                data = await api.ok("GET", T, seller, params={**params, "length": 50})
        assert data["data_count"] == expected(crowd["relations"], params, crowd["now"]), params
        assert len(data["ret_data"]) == min(50, data["data_count"])
        # The caller and its company (AI 成交率's weights), when their cache entries expired under load.
        seen = [c for c in seen if c["collection"] not in ("users", "companies")]
        names = sorted(commands.names(seen))
        if set(params) <= {"order"}:  # the whole book: its total is the relations the user holds
            assert names == ["aggregate belongers", "find daily_stats"], names
        else:
            assert names == ["aggregate belongers", "aggregate belongers"], names
        pages = [c["command"]["pipeline"] for c in seen if c["name"] == "aggregate"]
        page = next(pipeline for pipeline in pages if "$sort" in pipeline[1])
        match, sort = page[0]["$match"], list(page[1]["$sort"])
        assert all(pipeline[0]["$match"] == match for pipeline in pages)  # the count's (count_documents) too
        await check_plan(db, match, sort, seller["id"], SELLERS_SHARE)


@pytest.mark.gen_test(timeout=240)
async def test_the_radar_feed_search_finds_customers_among_the_users_own(api, db, commands, seller, crowd,
                                                                         bulk_insert):
    logs = [{"_id": 300_000 + n, "company_id": 1, "user_id": seller["id"], "customer_id": customer, "action": 1,
             "is_new_msg": False, "remark": "首次查看您的名片,沟通从此刻开始", "create_date": crowd["now"]}
            for n, customer in enumerate((100_012, 100_013, 100_012))]
    await bulk_insert("access_logs", logs)
    await stats.rebuild_counts(db)  # the feed's counts, as the app keeps them with each log
    for _warm_then_count in range(2):
        with commands.recording() as seen:
            feed = await api.ok("GET", "/zhugeleida/qiyeweixin/action/time", seller, params={"search": "客户0012"})
    assert feed["data_count"] == 2 and {row["customer_id"] for row in feed["ret_data"]} == {100_012}
    seen = [c for c in seen if c["collection"] != "users"]  # the caller, when its cache entry expired
    first = seen[0]
    assert (first["name"], first["collection"]) == ("find", "belongers")
    await check_plan(db, first["command"]["filter"], [], seller["id"], SELLERS_SHARE)
    assert len(seen) == 4, commands.names(seen)  # the customers found, then the feed's count, page and seen mark
