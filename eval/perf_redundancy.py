"""Before/after table of the redundancy filter: repeats in the brief and shared facts covered.

Run ``python -m eval.perf_redundancy [--words 150] [--redundancy 0.5]``: for every registered
extractive method, the seed cluster is summarized with the filter off (``--no-dedup``) and
on, and the table shows, for each:

* ``repeats``: pairs of brief sentences that state the same fact, i.e. in one redundancy
  group or with similarity (``summarize.similarity.MEASURE``) at or above the threshold;
* ``shared facts``: how many of the *facts shared by three or more reports* the brief covers.
  A fact shared by K reports is a redundancy group (``summarize.redundancy.find_groups`` at
  the same threshold) whose sentences come from at least K distinct documents; a brief covers
  it when one of its sentences belongs to that group or states the same content as one of its
  members (similarity at or above the threshold: the filter's own definition of a repeat).

The filter should bring repeats to zero and never lower the shared-fact coverage.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import dataclass

from summarize import registry
from summarize.config import Config
from summarize.model import Budget, Cluster, Summary
from summarize.pipeline import summarize
from summarize.redundancy import Groups, find_groups
from summarize.similarity import MEASURE, Vectors, for_cluster


@dataclass(frozen=True)
class Row:
    method: str
    sentences: tuple[int, int]
    """Brief sentences without / with the filter."""
    repeats: tuple[int, int]
    facts: tuple[int, int]
    seconds: float


def shared_facts(cluster: Cluster, groups: Groups, min_docs: int = 3) -> set[int]:
    """Group ids supported by at least ``min_docs`` distinct documents."""
    return {g for g in range(groups.count) if groups.support_count(cluster, g) >= min_docs}


def brief_indexes(cluster: Cluster, summary: Summary) -> list[int]:
    where = {s: i for i, s in enumerate(cluster.sentences)}
    return [where[item.sources[0]] for item in summary.sentences if item.sources[0] in where]


def covered_facts(idx: list[int], groups: Groups, vectors: Vectors,
                  threshold: float) -> set[int]:
    """Groups that brief sentences ``idx`` belong to or repeat (similarity >= threshold)."""
    found = {groups.labels[i] for i in idx}
    for i in idx:
        near = (vectors.against(i) >= threshold).nonzero()[0]
        found.update(groups.labels[j] for j in near)
    return found


def repeats(idx: list[int], groups: Groups, vectors: Vectors, threshold: float) -> int:
    """Pairs of brief sentences in one group or at/above the threshold."""
    return sum(1 for i, j in itertools.combinations(idx, 2)
               if groups.labels[i] == groups.labels[j] or vectors.pair(i, j) >= threshold)


def measure(cluster: Cluster, method: str, words: int, threshold: float,
            min_docs: int = 3) -> Row:
    vectors = for_cluster(cluster)
    groups = find_groups(cluster, threshold, vectors=vectors)
    facts = shared_facts(cluster, groups, min_docs)
    counts, reps, covered = [], [], []
    start = time.perf_counter()
    for dedup in (False, True):
        cfg = Config(budget=Budget(words=words), dedup=dedup, threshold=threshold)
        idx = brief_indexes(cluster, summarize(cluster, method, cfg))
        counts.append(len(idx))
        reps.append(repeats(idx, groups, vectors, threshold))
        covered.append(len(covered_facts(idx, groups, vectors, threshold) & facts))
    return Row(method, tuple(counts), tuple(reps), tuple(covered),
               time.perf_counter() - start)


def table(rows: list[Row], total_facts: int) -> str:
    lines = [f"| method | sentences off/on | repeats off -> on | shared facts (of {total_facts})"
             " off -> on | s |",
             "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.method} | {r.sentences[0]}/{r.sentences[1]} | "
                     f"{r.repeats[0]} -> {r.repeats[1]} | {r.facts[0]} -> {r.facts[1]} | "
                     f"{r.seconds:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.perf_redundancy",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--redundancy", type=float, default=Config().threshold)
    parser.add_argument("--min-docs", type=int, default=3,
                        help="a shared fact is reported by at least this many documents")
    parser.add_argument("--methods", default=",".join(registry.names("extractive")))
    args = parser.parse_args(argv)
    from summarize.load import load_inputs

    cluster = load_inputs([])
    groups = find_groups(cluster, args.redundancy)
    total = len(shared_facts(cluster, groups, args.min_docs))
    rows = []
    for method in args.methods.split(","):
        print(f"{method}...", file=sys.stderr)
        rows.append(measure(cluster, method, args.words, args.redundancy, args.min_docs))
    print(f"Seeds ({len(cluster.documents)} reports, {len(cluster.sentences)} sentences), "
          f"--words {args.words}, --redundancy {args.redundancy}; similarity: {MEASURE}; "
          f"shared fact: a group with sentences from >= {args.min_docs} reports.")
    print(table(rows, total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
