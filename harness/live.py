"""The live views (kl_ui.live) as tests and benchmarks drive them: for each page, a link,
a handle to move (by its aria-label), and kl_core's readout for any value of it.

Chromium code shared by tests/e2e/test_live.py and bench/live.py is here too: the
readout's selector, and a script that records, for every input event, the readout's text
and the time from the event to the next painted frame.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import kl_core
from harness.chromium import READY
from kl_ui.numbers import format_value
from kl_ui.presets import ASYMMETRY_DEFAULTS, CONTINUOUS_DEFAULTS, PROOF_CONTINUOUS_DEFAULTS

READOUT = '[data-testid="kl-readout"]'
READOUT_VALUES = f"{READOUT} .kl-reading-value"

# After each input event: the readout's text (read by a listener on the document, which
# runs after the view's own handler on the handle), and the milliseconds from the event
# to the next painted frame: a requestAnimationFrame queued after the view's own (it runs
# in the same frame, after the chart's update), then a message task, which runs once that
# frame has been rendered.
RECORD = """() => {
  window.__live = [];
  window.__paint = [];
  document.addEventListener("input", (event) => {
    window.__live.push(document.querySelector('[data-testid="kl-readout"]').innerText);
    const start = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__paint.push(performance.now() - start);
      channel.port2.postMessage(null);
    });
  });
}"""


@dataclass(frozen=True)
class LiveCase:
    """A page's live handle: the link that opens it at `start`, the handle's aria-label,
    its name in the URL and step, and kl_core's readout texts for a value; `released`
    gives kl_core's readout from the URL's query after a release (parsed, by name)."""

    path: str
    query: str
    handle: str
    name: str
    start: float
    step: float
    expected: Callable[[float], list[str]]
    released: Callable[[dict[str, list[str]]], list[str]] | None = None
    vertical: bool = False  # the handle moves up and down (a bar), not along a slider
    chart: bool = True  # the view draws a plotly chart (the discrete explorer's does not)

    def readout_after(self, query: dict[str, list[str]]) -> list[str]:
        """kl_core's readout for the values a release left in the URL's `query`."""
        if self.released is not None:
            return self.released(query)
        return self.expected(float(query[self.name][0]))


def coin_readout(heads: float) -> list[str]:
    """The home page's readout for Q(heads) = `heads`: D(P‖Q), D(Q‖P) with a fair P."""
    fair, coin = [0.5, 0.5], [heads, 1 - heads]
    return [
        format_value(kl_core.kl_divergence(fair, coin), "nats"),
        format_value(kl_core.kl_divergence(coin, fair), "nats"),
    ]


def continuous_readout(p_spec: str, q_spec: str) -> list[str]:
    """The continuous explorer's readout: D(P‖Q) and D(Q‖P) of two spec texts, in nats."""
    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    return [format_value(kl_core.kl(p, q), "nats"), format_value(kl_core.kl(q, p), "nats")]


def specs_after(defaults: dict[str, str]) -> Callable[[dict[str, list[str]]], list[str]]:
    """kl_core's readout for the P and Q specs in a URL's query, on a page whose default
    specs are `defaults` (Streamlit leaves a field at its default out of the URL)."""

    def readout(query: dict[str, list[str]]) -> list[str]:
        p, q = (query.get(k, [defaults[k]])[0] for k in ("P", "Q"))
        return continuous_readout(p, q)

    return readout


continuous_after = specs_after(CONTINUOUS_DEFAULTS)


def continuous_case(p_family: str, q_spec: str) -> LiveCase:
    """/continuous opened with P = `p_family`(loc=0, scale=1) and Q = `q_spec`, P's location
    the handle."""
    return LiveCase(
        "continuous",
        f"P={p_family}(loc=0, scale=1)&Q={q_spec}",
        "P location",
        "P",
        0.0,
        0.1,
        lambda loc: continuous_readout(f"{p_family}(loc={loc}, scale=1)", q_spec),
        released=continuous_after,
    )


def proof_density_readout(p_spec: str, q_spec: str) -> list[str]:
    """The proof page's continuous readout: D(P‖Q) and its two gaps, in nats."""
    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    return jensen_readout(p, q)


def _proof_density_after(query: dict[str, list[str]]) -> list[str]:
    p, q = (query.get(k, [PROOF_CONTINUOUS_DEFAULTS[k]])[0] for k in ("P", "Q"))
    return proof_density_readout(p, q)


LIVE = {
    "home": LiveCase("", "coin=0.3", "Q(heads)", "coin", 0.3, 0.01, coin_readout),
    "continuous": continuous_case("norm", "norm(loc=1, scale=2)"),
    # The proof's continuous mode: no closed form for its gaps in the browser, so while P
    # moves its numbers are kl_core's tables interpolated (≈); the release brings kl_core's.
    "proof-continuous": LiveCase(
        "proof",
        "mode=continuous&step=all",
        "P location",
        "P",
        0.0,
        0.1,
        lambda loc: proof_density_readout(
            f"uniform(loc={loc:g}, scale=1)", PROOF_CONTINUOUS_DEFAULTS["Q"]
        ),
        released=_proof_density_after,
    ),
}


# The discrete explorer: its bars are the handles, and a release writes P and Q.
BARS_QUERY = "p=0.5,0.3,0.2,0&q=0.2,0.2,0.3,0.3&labels=a,b,c,d"


def bars_readout(p: list[float], q: list[float]) -> list[str]:
    """The discrete explorer's readout: both divergences, H(P) and H(P,Q), in nats."""
    return [
        format_value(kl_core.kl_divergence(p, q), "nats"),
        format_value(kl_core.kl_divergence(q, p), "nats"),
        format_value(kl_core.entropy(p), "nats"),
        format_value(kl_core.cross_entropy(p, q), "nats"),
    ]


def _bars_after(query: dict[str, list[str]]) -> list[str]:
    p, q = ([float(v) for v in query[k][0].split(",")] for k in ("p", "q"))
    return bars_readout(p, q)


BARS = LiveCase(
    "discrete",
    BARS_QUERY,
    "Q(a)",
    "q",
    0.2,
    0.01,
    lambda value: [],  # a bar's readout depends on every bar: see `released`
    released=_bars_after,
    vertical=True,
    chart=False,
)


def jensen_readout(p, q) -> list[str]:
    """The proof page's readout: D(P‖Q), the Jensen gap and the support gap, in nats, of
    two probability vectors or two distributions."""
    proof = kl_core.jensen_proof(p, q)
    return [
        format_value(value, "nats")
        for value in (proof.divergence, proof.jensen_gap, proof.support_gap)
    ]


def _proof_after(query: dict[str, list[str]]) -> list[str]:
    p, q = ([float(v) for v in query[k][0].split(",")] for k in ("p", "q"))
    return jensen_readout(p, q)


# The proof page with every step shown: the points, their centre and both gaps are drawn.
PROOF = LiveCase(
    "proof",
    BARS_QUERY + "&step=all",
    "P(a)",
    "p",
    0.5,
    0.01,
    lambda value: [],  # as the bars: see `released`
    released=_proof_after,
    vertical=True,
)


SWEEP = LiveCase(
    "asymmetry",
    "P=norm(loc=0, scale=1)&Q=norm(loc=1, scale=2)",
    "Q's loc",
    "Q",
    0.0,
    1.0,
    lambda index: [],  # the handle walks the sweep's points: see `released`
    released=specs_after(ASYMMETRY_DEFAULTS),
)


# --- Chromium: opening a live view, and waiting for its release ------------------------


def query_of(page) -> dict[str, list[str]]:
    """The page's URL query, parsed."""
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def open_live(page, base: str, case: LiveCase) -> list:
    """Open `case`'s link on the server at `base`, wait for its live view (and its chart,
    unless its handles are bars), start recording (:data:`RECORD`) and return the list
    that collects every websocket frame the page sends. The handle's value in the URL
    once the page has settled is kept as ``page.settled`` (Streamlit leaves a field at
    its default out of the URL): a release must change it."""
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    page.goto(f"{base}/{case.path}?{case.query}")
    page.wait_for_selector(READY, timeout=60_000)
    page.locator(f"{READOUT} .kl-reading").first.wait_for(timeout=30_000)
    if case.chart:
        page.locator(".kl-chart .nsewdrag").first.wait_for(timeout=30_000)
    page.evaluate(RECORD)
    page.settled = query_of(page).get(case.name, [])
    return frames


def released_query(page, case: LiveCase) -> dict[str, list[str]]:
    """The URL's query once a release has replaced the settled value of the handle and
    kl_core's numbers are shown."""
    page.wait_for_function(
        """([readout, name, settled]) =>
          document.querySelector(readout).dataset.source === "kl_core" &&
          JSON.stringify(new URLSearchParams(location.search).getAll(name)) !==
            JSON.stringify(settled)""",
        arg=[READOUT, case.name, page.settled],
        timeout=30_000,
    )
    return query_of(page)
