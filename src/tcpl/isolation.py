"""Running untrusted work (a repository's template, an evidence PDF) in a bounded child process.

On Linux the work runs in a forked child with a CPU-time and an address-space limit and a
wall-clock deadline; its answer comes back pickled through a pipe (our own child's, so safe to
unpickle). A child that runs out of time or memory, or dies, is a `Runaway`. Elsewhere the work
runs in this process (no fork): the size limits of the callers still hold.
"""

from __future__ import annotations

import math
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Runaway(Exception):
    """The work took too long ("time"), answered too much ("size"), or ran out of memory or died ("memory")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Failed(Exception):
    """The work raised; `kind` is the exception's class name, `str()` its message."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def run_isolated(
    work: Callable[[], T],
    *,
    seconds: float,
    memory_bytes: int,
    max_answer_bytes: int = 64 * 1024 * 1024,
    passthrough: tuple[type[BaseException], ...] = (),
) -> T:
    """`work()`, bounded. Exceptions in `passthrough` come back as themselves (they must pickle)."""
    if not sys.platform.startswith("linux") or os.environ.get("TCPL_TEMPLATE_IN_PROCESS"):
        return work()
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, measured by the tests through its results
        code = 0
        try:
            os.close(read_end)
            _limit_child(seconds, memory_bytes)
            outcome: tuple[str, Any]
            try:
                outcome = ("ok", work())
            except passthrough as exc:
                outcome = ("raise", exc)
            except MemoryError:
                outcome = ("runaway", None)
            except BaseException as exc:
                outcome = ("error", (type(exc).__name__, str(exc)))
            data = pickle.dumps(outcome)
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view) :]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            ready = select.select([read_end], [], [], max(0.0, remaining))[0] if remaining > 0 else []
            if not ready:
                raise Runaway("time")
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > max_answer_bytes:
                raise Runaway("size")
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _reap(pid)
    if not chunks:
        raise Runaway("memory")
    kind, value = pickle.loads(b"".join(chunks))  # our own child's answer
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "raise":
        raise value
    if kind == "runaway":
        raise Runaway("memory")
    raise Failed(*value)


def _reap(pid: int) -> None:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _limit_child(seconds: float, memory_bytes: int) -> None:  # pragma: no cover - runs in the child
    import resource

    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        used = pages * os.sysconf("SC_PAGE_SIZE")
        limit = used + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
