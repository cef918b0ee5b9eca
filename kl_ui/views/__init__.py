"""What each page shows, computed once and shared by every session (:mod:`kl_ui.cache`).

One module per page (common: what several pages show). Functions take spec texts,
numbers and the unit's base, and return kl_core results or frozen dataclasses.
"""
