"""The languages a brief can be written in, their resources, and detection.

Each supported language names the resources the pipeline needs: sumy's stop-word list, a
Snowball stemmer (the C one of PyStemmer, through ``snowballstemmer``), and the
abbreviations that must not end a sentence. A language is only listed here when the
tests (``tests/test_languages.py``) run a brief of an invented multi-document event in
it: splitting, stop words, repeats removed, conflicts found and budgets kept.

Detection is ours, dependency-free and offline: the script of the letters first (kana
means Japanese, ideographs without kana Chinese), then, for Latin text, which language's
stop words (sumy's lists) cover the most words. Function words are most of any text, so a
few sentences are plenty; ties and text without evidence go to English, so English input
is always read as English and its briefs stay exactly what they were.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from summarize.errors import UsageError

DEFAULT = "english"


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True)
class Language:
    """What the pipeline needs to know about one language."""

    name: str
    """Lowercase English name, as ``--language`` takes it and sumy names its lists."""
    stemmer: str | None
    """``snowballstemmer`` algorithm; None: words are compared unstemmed."""
    titles: frozenset[str] = frozenset()
    """Abbreviations before a name (the dot never ends a sentence): German "Dr.", French
    "Mme.". Lowercased, without the final dot."""
    numbered: frozenset[str] = frozenset()
    """Abbreviations before a number ("Nr. 5"): the dot ends nothing when a number or a
    lowercase word follows."""
    ambiguous: frozenset[str] = frozenset()
    """Abbreviations that may end a sentence ("usw."): they do when a stop word (a typical
    sentence opener) follows, capitalized."""
    months: frozenset[str] = frozenset()
    """Month names: a dot after a day number before one is an ordinal ("7. Oktober")."""
    decimal_comma: bool = False
    """Numbers are written "1.200,5" (or "1 200,5"): the comma is the decimal mark, a dot or
    a space groups thousands (``summarize.conflicts``)."""
    spaced: bool = False
    """Words are separated by spaces (False for Chinese and Japanese: budgets count each
    character as a word, and similarity compares character pairs)."""
    redundancy: float | None = None
    """The lexical measure's default ``--redundancy`` in this language; None: the measure's
    own (``summarize.config.THRESHOLDS``). Character pairs are not words (the
    calibration above ``LANGUAGES``)."""
    contained: float | None = None
    """Share of a sentence's TF-IDF weight found in one chosen sentence past which it says
    nothing new (``summarize.redundancy.CONTAINED``); None: that default."""


_COMMON_TITLES = _wordset("dr prof")

# Calibrated on invented clusters (three reports each of a fire, a typhoon and a rainstorm
# per language, in ``tests/test_languages.py`` and ``tests/test_languages_cjk.py``).
# Measured: the cosine of TF-IDF over character pairs between sentences of different
# reports, each pair labelled by hand as the same fact or another fact, and the share of a
# sentence's weight found in the other (containment).
# A repeat left in costs the reader less than a fact merged away, so each threshold sits
# above every "another fact" pair.
# - Chinese: another fact at most 0.40 ("the airport cancelled all flights" / "the airport
#   reopened", "roads flooded" / "the water was drained"); the same fact 0.21 to 0.60. At
#   0.45 the six repeats from 0.46 up merge; of the eight below, four share a figure and
#   merge by it (``summarize.phrases``), two give another figure (a conflict, reported) and
#   two paraphrases (0.21, 0.22) stay. English's 0.5 left "the cause is still being
#   investigated" twice (0.498). Containment: another fact at most 0.46, the same 0.52 to
#   0.86, so English's 0.55 stands.
# - Japanese: another fact up to 0.50 ("the warehouse burned down" / "the fire was brought
#   under control", 0.504; "roads flooded" / "the water receded", 0.503), the same fact 0.33
#   to 0.85: no threshold separates them. At 0.55 every other fact stays apart and the four
#   repeats from 0.57 up merge; of the ten below, three share a figure and merge by it, four
#   give another figure (conflicts) and three stay (0.33 to 0.49). Hiragana is cut out, so a
#   sentence is mostly names that every report repeats: containment took "the fire was
#   brought under control" as said by "the warehouse burned down" (0.60 of its weight);
#   other facts reach 0.60, repeats 0.53 to 0.82, so 0.65.
_CJK_NOTE = "calibrated for character pairs"
_COMMON_AMBIGUOUS = _wordset("etc ca vs")

LANGUAGES: dict[str, Language] = {lang.name: lang for lang in (
    Language("english", "porter", spaced=True),
    Language("german", "german", spaced=True, decimal_comma=True,
             titles=_COMMON_TITLES | _wordset("hr frl dipl ing mag"),
             numbered=_wordset("nr s abs bd art kap"),
             ambiguous=_COMMON_AMBIGUOUS | _wordset("bzw usw evtl ggf inkl vgl zb z.b d.h u.a "
                                                    "o.ä str mio mrd"),
             months=_wordset("januar februar märz april mai juni juli august september oktober "
                             "november dezember jan feb mär apr jun jul aug sep sept okt nov "
                             "dez")),
    Language("french", "french", spaced=True, decimal_comma=True,
             months=_wordset("janvier février mars avril mai juin juillet août septembre "
                             "octobre novembre décembre"),
             titles=_COMMON_TITLES | _wordset("m mm mme mmes mlle mlles mgr me pr"),
             numbered=_wordset("n no p art"),
             ambiguous=_COMMON_AMBIGUOUS | _wordset("env av apr cf hab min mds")),
    Language("spanish", "spanish", spaced=True, decimal_comma=True,
             months=_wordset("enero febrero marzo abril mayo junio julio agosto septiembre "
                             "setiembre octubre noviembre diciembre"),
             titles=_COMMON_TITLES | _wordset("sr sra srta sres dra d dña lic ing"),
             numbered=_wordset("núm n nº p pág art"),
             ambiguous=_COMMON_AMBIGUOUS | _wordset("aprox ee.uu uu etc admón")),
    Language("italian", "italian", spaced=True, decimal_comma=True,
             months=_wordset("gennaio febbraio marzo aprile maggio giugno luglio agosto "
                             "settembre ottobre novembre dicembre"),
             titles=_COMMON_TITLES | _wordset("sig sigg dott dr.ssa avv ing geom on"),
             numbered=_wordset("n nr pag art"),
             ambiguous=_COMMON_AMBIGUOUS | _wordset("ecc mln mld")),
    Language("portuguese", "portuguese", spaced=True, decimal_comma=True,
             titles=_COMMON_TITLES | _wordset("sr sra srta dra exmo exma"),
             numbered=_wordset("n nº p pág art"),
             ambiguous=_COMMON_AMBIGUOUS | _wordset("aprox"),
             months=_wordset("janeiro fevereiro março abril maio junho julho agosto setembro "
                             "outubro novembro dezembro")),
    Language("chinese", None, redundancy=0.45),
    Language("japanese", None, redundancy=0.55, contained=0.65),
)}
"""Supported languages, by name."""

# Sumy has stop words for these Latin-script languages; detection chooses among the
# supported ones only (a Czech text is not "detected" as a language we cannot handle).
_LATIN_CANDIDATES = tuple(name for name, lang in LANGUAGES.items() if lang.spaced)

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
"""Compiled on first use (``_han``): sre takes 2 ms over its 28,000 characters."""
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE = 5000
"""Characters of a document looked at: the opening says what language it is in."""


@lru_cache(maxsize=1)
def _han() -> re.Pattern[str]:
    return re.compile(_HAN)


def names() -> tuple[str, ...]:
    """Supported language names, English first, the rest in alphabetical order."""
    return (DEFAULT, *sorted(n for n in LANGUAGES if n != DEFAULT))


def resolve(name: str) -> str:
    """``name`` as a supported language, or a one-line ``UsageError`` listing those we have."""
    key = name.strip().lower()
    if key not in LANGUAGES:
        raise UsageError(f"language {name!r} is not supported (supported: "
                         f"{', '.join(names())})")
    return key


def get(name: str) -> Language:
    return LANGUAGES[resolve(name)]


@lru_cache(maxsize=64)
def stop_list(name: str) -> frozenset[str]:
    """sumy's stop words for ``name``, lowercased; empty where sumy has none.

    Read straight from sumy's package data: importing ``sumy.utils`` pulls in
    ``requests``, which a brief does not need.
    """
    from summarize.resources import read_text

    raw = read_text("sumy", f"data/stopwords/{name}.txt")
    if raw is None:
        return frozenset()
    return frozenset(w.strip().lower() for w in raw.splitlines() if w.strip())


def detect(text: str) -> str:
    """The supported language ``text`` is most likely written in (English when unsure)."""
    sample = text[:_SAMPLE]
    if max(sample, default=" ") < "\u3040":
        kana = han = 0  # a Latin-script page: no kana or ideograph to count
    else:
        kana = len(_KANA.findall(sample))
        han = len(_han().findall(sample))
    tokens = [w.lower() for w in _WORD.findall(sample)]
    if kana + han and kana + han > sum(len(w) for w in tokens if w.isascii()):
        return "japanese" if "japanese" in LANGUAGES and kana else \
            "chinese" if "chinese" in LANGUAGES else DEFAULT
    counts = Counter(tokens)
    seen = set(counts)  # a set, so each intersection walks the smaller side
    hits = {name: sum(map(counts.__getitem__, seen & stop_list(name)))
            for name in _LATIN_CANDIDATES}
    best = max(hits.values(), default=0)
    if best == 0 or hits[DEFAULT] == best:
        return DEFAULT
    return next(name for name in _LATIN_CANDIDATES if hits[name] == best)


def lexical_default(name: str, measure_default: float) -> tuple[float, str]:
    """The lexical measure's default ``--redundancy`` in ``name`` and why, in a few words
    for the note that says it ("" where it is the measure's own)."""
    own = LANGUAGES[name].redundancy
    return (measure_default, "") if own is None else (own, _CJK_NOTE)


def contained_share(name: str, default: float) -> float:
    """The containment share (``Language.contained``) of ``name``; ``default`` where it has
    none of its own (English and every spaced language)."""
    lang = LANGUAGES.get(name)
    return default if lang is None or lang.contained is None else lang.contained


def majority(languages: list[str]) -> str:
    """The language of most documents (ties: the first document's), English for none."""
    if not languages:
        return DEFAULT
    counts = Counter(languages)
    top = max(counts.values())
    return next(lang for lang in languages if counts[lang] == top)


__all__ = ["DEFAULT", "LANGUAGES", "Language", "contained_share", "detect", "get",
           "lexical_default", "majority", "names", "resolve", "stop_list"]
