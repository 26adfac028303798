"""Benchmark: our ROUGE wrapper against plain rouge-score, single process and on all cores.

    nice python -m eval.perf_rouge [--pairs 10000] [--words 100] [--seed 0]

Pairs are generated, seeded, from the words of the development data sets: a reference of
~100 consecutive source words in sentences of 12-25 words (one per line), and a candidate made
from it by replacing ~40% of the words with random source words and shuffling its sentences,
so that overlap is realistic. Every sentence is on its own line and has no inner sentence
punctuation, so plain rouge-score's newline-split Lsum and our sentence splitter see the same
sentences: the benchmark checks that both give identical scores before it prints any time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from eval.rouge import Rouge, RougeConfig, score_many

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def _data_dir() -> Path:
    for candidate in (Path(os.environ.get("MDS_DATA", "")), DATA, Path("/work/shared/data")):
        if candidate.is_dir() and any(candidate.glob("*.jsonl")):
            return candidate
    raise SystemExit("no data sets found; set MDS_DATA to the folder of the *.jsonl files")


def source_words(data: Path) -> list[str]:
    """All words of all documents of the data sets, in file order, sentence punctuation gone."""
    words: list[str] = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                for doc in json.loads(line)["documents"]:
                    for w in doc["text"].split():
                        w = re.sub(r"[.!?…]+", "", w)
                        if w:
                            words.append(w)
    return words


def _sentences(words: list[str], rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(words):
        n = rng.randint(12, 25)
        out.append(" ".join(words[i:i + n]) + ".")
        i += n
    return out


def make_pairs(pool: Sequence[str], count: int, length: int, seed: int) -> list[tuple[str, str]]:
    """``count`` seeded (candidate, reference) pairs of about ``length`` words each."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        start = rng.randrange(len(pool) - length)
        ref_words = list(pool[start:start + length])
        cand_words = [rng.choice(pool) if rng.random() < 0.4 else w for w in ref_words]
        cand_sents = _sentences(cand_words, rng)
        rng.shuffle(cand_sents)
        pairs.append(("\n".join(cand_sents), "\n".join(_sentences(ref_words, rng))))
    return pairs


def _time(fn) -> tuple[float, float, object]:  # noqa: ANN001
    """Wall seconds, CPU seconds of this process, and the result of ``fn()``.

    CPU time is what the single-process comparison uses: on a shared machine wall time
    mostly measures the neighbours.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.perf_rouge", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--block", type=int, default=100,
                        help="pairs per turn of the interleaved single-process timing")
    parser.add_argument("--workers", type=int, nargs="*",
                        help="process counts to time (default: 2, 4, ... up to all cores)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    workers = args.workers or sorted({w for w in (2, 4, 8, 16, cores) if 1 < w <= cores})

    pairs = make_pairs(source_words(_data_dir()), args.pairs, args.words, args.seed)
    n_words = sum(len(c.split()) + len(r.split()) for c, r in pairs) / (2 * len(pairs))
    print(f"{len(pairs)} pairs, {n_words:.1f} words per text on average, seed {args.seed}, "
          f"{cores} cores", file=sys.stderr)

    # The three single-process setups take turns on blocks of pairs, so that load from other
    # processes on the machine falls on all of them alike.
    plain = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True)
    ours_rs = Rouge(RougeConfig(types=TYPES, tokenizer="rouge-score"))
    config = RougeConfig(types=TYPES)
    ours_uni = Rouge(config)
    timing = {"plain": [0.0, 0.0], "rs": [0.0, 0.0], "uni": [0.0, 0.0]}
    plain_scores: list = []
    rs_scores: list = []
    uni_scores: list = []
    runs = (("plain", lambda b: [plain.score(r, c) for c, r in b], plain_scores),
            ("rs", lambda b: [ours_rs.score(c, [r]) for c, r in b], rs_scores),
            ("uni", lambda b: [ours_uni.score(c, [r]) for c, r in b], uni_scores))
    for i in range(0, len(pairs), args.block):
        block = pairs[i:i + args.block]
        for key, fn, sink in runs:
            wall, cpu, out = _time(lambda fn=fn, b=block: fn(b))
            timing[key][0] += wall
            timing[key][1] += cpu
            sink += out
    rows = [("rouge-score RougeScorer.score (plain)", 1, *timing["plain"]),
            ("eval.rouge.Rouge, tokenizer=rouge-score", 1, *timing["rs"]),
            ("eval.rouge.Rouge, tokenizer=unicode", 1, *timing["uni"])]
    mismatches = sum(
        abs(ours[t].fmeasure - theirs[t].fmeasure) > 1e-12
        or abs(ours[t].precision - theirs[t].precision) > 1e-12
        or abs(ours[t].recall - theirs[t].recall) > 1e-12
        for ours, theirs in zip(rs_scores, plain_scores, strict=True) for t in TYPES)

    config = RougeConfig(types=TYPES)
    parallel_equal = True
    for w in workers:
        wall, _, w_scores = _time(lambda w=w: score_many([(c, [r]) for c, r in pairs], config,
                                                         workers=w))
        parallel_equal &= w_scores == uni_scores
        rows.append((f"eval.rouge.score_many, tokenizer=unicode, {w} processes", w, wall, None))

    t_plain_cpu = timing["plain"][1]
    t_uni_wall = timing["uni"][0]
    print("| setup | processes | wall s | CPU s | pairs/s (wall) | CPU vs plain "
          "| speed-up vs 1 process (wall) |")
    print("|---|---|---|---|---|---|---|")
    for name, w, wall, cpu in rows:
        cpu_s = f"{cpu:.1f}" if cpu is not None else "-"
        ratio = f"{cpu / t_plain_cpu:.3f}x" if cpu is not None else "-"
        speed = f"{t_uni_wall / wall:.2f}x" if cpu is None else "-"
        print(f"| {name} | {w} | {wall:.1f} | {cpu_s} | {len(pairs) / wall:,.0f} | {ratio} "
              f"| {speed} |")
    print(f"\nscores equal to plain rouge-score (P, R, F of {', '.join(TYPES)}): "
          f"{'yes' if mismatches == 0 else f'NO, {mismatches} differ'}; "
          f"parallel scores equal to single-process: {'yes' if parallel_equal else 'NO'}")
    return 0 if mismatches == 0 and parallel_equal else 1


if __name__ == "__main__":
    sys.exit(main())
