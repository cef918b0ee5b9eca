"""Fixtures for the live explorer's JavaScript maths, computed by kl_core.

``python -m tests.ui.live_fixtures`` rewrites kl_ui/live/web/test/fixtures.json;
tests/ui/test_live_math.py fails if the file differs from what kl_core computes now, and
``node --test kl_ui/live/web/test/`` (run by ``make test``) checks the JavaScript against it.
JSON has no infinity: ∞ is written as the string "inf".
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from scipy import stats

import kl_core
from kl_ui.numbers import format_value

PATH = Path(__file__).resolve().parents[2] / "kl_ui" / "live" / "web" / "test" / "fixtures.json"


def _number(value: float):
    return "inf" if math.isinf(value) else float(value)


def _vectors() -> list[tuple[list[float], list[float]]]:
    """Pairs of probability vectors: coins, dice, zeros on either side, tiny masses."""
    rng = np.random.default_rng(20261201)
    pairs = [
        ([0.5, 0.5], [0.9, 0.1]),
        ([0.5, 0.5], [0.5, 0.5]),
        ([1.0, 0.0], [0.5, 0.5]),
        ([0.5, 0.5], [1.0, 0.0]),  # ∞: Q gives 0 to outcome 1
        ([0.2, 0.0, 0.8], [0.1, 0.3, 0.6]),
        ([1e-300, 1 - 1e-300], [0.5, 0.5]),
        ([0.25, 0.25, 0.25, 0.25], [0.7, 0.1, 0.1, 0.1]),
    ]
    for size in (2, 3, 6, 20):
        for _ in range(3):
            p, q = rng.dirichlet(np.ones(size)), rng.dirichlet(np.ones(size))
            if size > 3:
                p[rng.integers(size)] = 0.0  # P = 0 somewhere
                p = p / p.sum()
            pairs.append((p.tolist(), q.tolist()))
    return pairs


def _normals() -> list[tuple[float, float, float, float]]:
    rng = np.random.default_rng(7)
    pairs = [(0.0, 1.0, 1.0, 2.0), (0.0, 1.0, 0.0, 1.0), (3.0, 0.1, -3.0, 10.0)]
    pairs += [
        (float(rng.uniform(-10, 10)), float(rng.uniform(0.1, 10)),
         float(rng.uniform(-10, 10)), float(rng.uniform(0.1, 10)))
        for _ in range(20)
    ]  # fmt: skip
    return pairs


def fixtures() -> dict:
    """Every case with kl_core's values in every unit."""
    discrete = []
    for p, q in _vectors():
        for unit, base in kl_core.UNIT_BASES.items():
            discrete.append(
                {
                    "p": p,
                    "q": q,
                    "unit": unit,
                    "kl": _number(kl_core.kl_divergence(p, q, base=base)),
                    "terms": [_number(t) for t in kl_core.kl_terms(p, q, base=base)],
                    "entropy": _number(kl_core.entropy(p, base=base)),
                    "cross_entropy": _number(kl_core.cross_entropy(p, q, base=base)),
                    "offending": [int(i) for i in kl_core.support_violations(p, q)],
                    "jensen": _jensen(kl_core.jensen_proof(p, q, base=base)),
                }
            )
    normal = []
    for m1, s1, m2, s2 in _normals():
        for unit, base in kl_core.UNIT_BASES.items():
            result = kl_core.kl_details(stats.norm(m1, s1), stats.norm(m2, s2), base=base)
            assert result.method is kl_core.Method.CLOSED_FORM
            normal.append({"p": [m1, s1], "q": [m2, s2], "unit": unit, "kl": result.value})
    return {
        "discrete": discrete,
        "normal": normal,
        "formatted": _formatted(),
        "densities": _densities(),
        "closed_forms": _closed_forms(),
        "tables": _tables(),
        "proof_tables": _proof_tables(),
    }


# (P spec, Q spec, the handle moved): pairs the browser has no closed form for.
TABLE_CASES = [
    ("norm(loc=0, scale=1)", "t(df=3, loc=0, scale=1)", "P_loc"),
    ("norm(loc=0, scale=1)", "t(df=3, loc=0, scale=1)", "P_scale"),
    ("norm(loc=0, scale=1)", "t(df=3, loc=0, scale=1)", "Q_df"),
    ("t(df=3, loc=0, scale=1)", "norm(loc=1, scale=2)", "Q_scale"),
    ("gamma(a=2, loc=0, scale=1)", "lognorm(s=0.5, loc=0, scale=1)", "P_a"),
    ("lognorm(s=0.5, loc=0, scale=1)", "gamma(a=2, loc=0, scale=1)", "Q_scale"),
    ("norm(loc=0, scale=1)", "laplace(loc=0, scale=1)", "P_loc"),
    ("expon(loc=0, scale=1)", "uniform(loc=0, scale=5)", "P_scale"),
    ("uniform(loc=0, scale=1)", "norm(loc=0, scale=1)", "P_loc"),
    ("mixture(norm(loc=-2, scale=1), norm(loc=2, scale=1), weights=[0.5, 0.5])",
     "norm(loc=0, scale=1)", "P_w"),
    ("mixture(norm(loc=-2, scale=1), norm(loc=2, scale=1), weights=[0.5, 0.5])",
     "norm(loc=0, scale=1)", "Q_scale"),
]  # fmt: skip
TABLE_POINTS = 61  # where kl_core's exact value is checked against the interpolation


def _tables() -> list[dict]:
    """Each case's table as the page sends it (kl_ui.live.densities.tables), kl_core's
    exact D(P‖Q) and D(Q‖P) at TABLE_POINTS positions of the handle between its ends,
    and kl_ui.live.tables.interpolate's value there (the browser must agree with it)."""
    from kl_ui.live import densities
    from kl_ui.live.tables import interpolate, position

    cases = []
    for p_spec, q_spec, name in TABLE_CASES:
        laws = {"P": kl_core.parse_distribution(p_spec), "Q": kl_core.parse_distribution(q_spec)}
        handles, values, model = densities.pair_handles(laws)
        handle = next(h for h in handles if h.name == name)
        table = densities.tables(laws, model, [handle], values)[name]
        side, param = name.split("_", 1)
        w = position(np.array(table["x"]), table["log"])
        points = []
        for x in np.linspace(handle.low, handle.high, TABLE_POINTS + 2)[1:-1]:
            moved = {
                s: families_spec(model[s], values, s, param if s == side else None, float(x))
                for s in ("P", "Q")
            }
            p, q = (kl_core.parse_distribution(moved[s]) if moved[s] else laws[s] for s in "PQ")
            at = float(position(x, table["log"]))
            row = {"x": float(x)}
            for direction, (a, b) in (("forward", (p, q)), ("reverse", (q, p))):
                nodes = [math.inf if v is None else v for v in table[direction]]
                row[direction] = _number(kl_core.kl(a, b))
                guess = interpolate(w, nodes, at)
                row[f"{direction}_interpolated"] = guess
            points.append(row)
        cases.append({"p": p_spec, "q": q_spec, "table": table, "points": points})
    return cases


# (P spec, Q spec, the handle moved): the proof page's continuous pairs.
PROOF_TABLE_CASES = [
    ("uniform(loc=0, scale=1)", "norm(loc=0.5, scale=0.5)", "P_loc"),
    ("uniform(loc=0, scale=1)", "norm(loc=0.5, scale=0.5)", "P_scale"),
    ("uniform(loc=0, scale=1)", "norm(loc=0.5, scale=0.5)", "Q_loc"),
    ("uniform(loc=0, scale=1)", "norm(loc=0.5, scale=0.5)", "Q_scale"),
    ("norm(loc=0, scale=1)", "t(df=3, loc=0, scale=1)", "Q_df"),
    ("gamma(a=2, loc=0, scale=1)", "expon(loc=0, scale=2)", "P_a"),
]  # fmt: skip


def _proof_tables() -> list[dict]:
    """Each case's proof table as the proof page sends it (kl_ui.live.densities), and
    kl_core's exact D and two gaps (nats) at TABLE_POINTS positions of the handle."""
    from kl_ui.live import densities
    from kl_ui.views.continuous import PROOF_NUMBERS, proof_table

    cases = []
    for p_spec, q_spec, name in PROOF_TABLE_CASES:
        laws = {"P": kl_core.parse_distribution(p_spec), "Q": kl_core.parse_distribution(q_spec)}
        handles, values, model = densities.pair_handles(laws)
        handle = next(h for h in handles if h.name == name)
        table = proof_table(*densities.sides(laws, model, values, handle), handle)
        side, param = name.split("_", 1)
        points = []
        for x in np.linspace(handle.low, handle.high, TABLE_POINTS + 2)[1:-1]:
            p, q = (
                kl_core.parse_distribution(
                    families_spec(model[s], values, s, param if s == side else None, float(x))
                )
                for s in "PQ"
            )
            proof = kl_core.jensen_proof(p, q)
            points.append({"x": float(x)} | {n: _number(getattr(proof, n)) for n in PROOF_NUMBERS})
        cases.append({"p": p_spec, "q": q_spec, "table": table, "points": points})
    return cases


def families_spec(side_model: dict, values: dict, side: str, param, x: float) -> str | None:
    """The spec of a slider family's side with `param` at `x` (None: a typed side)."""
    from kl_ui.families import BY_NAME

    if side_model["family"] is None:
        return None
    chosen = {name: values[f"{side}_{name}"] for name in side_model["params"]}
    if param is not None:
        chosen[param] = x
    return BY_NAME[side_model["family"]].spec(chosen)


def _jensen(proof) -> dict:
    """kl_core's Jensen proof quantities (∞ and −∞ as strings)."""

    def number(value: float):
        return "-inf" if value == -math.inf else _number(value)

    return {
        "ratios": [number(r) for r in proof.ratios],
        "weights": [float(w) for w in proof.weights],
        **{
            name: number(getattr(proof, name))
            for name in ("mean_log_ratio", "mean_ratio", "log_mean_ratio", "jensen_gap",
                         "support_gap", "divergence")
        },
    }  # fmt: skip


def _closed_forms() -> list[dict]:
    """Pairs of the slider families with a kl_core closed form, at random parameters
    (same loc half of the time, where a formula needs it): kl_core's value when it used
    the closed form, else None (the browser must then not claim one)."""
    from kl_ui.families import BY_NAME

    rng = np.random.default_rng(19)
    cases = []
    pairs = [pair for pair in kl_core.registered_pairs() if all(f in BY_NAME for f in pair)]
    for family_p, family_q in pairs:
        for i in range(8):
            laws = []
            for family in (family_p, family_q):
                params = {
                    h.name: float(np.round(rng.uniform(max(h.low, -3), min(h.high, 6)), 2))
                    for h in BY_NAME[family].params
                }
                laws.append({"family": family, "params": params})
            if i % 2 == 0:
                laws[1]["params"]["loc"] = laws[0]["params"]["loc"]
                if family_p == family_q == "beta":
                    laws[1]["params"]["scale"] = laws[0]["params"]["scale"]
            p, q = (getattr(stats, law["family"])(**law["params"]) for law in laws)
            result = kl_core.kl_details(p, q)
            closed = result.method is kl_core.Method.CLOSED_FORM
            cases.append({"p": laws[0], "q": laws[1], "kl": result.value if closed else None})
    return cases


# Each slider family of the continuous explorer at a few parameter sets (scipy's names).
DENSITY_CASES = [
    ("norm", {"loc": 0.5, "scale": 2.0}),
    ("laplace", {"loc": -1.0, "scale": 0.5}),
    ("cauchy", {"loc": 0.0, "scale": 3.0}),
    ("expon", {"loc": -2.0, "scale": 1.5}),
    ("uniform", {"loc": -1.0, "scale": 4.0}),
    ("t", {"df": 0.5, "loc": 0.0, "scale": 1.0}),
    ("t", {"df": 3.0, "loc": 1.0, "scale": 2.0}),
    ("t", {"df": 30.0, "loc": 0.0, "scale": 0.1}),
    ("gamma", {"a": 0.2, "loc": 0.0, "scale": 1.0}),
    ("gamma", {"a": 2.0, "loc": 1.0, "scale": 3.0}),
    ("gamma", {"a": 20.0, "loc": -5.0, "scale": 0.5}),
    ("beta", {"a": 2.0, "b": 5.0, "loc": 0.0, "scale": 1.0}),
    ("beta", {"a": 0.2, "b": 20.0, "loc": -1.0, "scale": 3.0}),
    ("lognorm", {"s": 0.5, "loc": 0.0, "scale": 1.0}),
    ("lognorm", {"s": 3.0, "loc": 2.0, "scale": 0.1}),
    ("mixture", {"w": 0.3, "mu1": -2.0, "s1": 1.0, "mu2": 2.0, "s2": 0.5}),
    ("mixture", {"w": 1.0, "mu1": 0.0, "s1": 1.0, "mu2": 5.0, "s2": 2.0}),
]


def _densities() -> list[dict]:
    """scipy's log pdf of each case at points inside and outside its support."""
    xs = [-7.5, -2.0, -0.3, 0.0, 1e-3, 0.4, 1.0, 2.5, 9.0]
    cases = []
    for family, params in DENSITY_CASES:
        if family == "mixture":
            w, comps = params["w"], [stats.norm(params["mu1"], params["s1"]),
                                     stats.norm(params["mu2"], params["s2"])]  # fmt: skip
            log_pdf = np.logaddexp(
                np.log(w) + comps[0].logpdf(xs) if w > 0 else -np.inf,
                np.log1p(-w) + comps[1].logpdf(xs) if w < 1 else -np.inf,
            )
        else:
            log_pdf = getattr(stats, family)(**params).logpdf(xs)
        cases.append(
            {
                "family": family,
                "params": params,
                "x": xs,
                "log_pdf": [_number(v) if v != -np.inf else "-inf" for v in log_pdf],
            }
        )
    return cases


def _formatted() -> list[dict]:
    """Numbers as kl_ui.numbers writes them: every branch (noise, fixed, scientific, ∞)."""
    rng = np.random.default_rng(11)
    values = [0.0, -0.0, 2.2e-16, -3e-13, 1e-3, 9.99949e-4, 0.51082562, -0.0000123, 2.0]
    values += [99999.99994, 1e5, 1234567.0, 1e300, 5e-324, float("inf"), float("-inf")]
    values += [float(v) for v in 10 ** rng.uniform(-8, 8, 40) * rng.choice([-1, 1], 40)]
    return [
        {
            "value": _number(v) if v != float("-inf") else "-inf",
            "unit": unit,
            "text": format_value(v, unit),
        }
        for v in values
        for unit in ("nats", "bits")
    ]


def text() -> str:
    return json.dumps(fixtures(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    PATH.write_text(text())
    print(f"wrote {PATH}")
