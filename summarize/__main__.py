"""``python -m summarize``."""

from summarize.cli import run

run()
