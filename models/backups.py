"""Backup and restore of one installation as one archive (.tar.gz): its database and the files under
DATA_DIR/statics (uploads, QR codes).

The embedded database is copied with SQLite's online backup API straight from its file, while the
server keeps serving: the file is in WAL mode, so a reader takes one consistent snapshot while the
server writes. A MongoDB database goes in as an export (models/exports.py). The database is copied
before the files, so every file a copied row names is in the archive (a file deleted meanwhile is
not, and no row names it any more either).

Inside: backup.json (format, version, what database), then radar.sqlite3 or export/, then statics/.
"""

import asyncio
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from common.errors import CommandError
from common.times import utcnow
from models import exports, running

FORMAT = "radar-backup"
VERSION = 1
INFO = "backup.json"
DATABASE_FILE = "radar.sqlite3"
EXPORT_DIR = "export"
STATICS_DIR = "statics"


# ----- backup ----------------------------------------------------------------------------------
def _copy_sqlite(source: Path, target: Path) -> None:
    """One consistent snapshot of a live SQLite file (the online backup API in a single step)."""
    if not source.exists():
        raise CommandError(f"there is no embedded database at {source}")
    origin = sqlite3.connect(f"file:{source}?mode=rw", uri=True, timeout=30)
    copy = sqlite3.connect(target)
    try:
        origin.backup(copy)
        check = copy.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise CommandError(f"the copy of {source} fails SQLite's check: {check}")
    finally:
        copy.close()
        origin.close()


def _pack(archive: Path, info: dict, database: Path, statics: Path) -> dict:
    """Write the archive next to its final name, then move it there: never half an archive at FILE."""
    partial = archive.with_name(archive.name + ".part")
    files = size = 0
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            body = json.dumps(info, ensure_ascii=False, indent=2).encode()
            member = tarfile.TarInfo(INFO)
            member.size, member.mtime = len(body), int(utcnow().timestamp())
            tar.addfile(member, fileobj=io.BytesIO(body))
            tar.add(database, arcname=database.name)
            for path in sorted(statics.rglob("*")) if statics.is_dir() else ():
                if not path.is_file():
                    continue
                try:
                    tar.add(path, arcname=f"{STATICS_DIR}/{path.relative_to(statics)}")
                except FileNotFoundError:  # deleted since the walk: its row is gone too
                    continue
                files += 1
                size += path.stat().st_size
        os.replace(partial, archive)
    finally:
        partial.unlink(missing_ok=True)
    return {"files": files, "file_bytes": size, "archive_bytes": archive.stat().st_size}


def _check_target(target: Path) -> None:
    if target.exists():
        raise CommandError(f"{target} exists: choose another name")
    if not target.parent.is_dir():
        raise CommandError(f"{target.parent} is not a directory")


async def backup_embedded(cfg, target: Path) -> dict:
    target = Path(target)
    _check_target(target)
    info = {"format": FORMAT, "version": VERSION, "created": utcnow().isoformat(), "database": "embedded"}
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".radar-backup-") as staging:
        copy = Path(staging) / DATABASE_FILE
        await asyncio.to_thread(_copy_sqlite, cfg.embedded_db_path, copy)
        database_bytes = copy.stat().st_size
        packed = await asyncio.to_thread(_pack, target, info, copy, cfg.statics_dir)
    return {"to": str(target), "database": "embedded", "database_bytes": database_bytes, **packed}


async def backup_mongodb(cfg, db, target: Path) -> dict:
    target = Path(target)
    _check_target(target)
    info = {"format": FORMAT, "version": VERSION, "created": utcnow().isoformat(), "database": "mongodb"}
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".radar-backup-") as staging:
        export = Path(staging) / EXPORT_DIR
        manifest = await exports.export(db, export, "mongodb")
        packed = await asyncio.to_thread(_pack, target, info, export, cfg.statics_dir)
    documents = sum(entry["count"] for entry in manifest["collections"].values())
    return {"to": str(target), "database": "mongodb", "documents": documents, **packed}


# ----- restore ---------------------------------------------------------------------------------
def read_info(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            info = json.loads(tar.extractfile(INFO).read())
    except FileNotFoundError:
        raise CommandError(f"{archive} not found") from None
    except (tarfile.TarError, KeyError, OSError, ValueError, AttributeError) as error:
        raise CommandError(f"{archive} is not a radar backup ({error})") from None
    if info.get("format") != FORMAT or info.get("database") not in ("embedded", "mongodb"):
        raise CommandError(f"{archive} is not a radar backup")
    if info.get("version") != VERSION:
        raise CommandError(f"{archive} has backup format version {info.get('version')}; this radar reads {VERSION}")
    return info


def check_data_dir(cfg, force: bool) -> None:
    """An empty (or missing) DATA_DIR, or --force; never under a running server or database."""
    data_dir = Path(cfg.data_dir)
    server = running.read(cfg)
    if (server is not None and server.alive) or running.database_in_use(cfg):
        raise CommandError(f"a radar server is using {data_dir}: stop it before restoring into it")
    if data_dir.exists() and any(data_dir.iterdir()) and not force:
        raise CommandError(f"{data_dir} is not empty: restore into an empty DATA_DIR, or add --force to replace "
                           f"its database and files")


def clear_data_dir(cfg, database: bool) -> None:
    """What a restore replaces: statics, unfinished uploads, a stale address file and, with database,
    the embedded database's files."""
    data_dir = Path(cfg.data_dir)
    for path in [*(cfg.embedded_db_files if database else ()), running.address_file(cfg)]:
        path.unlink(missing_ok=True)
    for folder in (cfg.statics_dir, data_dir / "tmp"):
        shutil.rmtree(folder, ignore_errors=True)


def _extract(archive: Path, destination: Path, prefixes: tuple[str, ...]) -> int:
    """Extract the members under prefixes (tarfile's "data" filter refuses links and paths outside)."""
    count = 0
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.isfile() and member.name.startswith(prefixes):
                    tar.extract(member, destination, filter="data")
                    count += 1
    except (tarfile.TarError, OSError) as error:
        raise CommandError(f"{archive} cannot be restored: {error}") from None
    return count


def _check_sqlite(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()
    if check != "ok":
        raise CommandError(f"the restored {path} fails SQLite's check: {check}")


async def restore_files(cfg, archive: Path, with_database: bool, force: bool) -> int:
    """Into DATA_DIR (checked beforehand): statics, and the embedded database file if with_database.
    Everything is extracted and checked beside it first; only then is what it replaces (with --force)
    removed and the restored files moved in. How many files were restored."""
    data_dir = Path(cfg.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    prefixes = (f"{STATICS_DIR}/",) + ((DATABASE_FILE,) if with_database else ())
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as staging:
        staged = Path(staging)
        count = await asyncio.to_thread(_extract, archive, staged, prefixes)
        if with_database:
            if not (staged / DATABASE_FILE).exists():
                raise CommandError(f"{archive} holds no database file")
            await asyncio.to_thread(_check_sqlite, staged / DATABASE_FILE)
        if force:
            clear_data_dir(cfg, database=with_database)
        for name in (DATABASE_FILE, STATICS_DIR):
            if (staged / name).exists():
                os.replace(staged / name, data_dir / name)
    return count


async def restore_export(db, archive: Path) -> int:
    """A MongoDB backup's export, imported into db (empty). How many documents."""
    with tempfile.TemporaryDirectory(prefix="radar-restore-") as staging:
        await asyncio.to_thread(_extract, archive, Path(staging), (f"{EXPORT_DIR}/",))
        done = await exports.load(db, Path(staging) / EXPORT_DIR)
    return sum(done.values())
