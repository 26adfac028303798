"""``fusion``: the default abstractive method, which needs no model weights.

Sentences that state the same content across documents (a redundancy group) are
fused into one new sentence by multi-sentence compression over a word graph
(``summarize.methods.wordgraph``). Content that several documents repeat is what a
brief should say, and repetition is exactly what the word graph rewards, so fusion
and multi-document summarization fit each other: the new sentence keeps the shared
words and drops details only one source gives.

Groups are ranked by an extractive scorer (LexRank where present) plus how many
documents and sentences support them; the budget and output order are the
pipeline's. A group whose sentences cannot be fused into a readable sentence is
represented by its best source sentence, unchanged (``generated=False``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from summarize.config import Config
from summarize.methods.wordgraph import Candidate, WordGraph
from summarize.model import Cluster, Sentence, Summary, SummarySentence
from summarize.pipeline import order
from summarize.select import select
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


class Fusion:
    """Fuse each redundancy group into one sentence; fill the budget best group first.

    Options (all keyword, as the CLI passes them):

    * ``threshold``: similarity for grouping (None: ``--redundancy``). Looser than the filter
      (0.35 against 0.5) because paraphrases share fewer words than repeats, and the word
      graph itself only merges sentences where they share phrases; ``--redundancy`` still
      decides which fused sentences repeat each other.
    * ``min_words``: shortest fused sentence allowed (words).
    * ``max_ratio``: longest fused sentence, as a multiple of the longest source in its group.
    * ``overlap``: words two sources must share consecutively where the path switches source.
    * ``max_members``: sentences of a group fed to the word graph (best scored first).
    * ``scorer``: registered extractive method ranking sentences (falls back to centroid terms).
    * ``support_weight`` / ``size_weight``: bonus for groups many documents / sentences repeat.
    * ``fused_weight``: bonus for a group that could be fused: its sentence states in one go
      what two or more sources agree on, which is the point of an abstractive brief.
    * ``centrality`` / ``rerank``: weight of the fused text's similarity to the whole cluster,
      and how many of a group's best candidates compete on it (1: the word graph's best).
    """

    def __init__(self, threshold: float | None = 0.35, min_words: int = 6,
                 max_ratio: float = 1.0, overlap: int = 2, max_members: int = 12,
                 scorer: str = "lexrank", support_weight: float = 1.0,
                 size_weight: float = 0.5, centrality: float = 0.0, rerank: int = 1,
                 fused_weight: float = 1.0,
                 max_expansions: int = 20_000) -> None:
        self.threshold = threshold
        self.min_words = int(min_words)
        self.max_ratio = float(max_ratio)
        self.overlap = int(overlap)
        self.max_members = int(max_members)
        self.scorer = scorer
        self.support_weight = float(support_weight)
        self.size_weight = float(size_weight)
        self.max_expansions = int(max_expansions)
        self.centrality = float(centrality)
        self.rerank = max(1, int(rerank))
        self.fused_weight = float(fused_weight)
        self._centroid: dict[str, float] = {}

    def __call__(self, cluster: Cluster, config: Config) -> Summary:
        empty = Summary(method="fusion", sentences=(), documents=cluster.documents,
                        options=config.as_options(), dropped=cluster.dropped)
        if not cluster.sentences:
            return empty
        scores = sentence_scores(cluster, self.scorer)
        self._centroid = _centroid_vector(cluster)
        threshold = self.threshold if self.threshold is not None else config.threshold
        groups = find_groups(cluster, threshold, config.similarity)
        n_docs = max(1, len({s.doc_id for s in cluster.sentences}))
        sizes = [len(groups.members(g)) for g in range(groups.count)]
        biggest = max(sizes, default=1)
        items: list[SummarySentence] = []
        for gid in range(groups.count):
            members = groups.members(gid)
            docs = {cluster.sentences[i].doc_id for i in members}
            if not members or len(docs) < config.min_support:
                continue
            best = max(float(scores[i]) for i in members)
            bonus = self.support_weight * (len(docs) - 1) / max(1, n_docs - 1)
            if biggest > 1:
                bonus += self.size_weight * math.log(len(members)) / math.log(biggest)
            item = self.fuse(cluster, gid, members, scores, best + bonus)
            if not words(item.text):
                continue  # punctuation debris says nothing
            bonus = self.fused_weight * item.generated
            if self.centrality:
                bonus += self.centrality * self._central(item.text)
            item = replace(item, score=item.score + bonus)
            items.append(item)
        lengths = [count_words(it.text) for it in items]
        vectors = [_unit(it.text) for it in items]

        def novel(i: int, chosen: list[int]) -> bool:
            # Two groups can still overlap once fused; keep the brief saying each thing once.
            return all(_cosine(vectors[i], vectors[j]) < threshold for j in chosen)

        chosen = select(np.array([it.score for it in items]), lengths, config.budget, novel)
        picked = order([items[i] for i in chosen], config)
        return Summary(method="fusion", sentences=tuple(picked), documents=cluster.documents,
                       options=config.as_options(), dropped=cluster.dropped)

    def fuse(self, cluster: Cluster, gid: int, members: tuple[int, ...], scores: np.ndarray,
             score: float) -> SummarySentence:
        """One sentence for the group: the best fused candidate, else its best source."""
        sents = cluster.sentences
        ranked = sorted(members, key=lambda i: (-float(scores[i]), i))[:self.max_members]
        ranked.sort()  # feed the graph in source order: deterministic, as read
        all_members = tuple(sents[i] for i in members)
        support = tuple(sorted({s.doc_id for s in all_members},
                               key=lambda d: min(s.position for s in all_members
                                                 if s.doc_id == d)))
        docs_in_group = len({sents[i].doc_id for i in ranked})
        if len(ranked) > 1:
            graph = WordGraph([sents[i].text for i in ranked], min_words=self.min_words,
                              max_ratio=self.max_ratio, overlap=self.overlap,
                              max_expansions=self.max_expansions)
            fit = []
            for cand in graph.candidates():
                used = [sents[ranked[m]] for m in cand.members]
                if len({s.doc_id for s in used}) >= min(2, docs_in_group):
                    fit.append((cand, used))
                    if len(fit) >= self.rerank:
                        break
            if fit:
                cand, used = max(fit, key=lambda cu: self._central(cu[0].text)) \
                    if self.rerank > 1 else fit[0]
                return _fused(cand, used, score, support, gid, all_members)
        top = max(members, key=lambda i: (float(scores[i]), -i))
        return SummarySentence(text=sents[top].text, sources=(sents[top],), score=score,
                               support=support, group=gid, group_members=all_members)


    def _central(self, text: str) -> float:
        return _cosine(_unit(text), self._centroid)


def _centroid_vector(cluster: Cluster) -> dict[str, float]:
    """The normalised sum of the sentences' unit term vectors: what the cluster is about."""
    total: dict[str, float] = {}
    for s in cluster.sentences:
        for k, x in _unit(s.text).items():
            total[k] = total.get(k, 0.0) + x
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {k: x / norm for k, x in total.items()}


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
