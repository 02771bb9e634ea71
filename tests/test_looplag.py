"""The event-loop lag monitor (common/looplag.py) that the server runs and the benches report."""

import asyncio
import logging
import time

import pytest

from common.looplag import LoopLag


@pytest.mark.gen_test
async def test_a_blocked_loop_is_measured_logged_and_read_once(caplog):
    lag = LoopLag(interval_s=0.01, warn_s=0.1).start()
    try:
        await asyncio.sleep(0.03)
        with caplog.at_level(logging.WARNING, logger="radar.loop"):
            time.sleep(0.25)  # what a blocking call on the loop does to everyone else
            await asyncio.sleep(0.03)
        assert lag.take_max() >= 0.2
        assert lag.take_max() == 0.0  # read and reset
        assert "the event loop was held up for" in caplog.text
    finally:
        lag.stop()
