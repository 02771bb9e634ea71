"""One insert into access_logs (a customer action's log row) as the collection grows: mongoeco 4.11.0's
SQLite engine as released against the embedded database as models/embedded.py runs it, corrected.

    .venv/bin/python bench/insert_cost.py [--smoke]

Each database runs in a process of its own on a fresh file, with the indexes of models/db.py; the
collection is filled with insert_many, then insert_one is timed (p50, max). As released the filling
is itself quadratic, so its sizes stop early.
"""

import argparse
import asyncio
import datetime
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.db import EmbeddedServer, ensure_indexes, make_client  # noqa: E402

RELEASED_SERVER = """
import asyncio, json, sys
from mongoeco.engines import SQLiteEngine
from mongoeco.wire.proxy import AsyncMongoEcoProxyServer

async def main():
    server = AsyncMongoEcoProxyServer(engine=SQLiteEngine(sys.argv[1]), host="127.0.0.1", port=0)
    print(json.dumps({"uri": (await server.start()).uri}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

asyncio.run(main())
"""
SAMPLES = 30


def log(n: int) -> dict:
    return {"_id": n, "company_id": 1, "user_id": 2 + n % 10, "customer_id": 100 + n % 5000, "action": 1 + n % 12,
            "is_new_msg": False, "create_date": datetime.datetime.now(datetime.UTC), "remark": "查看了您公司的动态"}


async def released(path: str):
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", RELEASED_SERVER, path,
                                                   stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    uri = json.loads(await process.stdout.readline())["uri"]

    async def stop():
        process.stdin.close()
        await process.wait()
    return uri, stop


async def corrected(path: str):
    server = EmbeddedServer(path)
    return await server.start(), server.stop


async def measure(start, sizes: tuple[int, ...]) -> list[tuple[int, float, float]]:
    uri, stop = await start(str(Path(tempfile.mkdtemp(prefix="radar-insert-")) / "radar.sqlite3"))
    client = make_client(uri)
    rows = []
    try:
        db = client.radar
        await ensure_indexes(db)
        filled = 0
        for size in sizes:
            for first in range(filled, size, 1000):
                await db.access_logs.insert_many([log(n) for n in range(first, min(size, first + 1000))])
            filled = size
            times = []
            for n in range(SAMPLES):
                started = time.perf_counter()
                await db.access_logs.insert_one(log(10**7 + size * 100 + n))
                times.append((time.perf_counter() - started) * 1000)
            await db.access_logs.delete_many({"_id": {"$gte": 10**7}})
            rows.append((size, statistics.median(times), max(times)))
    finally:
        await client.close()
        await stop()
    return rows


async def main(smoke: bool) -> None:
    runs = {"mongoeco 4.11.0 as released": (released, (0, 300) if smoke else (0, 1000, 3000)),
            "embedded, corrected": (corrected, (0, 300, 3000) if smoke else (0, 1000, 3000, 30000))}
    print(f"insert_one into access_logs (indexes of models/db.py), {SAMPLES} each: p50 / max ms")
    for name, (start, sizes) in runs.items():
        for size, p50, worst in await measure(start, sizes):
            print(f"  {name:28s} at {size:>6,} documents: {p50:7.1f} / {worst:7.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, seconds")
    asyncio.run(main(parser.parse_args().smoke))
