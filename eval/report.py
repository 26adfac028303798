"""The leaderboard of a benchmark run: means with 95% CIs, significance, cost, in four formats.

What is measured, and why:

* Each method's per-cluster ROUGE F1 (x100, max over references as the scorer defines it);
  the mean gets a bootstrap 95% interval, because 30-300 clusters leave wide error bars and a
  leaderboard without them invites reading noise as progress.
* Significance is paired over clusters (the same cluster summarized by both methods) on
  ROUGE-2 F: a seeded permutation test of each method against the best one (highest mean
  ROUGE-2) and against the ``lead`` baseline.
* A summary that failed (an error recorded for that cluster) counts as an empty summary, i.e.
  0: leaving it out would flatter a method that fails on hard clusters. Clusters not computed
  yet (an unfinished run) and clusters without references are left out.
* Rows are sorted by mean ROUGE-2, then name, so the same database always prints the same table.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from eval.store import RunInfo, Store, StoredSummary
from summarize.errors import InputError, UsageError

TYPES = ("rouge1", "rouge2", "rougeL")
LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}
SIGNIFICANCE_TYPE = "rouge2"
FORMATS = ("table", "markdown", "csv", "json")


@dataclass(frozen=True)
class Mean:
    """A mean with its 95% bootstrap interval (ROUGE x100)."""

    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class Row:
    """One method's line of the leaderboard."""

    method: str
    family: str
    clusters: int
    """Clusters with a score (errors included, as 0)."""
    errors: int
    rouge: dict[str, Mean]
    p_best: float | None
    """Paired permutation p-value against the best method (None for the best itself)."""
    p_lead: float | None
    """Against ``lead`` (None for lead itself or when lead was not run)."""
    seconds: float
    """Mean seconds per cluster of the method call."""
    peak_memory: int
    """Largest per-summary peak of Python allocations, bytes."""


@dataclass(frozen=True)
class Leaderboard:
    run: RunInfo
    rows: tuple[Row, ...]
    best: str | None
    clusters: int
    """Clusters of the run that have references."""
    resamples: int
    seed: int


def pick_run(store: Store, run: str | None = None) -> RunInfo:
    """The run named by id (or unique prefix), or the latest one."""
    runs = store.runs()
    if not runs:
        raise InputError(f"{store.path} holds no benchmark run")
    if run is None:
        return runs[-1]
    found = store.run(run)
    if found is None:
        known = ", ".join(r.id for r in runs)
        raise UsageError(f"no single run {run!r} in {store.path}; runs: {known}")
    return found


def values(summaries: Sequence[StoredSummary], method: str, rouge_type: str) -> dict[str, float]:
    """Per-cluster F1 x100 of one method, errors as 0, clusters without a score left out."""
    out = {}
    for s in summaries:
        if s.method != method:
            continue
        if s.error is not None:
            out[s.cluster_id] = 0.0
        elif rouge_type in s.scores:
            out[s.cluster_id] = 100.0 * s.scores[rouge_type]["fmeasure"]
    return out


def leaderboard(store: Store, run: str | None = None, resamples: int = 1000,
                seed: int = 0) -> Leaderboard:
    """Compute the leaderboard of a run (the latest one by default)."""
    from eval.stats import bootstrap_ci
    from summarize import registry

    info = pick_run(store, run)
    summaries = store.summaries(info.id)
    with_refs = {c for c in store.clusters(info.id) if store.references(info.id, c)}
    per: dict[str, dict[str, dict[str, float]]] = {}
    for m in info.methods:
        per[m] = {t: {c: v for c, v in values(summaries, m, t).items() if c in with_refs}
                  for t in TYPES}
    means: dict[str, dict[str, Mean]] = {}
    for m in info.methods:
        means[m] = {}
        for t in TYPES:
            vals = [per[m][t][c] for c in sorted(per[m][t])]
            if vals:
                iv = bootstrap_ci(vals, resamples=resamples, seed=seed)
                means[m][t] = Mean(float(iv.mean), float(iv.low), float(iv.high))
    scored = [m for m in info.methods if SIGNIFICANCE_TYPE in means[m]]
    best = min(scored, key=lambda m: (-means[m][SIGNIFICANCE_TYPE].mean, m)) if scored else None
    rows = []
    for m in info.methods:
        mine = [s for s in summaries if s.method == m]
        try:
            family = registry.get(m).family
        except UsageError:
            family = "?"
        rows.append(Row(
            method=m, family=family, clusters=len(per[m][SIGNIFICANCE_TYPE]),
            errors=sum(s.error is not None for s in mine), rouge=means[m],
            p_best=_p(per, m, best, resamples, seed),
            p_lead=_p(per, m, "lead" if "lead" in per else None, resamples, seed),
            seconds=sum(s.seconds for s in mine) / len(mine) if mine else 0.0,
            peak_memory=max((s.peak_memory for s in mine), default=0)))
    rows.sort(key=lambda r: (-r.rouge[SIGNIFICANCE_TYPE].mean if SIGNIFICANCE_TYPE in r.rouge
                             else math.inf, r.method))
    return Leaderboard(run=info, rows=tuple(rows), best=best, clusters=len(with_refs),
                       resamples=resamples, seed=seed)


def _p(per: dict, method: str, other: str | None, resamples: int, seed: int) -> float | None:
    """Paired permutation test on per-cluster ROUGE-2 F over the clusters both have."""
    from eval.stats import permutation_test

    if other is None or other == method:
        return None
    a, b = per[method][SIGNIFICANCE_TYPE], per[other][SIGNIFICANCE_TYPE]
    common = sorted(set(a) & set(b))
    if not common:
        return None
    return float(permutation_test([a[c] for c in common], [b[c] for c in common],
                                  resamples=resamples, seed=seed))


# ----- formats ---------------------------------------------------------------------------


def _ci(m: Mean | None) -> str:
    return "—" if m is None else f"{m.mean:.2f} [{m.low:.2f}, {m.high:.2f}]"


def _pv(p: float | None) -> str:
    if p is None:
        return "—"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _cells(row: Row) -> list[str]:
    return [row.method, *(_ci(row.rouge.get(t)) for t in TYPES), _pv(row.p_best),
            _pv(row.p_lead), f"{row.seconds:.3f}", f"{row.peak_memory / 2**20:.1f}",
            str(row.errors)]


HEADER = ["method", "ROUGE-1 [95% CI]", "ROUGE-2 [95% CI]", "ROUGE-L [95% CI]", "p vs best",
          "p vs lead", "s/cluster", "peak MB", "errors"]


def _caption(board: Leaderboard) -> str:
    r = board.run
    words = f"{r.words} words" if r.words else "sentence budget"
    if r.options.get("update"):
        words += ", update briefs (set B for a reader of set A)"
    return (f"run {r.id}: {r.data}, {board.clusters} clusters with references, {words}; "
            f"F1 x100, bootstrap 95% CI, paired permutation test on ROUGE-2 "
            f"({board.resamples} resamples, seed {board.seed}); best: {board.best}; "
            f"peak MB: {_MEMORY.get(r.options.get('memory', ''), 'not measured')}")


_MEMORY = {"rss": "growth of the resident set during the call",
           "tracemalloc": "Python allocations (tracemalloc; times inflated by it)"}


def to_table(board: Leaderboard) -> str:
    rows = [HEADER, *(_cells(r) for r in board.rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = [_caption(board)]
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def to_markdown(board: Leaderboard) -> str:
    lines = [f"*{_caption(board)}*", "", "| " + " | ".join(HEADER) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(HEADER) - 1)) + "|"]
    for row in board.rows:
        cells = _cells(row)
        if row.method == board.best:
            cells[2] = f"**{cells[2]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _flat(row: Row) -> dict:
    d: dict = {"method": row.method, "family": row.family, "clusters": row.clusters,
               "errors": row.errors}
    for t in TYPES:
        m = row.rouge.get(t)
        for k in ("mean", "low", "high"):
            d[f"{t}_{k}"] = None if m is None else round(getattr(m, k), 4)
    # In MB (2**20 bytes), as the table and Markdown show it: one unit in every format.
    d.update(p_best=row.p_best, p_lead=row.p_lead, seconds=round(row.seconds, 6),
             peak_mb=round(row.peak_memory / 2**20, 3))
    return d


def to_csv(board: Leaderboard) -> str:
    buf = io.StringIO()
    rows = [_flat(r) for r in board.rows]
    writer = csv.DictWriter(buf, fieldnames=list(_flat(board.rows[0]) if rows else ["method"]),
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def to_json(board: Leaderboard) -> str:
    run = asdict(board.run)
    run["methods"] = list(run["methods"])
    doc = {"run": run, "clusters": board.clusters, "best": board.best,
           "resamples": board.resamples, "seed": board.seed,
           "rows": [_flat(r) for r in board.rows]}
    return json.dumps(doc, indent=2, sort_keys=False) + "\n"


def render(board: Leaderboard, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return {"table": to_table, "markdown": to_markdown, "csv": to_csv, "json": to_json}[fmt](
        board)


def chart(board: Leaderboard, types: Sequence[str] = TYPES) -> bytes:
    """A PNG of grouped bars (mean ROUGE per method) with 95% CI error bars.

    Returned as bytes, so that the caller writes it the way every output is written
    (``summarize.output``: never over an input, through symlinks, atomically)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in board.rows if r.rouge]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(rows) + 2), 4.5), dpi=100)
    width = 0.8 / max(1, len(types))
    for k, t in enumerate(types):
        xs = [i + (k - (len(types) - 1) / 2) * width for i in range(len(rows))]
        ms = [r.rouge[t].mean if t in r.rouge else 0.0 for r in rows]
        lo = [r.rouge[t].mean - r.rouge[t].low if t in r.rouge else 0.0 for r in rows]
        hi = [r.rouge[t].high - r.rouge[t].mean if t in r.rouge else 0.0 for r in rows]
        ax.bar(xs, ms, width, yerr=[lo, hi], capsize=3, label=LABELS.get(t, t))
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([r.method for r in rows], rotation=30, ha="right")
    ax.set_ylabel("F1 x100 (95% CI)")
    ax.set_title(f"{Path(board.run.data).name}: {board.clusters} clusters, "
                 f"{board.run.words} words")
    top = max((r.rouge[t].high for r in rows for t in types if t in r.rouge), default=1.0)
    ax.set_ylim(0, top * 1.18)  # room for the legend above the bars
    ax.legend(ncol=len(types), loc="upper center")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
