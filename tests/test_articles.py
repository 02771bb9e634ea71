"""Articles and the forward tree: readers arrive through each other's share links, through the real
reader routes (fake WeChat OAuth), and every report's numbers are checked against a hand count."""

import urllib.parse

import pytest

from tests.helpers import open_socket

Q = "/zhugeleida/qiyeweixin/article"
G = "/zhugeleida/gongzhonghao"


@pytest.fixture
def article(io_loop, api, admin, seller):
    async def make():
        await api.ok("POST", "/zhugeleida/qiyeweixin/company/update/1", admin,
                     form={"gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
        data = await api.ok("POST", f"{Q}/add/0", seller, form={
            "title": "品牌如何出圈", "summary": "三步", "cover_picture": "https://img.example/c.jpg",
            "content": "<p>正文</p>"})
        return data["article_id"]
    return io_loop.run_sync(make)


@pytest.fixture
def tree(io_loop, api, fake_wechat, seller, article):
    """seller -> r1 -> r3 -> r5 -> r6 -> r7, r1 -> r4, seller -> r2 -> r8 (depth 5, branching)."""
    fake_wechat.readers["r1"] = {"nickname": "张一", "sex": 1, "province": "北京", "city": "朝阳",
                                 "headimgurl": "http://thirdwx.qlogo.cn/r1/132"}

    async def make():
        readers = {}
        for name, parent in (("r1", None), ("r2", None), ("r3", "r1"), ("r4", "r1"), ("r5", "r3"), ("r6", "r5"),
                             ("r7", "r6"), ("r8", "r2")):
            pid = readers[parent]["id"] if parent else None
            readers[name] = await api.reader(seller, article, name, pid=pid)
            await api.read(readers[name], article, pid=pid)
        return readers
    return io_loop.run_sync(make)


async def report(api, seller, oper: str, article: int, **params) -> dict:
    return await api.ok("GET", f"{Q}/{oper}/{article}", seller, params=params)


# ----- articles ---------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_a_radar_user_manages_their_articles(api, admin, seller, article):
    other = await api.ok("POST", f"{Q}/add/0", seller, form={"title": "第二篇", "content": "x"})
    mine = await api.ok("GET", f"{Q}/myarticle/0", seller)
    assert [row["title"] for row in mine["ret_data"]] == ["第二篇", "品牌如何出圈"] and mine["data_count"] == 2
    assert set(mine["ret_data"][0]) == {"id", "title", "summary", "cover_picture", "read_count", "forward_count",
                                        "create_date"}
    assert (await api.ok("GET", f"{Q}/myarticle/0", seller, params={"title": "出圈"}))["data_count"] == 1
    one = (await api.ok("GET", f"{Q}/myarticle/{article}", seller))["ret_data"][0]
    assert (one["content"], one["read_count"], one["forward_count"]) == ("<p>正文</p>", 0, 0)
    await api.ok("POST", f"{Q}/update/{article}", seller, form={"title": "新标题"})
    one = (await api.ok("GET", f"{Q}/myarticle/{article}", seller))["ret_data"][0]
    assert (one["title"], one["summary"], one["content"]) == ("新标题", "三步", "<p>正文</p>")
    await api.ok("POST", f"{Q}/delete/{other['article_id']}", seller)
    assert (await api.ok("GET", f"{Q}/myarticle/0", seller))["data_count"] == 1
    colleague = await api.create_user(admin, "colleague")
    for call in (api.get(f"{Q}/myarticle/{article}", colleague), api.get(f"{Q}/hide_customer_data/{article}", colleague),
                 api.post(f"{Q}/update/{article}", colleague, title="x"), api.post(f"{Q}/delete/{article}", colleague)):
        assert (await call)["code"] == 302


@pytest.mark.gen_test
@pytest.mark.parametrize("form, msg", [
    ({"content": "x"}, "title: 不能为空"), ({"title": "t"}, "content: 不能为空"),
    ({"title": "t" * 101, "content": "x"}, "title: 长度不能超过100个字符"),
    ({"title": "t", "content": "x", "cover_picture": "javascript:alert(1)"},
     "cover_picture: 只能是 http(s) 链接或本站 statics/ 路径"),
])
async def test_article_fields_are_validated(api, seller, form, msg):
    answer = await api.post(f"{Q}/add/0", seller, **form)
    assert answer["code"] in (301, 303) and answer["msg"] == msg


@pytest.mark.gen_test
async def test_the_share_url_needs_an_article_of_the_company(api, admin, seller, article):
    answer = await api.get("/zhugeleida/qiyeweixin/work_weixin_auth/create_gongzhonghao_share_auth_url", seller,
                           article_id=article + 100)
    assert answer["code"] == 302
    data = await api.ok("GET", "/zhugeleida/qiyeweixin/work_weixin_auth/create_gongzhonghao_share_auth_url", seller,
                        params={"article_id": article})
    inner = urllib.parse.parse_qs(urllib.parse.urlsplit(data["share_url"]).query)["share_url"][0]
    redirect = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(inner).query))["redirect_uri"]
    assert redirect.endswith(f"relate=article_id_{article}|pid_|level_1|uid_{seller['id']}|company_id_1")


# ----- readers ----------------------------------------------------------------------------------
@pytest.mark.gen_test
async def test_a_reader_logs_in_through_the_official_account(api, db, fake_wechat, seller, article):
    fake_wechat.readers["amy"] = {"nickname": "艾米", "sex": 2, "province": "河北", "city": "保定",
                                  "headimgurl": "http://thirdwx.qlogo.cn/amy/132"}
    relate = f"article_id_{article}|pid_|level_1|uid_{seller['id']}|company_id_1"
    data = await api.ok("GET", f"{G}/work_gongzhonghao_auth", params={"code": "reader-amy", "relate": relate})
    assert set(data) == {"customer_id", "token", "article_id", "uid", "pid", "level", "company_id"}
    assert (data["article_id"], data["uid"], data["pid"], data["level"]) == (article, seller["id"], None, 1)
    customer = await db.customers.find_one({"_id": data["customer_id"]})
    assert (customer["username"], customer["sex"], customer["area"], customer["user_type"]) == ("艾米", 2, "河北保定", 1)
    belonger = await db.belongers.find_one({"customer_id": data["customer_id"]})
    assert belonger["user_id"] == seller["id"] and belonger["source"] == 4
    again = await api.ok("GET", f"{G}/work_gongzhonghao_auth", params={"code": "reader-amy", "relate": relate})
    assert again["customer_id"] == data["customer_id"]  # the same reader, not a new customer


@pytest.mark.gen_test
async def test_a_customer_keeps_their_first_radar_user(api, db, admin, seller, article, customer):
    colleague = await api.create_user(admin, "colleague")
    reader = await api.reader(colleague, article, "owned")
    await api.read(reader, article)
    reader_again = await api.reader(seller, article, "owned")
    assert reader_again["id"] == reader["id"]
    assert [b["user_id"] async for b in db.belongers.find({"customer_id": reader["id"]})] == [colleague["id"]]


@pytest.mark.gen_test
@pytest.mark.parametrize("relate", ["", "nonsense", "article_id_1|pid_|level_1|uid_2", "article_id_x|pid_|level_1|uid_2|company_id_1",
                                    "article_id_1|pid_|level_1|uid_2|company_id_1|extra"])
async def test_malformed_relate_is_301(api, seller, article, relate):
    answer = await api.get(f"{G}/work_gongzhonghao_auth", code="reader-x", relate=relate)
    assert answer["code"] in (301, 303) and answer["msg"].startswith("relate:")


@pytest.mark.gen_test
async def test_wechat_errors_and_strangers_are_clear_envelopes(api, seller, article):
    relate = f"article_id_{article}|pid_|level_1|uid_{seller['id']}|company_id_1"
    answer = await api.get(f"{G}/work_gongzhonghao_auth", code="bad-code", relate=relate)
    assert answer == {"code": 301, "msg": "code: 微信接口错误 40029: invalid code", "data": {}}
    answer = await api.get(f"{G}/work_gongzhonghao_auth", code="reader-x",
                           relate=f"article_id_{article + 9}|pid_|level_1|uid_{seller['id']}|company_id_1")
    assert answer == {"code": 302, "msg": "文章不存在", "data": {}}
    answer = await api.get(f"{G}/work_gongzhonghao_auth", code="reader-x",
                           relate=f"article_id_{article}|pid_|level_1|uid_999|company_id_1")
    assert answer == {"code": 302, "msg": "uid 用户ID不存在", "data": {}}


@pytest.mark.gen_test
async def test_reading_is_logged_and_pushed_to_the_sharer(api, base_url, db, seller, article):
    radar = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
    await radar.frame()
    reader = await api.reader(seller, article, "zoe")
    page = await api.read(reader, article)
    assert page["title"] == "品牌如何出圈" and page["content"] == "<p>正文</p>"
    assert isinstance(page["article_access_log_id"], int)
    pushed = await radar.frame()
    assert pushed["type"] == "action_log"
    item = pushed["data"]["ret_data"][0]
    assert item["action_code"] == 14 and item["log"] == "zoe正在查看文章《品牌如何出圈》,看来对您的文章感兴趣"
    await api.ok("GET", f"{G}/article/forward_article/{article}", reader,
                 params={"uid": seller["id"], "forward_type": 2})
    pushed = await radar.frame()
    assert pushed["data"]["ret_data"][0]["log"] == \
        "zoe转发了您的文章《品牌如何出圈》分享到【朋友圈】,帮您进一步扩大了传播效果"
    radar.close()


@pytest.mark.gen_test
async def test_stay_time_is_bounded(api, seller, article, clock):
    reader = await api.reader(seller, article, "sam")
    read = await api.read(reader, article)
    stay = f"{G}/article/staytime/{article}"
    params = {"uid": seller["id"], "article_access_log_id": read["article_access_log_id"]}
    clock.advance(5)
    assert (await api.ok("GET", stay, reader, params=params))["stay_time"] == 5
    clock.advance(70)
    assert (await api.ok("GET", stay, reader, params={**params, "seconds": 60}))["stay_time"] == 65
    for seconds, msg in (("61", "seconds: 不能大于60"), ("0", "seconds: 不能小于1")):
        assert (await api.get(stay, reader, **params, seconds=seconds))["msg"] == msg
    other = await api.reader(seller, article, "ann")
    assert (await api.get(stay, other, **params))["code"] == 302  # someone else's read


@pytest.mark.gen_test
async def test_stay_time_grows_no_faster_than_a_clock(api, seller, article, clock):
    """A page that reports too often (or a script) gets credit for the time that really passed."""
    reader = await api.reader(seller, article, "sam")
    read = await api.read(reader, article)
    stay = f"{G}/article/staytime/{article}"
    params = {"uid": seller["id"], "article_access_log_id": read["article_access_log_id"], "seconds": 60}
    clock.advance(3.5)
    totals = [(await api.ok("GET", stay, reader, params=params))["stay_time"] for _ in range(10)]
    assert totals == [3] * 10
    clock.advance(1.6)  # the half second left over carries on
    assert (await api.ok("GET", stay, reader, params=params))["stay_time"] == 5
    node = await report(api, seller, "hide_customer_data", article)
    assert node["ret_data"][0]["stay_time"] == "5秒"


@pytest.mark.gen_test
async def test_reloads_and_forwards_within_the_repeat_window_count_once(api, db, seller, article, clock, cfg):
    reader = await api.reader(seller, article, "sam")
    first = await api.read(reader, article)
    again = [await api.read(reader, article) for _ in range(5)]
    assert {read["article_access_log_id"] for read in again} == {first["article_access_log_id"]}
    for _ in range(5):
        await api.ok("GET", f"{G}/article/forward_article/{article}", reader,
                     params={"uid": seller["id"], "forward_type": 1})
    mine = (await api.ok("GET", f"{Q}/myarticle/{article}", seller))["ret_data"][0]
    assert (mine["read_count"], mine["forward_count"]) == (1, 1)
    root = await report(api, seller, "query_customer_table_by_level", article, level=0)
    assert (root["ret_data"][0]["read_count"], root["ret_data"][0]["forward_friend_count"]) == (1, 1)
    assert await db.article_reads.count_documents({}) == 1
    logs = await api.ok("GET", "/zhugeleida/qiyeweixin/action/time", seller)
    assert sorted((row["action_code"], row["repeats"]) for row in logs["ret_data"]) == [(14, 5), (15, 4)]
    clock.past_repeat_window(cfg)
    assert (await api.read(reader, article))["read_count"] == 2


# ----- the tree and its reports -----------------------------------------------------------------
@pytest.mark.gen_test
async def test_levels_subtrees_and_the_table(api, seller, article, tree):
    r = {name: reader["id"] for name, reader in tree.items()}
    root = await report(api, seller, "query_customer_table_by_level", article, level=0)
    assert root["ret_data"] == [{"uid": str(seller["id"]), "user_name": "zhangcong", "sex": 0, "read_count": 8,
                                 "forward_friend_circle_count": 0, "forward_friend_count": 0,
                                 "lower_people_count": 8, "lower_level": 5, "level": 0}]
    first = await report(api, seller, "query_customer_table_by_level", article, level=1)
    rows = {row["customer_id"]: row for row in first["ret_data"]}
    assert set(rows) == {r["r1"], r["r2"]} and first["total_level_num"] == 5
    assert (rows[r["r1"]]["lower_people_count"], rows[r["r1"]]["lower_level"], rows[r["r1"]]["is_have_child"]) == \
        (5, 4, True)
    assert (rows[r["r2"]]["lower_people_count"], rows[r["r2"]]["lower_level"]) == (1, 1)
    below = await report(api, seller, "query_customer_table_by_level", article, level=1, query_customer_id=r["r1"])
    rows = {row["customer_id"]: row for row in below["ret_data"]}
    assert set(rows) == {r["r3"], r["r4"]}
    assert (rows[r["r3"]]["lower_people_count"], rows[r["r3"]]["lower_level"], rows[r["r3"]]["level"]) == (3, 3, 2)
    assert (rows[r["r4"]]["lower_people_count"], rows[r["r4"]]["is_have_child"]) == (0, False)
    leaf = await report(api, seller, "query_customer_table_by_level", article, level=5, query_customer_id=r["r7"])
    assert leaf["ret_data"] == []
    by_level = await report(api, seller, "customer_effect_ranking_by_level", article, level=2)
    assert {row["customer_id"] for row in by_level["ret_data"]} == {r["r3"], r["r4"], r["r8"]}
    assert by_level["count"] == 3 and by_level["total_level_num"] == 5 and by_level["article_title"] == "品牌如何出圈"
    everyone = await report(api, seller, "customer_effect_ranking_by_level", article, level=0)
    assert everyone["count"] == 8


async def table_rows(api, seller, article, **params) -> dict:
    rows = (await report(api, seller, "query_customer_table_by_level", article, **params))["ret_data"]
    return {row["customer_id"]: (row["customer_name"], row["customer_headimgurl"], row["sex"], row["area"])
            for row in rows}


@pytest.mark.gen_test
async def test_the_table_shows_each_reader_as_they_are_now(api, seller, article, tree):
    """The level table shows the reader card each node carries: it follows the customer's own new profile
    (their mini-program login), the radar user's edit, and shows no one for a customer deleted."""
    r = {name: reader["id"] for name, reader in tree.items()}
    assert (await table_rows(api, seller, article, level=1))[r["r1"]] == \
        ("张一", "http://thirdwx.qlogo.cn/r1/132", "男", "北京朝阳")
    await api.customer_login(seller, "r1", username="张一新", headimgurl="https://img.example/r1.jpg", sex=2,
                             area="杭州")  # the same WeChat user (openid-r1) opens the mini-program
    await api.ok("POST", f"/zhugeleida/qiyeweixin/customer/update_information/{r['r2']}", seller,
                 form={"username": "李二", "phone": "15931788974"})
    await api.ok("POST", f"/zhugeleida/qiyeweixin/customer/delete/{r['r8']}", seller)
    first = await table_rows(api, seller, article, level=1)
    assert first[r["r1"]] == ("张一新", "https://img.example/r1.jpg", "女", "杭州")
    assert first[r["r2"]][0] == "李二"
    assert (await table_rows(api, seller, article, level=2, query_customer_id=r["r2"])) == {
        r["r8"]: ("", "statics/imgs/setAvator.jpg", "", "")}


@pytest.mark.gen_test
async def test_nodes_made_before_reader_cards_get_them_at_start_up(api, db, seller, article, tree):
    from models.setup import prepare_database

    before = await table_rows(api, seller, article, level=1, query_customer_id=tree["r1"]["id"])
    await db.article_nodes.update_many({}, {"$unset": {"reader": ""}})
    await prepare_database(db)
    assert await db.article_nodes.count_documents({"reader": {"$exists": False}}) == 0
    assert await table_rows(api, seller, article, level=1, query_customer_id=tree["r1"]["id"]) == before


@pytest.mark.gen_test
async def test_the_transmit_path_of_the_deepest_reader(api, seller, article, tree):
    r = {name: reader["id"] for name, reader in tree.items()}
    path = await report(api, seller, "query_customer_transmit_path", article, level=5, customer_id=r["r7"])
    assert [(step["level"], step.get("customer_id")) for step in path["ret_data"]] == [
        (0, None), (1, r["r1"]), (2, r["r3"]), (3, r["r5"]), (4, r["r6"]), (5, r["r7"])]
    assert path["ret_data"][1]["customer_name"] == "张一" and path["level"] == 5 and path["customer_id"] == r["r7"]


@pytest.mark.gen_test
async def test_self_links_and_re_entry_keep_the_first_place(api, seller, article, tree, clock, cfg):
    r = {name: reader["id"] for name, reader in tree.items()}
    clock.past_repeat_window(cfg)  # these reads count again
    again = await api.reader(seller, article, "r3", pid=r["r8"], level=3)  # r3 comes back through r8's link
    await api.read(again, article, pid=r["r8"])
    await api.read(tree["r1"], article, pid=r["r1"])  # r1 opens their own link
    path = await report(api, seller, "query_customer_transmit_path", article, customer_id=r["r3"], level=2)
    assert [step.get("customer_id") for step in path["ret_data"]] == [None, r["r1"], r["r3"]]
    root = await report(api, seller, "query_customer_table_by_level", article, level=0)
    assert root["ret_data"][0]["lower_people_count"] == 8 and root["ret_data"][0]["read_count"] == 10
    below_r8 = await report(api, seller, "query_customer_table_by_level", article, level=2, query_customer_id=r["r8"])
    assert below_r8["ret_data"] == []


@pytest.mark.gen_test
async def test_reads_stays_and_forwards_are_counted(api, seller, article, tree, clock, cfg):
    r = {name: reader["id"] for name, reader in tree.items()}
    clock.past_repeat_window(cfg)
    second = await api.read(tree["r1"], article)
    for seconds in (60, 40):
        clock.advance(seconds)
        await api.ok("GET", f"{G}/article/staytime/{article}", tree["r1"],
                     params={"uid": seller["id"], "article_access_log_id": second["article_access_log_id"],
                             "seconds": seconds})
    for _ in range(2):
        await api.ok("GET", f"{G}/article/forward_article/{article}", tree["r1"],
                     params={"uid": seller["id"], "forward_type": 1})
        clock.past_repeat_window(cfg)
    await api.ok("GET", f"{G}/article/forward_article/{article}", tree["r3"],
                 params={"uid": seller["id"], "forward_type": 2})
    potential = await report(api, seller, "hide_customer_data", article)
    assert (potential["total_customer_num"], potential["total_read_num"], potential["count"]) == (8, 9, 8)
    top = potential["ret_data"][0]  # the longest stay first
    assert (top["customer_id"], top["read_count"], top["forward_count"], top["stay_time"], top["level"],
            top["pid"], top["sex_text"], top["area"]) == (r["r1"], 2, 2, "1分40秒", 1, None, "男", "北京朝阳")
    assert potential["ret_data"][1]["stay_time"] == 0
    log = await report(api, seller, "get_article_access_log", article, customer_id=r["r1"])
    assert log["data_count"] == 2 and log["customer_name"] == "张一" and log["pid"] is None
    assert [row["stay_time"] for row in log["ret_data"]] == ["1分40秒", 0]
    forwards = await report(api, seller, "get_article_forward_info", article, customer_id=r["r1"])
    row = forwards["ret_data"][0]
    assert (row["forward_customer_read_people"], row["forward_customer_read_num"], row["forward_friend_count"],
            row["forward_friend_circle_count"]) == (2, 2, 2, 0)
    info = await api.ok("GET", f"{Q}/customer_read_info/0", seller, params={"customer_id": r["r1"]})
    assert [(row["article_id"], row["read_count"], row["forward_count"], row["level"], row["stay_time"])
            for row in info["ret_data"]] == [(article, 2, 2, [1], "1分40秒")]
    mine = (await api.ok("GET", f"{Q}/myarticle/{article}", seller))["ret_data"][0]
    assert (mine["read_count"], mine["forward_count"]) == (9, 3)
    root = await report(api, seller, "query_customer_table_by_level", article, level=0)
    assert (root["ret_data"][0]["forward_friend_count"], root["ret_data"][0]["forward_friend_circle_count"]) == (2, 1)
    ordered = await api.ok("GET", f"{Q}/myarticle/0", seller, params={"order": "-read_count"})
    assert ordered["ret_data"][0]["id"] == article


@pytest.mark.gen_test
async def test_a_reader_shares_the_article_on(api, seller, article, tree):
    data = await api.ok("GET", f"{G}/work_gongzhonghao_auth/create_gongzhonghao_share_auth_url", tree["r3"],
                        params={"article_id": article, "uid": seller["id"], "level": 9})
    inner = urllib.parse.parse_qs(urllib.parse.urlsplit(data["share_url"]).query)["share_url"][0]
    redirect = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(inner).query))["redirect_uri"]
    assert redirect.endswith(f"relate=article_id_{article}|pid_{tree['r3']['id']}|level_3|uid_{seller['id']}|company_id_1")


@pytest.mark.gen_test
async def test_reports_cost_the_same_whatever_the_trees_size(api, commands, seller, article, tree):
    """Subtree sizes and depths are kept on the nodes: no report walks the tree."""
    r = {name: reader["id"] for name, reader in tree.items()}
    calls = [("hide_customer_data", {}), ("get_article_access_log", {"customer_id": r["r1"]}),
             ("get_article_forward_info", {"customer_id": r["r1"]}),
             ("customer_effect_ranking_by_level", {"level": 1}),
             ("query_customer_transmit_path", {"customer_id": r["r7"], "level": 5}),
             ("query_customer_table_by_level", {"level": 0}), ("query_customer_table_by_level", {"level": 1}),
             ("query_customer_table_by_level", {"level": 1, "query_customer_id": r["r1"]})]

    async def costs() -> list[int]:
        counted = []
        for oper, params in calls:
            with commands.recording() as seen:
                await report(api, seller, oper, article, **params)
            counted.append(len(seen))
        return counted

    small = await costs()
    for index in range(12):  # the tree grows: more readers under r1 and r7
        parent = tree["r1"] if index % 2 else tree["r7"]
        reader = await api.reader(seller, article, f"more{index}", pid=parent["id"])
        await api.read(reader, article, pid=parent["id"])
    assert await costs() == small
    assert max(small) <= 4
