"""The static embeddings and the hybrid measure: same vectors as model2vec, paraphrases
found that the lexical cosine misses, every pair found without an n x n matrix, no torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from summarize import embeddings
from summarize.similarity import HybridVectors, for_cluster, similarity, vectorize
from tests.conftest import errors_in_threads

TEXTS = ["Blinken met Netanyahu in Tel Aviv on Friday.", "Russia and China vetoed the resolution.",
         "", "...", "Blinken met Netanyahu in Tel Aviv on Friday.", "Ünïcödé ça marche 東京"]


def test_vectors_equal_model2vec_on_the_packaged_model() -> None:
    """Our numpy loader computes what model2vec's own StaticModel does with the same files."""
    from model2vec import StaticModel

    reference = StaticModel.from_pretrained(str(embeddings.model_path())).encode(TEXTS)
    ours = embeddings.encode(TEXTS)
    assert ours.shape == (len(TEXTS), 256)
    np.testing.assert_allclose(ours, reference.astype(np.float32), atol=2e-3)


def test_vectors_are_unit_or_zero_and_repeatable() -> None:
    v = embeddings.encode(TEXTS)
    norms = np.linalg.norm(v, axis=1)
    assert norms[2] == 0.0  # no text, no vector
    assert np.allclose(np.delete(norms, 2), 1.0, atol=1e-5)
    assert np.array_equal(v[0], v[4])
    assert np.array_equal(v, embeddings.encode(TEXTS))


def test_encoding_from_many_threads_gives_the_same_vectors() -> None:
    """The TUI summarizes in worker threads: the model loads once and encodes safely."""
    want = embeddings.encode(TEXTS)
    got: list[np.ndarray] = []

    def work() -> None:
        for _ in range(20):
            got.append(embeddings.encode(TEXTS))

    assert errors_in_threads(work) == []
    assert len(got) == 160 and all(np.array_equal(g, want) for g in got)


def _mean_per_text(texts: list[str]) -> np.ndarray:
    """The plain recipe, one text at a time: the mean of its pieces' widened vectors."""
    model = embeddings.load()
    rows = np.zeros((len(texts), model.dim), dtype=np.float32)
    for k, text in enumerate(texts):
        ids = model.tokenizer.encode(text, add_special_tokens=False).ids
        ids = [i for i in ids if i != model.unk_id][:model.max_length]
        if ids:
            rows[k] = model.vectors[ids].astype(np.float32).mean(axis=0)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


def test_vectors_are_the_mean_per_text_to_the_bit(seeds) -> None:  # noqa: ANN001
    """``encode`` gathers the pieces of a block of texts at once and sums each text's rows;
    that is the same arithmetic as a mean per text, across block edges, empty texts, an
    unknown piece and a text past the length limit."""
    texts = [s.text for s in seeds.sentences]
    texts[3:3] = ["", "\u2603\u2603 snowmen \u2603", "word " * 700]  # [UNK], 700 > 512 pieces
    texts *= 2  # repeats, and more than two blocks
    assert len(texts) > 2 * embeddings._BLOCK
    assert np.array_equal(embeddings.encode(texts), _mean_per_text(texts))


# Openings of seed sentences, in pairs from different reports that state one thing in other
# words (our reading of the seeds).
PARAPHRASES = [
    ("The motion was rejected by China and Russia", "Russia and China vetoed the measure"),
    ("US Secretary of State Antony Blinken held talks with",
     "As part of an intense diplomatic effort to achieve"),
]


def _find(cluster, opening: str) -> int:  # noqa: ANN001
    return next(i for i, s in enumerate(cluster.sentences) if s.text.startswith(opening))


def test_hybrid_finds_paraphrases_the_lexical_cosine_misses(seeds) -> None:  # noqa: ANN001
    hybrid, lexical = for_cluster(seeds, "hybrid"), for_cluster(seeds, "lexical")
    for a, b in PARAPHRASES:
        i, j = _find(seeds, a), _find(seeds, b)
        assert lexical.pair(i, j) < 0.5  # under the lexical filter's threshold
        assert hybrid.pair(i, j) >= 0.45  # at the hybrid one: the same statement


def test_hybrid_keeps_different_facts_of_one_story_apart(seeds) -> None:  # noqa: ANN001
    vec = for_cluster(seeds)
    veto = _find(seeds, "Russia and China vetoed the measure")
    famine = _find(seeds, "Blinken also on Tuesday raised the alarm")
    alone = _find(seeds, "“I told him that I hope we will")
    assert vec.pair(veto, famine) < 0.3 and vec.pair(veto, alone) < 0.3


def test_hybrid_neighbours_are_every_pair_at_the_threshold(seeds) -> None:  # noqa: ANN001
    texts = [s.text for s in seeds.sentences] * 2  # exact copies too
    vec = vectorize(texts)
    assert isinstance(vec, HybridVectors)
    dense = vec.submatrix(range(len(texts)))
    upper = np.triu(np.ones_like(dense, dtype=bool), 1)
    for threshold in (0.2, 0.45, 0.8, 1.0):
        pairs = vec.neighbours(threshold, block=37)  # blocks that do not divide n
        want = set(zip(*np.nonzero(upper & (dense >= threshold - 1e-9)), strict=True))
        got = list(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True))
        assert len(got) == len(set(got)) and set(got) == want
        assert np.allclose(pairs.sims, dense[pairs.rows, pairs.cols])


def test_two_texts_on_their_own_are_not_pushed_apart() -> None:
    """Centering on a two-sentence 'cluster' must not make two paraphrases look opposite."""
    assert similarity("“Russia prioritized politics over advancement once more,” "
                      "Thomas-Greenfield declared after the vote.",
                      "“Once again, Russia put politics over progress,” Thomas-Greenfield "
                      "said after the vote.") > 0.45
    assert similarity("The cat sat on the mat.", "The cat sat on the mat.") == pytest.approx(1.0)


def test_default_brief_never_imports_torch(tmp_path) -> None:  # noqa: ANN001
    code = ("import sys\nfrom summarize.cli import main\n"
            f"main(['brief', '-o', {str(tmp_path / 'b.txt')!r}])\n"
            "bad = [m for m in ('torch', 'sentence_transformers', 'transformers', 'model2vec')"
            " if m in sys.modules]\nprint(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").strip()


def test_mapped_vectors_are_what_safetensors_reads() -> None:
    """The model's vectors are mapped from the file (``embeddings.mapped_tensor``), not read
    by ``safetensors``: the same dtype, shape and values, and read-only."""
    from safetensors.numpy import load_file

    path = embeddings.model_path() / "model.safetensors"
    want = load_file(str(path))["embeddings"]
    got = embeddings.mapped_tensor(path, "embeddings")
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want)
    assert not got.flags.writeable
