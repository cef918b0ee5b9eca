"""Real-browser smoke test: a teacher's deep link opened first after a server start."""

import re

import pytest
from playwright.sync_api import expect
from scipy import stats

import kl_core
from harness.chromium import READY
from kl_ui.numbers import format_value

pytestmark = pytest.mark.e2e


def _local_only(urls, base):
    return [u for u in urls if not (u.startswith(base) or u.startswith(("data:", "blob:")))]


def test_discrete_deep_link_shows_the_value_in_bits(page, plain_server):
    """Also checks that a plain `streamlit run app.py` still serves the app."""
    server = plain_server
    page.goto(f"{server}/discrete?p=0.5,0.5&q=0.9,0.1&units=bits")
    page.wait_for_selector(READY, timeout=60_000)
    reading = page.locator('[data-testid="kl-readout"] .kl-reading').filter(has_text="D(P‖Q)")
    reading.first.wait_for(timeout=30_000)
    assert "0.7370 bits" in reading.first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".st-key-units").inner_text().count("bits") >= 1
    assert _local_only(page.requests_seen, server) == []


def test_continuous_deep_link_and_a_slider_keypress(page, server):
    page.goto(f"{server}/continuous?P=norm(loc=0,scale=1)&Q=cauchy(loc=0,scale=1)")
    page.wait_for_selector(READY, timeout=60_000)
    reading = '[data-testid="kl-readout"] .kl-reading:has-text("{}")'
    forward = page.locator(reading.format("D(P‖Q)")).first
    reverse = page.locator(reading.format("D(Q‖P)")).first
    forward.wait_for(timeout=30_000)
    assert "0.2592 nats" in forward.inner_text()
    assert "∞ nats" in reverse.inner_text()
    handle = page.get_by_role("slider", name="P location")  # the live view's
    handle.focus()
    handle.press("ArrowRight")
    # At once the browser's interpolation (≈); once the key has rested, the release
    # writes P's field and kl_core's number replaces it.
    expect(forward).not_to_contain_text("0.2592", timeout=30_000)
    expect(page.locator(".st-key-P input")).to_have_value(re.compile(r"loc=0\.1\b"))
    expect(page.locator('[data-testid="kl-readout"]')).to_have_attribute("data-source", "kl_core")
    page.wait_for_selector(READY, timeout=30_000)
    exact = kl_core.kl(stats.norm(0.1, 1), stats.cauchy(0, 1))
    expect(forward).to_contain_text(format_value(exact, "nats"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _local_only(page.requests_seen, server) == []
