"""Users, roles, permissions and companies, company-scoped, with the seed's fields and codes."""

import pytest

from models import companies

Q = "/zhugeleida/qiyeweixin"


@pytest.fixture
def other_company(io_loop, api, admin):
    """Company 2 with its own admin: {"company_id", "admin"}."""
    async def make():
        data = await api.ok("POST", f"{Q}/company/add/0", admin, form={"name": "东方银谷"})
        other_admin = await api.create_user(admin, "boss2", role_id=1, company_id=data["company_id"])
        return {"company_id": data["company_id"], "admin": other_admin}
    return io_loop.run_sync(make)


# ----- users ------------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_add_and_list_users_with_seed_fields(api, admin):
    answer = await api.post(f"{Q}/user/add/0", admin, username="H2O", password="123456", role_id=2, company_id=1,
                            userid="zhangcong")
    assert answer["code"] == 200 and answer["msg"] == "添加成功"
    answer = await api.get(f"{Q}/user", admin)
    assert answer["msg"] == "查询成功"
    rows = answer["data"]["ret_data"]
    assert answer["data"]["data_count"] == 2
    assert [r["username"] for r in rows] == ["H2O", "root"]  # newest first
    assert set(rows[0]) >= {"id", "username", "role_name", "role_id", "create_date", "last_login_date", "status"}
    assert rows[0]["role_name"] == "普通用户" and rows[0]["status"] == "启用" and rows[0]["last_login_date"] == ""
    assert len(rows[0]["create_date"]) >= 19 and rows[0]["create_date"][10] == "T"


@pytest.mark.gen_test
async def test_user_search_filters_and_pages(api, admin):
    for name in ("alice", "alina", "bob"):
        await api.create_user(admin, name)
    data = await api.ok("GET", f"{Q}/user", admin, params={"username": "AL"})
    assert {r["username"] for r in data["ret_data"]} == {"alice", "alina"} and data["data_count"] == 2
    data = await api.ok("GET", f"{Q}/user", admin, params={"role__name": "管理"})
    assert [r["username"] for r in data["ret_data"]] == ["root"]
    data = await api.ok("GET", f"{Q}/user", admin, params={"company__name": "康桥", "length": 2, "current_page": 2})
    assert data["data_count"] == 4 and len(data["ret_data"]) == 2
    data = await api.ok("GET", f"{Q}/user", admin, params={"create_date": "2000-01-01"})
    assert data == {"ret_data": [], "data_count": 0}
    assert (await api.get(f"{Q}/user", admin, create_date="yesterday"))["msg"] == "create_date: 日期格式应为 YYYY-MM-DD"
    assert (await api.get(f"{Q}/user", admin, current_page="0"))["msg"] == "current_page: 不能小于1"


@pytest.mark.gen_test
async def test_add_user_errors(api, admin):
    form = {"username": "root", "password": "123456", "role_id": 2, "company_id": 1}
    assert await api.post(f"{Q}/user/add/0", admin, **form) == {"code": 300, "msg": "username: 用户名已存在",
                                                                 "data": {}}
    assert (await api.post(f"{Q}/user/add/0", admin, **{**form, "username": "x", "role_id": 99}))["code"] == 302
    assert (await api.post(f"{Q}/user/add/0", admin, **{**form, "username": "x", "company_id": 99}))["code"] == 302
    assert await api.post(f"{Q}/user/add/0", admin, username="x", role_id=2) == {
        "code": 303, "msg": "password: 不能为空", "data": {}}
    assert await api.post(f"{Q}/user/add/0", admin, **{**form, "username": "x", "role_id": "abc"}) == {
        "code": 301, "msg": "role_id: 必须是整数", "data": {}}
    assert (await api.ok("GET", f"{Q}/user", admin))["data_count"] == 1  # nothing written


@pytest.mark.gen_test
async def test_update_and_delete_user(api, admin):
    user = await api.create_user(admin, "zhangsan")
    answer = await api.post(f"{Q}/user/update/{user['id']}", admin, username="张三", role_id=3)
    assert answer == {"code": 200, "msg": "修改成功", "data": {}}
    rows = (await api.ok("GET", f"{Q}/user", admin, params={"username": "张三"}))["ret_data"]
    assert rows[0]["role_name"] == "Boss"
    assert (await api.post(f"{Q}/user/update/{user['id']}", admin, username="root"))["code"] == 300
    assert (await api.post(f"{Q}/user/update/{user['id']}", admin, status=3))["msg"] == "status: 只能是1|2"
    assert (await api.post(f"{Q}/user/update/999", admin, username="x"))["code"] == 302
    assert await api.post(f"{Q}/user/delete/{admin['id']}", admin) == {"code": 305, "msg": "不允许删除自己",
                                                                       "data": {}}
    assert await api.post(f"{Q}/user/delete/{user['id']}", admin) == {"code": 200, "msg": "删除成功", "data": {}}
    assert (await api.post(f"{Q}/user/delete/{user['id']}", admin))["code"] == 302


# ----- roles ------------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_roles_crud(api, admin):
    answer = await api.get(f"{Q}/role", admin)
    assert answer["code"] == 200 and answer["msg"] == ""
    assert [(r["id"], r["name"], r["role_id"]) for r in answer["data"]["ret_data"]] == [
        (1, "管理员", 1), (2, "普通用户", 2), (3, "Boss", 3)]
    assert (await api.post(f"{Q}/role", admin, name="销售"))["code"] == 200  # POST on /role, as the seed shows
    added = await api.ok("POST", f"{Q}/role/add/0", admin, form={"name": "客服"})
    assert await api.post(f"{Q}/role/add/0", admin, name="客服") == {"code": 300, "msg": "name: 角色名已存在",
                                                                    "data": {}}
    assert (await api.post(f"{Q}/role/add/0", admin, name="管理员"))["code"] == 300
    assert (await api.post(f"{Q}/role/update/{added['role_id']}", admin, name="售后"))["msg"] == "修改成功"
    assert (await api.post(f"{Q}/role/update/{added['role_id']}", admin, name="销售"))["code"] == 300
    assert (await api.post(f"{Q}/role/update/999", admin, name="x"))["code"] == 302
    user = await api.create_user(admin, "kefu", role_id=added["role_id"])
    assert (await api.post(f"{Q}/role/delete/{added['role_id']}", admin))["code"] == 304
    await api.ok("POST", f"{Q}/user/delete/{user['id']}", admin)
    assert (await api.post(f"{Q}/role/delete/{added['role_id']}", admin))["msg"] == "删除成功"
    assert (await api.post(f"{Q}/role/delete/2", admin))["code"] == 301  # system roles stay
    assert (await api.ok("GET", f"{Q}/role", admin))["data_count"] == 4


# ----- permissions ------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_permission_tree(api, admin):
    root = await api.ok("POST", f"{Q}/quanxian/add/0", admin,
                        form={"path": "/admin", "icon": "home", "title": "后台", "order_num": 1})
    child = await api.ok("POST", f"{Q}/quanxian/add/0", admin,
                         form={"path": "/admin/users", "title": "用户", "pid_id": root["id"], "order_num": 2})
    await api.ok("POST", f"{Q}/quanxian/add/0", admin,
                 form={"path": "/admin/roles", "title": "角色", "pid_id": root["id"], "order_num": 1})
    answer = await api.get(f"{Q}/quanxian", admin)
    assert answer["msg"] == "查询成功"
    flat = answer["data"]["ret_data"]
    assert [(n["title"], n["level"]) for n in flat] == [("后台", 1), ("角色", 2), ("用户", 2)]
    assert flat[2]["pid_id"] == root["id"] and flat[2]["pid__name"] == "后台"
    assert flat[0]["oper_user__username"] == "root"
    tree = answer["data"]["result_data_tree"]
    assert tree[0]["expand"] is True and [c["title"] for c in tree[0]["children"]] == ["角色", "用户"]

    assert (await api.post(f"{Q}/quanxian/add/0", admin, path="/admin", title="x", order_num=1))["code"] == 300
    assert (await api.post(f"{Q}/quanxian/add/0", admin, path="/y", title="x", order_num=1, pid_id=999))[
        "code"] == 302
    assert (await api.post(f"{Q}/quanxian/add/0", admin, path="/y", title="x"))["msg"] == "order_num: 不能为空"
    assert (await api.post(f"{Q}/quanxian/update/{root['id']}", admin, path="/admin", title="后台",
                           order_num=1, pid_id=child["id"]))["code"] == 301  # a cycle
    assert (await api.post(f"{Q}/quanxian/update/{child['id']}", admin, path="/admin/u", title="用户管理",
                           order_num=5))["msg"] == "修改成功"
    assert (await api.post(f"{Q}/quanxian/delete/{root['id']}", admin))["code"] == 304
    assert (await api.post(f"{Q}/quanxian/delete/{child['id']}", admin))["code"] == 200
    assert (await api.post(f"{Q}/quanxian/delete/{child['id']}", admin))["code"] == 302


# ----- companies --------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_companies_crud(api, admin):
    answer = await api.post(f"{Q}/company/add/0", admin, name="东方银谷")
    assert answer["code"] == 200 and answer["msg"] == "添加成功"
    assert (await api.post(f"{Q}/company/add/0", admin, name="东方银谷"))["code"] == 300
    listed = await api.get(f"{Q}/company", admin)
    assert listed["code"] == 200 and listed["data"]["data_count"] == 2
    row = listed["data"]["ret_data"][0]
    assert set(row) == {"id", "name", "company_id", "create_date", "configured"}
    assert row["configured"] == dict.fromkeys(companies.CREDENTIAL_FIELDS, False)
    company_id = answer["data"]["company_id"]
    assert (await api.post(f"{Q}/company/update/{company_id}", admin, name="合众康桥"))["code"] == 300
    assert (await api.post(f"{Q}/company/update/{company_id}", admin, name="东方银谷2"))["msg"] == "修改成功"
    assert (await api.post(f"{Q}/company/update/{company_id}", admin, callback_aes_key="short"))["code"] == 301
    assert (await api.post(f"{Q}/company/delete/1", admin))["code"] == 304  # it has users
    assert (await api.post(f"{Q}/company/delete/{company_id}", admin))["msg"] == "删除成功"
    assert (await api.post(f"{Q}/company/delete/{company_id}", admin))["code"] == 302


@pytest.mark.gen_test
async def test_credentials_are_never_returned(api, admin):
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"corp_secret": "S3CRET", "mini_secret": "M1N1"})
    for path in (f"{Q}/company", f"{Q}/user"):
        response = await api.raw("GET", path, admin)
        assert b"S3CRET" not in response.body and b"M1N1" not in response.body
    configured = (await api.ok("GET", f"{Q}/company", admin))["ret_data"][0]["configured"]
    assert {field for field, is_set in configured.items() if is_set} == {"corp_secret", "mini_secret"}


# ----- tenant isolation -------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_company_admin_sees_and_changes_only_their_company(api, admin, other_company):
    them = other_company["admin"]
    assert [c["name"] for c in (await api.ok("GET", f"{Q}/company", them))["ret_data"]] == ["东方银谷"]
    assert [u["username"] for u in (await api.ok("GET", f"{Q}/user", them))["ret_data"]] == ["boss2"]
    # Company 1's ids answer exactly like missing ones.
    assert (await api.post(f"{Q}/user/update/{admin['id']}", them, username="hacked"))["code"] == 302
    assert (await api.post(f"{Q}/user/delete/{admin['id']}", them))["code"] == 302
    assert (await api.post(f"{Q}/company/update/1", them, name="hacked"))["code"] == 302
    assert (await api.post(f"{Q}/user/add/0", them, username="x", password="123456", role_id=2,
                           company_id=1))["code"] == 302
    # Adding or deleting companies is for the platform super-admin.
    assert (await api.post(f"{Q}/company/add/0", them, name="新公司"))["code"] == 404
    # Roles: their own are invisible to company 1 and the reverse.
    mine = await api.ok("POST", f"{Q}/role/add/0", admin, form={"name": "销售"})
    assert (await api.post(f"{Q}/role/update/{mine['role_id']}", them, name="x"))["code"] == 302
    assert (await api.post(f"{Q}/role/add/0", them, name="销售"))["code"] == 200
    assert (await api.post(f"{Q}/user/add/0", them, username="y", password="123456",
                           role_id=mine["role_id"]))["code"] == 302
    # Permissions are per company.
    perm = await api.ok("POST", f"{Q}/quanxian/add/0", admin, form={"path": "/a", "title": "A", "order_num": 1})
    assert (await api.ok("GET", f"{Q}/quanxian", them))["ret_data"] == []
    assert (await api.post(f"{Q}/quanxian/delete/{perm['id']}", them))["code"] == 302
    # The super-admin sees everyone.
    assert (await api.ok("GET", f"{Q}/user", admin))["data_count"] == 2


@pytest.mark.gen_test
async def test_the_seeds_permission_urls_under_role_work(api, db, admin):
    """The seed prints 增加权限 as role/add/0 and 修改权限条目 as role/update/<id>."""
    answer = await api.post(f"{Q}/role/add/0", admin, title="雷达", path="/radar", icon="i", order_num=1)
    assert answer["code"] == 200 and answer["msg"] == "添加成功"
    permission_id = answer["data"]["id"]
    answer = await api.post(f"{Q}/role/update/{permission_id}", admin, title="雷达2", path="/radar", order_num=2)
    assert answer == {"code": 200, "msg": "修改成功", "data": {}}
    permission = await db.permissions.find_one({"_id": permission_id})
    assert (permission["title"], permission["icon"], permission["order_num"]) == ("雷达2", "i", 2)
    assert await db.roles.count_documents({"company_id": 1}) == 0
    # A role is still a role.
    assert (await api.post(f"{Q}/role/add/0", admin, name="主管"))["code"] == 200


@pytest.mark.gen_test
async def test_user_add_takes_the_seeds_usedid_spelling(api, db, admin):
    await api.ok("POST", f"{Q}/user/add/0", admin, form={"username": "u1", "password": "123456", "role_id": 2,
                                                         "usedid": "zhangcong"})
    assert (await db.users.find_one({"username": "u1"}))["wecom_userid"] == "zhangcong"
