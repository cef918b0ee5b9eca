"""guard.Inbox, TokenBucket and origin_allowed on hand-made websocket messages: reruns
are coalesced without losing a click, paced, and bounded; foreign origins refused."""

from __future__ import annotations

import asyncio

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from serving import guard
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e


def rerun(value: float, fragment: str = "", click: str | None = None) -> dict:
    msg = BackMsg()
    msg.rerun_script.fragment_id = fragment
    state = msg.rerun_script.widget_states.widgets.add()
    state.id, state.double_value = "slider-x", value
    if click:
        button = msg.rerun_script.widget_states.widgets.add()
        button.id, button.trigger_value = click, True
    return {"type": "websocket.receive", "bytes": msg.SerializeToString()}


def parsed(message: dict) -> BackMsg:
    msg = BackMsg()
    msg.ParseFromString(message["bytes"])
    return msg


def value_of(message: dict) -> float:
    return next(s.double_value for s in parsed(message).rerun_script.widget_states.widgets)


def clicks_of(message: dict) -> set[str]:
    return {s.id for s in parsed(message).rerun_script.widget_states.widgets if s.trigger_value}


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


async def delivered(messages: list[dict], bucket: guard.TokenBucket) -> list[dict]:
    """What Streamlit would receive when `messages` all arrived before it read any."""
    incoming = asyncio.Queue()
    for message in [{"type": "websocket.connect"}, *messages]:
        incoming.put_nowait(message)
    incoming.put_nowait({"type": "websocket.disconnect", "code": 1000})
    inbox = guard.Inbox(incoming.get, bucket)
    out = [await inbox.receive()]
    await asyncio.sleep(0)  # the reader task reads everything that has arrived
    for _ in range(10):
        await asyncio.sleep(0)
    while out[-1]["type"] != "websocket.disconnect":
        out.append(await inbox.receive())
    inbox.close()
    return out[1:-1]


def test_a_flood_of_reruns_reaches_streamlit_as_the_latest_one():
    flood = [rerun(float(i)) for i in range(5_000)]
    out = run_async(delivered(flood, guard.TokenBucket(rate=1e9, burst=1)))
    assert [value_of(m) for m in out] == [4999.0]


def test_a_click_in_a_replaced_rerun_is_carried_into_the_newer_one():
    out = run_async(
        delivered(
            [rerun(1.0, click="button-next"), rerun(2.0)], guard.TokenBucket(rate=1e9, burst=1)
        )
    )
    (only,) = out
    assert value_of(only) == 2.0
    assert clicks_of(only) == {"button-next"}


def test_a_fragment_rerun_replaces_only_reruns_of_the_same_fragment():
    messages = [rerun(1.0), rerun(2.0, "inner"), rerun(3.0, "outer"), rerun(4.0, "inner")]
    out = run_async(delivered(messages, guard.TokenBucket(rate=1e9, burst=1)))
    assert [(value_of(m), parsed(m).rerun_script.fragment_id) for m in out] == [
        (1.0, ""),
        (3.0, "outer"),
        (4.0, "inner"),
    ]


def test_other_messages_pass_in_order_and_unchanged():
    heartbeat = BackMsg()
    heartbeat.app_heartbeat = True
    beat = {"type": "websocket.receive", "bytes": heartbeat.SerializeToString()}
    text = {"type": "websocket.receive", "text": "not a protobuf"}
    out = run_async(delivered([beat, text, rerun(1.0)], guard.TokenBucket(1e9, 1)))
    assert out[:2] == [beat, text]
    assert value_of(out[2]) == 1.0


def test_reruns_within_the_burst_are_not_delayed_and_a_flood_is_paced():
    clock = Clock()
    bucket = guard.TokenBucket(rate=30.0, burst=60, clock=clock)
    for _ in range(60):
        assert bucket.wait() == 0.0
        bucket.take()
    assert bucket.wait() == pytest.approx(1 / 30)
    clock.now += 1.0
    assert bucket.wait() == 0.0  # refilled at 30 per second


def test_a_client_that_queues_too_much_is_disconnected():
    async def run():
        incoming = asyncio.Queue()
        incoming.put_nowait({"type": "websocket.connect"})
        text = {"type": "websocket.receive", "text": "x"}
        for _ in range(guard.MAX_WAITING + 10):
            incoming.put_nowait(text)
        inbox = guard.Inbox(incoming.get, guard.TokenBucket(1e9, 1))
        out = [await inbox.receive()]
        while not out or out[-1]["type"] != "websocket.disconnect":
            out.append(await inbox.receive())
        inbox.close()
        return out

    out = run_async(run())
    assert len(out) < guard.MAX_WAITING + 10
    assert out[-1] == {"type": "websocket.disconnect", "code": guard.POLICY_VIOLATION}


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("http://192.168.1.5:8501", True),  # same origin as the Host header
        ("http://localhost:3000", True),
        ("http://127.0.0.1:9999", True),
        ("https://evil.example", False),
        ("http://192.168.1.6:8501", False),
        ("null", False),
    ],
)
def test_foreign_origins_are_refused_without_asking_the_network(origin, allowed):
    headers = {"host": "192.168.1.5:8501", **({"origin": origin} if origin else {})}
    assert guard.origin_allowed(headers, cors_origins=[]) is allowed
