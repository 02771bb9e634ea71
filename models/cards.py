"""The radar user's business card (名片): contact details, signature, photos, the card's own tags,
feedback, and the card's QR code."""

import re
from datetime import datetime

from common.errors import ApiError, exists, invalid, not_found
from common.times import iso, utcnow
from models import accounts, companies, images, users
from models.accounts import DEFAULT_AVATAR
from models.customers import EMAIL, MOBILE
from models.db import next_id

COUNTRY_TEXT = {1: "国内", 2: "国外"}
LANDLINE = re.compile(r"^[0-9()（）+\- ]{5,20}$")
PROBLEM_TYPES = {1: "客户服务", 2: "功能异常", 3: "产品建议"}
FEEDBACK_BLOCKS = ("content", "phone", "picture_url")
QR_DIR = "statics/zhugeleida/imgs/xiaochengxu/qr_code"


def display_name(user: dict) -> str:
    return user.get("memo_name") or user.get("name") or user["username"]


async def card(db, user: dict, for_customer: bool = False) -> dict:
    """The card as the seed shows it; a customer does not see phone numbers the user chose to hide."""
    company = await companies.get(db, user["company_id"]) or {}
    hide_phones = for_customer and not user.get("is_show_phone", True)
    return {
        "id": user["_id"],
        "username": display_name(user),
        "avatar": user.get("avatar") or DEFAULT_AVATAR,
        "company": company.get("name", ""),
        "area": user.get("area") or company.get("area") or "",
        "address": user.get("address") or company.get("address") or "",
        "position": user.get("position", ""),
        "telephone": user.get("telephone", ""),
        "email": user.get("email", ""),
        "country": COUNTRY_TEXT.get(user.get("country"), ""),
        "wechat": user.get("wechat", ""),
        "wechat_phone": "" if hide_phones else user.get("wechat_phone", ""),
        "is_show_phone": user.get("is_show_phone", True),
        "mingpian_phone": "" if hide_phones else user.get("mingpian_phone", ""),
        "sign": user.get("sign", ""),
        "qr_code": user.get("qr_code", ""),
        "photo": [[photo["id"], photo["url"]] for photo in user.get("photos", [])],
        "tag": [{"id": tag["id"], "name": tag["name"]} for tag in user.get("tags", [])],
        "create_date": iso(user["create_date"]),
    }


def check_phone(field: str, value: str | None) -> str | None:
    if value and not MOBILE.match(value):
        raise invalid(field, "手机号码格式错误")
    return value


def check_contact(fields: dict) -> dict:
    check_phone("mingpian_phone", fields.get("mingpian_phone"))
    if fields.get("telephone") and not LANDLINE.match(fields["telephone"]):
        raise invalid("telephone", "座机号码格式错误")
    if fields.get("email") and not EMAIL.match(fields["email"]):
        raise invalid("email", "邮箱格式错误")
    return fields


async def _change(db, user: dict, update: dict, query: dict | None = None):
    """A change to the card, which lives on the radar user's account."""
    result = await db.users.update_one({"_id": user["_id"], **(query or {})}, update)
    accounts.forget(db, "user", user["_id"])
    return result


async def save(db, user: dict, fields: dict) -> None:
    await _change(db, user, {"$set": check_contact(fields)})


# ----- photos -----------------------------------------------------------------------------------
async def add_photo(db, user: dict, image: dict) -> dict:
    """image: {"path", "size"} as uploads.merge saved it."""
    photo = {"id": await next_id(db, "user_photos"), "url": image["path"], "size": image["size"],
             "create_date": utcnow()}
    await _change(db, user, {"$push": {"photos": photo}})
    return photo


async def delete_photo(db, cfg, user: dict, photo_id: int) -> None:
    photo = next((p for p in user.get("photos", []) if p["id"] == photo_id), None)
    if photo is None:
        raise not_found("照片ID")
    await _change(db, user, {"$pull": {"photos": {"id": photo_id}}})
    await images.remove(cfg, photo["url"])
    await users.refund_upload(db, user["_id"], photo.get("size", 0))


async def set_avatar(db, cfg, user: dict, image: dict) -> None:
    """The card's avatar becomes the uploaded image; the one it replaces is deleted."""
    await _change(db, user, {"$set": {"avatar": image["path"], "avatar_size": image["size"]}})
    if user.get("avatar_size"):
        await images.remove(cfg, user["avatar"])
        await users.refund_upload(db, user["_id"], user["avatar_size"])


# ----- the card's own tags ----------------------------------------------------------------------
async def add_tag(db, user: dict, name: str) -> dict:
    if any(tag["name"] == name for tag in user.get("tags", [])):
        raise exists("name", "标签名")
    tag = {"id": await next_id(db, "user_tags"), "name": name}
    result = await _change(db, user, {"$push": {"tags": tag}}, {"tags.name": {"$ne": name}})
    if not result.modified_count:
        raise exists("name", "标签名")
    return tag


async def keep_tags(db, user: dict, tag_ids: list[int]) -> list[dict]:
    """The card's tags become exactly these (ids of the user's own tags)."""
    own = {tag["id"]: tag for tag in user.get("tags", [])}
    missing = [str(i) for i in tag_ids if i not in own]
    if missing:
        raise not_found(f"标签ID {','.join(missing)} ")
    kept = [own[i] for i in tag_ids]
    await _change(db, user, {"$set": {"tags": kept}})
    return kept


async def delete_tag(db, user: dict, tag_id: int) -> None:
    result = await _change(db, user, {"$pull": {"tags": {"id": tag_id}}}, {"tags.id": tag_id})
    if not result.modified_count:
        raise not_found("标签ID")


# ----- feedback ---------------------------------------------------------------------------------
def check_feedback(content) -> list[dict]:
    if not isinstance(content, list) or not content:
        raise ApiError(303, "content: 内容不能为空")
    if len(content) > 20:
        raise invalid("content", "最多20项")
    for index, block in enumerate(content):
        where = f"content[{index}]"
        if not isinstance(block, dict) or block.get("type") not in FEEDBACK_BLOCKS:
            raise invalid(f"{where}.type", f"只能是 {' | '.join(FEEDBACK_BLOCKS)}")
        data = block.get("data")
        values = data if isinstance(data, list) else [data]
        if not values or not all(isinstance(v, str) and v.strip() and len(v) <= 2000 for v in values):
            raise invalid(f"{where}.data", "必须是不超过2000字的文本或文本列表")
        if block["type"] == "phone":
            check_phone(f"{where}.data", values[0])
    return content


async def add_feedback(db, user: dict, problem_type: int, content: list[dict]) -> dict:
    entry = {"_id": await next_id(db, "feedback"), "user_id": user["_id"], "company_id": user["company_id"],
             "problem_type": problem_type, "status": 1, "content": check_feedback(content), "create_date": utcnow()}
    await db.feedback.insert_one(entry)
    return entry


# ----- the card's QR code -----------------------------------------------------------------------
def share_url(cfg, user: dict) -> str:
    return f"{cfg.public_base_url}/zhugeleida/xiaochengxu/mingpian?uid={user['_id']}&source=1"


async def make_qr_code(db, cfg, wechat, user: dict) -> str:
    """The card's QR: the mini-program code when the company has a mini-program, else a QR of the share URL."""
    company = await companies.get(db, user["company_id"]) or {}
    stem = f"{QR_DIR}/{user['_id']}_{datetime.now():%Y%m%d_%H%M%S_%f}_qrcode"
    try:
        wechat.mini_credentials(company)
    except ApiError:
        path = await images.save_qr(cfg, f"{stem}.png", share_url(cfg, user))
    else:
        code = await wechat.wxacode_unlimited(company, scene=f"uid={user['_id']}&source=1",
                                              page="pages/mingpian/index")
        path = await images.save_image(cfg, stem, code)
    old = user.get("qr_code")
    await _change(db, user, {"$set": {"qr_code": path}})
    if old:
        await images.remove(cfg, old)
    return path
