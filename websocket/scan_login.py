"""Scan-code web login: the login page's socket.

Page:  /zhugeleida/public/websocket/scan_code_web_login, frames register, query_login_status, closed.
Phone: POST /zhugeleida/qiyeweixin/scan_login/confirm, or WeCom OAuth with state scan<code>
(events.scan_confirmed). The 200 login frame is pushed the moment the scan is confirmed.

The code is bound to the page that asked for it: the first socket to query a code claims it, and
only a socket that shows the code's auth_secret (given to that page alone, with the code) may
claim it again. Anyone else who read the code off the QR image gets 303.
"""

import uuid

from tornado.ioloop import IOLoop

import events
from common.errors import ApiError
from common.times import utcnow
from models import scan_logins
from websocket.hub import SCAN
from websocket.live import LiveSocket


class ScanLoginSocket(LiveSocket):
    room = None  # the page is not logged in yet

    async def open(self, *args, **kwargs):
        await super().open(*args, **kwargs)
        self.socket_id = uuid.uuid4().hex
        self.deadline = None
        self.timer = None
        self.time_out_in(self.cfg.scan_login_ttl_s)

    def time_out_in(self, seconds: float) -> None:
        """504 and close after seconds (SCAN_LOGIN_TTL_S, or sooner when the code expires sooner)."""
        loop = IOLoop.current()
        deadline = loop.time() + max(seconds, 0)
        if self.deadline is not None and deadline >= self.deadline:
            return
        if self.timer is not None:
            loop.remove_timeout(self.timer)
        self.deadline = deadline
        self.timer = loop.call_at(deadline, self.finish_with, events.SCAN_TIMEOUT)

    def on_close(self):
        if self.timer is not None:
            IOLoop.current().remove_timeout(self.timer)
        super().on_close()

    def finish_with(self, frame: dict) -> None:
        self.send_frame(frame)
        self.close(1000, "done")

    async def handle(self, kind, frame: dict) -> None:
        if kind == "register":
            self.send_frame({"code": 200, "msg": "注册成功"})
            return
        if kind != "query_login_status":
            raise ApiError(301, f"type: 不支持的类型 {kind}")
        auth_code = str(frame.get("auth_code") or "")
        secret = str(frame.get("auth_secret") or "")
        entry = await scan_logins.claim(self.db, auth_code, self.socket_id, secret) if auth_code else None
        if entry is None or entry["status"] == scan_logins.USED:
            self.finish_with(events.SCAN_INVALID)
        elif entry["status"] == scan_logins.FAILED:
            self.finish_with(events.SCAN_FAILED)
        elif entry["status"] == scan_logins.CONFIRMED:
            self.finish_with(await events.scan_handed_over(self.ctx, auth_code) or events.SCAN_INVALID)
        else:
            # Whoever held the code before (a bystander who read the QR first) gets nothing more.
            self.hub.hand_over(SCAN, auth_code, self, events.SCAN_INVALID)
            self.join(SCAN, auth_code)
            self.time_out_in((entry["expires_at"] - utcnow()).total_seconds())
            self.send_frame(events.SCAN_WAITING)
