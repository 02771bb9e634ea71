"""Roles: /zhugeleida/qiyeweixin/role[/<oper>/<id>] (admins)."""

from handlers.base import BaseHandler, get, post
from handlers.permissions import PermissionOperations
from models import roles


class RoleHandler(PermissionOperations, BaseHandler):
    auth = "admin"

    @get()
    async def search(self):
        skip, limit = self.page(10)
        rows, total = await roles.search(self.db, self.current, self.arg_str("name"), skip, limit)
        self.reply({"ret_data": rows, "data_count": total})

    @post()  # the seed documents adding a role as a POST on /role itself
    @post("add/0")
    async def add(self):
        if self.is_permission():  # the seed's permission section posts here
            await self.add_permission()
            return
        role = await roles.create(self.db, self.current, self.arg_str("name", required=True, max_len=64))
        self.reply({"role_id": role["_id"]}, "添加成功")

    @post("update/<id>")
    async def update(self, role_id: int):
        if self.is_permission():
            await self.update_permission(role_id)
            return
        await roles.rename(self.db, self.current, role_id, self.arg_str("name", required=True, max_len=64))
        self.reply(msg="修改成功")

    @post("delete/<id>")
    async def delete(self, role_id: int):
        await roles.delete(self.db, self.current, role_id)
        self.reply(msg="删除成功")
