"""ROUGE wrapper: golden hand-worked values, equality with rouge-score, the fixes it adds."""

from __future__ import annotations

import random
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer, tokenizers

from eval import rouge
from eval.rouge import EmptyTextWarning, Rouge, RougeConfig, Score, combine, truncate_words
from eval.tokenize import RougeScoreTokenizer, UnicodeTokenizer, unicode_tokens
from summarize.errors import UsageError

TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def approx(score: Score, p: float, r: float, f: float) -> None:
    assert score.precision == pytest.approx(p)
    assert score.recall == pytest.approx(r)
    assert score.fmeasure == pytest.approx(f)


# --- golden, hand-worked --------------------------------------------------------------------

def test_golden_prefix_of_reference():
    # candidate 3 tokens, all in the 6-token reference; 2 of the reference's 5 bigrams.
    s = rouge.score("the cat sat", ["The cat sat on the mat."])
    approx(s["rouge1"], 1.0, 0.5, 2 / 3)
    approx(s["rouge2"], 1.0, 0.4, 4 / 7)
    approx(s["rougeL"], 1.0, 0.5, 2 / 3)
    approx(s["rougeLsum"], 1.0, 0.5, 2 / 3)


def test_golden_lsum_auto_uses_our_sentence_splitter():
    # Two sentences swapped: LCS over the whole text is 3 of 6 tokens, but each reference
    # sentence is matched in full by a candidate sentence, so summary-level LCS is 6 of 6.
    cand, ref = "The dog ran. The cat sat.", "The cat sat. The dog ran."
    s = rouge.score(cand, [ref])  # our tokenizer: `auto` by default
    approx(s["rougeL"], 0.5, 0.5, 0.5)
    approx(s["rougeLsum"], 1.0, 1.0, 1.0)
    # Plain rouge-score splits Lsum only on newlines: the whole text is one sentence; so does
    # `newline`, the default with rouge-score's tokenizer.
    plain = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=True).score(ref, cand)
    assert plain["rougeLsum"].fmeasure == pytest.approx(0.5)
    for config in (RougeConfig(tokenizer="rouge-score"), RougeConfig(lsum_split="newline")):
        approx(rouge.score(cand, [ref], config)["rougeLsum"], 0.5, 0.5, 0.5)


def test_lsum_split_defaults_and_what_is_recorded():
    assert RougeConfig().lsum_mode == "auto"
    assert RougeConfig(tokenizer="rouge-score").lsum_mode == "newline"
    assert RougeConfig(tokenizer="rouge-score", lsum_split="auto").lsum_mode == "auto"
    d = RougeConfig(tokenizer="rouge-score").describe()
    assert (d["lsum_split"], d["lsum_splitter"]) == ("newline", "lines")
    d = RougeConfig().describe()
    assert (d["lsum_split"], d["lsum_splitter"]) == ("auto", "summarize-rules")
    assert RougeConfig(types=("rouge1",)).describe()["lsum_splitter"] is None  # nothing ran


def test_differences_from_rouge_score_are_named():
    assert RougeConfig(tokenizer="rouge-score").differences() == []
    assert RougeConfig(tokenizer="rouge-score", stem=False).differences() == []
    named = RougeConfig().differences()
    assert [d.split()[0] for d in named] == ["tokenizer=unicode", "lsum-split=auto"]
    named = RougeConfig(tokenizer="rouge-score", multi_ref="mean", words=50,
                        lsum_split="punkt").differences()
    assert [d.split()[0] for d in named] == ["lsum-split=punkt", "multi-ref=mean;", "words=50"]
    assert RougeConfig(types=("rouge1",), tokenizer="rouge-score",
                       lsum_split="auto").differences() == []  # no Lsum, no difference


def test_lsum_auto_splits_with_the_summarizers_rules():
    from summarize.text import split_sentences

    sample = "Talks ended, both sides said. A new round, the mediators hope, starts soon."
    assert rouge.lsum_text(sample).splitlines() == [sample[s:e] for s, e in
                                                     split_sentences(sample)]
    assert rouge.lsum_text(sample).splitlines() == [
        "Talks ended, both sides said.", "A new round, the mediators hope, starts soon."]


def test_stemming_on_and_off():
    on = rouge.score("runners running", ["runner runs"], RougeConfig(types=("rouge1",)))
    off = rouge.score("runners running", ["runner runs"],
                      RougeConfig(types=("rouge1",), stem=False))
    approx(on["rouge1"], 1.0, 1.0, 1.0)  # runner/runners -> runner, running/runs -> run
    approx(off["rouge1"], 0.0, 0.0, 0.0)


def test_identical_non_english_texts_score_one_with_unicode_tokenizer():
    text = "Блинкен встретился с Нетаньяху в Тель-Авиве. Переговоры длились три часа."
    for t, s in rouge.score(text, [text]).items():
        assert s == Score(1.0, 1.0, 1.0), t
    with pytest.warns(EmptyTextWarning, match="ASCII"):
        zero = rouge.score(text, [text], RougeConfig(tokenizer="rouge-score"))
    assert all(s == Score(0.0, 0.0, 0.0) for s in zero.values())


def test_unicode_tokenizer_scripts():
    assert unicode_tokens("Καλημέρα κόσμε!") == ["καλημέρα", "κόσμε"]
    assert unicode_tokens("हिन्दी भाषा") == ["हिन्दी", "भाषा"]  # vowel signs stay inside words
    assert unicode_tokens("北京 talks") == ["北", "京", "talks"]  # Han: one token per character
    assert unicode_tokens("cafe\u0301 ﬁne") == ["café", "fine"]  # NFKC
    assert UnicodeTokenizer(True).tokenize("Running in Zürich") == ["run", "in", "zürich"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80), st.booleans())
def test_unicode_tokenizer_equals_rouge_score_on_ascii(text, stem):
    assert UnicodeTokenizer(stem).tokenize(text) == tokenizers.DefaultTokenizer(stem).tokenize(text)


def test_truncation_to_n_words_keeps_layout():
    assert truncate_words("one two\nthree four five", 3) == "one two\nthree"
    assert truncate_words("one two", 5) == "one two"
    assert truncate_words("one two", None) == "one two"
    cfg = RougeConfig(types=("rouge1",), words=2)
    approx(rouge.score("a b c d", ["a b"], cfg)["rouge1"], 1.0, 1.0, 1.0)


# --- multi-reference ------------------------------------------------------------------------

def test_multi_reference_rules_hand_worked():
    cand = "a b c d"
    refs = ["a b c d", "a b x y", "x y z w"]  # rouge1 F: 1, 0.5, 0
    f = {rule: rouge.score(cand, refs, RougeConfig(types=("rouge1",), multi_ref=rule))
         ["rouge1"].fmeasure for rule in ("max", "mean", "jackknife")}
    assert f["max"] == pytest.approx(1.0)
    assert f["mean"] == pytest.approx(0.5)
    # leave out r1: max(0.5, 0) = 0.5; leave out r2: 1; leave out r3: 1 -> mean 2.5 / 3
    assert f["jackknife"] == pytest.approx(2.5 / 3)


def test_jackknife_with_one_reference_is_that_score():
    one = Score(0.2, 0.4, 0.3)
    assert combine([one], "jackknife") == one
    s1 = rouge.score("a b c", ["a b d"], RougeConfig(multi_ref="jackknife"))
    s2 = rouge.score("a b c", ["a b d"], RougeConfig(multi_ref="max"))
    assert s1 == s2


def test_max_equals_rouge_score_score_multi():
    refs = ["the cat sat on the mat", "a dog sat on a log", "cats sit"]
    cand = "the dog sat on the mat"
    ours = Rouge(RougeConfig(types=TYPES[:3], tokenizer="rouge-score")).score(cand, refs)
    theirs = rouge_scorer.RougeScorer(list(TYPES[:3]), use_stemmer=True).score_multi(refs, cand)
    for t in TYPES[:3]:
        assert tuple(vars(ours[t]).values()) == pytest.approx(tuple(theirs[t]))


# --- equality with rouge-score on many random pairs ----------------------------------------

VOCAB = ["the", "cat", "dog", "sat", "ran", "on", "mat", "log", "quickly", "running", "runs",
         "2024", "U.S.", "talks", "Blinken", "Netanyahu", "ceasefire", "hostages", "aid",
         "Gaza", "said,", "met;", "and", "of"]


def _random_text(rng: random.Random) -> str:
    """1-3 sentences, joined by spaces or by line breaks, some ending without a full stop."""
    sentences = []
    for _ in range(rng.randint(1, 3)):
        words = [rng.choice(VOCAB) for _ in range(rng.randint(1, 12))]
        sentences.append(" ".join(words) + rng.choice([".", "!", "?", ""]))
    return rng.choice([" ", "\n"]).join(sentences)


@pytest.mark.parametrize("tokenizer,lsum_split", [("rouge-score", None), ("unicode", "newline"),
                                                  ("unicode", None), ("rouge-score", "auto")])
@pytest.mark.parametrize("stem", [True, False])
def test_equal_to_rouge_score_on_random_pairs(tokenizer, lsum_split, stem):
    rng = random.Random(7)
    ours = Rouge(RougeConfig(types=TYPES, stem=stem, tokenizer=tokenizer, lsum_split=lsum_split))
    plain = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=stem)
    newline = ours.config.lsum_mode == "newline"
    for _ in range(150):
        cand, ref = _random_text(rng), _random_text(rng)
        got = ours.score(cand, [ref])
        # `newline`: plain rouge-score on the raw texts. `auto`: plain rouge-score given our
        # sentences, one per line (the other types are unchanged by that).
        want = plain.score(ref, cand)
        want_lsum = want["rougeLsum"] if newline else plain.score(
            rouge.lsum_text(ref), rouge.lsum_text(cand))["rougeLsum"]
        for t in TYPES:
            expected = want_lsum if t == "rougeLsum" else want[t]
            assert (got[t].precision, got[t].recall, got[t].fmeasure) == pytest.approx(
                tuple(expected), abs=1e-12), (t, cand, ref)


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("candidate,references", [("", ["a b"]), ("  \n ", ["a b"]),
                                                  ("...", ["a b"]), ("a b", [])])
def test_empty_inputs_score_zero_with_warning(candidate, references):
    with pytest.warns(EmptyTextWarning):
        s = rouge.score(candidate, references)
    assert all(v == Score(0.0, 0.0, 0.0) for v in s.values())


def test_empty_reference_among_others_scores_zero_for_that_reference():
    with pytest.warns(EmptyTextWarning, match="reference 1"):
        s = rouge.score("a b", ["", "a b"], RougeConfig(types=("rouge1",), multi_ref="mean"))
    approx(s["rouge1"], 0.5, 0.5, 0.5)


def test_single_string_reference_is_one_reference():
    assert rouge.score("a b", "a b") == rouge.score("a b", ["a b"])


@pytest.mark.parametrize("bad", [RougeConfig(types=("rouge0",)), RougeConfig(types=()),
                                 RougeConfig(tokenizer="spacy"), RougeConfig(multi_ref="min"),
                                 RougeConfig(words=0), RougeConfig(lsum_split="spacy")])
def test_invalid_options_are_usage_errors(bad):
    with pytest.raises(UsageError):
        Rouge(bad)


# --- many pairs, aggregation ---------------------------------------------------------------

def test_score_many_in_processes_equals_single_process():
    rng = random.Random(3)
    pairs = [(_random_text(rng), [_random_text(rng), _random_text(rng)]) for _ in range(24)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one = rouge.score_many(pairs, RougeConfig(), workers=1)
    two = rouge.score_many(pairs, RougeConfig(), workers=2, chunk_size=5)
    assert one == two
    assert one == [Rouge().score(c, r) for c, r in pairs]


def test_aggregate_means_and_seeded_intervals():
    results = [{"rouge1": Score(p, p, p)} for p in (0.1, 0.2, 0.3, 0.4)]
    agg = rouge.aggregate(results, resamples=500, seed=1)["rouge1"]
    assert agg.count == 4
    assert agg.fmeasure.mean == pytest.approx(0.25)
    assert agg.fmeasure.low < 0.25 < agg.fmeasure.high
    assert agg == rouge.aggregate(results, resamples=500, seed=1)["rouge1"]
    assert agg.precision == agg.recall == agg.fmeasure  # same values, same resampled sets
    assert rouge.aggregate([]) == {}


def test_rouge_score_tokenizer_is_rouge_scores_own():
    text = "Mr. Blinken's talks, in 2024: running!"
    assert RougeScoreTokenizer(True).tokenize(text) == tokenizers.DefaultTokenizer(True).tokenize(
        text)


def test_configs_and_reports_do_not_import_nltk() -> None:
    """rouge-score imports all of nltk (about 2 s): a process that only names a ROUGE
    configuration or reads stored scores (the bench parent, ``summarize report``) must not
    pay for it; scoring itself still works and then imports it."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from eval.rouge import Rouge, RougeConfig\n"
            "import eval.report, eval.runner, eval.store, eval.tokenize\n"
            "RougeConfig().validate()\n"
            "print('nltk' in sys.modules)\n"
            "Rouge().score('the cat sat', ['the cat sat'])\n"
            "print('nltk' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["False", "True"]
