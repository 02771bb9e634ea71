"""Passwords, tokens and the public-parameter signature (rand_str = md5(timestamp + token))."""

import asyncio
import hashlib
import hmac
import secrets
import time

from models.errors import disabled, not_authenticated

SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
STATUS_ENABLED, STATUS_DISABLED = 1, 2
STATUS_TEXT = {STATUS_ENABLED: "启用", STATUS_DISABLED: "未启用"}
DEFAULT_AVATAR = "statics/imgs/setAvator.jpg"
PUBLIC_PARAMS = ("rand_str", "timestamp", "user_id")


def new_token() -> str:
    return secrets.token_hex(16)


def _scrypt(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, maxmem=64 * 1024 * 1024, **SCRYPT)


async def hash_password(password: str) -> str:
    """scrypt with a per-user salt, computed off the IOLoop (it costs ~50 ms of CPU)."""
    salt = secrets.token_bytes(16)
    digest = await asyncio.get_running_loop().run_in_executor(None, _scrypt, password, salt)
    return f"scrypt${salt.hex()}${digest.hex()}"


async def check_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt, digest = stored.split("$")
    actual = await asyncio.get_running_loop().run_in_executor(None, _scrypt, password, bytes.fromhex(salt))
    return hmac.compare_digest(actual.hex(), digest)


def sign(timestamp: str, token: str) -> str:
    return hashlib.md5((timestamp + token).encode()).hexdigest()


async def verify_public_params(collection, params: dict, window_s: int, check_status: bool) -> dict:
    """The account named by user_id if rand_str == md5(timestamp + its token), fresh within window_s.

    Any failure answers the same 404 so a caller cannot tell which part was wrong.
    """
    rand_str = params.get("rand_str") or ""
    timestamp = params.get("timestamp") or ""
    try:
        account_id = int(params.get("user_id") or "")
        sent_ms = int(timestamp)
    except ValueError:
        raise not_authenticated() from None
    if not 0 < account_id < 2**63:  # ids are int64 in the database
        raise not_authenticated()
    if abs(time.time() * 1000 - sent_ms) > window_s * 1000:
        raise not_authenticated()
    account = await collection.find_one({"_id": account_id})
    if not account or not account.get("token"):
        raise not_authenticated()
    if not hmac.compare_digest(sign(timestamp, account["token"]), rand_str.lower()):
        raise not_authenticated()
    if check_status and account.get("status") == STATUS_DISABLED:
        raise disabled()
    return account
