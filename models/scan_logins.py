"""Scan-code web login codes: created for a login page, confirmed by a radar user's phone, used once.

waiting -> confirmed (a radar user scanned) -> used (the page got its session); or waiting -> failed.
Every transition is one atomic update; a code is only valid until expires_at, and the row (with
its QR image) is deleted by a TTL index soon after.

A code belongs to the page that asked for it: the answer carries an auth_secret besides the code
(the QR shows only the code). The first socket to ask about a code claims it; later, only that
socket, or one that shows the secret, may.
"""

import secrets
import uuid
from datetime import timedelta

from pymongo import ReturnDocument

from common.times import utcnow

WAITING, CONFIRMED, FAILED, USED = "waiting", "confirmed", "failed", "used"
STATE_PREFIX = "scan"


async def create(db, ttl_s: float, company_id: int | None, requester: dict) -> dict:
    """requester: {"address", "user_agent"} of the page, shown to whoever confirms."""
    now = utcnow()
    entry = {"_id": str(uuid.uuid4()), "secret": secrets.token_urlsafe(16), "claimed_by": None, "status": WAITING,
             "company_id": company_id, "user_id": None, "requester": requester, "qr_png": None,
             "create_date": now, "expires_at": now + timedelta(seconds=ttl_s)}
    await db.scan_logins.insert_one(entry)
    return entry


async def set_qr_image(db, auth_code: str, png: bytes) -> None:
    await db.scan_logins.update_one({"_id": auth_code}, {"$set": {"qr_png": png}})


async def qr_image(db, auth_code: str) -> bytes | None:
    entry = await db.scan_logins.find_one(_valid(auth_code), {"qr_png": 1})
    return bytes(entry["qr_png"]) if entry and entry.get("qr_png") else None


def oauth_state(auth_code: str) -> str:
    """WeCom's state allows only [a-zA-Z0-9]."""
    return STATE_PREFIX + uuid.UUID(auth_code).hex


def from_oauth_state(state: str | None) -> str | None:
    if not state or not state.startswith(STATE_PREFIX):
        return None
    try:
        return str(uuid.UUID(hex=state[len(STATE_PREFIX):]))
    except ValueError:
        return None


def _valid(auth_code: str, status: str | None = None) -> dict:
    query = {"_id": auth_code, "expires_at": {"$gt": utcnow()}}
    if status:
        query["status"] = status
    return query


async def find(db, auth_code: str) -> dict | None:
    """The code if it exists and has not expired."""
    return await db.scan_logins.find_one(_valid(auth_code), {"qr_png": 0})


async def claim(db, auth_code: str, socket_id: str, secret: str) -> dict | None:
    """The code for this socket, which now holds it; None when another socket does (and no secret)."""
    holders = [{"claimed_by": None}, {"claimed_by": socket_id}]
    if secret:
        holders.append({"secret": secret})
    return await db.scan_logins.find_one_and_update(
        {**_valid(auth_code), "$or": holders}, {"$set": {"claimed_by": socket_id}},
        projection={"qr_png": 0}, return_document=ReturnDocument.AFTER)


async def _move(db, auth_code: str, before: str, after: dict) -> dict | None:
    return await db.scan_logins.find_one_and_update(_valid(auth_code, before), {"$set": after},
                                                    projection={"qr_png": 0}, return_document=ReturnDocument.AFTER)


async def confirm(db, auth_code: str, user_id: int) -> dict | None:
    return await _move(db, auth_code, WAITING, {"status": CONFIRMED, "user_id": user_id})


async def fail(db, auth_code: str) -> dict | None:
    return await _move(db, auth_code, WAITING, {"status": FAILED})


async def use(db, auth_code: str) -> dict | None:
    return await _move(db, auth_code, CONFIRMED, {"status": USED})
