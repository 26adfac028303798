"""One HTTP POST with a total deadline and a cap on the answer's size.

``urllib``'s ``timeout`` bounds each socket read, not the call: a server that sends one byte
every two seconds keeps a 60 s timeout from ever firing, and ``response.read()`` holds a
500 MB answer whole in memory. Here a timer shuts the request's socket when the deadline
passes, whatever the call is blocked on, and the answer is read in chunks that stop past
``max_bytes``. Still ``urllib`` underneath, so proxies from the environment keep working.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

_CHUNK = 64 * 1024
_ERROR_BODY = 16 * 1024
"""How much of an error answer (4xx, 5xx) is read: enough for its message."""


@dataclass(frozen=True)
class Answer:
    """What the server sent back."""

    status: int
    body: bytes
    """The whole body for a success; at most ``_ERROR_BODY`` bytes of an error's."""


class DeadlineExceeded(TimeoutError):
    """The whole exchange took longer than the deadline."""


class AnswerTooLarge(ValueError):
    """The answer is bigger than the cap; reading stopped there."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        self.limit = limit
        self.declared = declared
        super().__init__(f"answer larger than {limit} bytes")


class _Watch:
    """The sockets one request opened, so that the deadline can shut them from a timer."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.socks: list[socket.socket] = []
        self.expired = False

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self.lock:
            self.socks.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.socks:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked recv at once, unlike close()


def _opener(watch: _Watch) -> urllib.request.OpenerDirector:
    """urllib's opener, with connections that report their socket to ``watch``."""

    class Connection(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            watch.add(self.sock)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            watch.add(self.sock)

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Connection, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(SecureConnection, req, context=self._context)

    return urllib.request.build_opener(Handler, SecureHandler)


def post(url: str, body: bytes, headers: dict[str, str], *, deadline: float,
         max_bytes: int) -> Answer:
    """POST ``body``; the answer, whatever its status.

    Raises ``DeadlineExceeded`` when connecting, sending and reading took longer than
    ``deadline`` seconds in all, ``AnswerTooLarge`` past ``max_bytes``, and ``OSError``
    (``urllib.error.URLError`` included) when the server cannot be reached.
    """
    watch = _Watch()
    timer = threading.Timer(deadline, watch.expire)
    timer.daemon = True
    end = time.monotonic() + deadline
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    timer.start()
    try:
        try:
            response = _opener(watch).open(request, timeout=deadline)
        except urllib.error.HTTPError as exc:
            with exc:
                return Answer(exc.code, _read(exc, _ERROR_BODY, watch, end, cap_is_error=False))
        with response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise AnswerTooLarge(max_bytes, int(declared))
            return Answer(response.status, _read(response, max_bytes, watch, end))
    except (OSError, http.client.HTTPException) as exc:
        if watch.expired or time.monotonic() >= end:
            raise DeadlineExceeded(f"no complete answer within {deadline:g} s") from None
        if isinstance(exc, OSError):
            raise
        raise ConnectionError(f"broken answer: {type(exc).__name__}") from None
    finally:
        timer.cancel()
        watch.expire()  # nothing of this request stays open


def _read(stream: object, limit: int, watch: _Watch, end: float, *,
          cap_is_error: bool = True) -> bytes:
    """At most ``limit`` bytes, chunk by chunk; past it an error, or the cut for error bodies."""
    chunks: list[bytes] = []
    size = 0
    read = stream.read  # type: ignore[attr-defined]
    while True:
        chunk = read(_CHUNK)
        if watch.expired or time.monotonic() >= end:
            raise DeadlineExceeded("deadline")
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            if cap_is_error:
                raise AnswerTooLarge(limit)
            chunks.append(chunk[:limit - (size - len(chunk))])
            return b"".join(chunks)
        chunks.append(chunk)
