"""A small pool of query worker processes; a worker whose job overruns the time limit is killed and replaced.

Jobs wait for a free worker in a thread (never on the event loop), so a slow query holds one worker
and one thread, and the server keeps answering other requests.
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from ..base.errors import JwcError
from ..base.project import Project

log = logging.getLogger("jwc.serve")
_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jwc-spawner")  # never shut down
STARTUP_SECONDS = 60.0


class Overrun(Exception):
    """The job ran longer than the time limit; its worker was stopped."""


class Busy(Exception):
    """No worker became free within the time limit."""


class WorkerFailed(Exception):
    """The worker stopped or answered with an internal error (logged, not shown)."""


class Worker:
    """One worker process (`python -m jwc_graph.web.worker`) and the server's end of its socket."""

    def __init__(self, project: Project):
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
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                start_new_session=True,
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


class WorkerPool:
    """`size` workers on one store; `await pool.call(job)` answers a job within `timeout` seconds."""

    def __init__(self, project: Project, size: int | None = None, timeout: float = 30.0):
        self.project = project
        self.size = size or max(2, min(4, os.cpu_count() or 2))
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
            launched = [_try(Worker, self.project) for _ in range(self.size)]
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

    async def call(self, job: dict):
        """The job's result; raises Overrun, Busy, WorkerFailed, or JwcError for a bad query."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._call, job)

    def _call(self, job: dict):
        self.start()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy() from None
        healthy = False
        try:
            worker.conn.send(job)
            started = time.monotonic()
            if not worker.conn.poll(self.timeout):
                log.warning("query stopped after %.1f s: %.200r", time.monotonic() - started, job.get("text", job))
                raise Overrun()
            reply = worker.conn.recv()
            healthy = True
        except (EOFError, OSError) as err:
            raise WorkerFailed(f"the query worker stopped: {err}") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if reply[0] == "ok":
            return reply[1]
        if reply[1] == "query":
            raise JwcError(reply[2])
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
                new = Worker(self.project).wait_ready()
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


def _threads() -> ThreadPoolExecutor:
    """Threads that wait on workers: enough for many queued requests, each mostly asleep."""
    return ThreadPoolExecutor(max_workers=64, thread_name_prefix="jwc-query")


def _try(fn, *args):
    try:
        return fn(*args)
    except Exception as err:
        return err
