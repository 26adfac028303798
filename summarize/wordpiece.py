"""The word pieces of the static model's tokenizer, in Python, where that is exact.

The tokenizer of all-MiniLM-L6-v2 is BERT's: a normalizer (control characters out, other
white space to spaces, Chinese characters set apart, accents stripped, lower case), a
pre-tokenizer (split at white space and around each punctuation mark) and WordPiece (the
longest piece of the vocabulary first, then ``##`` continuations; a word with no cover, or
of more than 100 characters, is one unknown piece). Hugging Face's ``tokenizers`` runs it in
Rust, but a brief pays for it twice: 20-30 ms to load ``tokenizer.json`` and 60-120 ms to
encode 2,000 sentences one by one, where a cluster's reports repeat the same few thousand
words. Here each distinct word is split once per call and the vocabulary is read from a
plain list (``vocab.txt``), so the 2,000 sentences take about 20 ms and no Rust library is
loaded (#15).

Exactness is why this is limited to ``_EXACT``: ASCII and the Latin, Greek, Cyrillic and
punctuation blocks whose characters Python's ``unicodedata`` classifies as the Rust
library's tables do (``tests/test_wordpiece.py`` checks every code point of them, and the
texts of every data set, against ``tokenizers``). A text with any other character returns
None and its caller hands it to ``tokenizers``. Unicode versions differ between the two
(``tokenizers`` keeps unassigned characters, and its tables predate characters Python
knows), so the Rust library stays the reference for everything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_EXACT = ((0x00, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x2BFF),
          (0x1F000, 0x1FAFF))
"""Code point ranges (inclusive) handled here. Outside: CJK, whose ranges ``tokenizers``
writes with a typo of BERT's (0x2B920 for 0x2B820), and scripts whose newer characters
Python's tables know and the Rust library's do not."""

_CHUNK = re.compile(r"[ \t\n\r]+")
"""Where a text is cut into chunks before anything else: characters that both the
normalizer and the pre-tokenizer treat as white space, so a chunk's pieces do not depend
on its neighbours (the same pieces as the whole text, which the tests check)."""

_JOINED = re.compile(r"[\x0b\x0c\x1c-\x1f\x85]")
"""Characters ``str.split`` cuts at that the normalizer removes instead (they are control
characters), joining their neighbours; a text without them is cut by ``str.split``, which
cuts at no other character the normalizer keeps as a word."""

_MISSING = object()

_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
"""ASCII punctuation as Rust's ``is_ascii_punctuation`` has it: symbols such as $ + < = > ^
` | ~ included, each a word of its own."""

_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_REMOVED = frozenset(("Cc", "Cf", "Co", "Cs"))
"""Categories the normalizer drops (besides NUL and U+FFFD); tab, newline and carriage
return are white space instead. Unassigned characters (Cn) are kept, as ``tokenizers``
keeps them."""


def exact(char: str) -> bool:
    """Whether ``char``'s pieces are computed here (else ``tokenizers`` is asked)."""
    cp = ord(char)
    return any(lo <= cp <= hi for lo, hi in _EXACT)


def _normal(char: str) -> str | None:
    """What the normalizer and pre-tokenizer make of one character outside ASCII: its
    normal form, with spaces where words split; None: not handled here."""
    if not exact(char):
        return None
    category = unicodedata.category(char)
    if char == "\ufffd" or category in _REMOVED:
        return ""
    if char.isspace():
        return " "
    stripped = "".join(c for c in unicodedata.normalize("NFD", char)
                       if unicodedata.category(c) != "Mn")
    out = []
    for c in stripped.lower():  # per character, as the Rust normalizer lowers
        if _ASCII_PUNCT.fullmatch(c) or unicodedata.category(c).startswith("P"):
            out.append(f" {c} ")
        else:
            out.append(" " if c.isspace() else c)
    return "".join(out)


class WordPiece:
    """BERT's WordPiece over one vocabulary; one instance per call of ``pieces_of``, whose
    caches (per chunk, word and character) then live no longer than the call."""

    def __init__(self, vocab: Mapping[str, int], unk: int, max_chars: int = 100) -> None:
        self.vocab = vocab
        self.unk = unk
        self.max_chars = max_chars
        self._chunks: dict[str, tuple[int, ...] | None] = {}
        self._words: dict[str, tuple[int, ...]] = {}
        self._chars: dict[str, str | None] = {}

    def word(self, word: str) -> tuple[int, ...]:
        """One pre-tokenized, normalized word: its pieces, longest first; a word that no
        pieces cover, or longer than ``max_chars``, is one unknown piece."""
        got = self._words.get(word)
        if got is not None:
            return got
        ids: list[int] = []
        start, n = 0, len(word)
        if n > self.max_chars:
            start, ids = n, [self.unk]
        while start < n:
            end, found = n, None
            while end > start:
                found = self.vocab.get(word[start:end] if start == 0
                                       else "##" + word[start:end])
                if found is not None:
                    break
                end -= 1
            if found is None:
                ids = [self.unk]
                break
            ids.append(found)
            start = end
        got = self._words[word] = tuple(ids)
        return got

    def chunk(self, chunk: str) -> tuple[int, ...] | None:
        """A chunk with no white space in it; None: it has a character not handled here."""
        if chunk in self._chunks:
            return self._chunks[chunk]
        result: tuple[int, ...] | None
        if chunk.isalnum() and chunk.isascii():  # most words of English text
            result = self.word(chunk.lower())
        else:
            parts = []
            for char in chunk:
                if char.isascii():
                    parts.append(char.lower())
                    continue
                if char not in self._chars:
                    self._chars[char] = _normal(char)
                normal = self._chars[char]
                if normal is None:
                    self._chunks[chunk] = None
                    return None
                parts.append(normal)
            words = _ASCII_PUNCT.split(_ASCII_CONTROL.sub("", "".join(parts)))
            result = tuple(i for part in words for w in part.split() for i in self.word(w))
        self._chunks[chunk] = result
        return result

    def pieces(self, text: str) -> list[int] | None:
        """The piece ids of ``text``, unknown pieces included; None: ask ``tokenizers``."""
        known = self._chunks
        out: list[int] = []
        for chunk in _CHUNK.split(text) if _JOINED.search(text) else text.split():
            got = known.get(chunk, _MISSING)
            if got is _MISSING:
                got = self.chunk(chunk)
            if got is None:
                return None
            out += got
        return out
