"""Headless Chromium driven over the DevTools protocol (CDP), for tests of the web pages.

Debian's chromium, launched as TESTING.md says; one tab per `Page`; `evaluate` runs JavaScript
in the page and returns its value.
"""

import asyncio
import itertools
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tornado.websocket import websocket_connect

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

    async def send(self, method: str, **params) -> dict:
        message_id = next(self.ids)
        await self.connection.write_message(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(await asyncio.wait_for(self.connection.read_message(), 20))
            if answer.get("id") == message_id:
                assert "error" not in answer, answer
                return answer.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 10):
        """Poll a JavaScript expression until it is truthy (errors count as not yet); return its value."""
        deadline = asyncio.get_running_loop().time() + timeout
        guarded = f"(() => {{ try {{ return ({expression}); }} catch (error) {{ return null; }} }})()"
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

    def close(self) -> None:
        if self.connection:
            self.connection.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
