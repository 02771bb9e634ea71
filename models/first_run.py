"""The first run of an empty installation: a one-time setup link (like Jupyter's login URL) whose
page creates the company and its first admin. The token lives in this process only: it is printed
at start-up, works once, and a restart of a still-empty installation prints a new one."""

import hmac
import secrets

from common.errors import ApiError


class FirstRun:
    def __init__(self):
        self.token: str | None = None

    async def open_if_empty(self, db) -> str | None:
        """A new token when nobody can log in yet (no radar user at all), else None."""
        if await db.users.find_one({}, {"_id": 1}):
            self.token = None
            return None
        self.token = secrets.token_urlsafe(24)
        return self.token

    def take(self, token: str) -> None:
        """Use the token up (before any await, so two requests cannot both use it); 404 if it is
        wrong, used or was never opened."""
        if not self.token or not hmac.compare_digest(self.token.encode(), token.encode()):
            raise ApiError(404, "token: 初始化链接无效或已使用")
        self.token = None

    def give_back(self, token: str) -> None:
        """The setup failed (a taken name, an invalid field): the link works again."""
        self.token = token
