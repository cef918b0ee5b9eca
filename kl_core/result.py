"""What every divergence function returns: the value, how it was found, and why it is ∞.

One result type for closed forms, quadrature and sums (:class:`KLResult`), and the
methods by name (:class:`Method`).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field

from kl_core.infinity import phrase

__all__ = ["KLResult", "Method"]


class Method(enum.StrEnum):
    """How a divergence was found; it compares equal to its text.

    Examples
    --------
    >>> Method.CLOSED_FORM == "closed form", str(Method.TAILS), Method.TAILS
    (True, 'tails', 'tails')
    """

    CLOSED_FORM = "closed form"
    QUADRATURE = "quadrature"
    SUMMATION = "summation"
    #: ∞ because P has mass where Q has none.
    SUPPORT = "support"
    #: ∞ because the integral diverges in the tails.
    TAILS = "tails"

    def __repr__(self) -> str:
        """Its text, as a result's repr reads best (``method='closed form'``)."""
        return repr(self.value)


@dataclass(frozen=True)
class KLResult:
    """D(P‖Q) together with how it was obtained.

    Attributes
    ----------
    value : float
        The divergence in the requested unit; ``inf`` when infinite.
    method : Method
        :attr:`Method.CLOSED_FORM`, :attr:`Method.QUADRATURE` or
        :attr:`Method.SUMMATION`; for infinite values :attr:`Method.SUPPORT` or
        :attr:`Method.TAILS`. Given as text, it must be one of their values.
    error : float
        Estimated absolute error (0 for closed forms, exact sums and infinite values).
    reason : str or None
        Why the value is infinite, in words, with P the first argument and Q the second;
        None when finite. :meth:`reason_for` phrases it for other names.
    template : str or None
        `reason` with the names left open (see :func:`kl_core.infinity.phrase`).
    treatments : tuple of str
        For numerical values, what was done beyond the plain rule, in words: ends
        integrated at 0 (mirrored for a right end), split points (kinks, centres, support
        ends), remainders added beyond the last node or term, tails decided from
        exponents or probed.

    Examples
    --------
    >>> KLResult(0.5, "closed form").method is Method.CLOSED_FORM
    True
    >>> KLResult(0.5, "sum")
    Traceback (most recent call last):
    ...
    ValueError: `method` must be one of closed form, quadrature, summation, support, ... (got 'sum')
    """

    value: float
    method: Method
    error: float = 0.0
    reason: str | None = None
    template: str | None = field(default=None, repr=False, compare=False)
    treatments: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self):  # noqa: D105  (a method given as text becomes a Method)
        if type(self.method) is Method:  # the common case, from kl_core itself
            return
        try:
            object.__setattr__(self, "method", Method(self.method))
        except ValueError:
            names = ", ".join(m.value for m in Method)
            raise ValueError(f"`method` must be one of {names} (got {self.method!r})") from None

    def reason_for(self, first: str = "P", second: str = "Q") -> str | None:
        """Why the value is infinite, naming the arguments `first` and `second`.

        The reverse direction D(Q‖P) is explained by ``reason_for("Q", "P")``.

        Examples
        --------
        >>> from scipy import stats
        >>> from kl_core import kl_details
        >>> kl_details(stats.norm(), stats.uniform(0, 2)).reason_for("Q", "P")
        'Q has probability on (−∞, 0) and on (2, ∞) where P has none (P = 0 < Q there)'
        """
        return phrase(self.template, first, second) if self.template else self.reason

    @property
    def is_infinite(self) -> bool:
        """True when D(P‖Q) = ∞."""
        return math.isinf(self.value)
