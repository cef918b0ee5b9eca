"""One client cannot starve the others or make the server reach outside (issue 16 §4),
against the real server (serve.py) over the real websocket protocol."""

from __future__ import annotations

import asyncio
import socket
import sys
import threading

import pytest
import websockets

from bench import flood
from harness.server import PAGES, free_port
from harness.stclient import Session
from serving.guard import MAX_MESSAGE_BYTES
from tests.e2e.conftest import _serve, run_async

pytestmark = pytest.mark.e2e


def test_a_flood_from_one_websocket_leaves_another_students_round_trips_fast(server):
    base = server.replace("http://", "ws://")

    async def measure():
        started = asyncio.Event()
        flooding = asyncio.ensure_future(flood.flood(base, flood.FRAMES, started))
        await asyncio.wait_for(started.wait(), 60)
        times = await flood.victim_round_trips(base, seconds=4.0)
        flooding.cancel()
        await asyncio.gather(flooding, return_exceptions=True)
        return times

    times = run_async(measure())
    assert len(times) >= 10
    assert flood.p95(times) <= 0.25, sorted(times)[-5:]


def test_a_message_over_1_mib_is_refused_and_the_server_keeps_serving(server):
    base = server.replace("http://", "ws://")

    async def send_and_listen(ws, data: bytes):
        await ws.send(data)
        while True:
            await ws.recv()

    async def send_big():
        session = Session(base, "continuous", "")
        await session.open(timeout=120)
        big = b"\0" * (2 * MAX_MESSAGE_BYTES)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(send_and_listen(session.ws, big), 30)
        again = Session(base, "continuous", "")
        await again.open(timeout=120)
        key, a = PAGES["continuous"].key, PAGES["continuous"].values[0]
        await again.rerun({key: a}, timeout=60)
        await again.close()
        return closed.value

    closed = run_async(send_big())
    assert closed.rcvd is not None
    assert closed.rcvd.code == 1009


class Listener:
    """A TCP listener that counts the connections made to it (a stand-in proxy)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


async def _foreign_origin_refused(base: str) -> bool:
    try:
        ws = await websockets.connect(
            f"{base}/_stcore/stream", subprotocols=["streamlit"], origin="https://evil.example"
        )
    except websockets.InvalidStatus:
        return True
    await ws.close()
    return False


async def _opens(base: str) -> None:
    session = Session(base, "", "")
    await session.open(timeout=120)
    await session.close()


@pytest.mark.parametrize("command", ["serve.py", "streamlit run"])
def test_a_foreign_origin_websocket_is_refused_without_an_outside_lookup(command):
    """All outside HTTP goes to a local stand-in proxy that counts connections.
    serve.py refuses the websocket itself: no connection. Under a plain `streamlit run`
    the same websocket makes Streamlit look up the external IP (the control: this test
    can see a lookup)."""
    proxy = Listener()
    port = free_port()
    env = {
        "HTTP_PROXY": f"http://127.0.0.1:{proxy.port}",
        "HTTPS_PROXY": f"http://127.0.0.1:{proxy.port}",
        "NO_PROXY": "",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WARM_PAGES": "0",
    }
    if command == "serve.py":
        argv = [sys.executable, "serve.py"]
    else:
        argv = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    for url in _serve(argv, port, env):
        base = url.replace("http://", "ws://")
        refused = run_async(_foreign_origin_refused(base))
        assert refused
        if command == "serve.py":
            assert proxy.connections == 0
            run_async(_opens(base))  # the same server still serves its own pages
        else:
            assert proxy.connections >= 1
