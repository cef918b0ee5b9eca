"""Router and frame: page config, the global unit control, navigation. Nothing else."""

import streamlit as st

from kl_ui.frame import report_failure
from kl_ui.pages import streamlit_pages
from kl_ui.widgets.controls import units_control
from kl_ui.widgets.links import (
    link_parameters,
    opened_by_link,
    report_ignored_link_values,
    restore_page,
)

st.set_page_config(page_title="KL divergence explorer", page_icon="📐", layout="wide")
link = link_parameters()
page = st.navigation(list(streamlit_pages()), position="top")
units_control()
audit = opened_by_link(page.url_path)  # only a link's own values are judged, once
restore_page()  # a page opened without values in its URL shows what it showed last
notice = st.container()
try:
    page.run()
except Exception:  # last resort: the pages validate their input, but never show a traceback
    report_failure(f"page {page.title}")
if audit:
    report_ignored_link_values(link, notice)
