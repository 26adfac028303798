"""Read the input reports into a ``Cluster``: files, directories, globs, stdin or cluster JSONL.

Loading is where user mistakes show up (a wrong path, a binary file, a file in an
unexpected encoding, an empty input), so every problem becomes one clear
``InputError`` line instead of a traceback. Decoding, HTML extraction and newline
normalization happen here, once; the text stored in ``Document.text`` is what
every sentence span indexes into, so nothing later may change it.

Each document's language is settled here too (``summarize.language``): the cluster JSONL's
optional ``"language"`` per document, else ``--language``, else detection; the cluster's is
``--language`` or that of most documents.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from summarize import clean as cleaning
from summarize import language as languages
from summarize.errors import InputError, UsageError
from summarize.model import Cluster, Document, Dropped, Sentence
from summarize.text import split_sentences, using

MAX_BYTES = 50 * 1024 * 1024
"""Largest input file accepted: beyond this a "report" is certainly not one."""

MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Largest input across all files (and largest cluster line of a JSONL file): about 30
million words, far past what a brief of one event needs, and what keeps memory in check
when a glob matches a whole disk."""

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TITLE_CHARS = 80

SETS = ("A", "B")
"""The document field ``set`` of update data (TAC's update task): ``"A"`` for the earlier
reports, ``"B"`` for the later ones. Optional; ``summarize bench --update`` summarizes B for a
reader who has read A (``summarize.update``)."""

Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"summarize: warning: {message}", file=sys.stderr)


# --- bytes -> text -------------------------------------------------------------------------


def _read_limited(stream: BinaryIO, name: str) -> bytes:
    """Read at most MAX_BYTES in chunks, refusing larger inputs before holding them."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(f"{name}: larger than the {_mib(MAX_BYTES)} limit of an input "
                             "file; split it into smaller files")
        chunks.append(chunk)
    return b"".join(chunks)


def _read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size / 2**20:.1f} MiB, larger than the "
                             f"{_mib(MAX_BYTES)} limit of an input file; split it into "
                             "smaller files")
        with path.open("rb") as stream:
            return _read_limited(stream, str(path))
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


def _is_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROLS))  # counted in C, not per byte
    return controls / len(head) > 0.05


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
"""Control bytes that text does not use (tab, newlines, form feed and escape it does)."""


def decode(data: bytes, name: str, warn: Warn | None = None) -> str:
    """Text of ``data``: UTF-8 (BOM or not), UTF-16 with a BOM, else Latin-1 with a warning.

    Refuses binary data. Newlines are normalized to ``\\n``.
    """
    text: str | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8", name)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text = _strict(data[2:], codec, name)
        if "\x00" in text:
            raise InputError(f"{name}: binary file, not text")
    else:
        if _is_binary(data):
            raise InputError(f"{name}: binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            (warn or _stderr)(f"{name}: not UTF-8, read as Latin-1")
            try:
                text = data.decode("cp1252")  # Windows Latin-1: curly quotes in 0x80-0x9f
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    return normalize_newlines(text)


def read_text(path: str | Path, *, stdin: BinaryIO | None = None,
              warn: Warn | None = None) -> str:
    """One file (or ``-`` for stdin) as text, with the loader's size limit, encodings and
    binary refusal: what ``summarize score`` reads summaries and references with."""
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode(_read_limited(stream, "<stdin>"), "<stdin>", warn)
    return decode(_read_file(Path(path)), str(path), warn)


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid {codec.upper()} despite its byte-order mark") from None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- text -> Document ----------------------------------------------------------------------


def _shorten(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def text_title(text: str, *, markdown: bool = False) -> str:
    """The first non-empty line that is not boilerplate (a heading marker removed)."""
    first = ""
    for line in text.split("\n"):
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if not line:
            continue
        first = first or line
        if cleaning.line_reason(line) is None:
            return _shorten(line)
    return _shorten(first)


def _document(text: str, *, kind: str, doc_id: str, source: str, position: int) -> Document:
    """A Document from decoded text; ``kind`` is html, markdown or text."""
    if kind == "html":
        from summarize import html as htmltext  # html.parser: only for pages

        page = htmltext.extract(text)
        body = page.text
        title = _shorten(page.title) or text_title(body)
    else:
        body = text
        title = text_title(body, markdown=kind == "markdown")
    return Document(id=doc_id, title=title, text=body, source=source, position=position)


def _kind(path: Path | None, text: str) -> str:
    suffix = path.suffix.lower() if path else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix not in TEXT_SUFFIXES:
        from summarize import html as htmltext

        if htmltext.looks_like_html(text):
            return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


# --- Cluster -------------------------------------------------------------------------------


def build_cluster(documents: Sequence[Document], *, keep_boilerplate: bool = False,
                  id: str = "", references: Sequence[str] = (),
                  language: str | None = None) -> Cluster:
    """Clean and split documents: every kept sentence, in document order, with provenance.

    Each document is split in its own language: the one it names (cluster JSONL), else
    ``language`` (``--language``), else the detected one. The cluster's language, in which
    stems and similarities are taken, is ``language``, else that of most documents.
    """
    documents = [doc if doc.language else replace(
        doc, language=language or languages.detect(doc.text)) for doc in documents]
    chosen = language or languages.majority([doc.language or "" for doc in documents])
    sentences: list[Sentence] = []
    dropped: list[Dropped] = []
    for doc in documents:
        spans = split_sentences(doc.text, doc.language)
        if not keep_boilerplate:
            with using(chosen):
                result = cleaning.clean(doc.id, doc.text, spans)
            spans = list(result.spans)
            dropped.extend(result.dropped)
        for index, (start, end) in enumerate(spans):
            sentences.append(Sentence(text=doc.text[start:end], doc_id=doc.id, index=index,
                                      start=start, end=end, position=doc.position))
    return Cluster(documents=tuple(documents), sentences=tuple(sentences),
                   dropped=tuple(dropped), id=id, references=tuple(references),
                   language=chosen)


def unique_id(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``...: the first not in ``taken`` (then added to it)."""
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


# --- cluster JSONL -------------------------------------------------------------------------


def parse_json(line: str, where: str) -> Any:
    """One JSON value; an InputError naming ``where`` if it is not valid JSON, or nested so
    deeply that the parser would overflow the stack (a RecursionError, not a user's data)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None


def _parse_line(line: str, path: Path, lineno: int) -> dict[str, Any]:
    """One cluster record, checked; errors name the file and line."""
    where = f"{path} line {lineno}"
    record = parse_json(line, where)
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with \"documents\"")
    docs = record.get("documents")
    if not isinstance(docs, list):
        raise InputError(f"{where}: \"documents\" must be a list")
    for i, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise InputError(f"{where}: document {i} needs a \"text\" string")
        if len(doc["text"]) > MAX_BYTES:  # characters: at least as many bytes
            raise InputError(f"{where}: document {i} is larger than {_mib(MAX_BYTES)}, "
                             "the limit for one report")
        for key in ("id", "title"):
            if doc.get(key) is not None and not isinstance(doc[key], (str, int)):
                raise InputError(f"{where}: document {i} \"{key}\" must be a string")
        if doc.get("set") is not None and doc["set"] not in SETS:
            raise InputError(f"{where}: document {i} \"set\" must be \"A\" (earlier "
                             f"reports) or \"B\" (later ones), got {doc['set']!r}")
        if doc.get("language") is not None:
            if not isinstance(doc["language"], str):
                raise InputError(f"{where}: document {i} \"language\" must be a string")
            try:
                doc["language"] = languages.resolve(doc["language"])
            except UsageError as exc:
                raise InputError(f"{where}: document {i}: {exc}") from None
    refs = record.get("references", [])
    if isinstance(refs, str):
        refs = [refs]
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise InputError(f"{where}: \"references\" must be a list of strings")
    record["references"] = refs
    cid = record.get("id")
    if cid is not None and not isinstance(cid, (str, int)):
        raise InputError(f"{where}: \"id\" must be a string")
    record["id"] = str(cid) if cid is not None else f"{path.stem}-{lineno}"
    return record


def _records(path: str | Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines of a JSONL file, with 1-based line numbers, read as a stream."""
    path = Path(path)
    try:
        if path.stat().st_size > 50 * MAX_BYTES:
            raise InputError(f"{path}: too large")
        with path.open("r", encoding="utf-8-sig", newline=None) as stream:
            lineno = 0
            while line := stream.readline(MAX_TOTAL_BYTES + 1):
                lineno += 1
                if len(line) > MAX_TOTAL_BYTES:
                    raise InputError(f"{path} line {lineno}: a cluster larger than "
                                     f"{_mib(MAX_TOTAL_BYTES)}; split it")
                if line.strip():
                    yield lineno, line
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 (cluster JSONL must be UTF-8)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _cluster_from(record: dict[str, Any], path: Path, keep_boilerplate: bool,
                  language: str | None = None) -> Cluster:
    taken: set[str] = set()
    documents = []
    for position, raw in enumerate(record["documents"]):
        doc_id = unique_id(str(raw.get("id") or f"d{position}"), taken)
        text = normalize_newlines(raw["text"])
        title = " ".join(str(raw.get("title") or "").split())
        if not title:
            spans = split_sentences(text, raw.get("language") or language or languages.detect(text))
            title = text[spans[0][0]:spans[0][1]] if spans else ""
        documents.append(Document(id=doc_id, title=_shorten(title), text=text,
                                  source=f"{path}#{record['id']}/{doc_id}", position=position,
                                  set=raw.get("set") or "",
                                  language=raw.get("language")))
    return build_cluster(documents, keep_boilerplate=keep_boilerplate, id=record["id"],
                         references=record["references"], language=language)


def read_clusters(path: str | Path, *, keep_boilerplate: bool = False,
                  language: str | None = None) -> Iterator[Cluster]:
    """Every cluster of a cluster-JSONL file, in file order.

    A line is ``{"id": ..., "documents": [{"id", "title", "text", "set", "language"}, ...],
    "references": [...]}``; ``title``, ``id``, ``set`` (``"A"``/``"B"``: earlier/later
    reports of update data, see ``SETS``) and ``language`` (``"german"``: see
    ``summarize.language`` for those supported; else ``language``, else the detected one)
    are optional."""
    for lineno, line in _records(path):
        yield _cluster_from(_parse_line(line, Path(path), lineno), Path(path), keep_boilerplate,
                            language)


def validate_jsonl(path: str | Path) -> int:
    """Check a whole cluster-JSONL file before work starts; return its number of clusters."""
    count = 0
    seen: set[str] = set()
    for lineno, line in _records(path):
        record = _parse_line(line, Path(path), lineno)
        if record["id"] in seen:
            raise InputError(f"{path} line {lineno}: duplicate cluster id {record['id']!r}")
        seen.add(record["id"])
        count += 1
    if not count:
        raise InputError(f"{path}: no clusters in file")
    return count


def _jsonl_cluster(path: Path, cluster_id: str | None, keep_boilerplate: bool,
                   language: str | None = None) -> Cluster:
    ids: list[str] = []
    first: dict[str, Any] | None = None
    for lineno, line in _records(path):
        record = _parse_line(line, path, lineno)
        if cluster_id is not None and record["id"] == cluster_id:
            return _cluster_from(record, path, keep_boilerplate, language)
        ids.append(record["id"])
        if cluster_id is None and len(ids) == 1:
            first = record
    if not ids:
        raise InputError(f"{path}: no clusters in file")
    examples = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
    if cluster_id is not None:
        raise InputError(f"{path}: no cluster {cluster_id!r} (known: {examples}; "
                         f"{len(ids)} in all)")
    if len(ids) > 1:
        raise InputError(f"{path} holds {len(ids)} clusters; pick one with --cluster ID "
                         f"(e.g. {examples})")
    assert first is not None
    return _cluster_from(first, path, keep_boilerplate, language)


# --- paths ---------------------------------------------------------------------------------


def seed_paths() -> list[Path]:
    """The five demo reports shipped with the package (or in the source tree's seeds/)."""
    from summarize.resources import package_folder

    packaged = package_folder("summarize.seeds")
    found = sorted(p for p in packaged.glob("*.txt") if p.is_file()) if packaged else []
    if not found:
        source = Path(__file__).resolve().parent.parent / "seeds"
        found = sorted(source.glob("*.txt"))
    if not found:
        raise InputError("the packaged seed reports are missing; give input files")
    return found


def _text_like(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return True
    if suffix:
        return False
    try:
        with path.open("rb") as stream:
            return not _is_binary(stream.read(8192))
    except OSError:
        return False


def _walk(directory: Path) -> list[Path]:
    """Text-like files under ``directory``, recursively, in sorted path order; no hidden ones."""
    out: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.is_file() and _text_like(path):
                out.append(path)
    return sorted(out, key=lambda p: p.relative_to(directory).parts)


def _expand(arg: str) -> list[Path | None]:
    """Paths for one argument; None stands for stdin."""
    if arg == "-":
        return [None]
    path = Path(arg)
    if path.is_dir():
        found = _walk(path)
        if not found:
            raise InputError(f"{arg}: directory holds no text files "
                             f"({', '.join(sorted(TEXT_SUFFIXES))})")
        return list(found)
    if path.exists():
        return [path]
    if glob.has_magic(arg):
        matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
        files = [m for m in matches if m.is_file()]
        for m in matches:
            if m.is_dir():
                files.extend(_walk(m))
        if not files:
            raise InputError(f"{arg}: no files match")
        return files
    raise InputError(f"{arg}: no such file or directory")


def input_paths(paths: Sequence[str]) -> list[Path]:
    """The files the command line's inputs name (no inputs: the seeds), stdin left out:
    what an output file must never be."""
    found: list[Path] = []
    for arg in paths or [str(p) for p in seed_paths()]:
        found.extend(p for p in _expand(str(arg)) if p is not None)
    return found


def load_inputs(paths: Sequence[str], *, cluster_id: str | None = None,
                keep_boilerplate: bool = False, stdin: BinaryIO | None = None,
                warn: Warn | None = None, language: str | None = None) -> Cluster:
    """The cluster to summarize, from the command line's inputs (no inputs: the seeds).
    ``language``: every document's (``--language``); None detects each one's."""
    warn = warn or _stderr
    expanded: list[Path | None] = []
    for arg in paths or [str(p) for p in seed_paths()]:
        expanded.extend(_expand(str(arg)))
    jsonl = [p for p in expanded if p is not None and p.suffix.lower() == ".jsonl"]
    if jsonl:
        if len(expanded) > 1:
            raise InputError(f"{jsonl[0]}: a cluster .jsonl file must be the only input")
        cluster = _jsonl_cluster(jsonl[0], cluster_id, keep_boilerplate, language)
        _require_sentences(cluster)
        return cluster

    documents: list[Document] = []
    taken: set[str] = set()
    stdin_read = False
    total = 0
    for path in expanded:
        if path is None:
            if stdin_read:
                continue
            stdin_read = True
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = _read_limited(stream, "<stdin>")
            name, source, stem = "<stdin>", "<stdin>", "stdin"
        else:
            data = _read_file(path)
            name = source = str(path)
            stem = path.stem or path.name
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"{name}: the inputs together pass {_mib(MAX_TOTAL_BYTES)}; "
                             "give fewer files")
        text = decode(data, name, warn)
        if not text.strip():
            warn(f"{name}: empty, skipped")
            continue
        doc = _document(text, kind=_kind(path, text), doc_id=unique_id(stem, taken),
                        source=source, position=len(documents))
        documents.append(doc)
    if not documents:
        raise InputError("no text in the input (all files are empty)")
    cluster = build_cluster(documents, keep_boilerplate=keep_boilerplate, id=cluster_id or "",
                            language=language)
    _require_sentences(cluster)
    return cluster


def _require_sentences(cluster: Cluster) -> None:
    if cluster.sentences:
        return
    if cluster.dropped:
        raise InputError(f"no sentences left: all {len(cluster.dropped)} pieces of text look like "
                         "page boilerplate (use --keep-boilerplate to keep them)")
    raise InputError("no sentences in the input")
