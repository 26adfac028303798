"""Bad places and faults, through the real command: nothing the user had is changed or lost,
and every failure is one line on stderr with exit status 2, never a traceback.

Everything is made in a temporary directory: real symlinks, a real FIFO, a real read-only
directory (as root, the command runs without ``CAP_DAC_OVERRIDE``, so permissions hold for
it too), a real full disk (``RLIMIT_FSIZE``: a write past the limit fails as it does on a
full disk), a real foreign SQLite file. Never the machine's own files or devices.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run(*args: str, cwd: Path, preexec: Callable[[], None] | None = None,
        stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "summarize", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=timeout, preexec_fn=preexec, env=env)


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    """The failure is exit 2 and a single ``summarize...`` line naming what went wrong."""
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("summarize"), err
    for needle in needles:
        assert needle in lines[0], err
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unprivileged() -> None:
    """In the child, before exec: if root, drop the capabilities that let root write where
    permissions say no (PR_CAPBSET_DROP of CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:
            os._exit(97)


def disk_full(limit: int) -> Callable[[], None]:
    """In the child: files cannot grow past ``limit`` bytes, as on a full disk."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.fixture()
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    copies = []
    for seed in SEEDS:
        copy = folder / seed.name
        copy.write_bytes(seed.read_bytes())
        copies.append(copy)
    return copies


@pytest.fixture(scope="module")
def brief_text(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    proc = run("brief", *map(str, SEEDS), cwd=tmp_path_factory.mktemp("plain"))
    assert proc.returncode == 0
    return proc.stdout


# --- -o: data loss --------------------------------------------------------------------------


def test_output_onto_an_input_is_refused_and_the_input_untouched(inputs, tmp_path):
    before = digest(inputs[0])
    proc = run("brief", *map(str, inputs), "-o", str(inputs[0]), cwd=tmp_path)
    one_line_error(proc, "is one of the inputs")
    assert digest(inputs[0]) == before
    link = tmp_path / "alias.txt"
    link.symlink_to(inputs[1])
    before = digest(inputs[1])
    one_line_error(run("brief", str(inputs[1].parent), "-o", str(link), cwd=tmp_path),
                   "is one of the inputs")
    assert digest(inputs[1]) == before and link.is_symlink()


def test_output_through_a_symlink_writes_its_target(inputs, tmp_path, brief_text):
    target = tmp_path / "real" / "brief.txt"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    proc = run("brief", *map(str, inputs), "-o", str(link), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and target.read_bytes() == brief_text
    assert sorted(p.name for p in target.parent.iterdir()) == ["brief.txt"]  # no temp left


def test_output_into_a_fifo_streams_and_leaves_the_fifo(inputs, tmp_path, brief_text):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = run("brief", *map(str, inputs), "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert got == [brief_text]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_mode_follows_the_umask_or_the_existing_file(inputs, tmp_path):
    new = tmp_path / "new.txt"
    proc = run("brief", *map(str, inputs), "-o", str(new), cwd=tmp_path,
               preexec=lambda: os.umask(0o027))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o604)
    assert run("brief", *map(str, inputs), "-o", str(kept), cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604 and kept.read_text() != "old"


def test_output_never_touches_the_process_umask(tmp_path, monkeypatch):
    """Reading the umask means setting it for the whole process, the TUI's threads
    included (it exports with ``write_output`` while briefs run)."""
    from summarize.output import write_output

    def forbidden(*_args):
        pytest.fail("os.umask was called")

    monkeypatch.setattr(os, "umask", forbidden)
    write_output(tmp_path / "new.txt", "brief\n")
    write_output(tmp_path / "new.txt", "again\n")
    assert (tmp_path / "new.txt").read_text() == "again\n"


@pytest.fixture()
def read_only_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "brief.txt").write_text("precious")
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_output_where_it_cannot_be_written_is_one_line(inputs, tmp_path, read_only_dir):
    files = map(str, inputs)
    proc = run("brief", *files, "-o", str(read_only_dir / "new.txt"), cwd=tmp_path,
               preexec=unprivileged)
    one_line_error(proc, "new.txt", "permission denied")
    proc = run("brief", *map(str, inputs), "-o", str(read_only_dir / "brief.txt"),
               cwd=tmp_path, preexec=unprivileged)
    one_line_error(proc, "brief.txt")
    assert (read_only_dir / "brief.txt").read_text() == "precious"
    one_line_error(run("brief", *map(str, inputs), "-o", str(tmp_path), cwd=tmp_path),
                   "is a directory")
    one_line_error(run("brief", *map(str, inputs), "-o", str(inputs[0] / "x.txt"),
                       cwd=tmp_path), "x.txt")


def test_full_disk_keeps_the_old_file_and_says_so(inputs, tmp_path):
    target = tmp_path / "brief.txt"
    target.write_text("the previous brief\n")
    proc = run("brief", *map(str, inputs), "-o", str(target), cwd=tmp_path,
               preexec=disk_full(64))
    one_line_error(proc, "no space left")
    assert target.read_text() == "the previous brief\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt", "in"]


def test_stdout_full_closed_or_left_early(inputs, tmp_path):
    with (tmp_path / "out.txt").open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "summarize", "brief", "-f", "json",
                                 *map(str, inputs)], cwd=ROOT, stdout=out,
                                stderr=subprocess.PIPE, preexec_fn=disk_full(16))
        _, err = proc.communicate(timeout=300)
    one_line_error(subprocess.CompletedProcess([], proc.returncode, b"", err),
                   "standard output", "no space left")
    proc = run("brief", *map(str, inputs), cwd=tmp_path, preexec=lambda: os.close(1))
    one_line_error(proc, "standard output is closed")
    reader = subprocess.Popen([sys.executable, "-m", "summarize", "brief", "-f", "json",
                               *map(str, inputs)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.close()  # like `| head -c0`: the reader is gone before the first byte
    err = reader.stderr.read()
    assert reader.wait(timeout=300) == 0 and err == b""


# --- options and nested JSON ----------------------------------------------------------------


@pytest.mark.parametrize("args, needle", [
    (["-O", "threshold=abc"], "threshold='abc'"),
    (["-O", "position=maybe"], "position='maybe'"),
    (["-O", "nope=1"], "no option 'nope'"),
    (["-O", "damping=inf"], "finite"),
    (["--method", "random", "--seed", "-1"], "--seed"),
    (["--method", "random", "-O", "seed=-1"], "not negative"),
    (["--method", "sumy-lsa", "-O", "language=klingon"], "klingon"),
    (["--method", "fusion", "-O", "cost_exponent=1e9"], "cost_exponent"),
    (["--min-support", "9"], "only 5 documents"),
    (["--words", "0"], "--words"),
])
def test_bad_options_are_one_line(inputs, tmp_path, args, needle):
    one_line_error(run("brief", *map(str, inputs), *args, cwd=tmp_path), needle)


def test_bad_options_in_bench_fail_before_any_work(tmp_path):
    data = tmp_path / "c.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [{"text": p.read_text()} for p in SEEDS],
                                "references": ["Blinken met Netanyahu."]}) + "\n")
    db = tmp_path / "b.sqlite"
    one_line_error(run("bench", str(data), "--methods", "lexrank", "--db", str(db),
                       "--option", "threshold=abc", cwd=tmp_path), "threshold")
    assert not db.exists()
    one_line_error(run("bench", str(data), "--methods", "lead,llm", "--db", str(db),
                       "--option", "llm.endpoint=notaurl", "--option", "llm.model=m",
                       cwd=tmp_path), "notaurl")
    assert not db.exists()


def test_deeply_nested_json_is_one_line(tmp_path):
    deep = "[" * 200_000 + "]" * 200_000
    cluster = tmp_path / "deep.jsonl"
    cluster.write_text('{"documents": ' + deep + "}\n")
    one_line_error(run("brief", str(cluster), cwd=tmp_path), "nested too deeply")
    one_line_error(run("bench", str(cluster), "--db", str(tmp_path / "b.sqlite"),
                       cwd=tmp_path), "nested too deeply")
    items = tmp_path / "items.jsonl"
    items.write_text('{"id": ' + deep + "}\n")
    one_line_error(run("score", "--jsonl", str(items), cwd=tmp_path), "nested too deeply")


# --- silent loss ----------------------------------------------------------------------------


def test_an_empty_brief_says_why(inputs, tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text(" ".join(["word", "thing", "other", "more"] * 50_000))  # no punctuation
    proc = run("brief", str(flat), cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == b""
    assert b"empty brief: no sentence fits in 120 words" in proc.stderr
    proc = run("brief", *map(str, inputs), "--min-support", "5", cwd=tmp_path)
    assert proc.returncode == 0 and b"empty brief: no content is reported by 5" in proc.stderr


def test_other_scripts_are_split_and_kept(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("The council met in Geneva on Monday. Delegates agreed on a plan.\n\n"
                     "联合国安理会周一举行会议。代表们同意了一项计划！这是真的吗？\n",
                     encoding="utf-8")
    proc = run("brief", str(mixed), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert "联合国安理会周一举行会议。" in lines and "代表们同意了一项计划！" in lines
    assert "Delegates agreed on a plan." in lines


def test_size_limits_cover_jsonl_documents_and_all_files(tmp_path, monkeypatch):
    from summarize import load
    from summarize.errors import InputError

    monkeypatch.setattr(load, "MAX_BYTES", 1000)
    monkeypatch.setattr(load, "MAX_TOTAL_BYTES", 5000)
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"documents": [{"text": "Ships sank. " * 100}]}) + "\n")
    with pytest.raises(InputError, match="document 0 is larger than"):
        load.load_inputs([str(big)])
    line = tmp_path / "line.jsonl"
    line.write_text(json.dumps({"documents": [{"text": "Ships sank. " * 50}] * 10}) + "\n")
    with pytest.raises(InputError, match="a cluster larger than"):
        load.load_inputs([str(line)])
    for i in range(8):
        (tmp_path / f"r{i}.txt").write_text("Ships sank near the port today. " * 25)
    with pytest.raises(InputError, match="inputs together pass"):
        load.load_inputs([str(tmp_path / "*.txt")])


# --- databases ------------------------------------------------------------------------------


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    path = tmp_path / "clusters.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for k in range(3):
            docs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in SEEDS[k:k + 3]]
            out.write(json.dumps({"id": f"c{k}", "documents": docs,
                                  "references": ["Blinken warned Netanyahu about Rafah."]}) + "\n")
    return path


def test_a_foreign_database_is_left_byte_identical(data, tmp_path):
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE users (name TEXT)")
    db.execute("INSERT INTO users VALUES ('ada')")
    db.commit()
    db.close()
    before = digest(other)
    for command in (["bench", str(data), "--methods", "lead"], ["report"]):
        one_line_error(run(*command, "--db", str(other), cwd=tmp_path),
                       "another program", "users")
        assert digest(other) == before
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database at all\n")
    before = digest(notes)
    one_line_error(run("bench", str(data), "--methods", "lead", "--db", str(notes),
                       cwd=tmp_path), "not a SQLite database")
    assert digest(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clusters.jsonl", "notes.sqlite",
                                                          "other.sqlite"]


def test_read_only_and_full_databases(data, tmp_path):
    db = tmp_path / "ro" / "b.sqlite"
    db.parent.mkdir()
    proc = run("bench", str(data), "--methods", "lead", "--db", str(db), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    board = run("report", "--db", str(db), cwd=tmp_path).stdout
    for p in db.parent.iterdir():
        p.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        before = {p.name: digest(p) for p in db.parent.iterdir()}
        proc = run("bench", str(data), "--methods", "lead,random", "--db", str(db), "-q",
                   cwd=tmp_path, preexec=unprivileged)
        one_line_error(proc, "b.sqlite")
        report = run("report", "--db", str(db), cwd=tmp_path, preexec=unprivileged)
        assert report.returncode == 0, report.stderr  # reading needs no write access
        assert report.stdout == board
        assert {p.name: digest(p) for p in db.parent.iterdir()} == before
    finally:
        db.parent.chmod(0o755)
    full = tmp_path / "full.sqlite"
    proc = run("bench", str(data), "--methods", "lead,random,lexrank", "--db", str(full),
               "-q", "--workers", "1", cwd=tmp_path, preexec=disk_full(40_000))
    line = one_line_error(proc, "full.sqlite")
    assert "rerun" in line or "cannot" in line


def test_a_second_bench_on_the_same_database_is_told(data, tmp_path):
    db = tmp_path / "b.sqlite"
    assert run("bench", str(data), "--methods", "lead", "--db", str(db), "-q",
               cwd=tmp_path).returncode == 0
    import fcntl

    with db.open("rb") as held:  # what a running bench holds
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        proc = run("bench", str(data), "--methods", "lead,random", "--db", str(db), "-q",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"another process is writing to" in proc.stderr
    quiet = run("bench", str(data), "--methods", "lead,random", "--db", str(db), "-q",
                cwd=tmp_path)
    assert b"another process" not in quiet.stderr  # the lock died with its holder


@pytest.mark.parametrize("after", [0.4, 1.5, "first result"])
def test_ctrl_c_during_bench_is_one_line_and_resumes(data, tmp_path, after):
    db = tmp_path / "b.sqlite"
    cmd = [sys.executable, "-m", "summarize", "bench", str(data), "--methods",
           "lead,sumy-lsa,fusion,lexrank", "--db", str(db), "--workers", "2", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    if after == "first result":
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as probe:
                    if probe.execute("SELECT count(*) FROM summaries").fetchone()[0]:
                        break
            except sqlite3.Error:
                pass
            time.sleep(0.05)
    else:
        time.sleep(after)
    assert proc.poll() is None, "bench ended before Ctrl-C: nothing would be tested"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
    err = proc.communicate(timeout=120)[1].decode()
    assert proc.returncode in (0, 130, -signal.SIGINT), err  # -2: ended by the signal itself
    assert "Traceback" not in err and "Error" not in err, err
    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr


# --- a wider bad-input sweep ----------------------------------------------------------------


def _write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


SENTENCE = b"The council met in Geneva on Monday to discuss the ceasefire plan. "

CASES: dict[str, Callable[[Path], list[str]]] = {
    "empty file": lambda d: [_write(d, "e.txt", b"")],
    "only whitespace": lambda d: [_write(d, "w.txt", b" \n\t\n  \n")],
    "binary": lambda d: [_write(d, "b.txt", bytes(range(256)) * 40)],
    "png named .txt": lambda d: [_write(d, "p.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 400)],
    "utf-16 with bom": lambda d: [_write(d, "u.txt", "Ships sank near the port. Crews were "
                                         "rescued by the navy.".encode("utf-16"))],
    "latin-1": lambda d: [_write(d, "l.txt", "Le conseil s'est réuni à Genève lundi. Les "
                                 "délégués ont approuvé un plan.".encode("latin-1"))],
    "russian": lambda d: [_write(d, "r.txt", "Совет собрался в Женеве в понедельник. Делегаты "
                                 "одобрили план.".encode())],
    "arabic": lambda d: [_write(d, "a.txt", "اجتمع المجلس في جنيف يوم الاثنين. وافق المندوبون "
                                "على الخطة؟ نعم.".encode())],
    "one sentence": lambda d: [_write(d, "o.txt", SENTENCE)],
    "one word": lambda d: [_write(d, "x.txt", b"Hello")],
    "all duplicates": lambda d: [_write(d, f"d{i}.txt", SENTENCE * 3) for i in range(4)],
    "nul in the middle": lambda d: [_write(d, "n.txt", SENTENCE + b"\x00" + SENTENCE)],
    "very long line": lambda d: [_write(d, "v.txt", b"word " * 300_000 + b".")],
    "control characters": lambda d: [_write(d, "c.txt", SENTENCE + b"\x1b[31m\x07\x08" + SENTENCE)],
    "missing path": lambda d: [str(d / "nope.txt")],
    "empty directory": lambda d: [str(Path(d, "sub").mkdir() or Path(d, "sub"))],
    "glob matching nothing": lambda d: [str(d / "*.none")],
    "jsonl with no clusters": lambda d: [_write(d, "c.jsonl", b"\n\n")],
    "jsonl, wrong shape": lambda d: [_write(d, "c.jsonl", b'{"documents": "text"}\n')],
    "jsonl, empty documents": lambda d: [_write(d, "c.jsonl", b'{"documents": []}\n')],
    "jsonl, not utf-8": lambda d: [_write(d, "c.jsonl", b'{"documents": [{"text": "\xff"}]}\n')],
    "jsonl, two clusters": lambda d: [_write(d, "c.jsonl", b'{"id": "a", "documents": []}\n'
                                             b'{"id": "b", "documents": []}\n')],
}

BAD_OPTIONS = [["--sentences", "0"], ["--redundancy", "0"], ["--redundancy", "1.5"],
               ["--redundancy", "nan"], ["--mmr", "2"], ["--cluster", "zzz"],
               ["--format", "pdf"], ["--words", "-3"], ["--words", "10" * 30],
               ["--similarity", "psychic"], ["--method", "nope"], ["--order", "random"]]


def _clean(proc: subprocess.CompletedProcess) -> None:
    err = proc.stderr.decode()
    assert "Traceback" not in err and "Exception" not in err, err
    assert proc.returncode in (0, 2), err
    if proc.returncode == 2:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert lines[-1].startswith("summarize"), err
        assert all(ln.startswith("summarize") for ln in lines), err


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_never_crashes(case, tmp_path):
    paths = CASES[case](tmp_path)
    before = {p: digest(Path(p)) for p in paths if Path(p).is_file()}
    proc = run("brief", *paths, cwd=tmp_path)
    _clean(proc)
    if proc.returncode == 0:
        assert proc.stdout.strip() or b"empty brief" in proc.stderr
    assert {p: digest(Path(p)) for p in before} == before


@pytest.mark.parametrize("args", BAD_OPTIONS, ids=lambda a: " ".join(a)[:30])
def test_bad_options_never_crash(args, inputs, tmp_path):
    _clean(run("brief", *map(str, inputs), *args, cwd=tmp_path))


def test_stdin_empty_or_binary(tmp_path):
    _clean(run("brief", "-", cwd=tmp_path, stdin=b""))
    _clean(run("brief", "-", cwd=tmp_path, stdin=b"\x00\x01\x02" * 100))
    proc = run("brief", "-", cwd=tmp_path, stdin=SENTENCE * 2)
    assert proc.returncode == 0 and b"Geneva" in proc.stdout


def test_report_outputs_where_they_cannot_be_written(data, tmp_path, read_only_dir):
    db = tmp_path / "b.sqlite"
    assert run("bench", str(data), "--methods", "lead", "--db", str(db), "-q",
               cwd=tmp_path).returncode == 0
    before = digest(db)
    for flag in ("-o", "--chart"):
        one_line_error(run("report", "--db", str(db), flag, str(read_only_dir / "r.out"),
                           cwd=tmp_path, preexec=unprivileged), "r.out", "permission denied")
        one_line_error(run("report", "--db", str(db), flag, str(data / "r.out"),
                           cwd=tmp_path), "r.out")
        one_line_error(run("report", "--db", str(db), flag, str(db), cwd=tmp_path),
                       "is one of the inputs")
    assert digest(db) == before
    chart = tmp_path / "chart.png"
    assert run("report", "--db", str(db), "--chart", str(chart), cwd=tmp_path).returncode == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- threads --------------------------------------------------------------------------------


def test_briefs_from_many_threads_equal_the_serial_ones(seeds):
    """What the TUI does at start-up (two default runs at once), with more threads and cold
    caches: the text layer (splitter, stemmer, phrase and term caches) shared by all."""
    from summarize import text
    from summarize.config import Config
    from summarize.pipeline import summarize
    from summarize.render import render
    from tests.conftest import errors_in_threads

    methods = ("lexrank", "centroid", "textrank", "lead")
    want = {m: render(summarize(seeds, m, Config())) for m in methods}
    for cached in (text.stemmed_token, text.stem):
        getattr(cached, "cache_clear", lambda: None)()
    got: list[tuple[str, str]] = []

    def work() -> None:
        for m in methods:
            got.append((m, render(summarize(seeds, m, Config()))))

    assert errors_in_threads(work, threads=8) == []
    assert len(got) == 8 * len(methods) and all(want[m] == out for m, out in got)
