"""A benchmark killed with SIGKILL and started again finishes with the uninterrupted results."""

from __future__ import annotations

import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

from eval.datasets import open_dataset
from eval.runner import Spec, run
from eval.store import Store, summaries_equal
from summarize.config import Config
from summarize.model import Budget
from tests.test_bench_runner import make_jsonl

CLUSTERS = 40
METHODS = ("lead", "lexrank")


def _stored(db) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM summaries").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet
        return 0


def _bench(data, db, workers: int) -> list[str]:
    return [sys.executable, "-m", "summarize", "bench", str(data), "--methods",
            ",".join(METHODS), "--words", "15", "--db", str(db), "-j", str(workers), "-f", "csv"]


def test_kill_9_then_resume_equals_an_uninterrupted_run(tmp_path):
    data = make_jsonl(tmp_path / "d.jsonl", CLUSTERS)
    db = tmp_path / "killed.sqlite"
    total = CLUSTERS * len(METHODS)
    # Its own session, so that SIGKILL takes the parent and its worker processes at once.
    proc = subprocess.Popen(_bench(data, db, 2), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _stored(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    kept = _stored(db)
    assert 3 <= kept < total, "the run must be killed part-way for this test to mean anything"

    # Resumed on one worker: results do not depend on how many workers computed them.
    again = subprocess.run(_bench(data, db, 1), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{kept} of {total} summaries already stored" in again.stderr
    computed = int(re.search(r"computed (\d+) summaries", again.stderr).group(1))
    assert computed == total - kept  # nothing computed twice

    spec = Spec(methods=METHODS, config=Config(budget=Budget(words=15)))
    with Store(tmp_path / "whole.sqlite") as whole, Store(db) as resumed:
        ref = run(open_dataset(data), spec, whole, log=io.StringIO()).run.id
        assert [r.id for r in resumed.runs()] == [ref]  # same options, same run
        assert resumed.count(ref) == total
        assert summaries_equal(resumed.summaries(ref), whole.summaries(ref))
