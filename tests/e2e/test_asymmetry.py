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


# Each map's mark: its centre in data coordinates (the map's axes, as drawn), whether it
# is shown, and a tag set on the map's plot before a change (a redrawn map would lose it).
MARKS = """() => [...document.querySelectorAll(".kl-map")].map((div) => {
  const mark = div.querySelector(".kl-mark").getBoundingClientRect();
  const area = div.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
  const [x0, x1] = div.layout.xaxis.range, [y0, y1] = div.layout.yaxis.range;
  const x = x0 + ((mark.left + mark.width / 2 - area.left) / area.width) * (x1 - x0);
  const y = y1 - ((mark.top + mark.height / 2 - area.top) / area.height) * (y1 - y0);
  return { x, y, shown: getComputedStyle(div.querySelector(".kl-mark")).display !== "none",
           tag: div.querySelector(".main-svg").dataset.tag ?? null };
})"""


def test_the_maps_mark_q_and_the_mark_follows_the_hand_and_the_fields(page, server):
    """Q's mark sits at Q's (location, scale) on all three maps; it follows the sweep's
    handle while it moves (nothing sent) and a picker's change, and neither redraws a map."""
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    page.goto(f"{server}/asymmetry?P={P}&Q={Q}")
    page.wait_for_selector(READY, timeout=60_000)
    page.locator(".kl-map .nsewdrag").nth(2).wait_for(timeout=30_000)
    page.locator(".kl-map").first.scroll_into_view_if_needed()
    marks = page.evaluate(MARKS)
    assert len(marks) == 3
    for mark in marks:
        assert mark["shown"]
        assert mark["x"] == pytest.approx(1.0, abs=0.05)
        assert mark["y"] == pytest.approx(2.0, abs=0.05)
    page.evaluate(
        "() => document.querySelectorAll('.kl-map .main-svg').forEach(s => s.dataset.tag = 'drawn')"
    )
    before = len(frames)
    handle = page.get_by_role("slider", name="Q's loc")
    handle.focus()
    handle.press("End")  # the sweep's last point: the end of Q's location range
    moved = page.evaluate(MARKS)
    assert len(frames) == before, "nothing is sent while the handle moves"
    assert all(m["x"] > 2.0 and m["y"] == pytest.approx(2.0, abs=0.05) for m in moved if m["shown"])
    page.wait_for_function(
        "() => (new URLSearchParams(location.search).get('Q') ?? 'loc=1,').indexOf('loc=1,') < 0",
        timeout=30_000,
    )
    page.wait_for_selector(READY, timeout=30_000)
    # The picker's slider of Q's scale: a rerun moves the mark, and no map is redrawn.
    scale = page.locator('.st-key-Q_norm_scale input[type="range"]')
    scale.focus()
    scale.press("PageDown")
    page.wait_for_function(
        "() => (new URLSearchParams(location.search).get('Q') ?? '').indexOf('scale=2)') < 0",
        timeout=30_000,
    )
    page.wait_for_selector(READY, timeout=30_000)
    scale_now = float(query_of(page)["Q"][0].split("scale=")[1].rstrip(")"))
    assert scale_now < 2.0
    for _ in range(50):  # the component's update may land a frame after the page's
        marks = page.evaluate(MARKS)
        if all(abs(m["y"] - scale_now) < 0.05 for m in marks):
            break
        page.wait_for_timeout(100)
        scale_now = float(query_of(page)["Q"][0].split("scale=")[1].rstrip(")"))
    assert all(m["y"] == pytest.approx(scale_now, abs=0.05) for m in marks)
    assert [m["tag"] for m in marks] == ["drawn"] * 3, "no map was redrawn"
