"""JSON as the API writes it: compact, UTF-8, local times in the original's format."""

import json
from datetime import date, datetime

from common.times import iso


def _default(value):
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# One encoder for every answer and push: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_default, separators=(",", ":"))


def to_json(payload) -> str:
    return _ENCODER.encode(payload)


def envelope(code: int = 200, msg: str = "", data=None) -> dict:
    """Every answer, HTTP or WebSocket: {"code", "msg", "data"}."""
    return {"code": code, "msg": msg, "data": {} if data is None else data}
