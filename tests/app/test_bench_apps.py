"""The pages that bench/frontend_costs.py times: each variant draws what it claims."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT

# variant -> (sliders, plotly charts, widgets in all)
EXPECTED = {"plain": (1, 0, 1), "bound": (1, 0, 1), "chart": (1, 1, 1), "pickers": (5, 1, 11)}


@pytest.mark.parametrize("variant", EXPECTED)
def test_cost_variants_draw_what_they_add(variant):
    at = AppTest.from_file(str(ROOT / "bench" / "costs_app.py"), default_timeout=30)
    at.query_params["v"] = variant
    at.run()
    assert not at.exception
    sliders, charts, widgets = EXPECTED[variant]
    assert len(at.slider) == sliders
    assert len(at.get("plotly_chart")) == charts
    drawn = [*at.slider, *at.selectbox, *at.number_input, *at.text_input]
    assert len(drawn) == widgets
    bound = at.slider(key="x").proto.query_param_key
    assert bound == ("" if variant == "plain" else "x")  # only the baseline is unbound
    at.slider(key="x").set_value(70).run()
    assert at.metric[0].value == "70 units"
