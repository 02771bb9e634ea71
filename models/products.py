"""Products: a radar user's own (user_id set) and the company's (user_id None)."""

STATUS_TEXT = {1: "已发布", 2: "已下架", 3: "推荐"}
STATUS_OFF = 2


async def visible_to_customer(db, user: dict, product_id: int) -> dict:
    """A product a customer may look at on this radar user's card: the company's or the user's own, not 下架."""
    from models.errors import not_found

    product = await db.products.find_one({
        "_id": product_id, "company_id": user["company_id"], "status": {"$ne": STATUS_OFF},
        "user_id": {"$in": [None, user["_id"]]},
    })
    if not product:
        raise not_found("product_id 产品ID")
    return product
