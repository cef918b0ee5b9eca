"""Real Chromium: a keypress on each page's main control until the new value is shown.

Latency is measured inside the page: from the keydown event to the DOM mutation that
changes the readout (a MutationObserver), so Playwright's own overhead is excluded.
Baseline in the same run: a one-slider page (bench/baseline_app.py) served the same way.
Also the cold start: from starting serve.py to the home page rendered with its values.
Targets (issue 7): every page within 1.5x the baseline; cold start <= 3 s.

For scale, the first view in a fresh browser (nothing cached) against servers that are
already warm: from navigation start to the first number in the page (a metric or a live
view's readout, timed in the page by a MutationObserver), for the one-slider baseline and
every page of the app, interleaved (bench/live.py sets the target for the home page).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.chromium import ARGS, CHROMIUM, READY  # noqa: E402
from harness.server import free_port  # noqa: E402
from kl_ui.pages import PAGES as APP_PAGES  # noqa: E402
from serving.server import wait_healthy  # noqa: E402

ROUNDS = 15

MEASURE = """([selector, old]) => { window.__latency = new Promise((resolve) => {
  let start = null;
  document.addEventListener('keydown', () => { start = performance.now(); },
                            {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const el = document.querySelector(selector);
    if (start !== null && el && el.innerText !== old) {
      observer.disconnect();
      resolve(performance.now() - start);
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  setTimeout(() => resolve(-1), 20000);
}); }"""

# page path -> (slider key, readout selector); the readout is a CSS selector
# (the home page, /discrete and /continuous are live views now: bench/live.py measures them)
PAGES = {
    "asymmetry": ("Q_norm_loc", '[data-testid="kl-readout"]'),  # the live sweep's numbers
    "mle": ("n", '[data-testid="stMetric"]'),
    "samples": ("n", '[data-testid="stMetric"]'),
}


def start_server(script: str | None, port: int) -> subprocess.Popen:
    command = [sys.executable, "serve.py", *([script] if script else [])]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={"PORT": str(port), "HOST": "127.0.0.1", "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# The first values on screen: a metric, or a live view's readout (kl_ui.live).
VALUES = '[data-testid="stMetric"], [data-testid="kl-readout"] .kl-reading'
FIRST_VIEW = (
    f"const VALUES_SHOWN = {VALUES!r};"
    + """
window.__firstView = new Promise((resolve) => {
  new MutationObserver((_, observer) => {
    if (document.querySelector(VALUES_SHOWN)) {
      observer.disconnect();
      resolve(performance.now());
    }
  }).observe(document, {subtree: true, childList: true});
});
"""
)
FIRST_VIEWS = 9


def first_view_times(
    browser, urls: list[str], visits: int = FIRST_VIEWS, network: dict | None = None
) -> list[list[float]]:
    """Seconds from navigation start to the first value shown, `visits` times for each
    of `urls`, each visit in a fresh browser context (empty cache). The pages are visited
    in turn, round after round, so that a drift of this machine's speed during the run
    falls on all of them alike; each round starts from the next page (round r visits
    ``urls[r:] + urls[:r]``), so that no page always follows the same one. `network`, if
    given, is the conditions of Chromium's ``Network.emulateNetworkConditions`` for every
    visit. Entry i of each page's list is from round i."""
    times: list[list[float]] = [[] for _ in urls]
    for round_ in range(visits):
        start = round_ % len(urls)
        for i in [*range(start, len(urls)), *range(start)]:
            context = browser.new_context()
            context.add_init_script(FIRST_VIEW)
            page = context.new_page()
            if network is not None:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
            page.goto(urls[i], timeout=120_000)
            times[i].append(page.evaluate("() => window.__firstView") / 1000)
            context.close()
    return times


def first_views(
    browser, urls: list[str], visits: int = FIRST_VIEWS, network: dict | None = None
) -> list[float]:
    """The median of :func:`first_view_times` for each of `urls`."""
    return [statistics.median(t) for t in first_view_times(browser, urls, visits, network)]


def keypress_latencies(browser, url: str, key: str, readout: str) -> list[float]:
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    slider = page.locator(f'.st-key-{key} input[type="range"]')
    slider.wait_for(timeout=30_000)
    times = []
    for i in range(ROUNDS + 2):
        old = page.locator(readout).first.inner_text()
        page.evaluate(MEASURE, [readout, old])
        slider.focus()
        slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        latency = page.evaluate("() => window.__latency")
        page.wait_for_selector(READY, timeout=60_000)
        if i >= 2 and latency >= 0:  # the first two warm the caches
            times.append(latency / 1000)
    page.close()
    return times


COLD_STARTS = 3


def cold_start(browser) -> tuple[float, float]:
    """Seconds from starting serve.py to healthy, and to the home page rendered with
    its values in a fresh browser context."""
    port = free_port()
    context = browser.new_context()
    page = context.new_page()
    launched = time.perf_counter()
    proc = start_server(None, port)
    try:
        wait_healthy(f"127.0.0.1:{port}", poll=0.02)
        healthy = time.perf_counter() - launched
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector(READY, timeout=60_000)
        page.locator(VALUES).first.wait_for(timeout=30_000)
        rendered = time.perf_counter() - launched
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=30)
    return healthy, rendered


def main() -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    baseline_port = free_port()
    proc = baseline = None
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            starts = [cold_start(browser) for _ in range(COLD_STARTS)]
            healthy = statistics.median(h for h, _ in starts)
            rendered = statistics.median(r for _, r in starts)
            print(
                f"cold start (median of {COLD_STARTS} fresh servers): healthy after "
                f"{healthy:.2f} s, home page rendered after {rendered:.2f} s "
                f"[{', '.join(f'{r:.2f}' for _, r in starts)}] "
                f"(target <= 3 s): {'OK' if rendered <= 3 else 'MISSED'}"
            )
            proc = start_server(None, port)
            wait_healthy(f"127.0.0.1:{port}")
            baseline = start_server(str(ROOT / "bench" / "baseline_app.py"), baseline_port)
            wait_healthy(f"127.0.0.1:{baseline_port}")
            base = statistics.median(
                keypress_latencies(
                    browser, f"http://127.0.0.1:{baseline_port}/", "x", '[data-testid="stMetric"]'
                )
            )
            print(f"baseline one-slider page: keypress to new value p50 {base * 1e3:.1f} ms")
            urls = [f"http://127.0.0.1:{port}/{spec.url_path}" for spec in APP_PAGES]
            one_slider, *views = first_views(browser, [f"http://127.0.0.1:{baseline_port}/", *urls])
            print(
                "first view in a fresh browser, server already warm (median of "
                f"{FIRST_VIEWS}, interleaved): one-slider page {one_slider:.2f} s"
            )
            for spec, view in zip(APP_PAGES, views):
                print(f"  /{spec.url_path:<12} {view:5.2f} s   {view / one_slider:5.2f}x baseline")
            ok = True
            for path, (key, readout) in PAGES.items():
                times = keypress_latencies(browser, f"http://127.0.0.1:{port}/{path}", key, readout)
                p50 = statistics.median(times)
                ok &= p50 <= 1.5 * base
                print(f"  /{path:<12} p50 {p50 * 1e3:7.1f} ms   {p50 / base:5.2f}x baseline")
            print(f"target every page <= 1.5x baseline: {'OK' if ok else 'MISSED'}")
            browser.close()
    finally:
        for p in (proc, baseline):
            if p is not None:
                p.terminate()
                p.wait(timeout=30)


if __name__ == "__main__":
    main()
