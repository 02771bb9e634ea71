"""The radar's views of customer actions: /zhugeleida/qiyeweixin/action/<view>."""

from handlers.base import BaseHandler, get
from models import actions, customers


class ActionHandler(BaseHandler):
    def _window(self) -> dict:
        return {"since": self.arg_date("create_date__gte"), "until": self.arg_date("create_date__lt")}

    def _action(self):
        return self.arg_int("action", choices=tuple(actions.ACTIONS))

    async def _customer_id(self, required: bool = False) -> int | None:
        customer_id = self.arg_int("customer_id", required=required)
        if customer_id is not None:
            await customers.own_customer(self.db, self.current, customer_id)
        return customer_id

    @get("get_new_log")
    async def new_logs(self):
        limit = self.arg_int("length", default=100, min_value=1, max_value=1000)
        rows, total = await actions.new_logs(self.db, self.current, self._action(), limit)
        self.reply({"ret_data": rows, "data_count": total}, "查询日志记录成功")

    @get("time")
    async def by_time(self):
        skip, limit = self.page(10)
        rows, total = await actions.by_time(self.db, self.current, action=self._action(),
                                            customer_id=await self._customer_id(),
                                            search=self.arg_str("search", max_len=64), skip=skip, limit=limit,
                                            **self._window())
        self.reply({"ret_data": rows, "data_count": total}, "查询日志记录成功")

    @get("customer")
    async def by_customer(self):
        skip, limit = self.page(10)
        rows = await actions.by_customer(self.db, self.current, skip=skip, limit=limit, **self._window())
        self.reply(rows, "查询日志记录成功")

    @get("count")
    async def by_action(self):
        data = await actions.by_action(self.db, self.current, customer_id=await self._customer_id(),
                                       **self._window())
        self.reply([data], "查询日志记录成功")

    @get("customer_detail")
    async def customer_detail(self):
        customer_id = await self._customer_id(required=True)
        data = await actions.customer_detail(self.db, self.current, customer_id, **self._window())
        self.reply([data], "查询日志记录成功")
