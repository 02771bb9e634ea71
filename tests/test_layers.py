"""Imports go downward only: common < settings < models < (wechat, websocket.hub) < events <
(handlers, sockets) < handlers.routes / server. A reader finds each piece where its layer says."""

import ast
from pathlib import Path

from settings import ROOT

# module (or package) -> what it may import of ours
ALLOWED = {
    "common": {"common"},
    "settings": {"common"},
    "models": {"common", "settings", "models"},
    "wechat": {"common", "settings", "models", "wechat"},
    "websocket.hub": {"common"},
    "events": {"common", "models", "websocket.hub"},
    "websocket": {"common", "models", "events", "websocket"},
    "handlers": {"common", "settings", "models", "events", "wechat", "handlers"},
    # The URL table is where handlers and sockets meet.
    "handlers.routes": {"common", "settings", "handlers", "websocket"},
}
OURS = ("common", "settings", "models", "wechat", "websocket", "events", "handlers", "server")


def layer(module: str) -> str:
    """The most specific key of ALLOWED that module falls under."""
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        if ".".join(parts[:size]) in ALLOWED:
            return ".".join(parts[:size])
    return module


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.split(".")[0] in OURS}


def test_imports_go_downward_only():
    wrong = []
    for path in sorted(ROOT.glob("**/*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in ("tests", "bench", ".venv", "scripts") or relative.name == "server.py":
            continue
        module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        own = layer(module)
        for name in imports(path):
            target = layer(name)
            if not any(target == allowed or target.startswith(allowed + ".") for allowed in ALLOWED[own]):
                wrong.append(f"{module} imports {name}")
    assert wrong == []
