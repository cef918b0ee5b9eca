"""Server-side work of one interaction on /mle and /samples at N = 100,000, and k-NN.

Each interaction is one script run of the real page through Streamlit's AppTest, timed
around `run()`, with a new value each time (so what depends on it is recomputed; the
rest comes from the page's bounded caches). Baseline in the same run: the home page's
one-slider interaction. Also the k-NN estimator at n = m = 10,000 in 1-D against
scipy's cKDTree doing the same neighbour queries.
Targets (issue 6): every interaction <= 200 ms at N = 100,000; k-NN <= 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.spatial import cKDTree  # noqa: E402

import kl_core  # noqa: E402
from harness.apptest import open_page, release, timed  # noqa: E402

REPEAT = 7


def row(name: str, times: list[float], baseline: float) -> float:
    median = statistics.median(times)
    print(f"{name:<46}{median * 1e3:>8.1f} ms{max(times) * 1e3:>8.1f} ms{median / baseline:>8.1f}x")
    return median


def main() -> None:
    home = open_page("pages/home.py")
    baseline = statistics.median(
        timed(home, lambda at, v=v: release(at, {"coin": 0.1 + v / 20}, run=False))
        for v in range(REPEAT)
    )
    print(f"baseline: home page coin released, median of {REPEAT}: {baseline * 1e3:.1f} ms")
    print(f"{'interaction (N = 100,000)':<46}{'median':>11}{'max':>11}{'ratio':>9}")
    worst = 0.0
    mle = open_page("pages/mle.py", n="100000")
    for family in ("norm", "laplace", "logistic"):
        mle.selectbox(key="family").set_value(family).run()
        times = [timed(mle, lambda at: at.button(key="redraw").click()) for _ in range(REPEAT)]
        worst = max(worst, row(f"/mle ({family}): draw a new sample", times, baseline))
    samples = open_page("pages/samples.py", n="100000")
    times = [timed(samples, lambda at: at.button(key="redraw").click()) for _ in range(REPEAT)]
    worst = max(worst, row("/samples: draw new samples (MC, hist., k-NN)", times, baseline))
    times = [
        timed(samples, lambda at, k=k: at.number_input(key="k").set_value(k))
        for k in range(2, 2 + REPEAT)
    ]
    worst = max(worst, row("/samples: change k", times, baseline))
    times = [
        timed(samples, lambda at, w=w: at.number_input(key="width").set_value(0.1 + 0.05 * w))
        for w in range(REPEAT)
    ]
    worst = max(worst, row("/samples: change the bin width", times, baseline))
    print(
        f"slowest interaction (median) {worst * 1e3:.1f} ms, target <= 200 ms: "
        f"{'OK' if worst <= 0.200 else 'MISSED'}"
    )

    rng = np.random.default_rng(0)
    x, y = rng.normal(0, 1, 10_000), rng.normal(1, 1, 10_000)
    ours, tree = [], []
    for _ in range(21):
        start = time.perf_counter()
        kl_core.kl_knn(x, y)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        cKDTree(x[:, None]).query(x[:, None], k=2)
        cKDTree(y[:, None]).query(x[:, None], k=1)
        tree.append(time.perf_counter() - start)
    m_ours, m_tree = statistics.median(ours), statistics.median(tree)
    print(
        f"k-NN estimate, n = m = 10,000 in 1-D: {m_ours * 1e3:.2f} ms; cKDTree queries alone "
        f"{m_tree * 1e3:.2f} ms; ratio {m_ours / m_tree:.2f}x; target <= 50 ms: "
        f"{'OK' if m_ours <= 0.050 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
