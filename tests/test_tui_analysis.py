"""The TUI's pure logic: highlights, provenance marks, stored summaries, export."""

from __future__ import annotations

import json

from summarize.model import SummarySentence
from tests.test_tui_support import REFERENCE, cluster, fixed_entries, make_db
from tui import analysis, views
from tui.data import open_store, run_choices, stored_cluster
from tui.export import default_path, export


def test_shared_ngram_spans_cover_exactly_the_shared_bigrams() -> None:
    grams = analysis.reference_ngrams("the mayor closed the schools", 2)
    text = "Yesterday the mayor closed all schools."
    spans = analysis.shared_ngram_spans(text, grams, 2)
    assert [text[a:b] for a, b in spans] == ["the mayor closed"]


def test_shared_ngrams_match_after_stemming() -> None:
    grams = analysis.reference_ngrams("volunteers filled sandbags", 2)
    text = "A volunteer fills sandbag walls."
    assert [text[a:b] for a, b in analysis.shared_ngram_spans(text, grams, 2)] == [
        "volunteer fills sandbag"]


def test_related_by_provenance_and_by_wording() -> None:
    c = cluster()
    alpha, beta = (e.summary for e in fixed_entries(c))
    assert alpha is not None and beta is not None
    # alpha's first sentence was fused from d0#0 and d1#0; beta's first is d1#0.
    assert analysis.related(alpha.sentences[0], beta.sentences[0])
    assert not analysis.related(alpha.sentences[1], beta.sentences[2])
    paraphrase = SummarySentence(text="Volunteers filled sandbags along the river banks.",
                                 sources=(), generated=True)
    assert analysis.related(paraphrase, SummarySentence(text=c.sentences[7].text,
                                                        sources=(c.sentences[7],)))


def test_source_marks_cover_every_supporting_document() -> None:
    c = cluster()
    alpha = fixed_entries(c)[0].summary
    assert alpha is not None
    marks = analysis.source_marks(alpha.sentences[0])
    assert sorted(marks) == ["d0", "d1"]
    d1 = c.document("d1")
    (mark,) = marks["d1"]
    assert d1.text[mark.start:mark.end] == "Heavy rain flooded the harbour town on Monday."
    assert mark.kind == "source"
    assert analysis.supporting_documents(alpha.sentences[0]) == ["d0", "d1"]


def test_reader_paragraph_highlights_the_source_span() -> None:
    c = cluster()
    alpha = fixed_entries(c)[0].summary
    assert alpha is not None
    doc = c.document("d0")
    marks = analysis.source_marks(alpha.sentences[0])["d0"]
    (text, marked), = views.document_paragraphs(doc, analysis.kept_spans(c.sentences, "d0"),
                                                marks)
    assert marked
    styled = [(text.plain[s.start:s.end], str(s.style)) for s in text.spans
              if str(s.style) == views.SOURCE_STYLE]
    assert styled == [("Rain flooded the old harbour town on Monday.", views.SOURCE_STYLE)]


def test_rouge_is_higher_for_the_closer_summary() -> None:
    good = analysis.rouge("Rain flooded the harbour town. The mayor closed the schools.",
                          REFERENCE)
    bad = analysis.rouge("The town waited for power.", REFERENCE)
    assert good["rouge1"] > bad["rouge1"] > 0
    assert analysis.rouge("", REFERENCE) == {}


def test_stored_cluster_rebuilds_summaries_with_spans(tmp_path) -> None:
    store = open_store(str(make_db(tmp_path / "r.sqlite")))
    (run,) = run_choices(store)
    assert run.id == "run1" and "alpha, beta" in run.label
    c, entries = stored_cluster(store, "run1", "flood")
    assert c.references and [e.method for e in entries] == ["alpha", "beta"]
    first = entries[0].summary.sentences[0]  # type: ignore[union-attr]
    assert [s.doc_id for s in first.sources] == ["d0", "d1"]
    for s in first.sources:
        assert c.document(s.doc_id).text[s.start:s.end] == s.text
    assert entries[0].stored_scores["rouge1"]["fmeasure"] == 0.5


def test_export_writes_markdown_and_json(tmp_path) -> None:
    alpha = fixed_entries(cluster())[0].summary
    assert alpha is not None
    md = export(alpha, "markdown", str(tmp_path / default_path(alpha, "markdown")))
    assert md.name == "alpha-summary.md"
    assert "[1]" in md.read_text(encoding="utf-8")
    js = export(alpha, "json", str(tmp_path / default_path(alpha, "json")))
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["sentences"][0]["sources"][1]["doc_id"] == "d1"
