"""The options of the next run, as the options dialog edits them and ``summarize tui`` starts them.

One frozen value turns into the same ``Config`` that ``summarize brief`` builds from the same
options, so a summary made in the app and exported is the document the command prints.
Free of Textual.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from functools import cache
from typing import Any

from summarize import registry
from summarize.config import THRESHOLDS, Config
from summarize.errors import MissingExtra, UsageError
from summarize.model import Budget
from summarize.options import parameters

SIMILARITIES = tuple(THRESHOLDS)
ORDERS = ("source", "score")
ROUTED = ("model", "endpoint")
"""Options given once for all methods: each goes only to the methods that take it."""


@dataclass(frozen=True)
class RunSettings:
    """What the next run uses besides the method."""

    words: int = 120
    threshold: float | None = None
    """Redundancy threshold; None: the similarity measure's own default, as in ``brief``."""
    order: str = "source"
    similarity: str = "hybrid"
    options: tuple[tuple[str, Any], ...] = ()
    """Method options as sorted pairs: ``model``, ``endpoint`` and any ``-O KEY=VALUE``."""

    def option(self, key: str) -> Any:
        return dict(self.options).get(key)

    @property
    def effective_threshold(self) -> float:
        return THRESHOLDS[self.similarity] if self.threshold is None else self.threshold

    def describe(self) -> str:
        """One line for the header: ``120 words · red. 0.45 · source order``."""
        parts = [f"{self.words} words", f"red. {self.effective_threshold:g}",
                 f"{self.order} order"]
        if self.similarity != "hybrid":
            parts.append(self.similarity)
        parts += [f"{k}={_show(v)}" for k, v in self.options]
        return " · ".join(parts)

    def config(self, method: str) -> Config:
        """The Config for ``method``, as ``summarize brief`` builds it from these options.

        Each option goes only to the methods that take it, as ``bench -O KEY=VALUE`` does:
        ``model`` and ``endpoint``, set once for every method, reach only those that use them.
        """
        accepted = accepted_options(method)
        options = {k: v for k, v in self.options if accepted is None or k in accepted}
        if registry.get(method).family == "sumy" or method == "random":
            options.setdefault("seed", 0)
        return Config(budget=Budget(words=self.words), threshold=self.threshold,
                      order=self.order, similarity=self.similarity,  # type: ignore[arg-type]
                      method_options=tuple(sorted(options.items())))

    def unused(self, methods: tuple[str, ...]) -> list[str]:
        """Option keys (besides ``model`` and ``endpoint``) that none of ``methods`` takes."""
        taken = [accepted_options(m) for m in methods]
        return [k for k, _ in self.options if k not in ROUTED
                and not any(a is None or k in a for a in taken)]


DEFAULTS = RunSettings()
"""What ``summarize tui`` starts with: the defaults of ``summarize brief``."""


@cache
def accepted_options(method: str) -> frozenset[str] | None:
    """The keyword options ``method``'s class takes; None when any (``**kwargs``) or unknown
    (its extra is missing: the run then fails with the install hint)."""
    try:
        cls = registry.get(method).load()
    except (MissingExtra, ImportError):
        return None
    found = parameters(cls)
    return None if found is None or found[1] else found[0]


def parse_value(raw: str) -> Any:
    """``-O`` values as ``summarize brief`` reads them: true/false, none, numbers, else text."""
    lowered = raw.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    for cast in (int, float):
        try:
            return cast(raw)
        except ValueError:
            pass
    return raw


def parse_option(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` as a pair (``-`` in keys read as ``_``); UsageError otherwise."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(f"expected KEY=VALUE, got {text!r}")
    return key.strip().replace("-", "_"), parse_value(raw.strip())


def parse_options(text: str) -> tuple[tuple[str, Any], ...]:
    """Space-separated ``KEY=VALUE`` pairs (quotes for values with spaces), sorted."""
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise UsageError(f"options: {exc}") from None
    return tuple(sorted(dict(parse_option(w) for w in words).items()))


def format_options(options: tuple[tuple[str, Any], ...]) -> str:
    """The inverse of ``parse_options`` for the keys not edited in their own field."""
    return " ".join(f"{k}={shlex.quote(_show(v))}" for k, v in options if k not in ROUTED)


def _show(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return str(value)


def from_fields(words: str, threshold: str, order: str, similarity: str, model: str,
                endpoint: str, options: str) -> RunSettings:
    """Settings from the dialog's text fields; UsageError naming the field that is wrong."""
    try:
        budget = int(words.strip())
    except ValueError:
        raise UsageError(f"Words: a whole number is needed, got {words.strip()!r}") from None
    red: float | None = None
    if threshold.strip() and threshold.strip().lower() != "auto":
        try:
            red = float(threshold)
        except ValueError:
            raise UsageError(f"Redundancy: a number in (0, 1] or 'auto' is needed, "
                             f"got {threshold.strip()!r}") from None
    pairs = dict(parse_options(options))
    for key, value in (("model", model.strip()), ("endpoint", endpoint.strip())):
        if value:
            pairs[key] = value
        else:
            pairs.pop(key, None)
    settings = RunSettings(words=budget, threshold=red, order=order, similarity=similarity,
                           options=tuple(sorted(pairs.items())))
    Config(budget=Budget(words=settings.words), threshold=settings.threshold,
           order=settings.order, similarity=settings.similarity)  # type: ignore[arg-type]
    return settings
