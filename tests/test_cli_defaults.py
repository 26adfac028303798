"""The CLI as a new user meets it (#17): one default budget and database everywhere, the
README's bench-then-report sequence, honest listings and help, and units that agree."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from eval.store import Store
from summarize.cli import build_parser, main
from summarize.model import Conflict
from summarize.render import render
from tests.test_bench_runner import make_jsonl
from tests.test_render import _summary


def test_one_default_budget_and_database_for_every_command() -> None:
    parser = build_parser()
    bench = parser.parse_args(["bench", "data.jsonl"])
    report = parser.parse_args(["report"])
    tui = parser.parse_args(["tui"])
    brief = parser.parse_args(["brief"])
    from summarize.cli import config_from_args

    assert bench.words == tui.words == config_from_args(brief).budget.words == 120
    assert bench.db == report.db == "results.sqlite"
    assert parser.parse_args(["tui", "--db"]).db == "results.sqlite"


def test_plain_report_works_right_after_a_plain_bench(tmp_path: Path, monkeypatch,
                                                       capsys) -> None:
    monkeypatch.chdir(tmp_path)
    make_jsonl(tmp_path / "data.jsonl", 3)
    assert main(["bench", "data.jsonl", "--methods", "lead", "-j", "1", "-q"]) == 0
    capsys.readouterr()
    with Store("results.sqlite") as store:
        (run,) = store.runs()
        assert run.words == 120
    assert main(["report"]) == 0
    assert "lead" in capsys.readouterr().out
    assert main(["report", "--chart", "chart.png"]) == 0
    err = capsys.readouterr().err
    assert err == "report: chart written to chart.png\n"
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


def test_csv_and_json_give_peak_memory_in_the_tables_unit(tmp_path: Path, monkeypatch,
                                                            capsys) -> None:
    monkeypatch.chdir(tmp_path)
    make_jsonl(tmp_path / "data.jsonl", 3)
    assert main(["bench", "data.jsonl", "--methods", "lead,lexrank", "-j", "1", "-q",
                 "--memory", "tracemalloc"]) == 0
    capsys.readouterr()
    main(["report", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    main(["report", "-f", "markdown"])
    table = capsys.readouterr().out
    main(["report", "-f", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert "peak_memory" not in rows[0]
    for row, record in zip(rows, doc["rows"], strict=True):
        mb = float(row["peak_mb"])
        assert mb == record["peak_mb"]
        assert mb > 0  # tracemalloc sees every summary allocate
        line = next(x for x in table.splitlines() if x.startswith(f"| {row['method']} |"))
        assert line.split("|")[-3].strip() == f"{mb:.1f}"


def test_methods_calls_baselines_baselines_and_names_only_extras_that_install(
        capsys) -> None:
    assert main(["methods"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["lead"].split()[1] == "baseline" and lines["random"].split()[1] == "baseline"
    assert lines["lexrank"].split()[1] == "extractive"
    assert "[needs extra: neural]" in lines["transformers"]
    assert "needs extra" not in lines["llm"]


def _exit_code(argv: list[str]) -> int:
    """``main``'s status for --help and usage errors (argparse ends them with SystemExit)."""
    try:
        return main(argv)
    except SystemExit as done:
        return int(done.code or 0)


def test_help_names_every_format_and_rouge_choice(capsys) -> None:
    assert _exit_code(["brief", "--help"]) == 0
    brief = " ".join(capsys.readouterr().out.split())
    assert "markdown (citations and the numbered sources)" in brief
    assert _exit_code(["bench", "--help"]) == 0
    bench = capsys.readouterr().out
    assert "{unicode,rouge-score}" in bench and "{max,mean,jackknife}" in bench


def test_a_bad_rouge_choice_is_one_line_and_exit_2(capsys) -> None:
    assert _exit_code(["bench", "data.jsonl", "--multi-ref", "median"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "median" in err and "jackknife" in err


def test_text_conflicts_cite_files_not_a_source_list_it_never_prints() -> None:
    conflict = Conflict(group=0, values=(("about 240", "d1", "..."), ("253", "d3", "...")),
                        description="hostages: about 240 (d1) vs 253 (d3)")
    summary = replace(_summary(), conflicts=(conflict,))
    text = render(summary, "text", conflicts=True)
    assert "- hostages: about 240 (r1.txt) vs 253 (r3.txt)" in text
    assert "[" not in text  # no numbered citation: text output has no numbered sources
    markdown = render(summary, "markdown", conflicts=True)
    assert "about 240 [2] vs 253 [4]" in markdown and "## Sources" in markdown
