"""WebSocket benchmarks, printed as numbers (not part of the tests).

    .venv/bin/python bench/ws_bench.py [--idle 10000] [--seconds 5]

The server (this process, embedded database in its child process) and the clients (a second
process) are measured in one run:
  (a) end-to-end latency from a customer's send (REST and WebSocket) to the radar user's socket,
      with 1,000 sockets open, at the highest message rate the embedded database sustains;
  (b) the hub alone: frames/s from push_to_user to 1,000 live sockets, and the time to fan one
      message out to all 1,000;
  (c) RSS of the server process per idle authenticated socket, with 10,000 open.
"""

import argparse
import asyncio
import json
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from bench.loadgen import listen  # noqa: E402
from common.times import utcnow  # noqa: E402
from models import users  # noqa: E402
from models.accounts import new_token, sign  # noqa: E402
from server import make_app, make_context, open_database  # noqa: E402
from settings import Settings  # noqa: E402

USERS = 1000


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def signed(account_id: int, token: str) -> str:
    timestamp = str(int(time.time() * 1000))
    return urllib.parse.urlencode({"rand_str": sign(timestamp, token), "timestamp": timestamp, "user_id": account_id})


def pct(values, q):
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else float("nan")


# ----- the client process -----------------------------------------------------------------------
def client_main(conn, port: int, accounts: dict):
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    asyncio.run(Clients(conn, port, accounts).run())


class Clients:
    def __init__(self, conn, port, accounts):
        self.conn = conn
        self.port = port
        self.accounts = accounts
        self.received = 0
        self.last_receipt = 0.0
        self.waiters = {}
        self.sockets = []

    async def command(self):
        return await asyncio.get_running_loop().run_in_executor(None, self.conn.recv)

    async def run(self):
        while True:
            name, args = await self.command()
            if name == "stop":
                return
            result = await getattr(self, name)(*args)
            self.conn.send(result)

    async def connect(self, path: str, query: str):
        from tornado.websocket import websocket_connect

        socket = await websocket_connect(f"ws://127.0.0.1:{self.port}{path}?{query}",
                                         on_message_callback=self.on_message, max_message_size=1 << 20)
        self.sockets.append(socket)
        return socket

    def on_message(self, message):
        if message is None:
            return
        now = time.perf_counter()
        self.received += 1
        self.last_receipt = now
        if '"chat"' in message:
            frame = json.loads(message)
            for row in frame["data"]["ret_data"]:
                waiter = self.waiters.pop(row.get("msg"), None)
                if waiter:
                    waiter.set_result(now)

    async def open_radar_sockets(self, count: int):
        for i in range(count):
            user_id, token = self.accounts["users"][i % len(self.accounts["users"])]
            await self.connect("/zhugeleida/public/websocket/leida", signed(user_id, token))
        await asyncio.sleep(0.5)
        self.received = 0
        return len(self.sockets)

    async def reset(self):
        self.received = 0
        return True

    async def wait_for(self, expected: int, timeout: float):
        deadline = time.perf_counter() + timeout
        while self.received < expected and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        return {"received": self.received, "last": self.last_receipt}

    async def chat_latency(self, via: str, seconds: float, concurrency: int):
        """Customers send as fast as the server accepts; latency = send -> radar socket receives."""
        customer_id, customer_token, user_id = self.accounts["customer"]
        latencies = []
        counter = iter(range(10**9))
        deadline = time.perf_counter() + seconds
        mini = None
        if via == "ws":
            from tornado.websocket import websocket_connect

            mini = await websocket_connect(f"ws://127.0.0.1:{self.port}/zhugeleida/public/websocket/xiaochengxu?"
                                           f"{signed(customer_id, customer_token)}&u_id={user_id}")
            await mini.read_message()
            replies = asyncio.Queue()

            async def pump():
                while (message := await mini.read_message()) is not None:
                    if '"chat"' not in message:
                        replies.put_nowait(message)
            pumping = asyncio.ensure_future(pump())
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        lock = asyncio.Lock()

        async def one():
            text = f"m{next(counter)}"
            done = asyncio.get_running_loop().create_future()
            self.waiters[text] = done
            started = time.perf_counter()
            content = json.dumps({"info_type": 1, "msg": text})
            if via == "ws":
                await mini.write_message(json.dumps({"content": content}))
                await replies.get()
            else:
                body = urllib.parse.urlencode({"u_id": user_id, "content": content}).encode()
                request = (f"POST /zhugeleida/xiaochengxu/chat/send_msg/0?{signed(customer_id, customer_token)} "
                           f"HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           f"Content-Length: {len(body)}\r\n\r\n").encode() + body
                async with lock:
                    writer.write(request)
                    head = await reader.readuntil(b"\r\n\r\n")
                    length = int([h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")][0]
                                 .split(b":")[1])
                    await reader.readexactly(length)
            latencies.append(await asyncio.wait_for(done, 10) - started)

        async def worker():
            while time.perf_counter() < deadline:
                await one()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        writer.close()
        if mini:
            mini.close()
            pumping.cancel()
        return {"rate": len(latencies) / elapsed, "p50": pct(latencies, 50), "p99": pct(latencies, 99),
                "n": len(latencies)}

    async def open_idle(self, count: int):
        started = time.perf_counter()
        users_ = self.accounts["users"]
        for start in range(0, count, 200):
            await asyncio.gather(*(self.connect("/zhugeleida/public/websocket/leida",
                                                signed(*users_[i % len(users_)]))
                                   for i in range(start, min(count, start + 200))))
        await asyncio.sleep(1)
        return {"open": len(self.sockets), "seconds": time.perf_counter() - started}

    async def close_all(self):
        for socket in self.sockets:
            socket.close()
        self.sockets = []
        await asyncio.sleep(0.5)
        return True


# ----- the server process -----------------------------------------------------------------------
async def seed(db) -> dict:
    admin = await users.create_admin(db, "bench", "benchpass", "Bench Co")
    now = utcnow()
    accounts = [(i, new_token()) for i in range(100, 100 + USERS)]
    await db.users.insert_many([{
        "_id": user_id, "username": f"seller{user_id}", "password": None, "token": token, "role_id": 2,
        "company_id": 1, "status": 1, "avatar": "", "create_date": now, "photos": [], "tags": [],
    } for user_id, token in accounts])
    await db.counters.update_one({"_id": "users"}, {"$max": {"seq": 100 + USERS}})
    user_id = accounts[0][0]
    await db.customers.insert_one({"_id": 1, "company_id": 1, "openid": "bench", "token": "c" * 32,
                                   "username": "客户", "tags": [], "create_date": now})
    await db.belongers.insert_one({"_id": 1, "user_id": user_id, "customer_id": 1, "company_id": 1, "source": 1,
                                   "create_date": now})
    return {"admin": admin, "users": accounts, "customer": (1, "c" * 32, user_id)}


async def call(conn, name, *args):
    conn.send((name, args))
    return await asyncio.get_running_loop().run_in_executor(None, conn.recv)


async def main(idle: int, seconds: float) -> None:
    cfg = Settings(data_dir=tempfile.mkdtemp(prefix="radar-ws-bench-"), log_level="WARNING",
                   ws_max_buffer_bytes=8 * 1024 * 1024)
    client, db, kind, embedded = await open_database(cfg)
    ctx = make_context(cfg, db, kind)
    try:
        accounts = await seed(db)
        server, port = listen(make_app(ctx))
        spawn = multiprocessing.get_context("spawn")
        here, there = spawn.Pipe()
        process = spawn.Process(target=client_main, args=(there, port, accounts))
        process.start()

        print(f"database: {kind}. Server and clients in separate processes, one run.\n")
        await asyncio.sleep(1)
        before = rss_kb()
        result = await call(here, "open_idle", idle)
        await asyncio.sleep(1)
        after = rss_kb()
        print(f"(c) {result['open']} idle authenticated sockets (opened in {result['seconds']:.1f} s): server RSS "
              f"{before / 1024:.0f} MB -> {after / 1024:.0f} MB = {(after - before) / max(1, result['open']):.1f} KB "
              "per socket")
        await call(here, "close_all")

        opened = await call(here, "open_radar_sockets", USERS)
        print(f"(a) end-to-end chat latency, customer send -> radar socket, {opened} radar sockets open")
        for via, concurrency in (("rest", 1), ("ws", 1), ("rest", 4), ("ws", 4)):
            r = await call(here, "chat_latency", via, seconds, concurrency)
            print(f"    {via:4s} x{concurrency} senders: {r['rate']:6.1f} msg/s (bound: embedded DB writes)  "
                  f"p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  ({r['n']} messages)")

        print(f"(b) hub alone, {opened} live sockets (one per radar user)")
        frame = {"code": 200, "msg": "bench", "type": "bench",
                 "data": {"ret_data": [{"msg": "x" * 100}], "count": 1}}
        ids = [user_id for user_id, _ in accounts["users"]]
        total = 50_000
        await call(here, "reset")
        started = time.perf_counter()
        for n in range(total):
            ctx.hub.push_to_user(ids[n % USERS], frame)
            if n % 1000 == 999:
                await asyncio.sleep(0)
        pushed = time.perf_counter() - started
        got = await call(here, "wait_for", total, 60)
        delivered = got["last"] - started
        print(f"    {total} push_to_user calls: {total / pushed:9.0f} pushes/s issued, "
              f"{got['received'] / delivered:9.0f} frames/s delivered to clients ({got['received']} received)")
        fanouts = []
        for _ in range(20):
            await call(here, "reset")
            started = time.perf_counter()
            for user_id in ids:
                ctx.hub.push_to_user(user_id, frame)
            got = await call(here, "wait_for", USERS, 30)
            fanouts.append(got["last"] - started)
        print(f"    one message to all {USERS} sockets: median {statistics.median(fanouts) * 1000:.1f} ms, "
              f"max {max(fanouts) * 1000:.1f} ms until the last client has it (20 runs)")
        await call(here, "close_all")

        await call(here, "close_all")
        here.send(("stop", ()))
        process.join(30)
        server.stop()
    finally:
        ctx.hub.close_all()
        await client.close()
        if embedded:
            await embedded.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=5)
    options = parser.parse_args()
    asyncio.run(main(options.idle, options.seconds))
