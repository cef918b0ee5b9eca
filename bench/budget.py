"""What one request may cost the server: CPU seconds and peak memory per page open.

Runs serve.py and opens each link of a catalogue of the worst inputs known (heavy,
skewed 20-component mixtures against t with df < 1, window growth, the continuous proof,
sweeps over df, the largest samples), one at a time over the real websocket protocol.
For each, it reads the server process's own counters (/proc): CPU seconds spent
(user + system) and the peak resident memory above what the process held just before
(the peak is reset per request through /proc/<pid>/clear_refs).

Then single flight: the heaviest link opened once on one fresh server, and 4 times at
the same moment on another (a classroom opening the teacher's link), both servers
warmed alike: the ratio of their CPU.

Targets (issue 16): every request <= 1.5 CPU-s and <= 150 MB above the idle process;
4 identical concurrent opens <= 1.3x one open. Baseline: the home page's first open,
measured in the same run.
"""

from __future__ import annotations

import asyncio
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serve import cpu_seconds  # noqa: E402
from harness.links import T_HALF, heavy_mixture, normal_mixture  # noqa: E402
from harness.server import start  # noqa: E402
from harness.stclient import Session  # noqa: E402
from serving.server import WARM_PAGES, free_port  # noqa: E402

CPU_BUDGET = 1.5  # CPU seconds per request
MEMORY_BUDGET = 150.0  # MB above the process before the request
CONCURRENT_RATIO = 1.3
SINGLE_FLIGHT_PAIRS = 3


def catalogue(shift: float = 0.0) -> list[tuple[str, str, dict]]:
    """(name, page, query) of the worst links known."""
    mix = heavy_mixture(shift)
    return [
        ("home (baseline)", "", {}),
        ("asymmetry: 20 heavy components vs t(0.5)", "asymmetry", {"P": mix, "Q": T_HALF}),
        (
            "asymmetry: sweep over t's df",
            "asymmetry",
            {"P": mix, "Q": T_HALF, "vary": "Q", "param": "df"},
        ),
        ("asymmetry: 20 normals vs t(0.5)", "asymmetry", {"P": normal_mixture(20), "Q": T_HALF}),
        ("continuous: 20 heavy components vs t(0.5)", "continuous", {"P": mix, "Q": T_HALF}),
        (
            "continuous: window growth, cauchy vs norm",
            "continuous",
            {"P": "cauchy(loc=0, scale=1)"},
        ),
        (
            "proof: continuous, heavy mixture",
            "proof",
            {"mode": "continuous", "P": mix, "Q": T_HALF},
        ),
        ("mle: N = 100000, t(0.5)", "mle", {"P": T_HALF, "n": "100000"}),
        ("samples: N = 100000, heavy", "samples", {"P": mix, "Q": T_HALF, "n": "100000"}),
    ]


def memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


async def open_page(port: int, page: str, query: dict) -> None:
    session = Session(f"ws://127.0.0.1:{port}", page, urllib.parse.urlencode(query))
    await session.open(timeout=300)
    await session.close()


async def measure_open(pid: int, port: int, page: str, query: dict, copies: int = 1):
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # the peak restarts from now
    before_mb, before_cpu = memory_mb(pid, "VmRSS"), cpu_seconds(pid)
    await asyncio.gather(*(open_page(port, page, query) for _ in range(copies)))
    return cpu_seconds(pid) - before_cpu, memory_mb(pid, "VmHWM") - before_mb


async def warm(pid: int, port: int) -> float:
    """Imports, first page runs and a mixture's first use of its families: not a
    request's own cost. Returns the CPU seconds of that first use."""
    for page in WARM_PAGES:
        await open_page(port, page, {})
    _, page, query = catalogue(shift=-1.0)[1]
    cpu, _ = await measure_open(pid, port, page, query)
    return cpu


async def measure(pid: int, port: int) -> None:
    first_use = await warm(pid, port)
    print(
        f"first use of its 10 families in a mixture (once per process, scipy builds a "
        f"class per family; serve.py does it at start, when idle): {first_use:.2f} CPU-s"
    )
    worst_cpu, worst_mb = 0.0, 0.0
    print(f"{'link (each a variant no earlier request cached)':46s} {'CPU s':>7s} {'peak MB':>8s}")
    for i, (name, page, query) in enumerate(catalogue()):
        name, page, query = catalogue(shift=0.01 * (i + 1))[i]
        cpu, peak = await measure_open(pid, port, page, query)
        ok = cpu <= CPU_BUDGET and peak <= MEMORY_BUDGET
        worst_cpu, worst_mb = max(worst_cpu, cpu), max(worst_mb, peak)
        print(f"{name:46s} {cpu:7.2f} {peak:8.1f}  {'ok' if ok else 'OVER BUDGET'}")
    print(
        f"worst: {worst_cpu:.2f} CPU-s (budget {CPU_BUDGET}), {worst_mb:.1f} MB "
        f"(budget {MEMORY_BUDGET:g})"
    )


async def opened(pid: int, port: int, copies: int) -> tuple[float, float, float]:
    """CPU and peak of `copies` identical opens of the heaviest link at once, on a
    server warmed like the catalogue's; then the mean CPU of one more open of the same
    link, now cached (what every session costs however well its results are shared)."""
    await warm(pid, port)
    _, page, query = catalogue(shift=0.5)[1]
    cpu, peak = await measure_open(pid, port, page, query, copies=copies)
    cached = [(await measure_open(pid, port, page, query))[0] for _ in range(3)]
    return cpu, peak, sum(cached) / len(cached)


def on_fresh_server(measurement):
    """Run ``measurement(pid, port)`` against a fresh serve.py; return its result."""
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "WARM_PAGES": "0"}
    proc = start([sys.executable, "serve.py"], port, env)
    try:
        return asyncio.run(measurement(proc.pid, port))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    on_fresh_server(measure)
    # Single flight: the same link, once on one fresh server and 4 times at once on
    # another (a classroom opening the teacher's link), so that no cache differs. The
    # pair is repeated: CPU is counted in 10 ms ticks, and one open varies by ~0.1 s.
    name = catalogue()[1][0]
    print(f"single flight, {name}:")
    ratios = []
    for _ in range(SINGLE_FLIGHT_PAIRS):
        one, _, session = on_fresh_server(lambda pid, port: opened(pid, port, 1))
        four, peak, _ = on_fresh_server(lambda pid, port: opened(pid, port, 4))
        ratios.append(four / one)
        # If the work is shared, 4 opens cost one open plus 3 sessions' own cost.
        print(
            f"  1 open {one:.2f} CPU-s, 4 at once {four:.2f} CPU-s ({four / one:.2f}x), "
            f"peak {peak:.1f} MB; a cached open {session:.3f} CPU-s, so fully shared "
            f"work predicts {one + 3 * session:.2f} CPU-s ({(one + 3 * session) / one:.2f}x)"
        )
    median = sorted(ratios)[len(ratios) // 2]
    print(f"  median ratio {median:.2f}x (target <= {CONCURRENT_RATIO}x)")


if __name__ == "__main__":
    main()
