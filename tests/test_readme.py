"""The README documents every setting and every route."""

import re
from pathlib import Path

from tornado.web import StaticFileHandler

from handlers.base import BaseHandler
from handlers.routes import routes
from settings import Settings, describe

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_setting_is_in_the_configuration_table():
    missing = [name for name, _default in describe() if f"| `{name}` |" not in README]
    assert missing == []


def documented_forms():
    """(route as the README writes it) for every route and operation the server answers."""
    for spec in routes(Settings()):
        pattern, handler = spec[0], spec[1]
        if issubclass(handler, StaticFileHandler):
            continue
        literal = re.split(r"\(|/\?$", pattern)[0].rstrip("/")
        if issubclass(handler, BaseHandler) and "(?P<oper>" in pattern:
            for _verb, oper in sorted(handler.operations):
                yield f"{literal}/{oper}" if oper else literal
        else:
            yield literal + ("/" if "(?P<" in pattern else "")


def test_every_route_is_in_the_api_index():
    missing = sorted({path for path in documented_forms() if path not in README})
    assert missing == []
