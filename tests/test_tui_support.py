"""Small inputs shared by the TUI tests: a three-report cluster, fixed summaries, a real DB."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from summarize.load import build_cluster
from summarize.model import Cluster, Document, Summary, SummarySentence
from tui.data import Entry

TEXTS = (
    "Rain flooded the old harbour town on Monday. Fishermen moved their boats inland. "
    "The mayor closed the schools.",
    "Heavy rain flooded the harbour town on Monday. The mayor closed the schools for two days. "
    "Volunteers filled sandbags.",
    "Officials said the harbour flood was the worst in decades. Volunteers filled sandbags "
    "along the river. Power returned by evening.",
)
REFERENCE = "Rain flooded the harbour town. The mayor closed the schools and volunteers " \
            "filled sandbags."


def errors(app: Any) -> list[str]:  # noqa: ANN401
    """The error notifications the app has shown, by message."""
    return [n.message for n in app._notifications if n.severity == "error"]


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no pytest async plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def cluster(references: tuple[str, ...] = (REFERENCE,)) -> Cluster:
    docs = [Document(id=f"d{i}", title=f"Report {i + 1}", text=t, source=f"d{i}.txt",
                     position=i) for i, t in enumerate(TEXTS)]
    return build_cluster(docs, keep_boilerplate=True, id="flood", references=references)


def fixed_summary(c: Cluster, method: str, picks: list[tuple[int, ...]],
                  support: list[tuple[str, ...]] | None = None,
                  generated: tuple[str, ...] = ()) -> Summary:
    """A Summary by hand: each pick lists indexes into ``c.sentences`` (several = fused)."""
    items = []
    for n, pick in enumerate(picks):
        sources = tuple(c.sentences[i] for i in pick)
        text = generated[n] if n < len(generated) else sources[0].text
        items.append(SummarySentence(
            text=text, sources=sources, score=1.0 / (n + 1),
            support=support[n] if support else tuple(dict.fromkeys(s.doc_id for s in sources)),
            group_members=sources, generated=n < len(generated)))
    return Summary(method=method, sentences=tuple(items), documents=c.documents,
                   options=(("words", 40),))


def fixed_entries(c: Cluster) -> list[Entry]:
    """Two summaries that share content: sentence 0 of d0 and sentence 0 of d1 say the same."""
    # c.sentences: d0 -> 0,1,2 ; d1 -> 3,4,5 ; d2 -> 6,7,8
    first = fixed_summary(c, "alpha", [(0, 3), (2,), (5,)], support=[("d0", "d1"), ("d0",),
                                                                     ("d1",)])
    second = fixed_summary(c, "beta", [(3,), (6,), (8,)])
    return [Entry("fixed:alpha", "alpha", "alpha", "done", first),
            Entry("fixed:beta", "beta", "beta", "done", second)]


def make_db(path: Path) -> Path:
    """A real benchmark database with one run, two clusters, two methods and their scores."""
    from eval.store import ClusterRow, RunInfo, Store, StoredSummary

    c = cluster()
    docs = tuple({"id": d.id, "title": d.title, "text": d.text} for d in c.documents)
    with Store(path) as store:
        info = RunInfo(id="run1", data="tiny.jsonl", methods=("alpha", "beta"), words=40,
                       options={"words": 40}, created="2024-03-22T00:00:00")
        store.start_run(info, [ClusterRow("flood", docs, (REFERENCE,)),
                               ClusterRow("other", docs, ("Power returned by evening.",))])
        for cid in ("flood", "other"):
            for entry in fixed_entries(c):
                s = entry.summary
                assert s is not None
                records = [{"text": x.text, "doc_id": x.sources[0].doc_id,
                            "index": x.sources[0].index, "start": x.sources[0].start,
                            "end": x.sources[0].end, "support": list(x.support),
                            "sources": [{"doc_id": y.doc_id, "index": y.index,
                                         "start": y.start, "end": y.end} for y in x.sources],
                            "generated": x.generated, "score": x.score}
                           for x in s.sentences]
                f = 0.5 if entry.method == "alpha" else 0.25
                store.put("run1", StoredSummary(
                    method=entry.method, cluster_id=cid, text=s.text, sentences=records,
                    scores={"rouge1": {"precision": f, "recall": f, "fmeasure": f}},
                    seconds=0.1))
    return path


def test_fixture_cluster_has_three_sentences_per_report() -> None:
    c = cluster()
    assert [s.doc_id for s in c.sentences] == ["d0"] * 3 + ["d1"] * 3 + ["d2"] * 3
    assert c.sentences[3].text == "Heavy rain flooded the harbour town on Monday."
