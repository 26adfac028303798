"""The app driven by Pilot: sources, runs in workers, columns, provenance, export, the DB."""

from __future__ import annotations

import contextlib
import json

from rich.text import Text
from textual.widgets import Checkbox, DataTable, Input, Select, Static
from textual.worker import WorkerFailed

from tests.test_tui_support import REFERENCE, cluster, errors, fixed_entries, make_db, run_async
from tui import views
from tui.app import make_app
from tui.screens.bench import BenchScreen
from tui.screens.compare import CompareScreen
from tui.screens.options import OptionsScreen
from tui.settings import RunSettings
from tui.widgets.sources import SUPPORT_MARK, DocumentTable, Reader
from tui.widgets.summaries import SummaryColumn

SIZE = (120, 36)


def columns(screen: CompareScreen) -> dict[str, SummaryColumn]:
    return {c.entry_key: c for c in screen.query(SummaryColumn)}


def column_lines(column: SummaryColumn) -> list[str]:
    return [str(o.prompt) for o in column.sentences.options]


@run_async
async def test_sources_list_and_reader() -> None:
    app = make_app(cluster=cluster())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(DocumentTable)
        assert table.row_count == 3
        assert [str(c) for c in table.get_row_at(1)] == ["", "2", "Report 2", "19"]
        reader = screen.query_one(Reader)
        title = str(reader.query_one(".reader-title", Static).content)
        assert "Report 1" in title and "18 words, 3 sentences" in title
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        assert screen.current_doc == "d1"
        assert "Report 2" in str(reader.query_one(".reader-title", Static).content)


@run_async
async def test_run_in_background_then_column_with_scores() -> None:
    app = make_app(cluster=cluster())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.query_one("#method", Select).value = "lead"
        screen.settings = RunSettings(words=20)
        # Started from the action (what the r key and the Run button call): until the worker
        # reports back on the event loop, the entry is in the running state.
        screen.action_run()
        assert screen.entries["run:lead 20w"].state == "running"
        assert "running" in screen.sub_title
        await app.workers.wait_for_complete()
        await pilot.pause()
        entry = screen.entries["run:lead 20w"]
        assert entry.state == "done" and entry.summary is not None
        assert 0 < entry.summary.words <= 20
        header = str(columns(screen)["run:lead 20w"].query_one(".column-header").render())
        # Scored against the cluster's reference, chosen by default.
        assert f"{entry.summary.words}/20w" in header and "R1 " in header and "R2 " in header
        reference = screen.query_one("#reference", Select)
        reference.focus()
        reference.value = "none"
        await pilot.pause()
        header = str(columns(screen)["run:lead 20w"].query_one(".column-header").render())
        assert "no reference" in header and "R1 " not in header


@run_async
async def test_failing_methods_notify_and_do_not_crash() -> None:
    app = make_app(cluster=cluster())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.query_one("#method", Select).value = "transformers"
        await pilot.press("r")
        with contextlib.suppress(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        # The method and the cause, in one line.
        (message,) = errors(app)
        assert message.startswith("transformers 120w failed: the transformers method needs "
                                  "--model") and "\n" not in message
        assert not screen.entries and not list(screen.query(SummaryColumn))
        screen.query_one("#method", Select).value = "lead"
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OptionsScreen)
        app.screen.query_one("#opt-words", Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        # A bad value keeps the dialog open and says what is wrong; nothing runs.
        assert isinstance(app.screen, OptionsScreen)
        assert "positive" in str(app.screen.query_one("#options-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.settings.words == 120 and not screen.entries
        assert app.is_running


@run_async
async def test_select_sentence_highlights_sources_and_other_summaries() -> None:
    c = cluster()
    app = make_app(cluster=c, entries=fixed_entries(c))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        cols = columns(screen)
        assert list(cols) == ["fixed:alpha", "fixed:beta"]
        cols["fixed:alpha"].sentences.focus()
        await pilot.pause()
        cols["fixed:alpha"].sentences.highlighted = 0
        await pilot.pause()
        assert screen.selected == ("fixed:alpha", 0)
        # Both supporting reports carry the mark; the reader shows the source highlighted.
        table = screen.query_one(DocumentTable)
        marks = [str(table.get_row_at(i)[0]) for i in range(3)]
        assert marks == [SUPPORT_MARK, SUPPORT_MARK, ""]
        marked = screen.query_one(Reader).query(".-marked")
        assert len(marked) == 1
        # beta's first sentence (d1#0, a source of the fusion) is marked as the same content.
        beta = column_lines(cols["fixed:beta"])
        assert beta[0].startswith("≈ ") and not beta[1].startswith("≈")
        # Next supporting document: the reader moves to d1 and highlights its sentence.
        await pilot.press("n")
        await pilot.pause()
        assert screen.current_doc == "d1"
        paragraph = screen.query_one(Reader).query(".-marked").first(Static)
        text = paragraph.content
        assert isinstance(text, Text)
        assert any(str(s.style) == views.SOURCE_STYLE for s in text.spans)


@run_async
async def test_ngram_toggle_highlights_shared_ngrams() -> None:
    c = cluster()
    app = make_app(cluster=c, entries=fixed_entries(c))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.reference_key == "ref:0"  # stored references are chosen by default
        prompt = columns(screen)["fixed:alpha"].sentences.options[0].prompt
        assert not any(str(s.style) == views.NGRAM_STYLE for s in prompt.spans)
        await pilot.press("g")
        await pilot.pause()
        assert screen.query_one("#ngrams", Checkbox).value
        prompt = columns(screen)["fixed:alpha"].sentences.options[0].prompt
        shared = [prompt.plain[s.start:s.end] for s in prompt.spans
                  if str(s.style) == views.NGRAM_STYLE]
        assert "flooded the old harbour town" not in shared
        assert "Rain flooded the" in shared and "harbour town" in shared


@run_async
async def test_one_summary_as_the_reference() -> None:
    c = cluster(references=())
    app = make_app(cluster=c, entries=fixed_entries(c))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        reference = screen.query_one("#reference", Select)
        reference.focus()
        reference.value = "fixed:beta"
        await pilot.pause()
        cols = columns(screen)
        assert "(the reference)" in str(cols["fixed:beta"].query_one(".column-header").render())
        assert "R1 " in str(cols["fixed:alpha"].query_one(".column-header").render())


@run_async
async def test_export_focused_summary(tmp_path) -> None:
    c = cluster()
    app = make_app(cluster=c, entries=fixed_entries(c))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        columns(screen)["fixed:beta"].sentences.focus()
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == "beta-summary.json"
        prompt.value = str(tmp_path / "out.json")
        await pilot.press("enter")
        await pilot.pause()
        data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert data["method"] == "beta" and len(data["sentences"]) == 3
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#prompt-input", Input).value = str(tmp_path / "out.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "[2]" in (tmp_path / "out.md").read_text(encoding="utf-8")


@run_async
async def test_columns_show_at_most_four_and_close() -> None:
    c = cluster()
    app = make_app(cluster=c, entries=fixed_entries(c))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for words in (10, 12, 14):
            screen.settings = RunSettings(words=words)
            screen.query_one("#method", Select).value = "lead"
            await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list(columns(screen)) == ["fixed:beta", "run:lead 10w", "run:lead 12w",
                                         "run:lead 14w"]
        await pilot.press("x")
        await pilot.pause()
        assert len(columns(screen)) == 3
        assert len(screen.entries) == 5  # closed columns stay in the Summaries list


@run_async
async def test_benchmark_database_browse(tmp_path) -> None:
    app = make_app(db=str(make_db(tmp_path / "r.sqlite")))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, BenchScreen)
        await pilot.press("down", "enter")  # the second cluster
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.cluster.id == "other"
        cols = columns(screen)
        assert list(cols) == ["db:alpha", "db:beta"]
        assert screen.reference_key == "ref:0"
        assert "R1 " in str(cols["db:beta"].query_one(".column-header").render())
        assert screen.query_one(DataTable).row_count == 3
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BenchScreen)


@run_async
async def test_palette_offers_the_screen_actions() -> None:
    app = make_app(cluster=cluster())
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Run method", "Export Markdown", "Export JSON", "Toggle n-grams"} <= set(titles)


def test_reference_text_is_the_cluster_reference() -> None:
    assert cluster().references == (REFERENCE,)
