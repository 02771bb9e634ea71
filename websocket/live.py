"""LiveSocket: what every WebSocket of ours shares with the hub.

Liveness (last_seen, pings from the hub's single timer), a bound on what a peer that stops
reading can make us buffer, JSON frames, and authentication with the public params either at
open (query string) or by a first {"type": "register"} frame, as the original clients do.
"""

import json
import logging
import time

from tornado.ioloop import IOLoop
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from handlers.base import ContextMixin
from models.accounts import PUBLIC_PARAMS, STATUS_DISABLED, verify_public_params
from models.errors import DISABLED, ApiError, parse_json

log = logging.getLogger("radar.ws")


class LiveSocket(ContextMixin, WebSocketHandler):
    room = None  # the hub room this socket joins once authenticated (None: no authentication)

    def initialize(self):
        now = time.monotonic()
        self.last_seen = now
        self.last_ping = now
        self.pending_bytes = 0
        self.account = None
        self.joined: list[tuple[str, object]] = []
        self.register_timer = None

    @property
    def hub(self):
        return self.ctx.hub

    def check_origin(self, origin: str) -> bool:
        # Mini-program and H5 pages connect from their own origins; the signed params authenticate.
        return True

    # ----- lifecycle ---------------------------------------------------------------------------
    async def get(self, *args, **kwargs):
        if self.request.headers.get("Upgrade", "").lower() != "websocket":
            raise ApiError(402, "请求方式异常: 这是WebSocket接口")
        await super().get(*args, **kwargs)

    async def open(self, *args, **kwargs):
        self.hub.connections.add(self)
        if not self.room:
            return
        if self.get_query_argument("rand_str", None):
            await self.authenticate(self.signed_params())
        elif self.account is None:
            # Whoever does not register soon is not a client of ours: do not hold their socket.
            self.register_timer = IOLoop.current().call_later(self.cfg.ws_register_timeout_s,
                                                              self.refuse, 404, "非法请求: 注册超时")

    async def authenticate(self, params: dict) -> None:
        collection = self.db.users if self.room == "user" else self.db.customers
        try:
            self.account = await verify_public_params(collection, params, self.cfg.auth_window_s,
                                                      check_status=self.room == "user")
        except ApiError as error:
            self.refuse(error.code, error.msg)
            return
        self.join(self.room, self.account["_id"])
        self.cancel_register_timer()
        self.send_frame({"code": 200, "msg": "注册成功", "data": await self.welcome()})

    async def welcome(self) -> dict:
        return {}

    def refuse(self, code: int, msg: str) -> None:
        """One error frame, then close."""
        self.send_frame({"code": code, "msg": msg})
        self.close(1008, "unauthorized")

    def join(self, room: str, key) -> None:
        if (room, key) not in self.joined:
            self.joined.append((room, key))
            self.hub.join(room, key, self)

    def cancel_register_timer(self) -> None:
        if self.register_timer is not None:
            IOLoop.current().remove_timeout(self.register_timer)
            self.register_timer = None

    def on_close(self):
        self.cancel_register_timer()
        for room, key in self.joined:
            self.hub.leave(room, key, self)
        self.hub.forget(self)

    # ----- inbound -----------------------------------------------------------------------------
    async def on_message(self, message):
        self.last_seen = time.monotonic()
        try:
            frame = parse_json("frame", message)
        except ApiError as error:
            self.send_frame({"code": error.code, "msg": error.msg})
            return
        if not isinstance(frame, dict):
            self.send_frame({"code": 301, "msg": "frame: 必须是JSON对象"})
            return
        kind = frame.get("type")
        if kind == "closed":
            self.close(1000, "closed by client")
            return
        if kind == "register" and self.room:
            if self.account is None:
                await self.authenticate({name: str(frame.get(name, "")) for name in PUBLIC_PARAMS})
            else:
                self.send_frame({"code": 200, "msg": "注册成功", "data": await self.welcome()})
            return
        if self.room and self.account is None:
            self.refuse(404, "非法请求")
            return
        if self.room and not await self.still_allowed():
            return
        try:
            await self.handle(kind, frame)
        except ApiError as error:
            self.send_frame({"code": error.code, "msg": error.msg})
        except Exception:
            log.exception("websocket frame failed")
            self.send_frame({"code": 500, "msg": "服务器内部错误"})

    async def still_allowed(self) -> bool:
        """Like every REST call, every frame acts as the account as it is now: deleted or disabled
        since the socket opened means refused and closed."""
        collection = self.db.users if self.room == "user" else self.db.customers
        account = await collection.find_one({"_id": self.account["_id"]})
        if account is None or account["token"] != self.account["token"]:
            self.refuse(404, "非法请求")
            return False
        if self.room == "user" and account["status"] == STATUS_DISABLED:
            self.refuse(*DISABLED)
            return False
        self.account = account
        return True

    async def handle(self, kind, frame: dict) -> None:
        raise ApiError(301, f"type: 不支持的类型 {kind}")

    def on_pong(self, data: bytes) -> None:
        self.last_seen = time.monotonic()

    def on_ping(self, data: bytes) -> None:
        self.last_seen = time.monotonic()

    # ----- outbound ----------------------------------------------------------------------------
    def send_frame(self, frame: dict) -> None:
        self.send_text(json.dumps(frame, ensure_ascii=False, separators=(",", ":")).encode())

    def send_text(self, payload: bytes) -> None:
        """Write a UTF-8 text frame unless the peer has stopped reading: past the buffer bound it is cut off."""
        if self.ws_connection is None or self.ws_connection.is_closing():
            return
        size = len(payload)
        if self.pending_bytes + size > self.cfg.ws_max_buffer_bytes:
            log.warning("closing a socket that stopped reading (%d bytes waiting)", self.pending_bytes)
            connection = self.ws_connection
            self.close(1008, "slow consumer")
            # It does not read, so it will not answer the close handshake either.
            connection.stream.close()
            return
        self.pending_bytes += size
        try:
            written = self.write_message(payload)
        except WebSocketClosedError:
            return
        written.add_done_callback(lambda future, size=size: self._written(future, size))

    def _written(self, future, size: int) -> None:
        self.pending_bytes -= size
        if not future.cancelled():
            future.exception()  # a closed peer is not an error worth logging

    def ping_peer(self, now: float) -> None:
        self.last_ping = now
        try:
            self.ping()
        except WebSocketClosedError:
            pass
