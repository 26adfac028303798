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
            " 'unittest') if m in sys.modules))\n"
            "print('scipy.sparse' in sys.modules)")
    lines = fresh(code).splitlines()
    assert lines[-2:] == ["[]", "True"]


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
