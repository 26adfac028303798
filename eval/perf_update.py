"""The update benchmark: update briefs on the data sets, checked for old content and scored.

    python -m eval.perf_update [--data DIR] [--limit N] [--method lexrank]

Each cluster is cut into earlier and later reports (``summarize.update.split_sets``: the
documents' ``set`` where given; else the earlier half of the documents in their order and
the rest; a single document, Opinosis' pool of review lines, by its lines). The update brief
of the later reports for a reader of the earlier ones is set beside the plain brief of the
later reports (what a reader gets without ``--since``), at the set's customary budget.

* **old content**: the share of brief sentences that state content of the earlier reports,
  measured afresh, not by the update's own grouping: vectors fitted on the earlier sentences
  and the brief's alone, the same measure (hybrid), at the same threshold (0.45, with the
  shared quotations and numbers of ``redundancy.with_shared_phrases``), and at a looser 0.35
  to show the margin. Target for the update: 0. The update rechecks its own choice with the
  same measure at the same 0.45 (``summarize.update.restating``), so for the update the
  0.45 column is 0 by construction and checks only that its rechecks did not run out; the
  0.35 column, and every figure of the plain brief, are the independent ones.
* **ROUGE on new content**: ROUGE-1/2/L F1 x100 (Porter stemming, max over references)
  against the references *restricted to the later reports' content*: each reference
  sentence is kept when its closest source sentence (hybrid similarity, fitted on the
  cluster's sentences and the reference's) is in a later report and does not itself state
  an earlier sentence's content (``restating`` at 0.45); clusters where no reference keeps
  a sentence are left out (counted).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
BUDGETS = {"neus-val": 65, "opinosis": 20, "amazon-dev": 55}


def restating(texts: Sequence[str], earlier: Sequence[str], threshold: float = 0.45,
              similarity: str = "hybrid") -> list[int]:
    """Indexes of ``texts`` that state the content of an ``earlier`` sentence
    (``summarize.update.restating``: vectors fitted on these texts alone)."""
    from summarize.update import restating as pairs

    return [i for i, _j, _sim in pairs(texts, earlier, threshold, similarity)]


def restricted(references: Sequence[str], earlier: Sequence[str],
               later: Sequence[str], known: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """Each reference cut to the sentences whose closest source sentence is a later one
    that does not restate an earlier one (``known``: indexes into ``later``); empty
    references left out."""
    from summarize.similarity import vectorize
    from summarize.text import split_sentences

    out = []
    sources = [*earlier, *later]
    for ref in references:
        sents = [ref[a:b] for a, b in split_sentences(ref)]
        if not sents or not later:
            continue
        vectors = vectorize([*sources, *sents], "hybrid")
        sims = vectors.columns(np.arange(len(sources), len(sources) + len(sents)))
        closest = sims[:len(sources)].argmax(axis=0)
        kept = [s for s, j in zip(sents, closest.tolist(), strict=True)
                if j >= len(earlier) and j - len(earlier) not in known]
        if kept:
            out.append(" ".join(kept))
    return out


def measure(path: Path, method: str, limit: int | None,
            known_at: float | None = None) -> dict[str, object]:
    from eval.rouge import Rouge, RougeConfig
    from summarize.config import Config
    from summarize.load import read_clusters
    from summarize.model import Budget
    from summarize.pipeline import summarize
    from summarize.update import split_sets, update_brief

    name = path.stem
    config = Config(budget=Budget(words=BUDGETS.get(name, 100)))
    rouge = Rouge(RougeConfig(types=("rouge1", "rouge2", "rougeL")))
    rows: dict[str, dict[str, list[float]]] = {"update": {}, "plain": {}}
    counts = {"clusters": 0, "scored": 0, "empty": 0, "how": set()}
    repeats = {("update", 0.45): [0, 0], ("update", 0.35): [0, 0],
               ("plain", 0.45): [0, 0], ("plain", 0.35): [0, 0]}
    changed = 0
    seconds = 0.0
    for n, cluster in enumerate(read_clusters(path)):
        if limit is not None and n >= limit:
            break
        earlier, later, how = split_sets(cluster)
        counts["how"].add(how)
        counts["clusters"] += 1
        start = time.perf_counter()
        update = update_brief(earlier, later, method, config, known_at=known_at)
        seconds += time.perf_counter() - start
        plain = summarize(later, method, config)
        changed += len(update.changed)
        if not update.summary.sentences:
            counts["empty"] += 1
        old = [s.text for s in earlier.sentences]
        for kind, summary in (("update", update.summary), ("plain", plain)):
            texts = [s.text for s in summary.sentences]
            for threshold in (0.45, 0.35):
                tally = repeats[(kind, threshold)]
                tally[0] += len(restating(texts, old, threshold))
                tally[1] += len(texts)
        new_texts = [s.text for s in later.sentences]
        known = set(restating(new_texts, old))  # afresh: not the update's own verdict
        refs = restricted(cluster.references, old, new_texts, known)
        if not refs:
            continue
        counts["scored"] += 1
        for kind, summary in (("update", update.summary), ("plain", plain)):
            scores = rouge.score(summary.text, refs)
            for key, s in scores.items():
                rows[kind].setdefault(key, []).append(100 * s.fmeasure)
    return {"name": name, "words": config.budget.words, "rows": rows, "counts": counts,
            "repeats": repeats, "changed": changed, "seconds": seconds}


def main(argv: Sequence[str] | None = None) -> int:
    import warnings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N clusters of each set")
    parser.add_argument("--method", default="lexrank")
    parser.add_argument("--known-at", type=float, default=None,
                        help="looser similarity for 'already known' (default: the update's)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # empty briefs score 0 by design
    print(f"Update briefs ({args.method}): the later reports of each cluster for a reader of "
          "the earlier ones, beside the plain brief of the later reports.")
    print("Split: the documents' set A/B where given, else the earlier half of the documents "
          "(n // 2, in order) and the rest; one document by its lines.")
    print("Old content: brief sentences stating an earlier sentence's content, measured afresh "
          "(hybrid, vectors fitted on the earlier sentences and the brief's, shared phrases "
          "and numbers counted).")
    print("ROUGE F1 x100 against the references restricted to the later reports' content: a "
          "reference sentence is kept when its closest source sentence (hybrid similarity) is "
          "in a later report and does not itself restate an earlier sentence (measured as "
          "above, at 0.45).\n")
    print("| set (words) | split | brief | old content at 0.45 | at 0.35 | R1 | R2 | RL | "
          "clusters scored | empty updates | changed facts | s/cluster (update) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for path in sorted(args.data.glob("*.jsonl")):
        m = measure(path, args.method, args.limit, args.known_at)
        c = m["counts"]
        for kind, label in (("update", "update (--since)"), ("plain", "plain brief of later")):
            rep = m["repeats"]
            a, b = rep[(kind, 0.45)], rep[(kind, 0.35)]
            share = (f"{a[0] / a[1]:.1%} ({a[0]}/{a[1]})" if a[1] else "-")
            share35 = (f"{b[0] / b[1]:.1%}" if b[1] else "-")
            r = m["rows"][kind]
            means = [f"{np.mean(r[k]):.2f}" if r.get(k) else "-"
                     for k in ("rouge1", "rouge2", "rougeL")]
            extra = (f"{c['scored']}/{c['clusters']} | {c['empty']} | {m['changed']} | "
                     f"{m['seconds'] / max(1, c['clusters']):.3f}" if kind == "update"
                     else "| | |")
            print(f"| {m['name']} ({m['words']}) | {','.join(sorted(c['how']))} | {label} | "
                  f"{share} | {share35} | {' | '.join(means)} | {extra} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
