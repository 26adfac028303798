"""Offline text processing: sentence splitting, word tokens, stems and stop words.

Nothing here downloads data. When NLTK's Punkt model happens to be installed it
splits sentences; otherwise (the normal case) a rule-based splitter does, and it
is meant to be correct on its own: abbreviations and titles ("Mr.", "U.S.",
"Sen."), initials ("J. R. R. Tolkien"), numbers ("3.5 percent", "No. 10"),
quotations (the closing quote belongs to the sentence it closes, and a quotation
of several sentences stays in one sentence), ellipses and paragraph breaks.
Stemming is the Snowball Porter stemmer (C, through PyStemmer), which needs no
data files; stop words come from the list sumy ships.

Spans, not strings, come out of the splitter so that every sentence keeps its
exact place in the document (provenance), and every span is trimmed: callers
rely on ``text[s:e] == text[s:e].strip()`` and a non-empty span.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from itertools import chain

from summarize.language import DEFAULT, LANGUAGES, Language, stop_list

_LANGUAGE: ContextVar[str] = ContextVar("summarize_language", default=DEFAULT)
"""The language of the brief being made (``using``). A context variable, not an argument
through every method, scorer and filter that calls ``content_terms`` or ``stem``: each
thread (a TUI worker) and each ``using`` block has its own, so two briefs in two languages
at once never see each other's, and English, the default, needs no call to change."""


def current_language() -> str:
    """The language ``content_terms``, ``stem`` and ``stop_words`` work in right now."""
    return _LANGUAGE.get()


@contextmanager
def using(language: str) -> Iterator[None]:
    """Stems, stop words and terms of ``language`` inside the block (then as before)."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _wordset(words: str) -> frozenset[str]:
    """A set from whitespace-separated words (keeps long word lists readable)."""
    return frozenset(words.split())

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)

# --- abbreviations -------------------------------------------------------------------------
# Lowercased, without the final dot. Grouped by what may follow them, because that is what
# decides whether the dot also ends the sentence.

TITLES = _wordset("""
    mr mrs ms mx dr prof sen sens rep reps gov govs gen col lt sgt cpl capt cmdr cdr adm maj
    pres rev hon fr st supt insp det messrs mme mlle msgr amb atty brig""")
"""Come before a name: the dot never ends a sentence ("Mr. Netanyahu")."""

NUMBERED = _wordset("no nos vol vols p pp art sec ch fig figs op nr")
"""Come before a number ("No. 10"): the dot ends nothing only when a number follows."""

MONTHS = _wordset("jan feb mar apr jun jul aug sep sept oct nov dec")
"""Come before a day or year ("Nov. 6"); otherwise a following capital starts a sentence."""

AMBIGUOUS = _wordset("""
    etc inc ltd co corp llc plc bros vs v approx est dept univ govt jr sr esq mt ft ave blvd
    rd cf al ca min max e.g i.e a.m p.m u.s u.k u.n e.u u.s.a d.c ph.d a.k.a b.a m.a
    mass calif wash conn fla ill penn tenn tex va ariz colo""")
"""May end a sentence: they do when the next word is a typical sentence opener
("... in the U.S. The move ..."), not when it is a name or a lowercase word
("U.S. Secretary of State", "10 a.m. local time")."""

ABBREVIATIONS = TITLES | NUMBERED | MONTHS | AMBIGUOUS

_OPENERS = _wordset("""
    a an the he she it they we i you his her its their our my your this that these those
    there here but and or so yet if when while as after before since although though because
    however meanwhile still now then also in on at for from by with without to of no not
    what who why how where which some many most much more one two both each all any every
    instead indeed moreover earlier later last next today yesterday tomorrow such other
    according despite during under over until unless once""")
"""Capitalized, these words start a sentence far more often than they continue a name."""

# Terminal punctuation, with any closing quotes/brackets that belong to the same sentence.
_END = re.compile(r"""(?:\.\s?\.\s?\.|…|[.!?])[.!?…]*["'”’)\]»]*""")
_CLOSERS = "\"'”’)]»"
_HARD_END = re.compile(r"""[。！？｡।॥؟۔።]+[」』〉》”’"')）\]]*""")
_EAST_ASIAN_CLASS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
"""Kana and CJK ideographs: written without spaces, each counted as a word."""
FIRST_EAST_ASIAN = "\u3040"
"""No kana or ideograph comes before this: text whose ``max()`` is below it has none."""


@lru_cache(maxsize=2)
def east_asian(run: bool = False) -> re.Pattern[str]:
    """One kana or ideograph (``run``: a run of them), compiled on first use: sre takes 2 ms
    to compile a class of 28,000 ideographs, at every start, and text in a Latin script
    never needs it (``FIRST_EAST_ASIAN`` tells first)."""
    return re.compile(_EAST_ASIAN_CLASS + ("+" if run else ""))
_OPENERS_PUNCT = "\"'“‘([«¿¡"
_NEXT_WORD = re.compile(r"[^\W_][\w'’\-]*")
TERMINAL = re.compile(r"""[.!?…:;。！？｡।॥؟۔።：；]["'”’)\]»」』〉》）]*$""")
"""How a sentence ends, in any script, closing quotes and brackets allowed after the stop
(the cleaner's ``has_terminal`` and the hard-wrap test read the same one)."""
_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s")


def _token_before(text: str, dot: int) -> str:
    """The word (letters and inner dots) that ends right before ``text[dot]``, as written."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:dot].strip(".")


def _continues(token: str, nxt: str) -> bool:
    """Whether a '.' after ``token`` followed by the word ``nxt`` stays inside the sentence."""
    low = token.lower()
    if not low:
        return False
    first = nxt[:1]
    if low in TITLES:
        return True
    if low in NUMBERED and not (len(low) == 1 and token.isupper()):
        return first.isdigit() or first.islower()
    if low in MONTHS:
        return first.isdigit() or first.islower()
    dotted = "." in low and bool(re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", low))
    initial = len(token) == 1 and token.isalpha()
    if low in AMBIGUOUS or dotted or initial:
        if not first:
            return True  # "$", "–", a symbol: no sentence starts like that after "U.S."
        if first.islower() or first.isdigit():
            return True
        return nxt.lower() not in _OPENERS or nxt.isupper() and len(nxt) > 1
    return False


def _continues_in(token: str, nxt: str, lang: Language) -> bool:
    """``_continues`` for a language other than English: its own abbreviations, and its
    stop words as the words that open a sentence (English's lists would keep Spanish "va."
    or German "Co." from ever ending one)."""
    low = token.lower()
    if not low:
        return False
    first = nxt[:1]
    if low in lang.titles:
        return True
    if low in lang.numbered and not (len(low) == 1 and token.isupper()):
        return first.isdigit() or first.islower()
    dotted = "." in low and bool(re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", low))
    initial = len(token) == 1 and token.isalpha()
    if low in lang.ambiguous or dotted or initial:
        if not first or first.islower() or first.isdigit():
            return True
        return nxt.lower() not in stop_list(lang.name) or nxt.isupper() and len(nxt) > 1
    return False


_SPACED_CLOSER = re.compile(r"[ \u00a0\u202f]+[»”]+")
"""French sets a space before a closing guillemet ("prêts. »"): it still closes the
sentence it follows."""


def _next_word(text: str, pos: int, end: int) -> tuple[str, int]:
    """The word that starts at or after ``pos`` (skipping opening quotes), and its offset."""
    i = pos
    while i < end and text[i] in _OPENERS_PUNCT:
        i += 1
    m = _NEXT_WORD.match(text, i, end)
    return (m.group() if m else ""), i


def _split_unit(text: str, start: int, end: int,
                lang: Language | None = None) -> list[tuple[int, int]]:
    """Sentence spans (untrimmed) of ``text[start:end]``, one line or one wrapped paragraph.
    ``lang``: a language other than English, whose abbreviations and quotes apply."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _END.finditer(text, start, end):
        p_end = m.end()
        punct = m.group().rstrip(_CLOSERS)
        closed = len(punct) < len(m.group())
        if lang is not None and (spaced := _SPACED_CLOSER.match(text, p_end, end)):
            p_end, closed = spaced.end(), True
        if p_end >= end:
            break  # the unit's end is a boundary anyway
        follow = text[p_end]
        if follow.isspace():
            j = p_end
            while j < end and text[j].isspace():
                j += 1
            if j >= end:
                break
            nxt, _ = _next_word(text, j, end)
            if not _is_boundary(text, m.start(), punct, closed, nxt, lang):
                continue
        elif not _glued_boundary(text, m.start(), punct, closed, p_end, end):
            continue
        spans.append((cursor, p_end))
        cursor = p_end
    spans.append((cursor, end))
    return spans


def _is_boundary(text: str, at: int, punct: str, closed: bool, nxt: str,
                 lang: Language | None = None) -> bool:
    """Decide a candidate boundary followed by whitespace and then the word ``nxt``."""
    first = nxt[:1]
    ellipsis = punct.startswith(("…", "..", ". ."))
    if ellipsis:
        return bool(first) and first.isupper()
    if punct[0] in "!?" or "?" in punct or "!" in punct:
        return not first.islower()
    # A single (or doubled) full stop.
    if closed and first.islower():
        return False  # “... standing.” he said
    if len(punct) == 1:
        token = _token_before(text, at)
        if lang is not None:
            if at > 0 and text[at - 1].isdigit() and nxt.lower() in lang.months:
                return False  # "am 7. Oktober": an ordinal day, not a sentence end
            return not _continues_in(token, nxt, lang)
        if _continues(token, nxt):
            return False
    return True


def _glued_boundary(text: str, at: int, punct: str, closed: bool, p_end: int, end: int) -> bool:
    """A boundary without a space ("fit.What can I say"), common in user reviews."""
    if punct.startswith(("…", "..")):
        return False
    nxt = _NEXT_WORD.match(text, p_end, end)
    if not nxt or not re.fullmatch(r"[A-Z][a-z]+", nxt.group()):
        return False
    # The word before must be lowercase letters (not an initial, acronym or number)...
    if at < 2 or not (text[at - 1].islower() and text[at - 2].islower()):
        return False
    token = _token_before(text, at)
    if token.lower() in ABBREVIATIONS or "." in token:
        return False
    # ...and the whole chunk must not be a URL, an e-mail address or a file name.
    left = at
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = p_end
    while right < end and not text[right].isspace():
        right += 1
    chunk = text[left:right].lower()
    return not any(mark in chunk for mark in ("/", "@", "www", "http"))


# --- quotations ----------------------------------------------------------------------------

QUOTE_MAX_WORDS = 120
"""A quotation of several sentences is kept in one sentence up to this many words (counted
from the sentence start to the closing quote); a longer one is split as before."""


def _straight_quote_role(text: str, i: int, start: int, end: int) -> str:
    """Whether the straight quote ``text[i]`` opens ("open"), closes ("close") or neither.

    It opens after a space, a bracket or the unit start and before a non-space; it closes
    after a non-space and before a space, punctuation or the unit end. Anything else
    (``5"`` inches, ``a"b``) is not a quotation mark.
    """
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    opens = (before.isspace() or before in "([{—–-:") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}…—–-")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return ""


_QUOTE_MARK = re.compile('[“„”"]')


def quote_regions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Quotations of ``text[start:end]``: (offset of the opening mark, offset of the closing
    mark), for curly (“ ”) and straight (") double quotes.

    An opening mark that is not closed before the next opening mark (or the end) is a stray
    one and opens nothing: only a quotation that closes within the same stretch counts.
    """
    end = len(text) if end is None else end
    regions: list[tuple[int, int]] = []
    open_at = -1
    kind = ""
    for m in _QUOTE_MARK.finditer(text, start, end):  # only the marks: nothing else matters
        i, ch = m.start(), m.group()
        if ch == "“" or ch == "„":
            open_at, kind = i, "curly"
        elif ch == "”":
            if kind == "curly" and open_at >= 0:
                regions.append((open_at, i))
                open_at, kind = -1, ""
        elif ch == '"':
            role = _straight_quote_role(text, i, start, end)
            if role == "open":
                open_at, kind = i, "straight"
            elif role == "close" and kind == "straight" and open_at >= 0:
                regions.append((open_at, i))
                open_at, kind = -1, ""
    return regions


def _merge_quoted(text: str, spans: list[tuple[int, int]], start: int,
                  end: int) -> list[tuple[int, int]]:
    """Join consecutive sentence spans of one unit where the break falls inside a quotation.

    “I said that we have no way ... there. I told him ...” is one quoted statement: cut at
    "there." each half has an unbalanced quote and the second has no speaker. A break is
    inside a quotation when the opening mark comes before it and the closing mark after
    it. A quotation is only kept whole when the sentence it opens in runs at most
    ``QUOTE_MAX_WORDS`` words up to the closing mark; a longer one is split exactly as
    before, so a stray or runaway quote never makes a huge sentence.
    """
    if len(spans) < 2:
        return spans
    joinable = []
    for open_at, close_at in quote_regions(text, start, end):
        first = next((s for s, e in spans if s <= open_at < e), open_at)
        if count_words(text[first:close_at + 1]) <= QUOTE_MAX_WORDS:
            joinable.append((open_at, close_at))
    if not joinable:
        return spans
    out = [spans[0]]
    for s, e in spans[1:]:
        g_start, g_end = out[-1]
        if any(o < g_end <= c for o, c in joinable):
            out[-1] = (g_start, e)
        else:
            out.append((s, e))
    return out


# --- paragraphs ----------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _hard_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    """Whether the lines of a paragraph are one text wrapped at a fixed width.

    Such lines are all about as long as each other, at most ~100 characters, and
    mostly do not end a sentence; their newlines are spaces, not paragraph breaks.
    """
    if len(block) < 2:
        return False
    body = [text[s:e].rstrip() for s, e in block[:-1]]
    if any(_BULLET.match(line) for line in (text[s:e] for s, e in block)):
        return False
    lengths = [len(line) for line in body]
    longest = max(lengths)
    if longest > 100 or longest < 40 or min(lengths) < 0.5 * longest:
        return False
    ends = sum(1 for line in body if TERMINAL.search(line))
    if len(block) == 2:
        follow = text[block[1][0]:block[1][1]].lstrip()[:1]
        return ends == 0 and follow.islower()
    return ends <= len(body) / 2


def _hard_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after every full stop of a script that has no ambiguous one
    (Chinese and Japanese "。！？", Hindi "।", Arabic "؟", ...), with its closing quotes:
    those scripts put no space after a sentence, so the Latin rules never see a boundary."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _HARD_END.finditer(text, start, end):
        if m.end() < end:
            pieces.append((cursor, m.end()))
            cursor = m.end()
    pieces.append((cursor, end))
    return pieces


def _units(text: str) -> list[tuple[int, int]]:
    """The stretches that sentences never cross: lines, or whole hard-wrapped paragraphs,
    each cut at the full stops of scripts without spaces (``_hard_split``)."""
    units: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []

    def flush() -> None:
        if not block:
            return
        found = [(block[0][0], block[-1][1])] if _hard_wrapped(text, block) else list(block)
        for s, e in found:
            units.extend(_hard_split(text, s, e))
        block.clear()

    for s, e in _lines(text):
        if text[s:e].strip():
            block.append((s, e))
        else:
            flush()
    flush()
    return units


# --- public API ----------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order, whitespace trimmed.

    A line break ends a sentence (news pages and reviews put one paragraph or one
    sentence per line) except inside a paragraph hard-wrapped at a fixed width.

    The rules here are the only splitter: NLTK's Punkt, used once when its model happened
    to be installed, made the same input give other briefs (and ROUGE-Lsum other scores)
    on another machine.

    ``language`` (default: the one ``using`` set, else English) brings its abbreviations
    (``summarize.language``); English keeps the lists above.
    """
    name = language or _LANGUAGE.get()
    lang = None if name == DEFAULT else LANGUAGES[name]
    spans: list[tuple[int, int]] = []
    for u_start, u_end in _units(text):
        pieces = _merge_quoted(text, _split_unit(text, u_start, u_end, lang), u_start, u_end)
        for s, e in pieces:
            s, e = _trim(text, s, e)
            if s < e:
                spans.append((s, e))
    return spans


def words(text: str) -> list[str]:
    """Word tokens (letters and digits of any script), in their original case."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """The number of words, as budgets count them: whitespace-separated tokens, and each
    kana or CJK ideograph as one (as word processors count East Asian text), so a Chinese
    paragraph is not one "word" that slips into any budget."""
    if text.isascii() or max(text, default=" ") < FIRST_EAST_ASIAN:
        return len(text.split())  # no kana or ideograph: every token is one word
    count = 0
    for token in text.split():
        east = len(east_asian().findall(token)) if max(token) >= FIRST_EAST_ASIAN else 0
        if not east:
            count += 1
            continue
        rest = east_asian().sub(" ", token).split()
        count += east + sum(1 for piece in rest if any(c.isalnum() for c in piece))
    return count


def stop_words(language: str | None = None) -> frozenset[str]:
    """Stop words of ``language`` (default: the current one) from the lists sumy ships (no
    download needed); empty where sumy has none."""
    return stop_list(language or _LANGUAGE.get())


_LOCAL = threading.local()


def _stemmer(language: str = DEFAULT):  # noqa: ANN202
    """This thread's Snowball stemmer for ``language`` (English: Porter), None where
    Snowball has none.

    ``snowballstemmer.stemmer`` hands out PyStemmer's C stemmer when it is installed (a
    dependency), else its own pure-Python one: the same stems (tested), the C one 48x as
    fast on the 12,599 distinct words of the three data sets. One object per thread: the
    pure-Python stemmer keeps state between calls and raised ``IndexError`` when the TUI's
    two default runs shared one. Not NLTK's Porter: importing any part of nltk loads the
    whole package (scipy.stats included), seconds at every start of the command.
    """
    found = getattr(_LOCAL, "stemmers", None)
    if found is None:
        found = _LOCAL.stemmers = {}
    if language not in found:
        import snowballstemmer

        algorithm = LANGUAGES[language].stemmer if language in LANGUAGES else None
        found[language] = snowballstemmer.stemmer(algorithm) if algorithm else None
    return found[language]


def stem(word: str, language: str | None = None) -> str:
    """Snowball stem of a lowercased word in ``language`` (default: the current one); the
    word itself where the language has no stemmer."""
    return _stem(word, language or _LANGUAGE.get())


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer is not None else word


# Token as written -> its content term, or "" for a stop word, per language. Benchmarks call
# content_terms on ~100,000 sentences; the Porter stemmer costs ~10 µs a word, a dict lookup
# ~50 ns.
_TERMS_BY_LANGUAGE: dict[str, dict[str, str]] = {}
_TERMS_MAX = 500_000


def _plain(token: str) -> str:
    """Lowercased, without a possessive "'s" ("Israel's" and "Israel" are one word) or
    apostrophes, dots and dashes at its ends."""
    low = token.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    return low.strip("'.-")


_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|dell|dall|nell|sull|all"
                      r"|un|quell|quest|tutt)'(?=[^\W\d_])")
"""French and Italian elided articles and pronouns ("l'attaque", "dell'esercito"): the
word is what follows the apostrophe."""


def _plain_in(token: str, language: str) -> str:
    """``_plain``, and for French and Italian without an elided article."""
    low = _plain(token)
    if language in ("french", "italian"):
        low = _ELISION.sub("", low)
    return low


def _term(token: str, language: str) -> str:
    low = _plain_in(token, language)
    if not low or low in stop_list(language):
        return ""
    return _stem(low, language)


_UNSPACED = frozenset(name for name, lang in LANGUAGES.items() if not lang.spaced)


_FUNCTION_CHARACTERS = {"chinese": frozenset("的了着过和与及或在是也都就而之把被对于从向为其这那"),
                        "japanese": frozenset()}
"""Characters that are grammar, not content, wherever they stand: they cut a run. sumy's
Chinese list cannot be used for this: it holds single characters of content compounds too
("起" of 起火 "catch fire", "因" of 原因 "cause"), and its Japanese list "人" and "火"."""


def _east_asian_terms(token: str, language: str) -> list[tuple[str, bool]]:
    """``(term, is_stop_word)`` of a token of Chinese or Japanese, which put no spaces
    between words: each run of ideographs and kana becomes its overlapping character pairs
    (a run of one character: that character), the common way to index such text without a
    dictionary. Function characters (的, 了, 在...; in Japanese all hiragana: particles and
    endings) cut a run and are stop words, and so is a pair or character on sumy's list
    (我们, 因为). Other parts (digits, Latin words) stay whole."""
    stops = stop_list(language)
    cuts = _FUNCTION_CHARACTERS.get(language, frozenset())
    kana_stops = language == "japanese"
    out: list[tuple[str, bool]] = []
    pos = 0

    def run(piece: str) -> None:
        found = [piece] if len(piece) == 1 else [piece[i:i + 2] for i in range(len(piece) - 1)]
        out.extend((term, term in stops) for term in found)

    for m in east_asian(run=True).finditer(token):
        if m.start() > pos:
            out.extend((p.lower(), False) for p in _WORD.findall(token[pos:m.start()]))
        piece = ""
        for ch in m.group():
            if ch in cuts or kana_stops and "\u3040" <= ch <= "\u309f":
                if piece:
                    run(piece)
                piece = ""
                out.append((ch, True))
            else:
                piece += ch
        if piece:
            run(piece)
        pos = m.end()
    if pos < len(token):
        out.extend((p.lower(), False) for p in _WORD.findall(token[pos:]))
    return out


def is_spaced(language: str | None = None) -> bool:
    """Whether ``language`` (default: the current one) puts spaces between its words, so that
    a word is a term; Chinese and Japanese do not (their terms are character pairs)."""
    return (language or _LANGUAGE.get()) not in _UNSPACED


def content_terms(text: str) -> list[str]:
    """Lowercased, stemmed words of ``text`` without stop words: what similarity is measured
    on (in the current language, ``using``; Chinese and Japanese: character pairs)."""
    language = _LANGUAGE.get()
    if language in _UNSPACED:
        return [term for token in _WORD.findall(text)
                for term, stop in _east_asian_terms(token, language) if not stop]
    cache = _TERMS_BY_LANGUAGE.get(language)
    if cache is None:
        cache = _TERMS_BY_LANGUAGE.setdefault(language, {})
    out: list[str] = []
    for token in _WORD.findall(text):
        term = cache.get(token)
        if term is None:
            if len(cache) >= _TERMS_MAX:
                cache.clear()
            term = cache[token] = _term(token, language)
        if term:
            out.append(term)
    return out


def stemmed_words(text: str) -> list[tuple[str, bool]]:
    """Every word of ``text``, lowercased and stemmed, with whether it is a stop word. Stop
    words are kept: they bind phrases ("battery life is short" and "battery is short" make
    different word pairs)."""
    language = _LANGUAGE.get()
    if language in _UNSPACED:
        return [found for token in _WORD.findall(text)
                for found in _east_asian_terms(token, language)]
    return [found for token in _WORD.findall(text)
            if (found := stemmed_token(token)) is not None]


def split_words(text: str) -> list[tuple[str, str, bool]]:
    """Every word of ``text`` as written, with its stem and whether it is a stop word, in the
    current language: ``stemmed_words`` keeping the words themselves (shared phrases ask
    whether a word is written in lowercase). Words as ``words`` finds them, whole in every
    script (Chinese and Japanese runs are not cut into character pairs here)."""
    return split_words_many([text])[0]


def split_words_many(texts: Sequence[str]) -> list[list[tuple[str, str, bool]]]:
    """``split_words`` of each text; the words not seen before are stemmed in one call of
    the stemmer (``stemWords``), not one call each: a cluster's first split stems thousands
    of words. Each word's answer is kept, per language, for the next call."""
    language = _LANGUAGE.get()
    cache = _SPLIT_BY_LANGUAGE.get(language)
    if cache is None:
        cache = _SPLIT_BY_LANGUAGE.setdefault(language, {})
    found = [_WORD.findall(text) for text in texts]
    # A dict of this call's own: another thread may clear the shared one meanwhile.
    known = {token: cache.get(token, _UNSEEN) for token in chain.from_iterable(found)}
    new = [token for token, value in known.items() if value is _UNSEEN]
    if new:
        lows = [_plain_in(token, language) for token in new]
        plain = list(dict.fromkeys(low for low in lows if low))
        stemmer = _stemmer(language)
        stems = dict(zip(plain, stemmer.stemWords(plain) if stemmer is not None else plain,
                         strict=True))
        stops = stop_list(language)
        if len(cache) >= _TERMS_MAX:
            cache.clear()
        for token, low in zip(new, lows, strict=True):
            known[token] = cache[token] = (token, stems[low], low in stops) if low else None
    return [[value for value in map(known.__getitem__, tokens) if value is not None]
            for tokens in found]


_SPLIT_BY_LANGUAGE: dict[str, dict[str, tuple[str, str, bool] | None]] = {}
"""``split_words_many``'s answer per word as written, per language: the same tuple each
time."""
_UNSEEN = object()


def stemmed_token(token: str) -> tuple[str, bool] | None:
    """``(stem, is_stop_word)`` of one word token as written, in the current language; None
    for one that normalises to nothing (a lone apostrophe)."""
    return _stemmed_token(token, _LANGUAGE.get())


@lru_cache(maxsize=200_000)
def _stemmed_token(token: str, language: str) -> tuple[str, bool] | None:
    low = _plain_in(token, language)
    if not low:
        return None
    return _stem(low, language), low in stop_list(language)
