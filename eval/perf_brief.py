"""The brief benchmark: what ``summarize brief`` gives by default, read, scored and timed.

    python -m eval.perf_brief [--parts seeds,quality,cost] [--data DIR] [--rounds 5]

* **seeds**: the default brief of the five seed reports at 100, 150 and 200 words, checked
  against our reading of them (``eval.seed_facts``): which main facts it states, which
  statements it makes twice, headlines, and openings that lean on a sentence the brief
  does not give.
* **quality**: ROUGE-1/2/L F1 x100 (rouge-score, Porter stemming, max over references) of
  the default on the three development sets at their customary budgets, with bootstrap
  95% CIs, beside the previous default (``lexrank`` with the lexical filter at 0.5 and
  selection by score) and the anchor of ``data/README.md`` (sumy's best, cut to the
  budget); the p-value is the paired permutation test on per-cluster ROUGE-2 of the default
  against the previous default.
* **cost**: wall time of the whole command on the seeds, default against ``--method lead
  --no-dedup`` (the same start-up, no similarity at all), in alternating rounds, medians
  compared; the whole default pipeline at 20,000 sentences (``eval.perf_methods``' input) in
  a fresh process, with its peak memory; and whether torch was imported. The machine's
  parallel-CPU calibration is printed first, as ``eval.perf_bench`` does.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
BUDGETS = {"neus-val": 65, "opinosis": 20, "amazon-dev": 55}
ANCHOR_R2 = {"neus-val": 17.24, "opinosis": 14.32, "amazon-dev": 9.37}
"""sumy's best ROUGE-2 per set (``data/README.md``): luhn, sumbasic, lexrank."""


def previous_default() -> dict[str, object]:
    """The brief's configuration before paraphrase-aware grouping and coverage selection."""
    return {"similarity": "lexical", "threshold": 0.5, "selection": "score", "readable": False}


def seeds_part() -> None:
    from eval.seed_facts import FACTS, facts_stated, repeated
    from summarize.config import Config
    from summarize.load import load_inputs
    from summarize.model import Budget
    from summarize.pipeline import summarize
    from summarize.readability import needs_antecedent

    cluster = load_inputs([])
    titles = {d.title for d in cluster.documents}
    print("## Seeds: the default brief against our reading of the reports\n")
    print("| words | sentences | " + " | ".join(FACTS) + " | stated twice | headlines | "
          "leaning openers |")
    print("|---" * (len(FACTS) + 5) + "|")
    for words in (100, 150, 200):
        brief = summarize(cluster, "lexrank", Config(budget=Budget(words=words)))
        texts = [s.text for s in brief.sentences]
        stated = facts_stated(texts)
        heads = sum(t in titles for t in texts)
        leaning = 0
        for k, item in enumerate(brief.sentences):
            if needs_antecedent(item.text):
                prev = brief.sentences[k - 1].sources[0] if k else None
                src = item.sources[0]
                if not (prev and prev.doc_id == src.doc_id and prev.index == src.index - 1):
                    leaning += 1
        marks = " | ".join("yes" if stated[f] else "**no**" for f in FACTS)
        print(f"| {brief.words}/{words} | {len(texts)} | {marks} | "
              f"{', '.join(repeated(texts)) or 'none'} | {heads} | {leaning} |")
    print()
    _shortest(cluster)


def _shortest(cluster) -> None:  # noqa: ANN001
    """The least budget any extract of whole sentences needs to state every fact: with the
    sentences the brief may take (no fragments, no opening that leans on the sentence
    before), and with every sentence."""
    from eval.seed_facts import FACTS, shortest_cover
    from summarize.readability import cannot_stand_alone, needs_antecedent
    from summarize.text import count_words

    texts = [s.text for s in cluster.sentences]
    lengths = [count_words(t) for t in texts]
    fine = [not cannot_stand_alone(t) and not needs_antecedent(t) for t in texts]
    allowed, picked = shortest_cover([t if ok else "" for t, ok in zip(texts, fine,
                                                                        strict=True)], lengths)
    anything, _ = shortest_cover(texts, lengths)
    print(f"Shortest extract of whole sentences that states all {len(FACTS)} facts: "
          f"{allowed} words with no fragment and no leaning opener ({len(picked)} sentences), "
          f"{anything} words allowing leaning openers.\n")


def _per_cluster(clusters, texts) -> dict[str, np.ndarray]:  # noqa: ANN001
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    out: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeL": []}
    for cluster, text in zip(clusters, texts, strict=True):
        best = dict.fromkeys(out, 0.0)
        for ref in dict.fromkeys(cluster.references):
            scores = scorer.score(ref, text)
            for k in out:
                best[k] = max(best[k], scores[k].fmeasure)
        for k in out:
            out[k].append(100.0 * best[k])
    return {k: np.array(v) for k, v in out.items()}


def quality_part(data: Path) -> None:
    from eval.stats import bootstrap_ci, permutation_test
    from summarize.config import Config
    from summarize.load import read_clusters
    from summarize.model import Budget
    from summarize.pipeline import summarize

    print("## Quality: ROUGE F1 x100 [bootstrap 95% CI], default against the previous "
          "default\n")
    print("| set (words) | configuration | ROUGE-1 | ROUGE-2 | ROUGE-L | R2 vs anchor | "
          "p (R2, vs previous) | s/cluster |")
    print("|---|---|---|---|---|---|---|---|")
    for name, words in BUDGETS.items():
        clusters = [c for c in read_clusters(data / f"{name}.jsonl") if c.references]
        runs = {}
        for label, extra in (("default", {}), ("previous default", previous_default())):
            config = Config(budget=Budget(words=words), **extra)
            start = time.perf_counter()
            texts = [summarize(c, "lexrank", config).text for c in clusters]
            seconds = (time.perf_counter() - start) / len(clusters)
            runs[label] = (_per_cluster(clusters, texts), seconds)
        for label, (scores, seconds) in runs.items():
            cells = []
            for k in ("rouge1", "rouge2", "rougeL"):
                ci = bootstrap_ci(scores[k], resamples=1000, seed=0)
                cells.append(f"{ci.mean:.2f} [{ci.low:.2f}, {ci.high:.2f}]")
            margin = f"{scores['rouge2'].mean() - ANCHOR_R2[name]:+.2f}"
            p = "—"
            if label == "default":
                p_value = permutation_test(scores["rouge2"], runs["previous default"][0]["rouge2"],
                                           resamples=10000, seed=0)
                p = f"{p_value:.3f}"
            print(f"| {name} ({words}) | {label} | {' | '.join(cells)} | {margin} | {p} | "
                  f"{seconds:.3f} |")
    print(f"\nanchor (sumy's best ROUGE-2, cut to the budget): "
          f"{', '.join(f'{k} {v}' for k, v in ANCHOR_R2.items())}\n")


def _wall(args: Sequence[str]) -> float:
    from eval.perf_process import timed  # a fresh process, as an installed package runs

    return timed([sys.executable, "-m", "summarize", "brief", *args])[0]


def cost_part(data: Path, rounds: int) -> None:
    from eval.perf_bench import calibrate
    from eval.perf_methods import measure

    print("## Cost\n")
    print(f"calibration: a pure-Python loop on 2 processes runs {calibrate(2):.2f}x as fast as "
          "on one (ideal 2.00x)\n")
    _wall([])  # warm the file cache and bytecode once
    _wall(["--method", "lead", "--no-dedup"])
    default, lead = [], []
    for _ in range(rounds):
        default.append(_wall([]))
        lead.append(_wall(["--method", "lead", "--no-dedup"]))
    d, m = statistics.median(default), statistics.median(lead)
    print("| command (seeds, whole process) | median wall (s) | rounds | ratio |")
    print("|---|---|---|---|")
    print(f"| summarize brief --method lead --no-dedup | {m:.2f} | {rounds} | 1.00x |")
    print(f"| summarize brief (default) | {d:.2f} | {rounds} | {d / m:.2f}x |\n")
    code = ("import sys\nfrom summarize.cli import main\nimport io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['brief'])\n"
            "print(json.dumps(sorted(m for m in ('torch', 'transformers', "
            "'sentence_transformers') if m in sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    print(f"heavy modules imported by the default brief: {out}\n")
    row = measure("lexrank", 20_000, data)
    print("| input | sentences | words | whole default pipeline (s) | peak memory (MiB) |")
    print("|---|---|---|---|---|")
    print(f"| eval.perf_methods | {row['sentences']:,} | {row['words']:,} | "
          f"{row['pipeline_s']:.2f} | {row['peak_mib']:.0f} |\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.perf_brief", description=__doc__)
    parser.add_argument("--parts", default="seeds,quality,cost")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    parts = args.parts.split(",")
    if "seeds" in parts:
        seeds_part()
    if "quality" in parts:
        quality_part(args.data)
    if "cost" in parts:
        cost_part(args.data, args.rounds)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
