"""Loading in a forked child while the command imports (``summarize.background``, issue #15).

The fork must change how long ``summarize brief`` takes, never what it prints: the same
brief, the same warnings, the same one-line errors, and the work done again in the parent
when the child cannot give its result.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarize import background
from summarize.cli import main
from summarize.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# The command as its entry point runs it (``cli.run``: its own process), with the fork
# announced on stderr; ARGV is the command line.
OBSERVED = """
import sys
from summarize import background
forked = background.Forked.__init__
def announce(self, work):
    sys.stderr.write("FORKED\\n")
    forked(self, work)
background.Forked.__init__ = announce
{before}
sys.argv = ["summarize", *{argv!r}]
from summarize.cli import run
run()
"""

# In the child only, loading dies as a crash would: no result comes back.
CHILD_DIES = """
import os
from summarize import load
parent, loads = os.getpid(), load.load_inputs
def dying(*args, **kwargs):
    if os.getpid() != parent:
        os._exit(3)
    return loads(*args, **kwargs)
load.load_inputs = dying
"""


def command(argv: list[str], before: str = "", stdin: bytes | None = None
            ) -> subprocess.CompletedProcess[bytes]:
    code = OBSERVED.format(argv=argv, before=before)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=300)


def in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``main`` in this process, which has numpy imported already: nothing to overlap, so
    it never forks. The reference the forked command must match."""
    status = main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The seeds, one Latin-1 copy and one empty file: a brief with two loading warnings."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    first = sorted(SEEDS.iterdir())[0].read_text(encoding="utf-8")
    (folder / "latin.txt").write_bytes(
        ("Caf\u00e9 owners said " + first).encode("latin-1", errors="replace"))
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_forked_brief_is_the_brief_and_its_warnings(reports: Path, fmt: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["brief", str(reports), "--format", fmt]
    proc = command(argv)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode().splitlines()
    assert err[0] == "FORKED"
    status, out, want_err = in_process(argv, capsys)
    assert status == 0
    assert proc.stdout.decode() == out
    assert err[1:] == want_err.splitlines()
    assert sum("not UTF-8" in line for line in err) == 1
    assert sum("empty, skipped" in line for line in err) == 1


def test_forked_input_error_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"   \n")
    proc = command(["brief", str(tmp_path)])
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "FORKED", "summarize: no text in the input (all files are empty)"]
    assert proc.stdout == b""


def test_child_that_dies_leaves_the_work_to_the_parent(reports: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    argv = ["brief", str(reports), "--format", "json"]
    proc = command(argv, before=CHILD_DIES)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().splitlines()[0] == "FORKED"
    assert proc.stdout.decode() == in_process(argv, capsys)[1]


def test_stdin_is_read_in_the_parent_never_in_a_child(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    text = (SEEDS / sorted(p.name for p in SEEDS.iterdir())[0]).read_bytes()
    proc = command(["brief", "-", "--words", "60"], stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert b"FORKED" not in proc.stderr
    assert proc.stdout.strip()


# The parts, in this process.

def test_result_comes_back() -> None:
    with background.Forked(lambda: {"pid": os.getpid(), "data": list(range(100_000))}) as child:
        got = child.result()
    assert got["pid"] != os.getpid()  # the work ran in another process
    assert got["data"] == list(range(100_000))  # more than a pipe's buffer


def test_user_error_is_raised_in_the_parent() -> None:
    def fails() -> None:
        raise InputError("x.txt: no such file or directory")

    with background.Forked(fails) as child, pytest.raises(InputError, match="x.txt: no such"):
        child.result()


@pytest.mark.parametrize("work", [
    lambda: os._exit(3),  # a crash
    lambda: (_ for _ in ()).throw(ValueError("a bug")),  # a bug: the parent shows its traceback
    lambda: lambda: None,  # a result that cannot be pickled
], ids=["crash", "bug", "unpicklable"])
def test_no_result_is_none(work) -> None:  # noqa: ANN001
    with background.Forked(work) as child:
        assert child.result() is None


def test_parent_that_fails_stops_the_child() -> None:
    start = time.monotonic()
    with pytest.raises(RuntimeError), background.Forked(lambda: time.sleep(60)) as child:
        pid = child._pid
        raise RuntimeError("the parent's own imports failed")
    assert time.monotonic() - start < 10
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_with_threads_or_nothing_to_overlap() -> None:
    assert not background.available("sys")  # imported: nothing to overlap
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert background.available("summarize.not_imported_yet")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background.available("summarize.not_imported_yet")
    finally:
        stop.set()
        thread.join()
