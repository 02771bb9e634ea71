"""WebSocket benchmarks, printed as numbers (not part of the tests).

    .venv/bin/python bench/ws_bench.py [--sockets 1000] [--idle 19000] [--seconds 5] [--tracemalloc] [--smoke]

The server (this process, embedded database in its child process) and the clients (lean sockets:
bench/wsclient.py) are measured in one run. The clients that measure (radar watchers, customers
sending, the hub's receivers) are one process; the crowd that reconnects in the storm is another, as
it is other phones in the field: its 1,000 handshakes held the measuring clients' own loop up to 150 ms.
  (1) memory: RSS of the server per idle authenticated socket, --idle of them open;
  (2) the first customer message after --sockets radar sockets connect at once (sent the moment their
      handshakes are done), and a reconnect storm: the crowd's --sockets radar sockets drop and come
      back at once while 4 customers send;
  (3) customer send -> radar socket push, REST and WebSocket, 1, 4 and 16 concurrent senders (different
      customers, and one customer sending in parallel);
  (4) the hub alone: pushes/s to --sockets live sockets and one message to all of them (push_to_users), beside a
      bare-loop baseline (the same frames written straight to asyncio transports, same run).
Every answer is read: refusals (429 and others) and messages answered 200 but never pushed (lost) are
counted and printed. The server raises the per-account limits it needs for throughput. Each phase
ends with the server loop's largest lag (common/looplag.py) and longest step (bench/steps.py).
Chats are emptied before each latency run: the embedded database's insert cost grows with the
collection (DESIGN.md), and these runs measure the push path, not that.
With --smoke: small sizes, and the exit status is 1 when anything was refused, lost or failed.
"""

import argparse
import asyncio
import gc
import json
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
from pathlib import Path

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import Connection, bench_settings, listen, raise_open_files  # noqa: E402
from bench.steps import StepMeter, loop_report  # noqa: E402
from bench.wsclient import connect, server_frame  # noqa: E402
from common.heap import settle_heap  # noqa: E402
from common.looplag import LoopLag  # noqa: E402
from common.times import utcnow  # noqa: E402
from models import users  # noqa: E402
from models.accounts import new_token, sign  # noqa: E402
from server import make_app, make_context, open_database  # noqa: E402

RADAR = "/zhugeleida/public/websocket/leida"
MINI = "/zhugeleida/public/websocket/xiaochengxu"
SEND = "/zhugeleida/xiaochengxu/chat/send_msg/0"
CUSTOMERS = 16
FIRST_USER = 100
STORM_INTERVAL_S = 0.2  # 4 customers x 5 messages/s: about half of what the embedded database stores


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pct(values, q) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def merged(*counts: dict) -> dict:
    total = {}
    for count in counts:
        for key, n in count.items():
            total[key] = total.get(key, 0) + n
    return total


# ----- the client process -----------------------------------------------------------------------
def client_main(conn, port: int, accounts: dict):
    raise_open_files()
    # The clients' own loop on libuv: reading 1,000 sockets costs them a third of what asyncio's loop
    # costs, so the time until the last client has a frame is the server's, not the client process's.
    asyncio.run(Clients(conn, port, accounts).run(), loop_factory=uvloop.new_event_loop)


class Tally:
    """One run's answers: latencies of delivered messages, refusals by code, lost messages."""

    def __init__(self):
        self.sent = []  # (sent at, latency or None)
        self.refused: dict[int, int] = {}
        self.lost = 0

    def result(self, elapsed: float) -> dict:
        latencies = [latency for _at, latency in self.sent if latency is not None]
        return {"n": len(self.sent), "delivered": len(latencies), "rate": len(latencies) / max(elapsed, 1e-9),
                "p50": pct(latencies, 50), "p99": pct(latencies, 99), "max": max(latencies, default=0) * 1000,
                "refused": dict(self.refused), "lost": self.lost}


class Clients:
    def __init__(self, conn, port, accounts):
        self.conn = conn
        self.port = port
        self.users = accounts["users"]
        self.customers = accounts["customers"]
        self.radar = []  # the sockets that connect, idle and storm
        self.watchers = []  # one steady socket per customer's radar user: latencies are read there
        self.waiters = {}  # message text -> future resolved when a radar socket gets it
        self.received = 0
        self.last_receipt = 0.0
        self.last_ms: dict[int, int] = {}
        self.sequence = 0

    async def run(self):
        loop = asyncio.get_running_loop()
        while True:
            name, args = await loop.run_in_executor(None, self.conn.recv)
            if name == "stop":
                return
            self.conn.send(await getattr(self, name)(*args))

    def signed(self, account_id: int, token: str, unique: bool = False) -> str:
        """The public params. unique: a timestamp this account has not used (a socket's signature is
        single-use, and one account opens several sockets in one millisecond)."""
        now = int(time.time() * 1000)
        if unique:
            now = max(now, self.last_ms.get(account_id, 0) + 1)
            self.last_ms[account_id] = now
        timestamp = str(now)
        return urllib.parse.urlencode({"rand_str": sign(timestamp, token), "timestamp": timestamp,
                                       "user_id": account_id})

    # ----- radar sockets ---------------------------------------------------------------------------
    def on_radar(self, socket, payload: bytes) -> None:
        now = time.perf_counter()
        self.received += 1
        self.last_receipt = now
        if not socket.welcome.done():
            socket.welcome.set_result(json.loads(payload)["code"])
        elif b'"type":"chat"' in payload:
            for row in json.loads(payload)["data"]["ret_data"]:
                waiter = self.waiters.pop(row.get("msg"), None)
                if waiter and not waiter.done():
                    waiter.set_result(now)

    async def radar_socket(self, user_id: int, token: str):
        return await connect(self.port, f"{RADAR}?{self.signed(user_id, token, unique=True)}", self.on_radar)

    async def open_radar(self, count: int, batch: int) -> dict:
        """count radar sockets (batch at a time, all at once when batch >= count), each welcomed."""
        started = time.perf_counter()
        failed = 0
        opened = []
        for first in range(len(self.radar), len(self.radar) + count, batch):
            results = await asyncio.gather(*(self.radar_socket(*self.users[i % len(self.users)])
                                             for i in range(first, min(first + batch, len(self.radar) + count))),
                                           return_exceptions=True)
            for result in results:
                if isinstance(result, BaseException):
                    failed += 1
                else:
                    opened.append(result)
        handshakes = time.perf_counter() - started
        codes = await asyncio.gather(*(asyncio.wait_for(s.welcome, 60) for s in opened), return_exceptions=True)
        refused = {}
        for code in codes:
            if code != 200:
                key = code if isinstance(code, int) else type(code).__name__
                refused[key] = refused.get(key, 0) + 1
        self.radar.extend(opened)
        return {"open": len(opened), "failed": failed, "refused": refused, "handshakes_s": handshakes,
                "welcomed_s": time.perf_counter() - started}

    async def watch(self) -> int:
        """One steady radar socket for each customer's radar user."""
        for _customer_id, _token, user_id in self.customers:
            token = dict(self.users)[user_id]
            socket = await self.radar_socket(user_id, token)
            assert await socket.welcome == 200
            self.watchers.append(socket)
        return len(self.watchers)

    async def close_radar(self, watchers: bool = True) -> bool:
        """Every radar socket of this process, the watchers too unless told to keep them."""
        sockets = self.radar + (self.watchers if watchers else [])
        for socket in sockets:
            socket.close()
        await asyncio.gather(*(socket.lost for socket in sockets))
        self.radar = []
        if watchers:
            self.watchers = []
        await asyncio.sleep(0.3)  # the server notices
        return True

    # ----- senders -----------------------------------------------------------------------------
    def text(self) -> str:
        self.sequence += 1
        return f"m{self.sequence}"

    async def rest_sender(self):
        connection = await Connection.open("127.0.0.1", self.port)

        async def send(customer, text: str) -> int:
            customer_id, token, user_id = customer
            body = urllib.parse.urlencode({"u_id": user_id,
                                           "content": json.dumps({"info_type": 1, "msg": text})}).encode()
            _status, answer = await connection.request("POST", f"{SEND}?{self.signed(customer_id, token)}", body)
            return json.loads(answer)["code"]

        return send, connection.close

    async def ws_sender(self, customer):
        customer_id, token, user_id = customer
        answers = asyncio.Queue()

        def on_text(socket, payload: bytes) -> None:
            if b'"type":"chat"' not in payload:  # pushes of its own and its other sockets' messages
                answers.put_nowait(json.loads(payload)["code"])

        socket = await connect(self.port, f"{MINI}?{self.signed(customer_id, token, unique=True)}&u_id={user_id}",
                               on_text)
        assert await answers.get() == 200  # 注册成功

        async def send(_customer, text: str) -> int:
            socket.send_text(json.dumps({"u_id": user_id, "content": json.dumps({"info_type": 1, "msg": text})})
                             .encode())
            return await answers.get()

        return send, socket.close

    async def one(self, send, customer, tally: Tally) -> None:
        text = self.text()
        done = self.waiters[text] = asyncio.get_running_loop().create_future()
        started = time.perf_counter()
        code = await send(customer, text)
        if code != 200:
            self.waiters.pop(text, None)
            tally.refused[code] = tally.refused.get(code, 0) + 1
            return
        try:
            tally.sent.append((started, await asyncio.wait_for(done, 10) - started))
        except TimeoutError:
            self.waiters.pop(text, None)
            tally.lost += 1
            tally.sent.append((started, None))

    async def senders(self, via: str, count: int, one_customer: bool):
        """count senders: different customers, or all of them customer 1 (in parallel, on their own
        connections, signing in the same milliseconds)."""
        chosen = [self.customers[0 if one_customer else i % len(self.customers)] for i in range(count)]
        made = await asyncio.gather(*(self.rest_sender() if via == "rest" else self.ws_sender(customer)
                                      for customer in chosen))
        return list(zip(chosen, made, strict=True))

    async def latency(self, via: str, count: int, one_customer: bool, seconds: float) -> dict:
        tally = Tally()
        senders = await self.senders(via, count, one_customer)
        deadline = time.perf_counter() + seconds

        async def worker(customer, send):
            while time.perf_counter() < deadline:
                await self.one(send, customer, tally)

        started = time.perf_counter()
        await asyncio.gather(*(worker(customer, send) for customer, (send, _close) in senders))
        elapsed = time.perf_counter() - started
        for _customer, (_send, close) in senders:
            close()
        return tally.result(elapsed)

    async def first_message(self, count: int) -> dict:
        """count radar sockets connect at once; the moment their handshakes are done a customer sends."""
        send, close = await self.rest_sender()
        opening = asyncio.ensure_future(self.open_radar(count, count))
        while sum(1 for s in self.radar if s.upgraded) < count and not opening.done():
            await asyncio.sleep(0)
        tally = Tally()
        await self.one(send, self.customers[0], tally)
        opened = await opening
        close()
        message = tally.result(1)
        return {**opened, "message": message, "lost": message["lost"],
                "refused": merged(opened["refused"], message["refused"])}

    async def reconnect(self) -> dict:
        """The crowd's storm: every radar socket of this process drops and reconnects at once; with the
        moments it began and all were welcomed again (perf_counter is the machine's monotonic clock)."""
        count = len(self.radar)
        for socket in self.radar:
            socket.close()
        self.radar = []
        began = time.perf_counter()
        reopened = await self.open_radar(count, count)
        return {**reopened, "began": began, "ended": time.perf_counter()}

    async def start_sending(self, senders: int, interval: float) -> bool:
        """`senders` customers send every `interval` s until stop_sending."""
        self.sending = Tally()
        chosen = await self.senders("rest", senders, False)
        self.stopping = asyncio.Event()

        async def worker(customer, send):
            while not self.stopping.is_set():
                started = time.perf_counter()
                await self.one(send, customer, self.sending)
                await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))

        self.workers = asyncio.gather(*(worker(customer, send) for customer, (send, _close) in chosen))
        self.chosen = chosen
        return True

    async def stop_sending(self, began: float, ended: float) -> dict:
        """The latencies of the messages sent from `began` (the drop) until `ended` (all welcomed again)."""
        self.stopping.set()
        await self.workers
        for _customer, (_send, close) in self.chosen:
            close()
        tally = self.sending
        during = [latency for at, latency in tally.sent if began <= at <= ended and latency is not None]
        before = [latency for at, latency in tally.sent if at < began and latency is not None]
        first = min(((at, latency) for at, latency in tally.sent if at >= began), default=(0, None))[1]
        total = tally.result(1)
        return {"first": (first or float("nan")) * 1000, "during": len(during),
                "during_p99": pct(during, 99), "during_max": max(during, default=0) * 1000,
                "before_p99": pct(before, 99), "refused": total["refused"], "lost": total["lost"], "n": total["n"]}

    # ----- the hub -------------------------------------------------------------------------------
    async def reset(self) -> bool:
        self.received = 0
        return True

    async def wait_for(self, expected: int, timeout: float) -> dict:
        deadline = time.perf_counter() + timeout
        while self.received < expected and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        return {"received": self.received, "last": self.last_receipt}

    async def open_bare(self, port: int, count: int) -> int:
        def on_text(_socket, _payload):
            self.received += 1
            self.last_receipt = time.perf_counter()

        self.bare = await asyncio.gather(*(connect(port, "/", on_text) for _ in range(count)))
        return len(self.bare)

    async def close_bare(self) -> bool:
        for socket in self.bare:
            socket.close()
        self.bare = []
        return True


# ----- the server process -----------------------------------------------------------------------
async def seed(db, count: int) -> dict:
    await users.create_admin(db, "bench", "benchpass", "Bench Co")
    now = utcnow()
    accounts = [(i, new_token()) for i in range(FIRST_USER, FIRST_USER + count)]
    await db.users.insert_many([{
        "_id": user_id, "username": f"seller{user_id}", "password": None, "token": token, "role_id": 2,
        "company_id": 1, "status": 1, "avatar": "", "create_date": now, "photos": [], "tags": [],
    } for user_id, token in accounts])
    await db.counters.update_one({"_id": "users"}, {"$max": {"seq": FIRST_USER + count}})
    customers = [(i, new_token(), accounts[(i - 1) % count][0]) for i in range(1, CUSTOMERS + 1)]
    await db.customers.insert_many([{"_id": customer_id, "company_id": 1, "openid": f"bench{customer_id}",
                                     "token": token, "username": f"客户{customer_id}", "tags": [],
                                     "create_date": now} for customer_id, token, _user in customers])
    await db.belongers.insert_many([{"_id": customer_id, "user_id": user_id, "customer_id": customer_id,
                                     "company_id": 1, "source": 1, "create_date": now}
                                    for customer_id, _token, user_id in customers])
    await db.counters.update_one({"_id": "customers"}, {"$max": {"seq": CUSTOMERS}})
    await db.counters.update_one({"_id": "belongers"}, {"$max": {"seq": CUSTOMERS}})
    return {"users": accounts, "customers": customers}


class Bare(asyncio.Protocol):
    """The baseline: answers the handshake with a bare 101, then the bench writes frames to it."""

    def __init__(self, peers: list):
        self.peers = peers
        self.head = b""

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        if self.head is None:
            return
        self.head += data
        if b"\r\n\r\n" in self.head:
            self.head = None
            self.transport.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                 b"Connection: Upgrade\r\n\r\n")
            self.peers.append(self.transport)


async def call(conn, name, *args):
    conn.send((name, args))
    return await asyncio.get_running_loop().run_in_executor(None, conn.recv)


def refusals(result: dict) -> str:
    refused = ", ".join(f"{count}×{code}" for code, count in sorted(result["refused"].items())) or "0"
    return f"refused {refused}, lost {result.get('lost', 0)}"


class Bench:
    def __init__(self, options):
        self.options = options
        self.problems = 0

    def check(self, result: dict) -> None:
        self.problems += sum(result.get("refused", {}).values()) + result.get("lost", 0) + result.get("failed", 0)

    async def run(self) -> int:
        options = self.options
        raise_open_files()
        cfg = bench_settings(tempfile.mkdtemp(prefix="radar-ws-bench-"), ws_max_buffer_bytes=8 * 1024 * 1024)
        client, db, kind, embedded = await open_database(cfg)
        ctx = self.ctx = make_context(cfg, db, kind)
        self.lag = LoopLag(interval_s=0.01).start()
        self.meter = StepMeter(ignore=lambda what: what.startswith("Bench.")).install()  # the driver is not timed
        try:
            accounts = self.accounts = await seed(db, options.users)
            server, port = listen(make_app(ctx))
            settle_heap()  # as server.py serve does once it listens
            spawn = multiprocessing.get_context("spawn")
            here, there = spawn.Pipe()
            crowd, crowd_there = spawn.Pipe()
            processes = [spawn.Process(target=client_main, args=(there, port, accounts)),
                         spawn.Process(target=client_main, args=(crowd_there, port, accounts))]
            for process in processes:
                process.start()
            try:
                await self.phases(ctx, db, here, crowd, port, cfg)
            finally:
                for conn, process in zip((here, crowd), processes, strict=True):
                    conn.send(("stop", ()))
                    process.join(30)
                server.stop()
        finally:
            self.meter.uninstall()
            self.lag.stop()
            ctx.hub.close_all()
            await client.close()
            if embedded:
                await embedded.stop()
        return 1 if self.problems else 0

    async def phases(self, ctx, db, here, crowd, port, cfg) -> None:
        options = self.options
        print(f"database: embedded. Server and clients in separate processes, one run; "
              f"RLIMIT_NOFILE {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}.\n")
        await self.idle_memory(here, options.idle)
        if options.memory:
            return
        await asyncio.sleep(cfg.account_cache_ttl_s + 0.5)  # what follows starts with cold account caches

        await call(here, "watch")
        first = await call(here, "first_message", options.sockets)
        self.check(first)
        print(f"(2) {first['open']} radar sockets connect at once: handshakes {first['handshakes_s'] * 1000:.0f} ms, "
              f"all welcomed {first['welcomed_s'] * 1000:.0f} ms ({first['failed']} failed)")
        print(f"    first message, sent when the handshakes are done (REST): {first['message']['max']:.0f} ms; "
              f"{refusals(first)}")
        self.loop_line()
        await call(here, "close_radar", False)
        self.check(await call(crowd, "open_radar", options.sockets, options.sockets))
        await call(here, "start_sending", 4, STORM_INTERVAL_S)
        await asyncio.sleep(options.calm)
        reopened = await call(crowd, "reconnect")
        await asyncio.sleep(options.calm)
        sent = await call(here, "stop_sending", reopened["began"], reopened["ended"])
        storm = {**reopened, **sent, "refused": merged(reopened["refused"], sent["refused"])}
        self.check(storm)
        print(f"    storm: all {storm['open']} drop and reconnect while 4 customers send every "
              f"{STORM_INTERVAL_S * 1000:.0f} ms: "
              f"all welcomed again in {storm['welcomed_s'] * 1000:.0f} ms")
        print(f"    first message after the drop {storm['first']:.0f} ms; during the storm "
              f"({storm['during']} messages) "
              f"p99 {storm['during_p99']:.0f} ms, max {storm['during_max']:.0f} ms; before it p99 "
              f"{storm['before_p99']:.0f} ms; {storm['n']} sent, {refusals(storm)}")
        self.loop_line()

        print(f"(3) customer send -> radar push, {options.sockets} radar sockets open (chats emptied before each run)")
        for via in ("rest", "ws"):
            for senders, one_customer in ((1, False), (4, False), (4, True), (16, False), (16, True)):
                await db.chats.delete_many({})
                result = await call(here, "latency", via, senders, one_customer, options.seconds)
                self.check(result)
                who = "one customer" if one_customer else ("customers" if senders > 1 else "customer")
                print(f"    {via:4s} x{senders:<2d} {who:12s} {result['rate']:6.1f} msg/s  "
                      f"p50 {result['p50']:6.1f} ms  "
                      f"p99 {result['p99']:6.1f} ms  max {result['max']:6.1f} ms  ({result['delivered']} delivered, "
                      f"{refusals(result)})")
        self.loop_line()
        await call(crowd, "close_radar")
        await call(here, "close_radar")
        await self.hub(ctx, here, port)

    def loop_line(self) -> None:
        print(f"    server {loop_report(self.lag, self.meter)}")

    async def idle_memory(self, here, count: int) -> None:
        gc.collect()
        tracing = self.options.tracemalloc
        if tracing:
            tracemalloc.start()
            before_trace = tracemalloc.take_snapshot()
        tracked = len(gc.get_objects())
        before = rss_kb()
        result = await call(here, "open_radar", count, 500)
        self.check(result)
        await asyncio.sleep(1)
        gc.collect()
        after = rss_kb()
        tracked = len(gc.get_objects()) - tracked
        opened = max(1, result["open"])
        print(f"(1) {result['open']} idle authenticated sockets (opened in {result['welcomed_s']:.1f} s, "
              f"{result['failed']} failed, {refusals(result)}): server RSS {before / 1024:.0f} MB -> "
              f"{after / 1024:.0f} MB = {(after - before) / opened:.1f} KB per socket; the garbage collector tracks "
              f"{tracked / opened:.0f} objects per socket")
        if tracing:
            snapshot = tracemalloc.take_snapshot()
            tracemalloc.stop()
            by_file = snapshot.compare_to(before_trace, "filename")
            stats = snapshot.compare_to(before_trace, "lineno")
            total = sum(stat.size_diff for stat in stats)
            print(f"    tracemalloc: {total / opened / 1024:.1f} KB per socket in Python objects; the largest:")

            print("    by file: " + ", ".join(f"{stat.traceback[0].filename.split('/')[-1]} "
                                            f"{stat.size_diff / opened:.0f} B" for stat in by_file[:12]))
            for stat in stats[:30]:
                frame = stat.traceback[0]
                print(f"    {stat.size_diff / opened:8.0f} B {stat.count_diff / opened:6.1f} blocks  "
                      f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno}")
        self.loop_line()
        await call(here, "close_radar")
        while self.ctx.hub.connections:  # the server has let go of every one
            await asyncio.sleep(0.1)
        self.meter.read()
        self.lag.take_max()

    async def hub(self, ctx, here, port) -> None:
        options = self.options
        opened = await call(here, "open_radar", options.sockets, options.sockets)
        self.check(opened)
        ids = [user_id for user_id, _token in self.accounts["users"]]
        frame = {"code": 200, "msg": "bench", "type": "bench", "data": {"ret_data": [{"msg": "x" * 100}], "count": 1}}
        payload = server_frame(json.dumps(frame, ensure_ascii=False, separators=(",", ":")).encode())
        peers = []
        bare_server = await asyncio.get_running_loop().create_server(lambda: Bare(peers), "127.0.0.1", 0)
        await call(here, "open_bare", bare_server.sockets[0].getsockname()[1], options.sockets)

        async def pushes(write, targets) -> dict:
            await call(here, "reset")
            started = time.perf_counter()
            for n in range(options.pushes):
                write(targets[n % len(targets)])
                if n % 1000 == 999:
                    await asyncio.sleep(0)
            issued = time.perf_counter() - started
            got = await call(here, "wait_for", options.pushes, 60)
            return {"issued": options.pushes / issued, "delivered": got["received"] / (got["last"] - started),
                    "received": got["received"]}

        async def fanout(write_all, targets) -> tuple[list[float], list[float]]:
            """(ms until every frame is handed to the kernel, ms until the last client has it) per run."""
            issued, delivered = [], []
            for _ in range(options.fanouts):
                await call(here, "reset")
                started = time.perf_counter()
                write_all()
                issued.append((time.perf_counter() - started) * 1000)
                got = await call(here, "wait_for", len(targets), 30)
                delivered.append((got["last"] - started) * 1000)
            return issued, delivered

        print(f"(4) the hub, {opened['open']} live sockets (one per radar user), beside a bare loop writing the "
              f"same frames to {len(peers)} asyncio transports")
        def bare_write(transport):
            transport.write(payload)

        def bare_to_all():
            for transport in peers:
                transport.write(payload)

        # One message to all: the hub's push_to_users (encoded once, as the Bosses' stats push), beside the
        # bare loop writing one prebuilt frame to every transport.
        for name, write, write_all, targets in (
                ("hub push_to_user", lambda user_id: ctx.hub.push_to_user(user_id, frame),
                 lambda: ctx.hub.push_to_users(ids, frame), ids),
                ("bare transport.write", bare_write, bare_to_all, peers)):
            result = await pushes(write, targets)
            issued, delivered = await fanout(write_all, targets)
            lost = options.pushes - result["received"]
            self.problems += lost
            print(f"    {name:22s} {result['issued']:7.0f} pushes/s issued, {result['delivered']:7.0f} frames/s "
                  f"delivered ({result['received']} received); one message to all {len(targets)}: handed to the "
                  f"kernel in {statistics.median(issued):.1f} ms, the last client has it after "
                  f"{statistics.median(delivered):.1f} ms (medians of {len(issued)}; max {max(delivered):.1f} ms)")
        self.loop_line()
        await call(here, "close_bare")
        bare_server.close()
        await call(here, "close_radar")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=1000, help="radar sockets for phases 2-4")
    parser.add_argument("--idle", type=int, default=19_000, help="idle sockets for the memory phase")
    parser.add_argument("--seconds", type=float, default=5, help="per latency run")
    parser.add_argument("--memory", action="store_true", help="the memory phase alone")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="where the idle sockets' memory goes (with --memory: tracing slows the rest)")
    parser.add_argument("--smoke", action="store_true", help="small sizes; exit 1 on any refusal, loss or failure")
    options = parser.parse_args()
    options.users = options.sockets
    options.pushes, options.fanouts, options.calm = 50_000, 20, 1.0
    if options.smoke:
        options.sockets = options.users = 100
        options.idle, options.seconds, options.pushes, options.fanouts, options.calm = 300, 0.5, 5000, 3, 0.3
    return asyncio.run(Bench(options).run())


if __name__ == "__main__":
    sys.exit(main())
