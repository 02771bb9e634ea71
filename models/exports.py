"""Export and import: the road from the embedded database to MongoDB (and a backup of a MongoDB).

An export is a directory: one `<collection>.jsonl` per collection, a document per line in MongoDB
Extended JSON (canonical mode, so every type comes back as it was: ints stay ints, dates dates),
and `manifest.json` (format and version, each collection's count and indexes), written last: a
directory without it is not an export.

Beside a running server each collection is read as it is at that moment (not one instant for all);
`counters` is read last, so the ids it hands out after an import are above every exported one.
An import goes into an empty database only, checks every file before it writes anything, and if it
fails part-way removes what it wrote; a marker collection tells a later import when even that was
impossible (the process was killed).
"""

import asyncio
import json
import re
from pathlib import Path

from bson import json_util
from bson.json_util import CANONICAL_JSON_OPTIONS
from pymongo import IndexModel

from common.errors import CommandError
from common.times import utcnow

FORMAT = "radar-export"
VERSION = 1
MANIFEST = "manifest.json"
MARKER = "radar_import_unfinished"  # present only while an import runs (or after one was killed)
BATCH = 500
LAST = "counters"
NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")  # a collection name that is safe as a file name
READ_OPTIONS = CANONICAL_JSON_OPTIONS.with_options(tz_aware=True)
INDEX_FIELDS_NOT_OPTIONS = ("key", "v", "ns")


def _collections_in_order(names) -> list[str]:
    ours = sorted(name for name in names if not name.startswith("system.") and name != MARKER)
    return [name for name in ours if name != LAST] + ([LAST] if LAST in ours else [])


def _write(path: Path, text: str, mode: str = "a") -> None:
    with open(path, mode, encoding="utf-8") as handle:
        handle.write(text)


def _index_spec(index: dict) -> dict:
    """An index as listIndexes answers it, in plain JSON: keys as [field, direction] pairs (order matters)."""
    spec = {"key": [[field, direction] for field, direction in index["key"].items()]}
    spec.update({name: value for name, value in index.items() if name not in INDEX_FIELDS_NOT_OPTIONS})
    return json.loads(json_util.dumps(spec, json_options=json_util.RELAXED_JSON_OPTIONS))


async def export(db, directory: Path, source: str) -> dict:
    """Write the database into directory (missing or empty); the manifest."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise CommandError(f"{directory} exists and is not an empty directory")
    directory.mkdir(parents=True, exist_ok=True)
    collections = {}
    for name in _collections_in_order(await db.list_collection_names()):
        if not NAME.match(name):
            raise CommandError(f"collection {name!r} cannot be exported under its name")
        path = directory / f"{name}.jsonl"
        await asyncio.to_thread(_write, path, "", "w")
        count = 0
        cursor = db[name].find({}, batch_size=BATCH)
        while batch := await cursor.to_list(BATCH):
            count += len(batch)
            lines = "".join(json_util.dumps(doc, json_options=CANONICAL_JSON_OPTIONS, ensure_ascii=False) + "\n"
                            for doc in batch)
            await asyncio.to_thread(_write, path, lines)
        indexes = [_index_spec(index) async for index in await db[name].list_indexes()]
        collections[name] = {"count": count, "indexes": indexes}
    manifest = {"format": FORMAT, "version": VERSION, "created": utcnow().isoformat(), "source": source,
                "database": db.name, "collections": collections}
    await asyncio.to_thread(_write, directory / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2), "w")
    return manifest


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path} not found: not an export (`server.py export --to DIR` writes one)") from None
    except (OSError, ValueError) as error:
        raise CommandError(f"{path} cannot be read: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CommandError(f"{path} is not a radar export manifest")
    if manifest.get("version") != VERSION:
        raise CommandError(f"{path} has format version {manifest.get('version')}; this radar reads version {VERSION}")
    for name in manifest.get("collections", {}):
        if not NAME.match(name):
            raise CommandError(f"{path} names a collection {name!r} that cannot be a file name")
    return manifest


def _check_file(path: Path, expected: int) -> None:
    """Every line parses and there are as many as the manifest says (nothing is written before this)."""
    if not path.is_file():
        raise CommandError(f"{path} is missing")
    count = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                json_util.loads(line, json_options=READ_OPTIONS)
            except ValueError as error:
                raise CommandError(f"{path} line {number} is not Extended JSON: {error}") from None
            count += 1
    if count != expected:
        raise CommandError(f"{path} holds {count} documents, the manifest says {expected}")


def _read_batches(path: Path):
    with open(path, encoding="utf-8") as handle:
        batch = []
        for line in handle:
            batch.append(json_util.loads(line, json_options=READ_OPTIONS))
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


async def not_empty(db) -> dict[str, int]:
    """{collection: documents} of every collection that holds any."""
    found = {}
    for name in await db.list_collection_names():
        if not name.startswith("system.") and (count := await db[name].estimated_document_count()):
            found[name] = count
    return found


async def load(db, directory: Path) -> dict:
    """Import the export in directory into db, which must be empty. {collection: documents}."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    collections = manifest["collections"]
    for name, entry in collections.items():
        await asyncio.to_thread(_check_file, directory / f"{name}.jsonl", entry["count"])
    marker = await db[MARKER].find_one({})
    if marker:
        raise CommandError(
            f"an import into database {db.name} (from {marker['source']}, started {marker['started']}) stopped "
            f"half-way: drop the database (with the embedded database: delete the DATA_DIR's radar.sqlite3* "
            f"files) and import again")
    if found := await not_empty(db):
        holds = ", ".join(f"{name} {count}" for name, count in sorted(found.items())[:5])
        raise CommandError(f"database {db.name} is not empty ({holds}{', …' if len(found) > 5 else ''}): "
                           f"import needs an empty one")
    await db[MARKER].insert_one({"source": str(directory), "started": utcnow().isoformat()})
    name, done = None, {}
    try:
        for name, entry in collections.items():
            batches = _read_batches(directory / f"{name}.jsonl")
            while batch := await asyncio.to_thread(next, batches, None):
                await db[name].insert_many(batch, ordered=True)
            models = [IndexModel(index["key"], **{k: v for k, v in index.items() if k != "key"})
                      for index in entry["indexes"] if index.get("name") != "_id_"]
            if models:
                await db[name].create_indexes(models)
            done[name] = entry["count"]
    except BaseException as error:
        await _undo(db, list(collections), name, error)
        raise
    await db.drop_collection(MARKER)
    return done


async def _undo(db, names: list[str], failed_at: str | None, error: BaseException) -> None:
    """Remove a partial import, then say what happened (the error becomes the cause)."""
    try:
        for name in [*names, MARKER]:
            await db.drop_collection(name)
    except Exception as cleanup:
        raise CommandError(f"import failed at {failed_at}: {error!r}; what was imported could not be removed "
                           f"({cleanup!r}): drop database {db.name} before importing again") from error
    if isinstance(error, Exception):
        raise CommandError(f"import failed at {failed_at}: {error!r}; what was imported has been removed, "
                           f"the database is empty again") from error
