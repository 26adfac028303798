"""Rich text for the screens: column headers, summary sentences and the highlighted reader.

Pure functions from data to ``rich.text.Text``, so what a person sees can be tested
without a terminal and the widgets stay thin.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from summarize.errors import SummarizeError
from summarize.model import Document, SummarySentence
from tui.analysis import ROUGE_TYPES, Mark, Redundancy
from tui.data import Entry

SOURCE_STYLE = "bold black on yellow"
"""A sentence the selected summary sentence was taken or fused from."""
SUPPORT_STYLE = "black on dark_khaki"
"""Another sentence of the same redundancy group (same content, another report)."""
RELATED_STYLE = "bold"
NGRAM_STYLE = "bold green underline"
BOILERPLATE_STYLE = "dim"
SHORT_NAMES = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL", "rougeLsum": "RLs"}


RELATED_MARK = "≈"
GENERATED_MARK = "✎"
SUPPORT_MARK = "◆"


def legend() -> Text:
    """What the marks mean, in one line under the columns."""
    text = Text()
    for mark, meaning in ((RELATED_MARK, "same content as selected"),
                          (GENERATED_MARK, "new wording"), (SUPPORT_MARK, "report backs it"),
                          ("[n]", "report n")):
        if text:
            text.append("  ")
        text.append(mark, style="bold")
        text.append(f" {meaning}", style="dim")
    return text


def failure_line(label: str, error: BaseException | None) -> str:
    """``fusion 120w failed: <cause>``: the run and the first line of the cause, no traceback."""
    if error is None:
        return f"{label} failed"
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    cause = lines[0] if lines else ""
    if not isinstance(error, SummarizeError):
        cause = f"{type(error).__name__}: {cause}" if cause else type(error).__name__
    return f"{label} failed: {cause}"


def header_text(entry: Entry, redundancy: Redundancy | None, scores: dict[str, float],
                reference: str | None, is_reference: bool = False, *,
                elapsed: float = 0.0) -> Text:
    """The four header lines of a summary column: name, length, redundancy, ROUGE."""
    text = Text(entry.label, style="bold")
    if entry.state == "running":
        text.append(f"\nrunning… {elapsed:.0f} s", style="italic")
        text.append("\nc stops it", style="dim")
        return text
    if entry.state == "failed" or entry.summary is None:
        text.append(f"\nfailed: {entry.error}", style="red")
        return text
    summary = entry.summary
    words = summary.words
    budget = summary.option("words")
    length = f"{words}/{budget}w" if budget else f"{words}w"
    text.append(f"\n{length} · {len(summary.sentences)} sent")
    if redundancy is not None:
        # Highest sentence-pair similarity, then the share of repeated word trigrams.
        text.append(f"\nred. {redundancy.max_pair_similarity:.2f}"
                    f" · rep {redundancy.repeated_ngram_rate:.2f}")
    if is_reference:
        text.append("\n(the reference)", style="italic")
    elif scores:
        text.append("\n" + "  ".join(f"{SHORT_NAMES.get(t, t)} {scores[t]:.1f}"
                                     for t in ROUGE_TYPES if t in scores))
    elif reference is None:
        text.append("\nno reference", style="dim")
    else:
        text.append("\nROUGE n/a", style="dim")
    return text


def citations(item: SummarySentence, documents: Sequence[Document]) -> str:
    """``[1][3]``: the input positions (1-based) of the documents that report it."""
    numbers = {d.id: d.position + 1 for d in documents}
    ids = item.support or tuple(s.doc_id for s in item.sources)
    return "".join(f"[{n}]" for n in sorted({numbers[d] for d in ids if d in numbers}))


def sentence_text(item: SummarySentence, documents: Sequence[Document], *, related: bool = False,
                  ngrams: Sequence[tuple[int, int]] = ()) -> Text:
    """One summary sentence: a marker when it matches the selection, n-grams, citations."""
    marker = f"{RELATED_MARK} " if related else "  "
    text = Text(marker, style=RELATED_STYLE if related else "")
    body = Text(item.text, style=RELATED_STYLE if related else "")
    for start, end in ngrams:
        body.stylize(NGRAM_STYLE, start, end)
    text.append_text(body)
    if item.generated:
        text.append(f" {GENERATED_MARK}", style="italic")
    cited = citations(item, documents)
    if cited:
        text.append(" " + cited, style="dim")
    return text


def document_paragraphs(doc: Document, kept: Sequence[tuple[int, int]],
                        marks: Sequence[Mark]) -> list[tuple[Text, bool]]:
    """The document as paragraphs of styled text, each with whether it holds a highlight.

    Text outside every kept sentence (boilerplate the loader dropped) is dim; source
    sentences and the rest of their redundancy group are highlighted in two styles.
    """
    out: list[tuple[Text, bool]] = []
    offset = 0
    for line in doc.text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        text = Text(line)
        text.stylize(BOILERPLATE_STYLE)
        for ks, ke in kept:
            if ks < end and ke > start:
                text.stylize("not dim", max(ks, start) - start, min(ke, end) - start)
        marked = False
        for m in marks:
            if m.start < end and m.end > start:
                style = SOURCE_STYLE if m.kind == "source" else SUPPORT_STYLE
                text.stylize(style, max(m.start, start) - start, min(m.end, end) - start)
                marked = True
        out.append((text, marked))
    return out
