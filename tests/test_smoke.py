import pytest


@pytest.mark.gen_test
async def test_health(api):
    assert await api.get("/healthz") == {"code": 200, "msg": "ok", "data": {"db": "embedded"}}


@pytest.mark.gen_test
async def test_login(api, admin):
    data = await api.ok("POST", "/zhugeleida/login", form={"username": "root", "password": "rootpass"})
    assert data["user_id"] == admin["id"]
