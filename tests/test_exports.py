"""Export and import (models/exports.py): a populated installation exported and imported into a fresh
database answers every GET route of the API index as the original does; an import refuses a database
that is not empty, checks every file before it writes, and removes what it wrote when it fails."""

import json
import uuid

import pytest

from common.errors import CommandError
from models import exports
from models.db import forget_id_blocks
from tests.world import build, calls

# Values made afresh by each call (random codes, signatures, the card's QR image, which qr_code_auth draws
# anew under a name with the moment in it), which differ between any two calls, on one database or two.
FRESH = {"auth_code", "auth_qrcode_url", "auth_secret", "timestamp", "nonceStr", "signature", "qr_code"}
# And those of a route whose call logs someone in or makes a code: a new token, the moment it happened.
FRESH_IN = {"GET /zhugeleida/qiyeweixin/scan_login/request": {"create_date"},
            "GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth": {"token"},
            "GET /zhugeleida/qiyeweixin/work_weixin_auth/": {"token", "last_login_date"}}


def differences(a, b, path: str = "") -> list[str]:
    if type(a) is not type(b) or not isinstance(a, dict | list):
        return [] if a == b else [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, list):
        return [f"{path}: {len(a)} != {len(b)} items"] if len(a) != len(b) else [
            d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]
    return [d for key in a.keys() | b.keys() for d in differences(a.get(key), b.get(key), f"{path}.{key}")]


def masked(value, fresh: set):
    if isinstance(value, dict):
        return {key: "(fresh)" if key in fresh else masked(item, fresh) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item, fresh) for item in value]
    return value


async def answers(api, table: dict) -> dict:
    """Every route's answer: the envelope, or (status, type, redirect) for a page, image or redirect."""
    found = {}
    for route, prepare in table.items():
        method, path, who, params, form = await prepare()
        response = await api.raw(method, path, who, params=params, **({"form": form} if isinstance(form, dict) else {}))
        kind = response.headers.get("Content-Type", "")
        found[route] = masked(json.loads(response.body), FRESH | FRESH_IN.get(route, set())) if kind.startswith("application/json") else (
            response.code, kind, (response.headers.get("Location") or "").split("?")[0])
    return found


@pytest.mark.gen_test(timeout=240)
async def test_an_import_answers_every_get_route_as_the_original(api, ctx, admin, seller, fake_wechat, tmp_path,
                                                                 clock):
    world = await build(api, admin, seller, fake_wechat, clock)
    gets = {route: prepare for route, prepare in calls(world).items() if route.startswith("GET ")}
    assert len(gets) > 50
    manifest = await exports.export(ctx.db, tmp_path / "export", "embedded")
    original, copy = ctx.db, ctx.db.client[f"t_{uuid.uuid4().hex[:12]}"]
    try:
        imported = await exports.load(copy, tmp_path / "export")
        assert imported == {name: entry["count"] for name, entry in manifest["collections"].items()}
        seen = {}
        for db in (original, copy):  # the same application, answering from one database, then the other
            ctx.db = ctx.wechat.db = db
            forget_id_blocks(db)  # both hand out the next ids from their (equal) counters
            seen[db.name] = await answers(api, gets)
        ctx.db = ctx.wechat.db = original
        differ = {route: differences(seen[original.name][route], seen[copy.name][route]) for route in gets}
        assert {route: found for route, found in differ.items() if found} == {}
        assert {name: [ix["name"] for ix in entry["indexes"]] for name, entry in manifest["collections"].items()} == {
            name: [ix["name"] async for ix in await copy[name].list_indexes()] for name in manifest["collections"]}
    finally:
        ctx.db = ctx.wechat.db = original
        await copy.client.drop_database(copy.name)


@pytest.mark.gen_test
async def test_values_keep_their_types(db, tmp_path):
    from datetime import UTC, datetime

    from bson import Decimal128, ObjectId, json_util
    from bson.json_util import CANONICAL_JSON_OPTIONS

    when = datetime(2018, 6, 14, 8, 30, 15, 123000, tzinfo=UTC)
    document = {"_id": 7, "big": 2**40, "float": 1.5, "decimal": Decimal128("9.99"), "when": when, "oid": ObjectId(),
                "none": None, "nested": {"list": [1, "二", {"x": True}]}, "text": "张炬\n\"quoted\""}
    await db.things.insert_one(document)
    await exports.export(db, tmp_path / "out", "embedded")
    copy = db.client[f"t_{uuid.uuid4().hex[:12]}"]
    try:
        await exports.load(copy, tmp_path / "out")
        back = await copy.things.find_one({"_id": 7})
        assert json_util.dumps(back, json_options=CANONICAL_JSON_OPTIONS) == json_util.dumps(
            document, json_options=CANONICAL_JSON_OPTIONS)  # the same values with the same BSON types
    finally:
        await db.client.drop_database(copy.name)


@pytest.mark.gen_test
async def test_an_import_refuses_a_database_that_is_not_empty(db, admin, tmp_path):
    await exports.export(db, tmp_path / "out", "embedded")
    with pytest.raises(CommandError, match=r"is not empty \(companies 1, counters"):
        await exports.load(db, tmp_path / "out")


@pytest.mark.gen_test
async def test_a_failed_import_leaves_an_empty_database_that_takes_a_retry(db, admin, tmp_path):
    out = tmp_path / "out"
    await exports.export(db, out, "embedded")
    good = (out / "users.jsonl").read_text()
    (out / "users.jsonl").write_text("")  # a line short
    copy = db.client[f"t_{uuid.uuid4().hex[:12]}"]
    try:
        with pytest.raises(CommandError, match="users.jsonl holds 0 documents, the manifest says 1"):
            await exports.load(copy, out)
        assert await exports.not_empty(copy) == {}  # checked before anything was written
        # A file that parses but cannot be inserted (the same _id twice) fails half-way through.
        (out / "users.jsonl").write_text(good + good.splitlines()[0] + "\n")
        manifest = json.loads((out / "manifest.json").read_text())
        manifest["collections"]["users"]["count"] += 1
        (out / "manifest.json").write_text(json.dumps(manifest))
        with pytest.raises(CommandError, match="import failed at users: .*has been removed, the database is empty"):
            await exports.load(copy, out)
        assert await exports.not_empty(copy) == {}
        (out / "users.jsonl").write_text(good)
        manifest["collections"]["users"]["count"] -= 1
        (out / "manifest.json").write_text(json.dumps(manifest))
        assert (await exports.load(copy, out))["users"] == 1
    finally:
        await db.client.drop_database(copy.name)


@pytest.mark.gen_test
async def test_an_import_killed_half_way_is_named_on_the_next_try(db, admin, tmp_path):
    await exports.export(db, tmp_path / "out", "embedded")
    copy = db.client[f"t_{uuid.uuid4().hex[:12]}"]
    try:
        await copy[exports.MARKER].insert_one({"source": "/somewhere", "started": "2026-01-01T00:00:00"})
        await copy.users.insert_one({"_id": 1})
        with pytest.raises(CommandError, match="from /somewhere, started 2026-01-01T00:00:00\\) stopped half-way"):
            await exports.load(copy, tmp_path / "out")
    finally:
        await db.client.drop_database(copy.name)


def test_a_directory_without_a_manifest_is_not_an_export(tmp_path):
    with pytest.raises(CommandError, match="manifest.json not found: not an export"):
        exports.read_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"format": exports.FORMAT, "version": 99}))
    with pytest.raises(CommandError, match="format version 99"):
        exports.read_manifest(tmp_path)
