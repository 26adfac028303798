"""ROUGE-1/2/L/Lsum through rouge-score, with the fixes users of rouge-score keep asking for.

rouge-score stays the engine (its n-gram, LCS and summary-level LCS code is the reference
re-implementation of ROUGE-1.5.5). Around it this module adds:

* a Unicode-aware tokenizer by default (``eval.tokenize``), rouge-score's own on request;
* Lsum sentence splitting as a named choice (``LSUM_SPLITS``): rouge-score takes each line
  as a sentence, so a one-paragraph summary is a single "sentence" and Lsum silently equals
  L. ``newline`` keeps rouge-score's rule (the default with its tokenizer, so published
  figures stay comparable); ``auto`` runs our rule-based splitter, the same on every machine
  (the default with ours); ``punkt`` is rouge-score's ``split_summaries=True``;
* truncation of the candidate to N words, like ROUGE-1.5.5 ``-l N``;
* multi-reference scoring named explicitly: ``max`` (rouge-score's ``score_multi``), ``mean``,
  or ``jackknife`` (ROUGE-1.5.5): tools disagree here, so every output says which it used;
* empty candidates or references score 0 with an ``EmptyTextWarning`` instead of failing;
* ``RougeConfig.differences`` names every choice that departs from rouge-score's behaviour,
  so that outputs can say so;
* ``score_many`` over processes, and ``aggregate`` with seeded bootstrap intervals.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eval.tokenize import TOKENIZERS, make_tokenizer
from summarize.errors import UsageError
from summarize.text import is_spaced, split_sentences

if TYPE_CHECKING:
    from eval.stats import Interval

MULTI_REF = ("max", "mean", "jackknife")
"""The multi-reference rules ``RougeConfig.multi_ref`` and ``--multi-ref`` accept."""

LSUM_SPLITS = ("newline", "auto", "punkt")
"""How Lsum finds sentences (``RougeConfig.lsum_split``, ``--lsum-split``)."""

LSUM_SPLITTERS = {"newline": "lines", "auto": "summarize-rules", "punkt": "nltk-punkt"}
"""The splitter each Lsum mode runs, as outputs record it: ``lines`` (each line a sentence,
blank lines dropped: rouge-score's own rule), ``summarize-rules`` (``summarize.text``'s
rules only, never Punkt, so every machine splits alike) or ``nltk-punkt`` (rouge-score's
``split_summaries=True``: ``nltk.sent_tokenize``, which needs NLTK's Punkt model)."""

MEASURES = ("precision", "recall", "fmeasure")

_TYPE = re.compile(r"rouge[1-9]|rougeL|rougeLsum")
_WORD_SPAN = re.compile(r"\S+")


class EmptyTextWarning(UserWarning):
    """A candidate or reference had no tokens; its scores are 0."""


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one ROUGE type, each in [0, 1]."""

    precision: float
    recall: float
    fmeasure: float


@dataclass(frozen=True)
class RougeConfig:
    """Every option that changes a ROUGE number; printed with every result."""

    types: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
    stem: bool = True
    tokenizer: str = "unicode"
    """``unicode`` (letters and digits of any script) or ``rouge-score`` (ASCII only)."""
    words: int | None = None
    """Truncate the candidate to its first N whitespace-separated words (ROUGE-1.5.5 ``-l``)."""
    multi_ref: str = "max"
    """``max``, ``mean`` or ``jackknife``: how scores against several references combine."""
    lsum_split: str | None = None
    """``newline``, ``auto`` or ``punkt`` (see ``LSUM_SPLITS``); None: ``newline`` with the
    rouge-score tokenizer (comparable with published rouge-score figures), else ``auto``."""
    language: str = "english"
    """Whose stemmer the tokens get (``eval.tokenize.UnicodeTokenizer``): English is
    rouge-score's Porter, the others the Snowball stemmer briefs use in that language."""

    @property
    def lsum_mode(self) -> str:
        """The Lsum split mode that runs: ``lsum_split``, or the tokenizer's default."""
        if self.lsum_split is not None:
            return self.lsum_split
        return "newline" if self.tokenizer == "rouge-score" else "auto"

    def validate(self) -> None:
        """Raise ``UsageError`` for an option no scorer can honour."""
        if not self.types:
            raise UsageError("no ROUGE types given")
        for rouge_type in self.types:
            if not _TYPE.fullmatch(rouge_type):
                raise UsageError(f"unknown ROUGE type {rouge_type!r}; use rouge1..rouge9, "
                                 "rougeL or rougeLsum")
        if self.tokenizer not in TOKENIZERS:
            raise UsageError(f"unknown tokenizer {self.tokenizer!r}; choose one of: "
                             f"{', '.join(TOKENIZERS)}")
        if self.multi_ref not in MULTI_REF:
            raise UsageError(f"unknown multi-reference rule {self.multi_ref!r}; choose one of: "
                             f"{', '.join(MULTI_REF)}")
        if self.words is not None and (isinstance(self.words, bool) or self.words < 1):
            raise UsageError(f"the word limit must be a positive integer, not {self.words!r}")
        from summarize.language import resolve

        if resolve(self.language) != self.language:
            raise UsageError(f"language {self.language!r}: give it as {resolve(self.language)!r}")
        if self.language != "english" and self.tokenizer != "unicode":
            make_tokenizer(self.tokenizer, self.stem, self.language)  # its one-line error
        if self.lsum_split is not None and self.lsum_split not in LSUM_SPLITS:
            raise UsageError(f"unknown Lsum split {self.lsum_split!r}; choose one of: "
                             f"{', '.join(LSUM_SPLITS)}")

    def describe(self) -> dict[str, object]:
        """The options as plain values, for JSON output, table headers and run identities.

        ``lsum_split`` is the mode that runs (defaults resolved) and ``lsum_splitter`` the
        splitter it runs (``LSUM_SPLITTERS``), None when no rougeLsum is computed.
        """
        lsum = "rougeLsum" in self.types
        out: dict[str, object] = {
            "types": list(self.types), "tokenizer": self.tokenizer, "stem": self.stem,
            "multi_ref": self.multi_ref, "words": self.words, "lsum_split": self.lsum_mode,
            "lsum_splitter": LSUM_SPLITTERS.get(self.lsum_mode) if lsum else None}
        if self.language != "english":  # English runs keep the identity they always had
            out["language"] = self.language
        return out

    def differences(self) -> list[str]:
        """Each choice that makes a number differ from plain rouge-score's on the same texts.

        rouge-score here means ``RougeScorer(types, use_stemmer=stem)`` with ``score_multi``
        for several references: stemming is an option of both, so it is not a difference.
        """
        out = []
        if self.tokenizer == "unicode":
            out.append("tokenizer=unicode keeps letters of every script (identical tokens on "
                       "ASCII text; rouge-score drops non-ASCII characters)")
        if "rougeLsum" in self.types and self.lsum_mode != "newline":
            why = ("our rule-based splitter" if self.lsum_mode == "auto"
                   else "nltk.sent_tokenize (rouge-score's split_summaries=True)")
            out.append(f"lsum-split={self.lsum_mode} finds Lsum sentences with {why}; "
                       "rouge-score's default takes each line as a sentence")
        if self.multi_ref != "max":
            out.append(f"multi-ref={self.multi_ref}; rouge-score's score_multi takes the max")
        if self.words is not None:
            out.append(f"words={self.words} truncates each summary; rouge-score does not")
        if self.language != "english" and self.stem:
            how = ("is not stemmed" if not is_spaced(self.language)
                   else f"is stemmed with Snowball's {self.language} stemmer")
            out.append(f"language={self.language}: every token {how}; rouge-score stems "
                       "ASCII tokens with English Porter")
        return out


def truncate_words(text: str, words: int | None) -> str:
    """``text`` cut after its first ``words`` whitespace-separated words, layout kept.

    Newlines inside the kept part survive, so truncation never changes Lsum's sentences
    other than by shortening the last one.
    """
    if words is None:
        return text
    for i, match in enumerate(_WORD_SPAN.finditer(text), start=1):
        if i == words:
            return text[:match.end()]
    return text


def lsum_text(text: str, language: str = "english") -> str:
    """``text`` with one sentence per line, as rouge-score's Lsum expects, found by
    ``summarize.text``'s rules (``auto``) for ``language`` (its abbreviations: "M. Dupont"
    is not two sentences in French): never Punkt, so the result is the same on every
    machine whether or not NLTK's data happens to be installed."""
    return "\n".join(text[start:end].replace("\n", " ")
                     for start, end in split_sentences(text, language))


def check_punkt() -> None:
    """Raise ``UsageError`` unless ``nltk.sent_tokenize`` can run (its model is installed).

    Nothing is downloaded: a missing model is the user's to install.
    """
    import nltk

    try:
        nltk.sent_tokenize("One. Two.")
    except LookupError:
        raise UsageError("--lsum-split punkt needs NLTK's Punkt model, which is not installed "
                         "(python -m nltk.downloader punkt_tab); or use --lsum-split newline "
                         "or auto") from None


class Rouge:
    """A configured ROUGE scorer: build once, score many pairs (it holds the RougeScorer)."""

    def __init__(self, config: RougeConfig = RougeConfig()) -> None:  # noqa: B008 (frozen)
        config.validate()
        self.config = config
        self.tokenizer = make_tokenizer(config.tokenizer, config.stem, config.language)
        # Imported here, not at the top, and without all of nltk (``eval.nltk_parts``): a
        # process that only reads a RougeConfig (the bench parent, `summarize report`) needs none.
        from eval.nltk_parts import import_light, real_nltk

        (rouge_scorer,) = import_light("rouge_score.rouge_scorer")
        self._lsum = "rougeLsum" in config.types
        punkt = self._lsum and config.lsum_mode == "punkt"
        if punkt:
            check_punkt()
            real_nltk(rouge_scorer)
        self._scorer = rouge_scorer.RougeScorer(list(config.types), use_stemmer=config.stem,
                                                split_summaries=punkt, tokenizer=self.tokenizer)
        self._auto = self._lsum and config.lsum_mode == "auto"

    def _prepare(self, text: str) -> str:
        # rouge-score's Lsum takes one sentence per line (``newline`` passes the text as it
        # is; ``punkt`` is rouge-score's own split). ``auto`` puts our sentences one per line;
        # the other types ignore newlines, so one text serves all of them.
        return lsum_text(text, self.config.language) if self._auto else text

    def _hint(self, text: str) -> str:
        # The classic trap: non-English text under rouge-score's ASCII-only tokenizer.
        if self.config.tokenizer == "rouge-score" and any(c.isalnum() for c in text):
            return "; rouge-score's tokenizer keeps only ASCII letters and digits"
        return ""

    def _pair(self, reference: str, candidate: str) -> dict[str, Score]:
        raw = self._scorer.score(reference, candidate)
        return {t: Score(float(s.precision), float(s.recall), float(s.fmeasure))
                for t, s in raw.items()}

    def score(self, candidate: str, references: Sequence[str]) -> dict[str, Score]:
        """Scores of ``candidate`` against ``references``, combined by ``config.multi_ref``.

        A candidate or reference without tokens scores 0 (an ``EmptyTextWarning`` says so);
        a candidate with no references at all scores 0 too.
        """
        if isinstance(references, str):
            references = [references]
        candidate = self._prepare(truncate_words(candidate, self.config.words))
        refs = [self._prepare(r) for r in references]
        zero = {t: Score(0.0, 0.0, 0.0) for t in self.config.types}
        if not refs:
            warnings.warn("no reference given; scores are 0", EmptyTextWarning, stacklevel=2)
            return zero
        if not self.tokenizer.has_tokens(candidate):
            warnings.warn(f"empty candidate summary (no tokens{self._hint(candidate)}); "
                          "scores are 0", EmptyTextWarning, stacklevel=2)
            return zero
        per_ref = []
        for i, ref in enumerate(refs):
            if not self.tokenizer.has_tokens(ref):
                warnings.warn(f"empty reference {i + 1} (no tokens{self._hint(ref)}); "
                              "it scores 0", EmptyTextWarning, stacklevel=2)
                per_ref.append(zero)
            else:
                per_ref.append(self._pair(ref, candidate))
        return {t: combine([s[t] for s in per_ref], self.config.multi_ref)
                for t in self.config.types}


def _best(scores: Sequence[Score]) -> Score:
    # Highest F1; ties go to the earliest reference (what rouge-score's argmax does).
    best = scores[0]
    for s in scores[1:]:
        if s.fmeasure > best.fmeasure:
            best = s
    return best


def _mean(scores: Sequence[Score]) -> Score:
    n = len(scores)
    return Score(sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n,
                 sum(s.fmeasure for s in scores) / n)


def combine(scores: Sequence[Score], rule: str) -> Score:
    """One score from the scores of one candidate against each of several references.

    ``max``: the reference with the highest F1 (its P, R and F together), as rouge-score.
    ``mean``: P, R and F each averaged over the references.
    ``jackknife``: ROUGE-1.5.5's rule: for each of the M leave-one-out sets of M-1
    references take the best (by F1) score, then average P, R and F over the M sets. It makes
    a score against M references comparable with a human's score against the other M-1. With
    one reference it is that reference's score.
    """
    if not scores:
        return Score(0.0, 0.0, 0.0)
    if rule == "max":
        return _best(scores)
    if rule == "mean":
        return _mean(scores)
    if rule == "jackknife":
        if len(scores) == 1:
            return scores[0]
        return _mean([_best([s for j, s in enumerate(scores) if j != i])
                      for i in range(len(scores))])
    raise UsageError(f"unknown multi-reference rule {rule!r}; "
                     f"choose one of: {', '.join(MULTI_REF)}")


def score(candidate: str, references: Sequence[str],
          config: RougeConfig = RougeConfig()) -> dict[str, Score]:  # noqa: B008 (frozen)
    """Score one candidate; build a ``Rouge`` instead when scoring many."""
    return Rouge(config).score(candidate, references)


# --- many pairs, several processes -------------------------------------------------------

_WORKER: Rouge | None = None


def _init_worker(config: RougeConfig) -> None:
    global _WORKER
    _WORKER = Rouge(config)


def _score_chunk(chunk: list[tuple[str, Sequence[str]]]) -> list[dict[str, Score]]:
    assert _WORKER is not None
    return [_WORKER.score(c, r) for c, r in chunk]


def score_many(pairs: Iterable[tuple[str, Sequence[str]]], config: RougeConfig = RougeConfig(),  # noqa: B008
               workers: int | None = 1, chunk_size: int = 200) -> list[dict[str, Score]]:
    """Scores of many ``(candidate, references)`` pairs, in input order.

    ``workers`` > 1 spreads chunks of ``chunk_size`` pairs over that many processes (``None``
    or 0: one per CPU); the scores are the same as with one process. Warnings raised in
    worker processes are printed by those processes.
    """
    pairs = list(pairs)
    config.validate()
    if workers is None or workers <= 0:
        workers = os.cpu_count() or 1
    workers = min(workers, max(1, (len(pairs) + chunk_size - 1) // chunk_size))
    if workers == 1:
        rouge = Rouge(config)
        return [rouge.score(c, r) for c, r in pairs]
    chunks = [pairs[i:i + chunk_size] for i in range(0, len(pairs), chunk_size)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(config,)) as pool:
        return [s for part in pool.map(_score_chunk, chunks) for s in part]


# --- corpus level ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Aggregate:
    """Corpus-level precision, recall and F1 of one ROUGE type: means with bootstrap CIs."""

    precision: Interval
    recall: Interval
    fmeasure: Interval
    count: int


def aggregate(results: Sequence[dict[str, Score]], *, resamples: int = 1000, seed: int = 0,
              confidence: float = 0.95) -> dict[str, Aggregate]:
    """Macro-averages over items (clusters) with percentile-bootstrap confidence intervals.

    Every measure of every type is resampled with the same seed, hence the same resampled
    item sets, so the intervals are mutually consistent. ``resamples=0`` gives the means
    with degenerate intervals (low = high = mean).
    """
    from eval.stats import bootstrap_ci  # numpy: only where statistics are asked for

    if not results:
        return {}
    out: dict[str, Aggregate] = {}
    for rouge_type in results[0]:
        fields = {}
        for measure in MEASURES:
            values = [getattr(r[rouge_type], measure) for r in results]
            fields[measure] = bootstrap_ci(values, resamples=resamples, seed=seed,
                                           confidence=confidence)
        out[rouge_type] = Aggregate(count=len(results), **fields)
    return out
