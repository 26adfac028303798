"""Widgets of the TUI, grouped by screen area: sources, controls, summaries."""
