"""serve.py runs every page once at start (warming imports and caches): each of those
runs must succeed against the real server, and the list must cover every page."""

import pytest

import serve
from kl_ui.pages import PAGES

pytestmark = pytest.mark.e2e


def test_the_warm_start_covers_every_page():
    assert {spec.url_path for spec in PAGES} == set(serve.WARM_PAGES)


@pytest.mark.parametrize("page", serve.WARM_PAGES, ids=lambda p: p or "home")
def test_each_warm_start_run_finishes_successfully(server, page):
    address = server.removeprefix("http://")
    assert serve.run_page_once(address, page) == "FINISHED_SUCCESSFULLY"
