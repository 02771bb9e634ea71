"""Shared test fixtures: one mongoeco wire server per session, a fresh database and app per test,
and a signed API client.

Set MONGO_URI to run the same suite against a real MongoDB.
"""

import asyncio
import os
import threading
import uuid

import pytest

from common import times
from models.db import make_client
from models.setup import prepare_database
from server import make_app, make_context
from tests.browser import Browser
from tests.commands import CommandLog
from tests.fake_wechat import FakeWeChat
from tests.helpers import Api, Clock, RadarProcess, suite_settings


@pytest.fixture(scope="session")
def mongo_server() -> dict:
    """{"uri"} of MONGO_URI, or of a mongoeco wire server with its "engine" and "loop" (for bulk_insert)."""
    if os.environ.get("MONGO_URI"):
        return {"uri": os.environ["MONGO_URI"]}
    from mongoeco.engines import MemoryEngine
    from mongoeco.wire.proxy import AsyncMongoEcoProxyServer

    ready = threading.Event()
    found = {}

    def run():
        async def main():
            found["engine"] = MemoryEngine()
            server = AsyncMongoEcoProxyServer(engine=found["engine"], port=0)
            found["uri"] = (await server.start()).uri
            found["loop"] = asyncio.get_running_loop()
            ready.set()
            await asyncio.Event().wait()

        asyncio.run(main())

    # Its own loop in a daemon thread: every test has its own IOLoop.
    threading.Thread(target=run, daemon=True, name="mongoeco").start()
    assert ready.wait(30), "mongoeco wire server did not start"
    return found


@pytest.fixture(scope="session")
def mongo_uri(mongo_server):
    return mongo_server["uri"]


@pytest.fixture
def bulk_insert(mongo_server, db):
    """insert_many for volume tests (thousands of rows made straight, not through the API). On mongoeco
    it goes through mongoeco's own client on the session's engine: its wire insert command checks
    unique keys by scanning the collection once per document, so 5,000 rows would take minutes; and
    a unique index that spans every row (belongers' user_id+customer_id) is dropped first for the same
    reason. A real MongoDB (MONGO_URI) gets a plain insert_many with every index in place."""
    async def insert(collection: str, documents: list[dict]) -> None:
        if "engine" not in mongo_server:
            await db[collection].insert_many(documents)
            return
        if collection == "belongers":
            await db.belongers.drop_index("user_id_1_customer_id_1")

        async def load():
            from mongoeco import AsyncMongoClient as EngineClient

            client = EngineClient(mongo_server["engine"])
            await client.__aenter__()
            await client[db.name][collection].insert_many(documents)

        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(load(), mongo_server["loop"]))
    return insert


@pytest.fixture
def settings_overrides():
    """Override in a test module to change settings, e.g. a short idle timeout."""
    return {}


@pytest.fixture
def fake_wechat(io_loop):
    fake = FakeWeChat().start()
    yield fake
    fake.stop()


@pytest.fixture
def cfg(tmp_path, settings_overrides, fake_wechat):
    return suite_settings(str(tmp_path), fake_wechat, **settings_overrides)


@pytest.fixture
def commands():
    """Every database command the app issues in this test (housekeeping excluded)."""
    return CommandLog()


@pytest.fixture
def ctx(io_loop, mongo_uri, cfg, commands):
    client = make_client(mongo_uri, [commands])
    db = client[f"t_{uuid.uuid4().hex[:12]}"]
    io_loop.run_sync(lambda: prepare_database(db))
    context = make_context(cfg, db, "embedded")
    yield context
    context.reminders.stop()
    context.hub.close_all()
    context.wechat.close()
    io_loop.run_sync(lambda: client.drop_database(db.name))
    io_loop.run_sync(client.close)
    commands.assert_no_empty_in()


@pytest.fixture
def app(ctx):
    return make_app(ctx)


@pytest.fixture
def db(ctx):
    return ctx.db


@pytest.fixture
def api(http_client, base_url, ctx):
    return Api(http_client, base_url, ctx)


@pytest.fixture
def admin(io_loop, ctx):
    """The platform super-admin of company 1: {"id", "token", "company_id"}."""
    from models import users

    made = io_loop.run_sync(lambda: users.create_admin(ctx.db, "root", "rootpass", "合众康桥"))
    return {"id": made["user_id"], "token": made["token"], "company_id": made["company_id"]}


@pytest.fixture
def seller(io_loop, api, admin):
    """A radar user (普通用户) of company 1, logged in."""
    return io_loop.run_sync(lambda: api.create_user(admin, "zhangcong"))


@pytest.fixture
def customer(io_loop, api, seller):
    """A customer who opened the seller's card through the (fake) mini-program login."""
    return io_loop.run_sync(lambda: api.customer_login(seller, "c1", username="张炬"))


@pytest.fixture
def clock(ctx):
    moved = Clock()
    yield moved
    times.set_clock()


@pytest.fixture
def browser(io_loop):
    """Headless Chromium (tests/browser.py), closed after the test."""
    browser = Browser()
    io_loop.run_sync(browser.start)
    yield browser
    browser.close()


@pytest.fixture
def radar_process(tmp_path):
    """radar_process(name, **settings): a RadarProcess on tmp_path/name (not started); killed at the end if
    a test left it running."""
    made = []

    def make(name: str = "data", **env) -> RadarProcess:
        made.append(RadarProcess(tmp_path / name, **env))
        return made[-1]

    yield make
    for process in made:
        if process.process is not None and process.process.poll() is None:
            process.process.kill()
            process.process.wait()

