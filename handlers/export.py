"""Exports: GET /zhugeleida/qiyeweixin/export/<customers|follow_info|chat|boss>?format=xlsx|csv.

The rows come from a cursor in batches and go into a file under DATA_DIR/tmp/exports in a worker
thread (XlsxWriter's constant_memory mode, or CSV with a BOM), which is then streamed to the client
in chunks and deleted: neither the rows nor the file are ever held in memory whole.
"""

import asyncio
import os
import tempfile
from pathlib import Path

from tornado.iostream import StreamClosedError

from common.errors import invalid
from common.spreadsheets import FORMATS, SheetWriter, content_disposition
from common.times import today
from handlers.base import BaseHandler, get
from handlers.boss import BossScope
from handlers.tongxunlu import AddressBookFilters
from models import customers, export_tables

CHUNK_BYTES = 64 * 1024


class ExportHandler(AddressBookFilters, BossScope, BaseHandler):
    def export_format(self) -> str:
        fmt = self.arg_str("format", default="xlsx", max_len=8)
        if fmt not in FORMATS:
            raise invalid("format", f"只能是 {' | '.join(FORMATS)}")
        return fmt

    @get("customers")
    async def customers(self):
        """The address book with its filters and order (query_user_id for admins and Bosses)."""
        fmt = self.export_format()
        table = await export_tables.customer_table(self.db, await self.book_owner(), self.book_filters(),
                                             self.arg_str("order", max_len=40))
        await self.send(table, fmt, "customers")

    @get("follow_info")
    async def follow_info(self):
        """Follow-up notes: of one customer_id or all, since/until."""
        fmt = self.export_format()
        owner = await self.book_owner()
        customer_id = self.arg_int("customer_id")
        if customer_id is not None:
            await customers.own_customer(self.db, owner, customer_id)
        table = await export_tables.follow_table(self.db, owner, customer_id, *self.days_between())
        await self.send(table, fmt, "follow_info")

    @get("chat")
    async def chat(self):
        fmt = self.export_format()
        customer, _ = await customers.own_customer(self.db, self.current, self.arg_int("customer_id", required=True))
        await self.send(await export_tables.chat_table(self.db, self.current, customer), fmt, "chat")

    @get("boss", auth="boss")
    async def boss(self):
        """Per radar user, since/until (default the last 30 days), query_user_id for one."""
        fmt = self.export_format()
        between, user_id = await self.boss_scope()
        table = await export_tables.boss_table(self.db, self.current["company_id"], between, user_id)
        await self.send(table, fmt, "boss")

    async def send(self, table: export_tables.Table, fmt: str, name: str) -> None:
        if table.count > self.cfg.export_max_rows:
            raise invalid("count", f"共{table.count}行,一次最多导出{self.cfg.export_max_rows}行,请缩小筛选范围")
        loop = asyncio.get_running_loop()
        folder = Path(self.cfg.data_dir) / "tmp" / "exports"
        path = await loop.run_in_executor(None, _new_file, folder)
        try:
            writer = await loop.run_in_executor(None, SheetWriter, path, fmt, table.title, table.headers, str(folder))
            try:
                async for rows in table.rows():
                    await loop.run_in_executor(None, writer.append, rows)
            finally:
                await loop.run_in_executor(None, writer.close)
            day = today().strftime("%Y%m%d")
            self.set_header("Content-Type", FORMATS[fmt])
            self.set_header("Content-Disposition", content_disposition(f"{table.title}-{day}.{fmt}",
                                                                       f"{name}-{day}.{fmt}"))
            self.set_header("Content-Length", await loop.run_in_executor(None, os.path.getsize, path))
            self.set_header("Cache-Control", "no-store")
            with await loop.run_in_executor(None, open, path, "rb") as file:
                while chunk := await loop.run_in_executor(None, file.read, CHUNK_BYTES):
                    self.write(chunk)
                    await self.flush()
            self.finish()
        except StreamClosedError:  # the client went away mid-download: nothing more to send
            pass
        finally:
            await loop.run_in_executor(None, _remove, path)


def _new_file(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(dir=folder, prefix="export-")
    os.close(handle)
    return path


def _remove(path: str) -> None:
    Path(path).unlink(missing_ok=True)
