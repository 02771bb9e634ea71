"""What the workbench costs on the wire, measured in headless Chromium (bytes each response took,
headers and compressed body): the first load (the login page, then the radar) and the first chart
(the Boss screen). Bytes are deterministic; timings are not asserted."""

import asyncio

import pytest

from tests.browser import LIVE

FIRST_LOAD_BUDGET = 120 * 1024
FIRST_CHART_BUDGET = 400 * 1024


def report(title: str, traffic: dict[str, int]) -> str:
    lines = [f"{title}: {sum(traffic.values()) / 1024:.1f} KB in {len(traffic)} responses"]
    for url, size in sorted(traffic.items(), key=lambda item: -item[1]):
        lines.append(f"  {size / 1024:7.1f} KB  /{url.split('?')[0].split('/', 3)[-1]}")
    return "\n".join(lines)


async def settled(page) -> None:
    """Nothing left in flight: the screen's calls answered, its images drawn."""
    await page.wait_for("[...document.images].every((image) => image.complete)")
    await asyncio.sleep(0.5)


@pytest.mark.gen_test(timeout=90)
async def test_first_load_and_first_chart_stay_within_budget(api, base_url, admin, browser):
    boss = await api.create_user(admin, "laoban", role_id=3)
    customer = await api.customer_login(boss, "c1", username="张炬")
    for action in (1, 2, 6):
        await api.act(customer, action)

    page = await browser.open("about:blank")
    await page.record_traffic()
    await page.send("Page.navigate", url=f"{base_url}/")
    await page.fill("#login-username", "laoban")
    await page.fill("#login-password", "secret1")
    await page.click("#login-submit")
    await page.wait_for(f"{LIVE}.live.state === 'open' && document.querySelectorAll('#radar-feed li').length === 3")
    await settled(page)
    first = await page.traffic()

    await page.click("#menu a[data-view='boss']")
    await page.wait_for("document.querySelectorAll('.boss .chart canvas').length === 3")
    await settled(page)
    chart = await page.traffic()

    print(report("first load", first), report("first chart", chart), sep="\n")
    assert not any("echarts" in url or "views/boss" in url for url in first)  # loaded when first needed
    assert any("vendor/echarts/echarts.js" in url for url in chart)
    assert sum(first.values()) <= FIRST_LOAD_BUDGET, report("first load", first)
    assert sum(chart.values()) <= FIRST_CHART_BUDGET, report("first chart", chart)
