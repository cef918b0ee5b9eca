"""kl_ui.live.tables and the continuous explorer's tables: kl_core's values at the
nodes, the interpolant between them, and where the browser must wait instead."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kl_core
from kl_ui.families import BY_NAME
from kl_ui.handles import Handle
from kl_ui.live import densities, tables

LOC = Handle("P_loc", "P location", -10.0, 10.0, 0.1, 0.0)
SCALE = Handle("Q_scale", "Q scale", 0.1, 10.0, 0.05, 1.0)


def test_nodes_span_the_range_evenly_in_their_coordinate():
    x = tables.nodes(LOC)
    assert (x[0], x[-1], len(x)) == (-10.0, 10.0, tables.NODES)
    u = tables.coordinates(x, *tables.spacing(LOC))
    assert np.allclose(np.diff(u), (u[-1] - u[0]) / (tables.NODES - 1))
    y = tables.nodes(SCALE)
    assert (y[0], y[-1]) == (0.1, 10.0)
    log, center, width = tables.spacing(SCALE)
    assert (log, center, width) == (True, 0.0, pytest.approx(math.log(100) / 20))
    u = tables.coordinates(y, log, center, width)
    assert np.allclose(np.diff(u), (u[-1] - u[0]) / (tables.NODES - 1))


@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3), st.floats(0, 1), st.floats(0, 4))
def test_a_quadratic_is_interpolated_exactly_however_the_nodes_are_spaced(a, b, c, t, start):
    w = start + np.sinh(np.linspace(-2, 2, 9))  # as the tables' nodes: dense in the middle
    y = a * w**2 + b * w + c + 250  # a divergence's table: positive on all of w
    at = w[0] + (w[-1] - w[0]) * t
    exact = a * at**2 + b * at + c + 250
    assert tables.interpolate(w, y, at) == pytest.approx(max(exact, 0.0))
    assert max(tables.errors(w, y)) < 1e-6  # so the bound shown is as small


def test_next_to_infinity_the_browser_waits():
    u = np.arange(9.0)
    y = [1, 2, 3, math.inf, 5, 6, 7, 8, 9]
    assert tables.interpolate(u, y, 2.5) is None  # a node of the gap is ∞
    assert tables.interpolate(u, y, 1.5) is not None  # a one-sided slope will do
    bounds = tables.errors(u, y)
    assert bounds[2] is None
    assert bounds[3] is None
    assert all(b is not None and b >= 0 for b in bounds[6:])


def _tables(p_spec: str, q_spec: str) -> dict:
    laws = {"P": kl_core.parse_distribution(p_spec), "Q": kl_core.parse_distribution(q_spec)}
    handles, values, model = densities.pair_handles(laws)
    return densities.tables(laws, model, handles, values)


def test_each_table_holds_kl_cores_values_at_its_nodes():
    found = _tables("norm(loc=0, scale=1)", "t(df=3, loc=0, scale=1)")
    assert sorted(found) == ["P_loc", "P_scale", "Q_df", "Q_loc", "Q_scale"]
    df = found["Q_df"]
    for x, forward, reverse in zip(df["x"], df["forward"], df["reverse"], strict=True):
        p = kl_core.parse_distribution("norm(loc=0, scale=1)")
        q = kl_core.parse_distribution(BY_NAME["t"].spec({"df": x}))
        assert forward == kl_core.kl(p, q)
        assert (math.inf if reverse is None else reverse) == kl_core.kl(q, p)  # None: ∞


def test_a_handles_nodes_are_densest_where_it_is():
    for loc in (0.0, 2.5, -7.0):
        x = np.array(_tables(f"norm(loc={loc}, scale=1)", "t(df=3)")["P_loc"]["x"])
        gaps = np.diff(x)
        here = np.searchsorted(x, loc) - 1  # the gap where the hand starts
        assert gaps[here] < 1.05 * min(gaps)
        assert max(gaps) > 4 * min(gaps)


def test_infinity_by_support_is_none_in_the_table_and_the_error():
    # P = uniform(loc, 1) inside Q = uniform(0, 5) only for loc in [0, 4].
    table = _tables("uniform(loc=0, scale=1)", "uniform(loc=0, scale=5)")["P_loc"]
    inside = [0 <= x <= 4 for x in table["x"]]
    assert [v is not None for v in table["forward"]] == inside
    assert all(e is None for e, ok in zip(table["forward_error"], inside) if not ok)
