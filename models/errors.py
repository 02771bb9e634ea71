"""The API's error vocabulary (the seed's code table), raised by models and handlers alike,
and the parsers of client values that answer in it."""

import json


class ApiError(Exception):
    def __init__(self, code: int, msg: str, data=None):
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.data = {} if data is None else data


def invalid(field: str, reason: str) -> ApiError:
    """301 数据类型验证失败, naming the field."""
    return ApiError(301, f"{field}: {reason}")


INT64 = 2**63


def parse_json(name: str, text, reason: str = "不是合法的JSON"):
    """JSON from a client, or 301 naming the field (also for nesting too deep to parse)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise invalid(name, reason) from None


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


def missing(field: str) -> ApiError:
    """303 form 验证错误: a required field is missing or empty."""
    return ApiError(303, f"{field}: 不能为空")


def not_found(what: str) -> ApiError:
    """302 对应ID不存在. Another company's id answers exactly like a missing one."""
    return ApiError(302, f"{what}不存在")


def exists(field: str, what: str) -> ApiError:
    """300 名称已存在."""
    return ApiError(300, f"{field}: {what}已存在")


def has_children(msg: str = "含有子级数据,请先删除或转移子级数据") -> ApiError:
    return ApiError(304, msg)


NOT_AUTHENTICATED = 404, "非法请求"
FORBIDDEN = 404, "非法请求: 没有权限"
DISABLED = 306, "账户未启用"


def forbidden() -> ApiError:
    return ApiError(*FORBIDDEN)


def not_authenticated() -> ApiError:
    return ApiError(*NOT_AUTHENTICATED)


def disabled() -> ApiError:
    return ApiError(*DISABLED)
