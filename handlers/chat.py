"""Chat over REST, both sides.

Radar:    GET /zhugeleida/qiyeweixin/contact, GET chat?customer_id, POST chat/send_msg/0, GET chat/getmsg/0
Customer: POST /zhugeleida/xiaochengxu/chat/send_msg/0, GET chat?u_id, GET chat/getmsg/0?u_id
"""

import events
from common.errors import ApiError
from handlers.base import BaseHandler, CustomerBase, get, post
from models import chats, customers


class ContactHandler(BaseHandler):
    @get()
    async def contacts(self):
        skip, limit = self.page(20)
        rows, total, unread = await chats.contacts(self.db, self.current, skip, limit,
                                                   self.arg_str("search", max_len=64))
        self.reply({"ret_data": rows, "data_count": total, "unread_msg_num": unread})

    @get("query_num")
    async def unread(self):
        self.reply({"chatinfo_count": await chats.unread_for_user(self.db, self.current["_id"])}, "查询成功")


def _send_type(handler: BaseHandler, expected: int) -> int:
    send_type = handler.arg_int("send_type", default=expected, choices=(1, 2))
    if send_type != expected:
        side = "雷达用户" if expected == chats.FROM_USER else "客户"
        raise ApiError(301, f"send_type: {side}只能发送 send_type {expected}")
    return send_type


class RadarChatHandler(BaseHandler):
    async def _customer(self):
        return await customers.own_customer(self.db, self.current, self.arg_int("customer_id", required=True))

    @get()
    async def history(self):
        skip, limit = self.page(20)
        customer, _ = await self._customer()
        rows, total, _read = await chats.history(self.db, self.current["_id"], customer, chats.FROM_USER, skip,
                                                 limit)
        self.reply({"ret_data": rows, "data_count": total}, "分页获取-全部聊天消息成功" if rows else "没有新消息")

    @get("getmsg/0")
    async def new_messages(self):
        customer, _ = await self._customer()
        rows = await chats.take_new(self.db, self.current["_id"], customer, chats.FROM_USER)
        self.reply(rows, "实时获取-最新聊天记录成功")

    @post("send_msg/0")
    async def send(self):
        content = chats.parse_content(self.arg_json("content", required=True))
        send_type = _send_type(self, chats.FROM_USER)
        customer = await customers.company_customer(self.db, self.current, self.arg_int("customer_id", required=True))
        chat = await events.message_sent(self.ctx, user=self.current, customer=customer, send_type=send_type,
                                         content=content, radar_side=True)
        self.reply({"id": chat["_id"]}, "send msg successful")


class CustomerChatHandler(CustomerBase):
    @get()
    async def history(self):
        skip, limit = self.page(20)
        user = await self.radar_user()
        rows, total, read = await chats.history(self.db, user["_id"], self.current, chats.FROM_CUSTOMER, skip, limit)
        if read:
            events.customer_read(self.ctx, user["_id"], self.current["_id"])
        self.reply({"ret_data": rows, "data_count": total}, "分页获取-全部聊天消息成功" if rows else "没有新消息")

    @get("getmsg/0")
    async def new_messages(self):
        user = await self.radar_user()
        rows = await chats.take_new(self.db, user["_id"], self.current, chats.FROM_CUSTOMER)
        if rows:
            events.customer_read(self.ctx, user["_id"], self.current["_id"])
        self.reply(rows, "实时获取-最新聊天记录成功")

    @get("query_num")
    async def unread(self):
        self.reply({"chatinfo_count": await chats.unread_for_customer(self.db, self.current["_id"])}, "查询成功")

    @post("send_msg/0")
    async def send(self):
        content = chats.parse_content(self.arg_json("content", required=True))
        send_type = _send_type(self, chats.FROM_CUSTOMER)
        user = await self.radar_user()
        chat = await events.message_sent(self.ctx, user=user, customer=self.current, send_type=send_type,
                                         content=content, source=self.source())
        self.reply({"id": chat["_id"]}, "send msg successful")
