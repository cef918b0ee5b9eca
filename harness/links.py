"""Links built to cost the most: heavy-tailed, skewed 20-component mixtures and t with
df < 1, within the parser's limits (bench/budget.py's catalogue, tests/ui/
test_bounded_cost.py, the layout test's scenarios)."""

from __future__ import annotations

HEAVY = (
    "lognorm(s=3, loc=0, scale=1)",
    "pareto(b=0.1, loc=0, scale=1)",
    "invgamma(a=0.1, loc=0, scale=1)",
    "lomax(c=0.1, loc=0, scale=1)",
    "f(dfn=0.1, dfd=0.2, loc=0, scale=1)",
    "levy(loc=0, scale=1)",
    "halfcauchy(loc=0, scale=1)",
    "genextreme(c=-1, loc=0, scale=1)",
    "weibull_min(c=0.2, loc=0, scale=1)",
    "t(df=0.1, loc=0, scale=1)",
)


def heavy_mixture(shift: float = 0.0) -> str:
    parts = [part.replace("loc=0", f"loc={shift:g}") for part in (HEAVY * 2)[:20]]
    return "mixture(" + ", ".join(parts) + ")"


def normal_mixture(k: int) -> str:
    return "mixture(" + ", ".join(f"norm(loc={i}, scale=1)" for i in range(k)) + ")"


T_HALF = "t(df=0.5, loc=0, scale=1)"
