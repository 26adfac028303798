"""The ``summarize`` command.

``brief`` and ``methods`` live here; ``score``, ``bench``, ``report`` and ``tui`` are
plugged in by the ``eval`` and ``tui`` packages through the ``summarize.commands``
entry-point group, so this package never imports them (the dependency arrow points
from ``tui`` to ``eval`` to ``summarize``, never back).

Problems with the user's input are one line on stderr and exit status 2; a
traceback means a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from summarize import registry
from summarize.config import THRESHOLDS, Config
from summarize.errors import SummarizeError
from summarize.model import Budget

PROG = "summarize"


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line (no usage dump), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def _positive_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


SEED_MAX = 2**32 - 1


def seed_type(text: str) -> int:
    """A seed numpy and ``random`` both take: a whole number in [0, 2**32)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"must be between 0 and {SEED_MAX}, got {value}")
    return value


def _option_pair(text: str) -> tuple[str, Any]:
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    value: Any = raw
    lowered = raw.lower()
    if lowered in ("true", "false"):
        value = lowered == "true"
    elif lowered in ("none", "null"):
        value = None
    else:
        for cast in (int, float):
            try:
                value = cast(raw)
                break
            except ValueError:
                pass
    return key.replace("-", "_"), value


def add_brief(sub: Any) -> None:
    p = sub.add_parser(
        "brief", help="merge several reports into one brief",
        description="Summarize several documents into one brief with citations. With no PATHS, "
                    "summarizes the five bundled seed reports.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, directories, globs, a cluster .jsonl, or - for stdin")
    p.add_argument("-m", "--method", default=registry.DEFAULT_METHOD,
                   help=f"summarization method (default {registry.DEFAULT_METHOD}; "
                        "see `summarize methods`)")
    budget = p.add_mutually_exclusive_group()
    budget.add_argument("--words", type=_positive_int, default=None,
                        help="word budget (default 120); never exceeded, never cuts a sentence")
    budget.add_argument("--sentences", type=_positive_int, default=None,
                        help="sentence budget instead of words")
    p.add_argument("--order", choices=("source", "score"), default="source",
                   help="output order: document order (default) or best first")
    p.add_argument("-f", "--format", choices=("text", "markdown", "json"), default="text",
                   help="text (default: one sentence per line), markdown (citations and the "
                        "numbered sources) or json (every sentence with its source spans)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE instead of stdout (atomically; never over an input)")
    p.add_argument("--cluster", metavar="ID", help="cluster id to use from a .jsonl input")
    p.add_argument("--language", metavar="NAME",
                   help="language of the reports (english, chinese, french, german, italian, "
                        "japanese, portuguese, spanish); default: detected per report")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="do not drop page chrome, captions, credits and repeated lines")
    p.add_argument("--redundancy", type=float, default=None, metavar="THRESHOLD",
                   help="similarity in (0, 1] at which two sentences count as the same content "
                        "(default: " + ", ".join(f"{v} {k}" for k, v in THRESHOLDS.items())
                        + ")")
    p.add_argument("--no-dedup", action="store_true", help="turn the redundancy filter off")
    p.add_argument("--mmr", type=float, metavar="LAMBDA",
                   help="select by maximal marginal relevance with this trade-off in [0, 1]")
    p.add_argument("--min-support", type=_positive_int, default=1, metavar="K",
                   help="keep only content reported by at least K documents")
    p.add_argument("--similarity", choices=tuple(THRESHOLDS), default="hybrid",
                   help="how redundancy is measured: hybrid (default: words plus static "
                        "embeddings), lexical, or semantic (needs the 'semantic' extra)")
    p.add_argument("--selection", choices=("coverage", "score"), default="coverage",
                   help="coverage (default): sentences that add the most not yet covered "
                        "content; score: best score first, repeats skipped")
    p.add_argument("--conflicts", action="store_true",
                   help="report differing numbers between sources of the same content")
    p.add_argument("--show-removed", action="store_true",
                   help="list sentences dropped as repeats, and of what (stderr)")
    p.add_argument("--since", nargs="+", metavar="OLD",
                   help="an update brief: only what PATHS add to OLD (earlier reports, or an "
                        "earlier brief saved with -f json); put it after PATHS")
    p.add_argument("--seed", type=seed_type, default=0, help="seed for methods that use randomness")
    p.add_argument("--model", help="model path or name (transformers, llm)")
    p.add_argument("--endpoint", help="chat-completions URL (llm)")
    p.add_argument("--device", help="device for neural methods, e.g. cpu or cuda")
    p.add_argument("-O", "--option", type=_option_pair, action="append", default=[],
                   metavar="KEY=VALUE", help="extra option for the method (repeatable)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="report dropped boilerplate and removed repeats on stderr")
    p.set_defaults(func=run_brief)


def config_from_args(args: argparse.Namespace) -> Config:
    budget = (Budget(words=None, sentences=args.sentences) if args.sentences is not None
              else Budget(words=args.words if args.words is not None else 120))
    options: dict[str, Any] = dict(args.option)
    for name in ("model", "endpoint", "device"):
        if getattr(args, name):
            options[name] = getattr(args, name)
    if registry.get(args.method).family == "sumy" or args.method == "random":
        options.setdefault("seed", args.seed)
    if args.verbose and args.method == "transformers":
        options.setdefault("verbose", True)  # the libraries' own bars and warnings too
    return Config(budget=budget, order=args.order, dedup=not args.no_dedup,
                  threshold=args.redundancy, mmr=args.mmr, min_support=args.min_support,
                  similarity=args.similarity, seed=args.seed, selection=args.selection,
                  method_options=tuple(sorted(options.items())),
                  conflicts=_shows_conflicts(args))


def _shows_conflicts(args: argparse.Namespace) -> bool:
    """Whether the output has conflicts in it: JSON always, text and Markdown with
    ``--conflicts``, and an update brief, whose changed facts are conflicts."""
    return args.format == "json" or args.conflicts or bool(args.since)


def run_brief(args: argparse.Namespace) -> int:
    from summarize.language import resolve

    registry.get(args.method)  # unknown method: fail before reading any input
    language = resolve(args.language) if args.language else None
    config = config_from_args(args)
    inputs: list[Any] = []  # what -o FILE must not overwrite
    if _writes_file(args):
        from summarize.load import input_paths
        from summarize.output import resolve_target

        inputs = input_paths(args.paths)
        resolve_target(args.output, inputs)  # refused before the work, not after it
    cluster, held = _loaded(args, language, config)
    from summarize.pipeline import summarize
    from summarize.render import render

    for message in held:
        _warn(message)
    if args.verbose:
        for d in cluster.dropped:
            _warn(f"dropped ({d.reason}) [{d.doc_id}]: {d.text[:100]}")
    _pool_for(cluster)
    if args.since:  # what the new reports add (summarize.update)
        return _run_update(args, cluster, config, inputs)
    summary = summarize(cluster, args.method, config)
    for message in summary.warnings:
        _warn(message)
    if args.verbose or args.show_removed:
        for r in summary.removed:
            _warn(f"removed as a repeat ({r.similarity:.2f}) [{r.sentence.doc_id}]: "
                  f"{r.sentence.text[:90]} -- repeats [{r.duplicate_of.doc_id}]: "
                  f"{r.duplicate_of.text[:60]}")
    _emit(args, render(summary, args.format, conflicts=args.conflicts), inputs)
    return 0


def _loaded(args: argparse.Namespace, language: str | None,
            config: Config) -> tuple[Any, list[str]]:
    """The input's cluster and the warnings loading it gave. In the command's own process
    it is loaded in a forked child while this one imports what the brief needs
    (``summarize.background``: 0.05-0.1 s of a 2,000-sentence brief); stdin is read here,
    never in a child."""
    from summarize import background

    modules = ("numpy", "summarize.pipeline", "summarize.load")
    forks = _OWN_PROCESS and "-" not in args.paths and background.available(*modules)
    if not forks:
        return _load(args, language)
    with background.Forked(lambda: _load(args, language)) as child:
        from summarize.pipeline import prepare

        prepare(args.method, config)
        import summarize.load  # noqa: F401 - what the brief's cleaning tests need
        loaded = child.result()
    return loaded if loaded is not None else _load(args, language)


def _load(args: argparse.Namespace, language: str | None) -> tuple[Any, list[str]]:
    """Loading warnings are held back until loading succeeds: when it fails, the error
    alone is the one line the user needs."""
    from summarize.load import load_inputs

    held: list[str] = []
    cluster = load_inputs(args.paths, cluster_id=args.cluster,
                          keep_boilerplate=args.keep_boilerplate, warn=held.append,
                          language=language)
    return cluster, held


def _writes_file(args: argparse.Namespace) -> bool:
    return bool(args.output) and args.output != "-"


def _emit(args: argparse.Namespace, text: str, protected: list[Any]) -> None:
    """The brief to ``-o FILE`` (never over one of ``protected``) or to stdout."""
    from summarize.output import write_output

    if _writes_file(args):
        write_output(args.output, text, inputs=protected)
    else:
        sys.stdout.write(text)


def _run_update(args: argparse.Namespace, cluster: Any, config: Config,
                inputs: list[Any]) -> int:
    """``brief NEW... --since OLD...``: the update brief, its note on stderr when it holds
    nothing new (the output says so too: never an empty file)."""
    from summarize.load import input_paths
    from summarize.output import resolve_target
    from summarize.pipeline import summarize_update
    from summarize.render_update import render_update
    from summarize.since import brief_paths, load_earlier

    briefs, reports = brief_paths(args.since)
    protected: list[Any] = []
    if _writes_file(args):
        protected = [*inputs, *(input_paths(reports) if reports else []), *briefs]
        resolve_target(args.output, protected)
    held: list[str] = []
    earlier = load_earlier(args.since, cluster_id=args.cluster,
                           keep_boilerplate=args.keep_boilerplate, warn=held.append)
    for message in held:
        _warn(message)
    update, notes = summarize_update(earlier, cluster, args.method, config)
    for message in (*notes, *update.summary.warnings):
        _warn(message)
    if args.verbose:
        for k in update.known:
            _warn(f"already known ({k.similarity:.2f}) [{k.sentence.doc_id}]: "
                  f"{k.sentence.text[:90]} -- from [{k.known_from.doc_id}]: "
                  f"{k.known_from.text[:60]}")
    _emit(args, render_update(update, args.format), protected)
    return 0


def add_methods(sub: Any) -> None:
    p = sub.add_parser("methods", help="list the summarization methods")
    p.set_defaults(func=run_methods)


def run_methods(args: argparse.Namespace) -> int:
    width = max(len(n) for n in registry.names())
    for name in registry.names():
        m = registry.get(name)
        kind = "baseline" if m.family == "baseline" else m.kind
        extra = f"  [needs extra: {m.extra}]" if m.extra and _extra_installs(m.extra) else ""
        default = " (default)" if name == registry.DEFAULT_METHOD else ""
        sys.stdout.write(f"{name:<{width}}  {kind:<11}  {m.description}{default}{extra}\n")
    return 0


def _extra_installs(extra: str) -> bool:
    """Whether ``pip install 'mds-summarize[EXTRA]'`` adds any package (``llm`` adds none: its
    HTTP client is the standard library), so that no one is told to install nothing."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        needs = requires("mds-summarize") or []
    except PackageNotFoundError:  # running from a source tree that is not installed
        return True
    marker = (f'extra == "{extra}"', f"extra == '{extra}'")
    return any(any(m in r for m in marker) for r in needs)


def _warn(message: str) -> None:
    """One line on stderr, with any key or URL credential masked (``summarize.redact``):
    an error can quote an endpoint or a server's answer."""
    from summarize.redact import redact

    sys.stderr.write(f"{PROG}: {redact(message)}\n")


BUILTIN = ("brief", "methods")


def build_parser(plugins: bool | str = True) -> argparse.ArgumentParser:
    """The parser with every plug-in command, none (``False``), or only one (its name).

    Plug-ins (``score``, ``bench``, ``report``, ``tui``) import ROUGE, NLTK or Textual,
    which take seconds; a command should not pay for the others' imports.
    """
    parser = _Parser(prog=PROG, description="Multi-document summarization with provenance.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add_brief(sub)
    add_methods(sub)
    if not plugins:
        return parser
    from importlib.metadata import entry_points  # 20-30 ms: only when plug-ins are asked for

    found = sorted(entry_points(group="summarize.commands"), key=lambda e: e.name)
    if isinstance(plugins, str) and any(ep.name == plugins for ep in found):
        found = [ep for ep in found if ep.name == plugins]
    for ep in found:
        try:
            register = ep.load()
        except ImportError as exc:  # a plug-in whose own dependencies are missing
            _warn(f"command {ep.name!r} unavailable: {exc}")
            continue
        register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line: its first word that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


QUICK_EXIT = frozenset({"brief", "methods", "score"})
"""Commands that leave no thread, child process or open file behind once they return."""

_OWN_PROCESS = False
"""Set by ``run`` for a ``QUICK_EXIT`` command: the process is ours alone, so ``brief`` may
load its input in a forked child (``_loaded``, before any thread starts) and let the
embedding tokenizer use every core (``_pool_for``, after the child is gone: the process
never forks again)."""
POOL_FROM = 500
"""Sentences from which the tokenizer's thread pool pays: 0.05 s of a 2,000-sentence brief
on two cores; on the seeds' 109 sentences starting it cost 7 ms (paired median of 40
interleaved runs). Measured when every sentence went to ``tokenizers``; now only those
with characters outside ``summarize.wordpiece``'s ranges do (Chinese, Arabic, ...)."""


def _pool_for(cluster: Any) -> None:  # noqa: ANN401
    """Turns the embedding tokenizer's thread pool on for a large brief in ``run``'s own
    process (it is off by default, ``summarize.embeddings``, for benchmark workers that
    fork after it; a user's own ``TOKENIZERS_PARALLELISM`` is left as it is). The pieces
    are the same either way."""
    if _OWN_PROCESS and len(cluster.sentences) >= POOL_FROM:
        import os

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")


def run() -> NoReturn:
    """The ``summarize`` command: ``main``, then, for ``QUICK_EXIT`` commands, an exit that
    skips tearing the interpreter down.

    Freeing numpy, scipy and the tokenizer module by module took 0.03-0.09 s of a 0.4 s
    brief of the seeds, after its output was written (``python -m eval.perf_process``). Once
    stdout and stderr are flushed nothing is left to do: ``-o`` files are closed and renamed
    by then (``summarize.output``), and the kernel keeps what was written. Other commands
    (``bench``, ``tui``, ``report``, plug-ins) run threads, worker processes or ``atexit``
    hooks, and exit the normal way; so does every command when a flush fails (a full disk,
    a closed pipe), for the interpreter's own handling of it."""
    import os

    argv = sys.argv[1:]
    global _OWN_PROCESS
    _OWN_PROCESS = _command(argv) in QUICK_EXIT
    status = main(argv)
    if _OWN_PROCESS and "--help" not in argv and "-h" not in argv:
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:  # None: the descriptor was closed at start
                    stream.flush()
        except (OSError, ValueError):
            sys.exit(status)
        os._exit(status)
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command(argv)
    stdout, sys.stdout = sys.stdout, _Guarded(sys.stdout)
    swallowed: list[KeyboardInterrupt] = []
    unraisable, sys.unraisablehook = sys.unraisablehook, _keep_interrupts(swallowed)
    try:
        parser = build_parser(plugins=False if command in BUILTIN else (command or True))
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # --help and usage errors: their output may fail too
            sys.stdout.flush()
            return int(done.code or 0) if not isinstance(done.code, str) else 2
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk shows here, not in a warning at interpreter exit
        if swallowed:
            raise swallowed[0]
        return status
    except SummarizeError as exc:
        _warn(str(exc))
        return 2
    except KeyboardInterrupt:
        _warn("interrupted")
        return 130
    except BrokenPipeError:
        # The reader left (``| head``): nothing to say; the rest of the output goes nowhere,
        # so that the interpreter's own flush at exit does not complain either.
        _silence(stdout)
        return 0
    finally:
        sys.stdout = stdout
        sys.unraisablehook = unraisable


def _keep_interrupts(found: list[KeyboardInterrupt]) -> Any:
    """An unraisable hook that keeps a Ctrl-C instead of printing it.

    A Ctrl-C that lands in a callback Python runs on its own (an import lock's weakref
    callback, while the command imports its modules) cannot propagate: Python printed
    "Exception ignored ... KeyboardInterrupt" with a traceback and went on. It is kept
    here and the command ends as interrupted when it returns.
    """
    previous = sys.unraisablehook

    def hook(info: Any) -> None:
        if isinstance(info.exc_value, KeyboardInterrupt):
            found.append(info.exc_value)
        else:
            previous(info)

    return hook


class _Guarded:
    """stdout whose every byte is written or the failure said in one line (a full disk, an
    I/O error, a closed stdout), never a traceback, never output cut short in silence."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from summarize.output import OutputError, write_stream

        try:
            return write_stream(self._stream, text)
        except OutputError:
            _silence(self._stream)
            raise

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence(stream: Any) -> None:
    """Point ``stream``'s descriptor at /dev/null and drop what it still buffers."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing will flush it at exit


__all__ = ["main", "build_parser", "config_from_args", "seed_type"]
