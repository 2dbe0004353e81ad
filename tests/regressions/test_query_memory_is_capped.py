"""A 900-byte query doubling a string reached 7.8 GB in 28 s: workers had no memory cap. Each worker now
limits its own memory (RLIMIT_DATA) and the pool reports a worker stopped by it as MemoryExceeded."""

from __future__ import annotations

import asyncio

import pytest

from jwc_graph.web.workers import MemoryExceeded, WorkerLimits, WorkerPool

DOUBLING = (
    'SELECT (STRLEN(?s28) AS ?n) WHERE { BIND("'
    + "x" * 64
    + '" AS ?s0) '
    + " ".join(f"BIND(CONCAT(?s{i},?s{i}) AS ?s{i + 1})" for i in range(28))
    + " }"
)


def test_a_worker_over_its_memory_is_stopped_and_says_so(built):
    pool = WorkerPool(built, size=1, timeout=60, limits=WorkerLimits(max_memory=200 * 2**20))
    pool.start()
    try:
        job = {"kind": "sparql", "text": DOUBLING, "limit": 10, "result_fmt": "json", "graph_fmt": "turtle"}
        with pytest.raises(MemoryExceeded):
            asyncio.run(pool.call(job))
    finally:
        pool.close()
