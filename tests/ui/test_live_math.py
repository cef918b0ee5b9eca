"""The live explorer's JavaScript maths is checked against kl_core's values.

``node --test kl_ui/live/web/test/`` (in ``make test``) compares klmath.js with the values in
kl_ui/live/web/test/fixtures.json; this test keeps that file equal to what kl_core computes
today, so a change in kl_core cannot leave the browser's numbers behind.
"""

import json
import math

from tests.ui import live_fixtures

STALE = (
    "kl_core changed: run `python -m tests.ui.live_fixtures`, then `make test` (its node --test)"
)


def _same(saved, fresh) -> bool:
    """Equal structure and cases; numbers equal to a relative 1e-14 (another CPU's SIMD
    may round a sum's last bit differently)."""
    if isinstance(saved, dict):
        return saved.keys() == fresh.keys() and all(_same(saved[k], fresh[k]) for k in saved)
    if isinstance(saved, list):
        return len(saved) == len(fresh) and all(_same(a, b) for a, b in zip(saved, fresh))
    if isinstance(saved, float) and isinstance(fresh, float):
        return math.isclose(saved, fresh, rel_tol=1e-14, abs_tol=1e-300)
    return saved == fresh


def test_the_fixtures_are_kl_cores_values_today():
    saved = json.loads(live_fixtures.PATH.read_text())
    assert _same(saved, json.loads(live_fixtures.text())), STALE


def test_a_changed_value_is_noticed():
    saved = json.loads(live_fixtures.PATH.read_text())
    fresh = json.loads(live_fixtures.text())
    fresh["normal"][0]["kl"] *= 1 + 1e-12
    assert not _same(saved, fresh)


def test_the_fixtures_hold_finite_and_infinite_cases_in_every_unit():
    data = json.loads(live_fixtures.PATH.read_text())
    units = {case["unit"] for case in data["discrete"] + data["normal"]}
    assert units == {"nats", "bits", "hartleys"}
    assert any(case["kl"] == "inf" and case["offending"] for case in data["discrete"])
    assert any(case["kl"] != "inf" and 0 in case["p"] for case in data["discrete"])
