"""server.maintain() on the embedded database (mongoeco on SQLite, as `make run` uses it): every
step does its work, an empty installation is no error, and a step that fails stops no other."""

import base64
import json
import logging
import os
import time
from datetime import timedelta

import pytest

from common.times import utcnow
from models.db import EmbeddedServer, make_client
from models.setup import prepare_database
from server import MAINTENANCE, maintain, make_context
from tests.helpers import png_bytes

Q = "/zhugeleida/qiyeweixin"


@pytest.fixture
def ctx(io_loop, cfg, commands):
    """The app on the embedded SQLite database in its child process (not the suite's memory engine)."""
    server = EmbeddedServer(str(cfg.embedded_db_path))
    client = make_client(io_loop.run_sync(server.start), [commands])
    db = client.radar
    io_loop.run_sync(lambda: prepare_database(db))
    context = make_context(cfg, db, "embedded")
    yield context
    context.hub.close_all()
    context.wechat.close()
    io_loop.run_sync(client.close)
    io_loop.run_sync(server.stop)
    commands.assert_no_empty_in()


async def upload_picture(api, seller, name: str) -> str:
    data = base64.b64encode(png_bytes()).decode()
    await api.ok("POST", f"{Q}/product/add_picture/0", seller, form={
        "img_name": name, "timestamp": name, "chunk": 0, "img_data": data})
    merged = await api.ok("POST", f"{Q}/product/upload_complete/0", seller, form={
        "img_name": name, "timestamp": name, "chunk_num": 1, "picture_type": 1})
    return merged["ret_data"]["picture_url"]


def stale_upload(cfg, user_id: int, name: str, age_s: float):
    folder = cfg.upload_tmp_dir / str(user_id) / name
    folder.mkdir(parents=True)
    (folder / "0").write_bytes(b"chunk")
    os.utime(folder, (time.time() - age_s, time.time() - age_s))
    return folder


@pytest.mark.gen_test(timeout=60)
async def test_nothing_to_do_is_no_error(api, ctx, seller):
    """No picture is old enough to sweep, while products show pictures (an empty $in on their indexed
    picture_urls was invalid SQL here)."""
    shown = await upload_picture(api, seller, "shown")
    content = {"cover_data": [{"type": "picture_url", "data": [shown]}], "article_data": []}
    await api.ok("POST", f"{Q}/product/add/0", seller, form={"name": "门票", "price": "1",
                                                               "content": json.dumps(content)})
    assert await maintain(ctx) == {"unused product pictures": 0, "unfinished uploads": 0}


@pytest.mark.gen_test(timeout=60)
async def test_unused_product_pictures_are_swept(api, ctx, db, cfg, seller):
    shown = await upload_picture(api, seller, "shown")
    unused = await upload_picture(api, seller, "unused")
    fresh = await upload_picture(api, seller, "fresh")
    content = {"cover_data": [{"type": "picture_url", "data": [shown]}], "article_data": []}
    await api.ok("POST", f"{Q}/product/add/0", seller, form={"name": "门票", "price": "1",
                                                               "content": json.dumps(content)})
    past_grace = utcnow() - timedelta(days=2)
    await db.product_pictures.update_many({"url": {"$in": [shown, unused]}}, {"$set": {"create_date": past_grace}})
    quota = (await db.users.find_one({"_id": seller["id"]}))["upload_bytes"]
    size = (await db.product_pictures.find_one({"url": unused}))["size"]

    assert (await maintain(ctx))["unused product pictures"] == 1
    left = {p["url"] async for p in db.product_pictures.find()}
    assert left == {shown, fresh}
    assert not (cfg.statics_dir.parent / unused).exists() and (cfg.statics_dir.parent / shown).exists()
    assert (await db.users.find_one({"_id": seller["id"]}))["upload_bytes"] == quota - size


@pytest.mark.gen_test(timeout=60)
async def test_unfinished_uploads_are_pruned(ctx, cfg, seller):
    old = stale_upload(cfg, seller["id"], "old", cfg.upload_chunk_ttl_s + 60)
    recent = stale_upload(cfg, seller["id"], "recent", 10)
    assert (await maintain(ctx))["unfinished uploads"] == 1
    assert not old.exists() and recent.exists()


@pytest.mark.gen_test(timeout=60)
async def test_a_failing_step_stops_no_other(ctx, db, cfg, seller, caplog):
    """A picture row without its url (written by hand, say) breaks the sweep; the uploads are still pruned
    and the failure is logged with its traceback."""
    assert [name for name, _step in MAINTENANCE][0] == "unused product pictures"
    await db.product_pictures.insert_one({"_id": 999, "user_id": seller["id"], "create_date": utcnow() - timedelta(days=3)})
    old = stale_upload(cfg, seller["id"], "old", cfg.upload_chunk_ttl_s + 60)
    with caplog.at_level(logging.ERROR, logger="radar"):
        done = await maintain(ctx)
    assert done["unused product pictures"].startswith("failed: KeyError")
    assert done["unfinished uploads"] == 1 and not old.exists()
    failure = next(r for r in caplog.records if "maintenance: unused product pictures failed" in r.getMessage())
    assert failure.exc_info is not None
