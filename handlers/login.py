"""Password login: POST /zhugeleida/login."""

from handlers.base import BaseHandler, post
from models import users


class LoginHandler(BaseHandler):
    @post(auth=None, body="small")
    async def login(self):
        username = self.arg_str("username", required=True, max_len=64)
        password = self.arg_str("password", required=True, max_len=128, strip=False)
        self.reply(await users.password_login(self.db, username, password, self.client_ip), "登录成功")
