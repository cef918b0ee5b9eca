"""The page shell asks for the live explorer's code at once (serving.preload): the
browser fetches each module early, once, and uses that copy; static files do not carry
the header; nginx passes it on in classroom mode."""

from __future__ import annotations

import re
import urllib.request

from kl_ui.live import MODULES, STYLESHEET

LINK = re.compile(r"<([^>]+)>; rel=(modulepreload|preload)")


def _links(url: str) -> list[tuple[str, str]]:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers.get_content_type() == "text/html"
        return LINK.findall(response.headers.get("Link", ""))


def test_the_shell_links_every_module_and_the_stylesheet_at_their_served_urls(server):
    links = _links(f"{server}/")
    names = [url.rsplit("/", 1)[1] for url, _ in links]
    assert sorted(names) == sorted([*MODULES, STYLESHEET])
    for url, rel in links:
        with urllib.request.urlopen(f"{server}{url}", timeout=30) as response:
            kind = "javascript" if rel == "modulepreload" else "css"
            assert kind in response.headers.get_content_type()
    assert _links(f"{server}/discrete?p=1,1") == links  # every page's shell: the same code


def test_static_files_do_not_carry_the_header(server):
    url = _links(f"{server}/")[0][0]
    with urllib.request.urlopen(f"{server}{url}", timeout=30) as response:
        assert response.headers.get("Link") is None


def test_the_browser_fetches_each_module_before_connecting_and_only_once(page, server):
    page.goto(f"{server}/")
    page.locator('[data-testid="kl-readout"] .kl-reading').first.wait_for(timeout=60_000)
    seen = page.requests_seen
    health = next(i for i, u in enumerate(seen) if u.endswith("/_stcore/health"))
    for name in [*MODULES, STYLESHEET]:
        fetched = [i for i, u in enumerate(seen) if u.endswith(f"/{name}")]
        assert len(fetched) == 1, (name, fetched)  # the preloaded copy is the one used
        assert fetched[0] < health, name  # with the shell, not after the page's elements


def test_nginx_passes_the_header_on(classroom):
    names = [url.rsplit("/", 1)[1] for url, _ in _links(f"{classroom}/")]
    assert sorted(names) == sorted([*MODULES, STYLESHEET])
