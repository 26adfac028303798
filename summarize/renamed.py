"""Names that changed: one report says "the envoy is John Smith", a later one, restating the
same sentence, "the envoy is Jane Doe".

Numbers that differ are ``summarize.conflicts``' job; names are harder, because restatements
change names all the time without changing the fact ("Mr Blinken" / "Antony Blinken", "the
US" / "Washington", "Russia and China" / "China and Russia"). So this is deliberately narrow:
two sentences that state the same content (the caller pairs them) whose words are the same
but for *one* run of capitalised words on each side, where neither run's words occur
anywhere in the other sentence, neither is a title or an abbreviation's other spelling, and
the shared words are most of both sentences. What is left is one name put in the place of
another in the same statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*\.?")

TITLES = frozenset(("mr", "mrs", "ms", "dr", "sir", "president", "secretary", "minister",
                    "prime", "sen", "senator", "rep", "gov", "governor", "gen", "general",
                    "judge", "justice", "chief", "leader", "ambassador", "director",
                    "speaker", "king", "queen", "prince", "pope", "the"))
"""Words that come and go before a name without changing whose name it is."""

MIN_SHARED = 0.6
"""Share of each sentence's words outside the changed names: what makes it one statement."""


@dataclass(frozen=True)
class Renamed:
    """One name given in place of another in the same statement."""

    context: str
    """The words just before the name, as written in the later sentence (``identified as``)."""
    before: str
    after: str


def _norm(token: str) -> str:
    return token.lower().replace(".", "").replace("’", "'")


def _is_name(tokens: list[str]) -> bool:
    return bool(tokens) and all(t[:1].isupper() and not t[:1].isdigit() for t in tokens) \
        and not any(_norm(t) in TITLES for t in tokens)


def renamed(before: str, after: str) -> Renamed | None:
    """The name ``after`` gives in place of one of ``before``'s, or None (see module doc)."""
    a, b = _WORD.findall(before), _WORD.findall(after)
    na, nb = [_norm(t) for t in a], [_norm(t) for t in b]
    ops = [op for op in SequenceMatcher(None, na, nb, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "replace":
        return None
    _tag, i1, i2, j1, j2 = ops[0]
    if i1 == 0 or j1 == 0:  # a sentence's first word is capitalised anyway
        return None
    old, new = a[i1:i2], b[j1:j2]
    if not (_is_name(old) and _is_name(new)):
        return None
    if set(na[i1:i2]) & set(nb) or set(nb[j1:j2]) & set(na):
        return None
    if any(x.startswith(y) or y.startswith(x) for x in na[i1:i2] for y in nb[j1:j2]):
        return None  # Israel / Israeli, Palestine / Palestinians
    if "".join(na[i1:i2]) == "".join(nb[j1:j2]):
        return None  # "U.S." / "US", spelled apart or together
    shared = len(na) - (i2 - i1)
    if shared < MIN_SHARED * len(na) or shared < MIN_SHARED * len(nb) or shared < 4:
        return None
    context = " ".join(b[max(0, j1 - 3):j1])
    return Renamed(context=context, before=" ".join(old), after=" ".join(new))
