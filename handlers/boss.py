"""The Boss radar: /zhugeleida/boosleida/home_page/<oper> (admins and Boss users of the company)."""

from common.errors import invalid
from handlers.base import BaseHandler, get, post
from models import boss, scoring


class BossScope:
    """since/until and query_user_id of the overview, parsed and checked once for it and for its export."""

    async def boss_scope(self) -> tuple:
        between = boss.check_range(self.arg_date("since"), self.arg_date("until"))
        user_id = self.arg_int("query_user_id")
        if user_id is not None:
            await boss.radar_user(self.db, self.current["company_id"], user_id)
        return between, user_id


class BossHandler(BossScope, BaseHandler):
    auth = "boss"

    @property
    def company_id(self) -> int:
        return self.current["company_id"]

    @get("acount_data")
    async def overview(self):
        """Also today_data; since/until add range_data; query_user_id narrows every window to one radar user."""
        between, user_id = await self.boss_scope()
        self.reply({"ret_data": await boss.overview(self.db, self.company_id, user_id, between)}, "查询成功")

    @get("line_info")
    async def lines(self):
        self.reply({"ret_data": await boss.lines(self.db, self.company_id)}, "查询成功")

    @get("sales_ranking_customer_num")
    async def sales_ranking(self):
        self.reply({"ret_data": await boss.sales_ranking(self.db, self.company_id)}, "查询成功")

    @get("hudong_pinlv_customer_num")
    async def interactions(self):
        self.reply({"ret_data": await boss.interactions(self.db, self.company_id)}, "查询成功")

    @get("expect_chengjiaolv_customer_num")
    async def forecast_ranking(self):
        by = self.arg_str("by", default="expedted_pr", max_len=16)
        if by not in boss.BUCKET_BY:
            raise invalid("by", f"只能是 {' | '.join(boss.BUCKET_BY)}")
        self.reply({"ret_data": await boss.forecast_ranking(self.db, self.company_id, by)}, "查询成功")

    @get("ai_pr_model")
    async def ai_pr_model(self):
        data = await scoring.model_summary(self.db, self.company_id, self.cfg.ai_pr_min_outcomes)
        self.reply({"ret_data": data}, "查询成功")

    def _bucket(self, name: str) -> str | None:
        bucket = self.arg_str(name, max_len=16)
        if bucket is not None and bucket not in boss.PR_BUCKETS:
            raise invalid(name, f"只能是 {' | '.join(boss.PR_BUCKETS)}")
        return bucket

    @post("query_have_customer_detail_people")
    async def customers_of(self):
        """1.3.1 (days) and 1.5.1 (expedted_pr bucket, or ai_pr bucket); the page comes from the query string."""
        skip, limit = self.page(10)
        data = await boss.customers_of(self.db, self.company_id, self.arg_int("query_user_id", required=True),
                                       days=boss.check_days(self.arg_int("days", default=0)),
                                       bucket=self._bucket("expedted_pr"), ai_bucket=self._bucket("ai_pr"),
                                       skip=skip, limit=limit)
        self.reply(data, "查询成功")

    @post("query_hudong_have_customer_detail_people")
    async def interacted(self):
        skip, limit = self.page(5)
        kind = self.arg_str("type", required=True, max_len=8)
        if kind not in ("follow", "chat"):
            raise invalid("type", "只能是 follow | chat")
        days = boss.check_days(self.arg_int("days", required=True), (1, 7, 15, 30))
        data = await boss.interacted(self.db, self.company_id, self.arg_int("query_user_id", required=True), kind,
                                     days, skip, limit)
        self.reply(data, "查询成功")
