"""/healthz when the database does not answer."""

import json

import pytest
from pymongo import AsyncMongoClient

from server import make_app, make_context


@pytest.fixture
def app(io_loop, cfg):
    """The app on a database nobody listens to."""
    client = AsyncMongoClient("mongodb://127.0.0.1:9/?directConnection=true", serverSelectionTimeoutMS=300)
    ctx = make_context(cfg, client.radar, "mongodb")
    yield make_app(ctx)
    ctx.hub.close_all()
    ctx.wechat.close()
    io_loop.run_sync(client.close)


@pytest.mark.gen_test
async def test_healthz_reports_a_database_that_does_not_answer(http_client, base_url):
    response = await http_client.fetch(f"{base_url}/healthz", raise_error=False)
    assert response.code == 200
    assert json.loads(response.body) == {"code": 500, "msg": "数据库无响应", "data": {"db": "mongodb"}}
