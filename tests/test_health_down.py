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


@pytest.mark.gen_test
async def test_routes_answer_503_while_the_database_is_away(http_client, base_url, caplog):
    from tests.helpers import public_params

    params = "&".join(f"{k}={v}" for k, v in public_params({"id": 1, "token": "x" * 32}).items())
    for _ in range(3):
        response = await http_client.fetch(f"{base_url}/zhugeleida/qiyeweixin/user?{params}", raise_error=False)
        assert json.loads(response.body) == {"code": 503, "msg": "数据库暂时不可用,请稍后再试", "data": {}}
    assert not any(record.exc_info for record in caplog.records)  # no traceback per request
