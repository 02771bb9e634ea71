"""Chunked image upload: POST /zhugeleida/public/img_upload (one chunk), then /img_merge.

A merged user_photo joins the card's photos; a user_avatar becomes the card's avatar.
"""

from handlers.base import ChunkMixin, StreamingHandler, post
from models import cards, uploads

SOURCES = {
    "user_photo": "zhugeleida/imgs/qiyeweixin/user_photo",
    "user_avatar": "zhugeleida/imgs/qiyeweixin/user_avatar",
}


class ImageUploadHandler(ChunkMixin, StreamingHandler):
    @post("img_upload", body="upload")
    async def upload(self):
        uploads.require_image_source(self.arg_str("img_source", required=True), SOURCES)
        await self.store_chunk()

    @post("img_merge")
    async def merge(self):
        source = self.arg_str("img_source", required=True)
        image = await self.merge_into(uploads.require_image_source(source, SOURCES))
        data = {"ret_data": {"picture_url": image["path"]}}
        if source == "user_photo":
            data["ret_data"]["photo_id"] = (await cards.add_photo(self.db, self.current, image))["id"]
        else:
            await cards.set_avatar(self.db, self.cfg, self.current, image)
        self.reply(data, "添加图片成功")
