"""Spreadsheet files written row batch by row batch, never whole in memory: .xlsx with XlsxWriter in
constant_memory mode (each row goes to a temporary file as it is written; the zip is built at close)
and .csv with a UTF-8 byte-order mark, so Excel opens Chinese text correctly. Every method does file
work: callers run them in a worker thread, off the IOLoop."""

import csv
import re
import urllib.parse

import xlsxwriter

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8"}
# A cell a spreadsheet would run as a formula; in CSV it gets a leading apostrophe (customers pick
# their own names). XlsxWriter writes such text as text (strings_to_formulas off).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SheetWriter:
    def __init__(self, path: str, fmt: str, title: str, headers: list[str], tmpdir: str):
        self.fmt = fmt
        self.row = 0
        if fmt == "xlsx":
            self.book = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": tmpdir,
                                                   "strings_to_formulas": False, "strings_to_urls": False,
                                                   "strings_to_numbers": False})
            self.sheet = self.book.add_worksheet(re.sub(r"[\[\]:*?/\\]", "_", title)[:31])
            bold = self.book.add_format({"bold": True})
            self.sheet.set_column(0, len(headers) - 1, 16)
            self.sheet.freeze_panes(1, 0)
            self.sheet.write_row(0, 0, headers, bold)
        else:
            self.file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by close()
            self.csv = csv.writer(self.file)
            self.csv.writerow(headers)
        self.row = 1

    def append(self, rows: list[list]) -> None:
        if self.fmt == "xlsx":
            for values in rows:
                self.sheet.write_row(self.row, 0, values)
                self.row += 1
            return
        self.csv.writerows([[_csv_cell(value) for value in values] for values in rows])
        self.row += len(rows)

    def close(self) -> None:
        if self.fmt == "xlsx":
            self.book.close()
        else:
            self.file.close()


def _csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def content_disposition(filename: str, fallback: str) -> str:
    """attachment named filename (Chinese: RFC 5987's filename*, as RFC 6266 says), with an ASCII
    fallback for clients that read only filename."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{urllib.parse.quote(filename, safe='')}"
