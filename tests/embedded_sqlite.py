"""A mongoeco wire server on the SQLite engine with models/mongoeco_fixes.py applied, as the embedded
database process applies it, in a thread of its own (like the suite's memory engine), and a probe
that counts what the engine does: documents decoded and SQLite virtual-machine steps (a scan of a
collection shows in one or the other; a count, not a timing)."""

import asyncio
import threading

from mongoeco.engines import SQLiteEngine
from mongoeco.wire.proxy import AsyncMongoEcoProxyServer

from models import embedded, mongoeco_fixes

STEPS_PER_TICK = 100


class Probe:
    def __init__(self, path: str):
        self.path = path  # the database file
        self.lock = threading.Lock()
        self.decoded = 0
        self.ticks = 0

    def counts(self) -> tuple[int, int]:
        """(documents decoded, SQLite steps) so far."""
        return self.decoded, self.ticks * STEPS_PER_TICK

    def tick(self) -> int:
        with self.lock:
            self.ticks += 1
        return 0

    def install(self) -> None:
        decode = SQLiteEngine._deserialize_document
        connect = SQLiteEngine._create_sqlite_connection
        probe = self

        def counted_decode(engine, payload, **options):
            with probe.lock:
                probe.decoded += 1
            return decode(engine, payload, **options)

        def counted_connection(engine):
            connection = connect(engine)
            connection.set_progress_handler(probe.tick, STEPS_PER_TICK)
            return connection

        # A projected find's rows are parsed by stored_json and decoded field by field, not by the engine.
        parse_projected = mongoeco_fixes.stored_json

        def counted_projected(payload):
            with probe.lock:
                probe.decoded += 1
            return parse_projected(payload)

        SQLiteEngine._deserialize_document = counted_decode
        mongoeco_fixes.stored_json = counted_projected
        SQLiteEngine._create_sqlite_connection = counted_connection


def start(path: str) -> tuple[str, Probe]:
    """The server's URI (as the embedded database process prints it) and its probe."""
    assert mongoeco_fixes.apply()
    probe = Probe(path)
    probe.install()
    ready = threading.Event()
    found = {}

    def run():
        async def main():
            server = AsyncMongoEcoProxyServer(engine=SQLiteEngine(path), port=0)
            found["uri"] = embedded.client_uri(await server.start())
            ready.set()
            await asyncio.Event().wait()

        asyncio.run(main())

    threading.Thread(target=run, daemon=True, name="mongoeco-sqlite").start()
    assert ready.wait(30), "mongoeco SQLite wire server did not start"
    return found["uri"], probe
