"""radar server: `python server.py [serve]` runs the server; the other commands (create-admin, seed-demo,
demo-customer, rebuild-stats, fit-scores, rebuild-scores, backup, restore, export, import) work on the same
installation, beside a running server or without one.

Builds the Tornado application around a context (settings, database, realtime hub, WeChat client,
abuse guards, metrics) and runs it until SIGTERM or Ctrl-C, then shuts down in order: no new
connections, sockets closed with 1001, requests in flight finished (SHUTDOWN_GRACE_S), database stopped.
"""

import argparse
import asyncio
import json
import logging
import signal
import sys
import time
import urllib.parse
from pathlib import Path

from pymongo.errors import ConnectionFailure, PyMongoError
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.websocket import websocket_connect

import events
from common import logs
from common.context import Context, activate
from common.errors import ApiError, CommandError
from common.heap import settle_heap
from common.metrics import Metrics
from common.ratelimit import Limits, RepeatWindow
from common.signatures import SignatureGuard
from common.times import Clock
from handlers.application import RadarApplication
from handlers.base import NotFoundHandler, body_limit
from handlers.routes import routes
from handlers.statics import StaticHandler
from models import backups, demo, exports, products, running, scoring_jobs, stats, uploads, users
from models.accounts import AccountCache, sign
from models.db import EmbeddedServer, IdBlocks, make_client
from models.first_run import FirstRun
from models.setup import prepare_database
from settings import ROOT, Settings
from websocket.hub import Hub
from websocket.live import Registrations
from wechat.client import WeChatClient

log = logging.getLogger("radar")

EMBEDDED_WARNING = (
    "Using the EMBEDDED database (mongoeco on SQLite, corrected by models/mongoeco_fixes.py, %s). Measured with "
    "a year of a 10-salesperson company (1,000,000 access logs): most answers in 2-22 ms, an article's level "
    "table of 500 readers 25-30 ms, 1 GiB on disk (README). For more people or data, several app "
    "processes, replication or online backups, run MongoDB and set MONGO_URI."
)
MAINTENANCE_EVERY_S = 600


def signature_guard(cfg: Settings) -> SignatureGuard:
    return SignatureGuard(cfg.auth_window_s, cfg.auth_future_s, cfg.signature_memory, cfg.signed_requests_per_s,
                          cfg.signed_requests_burst)


def make_context(cfg: Settings, db, db_kind: str) -> Context:
    """The application's context, made the running application for everything started after it."""
    metrics = Metrics(cfg.embedded_db_files if db_kind == "embedded" else None)
    hub = Hub(cfg.ws_idle_timeout_s, cfg.ws_ping_interval_s)
    hub.on_push = metrics.pushed
    ctx = Context(cfg=cfg, db=db, db_kind=db_kind, hub=hub, wechat=WeChatClient(cfg, db),
                  signatures=signature_guard(cfg), limits=Limits(cfg), repeats=RepeatWindow(cfg.repeat_window_s),
                  first_run=FirstRun(), registrations=Registrations(db), accounts=AccountCache(cfg.account_cache_ttl_s),
                  ids=IdBlocks(cfg.id_block_size), wechat_tokens={}, clock=Clock(cfg.time_zone), metrics=metrics,
                  stats_pushes=events.StatsPushes(cfg.stats_push_interval_s), rollups=stats.rollup_writes())
    activate(ctx)
    ctx.reminders = events.FollowReminders(ctx)
    return ctx


def make_app(ctx: Context) -> RadarApplication:
    ctx.hub.start()
    ctx.reminders.start()
    return RadarApplication(
        routes(ctx.cfg),
        ctx,
        default_handler_class=NotFoundHandler,
        static_path=str(ROOT / "static"),
        static_handler_class=StaticHandler,
        compress_response=True,
        websocket_max_message_size=ctx.cfg.ws_max_message_bytes,
    )


def make_http_server(app: RadarApplication, cfg: Settings) -> HTTPServer:
    """Connections idle for HTTP_IDLE_TIMEOUT_S, or whose body has not arrived after
    HTTP_BODY_TIMEOUT_S, are closed; the per-route body limits are the application's."""
    largest = max(body_limit(cfg, kind) for kind in ("form", "small", "upload"))
    return HTTPServer(app, xheaders=False, max_body_size=largest, idle_connection_timeout=cfg.http_idle_timeout_s,
                      body_timeout=cfg.http_body_timeout_s)


async def open_database(cfg: Settings):
    """The server's database: (client, db, kind, embedded server or None). Starts the embedded server
    when MONGO_URI is unset, unless another process holds its file (one line says which)."""
    embedded = None
    uri = cfg.mongo_uri
    if not uri:
        refuse_if_in_use(cfg)
        embedded = EmbeddedServer(str(cfg.embedded_db_path), cfg.embedded_db_port)
        uri = await embedded.start()
        log.warning(EMBEDDED_WARNING, cfg.embedded_db_path)
    else:
        log.info("Using MongoDB at %s (database %s)", uri.split("@")[-1], cfg.mongo_db)
    client = make_client(uri)
    db = client[cfg.mongo_db]
    await prepare_database(db)
    return client, db, "embedded" if embedded else "mongodb", embedded


def refuse_if_in_use(cfg: Settings) -> None:
    if running.database_in_use(cfg):
        server = running.read(cfg)
        who = f"the radar server at {server.http} (pid {server.pid})" if server and server.alive else \
            "another process (a server still starting, or a command that started its own database)"
        raise CommandError(f"{cfg.embedded_db_path} is in use by {who}")


async def command_database(cfg: Settings, prepare: bool = True):
    """A command's database: (client, db, embedded server we started or None).

    MONGO_URI when set; else the running server's embedded database, found through its address in
    DATA_DIR; else an embedded database of our own, as the server would start it."""
    if cfg.mongo_uri:
        client, db = await _connect(cfg.mongo_uri, cfg.mongo_db, "MongoDB")
        if prepare:
            await prepare_database(db)
        return client, db, None
    server = running.read(cfg)
    if server and server.db and server.alive:
        try:
            client, db = await _connect(server.db, cfg.mongo_db, f"the database of the server at {server.http}")
            log.info("using the database of the radar server at %s (pid %d)", server.http, server.pid)
            return client, db, None
        except CommandError:
            if running.database_in_use(cfg):
                raise
            # Nobody holds the file: the pid was the dead server's, now someone else's.
    refuse_if_in_use(cfg)
    if server:
        log.warning("%s was left by a server that is no longer running (pid %d): removed", running.FILE, server.pid)
        running.withdraw(cfg, server.pid)
    embedded = EmbeddedServer(str(cfg.embedded_db_path), lock_wait_s=5)
    try:
        client, db = await _connect(await embedded.start(), cfg.mongo_db, "the embedded database")
        if prepare:
            await prepare_database(db)
    except BaseException:
        await embedded.stop()
        raise
    return client, db, embedded


async def _connect(uri: str, name: str, what: str):
    client = make_client(uri, timeout_ms=3000)
    try:
        await client.admin.command("ping")
    except PyMongoError as error:
        await client.close()
        raise CommandError(f"cannot reach {what} ({type(error).__name__})") from None
    return client, client[name]


async def with_database(cfg: Settings, action, prepare: bool = True):
    """action(db) on the command's database, closed (and stopped, if ours) afterwards."""
    client, db, embedded = await command_database(cfg, prepare)
    ctx = make_context(cfg, db, "mongodb" if cfg.mongo_uri else "embedded")  # its time zone, password cost...
    try:
        return await action(db)
    finally:
        ctx.wechat.close()
        await client.close()
        if embedded:
            await embedded.stop()


async def sweep_product_pictures(ctx: Context) -> int:
    return await products.sweep_pictures(ctx.db, ctx.cfg)


async def prune_upload_chunks(ctx: Context) -> int:
    return await uploads.prune_stale(ctx.cfg, force=True)


# (what a step deletes, the step)
MAINTENANCE = (("unused product pictures", sweep_product_pictures), ("unfinished uploads", prune_upload_chunks))


async def maintain(ctx: Context) -> dict[str, int | str]:
    """Housekeeping that no request waits for. Each step runs even when another failed; a failure is
    logged with its traceback. Returns {step: how many it deleted, or "failed: <error>"}."""
    done: dict[str, int | str] = {}
    for name, step in MAINTENANCE:
        try:
            done[name] = await step(ctx)
        except Exception as error:
            log.exception("maintenance: %s failed", name)
            done[name] = f"failed: {type(error).__name__}: {error}"
        else:
            if done[name]:
                log.info("maintenance: deleted %d %s", done[name], name)
    return done


async def refit_scores(ctx: Context) -> None:
    """Each company's AI 成交率 weights fitted again to its outcomes (models/scoring_jobs.py)."""
    try:
        for summary in await scoring_jobs.fit_all(ctx.db, ctx.cfg.ai_pr_min_outcomes):
            log.info("AI 成交率 of company %(company_id)s: %(won)s won, %(lost)s lost, fitted: %(fitted)s", summary)
    except Exception:
        log.exception("fitting AI 成交率 failed")


def schedule_fits(ctx: Context) -> PeriodicCallback | None:
    """The first fit at start-up (it also ranks relations recorded before ai_rank existed), then
    every AI_PR_FIT_EVERY_S; None when that is 0."""
    if not ctx.cfg.ai_pr_fit_every_s:
        return None
    fitting = PeriodicCallback(lambda: refit_scores(ctx), ctx.cfg.ai_pr_fit_every_s * 1000)
    fitting.start()
    IOLoop.current().add_callback(refit_scores, ctx)
    return fitting


def setup_url(cfg: Settings, token: str) -> str:
    return f"{cfg.public_base_url.rstrip('/')}/setup?token={token}"


async def serve(cfg: Settings, _args=None) -> int:
    client, db, kind, embedded = await open_database(cfg)
    ctx = make_context(cfg, db, kind)
    app = make_app(ctx)
    server = make_http_server(app, cfg)
    try:
        server.listen(cfg.port, cfg.host)
    except OSError as error:
        await client.close()
        if embedded:
            await embedded.stop()
        raise CommandError(f"cannot listen on {cfg.host}:{cfg.port}: {error.strerror}") from None
    running.publish(cfg, embedded.uri if embedded else None)
    settle_heap()
    ctx.metrics.loop_lag.start()
    log.info("radar listening on http://%s:%s", cfg.host, cfg.port)
    setup_token = await ctx.first_run.open_if_empty(db)
    if setup_token:
        log.warning("Nobody can log in yet. Open this link (it works once) to create the company and its first "
                    "admin:\n\n    %s\n", setup_url(cfg, setup_token))

    stop, hurry = asyncio.Event(), asyncio.Event()
    exit_code = 0

    def give_up():
        nonlocal exit_code
        exit_code = 1
        stop.set()

    def on_signal():
        if stop.is_set():
            hurry.set()  # a second Ctrl-C or SIGTERM: do not wait for the requests in flight
        stop.set()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal)
    watcher = asyncio.create_task(embedded.watch(give_up)) if embedded else None
    housekeeping = PeriodicCallback(lambda: maintain(ctx), MAINTENANCE_EVERY_S * 1000)
    housekeeping.start()
    fitting = schedule_fits(ctx)
    await stop.wait()

    await shut_down(ctx, app, server, hurry)
    housekeeping.stop()
    if fitting:
        fitting.stop()
    ctx.reminders.stop()
    ctx.metrics.loop_lag.stop()
    ctx.wechat.close()
    await client.close()
    if embedded:
        await embedded.stop()
        await watcher
    log.info("stopped")
    return exit_code


async def shut_down(ctx: Context, app: RadarApplication, server: HTTPServer, hurry: asyncio.Event) -> None:
    """No new connections; every socket closed with 1001 (its client reconnects elsewhere); the requests
    in flight answered (with `Connection: close`) within SHUTDOWN_GRACE_S; then the idle connections."""
    grace = ctx.cfg.shutdown_grace_s
    running.withdraw(ctx.cfg)
    server.stop()
    log.info("shutting down: %d requests in flight, %d sockets; waiting up to %ss", len(app.in_flight),
             len(ctx.hub.connections), grace)
    ctx.hub.close_all(1001, "server shutting down")
    deadline = time.monotonic() + grace
    left = await app.finish_in_flight(grace, hurry)
    if left:
        log.warning("%d requests still in flight after %ss; stopping anyway", left, grace)
    ctx.hub.close_all(1001, "server shutting down")  # any opened meanwhile
    while ctx.hub.connections and time.monotonic() < deadline and not hurry.is_set():
        await asyncio.sleep(0.02)  # the close handshakes, so that every client has its 1001
    await server.close_all_connections()


# ----- commands ----------------------------------------------------------------------------------
def print_json(result) -> None:
    print(json.dumps(result, ensure_ascii=False))


def where(cfg: Settings) -> str:
    if cfg.mongo_uri:
        return f"MongoDB database {cfg.mongo_db} at {cfg.mongo_uri.split('@')[-1]}"
    return f"the embedded database in {cfg.data_dir}"


async def create_admin(cfg: Settings, args) -> int:
    if len(args.password) < users.MIN_ADMIN_PASSWORD:
        print(f"server.py create-admin: password must have at least {users.MIN_ADMIN_PASSWORD} characters",
              file=sys.stderr)
        return 2
    print_json(await with_database(cfg, lambda db: users.create_admin(db, args.username, args.password,
                                                                      args.company)))
    return 0


async def seed_demo(cfg: Settings, _args) -> int:
    made = await with_database(cfg, demo.seed)
    print(f"Demo data added to company {made['company_id']}. Every demo account has the password: {made['password']}")
    for username, what in demo.ACCOUNTS:
        print(f"  {username:<10} {what}")
    print(f"Log in at {cfg.public_base_url.rstrip('/')}/ and watch a customer arrive live on the radar with:\n"
          f"  .venv/bin/python server.py demo-customer --user demo")
    print_json(made)
    return 0


async def rebuild_stats(cfg: Settings, _args) -> int:
    print_json(await with_database(cfg, stats.rebuild))
    return 0


async def fit_scores(cfg: Settings, _args) -> int:
    print_json(await with_database(cfg, lambda db: scoring_jobs.fit_all(db, cfg.ai_pr_min_outcomes)))
    return 0


async def rebuild_scores(cfg: Settings, _args) -> int:
    print_json(await with_database(cfg, scoring_jobs.rebuild))
    return 0


async def demo_customer(cfg: Settings, args) -> int:
    server = running.read(cfg)
    if not (server and server.alive):
        raise CommandError(f"no radar server is running on {cfg.data_dir}: start it (make run) first; the visit "
                           f"goes through its routes and sockets, so that an open radar shows every step live")
    made = await with_database(cfg, lambda db: demo.visitor(db, args.user))
    await visit(server.http, made, args.message, args.pause)
    return 0


async def visit(base: str, made: dict, message: str, pause: float) -> None:
    """The demo customer's visit, as the mini-program makes it: signed HTTP calls and its chat socket."""
    user, customer, product, article = made["user"], made["customer"], made["product"], made["article"]
    http = AsyncHTTPClient()
    last_ms = [0]

    def signed(**params) -> str:
        last_ms[0] = max(int(time.time() * 1000), last_ms[0] + 1)  # a write's signature is used once
        timestamp = str(last_ms[0])
        return urllib.parse.urlencode({"rand_str": sign(timestamp, customer["token"]), "timestamp": timestamp,
                                       "user_id": customer["_id"], **params})

    async def call(method: str, path: str, **params) -> dict:
        response = await http.fetch(f"{base}{path}?{signed(**params)}", method=method,
                                    body=b"" if method == "POST" else None, raise_error=False, request_timeout=10)
        answer = json.loads(response.body)
        if answer.get("code") != 200:
            raise CommandError(f"{path} answered {answer.get('code')} {answer.get('msg')}")
        return answer["data"]

    holder = f"{user.get('name') or user['username']} ({user['username']})"
    print(f"{demo.VISITOR} (customer {customer['_id']}, a demo customer) visits {holder} at {base}:")
    socket = await websocket_connect(
        f"{base.replace('http', 'ws', 1)}/zhugeleida/public/websocket/xiaochengxu?{signed(u_id=user['_id'])}")
    try:
        if json.loads(await socket.read_message()).get("code") != 200:
            raise CommandError("the customer's chat socket was refused")
        await call("GET", "/zhugeleida/xiaochengxu/mingpian", uid=user["_id"])
        print(f"  1. opened the card of {holder}")
        await asyncio.sleep(pause)
        if product:
            acted = await call("POST", "/zhugeleida/xiaochengxu/action/2", u_id=user["_id"], product_id=product["_id"])
            print(f"  2. looked at the product {product['name']}: {acted['log']}")
        else:
            print("  2. (no product to look at: add one under 名片/产品)")
        await asyncio.sleep(pause)
        if article:
            read = await call("GET", f"/zhugeleida/gongzhonghao/article/myarticle/{article['_id']}", uid=user["_id"])
            await call("GET", f"/zhugeleida/gongzhonghao/article/staytime/{article['_id']}", uid=user["_id"],
                       article_access_log_id=read["article_access_log_id"], seconds=30)
            print(f"  3. read the article {article['title']} (30 s)")
        else:
            print("  3. (no article of theirs to read: write one under 文章)")
        await asyncio.sleep(pause)
        await socket.write_message(json.dumps({"u_id": user["_id"], "content": {"info_type": 1, "msg": message}}))
        while (frame := json.loads(await asyncio.wait_for(socket.read_message(), 10) or "{}")).get("code") == 200 \
                and frame.get("msg") != "小程序消息-发送成功":
            pass
        if frame.get("code") != 200:
            raise CommandError(f"the message was refused: {frame.get('code')} {frame.get('msg')}")
        print(f"  4. sent the message: {message}")
    finally:
        socket.close()
    print(f"Each step is on {user['username']}'s radar now; a radar open in the workbench showed them as they came.")


async def backup(cfg: Settings, args) -> int:
    started = time.monotonic()
    if cfg.mongo_uri:
        done = await with_database(cfg, lambda db: backups.backup_mongodb(cfg, db, Path(args.to)), prepare=False)
        what = f"{done['documents']} documents exported"
    else:
        done = await backups.backup_embedded(cfg, Path(args.to))
        what = f"database {done['database_bytes']:,} bytes"
    print(f"backup: wrote {done['to']} ({done['archive_bytes']:,} bytes: {what}, {done['files']} files of "
          f"{done['file_bytes']:,} bytes) in {time.monotonic() - started:.1f} s")
    return 0


async def restore(cfg: Settings, args) -> int:
    started = time.monotonic()
    archive = Path(args.source)
    info = backups.read_info(archive)
    backups.check_data_dir(cfg, args.force)
    if info["database"] == "embedded":
        if cfg.mongo_uri:
            raise CommandError(f"{archive} holds an embedded database: restore it with MONGO_URI unset (then "
                               f"`export` and `import` move it to MongoDB)")
        files = await backups.restore_files(cfg, archive, with_database=True, force=args.force)
        what = "the embedded database"
    else:
        documents = await with_database(cfg, lambda db: backups.restore_export(db, archive), prepare=False)
        files = await backups.restore_files(cfg, archive, with_database=False, force=args.force)
        what = f"{documents} documents into {where(cfg)}"
    print(f"restore: {what} and {files - (info['database'] == 'embedded')} files into {cfg.data_dir} from "
          f"{archive} (made {info['created']}) in {time.monotonic() - started:.1f} s")
    return 0


async def export(cfg: Settings, args) -> int:
    started = time.monotonic()
    manifest = await with_database(cfg, lambda db: exports.export(db, Path(args.to), "mongodb" if cfg.mongo_uri
                                                                  else "embedded"), prepare=False)
    documents = sum(entry["count"] for entry in manifest["collections"].values())
    print(f"export: {documents} documents of {len(manifest['collections'])} collections from {where(cfg)} to "
          f"{args.to} in {time.monotonic() - started:.1f} s")
    return 0


async def import_(cfg: Settings, args) -> int:
    started = time.monotonic()
    done = await with_database(cfg, lambda db: exports.load(db, Path(args.source)), prepare=False)
    print(f"import: {sum(done.values())} documents of {len(done)} collections, with their indexes, into "
          f"{where(cfg)} in {time.monotonic() - started:.1f} s")
    return 0


COMMANDS = {"serve": serve, "create-admin": create_admin, "seed-demo": seed_demo, "demo-customer": demo_customer,
            "rebuild-stats": rebuild_stats, "fit-scores": fit_scores, "rebuild-scores": rebuild_scores,
            "backup": backup, "restore": restore, "export": export, "import": import_}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="server.py", description="radar: the realtime backend of 诸葛雷达. Settings come from the environment "
        "(README, Configuration). Without MONGO_URI every command uses the embedded database in DATA_DIR: the "
        "running server's when one runs, else its own.")
    commands = top.add_subparsers(dest="command", metavar="command")
    commands.add_parser("serve", help="run the server (the default)")
    admin = commands.add_parser("create-admin", help="create the platform super-admin (prints JSON)")
    admin.add_argument("--username", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--company", help="name of company 1 when it does not exist yet")
    commands.add_parser("seed-demo", help="add demo radar users with customers, chats, products and an article")
    visitor = commands.add_parser("demo-customer", help="a demo customer visits a radar user's card through the "
                                  "running server, live on their radar (no WeChat needed)")
    visitor.add_argument("--user", required=True, help="the radar user (username) whose card is visited")
    visitor.add_argument("--message", default="您好,我想了解一下产品", help="what the customer writes at the end")
    visitor.add_argument("--pause", type=float, default=1.0, help="seconds between the steps (default 1)")
    commands.add_parser("rebuild-stats", help="recompute the Boss radar's daily rollups; report what differed")
    commands.add_parser("fit-scores", help="fit each company's AI 成交率 weights to its outcomes now")
    commands.add_parser("rebuild-scores", help="recompute AI 成交率's behaviour from the raw collections; report "
                                               "the relations that differed")
    saved = commands.add_parser("backup", help="the database and the uploaded files as one archive, while the "
                                "server serves (with MONGO_URI: an export of it)")
    saved.add_argument("--to", required=True, metavar="FILE", help="the archive to write (.tar.gz; must not exist)")
    back = commands.add_parser("restore", help="a backup into an empty DATA_DIR (and, for a MongoDB backup, an "
                               "empty database)")
    back.add_argument("--from", dest="source", required=True, metavar="FILE")
    back.add_argument("--force", action="store_true", help="replace the database and files of a DATA_DIR that "
                      "is not empty (never while a server uses it)")
    out = commands.add_parser("export", help="every collection as Extended JSON lines, with a manifest of counts "
                              "and indexes")
    out.add_argument("--to", required=True, metavar="DIR", help="a directory that is missing or empty")
    into = commands.add_parser("import", help="an export into an empty database (embedded or MONGO_URI), with "
                               "its indexes")
    into.add_argument("--from", dest="source", required=True, metavar="DIR")
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    command = args.command or "serve"
    cfg = Settings.from_env()
    logs.configure(cfg.log_level)
    try:
        return asyncio.run(COMMANDS[command](cfg, args))
    except (CommandError, ApiError) as error:
        print(f"server.py {command}: {error}", file=sys.stderr)
    except ConnectionFailure as error:
        print(f"server.py {command}: the database stopped answering ({type(error).__name__})", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"server.py {command}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        log.debug("%s failed", command, exc_info=True)
        print(f"server.py {command}: unexpected {type(error).__name__}: {error} (LOG_LEVEL=DEBUG shows the "
              f"traceback)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
