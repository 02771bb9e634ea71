"""The address book: GET /zhugeleida/qiyeweixin/tongxunlu."""

from handlers.base import BaseHandler, get
from models import customers


class AddressBookHandler(BaseHandler):
    @get()
    async def address_book(self):
        skip, limit = self.page(10)
        rows, total = await customers.address_book(
            self.db, self.current, source=self.arg_int("customer__source", choices=tuple(customers.SOURCE_TEXT)),
            order=self.arg_str("order", max_len=40), skip=skip, limit=limit)
        self.reply({"ret_data": rows, "data_count": total}, "查询成功")
