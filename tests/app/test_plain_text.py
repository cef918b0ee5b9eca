"""User text is never markup: what a link or a field carries is shown as typed.

Each payload would, if rendered, fetch an outside image, draw a page-sized KaTeX box,
or become a link. Every element that renders Markdown must show it escaped.
"""

import re

import pytest

from harness.apptest import charts_drawn, live_views
from tests.app.conftest import assert_healthy, first_load

PAYLOADS = {
    "image": "![](http://1.2.3.4/u.gif)",
    "katex": r"$\rule{999em}{999em}$",
    "html link": "<a href='http://x.io'>z",
    "autolink": "http://x.io/a",
}

# (page, URL key, how the payload is embedded in that key's value)
SITES = [
    ("pages/home.py", "units", "{}"),
    ("pages/continuous.py", "P", "{}"),
    ("pages/continuous.py", "Q", "norm({})"),
    ("pages/discrete.py", "p", "0.5,{}"),
    ("pages/discrete.py", "labels", "a,{}"),
    ("pages/samples.py", "n", "{}"),
    ("pages/mle.py", "P", "t(df={})"),
]
# Each payload as Markdown would read it: unescaped (no backslash before it).
RAW = [
    re.compile(r"(?<!\\)!\["),
    re.compile(r"(?<!\\)\$\\rule"),
    re.compile(r"(?<!\\)<a"),
    re.compile("http://"),
]


def _rendered(at) -> list[str]:
    blocks = (at.markdown, at.error, at.warning, at.info, at.caption, at.latex)
    return [element.value for block in blocks for element in block]


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
@pytest.mark.parametrize(
    ("script", "key", "shape"), SITES, ids=[f"{s[6:-3]}-{k}" for s, k, _ in SITES]
)
def test_echoed_values_are_escaped(script, key, shape, payload):
    query = {key: shape.format(PAYLOADS[payload])}
    if key == "labels":
        query["p"], query["q"] = "0.5,0.5", "0.9,0.1"
    at = first_load(script, **query)
    assert_healthy(at)
    for text in _rendered(at):
        for raw in RAW:
            assert not raw.search(text), (raw.pattern, text)


def test_labels_reach_plotly_as_text_not_tags():
    at = first_load("pages/discrete.py", p="0.5,0.5", q="0.9,0.2", labels="<b>x</b>,y")
    specs = charts_drawn(at)
    ticks = [x for spec in specs for trace in spec["data"] for x in trace.get("x", []) or []]
    assert "&lt;b&gt;x&lt;/b&gt;" in ticks  # P and Q not yet normalised: plotly's bars
    assert "<b>x</b>" not in ticks
    at = first_load("pages/discrete.py", p="0.5,0.5", q="0.9,0.1", labels="<b>x</b>,y")
    # The live bars get the label as data; explorer.js writes it with textContent, so it
    # stays text (tests/e2e/test_hostile_markup.py checks that in Chromium).
    (view,) = live_views(at)
    assert view["model"]["labels"] == ["<b>x</b>", "y"]
