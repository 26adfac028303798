"""Numbers that differ between sources: "about 240" hostages in one report, 253 in another.

A brief that quietly picks one report's figure hides a disagreement the reader should see,
so the filter reports, for content stated by several documents, the quantities they give
differently.

1. **Mentions.** Every number written in digits (``253``, ``1,200``, ``1.5 million``,
   ``100%``) with its qualifier (``about``, ``more than``...) and what it counts. What it counts
   (the *kind*) comes from a small lexicon of news quantities looked up in the noun after the
   number, then the verb before it, then the verb after the noun (``killed about 1,200
   people`` -> ``killed``; ``took 253 hostages`` -> ``hostages``; ``kidnapped about 240`` ->
   ``hostages``; ``32,000 Palestinians have been killed`` -> ``killed``); failing that, the
   stemmed noun after the number (``five months`` has no digits and is ignored; ``12 trucks``
   -> ``truck``). Dates, times, years and identifiers (``October 7``, ``10:00 a.m.``,
   ``2024``, ``Resolution 2728``) are not quantities and are skipped, so different dates of
   different events never read as a conflict.
2. **Related sentences.** Two sentences of different documents are compared when they are in
   the same redundancy group, when their lexical similarity reaches ``RELATED`` (a lower bar
   than the grouping threshold: the hostage sentences of the seeds share little wording), or
   when they agree on another quantity (both say 1,200 were killed: they describe the same
   event, so 240 and 253 hostages disagree).
3. **Conflict.** Related mentions of the same kind whose values cannot both hold. ``more than
   X`` and ``over X`` are lower bounds, ``nearly X`` and ``up to X`` upper bounds, anything else
   (``about X`` included) a point value. Two sources estimating one quantity differently stay
   within the same order of magnitude; values more than ``MAX_RATIO`` apart are taken to count
   different things (1,200 killed in Israel, 32,000 in Gaza) and are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from math import inf

import numpy as np

from summarize.language import LANGUAGES
from summarize.model import Cluster, Conflict
from summarize.scipy_sparse import distinct, sparse
from summarize.similarity import Vectors
from summarize.text import current_language, stem, stop_words

RELATED = {"lexical": 0.25, "semantic": 0.6}
"""Similarity at or above which two number-bearing sentences are compared."""

MAX_RATIO = 3.0
"""Values further apart than this factor are different quantities, not a disagreement."""

MAX_BUCKET = 50
"""Agreeing-quantity buckets larger than this are too generic to relate sentences."""

_LEXICON = {
    "killed": "kill killed kills dead death deaths die died dying fatalities fatality slain "
              "murdered massacred",
    "hostages": "hostage hostages captive captives kidnapped kidnap abducted abduct abductees",
    "injured": "injured injuries wounded hurt",
    "arrested": "arrested arrests detained detainees detainee",
    "displaced": "displaced refugees evacuated fled",
    "missing": "missing",
}
_KIND_OF_STEM = {stem(w, "english"): kind for kind, ws in _LEXICON.items() for w in ws.split()}
"""English stems, whatever language this module is first imported in (``text.using``)."""

_MONTHS = frozenset(("january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "jan", "feb", "mar",
                     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"))
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_OTHER = {**{w: 1e3 for w in ("tausend", "mil", "mille", "mila")},
                **{w: 1e6 for w in ("mio", "million", "millionen", "millions", "millón",
                                    "millones", "milione", "milioni", "milhão", "milhões", "mln")},
                **{w: 1e9 for w in ("mrd", "milliarde", "milliarden", "milliard", "milliards",
                                    "miliardo", "miliardi", "mld")}}
"""Scale words of the other languages (``_SCALE`` stays English's alone: "mil" is no English
word, but "mille" is one)."""
_LOWER = ("more than", "over", "at least", "upwards of", "in excess of", "above")
_UPPER = ("fewer than", "less than", "nearly", "almost", "up to", "under", "at most", "below")
_APPROX = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated")
_SKIP_BEFORE = frozenset(("about", "around", "some", "roughly", "approximately", "an",
                          "estimated", "more", "less", "fewer", "than", "over", "under", "at",
                          "least", "most", "nearly", "almost", "up", "to", "upwards", "of", "in",
                          "excess", "above", "below", "the", "a"))
_AUX = frozenset(("have", "has", "had", "were", "was", "been", "being", "are", "is", "be"))
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|%|[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_QUALIFIERS = tuple((q, re.compile(rf"(?:^|\W){re.escape(q)}\s+$"))
                    for q in sorted(_LOWER + _UPPER + _APPROX, key=len, reverse=True))
"""Hedges before a number, longest first ("an estimated" before "estimated")."""


@dataclass(frozen=True)
class Mention:
    """A quantity stated in a sentence."""

    sentence: int
    """Index into ``cluster.sentences``."""
    kind: str
    """What it counts: a lexicon kind (``hostages``) or the stem of the noun after it."""
    value: float
    low: float
    high: float
    text: str
    """As written, with its qualifier: ``about 240``."""
    label: str = ""
    """The kind as shown in reports: the lexicon kind, or the noun as written."""


_NUMBER_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
"""A number where the comma is the decimal mark ("1.200", "5,1": German, French...)."""


def _value(token: str, decimal_comma: bool = False) -> float | None:
    if decimal_comma:
        if not _NUMBER_COMMA.fullmatch(token):
            return None
        token = token.replace(".", "").replace(",", ".")
    elif not _NUMBER.fullmatch(token):
        return None
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def mentions(text: str, sentence: int = 0) -> list[Mention]:
    """The quantities of one sentence (see the module doc for what is skipped)."""
    if not _DIGIT.search(text):  # most sentences: skip the tokenizing
        return []
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    low_toks = [t.lower() for t, _s, _e in toks]
    stops = stop_words()
    lang = LANGUAGES.get(current_language())
    english = lang is None or lang.name == "english"
    months = _MONTHS if english else lang.months
    unspaced = not english and not lang.spaced
    found: list[Mention] = []
    for k, (tok, start, end) in enumerate(toks):
        value = _value(tok, not english and lang.decimal_comma)
        if value is None or _is_date_or_id(text, toks, low_toks, k, months):
            continue
        if unspaced:
            mention = _east_asian_mention(text, toks, k, value, sentence)
            if mention is not None:
                found.append(mention)
            continue
        j = k + 1
        scale = _SCALE if english else _SCALE_OTHER
        if j < len(toks) and low_toks[j] in scale:
            value *= scale[low_toks[j]]
            end = toks[j][2]
            j += 1
        noun = None
        kind = None
        if j < len(toks) and (low_toks[j] in ("%", "percent", "per")):
            kind = "percent"
            end = toks[j][2]
            rest = [w for w in low_toks[j + 1:j + 5] if w not in stops and w != "cent"]
            if rest:
                kind = f"percent of {rest[0]}"
        elif j < len(toks) and toks[j][1] - end <= 2 and (
                low_toks[j] not in stops or not english and _noun_like(toks[j][0])):
            noun = low_toks[j]
        if kind is None:
            kind = _kind(low_toks, k, j, noun)
        if kind is None:
            continue
        qual, q_start = _qualifier(text, start)
        low, high = value, value
        if qual in _LOWER:
            high = inf
        elif qual in _UPPER:
            low = -inf
        shown = text[q_start:end].strip()
        label = noun if noun is not None and kind == stem(noun) else kind
        found.append(Mention(sentence, kind, value, low, high, shown, label))
    return found


def _kind(low_toks: list[str], k: int, j: int, noun: str | None) -> str | None:
    """What the number at token ``k`` counts: lexicon noun, verb before, verb after, noun.
    The lexicon is English: other languages go by the noun alone."""
    if current_language() != "english":
        return stem(noun) if noun is not None else None
    if noun is not None and stem(noun) in _KIND_OF_STEM:
        return _KIND_OF_STEM[stem(noun)]
    back = k - 1
    while back >= 0 and low_toks[back] in _SKIP_BEFORE and k - back <= 4:
        back -= 1
    if back >= 0 and k - back <= 4 and stem(low_toks[back]) in _KIND_OF_STEM:
        return _KIND_OF_STEM[stem(low_toks[back])]
    if noun is not None:
        after = j + 1
        while after < len(low_toks) and low_toks[after] in _AUX and after - j <= 3:
            after += 1
        if after < len(low_toks) and stem(low_toks[after]) in _KIND_OF_STEM:
            return _KIND_OF_STEM[stem(low_toks[after])]
        return stem(noun)
    return None


_CJK_DATE = frozenset("年月日号號时時点點分秒")
"""After a number in Chinese or Japanese: a date or a time ("10月7日", "3时"), not a count."""


def _east_asian_mention(text: str, toks: list, k: int, value: float,
                        sentence: int) -> Mention | None:
    """A number of Chinese or Japanese text and what it counts: the character right after
    it, the measure word or noun ("12人", "15名", "3座"); a date or time is none."""
    _tok, start, end = toks[k]
    after = text[end:end + 1]
    if not after or not ("\u3400" <= after <= "\u9fff" or "\u30a0" <= after <= "\u30ff"):
        return None
    if after in _CJK_DATE:
        return None
    return Mention(sentence, after, value, value, value, text[start:end + 1], after)


def _noun_like(token: str) -> bool:
    """A word of six letters or more after a number counts what it counts even when sumy
    lists it as a stop word: French "personnes", Italian "persone" ("personne" is
    "nobody")."""
    return len(token) >= 6 and token.isalpha()


def _is_date_or_id(text: str, toks: list, low_toks: list[str], k: int,
                   months: frozenset[str] = _MONTHS) -> bool:
    tok, start, end = toks[k]
    if text[end:end + 1] == ":" or text[max(0, start - 1):start] == ":":
        return True  # a time, 10:00
    nxt = low_toks[k + 1] if k + 1 < len(toks) else ""
    prev = low_toks[k - 1] if k > 0 else ""
    if nxt in months or prev in months:
        return True  # October 7, 7 October
    if nxt in ("am", "pm") or text[end:end + 4].lower() in (" a.m",
                                                                                     " p.m"):
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", tok) and nxt not in _SCALE:
        return True  # a year
    # An identifier: "Resolution 2728", "Flight 370" (a capitalised word right before).
    return k > 0 and toks[k - 1][0][:1].isupper() and prev not in _SKIP_BEFORE \
        and toks[k - 1][2] >= start - 1


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """The hedge before a number (``about``, ``more than``) and where it starts."""
    before = text[max(0, start - 30):start].lower()
    for qual, pattern in _QUALIFIERS:
        if pattern.search(before):
            q_start = start - len(before) + before.rstrip().rfind(qual)
            return qual, q_start
    return "", start


def _consistent(a: Mention, b: Mention) -> bool:
    tol = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return a.low <= b.high + tol and b.low <= a.high + tol


def _comparable(a: Mention, b: Mention) -> bool:
    """Same order of magnitude: two estimates of one quantity, not two quantities."""
    lo, hi = sorted((abs(a.value), abs(b.value)))
    return lo > 0 and hi / lo <= MAX_RATIO


def find_conflicts(cluster: Cluster, groups, vectors: Vectors | None = None  # noqa: ANN001
                   ) -> tuple[Conflict, ...]:
    """Quantities that related sentences of different documents give differently."""
    sents = cluster.sentences
    by_sentence: dict[int, list[Mention]] = {}
    seen: dict[str, list[Mention]] = {}  # repeated sentences are parsed once
    for i, s in enumerate(sents):
        if not _DIGIT.search(s.text):
            continue
        if s.text not in seen:
            seen[s.text] = mentions(s.text, i)
        found = seen[s.text]
        if found:
            by_sentence[i] = [m if m.sentence == i else replace(m, sentence=i) for m in found]
    if len(by_sentence) < 2:
        return ()
    rows, cols = _related_pairs(cluster, groups, vectors, by_sentence)
    # Different documents only, and never two copies of one text (it agrees with itself).
    doc = _codes([s.doc_id for s in sents])
    text = _codes([s.text for s in sents])
    keep = (doc[rows] != doc[cols]) & (text[rows] != text[cols])
    edges: dict[str, list[tuple[Mention, Mention]]] = {}
    # The verdict depends on the two texts only, and repeated sentences meet the same
    # partners again and again: judge each pair of texts once.
    verdicts: dict[tuple[int, int], list[tuple[str, list[tuple[int, int]]]]] = {}
    for i, j in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True):
        key = (int(text[i]), int(text[j]))
        found = verdicts.get(key)
        if found is None:
            found = verdicts[key] = _disagreements(by_sentence[i], by_sentence[j])
        for kind, links in found:
            mi, mj = by_sentence[i], by_sentence[j]
            edges.setdefault(kind, []).extend((mi[x], mj[y]) for x, y in links)
    return tuple(_merge(cluster, groups, edges))


def _codes(values: list[str]) -> np.ndarray:
    """One integer per distinct value, so equality tests run on arrays."""
    seen: dict[str, int] = {}
    return np.fromiter((seen.setdefault(v, len(seen)) for v in values), dtype=np.int64,
                       count=len(values))


def _disagreements(mi: list[Mention], mj: list[Mention]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Per shared kind (sorted), the comparable mention pairs ``(index in mi, index in mj)``
    of two sentences whose values for that kind cannot both hold."""
    out = []
    for kind in sorted({m.kind for m in mi} & {m.kind for m in mj}):
        xs = [x for x, m in enumerate(mi) if m.kind == kind]
        ys = [y for y, m in enumerate(mj) if m.kind == kind]
        if any(_consistent(mi[x], mj[y]) for x in xs for y in ys):
            continue
        close = [(x, y) for x in xs for y in ys if _comparable(mi[x], mj[y])]
        if close:
            out.append((kind, close))
    return out


def _related_pairs(cluster: Cluster, groups, vectors: Vectors | None,  # noqa: ANN001
                   by_sentence: dict[int, list[Mention]]) -> tuple[np.ndarray, np.ndarray]:
    """Sentence pairs ``(rows[k] < cols[k])`` worth comparing, each once, in sorted order."""
    idx = np.asarray(sorted(by_sentence), dtype=np.int64)
    found: list[tuple[np.ndarray, np.ndarray]] = []
    # Same redundancy group.
    found.append(_within(np.asarray(groups.labels, dtype=np.int64)[idx], idx))
    # Agreeing on another quantity.
    buckets: dict[tuple[str, float], list[int]] = {}
    for i in idx.tolist():
        for m in by_sentence[i]:
            if m.low == m.high:
                bucket = buckets.setdefault((m.kind, m.value), [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
    small = [b for b in buckets.values() if 1 < len(b) <= MAX_BUCKET]
    if small:
        keys = np.repeat(np.arange(len(small)), [len(b) for b in small])
        found.append(_within(keys, np.asarray([i for b in small for i in b], dtype=np.int64)))
    # Lexically related.
    if vectors is not None and len(vectors) == len(cluster.sentences) and idx.size > 1:
        sub = vectors.matrix[idx]
        if sparse.issparse(sub):
            sub = sub.tocsr()
        near = Vectors(sub, vectors.kind).neighbours(RELATED.get(vectors.kind, 0.25))
        found.append((idx[near.rows], idx[near.cols]))
    n = len(cluster.sentences)
    key = distinct(np.concatenate([r * n + c for r, c in found]))
    return key // n, key % n


def _within(keys: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of ascending ``items`` that share a key, as ``(smaller, larger)``."""
    order = np.argsort(keys, kind="stable")
    keys, items = keys[order], items[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [keys.size])))
    rows, cols = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for size in distinct(sizes[sizes > 1]).tolist():
        ti, tj = np.triu_indices(size, 1)
        base = starts[sizes == size][:, None]
        a, b = items[(base + ti).ravel()], items[(base + tj).ravel()]
        rows.append(np.minimum(a, b))
        cols.append(np.maximum(a, b))
    return np.concatenate(rows), np.concatenate(cols)


def _merge(cluster: Cluster, groups, edges: dict) -> list[Conflict]:  # noqa: ANN001
    """One Conflict per kind and set of connected disagreeing sentences."""
    sents = cluster.sentences
    out: list[tuple[tuple[int, int], Conflict]] = []
    for kind, links in sorted(edges.items()):
        parent: dict[int, int] = {}
        mention_of: dict[int, list[Mention]] = {}
        for a, b in links:
            parent[_root(parent, a.sentence)] = _root(parent, b.sentence)
            for m in (a, b):
                ms = mention_of.setdefault(m.sentence, [])
                if m not in ms:
                    ms.append(m)
        comps: dict[int, list[int]] = {}
        for s in sorted(mention_of):
            comps.setdefault(_root(parent, s), []).append(s)
        for members in comps.values():
            members.sort(key=lambda i: (sents[i].position, sents[i].index))
            values = tuple((m.text, sents[i].doc_id, sents[i].text)
                           for i in members for m in mention_of[i])
            shown: list[str] = []
            for i in members:
                for m in mention_of[i]:
                    item = f"{m.text} ({sents[i].doc_id})"
                    if item not in shown:
                        shown.append(item)
            first = members[0]
            label = mention_of[first][0].label or kind
            conflict = Conflict(group=groups.labels[first], values=values,
                                description=f"{label}: " + " vs ".join(shown))
            out.append(((sents[first].position, sents[first].index), conflict))
    out.sort(key=lambda pc: (pc[0], pc[1].description))
    return [c for _pos, c in out]


def _root(parent: dict[int, int], x: int) -> int:
    """Union-find root with path halving."""
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
