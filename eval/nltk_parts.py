"""rouge-score with only the piece of NLTK it uses: the Porter stemmer, not all of NLTK.

rouge-score's ``rouge_scorer`` runs ``import nltk`` and its tokenizer ``from nltk.stem import
porter``; both execute ``nltk/__init__.py``, which imports the whole package (scikit-learn,
scipy.stats and more): 1.3 to 4 s in every ``score`` and ``bench`` process and every worker.
The scorer needs nothing of NLTK but ``nltk.stem.porter`` (and ``nltk.sent_tokenize``, for
Punkt sentence splitting only, which is asked for by name and then imports NLTK for real).

So rouge-score is imported with two empty stand-in packages, ``nltk`` and ``nltk.stem``,
whose ``__path__`` is NLTK's own directories: ``nltk.stem.porter`` (and the two small
modules it imports) load from NLTK's own files, the package ``__init__`` files never run,
and the stand-ins are taken out of ``sys.modules`` again, so that a later ``import nltk``
(sumy's methods import it) gets the real package. The stemmer is NLTK's code, so the
scores are identical (``tests/test_rouge.py`` compares them with a plain import).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any


def _import_with_stand_ins(names: tuple[str, ...]) -> list[Any]:
    spec = importlib.util.find_spec("nltk")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return [importlib.import_module(n) for n in names]  # let the real error show
    root = Path(next(iter(spec.submodule_search_locations)))
    before = set(sys.modules)
    for name, folder in (("nltk", root), ("nltk.stem", root / "stem")):
        stand_in = types.ModuleType(name, "stand-in: see eval.nltk_parts")
        stand_in.__path__ = [str(folder)]
        sys.modules[name] = stand_in
    try:
        return [importlib.import_module(n) for n in names]
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


def import_light(*names: str) -> list[Any]:
    """The modules ``names`` (rouge-score's, or ``nltk.stem.porter``), imported without
    running NLTK's package ``__init__``; a plain import when NLTK is loaded already."""
    if "nltk" in sys.modules:
        return [importlib.import_module(n) for n in names]
    return _import_with_stand_ins(names)


def real_nltk(rouge_scorer: Any) -> Any:
    """The real NLTK, for Punkt, also given to a ``rouge_scorer`` imported with stand-ins."""
    import nltk

    if getattr(rouge_scorer, "nltk", nltk) is not nltk:
        rouge_scorer.nltk = nltk
    return nltk


__all__ = ["import_light", "real_nltk"]
