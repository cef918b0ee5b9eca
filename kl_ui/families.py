"""Slider families of the continuous explorer: parameters, ranges and spec text."""

from __future__ import annotations

from dataclasses import dataclass

from kl_core.distributions import as_law, mixture_components
from kl_ui.handles import Handle


def _loc(default=0.0):
    return Handle("loc", "location", -10.0, 10.0, 0.1, default)


def _scale(default=1.0, label="scale"):
    return Handle("scale", label, 0.1, 10.0, 0.05, default)


@dataclass(frozen=True)
class Family:
    name: str  # scipy's name, or "mixture"
    label: str
    params: tuple[Handle, ...]

    def spec(self, values: dict[str, float]) -> str:
        """The spec text for parameter `values` (missing ones take their defaults)."""
        v = {p.name: values.get(p.name, p.default) for p in self.params}
        if self.name == "mixture":
            w = v["w"]
            return (
                f"mixture(norm(loc={_n(v['mu1'])}, scale={_n(v['s1'])}), "
                f"norm(loc={_n(v['mu2'])}, scale={_n(v['s2'])}), "
                f"weights=[{_n(w)}, {_n(round(1 - w, 12))}])"
            )
        args = ", ".join(f"{name}={_n(value)}" for name, value in v.items())
        return f"{self.name}({args})"

    @property
    def default_spec(self) -> str:
        return self.spec({})


def _n(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.10g}"


FAMILIES: tuple[Family, ...] = (
    Family("norm", "Normal", (_loc(), _scale())),
    Family("laplace", "Laplace", (_loc(), _scale())),
    Family(
        "t",
        "Student-t",
        (Handle("df", "degrees of freedom ν", 0.5, 30.0, 0.5, 3.0), _loc(), _scale()),
    ),
    Family("cauchy", "Cauchy", (_loc(), _scale())),
    Family("expon", "Exponential", (_loc(), _scale())),
    Family("gamma", "Gamma", (Handle("a", "shape a", 0.2, 20.0, 0.1, 2.0), _loc(), _scale())),
    Family(
        "beta",
        "Beta",
        (
            Handle("a", "shape a", 0.2, 20.0, 0.1, 2.0),
            Handle("b", "shape b", 0.2, 20.0, 0.1, 5.0),
            _loc(),
            _scale(label="width"),
        ),
    ),
    Family(
        "lognorm", "Log-normal", (Handle("s", "σ of log x", 0.1, 3.0, 0.05, 0.5), _loc(), _scale())
    ),
    Family("uniform", "Uniform", (_loc(), Handle("scale", "width", 0.1, 20.0, 0.1, 1.0))),
    Family(
        "mixture",
        "Mixture of two normals",
        (
            Handle("w", "weight of component 1", 0.0, 1.0, 0.05, 0.5),
            Handle("mu1", "location 1", -10.0, 10.0, 0.1, -2.0),
            Handle("s1", "scale 1", 0.1, 10.0, 0.05, 1.0),
            Handle("mu2", "location 2", -10.0, 10.0, 0.1, 2.0),
            Handle("s2", "scale 2", 0.1, 10.0, 0.05, 1.0),
        ),
    ),
)
BY_NAME = {f.name: f for f in FAMILIES}
OTHER = "other"  # a typed spec outside the slider families


def label(name: str) -> str:
    """A family's name as the pickers show it ("Normal" for ``norm``).

    Examples
    --------
    >>> label("norm"), label("logistic")
    ('Normal', 'Logistic')
    """
    family = BY_NAME.get(name)
    return family.label if family else name.capitalize()


def slider_values(dist) -> tuple[str, dict[str, float]]:
    """The slider family and parameter values that describe `dist`, or (OTHER, {})."""
    components = mixture_components(dist) if not hasattr(dist, "dist") else None
    if components is not None:
        laws = [as_law(c) for c in components]
        if len(laws) == 2 and all(law.family == "norm" for law in laws):
            w = float(dist.weights[0])
            a, b = laws
            return "mixture", {"w": w, "mu1": a.loc, "s1": a.scale, "mu2": b.loc, "s2": b.scale}
        return OTHER, {}
    law = as_law(dist)
    family = BY_NAME.get(law.family)
    if family is None:
        return OTHER, {}
    values = {**law.shapes, "loc": law.loc, "scale": law.scale}
    return family.name, {p.name: values[p.name] for p in family.params}
