"""Chunked uploads: photos and avatars for the card, pictures for products, and every refusal."""

import asyncio
import base64
import os
from pathlib import Path

import pytest

from tests.helpers import png_bytes, slices

UPLOAD = "/zhugeleida/public/img_upload"
MERGE = "/zhugeleida/public/img_merge"
Q = "/zhugeleida/qiyeweixin"


async def send_chunks(api, who, data: bytes, count: int, *, name="photo.png", stamp="1530156149132",
                      source="user_photo", route=UPLOAD, skip=()):
    for index, piece in enumerate(slices(data, count)):
        if index in skip:
            continue
        form = {"img_name": name, "timestamp": stamp, "chunk": index, "img_data": base64.b64encode(piece).decode()}
        if source:
            form["img_source"] = source
        answer = await api.post(route, who, **form)
        assert answer == {"code": 200, "msg": "上传成功", "data": {}}, answer


def chunk_files(ctx) -> list[Path]:
    root = Path(ctx.cfg.upload_tmp_dir)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.gen_test
async def test_photo_in_five_chunks_lands_on_the_card(api, ctx, seller):
    data = png_bytes()
    await send_chunks(api, seller, data, 5)
    answer = await api.post(MERGE, seller, img_name="photo.png", timestamp="1530156149132", chunk_num=5,
                            img_source="user_photo")
    assert answer["code"] == 200 and answer["msg"] == "添加图片成功"
    url = answer["data"]["ret_data"]["picture_url"]
    assert url.startswith("statics/zhugeleida/imgs/qiyeweixin/user_photo/") and url.endswith(".png")
    assert "photo.png" not in url  # a generated name
    served = await api.raw("GET", "/" + url)
    assert served.code == 200 and served.body == data
    card = (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]
    assert card["photo"] == [[answer["data"]["ret_data"]["photo_id"], url]]
    shown = await api.ok("GET", f"{Q}/mingpian/show_photo", seller)
    assert shown == {"ret_data": [{"id": card["photo"][0][0], "photo_url": url}], "user_id": str(seller["id"])}
    assert chunk_files(ctx) == []  # nothing left behind
    # Deleting the photo removes it from the card and from disk.
    assert (await api.post(f"{Q}/mingpian/delete_photo", seller, photo_id=card["photo"][0][0]))["code"] == 200
    assert (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]["photo"] == []
    assert (await api.raw("GET", "/" + url)).code == 404
    assert (await api.post(f"{Q}/mingpian/delete_photo", seller, photo_id=card["photo"][0][0]))["code"] == 302


@pytest.mark.gen_test
async def test_avatar_upload_becomes_the_avatar(api, seller):
    data = png_bytes(40, 40)
    await send_chunks(api, seller, data, 2, source="user_avatar", name="me.png")
    answer = await api.ok("POST", MERGE, seller, form={"img_name": "me.png", "timestamp": "1530156149132",
                                                        "chunk_num": 2, "img_source": "user_avatar"})
    url = answer["ret_data"]["picture_url"]
    assert url.startswith("statics/zhugeleida/imgs/qiyeweixin/user_avatar/")
    assert (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]["avatar"] == url


@pytest.mark.gen_test
async def test_file_base64_sliced_as_text_also_merges(api, seller):
    """The original front end base64-encoded the file and sliced the text."""
    data = png_bytes(30, 30)
    text = base64.b64encode(data).decode()
    cut = [text[:101], text[101:333], text[333:]]
    for index, piece in enumerate(cut):
        await api.ok("POST", UPLOAD, seller, form={"img_name": "t.png", "timestamp": "7", "chunk": index,
                                                    "img_data": piece, "img_source": "user_photo"})
    answer = await api.ok("POST", MERGE, seller, form={"img_name": "t.png", "timestamp": "7", "chunk_num": 3,
                                                        "img_source": "user_photo"})
    assert (await api.raw("GET", "/" + answer["ret_data"]["picture_url"])).body == data


@pytest.mark.gen_test
async def test_missing_chunks_are_named_and_nothing_is_written(api, ctx, db, seller):
    await send_chunks(api, seller, png_bytes(), 5, skip=(1, 3))
    answer = await api.post(MERGE, seller, img_name="photo.png", timestamp="1530156149132", chunk_num=5,
                            img_source="user_photo")
    assert answer == {"code": 301, "msg": "chunk: 缺少分片 1,3", "data": {}}
    assert (await db.users.find_one({"_id": seller["id"]}))["photos"] == []
    assert len(chunk_files(ctx)) == 3  # still there: the client can send the rest


@pytest.mark.gen_test
async def test_not_an_image_is_refused(api, ctx, db, seller):
    await send_chunks(api, seller, b"<?php system($_GET['x']); ?>" * 50, 3, name="evil.png")
    answer = await api.post(MERGE, seller, img_name="evil.png", timestamp="1530156149132", chunk_num=3,
                            img_source="user_photo")
    assert answer == {"code": 301, "msg": "img_data: 不是有效的图片", "data": {}}
    assert (await db.users.find_one({"_id": seller["id"]}))["photos"] == []
    photos = Path(ctx.cfg.statics_dir) / "zhugeleida/imgs/qiyeweixin/user_photo"
    assert not photos.exists() or list(photos.iterdir()) == []
    assert chunk_files(ctx) == []


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"upload_max_bytes": 3000}])
async def test_oversize_is_refused(api, seller):
    big = os.urandom(2000)
    form = {"img_name": "a.png", "timestamp": "1", "img_source": "user_photo"}
    await api.ok("POST", UPLOAD, seller, form={**form, "chunk": 0, "img_data": base64.b64encode(big).decode()})
    answer = await api.post(UPLOAD, seller, **form, chunk=1, img_data=base64.b64encode(big).decode())
    assert answer == {"code": 301, "msg": "img_data: 文件超过3000字节", "data": {}}


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"upload_max_chunks": 4}])
async def test_too_many_chunks(api, seller):
    answer = await api.post(UPLOAD, seller, img_name="a.png", timestamp="1", chunk=5, img_data="QUJD",
                            img_source="user_photo")
    assert answer == {"code": 301, "msg": "chunk: 分片序号不能大于4", "data": {}}
    answer = await api.post(MERGE, seller, img_name="a.png", timestamp="1", chunk_num=5, img_source="user_photo")
    assert answer == {"code": 301, "msg": "chunk_num: 应在1到4之间", "data": {}}


@pytest.mark.gen_test
@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..\\..\\x.png", "a/../../b.png", "\x00.png"])
async def test_path_like_names_never_become_paths(api, ctx, seller, name):
    data = png_bytes(20, 20)
    await send_chunks(api, seller, data, 2, name=name, stamp="../../../tmp")
    answer = await api.ok("POST", MERGE, seller, form={"img_name": name, "timestamp": "../../../tmp",
                                                        "chunk_num": 2, "img_source": "user_photo"})
    url = answer["ret_data"]["picture_url"]
    assert ".." not in url and "passwd" not in url
    written = [p for p in Path(ctx.cfg.data_dir).rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(Path(ctx.cfg.data_dir).resolve()) for p in written)


@pytest.mark.gen_test
@pytest.mark.parametrize("form, msg", [
    ({"img_data": "!!!", "chunk": 0}, "img_data: 不是合法的base64"),
    ({"img_data": "QUJD", "chunk": -1}, "chunk: 不能小于0"),
    ({"img_data": "QUJD", "chunk": 0, "img_source": "../x"}, "img_source: 只能是 user_photo | user_avatar"),
    ({"chunk": 0}, "img_data: 不能为空"),
])
async def test_bad_chunks(api, seller, form, msg):
    answer = await api.post(UPLOAD, seller, **{"img_name": "a.png", "timestamp": "1", "img_source": "user_photo",
                                               **form})
    assert answer["msg"] == msg and answer["code"] in (301, 303)


@pytest.mark.gen_test
async def test_upload_timestamp_comes_from_the_body(api, seller):
    """The query string's timestamp is the signature's, not the upload's id."""
    answer = await api.post(UPLOAD, seller, img_name="a.png", chunk=0, img_data="QUJD", img_source="user_photo")
    assert answer == {"code": 303, "msg": "timestamp: 不能为空", "data": {}}


@pytest.mark.gen_test
async def test_uploads_need_a_signed_user(api):
    assert (await api.post(UPLOAD, None, img_name="a", timestamp="1", chunk=0, img_data="QUJD",
                           img_source="user_photo"))["code"] == 404


@pytest.mark.gen_test
async def test_concurrent_merges_write_once(api, db, seller):
    await send_chunks(api, seller, png_bytes(), 3)
    form = {"img_name": "photo.png", "timestamp": "1530156149132", "chunk_num": 3, "img_source": "user_photo"}
    answers = await asyncio.gather(*(api.post(MERGE, seller, **form) for _ in range(3)))
    assert sorted(a["code"] for a in answers) == [200, 301, 301]
    assert len((await db.users.find_one({"_id": seller["id"]}))["photos"]) == 1


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"upload_chunk_ttl_s": 0}])
async def test_stale_chunks_are_cleaned_up(api, ctx, seller):
    from models import uploads

    await send_chunks(api, seller, png_bytes(), 2)
    assert chunk_files(ctx)
    await asyncio.sleep(0.05)
    await uploads.prune_stale(ctx.cfg, force=True)
    assert chunk_files(ctx) == []


@pytest.mark.gen_test
async def test_product_pictures(api, db, seller):
    data = png_bytes(50, 50)
    await send_chunks(api, seller, data, 3, source=None, route=f"{Q}/product/add_picture/0")
    answer = await api.post(f"{Q}/product/upload_complete/0", seller, img_name="photo.png",
                            timestamp="1530156149132", chunk_num=3, picture_type=1)
    assert answer["code"] == 200 and answer["msg"] == "添加图片成功"
    picture = answer["data"]["ret_data"]
    assert set(picture) == {"picture_type", "picture_id", "picture_url"} and picture["picture_type"] == 1
    assert picture["picture_url"].startswith("statics/zhugeleida/imgs/qiyeweixin/product/")
    assert (await api.raw("GET", "/" + picture["picture_url"])).body == data
    assert (await db.product_pictures.find_one({"_id": picture["picture_id"]}))["user_id"] == seller["id"]
    assert (await api.post(f"{Q}/product/upload_complete/0", seller, img_name="x", timestamp="1", chunk_num=1,
                           picture_type=3))["code"] == 301


@pytest.mark.gen_test
async def test_chunks_numbered_from_one_merge_too(api, seller):
    """The seed's own example sends 'chunk': 1 first."""
    image = png_bytes()
    for number, piece in enumerate(slices(image, 3), 1):
        await api.ok("POST", UPLOAD, seller, form={"img_name": "one.png", "timestamp": "5", "chunk": number,
                                                   "img_data": base64.b64encode(piece).decode(),
                                                   "img_source": "user_photo"})
    merged = await api.ok("POST", MERGE, seller, form={"img_name": "one.png", "timestamp": "5", "chunk_num": 3,
                                                       "img_source": "user_photo"})
    assert merged["ret_data"]["picture_url"].endswith(".png")
    await api.ok("POST", UPLOAD, seller, form={"img_name": "two.png", "timestamp": "6", "chunk": 1,
                                               "img_data": "QUJD", "img_source": "user_photo"})
    answer = await api.post(MERGE, seller, img_name="two.png", timestamp="6", chunk_num=3, img_source="user_photo")
    assert answer == {"code": 301, "msg": "chunk: 缺少分片 2,3", "data": {}}
