"""Products through every status, with the seed's shapes and ownership rules."""

import json

import pytest

P = "/zhugeleida/qiyeweixin/product"
CONTENT = {
    "cover_data": [{"type": "picture_url", "data": ["statics/zhugeleida/imgs/xiaochengxu/website/1.png"]}],
    "article_data": [{"type": "title", "data": ["xx我是标题1"]}, {"type": "content", "data": ["我是内容1"]},
                     {"type": "picture_url", "data": ["statics/zhugeleida/imgs/xiaochengxu/website/Content_1.png"]}],
}


async def add(api, who, name="门票", **extra):
    form = {"name": name, "price": "228", "reason": "一起度过美好时光!!", "content": json.dumps(CONTENT), **extra}
    answer = await api.post(f"{P}/add/0", who, **form)
    assert answer["code"] == 200 and answer["msg"] == "添加成功", answer
    return answer["data"]["product_id"]


@pytest.mark.gen_test
async def test_add_and_read_with_the_seed_shapes(api, seller):
    product_id = await add(api, seller)
    answer = await api.get(f"{P}/product_single/", seller, product_id=product_id)  # the seed's trailing slash
    assert answer["code"] == 200 and answer["msg"] == "查询成功" and answer["data"]["data_count"] == 1
    item = answer["data"]["ret_data"][0]
    assert set(item) == {"id", "publisher", "publisher_date", "name", "price", "user_avatar", "reason", "content",
                         "create_date", "status", "status_code"}
    assert (item["publisher"], item["name"], item["price"], item["reason"], item["status"], item["status_code"]) == (
        "我添加的", "门票", "228", "一起度过美好时光!!", "已发布", 1)
    assert item["content"] == CONTENT and len(item["create_date"]) == 10
    listed = await api.get(f"{P}/product_list/", seller)
    row = listed["data"]["ret_data"][0]
    assert set(row) == {"id", "name", "publisher", "price", "publisher_date", "content", "create_date", "status",
                        "status_code"}
    assert row["content"] == {"cover_data": CONTENT["cover_data"]} and listed["data"]["data_count"] == 1
    assert (await api.get(f"{P}/product_list", seller))["data"]["data_count"] == 1


@pytest.mark.gen_test
async def test_every_status_and_the_list_filter(api, seller):
    ids = [await add(api, seller, name=f"产品{i}") for i in range(3)]
    for status, msg, label in ((2, "修改下架状态成功", "已下架"), (3, "修改推荐状态成功", "推荐"), (1, "修改发布状态成功", "已发布")):
        answer = await api.post(f"{P}/change_status/{ids[0]}", seller, status=status)
        assert answer == {"code": 200, "msg": msg, "data": {"product_id": ids[0], "status": label,
                                                            "status_code": status}}
    await api.ok("POST", f"{P}/change_status/{ids[1]}", seller, form={"status": 2})
    await api.ok("POST", f"{P}/change_status/{ids[2]}", seller, form={"status": 3})
    names = {}
    for code in (1, 2, 3):
        rows = (await api.ok("GET", f"{P}/product_list", seller, params={"status_code": code}))["ret_data"]
        names[code] = sorted(r["name"] for r in rows)
    assert names == {1: ["产品0", "产品2"], 2: ["产品1"], 3: ["产品2"]}
    assert (await api.post(f"{P}/change_status/{ids[0]}", seller, status=4))["code"] == 301
    assert (await api.post(f"{P}/change_status/{ids[0]}", seller))["code"] == 303
    assert (await api.get(f"{P}/product_list", seller, status_code=9))["code"] == 301


@pytest.mark.gen_test
async def test_update_delete_and_names(api, seller):
    first = await add(api, seller, name="一")
    await add(api, seller, name="二")
    assert (await api.post(f"{P}/add/0", seller, name="一", price="1"))["code"] == 300
    assert (await api.post(f"{P}/update/{first}", seller, name="二", price="1"))["code"] == 300
    assert await api.post(f"{P}/update/{first}", seller, name="一号", price="99", reason="好",
                          content=json.dumps({"cover_data": []})) == {"code": 200, "msg": "添加成功", "data": {}}
    item = (await api.ok("GET", f"{P}/product_single", seller, params={"product_id": first}))["ret_data"][0]
    assert (item["name"], item["price"], item["content"]) == ("一号", "99", {"cover_data": [], "article_data": []})
    assert await api.post(f"{P}/delete/{first}", seller) == {"code": 200, "msg": "删除成功", "data": {}}
    assert (await api.get(f"{P}/product_single", seller, product_id=first))["code"] == 302
    assert (await api.post(f"{P}/delete/{first}", seller))["code"] == 302


@pytest.mark.gen_test
@pytest.mark.parametrize("content, msg", [
    ("not json", "content: 不是合法的JSON"),
    ('["x"]', "content: 必须是JSON对象"),
    ('{"cover_data": "x"}', "content.cover_data: 必须是不超过100项的列表"),
    ('{"cover_data": [{"type": "video", "data": ["x"]}]}', "content.cover_data[0].type: 只能是 title | content | picture_url"),
    ('{"article_data": [{"type": "title", "data": []}]}', "content.article_data[0].data: 必须是非空的文本列表(每项不超过5000字)"),
    ('{"article_data": [{"type": "title", "data": [1]}]}', "content.article_data[0].data: 必须是非空的文本列表(每项不超过5000字)"),
    ('{"extra": []}', "content: 只能包含 cover_data 和 article_data, 不能有 extra"),
])
async def test_content_is_validated(api, db, seller, content, msg):
    answer = await api.post(f"{P}/add/0", seller, name="x", price="1", content=content)
    assert answer == {"code": 301, "msg": msg, "data": {}}
    assert await db.products.count_documents({}) == 0


@pytest.mark.gen_test
async def test_ownership_company_products_and_tenants(api, admin, seller):
    colleague = await api.create_user(admin, "colleague")
    mine = await add(api, seller, name="我的")
    company = await add(api, admin, name="企业的", company_product="true")
    assert (await api.post(f"{P}/add/0", seller, name="冒充", price="1", company_product="true"))["code"] == 302
    # The colleague sees company products but not mine, and edits neither.
    rows = (await api.ok("GET", f"{P}/product_list", colleague))["ret_data"]
    assert [(r["name"], r["publisher"]) for r in rows] == [("企业的", "企业发布")]
    assert (await api.get(f"{P}/product_single", colleague, product_id=mine))["code"] == 302
    for answer in (await api.post(f"{P}/update/{mine}", colleague, name="x", price="1"),
                   await api.post(f"{P}/change_status/{mine}", colleague, status=2),
                   await api.post(f"{P}/delete/{mine}", colleague)):
        assert answer == {"code": 302, "msg": "产品不存在", "data": {}}
    for answer in (await api.post(f"{P}/update/{company}", seller, name="x", price="1"),
                   await api.post(f"{P}/change_status/{company}", seller, status=2),
                   await api.post(f"{P}/delete/{company}", seller)):
        assert answer == {"code": 302, "msg": "没有权限修改", "data": {}}
    # Admins see the whole company, with who added what.
    rows = (await api.ok("GET", f"{P}/product_list", admin))["ret_data"]
    assert sorted((r["name"], r["publisher"]) for r in rows) == [("企业的", "企业发布"), ("我的", "zhangcong添加的")]
    assert (await api.post(f"{P}/change_status/{company}", admin, status=3))["code"] == 200
    # Another company sees nothing of ours.
    other = await api.ok("POST", "/zhugeleida/qiyeweixin/company/add/0", admin, form={"name": "别家"})
    stranger = await api.create_user(admin, "stranger", role_id=1, company_id=other["company_id"])
    assert (await api.ok("GET", f"{P}/product_list", stranger))["data_count"] == 0
    assert (await api.get(f"{P}/product_single", stranger, product_id=company))["code"] == 302


async def product_with_picture(api, seller) -> tuple[int, int, str]:
    import base64

    from tests.helpers import png_bytes

    await api.ok("POST", f"{P}/add_picture/0", seller, form={"img_name": "a.png", "timestamp": "1", "chunk": 0,
                                                            "img_data": base64.b64encode(png_bytes()).decode()})
    picture = (await api.ok("POST", f"{P}/upload_complete/0", seller, form={
        "img_name": "a.png", "timestamp": "1", "chunk_num": 1, "picture_type": 1}))["ret_data"]
    content = {"cover_data": [{"type": "picture_url", "data": [picture["picture_url"], "statics/other.png"]}],
               "article_data": [{"type": "title", "data": ["标题"]}, {"type": "content", "data": ["内容"]},
                                {"type": "picture_url", "data": [picture["picture_url"]]}]}
    product = await api.ok("POST", f"{P}/add/0", seller, form={"name": "门票", "price": "1",
                                                               "content": json.dumps(content)})
    return product["product_id"], picture["picture_id"], picture["picture_url"]


@pytest.mark.gen_test
async def test_the_deprecated_delete_article_works_as_printed(api, seller):
    product_id, _picture, url = await product_with_picture(api, seller)
    # The seed documents it as a GET; POST works too. The id is the block's position in article_data.
    answer = await api.get(f"{P}/delete_article/2", seller, product_id=product_id)
    assert answer == {"code": 200, "msg": "删除文章字段成功", "data": {}}
    content = (await api.ok("GET", f"{P}/product_single", seller, params={"product_id": product_id}))[
        "ret_data"][0]["content"]
    assert content["article_data"] == [{"type": "title", "data": ["标题"]}, {"type": "picture_url", "data": [url]}]
    assert (await api.post(f"{P}/delete_article/1", seller, product_id=product_id))["code"] == 200
    assert (await api.post(f"{P}/delete_article/9", seller, product_id=product_id))["code"] == 302
    assert (await api.get(f"{P}/delete_article/1", seller))["code"] == 303


@pytest.mark.gen_test
async def test_the_deprecated_delete_picture_works_as_printed(api, ctx, db, seller, admin):
    product_id, picture_id, url = await product_with_picture(api, seller)
    stranger = await api.create_user(admin, "stranger")
    assert (await api.post(f"{P}/delete_picture/{picture_id}", stranger, product_id=product_id))["code"] == 302
    answer = await api.post(f"{P}/delete_picture/{picture_id}", seller, product_id=product_id)
    assert answer == {"code": 200, "msg": "删除成功", "data": {}}
    content = (await api.ok("GET", f"{P}/product_single", seller, params={"product_id": product_id}))[
        "ret_data"][0]["content"]
    assert content == {"cover_data": [{"type": "picture_url", "data": ["statics/other.png"]}],
                       "article_data": [{"type": "title", "data": ["标题"]}, {"type": "content", "data": ["内容"]}]}
    assert not (ctx.cfg.statics_dir / url.removeprefix("statics/")).exists()
    assert await db.product_pictures.count_documents({}) == 0
    assert (await api.post(f"{P}/delete_picture/{picture_id}", seller))["code"] == 302
