"""The web pages served at product URLs (the files live in static/).

Pages may not be framed by other sites (a framed confirm page is a click-jacking tool).
"""

from pathlib import Path

from handlers.base import BaseHandler, get
from settings import ROOT

PAGE_HEADERS = {
    "Content-Type": "text/html; charset=UTF-8",
    "Cache-Control": "no-cache",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class PageHandler(BaseHandler):
    _cache: dict[str, bytes] = {}

    def initialize(self, page: str):
        super().initialize()
        self.page = page

    @get(auth=None)
    async def show(self):
        if self.page not in self._cache:
            self._cache[self.page] = (Path(ROOT) / "static" / self.page).read_bytes()
        for name, value in PAGE_HEADERS.items():
            self.set_header(name, value)
        self.finish(self._cache[self.page])
