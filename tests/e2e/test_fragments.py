"""Each page's main control reruns only its fragment (not app.py and the whole page),
over the real websocket protocol against the real server, and still updates the numbers."""

import pytest

from harness.server import PAGES
from harness.stclient import Session
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e


async def _drive(base: str, page: str) -> tuple[list[str], list[str], str, str]:
    query, key, (a, b, _) = PAGES[page].query, PAGES[page].key, PAGES[page].values
    session = Session(base, page, query)
    await session.open(timeout=120)
    first_status = session.last_status
    await session.rerun({key: a}, timeout=120)
    before = session.numbers_shown()
    await session.rerun({key: b}, timeout=120)
    after = session.numbers_shown()
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


async def _drawn_widget_keys(base: str, page: str, changes: list[dict]) -> list[set[str]]:
    """The keys of the widgets each rerun in `changes` drew again, and the metrics shown."""
    query = PAGES[page].query
    session = Session(base, page, query)
    await session.open(timeout=120)
    drawn = []
    for change in changes:
        await session.rerun(change, timeout=120)
        keys = set()
        for element in session.last_elements:
            widget_id = getattr(getattr(element, element.WhichOneof("type")), "id", "")
            if widget_id and "-" in widget_id:
                keys.add(widget_id.rsplit("-", 1)[-1])
        drawn.append((keys, session.numbers_shown(), session.last_status))
    await session.close()
    assert session.exceptions == 0, session.exception_texts
    return drawn


# page -> (a control below the pickers, two values; one of P's controls, two values)
NESTED = {
    "samples": ("k", 1.0, 3.0, "P_norm_loc", [0.0], [1.0]),
    "samples ": ("n", ["1000"], ["2000"], "P_norm_loc", [0.0], [1.0]),
    "mle": ("seed", 1.0, 2.0, "P", "norm(loc=0, scale=1)", "t(df=4, loc=0, scale=1)"),
}


@pytest.mark.parametrize("page", list(NESTED))
def test_controls_below_the_pickers_rerun_without_redrawing_them(server, page):
    """On /samples and /mle the main control sits in a fragment inside the explorer's:
    it redraws only what depends on it, and a picker still updates everything."""
    base = server.replace("http://", "ws://")
    inner, a, b, outer, x, y = NESTED[page]
    page = page.strip()  # "samples " is the same page with another control
    drawn = run_async(
        _drawn_widget_keys(base, page, [{inner: a}, {inner: b}, {outer: x}, {outer: y}])
    )
    (_, metrics_a, status_a), (keys_b, metrics_b, _) = drawn[:2]
    assert status_a == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"
    assert inner in keys_b
    assert not {"P", outer} & keys_b
    assert metrics_a != metrics_b
    (_, metrics_x, _), (keys_y, metrics_y, _) = drawn[2:]
    assert {"P", outer, inner} <= keys_y  # the outer fragment redraws the inner one too
    assert metrics_x != metrics_y
