"""HTTP benchmark: authenticated GET /zhugeleida/qiyeweixin/user against a bare Tornado JSON
handler, in the same server process, measured in one run by a load generator in another process.
Besides req/s and latency it prints the server process's CPU time per request (the app alone: the
embedded database is a child process and the load generator another), then uploads the largest image
chunk the upload route takes and merges it. After each, the server loop's largest lag and longest step.

    .venv/bin/python bench/http_bench.py [--seconds 5] [--concurrency 8] [--smoke]

The database is the embedded one (mongoeco, SQLite, child process), as `make run` uses. The server
raises the per-account rate limit (one account makes every call); every answer is read and counted
by code, 429s included. With --smoke: one short run, exit status 1 when any answer was not 200.
"""

import argparse
import asyncio
import base64
import io
import json
import multiprocessing
import os
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tornado.web import RequestHandler  # noqa: E402

from bench.loadgen import bench_settings, listen, measure  # noqa: E402
from bench.steps import StepMeter, loop_report  # noqa: E402
from common.looplag import LoopLag  # noqa: E402
from models import users  # noqa: E402
from models.accounts import sign  # noqa: E402
from server import make_app, make_context, open_database  # noqa: E402


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


async def main(seconds: float, concurrency: int) -> int:
    cfg = bench_settings(tempfile.mkdtemp(prefix="radar-bench-"))
    client, db, kind, embedded = await open_database(cfg)
    lag = LoopLag(interval_s=0.01).start()
    meter = StepMeter()
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
        meter.install()  # after the bare handler's run, which it would slow down
        lag.take_max()
        listed = await run_load(users_url, concurrency, seconds)
        image = await asyncio.get_running_loop().run_in_executor(None, noise_png)
        loop = loop_report(lag, meter)
        uploaded = await upload(port, admin, image)
        upload_loop = loop_report(lag, meter)
        server.stop()
    finally:
        meter.uninstall()
        lag.stop()
        await client.close()
        if embedded:
            await embedded.stop()

    print(f"database: {kind}; {concurrency} keep-alive connections, {seconds:.0f} s each")
    for name, result in (("bare Tornado JSON handler", bare), ("GET /zhugeleida/qiyeweixin/user", listed)):
        print(f"{name:34s} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.2f} ms  "
              f"p99 {result['p99_ms']:6.2f} ms  server CPU {result['cpu_us']:7.0f} µs/request  "
              f"({result['requests']} requests, answers {codes(result)})")
    print(f"ratio user-list / bare: throughput {listed['rps'] / bare['rps']:.2f}, "
          f"p50 latency x{listed['p50_ms'] / bare['p50_ms']:.1f}, "
          f"server CPU per request x{listed['cpu_us'] / bare['cpu_us']:.1f} (goal: at most x3)")
    print(f"user list, server {loop}")
    print(f"a {uploaded['megabytes']:.1f} MB image in one chunk, then merged (answers {uploaded['codes']}), "
          f"server {upload_loop}")
    return 1 if bare["errors"] or listed["errors"] or uploaded["codes"] != [200, 200] else 0


def post_form(url: str, form: dict) -> dict:
    """A blocking POST (run in a thread: the server's loop times only its own steps)."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def noise_png(side: int = 1600) -> str:
    """Noise does not compress: a PNG of about 7.7 MB, base64 about 10 MB, near the largest chunk."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, format="PNG", compress_level=1)
    return base64.b64encode(buffer.getvalue()).decode()


async def upload(port: int, admin: dict, img_data: str) -> dict:
    """One chunk, then its merge: what checking, decoding and Pillow do to the server's loop."""
    loop = asyncio.get_running_loop()
    codes = []
    for route, form in (("img_upload", {"chunk": 0, "img_data": img_data}),
                        ("img_merge", {"chunk_num": 1})):
        timestamp = str(int(time.time() * 1000))
        url = (f"http://127.0.0.1:{port}/zhugeleida/public/{route}?rand_str={sign(timestamp, admin['token'])}"
               f"&timestamp={timestamp}&user_id={admin['user_id']}")
        answer = await loop.run_in_executor(None, post_form, url, {"img_name": "big.png", "timestamp": "1",
                                                                    "img_source": "user_photo", **form})
        codes.append(answer["code"])
    return {"megabytes": len(img_data) * 3 / 4 / 1e6, "codes": codes}


def codes(result: dict) -> str:
    return ", ".join(f"{count}×{code}" for code, count in sorted(result["codes"].items(), key=str))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--smoke", action="store_true", help="one short run; exit 1 on any answer that is not 200")
    options = parser.parse_args()
    sys.exit(asyncio.run(main(1 if options.smoke else options.seconds, options.concurrency)))
