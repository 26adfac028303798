"""SVG snapshots of every screen at 80x24 and 160x48, from fixed summaries (no clocks, no runs).

Regenerate after a deliberate change of the look with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and review the SVGs in the diff.
"""

from __future__ import annotations

import pytest

from tests.test_tui_support import cluster, fixed_entries, make_db
from tui.app import make_app
from tui.widgets.summaries import SummaryColumn

SIZES = [(80, 24), (160, 48)]
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def compare_app():
    c = cluster()
    return make_app(cluster=c, entries=fixed_entries(c))


async def select_first_sentence(pilot) -> None:
    column = pilot.app.screen.query(SummaryColumn).first()
    column.sentences.focus()
    await pilot.pause()
    column.sentences.highlighted = 0
    await pilot.pause()


@sizes
def test_compare_screen(snap_compare, size) -> None:
    assert snap_compare(compare_app(), terminal_size=size)


@sizes
def test_compare_screen_before_any_run(snap_compare, size) -> None:
    assert snap_compare(make_app(cluster=cluster()), terminal_size=size)


@sizes
def test_compare_screen_provenance_and_ngrams(snap_compare, size) -> None:
    async def before(pilot) -> None:
        await select_first_sentence(pilot)
        await pilot.press("g")
        await pilot.pause()

    assert snap_compare(compare_app(), terminal_size=size, run_before=before)


@sizes
def test_compare_screen_sidebar_toggled(snap_compare, size) -> None:
    """80x24 opens the folded sources; 160x48 folds them away."""

    async def before(pilot) -> None:
        await select_first_sentence(pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(compare_app(), terminal_size=size, run_before=before)


@sizes
def test_options_dialog(snap_compare, size) -> None:
    assert snap_compare(compare_app(), terminal_size=size, press=["o"])


@sizes
def test_reference_file_prompt(snap_compare, size) -> None:
    assert snap_compare(compare_app(), terminal_size=size, press=["f"])


@sizes
def test_keys_panel(snap_compare, size) -> None:
    assert snap_compare(compare_app(), terminal_size=size, press=["1", "question_mark"])


@sizes
def test_benchmark_screens(snap_compare, size, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_db(tmp_path / "r.sqlite")
    assert snap_compare(make_app(db="r.sqlite"), terminal_size=size)


@sizes
def test_benchmark_cluster(snap_compare, size, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_db(tmp_path / "r.sqlite")
    assert snap_compare(make_app(db="r.sqlite"), terminal_size=size, press=["enter"])
