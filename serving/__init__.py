"""Serving the app: the tuned server (server.py, with its warm start in warmup.py), the
guard in front of Streamlit (guard.py), the classroom of replicas behind nginx
(classroom.py), and every use of Streamlit's private API (streamlit_private.py).

``python serve.py`` and ``python classroom.py`` at the top of the checkout run them.
"""
