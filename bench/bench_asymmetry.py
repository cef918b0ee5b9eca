"""Server-side work of one interaction on /asymmetry, and the bytes each rerun sends.

Each interaction is one script run of the real page (app.py frame included) through
Streamlit's AppTest, timed around `run()`, with a new value each time: whatever depends
on the control is recomputed (a new separation refits, a new P or preset recomputes the
sweep frames and the 60x60 map), the rest comes from the page's bounded caches, as for
a student clicking around. "Whole page, caches cleared" is the worst case: everything
recomputed at once. Baseline in the same run: the home page's one-slider interaction.
Target (issue 4): every interaction <= 150 ms server-side. Run with `make bench`.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from bench.apptest import open_page, timed  # noqa: E402

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


def main() -> None:
    home = open_page("pages/home.py")
    base = [
        timed(home, lambda at, v=v: at.slider(key="coin").set_value(0.1 + v / 20))
        for v in range(REPEAT)
    ]
    baseline = statistics.median(base)
    print(f"baseline: home page coin slider, median of {REPEAT}: {baseline * 1e3:.1f} ms")
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
    cold = [timed(at, lambda at: None, before=st.cache_data.clear) for _ in range(REPEAT)]
    print(
        f"{'whole page, caches cleared':<34}{statistics.median(cold) * 1e3:>7.1f} ms"
        f"{max(cold) * 1e3:>7.1f} ms{statistics.median(cold) / baseline:>12.1f}x"
    )
    charts = at.get("plotly_chart")
    sizes = [len(c.proto.spec) for c in charts]
    print(
        f"plotly payload per rerun: {sum(sizes) / 1024:.1f} KiB in {len(sizes)} charts "
        f"({', '.join(f'{s / 1024:.1f}' for s in sizes)} KiB)"
    )
    print(
        f"slowest interaction (median) {worst * 1e3:.1f} ms, target <= 150 ms: "
        f"{'OK' if worst <= 0.150 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
