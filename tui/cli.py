"""``summarize tui``: open the Textual app (plugged into the CLI through an entry point)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from eval.bench_cli import DEFAULT_DB
from summarize import registry

if TYPE_CHECKING:
    from tui.app import SummarizeApp


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``tui`` subcommand."""
    parser = subparsers.add_parser(
        "tui", help="compare summaries side by side in a terminal app",
        description="Open a terminal app to compare summaries: sources, provenance, scores. "
                    "Without PATHS, the five demo reports are used.")
    add_arguments(parser)
    parser.set_defaults(func=handler)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="input documents (default: the demo reports)")
    parser.add_argument("--cluster", metavar="ID",
                        help="cluster id to use from a .jsonl input (its references are "
                             "offered for scoring)")
    parser.add_argument("--db", metavar="FILE", nargs="?", const=DEFAULT_DB,
                        help=f"browse a benchmark database instead (--db alone: {DEFAULT_DB}, "
                             "what `summarize bench` writes)")
    parser.add_argument("--methods", default="lexrank,lead", metavar="M1,M2",
                        help="methods to run at start, comma-separated ('' for none; "
                             "default: lexrank,lead)")
    parser.add_argument("--language", metavar="NAME",
                        help="language of the inputs, as in `summarize brief` (default: "
                             "detected per report)")
    parser.add_argument("--words", type=int, default=120, help="budget in words (default 120)")
    parser.add_argument("--redundancy", type=float, default=None, dest="threshold",
                        help="redundancy threshold in (0, 1] (default: the measure's own, "
                             "as in `summarize brief`)")
    parser.add_argument("--order", choices=("source", "score"), default="source",
                        help="sentence order (default: source)")
    parser.add_argument("--reference", action="append", default=[], metavar="FILE",
                        help="a reference summary to score against (repeatable)")
    parser.add_argument("--model", help="model path or name (transformers, llm)")
    parser.add_argument("--endpoint", help="chat-completions URL (llm)")
    parser.add_argument("--since", nargs="+", metavar="OLD",
                        help="also show the update brief: what PATHS add to OLD (earlier "
                             "reports, or a brief saved with -f json), beside the full brief")
    parser.add_argument("-O", "--option", type=_option, action="append", default=[],
                        metavar="KEY=VALUE",
                        help="extra option for the methods that take KEY (repeatable); "
                             "all of these can be changed in the app (o)")


def _option(text: str) -> tuple[str, Any]:
    from summarize.errors import UsageError
    from tui.settings import parse_option

    try:
        return parse_option(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_app(args: argparse.Namespace) -> SummarizeApp:
    """The app the options ask for; input errors raise SummarizeError (exit 2) before drawing."""
    from tui.app import make_app

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for method in methods:
        registry.get(method)
    options = dict(args.option)
    for name in ("model", "endpoint"):
        if getattr(args, name):
            options[name] = getattr(args, name)
    language = None
    if args.language:
        from summarize.language import resolve

        language = resolve(args.language)  # one line for a language we do not support
    return make_app(args.paths, db=args.db, methods=methods if args.db is None else (),
                    words=args.words, threshold=args.threshold, order=args.order,
                    references=args.reference, options=tuple(sorted(options.items())),
                    cluster_id=args.cluster, since=tuple(args.since or ()),
                    language=language)


def handler(args: argparse.Namespace) -> int:
    """Build the app and run it."""
    build_app(args).run()
    return 0
