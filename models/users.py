"""Radar users: accounts, roles, status, and the session data every login returns."""

import re
from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from models import companies, roles
from models.accounts import (
    DEFAULT_AVATAR,
    STATUS_DISABLED,
    STATUS_ENABLED,
    STATUS_TEXT,
    check_password,
    hash_password,
    new_token,
)
from models.db import NEWEST_FIRST, next_id, page
from models.errors import ApiError, disabled, exists, not_found
from models.scope import ROLE_ADMIN, ROLE_USER, company_filter, is_super
from models.times import day_range, iso, stamp, utcnow

# Password guessing: this many failures within the window lock the password login for the window.
MAX_FAILED_LOGINS = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
# Everything that belongs to a radar user and goes with them.
OWNED_BY_USER = ("belongers", "chats", "access_logs", "follow_infos", "follow_languages", "products", "feedback",
                 "product_pictures")


async def get(db, user_id: int) -> dict | None:
    return await db.users.find_one({"_id": user_id})


async def active_in_company(db, user_id: int, company_id: int, field: str = "u_id") -> dict:
    """The enabled radar user a customer is dealing with; 302 naming the field otherwise."""
    user = await db.users.find_one({"_id": user_id, "company_id": company_id})
    if not user or user["status"] == STATUS_DISABLED:
        raise not_found(f"{field} 用户ID")
    return user


async def get_visible(db, viewer: dict, user_id: int) -> dict:
    user = await db.users.find_one({"_id": user_id, **company_filter(viewer)})
    if not user:
        raise not_found("用户ID")
    return user


async def _check_username(db, username: str, exclude: int | None = None) -> None:
    query = {"username": username}
    if exclude is not None:
        query["_id"] = {"$ne": exclude}
    if await db.users.find_one(query, {"_id": 1}):
        raise exists("username", "用户名")


async def create(db, *, username: str, password: str | None, role_id: int, company_id: int,
                 is_super_admin: bool = False, **profile) -> dict:
    await _check_username(db, username)
    user = {
        "_id": await next_id(db, "users"),
        "username": username,
        "password": await hash_password(password) if password else None,
        "token": new_token(),
        "role_id": role_id,
        "company_id": company_id,
        "status": STATUS_ENABLED,
        "is_super_admin": is_super_admin,
        "avatar": DEFAULT_AVATAR,
        "create_date": utcnow(),
        "last_login_date": None,
        "photos": [],
        "tags": [],
        **profile,
    }
    try:
        await db.users.insert_one(user)
    except DuplicateKeyError:
        raise exists("username", "用户名") from None
    return user


async def add(db, viewer: dict, *, username: str, password: str, role_id: int, company_id: int,
              userid: str | None) -> dict:
    await companies.get_visible(db, viewer, company_id)
    await roles.get_for_company(db, role_id, company_id)
    profile = {"wecom_userid": userid} if userid else {}
    return await create(db, username=username, password=password, role_id=role_id, company_id=company_id, **profile)


async def update(db, viewer: dict, user_id: int, changes: dict) -> None:
    user = await get_visible(db, viewer, user_id)
    company_id = changes.get("company_id", user["company_id"])
    if "company_id" in changes:
        await companies.get_visible(db, viewer, company_id)
    if "role_id" in changes or "company_id" in changes:
        await roles.get_for_company(db, changes.get("role_id", user["role_id"]), company_id)
    if "username" in changes:
        await _check_username(db, changes["username"], exclude=user_id)
    if user_id == viewer["_id"] and changes.get("status") == STATUS_DISABLED:
        raise ApiError(301, "status: 不能停用自己")
    update = {k: v for k, v in changes.items() if k != "password"}
    if "userid" in update:
        update["wecom_userid"] = update.pop("userid")
    if changes.get("password"):
        update["password"] = await hash_password(changes["password"])
        update["token"] = new_token()  # a new password signs every other session out
    try:
        await db.users.update_one({"_id": user_id}, {"$set": update})
    except DuplicateKeyError:
        raise exists("username", "用户名") from None


async def delete(db, viewer: dict, user_id: int) -> None:
    if user_id == viewer["_id"]:
        raise ApiError(305, "不允许删除自己")
    await get_visible(db, viewer, user_id)
    await db.users.delete_one({"_id": user_id})
    for collection in OWNED_BY_USER:
        await db[collection].delete_many({"user_id": user_id})


async def search(db, viewer: dict, *, username=None, role_name=None, company_name=None, created_on=None,
                 skip: int = 0, limit: int = 10):
    query = company_filter(viewer)
    if username:
        query["username"] = {"$regex": re.escape(username), "$options": "i"}
    if role_name:
        query["role_id"] = {"$in": await roles.ids_matching(db, viewer, role_name)}
    if company_name:
        ids = await companies.ids_matching(db, company_name)
        query["company_id"] = {"$in": [i for i in ids if i == query.get("company_id", i)]}
    if created_on:
        start, end = day_range(created_on)
        query["create_date"] = {"$gte": start, "$lt": end}
    rows, total = await page(db.users, query, NEWEST_FIRST, skip, limit, {"password": 0, "token": 0})
    role_names = await roles.names(db, [u["role_id"] for u in rows])
    company_names = await companies.names(db, [u["company_id"] for u in rows])
    return [
        {
            "id": u["_id"],
            "username": u["username"],
            "role_name": role_names.get(u["role_id"], ""),
            "role_id": u["role_id"],
            "company_id": u["company_id"],
            "company_name": company_names.get(u["company_id"], ""),
            "create_date": iso(u["create_date"]),
            "last_login_date": iso(u.get("last_login_date")),
            "status": STATUS_TEXT[u["status"]],
            "status_code": u["status"],
        }
        for u in rows
    ], total


async def password_login(db, username: str, password: str) -> dict:
    user = await db.users.find_one({"username": username})
    if not user:
        raise ApiError(401, "账号密码错误")
    window_start = utcnow() - LOCKOUT_WINDOW
    failures = [t for t in user.get("failed_logins", []) if t > window_start]
    if len(failures) >= MAX_FAILED_LOGINS:
        raise ApiError(401, f"登录失败次数过多,请{LOCKOUT_WINDOW.seconds // 60}分钟后再试")
    if not await check_password(password, user.get("password")):
        # Keep only the recent failures, so the list never grows past the limit.
        await db.users.update_one({"_id": user["_id"]}, {"$push": {"failed_logins": {
            "$each": [utcnow()], "$slice": -MAX_FAILED_LOGINS}}})
        raise ApiError(401, "账号密码错误")
    if failures:
        await db.users.update_one({"_id": user["_id"]}, {"$set": {"failed_logins": []}})
    return await start_session(db, user)


async def start_session(db, user: dict) -> dict:
    """Record the login and build the answer every login path returns."""
    if user["status"] == STATUS_DISABLED:
        raise disabled()
    now = utcnow()
    await db.users.update_one({"_id": user["_id"]}, {"$set": {"last_login_date": now}})
    company = await companies.get(db, user["company_id"]) or {}
    role_names = await roles.names(db, [user["role_id"]])
    return {
        "user_id": user["_id"],
        "token": user["token"],
        "username": user["username"],
        "role_id": user["role_id"],
        "role_name": role_names.get(user["role_id"], ""),
        "company_id": user["company_id"],
        "company_name": company.get("name", ""),
        "avatar": user.get("avatar") or DEFAULT_AVATAR,
        "last_login_date": stamp(now),
        "is_super_admin": is_super(user),
    }


async def create_admin(db, username: str, password: str, company_name: str | None) -> dict:
    """The platform super-admin: company 1 (created if needed) and role 1."""
    company = await companies.get(db, 1)
    if company is None:
        company = await companies.create(db, company_name or "默认公司", company_id=1)
        await db.counters.update_one({"_id": "companies"}, {"$max": {"seq": 1}}, upsert=True)
    user = await create(db, username=username, password=password, role_id=ROLE_ADMIN,
                        company_id=company["_id"], is_super_admin=True)
    return {"user_id": user["_id"], "token": user["token"], "company_id": company["_id"]}


async def _free_username(db, userid: str, company_id: int) -> str:
    """Login names are global; a WeCom userid is unique only inside its company."""
    for candidate in (userid, f"{userid}@{company_id}"):
        if not await db.users.find_one({"username": candidate}, {"_id": 1}):
            return candidate
    return f"{userid}@{company_id}-{await next_id(db, 'wecom_usernames')}"


def wecom_profile(member: dict) -> dict:
    """The fields WeCom sent (an update event carries only what changed)."""
    profile = {"name": member["name"]} if member.get("name") else {}
    if member.get("avatar"):
        profile["avatar"] = member["avatar"]
    if str(member.get("gender", "")) in ("1", "2"):
        profile["gender"] = int(member["gender"])
    for field in ("position", "email", "mobile"):
        if member.get(field):
            profile["wechat_phone" if field == "mobile" else field] = member[field]
    return profile


async def sync_wecom_member(db, company_id: int, member: dict, status: int | None = None) -> dict:
    """Find or create the radar user of a WeCom member and refresh their name and avatar."""
    userid = member["userid"]
    changes = wecom_profile(member)
    if status is not None:
        changes["status"] = status
    user = await db.users.find_one_and_update({"company_id": company_id, "wecom_userid": userid},
                                              {"$set": changes} if changes else {"$set": {"wecom_userid": userid}},
                                              return_document=ReturnDocument.AFTER)
    if user:
        return user
    return await create(db, username=await _free_username(db, userid, company_id), password=None,
                        role_id=ROLE_USER, company_id=company_id, wecom_userid=userid,
                        **{"name": userid, **changes})


async def set_wecom_status(db, company_id: int, userid: str, status: int) -> None:
    await db.users.update_one({"company_id": company_id, "wecom_userid": userid}, {"$set": {"status": status}})
