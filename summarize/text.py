"""Offline text processing: sentence splitting, word tokens, stems and stop words.

Nothing here downloads data. Sentence splitting is rule-based (abbreviations,
initials, numbers, quotations, paragraph breaks); stemming is NLTK's Porter
stemmer, which needs no data files; stop words come from the list sumy ships.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:[''’.\-][^\W_]+)*", re.UNICODE)

# Abbreviations that end with a period but do not end a sentence (lowercased, no dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st sen rep gov gen col lt sgt capt cmdr adm maj pres
    rev hon fr vs etc inc ltd co corp dept univ no nos fig figs al approx est
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    u.s u.k u.n e.u u.s.a d.c e.g i.e a.m p.m""".split()
)

_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]*[^\W_]|[“"'‘])""", re.UNICODE)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower().rstrip(".")
    if not token:
        return False
    if token in ABBREVIATIONS:
        return True
    # Single-letter initials ("J. Smith") and dotted acronyms ("U.S.", "a.m.").
    return len(token) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order, whitespace trimmed.

    Paragraph breaks (blank lines, or single newlines) always end a sentence.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start = para.start()
        chunk = para.group()
        cursor = 0
        for m in _BOUNDARY.finditer(chunk):
            punct = m.group(1)
            if punct == "." and _is_abbreviation(chunk, m.start(1)):
                nxt = chunk[m.end():m.end() + 1]
                # After an abbreviation only a lowercase word or a number continues the sentence
                # for certain; a capital may still be a new sentence, but names after titles
                # ("Mr. Blinken") are far more common in news, so keep going.
                if not nxt or not nxt.isupper() or _title_like(chunk, m.start(1)):
                    continue
            end = m.end(2)
            spans.append((p_start + cursor, p_start + end))
            cursor = m.end(3)
        if cursor < len(chunk):
            spans.append((p_start + cursor, p_start + len(chunk)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _title_like(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower().rstrip(".")
    return token in ABBREVIATIONS or len(token) == 1 or "." in token


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words(text: str) -> list[str]:
    """Word tokens (letters and digits of any script), in their original case."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """The number of words, as budgets count them (whitespace-separated tokens)."""
    return len(text.split())


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words from the list sumy ships (no download needed)."""
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words("english"))


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a lowercased word."""
    return _stemmer().stem(word)


def content_terms(text: str) -> list[str]:
    """Lowercased, stemmed words of ``text`` without stop words: what similarity is measured on."""
    stops = stop_words()
    return [stem(w) for w in (t.lower() for t in words(text)) if w not in stops]
