"""The workbench answers in the user's words and always offers the next step (issue 22), in headless
Chromium: a field the server names in an error is marked in its form with a label, the article's
share tab says why it cannot share (and where that is set), the scan-login page greys an expired
code and refreshes it on a click, and every empty screen says what to do next."""

import asyncio

import pytest

from tests.browser import LIVE, PHONE

Q = "/zhugeleida/qiyeweixin"


async def session_of(api, username: str, password: str = "secret1") -> dict:
    return await api.ok("POST", "/zhugeleida/login", form={"username": username, "password": password})


async def submit(page, selector: str) -> None:
    await page.wait_for(f"document.querySelector({selector!r})")
    await page.evaluate(f"document.querySelector({selector!r}).form.requestSubmit()")


async def marked(page, field: str) -> str:
    """The words under a field the server named (once it is outlined)."""
    return await page.wait_for(f"document.querySelector('[data-field=\"{field}\"].invalid .field-error').textContent")


async def error_notices(page) -> list[str]:
    return await page.evaluate("[...document.querySelectorAll('.notices p.error')].map((notice) => notice.textContent)")


@pytest.mark.gen_test(timeout=120)
async def test_a_field_the_server_names_is_marked_with_its_label(api, base_url, admin, seller, customer, browser):
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "card")
    await page.fill("#card-mingpian_phone", "12345")
    await submit(page, "#card-mingpian_phone")
    assert await marked(page, "mingpian_phone") == "手机号码格式错误"
    assert await page.evaluate("document.activeElement.id") == "card-mingpian_phone"
    outline = await page.evaluate("getComputedStyle(document.getElementById('card-mingpian_phone')).borderColor")
    assert outline == "rgb(229, 72, 77)"  # --danger
    await asyncio.sleep(0.3)
    assert await error_notices(page) == []  # on the field, not in a toast
    await page.screenshot("field-error")
    await page.screenshot("field-error-phone", PHONE)
    await page.evaluate("document.getElementById('card-mingpian_phone').select()")
    await page.send("Input.insertText", text="15931788975")  # typing clears the mark
    assert await page.evaluate("document.querySelector('.field.invalid')") is None
    await page.fill("#card-email", "不是邮箱")
    await submit(page, "#card-email")
    assert await marked(page, "email") == "邮箱格式错误"

    await page.evaluate(f"location.hash = '#/customers/{customer['id']}'")
    await page.wait_for("document.getElementById('customer-profile')")
    await page.evaluate("[...document.querySelectorAll('#customer-profile button')].find((b) => b.textContent === '编辑').click()")
    await page.fill("#customer-phone", "abc")
    await submit(page, "#customer-phone")
    assert await marked(page, "phone") == "手机号码格式错误"
    assert await error_notices(page) == []

    # An error about a field no form shows is a sentence with the field's label, never its name.
    words = await page.evaluate("const { worded } = await import('/static/web/fields.js');"
                                "['company_id: 公司未配置公众号 (gzh_appid/gzh_secret)', 'username: 不能为空',"
                                " 'content.msg: 长度不能超过2000个字符', '账号密码错误'].map((said) => worded(said).text)")
    assert words == ["公司未配置公众号 (公众号 AppID/公众号 Secret)", "用户名不能为空", "消息长度不能超过2000个字符", "账号密码错误"]

    admin_page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), "admin")
    await admin_page.click("#user-new")
    await admin_page.fill("#user-username", "zhangcong")
    await admin_page.fill("#user-password", "secret1")
    await admin_page.click("#admin-save")
    assert await marked(admin_page, "username") == "用户名已存在"
    await admin_page.evaluate("document.querySelector('.modal .icon').click()")
    await admin_page.evaluate("location.hash = '#/admin/companies'")
    await admin_page.wait_for("document.querySelector('#company-list li')")
    await admin_page.evaluate("[...document.querySelectorAll('#company-list button')].find((b) => b.textContent === '设置').click()")
    await admin_page.fill("#company-callback_aes_key", "too-short")
    await admin_page.click("#admin-save")
    assert await marked(admin_page, "callback_aes_key") == "EncodingAESKey 必须是43位字母或数字"
    assert await page.errors() == [] and await admin_page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_the_share_tab_says_why_it_cannot_share(api, base_url, admin, seller, browser):
    article = (await api.ok("POST", f"{Q}/article/add/0", seller, form={"title": "三个场景", "content": "正文"}))["article_id"]
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), f"articles/{article}")
    await page.wait_for("document.getElementById('article-detail')")
    await page.evaluate("[...document.querySelectorAll('.tabs button')].find((b) => b.textContent === '分享').click()")
    problem = await page.wait_for("document.getElementById('share-problem').textContent")
    assert "公司还没有配置公众号" in problem and "管理员" in problem
    assert "gzh_" not in problem and "company_id" not in problem and "…" not in problem
    assert await page.evaluate("document.getElementById('share-setup')") is None  # not an admin: no link

    company_article = (await api.ok("POST", f"{Q}/article/add/0", admin, form={"title": "公司介绍", "content": "正文"}))["article_id"]
    admin_page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), f"articles/{company_article}")
    await admin_page.wait_for("document.getElementById('article-detail')")
    await admin_page.evaluate("[...document.querySelectorAll('.tabs button')].find((b) => b.textContent === '分享').click()")
    await admin_page.wait_for("document.getElementById('share-setup')")
    await admin_page.screenshot("article-share-problem")
    await admin_page.click("#share-setup")
    await admin_page.wait_for("location.hash === '#/admin/companies' && document.getElementById('company-list')")

    # Once the 公众号 is set, the same tab shows the link.
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
    await page.send("Page.reload")
    await page.wait_for("document.getElementById('article-detail')")
    await page.evaluate("[...document.querySelectorAll('.tabs button')].find((b) => b.textContent === '分享').click()")
    assert "open.weixin.qq.com" in await page.wait_for("document.getElementById('share-url').textContent")
    assert await page.errors() == [] and await admin_page.errors() == []


@pytest.mark.gen_test(timeout=90)
@pytest.mark.parametrize("settings_overrides", [{"scan_login_ttl_s": 3}])
async def test_an_expired_scan_code_is_greyed_and_a_click_refreshes_it(api, base_url, db, seller, browser):
    desk = await browser.open(f"{base_url}/zhugeleida/public/scan_login?next=/")
    await desk.wait_for("document.getElementById('status').textContent.includes('等待验证中')")
    first = (await db.scan_logins.find_one({}, sort=[("create_date", -1)]))["_id"]
    await desk.wait_for("document.getElementById('status').textContent === '二维码已过期，点击刷新'", timeout=15)
    assert await desk.evaluate("getComputedStyle(document.getElementById('qr')).filter") == "grayscale(1)"
    await desk.screenshot("scan-expired", PHONE)

    await desk.click("#code")
    await desk.wait_for("document.getElementById('status').textContent.includes('等待验证中')")
    assert await desk.evaluate("getComputedStyle(document.getElementById('qr')).filter") == "none"
    fresh = (await db.scan_logins.find_one({}, sort=[("create_date", -1)]))["_id"]
    assert fresh != first
    await api.ok("POST", f"{Q}/scan_login/confirm", seller, form={"auth_code": fresh})
    await desk.wait_for(f"location.pathname === '/' && document.getElementById('menu') && {LIVE}.live.state === 'open'")


@pytest.mark.gen_test(timeout=120)
async def test_every_empty_screen_offers_the_next_step(api, base_url, admin, browser):
    page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), "radar")
    await page.wait_for("document.getElementById('add-users-hint')")  # the admin is the company's only account
    links = await page.evaluate("[...document.querySelectorAll('#radar-feed + .empty a')].map((a) => a.getAttribute('href'))")
    assert links == ["#/card", "#/articles", "#/admin/users"]
    await page.screenshot("empty-radar")
    await page.screenshot("empty-radar-phone", PHONE)

    for screen in ("customers", "chat"):
        await page.evaluate(f"location.hash = '#/{screen}'")
        await page.wait_for("document.querySelector('.empty .share-card a[href=\"#/card\"]')")

    await page.evaluate("location.hash = '#/articles'")
    await page.click("#article-first")
    await page.wait_for("document.getElementById('article-title')")
    await page.evaluate("document.querySelector('.modal .icon').click()")

    await page.evaluate("location.hash = '#/products'")
    await page.click("#product-first")
    await page.wait_for("document.getElementById('product-name')")
    await page.evaluate("document.querySelector('.modal .icon').click()")

    await page.evaluate("location.hash = '#/boss'")
    blank = await page.wait_for("document.getElementById('boss-blank').textContent")
    assert "跟进记录" in blank
    assert await page.evaluate("document.querySelector('#boss-blank a').getAttribute('href')") == "#/admin/users"
    await page.screenshot("boss-blank")
    await page.click("#boss-blank a")
    await page.wait_for("location.hash === '#/admin/users' && document.getElementById('users-alone')")

    # A radar user sees how customers arrive, not the admin's hint.
    await api.create_user(admin, "zhangcong")
    seller = await browser.workbench(base_url, await session_of(api, "zhangcong"), "radar")
    await seller.wait_for("document.querySelector('#radar-feed + .empty .share-card a.button')")
    await asyncio.sleep(0.3)
    assert await seller.evaluate("document.getElementById('add-users-hint')") is None
    assert await page.errors() == [] and await seller.errors() == []
