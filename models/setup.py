"""Everything the database needs before the first request: indexes, system rows, renamed fields."""

from models import customers, follow, roles, stats, tags
from models.db import ensure_indexes


async def migrate(db) -> None:
    """Fields renamed or added since earlier versions (each a no-op once done)."""
    await db.belongers.update_many({"expedted_pr": {"$exists": True}}, {"$rename": {"expedted_pr": "expected_pr"}})
    await tags.mark_single_choice_groups(db)
    await customers.fill_relation_fields(db)
    await customers.fill_reader_cards(db)


async def prepare_database(db) -> None:
    await migrate(db)
    await ensure_indexes(db)
    await roles.seed(db)
    await follow.seed(db)
    await tags.seed_missing(db)
    await stats.ensure_all_time(db)
