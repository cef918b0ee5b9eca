"""App-side helpers: figures (pure plotly builders), widgets, state keys and texts.

May import streamlit and plotly; holds no mathematics (every number comes from kl_core).
"""
