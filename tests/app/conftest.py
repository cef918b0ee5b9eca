"""AppTest helpers: run app.py first, then the page, with the URL seeded."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from harness.apptest import numbers_shown, open_page

ROOT = Path(__file__).resolve().parents[2]


def metrics(at: AppTest) -> dict[str, str]:
    """Every labelled number shown: metrics and the live views' readouts."""
    return numbers_shown(at)


def assert_healthy(at: AppTest) -> None:
    """No exception element and no last-resort error from app.py."""
    assert not at.exception, [e.value for e in at.exception]
    assert not any("Something went wrong" in e.value for e in at.error)


@pytest.fixture
def page():
    return open_page


def first_load(script: str, **query: str) -> AppTest:
    """Run the app as a browser's first load of ``/<page>?<query>``: the page is chosen
    before the first run (app.py's frame guard then reruns through app.py), so messages
    about the link, shown only on that first run, are visible."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / script))
    at.run()
    return at
