"""The bench records the Lsum split mode and splitter in the database, and scores with them."""

from __future__ import annotations

import json

import pytest
from rouge_score import rouge_scorer

from eval.rouge import lsum_text
from eval.store import Store
from tests.test_bench_runner import cli

HIGHLIGHTS = ("Police arrest two men after the robbery at the city gallery\n"
              "The stolen paintings were found in a van outside the town\n"
              "Both men will appear in court on Monday morning, police say")


def make_data(path) -> str:
    # A report's sentence, in the past tense: one paragraph of sentences is news, where the
    # verb guess takes the highlights' "Police arrest two men ..." for a headline.
    docs = [{"id": "d0", "title": "", "text": "The stolen paintings were found in a van outside "
             "the town. Police arrested two men after the robbery at the city gallery. Both men "
             "will appear in court on Monday morning, police say."},
            {"id": "d1", "title": "", "text": "The gallery reopens next week. Police thanked "
             "the public for their help."}]
    rows = [{"id": f"c{i}", "documents": docs, "references": [HIGHLIGHTS]} for i in range(2)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("argv,split,splitter", [
    ((), "auto", "summarize-rules"),
    (("--tokenizer", "rouge-score"), "newline", "lines"),
    (("--lsum-split", "newline"), "newline", "lines"),
])
def test_bench_records_lsum_split_and_scores_with_it(tmp_path, capsys, argv, split, splitter):
    db = str(tmp_path / "b.sqlite")
    assert cli("bench", make_data(tmp_path / "d.jsonl"), "--methods", "lead", "--words", "40",
               "-j", "1", "-q", "--db", db, *argv) == 0
    assert f"lsum-split={split} ({splitter})" in capsys.readouterr().err
    with Store(db) as store:
        (run,) = store.runs()
        summaries = store.summaries(run.id)
    rouge = run.options["rouge"]
    assert (rouge["lsum_split"], rouge["lsum_splitter"]) == (split, splitter)
    plain = rouge_scorer.RougeScorer(["rougeL", "rougeLsum"], use_stemmer=True)
    assert len(summaries) == 2
    for s in summaries:
        raw = plain.score(HIGHLIGHTS, s.text)["rougeLsum"].fmeasure  # rouge-score, same texts
        ours = plain.score(lsum_text(HIGHLIGHTS), lsum_text(s.text))["rougeLsum"].fmeasure
        # The highlights have no full stops: our splitter reads them as one wrapped paragraph,
        # so the two modes give different numbers here.
        assert abs(raw - ours) > 0.01
        assert s.scores["rougeLsum"]["fmeasure"] == pytest.approx(
            raw if split == "newline" else ours, abs=1e-12)


def test_bench_refuses_an_unknown_lsum_split_before_any_work(tmp_path):
    from summarize.errors import UsageError

    db = tmp_path / "b.sqlite"
    with pytest.raises(UsageError, match="Lsum split"):
        cli("bench", make_data(tmp_path / "d.jsonl"), "--methods", "lead", "--db", str(db),
            "--lsum-split", "lines")
    assert not db.exists()


def _punkt_installed() -> bool:
    import nltk

    try:
        nltk.sent_tokenize("One. Two.")
    except LookupError:
        return False
    return True


def test_bench_lsum_punkt_without_the_model_is_refused_before_any_work(tmp_path, capsys):
    from summarize.errors import UsageError

    db = tmp_path / "b.sqlite"
    argv = ("bench", make_data(tmp_path / "d.jsonl"), "--methods", "lead", "-j", "1", "-q",
            "--db", str(db), "--lsum-split", "punkt")
    if _punkt_installed():  # then it runs, and says so in the database
        assert cli(*argv) == 0
        with Store(str(db)) as store:
            assert store.runs()[0].options["rouge"]["lsum_splitter"] == "nltk-punkt"
        return
    with pytest.raises(UsageError, match="Punkt model"):
        cli(*argv)
    assert not db.exists()
