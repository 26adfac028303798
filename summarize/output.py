"""Write a command's output to the file the user named, without ever losing what was there.

``-o FILE`` is where a careless write destroys data: renaming a temporary file over the
target replaces a symlink with a file, a FIFO or a device (``/dev/null``) with a regular
file, and one of the inputs with the brief. So the target is looked at first:

* one of the inputs: refused (``UsageError``), the input untouched;
* a symlink: followed, and its target written the same way (the link stays a link);
* a FIFO, a character device, a socket: streamed into, never replaced;
* a regular file or a new name: written to a temporary file in the same directory and
  renamed over it, so a reader sees the old content or the new, never half; the file keeps
  its existing permission bits, and a new one gets those the umask allows (``mkstemp``
  would give 0600).

Every failure (a read-only directory, a full disk, a directory in the way) is one
``OutputError`` line naming the file, and nothing of the user's is left changed.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from summarize.errors import SummarizeError


class OutputError(SummarizeError):
    """The output cannot be written where the user asked (or must not be)."""


def reason(exc: OSError) -> str:
    """What went wrong, in words a user can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "no space left (disk full or file too large)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only place?)"
    return exc.strerror or str(exc)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def resolve_target(path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """The file ``path`` will write: symlinks followed; refuses one of ``inputs``."""
    target = Path(os.path.realpath(path))
    for source in inputs:
        if _same_file(target, Path(source)):
            raise OutputError(f"{path}: is one of the inputs; refusing to overwrite it "
                              "(choose another output file)")
    return target


def write_output(path: str | Path, data: str | bytes, *,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` (text is UTF-8 with ``\\n`` newlines) to ``path`` as the module says."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = resolve_target(path, inputs)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({reason(exc)})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory; give a file name")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            _stream(target, payload)
        else:
            _replace(target, payload, None if mode is None else stat.S_IMODE(mode))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({reason(exc)})") from None


def _stream(target: Path, payload: bytes) -> None:
    """FIFOs and devices are written in place: they have no content to keep."""
    with open(target, "wb") as handle:
        handle.write(payload)


def _replace(target: Path, payload: bytes, mode: int | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(target, 0o600 if mode is not None else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temporary(target: Path, mode: int) -> tuple[int, Path]:
    """A new file beside ``target``, opened for writing, created with ``mode`` less the
    umask, as the kernel applies it: a new output gets the bits the umask allows, with no
    reading of the umask (that means setting it, for the whole process, under the TUI's
    threads too); an existing one is written private (0600) and given its own bits after."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def write_stream(stream: Any, text: str, name: str = "standard output") -> int:
    """Write ``text`` to ``stream`` (stdout), every byte or an ``OutputError``.

    Through the file descriptor, in a loop: a full disk first takes part of a write and
    then refuses the rest, and Python's buffered stdout reported that as success (the
    output cut short, exit status 0). Where the stream is not a real file (a test
    capturing it), its own ``write`` is used.
    """
    if stream is None:
        raise OutputError(f"{name} is closed; give -o FILE")
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return stream.write(text)
    data = memoryview(text.encode(getattr(stream, "encoding", None) or "utf-8"))
    try:
        stream.flush()
        while data:
            data = data[os.write(fd, data):]
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({reason(exc)})") from None
    return len(text)


__all__ = ["OutputError", "reason", "resolve_target", "write_output",
           "write_stream"]
