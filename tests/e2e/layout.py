"""What "fits a screen" means, measured from the DOM of a rendered page.

Used by the layout test (tests/e2e/test_layout.py) and by ``make screenshots``
(tests/e2e/screenshots.py). The scenarios are every page at its default and on each of
its presets, opened by link (a preset button only fills in the same URL parameters).
The probe reports one line per defect, so a failing test says what to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from harness.links import T_HALF, heavy_mixture
from kl_ui import asymmetry, proof
from kl_ui.pages import PAGES
from kl_ui.presets import DEFAULT, MLE_PRESETS, PRESETS, SAMPLES_PRESETS

# name -> (width, height, device scale factor, touch): the three screens of the product.
SCREENS = {
    "phone": (390, 844, 2, True),
    "laptop": (1440, 900, 1, False),
    "projector": (853, 480, 1.5, False),  # 1280x720 at 150 % zoom
}


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def scenarios() -> dict[str, str]:
    """Scenario name -> URL path and query, for every page and every preset."""
    out: dict[str, str] = {}
    for spec in PAGES:
        out[spec.url_path or "home"] = f"/{spec.url_path}"
    for preset in PRESETS:
        out[f"discrete-{_slug(preset.name)}"] = "/discrete?" + urlencode(preset.texts())
    for preset in asymmetry.PRESETS:
        out[f"asymmetry-{_slug(preset.name)}"] = "/asymmetry?" + urlencode(
            {"P": preset.p, "Q": preset.q}
        )
    for name, texts in proof.presets(DEFAULT.p).items():
        out[f"proof-{_slug(name)}"] = "/proof?" + urlencode({**texts, "step": "all"})
    out["proof-continuous"] = "/proof?mode=continuous&step=all"
    for preset in MLE_PRESETS:
        out[f"mle-{_slug(preset.name)}"] = "/mle?" + urlencode({"P": preset.p})
    for preset in SAMPLES_PRESETS:
        out[f"samples-{_slug(preset.name)}"] = "/samples?" + urlencode(
            {"P": preset.p, "Q": preset.q, "repeats": "true", "n": "1000"}
        )
    out["continuous-tails"] = "/continuous?" + urlencode(
        {"P": "cauchy(loc=0, scale=1)", "Q": "norm(loc=0, scale=1)"}
    )
    out["continuous-support"] = "/continuous?" + urlencode(
        {"P": "uniform(loc=0, scale=2)", "Q": "norm(loc=1, scale=2)"}
    )
    out["continuous-methods-disagree"] = "/continuous?" + urlencode(
        {"P": "lognorm(s=3, loc=0, scale=1)", "Q": "norm(loc=0, scale=1)"}
    )
    # A costly P: the map is coarser and the sweep over t's df is refused with a message.
    out["asymmetry-costly"] = "/asymmetry?" + urlencode(
        {"P": heavy_mixture(), "Q": T_HALF, "vary": "Q", "param": "df"}
    )
    return out


# True once every chart on the page has drawn its SVG at the width of its box: Streamlit's
# charts and the live views' (each live view mounted, its charts drawn), with the page's
# fonts loaded (a chart measures its margins again once they are), and every formula of
# the live views typeset.
CHARTS_DRAWN = """() => {
  if (document.fonts && document.fonts.status !== 'loaded') return false;
  if (document.querySelector('.kl-formula-waiting')) return false;
  const views = document.querySelectorAll('[data-testid="stBidiComponentRegular"]');
  if ([...views].some((view) => !view.querySelector('.kl-live'))) return false;
  const streamlit = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(
    (chart) => chart.querySelector('.js-plotly-plot'));
  for (const gd of [...streamlit, ...document.querySelectorAll('.kl-chart')]) {
    if (!gd || !gd.querySelector('.main-svg') || !gd._fullLayout) return false;
    if (Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) > 2) return false;
  }
  return true;
}"""

# Returns a list of defects, each a short sentence naming the element.
PROBE = (Path(__file__).with_name("layout_probe.js")).read_text()


def open_scenario(page, base_url: str, path: str) -> None:
    """Open `path` and wait for the script to finish and every chart to be drawn."""
    page.goto(base_url + path)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )
    page.wait_for_timeout(300)  # let plotly's responsive relayout start
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)


def new_context(browser, screen: str):
    """A browser context that looks like `screen` to the page."""
    width, height, scale, touch = SCREENS[screen]
    return browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=scale,
        has_touch=touch,
        is_mobile=touch,
    )


def _full_page_shot(page, path) -> None:
    """A PNG of the whole page: Streamlit scrolls inside its main block, not the document,
    so the viewport is stretched to the content's height for the shot."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.ceil(document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
        ".getBoundingClientRect().height) + 160"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(300)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def survey(browser, base_url: str, screens=tuple(SCREENS), names=None, shots=None) -> dict:
    """Open every scenario on every screen; returns {(screen, scenario): [defects]}.

    With `shots` (a folder), also writes a full-page PNG of each as
    ``{screen}-{scenario}.png``.
    """
    found = {}
    paths = scenarios()
    for screen in screens:
        context = new_context(browser, screen)
        page = context.new_page()
        for name in names or paths:
            open_scenario(page, base_url, paths[name])
            found[(screen, name)] = page.evaluate(PROBE)
            if shots is not None:
                _full_page_shot(page, shots / f"{screen}-{name}.png")
        context.close()
    return found
