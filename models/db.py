"""Database access: the client, the embedded server, id counters and every index.

The embedded mongoeco server runs in a child process (models/embedded.py): on the
application's own event loop it adds ~160 ms to every request.
"""

import asyncio
import contextlib
import json
import logging
import sys

from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, IndexModel, ReturnDocument
from pymongo.errors import BulkWriteError, DuplicateKeyError, OperationFailure, WriteError

from common.context import current
from common.errors import exists
from common.metrics import COMMAND_COUNTER
from settings import ROOT

log = logging.getLogger("radar.db")


class IdBlocks:
    """Integer ids, unique across processes and restarts: a process reserves ID_BLOCK_SIZE ids with one
    $inc and hands them out without a round trip (gaps after a restart are fine)."""

    def __init__(self, size: int = 100):
        self.size = max(1, size)
        self.blocks: dict[tuple[str, str], list[int]] = {}  # (database, counter) -> [next id, last id]

    async def next(self, db, name: str) -> int:
        key = (db.name, name)
        block = self.blocks.get(key)
        if block is None or block[0] > block[1]:
            counter = await db.counters.find_one_and_update(
                {"_id": name}, {"$inc": {"seq": self.size}}, upsert=True, return_document=ReturnDocument.AFTER)
            block = self.blocks[key] = [counter["seq"] - self.size + 1, counter["seq"]]
        block[0] += 1
        return block[0] - 1

    def forget(self, db) -> None:
        for key in [key for key in self.blocks if key[0] == db.name]:
            del self.blocks[key]


async def next_id(db, name: str) -> int:
    """The next id of a counter, from the running application's blocks (outside one, one id per round trip)."""
    app = current()
    return await (app.ids if app is not None else IdBlocks(1)).next(db, name)


def forget_id_blocks(db) -> None:
    """After the counters were moved by hand (create-admin's company 1, seeded ids)."""
    app = current()
    if app is not None:
        app.ids.forget(db)


class GroupCommit:
    """Writes of concurrent requests sent to the database in one command (a group commit): the first
    waits for the command in flight, if any, while those that come meanwhile join it; alone, a write
    goes at once. The database runs commands one at a time, so under load this is fewer of them for
    the same work. flush(db, items) writes the items and returns {index: error} of those refused (a
    command that fails fails every request in it); each request answers once its own items are written,
    or raises the first refusal among them."""

    def __init__(self, flush):
        self.flush = flush
        self.open: dict[str, tuple[list, asyncio.Future]] = {}  # database -> (items, their command)
        self.locks: dict[str, asyncio.Lock] = {}

    async def write(self, db, items: list) -> None:
        batch = self.open.get(db.name)
        if batch is None or batch[1].done():  # (done while open: cancelled while it waited for its turn)
            pending: list = []
            batch = self.open[db.name] = (pending, asyncio.ensure_future(self._flush_when_free(db, pending)))
        pending, written = batch
        first = len(pending)
        pending.extend(items)
        refused = await asyncio.shield(written)  # (a request given up on leaves the others' command alone)
        for index in range(first, first + len(items)):
            if index in refused:
                raise refused[index]

    async def _flush_when_free(self, db, items: list) -> dict:
        async with self.locks.setdefault(db.name, asyncio.Lock()):
            if self.open.get(db.name, ((),))[0] is items:
                del self.open[db.name]  # later items go in the next command
            return await self.flush(db, items)


async def insert_refusing_each(collection, documents: list) -> dict:
    """insert_many of documents as GroupCommit flushes them, the others inserted whatever one's fate:
    {index: its error (DuplicateKeyError, as insert_one raises it, or WriteError)} of those refused. A
    write concern error is every document's."""
    try:
        await collection.insert_many(documents, ordered=False)
    except BulkWriteError as error:
        if error.details.get("writeConcernErrors"):
            raise
        return {entry["index"]: (DuplicateKeyError if entry.get("code") == 11000 else WriteError)(
                    entry["errmsg"], entry.get("code"), entry) for entry in error.details["writeErrors"]}
    return {}


async def insert_together(db, collection: str, document: dict) -> None:
    """insert_one; in the running application, in one command with the inserts into the same collection
    of the requests at the same moment (a GroupCommit per collection: 16 customers writing at once
    send a few inserts, not 16)."""
    app = current()
    if app is None:
        await db[collection].insert_one(document)
        return
    group = app.inserts.get(collection)
    if group is None:
        group = app.inserts[collection] = GroupCommit(lambda db, documents: insert_refusing_each(db[collection],
                                                                                              documents))
    await group.write(db, [document])


@contextlib.contextmanager
def unique(**labels: tuple[str, str]):
    """Around a write: a unique index it runs into answers 300 naming the field.

        with unique(name=("name", "产品名称")):
            await db.products.insert_one(product)

    labels: the index's field -> (the API's field, what it is). Races between two requests that
    write the same name are settled here, by the database, not by a read beforehand."""
    try:
        yield
    except DuplicateKeyError as error:
        pattern = (error.details or {}).get("keyPattern") or {}
        field, what = next((label for key, label in labels.items() if key in pattern), next(iter(labels.values())))
        raise exists(field, what) from None


async def upsert(collection, key: dict, update: dict, *, on_race: dict | None = None,
                 return_document=ReturnDocument.AFTER) -> dict | None:
    """find_one_and_update(key, update, upsert=True). Two requests that upsert the same new key race: the
    loser's insert meets the unique index, and it applies on_race (update operators) to the document the
    winner made, or without on_race reads it."""
    try:
        return await collection.find_one_and_update(key, update, upsert=True, return_document=return_document)
    except DuplicateKeyError:
        if on_race:
            return await collection.find_one_and_update(key, on_race, return_document=return_document)
        return await collection.find_one(key)


NEWEST_FIRST = [("create_date", DESCENDING), ("_id", DESCENDING)]

# The comment on commands the server sends on its own timers (stats pushes, follow-up reminders), so
# a profiler, a currentOp or the tests' per-route counts tell them from the commands of a request.
BACKGROUND = "radar:background"


async def find_page(collection, query: dict, sort, skip: int, limit: int, projection=None) -> list[dict]:
    """One page of a list; limit 0 means everything from skip on."""
    cursor = collection.find(query, projection).sort(sort).skip(skip)
    return await (cursor.limit(limit) if limit else cursor).to_list()


async def page(collection, query: dict, sort, skip: int, limit: int, projection=None,
               after: tuple = (), total=None) -> tuple[list[dict], int]:
    """(one page, the total before paging), as every list answers with ret_data and data_count: the
    page read in index order and the count, sent together. `after` stages run on the page only (a join
    to another collection, say); `total`: an awaitable of the total, when a counter knows it. For a
    collection that grows: facet_page sorts every match."""
    total = collection.count_documents(query) if total is None else total
    if after:
        pipeline = [{"$match": query}, {"$sort": dict(sort)}, {"$skip": skip}, *([{"$limit": limit}] if limit else []),
                    *after]
        rows, total = await asyncio.gather(collection.aggregate(pipeline), total)
        return await rows.to_list(), total
    return tuple(await asyncio.gather(find_page(collection, query, sort, skip, limit, projection), total))


async def facet_page(collection, query: dict, sort, skip: int, limit: int, after: tuple = ()) -> tuple[list, int]:
    """(one page, the total before paging) in one round trip ($facet), for small collections: the
    $facet sorts every match in memory (on MongoDB too); `after` stages run on the page only."""
    rows = [{"$sort": dict(sort)}, {"$skip": skip}, *([{"$limit": limit}] if limit else []), *after]
    pipeline = [{"$match": query}, {"$facet": {"rows": rows, "total": [{"$count": "n"}]}}]
    result = (await (await collection.aggregate(pipeline)).to_list())[0]
    # An empty match counts [] on MongoDB and [{"n": 0}] on mongoeco.
    return result["rows"], result["total"][0]["n"] if result["total"] else 0


def _idx(keys, **options) -> IndexModel:
    if isinstance(keys, str):
        keys = [(keys, ASCENDING)]
    return IndexModel(keys, **options)


# One place for every index: collection -> models. Each list filter and sort has one.
INDEXES = {
    "companies": [_idx("name", unique=True), _idx([("create_date", DESCENDING)])],
    "roles": [_idx([("company_id", ASCENDING), ("name", ASCENDING)], unique=True)],
    "permissions": [
        _idx([("company_id", ASCENDING), ("pid", ASCENDING), ("order_num", ASCENDING)]),
        _idx([("company_id", ASCENDING), ("order_num", ASCENDING)]),
        _idx([("company_id", ASCENDING), ("path", ASCENDING)], unique=True),
        _idx([("company_id", ASCENDING), ("title", ASCENDING)], unique=True),
    ],
    "users": [
        _idx("username", unique=True),
        _idx("token"),
        _idx([("company_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("create_date", DESCENDING)]),  # the platform super-admin's list of every user
        _idx([("company_id", ASCENDING), ("wecom_userid", ASCENDING)], unique=True,
             partialFilterExpression={"wecom_userid": {"$type": "string"}}),
        _idx("role_id"),
    ],
    "customers": [
        _idx([("company_id", ASCENDING), ("openid", ASCENDING)], unique=True,
             partialFilterExpression={"openid": {"$type": "string"}}),
        _idx([("company_id", ASCENDING), ("tags.id", ASCENDING)]),
    ],
    "belongers": [
        _idx([("user_id", ASCENDING), ("customer_id", ASCENDING)], unique=True),
        _idx("customer_id"),
        # The address book's orders and the chat contacts, as their queries name them.
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("expected_pr", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("last_follow_time", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("last_activity_time", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("source", ASCENDING)]),
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("last_chat_date", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("expected_pr", ASCENDING)]),
        # AI 成交率: the address book's order, the Boss radar's buckets, the outcomes a fit learns from.
        _idx([("user_id", ASCENDING), ("ai_rank", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("ai_rank", ASCENDING)]),
        _idx([("company_id", ASCENDING), ("outcome", ASCENDING)]),
        # The address book's filters: search scans search_text within the user's own keys; tags (multikey).
        _idx([("user_id", ASCENDING), ("search_text", ASCENDING)]),
        _idx([("user_id", ASCENDING), ("tag_ids", ASCENDING)]),
        _idx([("user_id", ASCENDING), ("create_date", DESCENDING)]),
        # 今日待跟进, and the reminder scheduler's next wake-up (pushed reminders are null).
        _idx([("user_id", ASCENDING), ("next_follow_time", ASCENDING)]),
        _idx("remind_at"),
    ],
    "tags": [
        _idx([("company_id", ASCENDING), ("name", ASCENDING)], unique=True),
        _idx([("company_id", ASCENDING), ("parent_id", ASCENDING)]),
    ],
    # The radar feed by time, filtered by nothing, an action or a customer. (No single-field index: on
    # the embedded database each one adds a row per document to a table every such index covers.)
    "access_logs": [
        _idx([("user_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("is_new_msg", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("action", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("customer_id", ASCENDING), ("create_date", DESCENDING)]),
    ],
    # The feed's counts per customer (busiest first) and per radar user (models/actions.py).
    "action_counts": [_idx([("user_id", ASCENDING), ("kind", ASCENDING), ("total", DESCENDING),
                            ("customer_id", ASCENDING)])],
    "follow_languages": [
        _idx([("user_id", ASCENDING), ("_id", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("language", ASCENDING)], unique=True),
    ],
    "follow_infos": [
        _idx([("user_id", ASCENDING), ("customer_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("create_date", DESCENDING)]),  # every note of a radar user (export)
        _idx("customer_id"),
    ],
    "chats": [
        _idx([("user_id", ASCENDING), ("customer_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("user_unread", ASCENDING)]),
        _idx([("customer_id", ASCENDING), ("customer_unread", ASCENDING)]),
    ],
    "products": [
        _idx([("company_id", ASCENDING), ("status", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("company_id", ASCENDING), ("name", ASCENDING)], unique=True),
        _idx("user_id"),
        _idx("picture_urls"),
    ],
    "product_pictures": [_idx("user_id"), _idx("create_date")],
    "articles": [
        _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("create_date", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("read_count", DESCENDING)]),
        _idx([("user_id", ASCENDING), ("forward_count", DESCENDING)]),
    ],
    # The forward tree: one node per (article, sharer, reader); subtrees by path (multikey).
    "article_nodes": [
        _idx([("article_id", ASCENDING), ("uid", ASCENDING), ("customer_id", ASCENDING)], unique=True),
        _idx([("article_id", ASCENDING), ("uid", ASCENDING), ("stay_time", DESCENDING)]),
        _idx([("article_id", ASCENDING), ("uid", ASCENDING), ("level", ASCENDING), ("stay_time", DESCENDING)]),
        _idx([("article_id", ASCENDING), ("uid", ASCENDING), ("parent", ASCENDING), ("stay_time", DESCENDING)]),
        _idx([("article_id", ASCENDING), ("uid", ASCENDING), ("path", ASCENDING)]),
        _idx([("uid", ASCENDING), ("customer_id", ASCENDING)]),
        _idx([("customer_id", ASCENDING), ("uid", ASCENDING)]),  # a reader's card, refreshed on every node
    ],
    "article_reads": [
        _idx([("article_id", ASCENDING), ("uid", ASCENDING), ("customer_id", ASCENDING),
              ("last_access_date", DESCENDING)]),
        _idx("customer_id"),
    ],
    "feedback": [_idx("user_id")],
    # Expired codes (and their QR images) go a minute after they expire.
    "scan_logins": [_idx("expires_at", expireAfterSeconds=60)],
    "login_attempts": [_idx("expires_at", expireAfterSeconds=0)],
    "callback_deliveries": [_idx("expires_at", expireAfterSeconds=0)],
    "wechat_tokens": [_idx("expires_at")],
    "daily_stats": [_idx([("company_id", ASCENDING), ("day", ASCENDING)]),
                    _idx([("company_id", ASCENDING), ("user_id", ASCENDING), ("day", ASCENDING)])],
    "company_days": [_idx([("company_id", ASCENDING), ("day", ASCENDING)])],
}


INDEX_OPTIONS_CONFLICT = (85, 86)  # an index of that name or keys exists with other options


async def ensure_indexes(db) -> None:
    """Create every index; safe to run at each start-up. An index whose options changed since an
    earlier version (say, a TTL added) is dropped and made again."""
    for name, models in INDEXES.items():
        try:
            await db[name].create_indexes(models)
        except OperationFailure as error:
            if error.code not in INDEX_OPTIONS_CONFLICT:
                raise
            for model in models:
                try:
                    await db[name].create_indexes([model])
                except OperationFailure as conflict:
                    if conflict.code not in INDEX_OPTIONS_CONFLICT:
                        raise
                    await db[name].drop_index(list(model.document["key"].items()))
                    await db[name].create_indexes([model])


class EmbeddedServer:
    """The mongoeco wire server in a child process, stopped with its parent.

    The child is in our process group (stopping `make run`'s group stops it too) but ignores
    Ctrl-C, so we stop it in order; it also exits when its stdin closes (we died) and, on Linux,
    when we die at all. It holds a lock on its file: two database processes never share one.
    If it dies under us, watch() starts it again on the same port (the driver reconnects by
    itself), at most MAX_RESTARTS times in RESTART_WINDOW_S; after that it gives up.
    """

    MAX_RESTARTS = 3
    RESTART_WINDOW_S = 60.0

    def __init__(self, path: str, port: int = 0, lock_wait_s: float = 15.0):
        self.path = path
        self.port = port
        self.lock_wait_s = lock_wait_s
        self.process = None
        self.uri = None
        self.stopping = False
        self.restarts: list[float] = []

    async def start(self, timeout: float = 60) -> str:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "models.embedded", "--path", self.path, "--port", str(self.port),
            "--lock-wait", str(self.lock_wait_s),
            cwd=str(ROOT), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )
        line = await asyncio.wait_for(self.process.stdout.readline(), timeout)
        if not line:
            await self.process.wait()
            raise RuntimeError("embedded database failed to start (see the log above)")
        self.uri = json.loads(line)["uri"]
        self.port = int(self.uri.rsplit(":", 1)[1].split("/")[0].split("?")[0])
        return self.uri

    async def watch(self, on_give_up) -> None:
        """Run beside the server: restart a child that died; call on_give_up() when that fails."""
        loop = asyncio.get_running_loop()
        while not self.stopping:
            code = await self.process.wait()
            if self.stopping:
                return
            now = loop.time()
            self.restarts = [t for t in self.restarts if now - t < self.RESTART_WINDOW_S] + [now]
            if len(self.restarts) > self.MAX_RESTARTS:
                log.error("embedded database died %d times in %.0fs; giving up", len(self.restarts),
                          self.RESTART_WINDOW_S)
                on_give_up()
                return
            log.error("embedded database exited (code %s); restarting it on port %s", code, self.port)
            try:
                await self.start()
            except (RuntimeError, TimeoutError, ValueError) as error:
                log.error("embedded database could not be restarted: %s", error)
                on_give_up()
                return
            log.warning("embedded database is back at %s", self.uri)

    async def stop(self, timeout: float = 30) -> None:
        self.stopping = True
        if self.process is None or self.process.returncode is not None:
            return
        self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            log.warning("embedded database did not stop in %ss; killing it", timeout)
            self.process.kill()
            await self.process.wait()


def make_client(uri: str, listeners: list | None = None, timeout_ms: int = 5000) -> AsyncMongoClient:
    """listeners: pymongo command listeners (the tests and bench/ count round trips with one); the
    metrics' counter of commands per request is always one."""
    return AsyncMongoClient(uri, tz_aware=True, serverSelectionTimeoutMS=timeout_ms,
                            event_listeners=[*(listeners or []), COMMAND_COUNTER])
