"""POST /zhugeleida/public/setup: the first-run page's call (see models.first_run)."""

from common.errors import invalid
from handlers.base import BaseHandler, post
from models import users


class SetupHandler(BaseHandler):
    @post(auth=None)
    async def create(self):
        token = self.arg_str("token", required=True, max_len=64)
        company = self.arg_str("company", required=True, max_len=64)
        username = self.arg_str("username", required=True, max_len=32)
        password = self.arg_str("password", required=True, max_len=128)
        if len(password) < users.MIN_ADMIN_PASSWORD:
            raise invalid("password", f"至少{users.MIN_ADMIN_PASSWORD}个字符")
        self.ctx.first_run.take(token)
        try:
            session = await users.first_admin(self.db, username, password, company)
        except BaseException:
            self.ctx.first_run.give_back(token)
            raise
        self.reply(session, "初始化成功")
