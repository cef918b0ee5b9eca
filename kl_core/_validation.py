"""Private input validators, in scipy's ``_..._iv`` pattern.

Each returns the cleaned input or raises ``ValueError`` naming the argument, what was
wrong and what is allowed.
"""

from __future__ import annotations

import numpy as np

#: Largest deviation of a probability vector's sum from 1 that is taken as rounding.
SUM_TOLERANCE = 1e-8


def array_iv(x, name: str) -> np.ndarray:
    """Turn `x` into a 1-D or 2-D float array, or raise naming `name`."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"`{name}` must be a 1-D or 2-D array of numbers (got {_short(x)})"
        ) from None
    if arr.ndim not in (1, 2):
        raise ValueError(
            f"`{name}` must be a 1-D probability vector or a 2-D array of them, one per row "
            f"(got {arr.ndim} dimensions)"
        )
    if arr.shape[-1] == 0 or arr.size == 0:
        raise ValueError(f"`{name}` is empty; give at least one outcome")
    return arr


def entries_iv(arr: np.ndarray, name: str) -> None:
    """Raise if `arr` holds NaN, infinite or negative entries."""
    if np.isnan(arr).any():
        raise ValueError(f"`{name}` contains NaN; every entry must be a finite number >= 0")
    if np.isinf(arr).any():
        raise ValueError(
            f"`{name}` contains an infinite entry; every entry must be a finite number >= 0"
        )
    if (arr < 0).any():
        where = np.argwhere(arr < 0)[0]
        raise ValueError(
            f"`{name}` has a negative entry ({arr[tuple(where)]:g} at index "
            f"{_index(where)}); entries must be >= 0"
        )


def sums_iv(sums: np.ndarray, name: str) -> None:
    """Raise if any row sum is not 1 (no silent normalisation)."""
    bad = np.abs(sums - 1.0) > SUM_TOLERANCE
    if np.any(bad):
        row = np.argwhere(np.atleast_1d(bad))[0][0]
        got = float(np.atleast_1d(sums)[row])
        where = "" if np.ndim(sums) == 0 else f" in row {row}"
        raise ValueError(
            f"`{name}` must sum to 1 (got {got:.10g}{where}); rescale it explicitly with "
            f"kl_core.normalize({name}) if that is what you mean"
        )


def pmf_iv(x, name: str) -> np.ndarray:
    """Fully validate a probability vector (or a 2-D stack of them)."""
    arr = array_iv(x, name)
    entries_iv(arr, name)
    sums_iv(arr.sum(axis=-1), name)
    return arr


def pair_iv(p, q) -> tuple[np.ndarray, np.ndarray]:
    """Validate shapes of a (p, q) pair; entries and sums are checked by the caller."""
    p_arr = array_iv(p, "p")
    q_arr = array_iv(q, "q")
    if p_arr.shape[-1] != q_arr.shape[-1]:
        raise ValueError(
            f"`p` and `q` must have the same number of outcomes (got {p_arr.shape[-1]} "
            f"and {q_arr.shape[-1]}); give one probability per outcome in both"
        )
    try:
        np.broadcast_shapes(p_arr.shape, q_arr.shape)
    except ValueError:
        raise ValueError(
            f"`p` and `q` have incompatible numbers of rows ({p_arr.shape[0]} and "
            f"{q_arr.shape[0]}); use the same number of rows, or a single 1-D vector"
        ) from None
    return p_arr, q_arr


def _index(where) -> str:
    return str(int(where[0])) if len(where) == 1 else str(tuple(int(i) for i in where))


def _short(x, limit: int = 60) -> str:
    text = repr(x)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pmf_pair_iv(p, q) -> tuple[np.ndarray, np.ndarray]:
    """Fully validate a (p, q) pair of probability vectors (or stacks of them)."""
    p_arr, q_arr = pair_iv(p, q)
    return pmf_iv(p_arr, "p"), pmf_iv(q_arr, "q")
