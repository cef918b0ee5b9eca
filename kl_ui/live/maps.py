"""The asymmetry page's maps of both directions over Q's location and scale, as a live
view: the maps are drawn once for P and Q's family (they do not depend on where Q is), and
Q's mark on them is the browser's own. It moves with the sweep's handle while that is
dragged (Q's location or scale), and to Q's new place when the page reruns, in both
cases without redrawing a map: a change of Q costs the browser a mark, not three maps.
"""

from __future__ import annotations

from kl_ui import asymmetry, live


def show(figures, q) -> None:
    """Mount the maps (:func:`kl_ui.views.asymmetry.map_figures`) with Q (a distribution)
    marked at its location and scale."""
    live.show(
        "maps",
        key="asym_maps",
        handles=[],
        values={},
        readout=[],
        model={"q": [asymmetry.current_value(q, "loc"), asymmetry.current_value(q, "scale")]},
        extra={"maps": [figure.to_dict() for figure in figures]},
    )
