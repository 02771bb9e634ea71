"""Radar users: accounts, roles, status, and the session data every login returns."""

import asyncio
import re

from pymongo import ReturnDocument

from common.errors import ApiError, disabled, not_allowed, not_found
from common.times import day_range, iso, stamp, utcnow
from models import accounts, companies, roles
from models.accounts import (
    DEFAULT_AVATAR,
    STATUS_DISABLED,
    STATUS_ENABLED,
    STATUS_TEXT,
    check_password,
    hash_password,
    new_token,
)
from models.db import BACKGROUND, NEWEST_FIRST, facet_page, next_id, unique
from models.scope import ROLE_ADMIN, ROLE_BOSS, ROLE_USER, can_see_company, company_filter, is_super

# Everything that belongs to a radar user and goes with them.
OWNED_BY_USER = ("belongers", "chats", "access_logs", "action_counts", "follow_infos", "follow_languages", "products",
                 "feedback", "product_pictures")


async def get(db, user_id: int) -> dict | None:
    return await accounts.load(db, "user", user_id)


def has_card(user: dict) -> bool:
    """Radar users hand out cards; administrators (and the platform super-admin) are back-office
    accounts, as in the original, where they lived in a table of their own."""
    return user["status"] != STATUS_DISABLED and user["role_id"] != ROLE_ADMIN and not is_super(user)


async def boss_ids(db, company_id: int) -> list[int]:
    """The company's users who read the Boss radar: admins (the platform super-admin too) and Bosses (read by
    the stats push, on its timer)."""
    query = {"company_id": company_id, "$or": [{"role_id": {"$in": [ROLE_ADMIN, ROLE_BOSS]}},
                                                {"is_super_admin": True}]}
    return [user["_id"] async for user in db.users.find(query, {"_id": 1}, comment=BACKGROUND)]


async def has_radar_users(db, company_id: int) -> bool:
    """Whether the company has an enabled salesperson (a radar user with a card)."""
    return bool(await db.users.find_one({"company_id": company_id, "role_id": ROLE_USER, "status": STATUS_ENABLED},
                                        {"_id": 1}))


async def card_holder(db, user_id: int, company_id: int, field: str = "u_id") -> dict:
    """The radar user a customer deals with: enabled, with a card, in the customer's company;
    302 naming the field otherwise (so no relation or log is ever made with anyone else)."""
    user = await accounts.load(db, "user", user_id)
    if not user or user["company_id"] != company_id or not has_card(user):
        raise not_found(f"{field} 用户ID")
    return user


async def get_visible(db, viewer: dict, user_id: int) -> dict:
    user = await accounts.load(db, "user", user_id)
    if not user or not can_see_company(viewer, user["company_id"]):
        raise not_found("用户ID")
    return user


# Login names are unique platform-wide; a WeCom userid is unique within its company.
UNIQUE = {"username": ("username", "用户名"), "wecom_userid": ("userid", "企业微信userid")}


async def create(db, *, username: str, password: str | None, role_id: int, company_id: int,
                 is_super_admin: bool = False, **profile) -> dict:
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
    with unique(**UNIQUE):
        await db.users.insert_one(user)
    return user


async def add(db, viewer: dict, *, username: str, password: str, role_id: int, company_id: int,
              userid: str | None) -> dict:
    await companies.get_visible(db, viewer, company_id)
    await roles.get_for_company(db, role_id, company_id)
    check_role_grant(viewer, role_id)
    profile = {"wecom_userid": userid} if userid else {}
    return await create(db, username=username, password=password, role_id=role_id, company_id=company_id, **profile)


def rank(user_or_role_id) -> int:
    """Who may manage whom: the platform super-admin, then administrators, then everyone else."""
    if isinstance(user_or_role_id, dict):
        return 3 if is_super(user_or_role_id) else rank(user_or_role_id["role_id"])
    return 2 if user_or_role_id == ROLE_ADMIN else 1


def check_role_grant(viewer: dict, role_id: int) -> None:
    if rank(role_id) > rank(viewer):
        raise not_allowed("授予高于自己的角色")


def check_manageable(viewer: dict, user: dict) -> None:
    """Only the super-admin changes, disables or deletes the super-admin's account."""
    if is_super(user) and not is_super(viewer):
        raise not_allowed("修改平台管理员")


async def update(db, viewer: dict, user_id: int, changes: dict) -> None:
    user = await get_visible(db, viewer, user_id)
    check_manageable(viewer, user)
    company_id = changes.get("company_id", user["company_id"])
    if "company_id" in changes:
        await companies.get_visible(db, viewer, company_id)
    if "role_id" in changes or "company_id" in changes:
        await roles.get_for_company(db, changes.get("role_id", user["role_id"]), company_id)
    if changes.get("role_id", user["role_id"]) != user["role_id"]:
        if user_id == viewer["_id"]:
            raise not_allowed("修改自己的角色")
        check_role_grant(viewer, changes["role_id"])
    if user_id == viewer["_id"] and changes.get("status") == STATUS_DISABLED:
        raise ApiError(301, "status: 不能停用自己")
    update = {k: v for k, v in changes.items() if k != "password"}
    if "userid" in update:
        update["wecom_userid"] = update.pop("userid")
    if changes.get("password"):
        update["password"] = await hash_password(changes["password"])
        update["token"] = new_token()  # a new password signs every other session out
    with unique(**UNIQUE):
        await db.users.update_one({"_id": user_id}, {"$set": update})
    accounts.forget(db, "user", user_id)


async def delete(db, viewer: dict, user_id: int) -> None:
    if user_id == viewer["_id"]:
        raise ApiError(305, "不允许删除自己")
    check_manageable(viewer, await get_visible(db, viewer, user_id))
    await db.users.delete_one({"_id": user_id})
    accounts.forget(db, "user", user_id)
    # One delete per collection that holds the user's rows, sent together.
    await asyncio.gather(*(db[collection].delete_many({"user_id": user_id}) for collection in OWNED_BY_USER))


LIST_FIELDS = ("username", "role_id", "company_id", "create_date", "last_login_date", "status")


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
    if any(query.get(field) == {"$in": []} for field in ("role_id", "company_id")):
        return [], 0  # no role or company of that name: nobody (and no empty $in sent)
    if created_on:
        start, end = day_range(created_on)
        query["create_date"] = {"$gte": start, "$lt": end}
    # The page's rows carry only what the list shows: a card's photos and a company's settings
    # would cost the database and the driver for nothing.
    joins = ({"$project": {field: 1 for field in LIST_FIELDS}},
             {"$lookup": {"from": "roles", "localField": "role_id", "foreignField": "_id", "as": "role"}},
             {"$lookup": {"from": "companies", "localField": "company_id", "foreignField": "_id", "as": "company"}},
             {"$project": {**{field: 1 for field in LIST_FIELDS}, "role": "$role.name", "company": "$company.name"}})
    rows, total = await facet_page(db.users, query, NEWEST_FIRST, skip, limit, joins)
    return [
        {
            "id": u["_id"],
            "username": u["username"],
            "role_name": u["role"][0] if u["role"] else "",
            "role_id": u["role_id"],
            "company_id": u["company_id"],
            "company_name": u["company"][0] if u["company"] else "",
            "create_date": iso(u["create_date"]),
            "last_login_date": iso(u.get("last_login_date")) or "",
            "status": STATUS_TEXT[u["status"]],
            "status_code": u["status"],
        }
        for u in rows
    ], total


async def password_login(db, username: str, password: str, address: str) -> dict:
    """The attempt is counted before anything is checked (per username and client address, so
    nobody elsewhere can lock the owner out); past MAX_LOGIN_ATTEMPTS within the window the
    password is not even looked at. Unknown usernames cost a password check too."""
    if await accounts.count_login_attempt(db, username, address) > accounts.MAX_LOGIN_ATTEMPTS:
        raise ApiError(401, f"登录失败次数过多,请{accounts.LOGIN_WINDOW.seconds // 60}分钟后再试")
    user = await db.users.find_one({"username": username})
    if not user:
        await accounts.spend_a_password_check(password)
        raise ApiError(401, "账号密码错误")
    if not await check_password(password, user.get("password")):
        raise ApiError(401, "账号密码错误")
    await accounts.forget_login_attempts(db, username, address)
    return await start_session(db, user)


async def start_session(db, user: dict) -> dict:
    """Record the login and build the answer every login path returns."""
    if user["status"] == STATUS_DISABLED:
        raise disabled()
    now = utcnow()
    await db.users.update_one({"_id": user["_id"]}, {"$set": {"last_login_date": now}})
    accounts.forget(db, "user", user["_id"])
    company = await companies.get(db, user["company_id"]) or {}
    role = await accounts.load(db, "role", user["role_id"]) or {}
    return {
        "user_id": user["_id"],
        "token": user["token"],
        "username": user["username"],
        "role_id": user["role_id"],
        "role_name": role.get("name", ""),
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


MIN_ADMIN_PASSWORD = 6  # create-admin and the first-run page


async def first_admin(db, username: str, password: str, company_name: str) -> dict:
    """The first-run setup: company 1 and its platform super-admin, as create-admin makes them, on
    an installation without any radar user; answers like a login."""
    if await db.users.find_one({}, {"_id": 1}):
        raise ApiError(301, "setup: 已经初始化过了,请直接登录")
    made = await create_admin(db, username, password, company_name)
    return await start_session(db, await accounts.load(db, "user", made["user_id"]))


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
    key = {"company_id": company_id, "wecom_userid": userid}
    user = await db.users.find_one_and_update(key, {"$set": changes} if changes else {"$set": {"wecom_userid": userid}},
                                              return_document=ReturnDocument.AFTER)
    if user:
        accounts.forget(db, "user", user["_id"])
        return user
    try:
        return await create(db, username=await _free_username(db, userid, company_id), password=None,
                            role_id=ROLE_USER, company_id=company_id, wecom_userid=userid,
                            **{"name": userid, **changes})
    except ApiError:  # a concurrent login of the same member created them a moment ago
        user = await db.users.find_one(key)
        if user is None:
            raise
        return user


async def charge_upload(db, user_id: int, size: int, quota: int) -> None:
    """Count size bytes against the user's UPLOAD_QUOTA_BYTES, atomically; 301 when they do not fit."""
    room = {"$or": [{"upload_bytes": {"$exists": False}}, {"upload_bytes": {"$lte": quota - size}}]}
    result = await db.users.update_one({"_id": user_id, **room}, {"$inc": {"upload_bytes": size}})
    if not result.modified_count:
        raise ApiError(301, f"img_data: 上传空间已用完 (每人最多{quota // (1024 * 1024)}MB)")


async def refund_upload(db, user_id: int, size: int) -> None:
    if size:
        await db.users.update_one({"_id": user_id}, {"$inc": {"upload_bytes": -size}})


async def set_wecom_status(db, company_id: int, userid: str, status: int) -> dict | None:
    user = await db.users.find_one_and_update({"company_id": company_id, "wecom_userid": userid},
                                              {"$set": {"status": status}}, return_document=ReturnDocument.AFTER)
    if user:
        accounts.forget(db, "user", user["_id"])
    return user


async def rename_wecom_userid(db, company_id: int, userid: str, new_userid: str) -> None:
    user = await db.users.find_one_and_update({"company_id": company_id, "wecom_userid": userid},
                                              {"$set": {"wecom_userid": new_userid}})
    if user:
        accounts.forget(db, "user", user["_id"])
