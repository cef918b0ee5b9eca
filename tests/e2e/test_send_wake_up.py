"""serving.streamlit_private.wake_sender_in_loop: a queued message asks for a send
without a cross-thread wake-up when it is already on the loop.

It replaces a method of Streamlit's Runtime. These tests check, on a small stand-in with
a real asyncio loop in its own thread, that a send is still asked for from the loop and
from any other thread, and that the name patched is the one Streamlit 1.67 calls (a
rename would otherwise switch the tuning off silently).
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from streamlit.runtime import runtime

from serving import streamlit_private

pytestmark = pytest.mark.e2e


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
