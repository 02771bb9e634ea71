"""Daily rollups for the Boss radar: one document per (company, radar user, TIME_ZONE day).

Every customer action, new relation, follow-up and chat message moves its day's counters in the
same request (one upsert), so the Boss radar reads these and the relations, never the logs:
its cost grows with days x users, not with the activity. `rebuild` recomputes them from the raw
collections (python server.py rebuild-stats) and reports what differed.

Fields: counters `new_customers` (customers first related to anyone of the company), `relations`
(new relations of this user), `follow_ups`, `messages_in` / `messages_out`, `a<code>` (actions),
`praise` (靠谱 net of cancellations); and the day's distinct customers: `customers_in` (sent a
message), `customers_out` (were sent one), `followed`, `active` (did anything).

Each radar user also has an all-time rollup (day "all", after every date) of the counters, moved
with the day's, so all-time totals read one document per radar user, not one per day; it also
counts `both_ways`, the customers who have written to and been written to by the radar user, and
`new_both_ways`, those of them who had not with anyone else of the company (as new_customers
counts relations): all of time's who-wrote-each-way would otherwise be every day's sets. And
`customers_held`, the relations the radar user has now (each new one, less each deleted): the
Boss radar's ranking and the address book's total read it instead of counting relations; and
`forecast_<bucket>`, how many of them have an expected_pr in each of the Boss radar's forecast
buckets (moved as a forecast changes or a relation goes), which its forecast ranking reads.

The Boss radar's daily charts need, per day, the company's distinct customers of each set: every
radar user's sets of that day. A day that can no longer move (it ended over SEAL_AFTER ago) is summed
up once, the first time it is asked for, into `company_days` (one small document per company and
day); the charts then read 30 of those and today's rollups. rebuild-stats and seed-demo, which
rewrite past days, drop the summaries.
"""

import asyncio
from collections import Counter, defaultdict
from datetime import date, timedelta

from pymongo import UpdateOne
from pymongo.errors import BulkWriteError

from common.context import current
from common.times import day, utcnow
from models.db import GroupCommit

SETS = ("customers_in", "customers_out", "followed", "active")
ALL_TIME = "all"
# The Boss radar's forecast buckets: expected_pr ranges (0 and no forecast are in none).
FORECAST_BUCKETS = {"1_50_pr": (1, 50), "51_80_pr": (51, 80), "81_99_pr": (81, 99), "100_pr": (100, 100)}
# On every all-time rollup whose forecast_<bucket> counts are kept (those made before are counted at startup).
FORECASTS_COUNTED = "forecasts_counted"
# The radar feed's counts (action_counts): per (radar user, customer) and per radar user, kind "customer"
# and "user", fields `total` and `a<code>`, moved with each access log, so the feed by customer and by
# action read counters, never the logs. A relation's counts go with its logs (forget_counts).
COUNTERS_FROM_ACTIONS = "a"


def _id(company_id: int, user_id: int, when_day: str) -> str:
    return f"{company_id}:{user_id}:{when_day}"


def change(company_id: int, user_id: int, when=None, inc: dict | None = None, add: dict | None = None) -> tuple:
    """(filter, update) of one day's rollup: counters to add and customers to remember."""
    when_day = day(when or utcnow())
    update = {"$setOnInsert": {"company_id": company_id, "user_id": user_id, "day": when_day}}
    if inc:
        update["$inc"] = inc
    if add:
        update["$addToSet"] = add
    return {"_id": _id(company_id, user_id, when_day)}, update


def all_time_change(change_: tuple) -> tuple:
    """(filter, update) of the all-time rollup a day's change moves too: its counters (a set of all time
    would make every write rewrite it)."""
    _query, update = change_
    company_id, user_id = update["$setOnInsert"]["company_id"], update["$setOnInsert"]["user_id"]
    ever = {"$setOnInsert": {"company_id": company_id, "user_id": user_id, "day": ALL_TIME, FORECASTS_COUNTED: True}}
    if "$inc" in update:
        held = update["$inc"].get("relations")
        ever["$inc"] = {**update["$inc"], **({"customers_held": held} if held else {})}
    return {"_id": _id(company_id, user_id, ALL_TIME)}, ever


def forecast_field(expected_pr) -> str | None:
    """The all-time rollup's count of a relation with this expected_pr (None: in no bucket)."""
    if not isinstance(expected_pr, (int, float)) or isinstance(expected_pr, bool):  # None, a legacy string
        return None
    for name, (low, high) in FORECAST_BUCKETS.items():
        if low <= expected_pr <= high:
            return f"forecast_{name}"
    return None


async def relation_deleted(db, company_id: int, user_id: int, expected_pr=None) -> None:
    """One relation fewer held by the radar user, and in its forecast bucket (its counters of the past stay)."""
    bucket = forecast_field(expected_pr)
    inc = {"customers_held": -1, **({bucket: -1} if bucket else {})}
    await db.daily_stats.update_one(*all_time_change(change(company_id, user_id, inc=inc)))


async def forecast_moved(db, company_id: int, user_id: int, before, after) -> None:
    """A relation's expected_pr went from before to after: the radar user's bucket counts move with it."""
    old, new = forecast_field(before), forecast_field(after)
    if old != new:
        inc = {**({old: -1} if old else {}), **({new: 1} if new else {})}
        await db.daily_stats.update_one(*all_time_change(change(company_id, user_id, inc=inc)), upsert=True)


async def move(db, change_: tuple) -> None:
    """A day's change and its all-time one, upserted in one command: in the running application,
    together with the changes of the requests moving rollups at the same moment (rollup_writes)."""
    changes = [change_, all_time_change(change_)]
    app = current()
    if app is None:
        await _write(db, changes)
    else:
        await app.rollups.write(db, changes)


async def _write(db, changes: list[tuple]) -> dict:
    """The changes in one command; as a GroupCommit flush: merged, they fail or succeed together."""
    writes = [UpdateOne(query, update, upsert=True) for query, update in merged_changes(changes)]
    await db.daily_stats.bulk_write(writes, ordered=False)
    return {}


def rollup_writes() -> GroupCommit:
    """The running application's rollup changes of requests at the same moment, written together:
    counters add up, so one command moves them as the separate ones would."""
    return GroupCommit(_write)


def merged_changes(changes: list[tuple]) -> list[tuple]:
    """Changes of the same rollup as one: counters added up, customers remembered together."""
    by_rollup: dict = {}
    for query, update in changes:
        into = by_rollup.setdefault(query["_id"], (query, {"$setOnInsert": update["$setOnInsert"]}))[1]
        for field, amount in update.get("$inc", {}).items():
            into.setdefault("$inc", {})[field] = into.get("$inc", {}).get(field, 0) + amount
        for field, value in update.get("$addToSet", {}).items():
            each = into.setdefault("$addToSet", {}).setdefault(field, {"$each": []})["$each"]
            if value not in each:
                each.append(value)
    return list(by_rollup.values())


def both_ways_change(company_id: int, user_id: int, first_in_company: bool) -> tuple:
    """(filter, update) of the all-time rollup: a customer has now written to and been written to by
    this radar user (first_in_company: the first of the company they have with)."""
    inc = {"both_ways": 1, **({"new_both_ways": 1} if first_in_company else {})}
    return all_time_change(change(company_id, user_id, inc=inc))


def action_change(log: dict) -> tuple:
    inc = {f"{COUNTERS_FROM_ACTIONS}{log['action']}": 1}
    if "praise" in log:
        inc["praise"] = log["praise"]
    return change(log["company_id"], log["user_id"], log["create_date"], inc, {"active": log["customer_id"]})


def chat_change(chat: dict, from_customer: bool) -> tuple:
    field, counter = ("customers_in", "messages_in") if from_customer else ("customers_out", "messages_out")
    return change(chat["company_id"], chat["user_id"], chat["create_date"], {counter: 1},
                  {field: chat["customer_id"]})


def follow_change(note: dict) -> tuple:
    return change(note["company_id"], note["user_id"], note["create_date"], {"follow_ups": 1},
                  {"followed": note["customer_id"]})


def relation_change(belonger: dict, first_in_company: bool) -> tuple:
    inc = {"relations": 1, **({"new_customers": 1} if first_in_company else {})}
    return change(belonger["company_id"], belonger["user_id"], belonger["create_date"], inc)


async def all_time(db, company_id: int, user_id: int | None = None) -> list[dict]:
    """The all-time rollups of a company's radar users (or of one of them)."""
    query = {"company_id": company_id, "day": ALL_TIME, **({} if user_id is None else {"user_id": user_id})}
    return await db.daily_stats.find(query, {"_id": 0}).to_list()


async def customers_held(db, company_id: int, user_id: int) -> int:
    """How many relations the radar user has now."""
    ever = await db.daily_stats.find_one({"_id": _id(company_id, user_id, ALL_TIME)}, {"customers_held": 1})
    return (ever or {}).get("customers_held", 0)


async def days(db, company_id: int, first_day: str | None, last_day: str, user_id: int | None = None,
               fields: tuple = ()) -> list[dict]:
    """The rollups of a company (or one of its users) from first_day (None: the beginning) to last_day;
    only fields (and day, user_id) when named: the day's customer sets can be long."""
    query = {"company_id": company_id, "day": {"$lte": last_day}}
    if first_day:
        query["day"]["$gte"] = first_day
    if user_id is not None:
        query["user_id"] = user_id
    projection = {"_id": 0, **({field: 1 for field in ("day", "user_id", *fields)} if fields else {})}
    return await db.daily_stats.find(query, projection).to_list()


# ----- the radar feed's counts ----------------------------------------------------------------------
def customer_counts_id(user_id: int, customer_id: int) -> str:
    return f"{user_id}:{customer_id}"


def user_counts_id(user_id: int) -> str:
    return str(user_id)


def count_updates(log: dict) -> list[tuple[dict, dict]]:
    """(filter, update) of the two counts a log moves."""
    inc = {"total": 1, f"a{log['action']}": 1}
    user, customer = log["user_id"], log["customer_id"]
    return [({"_id": customer_counts_id(user, customer)},
             {"$setOnInsert": {"kind": "customer", "company_id": log["company_id"], "user_id": user,
                               "customer_id": customer}, "$inc": inc}),
            ({"_id": user_counts_id(user)},
             {"$setOnInsert": {"kind": "user", "company_id": log["company_id"], "user_id": user}, "$inc": inc})]


def count_changes(log: dict) -> list[UpdateOne]:
    return [UpdateOne(query, update, upsert=True) for query, update in count_updates(log)]


def per_action(counts: dict | None) -> dict[int, int]:
    """{action: n} of a counts document, the actions that have happened."""
    return {int(key[1:]): n for key, n in (counts or {}).items() if key[0] == "a" and key[1:].isdigit() and n}


async def forget_counts(db, user_id: int, customer_id: int) -> None:
    """A relation's logs are gone: its counts leave the radar user's too."""
    counts = await db.action_counts.find_one_and_delete({"_id": customer_counts_id(user_id, customer_id)})
    if counts:
        await db.action_counts.update_one({"_id": user_counts_id(user_id)}, {"$inc": {
            "total": -counts["total"], **{f"a{action}": -n for action, n in per_action(counts).items()}}})


async def rebuild_counts(db) -> None:
    """Recompute the feed's counts from the access logs."""
    docs: dict[str, dict] = {}
    async for log in db.access_logs.find({}, {"user_id": 1, "customer_id": 1, "company_id": 1, "action": 1}):
        for counted in count_updates(log):
            apply_change(docs, counted)
    await db.action_counts.delete_many({})
    if docs:
        await db.action_counts.insert_many(list(docs.values()))


# ----- repair -----------------------------------------------------------------------------------
def apply_change(docs: dict, change_: tuple) -> None:
    """One (filter, update) applied to documents in memory {_id: document}, as the upsert applies it."""
    query, update = change_
    doc = docs.setdefault(query["_id"], {"_id": query["_id"], **update["$setOnInsert"]})
    for field, amount in update.get("$inc", {}).items():
        doc[field] = doc.get(field, 0) + amount
    for field, value in update.get("$addToSet", {}).items():
        doc.setdefault(field, set()).add(value)


def add_to_all_time(docs: dict, day_doc: dict) -> None:
    query, update = all_time_change(({}, {"$setOnInsert": {"company_id": day_doc["company_id"],
                                                           "user_id": day_doc["user_id"]}}))
    ever = docs.setdefault(query["_id"], {"_id": query["_id"], **update["$setOnInsert"]})
    for field, value in day_doc.items():
        if field not in ("_id", "company_id", "user_id", "day") and field not in SETS:
            ever[field] = ever.get(field, 0) + value


def relation_counts(relations) -> dict[tuple[int, int], Counter]:
    """{(company_id, user_id): {customers_held, forecast_<bucket>: n}} of relations (each with company_id,
    user_id and expected_pr, and `n` when it stands for that many relations)."""
    counts: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for relation in relations:
        held, many = counts[(relation["company_id"], relation["user_id"])], relation.get("n", 1)
        held["customers_held"] += many
        bucket = forecast_field(relation.get("expected_pr"))
        if bucket:
            held[bucket] += many
    return counts


def held_fields(counts: Counter) -> dict:
    """What relation_counts gives a radar user, every bucket named (a bucket emptied is 0, not absent)."""
    return {"customers_held": counts["customers_held"],
            **{f"forecast_{name}": counts[f"forecast_{name}"] for name in FORECAST_BUCKETS}}


def hold_relations(docs: dict, counts: dict[tuple[int, int], Counter]) -> None:
    """The all-time rollups' customers_held and forecast buckets, from relation_counts of the relations now."""
    for (company_id, user_id), held in counts.items():
        query, update = all_time_change(change(company_id, user_id))
        docs.setdefault(query["_id"], {"_id": query["_id"], **update["$setOnInsert"]}).update(held_fields(held))


def count_both_ways(docs: dict, messages) -> None:
    """messages: (company_id, user_id, customer_id, from_customer) in time order; each customer's first
    message each way with a radar user is what counts (both_ways_change)."""
    seen, paired = set(), set()
    for company_id, user_id, customer_id, from_customer in messages:
        if (user_id, customer_id, from_customer) in seen:
            continue
        seen.add((user_id, customer_id, from_customer))
        if (user_id, customer_id, not from_customer) in seen:
            apply_change(docs, both_ways_change(company_id, user_id, (company_id, customer_id) not in paired))
            paired.add((company_id, customer_id))


async def _relations_now(db) -> dict[tuple[int, int], Counter]:
    """relation_counts of every relation, counted by the database per radar user and expected_pr."""
    pipeline = [{"$group": {"_id": {field: f"${field}" for field in ("company_id", "user_id", "expected_pr")},
                            "n": {"$sum": 1}}}]
    rows = await (await db.belongers.aggregate(pipeline)).to_list()
    return relation_counts({**row["_id"], "n": row["n"]} for row in rows)


async def _count_forecasts(db) -> None:
    """All-time rollups made before the forecast buckets were counted get them (startup, once)."""
    counts = await _relations_now(db)
    writes = [UpdateOne(*all_time_change(change(company_id, user_id)), upsert=True)
              for company_id, user_id in counts]
    writes += [UpdateOne({"_id": _id(company_id, user_id, ALL_TIME)},
                         {"$set": {f"forecast_{name}": held[f"forecast_{name}"] for name in FORECAST_BUCKETS}})
               for (company_id, user_id), held in counts.items()]
    if writes:
        await db.daily_stats.bulk_write(writes)
    await db.daily_stats.update_many({"day": ALL_TIME}, {"$set": {FORECASTS_COUNTED: True}})


async def ensure_all_time(db) -> None:
    """Rollups made before the all-time ones existed get them (startup; a no-op once done): the day's
    counters, and who wrote each way as the days' sets tell it."""
    done = await db.daily_stats.find_one({"day": ALL_TIME}, {"_id": 1, FORECASTS_COUNTED: 1})
    if done and not done.get(FORECASTS_COUNTED):
        await _count_forecasts(db)
    if done or not await db.daily_stats.find_one({}, {"_id": 1}):
        return
    docs: dict[str, dict] = {}
    days_in_order = await db.daily_stats.find({}).sort([("day", 1), ("_id", 1)]).to_list()
    for doc in days_in_order:
        add_to_all_time(docs, doc)
    count_both_ways(docs, ((doc["company_id"], doc["user_id"], customer_id, field == "customers_in")
                            for doc in days_in_order for field in ("customers_in", "customers_out")
                            for customer_id in doc.get(field, ())))
    hold_relations(docs, await _relations_now(db))
    await db.daily_stats.insert_many([{k: sorted(v) if isinstance(v, set) else v for k, v in doc.items()}
                                      for doc in docs.values()])


def _normal(doc: dict) -> dict:
    """A rollup compared regardless of set order (and without zero counters)."""
    return {key: sorted(value) if isinstance(value, (list, set)) else value for key, value in doc.items()
            if value not in (0, [], set())}


async def rebuild(db) -> dict:
    """Recompute every rollup from the raw collections, replace them, and report what differed (and
    the feed's counts too)."""
    docs: dict[str, dict] = {}
    async for log in db.access_logs.find({}):
        apply_change(docs, action_change(log))
    chats = await db.chats.find({}, {"company_id": 1, "user_id": 1, "customer_id": 1, "send_type": 1,
                                     "create_date": 1}).sort([("create_date", 1), ("_id", 1)]).to_list()
    for chat in chats:
        apply_change(docs, chat_change(chat, chat["send_type"] == 2))
    async for note in db.follow_infos.find({}):
        apply_change(docs, follow_change(note))
    first = {}
    relations = await db.belongers.find({}, {"company_id": 1, "user_id": 1, "customer_id": 1, "create_date": 1,
                                             "expected_pr": 1}).sort(
        [("create_date", 1), ("_id", 1)]).to_list()
    for belonger in relations:
        key = (belonger["company_id"], belonger["customer_id"])
        apply_change(docs, relation_change(belonger, key not in first))
        first.setdefault(key, belonger["_id"])
    for doc in list(docs.values()):
        add_to_all_time(docs, doc)
    hold_relations(docs, relation_counts(relations))
    count_both_ways(docs, ((chat["company_id"], chat["user_id"], chat["customer_id"], chat["send_type"] == 2)
                            for chat in chats))
    current = {doc["_id"]: doc async for doc in db.daily_stats.find({})}
    rebuilt = {key: {k: sorted(v) if isinstance(v, set) else v for k, v in doc.items()} for key, doc in docs.items()}
    different = sorted(key for key in set(current) | set(rebuilt)
                       if _normal(current.get(key, {"_id": key})) != _normal(rebuilt.get(key, {"_id": key})))
    await db.daily_stats.delete_many({})
    if rebuilt:
        await db.daily_stats.insert_many(list(rebuilt.values()))
    await forget_company_days(db)
    await rebuild_counts(db)
    return {"days": sum(doc["day"] != ALL_TIME for doc in rebuilt.values()), "different": different}


# ----- the company's days (the Boss radar's charts, overview and rankings) ---------------------------
DAY_SETS = ("customers_in", "followed", "active")
DUPLICATE_KEY = 11000
# A day is sealed this long after it ended: a write begun before midnight may land just after it.
SEAL_AFTER = timedelta(minutes=5)
DAY_FIELDS = ("new_customers", *DAY_SETS)
# In a sealed day's _id and on it: summaries made before they held `users` are never read (rebuild-stats
# and seed-demo drop every one).
SEALED_VERSION = 2
BY_USER = "u_"


def _day_summary(rollups: list[dict]) -> dict:
    """One day of the company: its new customers and how many distinct customers each set holds."""
    day_total = merged(rollups)
    return {"new_customers": day_total.get("new_customers", 0),
            **{field: len(day_total.get(field, ())) for field in DAY_SETS}}


def _sealed(company_id: int, when: str, rollups: list[dict]) -> dict:
    """A day that can no longer move, in one document: the company's summary (DAY_FIELDS) and, for each
    field of the rollups but `active` (read only as the day's count), BY_USER + field: {radar user: its
    value that day}, so that a reader of some fields decodes only theirs."""
    by_user: dict[str, dict] = {}
    for doc in rollups:
        for key, value in doc.items():
            if key not in ("_id", "company_id", "user_id", "day", "active"):
                by_user.setdefault(BY_USER + key, {})[str(doc["user_id"])] = \
                    sorted(value) if isinstance(value, (list, set)) else value
    return {"company_id": company_id, "day": when, "v": SEALED_VERSION, **_day_summary(rollups), **by_user}


def _by_day(rollups: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for doc in rollups:
        grouped.setdefault(doc["day"], []).append(doc)
    return grouped


def _days_between(first_day: str, last_day: str) -> list[str]:
    first, last = date.fromisoformat(first_day), date.fromisoformat(last_day)
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


async def _company_window(db, company_id: int, first_day: str, last_day: str, sealed_fields: tuple,
                          live_fields: tuple) -> tuple[dict[str, dict], list[dict]]:
    """({day: sealed day (sealed_fields)}, the rollups (live_fields) of the days still moving) from
    first_day to last_day. A day found not sealed yet is sealed now, once: its rollups read whole."""
    live_from = day(utcnow() - SEAL_AFTER)
    sealed_query = {"company_id": company_id, "day": {"$gte": first_day, "$lte": last_day}, "v": SEALED_VERSION}
    found, live = await asyncio.gather(
        db.company_days.find(sealed_query, {"_id": 0, "day": 1, **dict.fromkeys(sealed_fields, 1)}).to_list(),
        days(db, company_id, max(first_day, live_from), last_day, fields=live_fields)
        if live_from <= last_day else asyncio.sleep(0, []))  # (every day sealed: no rollup to read)
    # A day at or after live_from is read from its rollups even if sealed (by a clock ahead, since stepped
    # back): never both. Such a seal is dropped, so the day is sealed again, whole, once it is due.
    sealed = {doc["day"]: doc for doc in found if doc["day"] < live_from}
    early = [_sealed_id(company_id, doc["day"]) for doc in found if doc["day"] >= live_from]
    if early:
        await db.company_days.delete_many({"_id": {"$in": early}})
    missing = [when for when in _days_between(first_day, min(last_day, _yesterday_of(live_from)))
               if when not in sealed]
    if missing:
        rollups = _by_day(await days(db, company_id, missing[0], missing[-1]))
        made = {when: _sealed(company_id, when, rollups.get(when, [])) for when in missing}
        try:
            await db.company_days.bulk_write([UpdateOne({"_id": _sealed_id(company_id, when)}, {"$setOnInsert": doc},
                                                        upsert=True) for when, doc in made.items()], ordered=False)
        except BulkWriteError as error:  # another request sealed the same day at the same moment: equal
            if any(item["code"] != DUPLICATE_KEY for item in error.details["writeErrors"]):
                raise
        sealed.update(made)
    return sealed, live


def _sealed_id(company_id: int, when: str) -> str:
    return f"{company_id}:{when}:v{SEALED_VERSION}"


def _yesterday_of(when: str) -> str:
    return (date.fromisoformat(when) - timedelta(days=1)).isoformat()


async def company_days(db, company_id: int, first_day: str, last_day: str) -> dict[str, dict]:
    """{day: {new_customers, customers_in, followed, active}} of the company, for every day from first_day
    to last_day: the sealed days' summaries and, for the days still moving, the rollups themselves."""
    sealed, live = await _company_window(db, company_id, first_day, last_day, DAY_FIELDS, DAY_FIELDS)
    answer = {when: {field: doc.get(field, 0) for field in DAY_FIELDS} for when, doc in sealed.items()}
    answer.update({when: _day_summary(docs) for when, docs in _by_day(live).items()})
    return {when: answer.get(when) or _day_summary([]) for when in _days_between(first_day, last_day)}


async def company_rollups(db, company_id: int, first_day: str, last_day: str, fields: tuple) -> list[dict]:
    """What days() gives for the whole company (each radar user's rollup of each day, only fields, and
    day and user_id), read from one sealed document a day and the rollups of the days still moving;
    `active` is not among the sealed fields."""
    sealed, live = await _company_window(db, company_id, first_day, last_day,
                                         tuple(BY_USER + field for field in fields), fields)
    rollups: dict[tuple[str, str], dict] = {}
    for when, summary in sealed.items():
        for field in fields:
            for user_id, value in summary.get(BY_USER + field, {}).items():
                rollups.setdefault((when, user_id), {"day": when, "user_id": int(user_id)})[field] = value
    return [*rollups.values(), *live]


async def forget_company_days(db, company_id: int | None = None) -> None:
    """Drop the sealed summaries (of one company, or all): their days were rewritten."""
    await db.company_days.delete_many({} if company_id is None else {"company_id": company_id})


def merged(rollups: list[dict]) -> dict:
    """Counters summed and customer sets united over rollups."""
    total: dict = defaultdict(int)
    sets: dict = defaultdict(set)
    for doc in rollups:
        for key, value in doc.items():
            if key in SETS:
                sets[key].update(value)
            elif isinstance(value, int) and key != "user_id" and key != "company_id":
                total[key] += value
    return {**total, **sets}
