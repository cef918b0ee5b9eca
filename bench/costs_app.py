"""The one-slider baseline page of bench/browser.py, plus what every page of the app adds.

``?v=`` picks the variant; bench/frontend_costs.py times a keypress on each:

* ``plain``: the slider and its metric (exactly bench/baseline_app.py);
* ``bound``: the same slider bound to the URL (``bind="query-params"``), as every main
  control of the app is, so that a teacher can share the exact scenario;
* ``chart``: bound, plus a 201-point plotly line redrawn with the value, as on the home page;
* ``pickers``: bound, with the chart, plus ten more widgets redrawn by the same rerun, about
  what P's and Q's pickers put on the explorer pages.
"""

import numpy as np
import streamlit as st

variant = st.query_params.get("v", "plain")
bound = {"bind": "query-params"} if variant != "plain" else {}

value = st.slider("x", 0, 100, 50, key="x", **bound)
st.metric("value", f"{value} units")
if variant in ("chart", "pickers"):
    x = np.linspace(0.0, 1.0, 201)
    line = dict(type="scatter", x=x, y=value * x**2, mode="lines")
    st.plotly_chart(dict(data=[line], layout=dict(height=360)), key="chart")
if variant == "pickers":
    left, right = st.columns(2)
    for column, name in ((left, "P"), (right, "Q")):
        column.selectbox(f"{name} family", ["norm", "t", "gamma"], key=f"{name}_family")
        column.slider(f"{name} loc", -5.0, 5.0, 0.0, key=f"{name}_loc")
        column.slider(f"{name} scale", 0.1, 5.0, 1.0, key=f"{name}_scale")
        column.number_input(f"{name} shape", 0.5, 50.0, 3.0, key=f"{name}_shape")
        column.text_input(f"{name} spec", "norm(loc=0, scale=1)", key=f"{name}_spec")
