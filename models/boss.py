"""The Boss radar: company-wide statistics, rankings and drill-downs.

The overview, the line charts and the rankings read the rollups (models/stats.py: the company's
sealed days, one document a day, with the rollups of the days still moving, and the all-time ones);
only the forecast ranking by AI 成交率 and the drill-downs read the relations (belongers).
Windows are TIME_ZONE days that end today and include it; "yesterday" is the previous calendar day.
"""

import asyncio
from datetime import date, timedelta

from common.errors import invalid, not_found
from common.times import day_start, follow_texts, today, utcnow
from models import customers, scoring, stats
from models.accounts import DEFAULT_AVATAR
from models.db import page

WINDOWS = {"yesterday_data": 1, "nearly_seven_days": 7, "nearly_thirty_days": 30}
RANKING_WINDOWS = {"yesterday": 1, "nearly_seven": 7, "nearly_fifteen": 15, "nearly_thirty": 30}
DETAIL_DAYS = (0, 1, 7, 15, 30)
MAX_RANGE_DAYS = 366  # the overview's since..until
# The seed's bucket names -> expected_pr ranges (0 is in none); the same buckets of ai_pr (by=ai_pr).
PR_BUCKETS = stats.FORECAST_BUCKETS
BUCKET_BY = ("expedted_pr", "ai_pr")


def window(days: int) -> tuple[str, str]:
    """(first day, last day) of a window: 1 is yesterday alone; N > 1 the N days ending today."""
    if days == 1:
        yesterday = (today() - timedelta(days=1)).isoformat()
        return yesterday, yesterday
    return (today() - timedelta(days=days - 1)).isoformat(), today().isoformat()


def _instant(day_text: str, plus: int = 0):
    """The UTC instant at which a TIME_ZONE day (plus some days) begins."""
    return day_start(date.fromisoformat(day_text) + timedelta(days=plus))


# What the overview reads of the rollups.
OVERVIEW_FIELDS = ("new_customers", "relations", "a1", "follow_ups", "a6", "a8", "a9", "praise", "a7", "a4",
                   "customers_in", "customers_out")


def _overview(merged: dict, both_ways: int, one_user: bool) -> dict:
    """One window of the overview, from its rollups' counters merged and its customers who wrote and were
    written to. 靠谱 is a vote a customer toggles: praise_num is net of cancellations,
    and beside it the likes and the cancellations (every 觉得靠谱 action is one or the other: a9 counts
    them all, praise nets them), so a window never seems to contradict another. For one radar user,
    customer_num counts the customers newly related to them."""
    votes, net = merged.get("a9", 0), merged.get("praise", 0)
    return {
        "customer_num": merged.get("relations" if one_user else "new_customers", 0), "browse_num": merged.get("a1", 0),
        "follow_num": merged.get("follow_ups", 0), "comm_num_of_customer": both_ways,
        "forward_num": merged.get("a6", 0), "saved_total_num": merged.get("a8", 0),
        "praise_num": net, "praise_like_num": (votes + net) // 2, "praise_cancel_num": (votes - net) // 2,
        "query_product_num": merged.get("a7", 0), "view_website_num": merged.get("a4", 0),
    }


def _pairs_both_ways(rollups: list[dict]) -> int:
    """Customers with a message each way with the same radar user within the rollups."""
    ins, outs = {}, {}
    for doc in rollups:
        ins.setdefault(doc["user_id"], set()).update(doc.get("customers_in", ()))
        outs.setdefault(doc["user_id"], set()).update(doc.get("customers_out", ()))
    return len({customer for user, received in ins.items() for customer in received & outs.get(user, set())})


async def overview(db, company_id: int, user_id: int | None = None, between: tuple[date, date] | None = None) -> dict:
    """1.1: totals (the all-time rollups), today, yesterday, the last 7 and 30 days, and the days between
    (first, last) when asked (range_data), of the company or of one radar user (the last 30 days'
    rollups, and the range's)."""
    first, last = window(max(WINDOWS.values()))
    if between:
        first, last = min(first, between[0].isoformat()), max(last, between[1].isoformat())
    days = stats.days(db, company_id, first, last, user_id, fields=OVERVIEW_FIELDS) if user_id is not None else \
        stats.company_rollups(db, company_id, first, last, OVERVIEW_FIELDS)
    recent, ever = await asyncio.gather(days, stats.all_time(db, company_id, user_id))
    one_user = user_id is not None
    totals = stats.merged(ever)
    # All time, customers are counted as they first wrote and were written to (with this radar user, or
    # with anyone of the company): every day's who-wrote-each-way would be read otherwise.
    answer = {"count_data": _overview(totals, totals.get("both_ways" if one_user else "new_both_ways", 0), one_user)}
    windows = {"today_data": (today().isoformat(),) * 2, **{name: window(days) for name, days in WINDOWS.items()}}
    if between:
        windows["range_data"] = (between[0].isoformat(), between[1].isoformat())
    for name, (start, end) in windows.items():
        docs = [doc for doc in recent if start <= doc["day"] <= end]
        answer[name] = _overview(stats.merged(docs), _pairs_both_ways(docs), one_user)
    return answer


def check_range(since: date | None, until: date | None) -> tuple[date, date] | None:
    """since/until of the overview: both days included, at most MAX_RANGE_DAYS; until defaults to today."""
    if since is None:
        if until is not None:
            raise invalid("since", "指定 until 时 since 不能为空")
        return None
    until = until or today()
    if since > until:
        raise invalid("since", "不能晚于 until")
    if (until - since).days + 1 > MAX_RANGE_DAYS:
        raise invalid("since", f"时间范围最多{MAX_RANGE_DAYS}天")
    return since, until



def _series(by_day: dict[str, dict], days: int, field: str) -> list[dict]:
    """The last `days` days of one of the company's daily numbers (stats.company_days), oldest first."""
    return [{"statics_date": point, "value": by_day[point][field]}
            for point in ((today() - timedelta(days=back)).isoformat() for back in range(days - 1, -1, -1))]


def _share(part: int, total: int) -> str:
    return f"{part / total * 100:.2f}" if total else "0.00"


async def lines(db, company_id: int) -> dict:
    """1.2: daily series (7/15/30 days, zero days included), interaction totals and interest shares."""
    first, last = window(30)
    by_day, ever = await asyncio.gather(stats.company_days(db, company_id, first, last),
                                        stats.all_time(db, company_id))
    everything = stats.merged(ever)
    series = {"index_type_1": "new_customers", "index_type_2": "customers_in", "index_type_3": "followed"}
    answer = {name: {"nearly_seven_days": _series(by_day, 7, field), "nearly_fifteen_days": _series(by_day, 15, field),
                     "nearly_thirty_days": _series(by_day, 30, field)} for name, field in series.items()}
    answer["index_type_4"] = {"nearly_fifteen_days": _series(by_day, 15, "active")}
    answer["index_type_5"] = {"praise_num": everything.get("praise", 0), "query_product_num": everything.get("a7", 0),
                              "forward_mingpian_num": everything.get("a6", 0),
                              "call_phone_num": everything.get("a10", 0), "saved_phone_num": everything.get("a8", 0)}
    views = {"view_mingpian": everything.get("a1", 0), "view_product_num": everything.get("a2", 0),
             "view_website_num": everything.get("a4", 0)}
    answer["index_type_6"] = {name: _share(value, sum(views.values())) for name, value in views.items()}
    return answer


# ----- rankings ---------------------------------------------------------------------------------
async def _people(db, company_id: int, user_ids) -> dict[int, dict]:
    if not user_ids:
        return {}
    return {u["_id"]: u async for u in db.users.find({"_id": {"$in": list(user_ids)}, "company_id": company_id},
                                                     {"username": 1, "name": 1, "avatar": 1, "gender": 1})}


def _name(user: dict) -> str:
    return user.get("name") or user["username"]


def _ranked(counts: dict[int, int], people: dict[int, dict], shape) -> list[dict]:
    rows = [shape(people[user_id], n) for user_id, n in counts.items() if n and user_id in people]
    return sorted(rows, key=lambda row: -row["have_customer_num"])


def _user_row(user: dict, n: int) -> dict:
    return {"user_id": user["_id"], "user__username": _name(user), "user__avatar": user.get("avatar") or DEFAULT_AVATAR,
            "have_customer_num": n}


async def sales_ranking(db, company_id: int) -> dict:
    """1.3: customers per radar user: all of them, and those related in each window."""
    first, last = window(30)
    ever, recent = await asyncio.gather(stats.all_time(db, company_id),
                                        stats.company_rollups(db, company_id, first, last, ("relations",)))
    totals = {doc["user_id"]: doc.get("customers_held", 0) for doc in ever}
    people = await _people(db, company_id, totals)
    answer = {"total_num_have_customer": _ranked(totals, people, _user_row)}
    for name, days in RANKING_WINDOWS.items():
        start, end = window(days)
        counts: dict[int, int] = {}
        for doc in recent:
            if start <= doc["day"] <= end:
                counts[doc["user_id"]] = counts.get(doc["user_id"], 0) + doc.get("relations", 0)
        answer[f"{name}_new_customer"] = _ranked(counts, people, _user_row)
    return answer


async def interactions(db, company_id: int) -> dict:
    """1.4: per radar user, the customers followed up and the customers who consulted (wrote), per window."""
    first, last = window(30)
    recent = await stats.company_rollups(db, company_id, first, last, ("followed", "customers_in"))
    people = await _people(db, company_id, {doc["user_id"] for doc in recent})
    answer = {"follow_num": {}, "consult_num": {}}
    for name, days in RANKING_WINDOWS.items():
        start, end = window(days)
        followed: dict[int, set] = {}
        consulted: dict[int, set] = {}
        for doc in recent:
            if start <= doc["day"] <= end:
                followed.setdefault(doc["user_id"], set()).update(doc.get("followed", ()))
                consulted.setdefault(doc["user_id"], set()).update(doc.get("customers_in", ()))
        answer["follow_num"][f"{name}_data"] = _ranked({u: len(c) for u, c in followed.items()}, people,
                                                       _follow_row)
        answer["consult_num"][f"{name}_data"] = _ranked({u: len(c) for u, c in consulted.items()}, people,
                                                        _consult_row)
    return answer


def _follow_row(user: dict, n: int) -> dict:
    return {"user_customer_flowup__user_id": user["_id"],
            "user_customer_flowup__user__avatar": user.get("avatar") or DEFAULT_AVATAR,
            "user_customer_flowup__user__username": _name(user),
            "user_customer_flowup__user__gender": "" if user.get("gender") is None else str(user["gender"]),
            "have_customer_num": n}


def _consult_row(user: dict, n: int) -> dict:
    return {"userprofile_id": user["_id"], "userprofile__avatar": user.get("avatar") or DEFAULT_AVATAR,
            "userprofile__username": _name(user), "have_customer_num": n}


def _buckets(by: str, model: dict) -> tuple[str, dict[str, dict]]:
    """(field, bucket name -> condition on it): expected_pr as set by hand, or the ai_rank range of
    each ai_pr bucket now (models/scoring.py: ai_rank orders relations as ai_pr does)."""
    if by == "ai_pr":
        now = utcnow()
        return "ai_rank", {name: scoring.rank_range(model, low, high, now) for name, (low, high) in PR_BUCKETS.items()}
    return "expected_pr", {name: {"$gte": low, "$lte": high} for name, (low, high) in PR_BUCKETS.items()}


async def forecast_ranking(db, company_id: int, by: str = "expedted_pr") -> dict:
    """1.5: per radar user, the customers whose expected rate (by=ai_pr: AI 成交率) is in each bucket:
    the all-time rollups' counts of expected_pr; ai_pr moves with time, so its buckets are counted."""
    if by != "ai_pr":
        ever = await stats.all_time(db, company_id)
        people = await _people(db, company_id, {doc["user_id"] for doc in ever})
        return {bucket: _ranked({doc["user_id"]: doc.get(f"forecast_{bucket}", 0) for doc in ever}, people, _user_row)
                for bucket in PR_BUCKETS}
    field, buckets = _buckets(by, await scoring.model_of(db, company_id))
    branches = [{"case": {"$and": [{operator: [f"${field}", bound]} for operator, bound in condition.items()]},
                 "then": name} for name, condition in buckets.items()]
    pipeline = [{"$match": {"company_id": company_id, field: {"$gte": buckets["1_50_pr"]["$gte"]}}},
                {"$group": {"_id": {"user": "$user_id", "bucket": {"$switch": {"branches": branches,
                                                                              "default": "none"}}},
                            "n": {"$sum": 1}}}]
    rows = await (await db.belongers.aggregate(pipeline)).to_list()
    people = await _people(db, company_id, {row["_id"]["user"] for row in rows})
    return {bucket: _ranked({row["_id"]["user"]: row["n"] for row in rows if row["_id"]["bucket"] == bucket}, people,
                            _user_row) for bucket in PR_BUCKETS}


# ----- drill-downs ------------------------------------------------------------------------------
async def radar_user(db, company_id: int, user_id: int) -> None:
    if not await db.users.find_one({"_id": user_id, "company_id": company_id}, {"_id": 1}):
        raise not_found("query_user_id 用户ID")


def _customer_row(belonger: dict, older_names: bool, model: dict, now) -> dict:
    customer = belonger["customer"][0]
    status = follow_texts(belonger.get("last_follow_time"))
    row = {"customer_id": customer["_id"], "customer_username": customers.display_name(customer),
           "headimgurl": customers.avatar(customer), "customer_sex": customer.get("sex"),
           "expected_time": belonger.get("expected_time"), "expedted_pr": belonger.get("expected_pr"),
           "ai_pr": str(scoring.ai_pr(model, belonger, now)), "source": belonger.get("source"),
           "customer_status": boss_status(belonger, status)}
    if not older_names:
        return row
    # 1.3.1 prints the same route's fields under the original's older names: a client of either finds them.
    row.update({"customer__expedted_pr": row["expedted_pr"], "customer__expected_time": row["expected_time"],
                "customer__username": row["customer_username"], "customer__headimgurl": row["headimgurl"],
                "customer__sex": row["customer_sex"]})
    return row


def boss_status(belonger: dict, texts: tuple[str, str]) -> str:
    """还未跟进过 / 今天跟进 / 昨天跟进 / N天前跟进过 (the Boss radar's wording)."""
    when, _status = texts
    if not belonger.get("last_follow_time"):
        return "还未跟进过"
    return {"今天": "今天跟进", "昨天": "昨天跟进"}.get(when, f"{when}跟进过")


async def _page_of(db, query: dict, skip: int, limit: int, older_names: bool = False) -> dict:
    rows, total = await page(db.belongers, query, [("create_date", -1), ("_id", -1)], skip, limit,
                             after=(customers.JOIN,))
    model, now = await scoring.model_of(db, query["company_id"]), utcnow()
    return {"ret_data": [_customer_row(row, older_names, model, now) for row in rows if row["customer"]],
            "count": total}


async def customers_of(db, company_id: int, user_id: int, *, days: int = 0, bucket: str | None = None,
                       ai_bucket: str | None = None, skip: int = 0, limit: int = 10) -> dict:
    """1.3.1 / 1.5.1: a radar user's customers, related within days (0: all), in an expected-rate
    bucket, or in an ai_pr bucket (the same bucket names)."""
    await radar_user(db, company_id, user_id)
    model = await scoring.model_of(db, company_id)
    query = {"company_id": company_id, "user_id": user_id}
    if days:
        first, last = window(days)
        query["create_date"] = {"$gte": _instant(first), "$lt": _instant(last, 1)}
    for by, name in (("expedted_pr", bucket), ("ai_pr", ai_bucket)):
        if name:
            field, buckets = _buckets(by, model)
            query[field] = buckets[name]
    return await _page_of(db, query, skip, limit, older_names=True)


async def interacted(db, company_id: int, user_id: int, kind: str, days: int, skip: int, limit: int) -> dict:
    """1.4.2: the customers a radar user followed up (follow) or who wrote to them (chat) within days."""
    await radar_user(db, company_id, user_id)
    first, last = window(days)
    field = "followed" if kind == "follow" else "customers_in"
    rollups = await stats.days(db, company_id, first, last, user_id, fields=(field,))
    ids = set().union(*(doc.get(field, ()) for doc in rollups))
    if not ids:
        return {"ret_data": [], "count": 0}
    return await _page_of(db, {"company_id": company_id, "user_id": user_id, "customer_id": {"$in": sorted(ids)}},
                          skip, limit)


def check_days(days: int, choices=DETAIL_DAYS) -> int:
    if days not in choices:
        raise invalid("days", f"只能是{'|'.join(str(d) for d in choices)}")
    return days

