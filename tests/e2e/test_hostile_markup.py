"""Hostile text in a link, in a real Chromium: nothing leaves the machine, nothing is
drawn larger than the screen, no link appears where the user typed one."""

from urllib.parse import urlencode

import pytest

from harness.chromium import READY

pytestmark = pytest.mark.e2e

LINKS = [
    "/?" + urlencode({"units": "![](http://1.2.3.4/u.gif)"}),
    "/discrete?"
    + urlencode({"p": "0.5,0.5", "q": "0.9,0.1", "labels": r"$\rule{999em}{999em}$,b"}),
    "/discrete?"
    + urlencode({"p": "0.5,0.5", "q": "0.9,0.1", "labels": "<a href='http://x.io'>z,b"}),
    "/continuous?" + urlencode({"P": "![](http://1.2.3.4/v.gif)", "Q": r"$\rule{999em}{999em}$"}),
]

LARGEST = """() => {
  let widest = 0, tallest = 0;
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = el.getBoundingClientRect();
    widest = Math.max(widest, r.width);
    if (el.closest('.katex')) tallest = Math.max(tallest, r.height);
  }
  const links = [...document.querySelectorAll('[data-testid="stMain"] a')].map((a) => a.href)
    .filter((href) => !href.startsWith(location.origin));
  return {widest, tallest, links};
}"""


@pytest.mark.parametrize("link", LINKS, ids=range(len(LINKS)))
def test_hostile_text_stays_text(page, server, link):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + link)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(1000)  # let images, fonts and charts load, if any were asked for
    outside = [u for u in page.requests_seen if not u.startswith((server, "data:", "blob:"))]
    assert outside == []
    found = page.evaluate(LARGEST)
    assert found["widest"] <= 390 + 1, found
    assert found["tallest"] <= 844, found
    assert found["links"] == []
    assert page.locator('[data-testid="stException"]').count() == 0
