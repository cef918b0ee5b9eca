"""kl_ui.cache and kl_ui.views: shared, bounded caches whose values cannot be changed in
place; and plotly serialising figures with orjson, with the same JSON as its json engine."""

from __future__ import annotations

import json

import numpy as np
import plotly.io
import pytest

import kl_core
from kl_core import lessons
from kl_ui import cache, theme
from kl_ui.views import asymmetry as asymmetry_view
from kl_ui.views import common, mle


def test_a_hit_returns_the_same_object_and_its_arrays_are_read_only():
    first = common.curves("norm(loc=0, scale=1)", "norm(loc=1, scale=2)", None)
    again = common.curves("norm(loc=0, scale=1)", "norm(loc=1, scale=2)", None)
    assert again is first
    with pytest.raises(ValueError, match="read-only"):
        first.x[0] = 99.0
    expected = lessons.density_curves(
        kl_core.parse_distribution("norm(loc=0, scale=1)"),
        kl_core.parse_distribution("norm(loc=1, scale=2)"),
        first.x,
    )
    np.testing.assert_array_equal(first.p, expected.p)


def test_nested_arrays_in_dataclasses_are_read_only():
    view = mle.population_view("norm(loc=0, scale=1)", "norm", None)
    assert not view.mu.flags.writeable  # in a frozen dataclass
    assert not view.convergence.divergences.flags.writeable  # in a dataclass in one
    with pytest.raises(ValueError, match="read-only"):
        view.expected += 1


def test_a_different_argument_is_a_different_entry():
    one = common.details("norm(loc=0, scale=1)", "norm(loc=1, scale=1)", None)
    bits = common.details("norm(loc=0, scale=1)", "norm(loc=1, scale=1)", 2.0)
    assert one.value == pytest.approx(0.5)
    assert bits.value == pytest.approx(0.5 / np.log(2))


def test_errors_are_raised_every_time_and_not_cached():
    for _ in range(2):
        with pytest.raises(ValueError, match="scale > 0"):
            common.distribution("norm(scale=-1)")
    assert common.distribution("norm(loc=0, scale=1)").std() == 1.0


def test_each_cache_is_bounded():
    @cache.shared(maxsize=3)
    def square(x):
        return np.array([x * x])

    for x in range(10):
        square(x)
    assert square.cache_info().currsize == 3
    assert square(9)[0] == 81


def test_clear_empties_every_cache():
    common.details("norm(loc=0, scale=1)", "norm(loc=2, scale=1)", None)
    assert common.details.cache_info().currsize >= 1
    cache.clear()
    assert common.details.cache_info().currsize == 0


def test_plotly_serialises_with_orjson_and_the_same_json_as_its_json_engine():
    """orjson is in requirements.txt for this: plotly's "auto" engine picks it."""
    from plotly.io._json import JsonConfig

    assert plotly.io.json.config.default_engine == "auto"
    JsonConfig.validate_orjson()  # raises if orjson is not importable
    figure = theme.spec_figure(
        [
            dict(type="scatter", x=np.linspace(0, 1, 50), y=np.array([np.nan, np.inf] * 25)),
            dict(type="heatmap", z=np.arange(12.0).reshape(3, 4), text="<b>x</b>"),
        ],
        dict(annotations=[dict(text="D(P‖Q) = ∞ nats")]),
        title="a <script> title",
        frames=[dict(name="0", data=[dict(y=np.ones(3))])],
    )
    fast = plotly.io.to_json(figure, validate=False, engine="orjson")
    plain = plotly.io.to_json(figure, validate=False, engine="json")
    assert plotly.io.to_json(figure, validate=False) == fast  # what Streamlit calls
    assert json.loads(fast) == json.loads(plain)
    assert "<script>" not in fast  # plotly escapes it, as with its json engine


def test_cached_asymmetry_figures_match_figures_built_afresh():
    """The cached sweep and map figures are the ones the page built before they were
    cached: same JSON, opened at Q's current location, and marked at Q's current place."""
    from kl_ui import asymmetry, figures

    p_spec, q_spec = "norm(loc=0, scale=1)", "norm(loc=0.37, scale=2)"
    sweep = asymmetry_view.live_sweep(p_spec, q_spec, "Q", "loc", "nats", None)
    assert asymmetry_view.live_sweep(p_spec, q_spec, "Q", "loc", "nats", None) is sweep

    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    grid_view = asymmetry_view.sweep_view(
        p_spec, asymmetry.template_spec(q, "loc"), "Q", "loc", None
    )
    forward, reverse = kl_core.kl_details(p, q).value, kl_core.kl_details(q, p).value
    view, index = asymmetry.with_current(grid_view, q, p, "loc", forward, reverse)
    assert view.values[index] == 0.37  # slotted in: not a grid point
    assert sweep.index == index
    assert sweep.values[index] == 0.37
    assert sweep.specs[index] == q_spec  # the release at this point keeps Q as it is
    assert sweep.forward[index] == forward
    fresh_curves = figures.sweep_curves(
        view.values, view.forward, view.reverse, 0.37, "Q's loc", "nats"
    )
    assert plotly.io.to_json(sweep.curves) == plotly.io.to_json(fresh_curves)

    template = asymmetry.template_spec(q, "loc", "scale")
    grid = asymmetry_view.divergence_map(p_spec, template, None)
    fresh_maps = figures.divergence_maps(grid, "nats")
    in_bits = asymmetry_view.map_figures(p_spec, template, "bits", None)
    in_nats = asymmetry_view.map_figures(p_spec, template, "nats", None)
    for fresh, bits, nats in zip(fresh_maps, in_bits, in_nats, strict=True):
        assert plotly.io.to_json(bits) != plotly.io.to_json(fresh)
        assert plotly.io.to_json(nats) == plotly.io.to_json(fresh)


@pytest.mark.parametrize(
    ("p_spec", "q_spec"),
    [
        ("norm(loc=0, scale=0.05)", "norm(loc=0, scale=10)"),  # a narrow peak, wide window
        ("cauchy(loc=0, scale=0.1)", "norm(loc=5, scale=1)"),
        ("mixture(norm(loc=-6, scale=0.1), norm(loc=6, scale=2))", "t(df=3, loc=0, scale=1)"),
        ("uniform(loc=0, scale=2)", "norm(loc=1, scale=2)"),
        ("triang(c=0.3, loc=0, scale=1)", "norm(loc=0, scale=1)"),
    ],
)
def test_density_curves_draw_every_peak_within_one_percent(p_spec, q_spec):
    curves = common.curves(p_spec, q_spec, None)
    for spec, drawn in ((p_spec, curves.p), (q_spec, curves.q)):
        law = kl_core.parse_distribution(spec)
        fine = np.linspace(curves.x[0], curves.x[-1], 2_000_001)  # the true peak, densely
        assert drawn.max() >= 0.99 * law.pdf(fine).max(), spec


def test_identical_calls_at_once_compute_once_and_share_the_result():
    import threading
    import time

    runs = []

    @cache.shared()
    def slow(x):
        runs.append(x)
        time.sleep(0.2)
        return np.array([x])

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(7))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert runs == [7]
    assert all(result is results[0] for result in results)


def test_at_most_a_few_computations_run_at_once_and_nested_calls_never_wait():
    import threading
    import time

    running, most = [0], [0]
    lock = threading.Lock()

    @cache.shared()
    def inner(x):
        return x

    @cache.shared()
    def outer(x):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        value = inner(x)  # runs inside outer's admission: no deadlock when all are taken
        with lock:
            running[0] -= 1
        return value

    threads = [threading.Thread(target=outer, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not any(thread.is_alive() for thread in threads)
    assert most[0] == cache.HEAVY_AT_ONCE


def test_a_failed_computation_raises_for_every_waiter_and_is_not_cached():
    import threading
    import time

    calls = []

    @cache.shared()
    def broken(x):
        calls.append(x)
        time.sleep(0.1)
        raise ValueError("`x` is wrong")

    errors = []

    def call():
        try:
            broken(1)
        except ValueError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=call) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == ["`x` is wrong"] * 3
    assert calls == [1]
    with pytest.raises(ValueError, match="wrong"):
        broken(1)
    assert calls == [1, 1]
