"""What the tests and the benchmarks share: starting the real server (server.py), a
client of Streamlit's websocket protocol (stclient.py), opening a page in AppTest
(apptest.py), Chromium's settings (chromium.py) and the costliest links (links.py)."""
