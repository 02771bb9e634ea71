"""GET /healthz: a real round trip to the database."""

import logging

from handlers.base import BaseHandler

log = logging.getLogger("radar.http")


class HealthHandler(BaseHandler):
    auth = None

    async def read_index(self):
        try:
            await self.db.command("ping")
        except Exception:
            log.exception("health check: the database did not answer")
            self.reply({"db": self.ctx.db_kind}, "数据库无响应", code=500)
            return
        self.reply({"db": self.ctx.db_kind}, "ok")
