"""Each page's main control reruns only its fragment (not app.py and the whole page),
over the real websocket protocol against the real server, and still updates the numbers."""

import pytest

from bench.serve import PAGES
from bench.stclient import Session
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e


async def _drive(base: str, page: str) -> tuple[list[str], list[str], str, str]:
    query, key, a, b = PAGES[page]
    session = Session(base, page, query)
    await session.open(timeout=120)
    first_status = session.last_status
    await session.rerun({key: a}, timeout=120)
    before = session.metric_values()
    await session.rerun({key: b}, timeout=120)
    after = session.metric_values()
    status = session.last_status
    await session.close()
    assert session.exceptions == 0, session.exception_texts
    return before, after, first_status, status


@pytest.mark.parametrize("page", list(PAGES), ids=lambda p: p or "home")
def test_main_control_reruns_only_its_fragment_and_changes_the_numbers(server, page):
    base = server.replace("http://", "ws://")
    before, after, first_status, status = run_async(_drive(base, page))
    assert first_status == "FINISHED_SUCCESSFULLY"  # opening a page runs all of it
    assert status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"
    assert before, "the fragment shows its metrics again"
    assert before != after, "moving the main control changes a number"
