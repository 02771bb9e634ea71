"""The scan-code login pages in a real (headless) browser: the desk shows a QR and waits; the phone
confirms with the password; the desk is logged in by the pushed frame."""

import pytest


@pytest.mark.gen_test(timeout=60)
async def test_scan_login_in_the_browser(api, base_url, db, seller, browser):
    desk = await browser.open(f"{base_url}/zhugeleida/public/scan_login")
    await desk.wait_for("document.getElementById('status').textContent.includes('等待验证中')")
    assert await desk.wait_for("document.getElementById('qr').naturalWidth") > 100  # the QR image loaded
    auth_code = (await db.scan_logins.find_one({}, sort=[("create_date", -1)]))["_id"]

    phone = await browser.open(f"{base_url}/zhugeleida/public/scan_login/confirm?auth_code={auth_code}")
    await phone.wait_for("document.readyState === 'complete' && Boolean(document.getElementById('signin').onclick)")
    md5 = "(await import('/static/vendor/blueimp-md5/md5.js')).default('abc')"
    assert await phone.evaluate(md5) == "900150983cd24fb0d6963f7d28e17f72"  # the ES module the page imports
    await phone.evaluate("document.getElementById('username').value = 'zhangcong';"
                         "document.getElementById('password').value = 'secret1';"
                         "document.getElementById('signin').click()")
    # The phone first shows who asks: the desk's address and browser.
    assert await phone.wait_for("document.getElementById('address').textContent") == "127.0.0.1"
    assert "HeadlessChrome" in await phone.evaluate("document.getElementById('agent').textContent")
    assert "等待验证中" in await desk.evaluate("document.getElementById('status').textContent")
    await phone.evaluate("document.getElementById('confirm').click()")
    assert await phone.wait_for("document.getElementById('status').textContent") == "已确认,请在电脑上继续"

    assert await desk.wait_for("document.getElementById('status').textContent") == "登录成功: zhangcong"
    session = await desk.evaluate("JSON.parse(sessionStorage.getItem('radar_session'))")
    assert session["user_id"] == seller["id"] and session["token"] == seller["token"]


@pytest.mark.gen_test(timeout=60)
async def test_wrong_password_on_the_phone(api, base_url, db, seller, browser):
    desk = await browser.open(f"{base_url}/zhugeleida/public/scan_login")
    await desk.wait_for("document.getElementById('status').textContent.includes('等待验证中')")
    auth_code = (await db.scan_logins.find_one({}, sort=[("create_date", -1)]))["_id"]
    phone = await browser.open(f"{base_url}/zhugeleida/public/scan_login/confirm?auth_code={auth_code}")
    await phone.wait_for("document.readyState === 'complete' && Boolean(document.getElementById('signin').onclick)")
    await phone.evaluate("document.getElementById('username').value = 'zhangcong';"
                         "document.getElementById('password').value = 'nope';"
                         "document.getElementById('signin').click()")
    assert await phone.wait_for("document.getElementById('status').textContent") == "账号密码错误"
    assert "等待验证中" in await desk.evaluate("document.getElementById('status').textContent")


@pytest.mark.gen_test(timeout=60)
async def test_after_scan_login_only_this_site_is_a_destination(api, base_url, browser):
    """?next= is parsed as a URL: what a browser would take to another host is refused."""
    desk = await browser.open(f"{base_url}/zhugeleida/public/scan_login")
    await desk.wait_for("typeof sameOriginPath === 'function'")
    origin = await desk.evaluate("location.origin")
    for hostile in ("//evil.test", "/\\evil.test", "/\t/evil.test", "/%09/evil.test", "/.//evil.test",
                    "https://evil.test/", "javascript:alert(1)", " //evil.test"):
        target = await desk.evaluate(f"sameOriginPath(new URLSearchParams('next=' + "
                                     f"encodeURIComponent({hostile!r})).get('next'))")
        assert target is None or target.startswith(origin + "/"), (hostile, target)
    assert await desk.evaluate("sameOriginPath('/?tab=chat')") == f"{origin}/?tab=chat"
