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
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser import FIRST_VIEW  # noqa: E402
from harness.chromium import ARGS, CHROMIUM  # noqa: E402
from harness.server import free_port, start  # noqa: E402

# (label, added latency in ms, Mbit/s or None for no emulation)
LINKS = [("this machine", 0, None), ("40 ms, 20 Mbit/s", 40, 20)]
VISITS = 9


def first_number(browser, url: str, latency: float, mbits: float | None) -> float:
    """Milliseconds from navigation start to the first number shown, in a fresh context."""
    context = browser.new_context()
    context.add_init_script(FIRST_VIEW)
    page = context.new_page()
    if mbits is not None:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbits * 1e6 / 8
        conditions = {"latency": latency, "downloadThroughput": rate, "uploadThroughput": rate}
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **conditions})
    page.goto(url, timeout=120_000)
    shown = page.evaluate("() => window.__firstView")
    context.close()
    return shown


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
            for url in urls.values():  # each server's first visit fills its caches
                first_number(browser, url, 0, None)
            print(f"first number on the home page, median of {args.visits} fresh visits")
            for label, latency, mbits in LINKS:
                times: dict[str, list[float]] = {name: [] for name in urls}
                for _ in range(args.visits):  # interleaved
                    for name, url in urls.items():
                        times[name].append(first_number(browser, url, latency, mbits))
                base = statistics.median(times[next(iter(times))])
                for name, values in times.items():
                    median = statistics.median(values)
                    print(f"  {label:<18} {name:<24} {median:6.0f} ms ({median / base:4.2f}x)")
            browser.close()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
