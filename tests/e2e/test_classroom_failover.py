"""The classroom survives the loss of a replica (issue 16 §5): 20 sessions across 2
replicas behind nginx, then `kill -9` of one replica. The other replica's sessions see
no failure, /_stcore/health answers throughout, the lost replica is back within 5 s,
and its students' next interaction (a reconnecting browser) succeeds."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from harness.server import PAGES, free_port, start
from harness.stclient import Session
from serving import classroom
from tests.e2e.conftest import run_async

pytestmark = pytest.mark.e2e

SESSIONS = 20
PAGE = "continuous"


@pytest.fixture
def own_classroom():
    """A classroom of its own: this test kills one of its replicas."""
    if not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx not found; `make test` installs Debian's nginx-light")
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "REPLICAS": "2", "WARM_PAGES": "0"}
    proc = start([sys.executable, "classroom.py"], port, env)
    try:
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def replica_of(url: str, cookie: str) -> str:
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers["X-KL-Replica"]


def replica_pids(classroom_pid: int) -> list[int]:
    """The serve.py children of the classroom, in the order they were started."""
    children = Path(f"/proc/{classroom_pid}/task/{classroom_pid}/children").read_text().split()
    replicas = [
        int(pid) for pid in children if b"serve.py" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]
    return sorted(replicas, key=lambda pid: int(Path(f"/proc/{pid}/stat").read_text().split()[21]))


class HealthWatch(threading.Thread):
    """GET /_stcore/health every 50 ms until stopped; counts the answers that were not ok."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.stopped = url, threading.Event()
        self.checks, self.failures = 0, []

    def run(self):
        while not self.stopped.is_set():
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as answer:
                    ok = answer.read() == b"ok"
            except Exception as exc:
                ok, exc_text = False, repr(exc)
            else:
                exc_text = "not ok"
            self.checks += 1
            if not ok:
                self.failures.append(exc_text)
            time.sleep(0.05)


async def keep_interacting(sessions: list[Session], until: float, failures: list) -> int:
    key, (a, b, _) = PAGES[PAGE].key, PAGES[PAGE].values
    done = 0
    while time.monotonic() < until:
        for i, session in enumerate(sessions):
            try:
                await session.rerun({key: (a, b)[(done + i) % 2]}, timeout=20)
            except Exception as exc:
                failures.append(repr(exc))
        done += 1
        await asyncio.sleep(0.2)
    return done


def test_killing_a_replica_loses_no_other_student_and_it_comes_back(own_classroom):
    url, classroom_pid = own_classroom
    base = url.replace("http://", "ws://")
    cookies = [f"kl_replica={secrets.token_hex(16)}" for _ in range(SESSIONS)]
    placed = {cookie: replica_of(url, cookie) for cookie in cookies}
    assert set(placed.values()) == {"1", "2"}, "20 random cookies spread over both"
    lost_cookie = next(c for c in cookies if placed[c] == "1")
    first, _ = replica_pids(classroom_pid)

    async def scenario():
        sessions = {c: Session(base, PAGE, PAGES[PAGE].query, cookie=c) for c in cookies}
        for session in sessions.values():
            await session.open(timeout=120)
        survivors = [s for c, s in sessions.items() if placed[c] == "2"]
        failures: list = []
        until = time.monotonic() + 8.0
        interacting = asyncio.ensure_future(keep_interacting(survivors, until, failures))
        await asyncio.sleep(1.0)
        os.kill(first, signal.SIGKILL)
        killed = time.monotonic()
        back = None
        while time.monotonic() - killed < 15:
            answer = await asyncio.to_thread(replica_of, url, lost_cookie)
            if answer == "1":
                back = time.monotonic() - killed
                break
            await asyncio.sleep(0.1)
        rounds = await interacting
        # A student of the lost replica: the browser reconnects and reruns.
        again = Session(base, PAGE, PAGES[PAGE].query, cookie=lost_cookie)
        await again.open(timeout=60)
        await again.rerun({PAGES[PAGE].key: PAGES[PAGE].values[0]}, timeout=60)
        await again.close()
        for session in survivors:
            await session.close()
        return failures, rounds, back, len(survivors)

    health = HealthWatch(url)
    health.start()
    try:
        failures, rounds, back, survivors = run_async(scenario())
    finally:
        health.stopped.set()
        health.join(10)
    assert survivors >= 3
    assert rounds >= 10
    assert failures == []
    assert health.checks >= 50
    assert health.failures == []
    assert back is not None, "replica 1 never came back"
    assert back <= 5.0, back
    print(
        f"\nfailover: {survivors} surviving sessions x {rounds} rounds, 0 failures; "
        f"{health.checks} health checks, 0 failures; replica back after {back:.2f} s"
    )
    assert first not in replica_pids(classroom_pid)  # a new process serves replica 1


def test_a_replica_over_its_memory_limit_is_stopped_and_restarted_with_backoff(monkeypatch):
    """classroom.Replica on a stand-in process that holds 300 MB, with a 100 MB limit."""
    hog = (
        "import time; block = bytearray(300_000_000); "
        "block[::4096] = b'x' * len(block[::4096]); time.sleep(60)"  # 300 MB resident
    )
    replica = classroom.Replica(1, free_port(), dict(os.environ), memory_mb=100)
    starts = []

    def start_hog():
        replica.proc = subprocess.Popen([sys.executable, "-c", hog])
        replica.started, replica.restart_at = time.monotonic(), None
        starts.append(time.monotonic())

    monkeypatch.setattr(replica, "start", start_hog)
    replica.start()
    deadline = time.monotonic() + 20
    while len(starts) < 3 and time.monotonic() < deadline:
        replica.check()
        time.sleep(0.05)
    replica.stop()
    assert len(starts) == 3, "stopped for its memory and restarted, twice"
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert gaps[1] > gaps[0] + 0.3  # the second restart waits longer (0 s, then 0.5 s)
