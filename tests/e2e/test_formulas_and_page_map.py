"""Formulas (the home page and the two explorers) and the home page's map of pages,
drawn in the browser by the live explorer's component (kl_ui.live.formulas,
kl_ui.live.page_map), in a real Chromium against the real server; and the map's
``navigate`` trigger over the real websocket protocol.

The formulas are typeset by the app's own KaTeX in the unit chosen, and follow a change
of unit. A card's link opens its page in this tab (a click, or Enter), or in a new tab
with Ctrl; either way in the unit chosen. A hand-made trigger naming no page changes
nothing and shows no exception.
"""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

import kl_core
from harness.chromium import READY
from harness.live import READOUT_VALUES, coin_readout
from harness.stclient import Session, Trigger
from kl_ui import definitions
from kl_ui.live import page_map
from kl_ui.numbers import format_number
from kl_ui.pages import PAGES
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e

TEX = '.kl-formulas annotation[encoding="application/x-tex"]'  # KaTeX's MathML keeps it


def open_home(page, server: str, query: str = "") -> None:
    page.goto(f"{server}/{'?' + query if query else ''}")
    page.wait_for_selector(READY, timeout=60_000)


def typeset(page) -> list[str]:
    """The LaTeX of every formula KaTeX has drawn in the home page's formula views."""
    expect(page.locator(".kl-formulas .katex-display")).to_have_count(3, timeout=30_000)
    return [text.strip() for text in page.locator(TEX).all_text_contents()]


def card_link(page, title: str):
    return page.locator(".kl-page-map").get_by_role("link", name=title, exact=True)


def test_the_formulas_are_typeset_in_the_unit_chosen(page, server):
    open_home(page, server, "units=bits")
    assert typeset(page) == [
        definitions.over_outcomes("bits"),
        definitions.over_densities("bits"),
        definitions.as_expectation("bits"),
    ]
    shown = page.locator(".kl-formulas .katex-html").all_inner_texts()
    assert all("log" in text and "ln" not in text for text in shown)
    assert page.locator(".kl-formula-waiting").count() == 0
    assert [u for u in page.requests_seen if not u.startswith((server, "data:", "blob:"))] == []


@pytest.mark.parametrize(
    ("path", "definition"),
    [("discrete", definitions.over_outcomes), ("continuous", definitions.over_densities)],
)
def test_each_explorer_typesets_its_definition_in_the_unit_chosen(page, server, path, definition):
    page.goto(f"{server}/{path}?units=hartleys")
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator(".kl-formulas .katex-display")).to_have_count(1, timeout=30_000)
    assert page.locator(TEX).all_text_contents() == [definition("hartleys")]


def test_the_proof_typesets_each_step_with_the_users_numbers(page, server):
    page.goto(f"{server}/proof?p=0.5,0.5&q=0.9,0.1&step=1")
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator(".kl-formulas .katex-display")).to_have_count(2, timeout=30_000)
    general, numbers = page.locator(TEX).all_text_contents()
    assert r"\ln\frac{q(x)}{p(x)}" in general.replace(" ", "")
    minus_d = f"-{format_number(kl_core.kl_divergence([0.5, 0.5], [0.9, 0.1]))}"
    assert minus_d in numbers
    page.get_by_role("button", name="Next").click()
    expect(page.locator(TEX).first).not_to_have_text(general, timeout=30_000)
    page.wait_for_selector(READY, timeout=60_000)
    assert minus_d in " ".join(page.locator(TEX).all_text_contents())


def test_the_formulas_follow_a_change_of_unit(page, server):
    open_home(page, server)
    assert all(r"\ln" in tex for tex in typeset(page))
    page.get_by_role("radiogroup", name="Units").get_by_text("hartleys").click()
    expect(page.locator(TEX).first).to_contain_text(r"\log_{10}", timeout=30_000)
    assert typeset(page) == [
        definitions.over_outcomes("hartleys"),
        definitions.over_densities("hartleys"),
        definitions.as_expectation("hartleys"),
    ]


def test_without_katex_each_formula_shows_its_latex_and_the_page_works(page, server):
    page.route("**/katex.min.js", lambda route: route.abort())
    open_home(page, server)
    boxes = page.locator(".kl-formulas .kl-formula")
    expect(boxes.first).to_have_text(definitions.over_outcomes("nats"), timeout=30_000)
    assert boxes.all_inner_texts() == [
        definitions.over_outcomes("nats"),
        definitions.over_densities("nats"),
        definitions.as_expectation("nats"),
    ]
    assert page.locator(".kl-formula-waiting").count() == 0
    expect(page.locator(READOUT_VALUES).first).to_have_text(coin_readout(0.8)[0])


def test_the_map_names_every_other_page_with_its_pitch(page, server):
    open_home(page, server)
    cards = page.locator(".kl-page-map .kl-card")
    expect(cards).to_have_count(len(PAGES) - 1)
    for spec, card in zip(PAGES[1:], cards.all()):
        assert card.locator(".kl-card-title").inner_text() == spec.title
        assert card.locator(".kl-card-pitch").inner_text() == spec.pitch
    # Each icon is a glyph of the icon font, not its name written out ("bar_chart").
    for icon in page.locator(".kl-card-icon").all():
        box = icon.bounding_box()
        size = float(icon.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert box["width"] <= 1.5 * size, icon.inner_text()


def test_a_click_on_a_card_opens_its_page_in_this_tab_in_the_same_unit(page, server):
    open_home(page, server, "units=bits")
    card_link(page, "Discrete explorer").click()
    page.wait_for_url("**/discrete**", timeout=30_000)
    expect(page.get_by_role("heading", name="Discrete explorer", level=1)).to_be_visible()
    page.wait_for_selector(READY, timeout=60_000)
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["units"] == ["bits"]
    assert len(page.context.pages) == 1
    page.go_back()
    page.wait_for_url(f"{server}/?units=bits", timeout=30_000)


def test_enter_on_a_card_opens_its_page(page, server):
    open_home(page, server)
    card_link(page, "Continuous explorer").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/continuous**", timeout=30_000)
    expect(page.get_by_role("heading", name="Continuous explorer", level=1)).to_be_visible()


def test_a_ctrl_click_opens_the_page_in_a_new_tab_and_leaves_this_one(page, server):
    open_home(page, server, "units=bits")
    with page.context.expect_page() as opened:
        card_link(page, "Asymmetry explorer").click(modifiers=["Control"])
    tab = opened.value
    tab.wait_for_selector(READY, timeout=60_000)
    assert urllib.parse.urlsplit(tab.url).path == "/asymmetry"
    expect(tab.get_by_role("heading", name="Asymmetry explorer", level=1)).to_be_visible()
    assert "units=bits" in tab.url
    assert urllib.parse.urlsplit(page.url).path == "/"


# --- the navigate trigger over the websocket protocol ------------------------------------


def navigated(server: str, path: object, query: str = "") -> tuple[str, str, list[str], int]:
    """Open the home page at `query` and send `path` as its map's navigate trigger: the
    page hash before and after, the headings shown, and the exceptions and error boxes."""

    async def drive():
        session = Session(server.replace("http", "ws"), "", query)
        try:
            await session.open(timeout=60)
            home = session.page_script_hash
            await session.rerun({"home_pages": Trigger(page_map.NAVIGATE, path)}, timeout=60)
            headings = [
                e.heading.body for e in session.last_elements if e.WhichOneof("type") == "heading"
            ]
            kinds = [e.WhichOneof("type") for e in session.last_elements]
            return (
                home,
                session.page_script_hash,
                headings,
                session.exceptions + kinds.count("alert"),
            )
        finally:
            await session.close()

    return run_async(drive())


@pytest.mark.parametrize("query", ["", "units=bits", "units=hartleys&coin=0.3"])
def test_a_navigate_trigger_switches_to_the_page_it_names(server, query):
    home, after, headings, failures = navigated(server, "proof", query)
    assert failures == 0
    assert after != home
    assert "Why KL is never negative" in headings


@pytest.mark.parametrize(
    "path",
    ["", "Discrete", "../app", "/discrete", "https://example.com", None, 3, ["discrete"],
     {"path": "discrete"}, "x" * 5000],
    ids=lambda v: repr(v)[:20],
)  # fmt: skip
def test_a_navigate_trigger_naming_no_page_changes_nothing(server, path):
    home, after, headings, failures = navigated(server, path)
    assert failures == 0
    assert after == home
    assert "Kullback-Leibler divergence" in headings
