"""Imported by the benchmark's fork server only (``eval.runner.PRELOAD``), never elsewhere.

When the user presses Ctrl-C while the worker pool is starting, the parent shuts down and
removes the pool's semaphores; a worker the fork server is just starting then fails to
unpickle them and printed a ``FileNotFoundError`` traceback after the parent's own clean
"interrupted". That one failure means only "the parent is gone": it is dropped here. Every
other error in the fork server prints as before.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

_PARENT_GONE = (FileNotFoundError, EOFError, ConnectionError)
_previous = sys.excepthook


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    starting = any(frame.name == "_main" and frame.filename.endswith("spawn.py")
                   for frame in traceback.extract_tb(tb))
    if starting and issubclass(kind, _PARENT_GONE):
        return
    _previous(kind, value, tb)


sys.excepthook = _hook
