"""The first run (a one-time setup link on an empty installation) and how the workbench is served:
the page revalidated, its versioned scripts cached, the vendored libraries with their licences."""

import json
import re
from pathlib import Path

import pytest

from server import setup_url
from settings import ROOT, Settings

SETUP = "/zhugeleida/public/setup"
FORM = {"company": "合众康桥", "username": "boss", "password": "secret1"}


@pytest.mark.gen_test
async def test_the_setup_link_works_once(api, ctx, cfg):
    token = await ctx.first_run.open_if_empty(ctx.db)
    assert re.fullmatch(r"[\w-]{32}", token)
    assert setup_url(cfg, token) == f"http://radar.test/setup?token={token}"
    assert (await api.post(SETUP, None, **FORM, token="guess"))["code"] == 404
    assert (await api.post(SETUP, None, **{**FORM, "password": "short"}, token=token)) == {
        "code": 301, "msg": "password: 至少6个字符", "data": {}}
    assert (await api.post(SETUP, None, company="合众康桥", password="secret1", token=token)) == {
        "code": 303, "msg": "username: 不能为空", "data": {}}
    answer = await api.post(SETUP, None, **FORM, token=token)  # the failures above did not use it up
    assert answer["code"] == 200 and answer["msg"] == "初始化成功"
    session = answer["data"]
    assert (session["username"], session["role_id"], session["company_id"], session["is_super_admin"]) == (
        "boss", 1, 1, True)
    assert (await api.get("/zhugeleida/qiyeweixin/company", {"id": session["user_id"], "token": session["token"]}))[
        "data"]["ret_data"][0]["name"] == "合众康桥"
    assert (await api.post(SETUP, None, **FORM, token=token)) == {
        "code": 404, "msg": "token: 初始化链接无效或已使用", "data": {}}
    assert (await api.post("/zhugeleida/login", None, username="boss", password="secret1"))["code"] == 200


def test_the_link_names_the_port_the_server_listens_on():
    assert Settings.from_env({"PORT": "8124"}).public_base_url == "http://127.0.0.1:8124"
    assert Settings.from_env({"PORT": "8124", "PUBLIC_BASE_URL": "https://radar.example.cn"}).public_base_url == \
        "https://radar.example.cn"


@pytest.mark.gen_test
async def test_no_setup_link_once_someone_can_log_in(api, ctx, admin):
    assert await ctx.first_run.open_if_empty(ctx.db) is None
    assert (await api.post(SETUP, None, **FORM, token=""))["code"] == 303
    assert (await api.post(SETUP, None, **FORM, token="anything"))["code"] == 404


@pytest.mark.gen_test
async def test_a_failed_setup_gives_the_link_back(api, ctx, db):
    token = await ctx.first_run.open_if_empty(db)
    await db.users.insert_one({"_id": 99, "username": "other", "company_id": 1})  # someone else got there first
    assert (await api.post(SETUP, None, **FORM, token=token)) == {
        "code": 301, "msg": "setup: 已经初始化过了,请直接登录", "data": {}}
    assert ctx.first_run.token == token


@pytest.mark.gen_test
async def test_the_workbench_page_and_its_files(api):
    page = await api.raw("GET", "/")
    assert page.code == 200 and page.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert page.headers["Cache-Control"] == "no-cache" and page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert (await api.raw("GET", "/setup")).body == page.body
    html = page.body.decode()
    import_map = json.loads(re.search(r'<script type="importmap">(.*?)</script>', html).group(1))["imports"]
    modules = sorted(path.relative_to(Path(ROOT)).as_posix() for path in (Path(ROOT) / "static" / "web").rglob("*.js"))
    assert sorted(key for key in import_map if key.startswith("/")) == [f"/{path}" for path in modules]
    assert {"vue", "blueimp-md5", "echarts"} <= set(import_map)
    urls = set(import_map.values()) | set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
    assert all(re.search(r"\?v=[0-9a-f]{16}$", url) for url in urls), urls
    for url in urls:
        served = await api.raw("GET", url)
        assert served.code == 200, url
        assert "max-age=315360000" in served.headers["Cache-Control"], url  # versioned: cached for good
    stale = await api.raw("GET", "/static/web/main.js")
    assert stale.code == 200 and "max-age" not in stale.headers.get("Cache-Control", "")  # unversioned: revalidated


def test_vendored_libraries_carry_their_licences():
    vendor = Path(ROOT) / "static" / "vendor"
    index = (vendor / "README.md").read_text()
    pinned = json.loads((Path(ROOT) / "scripts" / "web-build" / "package.json").read_text())["dependencies"]
    for package, version, licence in (("vue", "3.5.45", "LICENSE"), ("echarts", "6.1.0", "LICENSE"),
                                      ("blueimp-md5", "2.19.0", "LICENSE.txt")):
        assert (vendor / package / licence).stat().st_size > 500
        assert f"| {version} |" in index and f"[{package}]" in index
        assert pinned[package] == version
    assert not (Path(ROOT) / "static" / "md5.js").exists()  # the hand-written MD5 gave way to blueimp-md5
