"""``summarize score``: ROUGE of summaries against references, from files or JSONL.

Two inputs:

* ``--summary FILE --reference FILE [--reference FILE ...]``: one summary, one or more
  references (``-`` reads standard input, for one of them).
* ``--jsonl FILE``: one ``{"id", "summary", "references"}`` object per line; corpus means,
  optional bootstrap intervals (``--bootstrap N --seed S``), per-item scores in JSON.
  ``--references-from DATA.jsonl`` takes the references by id from another JSONL instead
  (cluster data sets such as ``neus-val.jsonl`` work as they are), and ``--compare B.jsonl``
  tests system A against system B on the same ids (paired bootstrap and permutation test).

Every output names the options that shape the numbers (tokenizer, stemming, multi-reference
rule, word limit, Lsum split mode and the splitter that ran), because ROUGE numbers without
them cannot be compared, and lists the choices that make them differ from plain rouge-score's.
Results go to stdout, warnings to stderr, bad input raises ``SummarizeError`` (one line,
exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eval.rouge import (
    LSUM_SPLITS,
    MEASURES,
    MULTI_REF,
    Aggregate,
    Rouge,
    RougeConfig,
    Score,
    aggregate,
)
from eval.tokenize import TOKENIZERS
from summarize.cli import seed_type
from summarize.errors import InputError, SummarizeError, UsageError

PERMUTATION_RESAMPLES = 10_000
"""Random sign flips of the permutation test (p resolution 1e-4)."""


@dataclass(frozen=True)
class Item:
    """One summary to score, with its references."""

    id: str
    summary: str
    references: tuple[str, ...]


def register(subparsers: Any) -> None:
    """Add the ``score`` subcommand to the ``summarize`` command line."""
    parser = subparsers.add_parser(
        "score", help="ROUGE of summaries against references (with CIs and significance)",
        description="Score summaries with ROUGE-1/2/L/Lsum through rouge-score. Text output "
                    "shows scores x100; JSON keeps them in [0, 1].")
    _add_arguments(parser)
    parser.set_defaults(func=run)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_argument_group("input (either --summary/--reference or --jsonl)")
    source.add_argument("--summary", metavar="FILE", help="the summary to score ('-': stdin)")
    source.add_argument("--reference", metavar="FILE", action="append", default=[],
                        help="a reference summary (repeat for several; '-': stdin)")
    source.add_argument("--jsonl", metavar="FILE",
                        help='lines {"id", "summary", "references"} (\'-\': stdin)')
    source.add_argument("--references-from", metavar="FILE",
                        help="JSONL with \"id\" and \"references\" per line (e.g. a cluster data "
                             "set); its references replace those of --jsonl, matched by id")
    source.add_argument("--compare", metavar="FILE",
                        help="a second system's JSONL (same ids): paired significance tests")
    options = parser.add_argument_group("ROUGE options")
    options.add_argument("--format", choices=("text", "json"), default="text")
    options.add_argument("--words", type=int, metavar="N",
                         help="truncate each summary to its first N words (ROUGE-1.5.5 -l)")
    options.add_argument("--tokenizer", choices=TOKENIZERS, default="unicode",
                         help="unicode (default; any script) or rouge-score (ASCII only, for "
                              "comparability with published numbers)")
    options.add_argument("--no-stem", dest="stem", action="store_false",
                         help="no stemming")
    options.add_argument("--language", default="english", metavar="NAME",
                         help="language of the summaries, whose stemmer the tokens get "
                              "(default english: rouge-score's Porter; the others Snowball's, "
                              "none for chinese and japanese; with --tokenizer unicode)")
    options.add_argument("--multi-ref", choices=MULTI_REF, default="max",
                         help="combine several references by max (rouge-score), mean or "
                              "jackknife (ROUGE-1.5.5)")
    options.add_argument("--types", default="rouge1,rouge2,rougeL,rougeLsum",
                         help="comma-separated ROUGE types (default: %(default)s)")
    options.add_argument("--lsum-split", choices=LSUM_SPLITS, default=None,
                         help="Lsum sentences: newline (each line a sentence, as rouge-score; "
                              "the default with --tokenizer rouge-score; right for one sentence "
                              "per line, e.g. CNN/DailyMail highlights), auto (our rule-based "
                              "splitter, the same on every machine; the default otherwise; for "
                              "text without line breaks) or punkt (nltk.sent_tokenize, as "
                              "rouge-score's split_summaries; needs NLTK's Punkt model)")
    options.add_argument("--bootstrap", type=int, default=0, metavar="N",
                         help="N bootstrap resamples for confidence intervals "
                              "(and the paired bootstrap test with --compare; default 1000 there)")
    options.add_argument("--seed", type=seed_type, default=0, metavar="S",
                         help="random seed of the resampling (default 0)")
    options.add_argument("--confidence", type=float, default=0.95, metavar="C",
                         help="confidence level of the intervals, 0 to 1 as rouge-score's "
                              "BootstrapAggregator (default 0.95)")


# --- input ----------------------------------------------------------------------------------

def _read(path: str) -> str:
    """A summary or reference file (``-``: stdin), read exactly as ``summarize brief`` reads
    its inputs: size limit, UTF-8/UTF-16/Latin-1, binary files refused in one line."""
    from summarize.load import read_text

    return read_text(path)


def _references(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(f"{where}: \"references\" must be a string or a list of strings")


def read_jsonl(path: str, *, need_summary: bool = True,
               need_references: bool = True) -> list[Item]:
    """The items of a JSONL file, in file order; ids must be unique."""
    from summarize.load import parse_json

    name = "<stdin>" if path == "-" else path
    items: list[Item] = []
    seen: set[str] = set()
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        obj = parse_json(line, where)
        if not isinstance(obj, dict) or "id" not in obj:
            raise InputError(f"{where}: expected an object with an \"id\"")
        item_id = str(obj["id"])
        if item_id in seen:
            raise InputError(f"{where}: duplicate id {item_id!r}")
        seen.add(item_id)
        summary = obj.get("summary")
        if summary is None and need_summary:
            raise InputError(f"{where}: no \"summary\" for id {item_id!r}")
        if summary is not None and not isinstance(summary, str):
            raise InputError(f"{where}: \"summary\" must be a string")
        refs = obj.get("references")
        if refs is None and need_references:
            raise InputError(f"{where}: no \"references\" for id {item_id!r}")
        items.append(Item(item_id, summary or "",
                          _references(refs, where) if refs is not None else ()))
    if not items:
        raise InputError(f"{name}: no JSON lines")
    return items


def _name_ids(ids: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(repr(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def check_ids(a: Sequence[str], b: Sequence[str], name_a: str, name_b: str) -> None:
    """Raise ``InputError`` naming the ids found in only one of two files."""
    only_a = [i for i in a if i not in set(b)]
    only_b = [i for i in b if i not in set(a)]
    problems = []
    if only_a:
        problems.append(f"in {name_a} but not in {name_b}: {_name_ids(only_a)}")
    if only_b:
        problems.append(f"in {name_b} but not in {name_a}: {_name_ids(only_b)}")
    if problems:
        raise InputError("ids do not match: " + "; ".join(problems))


def _items(args: argparse.Namespace) -> list[Item]:
    if args.jsonl:
        if args.summary or args.reference:
            raise UsageError("give either --jsonl or --summary/--reference, not both")
        items = read_jsonl(args.jsonl, need_references=not args.references_from)
        if args.references_from:
            if args.references_from == "-" and args.jsonl == "-":
                raise UsageError("only one input can be read from stdin ('-')")
            refs = read_jsonl(args.references_from, need_summary=False)
            check_ids([i.id for i in items], [r.id for r in refs], args.jsonl,
                      args.references_from)
            by_id = {r.id: r.references for r in refs}
            items = [Item(i.id, i.summary, by_id[i.id]) for i in items]
        return items
    if args.references_from or args.compare:
        raise UsageError("--references-from and --compare need --jsonl")
    if not args.summary or not args.reference:
        raise UsageError("give --summary FILE and at least one --reference FILE, or --jsonl FILE")
    if [args.summary, *args.reference].count("-") > 1:
        raise UsageError("only one input can be read from stdin ('-')")
    return [Item("summary", _read(args.summary), tuple(_read(r) for r in args.reference))]


# --- scoring --------------------------------------------------------------------------------

def _config(args: argparse.Namespace) -> RougeConfig:
    types = tuple(t.strip() for t in args.types.split(",") if t.strip())
    if args.words is not None and args.words < 1:
        raise UsageError(f"--words must be a positive integer, not {args.words}")
    if args.bootstrap < 0:
        raise UsageError(f"--bootstrap must be >= 0, not {args.bootstrap}")
    if not 0.0 <= args.confidence <= 1.0:  # also refuses nan
        raise UsageError(f"--confidence must be between 0 and 1, not {args.confidence}")
    from summarize.language import resolve

    config = RougeConfig(types=types, stem=args.stem, tokenizer=args.tokenizer,
                         words=args.words, multi_ref=args.multi_ref, lsum_split=args.lsum_split,
                         language=resolve(args.language))
    config.validate()
    return config


def score_items(rouge: Rouge, items: Sequence[Item]) -> list[dict[str, Score]]:
    """Scores of each item; empty-text warnings go to stderr, naming the item."""
    results = []
    for item in items:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            results.append(rouge.score(item.summary, item.references))
        for w in caught:
            print(f"summarize: warning: {item.id}: {w.message}", file=sys.stderr)
    return results


def _score_dict(score: Score) -> dict[str, float]:
    return {m: getattr(score, m) for m in MEASURES}


def _aggregate_dict(agg: Aggregate, with_ci: bool) -> dict[str, Any]:
    out: dict[str, Any] = {m: getattr(agg, m).mean for m in MEASURES}
    if with_ci:
        out["ci"] = {m: [getattr(agg, m).low, getattr(agg, m).high] for m in MEASURES}
        out["ci"]["confidence"] = agg.fmeasure.confidence
    return out


def _compare(args: argparse.Namespace, rouge: Rouge, items: Sequence[Item],
             results: Sequence[dict[str, Score]]) -> dict[str, Any]:
    from eval import stats

    other = read_jsonl(args.compare, need_references=False)
    check_ids([i.id for i in items], [o.id for o in other], args.jsonl, args.compare)
    by_id = {o.id: o.summary for o in other}
    other_items = [Item(i.id, by_id[i.id], i.references) for i in items]
    other_results = score_items(rouge, other_items)
    resamples = args.bootstrap or 1000
    out: dict[str, Any] = {}
    for rouge_type in rouge.config.types:
        a = [r[rouge_type].fmeasure for r in results]
        b = [r[rouge_type].fmeasure for r in other_results]
        out[rouge_type] = {
            "a": sum(a) / len(a), "b": sum(b) / len(b),
            "p_paired_bootstrap": stats.paired_bootstrap(a, b, resamples=resamples, seed=args.seed),
            "p_permutation": stats.permutation_test(a, b, resamples=PERMUTATION_RESAMPLES,
                                              seed=args.seed),
        }
    return {"a": args.jsonl, "b": args.compare, "measure": "fmeasure",
            "bootstrap_resamples": resamples, "permutation_resamples": PERMUTATION_RESAMPLES,
            "two_sided": True, "types": out}


def build_report(args: argparse.Namespace) -> dict[str, Any]:
    """Everything ``score`` prints, as plain data (the JSON output)."""
    config = _config(args)
    items = _items(args)
    rouge = Rouge(config)
    results = score_items(rouge, items)
    agg = aggregate(results, resamples=args.bootstrap, seed=args.seed,
                    confidence=args.confidence)
    report: dict[str, Any] = {
        "options": {**config.describe(), "language": config.language,
                    "bootstrap": args.bootstrap, "seed": args.seed,
                    "confidence": args.confidence},
        "differs_from_rouge_score": config.differences(),
        "count": len(items),
        "scores": {t: _aggregate_dict(a, args.bootstrap > 0) for t, a in agg.items()},
    }
    if args.jsonl:
        report["items"] = [{"id": item.id, "scores": {t: _score_dict(s) for t, s in r.items()}}
                           for item, r in zip(items, results, strict=True)]
    if args.compare:
        report["comparison"] = _compare(args, rouge, items, results)
    return report


# --- output ---------------------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:6.2f}"


def format_text(report: dict[str, Any]) -> str:
    """A readable table: one row per ROUGE type, scores x100, options in the header."""
    o = report["options"]
    header = (f"ROUGE (x100)  language={o['language']}  tokenizer={o['tokenizer']}  "
              f"stem={'on' if o['stem'] else 'off'}  "
              f"multi-ref={o['multi_ref']}  words={o['words'] or 'all'}  ")
    if o["lsum_splitter"]:
        header += f"lsum-split={o['lsum_split']} ({o['lsum_splitter']})  "
    header += f"items={report['count']}"
    with_ci = o["bootstrap"] > 0
    if with_ci:
        header += f"  bootstrap={o['bootstrap']} seed={o['seed']}"
    level = f"{100 * o['confidence']:g}%"
    lines = [header, f"{'type':<10} {'P':>6} {'R':>6} {'F':>6}"
             + (f"  F {level} CI" if with_ci else "")]
    for rouge_type, s in report["scores"].items():
        row = f"{rouge_type:<10} {_pct(s['precision'])} {_pct(s['recall'])} {_pct(s['fmeasure'])}"
        if with_ci:
            low, high = s["ci"]["fmeasure"]
            row += f"  [{_pct(low).strip()}, {_pct(high).strip()}]"
        lines.append(row)
    comparison = report.get("comparison")
    if comparison:
        lines += ["", f"A = {comparison['a']}  B = {comparison['b']}  (F x100, two-sided p; "
                      f"paired bootstrap {comparison['bootstrap_resamples']}, permutation "
                      f"{comparison['permutation_resamples']} resamples)",
                  f"{'type':<10} {'A':>6} {'B':>6} {'A-B':>6}  {'p boot':>7}  {'p perm':>7}"]
        for rouge_type, c in comparison["types"].items():
            lines.append(f"{rouge_type:<10} {_pct(c['a'])} {_pct(c['b'])} "
                         f"{_pct(c['a'] - c['b'])}  {c['p_paired_bootstrap']:7.4f}  "
                         f"{c['p_permutation']:7.4f}")
    differences = report.get("differs_from_rouge_score")
    if differences:
        lines += ["", "differs from rouge-score:", *(f"  {d}" for d in differences)]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """The ``score`` handler: print the report, return the exit status."""
    report = build_report(args)
    if args.format == "json":
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(report))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m eval.cli``: the ``score`` subcommand on its own, same errors as the CLI."""
    parser = argparse.ArgumentParser(prog="summarize")
    subparsers = parser.add_subparsers(dest="command", required=True)
    register(subparsers)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SummarizeError as exc:
        print(f"summarize: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
