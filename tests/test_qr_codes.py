"""The card's QR code: the mini-program code from WeChat, or a local QR of the card's share URL."""

import asyncio
from pathlib import Path

import pytest
from tornado.httpclient import AsyncHTTPClient

from tests.helpers import Api, decode_qr

Q = "/zhugeleida/qiyeweixin"


def on_disk(ctx, path: str) -> Path:
    return Path(ctx.cfg.statics_dir) / path.removeprefix("statics/")


@pytest.mark.gen_test
async def test_mini_program_code_from_wechat(api, ctx, seller, fake_wechat):
    answer = await api.post(f"{Q}/create_small_program_qr_code", seller)
    assert answer["code"] == 200 and answer["msg"] == "生成用户二维码成功"
    path = answer["data"]["qr_code"]
    assert path.startswith(f"statics/zhugeleida/imgs/xiaochengxu/qr_code/{seller['id']}_") and path.endswith(".png")
    assert decode_qr(on_disk(ctx, path)) == f"wxacode:pages/mingpian/index?scene=uid={seller['id']}&source=1"
    assert (await api.raw("GET", "/" + path)).code == 200
    card = (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]
    assert card["qr_code"] == path
    assert fake_wechat.count("/wxa/getwxacodeunlimit") == 1


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"wechat_mini_appid": "", "wechat_mini_secret": ""}])
async def test_local_qr_of_the_share_url_without_a_mini_program(api, ctx, seller, fake_wechat):
    first = await api.ok("GET", f"{Q}/qr_code_auth", seller)
    assert decode_qr(on_disk(ctx, first["qr_code"])) == (
        f"http://radar.test/zhugeleida/xiaochengxu/mingpian?uid={seller['id']}&source=1")
    # Regenerating replaces the old file.
    second = await api.ok("POST", f"{Q}/mingpian/create_small_program_qr_code", seller)
    assert second["qr_code"] != first["qr_code"] and not on_disk(ctx, first["qr_code"]).exists()
    assert decode_qr(on_disk(ctx, second["qr_code"])).endswith(f"uid={seller['id']}&source=1")
    assert fake_wechat.count("/wxa/getwxacodeunlimit") == 0


@pytest.mark.gen_test
async def test_wechat_failure_keeps_the_old_code(api, ctx, seller, fake_wechat):
    first = await api.ok("POST", f"{Q}/create_small_program_qr_code", seller)
    fake_wechat.stop()
    answer = await api.post(f"{Q}/create_small_program_qr_code", seller)
    assert answer["code"] == 503
    assert (await api.ok("GET", f"{Q}/mingpian", seller))["ret_data"][0]["qr_code"] == first["qr_code"]
    assert on_disk(ctx, first["qr_code"]).exists()


@pytest.mark.gen_test
async def test_parallel_calls_that_need_a_token_fetch_it_once(ctx, base_url, seller, fake_wechat):
    """20 cards' QR codes asked for at once need the mini-program's access token: one fetch serves them all."""
    parallel = Api(AsyncHTTPClient(force_instance=True, max_clients=20), base_url, ctx)
    answers = await asyncio.gather(*(parallel.get(f"{Q}/qr_code_auth", seller) for _ in range(20)))
    parallel.http.close()
    assert [answer["code"] for answer in answers] == [200] * 20
    assert fake_wechat.count("/wxa/getwxacodeunlimit") == 20
    assert fake_wechat.count("/cgi-bin/token") == 1
