"""Chunked image upload: POST /zhugeleida/public/img_upload (one chunk), then /img_merge.

A merged user_photo joins the card's photos; a user_avatar becomes the card's avatar.
The upload's own `timestamp` (its id) is read from the body: the query string carries the
signature's timestamp.
"""

from handlers.base import BaseHandler
from models import cards, uploads

SOURCES = {
    "user_photo": "zhugeleida/imgs/qiyeweixin/user_photo",
    "user_avatar": "zhugeleida/imgs/qiyeweixin/user_avatar",
}


class ChunkMixin:
    def upload_id(self) -> dict:
        return {"timestamp": self.arg_str("timestamp", required=True, max_len=64, body_only=True),
                "img_name": self.arg_str("img_name", required=True, max_len=255)}

    async def store_chunk(self):
        await uploads.store_chunk(self.cfg, self.current["_id"], chunk=self.arg_int("chunk", required=True,
                                                                                     min_value=0),
                                  img_data=self.arg_str("img_data", required=True, max_len=self.cfg.max_body_bytes),
                                  **self.upload_id())
        self.reply(msg="上传成功")

    async def merge_into(self, folder: str) -> str:
        chunk_num = self.arg_int("chunk_num", required=True)
        return await uploads.merge(self.cfg, self.current["_id"], chunk_num=chunk_num, folder=folder,
                                   **self.upload_id())


class ImageUploadHandler(ChunkMixin, BaseHandler):
    async def write_img_upload(self):
        uploads.require_image_source(self.arg_str("img_source", required=True), SOURCES)
        await self.store_chunk()

    async def write_img_merge(self):
        source = self.arg_str("img_source", required=True)
        path = await self.merge_into(uploads.require_image_source(source, SOURCES))
        data = {"ret_data": {"picture_url": path}}
        if source == "user_photo":
            data["ret_data"]["photo_id"] = (await cards.add_photo(self.db, self.current, path))["id"]
        else:
            await cards.save(self.db, self.current, {"avatar": path})
        self.reply(data, "添加图片成功")
