"""Markdown citations, JSON provenance and atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

from summarize.model import Document, Sentence, Summary, SummarySentence
from summarize.output import write_output
from summarize.render import citations, render

DOCS = tuple(Document(id=f"d{i}", title=f"Report {i}", text="Ships sank. Ships sank.",
                      source=f"/x/r{i}.txt", position=i) for i in range(4))


def _summary() -> Summary:
    s0 = Sentence("Ships sank.", "d0", 0, 0, 11, 0)
    s2 = Sentence("Ships sank.", "d2", 1, 12, 23, 2)
    item = SummarySentence(text="Ships sank.", sources=(s0,), score=0.5,
                           support=("d0", "d2", "d3"), group=0, group_members=(s0, s2))
    return Summary(method="lead", sentences=(item,), documents=DOCS,
                   options=(("words", 10),))


def test_markdown_cites_every_supporting_document() -> None:
    text = render(_summary(), "markdown")
    assert "- Ships sank. [1][3][4]" in text
    assert "1. Report 0 (`r0.txt`)" in text and "4. Report 3 (`r3.txt`)" in text


def test_citations_fall_back_to_sources() -> None:
    item = SummarySentence(text="x", sources=(Sentence("x", "d1", 0, 0, 1, 1),))
    assert citations(item, DOCS) == "[2]"


def test_json_carries_spans_and_group_members() -> None:
    data = json.loads(render(_summary(), "json"))
    (item,) = data["sentences"]
    assert item["sources"] == [{"doc_id": "d0", "index": 0, "start": 0, "end": 11,
                                "text": "Ships sank."}]
    assert [m["doc_id"] for m in item["group_members"]] == ["d0", "d2"]
    assert item["support"] == ["d0", "d2", "d3"]
    assert data["options"] == {"words": 10}


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_output(target, "new content\n")
    assert target.read_text() == "new content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_conflicts_are_cited_by_input_position() -> None:
    from dataclasses import replace

    from summarize.model import Conflict

    conflict = Conflict(group=0, values=(("about 240", "d1", "..."), ("253", "d3", "...")),
                        description="hostages: about 240 (d1) vs 253 (d3)")
    summary = replace(_summary(), conflicts=(conflict,))
    assert "- hostages: about 240 [2] vs 253 [4]" in render(summary, "markdown", conflicts=True)
    assert "Conflicting" not in render(summary, "markdown")
    assert json.loads(render(summary, "json"))["conflicts"][0]["values"][1]["value"] == "253"
