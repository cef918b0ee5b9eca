"""One client floods a replica with rerun frames; how long does another student wait?

A victim session reruns /continuous every 100 ms and times each round trip, first
alone (the baseline, measured in the same run), then while a second websocket sends
5,000 full-page rerun frames as fast as it can, each with a new value of P's location
(so that no cache helps), and never reads the replies (so the server's writes to it
back up). Printed: the victim's p50/p95 round trip and its
longest wait, and the ratio of its flooded p95 to its baseline p95, for

* serve.py (serving.guard.Guard coalesces and paces each websocket's reruns), and
* ``streamlit run app.py`` (Streamlit's default handling, for comparison).

Target (issue 16): the victim's p95 stays at or below 250 ms during the flood.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.serve import run
from harness.server import PAGES
from harness.stclient import Session
from serving.server import free_port

FRAMES = 5_000
SECONDS = 8.0
PAGE = "continuous"
THINK_SECS = 0.1  # between a victim's interactions: a fast hand


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, round(0.95 * len(times)) - 1)]


async def victim_round_trips(base: str, seconds: float) -> list[float]:
    query, key, (a, b, _) = PAGES[PAGE].query, PAGES[PAGE].key, PAGES[PAGE].values
    victim = Session(base, PAGE, query)
    await victim.open(timeout=120)
    for value in (a, b):
        await victim.rerun({key: value}, timeout=120)
    times, end, i = [], time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        times.append(await victim.rerun({key: (a, b)[i % 2]}, timeout=60))
        i += 1
        await asyncio.sleep(THINK_SECS)
    await victim.close()
    return times


async def flood(base: str, frames: int, started: asyncio.Event) -> None:
    query, key, a = PAGES[PAGE].query, PAGES[PAGE].key, PAGES[PAGE].values[0]
    flooder = Session(base, PAGE, query)
    await flooder.open(timeout=120)
    # Full-page reruns (no fragment), each with a value not seen before: no cache helps.
    template = flooder.rerun_message({key: a})
    template.rerun_script.fragment_id = ""
    messages = []
    for i in range(frames):
        template.rerun_script.widget_states.widgets[0].double_array_value.data[:] = [i / frames]
        messages.append(template.SerializeToString())
    for message in messages:
        await flooder.ws.send(message)
    started.set()
    try:  # never read the replies: the server's writes to this client back up
        await asyncio.sleep(3600)
    finally:
        flooder.ws.transport.abort()


async def measure(port: int) -> dict[str, list[float]]:
    base = f"ws://127.0.0.1:{port}"
    alone = await victim_round_trips(base, SECONDS / 2)
    started = asyncio.Event()
    flooding = asyncio.ensure_future(flood(base, FRAMES, started))
    await asyncio.wait_for(started.wait(), 60)
    flooded = await victim_round_trips(base, SECONDS)
    flooding.cancel()
    await asyncio.gather(flooding, return_exceptions=True)
    return {"alone": alone, "flooded": flooded}


def report(name: str, times: dict[str, list[float]]) -> None:
    alone, flooded = times["alone"], times["flooded"]
    print(
        f"{name:24s} alone p95 {1000 * p95(alone):7.1f} ms | during a {FRAMES}-frame flood: "
        f"p50 {1000 * statistics.median(flooded):7.1f} ms, p95 {1000 * p95(flooded):7.1f} ms, "
        f"longest {1000 * max(flooded):8.1f} ms, {len(flooded)} round trips | "
        f"p95 ratio flooded/alone {p95(flooded) / p95(alone):6.2f}x"
    )


def main() -> None:
    py = sys.executable
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "WARM_PAGES": "0"}
    report("serve.py (guarded)", run([py, "serve.py"], port, env, measure=measure))
    port = free_port()
    command = [py, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    report("streamlit run (default)", run(command, port, measure=measure))


if __name__ == "__main__":
    main()
