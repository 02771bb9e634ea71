"""Products: a radar user's own (user_id set) and the company's (user_id None, managed by admins).

Content is {"cover_data": [...], "article_data": [...]}, each item {"type": title|content|picture_url,
"data": [text, ...]}.
"""

import asyncio
from datetime import timedelta

from pymongo import ReturnDocument

from common.errors import invalid, not_allowed, not_found
from common.times import day, iso, utcnow
from models import images, users
from models.accounts import DEFAULT_AVATAR
from models.db import NEWEST_FIRST, next_id, page, unique
from models.scope import is_admin

STATUS_TEXT = {1: "已发布", 2: "已下架", 3: "推荐"}
STATUS_MSG = {1: "修改发布状态成功", 2: "修改下架状态成功", 3: "修改推荐状态成功"}
PUBLISHED, OFF, RECOMMENDED = 1, 2, 3
# status_code filter of the list: 1 shows published and recommended ones.
LIST_FILTER = {1: [PUBLISHED, RECOMMENDED], 2: [OFF], 3: [RECOMMENDED]}
CONTENT_KINDS = ("cover_data", "article_data")
ITEM_TYPES = ("title", "content", "picture_url")
MAX_ITEMS = 100
MAX_TEXT = 5000
PICTURE_GRACE = timedelta(days=1)


def check_content(content) -> dict:
    if content is None:
        return {"cover_data": [], "article_data": []}
    if not isinstance(content, dict):
        raise invalid("content", "必须是JSON对象")
    unknown = set(content) - set(CONTENT_KINDS)
    if unknown:
        raise invalid("content", f"只能包含 cover_data 和 article_data, 不能有 {','.join(sorted(unknown))}")
    checked = {}
    for kind in CONTENT_KINDS:
        items = content.get(kind, [])
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise invalid(f"content.{kind}", f"必须是不超过{MAX_ITEMS}项的列表")
        for index, item in enumerate(items):
            where = f"content.{kind}[{index}]"
            if not isinstance(item, dict) or item.get("type") not in ITEM_TYPES:
                raise invalid(f"{where}.type", f"只能是 {' | '.join(ITEM_TYPES)}")
            data = item.get("data")
            if not isinstance(data, list) or not data or not all(
                    isinstance(text, str) and 0 < len(text) <= MAX_TEXT for text in data):
                raise invalid(f"{where}.data", f"必须是非空的文本列表(每项不超过{MAX_TEXT}字)")
        checked[kind] = [{"type": item["type"], "data": item["data"]} for item in items]
    return checked


def _visible(viewer: dict) -> dict:
    """A radar user sees their own products and the company's; admins see the whole company's."""
    query = {"company_id": viewer["company_id"]}
    if not is_admin(viewer):
        query["user_id"] = {"$in": [None, viewer["_id"]]}
    return query


async def get_visible(db, viewer: dict, product_id: int) -> dict:
    product = await db.products.find_one({"_id": product_id, **_visible(viewer)})
    if not product:
        raise not_found("产品")
    return product


async def get_editable(db, viewer: dict, product_id: int) -> dict:
    """Own products; company products only for admins. Everything else reads as missing or forbidden."""
    product = await get_visible(db, viewer, product_id)
    if product["user_id"] != viewer["_id"] and not (product["user_id"] is None and is_admin(viewer)):
        raise not_allowed("修改")
    return product


UNIQUE_NAME = {"name": ("name", "产品名称")}


async def create(db, viewer: dict, fields: dict, company_product: bool) -> dict:
    if company_product and not is_admin(viewer):
        raise not_allowed("修改")
    product = {"_id": await next_id(db, "products"), "company_id": viewer["company_id"],
               "user_id": None if company_product else viewer["_id"], "status": PUBLISHED,
               "create_date": utcnow(), "picture_urls": picture_urls(fields["content"]), **fields}
    with unique(**UNIQUE_NAME):
        await db.products.insert_one(product)
    return product


async def update(db, viewer: dict, product_id: int, fields: dict) -> None:
    await get_editable(db, viewer, product_id)
    if "content" in fields:
        fields = {**fields, "picture_urls": picture_urls(fields["content"])}
    with unique(**UNIQUE_NAME):
        await db.products.update_one({"_id": product_id}, {"$set": fields})


async def change_status(db, viewer: dict, product_id: int, status: int) -> dict:
    await get_editable(db, viewer, product_id)
    return await db.products.find_one_and_update({"_id": product_id}, {"$set": {"status": status}},
                                                 return_document=ReturnDocument.AFTER)


async def delete(db, viewer: dict, product_id: int) -> None:
    await get_editable(db, viewer, product_id)
    await db.products.delete_one({"_id": product_id})


def publisher(product: dict, viewer: dict, names: dict) -> str:
    if product["user_id"] is None:
        return "企业发布"
    if product["user_id"] == viewer["_id"]:
        return "我添加的"
    return f"{names.get(product['user_id'], '')}添加的"


def shape(product: dict, viewer: dict, names: dict, full: bool) -> dict:
    content = product.get("content") or {}
    item = {
        "id": product["_id"],
        "name": product["name"],
        "publisher": publisher(product, viewer, names),
        "price": product.get("price", ""),
        "publisher_date": iso(product["create_date"]),
        "content": content if full else {"cover_data": content.get("cover_data", [])},
        "create_date": day(product["create_date"]),
        "status": STATUS_TEXT[product["status"]],
        "status_code": product["status"],
    }
    if full:
        item["reason"] = product.get("reason", "")
        item["user_avatar"] = viewer.get("avatar") or DEFAULT_AVATAR
    return item


async def _names(db, products: list[dict]) -> dict:
    ids = {p["user_id"] for p in products if p["user_id"] is not None}
    if not ids:
        return {}
    return {u["_id"]: u["username"] async for u in db.users.find({"_id": {"$in": list(ids)}}, {"username": 1})}


async def single(db, viewer: dict, product_id: int) -> dict:
    product = await get_visible(db, viewer, product_id)
    return shape(product, viewer, await _names(db, [product]), full=True)


async def listing(db, viewer: dict, status_code: int | None, skip: int, limit: int):
    query = _visible(viewer)
    if status_code is not None:
        query["status"] = {"$in": LIST_FILTER[status_code]}
    rows, total = await page(db.products, query, NEWEST_FIRST, skip, limit)
    names = await _names(db, rows)
    return [shape(p, viewer, names, full=False) for p in rows], total


async def visible_to_customer(db, user: dict, product_id: int) -> dict:
    """A product a customer may see on this radar user's card: the company's or the user's own, not 下架."""
    product = await db.products.find_one({
        "_id": product_id, "company_id": user["company_id"], "status": {"$ne": OFF},
        "user_id": {"$in": [None, user["_id"]]},
    })
    if not product:
        raise not_found("product_id 产品ID")
    return product


async def add_picture(db, viewer: dict, picture_type: int, image: dict) -> dict:
    """A product picture uploaded before the product (or its new content) is saved; see sweep_pictures."""
    picture = {"_id": await next_id(db, "product_pictures"), "user_id": viewer["_id"],
               "company_id": viewer["company_id"], "picture_type": picture_type, "url": image["path"],
               "size": image["size"], "create_date": utcnow()}
    await db.product_pictures.insert_one(picture)
    return picture


async def delete_article_block(db, viewer: dict, product_id: int, position: int) -> None:
    """Remove the position-th (from 1) block of the product's content.article_data."""
    product = await get_editable(db, viewer, product_id)
    content = product.get("content") or {"cover_data": [], "article_data": []}
    blocks = content.get("article_data", [])
    if not 1 <= position <= len(blocks):
        raise not_found("article_id 图文内容")
    content = {**content, "article_data": blocks[:position - 1] + blocks[position:]}
    await db.products.update_one({"_id": product_id}, {"$set": {"content": content,
                                                                "picture_urls": picture_urls(content)}})


async def delete_picture(db, cfg, viewer: dict, picture_id: int, product_id: int | None) -> None:
    """Delete an uploaded product picture (yours, or any of the company's for admins); with product_id,
    the product stops showing it as well."""
    product = await get_editable(db, viewer, product_id) if product_id is not None else None
    mine = {} if is_admin(viewer) else {"user_id": viewer["_id"]}
    picture = await db.product_pictures.find_one_and_delete({"_id": picture_id, "company_id": viewer["company_id"],
                                                             **mine})
    if not picture:
        if await db.product_pictures.find_one({"_id": picture_id, "company_id": viewer["company_id"]}, {"_id": 1}):
            raise not_allowed("删除该图片")
        raise not_found("图片ID")
    writes = [images.remove(cfg, picture["url"]), users.refund_upload(db, picture["user_id"], picture.get("size", 0))]
    if product:
        # The url leaves every block of the content: rebuilt here from the product just read.
        content = product.get("content") or {}
        kept = {kind: [item for item in (
            {**block, "data": [url for url in block["data"] if url != picture["url"]]}
            for block in content.get(kind, [])) if item["data"]] for kind in CONTENT_KINDS}
        writes.append(db.products.update_one({"_id": product_id}, {"$set": {"content": kept,
                                                                            "picture_urls": picture_urls(kept)}}))
    await asyncio.gather(*writes)


def picture_urls(content: dict) -> list[str]:
    """The pictures a product's content shows (kept on the product, indexed, for the sweep)."""
    return sorted({url for kind in CONTENT_KINDS for item in content.get(kind, [])
                   if item["type"] == "picture_url" for url in item["data"]})


async def sweep_pictures(db, cfg, grace: timedelta = PICTURE_GRACE, batch: int = 200) -> int:
    """Delete uploaded product pictures that no product shows once they are older than grace (an
    upload waits that long for its product to be saved); the file goes and the quota is given back."""
    swept = 0
    old = await db.product_pictures.find({"create_date": {"$lt": utcnow() - grace}}).sort("_id", 1).to_list(batch)
    if not old:  # an empty $in is invalid SQL on the embedded database
        return 0
    shown = {url async for product in db.products.find({"picture_urls": {"$in": [p["url"] for p in old]}},
                                                       {"picture_urls": 1}) for url in product["picture_urls"]}
    for picture in old:
        if picture["url"] in shown:
            continue
        await db.product_pictures.delete_one({"_id": picture["_id"]})
        await images.remove(cfg, picture["url"])
        await users.refund_upload(db, picture["user_id"], picture.get("size", 0))
        swept += 1
    return swept
