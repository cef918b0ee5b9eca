"""The in-chart slider of /asymmetry moves the readout in the browser alone."""

import pytest

from harness.chromium import READY

pytestmark = pytest.mark.e2e


def test_in_chart_slider_updates_readout_without_a_script_run(page, server):
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    page.goto(f"{server}/asymmetry?P=norm(loc=0,scale=1)&Q=norm(loc=1,scale=2)")
    page.wait_for_selector(READY, timeout=60_000)
    chart = page.locator(".st-key-asym_animation")
    rail = chart.locator(".slider-rail-rect")
    rail.wait_for(timeout=30_000)
    readout = chart.locator(".annotation-text").first
    before = readout.text_content()
    assert "D(P‖Q) = 0.4431 nats" in before
    rail.evaluate("el => el.scrollIntoView({block: 'center', behavior: 'instant'})")
    box = rail.bounding_box()
    messages_before = len(sent)
    page.mouse.click(box["x"] + box["width"] * 0.1, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "(old) => document.querySelector('.st-key-asym_animation .annotation-text')"
        ".textContent !== old",
        arg=before,
        timeout=10_000,
    )
    after = readout.text_content()
    assert after != before
    assert "D(Q‖P)" in after
    assert len(sent) == messages_before, "the slider must not send anything to the server"
    assert (
        page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
        == "notRunning"
    )
    assert page.locator('[data-testid="stException"]').count() == 0
