"""The sales team's daily tools in the workbench (issues 22, 23, 24), in headless Chromium against the
real API, the customer side simulated through it: the address book searched, filtered, ordered by
AI 成交率 and exported (the file downloaded); a profile's AI 成交率 with its reasons, the outcome,
single-choice tags and the next contact; the radar's search, 今日待跟进 with its push, and the admin's
checklist; the chat's contact search."""

import asyncio
import csv
import dataclasses
import io
import json
from datetime import timedelta

import pytest

from common.times import local, today, utcnow
from tests.browser import LIVE, PHONE

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
NAMES = "[...document.querySelectorAll('#customer-list li b')].map((b) => b.textContent)"


async def session_of(api, username: str, password: str = "secret1") -> dict:
    return await api.ok("POST", "/zhugeleida/login", form={"username": username, "password": password})


def wall(moment) -> str:
    """A UTC instant as the API takes it: TIME_ZONE wall-clock time to the second."""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S")


async def shown(page, expression: str, expected) -> None:
    """Wait until a JavaScript expression's value is expected (a list of names, a text)."""
    await page.wait_for(f"JSON.stringify({expression}) === {json.dumps(json.dumps(expected, ensure_ascii=False, separators=(",", ":")))}")


async def choose(page, selector: str, value: str) -> None:
    """Pick an option of a <select> as a person does (v-model listens to change)."""
    await page.wait_for(f"document.querySelector({selector!r})")
    await page.evaluate(f"(() => {{ const box = document.querySelector({selector!r}); box.value = {json.dumps(value)};"
                        " box.dispatchEvent(new Event('change')); })()")


async def press(page, container: str, text: str) -> None:
    """Click the button inside container whose text is text."""
    await page.wait_for(f"[...document.querySelectorAll({container + ' button'!r})].find((b) => b.textContent.trim() === {json.dumps(text)})")
    await page.evaluate(f"[...document.querySelectorAll({container + ' button'!r})].find((b) => b.textContent.trim() === {json.dumps(text)}).click()")


async def downloaded(page, folder, click: str, suffix: str) -> bytes:
    """Click a download link (an export) and return the file the browser saved."""
    await page.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder))
    before = set(folder.iterdir())
    await page.click(click)
    for _ in range(200):
        done = [path for path in set(folder.iterdir()) - before if path.name.endswith(suffix)]
        if done:
            await asyncio.sleep(0.1)
            return done[0].read_bytes()
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing downloaded after clicking {click}")


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads Chinese
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


async def address_book(api, admin, seller, customer, fake_wechat) -> dict:
    """Five customers of every source: 张炬 (memo 老张, phone, 重要客户, a forecast, followed up, a next
    contact), 李四 (转发), 王五 (a 公众号文章 reader), 赵六 (keen: the highest AI 成交率), 孙七 (搜索)."""
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
    li = await api.customer_login(seller, "c2", username="李四", source=2)
    zhao = await api.customer_login(seller, "c3", username="赵六")
    sun = await api.customer_login(seller, "c4", username="孙七")
    await api.ok("POST", f"{Q}/customer/update_information/{sun['id']}", seller, form={"source": 3})
    article = (await api.ok("POST", f"{Q}/article/add/0", seller, form={"title": "三个场景", "content": "正文"}))["article_id"]
    fake_wechat.readers["r1"] = {"nickname": "王五", "sex": 1, "headimgurl": ""}
    wang = await api.reader(seller, article, "r1")
    await api.ok("POST", f"{Q}/customer/update_information/{customer['id']}", seller,
                 form={"memo_name": "老张", "phone": "13800138000"})
    tags = (await api.ok("GET", f"{Q}/tag_list", seller))["ret_data"]
    important = next(tag["id"] for group in tags for tag in group["tags"] if tag["name"] == "重要客户")
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller, form={"tag_list": json.dumps([important])})
    await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", seller, form={"expedted_pr": "80"})
    await api.ok("POST", f"{Q}/customer/update_expected_pr/{li['id']}", seller, form={"expedted_pr": "30"})
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller,
                 form={"follow_info": "电话沟通", "next_time": (today() + timedelta(days=1)).isoformat()})
    for action in (8, 10, 5, 12, 7):
        await api.act(zhao, action)
    return {"li": li, "zhao": zhao, "sun": sun, "wang": wang}


@pytest.mark.gen_test(timeout=180)
async def test_the_address_book_is_searched_filtered_ordered_and_exported(api, base_url, admin, seller, customer,
                                                                          fake_wechat, browser, tmp_path):
    await address_book(api, admin, seller, customer, fake_wechat)
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "customers")
    await shown(page, f"{NAMES}.length", 5)

    # Each row: the memo name (the name beside it), tags, AI 成交率 and the forecast, the next contact.
    row = "[...document.querySelectorAll('#customer-list li')].find((li) => li.textContent.includes('老张'))"
    text = await page.wait_for(f"{row}.innerText")
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    for part in ("老张", "张炬", "重要客户", f"AI {profile['ai_pr']}%", "预计 80%", "下次跟进 明天"):
        assert part in text, (part, text)

    # Search: the memo name, a piece of the phone, a name; debounced (one call for the whole word).
    await page.record_traffic()
    await page.fill("#book-search", "老")
    await page.fill("#book-search", "老张")
    await shown(page, NAMES, ["老张"])
    asked = [url for url in await page.traffic() if "tongxunlu" in url]
    assert len(asked) == 1 and "search=%E8%80%81%E5%BC%A0" in asked[0]
    await page.fill("#book-search", "0013800")
    await shown(page, NAMES, ["老张"])
    await page.fill("#book-search", "找不到的人")
    await page.wait_for("document.querySelector('.customers .empty').textContent.includes('没有找到「找不到的人」')")
    await page.screenshot("customers-search-empty", PHONE)
    await press(page, ".customers .empty", "清除筛选,查看全部客户")
    await shown(page, f"{NAMES}.length", 5)

    # The order adds AI 成交率: the keen customer first.
    await choose(page, "#book-order", "-ai_pr")
    await shown(page, f"{NAMES}[0]", "赵六")

    # The panel's filters: a source (公众号文章 included), a tag, the forecast range, arrival dates.
    await page.click("#book-more")
    await press(page, "#book-panel", "公众号文章")
    await shown(page, NAMES, ["王五"])
    await press(page, "#book-panel", "搜索")  # any of the sources
    await shown(page, "[...new Set(" + NAMES + ")].sort()", sorted(["王五", "孙七"]))
    await press(page, "#book-panel", "公众号文章")
    await press(page, "#book-panel", "搜索")
    await press(page, "#book-panel", "重要客户")
    await shown(page, NAMES, ["老张"])
    assert await page.evaluate("document.getElementById('book-more').textContent") == "筛选 (1)"
    await press(page, "#book-panel", "重要客户")
    await page.fill("#book-pr-min", "20")
    await page.fill("#book-pr-max", "50")
    await shown(page, NAMES, ["李四"])
    await page.fill("#book-pr-min", "")
    await page.fill("#book-pr-max", "")
    await page.fill("#book-since", (today() + timedelta(days=1)).isoformat())
    await page.wait_for("document.querySelector('.customers .empty').textContent.includes('没有符合这些条件的客户')")
    await page.fill("#book-since", today().isoformat())
    await page.fill("#book-until", today().isoformat())
    await shown(page, f"{NAMES}.length", 5)
    await page.screenshot("customers-filters")

    # Follow-ups (a changed forecast is one too): today's, and never; then the export takes exactly what is shown.
    await choose(page, "#book-follow", "today")
    await shown(page, f"[...{NAMES}].sort()", sorted(["老张", "李四"]))
    await choose(page, "#book-follow", "never")
    await shown(page, f"[...{NAMES}].sort()", sorted(["赵六", "孙七", "王五"]))
    await press(page, "#book-panel", "公众号文章")
    await shown(page, NAMES, ["王五"])
    rows = csv_rows(await downloaded(page, tmp_path, "[data-export=customers] [data-format=csv]", ".csv"))
    assert rows[0][:3] == ["客户名称", "备注名", "手机号"] and [row[0] for row in rows[1:]] == ["王五"]
    workbook = await downloaded(page, tmp_path, "[data-export=customers] [data-format=xlsx]", ".xlsx")
    assert workbook.startswith(b"PK")  # a zip: the xlsx
    await page.click("#book-clear")
    await shown(page, f"{NAMES}.length", 5)
    assert await page.evaluate("document.getElementById('book-more').textContent") == "筛选"
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_a_boss_reads_a_salespersons_address_book(api, base_url, admin, seller, customer, browser):
    await api.create_user(admin, "laoban", role_id=3)
    other = await api.create_user(admin, "xiaoli")
    await api.customer_login(other, "c9", username="钱八")
    page = await browser.workbench(base_url, await session_of(api, "laoban"), "customers")
    # The Boss's own book is empty: the next step is the salesperson picker.
    await page.wait_for("document.querySelector('.customers .empty').textContent.includes('在上面的「销售」里选一位')")
    await page.wait_for("document.querySelectorAll('#book-owner option').length === 3")
    await choose(page, "#book-owner", str(seller["id"]))
    await shown(page, NAMES, ["张炬"])
    assert "zhangcong 的客户" in await page.evaluate("document.getElementById('book-owner-note').textContent")
    await page.click("#customer-list li")  # someone else's customer is shown, not opened
    await asyncio.sleep(0.3)
    assert await page.evaluate("location.hash") == "#/customers"
    await choose(page, "#book-owner", str(other["id"]))
    await shown(page, NAMES, ["钱八"])
    await page.send("Browser.setDownloadBehavior", behavior="deny")
    await page.click("[data-export=customers] [data-format=csv]")
    href = await page.evaluate("document.querySelector('[data-export=customers] [data-format=csv]').href")
    assert f"query_user_id={other['id']}" in href and "format=csv" in href and "rand_str=" in href
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=180)
async def test_the_profile_explains_ai_pr_and_keeps_outcome_tags_and_next_contact(api, base_url, admin, seller, customer,
                                                                                browser, tmp_path):
    for action in (1, 8, 7):
        await api.act(customer, action)
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "价格多少"})})
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), f"customers/{customer['id']}")
    await page.wait_for("document.getElementById('ai-pr-reasons')")
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert await page.evaluate("document.querySelector('#ai-pr .ai-pr-value').textContent") == f"{profile['ai_pr']}%"
    reasons = await page.evaluate("[...document.querySelectorAll('#ai-pr-reasons li')].map((li) => li.innerText)")
    assert len(reasons) == len(profile["ai_pr_reasons"]) == 3
    for line, reason in zip(reasons, profile["ai_pr_reasons"], strict=True):
        assert reason["reason"] in line and f"最近 {reason['last_time']}" in line and line.endswith(f"+{reason['points']}")
    assert "根据客户的行为" in await page.evaluate("document.getElementById('ai-pr').textContent")

    # The outcome: won, and back.
    await page.click("#outcome [data-outcome=won]")
    await page.wait_for("document.querySelector('#outcome [data-outcome=won]').getAttribute('aria-checked') === 'true'")
    assert (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]["outcome"] == "won"
    await page.screenshot("customer-ai")
    await page.screenshot("customer-ai-phone", PHONE)
    await page.click("#outcome [data-outcome=open]")
    await page.wait_for("document.querySelector('#outcome [data-outcome=open]').getAttribute('aria-checked') === 'true'")

    # 级别 is single-choice: a radio choice.
    level = "[...document.querySelectorAll('#customer-tags .tag-group')].find((g) => g.textContent.startsWith('级别'))"
    assert await page.evaluate(f"{level}.getAttribute('role')") == "radiogroup"
    await press(page, "#customer-tags", "一般客户")
    await press(page, "#customer-tags", "重要客户")
    await shown(page, "[...document.querySelectorAll('#customer-tags .tag.on')].map((t) => t.textContent)", ["重要客户"])
    await asyncio.sleep(0.3)
    assert (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]["tag"] == ["重要客户"]

    # A group made single-choice while the page is open: the server refuses two, in words, and the page shows what is kept.
    groups = (await api.ok("GET", f"{Q}/tag_list", admin))["ret_data"]
    focus = next(group for group in groups if group["name"] == "关注点")
    await api.ok("POST", f"{Q}/tag_list/single_choice/{focus['id']}", admin, form={"single_choice": "true"})
    await press(page, "#customer-tags", "在意质量")
    await asyncio.sleep(0.3)
    await press(page, "#customer-tags", "在意服务")
    notice = await page.wait_for("[...document.querySelectorAll('.notices p.error')].map((p) => p.textContent).join()")
    assert notice == "标签组「关注点」只能选一个标签,不能同时选 在意质量、在意服务"
    await page.wait_for("[...document.querySelectorAll('#customer-tags .tag-group')].find((g) => g.textContent.startsWith('关注点 (单选)'))")
    await shown(page, "[...document.querySelectorAll('#customer-tags .tag.on')].map((t) => t.textContent)", ["在意质量", "重要客户"])
    # A new tag in a single-choice 自定义 group the customer has a tag of: refused on the field.
    await page.fill("#new-tag", "老客户")
    await page.evaluate("document.getElementById('new-tag').form.requestSubmit()")
    await page.wait_for("[...document.querySelectorAll('#customer-tags .tag.on')].some((t) => t.textContent === '老客户')")
    custom = next(group for group in groups if group["name"] == "自定义")
    await api.ok("POST", f"{Q}/tag_list/single_choice/{custom['id']}", admin, form={"single_choice": "true"})
    await page.fill("#new-tag", "回头客")
    await page.evaluate("document.getElementById('new-tag').form.requestSubmit()")
    said = await page.wait_for("document.querySelector('[data-field=\"name\"].invalid .field-error').textContent")
    assert said == "标签组「自定义」只能选一个标签,客户已有该组的标签"

    # The next contact alone (a day and an hour), cleared; then with a follow-up.
    tomorrow = (today() + timedelta(days=1)).isoformat()
    await page.fill("#next-day", tomorrow)
    await page.fill("#next-hour", "09:30")
    await page.evaluate("document.getElementById('next-day').form.requestSubmit()")
    await shown(page, "document.querySelector('#next-shown b').textContent", "明天 09:30")
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert profile["next_time"] == f"{tomorrow}T09:30:00"
    await page.click("#next-clear")
    await page.wait_for("document.getElementById('next-shown').textContent.includes('还没有约定下次跟进')")
    assert (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]["next_time"] == ""
    later = (today() + timedelta(days=3)).isoformat()
    await page.fill("#follow-text", "周四再打电话")
    await page.fill("#follow-next", later)
    await page.click("#follow-submit")
    await page.wait_for("document.getElementById('follow-list').textContent.includes('周四再打电话')")
    await page.wait_for(f"document.getElementById('next-day').value === {later!r}")
    profile = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]
    assert profile["next_time"] == f"{later}T00:00:00"

    # The follow-ups and the chat, exported.
    rows = csv_rows(await downloaded(page, tmp_path, "[data-export=follow_info] [data-format=csv]", ".csv"))
    assert rows[0] == ["客户名称", "跟进内容", "跟进时间", "跟进人"] and "周四再打电话" in [row[1] for row in rows[1:]]
    await page.evaluate(f"location.hash = '#/chat/{customer['id']}'")
    await page.wait_for("document.getElementById('messages').textContent.includes('价格多少')")
    rows = csv_rows(await downloaded(page, tmp_path, "[data-export=chat] [data-format=csv]", ".csv"))
    assert rows[0] == ["时间", "发送方", "类型", "内容"] and rows[1][3] == "价格多少"
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=150)
async def test_the_radar_searches_lists_todays_follow_ups_and_pushes_one_when_due(api, base_url, seller, customer,
                                                                                  browser):
    li = await api.customer_login(seller, "c2", username="李四")
    await api.act(customer, 1)
    await api.act(li, 1)
    await api.ok("POST", f"{Q}/follow_info/next_time/{customer['id']}", seller,
                 form={"next_time": (today() - timedelta(days=1)).isoformat()})
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "radar")
    await page.wait_for(f"{LIVE}.live.state === 'open' && document.querySelectorAll('#radar-feed li').length === 2")
    due = "[...document.querySelectorAll('#due-list li')].map((li) => li.innerText.replace(/\\s+/g, ' ').trim())"
    await shown(page, due, ["张炬 已逾期 昨天"])

    # A next contact later today is listed, not yet due; when it comes, the push marks it and says so.
    soon = utcnow() + timedelta(seconds=3)
    await api.ok("POST", f"{Q}/follow_info/next_time/{li['id']}", seller, form={"next_time": wall(soon)})
    await page.evaluate("location.hash = '#/customers'")  # the notice comes on any screen
    await page.wait_for("document.getElementById('customer-list')")
    await page.evaluate("location.hash = '#/radar'")
    await shown(page, f"{due}.length", 2)
    assert (await page.evaluate(due))[1] == f"李四 今天 {wall(soon)[11:16]}"
    notice = await page.wait_for("[...document.querySelectorAll('.notices p')].map((p) => p.textContent).find((t) => t.startsWith('跟进提醒'))",
                                 timeout=10)
    assert notice == "跟进提醒:李四 到了约定的跟进时间"
    await shown(page, f"{due}[1]", f"李四 到时间了 今天 {wall(soon)[11:16]}")
    assert await page.evaluate("document.getElementById('due-total').textContent") == "2"
    await page.screenshot("radar-due")

    # The feed's search: one customer's actions; what another does meanwhile waits for the search to end.
    await page.fill("#radar-search", "李")
    await shown(page, "[...document.querySelectorAll('#radar-feed .log')].map((p) => p.textContent)", ["李四首次查看您的名片,沟通从此刻开始"])
    await api.act(customer, 10)
    await asyncio.sleep(1.2)
    assert await page.evaluate("document.querySelectorAll('#radar-feed li').length") == 1
    await page.fill("#radar-search", "不存在")
    await page.wait_for("document.querySelector('#radar-feed + .empty').textContent.includes('没有「不存在」的动态')")
    await press(page, ".radar .empty", "清除搜索")
    await shown(page, "document.querySelectorAll('#radar-feed li').length", 3)
    await page.click("#due-list li")
    await page.wait_for(f"location.hash === '#/customers/{customer['id']}' && document.getElementById('customer-profile')")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_an_admin_sees_the_setup_checklist_until_it_is_done(api, base_url, ctx, admin, browser):
    page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), "radar")
    await page.wait_for("document.querySelectorAll('#setup-checklist li').length === 7")
    # Each item: done, and where it is fixed (a link, or the server's own settings).
    items = await page.evaluate("Object.fromEntries([...document.querySelectorAll('#setup-checklist li')].map((li) =>"
                                " [li.dataset.name, [li.classList.contains('done'), li.querySelector('a') && li.querySelector('a').getAttribute('href'),"
                                " li.querySelector('.server') && li.querySelector('.server').textContent]]))")
    assert items["mini_program"] == [True, None, None]  # WECHAT_MINI_* is set
    assert items["wecom_app"] == items["official_account"] == items["wecom_callback"] == [False, "#/admin/companies", None]
    assert items["radar_users"] == [False, "#/admin/users", None]
    assert items["database"] == items["public_base_url"] == [False, None, "在服务器上设置"]
    hint = await page.evaluate("document.querySelector('#setup-checklist [data-name=radar_users] p').textContent")
    assert hint.startswith("请在「管理 → 用户」添加销售")
    await page.screenshot("radar-checklist")
    # Folded, it stays folded on the next visit.
    await page.evaluate("document.querySelector('#setup-checklist summary').click()")
    await page.send("Page.reload")
    await page.wait_for("document.querySelectorAll('#setup-checklist li').length === 7")
    assert await page.evaluate("document.getElementById('setup-checklist').open") is False
    await page.click("#setup-checklist [data-name=wecom_app] a")
    await page.wait_for("location.hash === '#/admin/companies' && document.getElementById('company-list')")

    # Everything in place (MongoDB, an https address, WeCom, the 公众号, a salesperson): no checklist.
    ctx.db_kind = "mongodb"
    ctx.cfg = dataclasses.replace(ctx.cfg, public_base_url="https://radar.example.com")
    await api.create_user(admin, "seller1")
    await api.ok("POST", f"{Q}/company/update/1", admin, form={
        "corp_id": "wwcorp", "agent_id": "1000002", "corp_secret": "c", "callback_token": "t",
        "callback_aes_key": "A" * 43, "gzh_appid": "wxgzh", "gzh_secret": "g"})
    await page.evaluate("location.hash = '#/radar'")
    await page.wait_for("document.getElementById('radar-feed')")
    await asyncio.sleep(0.5)
    assert await page.evaluate("document.getElementById('setup-checklist')") is None
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_the_chat_searches_its_contacts(api, base_url, seller, customer, browser):
    li = await api.customer_login(seller, "c2", username="李四")
    for who, text in ((customer, "在吗"), (li, "价格多少")):
        await api.ok("POST", f"{X}/chat/send_msg/0", who, form={
            "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": text})})
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "chat")
    contacts = "[...document.querySelectorAll('#contact-list li b')].map((b) => b.textContent)"
    await shown(page, f"{contacts}.length", 2)
    await page.fill("#contact-search", "李")
    await shown(page, contacts, ["李四"])
    await page.screenshot("chat-search")
    await page.fill("#contact-search", "王")
    await page.wait_for("document.querySelector('.contacts .empty').textContent.includes('没有找到「王」')")
    await press(page, ".contacts .empty", "清除搜索")
    await shown(page, f"{contacts}.length", 2)
    assert await page.errors() == []
