"""Database commands per request for every route of the README's API index, highest first, and the
longest step each route's calls ran on the event loop.

    .venv/bin/python bench/roundtrips.py [--smoke]

Builds the populated company of tests/world.py through the real routes (a fake WeChat answers the
WeChat calls), then makes each route's call twice and counts the second one's commands with
pymongo's command monitoring (hello/ping and the driver's housekeeping excluded): the steady state,
caches warm. The database is the embedded one `make run` uses; a count does not depend on it.
Every step the loop runs during a route's two counted calls (after two that warm up, unless --smoke)
is timed in CPU (bench/steps.py; the test client shares the loop, so its steps count too): routes with
a step over 5 ms are listed. The exit status is 1 when a route is over its budget.
"""

import argparse
import asyncio
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tornado.httpclient import AsyncHTTPClient  # noqa: E402

from bench.loadgen import RAISED_LIMITS, listen  # noqa: E402
from bench.steps import StepMeter  # noqa: E402
from models import users  # noqa: E402
from models.db import EmbeddedServer, make_client  # noqa: E402
from models.setup import prepare_database  # noqa: E402
from server import make_app, make_context  # noqa: E402
from tests.commands import CommandLog  # noqa: E402
from tests.fake_wechat import FakeWeChat  # noqa: E402
from tests.helpers import Api, Clock, suite_settings  # noqa: E402
from tests.world import BUDGETS, build, calls, measure  # noqa: E402

DEFAULT_BUDGET = 4


def fake_wechat_in_a_thread() -> tuple[FakeWeChat, asyncio.AbstractEventLoop]:
    """The fake WeChat on a loop of its own, as WeChat is not on ours: its work (QR images) is not timed."""
    started, found = threading.Event(), {}

    async def serve():
        found["fake"], found["loop"] = FakeWeChat().start(), asyncio.get_running_loop()
        started.set()
        await asyncio.Event().wait()

    threading.Thread(target=asyncio.run, args=(serve(),), daemon=True, name="fake-wechat").start()
    started.wait()
    return found["fake"], found["loop"]


async def main(smoke: bool) -> int:
    data_dir = tempfile.mkdtemp(prefix="radar-roundtrips-")
    fake_wechat, fake_loop = fake_wechat_in_a_thread()
    embedded = EmbeddedServer(str(Path(data_dir) / "radar.sqlite3"), 0)
    log = CommandLog()
    client = make_client(await embedded.start(), [log])
    try:
        db = client["radar_roundtrips"]
        await prepare_database(db)
        # Steady-state counts: no cached account may expire between a route's warm-up and its count on a
        # busy machine (ACCOUNT_CACHE_TTL_S is about writes from outside, which this bench has none of).
        cfg = suite_settings(data_dir, fake_wechat, log_level="WARNING", account_cache_ttl_s=3600, **RAISED_LIMITS)
        ctx = make_context(cfg, db, "embedded")
        server, port = listen(make_app(ctx))
        api = Api(AsyncHTTPClient(), f"http://127.0.0.1:{port}", ctx)
        made = await users.create_admin(db, "root", "rootpass", "合众康桥")
        admin = {"id": made["user_id"], "token": made["token"], "company_id": made["company_id"]}
        seller = await api.create_user(admin, "zhangcong")
        table = calls(await build(api, admin, seller, fake_wechat, Clock()))
        meter = StepMeter(ignore=lambda what: what == "main").install()  # preparing the calls is not the server's
        rows, steps = [], {}
        try:
            for route, prepare in table.items():
                if not smoke:
                    await measure(api, log, {route: prepare})  # first calls: lazy imports, caches, id blocks
                meter.read()
                rows += await measure(api, log, {route: prepare})
                steps[route] = meter.read()
        finally:
            meter.uninstall()
        server.stop()
        ctx.hub.close_all()
        ctx.wechat.close()
    finally:
        await client.close()
        await embedded.stop()
        fake_loop.call_soon_threadsafe(fake_wechat.stop)

    rows.sort(key=lambda row: (-row[1], row[0]))
    over = 0
    print(f"{'commands':>8}  {'budget':>6}  route  (the commands)")
    for route, count, _code, names in rows:
        budget = BUDGETS.get(route, DEFAULT_BUDGET)
        over += count > budget
        print(f"{count:8d}  {budget:6d}  {route}  ({', '.join(names)})")
    print(f"{len(rows)} routes, {sum(row[1] for row in rows) / len(rows):.2f} commands per request on average, "
          f"{over} over budget")
    slow = sorted(((step["longest_ms"], route, step["what"]) for route, step in steps.items()
                   if step["over"]), reverse=True)
    longest = max(steps.items(), key=lambda item: item[1]["longest_ms"])
    print(f"event loop: longest step {longest[1]['longest_ms']:.1f} ms CPU ({longest[0]}: {longest[1]['what']}); "
          f"{len(slow)} routes with a step over 5 ms" + "".join(f"\n    {ms:6.1f} ms  {route}  ({what})"
                                                              for ms, route, what in slow))
    return 1 if over else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="no warm-up calls before the timed ones")
    sys.exit(asyncio.run(main(parser.parse_args().smoke)))
