"""Recent SPARQL answers kept by the server: the same query, asked the same way, of an unchanged store is
answered without a worker.

Dashboards and shared links ask the catalogue's questions again and again; each is a few milliseconds
of Oxigraph but also a guard pass, a worker round trip and a serialization. An answer is kept under
(query text, result format, graph format, row limit) with the store's state on disk (its files' names,
sizes and times: `jwc submit`, `revert` and `build` all change it), so it is never served after the
store changed. Bounded by total bytes, least recently used first out; `jwc serve --no-cache` turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from ..rdf.store import store_state

#: The most bytes of answers kept, and the largest answer kept.
MAX_BYTES = 64 * 2**20
MAX_ANSWER = 2**20


class AnswerCache:
    """A least-recently-used map from a request's key to its answer, valid for one state of the store."""

    def __init__(self, store_dir: Path, max_bytes: int = MAX_BYTES):
        self.store_dir, self.max_bytes = store_dir, max_bytes
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, dict] = OrderedDict()
        self._bytes = 0
        self._state: frozenset | None = None
        self.hits = self.misses = 0

    def _check_state(self) -> None:
        state = store_state(self.store_dir)
        if state != self._state:
            self._items.clear()
            self._bytes, self._state = 0, state

    def get(self, key: tuple) -> dict | None:
        with self._lock:
            self._check_state()
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple, answer: dict, state: frozenset | None = None) -> None:
        """Keep an answer; `state` is the store's state when the query started (the answer is dropped if the store
        changed while it ran)."""
        size = len(answer.get("body", b""))
        if size > MAX_ANSWER:
            return
        with self._lock:
            self._check_state()
            if state is not None and state != self._state:
                return
            if key in self._items:
                self._bytes -= len(self._items.pop(key).get("body", b""))
            self._items[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old.get("body", b""))

    def state(self) -> frozenset:
        return store_state(self.store_dir)
