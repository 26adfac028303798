"""``python -m tui [PATHS]``: the same as ``summarize tui``."""

from __future__ import annotations

import argparse
import sys

from summarize.errors import SummarizeError
from tui.cli import add_arguments, handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return handler(args)
    except SummarizeError as exc:
        print(f"summarize: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
