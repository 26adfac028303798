"""One piece of work in a forked child process while this process goes on with another.

``summarize brief`` spends its first 0.1-0.15 s importing numpy, scipy.sparse and its own
modules, and on 2,000 sentences another 0.08-0.1 s reading and cleaning the files, one
after the other on a machine with a second core idle. Loading needs none of those imports,
so the command forks before importing them: the child loads, the parent imports, and the
child's cluster comes back pickled through a pipe (3 ms each way for 2,000 sentences).

A fork is taken only where it is safe and pays (``available``): on Linux (macOS system
libraries are not fork-safe once loaded, and Windows has no fork), in a process with one
thread, when there is something left to import. Anything that goes wrong in the child
(a bug, a signal, a result that cannot be pickled) makes ``Forked.result`` return
``None``, and the caller does the work itself: the fork changes how long the command takes,
never what it prints. Errors meant for the user (``SummarizeError``) come back and are
raised in the parent as they would have been.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Any

from summarize.errors import SummarizeError

_FAILED = b""
"""What the child writes when its result cannot come back: nothing."""


def available(*modules: str) -> bool:
    """Whether forking is safe here and something is left to overlap: one of ``modules``
    (what the parent will import meanwhile) is not imported yet."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() != 1:
        return False
    return any(name not in sys.modules for name in modules)


class Forked:
    """The child running ``work``; ``result`` waits for it. Use as a context manager, so
    that a parent that fails on its own side never leaves the child behind."""

    def __init__(self, work: Callable[[], Any]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            _child(work, write)
        os.close(write)
        self._pid: int | None = pid
        self._read = read

    def result(self) -> Any:  # noqa: ANN401
        """What ``work`` returned, or None when it could not come back; a
        ``SummarizeError`` it raised is raised here."""
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        self._read = -1
        status = self._reap()
        if status != 0 or not data:
            return None
        try:
            ok, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a result that does not unpickle: work again
            return None
        if not ok:
            raise value
        return value

    def _reap(self) -> int:
        pid, self._pid = self._pid, None
        if pid is None:
            return -1
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pid is not None:  # the parent failed before it asked: stop the child
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._reap()
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


def _child(work: Callable[[], Any], fd: int) -> None:
    """Run ``work``, write its pickled outcome to ``fd`` and leave at once: no ``atexit``
    hooks, no flush of the buffers copied from the parent (``os._exit``)."""
    code = 1
    try:
        try:
            outcome: tuple[bool, Any] = (True, work())
        except SummarizeError as exc:
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            if not outcome[0]:
                pickle.loads(data)  # one the parent cannot rebuild: it loads and raises it
        except Exception:  # noqa: BLE001 - a result that cannot come back
            data = _FAILED
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        code = 0 if data else 1
    except BaseException:  # noqa: BLE001 - a bug or a signal: the parent works alone
        code = 1
    finally:
        os._exit(code)
