"""kl_core parses syntax trees under one lock (CPython 3.11's ast.parse is not thread-safe).

At a server's start, two sessions' first asymmetry pages once failed together with
``SystemError: AST constructor recursion depth mismatch`` (CPython gh-106905) inside
scipy's ``make_distribution``. These tests hold the lock and check that both places that
parse wait for it, then finish once it is released.
"""

from __future__ import annotations

import threading

import pytest

from kl_core import distributions, parse_distribution
from kl_core._ast_lock import AST_LOCK


def waits_for_the_lock(work) -> object:
    """Run `work` in a thread while this thread holds AST_LOCK; it must not finish until
    the lock is released, and then must finish. Returns its result."""
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", work()))
    with AST_LOCK:
        worker.start()
        worker.join(0.3)
        assert worker.is_alive(), "it parsed without taking the lock"
    worker.join(30)
    assert not worker.is_alive()
    return result["value"]


def test_parsing_a_spec_takes_the_lock():
    law = waits_for_the_lock(lambda: parse_distribution("norm(loc=0.4375, scale=2)"))
    assert law.mean() == pytest.approx(0.4375)


def test_building_a_new_style_family_takes_the_lock():
    distributions._new_style_family.cache_clear()  # it is cached by name: build it anew
    family = waits_for_the_lock(lambda: distributions._new_style_family("norm"))
    assert family().mean() == 0.0
