"""The continuous explorer's tables for the live view: kl_core's divergences along each
handle (kl_ui.live.tables), for pairs whose closed form the browser does not have."""

from __future__ import annotations

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
