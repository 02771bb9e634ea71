"""Roles: /zhugeleida/qiyeweixin/role[/<oper>/<id>] (admins)."""

from handlers.base import AdminHandler
from models import roles


class RoleHandler(AdminHandler):
    async def read_index(self):
        skip, limit = self.page(10)
        rows, total = await roles.search(self.db, self.current, self.arg_str("name"), skip, limit)
        self.reply({"ret_data": rows, "data_count": total})

    async def write_index(self):
        """The seed documents adding a role as a POST on /role itself."""
        await self.write_add(0)

    async def write_add(self, _o_id: int):
        role = await roles.create(self.db, self.current, self.arg_str("name", required=True, max_len=64))
        self.reply({"role_id": role["_id"]}, "添加成功")

    async def write_update(self, role_id: int):
        await roles.rename(self.db, self.current, role_id, self.arg_str("name", required=True, max_len=64))
        self.reply(msg="修改成功")

    async def write_delete(self, role_id: int):
        await roles.delete(self.db, self.current, role_id)
        self.reply(msg="删除成功")
