"""LiveSocket: what every WebSocket of ours shares with the hub.

Liveness (last_seen, pings from the hub's single timer), a bound on what a peer that stops
reading can make us buffer, JSON frames, and authentication with the public params either at
open (query string), by a first {"type": "register"} frame as the original clients do, or by a
first frame that carries them beside its message.

A socket that is not (yet) authenticated is anonymous: each address may hold only so many, and
the whole server only so many more (ANONYMOUS_SOCKETS_PER_ADDRESS, ANONYMOUS_SOCKETS_MAX).
"""

import asyncio
import logging
import time

from tornado.ioloop import IOLoop
from tornado.iostream import StreamClosedError
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from common.context import ContextMixin, error_answer, log_failure
from common.errors import DISABLED, ApiError, parse_json, too_many
from common.jsonio import to_json
from common.signatures import replay_key
from models import accounts, chats
from models.accounts import PUBLIC_PARAMS, STATUS_DISABLED
from websocket.hub import CUSTOMER, USER, text_frame

log = logging.getLogger("radar.ws")


class Registrations:
    """What a socket needs to sign in and be welcomed (its account, its unread count), fetched in
    batches by one worker. After a restart every client reconnects at once: a thousand sockets cost a
    few queries instead of two thousand, and at most one of those is ever ahead of live traffic at the
    database (REST calls and frames do not come this way)."""

    BATCH = 200  # an $in of about 500 is past the embedded database's expression depth
    FETCH = {("account", USER): lambda db, ids: accounts.load_many(db, USER, ids),
             ("account", CUSTOMER): lambda db, ids: accounts.load_many(db, CUSTOMER, ids),
             ("unread", USER): chats.unread_for_users,
             ("unread", CUSTOMER): chats.unread_for_customers}

    def __init__(self, db):
        self.db = db
        self.waiting: dict[tuple, dict] = {}  # (what, room) -> {id: [futures]}, oldest first
        self.worker = None

    async def account(self, db, room: str, account_id: int) -> dict | None:
        return accounts.cached(db, room, account_id) or await self._fetch(("account", room), account_id)

    async def unread(self, room: str, account_id: int) -> int:
        return await self._fetch(("unread", room), account_id)

    async def _fetch(self, what: tuple, key):
        future = asyncio.get_running_loop().create_future()
        self.waiting.setdefault(what, {}).setdefault(key, []).append(future)
        if self.worker is None:
            self.worker = asyncio.ensure_future(self._work())
        return await future

    async def _work(self) -> None:
        try:
            while self.waiting:
                what, keys = next(iter(self.waiting.items()))
                batch = {}
                while keys and len(batch) < self.BATCH:
                    key = next(iter(keys))
                    batch[key] = keys.pop(key)
                del self.waiting[what]
                if keys:  # the rest waits behind the other kinds
                    self.waiting[what] = keys
                try:
                    found = await self.FETCH[what](self.db, list(batch))
                except Exception as error:
                    for futures in batch.values():
                        for future in futures:
                            if not future.done():
                                future.set_exception(error)
                    continue
                for key, futures in batch.items():
                    for future in futures:
                        if not future.done():
                            future.set_result(found.get(key))
        finally:
            self.worker = None


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
        self.anonymous_address = None

    @property
    def hub(self):
        return self.ctx.hub

    def get_compression_options(self):
        # None: no permessage-deflate, so send_text may write whole frames to the stream itself.
        return None

    def check_origin(self, origin: str) -> bool:
        # Mini-program and H5 pages connect from their own origins; the signed params authenticate.
        return True

    # ----- lifecycle ---------------------------------------------------------------------------
    def get(self, *args, **kwargs):
        # Not a coroutine of its own: tornado awaits what it returns, and an open socket lives inside
        # that await, so every frame of the chain is kept for its whole life.
        if self.request.headers.get("Upgrade", "").lower() != "websocket":
            raise ApiError(402, "请求方式异常: 这是WebSocket接口")
        if not (self.room and self.get_query_argument("rand_str", None)):
            address = self.client_ip
            if not self.ctx.limits.anonymous_sockets.acquire(address):
                raise too_many("未登录的长连接过多,请稍后再试")
            self.anonymous_address = address
        return super().get(*args, **kwargs)

    def release_anonymous(self) -> None:
        if self.anonymous_address is not None:
            self.ctx.limits.anonymous_sockets.release(self.anonymous_address)
            self.anonymous_address = None

    async def open(self, *args, **kwargs):
        self.hub.connections.add(self)
        params = self.signed_params() if self.room and self.get_query_argument("rand_str", None) else None
        self.travel_light()
        if not self.room:
            return
        if params:
            await self.authenticate(params)
        elif self.account is None:
            # Whoever does not register soon is not a client of ours: do not hold their socket.
            self.register_timer = IOLoop.current().call_later(self.cfg.ws_register_timeout_s,
                                                              self.refuse, 404, "非法请求: 注册超时")

    def travel_light(self) -> None:
        """Forget what only the handshake needed: the request's headers and arguments, the HTTP
        connection objects, the answer's headers. Kept by 19,000 idle sockets they were near half of
        their memory. The path, the query string and the address stay (signatures and logs)."""
        request = self.request
        request.headers.clear()  # emptied, not replaced: tornado's handshake coroutine holds it for life
        request.arguments, request.query_arguments, request.body_arguments, request.files = {}, {}, {}, {}
        request.connection = request.server_connection = None
        self._headers.clear()
        self.ui = self._transforms = self.path_args = self.path_kwargs = None

    def signed_params(self, frame: dict | None = None) -> dict:
        if frame is None:
            return {name: self.get_query_argument(name, "") for name in PUBLIC_PARAMS}
        return {name: str(frame.get(name, "")) for name in PUBLIC_PARAMS}

    async def authenticate(self, params: dict, welcome: bool = True) -> bool:
        """Check the public params (a socket's signature is used once, like a write's)."""
        try:
            self.account = await accounts.verify_public_params(
                self.db, self.room, params, guard=self.ctx.signatures,
                replay_key=replay_key("WS", self.request.path, self.request.query, to_json(params)),
                check_status=self.room == "user", load=self.ctx.registrations.account)
        except ApiError as error:
            self.refuse(error.code, error.msg)
            return False
        self.release_anonymous()
        self.join(self.room, self.account["_id"])
        self.cancel_register_timer()
        if welcome:
            self.send_frame({"code": 200, "msg": "注册成功", "data": await self.welcome()})
        return True

    async def welcome(self) -> dict:
        return {"unread_msg_num": await self.ctx.registrations.unread(self.room, self.account["_id"])}

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
        self.release_anonymous()
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
                await self.authenticate(self.signed_params(frame))
            else:
                self.send_frame({"code": 200, "msg": "注册成功", "data": await self.welcome()})
            return
        if self.room and self.account is None:
            if not frame.get("rand_str"):
                self.refuse(404, "非法请求")
                return
            # The original clients sign every frame: the first one signs the socket in, then counts.
            if not await self.authenticate(self.signed_params(frame), welcome=False):
                return
        elif self.room and not await self.still_allowed():
            return
        elif self.room and not self.ctx.signatures.within_rate((self.room, self.account["_id"])):
            error = too_many()
            self.send_frame({"code": error.code, "msg": error.msg})
            return
        try:
            await self.handle(kind, frame)
        except Exception as error:  # every failure is answered on the socket, which stays open
            log_failure(f"frame on {self.request.path}", error, True)
            answer = error_answer(error)
            self.send_frame({"code": answer["code"], "msg": answer["msg"], **({"data": answer["data"]}
                                                                              if answer["data"] else {})})

    async def still_allowed(self) -> bool:
        """Like every REST call, every frame acts as the account as it is now: deleted, signed out by
        a password change or disabled since the socket opened means refused and closed."""
        account = await accounts.load(self.db, self.room, self.account["_id"])
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
        self.send_text(to_json(frame))

    def send_text(self, payload: bytes) -> None:
        """Write a UTF-8 text frame unless the peer has stopped reading: past the buffer bound it is cut off.

        The frame goes out as one write, not through write_message (a task per message). When nothing
        is queued on the stream the kernel gets it at once, without the stream's future and callbacks:
        at thousands of pushes a second those were most of a push's cost. Only what the kernel does
        not take is queued on the stream, and watched until it drains."""
        self.send_wire(text_frame(payload))

    def send_wire(self, frame: bytes) -> None:
        """send_text of a frame already built (text_frame): a push to many sockets builds it once."""
        connection = self.ws_connection
        if connection is None or connection.is_closing():
            return
        size = len(frame)
        if self.pending_bytes + size > self.cfg.ws_max_buffer_bytes:
            log.warning("closing a socket that stopped reading (%d bytes waiting)", self.pending_bytes)
            self.close(1008, "slow consumer")
            # It does not read, so it will not answer the close handshake either.
            connection.stream.close()
            return
        stream = connection.stream
        if not stream.writing():
            try:
                sent = stream.socket.send(frame)
            except OSError:  # would block, or the peer is gone: the stream's own write deals with it
                sent = 0
            if sent == len(frame):
                self.pending_bytes = 0
                return
            frame = frame[sent:]
        try:
            written = stream.write(frame)
        except StreamClosedError:
            return
        if written.done():  # writes drain in order: everything before this one has gone too
            self.pending_bytes = 0
        else:
            self.pending_bytes += size
            written.add_done_callback(lambda _future, size=size: self._drained(size))

    def _drained(self, size: int) -> None:
        self.pending_bytes = max(0, self.pending_bytes - size)

    def ping_peer(self, now: float) -> None:
        self.last_ping = now
        try:
            self.ping()
        except WebSocketClosedError:
            pass
