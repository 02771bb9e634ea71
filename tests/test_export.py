"""Exports of customers, follow-ups, a conversation and the Boss table, as .xlsx (XlsxWriter) and .csv
(with a BOM): the user's column headers, the same filters as the lists, a Chinese file name done
right (RFC 5987), and 10,000 rows streamed from a cursor through a temporary file that is deleted."""

import csv
import io
import json
import time
import urllib.parse
import zipfile
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from common.times import today, utcnow
from models import customers
from tests.helpers import eventually

Q = "/zhugeleida/qiyeweixin"
E = f"{Q}/export"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def xlsx_rows(body: bytes) -> list[list[str]]:
    """The first sheet's rows as text (inline strings and numbers), read from the zip's XML."""
    with zipfile.ZipFile(io.BytesIO(body)) as book:
        assert book.testzip() is None
        root = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in root.iter(f"{SHEET}row"):
        cells = []
        for cell in row.iter(f"{SHEET}c"):
            text = cell.find(f"{SHEET}is/{SHEET}t")
            value = cell.find(f"{SHEET}v")
            cells.append(text.text if text is not None else value.text if value is not None else "")
        rows.append(cells)
    return rows


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())  # Excel reads the BOM as "this is UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def filename(response) -> str:
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    return urllib.parse.unquote(disposition.split("filename*=UTF-8''")[1])


@pytest.fixture
def book(io_loop, api, seller, customer):
    """Two customers of the seller with a memo name, tags, follow-ups and a conversation."""
    async def make():
        other = await api.customer_login(seller, "c2", username="=HYPERLINK(\"x\")")
        await api.ok("POST", f"{Q}/customer/update_information/{customer['id']}", seller,
                     form={"memo_name": "老朋友", "phone": "13912345678", "sex": 1})
        groups = (await api.ok("GET", f"{Q}/tag_list", seller))["ret_data"]
        await api.ok("POST", f"{Q}/tag_list/customer_tag/{customer['id']}", seller,
                     form={"tag_list": f"[{groups[0]['tags'][0]['id']}]"})
        await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", seller, form={"expedted_pr": "80"})
        await api.ok("POST", f"{Q}/follow_info/add/{other['id']}", seller, form={"follow_info": "报价"})
        await api.ok("POST", "/zhugeleida/xiaochengxu/chat/send_msg/0", customer,
                     form={"u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "价格多少"})})
        await api.ok("POST", f"{Q}/chat/send_msg/0", seller,
                     form={"customer_id": customer["id"], "content": json.dumps({"info_type": 4, "url": "statics/a.png"})})
        return {"other": other}
    return io_loop.run_sync(make)


@pytest.mark.gen_test
async def test_customers_export_as_xlsx_and_csv_with_the_lists_filters(api, cfg, seller, customer, book):
    response = await api.raw("GET", E + "/customers", seller)
    assert response.code == 200
    assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert filename(response) == f"客户-{today():%Y%m%d}.xlsx"
    assert f'filename="customers-{today():%Y%m%d}.xlsx"' in response.headers["Content-Disposition"]
    rows = xlsx_rows(response.body)
    assert rows[0][:6] == ["客户名称", "备注名", "手机号", "性别", "标签", "来源"]
    first = next(row for row in rows if row[0] == "张炬")
    assert first[1:8] == ["老朋友", "13912345678", "男", "已婚", "扫码", "微信小程序", "80"]
    assert any(row[0] == '=HYPERLINK("x")' for row in rows)  # a name is text, never a formula
    response = await api.raw("GET", E + "/customers", seller, params={"format": "csv", "search": "老朋"})
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert filename(response) == f"客户-{today():%Y%m%d}.csv"
    rows = csv_rows(response.body)
    assert [row[0] for row in rows] == ["客户名称", "张炬"]
    rows = csv_rows((await api.raw("GET", E + "/customers", seller, params={"format": "csv"})).body)
    assert "'=HYPERLINK(\"x\")" in [row[0] for row in rows]  # CSV: a leading apostrophe keeps it text
    await eventually(lambda: list((Path(cfg.data_dir) / "tmp" / "exports").iterdir()) == [])  # deleted once sent


@pytest.mark.gen_test
async def test_follow_ups_chat_and_boss_exports(api, admin, seller, customer, book):
    rows = csv_rows((await api.raw("GET", E + "/follow_info", seller, params={"format": "csv"})).body)
    assert rows[0] == ["客户名称", "跟进内容", "跟进时间", "跟进人"]
    assert sorted(row[1] for row in rows[1:]) == ["报价", "更新预计成交率为: 80%"]
    rows = csv_rows((await api.raw("GET", E + "/follow_info", seller,
                                   params={"format": "csv", "customer_id": book["other"]["id"]})).body)
    assert [row[:2] for row in rows[1:]] == [["'=HYPERLINK(\"x\")", "报价"]]
    response = await api.raw("GET", E + "/chat", seller, params={"customer_id": customer["id"]})
    assert filename(response) == f"聊天记录-张炬-{today():%Y%m%d}.xlsx"
    rows = xlsx_rows(response.body)
    assert [row[1:] for row in rows] == [["发送方", "类型", "内容"], ["张炬", "文字", "价格多少"],
                                         ["zhangcong", "图片", "statics/a.png"]]
    rows = xlsx_rows((await api.raw("GET", E + "/boss", admin)).body)
    assert rows[0][:3] == ["销售", "新增客户", "跟进次数"]
    assert rows[1][:3] == ["zhangcong", "2", "2"] and rows[-1][:3] == ["合计", "2", "2"]
    since = (today() - timedelta(days=3)).isoformat()
    rows = csv_rows((await api.raw("GET", E + "/boss", admin, params={"format": "csv", "since": since,
                                                                     "query_user_id": seller["id"]})).body)
    assert rows[1][:3] == ["zhangcong", "2", "2"]


@pytest.mark.gen_test
async def test_exports_refuse_bad_requests_with_an_envelope(api, admin, seller, customer, book):
    cases = [(seller, "/customers", {"format": "pdf"}, 301, "format: 只能是 xlsx | csv"),
             (seller, "/chat", {}, 303, "customer_id: 不能为空"), (seller, "/chat", {"customer_id": 999}, 302, None),
             (seller, "/boss", {}, 404, None), (seller, "/customers", {"follow": "x"}, 301, None),
             (seller, "/customers", {"query_user_id": admin["id"]}, 302, None),
             (admin, "/boss", {"since": "2020-01-01", "until": "2022-01-01"}, 301, "since: 时间范围最多366天"),
             (seller, "/nothing", {}, 404, None)]
    for who, tail, params, code, msg in cases:
        answer = await api.get(E + tail, who, **params)
        assert answer["code"] == code and (msg is None or answer["msg"] == msg), (tail, params, answer)


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"export_max_rows": 1}])
async def test_an_export_larger_than_the_limit_is_refused_before_any_work(api, seller, book, settings_overrides):
    answer = await api.get(E + "/customers", seller)
    assert (answer["code"], answer["msg"]) == (301, "count: 共2行,一次最多导出1行,请缩小筛选范围")


ROWS = 10_000


@pytest.fixture
def ten_thousand(io_loop, db, seller, bulk_insert):
    """10,000 customers of the seller, made straight through the driver."""
    async def make():
        now = utcnow()
        people, relations = [], []
        for index in range(ROWS):
            customer = {"_id": 500_000 + index, "company_id": 1, "username": f"客户{index:05d}",
                        "phone": f"139{index:08d}", "user_type": 2, "tags": [{"id": 1, "name": "已婚"}], "token": "t",
                        "create_date": now}
            people.append(customer)
            relations.append({"_id": 600_000 + index, "user_id": seller["id"], "customer_id": customer["_id"],
                              "company_id": 1, "source": 1 + index % 4, "expected_pr": index % 101,
                              "expected_time": None, "last_follow_time": now - timedelta(days=index % 9),
                              "last_activity_time": None, "create_date": now - timedelta(seconds=index),
                              "memo_name": f"备注{index}", "search_text": customers.search_text(customer, f"备注{index}"),
                              "tag_ids": [1]})
        await bulk_insert("customers", people)
        await bulk_insert("belongers", relations)
    io_loop.run_sync(make)


@pytest.mark.gen_test(timeout=300)
async def test_ten_thousand_rows_stream_through_a_file(api, cfg, commands, seller, ten_thousand, capsys):
    for fmt, read in (("xlsx", xlsx_rows), ("csv", csv_rows)):
        chunks = []
        started = time.perf_counter()
        with commands.recording() as seen:
            response = await api.http.fetch(api.url(E + "/customers", seller, {"format": fmt, "order": "-create_date"}),
                                            streaming_callback=chunks.append, request_timeout=240)
        took = time.perf_counter() - started
        body = b"".join(chunks)
        assert response.code == 200
        if fmt == "csv":  # text: gzip on the way (compress_response), so its length is not known ahead
            assert response.headers["X-Consumed-Content-Encoding"] == "gzip"
        else:
            assert int(response.headers["Content-Length"]) == len(body)
        assert len(chunks) > 1  # streamed in chunks, not one buffer
        rows = read(body)
        assert len(rows) == ROWS + 1
        assert rows[1][:3] == ["客户00000", "备注0", "13900000000"] and rows[-1][0] == f"客户{ROWS - 1:05d}"
        # One count, then one cursor joined to the customers, read in batches of 500 (getMore).
        names = [c["name"] for c in seen if c["collection"] != "users"]  # the caller, once, into the cache
        assert names == ["aggregate", "aggregate"] + ["getMore"] * (ROWS // 500 - 1)  # count_documents aggregates
        with capsys.disabled():
            print(f"\nexport {ROWS} rows as {fmt}: {len(body) / 1024:.0f} KB in {took:.1f} s, {len(chunks)} chunks, "
                  f"{len(seen)} database commands")
    await eventually(lambda: list((Path(cfg.data_dir) / "tmp" / "exports").iterdir()) == [])
