"""radar server: `python server.py [serve]`, `create-admin`, `seed-demo`.

Builds the Tornado application around a context (settings, database, realtime hub,
WeChat client) and runs it until SIGTERM or Ctrl-C.
"""

import argparse
import asyncio
import dataclasses
import json
import logging
import signal
import sys
from pathlib import Path

from tornado.httpserver import HTTPServer
from tornado.web import Application

from handlers.base import NotFoundHandler
from handlers.routes import routes
from models import demo, users
from models.db import EmbeddedServer, make_client
from models.errors import ApiError
from models.setup import prepare_database
from models.times import set_time_zone
from settings import ROOT, Settings
from websocket.hub import Hub
from wechat.client import WeChatClient

log = logging.getLogger("radar")

EMBEDDED_WARNING = (
    "Using the EMBEDDED database (mongoeco on SQLite, %s). It is for trials and small data only: "
    "inserts slow down as collections grow (about 100/s empty, 7/s at 2,000 documents, 1-2/s at 10,000). "
    "For real use run MongoDB and set MONGO_URI."
)


@dataclasses.dataclass
class Context:
    """Everything a handler reaches through self.ctx."""

    cfg: Settings
    db: object
    db_kind: str  # "mongodb" | "embedded"
    hub: Hub
    wechat: WeChatClient


def make_context(cfg: Settings, db, db_kind: str) -> Context:
    return Context(cfg=cfg, db=db, db_kind=db_kind, hub=Hub(cfg.ws_idle_timeout_s, cfg.ws_ping_interval_s),
                   wechat=WeChatClient(cfg, db))


def make_app(ctx: Context) -> Application:
    set_time_zone(ctx.cfg.time_zone)
    ctx.hub.start()
    return Application(
        routes(ctx.cfg),
        ctx=ctx,
        default_handler_class=NotFoundHandler,
        static_path=str(ROOT / "static"),
        websocket_max_message_size=ctx.cfg.ws_max_message_bytes,
    )


async def open_database(cfg: Settings):
    """(client, db, kind, embedded server or None). Starts the embedded server when MONGO_URI is unset."""
    embedded = None
    uri = cfg.mongo_uri
    if not uri:
        path = str(Path(cfg.data_dir) / "radar.sqlite3")
        embedded = EmbeddedServer(path, cfg.embedded_db_port)
        uri = await embedded.start()
        log.warning(EMBEDDED_WARNING, path)
    else:
        log.info("Using MongoDB at %s (database %s)", uri.split("@")[-1], cfg.mongo_db)
    client = make_client(uri)
    db = client[cfg.mongo_db]
    await prepare_database(db)
    return client, db, "embedded" if embedded else "mongodb", embedded


async def serve(cfg: Settings) -> None:
    client, db, kind, embedded = await open_database(cfg)
    ctx = make_context(cfg, db, kind)
    app = make_app(ctx)
    server = HTTPServer(app, xheaders=True, max_body_size=cfg.max_body_bytes * 2)
    server.listen(cfg.port, cfg.host)
    log.info("radar listening on http://%s:%s", cfg.host, cfg.port)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    log.info("shutting down")
    server.stop()
    ctx.hub.close_all(1001, "server shutting down")
    await server.close_all_connections()
    ctx.wechat.close()
    await client.close()
    if embedded:
        await embedded.stop()
    log.info("stopped")


async def run_command(cfg: Settings, name: str, action) -> int:
    """Run action(db) against the configured database; print its result as one JSON line."""
    client, db, _kind, embedded = await open_database(cfg)
    try:
        result = await action(db)
    except ApiError as error:
        print(f"{name}: {error.msg}", file=sys.stderr)
        return 1
    finally:
        await client.close()
        if embedded:
            await embedded.stop()
    print(json.dumps(result, ensure_ascii=False))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="server.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="run the server (the default)")
    admin = commands.add_parser("create-admin", help="create the platform super-admin")
    admin.add_argument("--username", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--company", help="name of company 1 when it does not exist yet")
    commands.add_parser("seed-demo", help="add a demo radar user with customers, chats and products")
    args = parser.parse_args(argv)

    cfg = Settings.from_env()
    logging.basicConfig(level=cfg.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "create-admin":
        if len(args.password) < 6:
            print("create-admin: password must have at least 6 characters", file=sys.stderr)
            return 2
        return asyncio.run(run_command(cfg, "create-admin", lambda db: users.create_admin(
            db, args.username, args.password, args.company)))
    if args.command == "seed-demo":
        return asyncio.run(run_command(cfg, "seed-demo", demo.seed))
    asyncio.run(serve(cfg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
