"""The brief pipeline, readable top to bottom.

load -> clean -> split (``summarize.load``) -> score (the method) -> redundancy filter
-> select under budget -> order -> ``Summary`` (rendered by ``summarize.render``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from summarize import registry
from summarize.config import THRESHOLDS, Config
from summarize.errors import SummarizeError, UsageError
from summarize.model import Cluster, DateAnchor, Summary, SummarySentence
from summarize.select import select
from summarize.text import count_words, is_spaced, using

if TYPE_CHECKING:  # the update module loads only when an update is asked for
    from summarize.update import Earlier, Update


def summarize(cluster: Cluster, method: str = registry.DEFAULT_METHOD,
              config: Config | None = None) -> Summary:
    """Summarize ``cluster`` with the registered ``method``, in the cluster's language
    (stems, stop words and similarities: ``summarize.text.using``)."""
    config = config or Config()
    if cluster.language == "english":
        return _summarize(cluster, method, config)
    config, notes = for_language(config, cluster.language)
    with using(cluster.language):
        summary = _summarize(cluster, method, config)
    options = tuple(sorted((*summary.options, ("language", cluster.language))))
    return replace(summary, options=options, warnings=(*notes, *summary.warnings))


def prepare(method: str, config: Config) -> None:
    """Import ahead what ``summarize(cluster, method, config)`` will import: the method's
    module and, for an extractive brief, the redundancy filter and its measure, with the
    embedding model mapped. ``summarize brief`` calls this while a child process loads the
    input (``summarize.background``), so these imports cost no time of their own. Nothing
    here changes a brief; a method that cannot load fails later, where it always did."""
    entry = registry.get(method)
    try:
        entry.load()
    except SummarizeError:
        return
    if entry.kind == "abstractive" or not (config.dedup or config.mmr is not None
                                           or config.min_support > 1):
        return
    from summarize import coverage, phrases, readability, redundancy  # noqa: F401

    if config.conflicts:
        from summarize import conflicts  # noqa: F401
    if config.similarity == "hybrid":
        from summarize import embeddings

        embeddings.load()


def summarize_update(earlier: Earlier | Cluster, new: Cluster,
                     method: str = registry.DEFAULT_METHOD, config: Config | None = None
                     ) -> tuple[Update, tuple[str, ...]]:
    """The update brief of ``new`` for a reader of ``earlier`` (``summarize.update``), made
    in the new reports' language as ``summarize`` makes a brief; with what ``for_language``
    changed, said in one line each. ``brief --since`` and ``bench --update`` both come
    here, so both run in the reports' language."""
    from summarize.update import update_brief

    config, notes = for_language(config or Config(), new.language)
    with using(new.language):
        return update_brief(earlier, new, method, config), notes


def for_language(config: Config, language: str) -> tuple[Config, tuple[str, ...]]:
    """``config`` as it can run in ``language``, and what was changed, said in one line.

    The paraphrase-aware measure blends in static embeddings of an English model
    (``summarize.embeddings``): on other languages they mostly measure shared names, so
    repeats are grouped by the lexical measure at its own threshold (a ``--redundancy``
    the user gave is kept). No multilingual model ships offline with the package. Chinese
    and Japanese compare character pairs, not words, and have a lexical threshold of their
    own (``summarize.language``), which the note states.
    """
    from summarize.language import get, lexical_default

    counted = () if get(language).spaced else (
        f"{language}: budgets count each character as a word",)
    if language != "english" and config.similarity == "semantic":
        return config, (*counted, f"{language}: the semantic measure's model is English; "
                                  "used as asked")
    if language == "english" or config.similarity not in ("hybrid", "lexical"):
        return config, counted
    own, why = lexical_default(language, THRESHOLDS["lexical"])
    threshold = config.threshold if config.threshold_given else own
    said = f"redundancy {threshold}" + (f", {why}" if why and not config.threshold_given
                                        else "")
    if config.similarity == "lexical":
        if not why or config.threshold_given:
            return config, counted
        return (replace(config, threshold=threshold),
                (*counted, f"{language}: repeats are grouped at {said}"))
    note = (f"{language}: the paraphrase-aware (hybrid) grouping has English embeddings "
            f"only; repeats are grouped by the lexical measure ({said})")
    return replace(config, similarity="lexical", threshold=threshold), (*counted, note)


def _summarize(cluster: Cluster, method: str, config: Config) -> Summary:
    entry = registry.get(method)
    options = dict(config.method_options)
    if config.min_support > len(cluster.documents):
        raise UsageError(f"--min-support {config.min_support}: the input has only "
                         f"{len(cluster.documents)} documents")
    try:
        impl = entry.create(**options)
    except TypeError as exc:
        raise UsageError(f"bad option for method {method!r}: {exc}") from None
    if entry.kind == "abstractive":
        return explained(anchored(impl(cluster, config), cluster), cluster, config)
    scores = np.asarray(impl.score(cluster), dtype=float)
    if scores.shape != (len(cluster.sentences),):
        raise RuntimeError(f"{method} returned {scores.shape} scores for "
                           f"{len(cluster.sentences)} sentences")
    return explained(anchored(extract(cluster, scores, method, config), cluster), cluster,
                     config)


def explained(summary: Summary, cluster: Cluster, config: Config) -> Summary:
    """An empty summary with a warning that says why: an empty brief with exit status 0 and
    nothing said looks like a bug, or goes unnoticed."""
    if summary.sentences or not cluster.sentences:
        return summary
    words = config.budget.words
    shortest = min(count_words(s.text) for s in cluster.sentences)
    if config.min_support > 1:
        why = (f"no content is reported by {config.min_support} or more of the "
               f"{len(cluster.documents)} documents; lower --min-support")
    elif words is not None and shortest > words:
        unit = "words" if is_spaced() else "characters"  # budgets count what they count
        why = (f"no sentence fits in {words} {unit} (the shortest has {shortest}; is the text "
               "punctuated?); raise --words")
    else:
        why = "no sentence could be chosen"
    return replace(summary, warnings=(*summary.warnings, f"empty brief: {why}"))


def anchored(summary: Summary, cluster: Cluster) -> Summary:
    """The summary with a date anchor when its sentences say "today" or "on Friday" and a
    report gives a date: relative dates stay as written, never the only anchor."""
    from summarize.readability import absolute_date, relative_dates

    said: dict[str, None] = {}
    for item in summary.sentences:
        for r in relative_dates(item.text):
            said.setdefault(r)
    if not said:
        return summary
    for doc in sorted(cluster.documents, key=lambda d: d.position):
        date = absolute_date(doc.text)
        if date:
            return replace(summary, anchor=DateAnchor(tuple(said), date, doc.id))
    return summary


def extract(cluster: Cluster, scores: np.ndarray, method: str, config: Config) -> Summary:
    """Turn per-sentence scores into a Summary: redundancy filter, budget, order."""
    if not cluster.sentences:
        return Summary(method=method, sentences=(), documents=cluster.documents,
                       options=config.as_options(), dropped=cluster.dropped)
    if config.dedup or config.mmr is not None or config.min_support > 1:
        from summarize.redundancy import choose

        choice = choose(cluster, scores, config)
        chosen, removed, conflicts = choice.chosen, choice.removed, choice.conflicts
        items = [choice.summary_sentence(cluster, i, float(scores[i])) for i in chosen]
    else:
        lengths = [count_words(s.text) for s in cluster.sentences]
        chosen = select(scores, lengths, config.budget)
        removed, conflicts = (), ()
        items = [_plain(cluster, i, float(scores[i])) for i in chosen]
    items = order(items, config)
    return Summary(method=method, sentences=tuple(items), documents=cluster.documents,
                   options=config.as_options(), removed=tuple(removed),
                   conflicts=tuple(conflicts), dropped=cluster.dropped)


def _plain(cluster: Cluster, i: int, score: float) -> SummarySentence:
    s = cluster.sentences[i]
    return SummarySentence(text=s.text, sources=(s,), score=score, support=(s.doc_id,))


def order(items: list[SummarySentence], config: Config) -> list[SummarySentence]:
    """Output order: by source (document, then position) or by score (best first)."""
    if config.order == "score":
        return sorted(items, key=lambda x: (-x.score, x.sources[0].position, x.sources[0].index))
    return sorted(items, key=lambda x: (x.sources[0].position, x.sources[0].index))

