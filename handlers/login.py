"""Password login: POST /zhugeleida/login."""

from handlers.base import BaseHandler
from models import users


class LoginHandler(BaseHandler):
    auth = None

    async def write_index(self):
        username = self.arg_str("username", required=True, max_len=64)
        password = self.arg_str("password", required=True, max_len=128, strip=False)
        self.reply(await users.password_login(self.db, username, password), "登录成功")
