"""Child process: the embedded mongoeco wire server on a SQLite file.

Takes an exclusive lock next to the file first (waiting up to --lock-wait seconds for a previous server
on the same file to finish), prints one JSON line {"uri": ...} once it listens, then serves until
stdin closes (the parent stopped or died), SIGTERM arrives or, on Linux, the parent dies.
Ctrl-C at a terminal is the parent's to handle: it stops us in order.

Before the engine is built, mongoeco is corrected (models/mongoeco_fixes.py): as released its
writes and most reads cost time in proportion to the collection's size.
"""

import argparse
import asyncio
import ctypes
import fcntl
import json
import signal
import sys
import time
from pathlib import Path

from mongoeco.engines import SQLiteEngine
from mongoeco.wire.proxy import AsyncMongoEcoProxyServer

from common.heap import settle_heap
from models import mongoeco_fixes

PR_SET_PDEATHSIG = 1
# The server runs one command at a time on its own thread (docs/mongoeco-sqlite.md, finding 27), so the
# driver's heartbeat waits behind a long command like any other: deleting a salesperson's 100,000 access
# logs takes ~40 s here, past the default 20 s (connectTimeoutMS) after which the driver gives the
# server up and cancels every operation in flight. The server is our child on this machine: a dead one
# refuses connections at once, so waiting long for a busy one costs nothing.
HEARTBEAT_PATIENCE_MS = 600_000


def client_uri(address) -> str:
    """How clients reach the server at address (a mongoeco ProxyAddress)."""
    return f"{address.uri}&connectTimeoutMS={HEARTBEAT_PATIENCE_MS}"


def lock(path: Path, wait_s: float):
    """The file's lock, held for the life of this process (the kernel drops it when we die)."""
    handle = open(path.with_name(path.name + ".lock"), "a")  # noqa: SIM115 - held until exit
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() > deadline:
                sys.exit(f"embedded database: {path} is in use by another process")
            time.sleep(0.1)


def die_with_parent() -> None:
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stdin closing still stops us
        pass


def correct(path: Path) -> bool:
    """mongoeco corrected (True), or left as released: then the file's note that its scalar index
    entries were built is taken off, since that release keeps them by its own rules."""
    if mongoeco_fixes.apply():
        return True
    if path.exists():
        mongoeco_fixes.forget_scalar_entries_built(str(path))
    return False


async def serve(path: Path, port: int) -> None:
    correct(path)
    server = AsyncMongoEcoProxyServer(engine=SQLiteEngine(str(path)), host="127.0.0.1", port=port)
    address = await server.start()
    settle_heap()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    # The parent's end of our stdin closes when it exits for any reason.
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.buffer.read1(4096) or stop.set())
    print(json.dumps({"uri": client_uri(address)}), flush=True)
    await stop.wait()
    try:
        await server.close()
    except Exception as error:  # every write was acknowledged on disk; a failed cleanup is one line
        print(f"embedded database: closing {path}: {error!r}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lock-wait", type=float, default=15.0)
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    path = Path(args.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    held = lock(path, args.lock_wait)
    asyncio.run(serve(path, args.port))
    held.close()


if __name__ == "__main__":
    main()
