"""Chat over REST, both sides.

Radar:    GET /zhugeleida/qiyeweixin/contact, GET chat?customer_id, POST chat/send_msg/0, GET chat/getmsg/0
Customer: POST /zhugeleida/xiaochengxu/chat/send_msg/0, GET chat?u_id, GET chat/getmsg/0?u_id
"""

from handlers.base import BaseHandler
from handlers.xiaochengxu import CustomerBase
from models import chats, customers
from models.errors import ApiError
from websocket.chat import notify_read, send_message


class ContactHandler(BaseHandler):
    async def read_index(self):
        skip, limit = self.page(20)
        rows, total, unread = await chats.contacts(self.db, self.current, skip, limit)
        self.reply({"ret_data": rows, "data_count": total, "unread_msg_num": unread})

    async def read_query_num(self):
        self.reply({"chatinfo_count": await chats.unread_for_user(self.db, self.current["_id"])}, "查询成功")


def _send_type(handler: BaseHandler, expected: int) -> int:
    send_type = handler.arg_int("send_type", default=expected, choices=(1, 2))
    if send_type != expected:
        side = "雷达用户" if expected == chats.FROM_USER else "客户"
        raise ApiError(301, f"send_type: {side}只能发送 send_type {expected}")
    return send_type


class RadarChatHandler(BaseHandler):
    async def _customer(self):
        return await customers.related(self.db, self.current, self.arg_int("customer_id", required=True))

    async def read_index(self):
        skip, limit = self.page(20)
        customer, _ = await self._customer()
        rows, total, _read = await chats.history(self.db, self.current["_id"], customer, chats.FROM_USER, skip,
                                                 limit)
        self.reply({"ret_data": rows, "data_count": total}, "分页获取-全部聊天消息成功" if rows else "没有新消息")

    async def read_getmsg(self, _o_id: int):
        customer, _ = await self._customer()
        rows = await chats.take_new(self.db, self.current["_id"], customer, chats.FROM_USER)
        self.reply(rows, "实时获取-最新聊天记录成功")

    async def write_send_msg(self, _o_id: int):
        content = chats.parse_content(self.arg_json("content", required=True))
        send_type = _send_type(self, chats.FROM_USER)
        customer, belonger = await self._customer()
        chat = await send_message(self.ctx, user=self.current, customer=customer, belonger=belonger,
                                  send_type=send_type, content=content)
        self.reply({"id": chat["_id"]}, "send msg successful")


class CustomerChatHandler(CustomerBase):
    async def read_index(self):
        skip, limit = self.page(20)
        user = await self.radar_user()
        rows, total, read = await chats.history(self.db, user["_id"], self.current, chats.FROM_CUSTOMER, skip, limit)
        if read:
            notify_read(self.ctx, user["_id"], self.current["_id"])
        self.reply({"ret_data": rows, "data_count": total}, "分页获取-全部聊天消息成功" if rows else "没有新消息")

    async def read_getmsg(self, _o_id: int):
        user = await self.radar_user()
        rows = await chats.take_new(self.db, user["_id"], self.current, chats.FROM_CUSTOMER)
        if rows:
            notify_read(self.ctx, user["_id"], self.current["_id"])
        self.reply(rows, "实时获取-最新聊天记录成功")

    async def read_query_num(self):
        self.reply({"chatinfo_count": await chats.unread_for_customer(self.db, self.current["_id"])}, "查询成功")

    async def write_send_msg(self, _o_id: int):
        content = chats.parse_content(self.arg_json("content", required=True))
        send_type = _send_type(self, chats.FROM_CUSTOMER)
        user = await self.radar_user()
        belonger = await self.relation(user)
        chat = await send_message(self.ctx, user=user, customer=self.current, belonger=belonger,
                                  send_type=send_type, content=content)
        self.reply({"id": chat["_id"]}, "send msg successful")
