"""The benchmark harness end to end: readers, ``summarize bench``, resume, Dask, report.

Everything here runs the real thing on tiny data built in the test: the CLI entry point (in
process, or as a subprocess where a kill is needed), a real SQLite file read back both with
``sqlite3`` and with ``eval.store.Store``, a real ``distributed.LocalCluster`` on 127.0.0.1 and a
real HTTP server standing in for an LLM endpoint. Why so: the harness's promises (no pair
computed twice after a kill, same rows on any scheduler, nothing silently overwritten) are
about processes and files, which mocks cannot check.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eval.datasets import open_dataset
from eval.store import Store, StoredSummary, summaries_equal
from summarize.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Avon", "Brill", "Corfe", "Dunster", "Epping", "Frome", "Glossop", "Hythe",
          "Ilkley", "Jarrow", "Kendal", "Ludlow"]
THINGS = ["bridge", "library", "harbour", "school", "market", "station", "museum", "park"]
REPORT = ["--resamples", "50"]  # few resamples keep the leaderboard quick
FAST = ["-q", *REPORT]  # and no progress bar


# ----- tiny data ---------------------------------------------------------------------------


def cluster_record(i: int, sentences: int = 3) -> dict:
    """Cluster ``i``: three short reports of one event, with one reference; all differ by i."""
    place, thing = PLACES[i % len(PLACES)], THINGS[(i * 3) % len(THINGS)]
    n = 10 + i
    shared = f"The council of {place} voted to rebuild the old {thing} on Monday."
    extra = [f"Work on the {thing} will cost {n} million pounds and start in spring.",
             f"Residents of {place} had asked for repairs for {n} years.",
             f"Critics said the {thing} plan ignores the flood risk near the river.",
             f"The mayor of {place} promised that local firms would get the contracts.",
             f"A public meeting about the {thing} is planned for next month.",
             f"Shops near the {thing} expect more visitors once it reopens."]
    docs = []
    for j in range(3):
        body = [shared] + [extra[(j * 2 + k) % len(extra)] for k in range(sentences - 1)]
        docs.append({"id": f"d{j}", "title": "", "text": " ".join(body)})
    ref = f"{place} council voted to rebuild the {thing}, costing {n} million pounds."
    return {"id": f"c{i:03d}", "documents": docs, "references": [ref]}


def write_jsonl(path: Path, count: int, sentences: int = 3) -> Path:
    path.write_text("".join(json.dumps(cluster_record(i, sentences)) + "\n"
                            for i in range(count)), encoding="utf-8")
    return path


def bench(*args: str) -> tuple[int, str, str]:
    """Run the CLI in this process; its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in args])
    return rc, out.getvalue(), err.getvalue()


def only_run(db: Path) -> str:
    with Store(db) as store:
        runs = store.runs()
    assert len(runs) == 1, [r.id for r in runs]
    return runs[0].id


def stored(db: Path, run_id: str | None = None) -> list[StoredSummary]:
    with Store(db) as store:
        return store.summaries(run_id or store.runs()[-1].id)


def by_pair(summaries: list[StoredSummary]) -> dict[tuple[str, str], tuple]:
    """What must not depend on how a run was executed: text, provenance, scores, error."""
    return {(s.method, s.cluster_id): (s.text, json.dumps(s.sentences, sort_keys=True),
                                       json.dumps(s.scores, sort_keys=True), s.error)
            for s in summaries}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("data") / "small.jsonl", 4)


@pytest.fixture(scope="module")
def base_db(small: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lead and lexrank on 4 clusters, one local worker, Python allocations measured."""
    db = tmp_path_factory.mktemp("base") / "r.sqlite"
    rc, out, err = bench("bench", small, "--methods", "lead,lexrank", "--words", 20,
                         "--workers", 1, "--db", db, "--memory", "tracemalloc", *FAST)
    assert rc == 0, err
    assert "lead" in out and "lexrank" in out  # the leaderboard is printed at the end
    return db


# ----- 1. readers --------------------------------------------------------------------------


def check_offsets(ds_clusters: tuple) -> None:
    for c in ds_clusters:
        texts = {d.id: d.text for d in c.documents}
        assert c.sentences
        for s in c.sentences:
            assert texts[s.doc_id][s.start:s.end] == s.text


def test_read_jsonl(small: Path) -> None:
    ds = open_dataset(small)
    assert ds.format == "jsonl"
    assert [c.id for c in ds.clusters] == ["c000", "c001", "c002", "c003"]
    rec = cluster_record(2)
    c = ds.clusters[2]
    assert [d.id for d in c.documents] == ["d0", "d1", "d2"]
    assert [d.text for d in c.documents] == [d["text"] for d in rec["documents"]]
    assert list(c.references) == rec["references"]
    check_offsets(ds.clusters)


def test_read_directory(tmp_path: Path) -> None:
    root = tmp_path / "clusters"
    for i in (1, 0):  # created out of order: folders are read sorted by name
        rec = cluster_record(i)
        folder = root / rec["id"]
        (folder / "references").mkdir(parents=True)
        for d in rec["documents"]:
            (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
        (folder / "references" / "r1.txt").write_text(rec["references"][0] + "\n",
                                                      encoding="utf-8")
    ds = open_dataset(root)
    assert ds.format == "dir"
    assert [c.id for c in ds.clusters] == ["c000", "c001"]
    c = ds.clusters[1]
    assert [d.id for d in c.documents] == ["d0", "d1", "d2"]
    assert c.documents[1].text == cluster_record(1)["documents"][1]["text"]
    assert list(c.references) == cluster_record(1)["references"]
    check_offsets(ds.clusters)
    # the same content in another place is the same data set (same digest, so resume works)
    moved = shutil.copytree(root, tmp_path / "elsewhere")
    assert open_dataset(moved).digest == ds.digest
    # and the directory benchmarks like any other input
    rc, _, err = bench("bench", root, "--methods", "lead", "--words", 20, "--workers", 1,
                       "--db", tmp_path / "d.sqlite", *FAST)
    assert rc == 0, err
    assert {s.cluster_id for s in stored(tmp_path / "d.sqlite")} == {"c000", "c001"}


def test_read_line_aligned_with_separator(tmp_path: Path) -> None:
    recs = [cluster_record(i) for i in range(3)]
    src, tgt = tmp_path / "news.src", tmp_path / "refs.txt"
    src.write_text("".join(" ##### ".join(d["text"] for d in r["documents"]) + "\n"
                           for r in recs), encoding="utf-8")
    tgt.write_text("".join(r["references"][0] + "\n" for r in recs), encoding="utf-8")
    ds = open_dataset(src, sep="#####", target=tgt)
    assert ds.format == "lines"
    assert len(ds.clusters) == 3
    for c, r in zip(ds.clusters, recs, strict=True):
        assert [d.text for d in c.documents] == [d["text"] for d in r["documents"]]
        assert list(c.references) == r["references"]
    check_offsets(ds.clusters)
    # the default separator is Multi-News' |||||, with NEWLINE_CHAR marks as newlines
    mn = tmp_path / "mn.src"
    mn.write_text("First report says the bridge will reopen.NEWLINE_CHAR It cost a lot. "
                  "||||| Second report says the bridge reopens soon.\n", encoding="utf-8")
    mn.with_suffix(".tgt").write_text("The bridge reopens.\n", encoding="utf-8")
    (only,) = open_dataset(mn).clusters
    assert len(only.documents) == 2
    assert "\n" in only.documents[0].text and "NEWLINE_CHAR" not in only.documents[0].text
    # misaligned files are refused with both line counts
    tgt.write_text(recs[0]["references"][0] + "\n", encoding="utf-8")
    rc, _, err = bench("bench", src, "--sep", "#####", "--target", tgt, "--methods", "lead",
                       "--db", tmp_path / "x.sqlite", *FAST)
    assert rc == 2 and "3 lines" in err and "1" in err
    # through the CLI with --sep and --target
    tgt.write_text("".join(r["references"][0] + "\n" for r in recs), encoding="utf-8")
    rc, _, err = bench("bench", src, "--sep", "#####", "--target", tgt, "--methods", "lead",
                       "--words", 20, "--workers", 1, "--db", tmp_path / "l.sqlite", *FAST)
    assert rc == 0, err
    docs = Store(tmp_path / "l.sqlite")
    with docs:
        rid = docs.runs()[0].id
        assert len(docs.clusters(rid)) == 3
        assert docs.documents(rid, docs.clusters(rid)[0])[2]["text"] == \
            recs[0]["documents"][2]["text"]


# ----- 2. bench into SQLite ----------------------------------------------------------------


def test_bench_stores_every_pair_in_sqlite(base_db: Path) -> None:
    con = sqlite3.connect(base_db)
    try:
        rows = con.execute("SELECT method, cluster_id, seconds, peak_memory, error "
                           "FROM summaries ORDER BY method, cluster_id").fetchall()
        types = con.execute("SELECT method, cluster_id, group_concat(rouge_type) FROM "
                            "(SELECT * FROM scores ORDER BY rouge_type) "
                            "GROUP BY method, cluster_id").fetchall()
        n_runs = con.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    finally:
        con.close()
    assert n_runs == 1
    pairs = [(m, c) for m, c, *_ in rows]
    assert pairs == [(m, f"c{i:03d}") for m in ("lead", "lexrank") for i in range(4)]
    for _, _, seconds, peak, error in rows:
        assert error is None
        assert seconds > 0  # the method call was timed
        assert peak > 0  # tracemalloc saw the method allocate
    assert len(types) == 8
    for _, _, names in types:
        assert {"rouge1", "rouge2", "rougeL"} <= set(names.split(","))


def test_store_api_reads_back_run_clusters_and_provenance(base_db: Path, small: Path) -> None:
    recs = [json.loads(line) for line in small.read_text(encoding="utf-8").splitlines()]
    with Store(base_db) as store:
        (run,) = store.runs()
        assert run.methods == ("lead", "lexrank")
        assert run.words == 20
        assert store.clusters(run.id) == [r["id"] for r in recs]
        for r in recs:
            assert store.references(run.id, r["id"]) == r["references"]
            docs = store.documents(run.id, r["id"])
            assert [(d["id"], d["text"]) for d in docs] == \
                [(d["id"], d["text"]) for d in r["documents"]]
        summaries = store.summaries(run.id)
        one = store.summaries(run.id, "c001")
    assert [(s.cluster_id, s.method) for s in one] == [("c001", "lead"), ("c001", "lexrank")]
    assert len(summaries) == 8
    texts = {(r["id"], d["id"]): d["text"] for r in recs for d in r["documents"]}
    for s in summaries:
        assert s.text and s.sentences
        assert 0 < len(s.text.split()) <= 20
        for sent in s.sentences:  # every extracted sentence points at its exact source span
            src = texts[(s.cluster_id, sent["doc_id"])]
            assert src[sent["start"]:sent["end"]] == sent["text"]
            assert sent["text"] in s.text
        for t in ("rouge1", "rouge2", "rougeL"):
            f = s.scores[t]["fmeasure"]
            assert 0 < f <= 1
    # lead takes the first sentence of the first document first
    lead0 = next(s for s in summaries if s.method == "lead" and s.cluster_id == "c000")
    assert lead0.sentences[0]["doc_id"] == "d0" and lead0.sentences[0]["start"] == 0


# ----- 3. kill and resume ------------------------------------------------------------------


def _count(db: Path) -> int:
    """Summaries stored so far, read while another process writes (0 before the table exists)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM summaries").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def test_kill_and_resume_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "many.jsonl", 60, sentences=6)
    methods = "lead,lexrank,sumy-luhn"
    total = 60 * 3
    killed = tmp_path / "killed.sqlite"
    cmd = [sys.executable, "-m", "summarize", "bench", str(data), "--methods", methods,
           "--words", "25", "--workers", "1", "--db", str(killed), *FAST]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        seen = 0
        while time.monotonic() < deadline and proc.poll() is None:
            seen = _count(killed)
            if seen >= 5:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed: give it more work"
        assert 0 < seen < total, seen
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
    partial = _count(killed)
    assert 0 < partial < total, partial

    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "resuming" in again.stderr
    assert f"computed {total - partial} summaries" in again.stderr

    con = sqlite3.connect(killed)
    try:
        assert con.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
        assert con.execute("SELECT COUNT(*) FROM summaries").fetchone()[0] == total
        assert con.execute("SELECT method, cluster_id, COUNT(*) c FROM summaries "
                           "GROUP BY run_id, method, cluster_id HAVING c > 1").fetchall() == []
        assert con.execute("SELECT method, cluster_id, rouge_type, COUNT(*) c FROM scores "
                           "GROUP BY run_id, method, cluster_id, rouge_type HAVING c > 1"
                           ).fetchall() == []
        assert con.execute("SELECT COUNT(*) FROM summaries WHERE error IS NOT NULL"
                           ).fetchone()[0] == 0
    finally:
        con.close()

    clean = tmp_path / "clean.sqlite"
    rc, _, err = bench("bench", data, "--methods", methods, "--words", 25, "--workers", 2,
                       "--db", clean, *FAST)
    assert rc == 0, err
    assert only_run(clean) == only_run(killed)  # same options, same run identity
    resumed, uninterrupted = by_pair(stored(killed)), by_pair(stored(clean))
    assert len(resumed) == total
    assert resumed == uninterrupted


# ----- 4. schedulers give the same rows ------------------------------------------------------


def test_two_workers_equal_one(base_db: Path, small: Path, tmp_path: Path) -> None:
    db = tmp_path / "w2.sqlite"
    rc, _, err = bench("bench", small, "--methods", "lead,lexrank", "--words", 20,
                       "--workers", 2, "--db", db, *FAST)
    assert rc == 0, err
    assert only_run(db) == only_run(base_db)
    assert by_pair(stored(db)) == by_pair(stored(base_db))
    assert summaries_equal(stored(db), stored(base_db))


def test_dask_local_cluster_equals_local_processes(base_db: Path, small: Path,
                                                  tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    db = tmp_path / "dask.sqlite"
    rc, _, err = bench("bench", small, "--methods", "lead,lexrank", "--words", 20,
                       "--scheduler", "local", "--workers", 1, "--db", db, *FAST)
    assert rc == 0, err
    assert "Dask local" in err
    assert only_run(db) == only_run(base_db)
    assert len(stored(db)) == 8
    assert by_pair(stored(db)) == by_pair(stored(base_db))


# ----- 5. bad input --------------------------------------------------------------------------


def test_malformed_jsonl_line_stops_before_any_work(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "bad.jsonl", 4)
    lines = data.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:-5]  # line 3 cut short: not JSON any more
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "bad.sqlite"
    rc, out, err = bench("bench", data, "--methods", "lead", "--words", 20, "--workers", 1,
                         "--db", db, *FAST)
    assert rc == 2
    assert out == ""
    problem = [line for line in err.splitlines() if line.startswith("summarize:")]
    assert len(problem) == 1, err
    assert "line 3" in problem[0]
    assert "Traceback" not in err
    if db.exists():  # a database may be created, but no work may be recorded in it
        con = sqlite3.connect(db)
        try:
            for table in ("runs", "clusters", "summaries", "scores"):
                assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        finally:
            con.close()


class _Endpoint(BaseHTTPRequestHandler):
    """A chat endpoint that cites the first evidence sentence, and fails on 'Corfe' clusters."""

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        user = body["messages"][-1]["content"]
        if "Corfe" in user:
            self.send_response(500)
            self.end_headers()
            return
        first = next(line for line in user.splitlines() if line.startswith("E1: "))
        reply = {"choices": [{"message": {"role": "assistant",
                                          "content": first[4:] + " [E1]"}}]}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_failing_method_records_errors_and_the_run_goes_on(small: Path, tmp_path: Path,
                                                          endpoint: str) -> None:
    # c002 is about Corfe: the endpoint answers HTTP 500 for it and only for it.
    assert "Corfe" in cluster_record(2)["documents"][0]["text"]
    db = tmp_path / "err.sqlite"
    # transformers without --model would fail on every cluster: refused before any work.
    rc, out, err = bench("bench", small, "--methods", "lead,transformers", "--words", 20,
                         "--workers", 1, "--db", db, *FAST)
    assert rc == 2 and "needs --model" in err and not db.exists(), err
    rc, out, err = bench("bench", small, "--methods", "lead,llm", "--words", 20,
                         "--workers", 1, "--db", db, "-O", f"llm.endpoint={endpoint}",
                         "-O", "llm.model=test", "-O", "llm.retries=0", *FAST)
    assert rc == 0, err
    got = {(s.method, s.cluster_id): s for s in stored(db)}
    assert len(got) == 8
    for i in range(4):
        cid = f"c{i:03d}"
        assert got[("lead", cid)].error is None and got[("lead", cid)].scores
        llm = got[("llm", cid)]
        if i == 2:
            assert llm.error and "500" in llm.error and llm.text == ""
        else:
            assert llm.error is None, llm.error
            assert llm.text and llm.scores["rouge1"]["fmeasure"] > 0
            assert llm.sentences[0]["generated"] is True
    # the leaderboard counts the errors (and scores them as 0)
    rows = {r["method"]: r for r in csv.DictReader(io.StringIO(
        bench("report", "--db", db, "--format", "csv", *REPORT)[1]))}
    assert float(rows["llm"]["rouge1_mean"]) > 0.0
    assert rows["llm"]["errors"] == "1" and rows["lead"]["errors"] == "0"


def test_different_options_never_overwrite_an_existing_run(base_db: Path, small: Path,
                                                          tmp_path: Path) -> None:
    db = tmp_path / "copy.sqlite"
    shutil.copy(base_db, db)
    before = stored(db)
    old = only_run(db)
    rc, _, err = bench("bench", small, "--methods", "lead,lexrank", "--words", 12,
                       "--workers", 1, "--db", db, *FAST)
    assert rc == 0, err
    assert "kept" in err
    with Store(db) as store:
        runs = store.runs()
        assert {r.id for r in runs} >= {old} and len(runs) == 2
        new = next(r for r in runs if r.id != old)
        assert new.words == 12
        assert summaries_equal(store.summaries(old), before)
        assert len(store.summaries(new.id)) == 8
        assert all(len(s.text.split()) <= 12 for s in store.summaries(new.id))
    # the same options again resume (here: nothing left to do), they add no third run
    rc, _, err = bench("bench", small, "--methods", "lead,lexrank", "--words", 12,
                       "--workers", 1, "--db", db, *FAST)
    assert rc == 0 and "complete" in err
    with Store(db) as store:
        assert len(store.runs()) == 2
        assert summaries_equal(store.summaries(old), before)


# ----- 6. report -----------------------------------------------------------------------------


def _means(base_db: Path) -> dict[tuple[str, str], float]:
    """Mean F1 x100 per (method, ROUGE type), computed here from the stored scores."""
    out: dict[tuple[str, str], list[float]] = {}
    for s in stored(base_db):
        for t in ("rouge1", "rouge2", "rougeL"):
            out.setdefault((s.method, t), []).append(100 * s.scores[t]["fmeasure"])
    return {k: sum(v) / len(v) for k, v in out.items()}


def _check_rows(rows: list[dict], base_db: Path) -> None:
    means = _means(base_db)
    assert sorted(r["method"] for r in rows) == ["lead", "lexrank"]
    best = [r for r in rows if r["p_best"] in (None, "")]
    assert len(best) == 1  # only the best method has no p-value against the best
    for r in rows:
        for t in ("rouge1", "rouge2", "rougeL"):
            mean, low, high = (float(r[f"{t}_{k}"]) for k in ("mean", "low", "high"))
            assert mean == pytest.approx(means[(r["method"], t)], abs=1e-3)
            assert low <= mean <= high
        if r["method"] == "lead":
            assert r["p_lead"] in (None, "")
        else:
            assert 0 <= float(r["p_lead"]) <= 1
            assert 0 <= float(r["p_best"]) <= 1


def test_report_csv_and_json_parse_with_means_cis_and_p_values(base_db: Path) -> None:
    rc, out, err = bench("report", "--db", base_db, "--format", "csv", *REPORT)
    assert rc == 0, err
    _check_rows(list(csv.DictReader(io.StringIO(out))), base_db)
    rc, out, err = bench("report", "--db", base_db, "--format", "json", *REPORT)
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["run"]["id"] == only_run(base_db)
    assert doc["clusters"] == 4
    _check_rows(doc["rows"], base_db)
    best = next(r for r in doc["rows"] if r["p_best"] is None)
    assert doc["best"] == best["method"]
    # same database, same options: byte-identical output
    assert bench("report", "--db", base_db, "--format", "json", *REPORT)[1] == out


def test_report_table_and_markdown(base_db: Path) -> None:
    for fmt in ("table", "markdown"):
        rc, out, err = bench("report", "--db", base_db, "--format", fmt, *REPORT)
        assert rc == 0, err
        for label in ("ROUGE-1", "ROUGE-2", "ROUGE-L", "95% CI", "p vs best", "p vs lead"):
            assert label in out
        lines = out.splitlines()
        for m in ("lead", "lexrank"):
            (row,) = [line for line in lines if line.lstrip("| ").split()[:1] == [m]]
            assert "[" in row and "]" in row  # the CI
    md = bench("report", "--db", base_db, "--format", "markdown", *REPORT)[1]
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 2  # header, rule, one row per method
    assert len({line.count("|") for line in table}) == 1  # every row has the same cells


def test_report_chart_is_a_real_png(base_db: Path, tmp_path: Path) -> None:
    png = tmp_path / "out" / "chart.png"
    rc, _, err = bench("report", "--db", base_db, "--chart", png, *REPORT)
    assert rc == 0, err
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 5000


def test_report_without_database_is_a_usage_error(tmp_path: Path) -> None:
    rc, out, err = bench("report", "--db", tmp_path / "none.sqlite")
    assert rc == 2 and out == ""
    assert err.startswith("summarize:") and len(err.splitlines()) == 1
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize("command", ["bench", "report"])
def test_db_that_is_not_a_database_is_refused_in_one_line(small: Path, tmp_path: Path,
                                                          command: str) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("hello, not a database\n", encoding="utf-8")
    args = (["bench", small, "--methods", "lead", "--words", 20, "--workers", 1, *FAST]
            if command == "bench" else ["report", *REPORT])
    rc, out, err = bench(*args, "--db", db)
    assert rc == 2
    assert err.splitlines()[-1].startswith("summarize:") and "Traceback" not in err
    assert "not a SQLite database" in err
    assert db.read_text(encoding="utf-8") == "hello, not a database\n"  # left as it was


def test_a_run_is_tied_to_the_code_that_computed_it(monkeypatch) -> None:  # noqa: ANN001
    """A database filled by one version of the methods is never resumed by another: the
    code's digest is part of the run's identity."""
    from eval import runner
    from eval.datasets import Dataset

    dataset = Dataset(path="x.jsonl", clusters=(), format="jsonl", digest="d", options=())
    spec = runner.Spec(methods=("lead",), config=runner.Config())
    before = runner.run_id(runner.run_options(dataset, spec))
    monkeypatch.setattr(runner, "code_digest", lambda: "another version")
    assert runner.run_id(runner.run_options(dataset, spec)) != before


def _stat(pid: int | str) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name: state, parent, ...; [] if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _descendants(pid: int) -> set[int]:
    """Live (not zombie) processes below ``pid``, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        fields = _stat(entry.name) if entry.name.isdigit() else []
        if fields and fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return bool(fields) and fields[0] != "Z"


def _bench_under_way(tmp_path: Path, clusters: int,
                     until: int) -> tuple[subprocess.Popen, Path, Path]:
    """``summarize bench`` on 2 workers in a child process, once ``until`` summaries are in
    its database; the process, the data and the database."""
    data = write_jsonl(tmp_path / "many.jsonl", clusters, sentences=6)
    db = tmp_path / "r.sqlite"
    cmd = [sys.executable, "-m", "summarize", "bench", str(data), "--methods", "lead,lexrank",
           "--words", "25", "--workers", "2", "--db", str(db), *FAST]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and _count(db) < until:
        time.sleep(0.02)
    return proc, data, db


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killing_a_run_leaves_no_worker_behind(tmp_path: Path, sig: int) -> None:
    """Workers wait on a queue and never notice on their own that the bench process died:
    they watch it, and SIGTERM shuts the pool down like Ctrl-C."""
    proc, _, db = _bench_under_way(tmp_path, clusters=200, until=5)
    try:
        workers = _descendants(proc.pid)
        assert proc.poll() is None and len(workers) >= 2, "no workers seen: give it more work"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        assert not [p for p in workers if _alive(p)]
        if sig == signal.SIGTERM:
            assert proc.returncode != 0 and "rerun the same command to resume" in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


def test_a_worker_killed_mid_run_costs_nothing(tmp_path: Path) -> None:
    """The out-of-memory killer (here: SIGKILL) takes one worker: the run goes on, and its
    results equal those of a run on one worker that nothing disturbed."""
    proc, data, db = _bench_under_way(tmp_path, clusters=150, until=20)
    try:
        below = _descendants(proc.pid)
        workers = sorted(p for p in below if int(_stat(p)[1]) in below)  # by the fork server
        assert proc.poll() is None and workers, "no worker seen: give it more work"
        os.kill(workers[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 0, err
    got = stored(db)
    assert len(got) == 300 and not [s for s in got if s.error]
    rc, _, err = bench("bench", data, "--methods", "lead,lexrank", "--words", 25,
                       "--workers", 1, "--db", tmp_path / "calm.sqlite", *FAST)
    assert rc == 0, err
    assert by_pair(got) == by_pair(stored(tmp_path / "calm.sqlite"))


class _KillsWhoReadsIt(str):
    """Text that ends the process that unpickles it: a task that takes its worker down."""

    def __reduce__(self):  # noqa: ANN204
        return (os._exit, (70,))


def test_a_task_that_kills_its_worker_is_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    from eval import runner
    from summarize.config import Config
    from summarize.model import Budget

    clusters = open_dataset(write_jsonl(tmp_path / "d.jsonl", 12)).clusters
    c = clusters[5]
    poison = replace(c, documents=(replace(c.documents[0],
                                           text=_KillsWhoReadsIt(c.documents[0].text)),
                                   *c.documents[1:]))
    config = Config(budget=Budget(words=20))
    tasks = [runner.Task(m, cl, config, (), "off") for cl in (*clusters[:5], poison,
                                                               *clusters[6:])
             for m in ("lead", "lexrank")]
    got: list[StoredSummary] = []
    runner.execute(tasks, got.append, workers=2)
    records = {(s.method, s.cluster_id): s for s in got}
    assert len(got) == len(records) == len(tasks)  # each once
    for m in ("lead", "lexrank"):
        assert records[(m, c.id)].error == runner.CRASHED and records[(m, c.id)].text == ""
    calm = {(s.method, s.cluster_id): s for s in map(runner.run_task, tasks)}
    for key, record in records.items():
        if key[1] != c.id:
            assert record.error is None and record.text == calm[key].text
            assert record.scores == calm[key].scores
