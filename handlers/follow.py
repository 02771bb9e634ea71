"""Follow-ups: /zhugeleida/qiyeweixin/follow_language and /follow_info (notes, next-contact times, 今日待跟进)."""

from datetime import datetime

import events
from common.errors import invalid, missing
from common.times import from_local, iso, today
from handlers.base import MAX_DATE, MIN_DATE, BaseHandler, get, post
from models import customers, follow


class FollowLanguageHandler(BaseHandler):
    @get()
    async def languages(self):
        skip, limit = self.page(20)
        rows = await follow.languages(self.db, self.current, skip, limit)
        # The seed's shape, with ret_data and data_count the way round it prints them.
        self.reply({"ret_data": [], "data_count": {"user_id": str(self.current["_id"]),
                                                   "follow_language_data": rows}})

    @post("add/0")
    async def add(self):
        language = await follow.add_language(self.db, self.current,
                                             self.arg_str("custom_language", required=True, max_len=128))
        self.reply({"language_id": language["_id"]}, "添加成功")

    @post("delete/<id>")
    async def delete(self, language_id: int):
        await follow.delete_language(self.db, self.current, language_id)
        self.reply(msg="删除成功")


class FollowInfoHandler(BaseHandler):
    @get()
    async def notes(self):
        skip, limit = self.page(20)
        customer, _ = await customers.own_customer(self.db, self.current, self.arg_int("customer_id", required=True))
        rows, total = await follow.notes(self.db, self.current, customer, skip, limit)
        self.reply({"ret_data": rows, "data_count": total})

    def arg_next_time(self):
        """next_time as YYYY-MM-DD (due when that day begins) or YYYY-MM-DD HH:MM[:SS] (TIME_ZONE), in
        UTC; None when sent empty."""
        value = self.arg_str("next_time", max_len=32)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value) if len(value) > 10 else datetime.fromisoformat(value + "T00:00")
        except ValueError:
            raise invalid("next_time", "时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM") from None
        if not MIN_DATE <= moment.date() <= MAX_DATE:
            raise invalid("next_time", f"日期应在 {MIN_DATE} 到 {MAX_DATE} 之间")
        return from_local(moment)

    @post("add/<customer_id>")
    async def add(self, customer_id: int):
        """A follow-up note; next_time (optional) plans the next contact, else a due one is done."""
        text = self.arg_str("follow_info", required=True, max_len=256)
        when = self.arg_next_time()
        await follow.follow_up(self.db, self.current, customer_id, text,
                               **({"next_time": when} if when is not None else {}))
        self.ctx.reminders.changed(when)
        events.stats_moved(self.ctx, self.current["company_id"])
        self.reply(msg="添加成功")

    @post("next_time/<customer_id>")
    async def next_time(self, customer_id: int):
        """Set the next-contact time ({next_time}); sent empty, it is cleared; left out, 303."""
        if not self.sent("next_time"):
            raise missing("next_time")
        when = self.arg_next_time()
        await follow.set_next_time(self.db, self.current, customer_id, when)
        self.ctx.reminders.changed(when)
        self.reply({"next_time": iso(when) or ""}, "修改成功")

    @get("due")
    async def due(self):
        """今日待跟进: next-contact times on until (default today) or before, earliest first."""
        skip, limit = self.page(20)
        until = self.arg_date("until") or today()
        rows, total = await follow.due(self.db, self.current, until, skip, limit)
        self.reply({"ret_data": rows, "data_count": total}, "查询成功")
