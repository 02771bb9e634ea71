"""GET /healthz: a real round trip to the database."""

import logging

from handlers.base import BaseHandler, get

log = logging.getLogger("radar.http")


class HealthHandler(BaseHandler):
    @get(auth=None)
    async def health(self):
        try:
            await self.db.command("ping")
        except Exception as error:
            log.warning("health check: the database did not answer (%s)", type(error).__name__)
            self.reply({"db": self.ctx.db_kind}, "数据库无响应", code=500)
            return
        self.reply({"db": self.ctx.db_kind}, "ok")
