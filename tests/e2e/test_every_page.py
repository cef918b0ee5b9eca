"""Every page in a real Chromium against the real server: deep link, main control, clean.

For each page: open a deep link, change the page's main control as a person would
(keyboard on a slider, typing into a field, a click), and check that the readout changes,
that no exception element appears, that the console has no errors, that not one
request leaves the server's address, and that Streamlit's own chart code (4.7 MB) is
never fetched: every chart is drawn with the app's partial plotly.js bundle
(kl_ui.live.charts).

The console check allows exactly one known kind of message: on a deep link such as
/discrete, Streamlit's frontend first probes /discrete/_stcore/health and host-config to
find the app's base path, gets 404, and falls back to /; Chromium logs those two 404s.
"""

import re

import pytest
from playwright.sync_api import expect

from harness.chromium import READY
from kl_ui.pages import PAGES

pytestmark = pytest.mark.e2e


def slider_right(key):
    def act(page):
        thumb = page.locator(f'.st-key-{key} input[type="range"]')
        thumb.focus()
        thumb.press("ArrowRight")

    return act


def live_right(label):
    """Arrow key on a live view's handle (kl_ui.live), announced as `label`."""

    def act(page):
        handle = page.get_by_role("slider", name=label)
        handle.focus()
        handle.press("ArrowRight")

    return act


LIVE_READOUT = '[data-testid="kl-readout"]'


def type_into(key, text):
    def act(page):
        field = page.locator(f".st-key-{key} input")
        field.fill(text)
        field.press("Enter")

    return act


def click(key):
    def act(page):
        page.locator(f".st-key-{key} button").click()

    return act


def metric(label):
    return f'[data-testid="stMetric"]:has-text("{label}")'


# url path -> (query, action, readout selector, text the deep link must show)
CASES = {
    "": ("units=bits&coin=0.3", live_right("Q(heads)"), LIVE_READOUT, "bits"),
    "discrete": ("p=0.5,0.5&q=0.9,0.1", type_into("p", "0.3,0.7"), LIVE_READOUT, "0.5108 nats"),
    "continuous": (
        "P=norm(loc=0,scale=1)&Q=cauchy(loc=0,scale=1)",
        live_right("P location"),
        LIVE_READOUT,
        "0.2592 nats",
    ),
    "asymmetry": (
        "P=norm(loc=0,scale=1)&Q=norm(loc=1,scale=2)&units=hartleys",
        slider_right("Q_norm_loc"),
        LIVE_READOUT,  # the live sweep's numbers (not the fits' "argmin D(P‖Q)" below)
        "hartleys",
    ),
    "proof": (
        "p=0.5,0.3,0.2,0&q=0.2,0.2,0.3,0.3&step=1",
        click("step_next"),
        'strong:text-matches("^Step [1-5][.]")',
        "Step 1.",
    ),
    "mle": ("family=norm&n=1000&seed=0", click("redraw"), metric("MLE"), "MLE"),
    "samples": ("n=1000&seed=0&k=1", type_into("k", "2"), metric("k-NN"), "k = 1"),
}


def test_every_page_has_a_case():
    assert set(CASES) == {spec.url_path for spec in PAGES}


@pytest.mark.parametrize("path", list(CASES), ids=[p or "home" for p in CASES])
def test_page_in_a_real_browser(page, server, path):
    query, act, readout, expected = CASES[path]
    errors = []
    page.on(
        "console",
        lambda m: m.type == "error" and errors.append((m.text, m.location.get("url", ""))),
    )
    page.goto(f"{server}/{path}?{query}")
    page.wait_for_selector(READY, timeout=60_000)
    shown = page.locator(readout).first
    shown.wait_for(timeout=30_000)
    before = shown.inner_text()
    assert expected in before
    act(page)
    expect(shown).not_to_have_text(before, timeout=30_000)
    if readout == LIVE_READOUT:  # the browser's number at once; then the release's rerun
        expect(shown).to_have_attribute("data-source", "kl_core", timeout=30_000)
    page.wait_for_selector(READY, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.get_by_text("Something went wrong").count()
    probe = re.compile(rf"^{re.escape(server)}/{re.escape(path)}/_stcore/(health|host-config)$")
    unexpected = [(text, url) for text, url in errors if not (path and probe.match(url))]
    assert unexpected == []
    outside = [u for u in page.requests_seen if not u.startswith((server, "data:", "blob:"))]
    assert outside == []
    assert [u for u in page.requests_seen if "/static/js/PlotlyChart." in u] == []
