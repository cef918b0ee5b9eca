"""Hostile links against the real tuned server over the websocket protocol: every page,
all of its URL parameters set to each hostile value at once. No exception element may
reach the client, the page must still answer its main control, and the server must stay
healthy throughout."""

import urllib.parse
import urllib.request

import pytest

from harness.stclient import Session
from kl_ui.pages import PAGES
from tests.app.test_hostile_links import HOSTILE, PARAMETERS
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e

# main control by page script: its key and a valid value, as the browser sends it
CONTROL = {spec.script: (spec.control.key, spec.control.values[0]) for spec in PAGES}


async def _visit(base: str, path: str, query: str, key: str, value) -> int:
    session = Session(base, path, query)
    try:
        await session.open(timeout=60)
        assert key in session.widgets, f"the main control {key!r} is missing"
        await session.rerun({key: value}, timeout=60)
        return session.exceptions
    finally:
        await session.close()


@pytest.mark.parametrize("script", list(PARAMETERS))
def test_every_hostile_value_on_the_real_server(server, script):
    path = script.removeprefix("pages/").removesuffix(".py").replace("home", "")
    key, value = CONTROL[script]
    base = server.replace("http://", "ws://")
    for name, hostile in HOSTILE.items():
        query = urllib.parse.urlencode(dict.fromkeys(PARAMETERS[script], hostile))
        exceptions = run_async(_visit(base, path, query, key, value))
        assert exceptions == 0, f"{script} with every parameter = {name}"
        with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as response:
            assert response.read() == b"ok"
