"""Database commands per request for every route of the README's API index, highest first.

    .venv/bin/python bench/roundtrips.py

Builds the populated company of tests/world.py through the real routes (a fake WeChat answers the
WeChat calls), then makes each route's call twice and counts the second one's commands with
pymongo's command monitoring (hello/ping and the driver's housekeeping excluded): the steady state,
caches warm. The database is the embedded one `make run` uses; a count does not depend on it.
"""

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tornado.httpclient import AsyncHTTPClient  # noqa: E402

from bench.loadgen import listen  # noqa: E402
from models import users  # noqa: E402
from models.db import EmbeddedServer, make_client  # noqa: E402
from models.setup import prepare_database  # noqa: E402
from server import make_app, make_context  # noqa: E402
from tests.commands import CommandLog  # noqa: E402
from tests.fake_wechat import FakeWeChat  # noqa: E402
from tests.helpers import Api, Clock, suite_settings  # noqa: E402
from tests.world import BUDGETS, build, calls, measure  # noqa: E402

DEFAULT_BUDGET = 4


async def main() -> int:
    data_dir = tempfile.mkdtemp(prefix="radar-roundtrips-")
    fake_wechat = FakeWeChat().start()
    embedded = EmbeddedServer(str(Path(data_dir) / "radar.sqlite3"), 0)
    log = CommandLog()
    client = make_client(await embedded.start(), [log])
    try:
        db = client["radar_roundtrips"]
        await prepare_database(db)
        ctx = make_context(suite_settings(data_dir, fake_wechat, log_level="WARNING"), db, "embedded")
        server, port = listen(make_app(ctx))
        api = Api(AsyncHTTPClient(), f"http://127.0.0.1:{port}", ctx)
        made = await users.create_admin(db, "root", "rootpass", "合众康桥")
        admin = {"id": made["user_id"], "token": made["token"], "company_id": made["company_id"]}
        seller = await api.create_user(admin, "zhangcong")
        rows = await measure(api, log, calls(await build(api, admin, seller, fake_wechat, Clock())))
        server.stop()
        ctx.hub.close_all()
        ctx.wechat.close()
    finally:
        await client.close()
        await embedded.stop()
        fake_wechat.stop()

    rows.sort(key=lambda row: (-row[1], row[0]))
    over = 0
    print(f"{'commands':>8}  {'budget':>6}  route  (the commands)")
    for route, count, _code, names in rows:
        budget = BUDGETS.get(route, DEFAULT_BUDGET)
        over += count > budget
        print(f"{count:8d}  {budget:6d}  {route}  ({', '.join(names)})")
    print(f"{len(rows)} routes, {sum(row[1] for row in rows) / len(rows):.2f} commands per request on average, "
          f"{over} over budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
