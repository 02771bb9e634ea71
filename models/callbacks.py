"""WeCom callback deliveries seen, so a replayed or retried event is applied once."""

from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from common.times import utcnow


async def first_delivery(db, company_id: int, nonce: str, timestamp: str, keep_s: float) -> bool:
    """True the first time (company, nonce, timestamp) is seen; the record lives keep_s (TTL index)."""
    try:
        await db.callback_deliveries.insert_one({"_id": f"{company_id}:{timestamp}:{nonce}",
                                                 "expires_at": utcnow() + timedelta(seconds=keep_s)})
    except DuplicateKeyError:
        return False
    return True


async def forget_delivery(db, company_id: int, nonce: str, timestamp: str) -> None:
    """The event could not be applied: let WeCom's retry try again."""
    await db.callback_deliveries.delete_one({"_id": f"{company_id}:{timestamp}:{nonce}"})
