"""radar server: `python server.py [serve]`, `create-admin`, `seed-demo`, `rebuild-stats`.

Builds the Tornado application around a context (settings, database, realtime hub,
WeChat client, abuse guards) and runs it until SIGTERM or Ctrl-C.
"""

import argparse
import asyncio
import json
import logging
import signal
import sys
from pathlib import Path

from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback

from common import logs
from common.context import Context, activate
from common.errors import ApiError
from common.looplag import LoopLag
from common.ratelimit import Limits, RepeatWindow
from common.signatures import SignatureGuard
from common.times import Clock
from handlers.application import RadarApplication
from handlers.base import NotFoundHandler, body_limit
from handlers.routes import routes
from handlers.statics import StaticHandler
from models import demo, products, stats, uploads, users
from models.accounts import AccountCache
from models.db import EmbeddedServer, IdBlocks, make_client
from models.first_run import FirstRun
from models.setup import prepare_database
from settings import ROOT, Settings
from websocket.hub import Hub
from websocket.live import Registrations
from wechat.client import WeChatClient

log = logging.getLogger("radar")

EMBEDDED_WARNING = (
    "Using the EMBEDDED database (mongoeco on SQLite, %s). It is for trials and small data only: "
    "inserts slow down as collections grow (about 100/s empty, 7/s at 2,000 documents, 1-2/s at 10,000). "
    "For real use run MongoDB and set MONGO_URI."
)
MAINTENANCE_EVERY_S = 600


def signature_guard(cfg: Settings) -> SignatureGuard:
    return SignatureGuard(cfg.auth_window_s, cfg.auth_future_s, cfg.signature_memory, cfg.signed_requests_per_s,
                          cfg.signed_requests_burst)


def make_context(cfg: Settings, db, db_kind: str) -> Context:
    """The application's context, made the running application for everything started after it."""
    ctx = Context(cfg=cfg, db=db, db_kind=db_kind, hub=Hub(cfg.ws_idle_timeout_s, cfg.ws_ping_interval_s),
                  wechat=WeChatClient(cfg, db), signatures=signature_guard(cfg), limits=Limits(cfg),
                  repeats=RepeatWindow(cfg.repeat_window_s), first_run=FirstRun(), registrations=Registrations(db),
                  accounts=AccountCache(cfg.account_cache_ttl_s), ids=IdBlocks(cfg.id_block_size), wechat_tokens={},
                  clock=Clock(cfg.time_zone))
    activate(ctx)
    return ctx


def make_app(ctx: Context) -> RadarApplication:
    ctx.hub.start()
    return RadarApplication(
        routes(ctx.cfg),
        ctx,
        default_handler_class=NotFoundHandler,
        static_path=str(ROOT / "static"),
        static_handler_class=StaticHandler,
        websocket_max_message_size=ctx.cfg.ws_max_message_bytes,
    )


def make_http_server(app: RadarApplication, cfg: Settings) -> HTTPServer:
    """Connections idle for HTTP_IDLE_TIMEOUT_S, or whose body has not arrived after
    HTTP_BODY_TIMEOUT_S, are closed; the per-route body limits are the application's."""
    largest = max(body_limit(cfg, kind) for kind in ("form", "small", "upload"))
    return HTTPServer(app, xheaders=False, max_body_size=largest, idle_connection_timeout=cfg.http_idle_timeout_s,
                      body_timeout=cfg.http_body_timeout_s)


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


async def maintain(ctx: Context) -> None:
    """Housekeeping that no request waits for: stale upload chunks, product pictures nobody shows."""
    try:
        await uploads.prune_stale(ctx.cfg, force=True)
        swept = await products.sweep_pictures(ctx.db, ctx.cfg)
        if swept:
            log.info("deleted %d unused product pictures", swept)
    except Exception:
        log.exception("maintenance failed")


def setup_url(cfg: Settings, token: str) -> str:
    return f"{cfg.public_base_url.rstrip('/')}/setup?token={token}"


async def serve(cfg: Settings) -> int:
    client, db, kind, embedded = await open_database(cfg)
    ctx = make_context(cfg, db, kind)
    app = make_app(ctx)
    server = make_http_server(app, cfg)
    server.listen(cfg.port, cfg.host)
    log.info("radar listening on http://%s:%s", cfg.host, cfg.port)
    setup_token = await ctx.first_run.open_if_empty(db)
    if setup_token:
        log.warning("Nobody can log in yet. Open this link (it works once) to create the company and its first "
                    "admin:\n\n    %s\n", setup_url(cfg, setup_token))

    stop = asyncio.Event()
    exit_code = 0

    def give_up():
        nonlocal exit_code
        exit_code = 1
        stop.set()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    watcher = asyncio.create_task(embedded.watch(give_up)) if embedded else None
    housekeeping = PeriodicCallback(lambda: maintain(ctx), MAINTENANCE_EVERY_S * 1000)
    housekeeping.start()
    lag = LoopLag().start()  # logs whatever blocks the loop for more than 100 ms
    await stop.wait()

    log.info("shutting down")
    lag.stop()
    housekeeping.stop()
    server.stop()
    ctx.hub.close_all(1001, "server shutting down")
    await server.close_all_connections()
    ctx.wechat.close()
    await client.close()
    if embedded:
        await embedded.stop()
        await watcher
    log.info("stopped")
    return exit_code


async def run_command(cfg: Settings, name: str, action) -> int:
    """Run action(db) against the configured database, as the application would (its settings: time
    zone, password cost); print its result as one JSON line."""
    client, db, kind, embedded = await open_database(cfg)
    ctx = make_context(cfg, db, kind)
    try:
        result = await action(db)
    except ApiError as error:
        print(f"{name}: {error.msg}", file=sys.stderr)
        return 1
    finally:
        ctx.wechat.close()
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
    commands.add_parser("seed-demo", help="add demo radar users with customers, chats, products and an article")
    commands.add_parser("rebuild-stats", help="recompute the Boss radar's daily rollups; report what differed")
    args = parser.parse_args(argv)

    cfg = Settings.from_env()
    logs.configure(cfg.log_level)
    if args.command == "create-admin":
        if len(args.password) < users.MIN_ADMIN_PASSWORD:
            print(f"create-admin: password must have at least {users.MIN_ADMIN_PASSWORD} characters", file=sys.stderr)
            return 2
        return asyncio.run(run_command(cfg, "create-admin", lambda db: users.create_admin(
            db, args.username, args.password, args.company)))
    if args.command == "seed-demo":
        return asyncio.run(run_command(cfg, "seed-demo", demo.seed))
    if args.command == "rebuild-stats":
        return asyncio.run(run_command(cfg, "rebuild-stats", stats.rebuild))
    return asyncio.run(serve(cfg))


if __name__ == "__main__":
    sys.exit(main())
