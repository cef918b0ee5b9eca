"""The classroom setup (classroom.py: replicas behind nginx) with real clients: sticky
routing by cookie, the websocket through the proxy, metrics denied, and a real Chromium
whose every request stays on one replica."""

import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import streamlit
from playwright.sync_api import expect
from scipy import stats

import kl_core
from harness.chromium import READY
from harness.stclient import Session
from kl_ui import live
from kl_ui.numbers import format_value
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e

STATIC = Path(streamlit.__file__).parent / "static" / "static"


def _get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), response.headers


def test_health_passes_through_and_metrics_are_denied(classroom):
    body, _ = _get(f"{classroom}/_stcore/health")
    assert body == b"ok"
    with pytest.raises(urllib.error.HTTPError) as denied:
        _get(f"{classroom}/_stcore/metrics")
    assert denied.value.code == 403


def test_a_browser_cookie_pins_one_replica_and_new_browsers_spread(classroom):
    _, headers = _get(f"{classroom}/_stcore/health")
    cookie = next(
        c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("kl_replica=")
    )
    first = headers["X-KL-Replica"]
    assert {_get(f"{classroom}/", cookie)[1]["X-KL-Replica"] for _ in range(8)} == {first}
    fresh = {_get(f"{classroom}/_stcore/health")[1]["X-KL-Replica"] for _ in range(40)}
    assert len(fresh) == 2, "forty new browsers all landed on one replica"


def test_forged_cookies_are_replaced_not_trusted(classroom):
    _, headers = _get(f"{classroom}/", "kl_replica=../../etc")
    assert "kl_replica=../../etc" not in " ".join(headers.get_all("Set-Cookie"))


def test_the_websocket_protocol_works_through_the_proxy(classroom):
    async def drive():
        session = Session(classroom.replace("http://", "ws://"), "")
        await session.open(timeout=60)
        await session.rerun({"home_coin": {"coin": 0.3}})
        before = session.numbers_shown()
        await session.rerun({"home_coin": {"coin": 0.6}})
        after = session.numbers_shown()
        await session.close()
        return before, after, session.exceptions

    before, after, exceptions = run_async(drive())
    assert exceptions == 0
    assert before
    assert before != after


def test_a_real_browser_works_through_the_proxy_on_one_replica(browser, classroom):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    replicas = set()
    page.on("response", lambda r: replicas.add(r.headers.get("x-kl-replica")))
    page.goto(f"{classroom}/continuous?P=norm(loc=0,scale=1)&Q=cauchy(loc=0,scale=1)")
    page.wait_for_selector(READY, timeout=60_000)
    readout = page.locator('[data-testid="kl-readout"] .kl-reading:has-text("D(P‖Q)")')
    expect(readout).to_contain_text("0.2592 nats", timeout=30_000)
    handle = page.get_by_role("slider", name="P location")  # the live view's
    handle.focus()
    handle.press("ArrowRight")
    expect(readout).not_to_contain_text("0.2592 nats", timeout=30_000)
    # The release goes through the proxy too: kl_core's number for the new P comes back.
    exact = format_value(kl_core.kl(stats.norm(0.1, 1), stats.cauchy(0, 1)), "nats")
    expect(readout).to_contain_text(exact, timeout=30_000)
    expect(page.locator('[data-testid="kl-readout"]')).to_have_attribute("data-source", "kl_core")
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()
    replicas.discard(None)
    assert len(replicas) == 1, replicas


def _static_file(classroom) -> str:
    """The URL path of the frontend's main bundle, as the page shell names it."""
    shell, _ = _get(f"{classroom}/")
    return re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', shell).group(1).decode()


def test_the_frontend_files_are_sent_compressed_and_unchanged(classroom):
    path = _static_file(classroom)
    plain, plain_headers = _get(f"{classroom}/{path}")
    request = urllib.request.Request(f"{classroom}/{path}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        packed, headers = response.read(), response.headers
    assert headers["Content-Encoding"] == "gzip"
    assert plain_headers.get("Content-Encoding") is None  # only to browsers that ask
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 2
    assert plain == (STATIC / path.removeprefix("static/")).read_bytes()


def test_the_frontend_files_are_cached_by_nginx_not_refetched(classroom):
    path = _static_file(classroom)
    statuses = [_get(f"{classroom}/{path}")[1]["X-KL-Cache"] for _ in range(3)]
    assert statuses[-1] == "HIT"
    assert set(statuses) <= {"MISS", "HIT"}
    _, headers = _get(f"{classroom}/_stcore/health")
    assert headers.get("X-KL-Cache") is None  # nothing else is cached


@pytest.mark.parametrize("name", ["explorer.js", "klmath.js", live.PLOTLY])
def test_the_live_explorer_files_are_compressed_and_cached(classroom, name):
    url = f"{classroom}{live.assets_url()}{name}"
    plain, _ = _get(url)
    assert plain == (live.WEB / name).read_bytes()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        packed, headers = response.read(), response.headers
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 2
    statuses = [_get(url)[1]["X-KL-Cache"] for _ in range(3)]
    assert statuses[-1] == "HIT"
