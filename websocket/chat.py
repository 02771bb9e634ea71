"""The two chat sockets.

Radar side:    /zhugeleida/public/websocket/leida (also /zhugeleida/qiyeweixin/websocket/leida_chat)
Customer side: /zhugeleida/public/websocket/xiaochengxu?...&u_id=<radar user>
A message frame goes through events.message_sent, like a REST send.
"""

import events
from common.errors import ApiError, missing, parse_int
from models import chats, customers, users
from websocket.hub import CUSTOMER, USER
from websocket.live import LiveSocket


def check_kind(kind) -> None:
    """Frames without a type (the seed's) and "send"/"chat" send a message; "read" marks a conversation read."""
    if kind not in (None, "send", "chat", "read"):
        raise ApiError(301, f"type: 不支持的类型 {kind}")


def frame_int(frame: dict, name: str, default=None) -> int:
    value = frame.get(name, default)
    if value is None or value == "":
        raise missing(name)
    return parse_int(name, value)


class RadarChatSocket(LiveSocket):
    room = USER

    async def unread(self) -> int:
        return await chats.unread_for_user(self.db, self.account["_id"])

    async def handle(self, kind, frame: dict) -> None:
        if kind == "query_num":
            self.send_frame(events.unread_frame(USER, await self.unread()))
            return
        check_kind(kind)
        if kind == "read":
            customer, _ = await customers.own_customer(self.db, self.account, frame_int(frame, "customer_id"))
            await chats.mark_read(self.db, self.account["_id"], customer["_id"], chats.FROM_USER)
            self.send_frame(events.unread_frame(USER, await self.unread(), "已读"))
            return
        customer = await customers.company_customer(self.db, self.account, frame_int(frame, "customer_id"))
        if "user_id" in frame and str(frame["user_id"]) != str(self.account["_id"]):
            raise ApiError(301, "user_id: 与连接的用户不一致")
        await events.message_sent(self.ctx, user=self.account, customer=customer, send_type=chats.FROM_USER,
                                  content=chats.parse_content(frame.get("content")), radar_side=True, origin=self)


class CustomerChatSocket(LiveSocket):
    room = CUSTOMER

    async def unread(self) -> int:
        return await chats.unread_for_customer(self.db, self.account["_id"])

    async def open(self, *args, **kwargs):
        self.u_id = self.get_query_argument("u_id", None)  # the radar user of frames that name none
        await super().open(*args, **kwargs)

    async def _radar_user(self, frame: dict) -> dict:
        return await users.card_holder(self.db, frame_int(frame, "u_id", self.u_id), self.account["company_id"])

    async def handle(self, kind, frame: dict) -> None:
        if kind == "query_num":
            self.send_frame(events.unread_frame(CUSTOMER, await self.unread()))
            return
        check_kind(kind)
        user = await self._radar_user(frame)
        if kind == "read":
            await customers.ensure_relation(self.db, user, self.account)
            if await chats.mark_read(self.db, user["_id"], self.account["_id"], chats.FROM_CUSTOMER):
                events.customer_read(self.ctx, user["_id"], self.account["_id"])
            self.send_frame(events.unread_frame(CUSTOMER, await self.unread(), "已读"))
            return
        await events.message_sent(self.ctx, user=user, customer=self.account, send_type=chats.FROM_CUSTOMER,
                                  content=chats.parse_content(frame.get("content")), origin=self)
