"""Every page and every preset fits the phone, the laptop and the projector.

For each screen, every scenario of tests/e2e/layout.py is opened in Chromium against the
real server and measured from the DOM (tests/e2e/layout_probe.js): no sideways scroll,
no formula, metric, button label, chart title, legend or note cut or overlapping, no
curve outside its axes, no exception. ``make screenshots`` shows the same scenarios.
"""

import pytest

from tests.e2e.layout import SCREENS, scenarios, survey

pytestmark = pytest.mark.e2e


def test_every_page_has_a_scenario():
    from kl_ui.pages import PAGES

    assert {spec.url_path or "home" for spec in PAGES} <= set(scenarios())


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_scenario_fits_the_screen(browser, server, screen):
    found = survey(browser, server, screens=[screen])
    assert len(found) == len(scenarios())
    defects = [f"{name}: {d}" for (_, name), items in found.items() for d in items]
    print(f"{screen}: {len(defects)} layout defects in {len(found)} scenarios")
    if defects:
        pytest.fail(f"{len(defects)} layout defects on the {screen}:\n" + "\n".join(defects))
