"""GET /metrics: Prometheus text behind METRICS_TOKEN, one registry per application, requests by
route template and answer code, database commands per request, sockets, pushes, event-loop lag."""

import asyncio
import logging
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from common.looplag import LoopLag
from tests.helpers import eventually, open_socket

TOKEN = "scrape-secret"
Q = "/zhugeleida/qiyeweixin"


@pytest.fixture
def settings_overrides():
    return {"metrics_token": TOKEN}


async def scrape(api) -> dict:
    """{(name, labels as a sorted tuple): value} of one scrape."""
    response = await api.raw("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.code == 200 and response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.body.decode()) for sample in family.samples}


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.gen_test
async def test_without_the_right_token_it_is_not_there(api):
    unknown = await api.call("GET", "/no/such/route")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        assert await api.call("GET", "/metrics", headers=headers) == unknown


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{}])
async def test_without_the_setting_there_is_no_metrics_route(api, settings_overrides):
    answer = await api.call("GET", "/metrics", headers={"Authorization": "Bearer "})
    assert answer["code"] == 404


@pytest.mark.gen_test
async def test_requests_are_counted_by_route_template_and_answer_code(api, admin, seller, customer, commands):
    await api.ok("GET", f"{Q}/user", admin)
    await api.ok("GET", f"{Q}/user", admin)
    bad = await api.call("POST", f"{Q}/customer/update_information/{customer['id']}", seller, form={"sex": "x"})
    assert bad["code"] == 301
    await api.call("GET", f"{Q}/user/nonsense", admin)
    await api.call("GET", "/some/random/path")
    with commands.recording() as seen:
        await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]})
    samples = await scrape(api)
    assert value(samples, "radar_requests_total", method="GET", route=f"{Q}/user", code="200") == 2
    assert value(samples, "radar_requests_total", method="POST", route=f"{Q}/customer/update_information/<id>",
                 code="301") == 1
    assert value(samples, "radar_requests_total", method="GET", route=f"{Q}/user/(unknown)", code="404") == 1
    assert value(samples, "radar_requests_total", method="GET", route="(unmatched)", code="404") == 1
    assert value(samples, "radar_request_duration_seconds_count", route=f"{Q}/user") == 2
    # The commands counted per request are the ones the driver sent for it.
    assert len(seen) > 0
    assert value(samples, "radar_db_commands_total", route=f"{Q}/customer") == len(seen)
    assert value(samples, "radar_request_db_commands_count") >= 6


@pytest.mark.gen_test
async def test_a_scrape_sends_no_database_command(api, commands):
    await scrape(api)
    with commands.recording() as seen:
        samples = await scrape(api)
    assert seen == []
    assert value(samples, "radar_requests_total", method="GET", route="/metrics", code="200") == 1
    assert value(samples, "radar_embedded_db_bytes") == 0  # the suite's database lives in memory


@pytest.mark.gen_test
async def test_sockets_pushes_and_push_latency(api, base_url, seller, customer):
    radar = await open_socket(base_url, "/zhugeleida/public/websocket/leida", seller)
    assert (await radar.frame())["code"] == 200
    buyer = await open_socket(base_url, "/zhugeleida/public/websocket/xiaochengxu", customer, u_id=seller["id"])
    assert (await buyer.frame())["code"] == 200
    samples = await scrape(api)
    assert value(samples, "radar_open_sockets", kind="user") == 1
    assert value(samples, "radar_open_sockets", kind="customer") == 1
    assert value(samples, "radar_open_sockets", kind="scan") == 0
    await api.act(customer, 1)
    assert (await radar.frame())["type"] == "action_log"
    samples = await scrape(api)
    assert value(samples, "radar_pushes_total", kind="user") == 1
    assert value(samples, "radar_push_frames_total", kind="user") == 1
    assert value(samples, "radar_push_latency_seconds_count", kind="user") == 1
    assert 0 < value(samples, "radar_push_latency_seconds_sum", kind="user") < 5
    radar.close()
    buyer.close()
    await eventually(lambda: not api.ctx.hub.connections)
    assert value(await scrape(api), "radar_open_sockets", kind="user") == 0


@pytest.mark.gen_test
async def test_embedded_database_size_is_the_files_on_disk(api, cfg):
    api.ctx.metrics.embedded_files = cfg.embedded_db_files
    cfg.embedded_db_path.write_bytes(b"x" * 4096)
    cfg.embedded_db_files[1].write_bytes(b"y" * 1000)
    assert value(await scrape(api), "radar_embedded_db_bytes") == 5096


@pytest.mark.gen_test
async def test_event_loop_lag_is_sampled_and_a_block_is_logged(api, caplog):
    lag = api.ctx.metrics.loop_lag
    lag.interval_s = 0.01
    lag.start()
    try:
        await asyncio.sleep(0.05)
        with caplog.at_level(logging.WARNING, logger="radar.loop"):
            time.sleep(0.15)  # a blocking call on the loop, on purpose
            await asyncio.sleep(0.05)
        samples = await scrape(api)
    finally:
        lag.stop()
    assert any("event loop was held up for" in record.getMessage() for record in caplog.records)
    assert value(samples, "radar_event_loop_lag_max_seconds") >= 0.14
    assert value(samples, "radar_event_loop_lag_seconds_count") >= 5
    assert value(samples, "radar_event_loop_lag_seconds_bucket", le="0.1") < value(
        samples, "radar_event_loop_lag_seconds_count")


@pytest.mark.gen_test
async def test_each_application_has_its_own_registry(api, ctx, admin):
    from server import make_context

    other = make_context(ctx.cfg, ctx.db, "embedded")
    await api.ok("GET", f"{Q}/user", admin)
    assert [s.labels["route"] for s in ctx.metrics.requests.collect()[0].samples] == [f"{Q}/user"]
    assert other.metrics.requests.collect()[0].samples == []


def test_loop_lag_monitor_interface():
    async def scenario():
        lag = LoopLag(interval_s=0.01, warn_s=10).start()
        await asyncio.sleep(0.05)
        time.sleep(0.08)
        await asyncio.sleep(0.03)
        assert lag.running and lag.max >= 0.07 and lag.percentile(1.0) >= 0.07
        assert lag.percentile(0.5) < 0.07 and lag.current < 0.07
        assert lag.take_max() >= 0.07 and lag.max == 0.0
        lag.stop()
        count = len(lag.samples)
        await asyncio.sleep(0.05)
        assert not lag.running and len(lag.samples) == count

    asyncio.run(scenario())
