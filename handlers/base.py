"""BaseHandler: the envelope, authentication, body and argument parsing, and error mapping.

Handlers only parse, validate, call a model function and shape the answer.
"""

import functools
import inspect
import json
import logging
from datetime import date, datetime

from tornado import httputil, web

from models.accounts import PUBLIC_PARAMS, verify_public_params
from models.errors import ApiError, invalid, missing, parse_int, parse_json
from models.scope import require_admin
from models.times import iso

log = logging.getLogger("radar.http")


def to_json(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def _json_default(value):
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def envelope(code: int = 200, msg: str = "", data=None) -> dict:
    return {"code": code, "msg": msg, "data": {} if data is None else data}


class ContextMixin:
    """self.ctx (settings, database, hub, WeChat client) and the error envelope, for HTTP handlers
    and sockets alike."""

    def write_error(self, status_code: int, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, ApiError):
            answer = envelope(error.code, error.msg, error.data)
        elif status_code == 405:
            answer = envelope(402, "请求方式异常")
        elif status_code == 404:
            answer = envelope(404, "非法请求")
        elif status_code < 500:  # tornado refused the request itself (e.g. bad encoding)
            reason = getattr(error, "log_message", None) or httputil.responses.get(status_code, "")
            answer = envelope(301, f"request: {reason}")
        else:
            answer = envelope(500, "服务器内部错误")
        self.set_status(200)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(to_json(answer))

    def log_exception(self, typ, value, tb):
        if isinstance(value, ApiError):
            return  # an answer, not a failure
        super().log_exception(typ, value, tb)

    @property
    def ctx(self):
        return self.application.settings["ctx"]

    @property
    def db(self):
        return self.ctx.db

    @property
    def cfg(self):
        return self.ctx.cfg

    def signed_params(self) -> dict:
        """The public params of the query string."""
        return {name: self.get_query_argument(name, "") for name in PUBLIC_PARAMS}


@web.stream_request_body
class BaseHandler(ContextMixin, web.RequestHandler):
    """Routes are `<resource>` (read_index / write_index) and `<resource>/<oper>[/<o_id>]`
    (read_<oper> on GET, write_<oper> on POST). A method that exists only for the other
    verb answers 402; an unknown oper answers 404.
    """

    auth = "user"  # "user" (radar user), "customer", or None
    admin_only = False
    refuse_disabled = True  # a disabled radar user gets 306 before the handler runs

    def initialize(self):
        self._body_parts: list[bytes] = []
        self._body_size = 0
        self._body_args = None
        self.current = None

    # ----- request lifecycle -------------------------------------------------------------------
    def set_default_headers(self):
        # Front ends on other origins (the WeCom H5 app, the back office) call the API. Requests are
        # signed in the query string, never by cookies, so any origin may read the answers.
        self.set_header("Access-Control-Allow-Origin", "*")

    async def options(self, *args, **kwargs):
        """CORS preflight."""
        self.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.set_header("Access-Control-Allow-Headers", "Content-Type")
        self.set_header("Access-Control-Max-Age", "86400")
        self.set_status(204)
        self.finish()

    async def prepare(self):
        if self.request.method == "OPTIONS":
            return
        declared = self.request.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.cfg.max_body_bytes:
            raise self._too_large()
        if self.auth:
            collection = self.db.users if self.auth == "user" else self.db.customers
            self.current = await verify_public_params(collection, self.signed_params(), self.cfg.auth_window_s,
                                                      check_status=self.auth == "user" and self.refuse_disabled)
            if self.admin_only:
                require_admin(self.current)

    def data_received(self, chunk: bytes):
        self._body_size += len(chunk)
        if self._body_size <= self.cfg.max_body_bytes:
            self._body_parts.append(chunk)

    def _too_large(self) -> ApiError:
        return ApiError(303, f"body: 请求体过大,最大 {self.cfg.max_body_bytes} 字节")

    async def get(self, oper: str | None = None, o_id: str | None = None):
        await self._dispatch("read", oper, o_id)

    async def post(self, oper: str | None = None, o_id: str | None = None):
        await self._dispatch("write", oper, o_id)

    def _operation(self, verb: str, name: str):
        attribute = f"{verb}_{name}"
        # Tornado's own write_error & co. are not operations.
        return None if hasattr(web.RequestHandler, attribute) else getattr(self, attribute, None)

    async def _dispatch(self, verb: str, oper: str | None, o_id: str | None):
        name = oper or "index"
        method = self._operation(verb, name)
        if method is None:
            if self._operation("write" if verb == "read" else "read", name) is not None:
                raise ApiError(402, "请求方式异常")
            raise ApiError(404, "非法请求: 没有这个接口")
        if _takes_id(method):
            if o_id is None:
                raise ApiError(404, "非法请求: 缺少ID")
            await method(parse_int("id", o_id))
        else:
            await method()

    # ----- answers -----------------------------------------------------------------------------
    def reply(self, data=None, msg: str = "", code: int = 200):
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(to_json(envelope(code, msg, data)))


    # ----- arguments ---------------------------------------------------------------------------
    @property
    def raw_body(self) -> bytes:
        if self._body_size > self.cfg.max_body_bytes:
            raise self._too_large()
        return b"".join(self._body_parts)

    @property
    def body_args(self) -> dict:
        """The body as {name: value}: JSON values as sent, form values as lists of str."""
        if self._body_args is None:
            self._body_args = self._parse_body()
        return self._body_args

    def _parse_body(self) -> dict:
        body = self.raw_body
        if not body:
            return {}
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json"):
            parsed = parse_json("body", body)
            if not isinstance(parsed, dict):
                raise invalid("body", "必须是JSON对象")
            return parsed
        arguments: dict = {}
        files: dict = {}
        httputil.parse_body_arguments(content_type, body, arguments, files)
        for name, parts in files.items():
            arguments.setdefault(name, []).extend(part.body for part in parts)
        return {name: [self._text(name, v) for v in values] for name, values in arguments.items()}

    @staticmethod
    def _text(name: str, value) -> str:
        if isinstance(value, str):
            return value
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid(name, "不是合法的UTF-8文本") from None

    def _json_body(self) -> bool:
        return self.request.headers.get("Content-Type", "").startswith("application/json")

    def raw(self, name: str, body_only: bool = False):
        """The last value sent for name (body first, then query string unless body_only), or None."""
        if name in self.body_args:
            value = self.body_args[name]
            if self._json_body():
                return value
            return value[-1] if value else None
        values = None if body_only else self.request.query_arguments.get(name)
        return self._text(name, values[-1]) if values else None

    def raw_list(self, name: str):
        """A list field sent as a JSON string, a JSON array, or repeated form keys (also name[])."""
        values = None
        for key in (name, f"{name}[]"):
            if key in self.body_args:
                values = self.body_args[key]
                if self._json_body() and not isinstance(values, str):
                    return values if isinstance(values, list) else [values]
                values = [values] if isinstance(values, str) else values
                break
        else:
            for key in (name, f"{name}[]"):
                if key in self.request.query_arguments:
                    values = [self._text(name, v) for v in self.request.query_arguments[key]]
                    break
        if values is None:
            return None
        if len(values) == 1 and values[0].strip().startswith("["):
            return parse_json(name, values[0], "不是合法的JSON数组")
        return [v for v in values if v.strip() != ""]

    def arg_str(self, name: str, *, required: bool = False, default=None, max_len: int = 255, strip: bool = True,
                body_only: bool = False):
        value = self.raw(name, body_only)
        if value is None or (isinstance(value, str) and value.strip() == ""):
            if required:
                raise missing(name)
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise invalid(name, "必须是字符串")
        value = value.strip() if strip else value
        if len(value) > max_len:
            raise invalid(name, f"长度不能超过{max_len}个字符")
        return value

    def arg_int(self, name: str, *, required: bool = False, default=None, min_value=None, max_value=None,
                choices=None):
        value = self.raw(name)
        if value is None or value == "":
            if required:
                raise missing(name)
            return default
        number = parse_int(name, value)
        if choices is not None and number not in choices:
            raise invalid(name, f"只能是{'|'.join(str(c) for c in choices)}")
        if min_value is not None and number < min_value:
            raise invalid(name, f"不能小于{min_value}")
        if max_value is not None and number > max_value:
            raise invalid(name, f"不能大于{max_value}")
        return number

    def arg_bool(self, name: str, *, required: bool = False, default=None):
        value = self.raw(name)
        if value is None or value == "":
            if required:
                raise missing(name)
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise invalid(name, "必须是 true 或 false")

    def arg_date(self, name: str, *, required: bool = False, default=None) -> date | None:
        value = self.arg_str(name, required=required, max_len=32)
        if value is None:
            return default
        try:
            return date.fromisoformat(value[:10]) if len(value) >= 10 else _loose_date(value)
        except ValueError:
            raise invalid(name, "日期格式应为 YYYY-MM-DD") from None

    def arg_int_list(self, name: str, *, required: bool = False, max_items: int = 500) -> list[int] | None:
        values = self.raw_list(name)
        if values is None or values == []:
            if required:
                raise missing(name)
            return None if values is None else []
        if not isinstance(values, list):
            values = [values]
        if len(values) > max_items:
            raise invalid(name, f"最多{max_items}项")
        return list(dict.fromkeys(parse_int(name, v) for v in values))

    def arg_json(self, name: str, *, required: bool = False):
        """A structured field: a JSON string in a form, or an object/array in a JSON body."""
        value = self.raw(name)
        if value is None or value == "":
            if required:
                raise missing(name)
            return None
        return parse_json(name, value) if isinstance(value, str) else value

    def page(self, default_length: int = 20) -> tuple[int, int]:
        """(skip, limit) from current_page (from 1) and length (0 = everything)."""
        current = self.arg_int("current_page", default=1, min_value=1, max_value=1_000_000)
        length = self.arg_int("length", default=default_length, min_value=0, max_value=1000)
        return (current - 1) * length, length


@functools.cache
def _wants_id(function) -> bool:
    return len(inspect.signature(function).parameters) > 1


def _takes_id(method) -> bool:
    return _wants_id(method.__func__)


def _loose_date(value: str) -> date:
    """Dates like 2018-06-1 (the seed's own example)."""
    year, month, day_ = (int(part) for part in value.split("-"))
    return date(year, month, day_)


class AdminHandler(BaseHandler):
    admin_only = True


class NotFoundHandler(BaseHandler):
    auth = None

    async def prepare(self):
        raise ApiError(404, "非法请求: 没有这个接口")
