"""Benchmark readers: cluster JSONL, a directory of clusters, line-aligned source/target files."""

from __future__ import annotations

import json

import pytest

from eval.datasets import open_dataset
from summarize.errors import InputError, UsageError


def _jsonl(path, clusters):
    path.write_text("".join(json.dumps(c) + "\n" for c in clusters), encoding="utf-8")
    return path


def _cluster(i: int) -> dict:
    return {"id": f"c{i}", "documents": [
        {"id": "d0", "title": "", "text": f"The council met on day {i}. It voted."},
        {"id": "d1", "title": "", "text": f"On day {i} the council voted. Rain fell."}],
        "references": [f"The council voted on day {i}."]}


def test_jsonl(tmp_path):
    ds = open_dataset(_jsonl(tmp_path / "a.jsonl", [_cluster(0), _cluster(1)]))
    assert ds.format == "jsonl" and [c.id for c in ds.clusters] == ["c0", "c1"]
    assert ds.clusters[1].references == ("The council voted on day 1.",)
    assert [s.text for s in ds.clusters[0].sentences][:2] == ["The council met on day 0.",
                                                              "It voted."]
    assert len(open_dataset(tmp_path / "a.jsonl", limit=1).clusters) == 1
    with pytest.raises(UsageError):
        open_dataset(tmp_path / "a.jsonl", limit=0)


def test_digest_follows_content_not_place(tmp_path):
    a = open_dataset(_jsonl(tmp_path / "a.jsonl", [_cluster(0)]))
    b = open_dataset(_jsonl(tmp_path / "b.jsonl", [_cluster(0)]))
    c = open_dataset(_jsonl(tmp_path / "c.jsonl", [_cluster(1)]))
    assert a.digest == b.digest != c.digest


def test_malformed_jsonl_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_cluster(0)) + "\n" + json.dumps(_cluster(1)) + "\n{oops\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="3"):
        open_dataset(path)


def test_no_references_is_refused(tmp_path):
    c = _cluster(0)
    c["references"] = []
    with pytest.raises(InputError, match="reference"):
        open_dataset(_jsonl(tmp_path / "a.jsonl", [c]))


def test_missing_and_empty(tmp_path):
    with pytest.raises(InputError, match="no such"):
        open_dataset(tmp_path / "nothing.jsonl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        open_dataset(tmp_path / "empty")


def test_directory_of_clusters(tmp_path):
    root = tmp_path / "data"
    for name, day in (("b-second", 2), ("a-first", 1)):
        (root / name / "references").mkdir(parents=True)
        (root / name / "01.txt").write_text(f"Storm hits\nA storm hit on day {day}. It rained.",
                                            encoding="utf-8")
        (root / name / "02.txt").write_text(f"It rained on day {day}.", encoding="utf-8")
        (root / name / "references" / "r1.txt").write_text(f"Storm on day {day}.",
                                                           encoding="utf-8")
        (root / name / "references" / "r2.txt").write_text("A storm.", encoding="utf-8")
    ds = open_dataset(root)
    assert ds.format == "dir" and [c.id for c in ds.clusters] == ["a-first", "b-second"]
    first = ds.clusters[0]
    assert [d.id for d in first.documents] == ["01", "02"]
    assert first.documents[0].title == "Storm hits"
    assert first.references == ("Storm on day 1.", "A storm.")
    for s in first.sentences:
        assert first.document(s.doc_id).text[s.start:s.end] == s.text
    before = ds.digest
    (root / "a-first" / "references" / "r2.txt").write_text("Changed.", encoding="utf-8")
    assert open_dataset(root).digest != before


def test_line_aligned_files(tmp_path):
    src = tmp_path / "test.src"
    src.write_text("Alpha one. Alpha two. ||||| Beta one.NEWLINE_CHAR Beta two.\n"
                   "Gamma one. |||||  ||||| Delta one.\n", encoding="utf-8")
    (tmp_path / "test.tgt").write_text("Alpha and beta.\nGamma, delta.\n", encoding="utf-8")
    ds = open_dataset(src)
    assert ds.format == "lines" and [c.id for c in ds.clusters] == ["test-00000", "test-00001"]
    assert [d.text for d in ds.clusters[0].documents] == ["Alpha one. Alpha two.",
                                                          "Beta one.\n Beta two."]
    assert len(ds.clusters[1].documents) == 2  # the empty document is skipped
    assert ds.clusters[1].references == ("Gamma, delta.",)


def test_line_aligned_custom_separator_and_target(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("One here. ## Two here.\n", encoding="utf-8")
    tgt = tmp_path / "refs.txt"
    tgt.write_text("Both.\n", encoding="utf-8")
    ds = open_dataset(src, sep="##", target=tgt)
    assert [d.text for d in ds.clusters[0].documents] == ["One here.", "Two here."]
    tgt.write_text("Both.\nExtra line.\n", encoding="utf-8")
    with pytest.raises(InputError, match="line-aligned"):
        open_dataset(src, sep="##", target=tgt)
    with pytest.raises(InputError, match="target"):
        open_dataset(src, sep="##", target=tmp_path / "none.txt")
