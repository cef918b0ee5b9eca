"""The live sweep of /asymmetry: the handle walks the points kl_core computed, so the
numbers follow the hand with nothing sent, and the release sets Q (and the URL)."""

import pytest
from playwright.sync_api import expect

from harness.chromium import READY
from harness.live import READOUT, READOUT_VALUES, RECORD, continuous_readout, query_of
from tests.e2e.test_live import readout_values

pytestmark = pytest.mark.e2e

P, Q = "norm(loc=0, scale=1)", "norm(loc=1, scale=2)"


def test_the_sweep_moves_both_numbers_live_and_the_release_sets_q(page, server):
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    page.goto(f"{server}/asymmetry?P={P}&Q={Q}")
    page.wait_for_selector(READY, timeout=60_000)
    page.locator(".kl-chart .nsewdrag").first.wait_for(timeout=30_000)
    assert readout_values(page) == continuous_readout(P, Q) == ["0.4431 nats", "1.3069 nats"]
    page.evaluate(RECORD)
    cursor = page.locator(".kl-cursor")
    where = cursor.bounding_box()["x"]
    before = len(frames)
    handle = page.get_by_role("slider", name="Q's loc")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowLeft")
    seen = page.evaluate("() => window.__live")
    assert len(seen) == 3
    assert all(a != b for a, b in zip(seen, seen[1:]))
    assert len(frames) == before, "nothing is sent while the handle moves"
    assert cursor.bounding_box()["x"] < where, "the chart's marker follows"
    shown_live = readout_values(page)
    page.wait_for_function(
        "() => (new URLSearchParams(location.search).get('Q') ?? 'loc=1,').indexOf('loc=1,') < 0",
        timeout=30_000,
    )
    page.wait_for_selector(READY, timeout=30_000)
    expect(page.locator(READOUT)).to_have_attribute("data-source", "kl_core")
    q_now = query_of(page)["Q"][0]
    assert q_now != Q
    assert readout_values(page) == continuous_readout(P, q_now) == shown_live
    assert len(frames) - before == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(READOUT_VALUES).count() == 2
