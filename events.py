"""Every event that is recorded and pushed, and every frame our sockets send.

One call from a handler or a socket goes from the request to the notification, as in Tornado's
chat demo: the model stores, then the hub pushes to every live socket of the addressee. Frame
formats live here and nowhere else.
"""

import asyncio
import logging
from datetime import timedelta

from pymongo.errors import ConnectionFailure
from tornado.ioloop import IOLoop

from common.errors import DISABLED, ApiError, disabled, too_many
from common.times import utcnow
from models import actions, articles, chats, companies, customers, follow, scan_logins, users
from models.accounts import STATUS_DISABLED
from websocket.hub import CUSTOMER, SCAN, USER

# ----- frames -----------------------------------------------------------------------------------
CHAT_MSG = {USER: "实时推送雷达-最新聊天信息成功", CUSTOMER: "实时推送小程序-最新聊天信息成功"}
SENT_MSG = {USER: "雷达消息-发送成功", CUSTOMER: "小程序消息-发送成功"}
SIGNED_OUT = 404, "非法请求"

log = logging.getLogger("radar.events")


def frame(code: int, msg: str, data=None, kind: str | None = None) -> dict:
    """A socket frame: {"code", "msg"} as the seed prints them, with "type" and "data" when there are any."""
    answer = {"code": code, "msg": msg}
    if kind:
        answer["type"] = kind
    if data is not None:
        answer["data"] = data
    return answer


SCAN_WAITING = frame(201, "等待验证中")
SCAN_FAILED = frame(301, "登录失败")
SCAN_INVALID = frame(303, "Auth code已经失效")
SCAN_TIMEOUT = frame(504, "等待超时,关闭长连接")


def chat_frame(side: str, rows: list[dict]) -> dict:
    """New messages, pushed to side (USER: the radar user's sockets, CUSTOMER: the customer's)."""
    return frame(200, CHAT_MSG[side], {"ret_data": rows, "count": len(rows)}, "chat")


def action_frame(item: dict) -> dict:
    return frame(200, "实时推送雷达-最新访问日志成功", {"ret_data": [item], "count": 1}, "action_log")


def read_frame(customer_id: int) -> dict:
    """The original's 202: the customer has read the radar user's messages."""
    return frame(202, "实时通知小程序新消息-已读通知", {"customer_id": customer_id, "is_customer_already_read": 1},
                 "read")


def stats_frame(company_id: int) -> dict:
    """The Boss radar's numbers moved: the workbench fetches what it shows again (no numbers here)."""
    return frame(200, "实时推送-统计数据有更新", {"company_id": company_id}, "stats")


def follow_due_frame(items: list[dict]) -> dict:
    """Customers whose next-contact time has come (follow_info/next_time)."""
    return frame(200, "跟进提醒: 有客户到了约定的跟进时间", {"ret_data": items, "count": len(items)}, "follow_due")


def sent_frame(side: str) -> dict:
    return frame(200, SENT_MSG[side])


def unread_frame(side: str, unread: int, msg: str | None = None) -> dict:
    default = "实时获取雷达【消息数量】成功" if side == USER else "实时获取小程序【消息数量】成功"
    return frame(200, msg or default, {"unread_msg_num": unread})


def scan_login_frame(session: dict, company: dict) -> dict:
    """The seed's 200 frame, with exactly its data keys."""
    return frame(200, "登录成功", {
        "user_id": session["user_id"], "token": session["token"], "role_id": session["role_id"],
        "username": session["username"], "avatar": session["avatar"], "company_name": session["company_name"],
        "company_id": session["company_id"], "weChatQrCode": company.get("weChatQrCode", ""),
        "state": "scan_code_web_login", "last_login_date": session["last_login_date"],
    })


# ----- customer actions -------------------------------------------------------------------------
def _customer_event(ctx, customer: dict) -> None:
    """Each customer may report CUSTOMER_EVENTS_PER_MINUTE actions, reads, forwards and stay times
    (bursts of CUSTOMER_EVENTS_BURST); past that 429 and nothing is stored."""
    if not ctx.limits.customer_events.allow(customer["_id"]):
        raise too_many("操作过于频繁,请稍后再试")


async def _once_per_window(ctx, key: tuple, first, again):
    """Counters count people, not requests: the same thing done again by the same customer within
    REPEAT_WINDOW_S counts once. first() does it for real and returns (result, memo); a repeat calls
    again(memo) instead, which returns a result or None to count anew (what the memo named is gone).
    A repeat that arrives while the first is still being written waits for it."""
    now = utcnow().timestamp()
    pending = ctx.repeats.get(key, now)
    if pending is not None:
        memo = await pending
        result = await again(memo) if memo is not None else None
        if result is not None:
            return result
    done = asyncio.get_running_loop().create_future()
    ctx.repeats.put(key, done, now)
    try:
        result, memo = await first()
    except BaseException:
        ctx.repeats.drop(key, done)
        done.set_result(None)
        raise
    done.set_result(memo)
    return result


async def customer_acted(ctx, *, user: dict, customer: dict, action: int, product: dict | None = None,
                         source: int = 1) -> dict:
    """A customer did something on a radar user's card: relate them on first contact, record it,
    and show it on the radar user's open sockets at once. 觉得靠谱 is a vote the customer toggles (its
    net count cannot grow), so each call counts; any other action repeated within REPEAT_WINDOW_S
    joins its first log."""
    _customer_event(ctx, customer)

    async def first():
        item = await actions.customer_did(ctx.db, user=user, customer=customer, action=action, product=product,
                                          source=source)
        return item, item["id"]

    if action == actions.PRAISE:
        item, _log_id = await first()
    else:
        key = ("action", user["_id"], customer["_id"], action, product["_id"] if product else None)
        item = await _once_per_window(ctx, key, first, lambda log_id: actions.repeated(ctx.db, log_id, customer))
    ctx.hub.push_to_user(user["_id"], action_frame(item))
    stats_moved(ctx, user["company_id"])
    return item


# ----- articles ---------------------------------------------------------------------------------
async def _article_action(ctx, user: dict, customer: dict, action: int, article: dict) -> dict:
    """Log a reader's action on the sharer's radar (whether or not the reader is theirs)."""
    item, _touched = await asyncio.gather(
        actions.record(ctx.db, user=user, customer=customer, action=action, article=article),
        customers.touch_activity_of(ctx.db, user, customer, action))
    return item


async def article_read(ctx, *, company_id: int, article_id: int, sharer: dict, customer: dict,
                       pid: int | None) -> tuple[dict, dict]:
    """A reader opened a shared article: (article, read). The first time in REPEAT_WINDOW_S it is their
    place in the forward tree, counted reads, 查看文章 on the radar; a reload within it counts nothing
    and goes on with the same read (stay time adds up there)."""
    _customer_event(ctx, customer)

    async def first():
        article, _node, read = await articles.read(ctx.db, company_id=company_id, article_id=article_id,
                                                   uid=sharer["_id"], customer=customer, pid=pid)
        item = await _article_action(ctx, sharer, customer, actions.ARTICLE_READ, article)
        return (article, read, item), (read, item["id"])

    async def again(memo):
        read, log_id = memo
        article = await articles.in_company(ctx.db, company_id, article_id)
        item = await actions.repeated(ctx.db, log_id, customer)
        return (article, read, item) if item else None

    article, read, item = await _once_per_window(ctx, ("read", sharer["_id"], customer["_id"], article_id),
                                                 first, again)
    ctx.hub.push_to_user(sharer["_id"], action_frame(item))
    stats_moved(ctx, company_id)
    return article, read


async def article_stayed(ctx, *, customer: dict, article_id: int, read_id: int, seconds: int) -> dict:
    _customer_event(ctx, customer)
    return await articles.stay(ctx.db, customer, article_id, read_id, seconds)


async def article_forwarded(ctx, *, company_id: int, article_id: int, sharer: dict, customer: dict,
                            forward_type: int) -> dict:
    """A reader shared the article on: counted once per REPEAT_WINDOW_S and kind of forward."""
    _customer_event(ctx, customer)
    action = actions.ARTICLE_TO_FRIEND if forward_type == articles.FRIEND else actions.ARTICLE_TO_MOMENTS

    async def first():
        article, node = await articles.forward(ctx.db, company_id=company_id, article_id=article_id,
                                               uid=sharer["_id"], customer=customer, forward_type=forward_type)
        item = await _article_action(ctx, sharer, customer, action, article)
        return (node, item), item["id"]

    async def again(log_id):
        node = await articles.node_of(ctx.db, article_id, sharer["_id"], customer["_id"])
        item = await actions.repeated(ctx.db, log_id, customer) if node else None
        return (node, item) if item else None

    node, item = await _once_per_window(ctx, ("forward", sharer["_id"], customer["_id"], article_id, forward_type),
                                        first, again)
    ctx.hub.push_to_user(sharer["_id"], action_frame(item))
    stats_moved(ctx, company_id)
    return node


# ----- chat -------------------------------------------------------------------------------------
async def message_sent(ctx, *, user: dict, customer: dict, send_type: int, content: dict, radar_side: bool = False,
                       source: int = 1, origin=None) -> dict:
    """Store a message and push it to every live socket of both sides, the sender's other sockets
    included, as soon as the message itself is stored. The socket it came from (origin) gets its
    发送成功 answer once everything is written, then the push, as the seed says: a page that renders only
    from pushes shows its own messages too.

    Each account may send CHAT_MESSAGES_PER_S messages a second, with bursts of CHAT_BURST;
    past that the message is refused with 429 and nothing is stored."""
    side = USER if send_type == chats.FROM_USER else CUSTOMER
    if not ctx.limits.chat.allow((side, user["_id"] if side == USER else customer["_id"])):
        raise too_many("发送消息过于频繁,请稍后再试")

    frames = {}

    def stored(chat: dict) -> None:
        row = chats.push_item(chat, user, customer)
        frames.update({USER: chat_frame(USER, [row]), CUSTOMER: chat_frame(CUSTOMER, [row])})
        ctx.hub.push_to_user(user["_id"], frames[USER], exclude=origin)
        ctx.hub.push_to_customer(customer["_id"], frames[CUSTOMER], exclude=origin)

    chat = await chats.send(ctx.db, user=user, customer=customer, send_type=send_type, content=content,
                            radar_side=radar_side, source=source, stored=stored)
    if origin is not None:  # answered when everything is written, as a REST call is
        origin.send_frame(sent_frame(side))
        origin.send_frame(frames[side])
    stats_moved(ctx, customer["company_id"])
    return chat


def customer_read(ctx, user_id: int, customer_id: int) -> None:
    """Tell the radar user's sockets that the customer has read their messages."""
    ctx.hub.push_to_user(user_id, read_frame(customer_id))


# ----- accounts ---------------------------------------------------------------------------------
def account_signed_out(ctx, room: str, account_id: int, code: int = SIGNED_OUT[0], msg: str = SIGNED_OUT[1]) -> None:
    """A password change, a disable or a delete: every open socket of the account gets the frame a
    refused call would get, and closes. REST calls are refused from the next one on anyway."""
    ctx.hub.refuse_all(room, account_id, code, msg)


def user_changed(ctx, user_id: int, changes: dict) -> None:
    """After users.update: a new password signs the user out everywhere, a disable too (with 306)."""
    if changes.get("password"):
        account_signed_out(ctx, USER, user_id)
    elif changes.get("status") == STATUS_DISABLED:
        account_signed_out(ctx, USER, user_id, *DISABLED)


# ----- scan-code web login ----------------------------------------------------------------------
async def scan_login_answer(db, user_id: int) -> dict:
    """The frame a waiting login page gets for a confirmed code."""
    user = await users.get(db, user_id)
    if not user or user["status"] == STATUS_DISABLED:
        return SCAN_FAILED
    session = await users.start_session(db, user)
    return scan_login_frame(session, await companies.get(db, user["company_id"]) or {})


async def scan_handed_over(ctx, auth_code: str) -> dict | None:
    """Use a confirmed code once: the login frame, or None when it was already used."""
    entry = await scan_logins.use(ctx.db, auth_code)
    return await scan_login_answer(ctx.db, entry["user_id"]) if entry else None


async def scan_confirmed(ctx, auth_code: str, user: dict) -> None:
    """A radar user confirms a scan: the waiting page gets its session at once. A disabled user
    fails the login (and is told 306); a user of another company than the page asked for is refused."""
    if user["status"] == STATUS_DISABLED:
        if await scan_logins.fail(ctx.db, auth_code):
            ctx.hub.push_to_scan(auth_code, SCAN_FAILED)
        raise disabled()
    entry = await scan_logins.find(ctx.db, auth_code)
    if entry and entry.get("company_id") not in (None, user["company_id"]):
        raise ApiError(301, "auth_code: 这个登录请求不是给您的公司的")
    if not await scan_logins.confirm(ctx.db, auth_code, user["_id"]):
        raise ApiError(SCAN_INVALID["code"], SCAN_INVALID["msg"])
    if ctx.hub.count(SCAN, auth_code):
        answer = await scan_handed_over(ctx, auth_code)
        if answer:
            ctx.hub.push_to_scan(auth_code, answer)


# ----- the Boss radar's live refresh ------------------------------------------------------------
def stats_moved(ctx, company_id: int) -> None:
    """Something the Boss radar counts moved (an action, a message, a follow-up, a new customer)."""
    ctx.stats_pushes.moved(ctx, company_id)


class StatsPushes:
    """Tells a company's admins and Bosses on the radar socket that its numbers moved, at most once
    every interval_s per company: the first move is told at once, the moves after it together when the
    interval is over. Who to tell is one indexed read of the company's users, made only when pushing."""

    def __init__(self, interval_s: float):
        self.interval_s = interval_s
        self.last: dict[int, float] = {}  # company -> when it was last told (IOLoop time)
        self.pending: set[int] = set()

    def moved(self, ctx, company_id: int) -> None:
        if company_id in self.pending:
            return
        loop = IOLoop.current()
        self.pending.add(company_id)
        wait = self.last.get(company_id, -self.interval_s) + self.interval_s - loop.time()
        loop.call_later(max(0.0, wait), self._push, ctx, company_id)

    async def _push(self, ctx, company_id: int) -> None:
        self.pending.discard(company_id)
        self.last[company_id] = IOLoop.current().time()
        try:
            bosses = await users.boss_ids(ctx.db, company_id)
        except ConnectionFailure as error:  # the database is away: one line, not a traceback
            log.warning("stats push for company %s skipped: %s", company_id, type(error).__name__)
            return
        except Exception:
            log.exception("stats push for company %s failed", company_id)
            return
        ctx.hub.push_to_users(bosses, stats_frame(company_id))


# ----- follow-up reminders ----------------------------------------------------------------------
class FollowReminders:
    """Pushes a follow_due frame to a radar user's sockets when a next-contact time they set falls due.

    One timer for the whole server, set for the earliest pending reminder (the remind_at index says
    which: one query per wake-up, never a scan); setting an earlier one moves the timer. It wakes at
    least every RECHECK_S (reminders written by another process). A restart reads the earliest again;
    reminders that fell due while the server was away are pushed (to whoever is connected) at start."""

    RECHECK_S = 600.0
    BATCH = 500

    def __init__(self, ctx):
        self.ctx = ctx
        self.handle = None
        self.wake_at = None  # UTC datetime of the armed timer
        self.running = False
        self.again = False
        self.stopped = False

    def start(self) -> None:
        IOLoop.current().add_callback(self.run)

    def stop(self) -> None:
        self.stopped = True
        if self.handle is not None:
            IOLoop.current().remove_timeout(self.handle)
            self.handle = None

    def changed(self, when) -> None:
        """A reminder was set for when (UTC): wake then if that is sooner than planned."""
        if when is not None:
            self._arm(when)

    def _arm(self, when) -> None:
        latest = utcnow() + timedelta(seconds=self.RECHECK_S)
        when = min(when, latest)
        if self.stopped or (self.handle is not None and self.wake_at <= when):
            return
        if self.handle is not None:
            IOLoop.current().remove_timeout(self.handle)
        self.wake_at = when
        delay = max(0.0, (when - utcnow()).total_seconds())
        self.handle = IOLoop.current().call_later(delay, self._wake)

    def _wake(self) -> None:
        self.handle = self.wake_at = None
        IOLoop.current().add_callback(self.run)

    async def run(self) -> None:
        if self.running:
            self.again = True
            return
        self.running = True
        upcoming = None
        try:
            self.again = True
            while self.again and not self.stopped:
                self.again = False
                while len(due := await follow.take_due_reminders(self.ctx.db, utcnow(), self.BATCH)) == self.BATCH:
                    self._push(due)
                self._push(due)
                upcoming = await follow.next_reminder(self.ctx.db)
        except ConnectionFailure as error:  # the database is away: one line, not a traceback
            log.warning("follow-up reminders: database unavailable (%s); trying again in a minute",
                        type(error).__name__)
            upcoming = utcnow() + timedelta(seconds=60)
        except Exception:
            log.exception("follow-up reminders failed; trying again in a minute")
            upcoming = utcnow() + timedelta(seconds=60)
        finally:
            self.running = False
        self._arm(upcoming or utcnow() + timedelta(seconds=self.RECHECK_S))

    def _push(self, rows: list[dict]) -> None:
        by_user: dict[int, list[dict]] = {}
        for row in rows:
            by_user.setdefault(row["user_id"], []).append(follow.reminder_item(row))
        for user_id, items in by_user.items():
            self.ctx.hub.push_to_user(user_id, follow_due_frame(items))
