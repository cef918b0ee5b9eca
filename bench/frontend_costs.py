"""What Streamlit's own frontend costs per keypress, before any of the app's work.

bench/browser.py times a keypress on each page against a one-slider baseline page, with
the target "every page within 1.5x the baseline". This bench times the same keypress on
that baseline and on three variants of it (bench/costs_app.py) that add, one at a time,
what every page of the app must have: the control bound to the URL (a shared link must
reproduce the view), a plotly chart redrawn with the value, and the other controls of a
P/Q picker pair redrawn by the same rerun. All are served by serve.py in the same run;
the server's share is a few milliseconds (bench/serve.py), so the rest is the browser.

Run with ``.venv/bin/python bench/frontend_costs.py`` (or ``make bench``).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser import keypress_latencies, start_server  # noqa: E402
from harness.chromium import ARGS, CHROMIUM  # noqa: E402
from harness.server import free_port  # noqa: E402
from serving.server import wait_healthy  # noqa: E402

VARIANTS = {
    "plain": "one slider and its metric (bench/browser.py's baseline)",
    "bound": "+ the slider bound to the URL",
    "chart": "+ a plotly chart redrawn with the value",
    "pickers": "+ ten more widgets redrawn (a P/Q picker pair)",
}
REPEATS = 2  # each variant twice, interleaved, against drift


def main() -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(str(ROOT / "bench" / "costs_app.py"), port)
    times: dict[str, list[float]] = {v: [] for v in VARIANTS}
    try:
        wait_healthy(f"127.0.0.1:{port}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(REPEATS):
                for variant in VARIANTS:
                    times[variant] += keypress_latencies(
                        browser,
                        f"http://127.0.0.1:{port}/?v={variant}",
                        "x",
                        '[data-testid="stMetric"]',
                    )
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    p50 = {variant: statistics.median(t) for variant, t in times.items()}
    base = p50["plain"]
    print("keypress to new value shown, p50 (ms), and the ratio to the plain baseline")
    for variant, label in VARIANTS.items():
        print(f"  {variant:<8} {p50[variant] * 1e3:6.1f}  {p50[variant] / base:5.2f}x  {label}")
    print(
        "the 1.5x target leaves "
        f"{0.5 * base * 1e3:.1f} ms for everything a page adds to the baseline; binding the "
        f"control to the URL alone takes {(p50['bound'] - base) * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
