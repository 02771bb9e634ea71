"""Companies: /zhugeleida/qiyeweixin/company[/<oper>/<id>] (admins; adding and deleting: the super-admin)."""

from handlers.base import BaseHandler, get, post
from models import companies
from models.scope import require_super


class CompanyHandler(BaseHandler):
    auth = "admin"

    @get()
    async def search(self):
        skip, limit = self.page(10)
        rows, total = await companies.search(self.db, self.current, self.arg_str("name"),
                                             self.arg_date("create_date"), skip, limit)
        self.reply({"ret_data": rows, "data_count": total})

    @post("add/0")
    async def add(self):
        require_super(self.current)
        company = await companies.create(self.db, self.arg_str("name", required=True, max_len=64))
        self.reply({"company_id": company["_id"]}, "添加成功")

    @post("update/<id>")
    async def update(self, company_id: int):
        changes = {"name": self.arg_str("name", max_len=64)}
        for field in companies.CREDENTIAL_FIELDS:
            changes[field] = self.arg_str(field, max_len=256)
        await companies.update(self.db, self.current, company_id, {k: v for k, v in changes.items() if v is not None})
        self.reply(msg="修改成功")

    @post("delete/<id>")
    async def delete(self, company_id: int):
        await companies.delete(self.db, self.current, company_id)
        self.reply(msg="删除成功")
