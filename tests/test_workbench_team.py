"""The Boss radar and the admin's help in the workbench (issues 22, 23, 24), in headless Chromium
against the real API: today, a date range, one salesperson, 靠谱's likes and cancellations, the
numbers refetched when the radar socket says they moved, 1.5 by AI 成交率 with what it stands on, the
Boss export; 管理 → 公司's console values with copy buttons and the credential check, and 管理 → 标签's
single-choice groups."""

import asyncio
import csv
import io
import json
from datetime import timedelta

import pytest

from common.times import today
from models import scoring_jobs
from tests.browser import LIVE, PHONE

Q = "/zhugeleida/qiyeweixin"
B = "/zhugeleida/boosleida/home_page"
# The overview as the page shows it: {metric: {period: number}}.
TABLE = ("Object.fromEntries([...document.querySelectorAll('#boss-overview tbody tr')].map(tr => [tr.dataset.metric,"
         " Object.fromEntries([...tr.querySelectorAll('td')].map(td => [td.dataset.period, Number(td.textContent)]))]))")


async def session_of(api, username: str, password: str = "secret1") -> dict:
    return await api.ok("POST", "/zhugeleida/login", form={"username": username, "password": password})


async def choose(page, selector: str, value: str) -> None:
    await page.wait_for(f"document.querySelector({selector!r})")
    await page.evaluate(f"(() => {{ const box = document.querySelector({selector!r}); box.value = {json.dumps(value)};"
                        " box.dispatchEvent(new Event('change')); })()")


async def table_is(page, numbers: dict) -> None:
    """The overview comes to show exactly these windows and numbers (an API answer's ret_data)."""
    expected = {metric: {period: numbers[period][metric] for period in numbers} for metric in numbers["count_data"]}
    for _ in range(100):
        if await page.evaluate(TABLE) == expected:
            return
        await asyncio.sleep(0.1)
    assert await page.evaluate(TABLE) == expected


@pytest.mark.gen_test(timeout=180)
@pytest.mark.parametrize("settings_overrides", [{"ai_pr_min_outcomes": 5}])
async def test_the_boss_radar_answers_the_morning_question(api, base_url, admin, seller, customer, browser, clock, cfg,
                                                           tmp_path, settings_overrides):
    boss = await api.create_user(admin, "laoban", role_id=3)
    other = await api.create_user(admin, "xiaoli")
    qian = await api.customer_login(other, "c9", username="钱八")
    await api.act(customer, 1)
    await api.act(customer, 9)  # 靠谱
    clock.past_repeat_window(cfg)
    await api.act(customer, 9)  # and taken back
    await api.act(qian, 1)
    page = await browser.workbench(base_url, await session_of(api, "laoban"), "boss")
    await page.wait_for(f"{LIVE}.live.state === 'open' && document.getElementById('boss-overview')")
    numbers = (await api.ok("GET", f"{B}/acount_data", boss))["ret_data"]
    await table_is(page, numbers)
    today_shown = (await page.evaluate(TABLE))
    assert [today_shown[metric]["today_data"] for metric in ("praise_num", "praise_like_num", "praise_cancel_num")] == [0, 1, 1]
    assert await page.evaluate("[...document.querySelectorAll('#boss-overview thead th')].map((th) => th.textContent)") == [
        "", "累计", "今日", "昨日", "近7天", "近30天"]

    # A range: its column, as the API counts it; too long a range is said before it is asked.
    week_ago = (today() - timedelta(days=6)).isoformat()
    await page.fill("#boss-since", (today() - timedelta(days=400)).isoformat())
    assert await page.wait_for("document.getElementById('boss-range-problem').textContent") == "时间范围最多366天"
    assert await page.evaluate("document.getElementById('boss-range').disabled") is True
    await page.fill("#boss-since", week_ago)
    await page.fill("#boss-until", today().isoformat())
    await page.click("#boss-range")
    ranged = (await api.ok("GET", f"{B}/acount_data", boss, params={"since": week_ago, "until": today().isoformat()}))["ret_data"]
    await table_is(page, ranged)
    label = f"{week_ago[5:].replace('-', '/')}–{today().isoformat()[5:].replace('-', '/')}"
    assert await page.evaluate("document.querySelector('#boss-overview thead th[data-period=range_data]').textContent") == label

    # One salesperson: every window is theirs.
    await page.wait_for("document.querySelectorAll('#boss-person option').length === 3")
    await choose(page, "#boss-person", str(other["id"]))
    mine = (await api.ok("GET", f"{B}/acount_data", boss, params={
        "since": week_ago, "until": today().isoformat(), "query_user_id": other["id"]}))["ret_data"]
    await table_is(page, mine)
    assert "xiaoli" in await page.evaluate("document.getElementById('boss-person-note').textContent")

    # The numbers move: the radar socket says so, the page fetches them again (a burst at most once per pause).
    await page.evaluate("window.stillHere = true")
    await page.record_traffic()
    await api.act(qian, 6)  # forwards the card
    await page.wait_for("document.querySelector('[data-metric=forward_num] [data-period=today_data]').textContent === '1'")
    for action in (8, 10, 5):
        await api.act(qian, action)
    await asyncio.sleep(2)
    asked = [url for url in await page.traffic() if "acount_data" in url]
    assert 1 <= len(asked) <= 2, asked
    assert await page.evaluate("window.stillHere") is True
    await page.screenshot("boss-today")
    await page.screenshot("boss-today-phone", PHONE)

    # The export: per salesperson over the range, with a total.
    await page.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(tmp_path))
    await page.click("[data-export=boss] [data-format=csv]")
    for _ in range(200):
        files = [path for path in tmp_path.iterdir() if path.name.endswith(".csv")]
        if files:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.1)
    rows = list(csv.reader(io.StringIO(files[0].read_bytes().decode("utf-8-sig"))))
    assert rows[0][:2] == ["销售", "新增客户"] and [row[0] for row in rows[1:]] == ["xiaoli", "合计"]

    # 1.5 by AI 成交率: the buckets, the customers behind one (with their AI 成交率), and what the AI stands on.
    await page.evaluate("[...document.querySelectorAll('#boss-buckets .tabs button')].find((b) => b.textContent === 'AI 成交率').click()")
    model = await page.wait_for("document.getElementById('ai-pr-model').textContent")
    assert "默认权重,还需在客户资料里标记5个成交、5个流失的客户" in model and "已标记 成交 0 · 流失 0" in model
    await page.evaluate("document.getElementById('boss-buckets').scrollIntoView()")
    await page.screenshot("boss-ai")
    by_ai = (await api.ok("GET", f"{B}/expect_chengjiaolv_customer_num", boss, params={"by": "ai_pr"}))["ret_data"]
    bucket = "[data-bucket='1_50_pr'] li"
    await page.wait_for(f"document.querySelectorAll(\"{bucket}\").length === {len(by_ai['1_50_pr'])}")
    shown = await page.evaluate(f"[...document.querySelectorAll(\"{bucket}\")].map((li) => li.innerText.replace(/\\s+/g, ' ').trim())")
    assert shown == [f"{row['user__username']} {row['have_customer_num']}" for row in by_ai["1_50_pr"]]
    await page.evaluate(f"[...document.querySelectorAll(\"{bucket}\")].find((li) => li.textContent.includes('zhangcong')).click()")
    drill = await page.wait_for("document.getElementById('boss-drill').innerText")
    ai_pr = (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]["ai_pr"]
    assert "张炬" in drill and f"AI 成交率 {ai_pr}%" in drill
    assert "AI 成交率 1–50%" in await page.evaluate("document.querySelector('.modal header').textContent")
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
@pytest.mark.parametrize("settings_overrides", [{"ai_pr_min_outcomes": 5}])
async def test_the_boss_radar_says_when_ai_pr_is_fitted_to_the_company(api, base_url, db, admin, seller, browser,
                                                                      settings_overrides):
    for n in range(10):  # five won after calling and asking, five lost after a look at the card
        buyer = await api.customer_login(seller, f"o{n}", username=f"客户{n}")
        for action in ((8, 7) if n < 5 else (1,)):
            await api.act(buyer, action)
        await api.ok("POST", f"{Q}/customer/update_outcome/{buyer['id']}", seller,
                     form={"outcome": "won" if n < 5 else "lost"})
    page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), "boss")
    await page.wait_for("document.querySelector('#boss-buckets .tabs')")
    await page.evaluate("[...document.querySelectorAll('#boss-buckets .tabs button')].find((b) => b.textContent === 'AI 成交率').click()")
    assert "成交和流失的客户已经够了" in await page.wait_for("document.getElementById('ai-pr-model').textContent")
    summary = await scoring_jobs.fit_company(db, 1, 5)
    assert summary["fitted"] is True
    await page.click("#boss-refresh")
    text = await page.wait_for("document.getElementById('ai-pr-model').textContent.includes('拟合 (') &&"
                               " document.getElementById('ai-pr-model').textContent")
    assert f"按本公司10个结果拟合 (AUC {summary['auc']:g})" in text
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=150)
async def test_an_admin_copies_the_console_values_checks_the_credentials_and_sets_single_choice(
        api, base_url, admin, seller, customer, fake_wechat, browser):
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"corp_id": "wwcorp", "corp_secret": "wrong-secret"})
    fake_wechat.refused = {"wrong-secret": 40001}
    page = await browser.workbench(base_url, await session_of(api, "root", "rootpass"), "admin/companies")
    await page.send("Browser.grantPermissions", permissions=["clipboardReadWrite", "clipboardSanitizedWrite"], origin=base_url)
    await page.send("Emulation.setFocusEmulationEnabled", enabled=True)
    await page.click("#company-list .wechat-help")
    await page.wait_for("document.querySelectorAll('#company-wechat .console-group').length === 4")
    settings = await api.ok("GET", f"{Q}/company/console_settings/1", admin)
    values = await page.evaluate("[...document.querySelectorAll('#company-wechat .console-item input')].map((input) => input.value)")
    assert values == [item["value"] for group in settings["ret_data"] for item in group["items"]]
    assert await page.evaluate("document.getElementById('console-warnings').textContent") == settings["warnings"][0]
    item = "#company-wechat [data-setting='企业微信回调'] [data-name=callback_url]"
    await page.click(f"{item} .copy")
    await page.wait_for("[...document.querySelectorAll('.notices p')].some((p) => p.textContent === '已复制「接收消息服务器 URL」')")
    assert await page.evaluate("await navigator.clipboard.readText()") == "http://radar.test/zhugeleida/qiyeweixin/callback/1"

    # 检测: each credential, in words.
    await page.click("#wechat-check")
    await page.wait_for("document.querySelectorAll('#wechat-checks li').length === 4")
    checks = await page.evaluate("Object.fromEntries([...document.querySelectorAll('#wechat-checks li')].map((li) =>"
                                 " [li.dataset.setting, li.innerText.replace(/\\s+/g, ' ').trim()]))")
    assert checks["企业微信应用"] == "被微信拒绝 企业微信应用: Secret 不正确 (或已重置) (微信错误码 40001)"
    assert checks["小程序"] == "正常 小程序: 凭据有效 (使用服务器的默认配置)"
    assert checks["公众号"].startswith("未配置 公众号: 还没有配置,请在「管理 → 公司 → 微信设置」填写")
    await page.screenshot("admin-wechat")
    await page.screenshot("admin-wechat-phone", PHONE)
    await page.click(".modal header button")

    # 标签: 级别 is single-choice; 关注点 cannot be while a customer has two of its tags.
    groups = (await api.ok("GET", f"{Q}/tag_list", admin))["ret_data"]
    focus = next(group for group in groups if group["name"] == "关注点")
    await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller,
                 form={"tag_list": json.dumps([tag["id"] for tag in focus["tags"]])})
    await page.evaluate("[...document.querySelectorAll('.admin .tabs button')].find((b) => b.textContent === '标签').click()")
    await page.wait_for("document.querySelectorAll('#tag-groups li').length === 4")
    box = "document.querySelector('#tag-groups [data-group=\"{}\"] input')"
    level = next(group for group in groups if group["name"] == "级别")
    assert await page.evaluate(f"{box.format(level['id'])}.checked") is True
    assert await page.evaluate(f"{box.format(focus['id'])}.checked") is False
    await page.evaluate(f"{box.format(focus['id'])}.click()")
    notice = await page.wait_for("[...document.querySelectorAll('.notices p.error')].map((p) => p.textContent).join()")
    assert notice == "设为单选:客户「张炬」同时有标签组「关注点」的多个标签,请先只保留一个"
    assert await page.evaluate(f"{box.format(focus['id'])}.checked") is False
    await page.screenshot("admin-tags")
    await page.evaluate(f"{box.format(level['id'])}.click()")
    await page.wait_for("[...document.querySelectorAll('.notices p')].some((p) => p.textContent === '「级别」已改为可多选')")
    groups = {group["name"]: group for group in (await api.ok("GET", f"{Q}/tag_list", admin))["ret_data"]}
    assert groups["级别"]["single_choice"] is False and groups["关注点"]["single_choice"] is False
    assert await page.errors() == []
