"""A salesperson's day in the workbench (issue 23), in headless Chromium with the customer side
simulated through the API: a customer's message noticed on any screen (the badge, the tab's title,
a sound and a desktop notification once they are turned on), the chat by day with clickable links
and Enter to send, and the radar feed by day with relative times that tick."""

import json
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser import LIVE, PHONE

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
PLAIN_TITLE = "诸葛雷达 · 工作台"

# The browser's notification and sound, recorded instead of shown and played (headless has neither).
RECORDERS = """
window.__shown = []; window.__chimes = 0; window.__asked = 0;
window.Notification = class {
  static permission = sessionStorage.getItem('allowed') ? 'granted' : 'default';
  static async requestPermission() { window.__asked += 1; sessionStorage.setItem('allowed', '1'); this.permission = 'granted'; return 'granted'; }
  constructor(title, options) { window.__shown.push([title, options.body]); }
  close() {}
};
window.AudioContext = class {
  constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
  createOscillator() { return { frequency: {}, connect: (next) => next, start() { window.__chimes += 1; }, stop() {} }; }
  createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (next) => next }; }
  resume() { return Promise.resolve(); }
};
"""
CHAT_BADGE = "(document.querySelector('#menu a[data-view=chat] .badge') || {}).textContent"


async def session_of(api, username: str, password: str = "secret1") -> dict:
    return await api.ok("POST", "/zhugeleida/login", form={"username": username, "password": password})


async def say(api, customer, seller, text: str) -> dict:
    """The customer sends a message from the mini-program (REST)."""
    return await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": text})})


async def reload(page) -> None:
    await page.send("Page.reload")
    await page.wait_for(f"document.querySelector('#menu + .content .view') && {LIVE}.live.state === 'open'")


def day_label(cfg, days_ago: int) -> str:
    """What the workbench calls a day: 今天, 昨天, else 11月28日 (another year: 2025年11月28日)."""
    today = datetime.now(ZoneInfo(cfg.time_zone))
    day = today - timedelta(days=days_ago)
    label = {0: "今天", 1: "昨天"}.get(days_ago, f"{day.month}月{day.day}日")
    return label if days_ago < 2 or day.year == today.year else f"{day.year}年{label}"


@pytest.mark.gen_test(timeout=120)
async def test_a_customer_message_is_noticed_on_every_screen(api, base_url, seller, customer, browser):
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "radar", offer=True)
    await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORDERS)
    await reload(page)
    assert await page.evaluate("document.title") == PLAIN_TITLE
    await page.screenshot("alerts-offer")
    await page.click("#alert-offer-yes")  # the offer is the gesture that asks the browser, once
    await page.wait_for("!document.getElementById('alert-offer') && window.__asked === 1")
    assert await page.evaluate("window.__chimes") == 1  # what it will sound like

    started = time.monotonic()
    await say(api, customer, seller, "请问价格多少?")
    await page.wait_for(f"{CHAT_BADGE} === '1' && document.title === '(1) 诸葛雷达'", timeout=1.0)
    assert time.monotonic() - started < 1.0
    await page.wait_for("window.__shown.length === 1")
    assert await page.evaluate("window.__shown") == [["张炬 发来消息", "请问价格多少?"]]
    assert await page.evaluate("window.__chimes") == 2

    await api.act(customer, 1)  # the customer's first visit
    await page.wait_for("window.__shown.length === 2")
    assert (await page.evaluate("window.__shown"))[1] == ["新客户来访", "张炬首次查看您的名片,沟通从此刻开始"]
    await api.act(customer, 10)  # not a first visit: nothing
    await page.wait_for("document.querySelectorAll('#radar-feed li').length === 2")

    await page.evaluate("location.hash = '#/customers'")
    await page.wait_for("document.getElementById('customer-list')")
    await say(api, customer, seller, "在吗?")
    await page.wait_for(f"{CHAT_BADGE} === '2' && document.title === '(2) 诸葛雷达'", timeout=1.0)
    await page.click("#alerts-toggle")
    await page.wait_for("document.getElementById('alert-menu')")
    await page.screenshot("alerts")

    # Another visit: the choice is remembered, the browser not asked again, the count the server's.
    await reload(page)
    await page.wait_for(f"{CHAT_BADGE} === '2' && document.title === '(2) 诸葛雷达'")
    assert await page.evaluate("!document.getElementById('alert-offer') && window.__asked === 0")
    assert await page.evaluate("document.getElementById('alerts-toggle').classList.contains('on')")

    # Reading the conversation brings both down; a message into the open conversation is read as it comes.
    await page.evaluate(f"location.hash = '#/chat/{customer['id']}'")
    await page.wait_for(f"!{CHAT_BADGE} && document.title === '{PLAIN_TITLE}'")
    await say(api, customer, seller, "好的")
    await page.wait_for("document.getElementById('messages').textContent.includes('好的')")
    assert await page.evaluate(f"{LIVE}.live.unread") == 0 and await page.evaluate("document.title") == PLAIN_TITLE
    assert await page.evaluate("window.__shown") == []  # on screen already (nothing shown since the reload)

    # Desktop notifications turned off: the count and the sound go on, no notification.
    await page.click("#alerts-toggle")
    await page.click("#alert-desktop")
    await page.wait_for("JSON.parse(localStorage.getItem('radar_alerts')).desktop === false")
    await page.evaluate("location.hash = '#/radar'")
    chimes = await page.evaluate("window.__chimes")
    await say(api, customer, seller, "还在吗?")
    await page.wait_for(f"{CHAT_BADGE} === '1' && document.title === '(1) 诸葛雷达' && window.__chimes === {chimes + 1}")
    assert await page.evaluate("window.__shown") == []
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_the_chat_reads_by_day_with_links_and_enter_sends(api, base_url, seller, customer, browser, clock, cfg):
    clock.advance(-3 * 86400)
    await say(api, customer, seller, "三天前的消息")
    clock.advance(2 * 86400)
    await say(api, customer, seller, "昨天的消息")
    clock.advance(86400)
    hostile = '<a href="javascript:alert(1)">点我</a> https://ok.test/path.'
    await say(api, customer, seller, "看看 https://example.com/a?b=1，谢谢")
    await say(api, customer, seller, hostile)

    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), f"chat/{customer['id']}")
    await page.wait_for("document.querySelectorAll('#messages .message').length === 4")
    days = await page.evaluate("[...document.querySelectorAll('#messages .day-sep')].map((day) => day.textContent)")
    assert days == [day_label(cfg, 3), "昨天", "今天"]
    times = await page.evaluate("[...document.querySelectorAll('#messages .message small')].map((at) => at.textContent)")
    assert all(len(at) == 5 and at[2] == ":" for at in times), times  # HH:MM within its day
    links = await page.evaluate("[...document.querySelectorAll('#messages a')].map((a) => [a.textContent, a.href, a.target, a.rel])")
    assert links == [["https://example.com/a?b=1", "https://example.com/a?b=1", "_blank", "noopener noreferrer"],
                     ["https://ok.test/path", "https://ok.test/path", "_blank", "noopener noreferrer"]]
    last = await page.evaluate("document.querySelectorAll('#messages .message .text')[3].textContent")
    assert last == hostile  # the markup is text; only the http(s) link became an element

    # Shift+Enter breaks the line, Enter sends (real key presses).
    await page.evaluate("document.getElementById('chat-text').focus()")
    await page.send("Input.insertText", text="第一行")
    for kind in ("keyDown", "keyUp"):
        await page.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                        modifiers=8, **({"text": "\r"} if kind == "keyDown" else {}))
    await page.send("Input.insertText", text="第二行")
    assert await page.evaluate("document.getElementById('chat-text').value") == "第一行\n第二行"
    for kind in ("keyDown", "keyUp"):
        await page.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                        **({"text": "\r"} if kind == "keyDown" else {}))
    await page.wait_for("document.querySelectorAll('#messages .mine').length === 1 && !document.getElementById('chat-text').value")
    sent = await api.ok("GET", f"{X}/chat/getmsg/0", customer, params={"u_id": seller["id"]})
    assert [row["msg"] for row in sent] == ["第一行\n第二行"]

    # The send button keeps its word on one line, on a desk and on a phone.
    one_line = ("(() => { const range = document.createRange(); range.selectNodeContents(document.getElementById('chat-send'));"
                " return range.getClientRects().length; })()")
    await page.screenshot("chat-days")
    assert await page.evaluate(one_line) == 1
    await page.screenshot("chat-days-phone", PHONE)
    assert await page.evaluate(one_line) == 1
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_on_a_touch_screen_enter_breaks_the_line(api, base_url, seller, customer, browser):
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), f"chat/{customer['id']}")
    await page.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
    await page.send("Emulation.setDeviceMetricsOverride", deviceScaleFactor=1, **PHONE)
    await reload(page)
    assert await page.evaluate("matchMedia('(pointer: coarse)').matches")
    assert await page.evaluate("document.getElementById('chat-text').placeholder") == "输入消息"
    await page.evaluate("document.getElementById('chat-text').focus()")
    await page.send("Input.insertText", text="第一行")
    for kind in ("keyDown", "keyUp"):
        await page.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                        **({"text": "\r"} if kind == "keyDown" else {}))
    await page.send("Input.insertText", text="第二行")
    assert await page.evaluate("document.getElementById('chat-text').value") == "第一行\n第二行"
    await page.click("#chat-send")
    await page.wait_for("document.querySelectorAll('#messages .mine').length === 1")
    sent = await api.ok("GET", f"{X}/chat/getmsg/0", customer, params={"u_id": seller["id"]})
    assert [row["msg"] for row in sent] == ["第一行\n第二行"]
    assert await page.errors() == []


@pytest.mark.gen_test(timeout=120)
async def test_the_radar_feed_goes_by_day_and_its_times_tick(api, base_url, seller, customer, browser, clock, cfg):
    clock.advance(-86400)
    await api.act(customer, 1)
    clock.advance(86400)
    page = await browser.workbench(base_url, await session_of(api, "zhangcong"), "radar")
    await page.wait_for(f"{LIVE}.live.state === 'open' && document.querySelectorAll('#radar-feed li').length === 1")
    await page.evaluate("window.stillThisPage = true")
    await api.act(customer, 10)
    await page.wait_for("document.querySelectorAll('#radar-feed li').length === 2")
    feed = ("[...document.querySelectorAll('#radar-feed section')].map((day) => [day.querySelector('.day-sep').textContent,"
            " [...day.querySelectorAll('.ago')].map((at) => at.textContent)])")
    shown = await page.evaluate(feed)
    assert [day for day, _ in shown] == ["今天", "昨天"] and shown[0][1] == ["刚刚"]
    assert len(shown[1][1][0]) == 5 and shown[1][1][0][2] == ":"  # yesterday's: HH:MM under 昨天

    # Time passes without a reload: 刚刚 becomes 5分钟前.
    await page.evaluate("(await import('/static/web/format.js')).clock.now = Date.now() + 5 * 60000 + 1000")
    await page.wait_for("document.querySelector('#radar-feed .ago').textContent === '5分钟前'")
    assert await page.evaluate("window.stillThisPage") is True
    await page.screenshot("radar-days")
    await page.screenshot("radar-days-phone", PHONE)
    assert await page.errors() == []
