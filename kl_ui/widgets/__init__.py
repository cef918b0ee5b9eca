"""Streamlit widgets, by role.

Every page parameter is a keyed widget bound to the URL (``bind="query-params"``), so a
link reproduces the view. Invalid values never raise: they are reported in a visible
message and replaced by a sensible default.

- controls: the unit switch, preset rows and each page's own controls
- discrete_inputs: P, Q and labels as text fields and a table editor
- pickers: continuous distributions for P and Q
- display: charts, metrics, ∞ with its reason
- links: what a link carried, and coming back to a page
"""
