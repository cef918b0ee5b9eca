"""What serving.preload's Link header buys: the home page's first number, with and
without it, on this machine and over a link with a round-trip latency.

Real Chromium, a fresh browser context each visit (nothing cached), the two servers
interleaved. Baseline in the same run: ``serve.py`` with ``PRELOAD=0`` (no header: the
live explorer's modules are fetched once the component mounts). Measured: ``serve.py``
as ``make run`` starts it. Network conditions are Chromium's own emulation (latency
added to each request, bandwidth limited both ways).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser import first_views  # noqa: E402
from harness.chromium import ARGS, CHROMIUM  # noqa: E402
from harness.server import free_port, start  # noqa: E402

MBIT = 1e6 / 8  # bytes per second
# (label, Chromium's network conditions, or None for none)
LINKS = [
    ("this machine", None),
    (
        "40 ms, 20 Mbit/s",
        {"latency": 40, "downloadThroughput": 20 * MBIT, "uploadThroughput": 20 * MBIT},
    ),
]
VISITS = 9


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=VISITS)
    args = parser.parse_args()
    servers = {"PRELOAD=0 (baseline)": "0", "Link header (make run)": "1"}
    procs, urls = [], {}
    try:
        for name, preload in servers.items():
            port = free_port()
            env = {"HOST": "127.0.0.1", "PORT": str(port), "PRELOAD": preload}
            procs.append(start([sys.executable, "serve.py"], port, env))
            urls[name] = f"http://127.0.0.1:{port}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            first_views(browser, list(urls.values()), visits=1)  # fills their caches
            print(f"first number on the home page, median of {args.visits} fresh visits")
            for label, network in LINKS:
                medians = first_views(browser, list(urls.values()), args.visits, network)
                for name, median in zip(urls, medians):
                    print(
                        f"  {label:<18} {name:<24} {median * 1e3:6.0f} ms "
                        f"({median / medians[0]:4.2f}x)"
                    )
            browser.close()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
