"""Serve the app on 127.0.0.1:8501 (``make run``); see serving/server.py."""

from serving.server import main

if __name__ == "__main__":
    main()
