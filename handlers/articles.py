"""A radar user's articles and their forward tree: /zhugeleida/qiyeweixin/article/<oper>/<id>."""

from handlers.base import BaseHandler, get, post
from models import articles


class ArticleHandler(BaseHandler):
    def fields(self, *, update: bool) -> dict:
        """title and content are required on an add; on an update, what is left out stays."""
        fields = {}
        for name, max_len in (("title", 100), ("summary", 500), ("cover_picture", 1024)):
            if self.sent(name) or not update:
                fields[name] = self.arg_str(name, required=name == "title", default="", max_len=max_len)
        if self.sent("content") or not update:
            fields["content"] = self.arg_str("content", required=True, max_len=articles.MAX_CONTENT, strip=False)
        return fields

    @post("add/0")
    async def add(self):
        article = await articles.create(self.db, self.current, self.fields(update=False))
        self.reply({"article_id": article["_id"]}, "添加成功")

    @post("update/<id>")
    async def update(self, article_id: int):
        await articles.update(self.db, self.current, article_id, self.fields(update=True))
        self.reply(msg="修改成功")

    @post("delete/<id>")
    async def delete(self, article_id: int):
        await articles.delete(self.db, self.current, article_id)
        self.reply(msg="删除成功")

    @get("myarticle/<id>")
    async def mine(self, article_id: int):
        """myarticle/0: the caller's articles (title filter, order); myarticle/<id>: one, with content."""
        if article_id == 0:
            skip, limit = self.page(10)
            rows, total = await articles.mine(self.db, self.current, self.arg_str("title", max_len=100),
                                              self.arg_str("order", max_len=20), skip, limit)
            self.reply({"ret_data": rows, "data_count": total}, "查询成功")
            return
        article = await articles.own(self.db, self.current, article_id)
        self.reply({"ret_data": [articles.shape(article, full=True)], "data_count": 1}, "查询成功")

    # ----- the forward tree, as the caller's shares grew it -------------------------------------
    @get("hide_customer_data/<article_id>")
    async def potential(self, article_id: int):
        skip, limit = self.page(10)
        article = await articles.own(self.db, self.current, article_id)
        self.reply(await articles.potential(self.db, self.current, article, skip, limit), "返回成功")

    @get("get_article_access_log/<article_id>")
    async def reads(self, article_id: int):
        skip, limit = self.page(10)
        article = await articles.own(self.db, self.current, article_id)
        data = await articles.reads(self.db, self.current, article, self.arg_int("customer_id", required=True),
                                    skip, limit)
        self.reply(data, "")

    @get("get_article_forward_info/<article_id>")
    async def forwards(self, article_id: int):
        article = await articles.own(self.db, self.current, article_id)
        self.reply(await articles.forwards(self.db, self.current, article,
                                           self.arg_int("customer_id", required=True)), "")

    @get("customer_effect_ranking_by_level/<article_id>")
    async def by_level(self, article_id: int):
        level = self.arg_int("level", required=True, min_value=0, max_value=10_000)
        skip, limit = self.page(20)
        article = await articles.own(self.db, self.current, article_id)
        self.reply(await articles.by_level(self.db, self.current, article, level, skip, limit), "返回成功")

    @get("query_customer_transmit_path/<article_id>")
    async def transmit_path(self, article_id: int):
        self.arg_int("level", min_value=0, max_value=10_000)  # the seed sends it; the reader's node knows it
        article = await articles.own(self.db, self.current, article_id)
        self.reply(await articles.transmit_path(self.db, self.current, article,
                                                self.arg_int("customer_id", required=True)), "返回成功")

    @get("customer_read_info/0")
    async def customer_read_info(self):
        skip, limit = self.page(20)
        data = await articles.customer_read_info(self.db, self.current, self.arg_int("customer_id", required=True),
                                                 skip, limit)
        self.reply(data, "返回成功")

    @get("query_customer_table_by_level/<article_id>")
    async def table_by_level(self, article_id: int):
        level = self.arg_int("level", required=True, min_value=0, max_value=10_000)
        article = await articles.own(self.db, self.current, article_id)
        data = await articles.table_by_level(self.db, self.current, article, level,
                                             self.arg_int("query_customer_id") if level else None)
        self.reply(data, "返回成功")
