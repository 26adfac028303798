"""Our reading of the five seed reports: the event's main facts, and how to tell that a
brief states one. Used by the brief benchmark (``eval.perf_brief``) and the seed tests.

Each fact is a pattern over one brief sentence. They were written by reading the seeds:
every report carries the meeting and Blinken's Rafah warning; four quote Netanyahu's
"we will do it alone"; four give the Russian and Chinese veto; four the hostage and
ceasefire talks, three of them in Doha; two warn of famine (two more of "100%" food
insecurity, in other words). "Vetoed by the UN Security Council" is not the veto by Russia
and China, and "the US has previously vetoed resolutions by China and Russia" is another
fact: the patterns ask for Russia and China as the ones vetoing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FACTS: dict[str, str] = {
    "meeting": r"(?:Blinken|top US diplomat|Secretary of State)[^.]*\b(?:met|meetings?|talks "
               r"with|visited with|told Netanyahu|warning to Israeli Prime Minister|one-on-one)"
               r"\b|Netanyahu[^.]*\b(?:meeting|met) (?:with )?(?:Mr )?Blinken",
    "Rafah warning": r"Rafah[^.]*\b(?:risk|mistake|not the way|isolat|warn|civilians)"
                     r"|\b(?:risk|mistake|not the way|isolat|warn)\w*[^.]*Rafah",
    "Netanyahu's 'alone'": r"\balone\b",
    "veto by Russia and China": r"(?:Russia and China|China and Russia|China, Russia)[^.]*"
                                r"\b(?:veto|reject)|(?:rejected|vetoed) by (?:China and Russia"
                                r"|Russia and China)",
    "hostage/ceasefire talks": r"hostage[^.]*\b(?:talks|negotiat|deal)|\b(?:ceasefire|truce) "
                               r"talks|talks (?:in Doha|to secure a ceasefire)|negotiat\w*"
                               r"[^.]*\b(?:hostage|ceasefire)",
    "Doha": r"\bDoha\b",
    "famine warning": r"\bfamine\b|food insecurity|\bhunger\b",
}

REPEATS: dict[str, str] = {
    "the 'alone' quote": r"\balone\b",
    "the isolation warning": r"\bisolat",
    "'risks killing more civilians'": r"kill\w* more civilians",
    "'not the way to do it'": r"not the way to do it",
    "the veto": FACTS["veto by Russia and China"],
    "the Doha talks": r"\bDoha\b",
}
"""Statements an editor would not want twice in one brief, whatever the wording around them."""


def facts_stated(sentences: Sequence[str]) -> dict[str, int]:
    """How many of the brief's sentences state each fact."""
    return {name: sum(bool(re.search(p, s)) for s in sentences) for name, p in FACTS.items()}


def repeated(sentences: Sequence[str]) -> list[str]:
    """The statements of ``REPEATS`` that two or more of the sentences make."""
    return [name for name, p in REPEATS.items()
            if sum(bool(re.search(p, s)) for s in sentences) > 1]


def shortest_cover(sentences: Sequence[str], lengths: Sequence[int]) -> tuple[int, list[int]]:
    """The fewest words a set of ``sentences`` needs to state every fact of ``FACTS``, and
    which (indexes, in input order); ``(-1, [])`` when they do not state them all.

    The bound any extract of whole sentences meets: exact, by dynamic programming over the
    subsets of facts (2 ** 7 states), each state keeping its cheapest set, ties going to
    the set found first, so the answer is deterministic."""
    names = list(FACTS)
    full = (1 << len(names)) - 1
    best: dict[int, tuple[int, list[int]]] = {0: (0, [])}
    for i, text in enumerate(sentences):
        mask = sum(1 << k for k, n in enumerate(names) if re.search(FACTS[n], text))
        if not mask:
            continue
        for have, (cost, picked) in list(best.items()):
            got, new = have | mask, cost + int(lengths[i])
            if got != have and (got not in best or new < best[got][0]):
                best[got] = (new, [*picked, i])
    cost, picked = best.get(full, (-1, []))
    return cost, sorted(picked)
