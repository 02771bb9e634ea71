"""A radar user's customers: /zhugeleida/qiyeweixin/customer[/<oper>/<customer_id>]."""

import events
from common.errors import missing
from handlers.base import BaseHandler, get, post
from models import customers, follow, scoring


class CustomerHandler(BaseHandler):
    @get()
    async def profile(self):
        customer_id = self.arg_int("customer_id", required=True)
        self.reply({"ret_data": [await customers.profile(self.db, self.current, customer_id)], "data_count": 1},
                   "查询成功")

    @post("update_information/<customer_id>")
    async def update_information(self, customer_id: int):
        fields = {
            "username": self.arg_str("username", max_len=64),
            "memo_name": self.arg_str("memo_name", max_len=64),
            "sex": self.arg_int("sex", choices=(1, 2)),
            "phone": self.arg_str("phone", max_len=32),
            "email": self.arg_str("email", max_len=128),
            "company": self.arg_str("company", max_len=128),
            "position": self.arg_str("position", max_len=64),
            "address": self.arg_str("address", max_len=255),
            "mem": self.arg_str("mem", max_len=1000),
        }
        birthday = self.arg_date("birthday")
        if birthday:
            fields["birthday"] = birthday.isoformat()
        source = self.arg_int("source", choices=tuple(customers.SOURCE_TEXT))
        superior = self.arg_int("superior")
        await customers.update_information(self.db, self.current, customer_id,
                                           {k: v for k, v in fields.items() if v is not None}, source, superior)
        self.reply(msg="添加成功")

    def _pr(self, *names: str):
        for name in names:
            value = self.arg_str(name, max_len=16)
            if value is not None:
                return customers.parse_pr(value)
        return None

    @post("update_customer/<customer_id>")
    async def update_customer(self, customer_id: int):
        await customers.update_deal(self.db, self.current, customer_id, tag_ids=self.arg_int_list("tag_list"),
                                    expected_pr=self._pr("expedted_pr"),
                                    expected_time=self.arg_date("expected_time"))
        self.reply(msg="添加成功")

    @post("update_expected_time/<customer_id>")
    async def update_expected_time(self, customer_id: int):
        expected_time = self.arg_date("expected_time", required=True)
        belonger = await customers.update_deal(self.db, self.current, customer_id, expected_time=expected_time)
        await follow.add_note(self.db, self.current, belonger, follow.FORECAST_DATE_NOTE.format(expected_time))
        events.stats_moved(self.ctx, self.current["company_id"])
        self.reply(msg="添加成功")

    @post("update_expected_pr/<customer_id>")
    async def update_expected_pr(self, customer_id: int):
        # The seed names the field update_expected_pr; the original read expedted_pr. Both work.
        pr = self._pr("expedted_pr", "update_expected_pr")
        if pr is None:
            raise missing("expedted_pr")
        belonger = await customers.update_deal(self.db, self.current, customer_id, expected_pr=pr)
        await follow.add_note(self.db, self.current, belonger, follow.FORECAST_RATE_NOTE.format(pr))
        events.stats_moved(self.ctx, self.current["company_id"])
        self.reply(msg="添加成功")

    @post("update_outcome/<customer_id>")
    async def update_outcome(self, customer_id: int):
        """Won or lost (open takes it back): what the company's AI 成交率 model learns from."""
        outcome = scoring.check_outcome(self.arg_str("outcome", required=True, max_len=8))
        belonger = await scoring.set_outcome(self.db, self.current, customer_id, outcome)
        self.reply({"outcome": belonger.get("outcome", "open")}, "修改成功")

    @post("delete/<customer_id>")
    @get("delete/<customer_id>", writes=True)  # the seed documents it as a GET
    async def delete(self, customer_id: int):
        if await customers.delete(self.db, self.current, customer_id):
            events.account_signed_out(self.ctx, events.CUSTOMER, customer_id)
        self.reply(msg="删除成功")
