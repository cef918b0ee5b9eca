"""One lock for everything in kl_core that builds Python syntax trees.

CPython 3.11 keeps the syntax-tree builder's recursion counter in state shared by all
threads, so two threads calling ``ast.parse`` at once can fail with ``SystemError: AST
constructor recursion depth mismatch`` (CPython gh-106905). A server runs one thread
per session: at a server's start, two students' first asymmetry pages did exactly that
inside ``scipy.stats.make_distribution`` (which reads its own source with ``inspect``).
Both places that parse here, ``parse_distribution`` and building scipy's new-style
families, hold this lock; each holds it for well under a millisecond once warm.
"""

from __future__ import annotations

import threading

AST_LOCK = threading.Lock()
