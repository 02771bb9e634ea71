"""Customer tags: /zhugeleida/qiyeweixin/tag_customer and /tag_list."""

from handlers.base import BaseHandler
from models import customers, tags


class TagCustomerHandler(BaseHandler):
    async def read_index(self):
        mine = [b["customer_id"] async for b in self.db.belongers.find({"user_id": self.current["_id"]},
                                                                       {"customer_id": 1})]
        rows = await tags.with_customers(self.db, mine)
        self.reply({"ret_data": rows, "ret_count": len(rows)})

    async def write_add(self, _o_id: int):
        name = self.arg_str("name", required=True, max_len=32)
        customer_ids = await customers.related_many(self.db, self.current,
                                                    self.arg_int_list("customer_list", required=True))
        tag = await tags.create_custom(self.db, self.current, name)
        await tags.bind(self.db, tag, customer_ids)
        self.reply({"tag_id": tag["_id"]}, "添加成功")


class TagListHandler(BaseHandler):
    async def read_index(self):
        customer_id = self.arg_int("customer_id")
        selected = set()
        if customer_id is not None:
            customer, _ = await customers.related(self.db, self.current, customer_id)
            selected = {tag["id"] for tag in customer.get("tags", [])}
        groups = await tags.grouped(self.db, self.current["company_id"], selected)
        self.reply({"ret_data": groups, "tag_count": len(groups)}, "请求成功")

    async def write_add_tag(self, customer_id: int):
        name = self.arg_str("name", required=True, max_len=32)
        customer, _ = await customers.related(self.db, self.current, customer_id)
        tag = await tags.create_custom(self.db, self.current, name)
        await tags.bind(self.db, tag, [customer["_id"]])
        self.reply({"tag_id": tag["_id"]}, "添加成功")

    async def write_delete_tag(self, tag_id: int):
        await tags.delete(self.db, self.current, tag_id)
        self.reply(msg="删除成功")

    async def write_customer_tag(self, customer_id: int):
        tag_ids = self.arg_int_list("tag_list")
        await customers.update_deal(self.db, self.current, customer_id, tag_ids=tag_ids or [])
        self.reply(msg="添加成功")
