"""Screens of the TUI: compare summaries, browse a benchmark database, modal prompts."""
