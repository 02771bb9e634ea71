"""Scan-code web login: the login page's socket and the confirmation that answers it.

Page:  /zhugeleida/public/websocket/scan_code_web_login, frames register, query_login_status, closed.
Phone: POST /zhugeleida/qiyeweixin/scan_login/confirm, or WeCom OAuth with state scan<code>.
The 200 login frame is pushed the moment the scan is confirmed; polling works too.
"""

from tornado.ioloop import IOLoop

from models import companies, scan_logins, users
from models.accounts import STATUS_DISABLED
from models.errors import ApiError, disabled
from models.times import utcnow
from websocket.hub import SCAN
from websocket.live import LiveSocket

WAITING = {"code": 201, "msg": "等待验证中"}
FAILED = {"code": 301, "msg": "登录失败"}
INVALID = {"code": 303, "msg": "Auth code已经失效"}
TIMEOUT = {"code": 504, "msg": "等待超时,关闭长连接"}


async def login_frame(db, user_id: int) -> dict:
    """The seed's 200 frame, with exactly its data keys."""
    user = await users.get(db, user_id)
    if not user or user["status"] == STATUS_DISABLED:
        return FAILED
    session = await users.start_session(db, user)
    company = await companies.get(db, user["company_id"]) or {}
    return {"code": 200, "msg": "登录成功", "data": {
        "user_id": session["user_id"], "token": session["token"], "role_id": session["role_id"],
        "username": session["username"], "avatar": session["avatar"], "company_name": session["company_name"],
        "company_id": session["company_id"], "weChatQrCode": company.get("weChatQrCode", ""),
        "state": "scan_code_web_login", "last_login_date": session["last_login_date"],
    }}


async def hand_over(ctx, auth_code: str) -> dict | None:
    """Use a confirmed code once: the login frame, or None when it was already used."""
    entry = await scan_logins.use(ctx.db, auth_code)
    return await login_frame(ctx.db, entry["user_id"]) if entry else None


async def confirm(ctx, auth_code: str, user: dict) -> None:
    """A radar user confirms a scan: the waiting page gets its session at once."""
    if user["status"] == STATUS_DISABLED:
        if await scan_logins.fail(ctx.db, auth_code):
            ctx.hub.push_to_scan(auth_code, FAILED)
        raise disabled()
    if not await scan_logins.confirm(ctx.db, auth_code, user["_id"]):
        raise ApiError(INVALID["code"], INVALID["msg"])
    if ctx.hub.count(SCAN, auth_code):
        frame = await hand_over(ctx, auth_code)
        if frame:
            ctx.hub.push_to_scan(auth_code, frame)


class ScanLoginSocket(LiveSocket):
    room = None  # the page is not logged in yet

    async def open(self, *args, **kwargs):
        await super().open(*args, **kwargs)
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
        self.timer = loop.call_at(deadline, self.finish_with, TIMEOUT)

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
        entry = await scan_logins.find(self.db, auth_code) if auth_code else None
        if entry is None or entry["status"] == scan_logins.USED:
            self.finish_with(INVALID)
        elif entry["status"] == scan_logins.FAILED:
            self.finish_with(FAILED)
        elif entry["status"] == scan_logins.CONFIRMED:
            self.finish_with(await hand_over(self.ctx, auth_code) or INVALID)
        else:
            self.join(SCAN, auth_code)
            self.time_out_in((entry["expires_at"] - utcnow()).total_seconds())
            self.send_frame(WAITING)
