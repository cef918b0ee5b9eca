"""The live views (kl_ui.live) in a real Chromium against the real server, and their
release trigger over the real websocket protocol.

While a handle moves (mouse, finger or keys) the readout changes on every input event
and not one websocket frame is sent; on release exactly one frame goes, the URL takes the
value (Back returns to the previous one) and the readout shows kl_core's numbers. A
tampered release is refused without an exception. No request leaves the server.
"""

from __future__ import annotations

import dataclasses
import math
import urllib.parse

import pytest
from playwright.sync_api import expect

import harness.live as harness_live
import kl_core
from harness.chromium import READY
from harness.live import (
    BARS,
    BARS_QUERY,
    LIVE,
    PROOF,
    READOUT,
    READOUT_VALUES,
    LiveCase,
    bars_readout,
    coin_readout,
    continuous_case,
    continuous_readout,
    jensen_readout,
    released_query,
)
from harness.stclient import Session
from kl_ui import live
from kl_ui.numbers import format_number
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e

CASES = LIVE


def press(page, label: str, key: str, times: int) -> None:
    """Press `key` `times` times on the handle announced as `label`."""
    handle = page.get_by_role("slider", name=label)
    handle.focus()
    for _ in range(times):
        handle.press(key)


def readout_values(page) -> list[str]:
    return page.locator(READOUT_VALUES).all_inner_texts()


def open_live(page, server, case: LiveCase) -> list:
    """harness.live.open_live, and the link's numbers are kl_core's."""
    frames = harness_live.open_live(page, server, case)
    assert readout_values(page) == case.readout_after(urllib.parse.parse_qs(case.query))
    return frames


def assert_released(page, frames, before: int, case: LiveCase, expected=None) -> dict:
    """One frame after the release; kl_core's numbers for the values in the URL (and
    `expected` texts, when given). Returns the URL's query."""
    query = released_query(page, case)
    page.wait_for_selector(READY, timeout=30_000)
    assert readout_values(page) == case.readout_after(query)
    if expected is not None:
        assert readout_values(page) == expected
    assert len(frames) - before == 1, "one release, one frame"
    return query


def assert_live_during(page, frames, before: int) -> list[str]:
    seen = page.evaluate("() => window.__live")
    assert len(seen) >= 3, "the handle moved through several values"
    assert all(a != b for a, b in zip(seen, seen[1:])), "the readout changed on every input"
    assert len(frames) == before, "nothing is sent while the handle moves"
    return seen


@pytest.mark.parametrize("name", list(CASES))
def test_keys_move_the_readout_live_and_one_release_follows(page, server, name):
    case = CASES[name]
    frames = open_live(page, server, case)
    before = len(frames)
    press(page, case.handle, "ArrowRight", 4)
    assert_live_during(page, frames, before)
    assert_released(page, frames, before, case, case.expected(case.start + 4 * case.step))
    page.go_back()
    page.wait_for_selector(READY, timeout=30_000)
    expect(page.locator(READOUT_VALUES).first).to_have_text(case.expected(case.start)[0])
    assert readout_values(page) == case.expected(case.start)
    assert [u for u in page.requests_seen if not u.startswith((server, "data:", "blob:"))] == []


@pytest.mark.parametrize("name", list(CASES))
def test_the_mouse_drags_the_handle_live_and_one_release_follows(page, server, name):
    case = CASES[name]
    frames = open_live(page, server, case)
    before = len(frames)
    handle = page.get_by_role("slider", name=case.handle)
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    for fraction in (0.35, 0.4, 0.45, 0.5, 0.55):
        page.mouse.move(box["x"] + box["width"] * fraction, y, steps=2)
    assert_live_during(page, frames, before)
    page.mouse.up()
    assert_released(page, frames, before, case)


def test_dragging_across_the_coins_chart_moves_its_handle(page, server):
    case = CASES["home"]
    frames = open_live(page, server, case)
    before = len(frames)
    page.locator(".kl-chart").scroll_into_view_if_needed()
    area = page.locator(".kl-chart .nsewdrag").bounding_box()
    y = area["y"] + area["height"] / 2
    page.mouse.move(area["x"] + area["width"] * 0.6, y)
    page.mouse.down()
    for fraction in (0.63, 0.66, 0.69, 0.72):
        page.mouse.move(area["x"] + area["width"] * fraction, y, steps=2)
    seen = assert_live_during(page, frames, before)
    page.mouse.up()
    query = assert_released(page, frames, before, case)
    value = float(query["coin"][0])
    assert value == pytest.approx(0.72, abs=0.02)
    assert seen[-1].split("\n")[1] == case.expected(value)[0]


def test_a_touch_drag_moves_the_coin(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        case = CASES["home"]
        frames = open_live(page, server, case)
        handle = page.get_by_role("slider", name=case.handle)
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        y = box["y"] + box["height"] / 2
        cdp = context.new_cdp_session(page)

        def touch(kind, x):
            points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        before = len(frames)
        touch("touchStart", box["x"] + box["width"] * 0.3)
        for fraction in (0.4, 0.5, 0.6, 0.7):
            touch("touchMove", box["x"] + box["width"] * fraction)
        assert_live_during(page, frames, before)
        touch("touchEnd", 0)
        query = assert_released(page, frames, before, case)
        assert float(query["coin"][0]) > 0.5
    finally:
        context.close()


# --- the release over the websocket protocol -------------------------------------------


def released(server: str, path: str, query: str, view: str, payload):
    """Open `path?query` over the websocket protocol and send `payload` as the release
    of the live view keyed `view`: the numbers shown, the URL's query, exceptions."""

    async def drive():
        session = Session(server.replace("http", "ws"), path, query)
        try:
            await session.open(timeout=60)
            await session.rerun({view: payload}, timeout=60)
            return session.numbers_shown(), session.query, session.exceptions
        finally:
            await session.close()

    return run_async(drive())


def _released(server: str, payload):
    return released(server, "", "coin=0.3", "home_coin", payload)


def test_a_release_reaches_python_and_the_url(server):
    shown, query, exceptions = _released(server, {"coin": 0.62})
    assert exceptions == 0
    assert shown == coin_readout(0.62)
    assert urllib.parse.parse_qs(query)["coin"] == ["0.62"]


@pytest.mark.parametrize(
    "payload",
    [{"coin": "0.5"}, {"coin": 2.0}, {"coin": -0.1}, {"coin": math.inf}, {"coin": True},
     {"other": 0.5}, "0.5", [0.5], None, {"coin": {"x": 1}}],
    ids=repr,
)  # fmt: skip
def test_a_tampered_release_changes_nothing(server, payload):
    shown, query, exceptions = _released(server, payload)
    assert exceptions == 0
    assert shown == coin_readout(0.3)
    assert urllib.parse.parse_qs(query)["coin"] == ["0.3"]


def test_a_release_between_steps_lands_on_the_grid():
    handle = live.Handle("coin", "Q(heads)", 0.0, 1.0, 0.01, 0.8)
    assert handle.accept(0.304) == 0.3
    assert handle.accept(1.0) == 1.0
    assert handle.accept(0) == 0.0
    for refused in (1.0000001, -1e-9, math.nan, math.inf, "0.5", None, True):
        assert handle.accept(refused) is None


# --- the discrete explorer's bars ------------------------------------------------------


def released_bars(page, frames, before: int) -> tuple[list[float], list[float]]:
    """After the release: one frame and kl_core's readout for the URL's P and Q, each a
    distribution (sum 1)."""
    query = assert_released(page, frames, before, BARS)
    p, q = ([float(v) for v in query[k][0].split(",")] for k in ("p", "q"))
    assert sum(p) == pytest.approx(1, abs=1e-12)
    assert sum(q) == pytest.approx(1, abs=1e-12)
    return p, q


def test_keys_move_a_bar_and_every_number_follows(page, server):
    frames = open_live(page, server, BARS)
    before = len(frames)
    press(page, "Q(a)", "ArrowUp", 5)
    assert_live_during(page, frames, before)
    p, q = released_bars(page, frames, before)
    assert q[0] == pytest.approx(0.25)
    assert p == [0.5, 0.3, 0.2, 0.0]
    assert page.get_by_role("slider", name="Q(a)").get_attribute("aria-valuenow") == "0.25"


def test_the_mouse_drags_a_bar_to_zero_and_infinity_is_named(page, server):
    frames = open_live(page, server, BARS)
    before = len(frames)
    bar = page.get_by_role("slider", name="Q(b)")
    bar.scroll_into_view_if_needed()
    track = page.locator(".kl-track").nth(1).bounding_box()
    x = bar.bounding_box()["x"] + 4
    page.mouse.move(x, track["y"] + track["height"] * 0.85)
    page.mouse.down()
    for fraction in (0.88, 0.92, 0.96, 1.05):
        page.mouse.move(x, track["y"] + track["height"] * fraction, steps=2)
    assert_live_during(page, frames, before)
    live_reason = page.locator(f"{READOUT} .kl-reading-reason").first.inner_text()
    assert live_reason == "∞ because Q gives 0 to “b” where P does not."
    page.mouse.up()
    _, q = released_bars(page, frames, before)
    assert q[1] == 0
    assert readout_values(page)[0] == "∞ nats"


def _bars_released(server: str, payload):
    return released(server, "discrete", BARS_QUERY, "discrete_bars", payload)


def test_released_bars_reach_the_fields_and_the_url(server):
    payload = {"p": [0.5, 0.3, 0.2, 0.0], "q": [0.25, 0.25, 0.25, 0.25]}
    shown, query, exceptions = _bars_released(server, payload)
    assert exceptions == 0
    assert shown == bars_readout(payload["p"], payload["q"])
    assert urllib.parse.parse_qs(query)["q"] == ["0.25,0.25,0.25,0.25"]


@pytest.mark.parametrize(
    "payload",
    [{"p": [0.5, 0.5], "q": [0.5, 0.5]}, {"p": [0.5, 0.3, 0.2, 0.0]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": [0.9, 0.9, 0.1, 0.1]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": [1.5, -0.5, 0.0, 0.0]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": ["0.25", 0.25, 0.25, 0.25]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": [math.nan, 0.5, 0.25, 0.25]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": [0.25] * 4, "x": 1}, [0.5], "p=1", None],
    ids=repr,
)  # fmt: skip
def test_tampered_bars_change_nothing(server, payload):
    shown, query, exceptions = _bars_released(server, payload)
    assert exceptions == 0
    assert shown == bars_readout([0.5, 0.3, 0.2, 0.0], [0.2, 0.2, 0.3, 0.3])
    assert urllib.parse.parse_qs(query)["q"] == ["0.2,0.2,0.3,0.3"]


# --- the proof page: the bars move the Jensen picture -----------------------------------

# While a bar moves: the canvas over the chart (how many of its pixels are painted, and
# how many in P's blue, the points' colour) and the opacity of the chart's own points.
PICTURE = """() => {
  const canvas = document.querySelector(".kl-jensen canvas");
  if (!canvas) return null;
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0, blue = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    painted += 1;
    if (pixels[i + 2] > 120 && pixels[i] < 80) blue += 1;
  }
  const points = document.querySelectorAll(".kl-jensen .scatterlayer .trace")[1];
  return { painted, blue, ghost: points.style.opacity };
}"""


def test_keys_move_a_bar_and_the_jensen_picture_follows(page, server):
    frames = open_live(page, server, PROOF)
    assert page.evaluate(PICTURE) is None or page.evaluate(PICTURE)["painted"] == 0
    before = len(frames)
    press(page, PROOF.handle, "ArrowDown", 6)
    seen = assert_live_during(page, frames, before)
    picture = page.evaluate(PICTURE)
    assert picture["blue"] > 200, "the live points are drawn over the chart"
    assert picture["ghost"] == "0.2", "the released points stay as ghosts"
    assert page.get_by_role("slider", name="P(a)").get_attribute("aria-valuenow") == "0.44"
    query = assert_released(page, frames, before, PROOF)
    p, q = ([float(v) for v in query[k][0].split(",")] for k in ("p", "q"))
    assert p[0] == pytest.approx(0.44)
    assert sum(p) == pytest.approx(1, abs=1e-12)
    assert seen[-1].splitlines()[1] == jensen_readout(p, q)[0], "the last live D is kl_core's"
    assert page.evaluate(PICTURE)["painted"] == 0, "kl_core's picture replaces the live one"
    # The steps are rewritten from the released bars: step 5 adds the two gaps up to D.
    divergence = format_number(kl_core.jensen_proof(p, q).divergence)
    expect(page.locator(".katex", has_text=divergence).first).to_be_visible()


def test_a_bar_dragged_to_zero_makes_d_and_the_jensen_gap_infinite(page, server):
    case = dataclasses.replace(PROOF, handle="Q(b)", name="q")
    frames = open_live(page, server, case)
    before = len(frames)
    bar = page.get_by_role("slider", name=case.handle)
    bar.scroll_into_view_if_needed()
    track = page.locator(".kl-track").nth(1).bounding_box()
    x = bar.bounding_box()["x"] + 4
    page.mouse.move(x, track["y"] + track["height"] * 0.85)
    page.mouse.down()
    for fraction in (0.9, 0.95, 1.05):
        page.mouse.move(x, track["y"] + track["height"] * fraction, steps=2)
    assert_live_during(page, frames, before)
    reasons = page.locator(f"{READOUT} .kl-reading-reason").all_inner_texts()
    assert reasons == ["∞ because Q gives 0 to “b” where P does not."] * 2
    page.mouse.up()
    query = assert_released(page, frames, before, case)
    assert float(query["q"][0].split(",")[1]) == 0
    assert readout_values(page)[:2] == ["∞ nats", "∞ nats"]


@pytest.mark.parametrize(
    "payload",
    [{"p": [0.5, 0.3, 0.2, 0.0], "q": [0.25, 0.25, 0.25, 0.25]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": [0.9, 0.9, 0.1, 0.1]},
     {"p": [0.5, 0.3, 0.2, 0.0], "q": [math.inf, 0.5, 0.25, 0.25]}, "p=1"],
    ids=repr,
)  # fmt: skip
def test_a_proof_release_is_checked_as_the_bars_are(server, payload):
    shown, query, exceptions = released(server, "proof", BARS_QUERY, "proof_bars", payload)
    assert exceptions == 0
    taken = payload == {"p": [0.5, 0.3, 0.2, 0.0], "q": [0.25, 0.25, 0.25, 0.25]}
    q = payload["q"] if taken else [0.2, 0.2, 0.3, 0.3]
    assert shown[:3] == jensen_readout([0.5, 0.3, 0.2, 0.0], q)
    assert urllib.parse.parse_qs(query)["q"] == [",".join(f"{v:g}" for v in q)]


# --- the continuous explorer -----------------------------------------------------------


def _approximate(page) -> list[tuple[float, float | None, int]]:
    """Each reading's value, its error bound when it is interpolated (≈ v nats, ± e nats;
    None for a closed form's exact value) and the decimals it is written with."""
    readings = page.evaluate(
        """(readout) => [...document.querySelectorAll(`${readout} .kl-reading`)].map((r) => [
          r.querySelector(".kl-reading-value").innerText,
          r.classList.contains("kl-approximate") ? r.querySelector(".kl-reading-note").innerText
            : null])""",
        READOUT,
    )
    shown = []
    for text, note in readings:
        number = text.removeprefix("≈ ").split()[0]
        digits = len(number.partition(".")[2])
        error = None if note is None else float(note.removeprefix("± ").split()[0])
        shown.append((float(number), error, digits))
    return shown


@pytest.mark.parametrize(
    ("q_spec", "handle", "key", "moved", "exact_in_browser"),
    [("t(df=3, loc=0, scale=1)", "P location", "ArrowRight", "norm(loc=0.3, scale=1)",
      [False, False]),
     ("t(df=3, loc=0, scale=1)", "P scale", "ArrowLeft", "norm(loc=0, scale=0.85)",
      [False, False]),
     # D(Laplace‖N) has its closed form in the browser; D(N‖Laplace) needs the normal cdf
     ("laplace(loc=0, scale=1)", "P location", "ArrowLeft", "norm(loc=-0.3, scale=1)",
      [False, True])],
    ids=["t-location", "t-scale", "laplace"],
)  # fmt: skip
def test_a_pair_without_closed_form_interpolates_kl_cores_table(
    page, server, q_spec, handle, key, moved, exact_in_browser
):
    """Q a Student-t (or a Laplace, whose closed form needs the normal cdf): while P
    moves, each number is kl_core's table interpolated, shown with ≈ and its error
    bound, which holds against kl_core there; the curves move at once, and the release
    brings kl_core's own numbers."""
    case = continuous_case("norm", q_spec)
    frames = open_live(page, server, case)
    before = len(frames)
    press(page, handle, key, 3)
    shown = _approximate(page)
    assert [error is None for _, error, _ in shown] == exact_in_browser
    q = kl_core.parse_distribution(q_spec)
    p = kl_core.parse_distribution(moved)
    for (value, error, shown_digits), exact in zip(
        shown, (kl_core.kl(p, q), kl_core.kl(q, p)), strict=True
    ):
        # within the bound (or exact), give or take the rounding to the digits shown
        assert abs(value - exact) <= (error or 0) + 0.5 * 10.0**-shown_digits
    assert page.locator(".kl-chart canvas.kl-canvas").count() == 1
    assert len(frames) == before
    query = assert_released(page, frames, before, case)
    assert query["P"] == [moved]
    assert page.locator(f"{READOUT} .kl-approximate").count() == 0


def test_next_to_an_infinity_the_number_waits_for_the_release(page, server):
    """D(t_ν‖N) is ∞ for ν ≤ 2: with Q's ν moved from 3 to 2.5 the table cannot bound
    its interpolation there, so D(Q‖P) stays kl_core's last number, marked as waiting;
    D(P‖Q) is interpolated."""
    case = dataclasses.replace(continuous_case("norm", "t(df=3, loc=0, scale=1)"), name="Q")
    frames = open_live(page, server, case)
    before = len(frames)
    press(page, "Q degrees of freedom ν", "ArrowLeft", 1)
    readings = page.locator(f"{READOUT} .kl-reading")
    assert readings.nth(0).get_attribute("class") == "kl-reading kl-approximate"
    assert readings.nth(1).get_attribute("class") == "kl-reading kl-pending"
    assert readout_values(page)[1] == case.expected(0.0)[1]  # kl_core's, before the move
    query = assert_released(page, frames, before, case)
    assert query["Q"] == ["t(df=2.5, loc=0, scale=1)"]


def _continuous_released(server: str, payload):
    return released(server, "continuous", LIVE["continuous"].query, "continuous_live", payload)


GOOD = {"P_loc": 0.5, "P_scale": 1.0, "Q_loc": 1.0, "Q_scale": 2.0}


def test_a_continuous_release_rewrites_the_specs(server):
    shown, query, exceptions = _continuous_released(server, GOOD)
    assert exceptions == 0
    specs = urllib.parse.parse_qs(query)
    assert specs["P"] == ["norm(loc=0.5, scale=1)"]
    assert shown[:2] == continuous_readout("norm(loc=0.5, scale=1)", "norm(loc=1, scale=2)")


@pytest.mark.parametrize(
    "payload",
    [GOOD | {"P_loc": 99.0}, GOOD | {"P_scale": 0.0}, GOOD | {"Q_scale": "2"},
     {k: v for k, v in GOOD.items() if k != "Q_loc"}, GOOD | {"P_loc": math.nan}, [1.0], None],
    ids=repr,
)  # fmt: skip
def test_a_tampered_continuous_release_changes_nothing(server, payload):
    shown, query, exceptions = _continuous_released(server, payload)
    assert exceptions == 0
    # P is at its default, which Streamlit leaves out of the URL
    assert urllib.parse.parse_qs(query).get("P", ["norm(loc=0, scale=1)"]) == [
        "norm(loc=0, scale=1)"
    ]
    assert shown[:2] == continuous_readout("norm(loc=0, scale=1)", "norm(loc=1, scale=2)")


def test_a_closed_form_moves_its_number_live_and_equals_kl_core(page, server):
    """P Laplace, Q normal: D(P‖Q) has a closed form the browser computes while P moves
    (equal to kl_core's number for the new position before any release); D(Q‖P) needs the
    normal cdf, so it is interpolated from kl_core's table until the release."""
    case = continuous_case("laplace", "norm(loc=1, scale=2)")
    expected = case.expected
    frames = open_live(page, server, case)
    before = len(frames)
    press(page, "P location", "ArrowRight", 3)
    readings = page.locator(f"{READOUT} .kl-reading")
    assert readout_values(page)[0] == expected(0.3)[0]  # the browser's, before the release
    assert readings.nth(0).get_attribute("class") == "kl-reading"
    assert readings.nth(1).get_attribute("class") == "kl-reading kl-approximate"
    assert len(frames) == before
    assert_released(page, frames, before, case, expected(0.3))
