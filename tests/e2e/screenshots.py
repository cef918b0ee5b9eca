"""``make screenshots``: every page and preset on the phone, laptop and projector.

Starts the app as ``make run`` does (serve.py, on a free port), opens each scenario of
tests/e2e/layout.py on each screen in Debian's Chromium, writes full-page PNGs to
``screenshots/`` (ignored by git) and prints the layout defects found on each.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from harness.chromium import ARGS, CHROMIUM  # noqa: E402
from harness.server import free_port, start  # noqa: E402
from tests.e2e.layout import SCREENS, survey  # noqa: E402


def main(args: list[str]) -> int:
    """`args`: scenario names (all by default) and ``screens=phone,laptop`` (all three)."""
    screens = [a.split("=", 1)[1].split(",") for a in args if a.startswith("screens=")]
    names = [a for a in args if not a.startswith("screens=")]
    from playwright.sync_api import sync_playwright

    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    port = free_port()
    server = start([sys.executable, "serve.py"], port, {"PORT": str(port), "HOST": "127.0.0.1"})
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            found = survey(
                browser,
                f"http://127.0.0.1:{port}",
                screens=screens[0] if screens else SCREENS,
                names=names or None,
                shots=out,
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    report = {f"{screen} {name}": defects for (screen, name), defects in found.items()}
    (out / "defects.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    total = 0
    for (screen, name), defects in found.items():
        total += len(defects)
        for defect in defects:
            print(f"{screen:9} {name:40} {defect}")
    print(f"{len(found)} screens written to {out}; {total} layout defects")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
