"""Conflicting numbers between sources: mentions, related sentences, and the pipeline's report."""

from __future__ import annotations

import numpy as np
import pytest

from summarize.config import Config
from summarize.conflicts import find_conflicts, mentions
from summarize.model import Budget
from summarize.pipeline import extract, summarize
from summarize.redundancy import find_groups
from summarize.similarity import for_cluster
from tests.test_redundancy import cluster_of, seed_cluster


def kinds(text: str) -> list[tuple[str, float, str]]:
    return [(m.kind, m.value, m.text) for m in mentions(text)]


def conflicts_of(*texts: str):  # noqa: ANN201
    c = cluster_of(*texts)
    vec = for_cluster(c)
    return find_conflicts(c, find_groups(c, 0.5, vectors=vec), vec)


@pytest.mark.parametrize(("text", "expected"), [
    ("Militants killed about 1,200 people and kidnapped about 240.",
     [("killed", 1200.0, "about 1,200"), ("hostages", 240.0, "about 240")]),
    ("Fighters took 253 hostages.", [("hostages", 253.0, "253")]),
    ("More than 32,000 Palestinians have been killed.",
     [("killed", 32000.0, "More than 32,000")]),
    ("Some 1.5 million people fled.", [("displaced", 1.5e6, "Some 1.5 million")]),
    ("At least 12 trucks crossed.", [("truck", 12.0, "At least 12")]),
    ("Aid reached 40% of the population.", [("percent of population", 40.0, "40%")]),
])
def test_mentions_know_what_a_number_counts(text: str, expected: list) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "The attack on October 7 changed everything.",
    "He arrived at 10:00 a.m. local time.",
    "The vote was held on 22 March 2024.",
    "Resolution 2728 was adopted.",
    "Five months of war have passed.",
])
def test_dates_times_years_and_ids_are_not_quantities(text: str) -> None:
    assert mentions(text) == []


def test_different_hostage_counts_conflict() -> None:
    found = conflicts_of(
        "On October 7 Hamas killed about 1,200 people in Israel and kidnapped about 240.",
        "Hamas fighters killed 1,200 people and took 253 hostages, according to Israel.",
    )
    assert len(found) == 1
    conflict = found[0]
    assert conflict.description == "hostages: about 240 (d0) vs 253 (d1)"
    assert [(v, d) for v, d, _s in conflict.values] == [("about 240", "d0"), ("253", "d1")]
    assert "kidnapped about 240" in conflict.values[0][2]


def test_agreeing_and_compatible_numbers_do_not_conflict() -> None:
    assert conflicts_of(
        "Gaza officials say about 32,000 Palestinians have been killed.",
        "More than 30,000 Palestinians have been killed, Gaza officials say.",
    ) == ()
    assert conflicts_of("The storm killed 12 people in the north.",
                        "In the north the storm killed 12 people.") == ()


def test_same_document_and_unrelated_sentences_do_not_conflict() -> None:
    # One report may give two figures; unrelated events with numbers are not compared.
    assert conflicts_of("The flood killed 12 people. A later flood killed 30 people.") == ()
    assert conflicts_of("A bus crash in Peru killed 14 passengers on Sunday.",
                        "Parliament passed the budget with 240 votes.") == ()


def test_far_apart_values_count_different_things() -> None:
    # Related sentences (they agree on 1,200 killed), but 1,200 and 32,000 killed are two tolls.
    texts = ("Health officials said the war has killed 1,200 people in Israel.",
             "Health officials said the war has killed 32,000 people in Gaza.")
    assert conflicts_of(*texts) == ()
    # The same sentences with figures of one magnitude are a disagreement.
    found = conflicts_of(texts[0], texts[1].replace("32,000", "1,500"))
    assert [c.description for c in found] == ["killed: 1,200 (d0) vs 1,500 (d1)"]


def test_different_dates_of_different_events_do_not_conflict() -> None:
    assert conflicts_of("The talks began on March 3 in Cairo.",
                        "The talks began on March 9 in Cairo.") == ()


def test_pipeline_carries_conflicts_even_without_the_sentences_in_the_brief() -> None:
    c = cluster_of("The ministers met in Geneva. Hamas killed 1,200 people and took 253 hostages.",
                   "The ministers met in Geneva. Hamas killed 1,200 people and kidnapped 240.")
    scores = np.array([1.0 if "Geneva" in s.text else 0.0 for s in c.sentences])
    summary = extract(c, scores, "t", Config(budget=Budget(sentences=1)))
    assert [s.text for s in summary.sentences] == ["The ministers met in Geneva."]
    assert [x.description for x in summary.conflicts] == ["hostages: 253 (d0) vs 240 (d1)"]
    assert summary.sentences[0].support == ("d0", "d1")


def test_seed_reports_disagree_on_the_hostages_of_october_7() -> None:
    cluster = seed_cluster()
    summary = summarize(cluster, "lead", Config(budget=Budget(words=150)))
    hostages = [c for c in summary.conflicts if c.description.startswith("hostages:")]
    assert len(hostages) == 1
    values = {v for v, _doc, _s in hostages[0].values}
    assert values == {"about 240", "253"}
    # No date, time or agreeing figure is reported as a conflict.
    assert all(not c.description.startswith(("killed", "percent")) for c in summary.conflicts)


def test_repeated_reports_cite_every_copy() -> None:
    """Copies are parsed and judged once, yet every document giving a figure is cited."""
    took = "Hamas killed 1,200 people and took 253 hostages."
    kidnapped = "Hamas killed 1,200 people and kidnapped 240."
    found = conflicts_of(took, kidnapped, took, kidnapped, "The talks ended.")
    assert [c.description for c in found] == [
        "hostages: 253 (d0) vs 240 (d1) vs 253 (d2) vs 240 (d3)"]
    assert [d for _v, d, _s in found[0].values] == ["d0", "d1", "d2", "d3"]
    assert conflicts_of(took, took, took) == ()  # one text always agrees with itself


@pytest.mark.parametrize(("args", "shown"), [
    ([], False), (["--conflicts"], True), (["--format", "json"], True),
    (["--format", "markdown"], False), (["--format", "markdown", "--conflicts"], True)])
def test_the_command_looks_for_conflicts_only_where_its_output_shows_them(
        tmp_path, capsys, args: list[str], shown: bool) -> None:  # noqa: ANN001
    """A text or Markdown brief without ``--conflicts`` shows none, so none are looked for
    (30 ms of a 2,000-sentence brief); the brief is the same either way."""
    import json

    from summarize.cli import build_parser, config_from_args, main

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The ministers met in Geneva. Hamas killed 1,200 people and took 253 "
                 "hostages.\n", encoding="utf-8")
    b.write_text("The ministers met in Geneva. Hamas killed 1,200 people and kidnapped "
                 "240.\n", encoding="utf-8")
    argv = ["brief", str(a), str(b), "--words", "40", *args]
    assert config_from_args(build_parser().parse_args(argv)).conflicts is shown
    assert main(argv) == 0
    out = capsys.readouterr().out
    if "json" in args:
        assert [c["description"] for c in json.loads(out)["conflicts"]] == [
            "hostages: 253 (a) vs 240 (b)"]
    else:
        assert ("253" in out and "240" in out and "vs" in out) is shown
    cluster = cluster_of(a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
    on, off = (summarize(cluster, "lexrank", Config(budget=Budget(words=40), conflicts=c))
               for c in (True, False))
    assert on.sentences == off.sentences and on.conflicts and off.conflicts == ()
    assert on.options == off.options  # the brief records the same settings
