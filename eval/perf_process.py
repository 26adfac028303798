"""What a user waits for: the whole ``summarize`` process, start-up and loading included.

    python -m eval.perf_process [--parts calibration,startup,2k,20k,textrank]
                                [--data DIR] [--repeat 3] [--no-sumy] [--sumy-repeat 3]

Every figure is a fresh process, timed from its start to its exit (``os.wait4``, which also
gives its peak memory), on input written to files in a temporary directory: the documents of
``eval.perf_methods.build_cluster`` (real documents of the three data sets and the seeds,
round-robin, near-duplicates past 19,000 sentences), one file per document.

* **calibration**: ``python -c "import numpy"`` and ``python -c "pass"``, the floor any
  Python command pays, printed first so other machines can compare.
* **startup**: ``summarize --help``, ``summarize methods`` (target: under 0.25 s, and no
  numpy imported), and ``summarize brief`` on the seeds against ``import numpy`` (target:
  within 3x).
* **2k**: 2,000 sentences: a plain sumy LexRank script (the way its README shows it, with a
  regex tokenizer since NLTK's Punkt is not installed) against ``summarize brief --method
  lexrank --words 100`` and the default brief (target: 50x). The anchor is the median of
  ``--sumy-repeat`` runs of the script (3): one run took 24 to 32 s on the same machine.
* **20k**: the default brief of 20,000 sentences: time and peak memory (targets: 10 s,
  2 GiB), and the growth from 2,000 (target: at most 15x).
* **textrank**: ``--method textrank`` against ``--method lexrank`` at 20,000 sentences
  (target: within 3x).

The median of ``--repeat`` runs is shown (a shared machine drifts by 20% from minute to
minute); the commands of one part take turns, so a drift hits them alike, after one run of
each that is not timed. The commands run as an installed package runs: with its bytecode.
``pip install`` compiles every module it installs, but a source tree (this checkout, an
editable install) is compiled at each start when ``PYTHONDONTWRITEBYTECODE`` is set, as it
is on some machines: 30-60 ms of a 0.35 s command that a user never waits for
(``installed_env``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from eval.perf_methods import DEFAULT_DATA, build_cluster

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("calibration", "startup", "2k", "20k", "textrank")

SUMY_SCRIPT = """
import re, sys
from pathlib import Path
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

class Tokenizer:  # NLTK's Punkt is not installed: split like a careful script would
    language = "english"
    def to_sentences(self, paragraph):
        return [s for s in re.split(r"(?<=[.!?])\\s+", paragraph) if s.strip()]
    def to_words(self, sentence):
        return re.findall(r"[^\\W_]+", sentence)

text = "\\n\\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir()))
parser = PlaintextParser.from_string(text, Tokenizer())
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for sentence in summarizer(parser.document, 5):
    print(sentence)
"""


def installed_env() -> dict[str, str]:
    """This process's environment, with bytecode caching allowed: what ``pip install`` gives
    a user (compiled modules), for a source tree too."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: Sequence[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process run to its end."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=installed_env())
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def medians(commands: dict[str, Sequence[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """Each command ``repeat`` times, taking turns, after one untimed run of each (it writes
    the bytecode and warms the file cache); the median time and the largest peak."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for cmd in commands.values():
        timed(cmd)
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(timed(cmd))
    return {name: (statistics.median(t for t, _ in r), max(m for _, m in r))
            for name, r in runs.items()}


def anchor(cmd: Sequence[str], runs: int) -> tuple[float, float, float, float]:
    """``cmd`` run ``runs`` times: the median seconds, the largest peak (MiB), and the
    fastest and slowest run (an anchor that takes half a minute is run a few times, not
    once: its spread is what a single figure hides)."""
    got = [timed(cmd) for _ in range(max(1, runs))]
    seconds = [t for t, _ in got]
    return statistics.median(seconds), max(m for _, m in got), min(seconds), max(seconds)


def write_files(n: int, data: Path, folder: Path) -> int:
    """The documents of an ``n``-sentence cluster, one file each; returns the file count."""
    cluster = build_cluster(n, data)
    folder.mkdir(parents=True, exist_ok=True)
    by_doc: dict[str, list[str]] = {}
    for s in cluster.sentences:
        by_doc.setdefault(s.doc_id, []).append(s.text)
    for k, doc in enumerate(cluster.documents):
        (folder / f"{k:06d}.txt").write_text(" ".join(by_doc[doc.id]) + "\n", encoding="utf-8")
    return len(cluster.documents)


def summarize_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "summarize", *args]


def row(name: str, seconds: float, peak: float, anchor: float | None = None,
        note: str = "") -> None:
    ratio = f"{seconds / anchor:8.2f}x" if anchor else " " * 9
    print(f"  {name:<44} {seconds:8.3f} s {peak:8.0f} MiB {ratio}  {note}")


def imports_numpy(args: Sequence[str]) -> bool:
    code = ("import sys\nfrom summarize.cli import main\n"
            "main(sys.argv[1:])\n"  # main, not run: run may end the process at once
            "sys.stderr.write('NUMPY=' + str('numpy' in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    return "NUMPY=True" in out.stderr


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.perf_process", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--parts", default=",".join(PARTS))
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-sumy", action="store_true",
                   help="skip the sumy script (about 30 s a run)")
    p.add_argument("--sumy-repeat", type=int, default=3,
                   help="runs of the sumy script, whose median is the anchor (default 3: one "
                        "run moved by a third from one to the next on a 2-core machine)")
    args = p.parse_args(argv)
    parts = [x.strip() for x in args.parts.split(",") if x.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        p.error(f"unknown parts: {', '.join(unknown)} (known: {', '.join(PARTS)})")
    py = sys.executable
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} CPUs; median of "
          f"{args.repeat} runs; peak = largest resident memory of the process")
    numpy_s = timed([py, "-c", "import numpy"])[0]
    if "calibration" in parts:
        print("calibration")
        got = medians({"python -c pass": [py, "-c", "pass"],
                       "python -c 'import numpy'": [py, "-c", "import numpy"]}, args.repeat)
        for name, (s, m) in got.items():
            row(name, s, m)
        numpy_s = got["python -c 'import numpy'"][0]
    if "startup" in parts:
        print("startup (anchor: python -c 'import numpy', timed in turn with them)")
        got = medians({"python -c 'import numpy'": [py, "-c", "import numpy"],
                       "summarize --help": summarize_cmd("--help"),
                       "summarize methods": summarize_cmd("methods"),
                       "summarize brief (the seeds)": summarize_cmd("brief")}, args.repeat)
        numpy_s, numpy_m = got.pop("python -c 'import numpy'")
        row("python -c 'import numpy' (anchor)", numpy_s, numpy_m)
        for name, (s, m) in got.items():
            cmd = name.split()[1:2] if "seeds" not in name else ["brief"]
            note = "" if "seeds" in name else (
                "target < 0.25 s; numpy " + ("imported" if imports_numpy(
                    ["--help"] if "help" in name else cmd) else "not imported"))
            row(name, s, m, numpy_s, note if note else "target within 3x")
    with tempfile.TemporaryDirectory() as tmp:
        folder2k, folder20k = Path(tmp, "2k"), Path(tmp, "20k")
        if {"2k", "20k"} & set(parts):
            files = write_files(2000, args.data, folder2k)
            print(f"2k: 2,000 sentences in {files} files")
        if "2k" in parts:
            commands = {"summarize brief --method lexrank --words 100":
                        summarize_cmd("brief", str(folder2k), "--method", "lexrank",
                                      "--words", "100"),
                        "summarize brief (default)": summarize_cmd("brief", str(folder2k))}
            got = medians(commands, args.repeat)
            if not args.no_sumy:
                script = Path(tmp, "sumy_lexrank.py")
                script.write_text(SUMY_SCRIPT, encoding="utf-8")
                n = max(1, args.sumy_repeat)
                sumy_s, sumy_m, low, high = anchor([py, str(script), str(folder2k)], n)
                spread = f", {low:.1f}-{high:.1f} s" if n > 1 else ""
                row(f"sumy LexRank script (anchor, median of {n}{spread})", sumy_s, sumy_m)
                for name, (s, m) in got.items():
                    row(name, s, m, sumy_s, f"{sumy_s / s:.0f}x faster; target 50x")
            else:
                for name, (s, m) in got.items():
                    row(name, s, m)
        if "20k" in parts or "textrank" in parts:
            files = write_files(20000, args.data, folder20k)
            print(f"20k: 20,000 sentences in {files} files")
        if "20k" in parts:
            got = medians({"2k default": summarize_cmd("brief", str(folder2k)),
                           "20k default": summarize_cmd("brief", str(folder20k))},
                          args.repeat)
            small, big = got["2k default"], got["20k default"]
            row("summarize brief, 2k (anchor)", *small)
            row("summarize brief, 20k", big[0], big[1], small[0],
                "targets: < 10 s, < 2048 MiB, growth <= 15x")
        if "textrank" in parts:
            got = medians({"lexrank": summarize_cmd("brief", str(folder20k), "--method",
                                                    "lexrank"),
                           "textrank": summarize_cmd("brief", str(folder20k), "--method",
                                                     "textrank")}, args.repeat)
            row("summarize brief --method lexrank, 20k (anchor)", *got["lexrank"])
            row("summarize brief --method textrank, 20k", got["textrank"][0],
                got["textrank"][1], got["lexrank"][0], "target within 3x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
