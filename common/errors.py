"""The API's error vocabulary (the seed's code table), raised by models and handlers alike,
and the parsers of client values that answer in it."""

import json


class ApiError(Exception):
    def __init__(self, code: int, msg: str, data=None):
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.data = {} if data is None else data


class CommandError(Exception):
    """A CLI command (server.py) cannot do what was asked: one line for the operator, no traceback."""


def invalid(field: str, reason: str) -> ApiError:
    """301 数据类型验证失败, naming the field."""
    return ApiError(301, f"{field}: {reason}")


INT64 = 2**63


def clean_text(value, name: str):
    """value itself when every string in it can be stored as UTF-8 (a lone surrogate such as \\ud800,
    which JSON can carry, cannot); else 301 naming the field."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise invalid(name, "含有无法保存的Unicode字符") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return value


def parse_json(name: str, text, reason: str = "不是合法的JSON"):
    """JSON from a client, or 301 naming the field (also for nesting too deep to parse)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise invalid(name, reason) from None
    return clean_text(value, name)


def parse_int(name: str, value) -> int:
    """An integer sent as a number or digits, within the database's int64; else 301 naming the field."""
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdecimal() and len(value.strip()) <= 20:
        number = int(value.strip())
    if number is None or not -INT64 < number < INT64:
        raise invalid(name, "必须是整数")
    return number


def check_url(name: str, value: str | None) -> str | None:
    """A link we will show to someone else: an absolute http(s) URL, or a path of our own files
    (statics/...). Anything else (javascript:, data:, //host) is 301."""
    if value is None:
        return None
    lowered = value.strip().lower()
    if not (lowered.startswith(("http://", "https://")) or value.startswith("statics/")) or any(
            c.isspace() or ord(c) < 32 for c in value) or "\\" in value:
        raise invalid(name, "只能是 http(s) 链接或本站 statics/ 路径")
    return value


def missing(field: str) -> ApiError:
    """303 form 验证错误: a required field is missing or empty."""
    return ApiError(303, f"{field}: 不能为空")


def not_found(what: str) -> ApiError:
    """302 对应ID不存在. Another company's id answers exactly like a missing one."""
    return ApiError(302, f"{what}不存在")


def not_allowed(what: str) -> ApiError:
    """302: the resource is in the caller's company, but theirs to see, not to change.

    (A role that may not use a route at all gets 404, as for an unknown route.)"""
    return ApiError(302, f"没有权限{what}")


def exists(field: str, what: str) -> ApiError:
    """300 名称已存在."""
    return ApiError(300, f"{field}: {what}已存在")


def has_children(msg: str = "含有子级数据,请先删除或转移子级数据") -> ApiError:
    return ApiError(304, msg)


def too_many(msg: str = "请求过于频繁,请稍后再试") -> ApiError:
    """429: a rate limit; nothing was done."""
    return ApiError(429, msg)


NOT_AUTHENTICATED = 404, "非法请求"
FORBIDDEN = 404, "非法请求: 没有权限"
DISABLED = 306, "账户未启用"
DATABASE_DOWN = 503, "数据库暂时不可用,请稍后再试"


def forbidden() -> ApiError:
    return ApiError(*FORBIDDEN)


def not_authenticated() -> ApiError:
    return ApiError(*NOT_AUTHENTICATED)


def disabled() -> ApiError:
    return ApiError(*DISABLED)
