"""Small pools of worker processes that read the store; a worker whose job overruns the time limit, runs out of
its memory or is no longer wanted (the client left) is killed and replaced.

Jobs wait for a free worker in a thread (never on the event loop), so a slow query holds one worker
and one thread, and the server keeps answering other requests. Each worker is started with its limits
(WorkerLimits): a cap on the memory it may take, and no network at all unless SERVICE calls are allowed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection

from ..base.errors import JwcError
from ..base.project import Project
from ..sparql.query import QueryError
from .settings import DEFAULT_MAX_MEMORY

log = logging.getLogger("jwc.serve")
_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jwc-spawner")  # never shut down
STARTUP_SECONDS = 60.0


class Overrun(Exception):
    """The job ran longer than the time limit; its worker was stopped."""


class Busy(Exception):
    """No worker became free within the time limit."""


class WorkerFailed(Exception):
    """The worker stopped or answered with an internal error (logged, not shown)."""


class MemoryExceeded(Exception):
    """The job needed more memory than a worker may take; its worker was stopped."""


class Cancelled(Exception):
    """The job was no longer wanted (the client left); its worker was stopped."""


#: How often a waiting job checks whether it is still wanted.
SLICE = 0.25


@dataclass(frozen=True)
class WorkerLimits:
    """What a worker may do: reach the network (only when SERVICE hosts are allowed), and use this much memory."""

    network: bool = False
    max_memory: int = DEFAULT_MAX_MEMORY


class Worker:
    """One worker process (`python -m jwc_graph.web.worker`) and the server's end of its socket."""

    def __init__(self, project: Project, limits: WorkerLimits):
        ours, theirs = socket.socketpair()
        with theirs:
            # Started from one long-lived thread: the worker asks the kernel to kill it when that thread
            # (in effect, the server) dies, and a thread that ended would take its workers with it.
            self.process = _SPAWNER.submit(
                subprocess.Popen,
                [
                    sys.executable,
                    "-m",
                    "jwc_graph.web.worker",
                    str(theirs.fileno()),
                    str(project.root),
                    str(project.store_dir),
                    json.dumps(asdict(limits)),
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                # A worker stopped by its memory cap would print the store's Rust backtrace to the log.
                env={**os.environ, "RUST_BACKTRACE": "0"},
            ).result()
        self.conn = Connection(ours.detach())

    def wait_ready(self) -> Worker:
        """Wait until the worker has opened the store; raises JwcError (and kills it) if it cannot."""
        try:
            if not self.conn.poll(STARTUP_SECONDS):
                raise JwcError(f"a query worker did not start within {STARTUP_SECONDS:.0f} s")
            reply = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise JwcError("a query worker stopped while starting; run `jwc serve` again with JWC_DEBUG=1") from None
        except JwcError:
            self.kill()
            raise
        if reply[0] != "ready":
            self.kill()
            raise JwcError(reply[-1], fix="run `jwc build` first, or `jwc build --force` to rebuild the store")
        self.isolated = reply[1] if len(reply) > 1 else False
        return self

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.wait(2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        if self.process.poll() is None:
            self.kill()
        self.conn.close()


MAX_DEFAULT_WORKERS = 8


def default_query_workers() -> int:
    """One query worker per core this process may use and one more, at most MAX_DEFAULT_WORKERS: while a worker's
    answer travels back (pipe, HTTP), another can use the core (on 2 cores, 3 workers served 0.82x to 0.83x of
    Oxigraph server's requests per second, 2 served 0.74x to 0.80x: docs/benchmarks.md). The cap keeps a big host
    from starting dozens of workers, each allowed --max-query-memory."""
    try:
        cores = len(os.sched_getaffinity(0))  # the cores this process may run on (a container's, not the host's)
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(2, min(MAX_DEFAULT_WORKERS, cores + 1))


class WorkerPool:
    """`size` workers on one store (default: default_query_workers()); `await pool.call(job)` answers a job within
    `timeout` seconds."""

    def __init__(
        self, project: Project, size: int | None = None, timeout: float = 30.0, limits: WorkerLimits | None = None
    ):
        self.project = project
        self.limits = limits or WorkerLimits()
        self.size = size or default_query_workers()
        self.timeout = timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._threads = _threads()

    def start(self) -> None:
        """Start the workers (in parallel); raises JwcError if the store cannot be opened."""
        with self._lock:
            if self._started:
                return
            self._closed = False
            launched = [_try(Worker, self.project, self.limits) for _ in range(self.size)]
            results = [_try(w.wait_ready) if isinstance(w, Worker) else w for w in launched]
            failed = [r for r in results if isinstance(r, Exception)]
            for w in results:
                if isinstance(w, Worker):
                    self._add(w)
            if failed:
                for w in list(self._all):
                    w.stop()
                self._all.clear()
                self._idle = queue.Queue()
                raise failed[0]
            self._started = True

    def _add(self, worker: Worker) -> None:
        self._all.add(worker)
        self._idle.put(worker)

    def pids(self) -> list[int]:
        return sorted(w.process.pid for w in self._all)

    async def call(self, job: dict, cancelled: threading.Event | None = None):
        """The job's result; raises Overrun, Busy, MemoryExceeded, Cancelled (when `cancelled` is set while it
        runs), WorkerFailed, or JwcError for a bad query."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._call, job, cancelled or threading.Event())

    def _call(self, job: dict, cancelled: threading.Event):
        self.start()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy() from None
        healthy = False
        try:
            worker.conn.send(job)
            started = time.monotonic()
            while not worker.conn.poll(SLICE):
                if cancelled.is_set():
                    raise Cancelled()
                if time.monotonic() - started > self.timeout:
                    log.warning("job stopped after %.1f s: %.200r", time.monotonic() - started, job.get("text", job))
                    raise Overrun()
            reply = worker.conn.recv()
            healthy = reply[0] == "ok" or reply[1] == "query"
        except (EOFError, OSError) as err:
            if _out_of_memory(worker):
                raise MemoryExceeded() from None
            raise WorkerFailed(f"the query worker stopped: {err}") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if reply[0] == "ok":
            return reply[1]
        if reply[1] == "query":
            where = reply[3] if len(reply) > 3 else {}
            raise QueryError(reply[2], line=where.get("line"), column=where.get("column"))
        if reply[1] == "memory":
            raise MemoryExceeded()
        raise WorkerFailed(reply[2])

    def _replace(self, worker: Worker) -> None:
        """Kill a worker and start another in the background, so the caller answers at once."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()

        def respawn() -> None:
            if self._closed:
                return
            try:
                new = Worker(self.project, self.limits).wait_ready()
            except Exception as err:
                log.error("could not start a replacement query worker: %s", err)
                return
            with self._lock:
                if self._closed:
                    new.stop()
                    return
                self._add(new)

        if not self._closed:
            self._threads.submit(respawn)

    def close(self) -> None:
        """Stop every worker; a later call starts new ones."""
        with self._lock:
            self._closed, self._started = True, False
            workers, self._all, self._idle = list(self._all), set(), queue.Queue()
            old, self._threads = self._threads, _threads()
        for w in workers:
            w.stop()
        old.shutdown(wait=False, cancel_futures=True)


def _out_of_memory(worker: Worker) -> bool:
    """Whether a worker that stopped died for want of memory: Rust aborts (SIGABRT) when an allocation fails."""
    try:
        code = worker.process.wait(2)
    except subprocess.TimeoutExpired:
        return False
    return code in (-6, 134)


def _threads() -> ThreadPoolExecutor:
    """Threads that wait on workers: enough for many queued requests, each mostly asleep."""
    return ThreadPoolExecutor(max_workers=64, thread_name_prefix="jwc-query")


def _try(fn, *args):
    try:
        return fn(*args)
    except Exception as err:
        return err


#: Which pool each kind of job runs in: SPARQL queries apart from the pages people browse, so heavy queries
#: cannot starve an entity page, and uploads apart from both (a validation may take long).
LANES = {
    "sparql": "queries",
    "entity": "pages",
    "terms": "pages",
    "shapes": "pages",
    "graph": "pages",
    "map": "pages",
    "reconcile": "pages",
    "search": "pages",
    "validate": "uploads",
    "review": "uploads",
}


class Lanes:
    """The server's pools, one per lane: `queries` (SPARQL, with network only when SERVICE hosts are allowed),
    `pages` (entity, ontology and map pages, reconciliation, name search) and `uploads` (validation), each with its
    own workers."""

    def __init__(
        self,
        project: Project,
        timeout: float,
        queries: int | None = None,
        network: bool = False,
        max_memory: int = DEFAULT_MAX_MEMORY,
    ):
        closed = WorkerLimits(network=False, max_memory=max_memory)
        self.pools = {
            "queries": WorkerPool(
                project,
                size=queries,
                timeout=timeout,
                limits=WorkerLimits(network=network, max_memory=max_memory),
            ),
            "pages": WorkerPool(project, size=1, timeout=timeout, limits=closed),
            "uploads": WorkerPool(project, size=1, timeout=timeout, limits=closed),
        }

    def for_job(self, job: dict) -> WorkerPool:
        return self.pools[LANES[job["kind"]]]

    def start(self) -> None:
        for pool in self.pools.values():
            pool.start()

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()

    def isolated(self) -> bool:
        """Whether every worker of the `queries` lane runs without a network."""
        return all(getattr(w, "isolated", False) for w in self.pools["queries"]._all)
