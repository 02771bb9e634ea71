"""The business card: details, phone, signature, photos, the card's tags and feedback."""

import json

import pytest

Q = "/zhugeleida/qiyeweixin"


@pytest.mark.gen_test
async def test_card_has_the_seed_shape(api, seller):
    answer = await api.get(f"{Q}/mingpian", seller)
    assert answer["code"] == 200 and answer["msg"] == "查询成功" and answer["data"]["data_count"] == 1
    item = answer["data"]["ret_data"][0]
    assert set(item) >= {"id", "username", "avatar", "company", "area", "address", "position", "telephone", "email",
                         "country", "wechat", "wechat_phone", "is_show_phone", "mingpian_phone", "sign", "photo",
                         "tag", "create_date"}
    assert (item["id"], item["username"], item["company"], item["photo"], item["tag"]) == (
        seller["id"], "zhangcong", "合众康桥", [], [])
    assert item["avatar"] == "statics/imgs/setAvator.jpg"
    avatar = await api.raw("GET", "/" + item["avatar"])
    assert avatar.code == 200 and avatar.body[:2] == b"\xff\xd8"


@pytest.mark.gen_test
async def test_save_phone_info_and_sign(api, seller):
    assert await api.post(f"{Q}/mingpian/save_phone", seller, mingpian_phone="15931788977",
                          is_show_phone="False") == {"code": 200, "msg": "保存成功", "data": {}}
    assert (await api.post(f"{Q}/mingpian/save_info", seller, wechat="just so so", mingpian_phone="15931788975",
                           telephone="010-4321095", email="12133@qq.com", country=1, area="北京市 北京 通州区",
                           address="新华西街"))["code"] == 200
    assert (await api.post(f"{Q}/mingpian/save_sign", seller, sign="一生所爱~~"))["msg"] == "保存成功"
    item = (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]
    assert (item["mingpian_phone"], item["is_show_phone"], item["wechat"], item["telephone"], item["email"],
            item["country"], item["area"], item["address"], item["sign"]) == (
        "15931788975", False, "just so so", "010-4321095", "12133@qq.com", "国内", "北京市 北京 通州区", "新华西街",
        "一生所爱~~")


@pytest.mark.gen_test
@pytest.mark.parametrize("route, form, code, msg", [
    ("save_phone", {"mingpian_phone": "123", "is_show_phone": "True"}, 301, "mingpian_phone: 手机号码格式错误"),
    ("save_phone", {"mingpian_phone": "15931788975"}, 303, "is_show_phone: 不能为空"),
    ("save_phone", {"mingpian_phone": "15931788975", "is_show_phone": "maybe"}, 301,
     "is_show_phone: 必须是 true 或 false"),
    ("save_info", {"mingpian_phone": "15931788975", "email": "nope"}, 301, "email: 邮箱格式错误"),
    ("save_info", {"mingpian_phone": "15931788975", "telephone": "call me"}, 301, "telephone: 座机号码格式错误"),
    ("save_info", {"mingpian_phone": "15931788975", "country": 3}, 301, "country: 只能是1|2"),
    ("save_info", {"wechat": "x"}, 303, "mingpian_phone: 不能为空"),
    ("save_sign", {"sign": "长" * 201}, 301, "sign: 长度不能超过200个字符"),
])
async def test_card_validation_writes_nothing(api, db, seller, route, form, code, msg):
    assert await api.post(f"{Q}/mingpian/{route}", seller, **form) == {"code": code, "msg": msg, "data": {}}
    user = await db.users.find_one({"_id": seller["id"]})
    assert "mingpian_phone" not in user and "sign" not in user


@pytest.mark.gen_test
async def test_user_tags(api, seller):
    first = await api.post(f"{Q}/tag_user/add", seller, name="有志青年")
    assert first["code"] == 200 and first["msg"] == "添加成功" and first["data"][0]["name"] == "有志青年"
    second = (await api.ok("POST", f"{Q}/tag_user/add", seller, form={"name": "靠谱人士"}))[0]
    third = (await api.ok("POST", f"{Q}/tag_user/add", seller, form={"name": "积极少年"}))[0]
    assert (await api.post(f"{Q}/tag_user/add", seller, name="靠谱人士"))["code"] == 300
    answer = await api.get(f"{Q}/tag_user", seller)
    assert answer["data"] == {"user_id": str(seller["id"]), "data_count": 3, "ret_data": [
        first["data"][0], second, third]}
    assert (await api.post(f"{Q}/tag_user/save", seller, tag_list=f"[{third['id']},{first['data'][0]['id']}]")) == {
        "code": 200, "msg": "添加成功", "data": []}
    assert [t["name"] for t in (await api.ok("GET", f"{Q}/tag_user", seller))["ret_data"]] == ["积极少年", "有志青年"]
    assert (await api.post(f"{Q}/tag_user/save", seller, tag_list=f"[{second['id']}]"))["code"] == 302
    assert await api.post(f"{Q}/tag_user/delete", seller, id=third["id"]) == {"code": 200, "msg": "删除成功",
                                                                            "data": {}}
    assert (await api.post(f"{Q}/tag_user/delete", seller, id=third["id"]))["code"] == 302
    assert [t["name"] for t in (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]["tag"]] == ["有志青年"]


@pytest.mark.gen_test
async def test_feedback(api, db, seller):
    content = [{"type": "phone", "data": "13020006631"},
               {"type": "picture_url", "data": ["statics/a.png", "statics/b.png"]},
               {"type": "content", "data": "用户体验不够好"}]
    answer = await api.post(f"{Q}/mingpian/feedback", seller, problem_type=2, content=json.dumps(content))
    assert answer["code"] == 200 and answer["msg"] == "添加成功"
    stored = await db.feedback.find_one({"_id": answer["data"]["feedback_id"]})
    assert stored["content"] == content and stored["problem_type"] == 2 and stored["status"] == 1
    for form, code in (({"problem_type": 4, "content": json.dumps(content)}, 301),
                       ({"problem_type": 1, "content": "[]"}, 303),
                       ({"problem_type": 1}, 303),
                       ({"problem_type": 1, "content": '[{"type": "video", "data": "x"}]'}, 301),
                       ({"problem_type": 1, "content": '[{"type": "phone", "data": "abc"}]'}, 301)):
        assert (await api.post(f"{Q}/mingpian/feedback", seller, **form))["code"] == code, form
    assert await db.feedback.count_documents({}) == 1


@pytest.mark.gen_test
async def test_customer_opens_the_card(api, seller, customer):
    answer = await api.call("GET", "/zhugeleida/xiaochengxu/mingpian", customer, params={"uid": seller["id"]})
    assert answer["code"] == 200 and answer["data"]["ret_data"][0]["id"] == seller["id"]
    logs = (await api.ok("GET", f"{Q}/action/get_new_log", seller))["ret_data"]
    assert [log["log"] for log in logs] == ["张炬首次查看您的名片,沟通从此刻开始"]
