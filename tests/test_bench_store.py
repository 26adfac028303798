"""The benchmark database and the leaderboard computed from it, on hand-made rows."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from eval.report import chart, leaderboard, render
from eval.store import ClusterRow, RunInfo, Store, StoredSummary, summaries_equal
from summarize.errors import InputError, UsageError


def _run(run_id: str = "r1", methods: tuple[str, ...] = ("lead", "lexrank", "random")
         ) -> RunInfo:
    return RunInfo(id=run_id, data="toy.jsonl", methods=methods, words=10,
                   options={"seed": 0}, created="2024-03-22T00:00:00+00:00")


CLUSTERS = [ClusterRow(f"c{i}", ({"id": "d0", "title": "T", "text": f"Text {i}."},),
                       (f"ref {i}",)) for i in range(4)]


def _summary(method: str, cluster: str, r2: float, error: str | None = None) -> StoredSummary:
    scores = {} if error else {t: {"precision": r2, "recall": r2, "fmeasure": r2}
                               for t in ("rouge1", "rouge2", "rougeL")}
    return StoredSummary(method=method, cluster_id=cluster, text="" if error else "A summary.",
                         sentences=[] if error else [{"text": "A summary.", "doc_id": "d0",
                                                      "index": 0, "start": 0, "end": 10,
                                                      "support": ["d0"]}],
                         scores=scores, seconds=0.5, peak_memory=1024, error=error)


# Per-cluster F (x100 later): lexrank 0.4,0.5,0.6,0.7 (mean 55); lead 0.3..0.6 (45);
# random 0.1,0.2,0.3 and an error on c3 (counted as 0 -> mean 15).
VALUES = {"lexrank": [0.4, 0.5, 0.6, 0.7], "lead": [0.3, 0.4, 0.5, 0.6],
          "random": [0.1, 0.2, 0.3, None]}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "b.sqlite") as s:
        s.start_run(_run(), CLUSTERS)
        for method, vals in VALUES.items():
            for c, v in zip(CLUSTERS, vals, strict=True):
                s.put("r1", _summary(method, c.id, v) if v is not None
                      else _summary(method, c.id, 0, error="ValueError: boom"))
        yield s


def test_round_trip(store, tmp_path):
    assert [r.id for r in store.runs()] == ["r1"]
    run = store.runs()[0]
    assert run.methods == ("lead", "lexrank", "random") and run.words == 10
    assert store.clusters("r1") == ["c0", "c1", "c2", "c3"]
    assert store.references("r1", "c2") == ["ref 2"]
    assert store.documents("r1", "c1") == [{"id": "d0", "title": "T", "text": "Text 1."}]
    got = store.summaries("r1", "c3")
    assert [s.method for s in got] == ["lead", "lexrank", "random"]  # run's method order
    assert got[1].scores["rouge2"]["fmeasure"] == 0.7
    assert got[1].sentences[0]["doc_id"] == "d0"
    assert got[2].error == "ValueError: boom" and got[2].scores == {}
    assert store.done("r1") == {(m, c.id) for m in VALUES for c in CLUSTERS}
    # Another connection (as the TUI has) sees the same committed rows.
    with Store(tmp_path / "b.sqlite") as other:
        assert summaries_equal(other.summaries("r1"), store.summaries("r1"))


def test_put_replaces_and_runs_are_kept_apart(store):
    store.put("r1", _summary("lead", "c0", 0.9))
    assert store.count("r1") == 12
    assert store.summaries("r1", "c0")[0].scores["rouge2"]["fmeasure"] == 0.9
    assert store.start_run(_run(), CLUSTERS) is False  # same id: nothing rewritten
    assert store.start_run(_run("r2", ("lead",)), CLUSTERS[:1]) is True
    assert store.count("r2") == 0 and store.count("r1") == 12
    store.clear("r2")
    assert store.count("r1") == 12


def test_not_a_database(tmp_path):
    bad = tmp_path / "x.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError):
        Store(bad)


def test_leaderboard_means_order_and_significance(store):
    board = leaderboard(store, resamples=200, seed=0)
    assert [r.method for r in board.rows] == ["lexrank", "lead", "random"]
    assert board.best == "lexrank" and board.clusters == 4
    rows = {r.method: r for r in board.rows}
    assert rows["lexrank"].rouge["rouge2"].mean == pytest.approx(55.0)
    assert rows["lead"].rouge["rouge2"].mean == pytest.approx(45.0)
    assert rows["random"].rouge["rouge2"].mean == pytest.approx(15.0)  # error counted as 0
    assert rows["random"].errors == 1 and rows["random"].clusters == 4
    low, high = rows["lexrank"].rouge["rouge1"].low, rows["lexrank"].rouge["rouge1"].high
    assert 40.0 <= low <= 55.0 <= high <= 70.0
    assert rows["lexrank"].p_best is None and rows["lead"].p_lead is None
    # lexrank beats lead by exactly 10 on every one of 4 clusters: with all 2^4 sign flips
    # only the two extreme ones are as far from 0, p = 2/16.
    assert rows["lead"].p_best == pytest.approx(0.125)
    assert rows["lexrank"].p_lead == pytest.approx(0.125)
    assert rows["lead"].seconds == pytest.approx(0.5)


def test_formats(store):
    board = leaderboard(store, resamples=100)
    table = render(board, "table")
    assert table.splitlines()[1].split()[0] == "method"
    assert table.splitlines()[3].startswith("lexrank")
    md = render(board, "markdown")
    assert "| lexrank | 55.00 [" in md
    assert "**55.00 [" in md  # the best ROUGE-2 in bold
    rows = list(csv.DictReader(io.StringIO(render(board, "csv"))))
    assert [r["method"] for r in rows] == ["lexrank", "lead", "random"]
    assert float(rows[2]["rouge2_mean"]) == pytest.approx(15.0) and rows[2]["errors"] == "1"
    doc = json.loads(render(board, "json"))
    assert doc["best"] == "lexrank" and doc["run"]["id"] == "r1"
    assert doc["rows"][1]["p_best"] == pytest.approx(0.125)
    assert render(board, "json") == render(leaderboard(store, resamples=100), "json")
    with pytest.raises(UsageError):
        render(board, "html")


def test_chart_is_a_png(store):
    data = chart(leaderboard(store, resamples=50))
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_pick_run(store):
    with pytest.raises(UsageError):
        leaderboard(store, run="nope")
    assert leaderboard(store, run="r", resamples=10).run.id == "r1"  # unique prefix


def test_empty_database(tmp_path):
    with Store(tmp_path / "e.sqlite") as s, pytest.raises(InputError):
        leaderboard(s)
    assert sqlite3.connect(tmp_path / "e.sqlite").execute(
        "PRAGMA journal_mode").fetchone()[0] == "wal"
