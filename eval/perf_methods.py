"""Speed and memory benchmark of our extractive methods against sumy's LexRank.

    python -m eval.perf_methods [--sizes 2000,20000,100000] [--methods lexrank,...]
                                [--sumy-size 2000] [--no-sumy] [--data DIR]

Input: one big cluster of N sentences, built from the real documents of
``../shared/data`` (neus-val, amazon-dev, opinosis) and the five seed reports, taken
round-robin across the four sources one document at a time (so every size mixes news and
reviews), split by our sentence splitter, until N sentences; the last document is cut.
Those sources hold about 19,000 sentences; past that the same documents are taken again
under new ids, each round *reworded* (round k drops every (k + 3)-th word, see ``_reword``),
so the 100,000-sentence input holds about five near-duplicate versions of each sentence,
not exact copies: like wire copy rewritten by several outlets, it exercises the redundancy
filter's similarity search rather than an exact-copy shortcut.

Each (method, size) runs in a fresh subprocess, so its peak resident memory
(``ru_maxrss``) is its own: it covers the interpreter, the input and the method. Two times
are printed: ``score`` (the method's ``score(cluster)`` alone) and ``pipeline`` (the full
``summarize.pipeline.summarize`` as ``summarize brief`` runs it: scores, redundancy filter
on, 120-word budget, order by source). sumy's LexRank is timed once, at ``--sumy-size``,
on the same input through our wrapper (``sumy-lexrank``), whose tokens are ours. Every child
first runs its method once on 50 sentences, so one-off imports are not timed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from summarize.model import Cluster, Document, Sentence
from summarize.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SETS = ("neus-val", "amazon-dev", "opinosis")


def _sources(data: Path) -> list[list[tuple[str, str]]]:
    """Per source, its documents as ``(id, text)`` in file order."""
    out = []
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    out.append([(f"seed-{p.stem}", p.read_text(encoding="utf-8")) for p in seeds])
    for name in SETS:
        docs = []
        with (data / f"{name}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    docs += [(f"{obj['id']}/{d['id']}", d["text"]) for d in obj["documents"]]
        out.append(docs)
    return out


def _reword(text: str, rnd: int) -> str:
    """A near-duplicate of ``text``: every (rnd + 3)-th word of each line dropped."""
    step = rnd + 3
    return "\n".join(" ".join(w for i, w in enumerate(line.split()) if i % step != step - 1)
                     for line in text.split("\n"))


def build_cluster(n: int, data: Path = DEFAULT_DATA) -> Cluster:
    """A cluster of exactly ``n`` sentences (fewer only if ``n`` is 0), as the docstring says."""
    sources = _sources(data)
    order: list[tuple[str, str]] = []
    longest = max(len(s) for s in sources)
    for k in range(longest):  # round-robin across sources, one document at a time
        order += [s[k] for s in sources if k < len(s)]
    docs: list[Document] = []
    sents: list[Sentence] = []
    rnd = 0
    while len(sents) < n:
        for doc_id, text in order:
            if len(sents) >= n:
                break
            pos = len(docs)
            did = doc_id if rnd == 0 else f"{doc_id}#{rnd}"
            text = text if rnd == 0 else _reword(text, rnd)
            doc = Document(id=did, title="", text=text, source="perf", position=pos)
            spans = split_sentences(text)[: n - len(sents)]
            if not spans:
                continue
            docs.append(doc)
            sents += [Sentence(text[s:e], did, i, s, e, pos) for i, (s, e) in enumerate(spans)]
        rnd += 1
    return Cluster(tuple(docs), tuple(sents), id=f"perf-{n}")


def _child(method: str, n: int, data: Path, pipeline: bool) -> dict:
    """Runs in the subprocess: time one method on one size, report peak memory."""
    import resource
    import time

    from summarize import registry
    from summarize.config import Config
    from summarize.model import Budget
    from summarize.pipeline import summarize

    cluster = build_cluster(n, data)
    words = sum(len(s.text.split()) for s in cluster.sentences)
    scorer = registry.get(method).create()
    # Warm up on a small input first: the first call pays one-off imports and data loading
    # (sumy's stop words, NLTK's stemmer: several seconds), which is not the method's speed.
    summarize(build_cluster(50, data), method, Config(budget=Budget(words=120)))
    start = time.perf_counter()
    scorer.score(cluster)
    score_s = time.perf_counter() - start
    pipe_s = None
    if pipeline:
        start = time.perf_counter()
        summary = summarize(cluster, method, Config(budget=Budget(words=120)))
        pipe_s = time.perf_counter() - start
        assert summary.sentences
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {"method": method, "sentences": len(cluster.sentences), "words": words,
            "documents": len(cluster.documents), "score_s": score_s, "pipeline_s": pipe_s,
            "peak_mib": peak}


def measure(method: str, n: int, data: Path, pipeline: bool = True,
            timeout: float = 3600) -> dict:
    """Run ``_child`` in a fresh interpreter and return its figures."""
    code = ("import json, sys; from pathlib import Path; from eval.perf_methods import _child; "
            f"print(json.dumps(_child({method!r}, {n}, Path({str(data)!r}), {pipeline})))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{method} at {n} sentences failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.perf_methods",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--methods", default="lexrank,centroid,textrank,submodular")
    parser.add_argument("--sumy-size", type=int, default=2000)
    parser.add_argument("--no-sumy", action="store_true")
    parser.add_argument("--no-pipeline", action="store_true",
                        help="time the scorers only, without the redundancy filter")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    print("| method | sentences | words | score (s) | pipeline with redundancy filter (s) "
          "| peak memory (MiB) |")
    print("|---|---|---|---|---|---|")

    def show(r: dict) -> None:
        print(f"| {r['method']} | {r['sentences']:,} | {r['words']:,} | {_fmt(r['score_s'])} "
              f"| {_fmt(r['pipeline_s'])} | {r['peak_mib']:.0f} |", flush=True)

    if not args.no_sumy:
        sumy = measure("sumy-lexrank", args.sumy_size, args.data, pipeline=False)
        rows.append(sumy)
        show(sumy)
    for method in args.methods.split(","):
        for n in sizes:
            print(f"  {method} at {n} sentences...", file=sys.stderr, flush=True)
            r = measure(method, n, args.data, pipeline=not args.no_pipeline)
            rows.append(r)
            show(r)
    ours = {(r["method"], r["sentences"]): r for r in rows}
    if not args.no_sumy and ("lexrank", args.sumy_size) in ours:
        mine = ours[("lexrank", args.sumy_size)]["score_s"]
        print(f"\nlexrank vs sumy-lexrank at {args.sumy_size:,} sentences (score only): "
              f"{rows[0]['score_s'] / mine:.0f}x faster")
    for method in args.methods.split(","):
        if (method, 2000) in ours and (method, 20000) in ours:
            a, b = ours[(method, 2000)], ours[(method, 20000)]
            key = "score_s" if args.no_pipeline else "pipeline_s"
            print(f"{method}: 2,000 -> 20,000 sentences, time grows {b[key] / a[key]:.1f}x "
                  f"({'score' if args.no_pipeline else 'pipeline'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
