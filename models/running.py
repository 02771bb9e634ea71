"""The running server's address, published in DATA_DIR: CLI commands beside a running server use its
database (the embedded one admits one process per file) and reach its routes (demo-customer).

DATA_DIR/server.json, readable by its owner only: {"pid", "http", "db", "started"}, with "db" the
embedded database's URI (null on MongoDB: commands use MONGO_URI themselves). The server writes it
once it listens and removes it when it starts shutting down; a file left by a server that died is
told apart by its pid and by the database file's lock, which only a live database process holds.
"""

import dataclasses
import fcntl
import json
import os
from pathlib import Path

from common.times import utcnow

FILE = "server.json"


@dataclasses.dataclass(frozen=True)
class Running:
    pid: int
    http: str  # where its routes answer, e.g. http://127.0.0.1:8000
    db: str | None  # the embedded database's URI; None on MongoDB
    started: str

    @property
    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # someone else's process: alive, not ours to judge
            return True
        return True


def address_file(cfg) -> Path:
    return Path(cfg.data_dir) / FILE


def http_address(cfg) -> str:
    """How this machine reaches the server's port (a wildcard listen address means localhost)."""
    host = "127.0.0.1" if cfg.host in ("", "0.0.0.0") else "[::1]" if cfg.host == "::" else cfg.host
    return f"http://{host}:{cfg.port}"


def publish(cfg, db_uri: str | None) -> None:
    path = address_file(cfg)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"pid": os.getpid(), "http": http_address(cfg), "db": db_uri, "started": utcnow().isoformat()})
    temporary = path.with_name(f".{FILE}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)


def withdraw(cfg, pid: int | None = None) -> None:
    """Remove the file if it names this process (or pid: a dead server's)."""
    found = read(cfg)
    if found is not None and found.pid == (pid or os.getpid()):
        address_file(cfg).unlink(missing_ok=True)


def read(cfg) -> Running | None:
    """What the file says (None: no file, or one that cannot be read: as good as none)."""
    try:
        data = json.loads(address_file(cfg).read_text())
        return Running(pid=int(data["pid"]), http=str(data["http"]), db=data.get("db"), started=str(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def database_in_use(cfg) -> bool:
    """Whether a live process holds the embedded database file's lock (models/embedded.py takes it)."""
    db_path = cfg.embedded_db_path
    lock_path = db_path.with_name(db_path.name + ".lock")
    if not lock_path.exists():
        return False
    with open(lock_path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
