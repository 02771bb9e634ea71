"""WeChat / WeCom access tokens and JS-SDK tickets, cached until shortly before they expire.

Kept in the database (shared by every process, survives restarts) and in the running application's
memory (its context's wechat_tokens), so a request that needs a token twice, or every request of a
busy minute, reads it once."""

from datetime import timedelta

from common.context import current
from common.times import utcnow

EARLY_REFRESH = timedelta(seconds=60)


def _memory() -> dict:
    """(database, key) -> (value, expires_at); outside an application, nothing is kept."""
    app = current()
    return app.wechat_tokens if app is not None else {}


async def fresh(db, key: str) -> str | None:
    """The cached value, unless it expires within EARLY_REFRESH."""
    soon = utcnow() + EARLY_REFRESH
    memory = _memory()
    remembered = memory.get((db.name, key))
    if remembered and remembered[1] > soon:
        return remembered[0]
    entry = await db.wechat_tokens.find_one({"_id": key, "expires_at": {"$gt": soon}})
    if not entry:
        return None
    memory[(db.name, key)] = (entry["value"], entry["expires_at"])
    return entry["value"]


async def keep(db, key: str, value: str, expires_in_s: int) -> None:
    expires_at = utcnow() + timedelta(seconds=expires_in_s)
    _memory()[(db.name, key)] = (value, expires_at)
    await db.wechat_tokens.update_one({"_id": key}, {"$set": {"value": value, "expires_at": expires_at}},
                                      upsert=True)

