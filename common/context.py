"""The application context (settings, database, hub, WeChat client, guards) and what HTTP
handlers and sockets share about it: self.ctx, the client's address and the error envelope."""

import dataclasses
import logging
from contextvars import ContextVar

from pymongo.errors import ConnectionFailure
from tornado import httputil

from common.errors import DATABASE_DOWN, ApiError
from common.jsonio import envelope, to_json
from common.logs import request_summary
from common.net import client_address
from common.times import use_clock

log = logging.getLogger("radar.http")


@dataclasses.dataclass
class Context:
    """Everything a handler or socket reaches through self.ctx."""

    cfg: object
    db: object
    db_kind: str  # "mongodb" | "embedded"
    hub: object
    wechat: object
    signatures: object  # common.signatures.SignatureGuard
    limits: object  # named rate limiters and gauges (common.ratelimit.Limits)
    repeats: object  # common.ratelimit.RepeatWindow: customers' repeats within REPEAT_WINDOW_S count once
    first_run: object  # models.first_run.FirstRun: the one-time setup link of an empty installation
    registrations: object  # websocket.live.Registrations: what connecting sockets need, fetched in batches
    # What the models keep between requests; they reach it through current().
    accounts: object  # models.accounts.AccountCache: radar users, customers, companies and roles by id
    ids: object  # models.db.IdBlocks: the blocks of integer ids this process has reserved
    wechat_tokens: dict  # models.wechat_tokens: access tokens and JS-SDK tickets, in memory too
    clock: object  # common.times.Clock: TIME_ZONE and the clock that stamps what happens
    metrics: object  # common.metrics.Metrics: this application's registry
    stats_pushes: object = None  # events.StatsPushes: the Boss radar's live refresh, throttled per company
    rollups: object = None  # models.db.GroupCommit (stats.rollup_writes): concurrent rollup changes written together
    inserts: dict = dataclasses.field(default_factory=dict)  # collection -> models.db.GroupCommit (insert_together)
    reminders: object = None  # events.FollowReminders: follow_due pushes when a next-contact time comes


_application: ContextVar[Context | None] = ContextVar("application", default=None)


def activate(ctx: Context) -> None:
    """ctx is the running application for everything started from here on: its requests, sockets and
    timers (each task starts with a copy of the context it was made in)."""
    _application.set(ctx)
    use_clock(ctx.clock)


def current() -> Context | None:
    """The running application (models reach its caches here, so their signatures carry none); None
    outside one (start-up, scripts), where models keep nothing between calls."""
    return _application.get()


def error_answer(error, status_code: int = 500) -> dict:
    """The envelope for an exception: our own ApiError as raised, the database being away as 503,
    Tornado's refusals as 402/404/301, anything else as a bare 500."""
    if isinstance(error, ApiError):
        return envelope(error.code, error.msg, error.data)
    if isinstance(error, ConnectionFailure):
        return envelope(*DATABASE_DOWN)
    if status_code == 405:
        return envelope(402, "请求方式异常")
    if status_code == 404:
        return envelope(404, "非法请求")
    if status_code < 500:  # tornado refused the request itself (e.g. bad encoding, a broken form)
        reason = getattr(error, "log_message", None) or httputil.responses.get(status_code, "")
        if reason.startswith("Invalid body: "):
            return envelope(301, f"body: 无法解析的表单 ({reason.removeprefix('Invalid body: ')})")
        return envelope(301, f"request: {reason}")
    return envelope(500, "服务器内部错误")


def log_failure(summary: str, error: BaseException, exc_info) -> None:
    """ApiErrors are answers, not failures; a database that is away is one line, not a traceback."""
    if isinstance(error, ApiError):
        return
    if isinstance(error, ConnectionFailure):
        log.warning("database unavailable during %s: %s", summary, type(error).__name__)
        return
    log.error("uncaught exception in %s", summary, exc_info=exc_info)


class ContextMixin:
    """For tornado RequestHandlers and WebSocketHandlers alike."""

    log_account = None  # "user 7" / "customer 3" once authenticated, for the access log
    answer_code = None  # the envelope's code once answered (the metrics count answers by it)

    def set_default_headers(self):
        # No answer of ours is ever to be sniffed into another type (a JSON body as HTML, say).
        self.set_header("X-Content-Type-Options", "nosniff")

    @property
    def ctx(self) -> Context:
        return self.application.settings["ctx"]

    @property
    def db(self):
        return self.ctx.db

    @property
    def cfg(self):
        return self.ctx.cfg

    @property
    def client_ip(self) -> str:
        return client_address(self.request.remote_ip, self.request.headers, self.cfg.trusted_networks)

    def _request_summary(self) -> str:
        return request_summary(self.request)

    def write_error(self, status_code: int, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        answer = error_answer(error, status_code)
        self.answer_code = answer["code"]
        self.set_status(200)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(to_json(answer))

    def log_exception(self, typ, value, tb):
        log_failure(self._request_summary(), value, (typ, value, tb))
