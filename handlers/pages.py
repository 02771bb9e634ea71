"""The web pages served at product URLs (the files live in static/): the scan-login pages and the
workbench (static/web/, at / and /setup).

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


# The workbench compiles its Vue templates in the browser (no build step): that needs 'unsafe-eval'.
# Avatars come from WeChat's servers; the API and the sockets are this origin's.
WORKBENCH_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data: blob: http: https:; connect-src 'self' ws: wss:; frame-ancestors 'none'")


class WorkbenchHandler(BaseHandler):
    """static/web/index.html as a template: its scripts and styles get versioned URLs (static_url),
    which the static handler lets browsers cache for a year; the page itself is revalidated."""

    def get_template_path(self) -> str:
        return str(Path(ROOT) / "static" / "web")

    @get(auth=None)
    async def show(self):
        for name, value in {**PAGE_HEADERS, "Content-Security-Policy": WORKBENCH_POLICY}.items():
            self.set_header(name, value)
        self.render("index.html")
