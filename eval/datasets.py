"""Readers for benchmark data: cluster JSONL, a directory of clusters, line-aligned files.

Every reader reads and checks the WHOLE input before the benchmark starts any work, so a
malformed line stops the run at once with its line number instead of after an hour. Each
data set also gets a content digest: the run's identity depends on what the data says, not on
where the file lies, so a moved file resumes its run and an edited file starts a new one.

Formats:

* ``FILE.jsonl``: the cluster JSONL of ``shared/data/README.md``.
* ``DIR/``: one sub-folder per cluster; its files (sorted by name) are the documents and the
  files of its ``references/`` sub-folder are the human summaries.
* ``FILE.src`` (any non-JSONL file): one cluster per line, documents separated by ``sep``
  (Multi-News ``|||||``); the reference on the same line of the target file (``--target``,
  default the same name with ``.tgt``). Multi-News' ``NEWLINE_CHAR`` marks become newlines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import InputError
from summarize.model import Cluster, Document

MULTI_NEWS_SEP = "|||||"


@dataclass(frozen=True)
class Dataset:
    """A data set read and checked in full, ready to benchmark."""

    path: str
    format: str
    """``jsonl``, ``dir`` or ``lines``."""
    digest: str
    """SHA-256 of the content that was read (file bytes, or every file of a directory)."""
    clusters: tuple[Cluster, ...]
    options: tuple[tuple[str, str], ...] = ()
    """Reader options that change what was read (separator, target file)."""


def open_dataset(path: str | Path, sep: str | None = None, target: str | Path | None = None,
                 limit: int | None = None) -> Dataset:
    """Read a data set in whatever format ``path`` is; InputError if it is missing or bad."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or directory")
    if p.is_dir():
        ds = read_directory(p)
    elif p.suffix == ".jsonl" or (sep is None and target is None and _looks_like_jsonl(p)):
        ds = read_jsonl(p)
    else:
        ds = read_lines(p, target=target, sep=sep or MULTI_NEWS_SEP)
    if limit is not None:
        if limit <= 0:
            from summarize.errors import UsageError

            raise UsageError(f"--limit must be a positive number, got {limit}")
        ds = Dataset(ds.path, ds.format, ds.digest, ds.clusters[:limit],
                     ds.options + (("limit", str(limit)),))
    if not ds.clusters:
        raise InputError(f"{p}: no clusters")
    ids = [c.id for c in ds.clusters]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise InputError(f"{p}: cluster id {dup!r} appears more than once")
    if not any(c.references for c in ds.clusters):
        raise InputError(f"{p}: no cluster has a reference summary; a benchmark needs them")
    return ds


def _looks_like_jsonl(p: Path) -> bool:
    with p.open("rb") as f:
        head = f.read(64).lstrip()
    return head.startswith(b"{")


def read_jsonl(path: Path) -> Dataset:
    """Cluster JSONL: validated line by line first (the error names the line)."""
    from summarize.load import read_clusters, validate_jsonl

    validate_jsonl(path)
    clusters = tuple(read_clusters(path))
    return Dataset(str(path), "jsonl", _digest_file(path), clusters)


def read_directory(path: Path) -> Dataset:
    """One sub-folder per cluster: document files plus ``references/``."""
    folders = sorted(d for d in path.iterdir() if d.is_dir() and not d.name.startswith("."))
    if not folders:
        raise InputError(f"{path}: no cluster folders (expected one folder per cluster)")
    h = hashlib.sha256()
    clusters = []
    for folder in folders:
        doc_files = _files(folder)
        ref_dir = folder / "references"
        ref_files = _files(ref_dir) if ref_dir.is_dir() else []
        if not doc_files:
            raise InputError(f"{folder}: no document files")
        texts = [(f, _read_text(f)) for f in doc_files]
        refs = [_read_text(f).strip() for f in ref_files]
        for f, text in [*texts, *zip(ref_files, refs, strict=True)]:
            h.update(str(f.relative_to(path)).encode() + b"\0" + text.encode() + b"\0")
        docs = [_document(f.stem, text, str(f), i) for i, (f, text) in enumerate(texts)]
        clusters.append(_build(docs, folder.name, [r for r in refs if r], str(folder)))
    return Dataset(str(path), "dir", h.hexdigest(), tuple(clusters))


def read_lines(path: Path, target: str | Path | None = None,
               sep: str = MULTI_NEWS_SEP) -> Dataset:
    """Line-aligned source/target files (Multi-News style)."""
    tgt = Path(target) if target is not None else path.with_suffix(".tgt")
    if not tgt.exists():
        raise InputError(f"{tgt}: no such target file (give it with --target)")
    if not sep:
        raise InputError("the document separator (--sep) must not be empty")
    sources = _read_text(path).splitlines()
    targets = _read_text(tgt).splitlines()
    if len(sources) != len(targets):
        raise InputError(f"{path} has {len(sources)} lines but {tgt} has {len(targets)}; "
                         "source and target files must be line-aligned")
    clusters = []
    for n, (src, ref) in enumerate(zip(sources, targets, strict=True), start=1):
        parts = [_unescape(t).strip() for t in src.split(sep)]
        parts = [t for t in parts if t]
        if not parts:
            raise InputError(f"{path}:{n}: no document text on this line")
        cid = f"{path.stem}-{n - 1:05d}"
        docs = [_document(f"d{i}", text, f"{path}:{n}#{i}", i) for i, text in enumerate(parts)]
        ref = _unescape(ref).strip()
        clusters.append(_build(docs, cid, [ref] if ref else [], f"{path}:{n}"))
    digest = hashlib.sha256(path.read_bytes() + b"\0" + tgt.read_bytes()).hexdigest()
    return Dataset(str(path), "lines", digest, tuple(clusters),
                   (("sep", sep), ("target", tgt.name)))


def _unescape(text: str) -> str:
    return text.replace("NEWLINE_CHAR", "\n")


def _files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.is_file() and not f.name.startswith("."))


def _read_text(path: Path) -> str:
    """Decoded like every other input (UTF-8/16 by BOM, Latin-1 fallback, binary refused)."""
    from summarize.load import decode

    return decode(path.read_bytes(), str(path))


def _digest_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _document(doc_id: str, text: str, source: str, position: int) -> Document:
    from summarize.load import normalize_newlines, text_title

    text = normalize_newlines(text)
    return Document(id=doc_id, title=text_title(text), text=text, source=source,
                    position=position)


def _build(documents: Sequence[Document], cluster_id: str, references: Sequence[str],
           where: str) -> Cluster:
    """Split documents into sentences through the shared loader, naming the input on error."""
    from summarize.load import build_cluster

    try:
        return build_cluster(list(documents), id=cluster_id, references=tuple(references))
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
