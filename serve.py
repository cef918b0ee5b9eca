"""Serve the app tuned for a classroom: `make run` runs this (``python serve.py``).

* Streamlit's own ASGI app (``st.App``) under uvicorn, on a listening socket opened
  here with TCP_NODELAY (accepted sockets inherit it on Linux), so small websocket
  replies are not held back ~40 ms by Nagle's algorithm and delayed ACKs.
* The app's own modules are imported in the background at start, while the first
  browser loads the frontend (cold start).
* No websocket compression (as Streamlit's own server): it cost CPU on every delta.
* Everything else comes from ``.streamlit/config.toml``: no per-rerun full garbage
  collection, no usage statistics, redacted errors, viewer toolbar, small size limits.
* Address and port from the environment: ``HOST`` (default 127.0.0.1: only this
  computer) and ``PORT`` (default 8501). For a classroom, ``HOST=0.0.0.0 make run``
  listens on the network; students open http://<this computer's address>:8501.

``streamlit run app.py`` keeps working too, without the socket tuning. An optional
argument serves another script the same way (the benchmarks' one-slider baseline).
"""

from __future__ import annotations

import importlib
import os
import socket
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# What the first page run would import (about 1.5 s, mostly scipy.stats and plotly).
WARM_MODULES = (
    "kl_ui.widgets",
    "kl_ui.figures",
    "kl_ui.asymmetry",
    "kl_ui.proof",
    "plotly.io",
    "plotly.tools",
    "streamlit.emojis",
    "streamlit.material_icon_names",
)


def warm_imports() -> None:
    """Import the app's modules while the first browser is still loading the frontend.

    A browser spends its first second or so fetching and parsing Streamlit's
    JavaScript; importing in the meantime (another process, so truly in parallel)
    means the first page run finds everything already imported.
    """
    for name in WARM_MODULES:
        importlib.import_module(name)


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening TCP socket with TCP_NODELAY (inherited by accepted sockets)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def main() -> None:
    import streamlit as st
    import uvicorn

    os.chdir(ROOT)  # .streamlit/config.toml and relative page paths resolve from here
    host = os.environ.get("HOST", "127.0.0.1")
    try:
        port = int(os.environ.get("PORT", "8501"))
    except ValueError:
        sys.exit(f"PORT must be a number (got {os.environ['PORT']!r})")
    script = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "app.py"
    if script == ROOT / "app.py":
        threading.Thread(target=warm_imports, name="warm-imports", daemon=True).start()
    app = st.App(str(script))
    sock = listening_socket(host, port)
    print(f"KL divergence explorer: http://{host}:{port}", flush=True)
    # No per-message deflate: Streamlit's own server never compressed its websocket, and
    # compressing every small delta cost 1-10 ms of CPU per rerun (bench/serve.py).
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", ws_per_message_deflate=False
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
