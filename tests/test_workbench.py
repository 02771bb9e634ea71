"""The web workbench in a real (headless) browser, driven like a person would use it, with the
customer side simulated through the API: the live radar, a chat round trip across a dropped
socket, the propagation map growing, the Boss overview, what a normal user may not see, and the
first-run setup. Each main screen is saved as a screenshot (tests/browser.py SCREENSHOTS)."""

import asyncio
import json
import time

import pytest

from tests.browser import LIVE, PHONE, ROUTE
from tests.helpers import png_bytes

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
B = "/zhugeleida/boosleida/home_page"


async def session_of(api, username: str, password: str = "secret1") -> dict:
    """What the login form stores: the login answer."""
    return await api.ok("POST", "/zhugeleida/login", form={"username": username, "password": password})


async def messages_with(page, text: str) -> int:
    return await page.evaluate(
        f"[...document.querySelectorAll('#messages .message')].filter(m => m.textContent.includes({json.dumps(text)})).length")


@pytest.mark.gen_test(timeout=90)
async def test_login_then_a_customer_action_appears_live(api, base_url, seller, customer, browser):
    page = await browser.workbench(base_url)
    await page.fill("#login-username", "zhangcong")
    await page.fill("#login-password", "wrong-password")
    await page.click("#login-submit")
    assert await page.wait_for("document.getElementById('login-error').textContent") == "账号密码错误"
    await page.fill("#login-password", "secret1")
    await page.click("#login-submit")
    await page.wait_for(f"{LIVE}.live.state === 'open'")
    views = await page.evaluate("[...document.querySelectorAll('#menu a')].map(a => a.dataset.view)")
    assert views == ["radar", "customers", "chat", "articles", "card", "products"]  # no Boss, no admin
    assert await page.evaluate("JSON.parse(sessionStorage.getItem('radar_session')).token") == seller["token"]

    await page.evaluate("window.stillThisPage = true")
    started = time.monotonic()
    await api.act(customer, 1)  # the customer opens the card in the mini-program
    await page.wait_for("document.querySelector('#radar-feed li.fresh').textContent.includes('张炬首次查看您的名片')",
                        timeout=1.0)
    assert time.monotonic() - started < 1.0
    assert await page.evaluate("window.stillThisPage") is True  # pushed, not reloaded
    await api.act(customer, 10)
    await page.wait_for("document.querySelectorAll('#radar-feed li').length === 2", timeout=1.0)
    await api.act(customer, 10)  # again at once: the same entry, shown grouped, counted once
    await page.wait_for("document.querySelector('#radar-feed li .repeats').textContent === '又1次'", timeout=1.0)
    assert await page.evaluate("document.querySelectorAll('#radar-feed li').length") == 2
    await page.screenshot("radar")
    await page.screenshot("radar-phone", PHONE)
    await page.evaluate("document.querySelectorAll('.tabs button')[1].click()")
    await page.wait_for("document.getElementById('radar-customers').textContent.includes('查看名片 1')")
    await page.evaluate("document.querySelectorAll('.tabs button')[2].click()")
    await page.wait_for("document.getElementById('radar-actions').textContent.includes('拨打电话')")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_an_action_pushed_while_the_feed_reloads_stays_on_the_radar(api, base_url, seller, customer, browser):
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "radar")
    await page.wait_for(f"{LIVE}.live.state === 'open'")
    await page.wait_for("document.querySelector('#radar-feed')")
    # Two reloads of the feed are asked for now and answered by the server, but reach the page only after
    # the customer's action has been written and pushed (they were read before it existed), the newer
    # one first.
    await page.evaluate("""(() => {
        const real = window.fetch;
        window.held = [];
        window.answered = 0;
        window.fetch = (url, ...rest) => {
            const answer = real(url, ...rest);
            if (!String(url).includes('/action/time')) return answer;
            answer.then(() => { window.answered += 1; });
            return new Promise((resolve) => window.held.push(() => resolve(answer)));
        };
    })()""")
    for asked in (1, 2):
        await page.evaluate("document.querySelectorAll('.tabs button')[1].click()")
        await page.evaluate("document.querySelectorAll('.tabs button')[0].click()")
        await page.wait_for(f"window.held.length === {asked}")
    await page.wait_for("window.answered === 2")
    await api.act(customer, 1)
    await page.wait_for("document.getElementById('radar-feed').textContent.includes('张炬首次查看您的名片')")
    await page.evaluate("window.held[1](); window.held[0]()")
    await asyncio.sleep(0.3)
    assert await page.evaluate("document.getElementById('radar-feed').textContent.includes('张炬首次查看您的名片')")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_a_message_pushed_while_its_conversation_opens_stays(api, base_url, seller, customer, browser):
    other = await api.customer_login(seller, "c2", username="李四")
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), f"chat/{other['id']}")
    await page.wait_for(f"{LIVE}.live.state === 'open'")
    # The conversation's first page is asked for and answered before the customer writes, but reaches
    # the page only after the message has been stored and pushed.
    await page.evaluate("""(() => {
        const real = window.fetch;
        window.held = [];
        window.fetch = (url, ...rest) => {
            const answer = real(url, ...rest);
            if (!String(url).includes('/qiyeweixin/chat?')) return answer;
            answer.then(() => { window.answered = true; });
            return new Promise((resolve) => window.held.push(() => resolve(answer)));
        };
    })()""")
    await page.evaluate(f"location.hash = '#/chat/{customer['id']}'")
    await page.wait_for("window.answered === true")
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "刚打开就到了"})})
    await page.wait_for("document.getElementById('messages').textContent.includes('刚打开就到了')")
    await page.evaluate("window.held.forEach((release) => release())")
    await asyncio.sleep(0.3)
    assert await page.evaluate("document.getElementById('messages').textContent.includes('刚打开就到了')")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_chat_both_ways_across_a_dropped_socket(api, base_url, seller, customer, browser):
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), f"chat/{customer['id']}")
    await page.wait_for(f"{LIVE}.live.state === 'open'")
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "请问价格多少?"})})
    await page.wait_for("document.getElementById('messages').textContent.includes('请问价格多少?')")

    await page.fill("#chat-text", "一百二十八元")
    await page.click("#chat-send")
    await page.wait_for("document.getElementById('messages').textContent.includes('一百二十八元')")
    new_to_customer = await api.ok("GET", f"{X}/chat/getmsg/0", customer, params={"u_id": seller["id"]})
    assert [row["msg"] for row in new_to_customer] == ["一百二十八元"]
    await api.ok("GET", f"{X}/chat", customer, params={"u_id": seller["id"]})  # the customer reads: a 202 receipt
    await page.wait_for("[...document.querySelectorAll('#messages .mine .receipt')].every(r => r.textContent === '已读')")

    # The network drops the socket; a message arrives while it is down; the page comes back with it, once.
    await page.evaluate(f"{LIVE}.dropLive()")
    await page.wait_for(f"{LIVE}.live.state !== 'open'")
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "断线时发的消息"})})
    await page.wait_for(f"{LIVE}.live.state === 'open' && {LIVE}.live.drops === 1")
    await page.wait_for("document.getElementById('messages').textContent.includes('断线时发的消息')")
    await asyncio.sleep(0.5)  # a late push of the same message would show it twice
    assert await messages_with(page, "断线时发的消息") == 1
    history = await api.ok("GET", f"{Q}/chat", seller, params={"customer_id": customer["id"]})
    shown = await page.evaluate("[...document.querySelectorAll('#messages .message')].map(m => Number(m.dataset.id))")
    assert shown == [row["id"] for row in history["ret_data"]]  # every message, in order, none twice
    await page.wait_for(f"{LIVE}.live.unread === 0")  # what was caught up on is read, as it is shown
    await page.screenshot("chat")
    await page.screenshot("chat-phone", PHONE)
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_the_propagation_map_grows_with_its_readers(api, base_url, admin, seller, fake_wechat, browser):
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
    for name in ("r1", "r2", "r3", "r4"):
        fake_wechat.readers[name] = {"nickname": f"读者{name[1]}", "sex": 1, "headimgurl": ""}
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "articles")
    await page.click("#article-new")
    await page.fill("#article-title", "名片雷达的三个场景")
    await page.fill("#article-content", "<p>正文</p>")
    await page.click("#article-save")
    await page.wait_for("document.getElementById('article-detail')")
    article = int(await page.evaluate(f"{ROUTE}.param"))
    await page.wait_for(f"{LIVE}.live.state === 'open'")

    readers = {}

    async def read(name, parent=None):
        pid = readers[parent]["id"] if parent else None
        readers[name] = await api.reader(seller, article, name, pid=pid)
        await api.read(readers[name], article, pid=pid)

    await read("r1")
    await read("r2", "r1")
    await read("r4", "r1")
    await read("r3", "r2")  # three levels: r1 -> r2 -> r3, and r4 beside r2
    tree = ("(async () => { const echarts = await import('echarts');"
            "const chart = echarts.getInstanceByDom(document.querySelector('#article-map .chart > div'));"
            "const rows = []; const walk = (node, parent) => { rows.push([node.name, parent, node.level || 0, node.value]);"
            "(node.children || []).forEach(child => walk(child, node.name)); };"
            "walk(chart.getOption().series[0].data[0], null); return rows; })()")
    expected = [["zhangcong", None, 0, 4], ["读者1", "zhangcong", 1, 3], ["读者2", "读者1", 2, 1],
                ["读者3", "读者2", 3, 0], ["读者4", "读者1", 2, 0]]
    await page.wait_for(f"(await {tree}).length === 5 && (await {tree})[3][0] === '读者3'")  # the last reader drawn
    assert await page.evaluate(f"await {tree}") == expected
    assert "传播 3 层" in await page.evaluate("document.getElementById('article-detail').textContent")
    await page.screenshot("article-map")

    await page.evaluate("document.querySelectorAll('.tabs button')[1].click()")  # 潜在客户
    await page.wait_for("document.querySelectorAll('#article-readers li').length === 4")
    await page.evaluate("[...document.querySelectorAll('#article-readers li')].find(li => li.textContent.includes('读者3')).click()")
    await page.wait_for("document.querySelectorAll('#transmit-path li').length")
    path = await page.evaluate("[...document.querySelectorAll('#transmit-path li')].map(li => li.textContent.trim())")
    assert path == ["zhangcong (我)", "读者1", "读者2", "读者3"]
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_the_boss_overview_shows_what_the_api_answers(api, base_url, admin, seller, customer, browser, clock,
                                                            cfg):
    await api.create_user(admin, "laoban", role_id=3)
    for action in (1, 1, 6, 9):
        await api.act(customer, action)
        clock.past_repeat_window(cfg)
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "电话沟通"})
    page = await browser.workbench(base_url, await session_of(api, "laoban"), "boss")
    await page.wait_for("document.getElementById('boss-overview')")
    shown = await page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#boss-overview tbody tr')].map(tr => [tr.dataset.metric,"
        " Object.fromEntries([...tr.querySelectorAll('td')].map(td => [td.dataset.period, Number(td.textContent)]))]))")
    numbers = (await api.ok("GET", f"{B}/acount_data", await api.login("laoban", "secret1")))["ret_data"]
    # Every window and number the API answers (range_data only when a range is chosen).
    periods = ("count_data", "today_data", "yesterday_data", "nearly_seven_days", "nearly_thirty_days")
    assert shown == {metric: {period: numbers[period][metric] for period in periods} for metric in numbers["count_data"]}
    assert shown["browse_num"]["count_data"] == 2 and shown["follow_num"]["count_data"] == 1
    await page.wait_for("document.querySelector('#boss-ranking li')")
    await page.click("#boss-ranking li")
    assert "张炬" in await page.wait_for("document.getElementById('boss-drill').textContent")
    await page.screenshot("boss")
    views = await page.evaluate("[...document.querySelectorAll('#menu a')].map(a => a.dataset.view)")
    assert "boss" in views and "admin" not in views
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_customer_profile_follow_up_and_forecast(api, base_url, seller, customer, browser):
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "customers")
    await page.wait_for("document.querySelector('#customer-list li')")
    await page.click("#customer-list li")
    await page.wait_for("document.getElementById('customer-profile')")
    await page.fill("#follow-text", "约了下周二上门")
    await page.click("#follow-submit")
    await page.wait_for("document.getElementById('follow-list').textContent.includes('约了下周二上门')")
    await page.fill("#forecast-pr", "70")
    await page.evaluate("document.getElementById('forecast-pr').form.requestSubmit()")
    await page.wait_for("document.getElementById('follow-list').textContent.includes('更新预计成交率为: 70%')")
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert profile["expedted_pr"] == "70"
    await page.evaluate("[...document.querySelectorAll('.tag')].find(t => t.textContent === '重要客户').click()")
    await page.wait_for("document.querySelector('.tag.on') && document.querySelector('.tag.on').textContent === '重要客户'")
    await asyncio.sleep(0.3)
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert profile["tag"] == ["重要客户"]
    await page.screenshot("customer")
    await page.click("#to-chat")
    await page.wait_for(f"location.hash === '#/chat/{customer['id']}'")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_admin_creates_a_radar_user_and_sees_the_settings(api, base_url, admin, browser):
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"corp_id": "wwcorp", "corp_secret": "S3CRET"})
    page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), "admin")
    await page.click("#user-new")
    await page.fill("#user-username", "xiaowang")
    await page.fill("#user-password", "secret1")
    await page.click("#admin-save")
    await page.wait_for("document.getElementById('user-table').textContent.includes('xiaowang')")
    assert (await api.login("xiaowang", "secret1"))["id"]
    await page.screenshot("admin")
    await page.evaluate("document.querySelectorAll('.tabs button')[2].click()")
    text = await page.wait_for("document.getElementById('company-list') && document.getElementById('company-list').textContent")
    assert "企业微信 Secret 已设置" in text and "小程序 Secret 未设置" in text and "S3CRET" not in text

    # On a phone the admin's eight menu items share the bottom bar: all on screen, none clipped.
    await page.screenshot("admin-phone", PHONE)
    items = await page.evaluate("[...document.querySelectorAll('#menu a')].map((a) => { const box = a.getBoundingClientRect();"
                                " return [a.dataset.view, box.left, box.right, a.scrollWidth <= a.clientWidth]; })")
    assert [view for view, *_ in items] == ["radar", "customers", "chat", "articles", "card", "products", "boss", "admin"]
    assert all(0 <= left and right <= PHONE["width"] and right - left >= 40 and fits for _, left, right, fits in items), items
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_first_run_setup_works_once(api, base_url, ctx, browser):
    token = await ctx.first_run.open_if_empty(ctx.db)
    page = await browser.workbench(base_url)
    await page.send("Page.navigate", url=f"{base_url}/setup?token={token}")
    await page.wait_for("document.getElementById('setup-company')")
    await page.screenshot("setup")
    for selector, value in (("#setup-company", "合众康桥"), ("#setup-username", "boss"), ("#setup-password", "secret1"),
                            ("#setup-again", "secret1")):
        await page.fill(selector, value)
    await page.click("#setup-submit")
    await page.wait_for(f"document.getElementById('menu') && {LIVE}.live.state === 'open'")
    assert await page.evaluate("location.pathname + location.hash") == "/#/radar"
    assert "admin" in await page.evaluate("[...document.querySelectorAll('#menu a')].map(a => a.dataset.view)")

    again = await browser.workbench(base_url)
    await again.send("Page.navigate", url=f"{base_url}/setup?token={token}")
    await again.wait_for("document.getElementById('setup-company')")
    for selector, value in (("#setup-company", "别的公司"), ("#setup-username", "intruder"),
                            ("#setup-password", "secret1"), ("#setup-again", "secret1")):
        await again.fill(selector, value)
    await again.click("#setup-submit")
    assert await again.wait_for("document.getElementById('setup-error').textContent") == "初始化链接无效或已使用"
    assert await ctx.db.users.count_documents({}) == 1
    assert await page.errors() == [] and await again.errors() == []


@pytest.mark.gen_test(timeout=60)
async def test_scan_login_lands_on_the_workbench(api, base_url, db, seller, browser):
    desk = await browser.open(f"{base_url}/zhugeleida/public/scan_login?next=/")
    await desk.wait_for("document.getElementById('status').textContent.includes('等待验证中')")
    auth_code = (await db.scan_logins.find_one({}, sort=[("create_date", -1)]))["_id"]
    await api.ok("POST", f"{Q}/scan_login/confirm", seller, form={"auth_code": auth_code})
    await desk.wait_for(f"location.pathname === '/' && document.getElementById('menu') && {LIVE}.live.state === 'open'")
    assert await desk.evaluate("JSON.parse(sessionStorage.getItem('radar_session')).user_id") == seller["id"]


@pytest.mark.gen_test(timeout=90)
async def test_card_photo_upload_and_a_product(api, base_url, seller, browser, tmp_path):
    picture = tmp_path / "photo.png"
    picture.write_bytes(png_bytes(900, 700))  # big enough for more than one chunk
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "card")
    await page.wait_for("document.getElementById('card-form')")
    await page.fill("#card-mingpian_phone", "15931788975")
    await page.fill("#card-position", "销售总监")
    await page.evaluate("document.getElementById('card-form').requestSubmit()")
    await page.wait_for("document.querySelector('.card-view .muted.small').textContent.includes('销售总监')")
    document = await page.send("DOM.getDocument")
    node = await page.send("DOM.querySelector", nodeId=document["root"]["nodeId"], selector="#photo-input")
    await page.send("DOM.setFileInputFiles", nodeId=node["nodeId"], files=[str(picture)])
    await page.evaluate("document.getElementById('photo-input').dispatchEvent(new Event('change'))")
    await page.wait_for("document.querySelectorAll('#card-photos img').length === 1")
    await page.wait_for("document.querySelector('#card-photos img').naturalWidth > 0")  # the stored file is served
    card = (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]
    assert len(card["photo"]) == 1 and card["position"] == "销售总监"
    await page.screenshot("card")

    await page.evaluate("location.hash = '#/products'")
    await page.click("#product-new")
    await page.fill("#product-name", "企业版年费")
    await page.fill("#product-price", "9800")
    await page.evaluate("document.getElementById('product-name').form.requestSubmit()")
    await page.wait_for("document.getElementById('product-list').textContent.includes('企业版年费')")
    await page.evaluate("[...document.querySelectorAll('#product-list button')].find(b => b.textContent === '下架').click()")
    await page.wait_for("document.getElementById('product-list').textContent.includes('已下架')")
    products = (await api.ok("GET", f"{Q}/product/product_list", seller))["ret_data"]
    assert [(row["name"], row["price"], row["status_code"]) for row in products] == [("企业版年费", "9800", 2)]
    await page.screenshot("products")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=90)
async def test_long_lists_come_in_pages(api, base_url, seller, browser):
    for n in range(21):
        await api.ok("POST", f"{Q}/product/add/0", seller, json_body={
            "name": f"产品{n:02d}", "price": "1", "content": {"cover_data": [], "article_data": []}})
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "products")
    await page.record_traffic()
    await page.wait_for("document.querySelectorAll('#product-list li').length === 20")
    assert await page.evaluate("document.querySelector('.more button').textContent") == "加载更多 (20/21)"
    await page.click(".more button")
    await page.wait_for("document.querySelectorAll('#product-list li').length === 21 && !document.querySelector('.more')")
    asked = [url for url in await page.traffic() if "product_list" in url]
    assert asked and all("length=20" in url for url in asked)  # a page at a time, never length=0
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=60)
async def test_a_map_drawn_from_some_pages_keeps_each_reader_at_its_level(http_server, base_url, browser):
    page = await browser.workbench(base_url)
    rows = [{"customer_id": 1, "customer_name": "甲", "level": 1, "pid": None},
            {"customer_id": 3, "customer_name": "丙", "level": 3, "pid": 2},  # 乙 (2) is on a page not loaded
            {"customer_id": 4, "customer_name": "丁", "level": 4, "pid": 3}]
    tree = await page.evaluate(
        "const { forwardTree } = await import('/static/web/views/forward-tree.js');"
        f"const walk = (node) => [node.name, node.level, node.value, node.children.map(walk)];"
        f"walk(forwardTree('我', {json.dumps(rows)}))")
    assert tree == ["我", 0, 4, [["甲", 1, 0, []], ["…", 2, 2, [["丙", 3, 1, [["丁", 4, 0, []]]]]]]]
