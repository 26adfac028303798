"""The TUI shows the update brief (``--since``, issue #18) beside the full brief of the new
reports, driven through the Pilot, and equal to what ``summarize brief --since`` prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from summarize.cli import build_parser
from tests.test_tui_support import run_async
from tui.app import make_app
from tui.cli import build_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
EARLIER, LATER = SEEDS[:3], SEEDS[3:]


def cli_update() -> list[str]:
    out = subprocess.run([sys.executable, "-m", "summarize", "brief", *LATER, "--since",
                          *EARLIER, "-f", "json"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, check=True).stdout
    return [s["text"] for s in json.loads(out)["sentences"]]


@run_async
async def test_update_brief_beside_the_full_brief() -> None:
    app = make_app(LATER, methods=("lexrank",), since=tuple(EARLIER))
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        full, update = screen.entries["run:lexrank 120w"], screen.entries["run:update lexrank 120w"]
        assert full.state == update.state == "done"
        assert screen.shown[:2] == ["run:lexrank 120w", "run:update lexrank 120w"]
        new_docs = {d.id for d in screen.cluster.documents}
        assert all(s.sources[0].doc_id in new_docs for s in update.summary.sentences)
        update_texts = [s.text for s in update.summary.sentences]
        assert update_texts == cli_update()  # the command's own update brief
        assert update_texts != [s.text for s in full.summary.sentences]


def test_tui_takes_since_on_the_command_line() -> None:
    args = build_parser("tui").parse_args(["tui", *LATER, "--since", *EARLIER])
    app = build_app(args)
    assert app.earlier is not None and len(app.earlier.cluster.documents) == 3
    assert len(app.cluster.documents) == 2
