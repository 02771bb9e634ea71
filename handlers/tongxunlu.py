"""The address book: GET /zhugeleida/qiyeweixin/tongxunlu, with its filters (shared with its export)."""

from common.errors import invalid, not_allowed, not_found
from handlers.base import BaseHandler, get
from models import customers, users
from models.scope import is_boss


class AddressBookFilters:
    """The address book's filters, parsed once for the list and for its export."""

    def book_filters(self) -> dict:
        pr_min = self.arg_int("pr_min", min_value=0, max_value=100)
        pr_max = self.arg_int("pr_max", min_value=0, max_value=100)
        if pr_min is not None and pr_max is not None and pr_min > pr_max:
            raise invalid("pr_min", "不能大于 pr_max")
        since, until = self.days_between()
        follow = self.arg_str("follow", max_len=16)
        if follow is not None and follow not in customers.FOLLOW_FILTERS:
            raise invalid("follow", f"只能是 {' | '.join(customers.FOLLOW_FILTERS)}")
        return {"search": self.arg_str("search", max_len=64), "tag_ids": self.arg_int_list("tag_ids", max_items=50),
                "sources": self.book_sources(), "pr_min": pr_min, "pr_max": pr_max, "follow": follow,
                "since": since, "until": until}

    def days_between(self) -> tuple:
        """since/until: two days, both included, in order."""
        since, until = self.arg_date("since"), self.arg_date("until")
        if since and until and since > until:
            raise invalid("since", "不能晚于 until")
        return since, until

    def book_sources(self) -> list[int] | None:
        """source= (one or a list, any of them); the seed's customer__source (one) still works."""
        sources = self.arg_int_list("source", max_items=len(customers.SOURCE_TEXT))
        if not sources:
            single = self.arg_int("customer__source", choices=tuple(customers.SOURCE_TEXT))
            return None if single is None else [single]
        if any(source not in customers.SOURCE_TEXT for source in sources):
            raise invalid("source", f"只能是{'|'.join(str(s) for s in customers.SOURCE_TEXT)}")
        return sources

    async def book_owner(self) -> dict:
        """Whose address book: the caller's, or for admins and Bosses the radar user query_user_id names
        (user_id is the signature's own parameter)."""
        owner_id = self.arg_int("query_user_id")
        if owner_id is None or owner_id == self.current["_id"]:
            return self.current
        if not is_boss(self.current):
            raise not_allowed("查看其他销售的客户")
        owner = await users.get(self.db, owner_id)
        if not owner or owner["company_id"] != self.current["company_id"]:
            raise not_found("query_user_id 用户ID")
        return owner


class AddressBookHandler(AddressBookFilters, BaseHandler):
    @get()
    async def address_book(self):
        skip, limit = self.page(10)
        rows, total = await customers.address_book(self.db, await self.book_owner(), filters=self.book_filters(),
                                                   order=self.arg_str("order", max_len=40), skip=skip, limit=limit)
        self.reply({"ret_data": rows, "data_count": total}, "查询成功")
