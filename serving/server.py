"""Serve the app tuned for a classroom: `make run` runs this (``python serve.py``).

* Streamlit's own ASGI app (``st.App``) under uvicorn, on a listening socket opened
  here with TCP_NODELAY (accepted sockets inherit it on Linux), so small websocket
  replies are not held back ~40 ms by Nagle's algorithm and delayed ACKs.
* The app's own modules are imported, and then every page is run once through the
  server's own websocket, in the background at start, while the first browser loads
  the frontend (cold start). The page runs give way to real visitors: each waits until
  no session has run a script for a moment. ``WARM_PAGES=0`` turns the page runs off.
* The page shell asks the browser for the live explorer's code at once
  (``serving.preload``; ``PRELOAD=0`` turns that off).
* No websocket compression (as Streamlit's own server): it cost CPU on every delta.
* Runtime tunings that Streamlit's config cannot express (in
  ``serving.streamlit_private``): replies are flushed within 1 ms instead of after a
  fixed 5 ms pause; the theme part of the message that opens every run is built once
  instead of on every rerun; and the loop asks itself to send without a system call per
  message.
* ``serving.guard.Guard`` in front of Streamlit's app: one browser cannot starve the others
  (its reruns are coalesced and paced), foreign-origin websockets are refused without
  an outside lookup, and memory is collected when sessions end; uvicorn refuses any
  websocket message over 1 MiB.
* Everything else comes from ``.streamlit/config.toml``: no per-rerun full garbage
  collection, no usage statistics, redacted errors, viewer toolbar, small size limits.
* Address and port from the environment: ``HOST`` (default 127.0.0.1: only this
  computer) and ``PORT`` (default 8501). For a classroom, ``HOST=0.0.0.0 make run``
  listens on the network; students open http://<this computer's address>:8501.

``streamlit run app.py`` keeps working too, without the socket tuning. An optional
argument serves another script the same way (the benchmarks' one-slider baseline).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

from serving.guard import MAX_MESSAGE_BYTES, Guard
from serving.preload import Preload
from serving.streamlit_private import tune_runtime
from serving.warmup import WARM_PAGES, wait_healthy, warm_imports, warm_pages

__all__ = ["WARM_PAGES", "free_port", "listening_socket", "main", "wait_healthy"]

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        if os.environ.get("WARM_PAGES", "1") != "0":
            warm = threading.Thread(
                target=warm_pages, args=(host, port), name="warm-pages", daemon=True
            )
            warm.start()
    tune_runtime()
    app = st.App(str(script))
    if script == ROOT / "app.py" and os.environ.get("PRELOAD", "1") != "0":
        app = Preload(app)  # the live explorer's code comes with the page shell
    app = Guard(app)
    sock = listening_socket(host, port)
    print(f"KL divergence explorer: http://{host}:{port}", flush=True)
    # No per-message deflate: Streamlit's own server never compressed its websocket, and
    # compressing every small delta cost 1-10 ms of CPU per rerun (bench/serve.py).
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        ws_per_message_deflate=False,
        ws_max_size=MAX_MESSAGE_BYTES,  # refused while reading, before it takes memory
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
