"""Roles: the three system roles (company_id None) plus each company's own."""

import re

from common.errors import ApiError, exists, has_children, not_found
from common.times import iso, utcnow
from models import accounts
from models.db import next_id, page, unique
from models.scope import ROLE_ADMIN, ROLE_BOSS, ROLE_USER, is_super

SYSTEM_ROLES = {ROLE_ADMIN: "管理员", ROLE_USER: "普通用户", ROLE_BOSS: "Boss"}


async def seed(db) -> None:
    for role_id, name in SYSTEM_ROLES.items():
        await db.roles.update_one(
            {"_id": role_id},
            {"$setOnInsert": {"name": name, "company_id": None, "create_date": utcnow()}},
            upsert=True,
        )
    await db.counters.update_one({"_id": "roles"}, {"$max": {"seq": max(SYSTEM_ROLES)}}, upsert=True)


def visible_filter(viewer: dict, company_id: int | None = None) -> dict:
    """System roles plus the company's own (the super-admin: every role, unless a company is named)."""
    if company_id is None and is_super(viewer):
        return {}
    return {"company_id": {"$in": [None, company_id or viewer["company_id"]]}}


def shape(role: dict) -> dict:
    return {"id": role["_id"], "name": role["name"], "role_id": role["_id"], "create_date": iso(role["create_date"])}


async def get_for_company(db, role_id: int, company_id: int) -> dict:
    """A role usable by a user of company_id."""
    role = await db.roles.find_one({"_id": role_id, "company_id": {"$in": [None, company_id]}})
    if not role:
        raise not_found("角色ID")
    return role


async def get_editable(db, viewer: dict, role_id: int) -> dict:
    role = await db.roles.find_one({"_id": role_id, **visible_filter(viewer)})
    if not role:
        raise not_found("角色ID")
    if role["company_id"] is None and not is_super(viewer):
        raise ApiError(301, "id: 系统角色只有平台管理员可以修改")
    return role


UNIQUE_NAME = {"name": ("name", "角色名")}


async def _check_name(db, name: str, company_id: int | None, exclude: int | None = None) -> None:
    """A company's role may not take a system role's name (the unique index covers the rest)."""
    query = {"name": name, "company_id": None}
    if exclude is not None:
        query["_id"] = {"$ne": exclude}
    if company_id is not None and await db.roles.find_one(query, {"_id": 1}):
        raise exists("name", "角色名")


async def search(db, viewer: dict, name: str | None, skip: int, limit: int):
    query = visible_filter(viewer)
    if name:
        query["name"] = {"$regex": re.escape(name), "$options": "i"}
    rows, total = await page(db.roles, query, [("_id", 1)], skip, limit)
    return [shape(r) for r in rows], total


async def ids_matching(db, viewer: dict, name: str) -> list[int]:
    query = {**visible_filter(viewer), "name": {"$regex": re.escape(name), "$options": "i"}}
    return [r["_id"] async for r in db.roles.find(query, {"_id": 1})]


async def names(db, ids) -> dict[int, str]:
    if not ids:
        return {}
    return {r["_id"]: r["name"] async for r in db.roles.find({"_id": {"$in": list(set(ids))}}, {"name": 1})}


async def create(db, viewer: dict, name: str) -> dict:
    await _check_name(db, name, viewer["company_id"])
    role = {"_id": await next_id(db, "roles"), "name": name, "company_id": viewer["company_id"],
            "create_date": utcnow()}
    with unique(**UNIQUE_NAME):
        await db.roles.insert_one(role)
    return role


async def rename(db, viewer: dict, role_id: int, name: str) -> None:
    role = await get_editable(db, viewer, role_id)
    await _check_name(db, name, role["company_id"], exclude=role_id)
    with unique(**UNIQUE_NAME):
        await db.roles.update_one({"_id": role_id}, {"$set": {"name": name}})
    accounts.forget(db, "role", role_id)


async def delete(db, viewer: dict, role_id: int) -> None:
    role = await get_editable(db, viewer, role_id)
    if role["company_id"] is None:
        raise ApiError(301, "id: 系统角色不能删除")
    if await db.users.find_one({"role_id": role_id}, {"_id": 1}):
        raise has_children("该角色下存在用户,请转移用户后再试")
    await db.roles.delete_one({"_id": role_id})
    accounts.forget(db, "role", role_id)
