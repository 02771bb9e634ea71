"""Child process: the embedded mongoeco wire server on a SQLite file.

Prints one JSON line {"uri": ...} once it listens, then serves until stdin closes
(the parent stopped or died) or SIGTERM arrives.
"""

import argparse
import asyncio
import json
import signal
import sys
from pathlib import Path

from mongoeco.engines import SQLiteEngine
from mongoeco.wire.proxy import AsyncMongoEcoProxyServer


async def serve(path: str, port: int) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    server = AsyncMongoEcoProxyServer(engine=SQLiteEngine(path), host="127.0.0.1", port=port)
    address = await server.start()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    # The parent's end of our stdin closes when it exits for any reason.
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.buffer.read1(4096) or stop.set())
    print(json.dumps({"uri": address.uri}), flush=True)
    await stop.wait()
    await server.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(serve(args.path, args.port))


if __name__ == "__main__":
    main()
