"""Companies: /zhugeleida/qiyeweixin/company[/<oper>/<id>] (admins; adding and deleting: the super-admin)."""

from handlers.base import BaseHandler, get, post
from models import companies, users
from models.scope import require_super
from wechat import console


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

    # ----- help for connecting the company to WeChat -----------------------------------------
    @get("console_settings/<id>")
    async def console_settings(self, company_id: int):
        """Every URL and domain to paste into the WeCom and WeChat consoles, from PUBLIC_BASE_URL."""
        await companies.get_visible(self.db, self.current, company_id)
        self.reply(console.console_settings(self.cfg, company_id), "查询成功")

    @get("check_wechat/<id>")
    async def check_wechat(self, company_id: int):
        """Each configured credential tried against WeChat: which works, which fails and why."""
        company = await companies.get_visible(self.db, self.current, company_id)
        results = await console.check_credentials(self.ctx.wechat, company)
        self.reply({"ret_data": results, "all_ok": all(r["status"] == "ok" for r in results)}, "检测完成")

    @get("checklist/<id>")
    async def checklist(self, company_id: int):
        """What is still missing before the company's radar works (the radar of an admin shows it)."""
        company = await companies.get_visible(self.db, self.current, company_id)
        items = console.checklist(self.cfg, self.ctx.db_kind, company, await users.has_radar_users(self.db, company_id),
                                  self.ctx.wechat)
        self.reply({"ret_data": items, "complete": all(item["done"] for item in items)}, "查询成功")
