"""Numbers as the app writes them: always with a unit, ∞ as the symbol ∞, never NaN."""

from __future__ import annotations

import math

UNIT_SYMBOLS = {"nats": "nats", "bits": "bits", "hartleys": "hartleys"}
LOG_LATEX = {"nats": r"\ln", "bits": r"\log_2", "hartleys": r"\log_{10}"}


def format_value(value: float, unit: str, *, digits: int = 4) -> str:
    """A divergence or entropy with its unit: ``'0.5108 nats'``, ``'∞ bits'``.

    Examples
    --------
    >>> format_value(0.51082562, "nats")
    '0.5108 nats'
    >>> format_value(float("inf"), "bits")
    '∞ bits'
    >>> format_value(1234567.0, "nats")
    '1.235e+06 nats'
    """
    return f"{format_number(value, digits=digits)} {UNIT_SYMBOLS.get(unit, unit)}"


NOISE = 1e-12  # smaller magnitudes are rounding noise (2.2e-16 for D(P‖P)) and show as 0


def format_number(value: float, *, digits: int = 4) -> str:
    """A bare number: fixed decimals for moderate sizes, ∞ for infinity, rounding noise
    (below 1e-12 in magnitude) as 0.

    Examples
    --------
    >>> format_number(-0.0000123), format_number(float("-inf")), format_number(2.0)
    ('-1.23e-05', '−∞', '2.0000')
    >>> format_number(2.220446049250313e-16)
    '0.0000'
    """
    if math.isnan(value):
        raise ValueError("NaN reached the display; every number must come from kl_core")
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if abs(value) < NOISE:
        value = 0.0
    value = value + 0.0  # no "-0.0000"
    if value != 0 and not 1e-3 <= abs(value) < 1e5:
        return f"{value:.{digits - 1}e}"
    return f"{value:.{digits}f}"


def shared_decimals(values, *, most: int = 6) -> int:
    """The fewest decimals (up to `most`) that write every one of `values` exactly: a
    slider over them shows each with that many, so its label keeps one width.

    Examples
    --------
    >>> shared_decimals([-0.6, -0.4, 1.0, 1.2]), shared_decimals([1.0, 2.0])
    (1, 0)
    >>> shared_decimals([0.25, 3.0]), shared_decimals([1 / 3])
    (2, 6)
    """
    for decimals in range(most + 1):
        if all(abs(round(v, decimals) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
            return decimals
    return most


def format_probability(value: float) -> str:
    """A probability as short as it can be written exactly into a shareable text field:
    a decimal of up to 6 digits, else a fraction with a denominator up to 1000 (the
    fields accept ``1/6``), else 12 significant digits.

    Examples
    --------
    >>> format_probability(1 / 3), format_probability(0.5), format_probability(0.0)
    ('1/3', '0.5', '0')
    >>> format_probability(15 / 181), format_probability(0.123456789)
    ('15/181', '0.123456789')
    """
    from fractions import Fraction

    short = f"{value:.6g}"
    if float(short) == value:
        return short
    fraction = Fraction(value).limit_denominator(1000)
    if abs(float(fraction) - value) <= 1e-15 * max(abs(value), 1e-300):
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{value:.12g}"


def markdown_table(columns: dict[str, list[str]]) -> str:
    """A GitHub-style Markdown table from columns of text (one Markdown element to send).

    ``st.table`` goes through pandas and Arrow, a few milliseconds per rerun for a
    table of four rows; a Markdown table shows the same text. ``|`` in a cell is escaped.

    Examples
    --------
    >>> print(markdown_table({"method": ["sum", "a|b"], "D": ["1 nat", "∞ nats"]}))
    | method | D |
    | --- | --- |
    | sum | 1 nat |
    | a\\|b | ∞ nats |
    """

    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(cell(name) for name in columns) + " |"
    rule = "| " + " | ".join("---" for _ in columns) + " |"
    rows = [
        "| " + " | ".join(cell(value) for value in row) + " |" for row in zip(*columns.values())
    ]
    return "\n".join([header, rule, *rows])
