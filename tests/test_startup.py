"""What a command imports at start-up: the cost a user pays before any work (issue #15).

Each check runs a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parent.parent


def fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("args", [["--help"], ["methods"], ["brief", "--help"]])
def test_help_and_methods_import_no_numpy(args):
    code = ("import sys\n"
            "from summarize.cli import main\n"
            f"main({args!r})\n"  # main, not run: run may end the process at once
            "print('NUMPY', 'numpy' in sys.modules)")
    assert fresh(code).splitlines()[-1] == "NUMPY False"


PAIRS = [("Police killed the gunman after the shooting at the mall, officials said.",
          ["The gunman was shot dead by police at the mall.\nOfficials said three died."]),
         ("Runners running quickly ran the races; the runner's shoes wore out.",
          ["A runner runs races.", "Shoes wear out when running."])]


def test_rouge_score_runs_without_importing_all_of_nltk():
    code = ("import json, sys\n"
            "from eval.rouge import Rouge, RougeConfig\n"
            "r = Rouge(RougeConfig(tokenizer='rouge-score'))\n"
            f"pairs = {PAIRS!r}\n"
            "out = [{k: v.fmeasure for k, v in r.score(c, refs).items()} for c, refs in pairs]\n"
            "print(json.dumps(out))\n"
            "print(sorted(m for m in ('nltk', 'sklearn', 'scipy.stats') if m in sys.modules))\n"
            "import nltk\n"
            "print(hasattr(nltk, 'sent_tokenize'))")
    lines = fresh(code).splitlines()
    assert lines[1] == "[]"  # nothing of nltk, nor what it drags in
    assert lines[2] == "True"  # and a later `import nltk` gets the real package
    plain = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"],
                                     use_stemmer=True)
    want = [{k: v.fmeasure for k, v in plain.score_multi(refs, c).items()} for c, refs in PAIRS]
    assert json.loads(lines[0]) == want


def test_brief_imports_scipy_sparse_without_numpys_unused_submodules():
    code = ("import sys\n"
            "from summarize.cli import main\n"
            "main(['brief', '--words', '60'])\n"
            "print(sorted(m for m in ('numpy.f2py', 'numpy.testing', 'charset_normalizer',"
            " 'unittest', 'numpy.ma') if m in sys.modules))\n"
            "print('scipy.sparse' in sys.modules)")
    lines = fresh(code).splitlines()
    assert lines[-2:] == ["[]", "True"]


def test_brief_of_text_files_imports_no_resource_readers_or_html_parser(tmp_path):
    """The seeds, written to ``-o``, need neither: ``importlib.resources`` (with its
    ``zipfile``) and ``html.parser`` cost 10-15 ms of every start."""
    code = ("import sys\n"
            "from summarize.cli import main\n"
            f"main(['brief', '--words', '60', '-o', {str(tmp_path / 'b.md')!r}])\n"
            "print(sorted(m for m in ('importlib.resources', 'zipfile', 'html.parser')"
            " if m in sys.modules))")
    assert fresh(code).splitlines()[-1] == "[]"
    assert "Blinken" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_package_files_are_found_without_importlib_resources() -> None:
    from summarize.language import stop_list
    from summarize.load import seed_paths
    from summarize.resources import package_folder, read_text

    assert [p.name for p in seed_paths()] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert "the" in stop_list("english") and "und" in stop_list("german")
    assert "的" in stop_list("chinese") and len(stop_list("japanese")) > 100
    assert stop_list("klingon") == frozenset()
    assert package_folder("no_such_package_here") is None
    assert package_folder("json") is not None and package_folder("json.decoder") is None
    assert read_text("sumy", "data/stopwords/no-such-language.txt") is None
    assert read_text("no_such_package_here", "x.txt") is None


def test_the_sparse_helpers_equal_scipys_to_the_bit():
    """``scale_rows``/``scale_columns``/``distinct`` stand in for ``diags(...) @ m``, ``m @
    diags(...)`` and ``numpy.unique`` (whose first call imports numpy.ma): same values to
    the bit, zeros dropped as the products drop them."""
    import numpy as np

    from summarize.scipy_sparse import distinct, scale_columns, scale_rows, sparse

    rng = np.random.default_rng(0)
    dense = rng.random((40, 30)) * (rng.random((40, 30)) < 0.2)
    m = sparse.csr_matrix(dense)
    rows, cols = rng.random(40) + 0.1, rng.random(30)
    cols[3] = 0.0  # a zero factor: the product drops the column's entries
    for got, want in ((scale_rows(m, rows), sparse.diags(rows) @ m),
                      (scale_columns(m, cols), m @ sparse.diags(cols))):
        want = sparse.csr_matrix(want)
        want.sort_indices()
        got.sort_indices()
        assert got.nnz == want.nnz
        assert np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.indptr, want.indptr)
        assert got.data.tobytes() == want.data.tobytes()
    values = rng.integers(0, 7, size=50)
    assert np.array_equal(distinct(values), np.unique(values))
    assert distinct(np.array([], dtype=np.int64)).size == 0


def test_numpy_is_left_as_it_was_after_the_sparse_import():
    code = ("import numpy\n"
            "before_all, before_dir = list(numpy.__all__), sorted(dir(numpy))\n"
            "from summarize.scipy_sparse import sparse\n"
            "print(list(numpy.__all__) == before_all, sorted(dir(numpy)) == before_dir)\n"
            "print('f2py' in numpy.__all__, numpy.testing.assert_equal is not None)\n"
            "m = sparse.csr_matrix(numpy.eye(3)) @ sparse.csr_matrix(numpy.ones((3, 2)))\n"
            "print(m.toarray().tolist())")
    assert fresh(code).splitlines() == ["True True", "True True",
                                        "[[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]]"]


def _run_command(args: list[str]) -> subprocess.CompletedProcess:
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('TORN DOWN\\n'))\n"
            f"sys.argv = ['summarize', *{args!r}]\n"
            "from summarize.cli import run\n"
            "run()\n")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          timeout=120)


def test_brief_ends_without_tearing_the_interpreter_down_and_loses_nothing(tmp_path):
    from summarize.cli import main

    out = tmp_path / "brief.json"
    done = _run_command(["brief", "--words", "80", "--format", "json", "-o", str(out)])
    assert done.returncode == 0 and b"TORN DOWN" not in done.stderr
    piped = _run_command(["brief", "--words", "80", "--format", "json"])
    assert piped.returncode == 0 and b"TORN DOWN" not in piped.stderr
    assert out.read_bytes() == piped.stdout  # every byte, in the file and through the pipe
    assert main(["brief", "--words", "80", "--format", "json", "-o",
                 str(tmp_path / "again.json")]) == 0
    assert (tmp_path / "again.json").read_bytes() == piped.stdout
    bad = _run_command(["brief", "--words", "0"])
    assert bad.returncode == 2 and b"--words must be a positive number" in bad.stderr


@pytest.mark.parametrize("args", [["brief", "--help"], ["report", "--help"], ["--help"]])
def test_other_commands_and_help_exit_the_normal_way(args):
    done = _run_command(args)
    assert done.returncode == 0 and b"TORN DOWN" in done.stderr


def test_the_process_benchmark_anchor_is_a_median_of_runs() -> None:
    from eval.perf_process import anchor

    median, peak, low, high = anchor([sys.executable, "-c", "pass"], 3)
    assert 0 < low <= median <= high and peak > 0
    once = anchor([sys.executable, "-c", "pass"], 0)  # at least one run
    assert once[2] == once[0] == once[3]
