"""Shared test helpers: tiny clusters built by hand, and the seed cluster."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pytest

from summarize.model import Cluster, Document


def make_cluster(texts: Sequence[str], *, keep_boilerplate: bool = True,
                 titles: Sequence[str] | None = None) -> Cluster:
    """A cluster of one document per text (ids d0, d1, ...), cleaned and split as in real use."""
    from summarize.load import build_cluster

    docs = [Document(id=f"d{i}", title=(titles[i] if titles else f"Doc {i}"), text=t,
                     source=f"d{i}.txt", position=i) for i, t in enumerate(texts)]
    return build_cluster(docs, keep_boilerplate=keep_boilerplate)


@pytest.fixture(scope="session")
def seeds() -> Cluster:
    from summarize.load import load_inputs

    return load_inputs([])


def errors_in_threads(work: Callable[[], None], threads: int = 8) -> list[BaseException]:
    """Run ``work`` in that many threads at once; what any of them raised."""
    errors: list[BaseException] = []

    def guarded() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)

    running = [threading.Thread(target=guarded) for _ in range(threads)]
    for t in running:
        t.start()
    for t in running:
        t.join()
    return errors
