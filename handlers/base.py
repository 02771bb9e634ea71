"""BaseHandler: operations, the envelope, authentication, body and argument parsing, error mapping.

A handler declares each operation where it is defined, with the URL tail it answers:

    class CustomerHandler(BaseHandler):
        @get()                                # GET  /customer
        @post("update_information/<customer_id>")  # POST /customer/update_information/<id>
        @post("add/0")                        # an id segment is required (clients send 0) and ignored
        @get("time", auth="customer")         # auth: "user" (default), "admin", "boss", "any-user"
                                              # (a disabled radar user too), "customer" or None

A known operation called with the other verb answers 402, an unknown one 404. Handlers only
parse, validate, call a model or event function and shape the answer.
"""

import asyncio
import dataclasses
import re
from datetime import date

from tornado import httputil, web

from common.context import ContextMixin
from common.errors import ApiError, clean_text, invalid, missing, parse_int, parse_json
from common.jsonio import envelope, to_json
from common.signatures import replay_key
from models import accounts, uploads, users
from models.scope import require_admin, require_boss

# Bodies at most this large are parsed on the IOLoop; larger ones in a worker thread.
PARSE_INLINE_BYTES = 64 * 1024
MAX_PAGE = 1000  # the longest page any list answers
# Routes that never need more than a few KB (password login, WeCom callbacks).
SMALL_BODY_BYTES = 16 * 1024
AUTH_KINDS = ("user", "admin", "boss", "any-user", "customer", None)
_DEFAULT = object()


@dataclasses.dataclass(frozen=True)
class Operation:
    verb: str  # GET | POST
    name: str  # the <oper> of the URL; "" for the resource itself
    id_field: str | None  # the id's name when the URL ends in /<name> (passed to the method)
    placeholder_id: bool  # the URL ends in /0: required by the seed's URLs, ignored
    auth: object  # one of AUTH_KINDS, or _DEFAULT for the handler's own
    body: str  # "form" | "small" | "upload": which body limit applies
    writes: bool  # its signature is single-use (every POST; a GET the seed documents for a change)
    function_name: str


def _operation(verb: str, tail: str, auth, body: str, writes: bool):
    if auth is not _DEFAULT and auth not in AUTH_KINDS:
        raise ValueError(f"auth must be one of {AUTH_KINDS}")
    match = re.fullmatch(r"(?:(?P<name>[A-Za-z_]\w*))?(?:/?(?:(?P<zero>0)|<(?P<id>\w+)>))?", tail)
    if match is None:
        raise ValueError(f"operation {tail!r}: expected 'name', 'name/0', 'name/<id>' or '<id>'")

    def mark(function):
        marks = getattr(function, "operations", [])
        function.operations = [*marks, Operation(verb, match["name"] or "", match["id"], bool(match["zero"]), auth,
                                                 body, writes, function.__name__)]
        return function
    return mark


def get(tail: str = "", *, auth=_DEFAULT, body: str = "form", writes: bool = False):
    """writes=True for the few GETs the seed documents for a change (its signature is then single-use)."""
    return _operation("GET", tail, auth, body, writes)


def post(tail: str = "", *, auth=_DEFAULT, body: str = "form"):
    return _operation("POST", tail, auth, body, True)


def body_limit(cfg, kind: str) -> int:
    if kind == "upload":  # one chunk: base64 text is 4/3 of its bytes, plus the other fields
        return cfg.upload_max_bytes * 4 // 3 + 64 * 1024
    if kind == "small":
        return SMALL_BODY_BYTES
    return cfg.max_body_bytes


class BaseHandler(ContextMixin, web.RequestHandler):
    auth = "user"  # the default of this handler's operations
    operations: dict = {}  # (verb, name) -> Operation, collected from the decorators

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        table = {}
        for klass in reversed(cls.__mro__):
            for attribute in vars(klass).values():
                for operation in getattr(attribute, "operations", ()):
                    table[(operation.verb, operation.name)] = operation
        cls.operations = table

    @classmethod
    def operation_for(cls, verb: str, name: str) -> Operation | None:
        return cls.operations.get((verb, name))

    @classmethod
    def body_limit_for(cls, cfg, method: str, path_kwargs: dict) -> int:
        """The body limit of the operation a request names (the application checks it before reading)."""
        name = path_kwargs.get("oper") or b""
        operation = cls.operation_for(method, name.decode("latin1") if isinstance(name, bytes) else name)
        return body_limit(cfg, operation.body if operation else "form")

    def initialize(self):
        self.current = None
        self.operation = None
        self.operation_args = ()
        self._body_args = None
        self._chunks: list[bytes] = []
        self._received = 0

    # ----- request lifecycle -------------------------------------------------------------------
    def set_default_headers(self):
        super().set_default_headers()
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
        """Find the operation, check the caller, parse the body. The body has been read by now,
        so an early answer here leaves the connection open for the client's next request.
        (A streaming handler does all this once its body is in: see get/post.)"""
        if self.request.method == "OPTIONS" or self.streams:
            return
        await self.begin()

    async def begin(self):
        method = self.request.method
        if method not in ("GET", "POST"):
            raise ApiError(402, "请求方式异常")
        name = self.path_kwargs.get("oper") or ""
        self.operation = self.operation_for(method, name)
        if self.operation is None:
            if self.operation_for("POST" if method == "GET" else "GET", name) is not None:
                raise ApiError(402, "请求方式异常")
            raise ApiError(404, "非法请求: 没有这个接口")
        o_id = self.path_kwargs.get("o_id")
        if (self.operation.id_field or self.operation.placeholder_id) and o_id is None:
            raise ApiError(404, "非法请求: 缺少ID")
        if self.operation.id_field:
            self.operation_args = (parse_int(self.operation.id_field, o_id),)
        await self.authenticate(self.auth if self.operation.auth is _DEFAULT else self.operation.auth,
                                write=self.operation.writes)
        if self.body_size > PARSE_INLINE_BYTES and (self.streams or self._json_body()):
            self._body_args = await asyncio.get_running_loop().run_in_executor(None, self._parse_body)

    async def authenticate(self, kind, write: bool) -> None:
        if kind is None:
            return
        room = "customer" if kind == "customer" else "user"
        self.current = await accounts.verify_public_params(
            self.db, room, self.signed_params(), guard=self.ctx.signatures,
            replay_key=await self.replay_key() if write else None, check_status=kind not in ("any-user", "customer"))
        self.log_account = f"{room} {self.current['_id']}"
        if kind == "admin":
            require_admin(self.current)
        elif kind == "boss":
            require_boss(self.current)

    async def replay_key(self) -> bytes:
        """A write's replay key: its method, path, query and body (hashed in a worker when large)."""
        request = self.request
        if self.body_size > PARSE_INLINE_BYTES:  # joining a streamed body is a copy: there too
            return await asyncio.get_running_loop().run_in_executor(
                None, lambda: replay_key(request.method, request.path, request.query, self.body))
        return replay_key(request.method, request.path, request.query, self.body)

    async def get(self, *args, **kwargs):
        await self.run_operation()

    async def post(self, *args, **kwargs):
        await self.run_operation()

    async def run_operation(self):
        if self.streams:
            await self.begin()
        await getattr(self, self.operation.function_name)(*self.operation_args)

    # ----- streaming (uploads) -----------------------------------------------------------------
    streams = False  # set by StreamingHandler

    def data_received(self, chunk: bytes):
        self._chunks.append(chunk)
        self._received += len(chunk)

    @property
    def body_size(self) -> int:
        return self._received if self.streams else len(self.request.body)

    @property
    def body(self) -> bytes:
        if self.streams:
            if len(self._chunks) != 1:
                self._chunks[:] = [b"".join(self._chunks)]
            return self._chunks[0]
        return self.request.body

    # ----- answers -----------------------------------------------------------------------------
    def reply(self, data=None, msg: str = "", code: int = 200):
        self.answer_code = code
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(to_json(envelope(code, msg, data)))

    # ----- arguments ---------------------------------------------------------------------------
    def signed_params(self) -> dict:
        """The public params of the query string."""
        return {name: self.get_query_argument(name, "") for name in accounts.PUBLIC_PARAMS}

    @property
    def body_args(self) -> dict:
        """The body as {name: value}: JSON values as sent, form values as lists of str."""
        if self._body_args is None:
            self._body_args = self._parse_body()
        return self._body_args

    def _parse_body(self) -> dict:
        body = self.body
        if not body:
            return {}
        if self._json_body():
            parsed = parse_json("body", body)
            if not isinstance(parsed, dict):
                raise invalid("body", "必须是JSON对象")
            return parsed
        if self.streams:
            arguments: dict = {}
            files: dict = {}
            try:
                httputil.parse_body_arguments(self.request.headers.get("Content-Type", ""), body, arguments, files)
            except httputil.HTTPInputError as error:
                raise invalid("body", f"无法解析的表单 ({error})") from None
        else:  # Tornado has parsed forms already
            arguments, files = dict(self.request.body_arguments), self.request.files
        for name, parts in files.items():
            arguments[name] = [*arguments.get(name, []), *(part.body for part in parts)]
        return {name: [self._text(name, v) for v in values] for name, values in arguments.items()}

    @staticmethod
    def _text(name: str, value) -> str:
        if isinstance(value, str):
            return clean_text(value, name)
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

    def sent(self, name: str) -> bool:
        """Whether the client sent the field at all (even empty): a missing list is not an empty one."""
        return any(key in self.body_args or key in self.request.query_arguments for key in (name, f"{name}[]"))

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
            parsed = date.fromisoformat(value[:10]) if len(value) >= 10 else _loose_date(value)
        except ValueError:
            raise invalid(name, "日期格式应为 YYYY-MM-DD") from None
        if not MIN_DATE <= parsed <= MAX_DATE:
            raise invalid(name, f"日期应在 {MIN_DATE} 到 {MAX_DATE} 之间")
        return parsed

    def arg_int_list(self, name: str, *, required: bool = False, max_items: int = 500) -> list[int] | None:
        """None when the field was not sent (nothing changes); [] when sent empty (it clears)."""
        values = self.raw_list(name)
        if values is None:
            if required:
                raise missing(name)
            return None
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
        """(skip, limit) from current_page (from 1) and length (at most MAX_PAGE; 0, which once meant
        everything, gets the default page: no list is ever answered whole)."""
        current = self.arg_int("current_page", default=1, min_value=1, max_value=1_000_000)
        length = self.arg_int("length", default=default_length, min_value=0, max_value=MAX_PAGE) or default_length
        return (current - 1) * length, length


# Days a date field may name: far enough for any birthday or deal, near enough that a day
# either side still exists (0001-01-01 and 9999-12-31 do not have both).
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2999, 12, 31)


def _loose_date(value: str) -> date:
    """Dates like 2018-06-1 (the seed's own example)."""
    year, month, day_ = (int(part) for part in value.split("-"))
    return date(year, month, day_)


class CustomerBase(BaseHandler):
    """Customer-side routes: the caller is a customer (user_id = customer id) visiting radar user u_id."""

    auth = "customer"

    async def radar_user(self, field: str = "u_id") -> dict:
        """The card holder named by field, in the customer's company: an enabled radar user."""
        return await users.card_holder(self.db, self.arg_int(field, required=True), self.current["company_id"],
                                       field)

    def source(self) -> int:
        return self.arg_int("source", default=1, choices=(1, 2, 3, 4))


@web.stream_request_body
class StreamingHandler(BaseHandler):
    """For upload routes: Tornado would parse a large form body on the IOLoop; this handler takes
    the body as it comes and parses it in a worker thread. Nothing is answered before the body is
    in (an early answer would drop the connection), so the operation is found and the caller
    checked once it has arrived."""

    streams = True


class ChunkMixin:
    """Chunked image uploads (img_upload/img_merge and the product picture routes): one chunk per
    call, then a merge. The upload's own `timestamp` (its id) is read from the body: the query
    string carries the signature's timestamp."""

    def upload_id(self) -> dict:
        return {"timestamp": self.arg_str("timestamp", required=True, max_len=64, body_only=True),
                "img_name": self.arg_str("img_name", required=True, max_len=255)}

    async def store_chunk(self):
        await uploads.store_chunk(self.cfg, self.current["_id"], chunk=self.arg_int("chunk", required=True,
                                                                                     min_value=0),
                                  img_data=self.arg_str("img_data", required=True,
                                                        max_len=body_limit(self.cfg, "upload")),
                                  **self.upload_id())
        self.reply(msg="上传成功")

    async def merge_into(self, folder: str) -> dict:
        """{"path", "size"} of the merged image, counted against the uploader's quota."""
        chunk_num = self.arg_int("chunk_num", required=True)
        return await uploads.merge(self.db, self.cfg, self.current, chunk_num=chunk_num, folder=folder,
                                   **self.upload_id())


class NotFoundHandler(BaseHandler):
    auth = None

    async def prepare(self):
        raise ApiError(404, "非法请求: 没有这个接口")

