"""The benchmark runner and the `bench`/`report` commands on small generated data."""

from __future__ import annotations

import argparse
import io
import json
import random
from pathlib import Path

import pytest

from eval.bench_cli import register
from eval.datasets import Dataset, open_dataset
from eval.runner import Progress, Spec, run
from eval.store import Store, StoredSummary, summaries_equal
from summarize.config import Config
from summarize.errors import InputError, UsageError
from summarize.model import Budget, Cluster, Sentence

WORDS = ["council", "storm", "river", "bridge", "mayor", "budget", "vote", "school", "road",
         "flood", "city", "rain"]


def make_jsonl(path: Path, n: int, seed: int = 1) -> Path:
    """``n`` small clusters of 3 documents with 4 sentences each, and one reference."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        docs = []
        for d in range(3):
            sents = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9))).capitalize()
                     + "." for _ in range(4)]
            docs.append({"id": f"d{d}", "title": "", "text": " ".join(sents)})
        ref = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + "."
        lines.append(json.dumps({"id": f"c{i:03d}", "documents": docs, "references": [ref]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SPEC = Spec(methods=("lead", "random", "lexrank"), config=Config(budget=Budget(words=15)),
            method_options={"random": (("seed", 0),)})


def _bench(tmp_path, n=6, **kw) -> tuple[Store, str]:
    ds = open_dataset(make_jsonl(tmp_path / "d.jsonl", n))
    store = Store(tmp_path / kw.pop("db", "r.sqlite"))
    out = run(ds, kw.pop("spec", SPEC), store, log=io.StringIO(), **kw)
    return store, out.run.id


def test_every_method_on_every_cluster(tmp_path):
    store, rid = _bench(tmp_path, n=4)
    got = store.summaries(rid)
    assert len(got) == 12 and {s.error for s in got} == {None}
    assert {(s.method, s.cluster_id) for s in got} == {
        (m, f"c{i:03d}") for m in SPEC.methods for i in range(4)}
    for s in got:
        assert s.text and set(s.scores) >= {"rouge1", "rouge2", "rougeL"}
        assert s.seconds > 0 and s.peak_memory >= 0
        assert len(s.text.split()) <= 15
        docs = {d["id"]: d["text"] for d in store.documents(rid, s.cluster_id)}
        for sent in s.sentences:  # provenance indexes the stored original text
            assert docs[sent["doc_id"]][sent["start"]:sent["end"]] == sent["text"]


def test_same_results_with_processes_and_memory_measures(tmp_path):
    one, rid1 = _bench(tmp_path, db="one.sqlite", workers=1, memory="off")
    two, rid2 = _bench(tmp_path, db="two.sqlite", workers=2, memory="tracemalloc")
    assert rid1 == rid2  # how it is executed or measured is not part of a run's identity
    assert summaries_equal(one.summaries(rid1), two.summaries(rid2))
    assert all(s.peak_memory > 0 for s in two.summaries(rid2))
    assert all(s.peak_memory == 0 for s in one.summaries(rid1))


def test_resume_skips_stored_pairs(tmp_path):
    store, rid = _bench(tmp_path, n=5)
    full = store.summaries(rid)
    # Forget a few summaries, as if the run had been killed before they were written.
    store._db.execute("DELETE FROM summaries WHERE cluster_id IN ('c001', 'c004')")
    store._db.execute("DELETE FROM scores WHERE cluster_id IN ('c001', 'c004')")
    ds = open_dataset(tmp_path / "d.jsonl")
    log = io.StringIO()
    out = run(ds, SPEC, store, log=log)
    assert (out.computed, out.skipped, out.resumed, out.new) == (6, 9, True, False)
    assert "9 of 15 summaries already stored" in log.getvalue()
    assert summaries_equal(store.summaries(rid), full)
    again = run(ds, SPEC, store, log=io.StringIO())
    assert again.computed == 0 and store.count(rid) == 15
    forced = run(ds, SPEC, store, force=True, log=io.StringIO())
    assert forced.computed == 15 and summaries_equal(store.summaries(rid), full)


def test_a_method_failing_on_one_cluster_is_recorded_and_the_run_goes_on(tmp_path):
    good = open_dataset(make_jsonl(tmp_path / "d.jsonl", 3))
    c = good.clusters[1]
    # A cluster whose second sentence has no text at all: malformed input no method can use.
    broken = Cluster(documents=c.documents, id=c.id, references=c.references,
                     sentences=(c.sentences[0], Sentence(None, "d0", 1, 0, 0),  # type: ignore
                                *c.sentences[2:]))
    ds = Dataset(good.path, good.format, good.digest,
                 (good.clusters[0], broken, good.clusters[2]))
    store = Store(tmp_path / "e.sqlite")
    spec = Spec(methods=("lexrank", "lead"), config=Config(budget=Budget(words=15)))
    out = run(ds, spec, store, log=io.StringIO())
    got = {(s.method, s.cluster_id): s for s in store.summaries(out.run.id)}
    assert len(got) == 6
    assert got[("lexrank", "c001")].error and got[("lexrank", "c001")].scores == {}
    assert got[("lexrank", "c000")].error is None and got[("lexrank", "c002")].error is None
    assert got[("lead", "c002")].error is None


def test_progress_lines_when_not_a_terminal():
    stream = io.StringIO()
    bar = Progress(4, stream=stream, every=1e9)
    record = StoredSummary("lead", "c", "", [], {}, error=None)
    for _ in range(4):
        bar.update(record)
    lines = stream.getvalue().splitlines()
    assert " 1/4 " in lines[0] and " 4/4 " in lines[-1]
    assert "\r" not in stream.getvalue() and len(lines) == 2  # first and last only


# ----- the commands ------------------------------------------------------------------------


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_bench_and_report_commands(tmp_path, capsys):
    data = make_jsonl(tmp_path / "d.jsonl", 4)
    db = str(tmp_path / "b.sqlite")
    assert cli("bench", str(data), "--methods", "lead,lexrank", "--words", "15", "--db", db,
               "-j", "1", "-f", "csv", "--chart", str(tmp_path / "c.png")) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("method,family,clusters,errors,rouge1_mean")
    assert "bench [" in err and (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert cli("report", "--db", db, "-f", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert {r["method"] for r in doc["rows"]} == {"lead", "lexrank"}
    # Different options on the same database: a second run, the first is kept untouched.
    with Store(db) as s:
        first = s.runs()[0].id
        before = s.summaries(first)
    assert cli("bench", str(data), "--methods", "lead", "--words", "10", "--db", db,
               "-q") == 0
    err = capsys.readouterr().err
    assert "1 other run(s) with different options; they are kept" in err
    with Store(db) as s:
        assert len(s.runs()) == 2 and summaries_equal(s.summaries(first), before)
    assert cli("report", "--db", db, "--runs") == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and "8/8 summaries" in listed[0] and "4/4 summaries" in listed[1]
    assert cli("report", "--db", db, "--run", first, "-o", str(tmp_path / "lb.md"),
               "-f", "markdown") == 0
    assert "| lexrank |" in (tmp_path / "lb.md").read_text(encoding="utf-8")


def test_bad_input_stops_before_any_work(tmp_path):
    bad = tmp_path / "bad.jsonl"
    make_jsonl(bad, 3)
    bad.write_text(bad.read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    db = tmp_path / "b.sqlite"
    with pytest.raises(InputError, match="4"):
        cli("bench", str(bad), "--methods", "lead", "--db", str(db))
    assert not db.exists()
    data = make_jsonl(tmp_path / "d.jsonl", 2)
    with pytest.raises(UsageError, match="unknown method"):
        cli("bench", str(data), "--methods", "lead,nosuch", "--db", str(db))
    with pytest.raises(UsageError):
        cli("bench", str(data), "--methods", "lead", "-O", "lexrank.x=1", "--db", str(db))
    with pytest.raises(SystemExit):  # argparse lists the tokenizers it knows
        cli("bench", str(data), "--methods", "lead", "--tokenizer", "nope", "--db", str(db))
    with pytest.raises(UsageError):
        cli("report", "--db", str(tmp_path / "none.sqlite"))
    assert not db.exists()
