"""The JS-SDK signature (official accounts and WeCom share the algorithm)."""

import hashlib
import secrets
import string
import time


def signature(jsapi_ticket: str, noncestr: str, timestamp: int | str, url: str) -> str:
    """sha1 of the fields sorted by name, joined raw (no URL-encoding); the url loses its #fragment."""
    url = url.split("#", 1)[0]
    text = f"jsapi_ticket={jsapi_ticket}&noncestr={noncestr}&timestamp={timestamp}&url={url}"
    return hashlib.sha1(text.encode()).hexdigest()


def nonce(length: int = 16) -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(length))


def sign_page(jsapi_ticket: str, url: str) -> dict:
    """What wx.config needs for url: signature, timestamp (s) and nonceStr."""
    timestamp = int(time.time())
    noncestr = nonce()
    return {"signature": signature(jsapi_ticket, noncestr, timestamp, url), "timestamp": timestamp,
            "nonceStr": noncestr}
