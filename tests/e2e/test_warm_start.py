"""warmup.py runs every page once at start (warming imports and caches): each of those
runs must succeed against the real server, and the list must cover every page."""

import inspect
import time

import pytest

from kl_ui.pages import PAGES
from serving import warmup

pytestmark = pytest.mark.e2e


def test_the_warm_start_runs_home_first_and_every_page_once():
    assert warmup.WARM_PAGES[0] == ""  # what a teacher opens first
    assert sorted(warmup.WARM_PAGES) == sorted(spec.url_path for spec in PAGES)


@pytest.mark.parametrize("page", warmup.WARM_PAGES, ids=lambda p: p or "home")
def test_each_warm_start_run_finishes_successfully(server, page):
    address = server.removeprefix("http://")
    assert warmup.run_page_once(address, page) == "FINISHED_SUCCESSFULLY"


# The warm-up yields to real visitors (warmup.wait_until_quiet and warmup.sessions_running).


def busy_for(calls: int):
    """A stand-in for sessions_running: one running session for the first `calls` polls."""
    polls = []

    def running() -> int:
        polls.append(time.monotonic())
        return 1 if len(polls) <= calls else 0

    return running, polls


def test_the_warm_up_waits_for_a_quiet_moment_after_the_last_run():
    running, polls = busy_for(5)
    start = time.monotonic()
    assert warmup.wait_until_quiet(quiet=0.05, timeout=5, poll=0.005, running=running)
    last_busy = polls[4]
    assert time.monotonic() - last_busy >= 0.05
    assert time.monotonic() - start < 2


def test_the_warm_up_gives_up_on_a_server_that_never_goes_quiet():
    start = time.monotonic()
    assert not warmup.wait_until_quiet(quiet=0.05, timeout=0.2, poll=0.005, running=lambda: 1)
    assert 0.2 <= time.monotonic() - start < 2


def test_warm_pages_asks_before_each_page_and_stops_when_told(monkeypatch):
    ran, answers = [], iter([True, True, False, True])
    monkeypatch.setattr(warmup, "wait_healthy", lambda address: None)
    monkeypatch.setattr(warmup, "run_page_once", lambda address, page: ran.append(page))
    warmup.warm_pages("0.0.0.0", 8501, wait=lambda: next(answers))
    assert ran == list(warmup.WARM_PAGES[:2])


class FakeInfo:
    def __init__(self, state):
        self.session = type("Session", (), {"_state": state})()


def test_sessions_running_counts_the_sessions_whose_script_runs(monkeypatch):
    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSessionState

    infos = [FakeInfo(AppSessionState.APP_IS_RUNNING), FakeInfo(AppSessionState.APP_NOT_RUNNING)]
    infos.append(FakeInfo(AppSessionState.APP_IS_RUNNING))
    manager = type("Manager", (), {"list_active_sessions": lambda self: infos})()
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    monkeypatch.setattr(
        Runtime, "instance", classmethod(lambda cls: type("R", (), {"_session_mgr": manager})())
    )
    assert warmup.sessions_running() == 2
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: False))
    assert warmup.sessions_running() == 0


def test_the_runtime_names_sessions_running_relies_on_exist():
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime
    from streamlit.runtime.session_manager import SessionInfo

    assert "self._session_mgr" in inspect.getsource(Runtime.__init__)
    assert "self._state = AppSessionState.APP_IS_RUNNING" in inspect.getsource(AppSession)
    assert "session" in SessionInfo.__dataclass_fields__


def test_after_the_pages_the_warm_up_builds_every_mixture_family_in_quiet_moments(monkeypatch):
    from kl_core import distributions

    monkeypatch.setattr(warmup, "wait_healthy", lambda address: None)
    monkeypatch.setattr(warmup, "run_page_once", lambda address, page: "FINISHED_SUCCESSFULLY")
    built = []
    monkeypatch.setattr(distributions, "prepare_mixture_family", built.append)
    asked = []
    warmup.warm_pages("127.0.0.1", 8501, wait=lambda: asked.append(1) or True)
    assert built == list(distributions.CONTINUOUS_FAMILIES)
    assert len(asked) == len(warmup.WARM_PAGES) + len(built)  # a quiet moment before each
