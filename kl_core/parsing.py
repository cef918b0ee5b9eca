"""Distribution specs as text, in scipy's own names: ``"norm(loc=0, scale=1)"``.

Specs come from URLs and text boxes, so they are parsed with :mod:`ast` and an
allow-list (never ``eval``): one call of a family name from
:data:`kl_core.distributions.FAMILIES` with numeric arguments, or ``mixture(...)`` of
such calls with an optional ``weights=[...]`` list.
"""

from __future__ import annotations

import ast
import math

import numpy as np
from scipy import stats

from kl_core._ast_lock import AST_LOCK
from kl_core.distributions import FAMILIES, as_law, freeze, mixture, mixture_components

__all__ = ["format_distribution", "parse_distribution", "parse_labels", "parse_probabilities"]

MAX_SPEC_LENGTH = 1000
MAX_OUTCOMES = 60
MAX_WEIGHT = 1e9
MAX_LABEL_LENGTH = 24
MAX_COMPONENTS = 20

_ACCEPTED = (
    "a scipy.stats family with numeric parameters, e.g. 'norm(loc=0, scale=1)', "
    "'norm(0, 1)', 'gamma(a=2, scale=1)', 'poisson(mu=3)', or "
    "'mixture(norm(-2, 1), norm(2, 1), weights=[0.3, 0.7])'"
)


def _fail(problem: str) -> ValueError:
    return ValueError(f"`text`: {problem}. Accepted: {_ACCEPTED}")


def _number(node: ast.AST) -> float:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _number(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float))
        and not isinstance(node.value, bool)
    ):
        try:
            value = float(node.value)
        except OverflowError:  # an integer literal beyond 1.8e308 (float(10**400))
            value = math.inf
        if not math.isfinite(value):
            raise _fail("parameters must be finite numbers of at most about 1e308")
        return value
    raise _fail(f"parameters must be plain numbers, not {_source(node)!r}")


def _source(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:39] + "…"


def _parameter_names(rv) -> list[str]:
    shapes = [s.strip() for s in rv.shapes.split(",")] if rv.shapes else []
    return shapes + (["loc"] if isinstance(rv, stats.rv_discrete) else ["loc", "scale"])


def _family_call(node: ast.AST):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        raise _fail(f"expected a call such as norm(0, 1), got {_source(node)!r}")
    name = node.func.id
    if name == "mixture":
        raise _fail("mixtures cannot be nested")
    if name not in FAMILIES:
        raise _fail(f"unknown family {name!r}; known families are {', '.join(FAMILIES)}")
    rv = getattr(stats, name)
    names = _parameter_names(rv)
    if len(node.args) > len(names):
        raise _fail(f"{name} takes at most {len(names)} parameters ({', '.join(names)})")
    params = {n: _number(a) for n, a in zip(names, node.args)}
    for kw in node.keywords:
        if kw.arg not in names:
            raise _fail(
                f"{name} has no parameter {kw.arg!r}; its parameters are {', '.join(names)}"
            )
        if kw.arg in params:
            raise _fail(f"{name} got parameter {kw.arg!r} twice")
        params[kw.arg] = _number(kw.value)
    missing = [n for n in names if n not in ("loc", "scale") and n not in params]
    if missing:
        raise _fail(f"{name} needs {', '.join(missing)}")
    frozen = freeze(name, **params)
    as_law(frozen, "text")  # validates the parameter ranges
    return frozen


def _mixture_call(node: ast.Call):
    if not 1 <= len(node.args) <= MAX_COMPONENTS:
        raise _fail(f"a mixture needs 1 to {MAX_COMPONENTS} components")
    components = [_family_call(arg) for arg in node.args]
    weights = None
    for kw in node.keywords:
        if kw.arg != "weights":
            raise _fail(f"mixture takes components and weights=[...], not {kw.arg!r}")
        if not isinstance(kw.value, (ast.List, ast.Tuple)):
            raise _fail("weights must be a list of numbers, e.g. weights=[0.3, 0.7]")
        weights = [_number(w) for w in kw.value.elts]
    try:
        return mixture(components, weights)
    except ValueError as exc:
        raise _fail(f"invalid mixture ({exc})") from None


def parse_distribution(text: str):
    """Turn a spec such as ``"norm(loc=0, scale=1)"`` into a scipy.stats distribution.

    Parameters
    ----------
    text : str
        A scipy.stats family name with numeric positional or keyword parameters
        (positional order: shapes, then ``loc``, then ``scale``), or
        ``mixture(spec, spec, ..., weights=[...])`` of continuous specs.

    Returns
    -------
    distribution
        A classic frozen scipy distribution, or a ``scipy.stats.Mixture``.

    Raises
    ------
    ValueError
        For anything else, with a message that says what is accepted. The text is
        never evaluated as Python.

    Examples
    --------
    >>> d = parse_distribution("norm(loc=0, scale=2)")
    >>> d.dist.name, float(d.std())
    ('norm', 2.0)
    >>> float(parse_distribution("poisson(mu=3)").mean())
    3.0
    >>> m = parse_distribution("mixture(norm(-2, 1), norm(2, 1), weights=[0.25, 0.75])")
    >>> float(m.mean())
    1.0
    >>> parse_distribution("__import__('os').system('id')")
    Traceback (most recent call last):
    ...
    ValueError: `text`: expected a call such as norm(0, 1), got ... Accepted: ...
    """
    if not isinstance(text, str):
        raise _fail(f"expected a string, got {type(text).__name__}")
    if len(text) > MAX_SPEC_LENGTH:
        raise _fail(f"the spec is {len(text):,} characters long; at most {MAX_SPEC_LENGTH}")
    if not text.strip():
        raise _fail("the spec is empty")
    try:
        with AST_LOCK:  # see kl_core._ast_lock: ast.parse is not thread-safe in 3.11
            tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise _fail("this is not a spec (could not read it)") from None
    node = tree.body
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "mixture":
        return _mixture_call(node)
    return _family_call(node)


def _num(value: float) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_distribution(dist) -> str:
    """Write a distribution as a spec that :func:`parse_distribution` reads back.

    Parameters
    ----------
    dist : scipy.stats distribution
        A classic frozen distribution of a family in :data:`kl_core.FAMILIES`, or a
        mixture made by :func:`kl_core.mixture` or :func:`parse_distribution`.

    Returns
    -------
    str

    Examples
    --------
    >>> from scipy import stats
    >>> format_distribution(stats.norm(0, 1))
    'norm(loc=0, scale=1)'
    >>> format_distribution(stats.gamma(2.5, scale=3))
    'gamma(a=2.5, loc=0, scale=3)'
    >>> format_distribution(parse_distribution("mixture(norm(-1, 1), laplace(2, 0.5))"))
    'mixture(norm(loc=-1, scale=1), laplace(loc=2, scale=0.5), weights=[0.5, 0.5])'
    """
    if isinstance(dist, stats.Mixture):
        components = mixture_components(dist)
        if components is None:
            raise ValueError(
                "`dist` is a scipy.stats.Mixture not built by kl_core.mixture; build it "
                "with kl_core.mixture(components, weights) to format it"
            )
        parts = ", ".join(format_distribution(c) for c in components)
        weights = ", ".join(_num(w) for w in dist.weights)
        return f"mixture({parts}, weights=[{weights}])"
    law = as_law(dist, "dist")
    if law.family not in FAMILIES:
        raise ValueError(
            f"`dist` of family {law.family!r} has no spec; use a family in kl_core.FAMILIES"
        )
    params = dict(law.shapes)
    params["loc"] = law.loc
    if law.kind == "continuous":
        params["scale"] = law.scale
    return f"{law.family}({', '.join(f'{k}={_num(v)}' for k, v in params.items())})"


def parse_probabilities(text: str, name: str = "p") -> np.ndarray:
    """Read comma-separated probabilities such as ``"0.5, 0.3, 0.2"`` into a vector.

    The numbers must be finite, from 0 to 1e9, at most 60 of them; they are not required
    to sum to 1 here (the caller decides whether to ask the user to normalise). Fractions
    such as ``1/6`` are accepted.

    Parameters
    ----------
    text : str
    name : str
        Argument name used in error messages (``p`` or ``q``).

    Returns
    -------
    ndarray

    Raises
    ------
    ValueError
        Naming `name`, what was wrong and what is accepted.

    Examples
    --------
    >>> parse_probabilities("0.5, 0.3,0.2")
    array([0.5, 0.3, 0.2])
    >>> parse_probabilities("1/6,5/6").round(4)
    array([0.1667, 0.8333])
    """
    accepted = f"comma-separated probabilities such as 0.5,0.3,0.2 (2 to {MAX_OUTCOMES})"
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"`{name}` is empty; give {accepted}")
    if len(text) > 30 * MAX_OUTCOMES:
        raise ValueError(f"`{name}` is {len(text):,} characters long; give {accepted}")
    parts = [part.strip() for part in text.split(",")]
    if not 2 <= len(parts) <= MAX_OUTCOMES:
        raise ValueError(f"`{name}` has {len(parts)} entries; give {accepted}")
    values = []
    for i, part in enumerate(parts):
        try:
            if "/" in part:
                top, bottom = part.split("/", 1)
                value = float(top) / float(bottom)
            else:
                value = float(part)
        except (ValueError, ZeroDivisionError):
            shown = part if len(part) <= 20 else part[:19] + "…"
            raise ValueError(
                f"`{name}` entry {i + 1} ({shown!r}) is not a number; give {accepted}"
            ) from None
        if not math.isfinite(value) or value < 0 or value > MAX_WEIGHT:
            raise ValueError(
                f"`{name}` entry {i + 1} is {value:g}; give numbers from 0 to {MAX_WEIGHT:g} "
                "(probabilities, or weights to normalise)"
            )
        values.append(value)
    return np.array(values)


def parse_labels(text: str, n: int) -> list[str]:
    """Read `n` comma-separated, distinct outcome labels (empty text: numbered 1..n).

    Raises
    ------
    ValueError
        If the count does not match `n`, a label is empty or labels repeat.

    Examples
    --------
    >>> parse_labels("H,T", 2)
    ['H', 'T']
    >>> parse_labels("", 3)
    ['1', '2', '3']
    """
    if not isinstance(text, str) or not text.strip():
        return [str(i + 1) for i in range(n)]
    longest = (MAX_LABEL_LENGTH + 2) * MAX_OUTCOMES  # 60 labels of 24 characters, ", "
    if len(text) > longest:  # checked before splitting: a pasted book costs nothing
        raise ValueError(
            f"`labels` is {len(text):,} characters long; give at most {longest:,}: one short "
            f"label (up to {MAX_LABEL_LENGTH} characters) per outcome, e.g. H,T"
        )
    given = [part.strip()[:MAX_LABEL_LENGTH] for part in text.split(",")]
    if len(given) != n:
        raise ValueError(
            f"`labels` has {len(given)} entries for {n} outcomes; give one label per outcome"
        )
    if not all(given) or len(set(given)) != n:
        raise ValueError("`labels` must be non-empty and distinct, e.g. H,T")
    return given
