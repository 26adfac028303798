"""``fusion``: the default abstractive method, which needs no model weights.

Sentences that state the same content across documents (a redundancy group) are
fused into one new sentence by multi-sentence compression over a word graph
(``summarize.methods.wordgraph``). Content that several documents repeat is what a
brief should say, and repetition is exactly what the word graph rewards, so fusion
and multi-document summarization fit each other: the new sentence keeps the shared
words and drops details only one source gives.

Each group offers its few best fused candidates and its best source sentence, unchanged
(``generated=False``); a group whose sentences cannot be fused into a readable sentence
offers only the latter. The brief is filled greedily, best value per word first, where
an option's value is its group's prior (an extractive scorer plus how many documents and
sentences repeat it, plus a bonus for being fused) and the cluster's common content words
it adds. The output order is the pipeline's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from summarize.config import Config
from summarize.methods.wordgraph import Candidate, WordGraph
from summarize.model import Cluster, Sentence, Summary, SummarySentence
from summarize.pipeline import order
from summarize.text import content_terms, count_words, words


@dataclass(frozen=True)
class _Groups:
    """Fallback redundancy groups, used only while ``summarize.redundancy`` is unavailable."""

    labels: tuple[int, ...]

    @property
    def count(self) -> int:
        return max(self.labels, default=-1) + 1

    def members(self, gid: int) -> tuple[int, ...]:
        return tuple(i for i, g in enumerate(self.labels) if g == gid)


@dataclass(frozen=True)
class _Option:
    """One way to say a group in the brief: a fused candidate or a source sentence."""

    item: SummarySentence
    terms: frozenset[str]
    length: int
    vector: dict[str, float] = field(compare=False, hash=False)


class Fusion:
    """Fuse each redundancy group into new sentences; fill the budget by coverage per word.

    Options (all keyword, as the CLI passes them):

    * ``threshold``: similarity for grouping (None: ``--redundancy``). Looser than the filter
      (0.35 against 0.5) because paraphrases share fewer words than repeats, and the word
      graph itself only merges sentences where they share phrases; the same threshold
      decides which chosen sentences repeat each other.
    * ``min_words``: shortest fused sentence allowed (words).
    * ``max_ratio``: longest fused sentence, as a multiple of the longest source in its group.
    * ``overlap``: words two sources must share consecutively where the path switches source.
    * ``max_members``: sentences of a group fed to the word graph (best scored first).
    * ``scorer``: registered extractive method ranking sentences (falls back to centroid
      terms). Centroid by default: it rewards sentences made of the cluster's common words,
      which is what a fused sentence is built from, while LexRank rewards being similar to
      many *sentences*, which favours long ones the budget cannot afford.
    * ``support_weight`` / ``size_weight``: bonus for groups many documents / sentences repeat.
    * ``fused_weight``: bonus for a fused option: it states in one go what two or more
      sources agree on, which is the point of an abstractive brief.
    * ``candidates``: fused candidates per group that compete in the selection (the word
      graph's best first); the group's best source sentence always competes too.
    * ``coverage``: weight of the content words an option adds to the brief, each worth the
      share of the cluster's sentences that use it (Boudin & Morin rerank by keyphrases of
      the group; the budget is better spent on the words the whole cluster repeats).
    * ``cost_exponent``: options are taken by value / words ** cost_exponent (Lin & Bilmes'
      cost-scaled greedy): 1 would pack short sentences however thin, 0 ignore length.
    """

    def __init__(self, threshold: float | None = 0.35, min_words: int = 6,
                 max_ratio: float = 1.0, overlap: int = 2, max_members: int = 12,
                 scorer: str = "centroid", support_weight: float = 1.0,
                 size_weight: float = 0.5, fused_weight: float = 1.0, candidates: int = 3,
                 coverage: float = 1.0, cost_exponent: float = 0.5,
                 max_expansions: int = 20_000) -> None:
        self.threshold = threshold
        self.min_words = int(min_words)
        self.max_ratio = float(max_ratio)
        self.overlap = int(overlap)
        self.max_members = int(max_members)
        self.scorer = scorer
        self.support_weight = float(support_weight)
        self.size_weight = float(size_weight)
        self.fused_weight = float(fused_weight)
        self.candidates = max(1, int(candidates))
        self.coverage = float(coverage)
        self.cost_exponent = float(cost_exponent)
        self.max_expansions = int(max_expansions)

    def __call__(self, cluster: Cluster, config: Config) -> Summary:
        if not cluster.sentences:
            return Summary(method="fusion", sentences=(), documents=cluster.documents,
                           options=config.as_options(), dropped=cluster.dropped)
        threshold = self.threshold if self.threshold is not None else config.threshold
        options: list[_Option] = []
        for gid, members, prior in self.groups(cluster, config):
            for item in self.options(cluster, gid, members, prior):
                if words(item.text):  # punctuation debris says nothing
                    options.append(_Option(item, frozenset(content_terms(item.text)),
                                           count_words(item.text), _unit(item.text)))
        chosen = self._choose(options, _term_weights(cluster), config, threshold)
        picked = order([options[i].item for i in chosen], config)
        return Summary(method="fusion", sentences=tuple(picked), documents=cluster.documents,
                       options=config.as_options(), dropped=cluster.dropped)

    def groups(self, cluster: Cluster,
               config: Config) -> list[tuple[int, tuple[int, ...], float]]:
        """``(group id, member indexes, prior)`` of every group with enough support. The prior
        is the best member's score plus bonuses for the documents and sentences repeating it."""
        self._scores = sentence_scores(cluster, self.scorer)
        threshold = self.threshold if self.threshold is not None else config.threshold
        groups = find_groups(cluster, threshold, config.similarity)
        sents = cluster.sentences
        n_docs = max(1, len({s.doc_id for s in sents}))
        biggest = max((len(groups.members(g)) for g in range(groups.count)), default=1)
        out = []
        for gid in range(groups.count):
            members = groups.members(gid)
            docs = {sents[i].doc_id for i in members}
            if not members or len(docs) < config.min_support:
                continue
            prior = max(float(self._scores[i]) for i in members)
            prior += self.support_weight * (len(docs) - 1) / max(1, n_docs - 1)
            if biggest > 1:
                prior += self.size_weight * math.log(len(members)) / math.log(biggest)
            out.append((gid, tuple(members), prior))
        return out

    def options(self, cluster: Cluster, gid: int, members: tuple[int, ...],
                prior: float) -> list[SummarySentence]:
        """The group's best fused candidates (``candidates`` of them, each built from two or
        more documents where the group has them), then its best source sentence."""
        sents = cluster.sentences
        scores = self._scores
        by_score = sorted(members, key=lambda i: (-float(scores[i]), i))
        ranked = sorted(by_score[:self.max_members])  # source order: deterministic, as read
        all_members = tuple(sents[i] for i in members)
        support = tuple(sorted({s.doc_id for s in all_members},
                               key=lambda d: min(s.position for s in all_members
                                                 if s.doc_id == d)))
        out: list[SummarySentence] = []
        if len(ranked) > 1:
            docs_in_group = len({sents[i].doc_id for i in ranked})
            graph = WordGraph([sents[i].text for i in ranked], min_words=self.min_words,
                              max_ratio=self.max_ratio, overlap=self.overlap,
                              max_expansions=self.max_expansions)
            for cand in graph.candidates():
                used = [sents[ranked[m]] for m in cand.members]
                if len({s.doc_id for s in used}) >= min(2, docs_in_group):
                    out.append(_fused(cand, used, prior + self.fused_weight, support, gid,
                                      all_members))
                    if len(out) >= self.candidates:
                        break
        top = sents[by_score[0]]
        out.append(SummarySentence(text=top.text, sources=(top,), score=prior, support=support,
                                   group=gid, group_members=all_members))
        return out

    def _choose(self, options: list[_Option], weights: dict[str, float], config: Config,
                threshold: float) -> list[int]:
        """Cost-scaled greedy: take the option with the best (prior + coverage gain) per
        words ** cost_exponent that fits the budget, says a new group and repeats no chosen
        sentence; ties go to the earlier option (group order, fused first)."""
        budget = config.budget
        chosen: list[int] = []
        groups: set[int | None] = set()
        covered: set[str] = set()
        used = 0
        while budget.sentences is None or len(chosen) < budget.sentences:
            best, best_value = -1, -math.inf
            for i, opt in enumerate(options):
                if opt.item.group in groups or opt.length == 0:
                    continue
                if budget.words is not None and used + opt.length > budget.words:
                    continue
                gain = sum(weights.get(t, 0.0) for t in opt.terms - covered)
                value = (opt.item.score + self.coverage * gain) / opt.length ** self.cost_exponent
                if value <= best_value:
                    continue
                # Two groups can still overlap once fused; keep the brief saying each thing once.
                if any(_cosine(opt.vector, options[j].vector) >= threshold for j in chosen):
                    continue
                best, best_value = i, value
            if best < 0:
                break
            chosen.append(best)
            groups.add(options[best].item.group)
            covered |= options[best].terms
            used += options[best].length
        return chosen

    def fuse(self, cluster: Cluster, gid: int, members: tuple[int, ...], scores: np.ndarray,
             score: float) -> SummarySentence:
        """One sentence for the group: its best fused candidate, else its best source."""
        self._scores = scores
        return self.options(cluster, gid, members, score)[0]


def _term_weights(cluster: Cluster) -> dict[str, float]:
    """Each content term's share of the cluster's sentences, relative to the commonest term:
    what the cluster keeps saying is what its summary should say."""
    df: dict[str, int] = {}
    for s in cluster.sentences:
        for t in set(content_terms(s.text)):
            df[t] = df.get(t, 0) + 1
    top = max(df.values(), default=1)
    return {t: c / top for t, c in df.items()}


def _fused(cand: Candidate, used: list[Sentence], score: float, support: tuple[str, ...],
           gid: int, members: tuple[Sentence, ...]) -> SummarySentence:
    return SummarySentence(text=cand.text, sources=tuple(used), score=score, support=support,
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
    terms = [content_terms(s.text) for s in cluster.sentences]
    for s, ts in zip(cluster.sentences, terms, strict=True):
        for t in ts:
            df.setdefault(t, set()).add(s.doc_id)
    return np.array([sum(len(df[t]) for t in ts) / (n_docs * len(ts)) if ts else 0.0
                     for ts in terms])


def find_groups(cluster: Cluster, threshold: float, similarity: str = "lexical"):  # noqa: ANN201
    """Redundancy groups from ``summarize.redundancy``; a lexical leader clustering without it."""
    try:
        from summarize.redundancy import find_groups as shared
    except ImportError:
        return _leader_groups(cluster, threshold)
    return shared(cluster, threshold, similarity=similarity)


def _unit(text: str) -> dict[str, float]:
    v: dict[str, float] = {}
    for t in content_terms(text):
        v[t] = v.get(t, 0.0) + 1.0
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def _leader_groups(cluster: Cluster, threshold: float) -> _Groups:
    vecs = [_unit(s.text) for s in cluster.sentences]
    labels: list[int] = []
    leaders: list[int] = []
    for i, v in enumerate(vecs):
        best, best_sim = -1, threshold
        for g, j in enumerate(leaders):
            sim = _cosine(v, vecs[j])
            if sim >= best_sim and (best < 0 or sim > best_sim):
                best, best_sim = g, sim
        if best < 0:
            leaders.append(i)
            best = len(leaders) - 1
        labels.append(best)
    return _Groups(tuple(labels))
