"""The cache every view uses: :func:`shared`, bounded, shared by all sessions.

Least recently used entries go first. Cached values are shared, not copied: their numpy
arrays are made read-only, so a caller that tried to change one in place would fail
loudly instead of changing what every other student sees. The cached computations
themselves are in :mod:`kl_ui.views`, one module per page.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from typing import NamedTuple

import numpy as np

_MAX = 256
_ALL: list = []


# At most this many cached computations run at once in the process (each session's
# script runs in its own thread): a classroom opening heavy links queues instead of
# multiplying memory. Nested shared calls run inside their caller's admission.
HEAVY_AT_ONCE = 2
_ADMISSION = threading.BoundedSemaphore(HEAVY_AT_ONCE)
_DEPTH = threading.local()


class CacheInfo(NamedTuple):
    currsize: int
    maxsize: int


class _Flight:
    """One computation in progress; callers of the same arguments wait for it."""

    def __init__(self):
        self.done = threading.Event()
        self.value = None
        self.error: BaseException | None = None


class _SharedCache:
    """A bounded LRU cache with single flight: identical calls made while the first one
    computes wait for its result instead of computing it again."""

    def __init__(self, func, maxsize: int):
        functools.update_wrapper(self, func)
        self.func, self.maxsize = func, maxsize
        self.values: OrderedDict = OrderedDict()
        self.running: dict = {}
        self.lock = threading.Lock()

    def __call__(self, *args):
        with self.lock:
            if args in self.values:
                self.values.move_to_end(args)
                return self.values[args]
            flight = self.running.get(args)
            leads = flight is None
            if leads:
                flight = self.running[args] = _Flight()
        if not leads:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = read_only(self._admitted(*args))
        except BaseException as exc:  # waiters see the same error; nothing is cached
            flight.error = exc
            raise
        else:
            with self.lock:
                self.values[args] = flight.value
                while len(self.values) > self.maxsize:
                    self.values.popitem(last=False)
        finally:
            with self.lock:
                del self.running[args]
            flight.done.set()
        return flight.value

    def _admitted(self, *args):
        depth = getattr(_DEPTH, "value", 0)
        if depth:  # inside another shared computation, which holds the admission
            return self.func(*args)
        with _ADMISSION:
            _DEPTH.value = 1
            try:
                return self.func(*args)
            finally:
                _DEPTH.value = 0

    def cache_info(self) -> CacheInfo:
        return CacheInfo(len(self.values), self.maxsize)

    def cache_clear(self) -> None:
        with self.lock:
            self.values.clear()


def shared(maxsize: int = _MAX):
    """Decorator: a bounded cache shared by every session, for functions of hashable
    arguments (spec texts, numbers, the unit's base).

    It does what ``st.cache_resource`` does here at a few microseconds per hit instead
    of a few hundred (Streamlit hashes every argument and inspects the function's
    signature on each call, and ``st.cache_data`` also unpickles a copy): each page
    calls several of these on every rerun. Exceptions are not cached. Identical calls
    from several sessions at once compute once (single flight), and at most
    :data:`HEAVY_AT_ONCE` computations run at a time in the process.

    Examples
    --------
    >>> @shared(maxsize=2)
    ... def double(x):
    ...     return np.array([x, x]) * 2
    >>> double(1) is double(1)
    True
    >>> double(1).flags.writeable
    False
    """

    def decorate(func):
        call = _SharedCache(func, maxsize)
        _ALL.append(call)
        return call

    return decorate


def clear() -> None:
    """Empty every cache in this module (benchmarks time cold runs with it)."""
    for cache in _ALL:
        cache.cache_clear()


def read_only(value):
    """`value` with every numpy array inside it (in dicts, lists, tuples and dataclass
    fields) marked read-only; returns `value` itself."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, dict):
        for item in value.values():
            read_only(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            read_only(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            read_only(getattr(value, f.name))
    return value
