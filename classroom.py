"""Serve a lecture hall: replicas of serve.py behind nginx (``make classroom``); see
serving/classroom.py."""

from serving.classroom import main

if __name__ == "__main__":
    main()
