"""A lecture hall on one server: many concurrent sessions over the real websocket protocol.

Each session opens a page (round-robin over all pages), then changes the page's main
control about once a second until the time is up. Two waves run one after the other, to
see whether memory returns near its start once a wave's sessions have closed.
Loopback only, bounded in sessions (<= 200) and time (<= 300 s per wave).

Usage: ``.venv/bin/python bench/load.py [--sessions 60] [--seconds 60] [--replicas 2]``.
It starts the server itself: with ``--replicas 1`` one tuned process (``serve.py``, as
``make run``), otherwise the classroom setup (``classroom.py``, as ``make classroom``:
that many replicas behind nginx). Memory is summed over every process of the server.
Targets (issue 7): 0 errors, p95 <= 250 ms, memory <= 500 MB, and no growth from wave
to wave.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.server import PAGES  # noqa: E402
from harness.stclient import Session  # noqa: E402

MAX_SESSIONS, MAX_SECONDS = 200, 300


@dataclass
class WaveResult:
    sessions: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _descendants(pid: int) -> list[int]:
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except FileNotFoundError:  # the process ended meanwhile
        return found
    for task in tasks:  # threads come and go (one per script run)
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:
            continue
        for child in children:
            found += [int(child), *_descendants(int(child))]
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total = 0.0
    for each in (pid, *_descendants(pid)):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except FileNotFoundError:  # ended meanwhile
            continue
        total += next(
            int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")
        )
    return total


async def _session(
    base: str, index: int, interactions: int, interval: float, deadline: float, result: WaveResult
) -> None:
    page = list(PAGES)[index % len(PAGES)]
    query, key, values = PAGES[page].query, PAGES[page].key, PAGES[page].values
    session = Session(base, page, query)
    rng = random.Random(index)
    try:
        await session.open(timeout=60)
        for i in range(interactions):
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(interval * rng.uniform(0.5, 1.5))
            result.latencies.append(await session.rerun({key: values[i % len(values)]}, timeout=30))
            if session.exceptions:
                raise RuntimeError(f"the page showed an exception: {session.exception_texts[0]}")
    except Exception as exc:
        result.errors.append(f"{page or 'home'}: {type(exc).__name__}: {exc}")
    finally:
        await session.close()


async def run_wave(
    base: str, sessions: int, interactions: int, interval: float, seconds: float
) -> WaveResult:
    """Run one wave of concurrent sessions against `base` (a ws:// URL on loopback)."""
    if not base.startswith(("ws://127.", "ws://localhost", "ws://[::1]")):
        raise ValueError("load tests only target this machine's loopback addresses")
    if not 1 <= sessions <= MAX_SESSIONS or not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"sessions must be 1-{MAX_SESSIONS} and seconds 0-{MAX_SECONDS}")
    result = WaveResult(sessions)
    deadline = time.monotonic() + seconds
    tasks = [_session(base, i, interactions, interval, deadline, result) for i in range(sessions)]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 120)
    return result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(name: str, result: WaveResult, memory: tuple[float, float, float]) -> None:
    lat = result.latencies
    print(
        f"{name}: sessions {result.sessions}, interactions {len(lat)}, errors {len(result.errors)}"
    )
    if lat:
        print(
            f"  round trip p50 {statistics.median(lat) * 1e3:.1f} ms, "
            f"p95 {percentile(lat, 0.95) * 1e3:.1f} ms, p99 {percentile(lat, 0.99) * 1e3:.1f} ms"
        )
    before, peak, after = memory
    print(f"  server memory: {before:.0f} MB before, {peak:.0f} MB peak, {after:.0f} MB after")
    for error in result.errors[:5]:
        print(f"  error: {error}")


def main() -> None:
    from harness.server import free_port, start

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--replicas", type=int, default=2, help="1: serve.py alone")
    args = parser.parse_args()
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "REPLICAS": str(args.replicas)}
    script = "serve.py" if args.replicas == 1 else "classroom.py"
    proc = start([sys.executable, script], port, env)
    print(
        f"server: {script}"
        + (f", {args.replicas} replicas behind nginx" if args.replicas > 1 else "")
    )
    base = f"ws://127.0.0.1:{port}"
    try:
        # Warm every page once (first imports, caches), as a teacher would before class.
        asyncio.run(run_wave(base, len(PAGES), 1, 0.0, 60))
        start_mb = rss_mb(proc.pid)
        interactions = int(args.seconds) + 5
        ok = True
        for wave in (1, 2):
            before = rss_mb(proc.pid)
            peak = [before]

            async def sample_memory(stop: asyncio.Event, peak=peak, pid=proc.pid) -> None:
                while not stop.is_set():
                    peak[0] = max(peak[0], rss_mb(pid))
                    await asyncio.sleep(0.5)

            async def wave_with_memory(sample_memory=sample_memory):
                stop = asyncio.Event()
                sampler = asyncio.create_task(sample_memory(stop))
                try:
                    return await run_wave(base, args.sessions, interactions, 1.0, args.seconds)
                finally:
                    stop.set()
                    await sampler

            result = asyncio.run(wave_with_memory())
            time.sleep(3)  # let the server drop the closed sessions
            after = rss_mb(proc.pid)
            report(f"wave {wave}", result, (before, peak[0], after))
            p95 = percentile(result.latencies, 0.95) if result.latencies else float("inf")
            ok &= not result.errors and p95 <= 0.250 and peak[0] <= 500
        growth = after - start_mb
        print(f"memory after two waves vs after warm-up: {growth:+.0f} MB")
        print(f"targets (0 errors, p95 <= 250 ms, <= 500 MB): {'OK' if ok else 'MISSED'}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
