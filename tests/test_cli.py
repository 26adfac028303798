"""The `summarize` command end to end: the brief of the seeds, formats, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import registry
from summarize.cli import main
from summarize.config import Config
from summarize.model import Cluster
from summarize.pipeline import summarize
from summarize.render import render
from summarize.text import count_words

BOILERPLATE = ["top of page", "bottom of page", "Write to us", "Live updates",
               "– video", "– in pictures", "CNN  —", "Powered by automated translation",
               "David Azagury", "Updated: March"]


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None
        ) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it (a fresh process, any working directory)."""
    return subprocess.run([sys.executable, "-m", "summarize", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=300)


def test_brief_of_the_seeds_from_any_directory(tmp_path: Path) -> None:
    proc = run("brief", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode().partition("\n\n")[0]  # the sentences, not the date note
    assert "Blinken" in out and "Netanyahu" in out
    assert count_words(out) <= 120
    for junk in BOILERPLATE:
        assert junk not in out


def test_same_input_same_output_byte_for_byte(tmp_path: Path) -> None:
    first = run("brief", "--format", "json", cwd=tmp_path)
    second = run("brief", "--format", "json", cwd=tmp_path)
    assert first.returncode == 0
    assert first.stdout == second.stdout


def _runnable() -> list[str]:
    return [n for n in registry.names() if registry.get(n).extra is None]


@pytest.mark.parametrize("method", _runnable())
def test_every_method_runs_on_the_seeds_in_every_format(method: str, seeds: Cluster) -> None:
    summary = summarize(seeds, method, Config())
    outputs = {fmt: render(summary, fmt) for fmt in ("text", "markdown", "json")}
    data = json.loads(outputs["json"])
    assert data["method"] == method
    assert data["sentences"], "empty brief"
    assert sum(count_words(s["text"]) for s in data["sentences"]) <= 120
    for item in data["sentences"]:
        assert item["sources"], "a sentence without a source"
        assert item["citations"].startswith("[")
    assert "## Sources" in outputs["markdown"]
    # One sentence per line; a date note, when there is one, after a blank line.
    body, _, note = outputs["text"].rstrip("\n").partition("\n\n")
    assert body.count("\n") + 1 == len(data["sentences"])
    assert (note != "") == (data["date_anchor"] is not None)
    if note:
        assert note.startswith("Relative dates (") and "\n" not in note
    assert not any(junk in outputs["text"] for junk in BOILERPLATE)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_cli_formats(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "--method", "lead", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    if fmt == "json":
        assert json.loads(out)["method"] == "lead"
    elif fmt == "markdown":
        assert out.startswith("# Brief") and "## Sources" in out


def test_methods_lists_every_method_with_its_extra(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["methods"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == registry.names()
    assert any(line.startswith("transformers") and "extra: neural" in line for line in lines)
    # llm's extra installs nothing (its HTTP client is the standard library): not offered.
    assert any(line.startswith("llm") and "extra" not in line for line in lines)


def test_budget_larger_than_input_returns_all_of_it(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "one.txt"
    doc.write_text("The council approved the new budget on Monday. The mayor signed it.\n")
    assert main(["brief", str(doc), "--words", "500", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["text"] for s in data["sentences"]] == [
        "The council approved the new budget on Monday.", "The mayor signed it."]


def test_sentence_budget(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "--sentences", "3", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["sentences"]) == 3


def test_stdin(tmp_path: Path) -> None:
    proc = run("brief", "-", cwd=tmp_path,
               stdin=b"Rain fell across the city on Tuesday. Roads were closed.\n")
    assert proc.returncode == 0, proc.stderr
    assert "Rain fell across the city on Tuesday." in proc.stdout.decode()


ERROR_CASES = ["missing", "no input in dir", "empty", "blank", "binary", "unknown method",
               "zero budget", "negative budget", "zero sentences", "bad threshold",
               "unknown cluster"]


def _error_case(tmp_path: Path) -> dict[str, list[str]]:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("   \n\n\t \n")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c.jsonl").write_text(json.dumps(
        {"id": "c1", "documents": [{"id": "a", "title": "", "text": "A cat sat on the mat."}],
         "references": ["A cat sat."]}) + "\n")
    return {
        "missing": ["brief", str(tmp_path / "nope.txt")],
        "no input in dir": ["brief", str(tmp_path / "emptydir")],
        "empty": ["brief", str(tmp_path / "empty.txt")],
        "blank": ["brief", str(tmp_path / "blank.txt")],
        "binary": ["brief", str(tmp_path / "blob.txt")],
        "unknown method": ["brief", "--method", "nosuch"],
        "zero budget": ["brief", "--words", "0"],
        "negative budget": ["brief", "--words", "-5"],
        "zero sentences": ["brief", "--sentences", "0"],
        "bad threshold": ["brief", "--redundancy", "1.5"],
        "unknown cluster": ["brief", str(tmp_path / "c.jsonl"), "--cluster", "zz"],
    }


@pytest.mark.parametrize("case", ERROR_CASES)
def test_errors_are_one_line_exit_2_no_traceback(case: str, tmp_path: Path) -> None:
    (tmp_path / "emptydir").mkdir()
    args = _error_case(tmp_path)[case]
    proc = run(*args, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, (case, err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert proc.stdout == b""


def test_unknown_method_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "--method", "nosuch"]) == 2
    err = capsys.readouterr().err
    assert "lexrank" in err and "sumy-luhn" in err


def test_binary_error_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    assert main(["brief", str(blob)]) == 2
    assert "blob.txt" in capsys.readouterr().err


def test_output_file_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sub" / "brief.md"
    assert main(["brief", "--format", "markdown", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["brief", "--format", "markdown"]) == 0
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out
    assert [p.name for p in target.parent.iterdir()] == ["brief.md"]


def test_verbose_reports_dropped_boilerplate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "-v"]) == 0
    err = capsys.readouterr().err
    assert "dropped" in err and "bottom of page" in err
