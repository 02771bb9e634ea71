"""Customer text is text on every screen of the workbench: names, remarks, tags, messages, titles,
product names, notes, usernames, role and company names carrying HTML (a <style>, a refreshing
<meta>, an <img> with onerror) and a Vue-looking {{…}} are shown literally, and nothing in the page
changes: no navigation, no element injected, the same computed styles. So are what searches find, the
AI 成交率's reasons, 今日待跟进 and its reminder, the filters' tags, the Boss buckets and the console
values computed from a hostile PUBLIC_BASE_URL."""

import asyncio
import json
from datetime import timedelta

import pytest

from common.times import local, today, utcnow
from tests.browser import LIVE

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"

STYLE = "<style>*{color:red!important}</style>"
META = '<meta http-equiv="refresh" content="0;url=/x">'
IMG = "<img src=x onerror=alert(1)>"
MUSTACHE = "{{7*7}}"
ALL = STYLE + META + IMG + MUSTACHE  # where a field takes 118 characters; shorter fields carry a part

VIEWER = STYLE + MUSTACHE  # the radar user (a Boss) who looks at every screen but 管理
COMPANY = IMG + MUSTACHE
ROLE = META + MUSTACHE
OTHER_USER = IMG + MUSTACHE
CUSTOMER_A = META + MUSTACHE
MEMO_A = STYLE + MUSTACHE
CUSTOMER_B = IMG + MUSTACHE
TAGS = ("<style>*{color:red}</style>", IMG, MUSTACHE)  # customer tags: 32 characters at most
TITLE = STYLE + META + MUSTACHE
PRODUCT = STYLE + META + MUSTACHE
READER_1, READER_2 = STYLE + "<img src=x>" + MUSTACHE, META + MUSTACHE  # WeChat nicknames: 64 characters kept
CARD_TAGS = ("<img src=x>", MUSTACHE)  # the card's own tags: 16 characters at most
BASE_URL = "http://radar.test/" + IMG + MUSTACHE  # what every console value is computed from

# The page as the workbench leaves it, whatever it shows: still here, nothing added, styles its own.
INTACT = """(() => {
  const color = (selector) => getComputedStyle(document.querySelector(selector)).color;
  return {here: window.__here === 1, path: location.pathname, title: /^(\\(\\d+\\) 诸葛雷达|诸葛雷达 · 工作台)$/.test(document.title),
          injected: document.querySelectorAll('img[src="x"], style, meta[http-equiv], base, script:not([src]):not([type="importmap"])').length,
          metas: document.querySelectorAll('meta').length, body: color('body'), brand: color('.brand'), menu: color('#menu a:not(.active)')};
})()"""
UNCHANGED = {"here": True, "path": "/", "title": True, "injected": 0, "metas": 3,
             "body": "rgb(31, 35, 41)", "brand": "rgb(22, 119, 255)", "menu": "rgb(31, 35, 41)"}


async def shows(page, selector: str, *texts: str) -> None:
    """Every text is shown literally inside selector, and the page is as it was."""
    await page.wait_for(f"(() => {{ const box = document.querySelector({json.dumps(selector)}); const shown = box && box.innerText;"
                        f" return shown && {json.dumps(texts)}.every((text) => shown.includes(text)); }})()")
    await asyncio.sleep(0.3)  # a refresh a <meta> would schedule has had its moment
    assert await page.evaluate(INTACT) == UNCHANGED


async def plant(api, admin, fake_wechat) -> dict:
    """A company whose every piece of text is hostile, seen by a Boss whose username is too."""
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"name": COMPANY, "gzh_appid": "wxgzh", "gzh_secret": "s"})
    await api.ok("POST", f"{Q}/role/add/0", admin, form={"name": ROLE})
    role = next(row for row in (await api.ok("GET", f"{Q}/role", admin, params={"length": 50}))["ret_data"] if row["name"] == ROLE)
    viewer = await api.create_user(admin, VIEWER, role_id=3)
    await api.create_user(admin, OTHER_USER, role_id=role["id"])

    a = await api.customer_login(viewer, "ca", username=CUSTOMER_A)
    b = await api.customer_login(viewer, "cb", username=CUSTOMER_B)
    for customer, action in ((a, 1), (b, 1), (a, 9)):
        await api.act(customer, action)
    await api.ok("POST", f"{Q}/customer/update_information/{a['id']}", viewer, form={
        "memo_name": MEMO_A, "company": ALL, "position": META, "address": ALL, "mem": ALL})
    for tag in TAGS:
        await api.ok("POST", f"{Q}/tag_list/add_tag/{a['id']}", viewer, form={"name": tag})
    await api.ok("POST", f"{Q}/follow_info/add/{a['id']}", viewer, form={"follow_info": ALL})
    await api.ok("POST", f"{Q}/follow_info/next_time/{a['id']}", viewer,
                 form={"next_time": (today() - timedelta(days=1)).isoformat()})  # 今日待跟进, overdue
    await api.ok("POST", f"{Q}/follow_language/add/0", viewer, form={"custom_language": ALL})
    await api.ok("POST", f"{X}/chat/send_msg/0", a, form={
        "u_id": viewer["id"], "content": json.dumps({"info_type": 1, "msg": ALL})})
    await api.ok("POST", f"{X}/chat/send_msg/0", b, form={"u_id": viewer["id"], "content": json.dumps({
        "info_type": 2, "product_name": ALL, "product_price": IMG, "product_cover_url": "http://127.0.0.1:9/cover.png"})})

    await api.ok("POST", f"{Q}/product/add/0", viewer, json_body={"name": PRODUCT, "price": IMG, "reason": ALL,
                                                                   "content": {"cover_data": [], "article_data": []}})
    await api.ok("POST", f"{Q}/mingpian/save_info", viewer, form={"mingpian_phone": "15931788975", "position": VIEWER,
                                                                  "address": ALL})
    await api.ok("POST", f"{Q}/mingpian/save_sign", viewer, form={"sign": ALL})
    for tag in CARD_TAGS:
        await api.ok("POST", f"{Q}/tag_user/add", viewer, form={"name": tag})

    article = (await api.ok("POST", f"{Q}/article/add/0", viewer, form={
        "title": TITLE, "summary": ALL, "content": ALL}))["article_id"]
    fake_wechat.readers["r1"] = {"nickname": READER_1, "sex": 1, "province": "", "city": IMG, "headimgurl": ""}
    fake_wechat.readers["r2"] = {"nickname": READER_2, "sex": 2, "province": "", "city": "", "headimgurl": ""}
    r1 = await api.reader(viewer, article, "r1")
    await api.read(r1, article)
    r2 = await api.reader(viewer, article, "r2", pid=r1["id"], level=2)
    await api.read(r2, article, pid=r1["id"])
    return {"viewer": viewer, "a": a, "b": b, "article": article}


@pytest.mark.gen_test(timeout=240)
@pytest.mark.parametrize("settings_overrides", [{"public_base_url": BASE_URL}])
async def test_hostile_text_stays_text_on_every_screen(api, base_url, admin, fake_wechat, browser, settings_overrides):
    world = await plant(api, admin, fake_wechat)
    session = await api.ok("POST", "/zhugeleida/login", form={"username": VIEWER, "password": "secret1"})
    page = await browser.workbench(base_url, session, "radar")
    await page.record_traffic()
    await page.evaluate("window.__here = 1")
    await page.wait_for(f"{LIVE}.live.state === 'open'")
    await shows(page, ".topbar", VIEWER, COMPANY)

    # 雷达: the feed, by customer, a customer's actions.
    await shows(page, "#radar-feed", CUSTOMER_A, CUSTOMER_B)
    await page.click("#radar-feed li")
    await shows(page, ".modal", " 的行为")
    await page.click(".modal header button")
    await page.evaluate("document.querySelectorAll('.tabs button')[1].click()")
    await shows(page, "#radar-customers", CUSTOMER_A, CUSTOMER_B)
    # The feed's search, 今日待跟进 (a memo name), and the reminder a due time pushes (a name).
    await page.evaluate("document.querySelectorAll('.tabs button')[0].click()")
    await page.fill("#radar-search", MUSTACHE)
    await shows(page, "#radar-feed", CUSTOMER_A, CUSTOMER_B)
    await shows(page, "#due-list", MEMO_A)
    soon = local(utcnow() + timedelta(seconds=2)).strftime("%Y-%m-%d %H:%M:%S")
    await api.ok("POST", f"{Q}/follow_info/next_time/{world['b']['id']}", world["viewer"], form={"next_time": soon})
    await shows(page, ".notices", f"跟进提醒:{CUSTOMER_B} 到了约定的跟进时间")
    await shows(page, "#due-list", MEMO_A, CUSTOMER_B)

    # 客户: the address book, a profile with its remark, fields, tags, notes and phrases.
    await page.evaluate("location.hash = '#/customers'")
    await shows(page, "#customer-list", CUSTOMER_A, CUSTOMER_B)
    await page.fill("#book-search", MUSTACHE)  # what a search finds, and the filters' tags
    await shows(page, "#customer-list", MEMO_A, CUSTOMER_A, CUSTOMER_B, *TAGS)
    await page.click("#book-more")
    await shows(page, "#book-panel", *TAGS)
    await page.evaluate(f"location.hash = '#/customers/{world['a']['id']}'")
    await shows(page, "#customer-profile", MEMO_A, CUSTOMER_A, ALL, META, *TAGS)
    reasons = (await api.ok("GET", f"{Q}/customer", world["viewer"], params={"customer_id": world["a"]["id"]}))["ret_data"][0]
    await shows(page, "#ai-pr-reasons", *(reason["reason"] for reason in reasons["ai_pr_reasons"]))
    await shows(page, "#follow-list", ALL)
    await shows(page, ".note-form", ALL)
    await page.screenshot("hostile-text")
    await page.evaluate("[...document.querySelectorAll('#customer-profile h3 button')].find((b) => b.textContent === '编辑').click()")
    await page.wait_for("document.querySelector('.modal input')")
    assert await page.evaluate("[...document.querySelectorAll('.modal input')].map((input) => input.value)") == [
        CUSTOMER_A, MEMO_A, "", "", ALL, META, ALL, "", ALL]
    await page.click(".modal header button")

    # 聊天: contacts, a text message, a product consultation.
    await page.evaluate("location.hash = '#/chat'")
    await shows(page, "#contact-list", CUSTOMER_A, CUSTOMER_B, "向您咨询:" + ALL)
    await page.fill("#contact-search", MUSTACHE)
    await shows(page, "#contact-list", CUSTOMER_A, CUSTOMER_B)
    await page.evaluate(f"location.hash = '#/chat/{world['a']['id']}'")
    await shows(page, "#messages", ALL)
    await page.evaluate(f"location.hash = '#/chat/{world['b']['id']}'")
    await shows(page, "#messages", ALL, IMG)

    # 文章: the list, the article, the map with a reader's tooltip, the readers, the ranking, a path.
    await page.evaluate("location.hash = '#/articles'")
    await shows(page, "#article-list", TITLE, ALL)
    await page.evaluate(f"location.hash = '#/articles/{world['article']}'")
    await shows(page, "#article-detail .view-head", TITLE, "读者 2 人")
    chart = ("const echarts = await import('echarts');"
             "const chart = echarts.getInstanceByDom(document.querySelector('#article-map .chart > div'));")
    await page.wait_for(f"await (async () => {{ {chart} return chart.getOption().series[0].data[0].children.length === 1; }})()")
    # The pointer rests on the first reader's node: ECharts writes the tooltip into the page.
    node = (f"{chart} const data = chart.getModel().getSeriesByIndex(0).getData();"
            f"const node = data.getItemGraphicEl([...Array(data.count()).keys()].find((i) => data.getName(i) === {json.dumps(READER_1)}));")
    await page.wait_for(f"await (async () => {{ {node} return Boolean(node); }})()")
    await asyncio.sleep(1)  # the tree has grown into place
    x, y = await page.evaluate(
        f"{node} const [x, y] = node.transformCoordToGlobal(0, 0);"
        "const box = document.querySelector('#article-map .chart > div').getBoundingClientRect();"
        "[box.left + x, box.top + y]")
    await page.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    tip = "[...document.querySelectorAll('#article-map .chart div')].filter((div) => div.innerText.includes('第1层 · 阅读')).pop()"
    await page.wait_for(tip)
    assert (await page.evaluate(f"{tip}.innerText")).split("\n")[0] == READER_1
    assert await page.evaluate(f"{tip}.querySelectorAll(':not(br)').length") == 0  # text and line breaks, nothing else
    await shows(page, "#article-map", "点击一位读者")
    await page.evaluate("document.querySelectorAll('#article-detail .tabs button')[1].click()")
    await shows(page, "#article-readers", READER_1, READER_2, IMG)
    await page.evaluate("document.querySelectorAll('#article-detail .tabs button')[2].click()")
    await shows(page, "#article-detail table", READER_1, READER_2)
    await page.evaluate("document.querySelectorAll('#article-detail .tabs button')[1].click()")
    await page.evaluate(f"[...document.querySelectorAll('#article-readers li')].find((li) => li.innerText.includes({json.dumps(READER_2)})).click()")
    await shows(page, "#transmit-path", VIEWER + " (我)", READER_1, READER_2)
    await shows(page, ".modal header", READER_2)
    await page.click(".modal header button")

    # Boss: the ranking and the customers behind a number.
    await page.evaluate("location.hash = '#/boss'")
    await shows(page, "#boss-ranking", VIEWER)
    await page.evaluate(f"[...document.querySelectorAll('#boss-ranking li')].find((li) => li.innerText.includes({json.dumps(VIEWER)})).click()")
    await shows(page, "#boss-drill", CUSTOMER_A, CUSTOMER_B)
    await shows(page, ".modal header", VIEWER)
    await page.click(".modal header button")
    await page.evaluate("[...document.querySelectorAll('#boss-buckets .tabs button')].find((b) => b.textContent === 'AI 成交率').click()")
    await shows(page, "#boss-buckets", VIEWER, "AI 成交率根据客户的行为计算")
    assert await page.evaluate("[...document.querySelectorAll('#boss-person option')].map((o) => o.textContent)") == ["全部销售", VIEWER]

    # 名片 and 产品.
    await page.evaluate("location.hash = '#/card'")
    await shows(page, ".card-view", VIEWER, *CARD_TAGS)
    assert await page.evaluate("document.getElementById('card-sign').value") == ALL
    assert await page.evaluate("document.getElementById('card-address').value") == ALL
    await page.evaluate("location.hash = '#/products'")
    await shows(page, "#product-list", PRODUCT, IMG)

    assert await page.errors() == []
    asked = await page.traffic()
    assert len(asked) > 30 and not [url for url in asked if "length=0" in url]  # lists come a page at a time

    # 管理 (the admin): users with their roles and company, the roles, the companies.
    page = await browser.workbench(base_url, await api.ok("POST", "/zhugeleida/login", form={
        "username": "root", "password": "rootpass"}), "admin")
    await page.evaluate("window.__here = 1")
    await shows(page, "#user-table", VIEWER, OTHER_USER, ROLE, COMPANY)
    await page.evaluate("document.querySelectorAll('.admin .tabs button')[1].click()")
    await shows(page, "#role-list", ROLE)
    await page.evaluate("document.querySelectorAll('.admin .tabs button')[2].click()")
    await shows(page, "#company-list", COMPANY)
    # 接入微信: the values computed from PUBLIC_BASE_URL, in their boxes as text.
    await page.click("#company-list .wechat-help")
    await shows(page, ".modal header", COMPANY)
    await shows(page, "#company-wechat", "接收消息服务器 URL")
    settings = await api.ok("GET", f"{Q}/company/console_settings/1", admin)
    values = await page.evaluate("[...document.querySelectorAll('#company-wechat .console-item input')].map((input) => input.value)")
    assert values == [item["value"] for group in settings["ret_data"] for item in group["items"]]
    assert f"{BASE_URL}/zhugeleida/qiyeweixin/callback/1" in values
    await page.click(".modal header button")
    await page.evaluate("document.querySelectorAll('.admin .tabs button')[3].click()")
    await shows(page, "#tag-groups", *TAGS)
    assert await page.errors() == []
