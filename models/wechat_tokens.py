"""WeChat / WeCom access tokens and JS-SDK tickets, cached until shortly before they expire."""

from datetime import timedelta

from common.times import utcnow

EARLY_REFRESH = timedelta(seconds=60)


async def fresh(db, key: str) -> str | None:
    """The cached value, unless it expires within EARLY_REFRESH."""
    entry = await db.wechat_tokens.find_one({"_id": key, "expires_at": {"$gt": utcnow() + EARLY_REFRESH}})
    return entry["value"] if entry else None


async def keep(db, key: str, value: str, expires_in_s: int) -> None:
    await db.wechat_tokens.update_one({"_id": key}, {"$set": {"value": value, "expires_at": utcnow() + timedelta(
        seconds=expires_in_s)}}, upsert=True)
