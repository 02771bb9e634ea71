"""Companies (tenants). WeChat credentials live here and are never returned."""

import asyncio
import re

from common.errors import ApiError, has_children, invalid, not_found
from common.times import day_range, iso, utcnow
from models import accounts, tags
from models.db import NEWEST_FIRST, next_id, page, unique
from models.scope import can_see_company, company_filter, require_super

# Settable through company/update, never echoed back.
CREDENTIAL_FIELDS = (
    "corp_id", "agent_id", "corp_secret",          # WeCom self-built app
    "callback_token", "callback_aes_key",          # WeCom callback (receive id = corp_id)
    "mini_appid", "mini_secret",                   # mini-program
    "gzh_appid", "gzh_secret",                     # official account
)
AES_KEY = re.compile(r"^[A-Za-z0-9]{43}$")
# What stays with a company once its users are gone, and goes with it.
OWNED_BY_COMPANY = ("roles", "permissions", "tags", "customers", "products")


def validate_credentials(values: dict) -> dict:
    key = values.get("callback_aes_key")
    if key and not AES_KEY.match(key):
        raise invalid("callback_aes_key", "EncodingAESKey 必须是43位字母或数字")
    return values


def shape(company: dict) -> dict:
    """The credentials are write-only: an answer says which are set, never their values."""
    return {"id": company["_id"], "name": company["name"], "company_id": company["_id"],
            "create_date": iso(company["create_date"]),
            "configured": {field: bool(company.get(field)) for field in CREDENTIAL_FIELDS}}


UNIQUE_NAME = {"name": ("name", "公司名")}


async def create(db, name: str, company_id: int | None = None) -> dict:
    company = {"_id": company_id or await next_id(db, "companies"), "name": name, "create_date": utcnow()}
    with unique(**UNIQUE_NAME):
        await db.companies.insert_one(company)
    await tags.seed_groups(db, company["_id"])
    return company


async def get_visible(db, viewer: dict, company_id: int) -> dict:
    company = await get(db, company_id)
    if not company or not can_see_company(viewer, company_id):
        raise not_found("公司ID")
    return company


async def get(db, company_id: int) -> dict | None:
    return await accounts.load(db, "company", company_id)


async def search(db, viewer: dict, name: str | None, created_on, skip: int, limit: int):
    query = {}
    scope = company_filter(viewer)
    if scope:
        query["_id"] = scope["company_id"]
    if name:
        query["name"] = {"$regex": re.escape(name), "$options": "i"}
    if created_on:
        start, end = day_range(created_on)
        query["create_date"] = {"$gte": start, "$lt": end}
    rows, total = await page(db.companies, query, NEWEST_FIRST, skip, limit)
    return [shape(c) for c in rows], total


async def ids_matching(db, name: str) -> list[int]:
    cursor = db.companies.find({"name": {"$regex": re.escape(name), "$options": "i"}}, {"_id": 1})
    return [c["_id"] async for c in cursor]


async def update(db, viewer: dict, company_id: int, changes: dict) -> None:
    await get_visible(db, viewer, company_id)
    validate_credentials(changes)
    with unique(**UNIQUE_NAME):
        await db.companies.update_one({"_id": company_id}, {"$set": changes})
    accounts.forget(db, "company", company_id)


async def delete(db, viewer: dict, company_id: int) -> None:
    require_super(viewer)
    await get_visible(db, viewer, company_id)
    if await db.users.find_one({"company_id": company_id}, {"_id": 1}):
        raise has_children("公司下存在用户,请先删除或转移用户")
    await db.companies.delete_one({"_id": company_id})
    accounts.forget(db, "company", company_id)
    accounts.forget_company(db, "customer", company_id)
    # One delete per collection that holds the company's rows, sent together.
    await asyncio.gather(*(db[collection].delete_many({"company_id": company_id})
                           for collection in OWNED_BY_COMPANY))


def credentials(company: dict) -> dict:
    return {field: company.get(field) or "" for field in CREDENTIAL_FIELDS}


# Each credential's setting in the admin's words: what it is, and where its value comes from.
SETTING_OF = {
    "corp_id": "企业微信应用", "agent_id": "企业微信应用", "corp_secret": "企业微信应用",
    "callback_token": "企业微信回调", "callback_aes_key": "企业微信回调",
    "mini_appid": "小程序", "mini_secret": "小程序", "gzh_appid": "公众号", "gzh_secret": "公众号",
}
WHERE_TO_FIND = {
    "企业微信应用": "企业微信管理后台「我的企业」的企业ID,「应用管理 → 自建应用」的AgentId和Secret",
    "企业微信回调": "企业微信管理后台「应用管理 → 自建应用 → 接收消息 → 设置API接收」的Token和EncodingAESKey",
    "小程序": "微信公众平台(小程序)「开发 → 开发管理 → 开发设置」的AppID和AppSecret",
    "公众号": "微信公众平台「设置与开发 → 基本配置」的AppID和AppSecret",
}
WHERE_TO_SET = "管理 → 公司 → 微信设置"


def not_configured(*missing: str) -> ApiError:
    """301 naming the first missing credential, saying in the user's words who sets it up and where;
    data carries the same for a client that links the admin to the settings screen."""
    setting = SETTING_OF[missing[0]]
    return ApiError(301, f"{missing[0]}: 公司还没有配置{setting}。请管理员在「{WHERE_TO_SET}」填写"
                         f"{WHERE_TO_FIND[setting]}", {"setting": setting, "missing": list(missing),
                                                       "who": "管理员", "where": WHERE_TO_SET})


def require_credentials(company: dict, *fields: str) -> dict:
    values = credentials(company)
    missing = [field for field in fields if not values[field]]
    if missing:
        raise not_configured(*missing)
    return values
