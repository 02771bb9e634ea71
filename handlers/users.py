"""Radar-user management: /zhugeleida/qiyeweixin/user[/<oper>/<id>] (admins)."""

import events
from handlers.base import BaseHandler, get, post
from models import users
from models.accounts import STATUS_TEXT


class UserHandler(BaseHandler):
    auth = "admin"

    @get()
    async def search(self):
        skip, limit = self.page(10)
        rows, total = await users.search(
            self.db, self.current,
            username=self.arg_str("username"), role_name=self.arg_str("role__name"),
            company_name=self.arg_str("company__name"), created_on=self.arg_date("create_date"),
            skip=skip, limit=limit,
        )
        self.reply({"ret_data": rows, "data_count": total}, "查询成功")

    @post("add/0")
    async def add(self):
        user = await users.add(
            self.db, self.current,
            username=self.arg_str("username", required=True, max_len=64),
            password=self.arg_str("password", required=True, max_len=128, strip=False),
            role_id=self.arg_int("role_id", required=True),
            company_id=self.arg_int("company_id", default=self.current["company_id"]),
            userid=self.userid(),
        )
        self.reply({"user_id": user["_id"]}, "添加成功")

    def userid(self) -> str | None:
        """The WeCom userid; the seed's parameter table spells it usedid."""
        return self.arg_str("userid", max_len=64) or self.arg_str("usedid", max_len=64)

    @post("update/<id>")
    async def update(self, user_id: int):
        changes = {
            "username": self.arg_str("username", max_len=64),
            "password": self.arg_str("password", max_len=128, strip=False),
            "role_id": self.arg_int("role_id"),
            "company_id": self.arg_int("company_id"),
            "status": self.arg_int("status", choices=tuple(STATUS_TEXT)),
            "userid": self.userid(),
        }
        changes = {k: v for k, v in changes.items() if v is not None}
        await users.update(self.db, self.current, user_id, changes)
        events.user_changed(self.ctx, user_id, changes)
        self.reply(msg="修改成功")

    @post("delete/<id>")
    async def delete(self, user_id: int):
        await users.delete(self.db, self.current, user_id)
        events.account_signed_out(self.ctx, events.USER, user_id)
        self.reply(msg="删除成功")
