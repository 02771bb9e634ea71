"""A populated company built through the real routes, and a ready call for every route of the API
index: the contract test compares their answers with the seed's examples, and bench/roundtrips.py
(with test_roundtrips) counts their database commands.

calls(world) maps "METHOD /route" (the README's form) to an async prepare(example=None) that sets up
whatever the call consumes (a code, a user to delete...) and returns (method, path, who, params,
form). Reads come first, then writes, deletes last, so that every call finds what it needs.
"""

import base64
import itertools
import json
import random
import time

from tests.helpers import png_bytes
from wechat.crypto import MsgCrypt, signature

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
G = "/zhugeleida/gongzhonghao"
A = f"{Q}/article"
BOSS = "/zhugeleida/boosleida/home_page"
READERS = {"r1": 2, "r2": 1, "r3": 1}  # name -> sex


async def upload(api, who, path_chunk, path_merge, name, **merge):
    data = base64.b64encode(png_bytes()).decode()
    source = {"img_source": merge["img_source"]} if "img_source" in merge else {}
    await api.ok("POST", path_chunk, who, form={"img_name": name, "timestamp": name, "chunk": 0, "img_data": data,
                                                 **source})
    return await api.call("POST", path_merge, who, form={"img_name": name, "timestamp": name, "chunk_num": 1,
                                                         **merge})


async def build(api, admin, seller, fake_wechat, clock) -> dict:
    """A radar user with two customers (one referred by the other), chats of every kind, actions,
    tags, follow-ups, card details and photos, products with pictures, an article read down a chain
    of three readers, and the company's WeCom and official account configured. The clock (a
    tests.helpers.Clock) moves on as the readers stay and come back."""
    for name, sex in READERS.items():
        fake_wechat.readers[name] = {"nickname": name, "sex": sex, "province": "河北", "city": "保定",
                                     "headimgurl": f"http://thirdwx.qlogo.cn/{name}/132"}
    await api.ok("POST", f"{Q}/company/update/1", admin, form={
        "corp_id": "wwcorp", "corp_secret": "corpsecret", "gzh_appid": "wxgzh", "gzh_secret": "gzhsecret",
        "callback_token": "cbtoken", "callback_aes_key": "A" * 43})
    first = await api.customer_login(seller, "c1", username="张炬")
    second = await api.customer_login(seller, "c2", username="张聪", source=2, superior=first["id"])
    for customer in (first, second):
        for action in (1, 2, 9, 6, 10):
            await api.act(customer, action)
        await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
            "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "您好"})})
        await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
            "u_id": seller["id"], "content": json.dumps({"info_type": 2, "product_name": "门票", "product_price": "128",
                                                          "product_id": 1, "product_cover_url": "statics/a.png"})})
        await api.ok("POST", f"{Q}/chat/send_msg/0", seller, form={
            "customer_id": customer["id"], "content": json.dumps({"info_type": 1, "msg": "你好"})})
        await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "回访"})
        await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", seller, form={"expedted_pr": "80"})
        await api.ok("POST", f"{Q}/customer/update_expected_time/{customer['id']}", seller,
                     form={"expected_time": "2018-06-14"})
        await api.ok("POST", f"{Q}/tag_list/add_tag/{customer['id']}", seller, form={"name": f"标签{customer['id']}"})
    await api.ok("POST", f"{Q}/follow_language/add/0", seller, form={"custom_language": "明天再联系"})
    for name in ("有志青年", "靠谱人士"):
        await api.ok("POST", f"{Q}/tag_user/add", seller, form={"name": name})
    await api.ok("POST", f"{Q}/mingpian/save_info", seller, form={
        "mingpian_phone": "15931788975", "wechat": "wx", "telephone": "010-1234567", "email": "a@b.cn",
        "country": 1, "area": "北京", "address": "东四十条", "position": "技术经理"})
    await api.ok("POST", f"{Q}/mingpian/save_sign", seller, form={"sign": "一生所爱"})
    await upload(api, seller, "/zhugeleida/public/img_upload", "/zhugeleida/public/img_merge", "p1",
                 img_source="user_photo")
    picture = await upload(api, seller, f"{Q}/product/add_picture/0", f"{Q}/product/upload_complete/0", "pp",
                           picture_type=1)
    url = picture["data"]["ret_data"]["picture_url"]
    content = {"cover_data": [{"type": "picture_url", "data": [url]}],
               "article_data": [{"type": "title", "data": ["标题"]}, {"type": "content", "data": ["内容"]}]}
    product = await api.ok("POST", f"{Q}/product/add/0", seller, form={
        "name": "门票2", "price": "128", "reason": "有理想", "content": json.dumps(content)})
    await api.ok("POST", f"{Q}/product/add/0", admin, form={"name": "企业门票", "price": "50", "company_product": "true"})
    article = (await api.ok("POST", f"{A}/add/0", seller, form={"title": "品牌", "content": "正文"}))["article_id"]
    readers, reads, pid = [], [], None
    for name in READERS:  # a chain of three levels
        reader = await api.reader(seller, article, name, pid=pid)
        read = await api.read(reader, article, pid=pid)
        clock.advance(35)
        await api.ok("GET", f"{G}/article/staytime/{article}", reader, params={
            "uid": seller["id"], "article_access_log_id": read["article_access_log_id"], "seconds": 35})
        await api.ok("GET", f"{G}/article/forward_article/{article}", reader,
                     params={"uid": seller["id"], "forward_type": 1})
        readers.append(reader)
        reads.append(read["article_access_log_id"])
        pid = reader["id"]
    clock.past_repeat_window(api.ctx.cfg)
    await api.read(readers[0], article)  # a second read, with no stay (the seed's 0)
    return {"admin": admin, "seller": seller, "first": first, "second": second, "product_id": product["product_id"],
            "article": article, "readers": readers, "reads": reads, "api": api, "fake_wechat": fake_wechat}


def signed_callback(encrypt: str, **extra) -> dict:
    """WeCom's query for a callback delivery: a fresh timestamp and nonce."""
    timestamp, nonce = str(int(time.time())), str(random.randrange(10**9, 10**10))
    return {"msg_signature": signature("cbtoken", timestamp, nonce, encrypt), "timestamp": timestamp,
            "nonce": nonce, **extra}


def table_level(example) -> dict:
    """16.7 prints three answers: the radar user's own row (level 0), level 1, and one reader's children."""
    if example is None or example.answer["data"]["ret_data"][0]["level"] == 0:
        return {"level": 0}
    return {"level": 1} if example.line < 6150 else {"level": 1, "query_customer_id": "first reader"}


def calls(world) -> dict:
    api, fake = world["api"], world["fake_wechat"]
    seller, first, second, admin = world["seller"], world["first"], world["second"], world["admin"]
    product, article = world["product_id"], world["article"]
    reader, reader_ids = world["readers"][0], [r["id"] for r in world["readers"]]
    serial = itertools.count(1)

    def fixed(method, path, who, params=None, form=None):
        async def prepare(example=None):
            return method, path, who, params or {}, form
        return prepare

    async def new_user(role_id=2):
        return await api.create_user(admin, f"tmp{next(serial)}", role_id=role_id)

    async def scan_code() -> dict:
        return await api.ok("GET", "/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode")

    async def wecom_login(example=None):
        code = f"oauth{next(serial)}"
        fake.codes[code] = "zhangsan"
        return "GET", f"{Q}/work_weixin_auth/1", None, {"code": code}, None

    async def scan_image(example=None):
        return "GET", "/" + (await scan_code())["auth_qrcode_url"], None, {}, None

    async def scan_request(example=None):
        return "GET", f"{Q}/scan_login/request", seller, {"auth_code": (await scan_code())["auth_code"]}, None

    async def scan_confirm(example=None):
        return "POST", f"{Q}/scan_login/confirm", seller, {}, {"auth_code": (await scan_code())["auth_code"]}

    async def reader_login(example=None):
        relate = f"article_id_{article}|pid_|level_1|uid_{seller['id']}|company_id_1"
        return "GET", f"{G}/work_gongzhonghao_auth", None, {"code": f"reader-x{next(serial)}", "relate": relate}, None

    async def customer_login(example=None):
        return "POST", f"{X}/login", None, {}, {"company_id": 1, "js_code": f"new{next(serial)}", "u_id": seller["id"]}

    async def chunk(example=None):
        name = f"c{next(serial)}"
        return "POST", "/zhugeleida/public/img_upload", seller, {}, {
            "img_name": name, "timestamp": name, "chunk": 0, "img_source": "user_photo",
            "img_data": base64.b64encode(png_bytes()).decode()}

    async def merged(path_chunk, path_merge, **merge):
        name = f"m{next(serial)}"
        data = base64.b64encode(png_bytes()).decode()
        source = {"img_source": merge["img_source"]} if "img_source" in merge else {}
        await api.ok("POST", path_chunk, seller, form={"img_name": name, "timestamp": name, "chunk": 0,
                                                       "img_data": data, **source})
        return "POST", path_merge, seller, {}, {"img_name": name, "timestamp": name, "chunk_num": 1, **merge}

    async def photo_merge(example=None):
        return await merged("/zhugeleida/public/img_upload", "/zhugeleida/public/img_merge", img_source="user_photo")

    async def picture_merge(example=None):
        return await merged(f"{Q}/product/add_picture/0", f"{Q}/product/upload_complete/0", picture_type=2)

    async def picture_chunk(example=None):
        name = f"pc{next(serial)}"
        return "POST", f"{Q}/product/add_picture/0", seller, {}, {
            "img_name": name, "timestamp": name, "chunk": 0, "img_data": base64.b64encode(png_bytes()).decode()}

    async def add_user(example=None):
        return "POST", f"{Q}/user/add/0", admin, {}, {"username": f"new{next(serial)}", "password": "123456",
                                                      "role_id": 2}

    async def update_user(example=None):
        return "POST", f"{Q}/user/update/{(await new_user())['id']}", admin, {}, {"role_id": 3}

    async def delete_user(example=None):
        return "POST", f"{Q}/user/delete/{(await new_user())['id']}", admin, {}, {}

    async def role():
        return (await api.ok("POST", f"{Q}/role/add/0", admin, form={"name": f"角色{next(serial)}"}))["role_id"]

    async def add_role(example=None):
        return "POST", f"{Q}/role/add/0", admin, {}, {"name": f"角色{next(serial)}"}

    async def update_role(example=None):
        return "POST", f"{Q}/role/update/{await role()}", admin, {}, {"name": f"角色{next(serial)}"}

    async def delete_role(example=None):
        return "POST", f"{Q}/role/delete/{await role()}", admin, {}, {}

    async def permission():
        answer = await api.ok("POST", f"{Q}/quanxian/add/0", admin, form={
            "path": f"/p{next(serial)}", "title": f"权限{next(serial)}", "order_num": 1})
        return answer["id"]

    async def add_permission(example=None):
        return "POST", f"{Q}/quanxian/add/0", admin, {}, {"path": f"/p{next(serial)}", "title": f"权限{next(serial)}",
                                                          "order_num": 1}

    async def update_permission(example=None):
        return "POST", f"{Q}/quanxian/update/{await permission()}", admin, {}, {
            "path": f"/p{next(serial)}", "title": f"权限{next(serial)}", "order_num": 2}

    async def delete_permission(example=None):
        return "POST", f"{Q}/quanxian/delete/{await permission()}", admin, {}, {}

    async def company():
        return (await api.ok("POST", f"{Q}/company/add/0", admin, form={"name": f"公司{next(serial)}"}))["company_id"]

    async def add_company(example=None):
        return "POST", f"{Q}/company/add/0", admin, {}, {"name": f"公司{next(serial)}"}

    async def update_company(example=None):
        return "POST", f"{Q}/company/update/{await company()}", admin, {}, {"name": f"公司{next(serial)}"}

    async def delete_company(example=None):
        return "POST", f"{Q}/company/delete/{await company()}", admin, {}, {}

    async def tag_on_customer(example=None):
        return "POST", f"{Q}/tag_list/add_tag/{first['id']}", seller, {}, {"name": f"标签{next(serial)}"}

    async def tag_customers(example=None):
        return "POST", f"{Q}/tag_customer/add/0", seller, {}, {"name": f"标签{next(serial)}",
                                                               "customer_list": json.dumps([first["id"]])}

    async def single_choice(example=None):
        groups = (await api.ok("GET", f"{Q}/tag_list", seller))["ret_data"]
        level = next(group["id"] for group in groups if group["name"] == "级别")
        return "POST", f"{Q}/tag_list/single_choice/{level}", admin, {}, {"single_choice": "true"}

    async def delete_tag(example=None):
        tag = await api.ok("POST", f"{Q}/tag_list/add_tag/{first['id']}", seller, form={"name": f"删{next(serial)}"})
        return "POST", f"{Q}/tag_list/delete_tag/{tag['tag_id']}", seller, {}, {}

    async def add_phrase(example=None):
        return "POST", f"{Q}/follow_language/add/0", seller, {}, {"custom_language": f"常用语{next(serial)}"}

    async def delete_phrase(example=None):
        phrase = await api.ok("POST", f"{Q}/follow_language/add/0", seller,
                              form={"custom_language": f"删{next(serial)}"})
        return "POST", f"{Q}/follow_language/delete/{phrase['language_id']}", seller, {}, {}

    async def add_card_tag(example=None):
        return "POST", f"{Q}/tag_user/add", seller, {}, {"name": f"标{next(serial)}"}

    async def delete_card_tag(example=None):
        tag = (await api.ok("POST", f"{Q}/tag_user/add", seller, form={"name": f"删{next(serial)}"}))[0]
        return "POST", f"{Q}/tag_user/delete", seller, {}, {"id": tag["id"]}

    async def save_card_tags(example=None):
        tags = (await api.ok("GET", f"{Q}/tag_user", seller))["ret_data"]
        return "POST", f"{Q}/tag_user/save", seller, {}, {"tag_list": json.dumps([t["id"] for t in tags])}

    async def delete_photo(example=None):
        method, path, who, params, form = await photo_merge()
        merged_photo = await api.ok(method, path, who, form=form)
        return "POST", f"{Q}/mingpian/delete_photo", seller, {}, {"photo_id": merged_photo["ret_data"]["photo_id"]}

    async def new_product():
        return (await api.ok("POST", f"{Q}/product/add/0", seller, form={"name": f"品{next(serial)}", "price": "1",
                                                                         "content": json.dumps(content)}))["product_id"]

    content = {"cover_data": [], "article_data": [{"type": "title", "data": ["标题"]}]}

    async def add_product(example=None):
        return "POST", f"{Q}/product/add/0", seller, {}, {"name": f"品{next(serial)}", "price": "1"}

    async def update_product(example=None):
        return "POST", f"{Q}/product/update/{product}", seller, {}, {"name": "门票2", "price": f"{next(serial)}"}

    async def change_status(example=None):
        return "POST", f"{Q}/product/change_status/{product}", seller, {}, {"status": 2}

    async def delete_product(example=None):
        return "POST", f"{Q}/product/delete/{await new_product()}", seller, {}, {}

    async def delete_article_block(example=None):
        return "GET", f"{Q}/product/delete_article/1", seller, {"product_id": await new_product()}, None

    async def delete_picture(example=None):
        method, path, who, params, form = await picture_merge()
        uploaded = await api.ok(method, path, who, form=form)
        return "POST", f"{Q}/product/delete_picture/{uploaded['ret_data']['picture_id']}", seller, {}, {
            "product_id": product}

    async def new_article():
        return (await api.ok("POST", f"{A}/add/0", seller, form={"title": f"文{next(serial)}", "content": "x"}))[
            "article_id"]

    async def add_article(example=None):
        return "POST", f"{A}/add/0", seller, {}, {"title": f"文{next(serial)}", "content": "正文"}

    async def update_article(example=None):
        return "POST", f"{A}/update/{await new_article()}", seller, {}, {"title": f"改{next(serial)}"}

    async def delete_article(example=None):
        return "POST", f"{A}/delete/{await new_article()}", seller, {}, {}

    async def new_customer():
        return await api.customer_login(seller, f"gone{next(serial)}")

    async def delete_customer(example=None):
        return "POST", f"{Q}/customer/delete/{(await new_customer())['id']}", seller, {}, {}

    async def callback_verify(example=None):
        echostr = MsgCrypt("cbtoken", "A" * 43, "wwcorp").encrypt(b"1616140317555161061")
        return "GET", f"{Q}/callback/1", None, signed_callback(echostr, echostr=echostr), None

    async def callback_event(example=None):
        event = (f"<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><MsgType><![CDATA[event]]></MsgType>"
                 f"<Event><![CDATA[change_contact]]></Event><ChangeType>update_user</ChangeType>"
                 f"<UserID><![CDATA[member{next(serial)}]]></UserID><Name><![CDATA[成员]]></Name></xml>")
        encrypt = MsgCrypt("cbtoken", "A" * 43, "wwcorp").encrypt(event.encode())
        return "POST", f"{Q}/callback/1", None, signed_callback(encrypt), f"<xml><Encrypt>{encrypt}</Encrypt></xml>"

    def table_call(example=None):
        params = {k: reader_ids[0] if v == "first reader" else v for k, v in table_level(example).items()}
        return fixed("GET", f"{A}/query_customer_table_by_level/{article}", seller, params)(example)

    def boss_detail(example=None):
        bucket = example is not None and example.line > 5800
        form = {"query_user_id": seller["id"], **({"expedted_pr": "51_80_pr"} if bucket else {"days": 30})}
        return fixed("POST", f"{BOSS}/query_have_customer_detail_people", admin, None, form)(example)

    return {
        # ----- reads --------------------------------------------------------------------------
        "GET /healthz": fixed("GET", "/healthz", None),
        "GET /zhugeleida/qiyeweixin/user": fixed("GET", f"{Q}/user", admin),
        "GET /zhugeleida/qiyeweixin/role": fixed("GET", f"{Q}/role", admin),
        "GET /zhugeleida/qiyeweixin/quanxian": fixed("GET", f"{Q}/quanxian", admin),
        "GET /zhugeleida/qiyeweixin/company": fixed("GET", f"{Q}/company", admin),
        "GET /zhugeleida/qiyeweixin/company/console_settings": fixed("GET", f"{Q}/company/console_settings/1", admin),
        "GET /zhugeleida/qiyeweixin/company/check_wechat": fixed("GET", f"{Q}/company/check_wechat/1", admin),
        "GET /zhugeleida/qiyeweixin/company/checklist": fixed("GET", f"{Q}/company/checklist/1", admin),
        "GET /zhugeleida/qiyeweixin/customer": fixed("GET", f"{Q}/customer", seller, {"customer_id": second["id"]}),
        "GET /zhugeleida/qiyeweixin/tag_customer": fixed("GET", f"{Q}/tag_customer", seller),
        "GET /zhugeleida/qiyeweixin/tag_list": fixed("GET", f"{Q}/tag_list", seller),
        "GET /zhugeleida/qiyeweixin/action/get_new_log": fixed("GET", f"{Q}/action/get_new_log", seller),
        "GET /zhugeleida/qiyeweixin/action/time": fixed("GET", f"{Q}/action/time", seller),
        "GET /zhugeleida/qiyeweixin/action/customer": fixed("GET", f"{Q}/action/customer", seller),
        "GET /zhugeleida/qiyeweixin/action/count": fixed("GET", f"{Q}/action/count", seller),
        "GET /zhugeleida/qiyeweixin/action/customer_detail": fixed("GET", f"{Q}/action/customer_detail", seller,
                                                                   {"customer_id": first["id"]}),
        "GET /zhugeleida/qiyeweixin/follow_language": fixed("GET", f"{Q}/follow_language", seller),
        "GET /zhugeleida/qiyeweixin/follow_info": fixed("GET", f"{Q}/follow_info", seller, {"customer_id": first["id"]}),
        "GET /zhugeleida/qiyeweixin/follow_info/due": fixed("GET", f"{Q}/follow_info/due", seller),
        "GET /zhugeleida/qiyeweixin/tongxunlu": fixed("GET", f"{Q}/tongxunlu", seller),
        "GET /zhugeleida/qiyeweixin/export/customers": fixed("GET", f"{Q}/export/customers", seller,
                                                             {"format": "csv", "search": "张"}),
        "GET /zhugeleida/qiyeweixin/export/follow_info": fixed("GET", f"{Q}/export/follow_info", seller,
                                                               {"customer_id": first["id"]}),
        "GET /zhugeleida/qiyeweixin/export/chat": fixed("GET", f"{Q}/export/chat", seller, {"customer_id": first["id"]}),
        "GET /zhugeleida/qiyeweixin/export/boss": fixed("GET", f"{Q}/export/boss", admin, {"format": "csv"}),
        "GET /zhugeleida/qiyeweixin/contact": fixed("GET", f"{Q}/contact", seller),
        "GET /zhugeleida/qiyeweixin/contact/query_num": fixed("GET", f"{Q}/contact/query_num/0", seller),
        "GET /zhugeleida/qiyeweixin/chat": fixed("GET", f"{Q}/chat", seller, {"customer_id": first["id"]}),
        "GET /zhugeleida/qiyeweixin/chat/getmsg": fixed("GET", f"{Q}/chat/getmsg/0", seller,
                                                        {"customer_id": second["id"]}),
        "GET /zhugeleida/qiyeweixin/mingpian": fixed("GET", f"{Q}/mingpian", seller),
        "GET /zhugeleida/qiyeweixin/mingpian/show_photo": fixed("GET", f"{Q}/mingpian/show_photo", seller),
        "GET /zhugeleida/qiyeweixin/tag_user": fixed("GET", f"{Q}/tag_user", seller),
        "GET /zhugeleida/qiyeweixin/qr_code_auth": fixed("GET", f"{Q}/qr_code_auth", seller),
        "GET /zhugeleida/qiyeweixin/product/product_single": fixed("GET", f"{Q}/product/product_single", seller,
                                                                   {"product_id": product}),
        "GET /zhugeleida/qiyeweixin/product/product_list": fixed("GET", f"{Q}/product/product_list", seller),
        "GET /zhugeleida/qiyeweixin/enterprise_weixin_sign": fixed("GET", f"{Q}/enterprise_weixin_sign", seller,
                                                                   {"url": "http://radar.test/"}),
        "GET /zhugeleida/qiyeweixin/work_weixin_auth/gongzhonghao_share_sign": fixed(
            "GET", f"{Q}/work_weixin_auth/gongzhonghao_share_sign", seller, {"url": "http://radar.test/"}),
        "GET /zhugeleida/qiyeweixin/work_weixin_auth/create_gongzhonghao_share_auth_url": fixed(
            "GET", f"{Q}/work_weixin_auth/create_gongzhonghao_share_auth_url", seller, {"article_id": article}),
        "GET /zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode": fixed(
            "GET", "/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode", None),
        "GET /statics/zhugeleida/imgs/qiyeweixin/webLogin/": scan_image,
        "GET /zhugeleida/qiyeweixin/scan_login/request": scan_request,
        "GET /zhugeleida/qiyeweixin/callback": callback_verify,
        "GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url": fixed(
            "GET", f"{G}/work_gongzhonghao_auth/redirect_share_url", None,
            {"share_url": "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxgzh#wechat_redirect"}),
        "GET /zhugeleida/qiyeweixin/article/myarticle": fixed("GET", f"{A}/myarticle/0", seller),
        "GET /zhugeleida/qiyeweixin/article/hide_customer_data": fixed("GET", f"{A}/hide_customer_data/{article}",
                                                                       seller),
        "GET /zhugeleida/qiyeweixin/article/get_article_access_log": fixed(
            "GET", f"{A}/get_article_access_log/{article}", seller, {"customer_id": reader_ids[0], "pid": ""}),
        "GET /zhugeleida/qiyeweixin/article/get_article_forward_info": fixed(
            "GET", f"{A}/get_article_forward_info/{article}", seller, {"customer_id": reader_ids[0]}),
        "GET /zhugeleida/qiyeweixin/article/customer_effect_ranking_by_level": fixed(
            "GET", f"{A}/customer_effect_ranking_by_level/{article}", seller, {"level": 1}),
        "GET /zhugeleida/qiyeweixin/article/query_customer_transmit_path": fixed(
            "GET", f"{A}/query_customer_transmit_path/{article}", seller, {"level": 3, "customer_id": reader_ids[2]}),
        "GET /zhugeleida/qiyeweixin/article/customer_read_info": fixed("GET", f"{A}/customer_read_info/0", seller,
                                                                       {"customer_id": reader_ids[0]}),
        "GET /zhugeleida/qiyeweixin/article/query_customer_table_by_level": table_call,
        "GET /zhugeleida/boosleida/home_page/acount_data": fixed("GET", f"{BOSS}/acount_data", admin),
        "GET /zhugeleida/boosleida/home_page/line_info": fixed("GET", f"{BOSS}/line_info", admin),
        "GET /zhugeleida/boosleida/home_page/sales_ranking_customer_num": fixed(
            "GET", f"{BOSS}/sales_ranking_customer_num", admin),
        "GET /zhugeleida/boosleida/home_page/hudong_pinlv_customer_num": fixed(
            "GET", f"{BOSS}/hudong_pinlv_customer_num", admin),
        "GET /zhugeleida/boosleida/home_page/expect_chengjiaolv_customer_num": fixed(
            "GET", f"{BOSS}/expect_chengjiaolv_customer_num", admin),
        "GET /zhugeleida/boosleida/home_page/ai_pr_model": fixed("GET", f"{BOSS}/ai_pr_model", admin),
        "POST /zhugeleida/boosleida/home_page/query_have_customer_detail_people": boss_detail,
        "POST /zhugeleida/boosleida/home_page/query_hudong_have_customer_detail_people": fixed(
            "POST", f"{BOSS}/query_hudong_have_customer_detail_people", admin, None,
            {"type": "chat", "query_user_id": seller["id"], "days": 7}),
        "GET /zhugeleida/xiaochengxu/mingpian": fixed("GET", f"{X}/mingpian", first, {"uid": seller["id"]}),
        "GET /zhugeleida/xiaochengxu/chat": fixed("GET", f"{X}/chat", first, {"u_id": seller["id"]}),
        "GET /zhugeleida/xiaochengxu/chat/getmsg": fixed("GET", f"{X}/chat/getmsg/0", first, {"u_id": seller["id"]}),
        "GET /zhugeleida/xiaochengxu/chat/query_num": fixed("GET", f"{X}/chat/query_num/0", first),
        "GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth": reader_login,
        "GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth/create_gongzhonghao_share_auth_url": fixed(
            "GET", f"{G}/work_gongzhonghao_auth/create_gongzhonghao_share_auth_url", reader,
            {"article_id": article, "uid": seller["id"]}),
        "GET /zhugeleida/gongzhonghao/article/myarticle": fixed("GET", f"{G}/article/myarticle/{article}", reader,
                                                                {"uid": seller["id"]}),
        "GET /zhugeleida/gongzhonghao/article/staytime": fixed(
            "GET", f"{G}/article/staytime/{article}", reader,
            {"uid": seller["id"], "article_access_log_id": world["reads"][0]}),
        "GET /zhugeleida/gongzhonghao/article/forward_article": fixed(
            "GET", f"{G}/article/forward_article/{article}", reader, {"uid": seller["id"], "forward_type": 2}),
        # ----- writes -------------------------------------------------------------------------
        "POST /zhugeleida/qiyeweixin/callback": callback_event,
        "POST /zhugeleida/login": fixed("POST", "/zhugeleida/login", None, None,
                                        {"username": "zhangcong", "password": "secret1"}),
        "POST /zhugeleida/public/setup": fixed("POST", "/zhugeleida/public/setup", None, None, {
            "token": "not-the-token", "company": "合众康桥", "username": "root2", "password": "secret1"}),
        "GET /zhugeleida/qiyeweixin/work_weixin_auth/": wecom_login,
        "POST /zhugeleida/qiyeweixin/scan_login/confirm": scan_confirm,
        "POST /zhugeleida/xiaochengxu/login": customer_login,
        "POST /zhugeleida/xiaochengxu/action/": fixed("POST", f"{X}/action/1", first, {"u_id": seller["id"]}),
        "POST /zhugeleida/xiaochengxu/chat/send_msg": fixed("POST", f"{X}/chat/send_msg/0", first, None, {
            "u_id": seller["id"], "content": '{"info_type": 1, "msg": "在吗"}'}),
        "POST /zhugeleida/qiyeweixin/user/add": add_user,
        "POST /zhugeleida/qiyeweixin/user/update": update_user,
        "POST /zhugeleida/qiyeweixin/role/add": add_role,
        "POST /zhugeleida/qiyeweixin/role/update": update_role,
        "POST /zhugeleida/qiyeweixin/quanxian/add": add_permission,
        "POST /zhugeleida/qiyeweixin/quanxian/update": update_permission,
        "POST /zhugeleida/qiyeweixin/company/add": add_company,
        "POST /zhugeleida/qiyeweixin/company/update": update_company,
        "POST /zhugeleida/qiyeweixin/customer/update_information": fixed(
            "POST", f"{Q}/customer/update_information/{first['id']}", seller, None, {"username": "张炬", "sex": 1}),
        "POST /zhugeleida/qiyeweixin/customer/update_customer": fixed(
            "POST", f"{Q}/customer/update_customer/{first['id']}", seller, None, {"expedted_pr": "90%"}),
        "POST /zhugeleida/qiyeweixin/customer/update_expected_time": fixed(
            "POST", f"{Q}/customer/update_expected_time/{first['id']}", seller, None, {"expected_time": "2018-07-01"}),
        "POST /zhugeleida/qiyeweixin/customer/update_expected_pr": fixed(
            "POST", f"{Q}/customer/update_expected_pr/{first['id']}", seller, None, {"expedted_pr": "85"}),
        "POST /zhugeleida/qiyeweixin/customer/update_outcome": fixed(
            "POST", f"{Q}/customer/update_outcome/{second['id']}", seller, None, {"outcome": "won"}),
        "POST /zhugeleida/qiyeweixin/tag_customer/add": tag_customers,
        "POST /zhugeleida/qiyeweixin/tag_list/add_tag": tag_on_customer,
        "POST /zhugeleida/qiyeweixin/tag_list/single_choice": single_choice,
        "POST /zhugeleida/qiyeweixin/tag_list/customer_tag": fixed(
            "POST", f"{Q}/tag_list/customer_tag/{second['id']}", seller, None, {"tag_list": "[]"}),
        "POST /zhugeleida/qiyeweixin/chat/send_msg": fixed("POST", f"{Q}/chat/send_msg/0", seller, None, {
            "customer_id": first["id"], "send_type": 1, "content": '{"info_type": 1, "msg": "在吗"}'}),
        "POST /zhugeleida/qiyeweixin/follow_language/add": add_phrase,
        "POST /zhugeleida/qiyeweixin/follow_info/next_time": fixed(
            "POST", f"{Q}/follow_info/next_time/{first['id']}", seller, None, {"next_time": "2030-01-01 09:30"}),
        "POST /zhugeleida/qiyeweixin/follow_info/add": fixed("POST", f"{Q}/follow_info/add/{first['id']}", seller,
                                                             None, {"follow_info": "再联系"}),
        "POST /zhugeleida/qiyeweixin/tag_user/add": add_card_tag,
        "POST /zhugeleida/qiyeweixin/tag_user/save": save_card_tags,
        "POST /zhugeleida/qiyeweixin/mingpian/feedback": fixed("POST", f"{Q}/mingpian/feedback", seller, None, {
            "problem_type": 1, "content": '[{"type": "content", "data": ["好用"]}]'}),
        "POST /zhugeleida/qiyeweixin/mingpian/save_phone": fixed("POST", f"{Q}/mingpian/save_phone", seller, None, {
            "mingpian_phone": "15931788975", "is_show_phone": "true"}),
        "POST /zhugeleida/qiyeweixin/mingpian/save_info": fixed("POST", f"{Q}/mingpian/save_info", seller, None, {
            "mingpian_phone": "15931788975"}),
        "POST /zhugeleida/qiyeweixin/mingpian/save_sign": fixed("POST", f"{Q}/mingpian/save_sign", seller, None,
                                                                {"sign": "一生所爱~~~"}),
        "POST /zhugeleida/qiyeweixin/create_small_program_qr_code": fixed(
            "POST", f"{Q}/create_small_program_qr_code", seller, None, {}),
        "POST /zhugeleida/qiyeweixin/mingpian/create_small_program_qr_code": fixed(
            "POST", f"{Q}/mingpian/create_small_program_qr_code", seller, None, {}),
        "POST /zhugeleida/public/img_upload": chunk,
        "POST /zhugeleida/public/img_merge": photo_merge,
        "POST /zhugeleida/qiyeweixin/product/add_picture": picture_chunk,
        "POST /zhugeleida/qiyeweixin/product/upload_complete": picture_merge,
        "POST /zhugeleida/qiyeweixin/product/add": add_product,
        "POST /zhugeleida/qiyeweixin/product/update": update_product,
        "POST /zhugeleida/qiyeweixin/article/add": add_article,
        "POST /zhugeleida/qiyeweixin/article/update": update_article,
        # ----- deletes and what consumes the world --------------------------------------------
        "POST /zhugeleida/qiyeweixin/user/delete": delete_user,
        "POST /zhugeleida/qiyeweixin/role/delete": delete_role,
        "POST /zhugeleida/qiyeweixin/quanxian/delete": delete_permission,
        "POST /zhugeleida/qiyeweixin/company/delete": delete_company,
        "POST /zhugeleida/qiyeweixin/tag_list/delete_tag": delete_tag,
        "POST /zhugeleida/qiyeweixin/follow_language/delete": delete_phrase,
        "POST /zhugeleida/qiyeweixin/tag_user/delete": delete_card_tag,
        "POST /zhugeleida/qiyeweixin/mingpian/delete_photo": delete_photo,
        "GET /zhugeleida/qiyeweixin/product/delete_article": delete_article_block,
        "POST /zhugeleida/qiyeweixin/product/delete_picture": delete_picture,
        "POST /zhugeleida/qiyeweixin/product/change_status": change_status,
        "POST /zhugeleida/qiyeweixin/product/delete": delete_product,
        "POST /zhugeleida/qiyeweixin/article/delete": delete_article,
        "POST /zhugeleida/qiyeweixin/customer/delete": delete_customer,
    }


# Routes that never reach the database on their own (pages), or whose cost is a socket frame's.
WITHOUT_QUERIES = {"", "/setup", "/metrics", "/zhugeleida/public/scan_login", "/zhugeleida/public/scan_login/confirm",
                   "/zhugeleida/public/websocket/leida", "/zhugeleida/qiyeweixin/websocket/leida_chat",
                   "/zhugeleida/public/websocket/xiaochengxu", "/zhugeleida/xiaochengxu/websocket/xiaochengxu_chat",
                   "/zhugeleida/public/websocket/scan_code_web_login"}
# Answers other than 200 (or 302) that the world's call for a route must get.
EXPECTED_CODES = {"POST /zhugeleida/public/setup": 404}  # the world has users: the first-run link is closed
# The budgets for the hot routes; every other route: at most 4 commands, except these,
# each of which writes to more collections than that by what it is:
# CASCADE: one delete per collection that holds the deleted account's rows, sent together.
BUDGETS = {"GET /zhugeleida/qiyeweixin/user": 3, "GET /zhugeleida/qiyeweixin/customer": 3,
           "GET /zhugeleida/qiyeweixin/action/time": 3, "GET /zhugeleida/qiyeweixin/contact": 3,
           "GET /zhugeleida/qiyeweixin/mingpian": 2,
           # the article's count (its existence check), the reader's node, the read row stay times
           # land on, the tree's totals, then the radar action (relation activity, log row, rollup,
           # the feed's counts)
           "GET /zhugeleida/gongzhonghao/article/myarticle": 8,
           # the reader's node (proof they read it), the article's and the tree's counts, the action
           "GET /zhugeleida/gongzhonghao/article/forward_article": 7,
           "POST /zhugeleida/qiyeweixin/user/delete": 11,  # the user, then CASCADE over 9 collections
           "POST /zhugeleida/qiyeweixin/company/delete": 8,  # check, no users left, CASCADE over 6
           # relation, CASCADE over 3, the customer if last, its feed counts taken off the user's, and
           # the relations the user holds
           "POST /zhugeleida/qiyeweixin/customer/delete": 9,
           # the relation, the customer, their edit, the relation's search text, and the reader card the
           # customer's article nodes carry (the level table's one find)
           "POST /zhugeleida/qiyeweixin/customer/update_information": 5,
           # the relations, the 自定义 group, the new tag, then the customers' tags and the same id on their
           # relations (the address book filters by tag_ids there)
           "POST /zhugeleida/qiyeweixin/tag_customer/add": 5, "POST /zhugeleida/qiyeweixin/tag_list/add_tag": 5}


ACCOUNTS = {"users", "customers", "companies", "roles"}


def _loads_an_account(seen: list[dict]) -> bool:
    """An account read by id: the in-process cache (models.accounts) was cold for it."""
    return any(c["name"] == "find" and c["collection"] in ACCOUNTS and list(c["command"].get("filter", {})) == ["_id"]
               for c in seen)


async def measure(api, log, table: dict) -> list[tuple[str, int, int, list[str]]]:
    """(route, commands, answer code) of each ready call, counted in the steady state: each call is
    made once to warm the caches, then prepared again and counted (preparation not counted). A count
    that read an account by id is taken once more: a cache entry may expire (ACCOUNT_CACHE_TTL_S)
    between the two calls; a route that always reads one (it dropped the entry itself) keeps it."""
    rows = []
    for route, prepare in table.items():
        for attempt in range(3):
            method, path, who, params, form = await prepare()
            with log.recording() as seen:
                response = await api.raw(method, path, who, params=params,
                                         **({"form": form} if isinstance(form, dict) else
                                            {"body": form.encode()} if form else {}))
            if attempt and not _loads_an_account(seen):
                break
        code = json.loads(response.body)["code"] if response.headers.get("Content-Type", "").startswith(
            "application/json") else response.code
        rows.append((route, len(seen), code, log.names(seen)))
    return rows
