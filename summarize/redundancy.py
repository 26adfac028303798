"""The redundancy filter: from five reports of one event to one brief that says each thing once.

It sits between a method's scores and the budget, so every extractive method (sumy's
included) gets it. Three steps:

1. **Groups.** Sentences that state the same content, across documents, are grouped.
   Two sentences are *similar* when ``summarize.similarity`` (cosine of TF-IDF vectors over
   stemmed content words, by default) is at or above the threshold. Groups are built by
   leader clustering, not by connected components: single-link components chain unrelated
   sentences through intermediate ones on big inputs, while here every member is similar to
   its group's leader. Leaders are taken in order of how many similar sentences they have
   (ties by position), so the most repeated statement of a fact anchors its group; every
   other sentence joins the most similar leader among its neighbours.
2. **Choice.** Sentences are taken best score first (or by MMR with ``--mmr``) under the
   budget. A candidate whose group already has a chosen member, or whose similarity to any
   chosen sentence reaches the threshold, is rejected as a repeat and recorded as
   ``Removed``. So the brief holds at most one sentence per group and every pair of its
   sentences is below the threshold.
3. **Evidence.** Each group records the documents that support it (citations, ``--min-support``)
   and ``summarize.conflicts`` reports numbers that differ between sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from summarize.config import Config
from summarize.errors import UsageError
from summarize.model import Cluster, Conflict, Removed, SummarySentence
from summarize.scipy_sparse import distinct, sparse
from summarize.select import ranking
from summarize.similarity import Pairs, Vectors, for_cluster
from summarize.text import count_words


@dataclass(frozen=True)
class Groups:
    """Which sentences of a cluster state the same content."""

    labels: tuple[int, ...]
    """Group id per sentence of ``cluster.sentences``: dense ids 0..k-1, numbered in order of
    each group's first member, so ids are stable and readable."""
    threshold: float
    similarity: str = "lexical"
    _members: dict[int, tuple[int, ...]] = field(default_factory=dict, init=False, repr=False,
                                                  compare=False, hash=False)

    def __post_init__(self) -> None:
        members: dict[int, list[int]] = {}
        for i, g in enumerate(self.labels):
            members.setdefault(g, []).append(i)
        object.__setattr__(self, "_members", {g: tuple(m) for g, m in members.items()})

    def members(self, gid: int) -> tuple[int, ...]:
        """Indexes into ``cluster.sentences`` of the group's sentences, in input order."""
        return self._members.get(gid, ())

    def support(self, cluster: Cluster, gid: int) -> tuple[str, ...]:
        """Ids of the distinct documents with a sentence in the group, in input order."""
        docs = {(cluster.sentences[i].position, cluster.sentences[i].doc_id)
                for i in self.members(gid)}
        return tuple(doc_id for _pos, doc_id in sorted(docs))

    def support_count(self, cluster: Cluster, gid: int) -> int:
        return len({cluster.sentences[i].doc_id for i in self.members(gid)})

    @property
    def count(self) -> int:
        return len(self._members)


def check_threshold(threshold: float) -> None:
    """A threshold outside (0, 1] is a usage error, never a silent clamp."""
    if not isinstance(threshold, (int, float)) or not 0.0 < float(threshold) <= 1.0:
        raise UsageError(f"--redundancy must be in (0, 1], got {threshold}")


def find_groups(cluster: Cluster, threshold: float = 0.5, similarity: str = "lexical",
                vectors: Vectors | None = None) -> Groups:
    """Group the sentences of ``cluster`` that state the same content (see the module doc)."""
    check_threshold(threshold)
    n = len(cluster.sentences)
    if n == 0:
        return Groups((), float(threshold), similarity)
    vectors = vectors if vectors is not None else for_cluster(cluster, similarity)
    return groups_from_pairs(n, vectors.neighbours(float(threshold)), float(threshold),
                             similarity, vectors)


def with_shared_phrases(cluster: Cluster, pairs: Pairs, threshold: float,
                        vectors: Vectors | None = None) -> Pairs:
    """``pairs`` plus the sentence pairs that lift the same words or give the same
    distinctive number (``summarize.phrases``), each at least at the threshold: one
    statement quoted in two reports is a repeat however different the rest of the two
    sentences is."""
    from summarize import tokens
    from summarize.phrases import shared_numbers, shared_pairs_of

    texts = [s.text for s in cluster.sentences]
    rows, cols = shared_pairs_of(tokens.split(cluster))
    if vectors is not None:
        num_rows, num_cols = shared_numbers(texts, vectors.paired)
        rows, cols = np.concatenate((rows, num_rows)), np.concatenate((cols, num_cols))
    if rows.size == 0:
        return pairs
    known = dict(zip(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True),
                     pairs.sims.tolist(), strict=True))
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        known[(r, c)] = max(known.get((r, c), threshold), threshold)
    keys = sorted(known)
    return Pairs(np.array([k[0] for k in keys], dtype=np.int64),
                 np.array([k[1] for k in keys], dtype=np.int64),
                 np.array([known[k] for k in keys], dtype=np.float64))


def adjacency(n: int, pairs: Pairs) -> sparse.csr_matrix:
    """Symmetric sparse matrix of the similar pairs (value: similarity)."""
    rows = np.concatenate((pairs.rows, pairs.cols))
    cols = np.concatenate((pairs.cols, pairs.rows))
    sims = np.concatenate((pairs.sims, pairs.sims))
    adj = sparse.csr_matrix((sims, (rows, cols)), shape=(n, n))
    adj.sort_indices()
    return adj


MAX_CHECKED = 2000
"""Groups with more candidates than this skip the member-to-member check (memory bound)."""


def groups_from_pairs(n: int, pairs: Pairs, threshold: float, similarity: str = "lexical",
                      vectors: Vectors | None = None,
                      adj: sparse.csr_matrix | None = None) -> Groups:
    """Leader clustering over the similar pairs (see the module doc).

    Leaders are taken by number of similar sentences (ties by position). A leader's still
    unassigned neighbours join it, most similar first, if they are also at least half the
    threshold similar to every member already in: a group is close to a clique, never a
    chain of sentences that each resemble only the next one.

    The check needs the similarities among a leader's free neighbours. They come from one
    small dense product per leader (``Vectors.gram``), skipped when a single neighbour is
    free (nothing to check against), and the acceptance runs as one vector update per
    accepted member rather than a Python loop over every pair: the cost follows the number
    of similar pairs, not scipy's per-call overhead times the number of leaders. ``adj``
    is ``adjacency(n, pairs)`` when the caller has already built it.
    """
    adj = adj if adj is not None else adjacency(n, pairs)
    indptr, indices, data = adj.indptr, adj.indices, adj.data
    degree = np.diff(indptr)
    order = np.lexsort((np.arange(n), -degree))
    leader_of = np.full(n, -1, dtype=np.int64)
    half = threshold / 2
    for i in order[degree[order] > 0].tolist():
        if leader_of[i] >= 0:
            continue
        leader_of[i] = i
        lo, hi = indptr[i], indptr[i + 1]
        nb = indices[lo:hi]
        free = leader_of[nb] < 0
        if not free.any():
            continue
        nb, sims = nb[free], data[lo:hi][free]
        if nb.size > 1:
            nb = nb[np.lexsort((nb, -sims))]
        if vectors is None or nb.size == 1 or nb.size > MAX_CHECKED:
            leader_of[nb] = i
            continue
        leader_of[nb[_accepted(vectors.gram(nb), half)]] = i
    alone = leader_of < 0  # no similar sentence at all: a group of its own
    leader_of[alone] = np.nonzero(alone)[0]
    # Dense ids in order of each group's first member.
    _uniq, first_at, inverse = np.unique(leader_of, return_index=True, return_inverse=True)
    rank = np.empty(first_at.size, dtype=np.int64)
    rank[np.argsort(first_at, kind="stable")] = np.arange(first_at.size)
    return Groups(tuple(rank[inverse.ravel()].tolist()), threshold, similarity)


def _accepted(inner: np.ndarray, half: float) -> np.ndarray:
    """Greedy acceptance in order: a candidate joins if it is at least ``half`` similar to
    every candidate accepted before it."""
    ok = np.ones(inner.shape[0], dtype=bool)
    for k in range(inner.shape[0]):
        if ok[k]:
            ok[k + 1:] &= inner[k, k + 1:] >= half
    return np.nonzero(ok)[0]


@dataclass(frozen=True)
class Choice:
    """What the filter chose, what it rejected as repeats, and the conflicts it found."""

    chosen: list[int]
    """Indexes into ``cluster.sentences``, in the order chosen (best first)."""
    removed: tuple[Removed, ...]
    conflicts: tuple[Conflict, ...]
    groups: Groups
    adj: sparse.csr_matrix | None = None
    """The similar pairs (``adjacency``): a sentence's own neighbours corroborate it too."""

    def summary_sentence(self, cluster: Cluster, i: int, score: float) -> SummarySentence:
        """Sentence ``i`` with its evidence: the members of its group and every sentence
        similar to it (at the threshold), and the documents they come from.

        Groups are near-cliques, so a paraphrase close to ``i`` can sit in another group;
        it still reports what ``i`` says, and its document is cited."""
        s = cluster.sentences[i]
        gid = self.groups.labels[i]
        idx = set(self.groups.members(gid))
        if self.adj is not None:
            idx.update(self.adj.indices[self.adj.indptr[i]:self.adj.indptr[i + 1]].tolist())
        members = tuple(sorted((cluster.sentences[m] for m in idx),
                               key=lambda m: (m.position, m.index)))
        docs: dict[str, None] = {}
        for m in members:
            docs.setdefault(m.doc_id)
        return SummarySentence(text=s.text, sources=(s,), score=score, support=tuple(docs),
                               group=gid, group_members=members)


def choose(cluster: Cluster, scores: np.ndarray, config: Config,
           vectors: Vectors | None = None, exclude: np.ndarray | None = None,
           pairs: Pairs | None = None) -> Choice:
    """Choose sentences under ``config.budget`` with the redundancy filter (module doc).

    ``exclude`` (a boolean mask over ``cluster.sentences``) keeps sentences out of the brief
    and out of what it should cover, while they still count for grouping and conflicts: an
    update brief (``summarize.update``) excludes what the reader already knows. ``pairs``:
    the similar pairs at ``config.threshold`` with the shared phrases
    (``with_shared_phrases``), where the caller has found them already: the update brief
    chooses up to ``RECHECKS + 1`` times over the same sentences."""
    from summarize.conflicts import find_conflicts

    check_threshold(config.threshold)
    n = len(cluster.sentences)
    scores = np.nan_to_num(np.asarray(scores, dtype=float), nan=-np.inf)
    if n == 0:
        return Choice([], (), (), Groups((), config.threshold, config.similarity))
    vectors = vectors if vectors is not None else for_cluster(cluster, config.similarity)
    if pairs is None:
        pairs = with_shared_phrases(cluster, vectors.neighbours(config.threshold),
                                    config.threshold, vectors)
    adj = adjacency(n, pairs)
    groups = groups_from_pairs(n, pairs, config.threshold, config.similarity, vectors, adj=adj)
    lengths = np.array([count_words(s.text) for s in cluster.sentences])
    eligible = lengths > 0
    if exclude is not None:
        eligible &= ~np.asarray(exclude, dtype=bool)
    if config.min_support > 1:
        support = {g: groups.support_count(cluster, g) for g in range(groups.count)}
        eligible &= np.array([support[g] >= config.min_support for g in groups.labels])
    flags = Readability(cluster, active=config.readable)
    chosen, removed = _run(scores, lengths, eligible, flags, groups, adj, vectors, cluster,
                           config)
    if not chosen and config.readable and eligible.any():
        # Only fragments or leaning sentences: a one-line note, a headline-only page. Some
        # text beats an empty brief, so they are taken as they are.
        chosen, removed = _run(scores, lengths, eligible, Readability(cluster, active=False),
                               groups, adj, vectors, cluster, config)
    conflicts = find_conflicts(cluster, groups, vectors) if config.conflicts else ()
    return Choice(chosen, tuple(removed), conflicts, groups, adj)


def _run(scores, lengths, eligible, flags, groups, adj, vectors, cluster, config):  # noqa: ANN001, ANN202
    if config.mmr is None and config.selection == "coverage" and config.dedup:
        return _coverage(scores, lengths, eligible, flags, groups, adj, vectors, cluster,
                         config)
    if config.mmr is None:
        return _greedy(scores, lengths, eligible, flags, groups, adj, vectors, cluster, config)
    every = np.array([not flags.fragment(i) for i in range(len(eligible))], dtype=bool)
    return _mmr(scores, lengths, eligible & every, groups, adj, vectors, cluster, config)


CONTAINED = 0.55
"""Share of a sentence's TF-IDF weight found in one chosen sentence past which it says
nothing new (``_Blocker.contained``). Read on the data sets at 65/55/20 words: at 0.55 it
removes 8 sentences in neus-val's 307 briefs, each a restatement ("The Senate approved the
same budget resolution early Friday morning." after "The Senate passed a budget resolution
very early Friday morning, ..."), none in amazon-dev or opinosis; ROUGE-2 moves by -0.05,
0 and 0. At 0.5 it also took the seed sentence on the Doha talks, which is new."""

CONTAINED_MIN_TERMS = 5
"""Fewest distinct content terms a sentence needs before it can be judged contained: with
fewer ("Will purchase again.", "Miele is one of the best."), sharing them says little."""

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _contained_share() -> float:
    """``CONTAINED``, or the brief's language's own (Japanese: ``summarize.language``)."""
    from summarize.language import contained_share
    from summarize.text import current_language

    return contained_share(current_language(), CONTAINED)


class _Blocker:
    """Tracks which candidates repeat an already chosen sentence, and records them."""

    def __init__(self, cluster: Cluster, groups: Groups, adj: sparse.csr_matrix,
                 vectors: Vectors, eligible: np.ndarray, active: bool) -> None:
        self.cluster, self.groups, self.adj, self.vectors = cluster, groups, adj, vectors
        self.eligible, self.active = eligible, active
        self.blocked = np.zeros(len(cluster.sentences), dtype=bool)
        self.removed: list[Removed] = []
        self.chosen: list[int] = []
        m = vectors.matrix
        self._rows = m if sparse.issparse(m) else None
        # How many of ``chosen`` each candidate was found not contained in: coverage asks
        # again after every choice, and only the sentences chosen since need a look.
        self._checked: dict[int, int] = {}
        self._numbers: dict[int, set[str]] = {}

    def contained(self, j: int) -> bool:
        """Whether most of ``j``'s content (``CONTAINED`` of its TF-IDF weight) is already in
        one chosen sentence: a short restatement of part of a long sentence ("coincided with a
        vote at the UN on a US-sponsored resolution" after "... a US-sponsored resolution ...
        was vetoed") is too little alike as a whole to count as a repeat, yet says nothing
        new. Recorded as a repeat of that sentence when it is."""
        if not self.active or self._rows is None or not self.chosen:
            return False
        rows = self._rows
        lo, hi = rows.indptr[j], rows.indptr[j + 1]
        terms, weights = rows.indices[lo:hi], rows.data[lo:hi]
        total = float(weights.sum())
        if terms.size < CONTAINED_MIN_TERMS or total <= 0.0:
            return False  # "Will purchase again.": too short to tell a restatement
        numbers = self._figures(j)
        share = _contained_share()
        start = self._checked.get(j, 0)
        self._checked[j] = len(self.chosen)
        for i in self.chosen[start:]:
            if not numbers <= self._figures(i):
                continue  # "36 percent of senior staff": a figure the other does not give
            mine = rows.indices[rows.indptr[i]:rows.indptr[i + 1]]
            shared = float(weights[np.isin(terms, mine, assume_unique=True)].sum())
            if shared >= share * total:
                self.blocked[j] = True
                sim = float(self.vectors.similarities(i, [j])[0])
                self.removed.append(Removed(sentence=self.cluster.sentences[j],
                                            duplicate_of=self.cluster.sentences[i],
                                            similarity=round(sim, 4)))
                return True
        return False

    def _figures(self, i: int) -> set[str]:
        found = self._numbers.get(i)
        if found is None:
            found = self._numbers[i] = set(_NUMBER.findall(self.cluster.sentences[i].text))
        return found

    def take(self, j: int) -> None:
        """Sentence ``j`` was chosen: its group mates and similar sentences become repeats."""
        self.blocked[j] = True
        self.chosen.append(j)
        if not self.active:
            return
        nb = self.adj.indices[self.adj.indptr[j]:self.adj.indptr[j + 1]]
        mates = self.groups.members(self.groups.labels[j])
        repeats = distinct(np.concatenate((nb, np.asarray(mates, dtype=np.int64))))
        repeats = repeats[~self.blocked[repeats]]
        self.blocked[repeats] = True
        recorded = repeats[self.eligible[repeats]]
        sims = self.vectors.similarities(j, recorded)
        sentences = self.cluster.sentences
        for i, sim in zip(recorded.tolist(), sims.tolist(), strict=True):
            self.removed.append(Removed(sentence=sentences[i], duplicate_of=sentences[j],
                                        similarity=round(sim, 4)))


def _fits(used: int, n_chosen: int, length: int, config: Config) -> bool:
    b = config.budget
    if b.sentences is not None and n_chosen >= b.sentences:
        return False
    return b.words is None or used + length <= b.words


def _full(used: int, n_chosen: int, config: Config) -> bool:
    b = config.budget
    return ((b.sentences is not None and n_chosen >= b.sentences)
            or (b.words is not None and used >= b.words))


def _greedy(scores, lengths, eligible, flags, groups, adj, vectors, cluster, config):  # noqa: ANN001, ANN202
    blocker = _Blocker(cluster, groups, adj, vectors, eligible, config.dedup)
    chosen: list[int] = []
    used = 0
    for i in ranking(scores):
        if _full(used, len(chosen), config):
            break
        if not eligible[i] or blocker.blocked[i] or flags.fragment(i) or blocker.contained(i):
            continue
        if not _fits(used, len(chosen), int(lengths[i]), config):
            continue
        chosen.append(i)
        used += int(lengths[i])
        blocker.take(i)
    return chosen, blocker.removed


def _coverage(scores, lengths, eligible, flags, groups, adj, vectors, cluster, config):  # noqa: ANN001, ANN202
    from summarize import coverage

    blocker = _Blocker(cluster, groups, adj, vectors, eligible, config.dedup)
    masked = np.where(eligible, scores, -np.inf)
    chosen_set: set[int] = set()

    def allowed(j: int) -> bool:
        if not eligible[j] or blocker.blocked[j] or flags.fragment(j) or blocker.contained(j):
            return False
        return not flags.leaning(j) or _antecedent(cluster, j) in chosen_set

    def taken(j: int) -> None:
        chosen_set.add(j)
        blocker.take(j)

    chosen = coverage.select(masked, lengths, config.budget, vectors, allowed=allowed,
                             taken=taken, facts=coverage.Facts.of(cluster, vectors),
                             threshold=config.threshold if config.similarity == "hybrid"
                             else None)  # measured on the hybrid measure only
    return chosen, blocker.removed


def _antecedent(cluster: Cluster, j: int) -> int:
    """Index of the sentence before ``j`` in its document, or -1 for a document's first."""
    s = cluster.sentences[j]
    if j > 0 and cluster.sentences[j - 1].doc_id == s.doc_id:
        return j - 1
    return -1


class Readability:
    """Per sentence, asked only of the sentences a selection considers (a few hundred of a
    big cluster): is it a fragment, which never enters a brief, and does its opening lean on
    the sentence before it, which it may only follow (``summarize.readability``)."""

    def __init__(self, cluster: Cluster, active: bool = True) -> None:
        self.cluster, self.active = cluster, active
        self._news: dict[str, bool] = {}
        self._styles: dict[str, bool | None] = {}
        self._cluster_style: bool | None = None
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._fragment: dict[int, bool] = {}
        self._leaning: dict[int, bool] = {}

    def fragment(self, i: int) -> bool:
        if not self.active:
            return False
        found = self._fragment.get(i)
        if found is None:
            s = self.cluster.sentences[i]
            found = self._fragment[i] = self.is_fragment(s.text, s.doc_id)
        return found

    def leaning(self, i: int) -> bool:
        if not self.active:
            return False
        found = self._leaning.get(i)
        if found is None:
            from summarize.readability import needs_antecedent

            found = self._leaning[i] = (needs_antecedent(self.cluster.sentences[i].text)
                                        or self._inside_quote(i))
        return found

    def _inside_quote(self, i: int) -> bool:
        """Whether sentence ``i`` goes on with a quotation the sentence before it opened and
        did not close (“We failed to settle this dispute. Now we again fail ...", whose
        closing mark the report lost): read alone, the quoted words would be the brief's."""
        j = _antecedent(self.cluster, i)
        if j < 0:
            return False
        before = self.cluster.sentences[j].text
        return before.count("“") > before.count("”") and "”" not in self.cluster.sentences[i].text

    def news(self, doc_id: str) -> bool:
        """Whether document ``doc_id`` is written like news (``clean.writes_as_news``). One
        too short to tell (a single sentence) is judged as most of the cluster's others
        are (``_most``): a news lead cut off in mid-sentence ("... to transform fears about
        immigration into") is news because the reports beside it are."""
        found = self._news.get(doc_id)
        if found is None:
            found = self._style(doc_id)
            if found is None:
                found = self._most()
            self._news[doc_id] = found
        return found

    def _most(self) -> bool:
        """The style of most of the cluster's documents that have one; where none has (every
        report one sentence long), that of all their sentences read as one paragraph.
        Judged once per cluster: a pool of thousands of one-line reviews asks it for each."""
        if self._cluster_style is None:
            from summarize.clean import writes_as_news

            styles = {d: self._style(d) for d in self._spans}
            known = [v for v in styles.values() if v is not None]
            if known:
                self._cluster_style = 2 * sum(known) > len(known)
            else:
                pooled = " ".join(self.cluster.document(d).text.strip() for d in styles)
                self._cluster_style = bool(writes_as_news(pooled))
        return self._cluster_style

    def _style(self, doc_id: str) -> bool | None:
        from summarize.clean import writes_as_news

        if not self._spans:
            for s in self.cluster.sentences:
                self._spans.setdefault(s.doc_id, []).append((s.start, s.end))
        if doc_id not in self._styles:
            text = self.cluster.document(doc_id).text
            self._styles[doc_id] = writes_as_news(text, self._spans.get(doc_id, ()))
        return self._styles[doc_id]

    def is_fragment(self, text: str, doc_id: str) -> bool:
        """Whether ``text`` (a sentence of document ``doc_id``, or one built from it) cannot
        stand in a brief (``readability.cannot_stand_alone``: a fragment, a question to the
        reader, a lead-in), judged by that document's style: news or reviews
        (``writes_as_news``)."""
        from summarize.readability import cannot_stand_alone

        return cannot_stand_alone(text, punctuated=self.news(doc_id))


def _mmr(scores, lengths, eligible, groups, adj, vectors, cluster, config):  # noqa: ANN001, ANN202
    """Maximal marginal relevance: lambda * normalised score - (1 - lambda) * max similarity
    to what is already chosen; ties go to the better-ranked sentence."""
    lam = float(config.mmr)
    finite = np.isfinite(scores)
    norm = np.zeros_like(scores)
    if finite.any():
        lo, hi = scores[finite].min(), scores[finite].max()
        norm[finite] = (scores[finite] - lo) / (hi - lo) if hi > lo else 1.0
    rank_pos = np.empty(len(scores), dtype=np.int64)
    rank_pos[ranking(scores)] = np.arange(len(scores))
    blocker = _Blocker(cluster, groups, adj, vectors, eligible, config.dedup)
    max_sim = np.zeros(len(scores))
    chosen: list[int] = []
    used = 0
    while not _full(used, len(chosen), config):
        room = np.inf if config.budget.words is None else config.budget.words - used
        ok = eligible & ~blocker.blocked & (lengths <= room)
        if not ok.any():
            break
        value = lam * norm - (1.0 - lam) * max_sim
        cand = np.nonzero(ok)[0]
        best = cand[np.lexsort((rank_pos[cand], -value[cand]))[0]]
        chosen.append(int(best))
        used += int(lengths[best])
        blocker.take(int(best))
        max_sim = np.maximum(max_sim, vectors.against(int(best)))
    return chosen, blocker.removed
