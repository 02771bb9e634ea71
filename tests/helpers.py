"""A signed API client for tests: calls the real routes over HTTP and returns the envelope."""

import asyncio
import json
import time
import urllib.parse
from datetime import timedelta

from tornado.websocket import websocket_connect

from common import times
from models.accounts import sign
from settings import Settings

_last_ms = [0]


def fresh_timestamp() -> str:
    """Milliseconds, never the same twice: a write's signature may be used only once, so a client
    that signs two writes within one millisecond must give the second a later timestamp."""
    _last_ms[0] = max(int(time.time() * 1000), _last_ms[0] + 1)
    return str(_last_ms[0])


def public_params(account: dict, timestamp: str | None = None) -> dict:
    timestamp = timestamp or fresh_timestamp()
    return {"rand_str": sign(timestamp, account["token"]), "timestamp": timestamp, "user_id": str(account["id"])}


def suite_settings(data_dir: str, fake_wechat, **overrides) -> Settings:
    """The settings of the suite (and bench/roundtrips.py): WeChat is the fake, passwords hash cheaply."""
    return Settings(**{
        "data_dir": data_dir, "public_base_url": "http://radar.test",
        "wechat_api_base": fake_wechat.base_url, "wecom_api_base": fake_wechat.base_url,
        "wechat_mini_appid": "wx-mini-app", "wechat_mini_secret": "mini-secret", "wechat_timeout_s": 2.0,
        "scrypt_n": 16,  # the production cost (2**14) is checked once, in test_auth
        **overrides})


class Clock:
    """The clock that stamps what happens (common.times.set_clock), moved on by a test (the `clock`
    fixture puts it back afterwards)."""

    def __init__(self):
        self.shift = timedelta(0)

    def advance(self, seconds: float) -> None:
        self.shift += timedelta(seconds=seconds)
        times.set_clock(self.shift)

    def past_repeat_window(self, cfg) -> None:
        """The same action by the same customer counts again from now on (REPEAT_WINDOW_S has passed)."""
        self.advance(cfg.repeat_window_s + 1)


class Api:
    def __init__(self, http_client, base_url: str, ctx):
        self.http = http_client
        self.base_url = base_url
        self.ctx = ctx

    def url(self, path: str, as_=None, params: dict | None = None) -> str:
        query = dict(public_params(as_)) if as_ else {}
        query.update({k: v for k, v in (params or {}).items() if v is not None})
        return f"{self.base_url}{path}" + (f"?{urllib.parse.urlencode(query, doseq=True)}" if query else "")

    async def raw(self, method: str, path: str, as_=None, params=None, form=None, json_body=None,
                  body: bytes | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST" and body is None:
            body = b""
        return await self.http.fetch(self.url(path, as_, params), method=method, body=body, headers=headers,
                                     raise_error=False, request_timeout=30,
                                     follow_redirects=False)

    async def call(self, method: str, path: str, as_=None, **kwargs) -> dict:
        response = await self.raw(method, path, as_, **kwargs)
        assert response.code == 200, (response.code, response.body[:300])
        assert response.headers["Content-Type"].startswith("application/json"), response.headers["Content-Type"]
        return json.loads(response.body)

    async def get(self, route: str, as_=None, /, **params) -> dict:
        return await self.call("GET", route, as_, params=params)

    async def post(self, route: str, as_=None, /, **form) -> dict:
        return await self.call("POST", route, as_, form=form)

    async def ok(self, method: str, path: str, as_=None, **kwargs) -> dict:
        """Call and assert code 200; return data."""
        answer = await self.call(method, path, as_, **kwargs)
        assert answer["code"] == 200, answer
        return answer["data"]

    async def login(self, username: str, password: str) -> dict:
        data = await self.ok("POST", "/zhugeleida/login", form={"username": username, "password": password})
        return {"id": data["user_id"], "token": data["token"], "company_id": data["company_id"]}

    async def create_user(self, as_: dict, username: str, password: str = "secret1", role_id: int = 2,
                          company_id: int | None = None) -> dict:
        """A radar user created through user/add/0 and logged in: {"id", "token", "company_id"}."""
        form = {"username": username, "password": password, "role_id": role_id,
                "company_id": company_id or as_["company_id"]}
        await self.ok("POST", "/zhugeleida/qiyeweixin/user/add/0", as_, form=form)
        return await self.login(username, password)

    async def customer_login(self, seller: dict, js_code: str, **form) -> dict:
        """A customer logged in through the mini-program on seller's card: {"id", "token", "company_id", "u_id"}."""
        form = {"company_id": seller["company_id"], "js_code": js_code, "u_id": seller["id"], **form}
        data = await self.ok("POST", "/zhugeleida/xiaochengxu/login", form=form)
        return {"id": data["customer_id"], "token": data["token"], "company_id": seller["company_id"],
                "u_id": data["u_id"]}

    async def reader(self, sharer: dict, article_id: int, name: str, pid: int | None = None,
                     level: int = 1) -> dict:
        """An official-account reader who opened a share link of sharer's (pid: the customer whose link
        it was): logged in through the (fake) WeChat OAuth, {"id", "token", "company_id", "uid"}."""
        relate = f"article_id_{article_id}|pid_{'' if pid is None else pid}|level_{level}|uid_{sharer['id']}" \
                 f"|company_id_{sharer['company_id']}"
        data = await self.ok("GET", "/zhugeleida/gongzhonghao/work_gongzhonghao_auth",
                             params={"code": f"reader-{name}", "relate": relate})
        return {"id": data["customer_id"], "token": data["token"], "company_id": sharer["company_id"],
                "uid": sharer["id"]}

    async def read(self, reader: dict, article_id: int, pid: int | None = None) -> dict:
        """The reader opens the article page; the read's data (article_access_log_id...)."""
        return await self.ok("GET", f"/zhugeleida/gongzhonghao/article/myarticle/{article_id}", reader,
                             params={"uid": reader["uid"], "pid": pid})

    async def act(self, customer: dict, action: int, **params) -> dict:
        """The customer does action 1..12 on the card of their radar user."""
        return await self.ok("POST", f"/zhugeleida/xiaochengxu/action/{action}", customer,
                             params={"u_id": customer["u_id"], **params})


class Socket:
    """A WebSocket test client: frames as dicts, with a timeout on every read."""

    def __init__(self, connection):
        self.connection = connection

    async def frame(self, timeout: float = 5) -> dict | None:
        message = await asyncio.wait_for(self.connection.read_message(), timeout)
        return None if message is None else json.loads(message)

    async def send(self, frame) -> None:
        await self.connection.write_message(frame if isinstance(frame, str) else json.dumps(frame))

    async def closed(self, timeout: float = 5) -> int | None:
        """Wait for the server to close; return its close code."""
        while await asyncio.wait_for(self.connection.read_message(), timeout) is not None:
            pass
        return self.connection.close_code

    async def nothing(self, wait: float = 0.3) -> bool:
        """True when no frame arrives within `wait` seconds."""
        try:
            await self.frame(wait)
        except TimeoutError:
            return True
        return False

    def close(self) -> None:
        self.connection.close()


async def open_socket(base_url: str, path: str, account: dict | None = None, **params) -> Socket:
    query = dict(public_params(account)) if account else {}
    query.update({k: str(v) for k, v in params.items()})
    url = base_url.replace("http", "ws", 1) + path + (f"?{urllib.parse.urlencode(query)}" if query else "")
    return Socket(await websocket_connect(url))


async def eventually(condition, timeout: float = 5) -> None:
    """Wait until condition() holds (server-side state that settles a moment after a close)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def decode_qr(path) -> str:
    """The text a QR image encodes (zxing-cpp), to prove what a generated code opens."""
    import zxingcpp
    from PIL import Image

    results = zxingcpp.read_barcodes(Image.open(path))
    assert len(results) == 1, f"expected one QR code in {path}, found {len(results)}"
    return results[0].text


def png_bytes(width: int = 120, height: int = 80) -> bytes:
    """A real PNG with noisy pixels (so it does not compress to nothing)."""
    import io
    import random

    from PIL import Image

    image = Image.new("RGB", (width, height))
    rng = random.Random(7)
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(width * height)])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def slices(data: bytes, count: int) -> list[bytes]:
    size = -(-len(data) // count)
    return [data[i:i + size] for i in range(0, len(data), size)]


class RadarProcess:
    """`server.py serve` in a subprocess on its own DATA_DIR and a free port (the embedded database on
    SQLite, as `make run` has it); cli() runs another server.py command beside it, with the same settings."""

    def __init__(self, data_dir, **env):
        import os
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.data_dir = data_dir
        self.env = {**os.environ, "DATA_DIR": str(data_dir), "PORT": str(self.port), "LOG_LEVEL": "WARNING",
                    "SCRYPT_N": "16", "SHUTDOWN_GRACE_S": "5"}
        self.env.pop("MONGO_URI", None)  # the embedded database, unless the test says otherwise
        self.env.update({k: str(v) for k, v in env.items()})
        self.process = None
        self.log = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "RadarProcess":
        import subprocess
        import sys
        import urllib.request
        from pathlib import Path

        from settings import ROOT

        self.log = open(Path(self.data_dir).parent / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen([sys.executable, "server.py"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited with {self.process.returncode}"
            try:
                published = json.loads((Path(self.data_dir) / "server.json").read_text())
                if published["pid"] == self.process.pid:
                    urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2).read()
                    return self
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.1)
        raise AssertionError("the server did not come up")

    def cli(self, *args, timeout: float = 120):
        """A server.py command with the server's settings: CompletedProcess (text)."""
        import subprocess
        import sys

        from settings import ROOT

        return subprocess.run([sys.executable, "server.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def stop(self, sig=None, timeout: float = 30) -> int:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(sig or signal.SIGTERM)
        code = self.process.wait(timeout)
        self.log.close()
        return code
