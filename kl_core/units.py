"""Units of information: one place that turns nats into bits, hartleys or any log base.

Every function in :mod:`kl_core` computes in nats (natural logarithm) and converts
at the very end through :func:`convert_from_nats`, so a value is never converted twice.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["UNIT_BASES", "convert_from_nats", "log_in_base", "unit_name"]

#: The named units and their log bases; ``None`` is the natural logarithm.
UNIT_BASES: dict[str, float | None] = {"nats": None, "bits": 2.0, "hartleys": 10.0}


def _base_iv(base, name: str = "base") -> float | None:
    """Validate a log base: None (nats) or a finite positive number other than 1."""
    if base is None:
        return None
    if isinstance(base, bool) or not isinstance(base, (int, float, np.integer, np.floating)):
        raise ValueError(
            f"`{name}` must be None (nats), 2 (bits), 10 (hartleys) or another positive "
            f"number other than 1 (got {base!r})"
        )
    value = float(base)
    if not math.isfinite(value) or value <= 0 or value == 1:
        raise ValueError(
            f"`{name}` must be a finite positive number other than 1, e.g. None (nats), "
            f"2 (bits) or 10 (hartleys) (got {base!r})"
        )
    return value


def convert_from_nats(value, base=None):
    """Express a value measured in nats in the unit of logarithm base `base`.

    Parameters
    ----------
    value : float or array_like
        An information quantity in nats. ``inf`` stays ``inf``.
    base : None or float, optional
        ``None`` (nats, the default), ``2`` (bits), ``10`` (hartleys) or any
        positive number other than 1.

    Returns
    -------
    float or ndarray
        ``value / ln(base)``; a float for scalar input.

    Examples
    --------
    >>> round(convert_from_nats(1.0, base=2), 6)
    1.442695
    >>> convert_from_nats(float("inf"), base=10)
    inf
    """
    b = _base_iv(base)
    if b is None:
        return value
    if isinstance(value, (float, int)):
        return value / math.log(b)
    return np.asarray(value) / math.log(b)


def unit_name(base=None) -> str:
    """The name of the unit of log base `base`.

    Examples
    --------
    >>> unit_name(), unit_name(2), unit_name(10), unit_name(3)
    ('nats', 'bits', 'hartleys', 'log₃ units')
    """
    b = _base_iv(base)
    for name, named_base in UNIT_BASES.items():
        if named_base == b:
            return name
    return f"log{_subscript(b)} units"


def _subscript(number: float) -> str:
    text = f"{number:g}"
    return text.translate(str.maketrans("0123456789.-", "₀₁₂₃₄₅₆₇₈₉.₋"))


def log_in_base(x, base=None):
    """log(x) in the given base (``None``: natural log); ``-inf`` at 0, never a warning.

    Examples
    --------
    >>> log_in_base([1.0, 2.0, 0.0], base=2)
    array([  0.,   1., -inf])
    """
    arr = np.asarray(x, dtype=float)
    if np.any(arr < 0) or np.any(np.isnan(arr)):
        raise ValueError("`x` must hold numbers >= 0")
    with np.errstate(divide="ignore"):
        return convert_from_nats(np.log(arr), base)
