"""The web pages served at product URLs (the files live in static/): the scan-login pages and the
workbench (static/web/, at / and /setup).

Pages may not be framed by other sites (a framed confirm page is a click-jacking tool).
"""

import base64
import hashlib
import json
import posixpath
import re
from pathlib import Path

from tornado.ioloop import IOLoop

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


# The workbench's modules import each other by path ("./api.js") and the libraries by name ("vue");
# the page's import map turns each into its versioned URL (static_url: cached by browsers for good).
LIBRARIES = {"vue": "vendor/vue/vue.runtime.esm-browser.prod.js", "blueimp-md5": "vendor/blueimp-md5/md5.js",
             "echarts": "vendor/echarts/echarts.js"}
ENTRY = "web/main.js"
# The static imports of a module (dynamic import() is left alone: views and charts load when used).
STATIC_IMPORT = re.compile(r'^import\s(?:[^;"]*?\sfrom\s*)?"([^"]+)"', re.MULTILINE)


def workbench_policy(import_map: str) -> str:
    """Templates are compiled ahead of time (scripts/vendor-web), so scripts are this origin's files
    and the one inline import map, allowed by its hash: no 'unsafe-eval', no 'unsafe-inline'.
    Styles allow inline: Vue binds style attributes and ECharts' tooltips carry them (customer text
    in them is escaped). Avatars come from WeChat's servers; the API and the sockets are this origin's."""
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    return (f"default-src 'self'; script-src 'self' 'sha256-{digest}'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob: http: https:; connect-src 'self' ws: wss:; frame-ancestors 'none'")


class WorkbenchHandler(BaseHandler):
    """static/web/index.html as a template: its import map and module preloads give every module a
    versioned URL (static_url), which the static handler lets browsers cache for a year; the page
    itself is revalidated."""

    _page: dict | None = None  # the import map, its policy and the preloads: the files change only with a deploy

    def get_template_path(self) -> str:
        return str(Path(ROOT) / "static" / "web")

    def versioned(self, path: str) -> str:
        """static_url with the first 16 hex digits of the file's hash: every module is named in the page,
        so the versions are short (the static handler caches any ?v= for a year)."""
        url = self.static_url(path)
        return url[:url.index("?v=") + 19]

    def modules(self) -> dict:
        static = Path(ROOT) / "static"
        prefix = self.settings.get("static_url_prefix", "/static/")
        files = sorted(path.relative_to(static).as_posix() for path in (static / "web").rglob("*.js"))
        imports = {name: self.versioned(path) for name, path in LIBRARIES.items()}
        imports.update({prefix + path: self.versioned(path) for path in files})
        import_map = json.dumps({"imports": imports}, separators=(",", ":"))
        # What the entry imports, and what that imports: fetched at once instead of one level at a time.
        preload, todo = [], [ENTRY]
        while todo:
            path = todo.pop()
            for name in STATIC_IMPORT.findall((static / path).read_text()):
                target = LIBRARIES.get(name) or posixpath.normpath(posixpath.join(posixpath.dirname(path), name))
                url = self.versioned(target)
                if url not in preload:
                    preload.append(url)
                    if target.startswith("web/"):
                        todo.append(target)
        return {"importmap": import_map, "policy": workbench_policy(import_map), "preload": preload}

    @get(auth=None)
    async def show(self):
        if WorkbenchHandler._page is None:  # every module read and hashed once: off the loop
            WorkbenchHandler._page = await IOLoop.current().run_in_executor(None, self.modules)
        page = WorkbenchHandler._page
        for name, value in {**PAGE_HEADERS, "Content-Security-Policy": page["policy"]}.items():
            self.set_header(name, value)
        self.render("index.html", importmap=page["importmap"], preload=page["preload"], versioned=self.versioned)
