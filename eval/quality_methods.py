"""Quality benchmark of the extractive methods on ``../shared/data``: ROUGE F1 x100.

    python -m eval.quality_methods [--data DIR] [--methods lexrank,sumy-luhn,...]
                                   [--sets neus-val,opinosis,amazon-dev] [--no-dedup] [--cut]

Each cluster goes through the full pipeline (``summarize.pipeline.summarize``) with the
customary word budget of its set (neus 65, opinosis 20, amazon 55), the redundancy filter
on and sentences in source order, exactly as ``summarize brief`` runs. The summary (its
sentences joined by spaces) is scored with rouge-score (ROUGE-1/2/L, Porter stemming), F1
taking the maximum over the references, averaged over clusters, x100.

Our selector never exceeds the budget and never cuts a sentence. The anchor figures of
``shared/data/README.md`` cut the last sentence to the budget, which adds recall; ``--cut``
evaluates that way too (take the pipeline's ranking and cut at the budget) for a like-for-like
comparison, but the table we report is the uncut one, the one users get.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from summarize.config import Config
from summarize.model import Budget, Cluster, Document, Sentence
from summarize.text import split_sentences

BUDGETS = {"neus-val": 65, "opinosis": 20, "amazon-dev": 55}
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DEFAULT_METHODS = ("lexrank", "textrank", "centroid", "submodular", "lead",
                   "sumy-lexrank", "sumy-textrank", "sumy-luhn", "sumy-sumbasic")
# sumy-kl and sumy-lsa are left out by default: KL-Sum takes minutes on Opinosis alone.


def load_clusters(path: Path) -> list[Cluster]:
    """The clusters of a JSONL file, split by our loader when it exists."""
    try:
        from summarize.load import read_clusters
    except ImportError:  # the loader is written in parallel; split plainly meanwhile
        return [_cluster(json.loads(line)) for line in path.open(encoding="utf-8")
                if line.strip()]
    return list(read_clusters(path))


def _cluster(obj: dict) -> Cluster:
    docs, sents = [], []
    for pos, d in enumerate(obj["documents"]):
        doc = Document(id=d["id"], title=d.get("title", ""), text=d["text"], source="",
                       position=pos)
        docs.append(doc)
        for k, (s, e) in enumerate(split_sentences(doc.text)):
            sents.append(Sentence(doc.text[s:e], doc.id, k, s, e, pos))
    return Cluster(tuple(docs), tuple(sents), id=obj["id"],
                   references=tuple(obj.get("references", ())))


def summary_text(cluster: Cluster, method: str, words: int, dedup: bool = True,
                 cut: bool = False, options: Sequence[tuple[str, object]] = (),
                 threshold: float = Config.threshold) -> str:
    """The pipeline's summary of ``cluster`` as one string (cut to ``words`` if asked)."""
    from summarize.pipeline import summarize

    config = Config(budget=Budget(words=words), dedup=dedup, method_options=tuple(options),
                    threshold=threshold)
    if not cut:
        return summarize(cluster, method, config).text
    # Cut mode: allow one more sentence than fits, then cut the text at the budget.
    config = Config(budget=Budget(words=words * 3), dedup=dedup,
                    method_options=tuple(options), threshold=threshold)
    summary = summarize(cluster, method, config)
    ranked = sorted(summary.sentences, key=lambda s: -s.score)
    taken, used = [], 0
    for s in ranked:
        if used >= words:
            break
        taken.append(s)
        used += len(s.text.split())
    taken.sort(key=lambda s: (s.sources[0].position, s.sources[0].index))
    return " ".join(" ".join(s.text for s in taken).split()[:words])


def rouge(clusters: Iterable[Cluster], texts: Iterable[str]) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 x100, max over each cluster's references."""
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": [], "rouge2": [], "rougeL": []}
    for cluster, text in zip(clusters, texts, strict=True):
        refs = list(dict.fromkeys(cluster.references))
        best = {k: 0.0 for k in totals}
        for ref in refs:
            scores = scorer.score(ref, text)
            for k in totals:
                best[k] = max(best[k], scores[k].fmeasure)
        for k in totals:
            totals[k].append(best[k])
    return {k: 100.0 * float(np.mean(v)) for k, v in totals.items()}


def evaluate(clusters: Sequence[Cluster], method: str, words: int, dedup: bool = True,
             cut: bool = False, options: Sequence[tuple[str, object]] = (),
             threshold: float = Config.threshold) -> dict[str, float]:
    start = time.perf_counter()
    texts = [summary_text(c, method, words, dedup, cut, options, threshold) for c in clusters]
    result = rouge(clusters, texts)
    result["seconds"] = time.perf_counter() - start
    result["words"] = float(np.mean([len(t.split()) for t in texts]))
    return result


def _has_redundancy() -> bool:
    try:
        from summarize.redundancy import choose  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.quality_methods",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--methods", default=",".join(DEFAULT_METHODS))
    parser.add_argument("--sets", default=",".join(BUDGETS))
    parser.add_argument("--no-dedup", action="store_true",
                        help="turn the redundancy filter off")
    parser.add_argument("--redundancy", type=float, default=Config.threshold,
                        help="redundancy threshold of the filter")
    parser.add_argument("--cut", action="store_true",
                        help="cut the last sentence at the budget, like the anchor figures")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="a method option (JSON value), for every method given")
    args = parser.parse_args(argv)
    options = []
    for item in args.option:
        name, _, value = item.partition("=")
        options.append((name, json.loads(value)))
    dedup = not args.no_dedup
    if dedup and not _has_redundancy():
        print("note: summarize.redundancy is missing; running without the redundancy filter",
              file=sys.stderr)
        dedup = False
    sets = args.sets.split(",")
    data = {s: load_clusters(args.data / f"{s}.jsonl") for s in sets}
    mode = ("cut at the budget" if args.cut else "whole sentences, never over the budget")
    print(f"ROUGE F1 x100 (rouge-score, stemming, max over references); {mode}; "
          f"redundancy filter {f'on at {args.redundancy}' if dedup else 'off'}; "
          "order by source")
    header = "| method | " + " | ".join(f"{s} ({BUDGETS[s]} w) R1 / R2 / RL" for s in sets)
    print(header + " |")
    print("|---" * (len(sets) + 1) + "|")
    for method in args.methods.split(","):
        cells = []
        for s in sets:
            r = evaluate(data[s], method, BUDGETS[s], dedup, args.cut,
                         options if not method.startswith("sumy") else (), args.redundancy)
            cells.append(f"{r['rouge1']:.2f} / {r['rouge2']:.2f} / {r['rougeL']:.2f}")
            print(f"  {method} {s}: {r['seconds']:.1f} s, {r['words']:.1f} words",
                  file=sys.stderr)
        print(f"| {method} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
