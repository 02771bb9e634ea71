"""Chat in real time: sending a message (REST or socket, either side) and the two chat sockets.

Radar side:    /zhugeleida/public/websocket/leida (also /zhugeleida/qiyeweixin/websocket/leida_chat)
Customer side: /zhugeleida/public/websocket/xiaochengxu?...&u_id=<radar user>
Every message is stored, then pushed at once to every live socket of the addressee and to the
sender's other sockets.
"""

from models import chats, customers, users
from models.errors import ApiError, missing, parse_int
from websocket.hub import CUSTOMER, USER
from websocket.live import LiveSocket

RADAR_FRAME_MSG = "实时推送雷达-最新聊天信息成功"
CUSTOMER_FRAME_MSG = "实时推送小程序-最新聊天信息成功"


def chat_frame(msg: str, rows: list[dict]) -> dict:
    return {"code": 200, "msg": msg, "type": "chat", "data": {"ret_data": rows, "count": len(rows)}}


async def send_message(ctx, *, user: dict, customer: dict, belonger: dict, send_type: int, content: dict,
                       origin=None) -> dict:
    """Store a message and push it to both sides' live sockets (except the one it came from)."""
    chat = await chats.send(ctx.db, user=user, customer=customer, belonger=belonger, send_type=send_type,
                            content=content)
    row = chats.push_item(chat, user, customer)
    ctx.hub.push_to_user(user["_id"], chat_frame(RADAR_FRAME_MSG, [row]), exclude=origin)
    ctx.hub.push_to_customer(customer["_id"], chat_frame(CUSTOMER_FRAME_MSG, [row]), exclude=origin)
    return chat


def notify_read(ctx, user_id: int, customer_id: int) -> None:
    """Tell the radar user's sockets that the customer has read their messages (the original's 202)."""
    ctx.hub.push_to_user(user_id, {"code": 202, "msg": "实时通知小程序新消息-已读通知", "type": "read",
                                   "data": {"customer_id": customer_id, "is_customer_already_read": 1}})


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

    async def welcome(self) -> dict:
        return {"unread_msg_num": await chats.unread_for_user(self.db, self.account["_id"])}

    async def handle(self, kind, frame: dict) -> None:
        if kind == "query_num":
            self.send_frame({"code": 200, "msg": "实时获取雷达【消息数量】成功", "data": await self.welcome()})
            return
        check_kind(kind)
        customer, belonger = await customers.related(self.db, self.account, frame_int(frame, "customer_id"))
        if kind == "read":
            await chats.mark_read(self.db, self.account["_id"], customer["_id"], chats.FROM_USER)
            self.send_frame({"code": 200, "msg": "已读", "data": await self.welcome()})
            return
        if "user_id" in frame and str(frame["user_id"]) != str(self.account["_id"]):
            self.send_frame({"code": 301, "msg": "user_id: 与连接的用户不一致"})
            return
        await send_message(self.ctx, user=self.account, customer=customer, belonger=belonger,
                           send_type=chats.FROM_USER, content=chats.parse_content(frame.get("content")), origin=self)
        self.send_frame({"code": 200, "msg": "雷达消息-发送成功"})


class CustomerChatSocket(LiveSocket):
    room = CUSTOMER

    async def welcome(self) -> dict:
        return {"unread_msg_num": await chats.unread_for_customer(self.db, self.account["_id"])}

    async def _radar_user(self, frame: dict) -> tuple[dict, dict]:
        user_id = frame_int(frame, "u_id", self.get_query_argument("u_id", None))
        user = await users.active_in_company(self.db, user_id, self.account["company_id"])
        return user, await customers.relate(self.db, user, self.account)

    async def handle(self, kind, frame: dict) -> None:
        if kind == "query_num":
            self.send_frame({"code": 200, "msg": "实时获取小程序【消息数量】成功", "data": await self.welcome()})
            return
        check_kind(kind)
        user, belonger = await self._radar_user(frame)
        if kind == "read":
            if await chats.mark_read(self.db, user["_id"], self.account["_id"], chats.FROM_CUSTOMER):
                notify_read(self.ctx, user["_id"], self.account["_id"])
            self.send_frame({"code": 200, "msg": "已读", "data": await self.welcome()})
            return
        await send_message(self.ctx, user=user, customer=self.account, belonger=belonger,
                           send_type=chats.FROM_CUSTOMER, content=chats.parse_content(frame.get("content")),
                           origin=self)
        self.send_frame({"code": 200, "msg": "小程序消息-发送成功"})
