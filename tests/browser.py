"""Headless Chromium driven over the DevTools protocol (CDP), for tests of the web pages.

Debian's chromium, launched as TESTING.md says; one tab per `Page`; `evaluate` runs JavaScript
in the page and returns its value.
"""

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tornado.websocket import websocket_connect

# Screenshots of the screens the tests visit are kept here (a test artifact; docs/screens has the
# README's copies).
SCREENSHOTS = Path(os.environ.get("RADAR_SCREENSHOTS", Path(__file__).resolve().parent.parent / ".artifacts" / "screens"))
# Installed before a page's own scripts: its uncaught errors are collected for the test to assert on.
CATCH_ERRORS = ("window.__errors = [];"
                "window.addEventListener('error', (e) => window.__errors.push(String(e.message)));"
                "window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));")
# The workbench's modules, as the page imports them (the same instances), for tests to look inside.
LIVE = "(await import('/static/web/live.js'))"
ROUTE = "(await import('/static/web/router.js')).route"
PHONE = {"width": 390, "height": 844, "mobile": True}
DESK = {"width": 1366, "height": 860, "mobile": False}

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--remote-debugging-port=0"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Debian's chromium is needed for the web-page tests (make test installs it)"
    return path


class Page:
    def __init__(self, connection):
        self.connection = connection
        self.ids = itertools.count(1)
        self.responses: dict[str, dict] = {}  # requestId -> {url, bytes}, once record_traffic() is on

    async def send(self, method: str, **params) -> dict:
        message_id = next(self.ids)
        await self.connection.write_message(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(await asyncio.wait_for(self.connection.read_message(), 20))
            if answer.get("id") == message_id:
                assert "error" not in answer, answer
                return answer.get("result", {})
            self.note(answer)

    def note(self, event: dict) -> None:
        params = event.get("params", {})
        if event.get("method") == "Network.responseReceived":
            self.responses.setdefault(params["requestId"], {})["url"] = params["response"]["url"]
        elif event.get("method") == "Network.loadingFinished":
            self.responses.setdefault(params["requestId"], {})["bytes"] = params["encodedDataLength"]

    async def record_traffic(self) -> None:
        """From now on, note every response and the bytes it took on the wire (headers and compressed
        body: Network.loadingFinished's encodedDataLength)."""
        await self.send("Network.enable")

    async def traffic(self) -> dict[str, int]:
        """{url: bytes} of the responses finished since the last call."""
        await self.evaluate("0")  # events that arrived before this answer are read
        taken = {request: response for request, response in self.responses.items() if len(response) == 2}
        for request in taken:
            del self.responses[request]
        seen: dict[str, int] = {}
        for response in taken.values():
            seen[response["url"]] = seen.get(response["url"], 0) + response["bytes"]
        return seen

    async def evaluate(self, expression: str):
        """The value of a JavaScript expression or statements, which may `await` as in the console (a
        promise is not awaited unless they say so)."""
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True,
                                 replMode=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    async def fill(self, selector: str, value: str) -> None:
        """Type into an input the way Vue sees it (the value, then an input event), once it is there."""
        await self.wait_for(f"document.querySelector({json.dumps(selector)})")
        await self.evaluate(f"(() => {{ const box = document.querySelector({json.dumps(selector)});"
                            f"box.value = {json.dumps(value)}; box.dispatchEvent(new Event('input')); }})()")

    async def click(self, selector: str) -> None:
        """Click an element, once it is there (a screen's module loads when first opened)."""
        await self.wait_for(f"document.querySelector({json.dumps(selector)})")
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    async def screenshot(self, name: str, size: dict = DESK) -> Path:
        """A PNG of the page at size (DESK or PHONE), saved under SCREENSHOTS; the workbench's passing
        notices are clicked away first."""
        await self.evaluate("document.querySelectorAll('.notices p').forEach((notice) => notice.click())")
        await self.send("Emulation.setDeviceMetricsOverride", deviceScaleFactor=1, **size)
        await asyncio.sleep(0.6)  # layout and chart animations settle
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        path.write_bytes(base64.b64decode((await self.send("Page.captureScreenshot", format="png"))["data"]))
        return path

    async def errors(self) -> list[str]:
        errors = await self.evaluate("window.__errors")
        assert errors is not None, "the page's errors were not collected (CATCH_ERRORS not installed)"
        return errors

    async def wait_for(self, expression: str, timeout: float = 10):
        """Poll a JavaScript expression (it may `await`) until it is truthy (errors count as not yet);
        return its value (true for an object)."""
        deadline = asyncio.get_running_loop().time() + timeout
        # An element or other object counts as true (it cannot travel back by value).
        guarded = (f"await (async () => {{ try {{ const value = await ({expression});"
                   f" return value && typeof value === 'object' ? true : value; }} catch (error) {{ return null; }} }})()")
        while True:
            value = await self.evaluate(guarded)
            if value:
                return value
            assert asyncio.get_running_loop().time() < deadline, f"still false after {timeout}s: {expression}"
            await asyncio.sleep(0.05)


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="radar-chromium-")
        self.process = subprocess.Popen([chromium_path(), *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.connection = None
        self.ids = itertools.count(1)

    async def start(self) -> "Browser":
        active = Path(self.profile) / "DevToolsActivePort"
        for _ in range(300):
            if active.exists() and len(active.read_text().split()) == 2:
                break
            await asyncio.sleep(0.05)
        port, path = active.read_text().split()
        self.port = int(port)
        self.connection = await websocket_connect(f"ws://127.0.0.1:{port}{path}", max_message_size=64 << 20)
        return self

    async def open(self, url: str) -> Page:
        """A new tab at url."""
        message_id = next(self.ids)
        await self.connection.write_message(json.dumps(
            {"id": message_id, "method": "Target.createTarget", "params": {"url": url}}))
        while True:
            answer = json.loads(await asyncio.wait_for(self.connection.read_message(), 20))
            if answer.get("id") == message_id:
                break
        target = answer["result"]["targetId"]
        return Page(await websocket_connect(f"ws://127.0.0.1:{self.port}/devtools/page/{target}",
                                            max_message_size=64 << 20))

    async def workbench(self, base_url: str, session: dict | None = None, route: str = "", *, offer: bool = False) -> Page:
        """A tab on the workbench, its errors collected; with session (a login answer), signed in
        as the scan-login page or the login form leaves it (sessionStorage), at #/route. The offer to
        turn on sound and notifications is taken as answered (no) unless offer."""
        page = await self.open("about:blank")
        await page.send("Page.enable")  # without it, scripts added for new documents never run
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=CATCH_ERRORS)
        await page.send("Page.navigate", url=f"{base_url}/")
        await page.wait_for("document.querySelector('#app .login')")  # the login view's module is loaded
        if not offer:
            await page.evaluate("localStorage.setItem('radar_alerts', JSON.stringify({answered: true}))")
        if session is not None:
            await page.evaluate(f"sessionStorage.setItem('radar_session', {json.dumps(json.dumps(session))});"
                                f"location.hash = '#/{route}'")
            await page.send("Page.reload")
            await page.wait_for("document.querySelector('#menu + .content .view')")  # the screen's module is loaded
        return page

    def close(self) -> None:
        if self.connection:
            self.connection.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
