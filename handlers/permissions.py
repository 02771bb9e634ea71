"""Permissions (权限) tree: /zhugeleida/qiyeweixin/quanxian[/<oper>/<id>] (admins).

The seed prints add/update/delete under /role/... by mistake; they live under /quanxian/.
"""

from handlers.base import BaseHandler, get, post
from models import permissions


class PermissionHandler(BaseHandler):
    auth = "admin"

    @get()
    async def tree(self):
        flat, tree = await permissions.tree(self.db, self.current, self.arg_int("company_id"))
        self.reply({"ret_data": flat, "result_data_tree": tree, "data_count": len(flat)}, "查询成功")

    def _fields(self) -> dict:
        return {
            "path": self.arg_str("path", required=True),
            "icon": self.arg_str("icon", default=""),
            "title": self.arg_str("title", required=True, max_len=64),
            "pid": self.arg_int("pid_id", min_value=1),
            "order_num": self.arg_int("order_num", required=True, min_value=0, max_value=1_000_000),
            "component": self.arg_str("component", default=""),
        }

    @post("add/0")
    async def add(self):
        permission = await permissions.create(self.db, self.current, self._fields(), self.arg_int("company_id"))
        self.reply({"id": permission["_id"]}, "添加成功")

    @post("update/<id>")
    async def update(self, permission_id: int):
        await permissions.update(self.db, self.current, permission_id, self._fields())
        self.reply(msg="修改成功")

    @post("delete/<id>")
    async def delete(self, permission_id: int):
        await permissions.delete(self.db, self.current, permission_id)
        self.reply(msg="删除成功")
