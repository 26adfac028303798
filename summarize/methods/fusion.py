"""``fusion``: the default abstractive method, which needs no model weights.

Sentences that state the same content are fused into new sentences by multi-sentence
compression over a word graph (``summarize.methods.wordgraph``). Content that several
sources repeat is what a brief should say, and repetition is exactly what the word graph
rewards: a fused sentence keeps the shared words and drops details only one source gives.

Where the sentences to fuse come from:

* each redundancy group (sentences of different documents saying the same thing, from
  ``summarize.redundancy`` at a looser threshold than the filter's): its few best fused
  sentences;
* the neighbourhoods of the cluster's most central sentences (each with its nearest
  neighbours by TF-IDF cosine): groups are strict and on a pool of opinions most are
  single sentences, while a neighbourhood gathers the many ways a point is put. On
  Opinosis this is where most of the fused sentences in the summaries come from.

Every source sentence competes too, unchanged (``generated=False``). The brief is then
filled greedily by concept coverage (``summarize.methods.concepts``, after Gillick & Favre
2009): the option that adds the most weight of not yet covered repeated word pairs per word
and fits the budget, at most one option per redundancy group and none too similar to one
already chosen. The output order is the pipeline's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from summarize import tokens
from summarize.config import Config
from summarize.errors import UsageError
from summarize.methods import concepts
from summarize.methods.wordgraph import Candidate, WordGraph
from summarize.model import Cluster, Sentence, Summary, SummarySentence
from summarize.pipeline import order
from summarize.redundancy import Groups, find_groups
from summarize.text import content_terms, count_words, current_language, words

EXPONENT_MAX = 10.0
"""Largest ``position_decay`` or ``cost_exponent``: 10 already makes a second place or a
second word count for nothing; far beyond, ``x ** exponent`` overflows."""


@dataclass(frozen=True)
class _Option:
    """One way to say something in the brief: a fused sentence or a source sentence."""

    item: SummarySentence
    concepts: frozenset[concepts.Concept]
    length: int
    vector: dict[str, float]


class Fusion:
    """Fuse groups and neighbourhoods of sentences; fill the budget by concept coverage.

    Options (all keyword, as the CLI passes them):

    * ``threshold``: similarity for grouping. Looser than the filter (0.35 against 0.5)
      because paraphrases share fewer words than repeats, and the word graph itself only
      merges sentences where they share phrases.
    * ``min_words``: shortest fused sentence allowed (words).
    * ``max_ratio``: longest fused sentence, as a multiple of the longest source fused.
    * ``overlap``: words two sources must share consecutively where the path switches source.
    * ``max_members``: sentences of a group fed to the word graph (best scored first).
    * ``candidates``: fused sentences kept per group or neighbourhood (the graph's best first).
    * ``neighbourhoods``: how many of the most central sentences have their neighbourhood
      fused (0: groups only).
    * ``neighbours`` / ``neighbour_similarity``: the nearest sentences joined to each, and the
      TF-IDF cosine they need.
    * ``position_decay`` / ``rare``: concept weights (``summarize.methods.concepts``).
    * ``cost_exponent``: options are taken by coverage gain / words ** cost_exponent: 1 is
      gain per word, which favours short sentences however thin; 0 would ignore length.
    * ``fused_bonus``: a fused option's gain is multiplied by it. This is an abstractive
      method: where a merged sentence covers at least half as much per word as the best
      source sentence, the brief says it in merged form (one sentence credited to several
      reports). Measured: at 1 the seed brief had 2 fused sentences of 5 and Opinosis
      R1/R2 42.11/19.39; at 2, 4 of 5 and 42.84/22.12.
    * ``scorer``: registered extractive method ranking a group's sentences, to pick the
      ``max_members`` fed to the graph.
    * ``fuse``: False offers source sentences only: the same selection, extractive. The
      benchmark (``eval.perf_fusion``) prints it beside fusion, to show what fusing adds.

    Outside English (``summarize.text.using``) nothing is fused, whatever ``fuse`` says,
    and the Summary warns so: the word graph decides where a path may switch source and
    whether a fused sentence is whole by English's verb lists, determiners and stop words
    (``summarize.methods.wordgraph``), so in German or Chinese it would write fragments no
    test catches. The selection by concept coverage is language-neutral and runs as usual.
    """

    def __init__(self, threshold: float | None = 0.35, min_words: int = 6,
                 max_ratio: float = 1.0, overlap: int = 2, max_members: int = 12,
                 candidates: int = 3, neighbourhoods: int = 30, neighbours: int = 12,
                 neighbour_similarity: float = 0.15, position_decay: float = 0.5,
                 rare: float = 0.1, cost_exponent: float = 0.7, fused_bonus: float = 2.0,
                 scorer: str = "centroid", max_expansions: int = 20_000,
                 fuse: bool = True) -> None:
        self.threshold = threshold
        self.min_words = int(min_words)
        self.max_ratio = float(max_ratio)
        self.overlap = int(overlap)
        self.max_members = int(max_members)
        self.candidates = max(1, int(candidates))
        self.neighbourhoods = max(0, int(neighbourhoods))
        self.neighbours = max(1, int(neighbours))
        self.neighbour_similarity = float(neighbour_similarity)
        self.position_decay = float(position_decay)
        self.rare = float(rare)
        self.cost_exponent = float(cost_exponent)
        for name in ("position_decay", "cost_exponent"):
            if getattr(self, name) > EXPONENT_MAX:  # past this, powers overflow floats
                raise UsageError(f"option {name} for method 'fusion': at most {EXPONENT_MAX}")
        self.fused_bonus = float(fused_bonus)
        self.scorer = scorer
        self.max_expansions = int(max_expansions)
        self.fuse = bool(fuse)

    def __call__(self, cluster: Cluster, config: Config) -> Summary:
        if not cluster.sentences:
            return Summary(method="fusion", sentences=(), documents=cluster.documents,
                           options=config.as_options(), dropped=cluster.dropped)
        groups = self.groups(cluster, config)
        language = current_language()
        fuse = self.fuse and language == "english"
        fused = [f for f in self.fused(cluster, groups) if len(f.support) >= config.min_support] \
            if fuse else []
        items = [*fused, *self.sources(cluster, groups, config)]
        if config.readable:
            items = _readable(items, cluster) or items
        at = {s.text: k for k, s in reversed(list(enumerate(cluster.sentences)))}
        options = [_Option(it, *_measured(it.text, cluster, at)) for it in items
                   if words(it.text)]  # punctuation debris says nothing
        weight = concepts.weights(cluster, self.position_decay, self.rare)
        chosen = self._choose(options, weight, config)
        picked = order([replace(options[i].item, score=value) for i, value in chosen], config)
        said = () if fuse or not self.fuse else (
            f"fusion: {language}: the word graph's guards (verbs, fragments, well-formed "
            "paths) are English's; the brief selects source sentences only, none fused",)
        return Summary(method="fusion", sentences=tuple(picked), documents=cluster.documents,
                       options=config.as_options(), dropped=cluster.dropped, warnings=said)

    def groups(self, cluster: Cluster, config: Config) -> Groups:
        """The redundancy groups fusion works with (its own, looser threshold)."""
        threshold = self.threshold if self.threshold is not None else config.threshold
        return find_groups(cluster, threshold, config.similarity)

    def fused(self, cluster: Cluster, groups: Groups) -> list[SummarySentence]:
        """Every fused candidate: each group's, then each neighbourhood's; no text twice."""
        scores = sentence_scores(cluster, self.scorer)
        sents = cluster.sentences
        out: list[SummarySentence] = []
        seen: set[str] = set()

        def add(members: list[int], gid: int, group_members: tuple[Sentence, ...]) -> None:
            # Where the inputs come from two or more documents, so must the fused sentence:
            # that is what makes it a merge of reports rather than a rewrite of one.
            need = min(2, len({sents[i].doc_id for i in members}))
            kept = 0
            for cand in self._graph([sents[i].text for i in members]):
                used = tuple(sents[members[m]] for m in cand.members)
                if cand.text in seen or len({u.doc_id for u in used}) < need:
                    continue
                seen.add(cand.text)
                out.append(_fused(cand, used, gid, group_members or used))
                kept += 1
                if kept >= self.candidates:
                    break

        for gid in range(groups.count):
            members = groups.members(gid)
            if len(members) < 2:
                continue
            best = sorted(members, key=lambda i: (-float(scores[i]), i))[:self.max_members]
            add(sorted(best), gid, tuple(sents[i] for i in members))
        for seed, near in self._neighbourhoods(cluster):
            add(sorted([seed, *near]), groups.labels[seed], ())
        return out

    def _graph(self, texts: list[str]) -> list[Candidate]:
        """The fused candidates of some sentences, best first."""
        graph = WordGraph(texts, min_words=self.min_words, max_ratio=self.max_ratio,
                          overlap=self.overlap, max_expansions=self.max_expansions)
        return graph.candidates()

    def _neighbourhoods(self, cluster: Cluster) -> list[tuple[int, list[int]]]:
        """``(seed, neighbours)`` for the most central sentences (sum of cosines to all
        others), each with its nearest neighbours above ``neighbour_similarity``."""
        if not self.neighbourhoods or len(cluster.sentences) < 2:
            return []
        from summarize.methods.features import Features, graph

        x = Features.of(cluster).tfidf
        centrality = np.asarray(x @ np.asarray(x.sum(axis=0)).ravel()).ravel()
        seeds = np.lexsort((np.arange(len(centrality)), -centrality))[:self.neighbourhoods]
        # Rows are the seeds, columns all sentences: each seed finds itself (cosine 1) among
        # its top k + 1, and is dropped below.
        near = graph(x[seeds], x, threshold=self.neighbour_similarity,
                     top_k=self.neighbours + 1, self_loops=True)
        out = []
        for row, seed in enumerate(seeds):
            cols = near.indices[near.indptr[row]:near.indptr[row + 1]]
            others = sorted(int(j) for j in cols if j != seed)
            if others:
                out.append((int(seed), others))
        return out

    def sources(self, cluster: Cluster, groups: Groups,
                config: Config) -> list[SummarySentence]:
        """Every source sentence as an option, credited to the documents of its group."""
        out = []
        for i, s in enumerate(cluster.sentences):
            gid = groups.labels[i]
            support = groups.support(cluster, gid)
            if len(support) < config.min_support:
                continue
            members = tuple(cluster.sentences[j] for j in groups.members(gid))
            out.append(SummarySentence(text=s.text, sources=(s,), score=0.0, support=support,
                                       group=gid, group_members=members))
        return out

    def _choose(self, options: list[_Option], weight: dict[concepts.Concept, float],
                config: Config) -> list[tuple[int, float]]:
        """Greedy concept coverage: take the option with the most new concept weight per
        words ** cost_exponent that fits the budget, says a group not yet said and is not
        a repeat (``config.threshold``, the redundancy filter's) of a chosen option; ties go
        to the earlier option (fused before sources, then input order). Returns ``(option,
        value)`` in the order taken: the value is the option's score in the summary."""
        budget = config.budget
        chosen: list[tuple[int, float]] = []
        groups: set[int | None] = set()
        covered: set[concepts.Concept] = set()
        used = 0
        while budget.sentences is None or len(chosen) < budget.sentences:
            best, best_value = -1, 0.0
            for i, opt in enumerate(options):
                if opt.item.group in groups or opt.length == 0:
                    continue
                if budget.words is not None and used + opt.length > budget.words:
                    continue
                value = concepts.gain(opt.concepts, covered, weight)
                value /= opt.length ** self.cost_exponent
                if opt.item.generated:
                    value *= self.fused_bonus
                if value <= best_value:
                    continue
                if any(_cosine(opt.vector, options[j].vector) >= config.threshold
                       for j, _ in chosen):
                    continue
                best, best_value = i, value
            if best < 0:
                break
            chosen.append((best, best_value))
            groups.add(options[best].item.group)
            covered |= options[best].concepts
            used += options[best].length
        return chosen


def _readable(items: list[SummarySentence], cluster: Cluster) -> list[SummarySentence]:
    """The options a brief can say on their own: no fragment, no opening that leans on a
    sentence the brief may not give (``summarize.readability``). Fusion picks its options
    one by one, without the antecedent bookkeeping of the extractive selection, so a leaning
    sentence is left out rather than placed after its antecedent."""
    from summarize.readability import cannot_stand_alone, needs_antecedent
    from summarize.redundancy import Readability

    flags = Readability(cluster)

    def fragment(it: SummarySentence) -> bool:
        if it.sources:
            return flags.is_fragment(it.text, it.sources[0].doc_id)
        return cannot_stand_alone(it.text)

    return [it for it in items if not fragment(it) and not needs_antecedent(it.text)]


def _fused(cand: Candidate, used: tuple[Sentence, ...], gid: int,
           members: tuple[Sentence, ...]) -> SummarySentence:
    support = tuple(sorted({s.doc_id for s in members},
                           key=lambda d: min(s.position for s in members if s.doc_id == d)))
    return SummarySentence(text=cand.text, sources=used, score=-cand.score, support=support,
                           group=gid, group_members=members, generated=True)


def sentence_scores(cluster: Cluster, scorer: str = "lexrank") -> np.ndarray:
    """Scores in [0, 1] from a registered extractive scorer; centroid terms if it is missing.

    Falling back keeps fusion usable while the scorers are optional or being built.
    """
    raw: np.ndarray | None = None
    try:
        from summarize import registry

        raw = np.asarray(registry.get(scorer).create().score(cluster), dtype=float)
        if raw.shape != (len(cluster.sentences),) or not np.all(np.isfinite(raw)):
            raw = None
    except (ImportError, AttributeError, KeyError, ValueError):
        raw = None
    except Exception as exc:  # noqa: BLE001 - a broken scorer must not sink the brief
        from summarize.errors import SummarizeError

        if isinstance(exc, SummarizeError) and "unknown method" not in str(exc):
            raise
        raw = None
    if raw is None:
        raw = _centroid(cluster)
    lo, hi = float(raw.min()), float(raw.max())
    return (raw - lo) / (hi - lo) if hi > lo else np.ones_like(raw)


def _centroid(cluster: Cluster) -> np.ndarray:
    """Mean share of documents using each content term of the sentence."""
    n_docs = max(1, len(cluster.documents))
    df: dict[str, set[str]] = {}
    terms = tokens.terms(cluster)
    for s, ts in zip(cluster.sentences, terms, strict=True):
        for t in ts:
            df.setdefault(t, set()).add(s.doc_id)
    return np.array([sum(len(df[t]) for t in ts) / (n_docs * len(ts)) if ts else 0.0
                     for ts in terms])


def _measured(text: str, cluster: Cluster, at: dict[str, int]
              ) -> tuple[frozenset, int, dict[str, float]]:
    """Concepts, length and unit term vector of a candidate: a source sentence's (``at``: its
    index by text) from the cluster's one tokenisation (``summarize.tokens``), a fused
    one's from its own text."""
    k = at.get(text)
    if k is None:
        return concepts.concepts(text), count_words(text), _unit(content_terms(text))
    return (concepts.of_words(tokens.words(cluster)[k]), count_words(text),
            _unit(tokens.terms(cluster)[k]))


def _unit(terms: Sequence[str]) -> dict[str, float]:
    v: dict[str, float] = {}
    for t in terms:
        v[t] = v.get(t, 0.0) + 1.0
    norm = sum(x * x for x in v.values()) ** 0.5 or 1.0
    return {k: x / norm for k, x in v.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(x * b.get(k, 0.0) for k, x in a.items())
