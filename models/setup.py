"""Everything the database needs before the first request: indexes and system rows."""

from models import follow, roles
from models.db import ensure_indexes


async def prepare_database(db) -> None:
    await ensure_indexes(db)
    await roles.seed(db)
    await follow.seed(db)
