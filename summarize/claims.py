"""Does a generated sentence say what the sentences it cites say?

Sharing words is not enough: "Russia and China did not veto the resolution" shares every
content word with "Russia and China vetoed the measure" and says the opposite. A claim is
supported when its sources hold most of its content words (``share``) *and* nothing in them
contradicts it: no word negated on one side and asserted on the other, no word whose opposite
is what the sources say ("rejected" for "approved"), and no figure the sources do not give.
The rules are lexical and cheap; they catch the reversals a model makes most often, not every
paraphrase, and a sentence they cannot vouch for is marked rather than trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from summarize.text import content_terms, stem, stop_words, words

NEGATORS = frozenset(("not", "no", "never", "neither", "nor", "none", "nobody", "nothing",
                      "nowhere", "cannot", "without", "hardly", "barely"))
"""Words that negate what follows them (plus any word ending in "n't")."""

_PHRASE_NEGATORS = frozenset(("no", "none", "without", "neither", "nor", "nothing"))
"""Negators that open a noun phrase and negate all of it."""

_NOT_NEGATING = frozenset(("only", "longer", "doubt", "less", "more", "matter"))
"""After a negator these do not negate the next word ("not only", "no longer" is kept as
negation of nothing, "no doubt")."""

_WINDOW = 3
"""A negator negates the first content word among the next this many words."""

OPPOSITES: tuple[tuple[str, str], ...] = (
    ("approve", "reject"), ("accept", "reject"), ("pass", "fail"), ("win", "lose"),
    ("won", "lost"), ("rise", "fall"), ("rose", "fell"), ("increase", "decrease"),
    ("increase", "cut"), ("raise", "lower"), ("higher", "lower"), ("gain", "loss"),
    ("support", "oppose"), ("allow", "ban"), ("allow", "forbid"), ("allow", "block"),
    ("confirm", "deny"), ("admit", "deny"), ("guilty", "innocent"), ("convict", "acquit"),
    ("agree", "disagree"), ("agree", "refuse"), ("survive", "die"), ("alive", "dead"),
    ("arrest", "release"), ("expand", "shrink"), ("grow", "shrink"), ("success", "failure"),
    ("legal", "illegal"),
    ("veto", "adopt"), ("withdraw", "deploy"), ("lift", "impose"), ("resign", "appoint"),
)
"""Pairs of words whose stems say opposite things; either side may be the claim's."""

_NUMBER_WORDS = {w: str(n) for n, w in enumerate((
    "zero", "", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty")) if w}
"""Number words up to twenty, without "one" (a pronoun as often as a figure)."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Verdict:
    """What the check found for one sentence."""

    share: float
    """Share of the sentence's content terms that its sources contain."""
    problem: str | None = None
    """Why the sources contradict it, when they do ("negated: 'veto'...")."""

    def supported(self, threshold: float) -> bool:
        return self.problem is None and self.share >= threshold


def check(text: str, sources: Iterable[str]) -> Verdict:
    """How far ``sources`` back ``text``: term share, and the first contradiction found."""
    sources = list(sources)
    terms = set(content_terms(text))
    have: set[str] = set()
    for s in sources:
        have.update(content_terms(s))
    share = len(terms & have) / len(terms) if terms else 1.0
    if not sources:
        return Verdict(share)
    # Polarity is compared with the sources that make the same statement (half the claim's
    # words or more): a "not" in another sentence a claim cites is about something else.
    same = [s for s in sources if len(terms & set(content_terms(s))) * 2 >= len(terms)]
    near: set[str] = set()
    for s in same:
        near.update(content_terms(s))
    return Verdict(share, _polarity(text, same) or _opposite(text, terms, near)
                   or _figures(text, sources))


def polar_terms(text: str) -> dict[str, bool]:
    """Each content term of ``text`` -> False where it is negated ("did not veto"), else True.

    "not", "never" and "n't" negate the first content word after them; "no", "without" and
    the like the words of the phrase they open ("no recorded dissents"). A term said both
    ways in one text counts as asserted."""
    out: dict[str, bool] = {}
    negate_left = 0
    phrase = False
    stops = stop_words()
    for token in words(text):
        low = token.lower().replace("’", "'")
        if low in NEGATORS or low.endswith("n't"):
            negate_left, phrase = _WINDOW, low in _PHRASE_NEGATORS
            continue
        if negate_left and low in _NOT_NEGATING:
            negate_left = 0
            continue
        term = content_terms(token)
        if not term or low in stops:
            negate_left = 0 if phrase else max(0, negate_left - 1)
            continue
        negated = negate_left > 0
        negate_left = negate_left - 1 if phrase and negate_left else 0
        out[term[0]] = out.get(term[0], False) or not negated
    return out


def _polarity(text: str, sources: list[str]) -> str | None:
    """A term negated in the claim but only asserted by the sources, or the reverse."""
    claim = polar_terms(text)
    said: dict[str, set[bool]] = {}
    for s in sources:
        for term, positive in polar_terms(s).items():
            said.setdefault(term, set()).add(positive)
    for term, positive in claim.items():
        if term in said and positive not in said[term]:
            how = "negates" if not positive else "asserts"
            return (f"it {how} {term!r}, which the evidence it cites "
                    f"{'asserts' if not positive else 'negates'}")
    return None


@lru_cache(maxsize=1)
def _opposite_stems() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for a, b in OPPOSITES:
        sa, sb = stem(a, "english"), stem(b, "english")  # English words, in any context
        pairs.setdefault(sa, set()).add(sb)
        pairs.setdefault(sb, set()).add(sa)
    return {k: frozenset(v) for k, v in pairs.items()}


def _opposite(text: str, terms: set[str], have: set[str]) -> str | None:
    """A claim word that its sources lack while they hold its opposite."""
    table = _opposite_stems()
    for term in sorted(terms - have):
        if not have:
            break
        against = table.get(term, frozenset()) & have
        if against:
            return f"it says {term!r} where the evidence it cites says {sorted(against)[0]!r}"
    return None


def figures(text: str) -> set[str]:
    """The numbers in ``text``, normalised ("1,200" and "1200" are one; "three" is "3")."""
    found = {m.group().replace(",", "") for m in _NUMBER.finditer(text)}
    found |= {_NUMBER_WORDS[w.lower()] for w in words(text) if w.lower() in _NUMBER_WORDS}
    return found


def _figures(text: str, sources: list[str]) -> str | None:
    """A number in the claim that none of its sources gives."""
    given: set[str] = set()
    for s in sources:
        given |= figures(s)
    missing = sorted(figures(text) - given)
    if missing:
        return f"its figure {missing[0]} is not in the evidence it cites"
    return None


__all__ = ["Verdict", "check", "figures", "polar_terms", "NEGATORS", "OPPOSITES"]
