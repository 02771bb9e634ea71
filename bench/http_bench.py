"""HTTP benchmark: authenticated GET /zhugeleida/qiyeweixin/user against a bare Tornado JSON
handler, in the same server process, measured in one run by a load generator in another process.
Besides req/s and latency it prints the server process's CPU time per request (the app alone: the
embedded database is a child process and the load generator another).

    .venv/bin/python bench/http_bench.py [--seconds 5] [--concurrency 8]

The database is the embedded one (mongoeco, SQLite, child process), as `make run` uses.
"""

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tornado.web import RequestHandler  # noqa: E402

from bench.loadgen import listen, measure  # noqa: E402
from models import users  # noqa: E402
from models.accounts import sign  # noqa: E402
from server import make_app, make_context, open_database  # noqa: E402
from settings import Settings  # noqa: E402


class BareHandler(RequestHandler):
    def get(self):
        self.write({"code": 200, "msg": "", "data": {}})


def _load(url, concurrency, seconds, queue, started):
    started.set()
    queue.put(measure(url, concurrency, seconds))


async def run_load(url, concurrency, seconds) -> dict:
    """The load generator's numbers, with cpu_us: this process's CPU time per answered request,
    from the moment the generator starts sending (starting its process is not counted)."""
    context = multiprocessing.get_context("spawn")
    queue, started = context.Queue(), context.Event()
    process = context.Process(target=_load, args=(url, concurrency, seconds, queue, started))
    process.start()
    while not started.is_set():
        await asyncio.sleep(0.005)
    cpu_before = time.process_time()
    while queue.empty():
        await asyncio.sleep(0.1)
    cpu_used = time.process_time() - cpu_before
    result = queue.get()
    process.join()
    result["cpu_us"] = cpu_used / max(result["requests"], 1) * 1e6
    return result


async def main(seconds: float, concurrency: int) -> None:
    cfg = Settings(data_dir=tempfile.mkdtemp(prefix="radar-bench-"), log_level="WARNING")
    client, db, kind, embedded = await open_database(cfg)
    try:
        admin = await users.create_admin(db, "bench", "benchpass", "Bench Co")
        for i in range(20):
            await users.create(db, username=f"user{i}", password=None, role_id=2, company_id=1)
        app = make_app(make_context(cfg, db, kind))
        app.add_handlers(r".*", [(r"/bare", BareHandler)])
        server, port = listen(app)
        timestamp = str(int(time.time() * 1000))
        signed = f"rand_str={sign(timestamp, admin['token'])}&timestamp={timestamp}&user_id={admin['user_id']}"
        users_url = f"http://127.0.0.1:{port}/zhugeleida/qiyeweixin/user?{signed}"
        bare_url = f"http://127.0.0.1:{port}/bare"

        await run_load(users_url, concurrency, 1)  # warm-up
        bare = await run_load(bare_url, concurrency, seconds)
        listed = await run_load(users_url, concurrency, seconds)
        server.stop()
    finally:
        await client.close()
        if embedded:
            await embedded.stop()

    print(f"database: {kind}; {concurrency} keep-alive connections, {seconds:.0f} s each")
    for name, result in (("bare Tornado JSON handler", bare), ("GET /zhugeleida/qiyeweixin/user", listed)):
        print(f"{name:34s} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.2f} ms  "
              f"p99 {result['p99_ms']:6.2f} ms  server CPU {result['cpu_us']:7.0f} µs/request  "
              f"({result['requests']} requests, {result['errors']} errors)")
    print(f"ratio user-list / bare: throughput {listed['rps'] / bare['rps']:.2f}, "
          f"p50 latency x{listed['p50_ms'] / bare['p50_ms']:.1f}, "
          f"server CPU per request x{listed['cpu_us'] / bare['cpu_us']:.1f} (goal: at most x3)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    asyncio.run(main(options.seconds, options.concurrency))
