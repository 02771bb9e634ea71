"""Products: /zhugeleida/qiyeweixin/product/<oper>[/<product_id>] (each also with a trailing slash)."""

from handlers.base import BaseHandler, ChunkMixin, StreamingHandler, get, post
from models import products

PICTURE_FOLDER = "zhugeleida/imgs/qiyeweixin/product"


class ProductPictureHandler(ChunkMixin, StreamingHandler):
    """product/add_picture/0 (one chunk) and product/upload_complete/0 (the merge)."""

    @post("add_picture/0", body="upload")
    async def add_picture(self):
        await self.store_chunk()

    @post("upload_complete/0")
    async def upload_complete(self):
        picture_type = self.arg_int("picture_type", required=True, choices=(1, 2))
        image = await self.merge_into(PICTURE_FOLDER)
        picture = await products.add_picture(self.db, self.current, picture_type, image)
        self.reply({"ret_data": {"picture_type": picture_type, "picture_id": picture["_id"],
                                 "picture_url": image["path"]}}, "添加图片成功")


class ProductHandler(BaseHandler):
    @get("product_single")
    async def single(self):
        item = await products.single(self.db, self.current, self.arg_int("product_id", required=True))
        self.reply({"ret_data": [item], "data_count": 1}, "查询成功")

    @get("product_list")
    async def listing(self):
        skip, limit = self.page(10)
        rows, total = await products.listing(self.db, self.current,
                                             self.arg_int("status_code", choices=tuple(products.STATUS_TEXT)),
                                             skip, limit)
        self.reply({"ret_data": rows, "data_count": total}, "查询成功")

    def fields(self, *, update: bool) -> dict:
        """name and price are always required; on an update, reason and content left out stay as they are."""
        fields = {"name": self.arg_str("name", required=True, max_len=100),
                  "price": self.arg_str("price", required=True, max_len=64)}
        if self.sent("reason") or not update:
            fields["reason"] = self.arg_str("reason", default="", max_len=500)
        if self.sent("content") or not update:
            fields["content"] = products.check_content(self.arg_json("content"))
        return fields

    @post("add/0")
    async def add(self):
        product = await products.create(self.db, self.current, self.fields(update=False),
                                        company_product=bool(self.arg_bool("company_product", default=False)))
        self.reply({"product_id": product["_id"]}, "添加成功")

    @post("update/<id>")
    async def update(self, product_id: int):
        await products.update(self.db, self.current, product_id, self.fields(update=True))
        self.reply(msg="添加成功")  # sic: the seed's answer to 修改产品

    @post("change_status/<id>")
    async def change_status(self, product_id: int):
        status = self.arg_int("status", required=True, choices=tuple(products.STATUS_TEXT))
        product = await products.change_status(self.db, self.current, product_id, status)
        self.reply({"product_id": product_id, "status": products.STATUS_TEXT[product["status"]],
                    "status_code": product["status"]}, products.STATUS_MSG[status])

    @post("delete/<id>")
    async def delete(self, product_id: int):
        await products.delete(self.db, self.current, product_id)
        self.reply(msg="删除成功")

    # The seed's two deprecated routes work as printed; product/update (the whole content) replaces both.
    @get("delete_article/<article_id>", writes=True)
    @post("delete_article/<article_id>")
    async def delete_article(self, article_id: int):
        """article_id: the block's position (from 1) in content.article_data, as product_single lists it."""
        await products.delete_article_block(self.db, self.current, self.arg_int("product_id", required=True),
                                            article_id)
        self.reply(msg="删除文章字段成功")

    @post("delete_picture/<picture_id>")
    async def delete_picture(self, picture_id: int):
        await products.delete_picture(self.db, self.cfg, self.current, picture_id, self.arg_int("product_id"))
        self.reply(msg="删除成功")
