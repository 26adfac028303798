"""``summarize tui``: open the Textual app (plugged into the CLI through an entry point)."""

from __future__ import annotations

import argparse

from summarize import registry


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
    parser.add_argument("--db", metavar="FILE",
                        help="browse a benchmark database (results.sqlite) instead")
    parser.add_argument("--methods", default="lexrank,lead", metavar="M1,M2",
                        help="methods to run at start, comma-separated ('' for none; "
                             "default: lexrank,lead)")
    parser.add_argument("--words", type=int, default=120, help="budget in words (default 120)")
    parser.add_argument("--redundancy", type=float, default=0.5, dest="threshold",
                        help="redundancy threshold in (0, 1] (default 0.5)")
    parser.add_argument("--order", choices=("source", "score"), default="source",
                        help="sentence order (default: source)")
    parser.add_argument("--reference", action="append", default=[], metavar="FILE",
                        help="a reference summary to score against (repeatable)")


def handler(args: argparse.Namespace) -> int:
    """Build the app (input errors surface as SummarizeError, exit 2) and run it."""
    from tui.app import make_app

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for method in methods:
        registry.get(method)
    app = make_app(args.paths, db=args.db, methods=methods if args.db is None else (),
                   words=args.words, threshold=args.threshold, order=args.order,
                   references=args.reference)
    app.run()
    return 0
