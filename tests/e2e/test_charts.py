"""Charts drawn by the live explorer's component (kl_ui.live.charts), in a real Chromium
against the real server: what plotly.js draws is kl_core's numbers, it follows a rerun,
a chart that a rerun adds or drops comes and goes, and no chart takes the page's drags."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import kl_core
from harness.chromium import READY
from kl_ui.numbers import format_value

pytestmark = pytest.mark.e2e

DECOMPOSITION = '.kl-figure .js-plotly-plot:has-text("Cross-entropy = entropy")'


def bar_names(page) -> list[str]:
    """The legend names of the decomposition chart's bars, as plotly.js holds them."""
    chart = page.locator(DECOMPOSITION)
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=30_000)
    return chart.evaluate("gd => gd.data.map((trace) => trace.name)")


def enter(page, key: str, text: str) -> None:
    field = page.locator(f".st-key-{key} input")
    field.fill(text)
    field.press("Enter")
    page.wait_for_selector(READY, timeout=60_000)


def test_a_chart_shows_kl_cores_numbers_and_follows_a_rerun(page, server):
    page.goto(f"{server}/discrete?p=0.5,0.5&q=0.9,0.1")
    page.wait_for_selector(READY, timeout=60_000)
    p, q = [0.5, 0.5], [0.9, 0.1]
    assert f"D(P‖Q) = {format_value(kl_core.kl_divergence(p, q), 'nats')}" in bar_names(page)
    enter(page, "q", "0.6,0.4")
    q = [0.6, 0.4]
    expected = f"D(P‖Q) = {format_value(kl_core.kl_divergence(p, q), 'nats')}"
    expect(page.locator(DECOMPOSITION)).to_contain_text(expected, timeout=30_000)
    assert expected in bar_names(page)
    assert page.locator(".kl-figure").count() == 1  # redrawn in place, not added


def test_a_chart_that_a_rerun_adds_appears_and_one_it_drops_goes(page, server):
    page.goto(f"{server}/discrete?p=0.5,0.5&q=0.9,0.1")
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator(".kl-figure")).to_have_count(1, timeout=30_000)
    enter(page, "q", "1,0")  # D(P‖Q) = ∞: the smoothing chart explains it
    expect(page.locator(".kl-figure")).to_have_count(2, timeout=30_000)
    expect(page.locator(".kl-figure .main-svg").nth(1)).to_be_visible(timeout=30_000)
    enter(page, "q", "0.9,0.1")
    expect(page.locator(".kl-figure")).to_have_count(1, timeout=30_000)


def test_a_drag_across_a_chart_zooms_nothing(page, server):
    page.goto(f"{server}/discrete?p=0.5,0.5&q=0.9,0.1")
    page.wait_for_selector(READY, timeout=60_000)
    chart = page.locator(DECOMPOSITION)
    bar_names(page)
    before = chart.evaluate("gd => gd._fullLayout.xaxis.range.slice()")
    box = chart.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=8)
    page.mouse.up()
    assert chart.evaluate("gd => gd._fullLayout.xaxis.range.slice()") == before
