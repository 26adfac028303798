"""Static sentence embeddings: paraphrase-aware similarity with numpy alone, no torch.

A sentence vector is the mean of its word pieces' vectors, normalised: the model2vec
recipe (Tulkens & van Dongen, 2024). The vectors were distilled once from the
all-MiniLM-L6-v2 sentence encoder (each word piece run through the transformer, then PCA
to 256 dimensions and SIF weighting) by ``python -m summarize.distill``; they ship with
the package in ``summarize/data/minilm-static`` (Apache-2.0 weights of
sentence-transformers/all-MiniLM-L6-v2, distilled with model2vec, MIT; see NOTICE there).

Why static vectors: the transformer itself (``--similarity semantic``) catches paraphrases
better but needs torch, and took 15-30 s to start on the seeds with a progress bar (as the
issue that asked for this measured it); these load in about 10 ms and embed the 20,000
sentences of ``eval.perf_methods`` in 0.4 s (1.2 s with the Rust tokenizer, which also
took 25 ms more to load). What they miss (they
know no word order, and put every sentence about one story close together) the lexical
measure makes up for: ``summarize.similarity`` blends the two (the ``hybrid`` measure).

Texts are cut into the encoder's word pieces by ``summarize.wordpiece`` (the same
WordPiece tokenizer, in Python, exact for Latin, Greek and Cyrillic script, punctuation and
symbols) or, for a text with other characters, by Hugging Face's ``tokenizers``; vectors
are read from the safetensors file as model2vec itself reads them. model2vec is not needed
at run time.
"""

from __future__ import annotations

import json
import mmap
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from summarize.wordpiece import WordPiece

MODEL_DIR = "data/minilm-static"
"""The distilled model's folder inside the ``summarize`` package."""


@dataclass(frozen=True)
class StaticModel:
    """Word-piece vectors and the vocabulary that maps text onto them."""

    vectors: np.ndarray
    """One row per word piece of the tokenizer's vocabulary (float16 as shipped; rows are
    widened to float32 when averaged, which saves converting the whole matrix at start)."""
    vocab: Mapping[str, int]
    """Word piece to row (``vocab.txt``: the vocabulary of ``tokenizer.json``, one piece
    per line, read in 2 ms where the JSON takes 15-20 ms)."""
    unk_id: int
    """The unknown piece, left out of the mean as model2vec does."""
    max_length: int
    """Pieces past this many are ignored (the encoder's own limit)."""
    folder: Path
    """Where ``tokenizer.json`` is, for texts ``summarize.wordpiece`` does not handle."""

    @property
    def tokenizer(self) -> object:
        """The ``tokenizers.Tokenizer`` of ``tokenizer.json`` (WordPiece, lowercasing, as
        the encoder had), loaded on first use: only texts with characters outside
        ``summarize.wordpiece``'s ranges need it."""
        return _tokenizer(str(self.folder / "tokenizer.json"))

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])


def model_path() -> Path:
    return Path(__file__).resolve().parent / MODEL_DIR


_LOCK = threading.Lock()
_BLOCK = 64
"""Texts whose pieces ``encode`` gathers at once (about 1,500 pieces, 1.5 MB widened)."""


@lru_cache(maxsize=1)
def _load() -> StaticModel:
    folder = model_path()
    vectors = mapped_tensor(folder / "model.safetensors", "embeddings")  # float16, as shipped
    pieces = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    vocab = {piece: k for k, piece in enumerate(pieces)}
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    return StaticModel(vectors=vectors, vocab=vocab, unk_id=vocab["[UNK]"],
                       max_length=int(config.get("max_length") or 512), folder=folder)


@lru_cache(maxsize=1)
def _tokenizer(path: str) -> object:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # no fork warnings in workers
    from tokenizers import Tokenizer

    with _LOCK:
        return Tokenizer.from_file(path)


def vocabulary(tokenizer_json: Path) -> list[str]:
    """The pieces of a ``tokenizer.json``'s WordPiece vocabulary in id order: what
    ``vocab.txt`` holds (``summarize.distill`` writes it; a test compares the two)."""
    vocab = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    ordered = sorted(vocab, key=vocab.__getitem__)
    if [vocab[p] for p in ordered] != list(range(len(ordered))):
        raise ValueError(f"{tokenizer_json}: the vocabulary's ids are not 0..n-1")
    return ordered


def pieces_of(texts: Sequence[str], model: StaticModel) -> list[list[int]]:
    """Each text's word pieces, as the encoder's tokenizer cuts them: the first
    ``max_length``, unknown pieces then left out. ``summarize.wordpiece`` cuts what it
    can; the rest goes to ``tokenizers`` in one batch (its truncation is the same
    ``max_length``, from ``tokenizer.json``)."""
    wordpiece = WordPiece(model.vocab, model.unk_id)
    cut: list[list[int] | None] = [wordpiece.pieces(t) for t in texts]
    rest = [k for k, ids in enumerate(cut) if ids is None]
    if rest:
        encoded = model.tokenizer.encode_batch([texts[k] for k in rest],  # type: ignore[attr-defined]
                                               add_special_tokens=False)
        for k, enc in zip(rest, encoded, strict=True):
            cut[k] = enc.ids
    out: list[list[int]] = []
    for ids in cut:
        assert ids is not None
        if len(ids) > model.max_length:
            ids = ids[:model.max_length]
        out.append([i for i in ids if i != model.unk_id] if model.unk_id in ids else ids)
    return out


_DTYPES = {"F16": np.float16, "F32": np.float32, "F64": np.float64}


def mapped_tensor(path: Path, name: str) -> np.ndarray:
    """Tensor ``name`` of a safetensors file, read-only and mapped from the file, not read.

    ``safetensors.numpy.load_file`` copies all 30,000 rows into memory (15-25 ms at the
    start of every brief); mapped, only the pages of the rows a brief uses are read. The
    format is a little-endian 8-byte header length, a JSON header giving each tensor's
    dtype, shape and byte range, then the bytes (huggingface/safetensors, "Format"); the
    test suite checks that this gives what ``load_file`` gives."""
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    info = header[name]
    begin, end = info["data_offsets"]
    dtype = np.dtype(_DTYPES[info["dtype"]]).newbyteorder("<")
    return np.frombuffer(mapped, dtype=dtype, count=(end - begin) // dtype.itemsize,
                         offset=8 + size + begin).reshape(info["shape"])


def load() -> StaticModel:
    """The packaged model, loaded once per process (thread-safe)."""
    with _LOCK:
        return _load()


def encode(texts: Sequence[str], model: StaticModel | None = None) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; a text without pieces gets zeros.

    Where ``tokenizers`` is asked (``pieces_of``), its thread pool is off unless the
    process says otherwise (``TOKENIZERS_PARALLELISM=false`` is set before it loads): it
    misbehaves after the benchmark's fork, and one core per worker is the plan there.
    ``summarize brief`` turns it on for 500 sentences or more, in its own process, which
    never forks (``summarize.cli._pool_for``).
    """
    model = model or load()
    unique = list(dict.fromkeys(texts))  # repeated sentences are common (boilerplate, reposts)
    where = {t: k for k, t in enumerate(unique)}
    pieces = pieces_of(unique, model)
    # The pieces in use are widened to float32 once each (a few thousand rows, where the
    # texts hold tens of thousands of pieces, and the vocabulary 30,000 rows); then, per
    # block of texts, one gather of their rows and a sum per text: the same additions, in
    # the same order, as a mean per text (bit for bit), without a gather, a conversion and
    # a mean call per text. Blocks keep the gathered rows small (fresh memory for all of
    # them at once cost more in page faults than it saved).
    rows = np.zeros((len(unique), model.dim), dtype=np.float32)
    counts = np.fromiter(map(len, pieces), dtype=np.intp, count=len(pieces))
    flat = np.fromiter(chain.from_iterable(pieces), dtype=np.intp, count=int(counts.sum()))
    in_use = np.zeros(len(model.vectors), dtype=bool)
    in_use[flat] = True
    used = np.flatnonzero(in_use)
    widened = model.vectors[used].astype(np.float32)
    slot = np.zeros(len(model.vectors), dtype=np.intp)
    slot[used] = np.arange(used.size)
    flat = slot[flat]
    ends = np.cumsum(counts)
    for first in range(0, len(pieces), _BLOCK):
        last = min(first + _BLOCK, len(pieces))
        offset = int(ends[first - 1]) if first else 0
        block = widened[flat[offset:int(ends[last - 1])]]
        start = 0
        for k, end in enumerate((ends[first:last] - offset).tolist(), start=first):
            if end > start:
                np.add.reduce(block[start:end], axis=0, out=rows[k])
            start = end
    rows /= np.maximum(counts, 1)[:, None]
    out = rows[[where[t] for t in texts]] if texts else rows
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
