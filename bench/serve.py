"""Interaction round trips over the real websocket protocol: tuned server vs default.

For each page, one session changes the page's main control back and forth (so caches
are warm, as for a student dragging a slider) and times BackMsg sent -> script_finished.
Both servers run in the same process tree, one after the other, on loopback:

* ours: ``python serve.py`` (uvicorn on st.App, TCP_NODELAY, runtime tuning, config.toml
  as shipped), with its start-up page runs off (``WARM_PAGES=0``): they would otherwise
  still be running while the first page is timed; bench/browser.py measures them;
* baseline: ``streamlit run app.py`` with Streamlit's defaults for the two costs
  measured in ../shared/PLATFORM.md (``--runner.postScriptGC true``; its own socket).

For each server the run also reads the server's CPU seconds (/proc) over all its reruns.

Targets (issue 7): p50 <= 10 ms on every page and p50 ratio ours/default <= 0.3.
Run with ``.venv/bin/python bench/serve.py`` (or ``make bench``).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.server import free_port, start  # noqa: E402
from harness.stclient import Session  # noqa: E402
from kl_ui.pages import PAGES as PAGE_SPECS  # noqa: E402

ROUNDS = 40
# A page that draws samples is timed at the largest sample a link allows.
LARGEST_SAMPLE = "n=100000"


async def measure(port: int) -> dict[str, list[float]]:
    results = {}
    for spec in PAGE_SPECS:
        page, key, (a, b, _) = spec.url_path, spec.control.key, spec.control.values
        query = LARGEST_SAMPLE if "n" in spec.params else spec.control.query
        session = Session(f"ws://127.0.0.1:{port}", page, query)
        await session.open(timeout=120)
        for value in (a, b, a, b):  # warm the caches for both values
            await session.rerun({key: value}, timeout=120)
        times = [await session.rerun({key: (a, b)[i % 2]}) for i in range(ROUNDS)]
        await session.close()
        results[page or "home"] = times
    return results


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(command: list[str], port: int, env=None, measure=measure, cpu: list | None = None):
    """Start `command` serving on `port`, run the coroutine ``measure(port)`` against
    it, stop the server; returns what `measure` returned. The server's CPU seconds
    during `measure` are appended to `cpu` if given."""
    proc = start(command, port, env)
    try:
        before = cpu_seconds(proc.pid)
        result = asyncio.run(measure(port))
        if cpu is not None:
            cpu.append(cpu_seconds(proc.pid) - before)
        return result
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    py = sys.executable
    cpu: list[float] = []
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "WARM_PAGES": "0"}
    ours = run([py, "serve.py"], port, env, cpu=cpu)
    port = free_port()
    default = run(
        [
            py,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--runner.postScriptGC",
            "true",
        ],
        port,
        cpu=cpu,
    )
    print(f"interaction round trip, {ROUNDS} per page after warm-up (ms)")
    print(f"{'page':<12}{'ours p50':>10}{'p95':>8}{'default p50':>13}{'p95':>8}{'ratio p50':>11}")
    ok = True
    for page in ours:
        o, d = ours[page], default[page]
        o50, o95 = statistics.median(o), statistics.quantiles(o, n=20)[18]
        d50, d95 = statistics.median(d), statistics.quantiles(d, n=20)[18]
        ok &= o50 <= 0.010 and o50 / d50 <= 0.3
        print(
            f"{page:<12}{o50 * 1e3:>10.1f}{o95 * 1e3:>8.1f}{d50 * 1e3:>13.1f}{d95 * 1e3:>8.1f}"
            f"{o50 / d50:>11.2f}"
        )
    print(f"targets p50 <= 10 ms and ratio <= 0.3 on every page: {'OK' if ok else 'MISSED'}")
    reruns = sum(len(times) + 4 for times in ours.values())
    ours_cpu, default_cpu = (1e3 * c / reruns for c in cpu)
    print(
        f"server CPU per rerun: ours {ours_cpu:.1f} ms, default {default_cpu:.1f} ms "
        f"({ours_cpu / default_cpu:.2f}x)"
    )


if __name__ == "__main__":
    main()
