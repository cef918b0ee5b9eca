"""The definition of D(P‖Q) in LaTeX, in the chosen unit's logarithm: written once here for
the home page and the two explorers."""

from __future__ import annotations

from kl_ui.numbers import LOG_LATEX


def _term(unit: str) -> str:
    """p(x) log(p(x)/q(x)), what both the sum and the integral add up."""
    return rf"p(x)\,{LOG_LATEX[unit]}\frac{{p(x)}}{{q(x)}}"


def over_outcomes(unit: str) -> str:
    r"""D(P‖Q) as a sum over outcomes.

    Examples
    --------
    >>> over_outcomes("bits")
    'D(P\\,\\|\\,Q) = \\sum_x p(x)\\,\\log_2\\frac{p(x)}{q(x)}'
    """
    return rf"D(P\,\|\,Q) = \sum_x {_term(unit)}"


def over_densities(unit: str) -> str:
    r"""D(P‖Q) as an integral over densities.

    Examples
    --------
    >>> over_densities("nats")
    'D(P\\,\\|\\,Q) = \\int p(x)\\,\\ln\\frac{p(x)}{q(x)}\\,dx'
    """
    return rf"D(P\,\|\,Q) = \int {_term(unit)}\,dx"


def as_expectation(unit: str) -> str:
    r"""D(P‖Q) as an average over what P produces: both forms at once.

    Examples
    --------
    >>> as_expectation("hartleys")
    'D(P\\,\\|\\,Q) = \\mathbb{E}_{x\\sim P}\\big[\\log_{10} p(x) - \\log_{10} q(x)\\big]'
    """
    log = LOG_LATEX[unit]
    return rf"D(P\,\|\,Q) = \mathbb{{E}}_{{x\sim P}}\big[{log} p(x) - {log} q(x)\big]"
