"""What one browser may ask of a replica: serve.py puts this in front of Streamlit's app.

One websocket can otherwise starve every other session on its replica: 5,000 rerun
frames sent in 70 ms froze the others for 12 s, because Streamlit handles each frame on
the event loop and restarts the script for each. Here, per websocket:

* reruns are **coalesced**: a rerun still waiting to be handed over is replaced by a
  newer one that covers it (a full rerun covers every waiting rerun, a fragment rerun
  the waiting reruns of the same fragment). Button clicks (trigger values) of a
  replaced rerun are carried into the newer one, so no click is lost;
* reruns are **rate limited** by a token bucket (:data:`RERUNS_PER_SECOND`, bursts of
  :data:`RERUN_BURST`): far above what a hand produces, so a person never waits, while a
  flood waits on its own connection and is coalesced meanwhile;
* at most :data:`MAX_WAITING` messages wait; a client that queues more is disconnected.

Across websockets:

* a websocket from a **foreign origin** is refused here, before Streamlit's own check,
  which would look up this machine's external IP on an outside host, on the event loop,
  for every such connection (and again after every failed lookup);
* when sessions end, a **full garbage collection** runs (at most every
  :data:`GC_MIN_INTERVAL_SECS`): memory held in reference cycles by closed sessions is
  freed without waiting for the collector's own thresholds (serve.py turns off
  Streamlit's collection after every run; it cost each rerun milliseconds).

Messages larger than :data:`MAX_MESSAGE_BYTES` are refused by uvicorn itself
(``ws_max_size``, set by serve.py), before they are read into memory.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections import deque
from urllib.parse import urlsplit

MAX_MESSAGE_BYTES = 1 << 20  # a browser's messages are a few KB
RERUNS_PER_SECOND = 30.0
RERUN_BURST = 60
MAX_WAITING = 256  # messages read from a websocket and not yet handed to Streamlit
GC_MIN_INTERVAL_SECS = 10.0
GC_DELAY_SECS = 2.0  # after a session ends, so that a burst of departures costs one
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})
TRIGGERS = frozenset({"trigger_value", "string_trigger_value", "json_trigger_value"})
POLICY_VIOLATION = 1008


def origin_allowed(headers: dict[str, str], cors_origins, cors_enabled: bool = True) -> bool:
    """True if a websocket with these request headers may connect.

    Same-origin, local and configured origins pass (as Streamlit allows them); any
    other origin is refused without asking the network what this machine's address is.

    Examples
    --------
    >>> origin_allowed({"host": "10.0.0.5:8501", "origin": "http://10.0.0.5:8501"}, [])
    True
    >>> origin_allowed({"host": "10.0.0.5:8501", "origin": "https://evil.example"}, [])
    False
    >>> origin_allowed({"host": "a:1", "origin": "https://evil.example"}, ["https://evil.example"])
    True
    """
    origin = headers.get("origin")
    if origin is None or not cors_enabled:
        return True
    parts = urlsplit(origin)
    if parts.netloc == headers.get("host"):
        return True
    if (parts.hostname or "") in LOCAL_HOSTS:
        return True
    return origin in set(cors_origins or ())


class TokenBucket:
    """`rate` tokens per second, at most `burst` saved up."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.last = float(burst), clock()

    def wait(self) -> float:
        """Seconds until a token is available (0 if one is)."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


def _rerun_of(message: dict):
    """The BackMsg of a websocket message if it asks for a rerun, else None."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    data = message.get("bytes") if message.get("type") == "websocket.receive" else None
    if not data:
        return None
    back = BackMsg()
    try:
        back.ParseFromString(data)
    except Exception:  # not ours to judge: Streamlit answers a bad message itself
        return None
    return back if back.WhichOneof("type") == "rerun_script" else None


def _carry_triggers(old, new) -> None:
    """Copy the clicks (trigger values) of rerun `old` that rerun `new` lacks into it."""
    fired = {
        state.id
        for state in new.rerun_script.widget_states.widgets
        if state.WhichOneof("value") in TRIGGERS and getattr(state, state.WhichOneof("value"))
    }
    for state in old.rerun_script.widget_states.widgets:
        kind = state.WhichOneof("value")
        if kind in TRIGGERS and getattr(state, kind) and state.id not in fired:
            kept = [s for s in new.rerun_script.widget_states.widgets if s.id != state.id]
            del new.rerun_script.widget_states.widgets[:]
            new.rerun_script.widget_states.widgets.extend([*kept, state])


class Inbox:
    """A websocket's incoming messages, read ahead, coalesced and paced (see the module)."""

    def __init__(self, receive, bucket: TokenBucket):
        self._receive, self._bucket = receive, bucket
        self._waiting: deque[list] = deque()  # [message, rerun BackMsg or None]
        self._arrived = asyncio.Event()
        self._reader: asyncio.Task | None = None
        self.coalesced = 0

    async def receive(self) -> dict:
        """The next message for Streamlit (what ASGI's `receive` returns)."""
        if self._reader is None:
            self._reader = asyncio.ensure_future(self._read())
        while True:
            if not self._waiting:
                self._arrived.clear()
                await self._arrived.wait()
                continue
            message, rerun = self._waiting[0]
            if rerun is not None:
                delay = self._bucket.wait()
                if delay > 0:
                    await asyncio.sleep(delay)
                    continue  # the head may have been replaced by a newer rerun meanwhile
                self._bucket.take()
            self._waiting.popleft()
            return message

    async def _read(self) -> None:
        while True:
            if self._add(await self._receive()) == "websocket.disconnect":
                return  # the client left, or is sent away for queueing too much

    def _add(self, message: dict) -> str:
        """Queue `message` (replacing the reruns it covers); the type of what was queued."""
        rerun = _rerun_of(message)
        if rerun is not None:
            fragment = rerun.rerun_script.fragment_id
            covered = [
                item
                for item in self._waiting
                if item[1] is not None
                and (not fragment or item[1].rerun_script.fragment_id == fragment)
            ]
            for item in covered:
                _carry_triggers(item[1], rerun)
                self._waiting.remove(item)
            self.coalesced += len(covered)
            if covered:
                message = {**message, "bytes": rerun.SerializeToString()}
        if len(self._waiting) >= MAX_WAITING:
            message, rerun = {"type": "websocket.disconnect", "code": POLICY_VIOLATION}, None
            self._waiting.clear()
        self._waiting.append([message, rerun])
        self._arrived.set()
        return message["type"]

    def close(self) -> None:
        if self._reader is not None and not self._reader.done():
            self._reader.cancel()


class Collector:
    """A full garbage collection soon after sessions end, at most every so often."""

    def __init__(self, min_interval: float = GC_MIN_INTERVAL_SECS, delay: float = GC_DELAY_SECS):
        self.min_interval, self.delay = min_interval, delay
        self.last = -float("inf")
        self.scheduled = False
        self.runs = 0

    def session_ended(self) -> None:
        if self.scheduled:
            return
        self.scheduled = True
        wait = max(self.delay, self.last + self.min_interval - time.monotonic())
        asyncio.get_running_loop().call_later(wait, self._collect)

    def _collect(self) -> None:
        self.scheduled = False
        self.last = time.monotonic()
        self.runs += 1
        gc.collect()


class Guard:
    """ASGI middleware around Streamlit's app: see the module docstring."""

    def __init__(self, app, rate: float = RERUNS_PER_SECOND, burst: int = RERUN_BURST):
        self.app, self.rate, self.burst = app, rate, burst
        self.collector = Collector()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        import streamlit as st

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not origin_allowed(
            headers, st.get_option("server.corsAllowedOrigins"), st.get_option("server.enableCORS")
        ):
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": POLICY_VIOLATION})
            return
        inbox = Inbox(receive, TokenBucket(self.rate, self.burst))
        try:
            await self.app(scope, inbox.receive, send)
        finally:
            inbox.close()
            self.collector.session_ended()
