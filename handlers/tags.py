"""Customer tags: /zhugeleida/qiyeweixin/tag_customer and /tag_list."""

from common.errors import missing
from handlers.base import BaseHandler, get, post
from models import customers, tags


class TagCustomerHandler(BaseHandler):
    @get()
    async def with_customers(self):
        rows = await tags.on_customers_of(self.db, self.current)
        self.reply({"ret_data": rows, "ret_count": len(rows)})

    @post("add/0")
    async def add(self):
        name = self.arg_str("name", required=True, max_len=32)
        customer_ids = self.arg_int_list("customer_list", required=True)
        if not customer_ids:
            raise missing("customer_list")
        await customers.own_customers(self.db, self.current, customer_ids)
        tag = await tags.create_custom(self.db, self.current, name, customer_ids)
        await tags.bind(self.db, tag, customer_ids)
        self.reply({"tag_id": tag["_id"]}, "添加成功")


class TagListHandler(BaseHandler):
    @get()
    async def catalogue(self):
        customer_id = self.arg_int("customer_id")
        selected = set()
        if customer_id is not None:
            customer, _ = await customers.own_customer(self.db, self.current, customer_id)
            selected = {tag["id"] for tag in customer.get("tags", [])}
        groups = await tags.grouped(self.db, self.current["company_id"], selected)
        self.reply({"ret_data": groups, "tag_count": len(groups)}, "请求成功")

    @post("add_tag/<customer_id>")
    async def add_tag(self, customer_id: int):
        name = self.arg_str("name", required=True, max_len=32)
        await customers.own_customers(self.db, self.current, [customer_id])
        tag = await tags.create_custom(self.db, self.current, name, [customer_id])
        await tags.bind(self.db, tag, [customer_id])
        self.reply({"tag_id": tag["_id"]}, "添加成功")

    @post("delete_tag/<tag_id>")
    async def delete_tag(self, tag_id: int):
        await tags.delete(self.db, self.current, tag_id)
        self.reply(msg="删除成功")

    @post("single_choice/<group_id>", auth="admin")
    async def single_choice(self, group_id: int):
        """Admins mark a group of the catalogue single-choice (true) or not (false)."""
        await tags.set_single_choice(self.db, self.current, group_id, self.arg_bool("single_choice", required=True))
        self.reply(msg="修改成功")

    @post("customer_tag/<customer_id>")
    async def customer_tag(self, customer_id: int):
        """The customer's tags become exactly tag_list; an explicit [] clears them, a missing one is 303."""
        tag_ids = self.arg_int_list("tag_list", required=True)
        await customers.update_deal(self.db, self.current, customer_id, tag_ids=tag_ids)
        self.reply(msg="添加成功")
