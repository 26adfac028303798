"""Benchmark of the ``fusion`` method: is it abstractive on news, and does it pay on opinions?

Run ``python -m eval.perf_fusion`` (``--help`` for options). It prints:

1. On the seeds (five reports of one event): how many of the brief's sentences are new
   (not a copy of a source sentence) and from how many documents each was built, then the
   brief's fused sentences next to the source sentences they were fused from.
2. On Opinosis (``../shared/data/opinosis.jsonl``, 20-word budget): ROUGE-1/2 F1 x100 (Porter
   stemming, best over the references) of ``fusion`` side by side with the extractive
   methods. Opinosis is the classic test bed for fusing redundant opinions, so this is
   where a word-graph method should beat sentence extraction.

Numbers are measured, never hard-coded; the table states the data and budget it used.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from summarize import registry
from summarize.config import Config
from summarize.errors import SummarizeError
from summarize.model import Budget, Cluster, Summary
from summarize.pipeline import summarize

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "opinosis.jsonl"
EXTRACTIVE = ("lexrank", "textrank", "centroid", "submodular", "lead")
SLOW = ("sumy-kl",)
"""Left out by default (about 9 minutes on Opinosis); name it in --methods to include it."""


def seed_report(words: int = 120) -> tuple[Summary, list[str]]:
    """The fusion brief of the seeds and the lines describing it."""
    from summarize.load import load_inputs

    cluster = load_inputs([], warn=lambda _m: None)
    summary = summarize(cluster, "fusion", Config(budget=Budget(words=words)))
    copies = {s.text.strip() for s in cluster.sentences}
    lines = [f"Seeds: {len(cluster.documents)} documents, {len(cluster.sentences)} sentences, "
             f"budget {words} words"]
    new = 0
    for s in summary.sentences:
        is_new = s.generated and s.text.strip() not in copies
        docs = sorted({x.doc_id for x in s.sources})
        new += is_new
        lines.append(f"  [{'new ' if is_new else 'copy'}] from {len(docs)} doc(s): {s.text}")
    n = len(summary.sentences)
    multi = sum(1 for s in summary.sentences
                if s.generated and len({x.doc_id for x in s.sources}) >= 2)
    lines.append(f"  new sentences: {new}/{n}; new and built from 2+ documents: {multi}/{new}")
    lines.append("")
    lines.append("Fused sentences and their sources:")
    for s in summary.sentences:
        if not s.generated:
            continue
        lines.append(f"  FUSED: {s.text}")
        for src in s.sources:
            lines.append(f"    <- [{src.doc_id[:3]}] {src.text}")
    return summary, lines


def seed_examples(n: int) -> list[str]:
    """The ``n`` best fused sentences over all of the seeds' groups (not only those in the
    brief), each with the source sentences it was built from.

    "Best" is decided without a reader, deterministically: built from more documents first,
    then backed by more documents in its group, then of readable length (8 to 30 words, the
    span of a news sentence), then group order. Every group's best candidate comes before
    any group's second best, so a few groups do not fill the list with variants.
    """
    from summarize.load import load_inputs
    from summarize.methods.fusion import Fusion
    from summarize.text import count_words

    cluster = load_inputs([], warn=lambda _m: None)
    config = Config(budget=Budget(words=120))
    fusion = Fusion()
    found = []
    rank: dict[int | None, int] = {}
    for item in fusion.fused(cluster, fusion.groups(cluster, config)):
        r = rank[item.group] = rank.get(item.group, -1) + 1
        docs = len({s.doc_id for s in item.sources})
        length = count_words(item.text)
        found.append(((r, -docs, -len(item.support), not 8 <= length <= 30, item.group or 0),
                      item))
    found.sort(key=lambda pair: pair[0])
    lines = [f"{min(n, len(found))} of {len(found)} fused candidates from the seeds:"]
    for _key, item in found[:n]:
        lines.append(f"  FUSED: {item.text}")
        for src in item.sources:
            lines.append(f"    <- [{src.doc_id}] {src.text}")
    return lines


def rouge_table(clusters: Sequence[Cluster], methods: Sequence[str], words: int) -> list[str]:
    """ROUGE-1/2 F1 x100 (max over references, Porter stemming) per method, with run time."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    rows = []
    methods = list(methods)
    runs: list[tuple[str, tuple[tuple[str, object], ...]]] = [(m, ()) for m in methods]
    if "fusion" in methods:  # the same selection without fused sentences: what fusion adds
        runs.insert(methods.index("fusion") + 1, ("fusion", (("fuse", False),)))
    for method, options in runs:
        try:
            registry.get(method).load()
        except (SummarizeError, ImportError, AttributeError) as exc:
            print(f"skipping {method}: {exc}", file=sys.stderr)
            continue
        r1 = r2 = 0.0
        out_words = 0
        start = time.perf_counter()
        for cluster in clusters:
            config = Config(budget=Budget(words=words), method_options=options)
            text = summarize(cluster, method, config).text
            out_words += len(text.split())
            s1 = max(scorer.score(ref, text)["rouge1"].fmeasure for ref in cluster.references)
            s2 = max(scorer.score(ref, text)["rouge2"].fmeasure for ref in cluster.references)
            r1 += s1
            r2 += s2
        n = max(1, len(clusters))
        name = f"{method} (fuse=False)" if options else method
        rows.append((name, 100 * r1 / n, 100 * r2 / n, out_words / n,
                     time.perf_counter() - start))
        print(f"  {name}: done", file=sys.stderr)
    best = {k: max((r[k] for r in rows if not r[0].startswith("fusion")), default=0.0)
            for k in (1, 2)}
    lines = [f"{'method':<22}{'ROUGE-1':>9}{'ROUGE-2':>9}{'words':>7}{'seconds':>9}"]
    for name, a, b, w, t in rows:
        lines.append(f"{name:<22}{a:>9.2f}{b:>9.2f}{w:>7.1f}{t:>9.1f}")
    fusion = next((r for r in rows if r[0] == "fusion"), None)
    if fusion is not None:
        lines.append(f"fusion - best extractive: ROUGE-1 {fusion[1] - best[1]:+.2f}, "
                     f"ROUGE-2 {fusion[2] - best[2]:+.2f}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.perf_fusion", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="cluster JSONL with references")
    parser.add_argument("--words", type=int, default=20, help="budget on the data set")
    parser.add_argument("--seed-words", type=int, default=120, help="budget on the seeds")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters only")
    parser.add_argument("--methods", default=None,
                        help="comma-separated methods (default: fusion, ours, lead, sumy-* but kl)")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--examples", type=int, default=0, metavar="N",
                        help="print the N most supported fused seed sentences with their "
                             "sources, then stop")
    args = parser.parse_args(argv)
    if args.examples > 0:
        print("\n".join(seed_examples(args.examples)))
        return 0
    if not args.no_seeds:
        _summary, lines = seed_report(args.seed_words)
        print("\n".join(lines))
        print()
    if args.methods:
        methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    else:
        methods = ["fusion", *EXTRACTIVE,
                   *(m for m in registry.names("extractive")
                     if m.startswith("sumy-") and m not in SLOW)]
    data = Path(args.data)
    if not data.exists():
        print(f"{data}: not found; skipping the ROUGE table", file=sys.stderr)
        return 0
    from eval.datasets import open_dataset

    clusters = open_dataset(data, limit=args.limit).clusters
    print(f"{data.name}: {len(clusters)} clusters, budget {args.words} words; ROUGE F1 x100, "
          "Porter stemming, max over references")
    print("\n".join(rouge_table(clusters, methods, args.words)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
