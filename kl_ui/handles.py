"""A number the user moves: its name, label, range, step and default.

The continuous explorer's slider families describe their parameters with it
(kl_ui.families), and the live views (kl_ui.live) send it to the browser as a handle and
check what the browser sends back with :meth:`Handle.accept`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Handle:
    """One thing the hand moves: stored under `name` (session state and URL), announced
    as `label` (its ``aria-label``), from `low` to `high` in steps of `step`; `default`
    when neither the URL nor the session holds a value."""

    name: str
    label: str
    low: float
    high: float
    step: float
    default: float

    def accept(self, raw) -> float | None:
        """The value the browser sent, on this handle's grid; None when it is not a number
        inside the range (a browser never sends one; a tampered message may)."""
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            return None
        value = float(raw)
        if not math.isfinite(value) or not self.low <= value <= self.high:
            return None
        steps = round((value - self.low) / self.step)
        return min(self.high, round(self.low + steps * self.step, 12))
