"""Update briefs: what the new reports add to what the reader already knows.

A reader follows a story over days: yesterday they read a brief of five reports, today three
more arrive. The update brief holds only content of the new reports that the earlier ones
(or yesterday's brief, ``summarize.since``) do not state, and the numbers that changed. It
is the update task of the TAC summarization evaluations, built from the brief's own parts:

1. **Known.** Earlier and new sentences are grouped *together* with the brief's own measure
   (``summarize.similarity``, hybrid by default, at the measure's threshold of
   ``summarize.config.THRESHOLDS``, plus the shared quotations and numbers of
   ``redundancy.with_shared_phrases``). A new sentence whose group or whose neighbours at the
   threshold include an earlier sentence restates what the reader knows, in the same words or
   in others: it is left out, and ``Update.known`` says of what.
2. **New.** The method scores the new reports on their own (what matters among today's
   reports) and the normal selection (``redundancy.choose``: coverage, the readability rules,
   the budget) chooses among the rest, the known sentences excluded both from the brief and
   from the content it tries to cover. So the update brief reads like a brief.
3. **Changed facts.** The conflict finder (``summarize.conflicts``) runs on earlier and new
   sentences together; a disagreement with one side earlier and the other new is a change
   ("hostages: about 240 before, 253 now"), cited on both sides. A known sentence that
   restates its earlier one with one name put in place of another (``summarize.renamed``)
   is a change too. The sentence giving the new
   figure is often a restatement (same event, same 1,200 killed) and so not in the brief: the
   change is reported on its own.

``update_brief`` is the one call (the CLI's ``--since``, ``summarize bench --update`` and,
later, the TUI use it); ``split_sets`` cuts one cluster into earlier and later reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from summarize import registry
from summarize.config import Config
from summarize.errors import UsageError
from summarize.load import unique_id
from summarize.model import Cluster, Conflict, Document, Sentence, Summary
from summarize.text import split_sentences

KNOWN_MARGIN = 0.1
"""A new sentence is known when it is grouped with an earlier one at the brief's threshold,
or when its similarity to one reaches ``threshold - KNOWN_MARGIN`` (0.35 for the hybrid
measure). The update is stricter than the brief: on the data sets' clusters the new
sentences at 0.35-0.45 from an earlier one were restatements ("The House approved the $1.9
trillion bill" / "The House gave final passage to a $1.9 trillion package"), while the facts
only the new reports carry lay at 0.1-0.3 (``eval.perf_update --known-at`` and the README)."""


@dataclass(frozen=True)
class Earlier:
    """What the reader already knows: earlier reports, or the sentences of earlier briefs."""

    cluster: Cluster
    """Its documents (positions 0..k-1, cited ``[E1]``..) and sentences."""
    label: str
    """How the output names it: ``3 earlier reports``, ``the brief in day1.json``."""


@dataclass(frozen=True)
class Known:
    """A new sentence left out because an earlier one states the same content."""

    sentence: Sentence
    """The new report's sentence."""
    known_from: Sentence
    """The most similar earlier sentence among those it is grouped or similar with."""
    similarity: float


@dataclass(frozen=True)
class Change:
    """A figure or a name about the same thing that the new reports give differently."""

    subject: str
    """What is counted (``hostages``, ``killed``, the noun after the number)."""
    before: tuple[tuple[str, str, str], ...]
    """``(value as written, doc_id, sentence)`` in the earlier reports."""
    after: tuple[tuple[str, str, str], ...]
    """The same in the new reports."""
    kind: str = "number"
    """``number`` (``summarize.conflicts``) or ``name`` (``summarize.renamed``)."""


@dataclass(frozen=True)
class Update:
    """An update brief and what it was measured against."""

    summary: Summary
    """The brief of the new reports' new content: a normal ``Summary`` whose documents are
    the new reports only (cited ``[1]``.. as in their full brief, so the two can stand side
    by side), each sentence's ``support`` the new reports that carry it, and whose
    ``conflicts`` are the changed facts (earlier values first)."""
    earlier: tuple[Document, ...]
    """The earlier documents, by position (cited ``[E1]``..)."""
    changed: tuple[Change, ...]
    known: tuple[Known, ...]
    """New sentences left out as already known, in input order."""
    since: str
    """``Earlier.label``."""

    @property
    def nothing_new(self) -> bool:
        return not self.summary.sentences and not self.changed

    @property
    def message(self) -> str:
        """The one line that says what the update holds (shown when it holds little)."""
        if self.nothing_new:
            return f"Nothing new since {self.since}."
        if not self.summary.sentences:
            n = len(self.changed)
            return (f"No new statements since {self.since}; {n} changed "
                    f"{'fact' if n == 1 else 'facts'}.")
        n = len(self.summary.sentences)
        return f"{n} new {'statement' if n == 1 else 'statements'} since {self.since}."


def update_brief(earlier: Earlier | Cluster, new: Cluster,
                 method: str = registry.DEFAULT_METHOD, config: Config | None = None,
                 known_at: float | None = None) -> Update:
    """The update brief of ``new`` for a reader who knows ``earlier`` (see the module doc).

    ``earlier`` is a cluster of earlier reports, or what ``summarize.since`` reads
    (``load_earlier(paths)`` for reports and JSON briefs mixed, ``read_brief(path)`` for
    one brief). ``known_at`` overrides the similarity at which a new sentence counts as
    known (``KNOWN_MARGIN``).

    For the TUI: ``update_brief(earlier, new_cluster, method, config).summary`` is a
    ``Summary`` to show beside ``pipeline.summarize(new_cluster, method, config)``: its
    sentences cite the same new reports by the same numbers; ``render_update`` renders the
    whole ``Update`` (changed facts, earlier sources) as the command does.
    """
    from summarize.pipeline import anchored, order
    from summarize.redundancy import (
        Readability,
        adjacency,
        choose,
        groups_from_pairs,
        with_shared_phrases,
    )
    from summarize.similarity import Pairs, for_cluster

    config = config or Config()
    if isinstance(earlier, Cluster):
        n = len(earlier.documents)
        earlier = Earlier(earlier, f"{n} earlier {'report' if n == 1 else 'reports'}")
    scores, method_options = _new_scores(new, method, config)
    both, old_docs = _combine(new, earlier.cluster)
    m = len(new.sentences)
    total = len(both.sentences)
    vectors = for_cluster(both, config.similarity)
    bar = config.threshold - KNOWN_MARGIN if known_at is None else known_at
    near = vectors.neighbours(min(bar, config.threshold))
    at = near.sims >= config.threshold - 1e-9  # the brief's own pairs: one search for both
    pairs = with_shared_phrases(both, Pairs(near.rows[at], near.cols[at], near.sims[at]),
                                config.threshold, vectors)
    adj = adjacency(total, pairs)
    groups = groups_from_pairs(total, pairs, config.threshold, config.similarity, vectors,
                               adj=adj)
    loose = near.sims >= bar - 1e-9
    extra = adjacency(total, Pairs(near.rows[loose], near.cols[loose], near.sims[loose]))
    known = _known(m, groups, adj + extra, vectors)
    exclude = np.zeros(total, dtype=bool)
    exclude[m:] = True
    for k in known:
        exclude[k[0]] = True
    full = np.concatenate((_discounted(scores, both, m, config.similarity),
                           np.full(total - m, -np.inf)))
    flags = Readability(both)
    earlier_texts = [x.text for x in both.sentences[m:]]
    for _ in range(RECHECKS + 1):
        choice = choose(both, full, config, vectors, exclude=exclude, pairs=pairs)
        chosen = [i for i in choice.chosen if not flags.fragment(i)]  # never the fallback's
        # A second opinion, as a reader would measure it: vectors fitted on the earlier
        # sentences and the chosen ones alone (other IDF weights, another centre) can find
        # a restatement the cluster's own could not; each is excluded and the choice made
        # again.
        again = restating([both.sentences[i].text for i in chosen], earlier_texts,
                          config.threshold, config.similarity)
        if not again:
            break
        for k, j, sim in again:
            exclude[chosen[k]] = True
            known.append((chosen[k], m + j, sim))
    else:  # the rechecks ran out: what the last one found stays out, however short the brief
        chosen = [i for i in chosen if not exclude[i]]
    items = order([choice.summary_sentence(both, i, float(full[i])) for i in chosen], config)
    old_ids = {d.id for d in old_docs}
    changed = _changes(choice.conflicts, old_ids) + _renames(both, known)
    conflicts = tuple(Conflict(group=-1, values=c.before + c.after,
                               description=f"{c.subject}: " + " vs ".join(
                                   f"{v} ({d})" for v, d, _t in c.before + c.after))
                      for c in changed)
    summary = Summary(method=method, sentences=tuple(items), documents=new.documents,
                      options=tuple(sorted({**dict(config.as_options()), **method_options,
                                            "known_at": round(bar, 4),
                                            "since": earlier.label}.items())),
                      removed=tuple(r for r in choice.removed if r.sentence.doc_id not in old_ids),
                      conflicts=conflicts, dropped=new.dropped)
    summary = anchored(summary, new)
    sents = both.sentences
    known_items = tuple(Known(sentence=sents[i], known_from=sents[j], similarity=round(s, 4))
                        for i, j, s in known)
    result = Update(summary=summary, earlier=old_docs, changed=changed, known=known_items,
                    since=earlier.label)
    if not items:
        result = replace(result, summary=replace(
            summary, warnings=(*summary.warnings, _lower(result.message.rstrip(".")))))
    return result


RECHECKS = 3
"""Times the choice is made again after the second opinion (``restating``) found a
restatement in it; in practice one is enough."""


def restating(texts: Sequence[str], earlier: Sequence[str], threshold: float = 0.45,
              similarity: str = "hybrid") -> list[tuple[int, int, float]]:
    """``(index in texts, index in earlier, similarity)`` for each of ``texts`` that states
    the content of an ``earlier`` sentence, measured on these texts alone: a pair at or above
    ``threshold`` (vectors fitted on ``earlier`` and ``texts`` only), or a shared quotation
    or distinctive number (``redundancy.with_shared_phrases``). The update checks its own
    choice with it; ``eval.perf_update`` measures old content with it."""
    from summarize.redundancy import with_shared_phrases
    from summarize.similarity import vectorize

    if not texts or not earlier:
        return []
    every = [*earlier, *texts]
    vectors = vectorize(every, similarity)
    sents = tuple(Sentence(t, "x", i, 0, len(t)) for i, t in enumerate(every))
    cluster = Cluster(documents=(Document("x", "", "", "", 0),), sentences=sents)
    pairs = with_shared_phrases(cluster, vectors.neighbours(threshold), threshold, vectors)
    k = len(earlier)
    best: dict[int, tuple[int, float]] = {}
    for r, c, sim in zip(pairs.rows.tolist(), pairs.cols.tolist(), pairs.sims.tolist(),
                         strict=True):
        if r < k <= c and (c - k not in best or sim > best[c - k][1]):
            best[c - k] = (r, sim)
    return [(i, j, sim) for i, (j, sim) in sorted(best.items())]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


UPDATE_OPTIONS = {"position": False}
"""Method options an update brief sets unless the user gives them: no position prior. A
report's first sentences sum up the story, which is what the reader of an update already
knows; on the seeds the position prior picked two new leads restating the Rafah warning
and the meeting over the facts only the new reports give (``eval.perf_update``, README)."""

NOVELTY_POWER = 2.0
"""Scores are multiplied by ``(1 - s) ** NOVELTY_POWER``, ``s`` a new sentence's closeness to
the nearest earlier sentence (``_closeness``)."""


def _discounted(scores: np.ndarray, both: Cluster, m: int, similarity: str) -> np.ndarray:
    """Scores charged for how close each new sentence comes to what was said before.

    The method's scores measure importance among the new reports, and what the new reports
    share is mostly the story the reader knows: the restatements that stay under the known
    bar (a warning in other words) are the most central sentences. The coverage selection
    charges a candidate for what it repeats of the brief (``coverage.Settings.repeat_cost``);
    here the earlier reports count as said, and the charge is stronger (squared), as a
    reader of an update wants the new more than the central.
    """
    scores = np.asarray(scores, dtype=float)
    if len(both.sentences) == m or scores.size == 0:
        return scores
    finite = np.isfinite(scores)
    base = scores - min(0.0, float(scores[finite].min())) if finite.any() else scores
    closeness = _closeness(both, m, similarity)
    return np.where(finite, base * (1.0 - closeness) ** NOVELTY_POWER, scores)


def _closeness(both: Cluster, m: int, similarity: str) -> np.ndarray:
    """Per new sentence, the cosine to the nearest earlier sentence in [0, 1]: of the static
    embeddings *before* centring for the hybrid measure (centring takes out the story's
    common topic, which is exactly what the reader already knows; measured on the seeds,
    restatements the hybrid measure put at 0.2-0.3 sit at 0.75-0.8, facts only the new
    reports give at 0.5-0.7), else of the measure's own vectors."""
    from summarize.similarity import vectorize

    texts = [s.text for s in both.sentences]
    if similarity == "hybrid":
        from summarize import embeddings

        emb = embeddings.encode(texts).astype(np.float64)
        closest = np.zeros(m)
        for lo in range(m, len(texts), 1024):
            block = np.einsum("ik,jk->ij", emb[:m], emb[lo:lo + 1024])
            closest = np.maximum(closest, block.max(axis=1))
        return np.clip(closest, 0.0, 1.0)
    vectors = vectorize(texts, similarity)
    closest = np.zeros(m)
    for lo in range(m, len(texts), 256):
        cols = np.arange(lo, min(len(texts), lo + 256))
        closest = np.maximum(closest, vectors.columns(cols)[:m].max(axis=1))
    return np.clip(closest, 0.0, 1.0)


def _takes(cls: type, name: str) -> bool:
    from summarize.options import parameters

    found = parameters(cls)
    return found is not None and name in found[0]


def _new_scores(new: Cluster, method: str, config: Config) -> tuple[np.ndarray, dict]:
    """The method's scores of the new reports' sentences, on the new reports alone, and the
    method options they were computed with (``UPDATE_OPTIONS`` applied)."""
    entry = registry.get(method)
    if entry.kind == "abstractive":
        raise UsageError(f"--since: update briefs choose among the new reports' own sentences; "
                         f"method {method!r} writes new ones. Use an extractive method "
                         f"(e.g. {registry.DEFAULT_METHOD})")
    if config.min_support > len(new.documents):
        raise UsageError(f"--min-support {config.min_support}: the new input has only "
                         f"{len(new.documents)} documents")
    options = dict(config.method_options)
    if "position" not in options and _takes(entry.load(), "position"):
        options["position"] = UPDATE_OPTIONS["position"]
    try:
        impl = entry.create(**options)
    except TypeError as exc:
        raise UsageError(f"bad option for method {method!r}: {exc}") from None
    if not new.sentences:  # nothing to score: the update says nothing is new
        return np.zeros(0), dict(options)
    scores = np.asarray(impl.score(new), dtype=float)
    if scores.shape != (len(new.sentences),):
        raise RuntimeError(f"{method} returned {scores.shape} scores for "
                           f"{len(new.sentences)} sentences")
    return scores, dict(options)


def _combine(new: Cluster, earlier: Cluster) -> tuple[Cluster, tuple[Document, ...]]:
    """One cluster of the new reports (first, positions as given) and the earlier ones
    (after them), earlier ids made unique against the new ones; and the earlier documents
    with those ids and their own positions (for ``[E1]`` citations)."""
    taken = {d.id for d in new.documents}
    m = len(new.documents)
    renamed: dict[str, str] = {}
    old_docs: list[Document] = []
    docs = list(new.documents)
    for doc in sorted(earlier.documents, key=lambda d: d.position):
        doc_id = unique_id(doc.id, taken)
        renamed[doc.id] = doc_id
        old_docs.append(replace(doc, id=doc_id))
        docs.append(replace(doc, id=doc_id, position=m + doc.position))
    shifted = tuple(replace(s, doc_id=renamed[s.doc_id], position=m + s.position)
                    for s in earlier.sentences)
    both = Cluster(documents=tuple(docs), sentences=new.sentences + shifted,
                   dropped=new.dropped, id=new.id, references=new.references)
    return both, tuple(old_docs)


def _known(m: int, groups, adj, vectors) -> list[tuple[int, int, float]]:  # noqa: ANN001
    """``(new index, earlier index, similarity)`` for each new sentence whose group or
    neighbours hold an earlier sentence (indexes into ``both.sentences``)."""
    labels = np.asarray(groups.labels, dtype=np.int64)
    earlier_groups = set(labels[m:].tolist())
    out = []
    for i in range(m):
        nb = adj.indices[adj.indptr[i]:adj.indptr[i + 1]]
        cand = set(nb[nb >= m].tolist())
        if int(labels[i]) in earlier_groups:
            cand.update(j for j in groups.members(int(labels[i])) if j >= m)
        if not cand:
            continue
        idx = np.asarray(sorted(cand), dtype=np.int64)
        sims = vectors.similarities(i, idx)
        best = int(np.lexsort((idx, -sims))[0])
        out.append((i, int(idx[best]), float(sims[best])))
    return out


def _changes(conflicts: tuple[Conflict, ...], earlier_ids: set[str]) -> tuple[Change, ...]:
    """The conflicts with a value in an earlier report and one in a new report."""
    out = []
    for c in conflicts:
        before = tuple(v for v in c.values if v[1] in earlier_ids)
        after = tuple(v for v in c.values if v[1] not in earlier_ids)
        if before and after:
            subject = c.description.partition(":")[0]
            out.append(Change(subject=subject, before=before, after=after))
    return tuple(out)


def _renames(both: Cluster, known: list[tuple[int, int, float]]) -> tuple[Change, ...]:
    """Names a new sentence puts in place of one in the earlier sentence it restates."""
    from summarize.renamed import renamed

    out: dict[tuple[str, str], Change] = {}
    sents = both.sentences
    for i, j, _sim in known:
        found = renamed(sents[j].text, sents[i].text)
        if found is None or (found.before, found.after) in out:
            continue
        out[(found.before, found.after)] = Change(
            subject=f"name after “{found.context}”",
            before=((found.before, sents[j].doc_id, sents[j].text),),
            after=((found.after, sents[i].doc_id, sents[i].text),), kind="name")
    return tuple(out.values())


def split_sets(cluster: Cluster) -> tuple[Cluster, Cluster, str]:
    """Earlier and later reports of one cluster, and how they were told apart.

    By the documents' ``set`` (``A`` earlier, ``B`` later) where the data gives one; else the
    earlier half of the documents in their given order (``n // 2`` of them) and the rest; a
    single document (a pool of reviews) is cut the same way by its lines.
    """
    from summarize.load import build_cluster

    docs = cluster.documents
    if any(d.set for d in docs):
        if not all(d.set for d in docs):
            missing = next(d.id for d in docs if not d.set)
            raise UsageError(f"cluster {cluster.id!r}: document {missing!r} has no \"set\" "
                             "while others do; give every document set A or B")
        old = [d for d in docs if d.set == "A"]
        new = [d for d in docs if d.set == "B"]
        how = "set"
    elif len(docs) > 1:
        old, new = list(docs[:len(docs) // 2]), list(docs[len(docs) // 2:])
        how = "halves"
    else:
        old, new = _halve_lines(docs[0]) if docs else ([], [])
        how = "lines"
    if not new:
        raise UsageError(f"cluster {cluster.id!r}: no later reports (set B) to summarize")

    if how == "lines":
        before, after = (build_cluster([replace(d, position=k) for k, d in enumerate(part)],
                                       id=cluster.id, references=cluster.references)
                         for part in (old, new))
        return before, after, how
    # The sentences as already split and cleaned: no second pass over the text.
    return _subcluster(cluster, old), _subcluster(cluster, new), how


def _subcluster(cluster: Cluster, part: list[Document]) -> Cluster:
    ids = {d.id: k for k, d in enumerate(part)}
    docs = tuple(replace(d, position=ids[d.id]) for d in part)
    sents = tuple(replace(s, position=ids[s.doc_id]) for s in cluster.sentences
                  if s.doc_id in ids)
    sents = tuple(sorted(sents, key=lambda s: (s.position, s.index)))
    dropped = tuple(d for d in cluster.dropped if d.doc_id in ids)
    return Cluster(documents=docs, sentences=sents, dropped=dropped, id=cluster.id,
                   references=cluster.references, language=cluster.language)


def _halve_lines(doc: Document) -> tuple[list[Document], list[Document]]:
    """One document cut in two at the middle of its lines (its sentences, when it is one
    line), as an earlier and a later document."""
    lines = [line for line in doc.text.split("\n") if line.strip()]
    if len(lines) < 2:
        lines = [doc.text[a:b] for a, b in split_sentences(doc.text)]
    half = len(lines) // 2
    parts = ("\n".join(lines[:half]), "\n".join(lines[half:]))
    made = [replace(doc, id=f"{doc.id}-{tag}", text=text, set=tag)
            for tag, text in zip("AB", parts, strict=True) if text.strip()]
    return [d for d in made if d.set == "A"], [d for d in made if d.set == "B"]
