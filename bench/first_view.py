"""A student's first visit over a classroom's network: bytes sent and time to the values.

Real Chromium, a fresh browser context each time (nothing cached), its network limited
to MBITS Mbit/s down (a share of a lecture hall's Wi-Fi) by Chromium's own emulation.
It opens the home page and records the bytes of every HTTP response as sent on the wire
(compressed or not) and the time from navigation start to the first metric shown.

Baseline in the same run: the same page from one ``serve.py`` directly, which sends the
frontend's files as Streamlit does (uncompressed). Measured: ``classroom.py`` with 2
replicas behind nginx, which compresses and caches them.

Seen here (2026-11-21): under Chromium's network emulation, about one first visit in
five stalled for 40-120 s on one file, straight to a Streamlit server (``serve.py`` and
a default ``streamlit run`` alike) and behind nginx; unthrottled, and with curl limited
to the same rate, none did. Intermittent stalls of page loads under this emulation are
reported upstream too (microsoft/playwright#22676, "DomContentLoaded / Page load event
never gets fired occasionally", with ``Network.emulateNetworkConditions``), so they are
most likely the emulation's. Medians are robust to it; the slowest visit is printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser import FIRST_VIEW  # noqa: E402
from harness.chromium import ARGS, CHROMIUM  # noqa: E402
from harness.server import free_port, start  # noqa: E402

MBITS = 20
VISITS = 5


def first_visit(browser, url: str, mbits: float) -> tuple[int, float, float]:
    """Bytes received over HTTP, seconds to the first metric and to the chart drawn, in a
    fresh context."""
    context = browser.new_context()
    context.add_init_script(FIRST_VIEW)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = mbits * 1e6 / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 5, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(url, timeout=200_000)
    shown = page.evaluate("() => window.__firstView") / 1000
    page.locator(".js-plotly-plot").first.wait_for(timeout=200_000)
    drawn = page.evaluate("() => performance.now()") / 1000
    page.wait_for_timeout(500)  # anything still loading after the chart
    context.close()
    return int(sum(received)), shown, drawn


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mbits", type=float, default=MBITS, help="download Mbit/s")
    parser.add_argument("--visits", type=int, default=VISITS)
    args = parser.parse_args()
    servers = {
        "serve.py alone (baseline)": ([sys.executable, "serve.py"], {}),
        "classroom.py (nginx)": ([sys.executable, "classroom.py"], {"REPLICAS": "2"}),
    }
    results = {}
    procs = []
    try:
        urls = {}
        for name, (command, env) in servers.items():
            port = free_port()
            procs.append(start(command, port, {"HOST": "127.0.0.1", "PORT": str(port), **env}))
            urls[name] = f"http://127.0.0.1:{port}/"
        time.sleep(5)  # the replicas' start-up warm-up
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(args.visits):  # interleaved
                for name, url in urls.items():
                    results.setdefault(name, []).append(first_visit(browser, url, args.mbits))
            browser.close()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"first visit to the home page at {args.mbits:g} Mbit/s, median of {args.visits}")
    base = [statistics.median(x) for x in zip(*results[next(iter(results))])]
    for name, rows in results.items():
        size, shown, drawn = (statistics.median(x) for x in zip(*rows))
        print(
            f"  {name:<26} {size / 1e6:5.2f} MB ({size / base[0]:4.2f}x)   values shown after "
            f"{shown:5.2f} s ({shown / base[1]:4.2f}x), chart after {drawn:5.2f} s "
            f"({drawn / base[2]:4.2f}x); slowest visit {max(r[2] for r in rows):5.2f} s"
        )


if __name__ == "__main__":
    main()
