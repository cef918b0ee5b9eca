"""The continuous explorer's tables for the live view: kl_core's divergences along each
handle (kl_ui.live.tables), for pairs whose closed form the browser does not have."""

from __future__ import annotations

import numpy as np

import kl_core
from kl_ui import families
from kl_ui.cache import shared
from kl_ui.handles import Handle
from kl_ui.live import tables

# One side's law without the moving handle: (family name, ((parameter, value), ...)) for a
# slider family, or (None, spec text) for a typed spec.
Side = tuple[str | None, object]


def _spec(side: Side, moving: tuple[str, float] | None) -> str:
    family, values = side
    if family is None:
        return str(values)
    chosen = dict(values)
    if moving is not None:
        chosen[moving[0]] = moving[1]
    return families.BY_NAME[family].spec(chosen)


@shared()
def divergence_table(p: Side, q: Side, handle: Handle) -> tables.Table:
    """D(P‖Q) and D(Q‖P) by kl_core at each node of `handle` (named ``P_loc``,
    ``Q_scale``...; its value, the ``default``, is where the nodes are densest), the
    other parameters as `p` and `q` give them (`handle`'s own is left out of its side).

    Examples
    --------
    >>> loc = Handle("P_loc", "P location", -10.0, 10.0, 0.1, 0.0)
    >>> t = divergence_table(("norm", (("scale", 1.0),)), (None, "t(df=3)"), loc)
    >>> len(t.x), t.forward[8] == kl_core.kl(
    ...     kl_core.parse_distribution("norm(loc=0, scale=1)"),
    ...     kl_core.parse_distribution("t(df=3)"))
    (17, True)
    """
    side, param = handle.name.split("_", 1)
    forward, reverse = [], []
    for x in tables.nodes(handle):
        moving = (param, float(x))
        p_law = kl_core.parse_distribution(_spec(p, moving if side == "P" else None))
        q_law = kl_core.parse_distribution(_spec(q, moving if side == "Q" else None))
        forward.append(kl_core.kl(p_law, q_law))
        reverse.append(kl_core.kl(q_law, p_law))
    return tables.table(handle, forward, reverse)


PROOF_POINTS = 24  # the proof's illustrative points (P's quantiles), as kl_core's default
PROOF_NUMBERS = ("divergence", "jensen_gap", "support_gap")  # the readout's, with bounds


@shared()
def proof_table(p: Side, q: Side, handle: Handle) -> dict:
    """The Jensen proof (:func:`kl_core.jensen_proof`, in nats) at each node of `handle`,
    for the proof page's live view: D and the two gaps with their error bounds
    (:func:`kl_ui.live.tables.errors`), and log r at each of P's quantiles (None where
    r = 0). ∞ is None, as in :class:`kl_ui.live.tables.Table`.

    Examples
    --------
    >>> loc = Handle("Q_loc", "Q location", -10.0, 10.0, 0.1, 0.5)
    >>> t = proof_table(("uniform", (("loc", 0.0), ("scale", 1.0))),
    ...                 ("norm", (("scale", 0.5),)), loc)
    >>> len(t["x"]), len(t["log_ratios"][0])
    (17, 24)
    >>> d, gaps = t["divergence"][0], t["jensen_gap"][0] + t["support_gap"][0]
    >>> round(d, 6) == round(gaps, 6)  # Q = N(-10, 0.5), far from P's support [0, 1]
    True
    """
    side, param = handle.name.split("_", 1)
    x = tables.nodes(handle)
    log = tables.spaced_in_log(handle)
    w = tables.position(x, log)
    found: dict[str, list] = {name: [] for name in (*PROOF_NUMBERS, "log_ratios")}
    for value in x:
        moving = (param, float(value))
        p_law = kl_core.parse_distribution(_spec(p, moving if side == "P" else None))
        q_law = kl_core.parse_distribution(_spec(q, moving if side == "Q" else None))
        proof = kl_core.jensen_proof(p_law, q_law, points=PROOF_POINTS)
        for name in PROOF_NUMBERS:
            found[name].append(getattr(proof, name))
        with np.errstate(divide="ignore"):
            logs = np.log(proof.ratios)
        found["log_ratios"].append([float(v) if np.isfinite(v) else None for v in logs])
    table = {"handle": handle.name, "x": x.tolist(), "log": log, "log_ratios": found["log_ratios"]}
    for name in PROOF_NUMBERS:
        table[name] = [float(v) if np.isfinite(v) else None for v in found[name]]
        table[f"{name}_error"] = tables.errors(w, found[name])
    return table
