"""``summarize bench`` and ``summarize report``: plugged into the CLI by ``register``.

``bench`` runs methods over a data set into a SQLite database (resumable, parallel or on
Dask) and prints the leaderboard; ``report`` prints the leaderboard of a stored run in any
format and draws the chart. Results go to stdout, progress and notices to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summarize.cli import seed_type
from summarize.errors import InputError, UsageError

DEFAULT_DB = "results.sqlite"
"""The one default database name: ``bench`` writes it, ``report`` and ``tui --db`` read it."""
DEFAULT_WORDS = 120
"""The budget ``brief`` and ``tui`` use by default, so a benchmark compares what they print."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {value}")
    return value


def _value(raw: str) -> Any:
    """An option value: JSON where it parses (numbers, true/false/null, lists), else text."""
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return raw


def _method_option(text: str) -> tuple[str | None, str, Any]:
    """``METHOD.KEY=VALUE`` (one method) or ``KEY=VALUE`` (every method that accepts KEY)."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected [METHOD.]KEY=VALUE, got {text!r}")
    method, dot, name = key.rpartition(".")
    return (method if dot else None), name.replace("-", "_"), _value(raw)


def register(subparsers: Any) -> None:
    """Add the ``bench`` and ``report`` subcommands."""
    _add_bench(subparsers)
    _add_report(subparsers)


def _add_bench(sub: Any) -> None:
    p = sub.add_parser(
        "bench", help="run summarizers on a data set with references and score them",
        description="Run every method on every cluster of DATA, score each summary with ROUGE "
                    "and store everything in a SQLite database as it finishes. Rerunning the "
                    "same command resumes an interrupted run; different options add a new run "
                    "to the same database, never overwriting another.")
    p.add_argument("data", metavar="DATA",
                   help="cluster .jsonl, a directory of cluster folders (documents plus "
                        "references/), or a source file of line-aligned clusters (--sep)")
    p.add_argument("-m", "--methods", default="all",
                   help="comma-separated methods, or 'all' (default): every registered method "
                        "that needs no extra")
    p.add_argument("--words", type=_positive_int, default=DEFAULT_WORDS,
                   help=f"word budget of each summary (default {DEFAULT_WORDS})")
    p.add_argument("--db", default=DEFAULT_DB,
                   help=f"SQLite database of results (default ./{DEFAULT_DB})")
    p.add_argument("-j", "--workers", type=_positive_int, default=None,
                   help="worker processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on Dask: 'local' starts a LocalCluster of --workers processes; "
                        "tcp://HOST:PORT uses an existing cluster")
    p.add_argument("--sep", help="document separator of line-aligned source files "
                                 "(default '|||||', Multi-News)")
    p.add_argument("--target", metavar="FILE",
                   help="reference file of line-aligned data (default: DATA with .tgt)")
    p.add_argument("--limit", type=_positive_int, help="only the first N clusters")
    p.add_argument("--seed", type=seed_type, default=0, help="seed of seeded methods (default 0)")
    p.add_argument("--no-dedup", action="store_true", help="turn the redundancy filter off")
    p.add_argument("-O", "--option", type=_method_option, action="append", default=[],
                   metavar="[METHOD.]KEY=VALUE",
                   help="method option, for one method or for all (repeatable)")
    from eval.rouge import MULTI_REF
    from eval.tokenize import TOKENIZERS

    p.add_argument("--tokenizer", choices=TOKENIZERS, default=None,
                   help="ROUGE tokenizer (default unicode)")
    p.add_argument("--no-stem", action="store_true", help="ROUGE without Porter stemming")
    p.add_argument("--multi-ref", choices=MULTI_REF, default=None,
                   help="ROUGE over several references (default max)")
    p.add_argument("--lsum-split", default=None,
                   help="ROUGE-Lsum sentences: newline (each line, as rouge-score; the default "
                        "with --tokenizer rouge-score), auto (our rule-based splitter; the "
                        "default otherwise) or punkt (nltk.sent_tokenize)")
    p.add_argument("--update", action="store_true",
                   help="score update briefs: each cluster's later reports (documents with "
                        "\"set\": \"B\") for a reader of the earlier ones (set A); without "
                        "sets, the later half of the documents since the earlier half")
    p.add_argument("--force", action="store_true",
                   help="recompute this run from scratch, discarding its stored summaries")
    p.add_argument("--memory", choices=("rss", "tracemalloc", "off"), default=None,
                   help="peak-memory measure: rss (default on Linux: peak resident-set growth, "
                        "free), tracemalloc (Python allocations; slows methods about 3x, so "
                        "times are inflated) or off")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_output(p)
    p.set_defaults(func=run_bench)


def _add_report(sub: Any) -> None:
    p = sub.add_parser(
        "report", help="leaderboard of a stored benchmark run",
        description="Print the leaderboard of a benchmark run: mean ROUGE-1/2/L with 95% "
                    "bootstrap intervals, paired permutation tests against the best method and "
                    "against lead, mean time per cluster.")
    p.add_argument("--db", default=DEFAULT_DB, help=f"results database (default {DEFAULT_DB})")
    p.add_argument("--run", help="run id or unique prefix (default: the latest run)")
    p.add_argument("--runs", action="store_true", help="list the runs in the database")
    _add_output(p)
    p.set_defaults(func=run_report)


def _add_output(p: argparse.ArgumentParser) -> None:
    from eval.report import FORMATS

    p.add_argument("-f", "--format", choices=FORMATS, default="table",
                   help="leaderboard format (default table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the leaderboard to FILE")
    p.add_argument("--chart", metavar="FILE.png", help="also draw a bar chart with CIs (PNG)")
    p.add_argument("--resamples", type=int, default=1000,
                   help="bootstrap and permutation resamples (default 1000)")
    p.add_argument("--stats-seed", type=seed_type, default=0, help="seed of the statistics")


def resolve_methods(text: str) -> tuple[str, ...]:
    from summarize import registry

    if text.strip() == "all":
        return tuple(n for n in registry.names() if registry.get(n).extra is None)
    names = tuple(dict.fromkeys(m.strip() for m in text.split(",") if m.strip()))
    if not names:
        raise UsageError("--methods: no method given")
    for n in names:
        registry.get(n)
    return names


def update_methods(methods: tuple[str, ...], asked: str) -> tuple[str, ...]:
    """The methods that can write update briefs (extractive ones): ``all`` keeps those, a
    named abstractive method is refused before the work."""
    from summarize import registry

    if asked.strip() == "all":
        return tuple(m for m in methods if registry.get(m).kind != "abstractive")
    for m in methods:
        if registry.get(m).kind == "abstractive":
            raise UsageError(f"--update: method {m!r} writes new sentences; update briefs "
                             "choose among the later reports' own (use an extractive method)")
    return methods


def method_options(methods: tuple[str, ...], pairs: list[tuple[str | None, str, Any]],
                   seed: int) -> dict[str, tuple[tuple[str, Any], ...]]:
    """Per-method constructor options; ``seed`` goes to every method that takes one."""
    from summarize import registry

    out: dict[str, dict[str, Any]] = {}
    for m in methods:
        params = _parameters(registry.get(m).load())
        opts: dict[str, Any] = {"seed": seed} if "seed" in params else {}
        for target, key, value in pairs:
            if target is not None and target not in methods:
                raise UsageError(f"--option {target}.{key}: {target!r} is not among --methods")
            if target == m or (target is None and (key in params or "**" in params)):
                opts[key] = value
        # A bad value fails here, not on every cluster: the types against the signature,
        # then the method's own checks (an endpoint that is not a URL), which its
        # constructor makes without doing any work.
        registry.get(m).create(**opts)
        out[m] = tuple(sorted(opts.items()))
    for target, key, _ in pairs:
        if target is None and not any(key in dict(o) for o in out.values()):
            raise UsageError(f"--option {key}: no method among --methods takes it")
    return out


def _parameters(cls: type) -> set[str]:
    """The option names ``cls`` takes, and ``**`` when it takes any."""
    from summarize.options import parameters

    found = parameters(cls)
    if found is None:
        return set()
    names, open_ended = found
    return {*names, "**"} if open_ended else set(names)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """During the run, SIGTERM (``kill``, a CI timeout) ends it like Ctrl-C: the worker pool is
    shut down and the user told how to resume, instead of leaving workers behind. The
    previous handler is put back afterwards (``bench`` may run inside a longer process)."""
    import signal
    import threading

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_bench(args: argparse.Namespace) -> int:
    from eval.datasets import open_dataset
    from eval.runner import Spec, default_workers, run
    from eval.store import Store
    from summarize.config import Config
    from summarize.model import Budget

    workers = args.workers or default_workers()
    if args.scheduler is None and workers > 1:
        from eval.runner import start_fork_server

        # First of all: the workers' imports (about 1 s) are the run's critical path, and
        # they overlap everything the parent does until the first task.
        start_fork_server()
    methods = resolve_methods(args.methods)
    if args.update:
        methods = update_methods(methods, args.methods)
    config = Config(budget=Budget(words=args.words), dedup=not args.no_dedup, seed=args.seed)
    rouge: dict[str, Any] = {}
    if args.tokenizer:
        rouge["tokenizer"] = args.tokenizer
    if args.no_stem:
        rouge["stem"] = False
    if args.multi_ref:
        rouge["multi_ref"] = args.multi_ref
    if args.lsum_split:
        rouge["lsum_split"] = args.lsum_split
    spec = Spec(methods=methods, config=config, rouge=tuple(sorted(rouge.items())),
                method_options=method_options(methods, args.option, args.seed),
                update=args.update)
    from eval.runner import rouge_options

    scoring = rouge_options(spec.rouge)  # bad ROUGE options fail before reading the data
    dataset = open_dataset(args.data, sep=args.sep, target=args.target, limit=args.limit)
    store = Store(args.db)  # a foreign or read-only database fails here, before the work
    sys.stderr.write(f"bench: {len(dataset.clusters)} clusters x {len(methods)} methods "
                     f"({', '.join(methods)}), {args.words} words, "
                     f"{'Dask ' + args.scheduler if args.scheduler else f'{workers} workers'}, "
                     f"ROUGE tokenizer={scoring['tokenizer']} lsum-split={scoring['lsum_split']} "
                     f"({scoring['lsum_splitter']}), results in {args.db}\n")
    with _terminate_as_interrupt(), store:
        try:
            outcome = run(dataset, spec, store, workers=workers, scheduler=args.scheduler,
                          force=args.force, memory=args.memory, progress=not args.quiet)
        except sqlite3.Error as exc:  # a full disk, a database made read-only meanwhile
            raise InputError(f"{args.db}: cannot store results ({exc}); what was stored "
                             "before is kept: once it can be written (room on the disk, write "
                             "permission), rerun the same command to resume") from None
        except KeyboardInterrupt:
            sys.stderr.write(f"\nbench: interrupted; finished summaries are stored in "
                             f"{args.db}; rerun the same command to resume\n")
            raise
        sys.stderr.write(f"bench: run {outcome.run.id}: computed {outcome.computed} summaries "
                         f"in {outcome.seconds:.1f} s ({outcome.skipped} were stored already)\n")
        _emit(store, outcome.run.id, args, "bench")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from eval.store import Store

    if not Path(args.db).exists():
        raise UsageError(f"{args.db}: no such database (run `summarize bench` first)")
    with Store(args.db, readonly=True) as store:
        if args.runs:
            for r in store.runs():
                n = store.count(r.id)
                total = len(store.clusters(r.id)) * len(r.methods)
                sys.stdout.write(f"{r.id}  {r.created}  {r.data}  {r.words} words  "
                                 f"{n}/{total} summaries  {','.join(r.methods)}\n")
            return 0
        _emit(store, args.run, args, "report")
    return 0


def _emit(store: Any, run: str | None, args: argparse.Namespace, command: str) -> None:
    from eval.report import chart, leaderboard, render
    from summarize.output import write_output

    if args.resamples < 0:
        raise UsageError(f"--resamples must be >= 0, got {args.resamples}")
    board = leaderboard(store, run, resamples=args.resamples, seed=args.stats_seed)
    text = render(board, args.format)
    protect = [p for p in (args.db, getattr(args, "data", None)) if p]
    if args.output:
        write_output(args.output, text, inputs=protect)
    else:
        sys.stdout.write(text)
    if args.chart:
        write_output(args.chart, chart(board), inputs=protect)
        sys.stderr.write(f"{command}: chart written to {args.chart}\n")
