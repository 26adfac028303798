"""Update briefs (``summarize brief NEW... --since OLD...``): only what the new reports add.

The seeds are split by our reading of them: 000, 001 and 002 are the earlier reports; 003
and 004 the later ones, which carry facts the earlier do not (Blinken met the hostages'
families; the Al Shifa raid; 253 hostages where 002 said about 240) and restate many they
do (the veto, Netanyahu's "alone", the sixth trip, the progress on the hostage talks).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from summarize.cli import main
from summarize.config import Config
from summarize.load import load_inputs, read_clusters, seed_paths
from summarize.model import Budget, Cluster
from summarize.redundancy import with_shared_phrases
from summarize.render_update import render_update
from summarize.similarity import vectorize
from summarize.update import split_sets, update_brief

OLD_FACTS = ("vetoed", "do it alone", "sixth", "closing gaps", "Thomas-Greenfield",
             "Security Council resolution")
"""Said by the earlier seed reports (and restated by the later ones): never in the update."""


def seed_split() -> tuple[list[str], list[str]]:
    paths = [str(p) for p in seed_paths()]
    return paths[:3], paths[3:]


@pytest.fixture(scope="module")
def seed_update():  # noqa: ANN201
    old, new = seed_split()
    return update_brief(load_inputs(old), load_inputs(new), config=Config())


def restates_earlier(texts: list[str], earlier: list[str], threshold: float = 0.45) -> list[str]:
    """The texts that state an earlier sentence's content: measured afresh (vectors fitted on
    these texts alone, not the update's), with the same measure, threshold and shared
    phrases."""
    cluster_texts = earlier + texts
    vec = vectorize(cluster_texts, "hybrid")
    from summarize.model import Document, Sentence

    sents = tuple(Sentence(t, "x", i, 0, len(t)) for i, t in enumerate(cluster_texts))
    fake = Cluster(documents=(Document("x", "", "", "", 0),), sentences=sents)
    pairs = with_shared_phrases(fake, vec.neighbours(threshold), threshold, vec)
    k = len(earlier)
    hit = {c for r, c in zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True)
           if r < k <= c}
    return [cluster_texts[c] for c in sorted(hit)]


def test_seed_update_has_the_later_facts_and_none_of_the_earlier(seed_update) -> None:  # noqa: ANN001
    text = " ".join(s.text for s in seed_update.summary.sentences)
    assert "families of some of those hostages" in text  # only report 003 says it
    assert "the last stronghold for Hamas" in text  # only 004
    for fact in OLD_FACTS:
        assert fact not in text, fact
    old, _new = seed_split()
    earlier = [s.text for s in load_inputs(old).sentences]
    assert restates_earlier([s.text for s in seed_update.summary.sentences], earlier) == []
    assert seed_update.summary.words <= 120


def test_seed_update_leaves_out_restatements_and_says_of_what(seed_update) -> None:  # noqa: ANN001
    known = {k.sentence.text: k.known_from for k in seed_update.known}
    veto = next(t for t in known if t.startswith("Russia and China vetoed the measure"))
    assert known[veto].doc_id.startswith(("000", "001", "002"))
    chosen = {s.text for s in seed_update.summary.sentences}
    assert not chosen & set(known)


def test_seed_update_reports_the_hostage_figure_that_changed(seed_update) -> None:  # noqa: ANN001
    hostages = [c for c in seed_update.changed if c.subject == "hostages"]
    assert len(hostages) == 1
    (before,), (after,) = hostages[0].before, hostages[0].after
    assert before[0] == "about 240" and before[1].startswith("002")
    assert after[0] == "253" and after[1].startswith("004")
    md = render_update(seed_update, "markdown")
    assert "## Changed facts" in md
    assert "- hostages: about 240 [E3] -> 253 [2]" in md


def test_markdown_and_json_mark_each_sentence_new_with_its_new_reports(seed_update) -> None:  # noqa: ANN001
    md = render_update(seed_update, "markdown")
    lines = [line for line in md.splitlines() if line.startswith("- **New:** ")]
    assert len(lines) == len(seed_update.summary.sentences) > 0
    assert all(line.rstrip().endswith("]") for line in lines)
    assert "[E1]" in md and "## Earlier sources (already known)" in md
    data = json.loads(render_update(seed_update, "json"))
    assert data["update"]["nothing_new"] is False
    for entry in data["sentences"]:
        assert entry["new"] is True
        assert entry["carried_by"], entry["text"]
        assert {c["id"] for c in entry["carried_by"]} <= {"003_68e936e509183d2b",
                                                        "004_49845cc105cf4106"}
    change = data["update"]["changed_facts"][0]
    assert change["before"][0]["citation"] == "[E3]" and change["after"][0]["citation"] == "[2]"
    text = render_update(seed_update, "text")
    assert text.startswith("New since 3 earlier reports:\n+ ")


def test_same_input_same_bytes(seed_update) -> None:  # noqa: ANN001
    old, new = seed_split()
    again = update_brief(load_inputs(old), load_inputs(new), config=Config())
    for fmt in ("text", "markdown", "json"):
        assert render_update(again, fmt) == render_update(seed_update, fmt)


# --- clusters like the data sets' ---------------------------------------------------------

EARLIER = [
    "The city council approved the new budget on Monday after a long debate. "
    "Officials said about 40 people were hurt in the storm that hit the harbour. "
    "The mayor praised the firefighters who worked through the night.",
    "Council members voted to pass the budget on Monday following hours of debate. "
    "The storm that struck the harbour injured about 40 people, officials said.",
]
LATER = [
    "On Monday the council passed the budget after lengthy discussion. "
    "The storm at the harbour injured 75 people, hospital officials said on Wednesday. "
    "A new bridge over the river will open in the spring, the transport office announced.",
    "The transport office said the river bridge would open to traffic in the spring. "
    "Engineers found cracks in the old pier that the storm had battered.",
]


def write_jsonl(path: Path, *, sets: bool) -> Path:
    docs = [{"id": f"a{i}", "title": "", "text": t, **({"set": "A"} if sets else {})}
            for i, t in enumerate(EARLIER)]
    docs += [{"id": f"b{i}", "title": "", "text": t, **({"set": "B"} if sets else {})}
             for i, t in enumerate(LATER)]
    record = {"id": "storm", "documents": docs,
              "references": ["A bridge will open in the spring; the storm injured 75."]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("sets", [True, False])
def test_a_data_set_cluster_split_by_set_or_halves(tmp_path: Path, sets: bool) -> None:
    cluster = next(read_clusters(write_jsonl(tmp_path / "c.jsonl", sets=sets)))
    earlier, later, how = split_sets(cluster)
    assert how == ("set" if sets else "halves")
    assert [d.id for d in earlier.documents] == ["a0", "a1"]
    assert [d.id for d in later.documents] == ["b0", "b1"]
    update = update_brief(earlier, later, config=Config(budget=Budget(words=60)))
    text = " ".join(s.text for s in update.summary.sentences)
    assert "bridge" in text
    assert "budget" not in text  # the council's vote: said before, in other words
    (change,) = update.changed
    assert [v for v, _d, _t in change.before] == ["about 40", "about 40"]
    assert [(v, d) for v, d, _t in change.after] == [("75", "b0")]
    assert render_update(update, "text").count("-> 75 [1]") == 1


def test_one_document_is_split_by_its_lines() -> None:
    from summarize.load import build_cluster
    from summarize.model import Document

    lines = ["The battery lasts all day.", "The screen is bright and sharp.",
             "The battery lasts a full day.", "The charger broke after a week."]
    doc = Document("d0", "", "\n".join(lines), "r.txt", 0)
    earlier, later, how = split_sets(build_cluster([doc]))
    assert how == "lines"
    assert [s.text for s in earlier.sentences] == lines[:2]
    update = update_brief(earlier, later, config=Config(budget=Budget(words=20)))
    assert [s.text for s in update.summary.sentences] == ["The charger broke after a week."]


def test_set_must_be_a_or_b(tmp_path: Path) -> None:
    from summarize.errors import InputError

    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "documents": [{"text": "A b c.", "set": "C"}]})
                    + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r'line 1: document 0 "set" must be "A"'):
        next(read_clusters(path))


def test_bench_scores_update_briefs(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", sets=True)
    db = tmp_path / "r.sqlite"
    proc = subprocess.run([sys.executable, "-m", "summarize", "bench", str(data), "--update",
                           "--methods", "lexrank", "--words", "40", "--workers", "1",
                           "--db", str(db), "-q", "-f", "json"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    import sqlite3

    with sqlite3.connect(db) as con:
        (text,) = con.execute("select text from summaries").fetchone()
        (options,) = con.execute("select options from runs").fetchone()
    assert "bridge" in text and "budget" not in text
    assert json.loads(options)["update"] is True
    assert "lexrank" in proc.stdout


# --- the command --------------------------------------------------------------------------


def cli(capsys, *args: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_since_an_earlier_json_brief_round_trip(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    old, new = seed_split()
    brief = tmp_path / "day1.json"
    assert cli(capsys, "brief", *old, "-f", "json", "-o", str(brief))[0] == 0
    said = [s["text"] for s in json.loads(brief.read_text("utf-8"))["sentences"]]
    code, out, err = cli(capsys, "brief", *new, "-f", "json", "--since", str(brief))
    assert code == 0, err
    data = json.loads(out)
    assert data["update"]["since"] == "the brief in day1.json"
    assert [d["citation"] for d in data["update"]["earlier"]] == ["[E1]", "[E2]", "[E3]"]
    texts = [s["text"] for s in data["sentences"]]
    assert texts and not set(texts) & set(said)
    assert restates_earlier(texts, said) == []
    # What the brief did not say is not known: more is new than against the reports.
    code, out_reports, _ = cli(capsys, "brief", *new, "-f", "json", "--since", *old)
    known_reports = len(json.loads(out_reports)["update"]["already_known"])
    assert len(data["update"]["already_known"]) < known_reports
    # The update's own JSON is a brief too: today's update can be tomorrow's --since.
    update_file = tmp_path / "day2.json"
    update_file.write_text(out, encoding="utf-8")
    code, out, err = cli(capsys, "brief", *new, "--since", str(update_file), str(brief))
    assert code == 0, err
    for t in texts:
        assert f"+ {t}" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_nothing_new_is_said_not_an_empty_file(tmp_path: Path, capsys, fmt: str) -> None:  # noqa: ANN001
    report = tmp_path / "a.txt"
    report.write_text("The council approved the budget on Monday. The mayor was pleased.\n",
                      encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    code, out, err = cli(capsys, "brief", str(report), "-f", fmt, "-o", str(target),
                         "--since", str(report))
    assert code == 0
    assert err == "summarize: nothing new since 1 earlier report\n"
    written = target.read_text("utf-8")
    if fmt == "json":
        data = json.loads(written)
        assert data["sentences"] == [] and data["update"]["nothing_new"] is True
        assert data["update"]["message"] == "Nothing new since 1 earlier report."
    else:
        assert "Nothing new since 1 earlier report." in written


def test_bad_since_input_is_one_line_and_status_2(tmp_path: Path) -> None:
    _old, new = seed_split()
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"sentences": [{"text": "x"}]}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"sentences": [', encoding="utf-8")
    cases = {
        "missing.txt": "missing.txt: no such file or directory",
        "missing.json": "missing.json: no such file",
        "list.json": "list.json: not a brief in the JSON format of `summarize brief -f json` "
                     "(not a JSON object)",
        "other.json": 'other.json: not a brief in the JSON format of `summarize brief -f json` '
                      '(no "inputs" list)',
        "broken.json": "broken.json: not valid JSON",
    }
    for name, message in cases.items():
        proc = subprocess.run([sys.executable, "-m", "summarize", "brief", *new, "--since",
                               name], capture_output=True, text=True, timeout=300,
                              cwd=tmp_path)
        assert proc.returncode == 2, name
        assert proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert len(lines) == 1 and message in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr


def test_abstractive_method_is_refused_with_since(capsys) -> None:  # noqa: ANN001
    old, new = seed_split()
    code, out, err = cli(capsys, "brief", *new, "--method", "fusion", "--since", *old)
    assert code == 2 and out == ""
    assert "update briefs choose among the new reports' own sentences" in err


def test_exclude_keeps_sentences_out_of_the_brief(seeds: Cluster) -> None:
    from summarize.redundancy import choose

    scores = np.linspace(1.0, 0.5, len(seeds.sentences))
    free = choose(seeds, scores, Config()).chosen
    exclude = np.zeros(len(seeds.sentences), dtype=bool)
    exclude[free] = True
    again = choose(seeds, scores, Config(), exclude=exclude).chosen
    assert again and not set(again) & set(free)


def test_a_name_put_in_place_of_another_is_a_changed_fact(capsys) -> None:  # noqa: ANN001
    from summarize.load import build_cluster
    from summarize.model import Document

    before = ("The council named John Smith as the new harbour master on Monday. "
              "The storm closed the old pier for a week.")
    after = ("The council named Jane Doe as the new harbour master on Monday. "
             "Ferries will resume on Friday, the port said.")
    earlier = build_cluster([Document("a", "", before, "a.txt", 0)])
    later = build_cluster([Document("b", "", after, "b.txt", 0)])
    update = update_brief(earlier, later)
    (change,) = update.changed
    assert change.kind == "name"
    assert (change.before[0][:2], change.after[0][:2]) == (("John Smith", "a"), ("Jane Doe", "b"))
    assert [s.text for s in update.summary.sentences] == [
        "Ferries will resume on Friday, the port said."]
    assert "- name after “The council named”: John Smith [E1] -> Jane Doe [1]" in \
        render_update(update, "markdown")


@pytest.mark.parametrize(("before", "after"), [
    ("Russia and China vetoed the measure on Friday.",
     "China and Russia vetoed the measure on Friday."),
    ("On Friday Mr Blinken met Netanyahu in Tel Aviv.",
     "On Friday Antony Blinken met Netanyahu in Tel Aviv."),
    ("On Friday the U.S. vetoed the resolution in New York.",
     "On Friday the US vetoed the resolution in New York."),
    ("Officials in Israel said the talks would go on next week.",
     "Officials in Israeli said the talks would go on next week."),
    ("The council named John Smith as harbour master.",
     "The council named Jane Doe as harbour master and promised a new pier, a new road, "
     "new ferries and more trains by the end of the year."),
])
def test_restatements_that_only_respell_or_reorder_names_are_not_changes(before: str,
                                                                         after: str) -> None:
    from summarize.renamed import renamed

    assert renamed(before, after) is None


def test_same_bytes_under_other_hash_seeds_and_thread_counts(tmp_path: Path) -> None:
    import os

    old, new = seed_split()
    outs = []
    for seed, threads in (("0", "1"), ("12345", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "OMP_NUM_THREADS": threads,
               "OPENBLAS_NUM_THREADS": threads}
        proc = subprocess.run([sys.executable, "-m", "summarize", "brief", *new, "-f", "json",
                               "--since", *old], capture_output=True, timeout=300,
                              cwd=tmp_path, env=env)
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1]



def test_what_the_last_recheck_finds_stays_out_of_the_brief(monkeypatch):
    """With no recheck left to choose again, a sentence the last one finds restating the
    earlier reports was still in the brief, and listed as already known besides (neus-val
    042 with a single round)."""
    import summarize.update as update

    data = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "neus-val.jsonl"
    cluster = next(c for c in read_clusters(data) if c.id == "neus-val-042")
    monkeypatch.setattr(update, "RECHECKS", 0)
    earlier, later, _how = update.split_sets(cluster)
    done = update.update_brief(earlier, later, "lexrank", Config(budget=Budget(words=65)))
    known = {k.sentence.text for k in done.known}
    assert known
    assert not known & {s.text for s in done.summary.sentences}
