"""Tokenizers for ROUGE: a Unicode-aware default and rouge-score's own, selectable by name.

Why a tokenizer of our own: rouge-score's default tokenizer replaces every character outside
``[a-z0-9]`` with a space, so a Russian, Greek or Chinese summary has no tokens at all and an
identical summary and reference score 0.0. Ours keeps letters and digits of any script.

On pure-ASCII text the two tokenizers give exactly the same tokens (same lowercasing, same
Porter stemmer, same "stem only tokens longer than 3 characters" rule), so switching to the
Unicode tokenizer changes nothing for English data sets and published English numbers stay
comparable. Only ASCII tokens are stemmed: the Porter stemmer is an English algorithm and
mangles words of other languages.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from summarize.errors import UsageError

TOKENIZERS = ("unicode", "rouge-score")
"""The names ``RougeConfig.tokenizer`` and ``--tokenizer`` accept."""

_ASCII_ALNUM = re.compile(r"[a-z0-9]+")

# Scripts written without spaces between words: each character is a token, as is customary
# for Chinese and Japanese ROUGE. (Han ideographs, kana, CJK compatibility ideographs.)
CHAR_TOKENS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """Letters and digits of any script, with the combining marks inside words.

    Python's ``\\w`` has no combining marks, so without them Devanagari, Thai or decomposed
    accents would be cut inside words. The mark ranges come from ``unicodedata`` (built once,
    on first use, ~50 ms) so they follow the running Python's Unicode version.
    """
    ranges: list[str] = []
    start: int | None = None
    codes = [*range(0x20000), *range(0xE0000, 0xE1000)]
    for prev, code in zip(codes, [*codes[1:], 0x10FFFF], strict=True):
        if start is None and unicodedata.category(chr(prev)).startswith("M"):
            start = prev
        if start is not None and not unicodedata.category(chr(code)).startswith("M"):
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = None
    marks = "".join(ranges)
    chars = CHAR_TOKENS
    letter = rf"(?:(?![{chars}])[^\W_])"
    return re.compile(rf"[{chars}]|{letter}(?:{letter}|[{marks}])*")


def unicode_tokens(text: str) -> list[str]:
    """The unstemmed tokens of ``text``: NFKC-normalised, lowercased words of any script.

    NFKC first, so that decomposed accents, ligatures and full-width letters match their
    ordinary forms; it leaves ASCII unchanged, so English tokens equal rouge-score's.
    """
    return _token_pattern().findall(unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # The same stemmer object rouge-score builds (NLTK's default mode), so stems are identical.
    # Imported on first use: importing nltk costs about 2 s, which every process that merely
    # names a tokenizer (a bench parent, `summarize report`) would otherwise pay.
    from eval.nltk_parts import import_light

    (porter,) = import_light("nltk.stem.porter")
    return porter.PorterStemmer()


@lru_cache(maxsize=100_000)
def _stem(token: str) -> str:
    """Porter stem of an ASCII token, cached: scoring 10,000 pairs stems the same words often."""
    return _stemmer().stem(token)


class UnicodeTokenizer:
    """Lowercased runs of letters and digits of any script; ASCII tokens optionally stemmed.

    rouge-score calls only ``tokenize``, so this needs no base class from it (whose import
    would pull in nltk).

    ``language`` other than English: every token is stemmed with that language's Snowball
    stemmer (the one briefs use, ``summarize.text.stem``), not only ASCII ones ("blessées"
    and "blessé" are one word); Chinese and Japanese have none, and their tokens are single
    characters already. English keeps rouge-score's Porter rule exactly.
    """

    def __init__(self, use_stemmer: bool = True, language: str = "english") -> None:
        self.use_stemmer = use_stemmer
        self.language = language

    def tokenize(self, text: str) -> list[str]:
        tokens = unicode_tokens(text)
        if not self.use_stemmer:
            return tokens
        if self.language != "english":
            from summarize.text import stem

            return [t if t.isdigit() else stem(t, self.language) for t in tokens]
        # rouge-score stems every [a-z0-9] token longer than 3 characters; doing the same on
        # ASCII tokens keeps the two tokenizers identical on English text.
        return [_stem(t) if len(t) > 3 and _ASCII_ALNUM.fullmatch(t) else t for t in tokens]

    def has_tokens(self, text: str) -> bool:
        """Whether ``tokenize(text)`` is non-empty, without stemming (a cheap emptiness test)."""
        return _token_pattern().search(unicodedata.normalize("NFKC", text).lower()) is not None


class RougeScoreTokenizer:
    """rouge-score's own tokenizer (ASCII only), for numbers comparable with other papers."""

    def __init__(self, use_stemmer: bool = True) -> None:
        from eval.nltk_parts import import_light

        (tokenizers,) = import_light("rouge_score.tokenizers")
        self.use_stemmer = use_stemmer
        self._inner = tokenizers.DefaultTokenizer(use_stemmer)

    def tokenize(self, text: str) -> list[str]:
        return self._inner.tokenize(text)

    def has_tokens(self, text: str) -> bool:
        """Whether ``tokenize(text)`` is non-empty, without stemming (a cheap emptiness test)."""
        return _ASCII_ALNUM.search(text.lower()) is not None


def make_tokenizer(name: str, stem: bool = True,
                   language: str = "english") -> UnicodeTokenizer | RougeScoreTokenizer:
    """The tokenizer called ``name`` (one of ``TOKENIZERS``), stemming in ``language``
    (rouge-score's tokenizer: English only)."""
    if name == "unicode":
        return UnicodeTokenizer(stem, language)
    if language != "english":
        raise UsageError(f"--language {language} needs --tokenizer unicode: rouge-score's "
                         "keeps ASCII letters only and stems with English Porter")
    if name == "rouge-score":
        return RougeScoreTokenizer(stem)
    raise UsageError(f"unknown tokenizer {name!r}; choose one of: {', '.join(TOKENIZERS)}")
