"""Permissions (权限) tree: /zhugeleida/qiyeweixin/quanxian[/<oper>/<id>] (admins).

The seed prints add/update under /role/... by mistake; /quanxian/ is the canonical route, and a
role add/update carrying permission fields and no role name is taken as the permission operation
(PermissionOperations, shared with RoleHandler).
"""

from handlers.base import BaseHandler, get, post
from models import permissions


class PermissionOperations:
    def is_permission(self) -> bool:
        return not self.sent("name") and (self.sent("path") or self.sent("title"))

    def permission_fields(self, *, update: bool) -> dict:
        """path, title and order_num are always required; on an update, icon, component and pid_id left
        out stay as they are (pid_id sent empty moves the entry to the top)."""
        fields = {"path": self.arg_str("path", required=True),
                  "title": self.arg_str("title", required=True, max_len=64),
                  "order_num": self.arg_int("order_num", required=True, min_value=0, max_value=1_000_000)}
        for name in ("icon", "component"):
            if self.sent(name) or not update:
                fields[name] = self.arg_str(name, default="")
        if self.sent("pid_id") or not update:
            fields["pid"] = self.arg_int("pid_id", min_value=1)
        return fields

    async def add_permission(self):
        permission = await permissions.create(self.db, self.current, self.permission_fields(update=False),
                                              self.arg_int("company_id"))
        self.reply({"id": permission["_id"]}, "添加成功")

    async def update_permission(self, permission_id: int):
        await permissions.update(self.db, self.current, permission_id, self.permission_fields(update=True))
        self.reply(msg="修改成功")


class PermissionHandler(PermissionOperations, BaseHandler):
    auth = "admin"

    @get()
    async def tree(self):
        flat, tree = await permissions.tree(self.db, self.current, self.arg_int("company_id"))
        self.reply({"ret_data": flat, "result_data_tree": tree, "data_count": len(flat)}, "查询成功")

    @post("add/0")
    async def add(self):
        await self.add_permission()

    @post("update/<id>")
    async def update(self, permission_id: int):
        await self.update_permission(permission_id)

    @post("delete/<id>")
    async def delete(self, permission_id: int):
        await permissions.delete(self.db, self.current, permission_id)
        self.reply(msg="删除成功")
