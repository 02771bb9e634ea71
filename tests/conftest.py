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
from tests.helpers import Api, Clock, suite_settings


@pytest.fixture(scope="session")
def mongo_uri():
    if os.environ.get("MONGO_URI"):
        return os.environ["MONGO_URI"]
    from mongoeco.engines import MemoryEngine
    from mongoeco.wire.proxy import AsyncMongoEcoProxyServer

    ready = threading.Event()
    found = {}

    def run():
        async def main():
            server = AsyncMongoEcoProxyServer(engine=MemoryEngine(), port=0)
            found["uri"] = (await server.start()).uri
            ready.set()
            await asyncio.Event().wait()

        asyncio.run(main())

    # Its own loop in a daemon thread: every test has its own IOLoop.
    threading.Thread(target=run, daemon=True, name="mongoeco").start()
    assert ready.wait(30), "mongoeco wire server did not start"
    return found["uri"]


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
    context.hub.close_all()
    context.wechat.close()
    io_loop.run_sync(lambda: client.drop_database(db.name))
    io_loop.run_sync(client.close)


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
