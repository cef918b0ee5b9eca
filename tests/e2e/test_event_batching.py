"""serving.streamlit_private: coalesce_script_events and wake_sender_in_loop: fewer
wake-ups, same events.

Both replace a method of a Streamlit class. These tests check, on small stand-ins with a
real asyncio loop in its own thread, that every event still reaches the loop thread once,
in the order the script thread sent it, with its details; that a whole run's deltas cost a
handful of wake-ups instead of one each; and that the names patched are the ones
Streamlit 1.67 calls (a rename would otherwise switch the tuning off silently).
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import time

import pytest
from streamlit.runtime import app_session, runtime
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from serving import streamlit_private

pytestmark = pytest.mark.e2e

DELTA = ScriptRunnerEvent.ENQUEUE_FORWARD_MSG


class CountingLoop:
    """A real event loop in a thread, counting the cross-thread wake-ups it is sent."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.wakeups = 0
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        real = self.loop.call_soon_threadsafe

        def counted(*args, **kwargs):
            self.wakeups += 1
            return real(*args, **kwargs)

        self.loop.call_soon_threadsafe = counted

    def close(self):
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def session_class():
    """A fresh stand-in for AppSession with Streamlit's own hand-over, then coalesced."""

    class Session:
        def __init__(self, loop):
            self._event_loop = loop
            self.handled = []

        def _on_scriptrunner_event(self, sender, event, forward_msg=None, **details):
            self._event_loop.call_soon_threadsafe(
                lambda: self._handle_scriptrunner_event_on_event_loop(
                    sender, event, forward_msg, **details
                )
            )

        def _handle_scriptrunner_event_on_event_loop(
            self, sender, event, forward_msg=None, **details
        ):
            self.handled.append((event, forward_msg, details, threading.get_ident()))

    streamlit_private.coalesce_script_events(Session)
    return Session


@pytest.fixture
def counting_loop():
    loop = CountingLoop()
    yield loop
    loop.close()


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the events never reached the loop"
        time.sleep(0.001)


def a_script_run(session, deltas=30):
    """What a script thread sends for one run: started, its deltas, finished."""
    sent = [(ScriptRunnerEvent.SCRIPT_STARTED, None, {"page_script_hash": "h"})]
    sent += [(DELTA, f"delta {i}", {}) for i in range(deltas)]
    sent += [(ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS, None, {"run_descriptor": "r"})]
    for event, message, details in sent:
        session._on_scriptrunner_event("runner", event, message, **details)
    return sent


def test_a_run_arrives_complete_in_order_on_the_loop_thread(counting_loop):
    session = session_class()(counting_loop.loop)
    sent = []
    worker = threading.Thread(target=lambda: sent.extend(a_script_run(session)))
    worker.start()
    worker.join()
    wait_for(lambda: len(session.handled) == len(sent))
    assert [(e, m, d) for e, m, d, _ in session.handled] == sent
    assert {thread for *_, thread in session.handled} == {counting_loop.thread.ident}


def test_a_run_costs_a_few_wake_ups_not_one_per_delta(counting_loop):
    session = session_class()(counting_loop.loop)
    worker = threading.Thread(target=a_script_run, args=(session, 30))
    worker.start()
    worker.join()
    wait_for(lambda: len(session.handled) == 32)
    # Streamlit's own path: 32 wake-ups. Coalesced: one for the start, one for the
    # batch of deltas, one for the finish (a slow machine may split the batch).
    assert counting_loop.wakeups <= 5


def test_a_lone_delta_is_delivered_without_a_following_event(counting_loop):
    """A script that draws one element and then computes for long still shows it."""
    session = session_class()(counting_loop.loop)
    session._on_scriptrunner_event("runner", DELTA, "only")
    wait_for(lambda: len(session.handled) == 1, timeout=1.0)
    assert session.handled[0][1] == "only"


def test_a_finish_is_handed_over_at_once_after_the_deltas_before_it(counting_loop):
    """The finish does not wait out the batching delay, and never overtakes a delta."""
    session = session_class()(counting_loop.loop)
    serve_delay = streamlit_private.COALESCE_SECS
    session._on_scriptrunner_event("runner", DELTA, "last element")
    started = time.monotonic()
    session._on_scriptrunner_event("runner", ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)
    wait_for(lambda: len(session.handled) == 2)
    assert time.monotonic() - started < serve_delay + 0.5
    assert [event for event, *_ in session.handled] == [
        DELTA,
        ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS,
    ]


class HandDrivenLoop:
    """A loop whose scheduled callbacks the test runs itself, in any order it likes."""

    def __init__(self):
        self.waiting = []

    def call_soon_threadsafe(self, callback, *args):
        self.waiting.append(lambda: callback(*args))

    def call_later(self, delay, callback):
        self.waiting.append(callback)

    def is_closed(self):
        return False

    def run(self, index):
        self.waiting.pop(index)()


def _two_runs_with_a_stale_batch_wake_up(order):
    """Run A ends while its batch's delayed wake-up still waits; then run B starts.
    `order` picks which waiting wake-up runs next, once B has been sent."""
    session = session_class()(HandDrivenLoop())
    loop = session._event_loop
    sent = []

    def send(event, message=None, **details):
        sent.append((event, message, details))
        session._on_scriptrunner_event("runner", event, message, **details)

    send(ScriptRunnerEvent.SCRIPT_STARTED, page_script_hash="a")
    send(DELTA, "a: first element")
    send(ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS, run_descriptor="a")
    while loop.waiting:  # run A is handed over; only its batch timer (a drain) waits
        loop.run(0)
        if all(callback.__name__ == "drain" for callback in loop.waiting):
            break
    send(ScriptRunnerEvent.SCRIPT_STARTED, page_script_hash="b")
    send(DELTA, "b: first element")
    send(DELTA, "b: second element")
    send(ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS, run_descriptor="b")
    for pick in order:
        if loop.waiting:
            loop.run(min(pick, len(loop.waiting) - 1))
    while loop.waiting:
        loop.run(0)
    return sent, [(e, m, d) for e, m, d, _ in session.handled]


@pytest.mark.parametrize("order", [(0, 0, 0, 0), (1, 0, 0, 0), (2, 1, 0, 0), (3, 2, 1, 0)])
def test_a_stale_batch_wake_up_never_runs_a_start_after_its_own_deltas(order):
    """Regression: a wake-up left over from run A's deltas fired before run B's start
    was handled and delivered B's first deltas; the start then cleared them from the
    browser queue, and the browser never saw the top of the rerun."""
    sent, handled = _two_runs_with_a_stale_batch_wake_up(order)
    assert handled == sent


def test_events_after_the_loop_closed_are_dropped(counting_loop):
    session = session_class()(counting_loop.loop)
    counting_loop.close()
    session._on_scriptrunner_event("runner", DELTA, "late")  # no exception, as in Streamlit
    session._on_scriptrunner_event("runner", ScriptRunnerEvent.SHUTDOWN)


def test_coalescing_twice_wraps_once():
    cls = session_class()
    first = cls._on_scriptrunner_event
    streamlit_private.coalesce_script_events(cls)
    assert cls._on_scriptrunner_event is first


def test_streamlit_hands_script_events_over_through_the_patched_names():
    """AppSession connects _on_scriptrunner_event and handles events with the signature
    the patch calls; ScriptRunner sends deltas as ENQUEUE_FORWARD_MSG."""
    assert "_on_scriptrunner_event" in app_session.AppSession._create_scriptrunner.__code__.co_names
    handler = inspect.signature(app_session.AppSession._handle_scriptrunner_event_on_event_loop)
    assert list(handler.parameters)[:4] == ["self", "sender", "event", "forward_msg"]
    streamlit_private.tune_runtime()
    assert getattr(app_session.AppSession._on_scriptrunner_event, "coalesced", False)


class StandInRuntime:
    """The two attributes of Streamlit's Runtime that _enqueued_some_message uses."""

    def __init__(self, loop):
        self.objs = type("AsyncObjects", (), {})()
        self.objs.eventloop = loop
        self.objs.need_send_data = None

    def _get_async_objs(self):
        return self.objs

    def _enqueued_some_message(self):  # Streamlit 1.67's body
        objs = self._get_async_objs()
        objs.eventloop.call_soon_threadsafe(objs.need_send_data.set)


@pytest.fixture
def runtime_stand_in(counting_loop):
    cls = type("Runtime", (StandInRuntime,), {})
    streamlit_private.wake_sender_in_loop(cls)
    stand_in = cls(counting_loop.loop)
    asyncio.run_coroutine_threadsafe(_make_event(stand_in), counting_loop.loop).result(5)
    counting_loop.wakeups = 0
    return stand_in


async def _make_event(stand_in):
    stand_in.objs.need_send_data = asyncio.Event()


def test_on_the_loop_a_message_asks_for_a_send_without_a_wake_up(counting_loop, runtime_stand_in):
    async def enqueue_three():
        for _ in range(3):
            runtime_stand_in._enqueued_some_message()
        await asyncio.sleep(0)
        return runtime_stand_in.objs.need_send_data.is_set()

    assert asyncio.run_coroutine_threadsafe(enqueue_three(), counting_loop.loop).result(5)
    assert counting_loop.wakeups == 1  # run_coroutine_threadsafe's own; none from the three


def test_from_another_thread_a_message_still_wakes_the_loop(counting_loop, runtime_stand_in):
    runtime_stand_in._enqueued_some_message()  # this test's thread is not the loop's
    wait_for(runtime_stand_in.objs.need_send_data.is_set)
    assert counting_loop.wakeups == 1


def test_the_runtime_passes_the_patched_method_to_every_session():
    assert "_enqueued_some_message" in runtime.Runtime.__init__.__code__.co_names
    streamlit_private.tune_runtime()
    assert getattr(runtime.Runtime._enqueued_some_message, "in_loop", False)
