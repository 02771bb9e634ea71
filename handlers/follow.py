"""Follow-ups: /zhugeleida/qiyeweixin/follow_language and /follow_info."""

from handlers.base import BaseHandler, get, post
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

    @post("add/<customer_id>")
    async def add(self, customer_id: int):
        text = self.arg_str("follow_info", required=True, max_len=256)
        _customer, belonger = await customers.own_customer(self.db, self.current, customer_id)
        await follow.add_note(self.db, self.current, belonger, text)
        self.reply(msg="添加成功")
