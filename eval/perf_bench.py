"""Throughput of ``summarize bench``: the same run on 1 and on 2 worker processes.

    python -m eval.perf_bench [--data ../shared/data/neus-val.jsonl]
                              [--methods lexrank,textrank,centroid,submodular,lead]
                              [--words 65] [--workers 1,2] [--repeat 3]

Each run is the real command in a fresh process, into a fresh database in a temporary
directory, so nothing is resumed and start-up is counted. Prints the wall time of each and
the speed-up over one worker (with ``--repeat``, the worker counts take turns, each round
printed, then the medians: a shared machine's speed drifts by 20% from minute to minute, so
single runs mislead), and first a calibration: the same pure-Python loop in 1 and in
N processes at once, which shows how much parallel CPU the machine really gives (a shared
virtual machine may give less than its core count).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "neus-val.jsonl"


def timed_run(data: Path, methods: str, words: int, workers: int) -> float:
    """Wall seconds of one ``summarize bench`` run into a new database."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "summarize", "bench", str(data), "--methods", methods,
               "--words", str(words), "--workers", str(workers), "--db", f"{tmp}/r.sqlite"]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def _spin(_: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def calibrate(workers: int) -> float:
    """Speed-up of ``workers`` processes over one on the same CPU-bound loop (ideal: workers).

    The single-process time is the best of three, so that one slow moment cannot make the
    machine look more parallel than it is.
    """
    from concurrent.futures import ProcessPoolExecutor

    one = min(_spin(0) for _ in range(3))
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_spin, range(workers)))  # start the processes before timing
        start = time.perf_counter()
        list(pool.map(_spin, range(workers)))
        many = time.perf_counter() - start
    return workers * one / many


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.perf_bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--methods", default="lexrank,textrank,centroid,submodular,lead")
    parser.add_argument("--words", type=int, default=65)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    top = max(counts)
    print(f"calibration: a pure-Python loop on {top} processes runs {calibrate(top):.2f}x "
          f"as fast as on one (ideal {top}.00x)")
    print(f"summarize bench {args.data.name} --methods {args.methods} --words {args.words}")
    print("| round | workers | wall (s) | speed-up |")
    print("|---|---|---|---|")
    times: dict[int, list[float]] = {n: [] for n in counts}
    for r in range(1, max(1, args.repeat) + 1):
        for n in counts:
            seconds = timed_run(args.data, args.methods, args.words, n)
            times[n].append(seconds)
            print(f"| {r} | {n} | {seconds:.1f} | {times[counts[0]][-1] / seconds:.2f}x |",
                  flush=True)
    base = statistics.median(times[counts[0]])
    for n in counts:
        mid = statistics.median(times[n])
        print(f"| median | {n} | {mid:.1f} | {base / mid:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
