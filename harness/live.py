"""The live views (kl_ui.live) as tests and benchmarks drive them: for each page, a link,
a handle to move (by its aria-label), and kl_core's readout for any value of it.

Chromium code shared by tests/e2e/test_live.py and bench/live.py is here too: the
readout's selector, and a script that records, for every input event, the readout's text
and the time from the event to the next painted frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import kl_core
from kl_ui.numbers import format_value

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


# /continuous's default specs (pages/continuous.py), which Streamlit leaves out of the URL
CONTINUOUS_DEFAULTS = {"P": "norm(loc=0, scale=1)", "Q": "t(df=3, loc=0, scale=1)"}


def continuous_after(query: dict[str, list[str]]) -> list[str]:
    """The continuous explorer's readout for the specs in a URL's `query`."""
    p, q = (query.get(k, [CONTINUOUS_DEFAULTS[k]])[0] for k in ("P", "Q"))
    return continuous_readout(p, q)


LIVE = {
    "home": LiveCase("", "coin=0.3", "Q(heads)", "coin", 0.3, 0.01, coin_readout),
    "continuous": LiveCase(
        "continuous",
        "P=norm(loc=0, scale=1)&Q=norm(loc=1, scale=2)",
        "P location",
        "P",
        0.0,
        0.1,
        lambda loc: continuous_readout(f"norm(loc={loc}, scale=1)", "norm(loc=1, scale=2)"),
        released=continuous_after,
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
)


# /asymmetry's default specs (pages/asymmetry.py), which Streamlit leaves out of the URL
ASYMMETRY_DEFAULTS = {"P": "norm(loc=0, scale=1)", "Q": "norm(loc=1, scale=2)"}


def _sweep_after(query: dict[str, list[str]]) -> list[str]:
    p, q = (query.get(k, [ASYMMETRY_DEFAULTS[k]])[0] for k in ("P", "Q"))
    return continuous_readout(p, q)


SWEEP = LiveCase(
    "asymmetry",
    "P=norm(loc=0, scale=1)&Q=norm(loc=1, scale=2)",
    "Q's loc",
    "Q",
    0.0,
    1.0,
    lambda index: [],  # the handle walks the sweep's points: see `released`
    released=_sweep_after,
)
