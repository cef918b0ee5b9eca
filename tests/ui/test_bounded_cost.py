"""A costly link costs a bounded amount (issue 16 §3): the map's arrays are built in
blocks, its grid and a shape sweep shrink for a costly P, and a sweep that cannot fit
is refused on the page with a message."""

import tracemalloc

import kl_core
from harness.apptest import live_views
from harness.links import T_HALF, heavy_mixture, normal_mixture
from kl_core import lessons
from kl_ui import asymmetry
from tests.app.conftest import assert_healthy, first_load

# Built at import, while pytest collects and no other thread runs: a first mixture of
# these families makes scipy parse its own source, and CPython 3.11's parser fails if
# another thread (a script an AppTest still runs) parses at the same moment (gh-106905).
HEAVY = kl_core.parse_distribution(heavy_mixture())
T = kl_core.parse_distribution(T_HALF)


def test_the_map_of_a_20_component_mixture_stays_within_memory():
    p, q = HEAVY, T
    lessons.kl_map(p, q, asymmetry.MAP_LOCS[:2], asymmetry.MAP_SCALES[:2], level=4)  # warm
    tracemalloc.start()
    lessons.kl_map(p, q, asymmetry.MAP_LOCS, asymmetry.MAP_SCALES, level=4)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 80e6  # (3600 θ x ~3000 nodes) at once took 311 MB


def test_the_map_grid_is_full_for_ordinary_laws_and_coarser_for_costly_ones():
    q = kl_core.parse_distribution(T_HALF)
    ordinary = kl_core.parse_distribution("mixture(norm(-2, 1), norm(2, 1))")
    costly = kl_core.parse_distribution(normal_mixture(20))
    assert len(asymmetry.map_axes(ordinary, q)[0]) == asymmetry.MAP_POINTS
    locs, scales = asymmetry.map_axes(costly, q)
    assert asymmetry.MAP_MIN_POINTS <= len(locs) == len(scales) < asymmetry.MAP_POINTS


def test_a_shape_sweep_keeps_41_values_for_ordinary_laws_and_fewer_for_costly_ones():
    q = T
    ordinary = kl_core.parse_distribution("norm(loc=0, scale=1)")
    costly = HEAVY
    assert asymmetry.sweep_points(ordinary, q, "df") == asymmetry.SWEEP_POINTS
    assert asymmetry.sweep_points(costly, q, "loc") == asymmetry.SWEEP_POINTS
    assert asymmetry.sweep_points(costly, q, "df") < asymmetry.SWEEP_MIN_POINTS


def test_a_sweep_beyond_the_budget_is_refused_with_a_message_and_the_map_still_shows():
    at = first_load("pages/asymmetry.py", P=heavy_mixture(), Q=T_HALF, vary="Q", param="df")
    assert_healthy(at)
    assert any("more work than one page may take" in i.value for i in at.info)
    (maps,) = live_views(at)  # no live sweep: only the maps
    assert len(maps["maps"]) == 3
    assert at.metric  # both divergences are still shown
