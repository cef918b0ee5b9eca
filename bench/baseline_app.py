"""The one-slider baseline page of bench/browser.py: the least a Streamlit page can do."""

import streamlit as st

value = st.slider("x", 0, 100, 50, key="x")
st.metric("value", f"{value} units")
