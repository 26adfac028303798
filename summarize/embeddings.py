"""Static sentence embeddings: paraphrase-aware similarity with numpy alone, no torch.

A sentence vector is the mean of its word pieces' vectors, normalised: the model2vec
recipe (Tulkens & van Dongen, 2024). The vectors were distilled once from the
all-MiniLM-L6-v2 sentence encoder (each word piece run through the transformer, then PCA
to 256 dimensions and SIF weighting) by ``python -m summarize.distill``; they ship with
the package in ``summarize/data/minilm-static`` (Apache-2.0 weights of
sentence-transformers/all-MiniLM-L6-v2, distilled with model2vec, MIT; see NOTICE there).

Why static vectors: the transformer itself (``--similarity semantic``) catches paraphrases
better but needs torch, and took 15-30 s to start on the seeds with a progress bar (as the
issue that asked for this measured it); these load in about 0.1 s and embed the 20,000
sentences of ``eval.perf_methods`` in 1.3 s, most of it the tokenizer. What they miss (they
know no word order, and put every sentence about one story close together) the lexical
measure makes up for: ``summarize.similarity`` blends the two (the ``hybrid`` measure).

Loading uses Hugging Face's ``tokenizers`` (the same WordPiece tokenizer as the encoder)
and ``safetensors``, which model2vec itself loads with; model2vec is not needed at run time.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = "data/minilm-static"
"""The distilled model's folder inside the ``summarize`` package."""


@dataclass(frozen=True)
class StaticModel:
    """Word-piece vectors and the tokenizer that maps text onto them."""

    vectors: np.ndarray
    """One row per word piece of the tokenizer's vocabulary (float16 as shipped; rows are
    widened to float32 when averaged, which saves converting the whole matrix at start)."""
    tokenizer: object
    """A ``tokenizers.Tokenizer`` (WordPiece, lowercasing, as the encoder had)."""
    unk_id: int | None
    """The unknown piece, left out of the mean as model2vec does."""
    max_length: int
    """Pieces past this many are ignored (the encoder's own limit)."""

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])


def model_path() -> Path:
    return Path(__file__).resolve().parent / MODEL_DIR


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> StaticModel:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # no fork warnings in workers
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = model_path()
    vectors = load_file(str(folder / "model.safetensors"))["embeddings"]  # float16, as shipped
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    return StaticModel(vectors=vectors, tokenizer=tokenizer,
                       unk_id=tokenizer.token_to_id("[UNK]"),
                       max_length=int(config.get("max_length") or 512))


def load() -> StaticModel:
    """The packaged model, loaded once per process (thread-safe)."""
    with _LOCK:
        return _load()


def encode(texts: Sequence[str], model: StaticModel | None = None) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; a text without pieces gets zeros.

    The tokenizer's thread pool is off (``TOKENIZERS_PARALLELISM=false``, set before it
    loads): it misbehaves after the benchmark's fork, and one core per worker is the plan.
    """
    model = model or load()
    unique = list(dict.fromkeys(texts))  # repeated sentences are common (boilerplate, reposts)
    where = {t: k for k, t in enumerate(unique)}
    encoded = model.tokenizer.encode_batch(unique, add_special_tokens=False)  # type: ignore[attr-defined]
    rows = np.zeros((len(unique), model.dim), dtype=np.float32)
    for k, enc in enumerate(encoded):
        ids = enc.ids
        if model.unk_id is not None:
            ids = [i for i in ids if i != model.unk_id]
        ids = ids[:model.max_length]
        if ids:
            rows[k] = model.vectors[ids].astype(np.float32).mean(axis=0)
    out = rows[[where[t] for t in texts]] if texts else rows
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
