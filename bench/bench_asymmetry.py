"""Server-side work of one interaction on /asymmetry, and the bytes each rerun sends.

Measured two ways, with a new value each time (whatever depends on the control is
recomputed: a new separation refits, a new P or preset recomputes the sweep frames and
the 60x60 map; the rest comes from the page's bounded caches, as for a student clicking
around):

* through Streamlit's AppTest: one run of the whole page (app.py frame included) timed
  around `run()`. AppTest cannot run a fragment alone, so this is the page's full cost.
  "Whole page, caches cleared" is the worst case: everything recomputed at once.
  Baseline in the same run: the home page's one-slider interaction;
* over the websocket against the real server (serve.py), as a browser: the round trip
  of each interaction, which reruns only the fragment the control lives in.

Target (issue 4): every interaction <= 150 ms server-side, judged on what a student
gets (the websocket round trips). Run with `make bench`.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.apptest import charts_drawn, open_page, release, timed  # noqa: E402
from harness.server import free_port, start  # noqa: E402
from harness.stclient import Session  # noqa: E402
from kl_ui import cache  # noqa: E402

REPEAT = 7


PRESETS = 5
INTERACTIONS = {
    "drag Q's location": lambda k: lambda at: at.slider(key="Q_norm_loc").set_value(0.1 * k),
    "drag Q's scale": lambda k: lambda at: at.slider(key="Q_norm_scale").set_value(1 + 0.1 * k),
    "move the optimiser's start": lambda k: lambda at: at.slider(key="start").set_value(0.25 * k),
    "change the humps' separation": lambda k: (
        lambda at: at.slider(key="sep").set_value(1 + 0.5 * k)
    ),
    "click a preset (new P and Q)": lambda k: (
        lambda at: at.button(key=f"asym_preset_{k % PRESETS}").click()
    ),
}


# name -> (widget key for the k-th value, k-th value); presets last (they change Q's family)
OVER_WEBSOCKET = {
    "drag Q's location": (lambda k: "Q_norm_loc", lambda k: [0.1 * k]),
    "drag Q's scale": (lambda k: "Q_norm_scale", lambda k: [1 + 0.1 * k]),
    "move the optimiser's start": (lambda k: "start", lambda k: [0.25 * k]),
    "change the humps' separation": (lambda k: "sep", lambda k: [1 + 0.5 * k]),
    "click a preset (new P and Q)": (lambda k: f"asym_preset_{k % PRESETS}", lambda k: True),
}


async def websocket_round_trips(port: int) -> dict[str, list[float]]:
    session = Session(f"ws://127.0.0.1:{port}", "asymmetry")
    await session.open(timeout=120)
    results = {}
    for name, (key, value) in OVER_WEBSOCKET.items():
        results[name] = [
            await session.rerun({key(k): value(k)}, timeout=120) for k in range(1, REPEAT + 1)
        ]
    await session.close()
    if session.exceptions:
        raise RuntimeError(f"the page showed an exception: {session.exception_texts[0]}")
    return results


def over_websocket() -> float:
    """Print the real server's round trips; returns the slowest median."""
    port = free_port()
    # Start-up page runs off, as in bench/serve.py: they would overlap the first timings.
    env = {"PORT": str(port), "HOST": "127.0.0.1", "WARM_PAGES": "0"}
    proc = start([sys.executable, "serve.py"], port, env)
    try:
        results = asyncio.run(websocket_round_trips(port))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"{'over the websocket (serve.py)':<34}{'median':>10}{'max':>10}")
    for name, times in results.items():
        print(f"{name:<34}{statistics.median(times) * 1e3:>7.1f} ms{max(times) * 1e3:>7.1f} ms")
    return max(statistics.median(times) for times in results.values())


def main() -> None:
    home = open_page("pages/home.py")
    base = [
        timed(home, lambda at, v=v: release(at, {"coin": 0.1 + v / 20}, run=False))
        for v in range(REPEAT)
    ]
    baseline = statistics.median(base)
    print(f"baseline: home page coin released, median of {REPEAT}: {baseline * 1e3:.1f} ms")
    at = open_page("pages/asymmetry.py")
    print(f"{'interaction on /asymmetry':<34}{'median':>10}{'max':>10}{'vs baseline':>13}")
    worst = 0.0
    for name, make in INTERACTIONS.items():
        times = [timed(at, make(k)) for k in range(1, REPEAT + 1)]
        worst = max(worst, statistics.median(times))
        print(
            f"{name:<34}{statistics.median(times) * 1e3:>7.1f} ms{max(times) * 1e3:>7.1f} ms"
            f"{statistics.median(times) / baseline:>12.1f}x"
        )
    at.button(key="asym_preset_0").click().run()
    cold = [timed(at, lambda at: None, before=cache.clear) for _ in range(REPEAT)]
    print(
        f"{'whole page, caches cleared':<34}{statistics.median(cold) * 1e3:>7.1f} ms"
        f"{max(cold) * 1e3:>7.1f} ms{statistics.median(cold) / baseline:>12.1f}x"
    )
    sizes = [len(json.dumps(figure)) for figure in charts_drawn(at)]
    print(
        f"plotly payload per rerun: {sum(sizes) / 1024:.1f} KiB in {len(sizes)} charts "
        f"({', '.join(f'{s / 1024:.1f}' for s in sizes)} KiB)"
    )
    print(f"slowest interaction through AppTest, whole page (median): {worst * 1e3:.1f} ms")
    worst = over_websocket()
    print(
        f"slowest interaction over the websocket (median) {worst * 1e3:.1f} ms, "
        f"target <= 150 ms: {'OK' if worst <= 0.150 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
