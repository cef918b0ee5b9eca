"""Back and the sidebar return to the user's own values, in a real Chromium."""

import pytest
from playwright.sync_api import expect

from harness.chromium import READY

pytestmark = pytest.mark.e2e


def _settle(page):
    page.wait_for_timeout(500)
    page.wait_for_selector(READY, timeout=60_000)


def _edit_p_then_leave(page, server):
    page.goto(f"{server}/discrete")
    page.wait_for_selector(READY, timeout=60_000)
    field = page.locator(".st-key-p input")
    field.fill("0.3,0.7")
    field.press("Enter")
    expect(page).to_have_url(f"{server}/discrete?p=0.3%2C0.7", timeout=30_000)
    _settle(page)
    page.locator('[data-testid="stTopNav"] a[href$="/continuous"]').click()
    expect(page).to_have_url(f"{server}/continuous", timeout=30_000)
    _settle(page)


def _assert_edited_p_is_back(page, server):
    expect(page.locator(".st-key-p input")).to_have_value("0.3,0.7", timeout=30_000)
    _settle(page)
    readout = page.locator('[data-testid="kl-readout"] .kl-reading-value').first
    expect(readout).to_have_text("1.0326 nats")  # D([0.3, 0.7] ‖ [0.9, 0.1]), the live bars'
    expect(page.get_by_role("slider", name="P(H)")).to_have_attribute("aria-valuenow", "0.3")
    assert "p=0.3%2C0.7" in page.url


def test_back_restores_the_edited_p(page, server):
    _edit_p_then_leave(page, server)
    page.go_back()
    _assert_edited_p_is_back(page, server)


def test_the_sidebar_returns_to_the_edited_p(page, server):
    _edit_p_then_leave(page, server)
    page.locator('[data-testid="stTopNav"] a[href$="/discrete"]').click()
    _assert_edited_p_is_back(page, server)
