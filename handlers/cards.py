"""The business card: /zhugeleida/qiyeweixin/mingpian[/<oper>], /tag_user[/<oper>], the card QR code,
and the customer's view of a card (/zhugeleida/xiaochengxu/mingpian?uid=)."""

import events
from common.errors import missing
from handlers.base import BaseHandler, CustomerBase, get, post
from models import cards
from models.actions import CARD_VIEW


class QrCodeHandler(BaseHandler):
    """GET /qr_code_auth and POST /create_small_program_qr_code (also under mingpian/)."""

    @get()
    async def read(self):
        path = await cards.make_qr_code(self.db, self.cfg, self.ctx.wechat, self.current)
        self.reply({"qr_code": path}, "生成小程序二维码成功")

    @post()
    async def create(self):
        path = await cards.make_qr_code(self.db, self.cfg, self.ctx.wechat, self.current)
        self.reply({"qr_code": path}, "生成用户二维码成功")


class CardHandler(BaseHandler):
    @get()
    async def card(self):
        self.reply({"ret_data": [await cards.card(self.db, self.current)], "data_count": 1}, "查询成功")

    @post("save_phone")
    async def save_phone(self):
        phone = cards.check_phone("mingpian_phone", self.arg_str("mingpian_phone", required=True, max_len=20))
        await cards.save(self.db, self.current, {"mingpian_phone": phone,
                                                 "is_show_phone": self.arg_bool("is_show_phone", required=True)})
        self.reply(msg="保存成功")

    @post("save_info")
    async def save_info(self):
        fields = {
            "wechat": self.arg_str("wechat", max_len=64),
            "mingpian_phone": self.arg_str("mingpian_phone", required=True, max_len=20),
            "telephone": self.arg_str("telephone", max_len=32),
            "email": self.arg_str("email", max_len=128),
            "country": self.arg_int("country", choices=tuple(cards.COUNTRY_TEXT)),
            "area": self.arg_str("area", max_len=128),
            "address": self.arg_str("address", max_len=255),
            "memo_name": self.arg_str("memo_name", max_len=64),
            "position": self.arg_str("position", max_len=64),
        }
        await cards.save(self.db, self.current, {k: v for k, v in fields.items() if v is not None})
        self.reply(msg="保存成功")

    @post("save_sign")
    async def save_sign(self):
        """sign sent empty clears the signature; left out, it is 303 (nothing is cleared by accident)."""
        if not self.sent("sign"):
            raise missing("sign")
        await cards.save(self.db, self.current, {"sign": self.arg_str("sign", default="", max_len=200)})
        self.reply(msg="保存成功")

    @get("show_photo")
    async def show_photo(self):
        photos = [{"id": p["id"], "photo_url": p["url"]} for p in self.current.get("photos", [])]
        self.reply({"ret_data": photos, "user_id": str(self.current["_id"])}, "获取成功")

    @post("delete_photo")
    async def delete_photo(self):
        await cards.delete_photo(self.db, self.cfg, self.current, self.arg_int("photo_id", required=True))
        self.reply(msg="删除成功")

    @post("feedback")
    async def feedback(self):
        problem_type = self.arg_int("problem_type", required=True, choices=tuple(cards.PROBLEM_TYPES))
        entry = await cards.add_feedback(self.db, self.current, problem_type, self.arg_json("content"))
        self.reply({"feedback_id": entry["_id"]}, "添加成功")

    @post("create_small_program_qr_code")  # where the original had it
    async def create_qr_code(self):
        await QrCodeHandler.create(self)


class UserTagHandler(BaseHandler):
    @get()
    async def tags(self):
        tags = self.current.get("tags", [])
        self.reply({"user_id": str(self.current["_id"]), "ret_data": tags, "data_count": len(tags)})

    @post("add")
    async def add(self):
        tag = await cards.add_tag(self.db, self.current, self.arg_str("name", required=True, max_len=16))
        self.reply([tag], "添加成功")

    @post("save")
    async def save(self):
        """The card's tags become exactly tag_list; an explicit [] clears them, a missing one is 303."""
        await cards.keep_tags(self.db, self.current, self.arg_int_list("tag_list", required=True))
        self.reply([], "添加成功")

    @post("delete")
    async def delete(self):
        await cards.delete_tag(self.db, self.current, self.arg_int("id", required=True))
        self.reply(msg="删除成功")


class CustomerCardHandler(CustomerBase):
    """A customer opens a radar user's card: the card (hidden phones stay hidden), and 查看名片 on the radar."""

    @get()
    async def view(self):
        user = await self.radar_user("uid")
        await events.customer_acted(self.ctx, user=user, customer=self.current, action=CARD_VIEW,
                                    source=self.source())
        self.reply({"ret_data": [await cards.card(self.db, user, for_customer=True)], "data_count": 1}, "查询成功")
