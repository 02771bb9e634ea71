"""GET /metrics: the Prometheus text exposition, for a scraper holding METRICS_TOKEN.

Without the setting, or without the right `Authorization: Bearer <token>`, it answers exactly like
a route that does not exist. A scrape reads memory and file sizes only: no database command.
"""

import hmac

from common.errors import ApiError
from common.metrics import CONTENT_TYPE
from handlers.base import BaseHandler, get


class MetricsHandler(BaseHandler):
    @get(auth=None)
    async def scrape(self):
        token = self.cfg.metrics_token
        sent = self.request.headers.get("Authorization", "").encode()
        if not token or not hmac.compare_digest(sent, f"Bearer {token}".encode()):
            raise ApiError(404, "非法请求: 没有这个接口")
        body = await self.ctx.metrics.render(self.ctx.hub.census(), len(self.application.in_flight))
        self.set_header("Content-Type", CONTENT_TYPE)
        self.finish(body)
