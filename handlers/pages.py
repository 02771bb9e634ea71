"""The web pages served at product URLs (the files live in static/)."""

from pathlib import Path

from handlers.base import BaseHandler
from settings import ROOT


class PageHandler(BaseHandler):
    auth = None
    _cache: dict[str, bytes] = {}

    def initialize(self, page: str):
        super().initialize()
        self.page = page

    async def read_index(self):
        if self.page not in self._cache:
            self._cache[self.page] = (Path(ROOT) / "static" / self.page).read_bytes()
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(self._cache[self.page])
