"""``summarize score``: real files, real argument parsing, real stdout/stderr."""

from __future__ import annotations

import io
import json
import sys

import pytest

from eval import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["score", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def write_jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return str(path)


def table(out: str) -> dict[str, list[str]]:
    """The score rows of the text table: from the third line to the first blank one."""
    rows = {}
    for line in out.splitlines()[2:]:
        if not line.strip():
            break
        rows[line.split()[0]] = line.split()[1:]
    return rows


ROWS = [
    {"id": "c1", "summary": "The cat sat.", "references": ["The cat sat on the mat."]},
    {"id": "c2", "summary": "A dog ran home.", "references": ["The dog ran.", "Dogs run home."]},
    {"id": "c3", "summary": "Talks ended.", "references": ["The talks ended on Friday."]},
]


def test_text_table_for_one_summary(tmp_path, capsys):
    summary = write(tmp_path / "s.txt", "the cat sat")
    ref = write(tmp_path / "r.txt", "The cat sat on the mat.")
    code, out, err = run(capsys, "--summary", summary, "--reference", ref)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "tokenizer=unicode" in lines[0] and "stem=on" in lines[0]
    assert "multi-ref=max" in lines[0] and "words=all" in lines[0]
    assert "lsum-split=auto (summarize-rules)" in lines[0]
    rows = table(out)
    assert rows["rouge1"] == ["100.00", "50.00", "66.67"]
    assert rows["rouge2"] == ["100.00", "40.00", "57.14"]
    assert set(rows) == {"rouge1", "rouge2", "rougeL", "rougeLsum"}


def test_json_has_every_measure_under_its_type_and_the_options(tmp_path, capsys):
    summary = write(tmp_path / "s.txt", "a b c d")
    refs = [write(tmp_path / f"r{i}.txt", t)
            for i, t in enumerate(["a b c d", "a b x y", "x y z w"])]
    code, out, _ = run(capsys, "--summary", summary, *sum((["--reference", r] for r in refs), []),
                       "--format", "json", "--multi-ref", "jackknife", "--no-stem",
                       "--tokenizer", "rouge-score", "--types", "rouge1")
    assert code == 0
    report = json.loads(out)
    assert report["options"] == {"types": ["rouge1"], "tokenizer": "rouge-score", "stem": False,
                                 "language": "english",
                                 "multi_ref": "jackknife", "words": None, "bootstrap": 0,
                                 "seed": 0, "confidence": 0.95, "lsum_split": "newline",
                                 "lsum_splitter": None}
    assert report["differs_from_rouge_score"] == [
        "multi-ref=jackknife; rouge-score's score_multi takes the max"]
    assert set(report["scores"]["rouge1"]) == {"precision", "recall", "fmeasure"}
    assert report["scores"]["rouge1"]["fmeasure"] == pytest.approx(2.5 / 3)


def test_stdin_reference_and_word_limit(tmp_path, capsys, monkeypatch):
    summary = write(tmp_path / "s.txt", "a b c d e f")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a b"), encoding="utf-8"))
    code, out, _ = run(capsys, "--summary", summary, "--reference", "-", "--words", "2",
                       "--format", "json")
    assert code == 0
    assert json.loads(out)["scores"]["rouge1"]["fmeasure"] == 1.0
    assert json.loads(out)["options"]["words"] == 2


def test_identical_russian_summary_scores_100(tmp_path, capsys):
    text = "Блинкен встретился с Нетаньяху. Переговоры длились три часа."
    summary, ref = write(tmp_path / "s.txt", text), write(tmp_path / "r.txt", text)
    code, out, _ = run(capsys, "--summary", summary, "--reference", ref)
    assert code == 0
    rows = table(out)
    assert len(rows) == 4 and all(row == ["100.00"] * 3 for row in rows.values())


def test_jsonl_bootstrap_is_reproducible_byte_for_byte(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", ROWS)
    args = ("--jsonl", data, "--bootstrap", "200", "--seed", "5", "--format", "json")
    first = run(capsys, *args)
    second = run(capsys, *args)
    assert first == second and first[0] == 0
    report = json.loads(first[1])
    assert report["count"] == 3 and [i["id"] for i in report["items"]] == ["c1", "c2", "c3"]
    r1 = report["scores"]["rouge1"]
    low, high = r1["ci"]["fmeasure"]
    assert low <= r1["fmeasure"] <= high and r1["ci"]["confidence"] == 0.95
    mean = sum(i["scores"]["rouge1"]["fmeasure"] for i in report["items"]) / 3
    assert r1["fmeasure"] == pytest.approx(mean)
    code, text, _ = run(capsys, "--jsonl", data, "--bootstrap", "200")
    assert "F 95% CI" in text and "items=3" in text


def test_references_from_a_cluster_data_file_and_mismatched_ids(tmp_path, capsys):
    summaries = write_jsonl(tmp_path / "sys.jsonl",
                            [{"id": r["id"], "summary": r["summary"]} for r in ROWS])
    clusters = write_jsonl(tmp_path / "data.jsonl",
                           [{"id": r["id"], "documents": [], "references": r["references"]}
                            for r in ROWS])
    code, out, _ = run(capsys, "--jsonl", summaries, "--references-from", clusters,
                       "--format", "json")
    assert code == 0 and json.loads(out)["count"] == 3

    other = write_jsonl(tmp_path / "other.jsonl",
                        [{"id": i, "references": ["x"]} for i in ("c1", "c2", "c9")])
    code, out, err = run(capsys, "--jsonl", summaries, "--references-from", other)
    assert code == 2 and out == ""
    assert "'c3'" in err and "'c9'" in err and "sys.jsonl" in err and "other.jsonl" in err
    assert err.startswith("summarize: ") and len(err.strip().splitlines()) == 1


def test_compare_identical_systems_p_is_one_and_better_system_small_p(tmp_path, capsys):
    rows = [{"id": f"c{i}", "summary": f"talks {i} ended in cairo",
             "references": [f"the talks {i} ended in cairo on friday"]} for i in range(12)]
    a = write_jsonl(tmp_path / "a.jsonl", rows)
    code, out, _ = run(capsys, "--jsonl", a, "--compare", a, "--format", "json")
    assert code == 0
    for c in json.loads(out)["comparison"]["types"].values():
        assert c["p_paired_bootstrap"] == 1.0 and c["p_permutation"] == 1.0
    worse = write_jsonl(tmp_path / "b.jsonl",
                        [{"id": r["id"], "summary": f"news {i} of the week"}
                         for i, r in enumerate(rows)])
    code, out, _ = run(capsys, "--jsonl", a, "--compare", worse, "--format", "json")
    r1 = json.loads(out)["comparison"]["types"]["rouge1"]
    assert r1["a"] > r1["b"] and r1["p_paired_bootstrap"] < 0.01 and r1["p_permutation"] < 0.01
    code, text, _ = run(capsys, "--jsonl", a, "--compare", worse)
    assert "p boot" in text and "p perm" in text


def test_empty_summary_scores_zero_with_a_warning(tmp_path, capsys):
    rows = [{"id": "e1", "summary": "", "references": ["Some reference."]}, ROWS[0]]
    data = write_jsonl(tmp_path / "a.jsonl", rows)
    code, out, err = run(capsys, "--jsonl", data, "--format", "json")
    assert code == 0
    assert "warning: e1: empty candidate summary" in err
    assert json.loads(out)["items"][0]["scores"]["rouge1"]["fmeasure"] == 0.0


@pytest.mark.parametrize("content,message", [
    ('{"id": "a", "summary": "x", "references": ["y"]}\nnot json\n', "a.jsonl:2: not valid JSON"),
    ('{"id": "a", "summary": "x"}\n', 'no "references"'),
    ('{"id": "a", "summary": "x", "references": ["y"]}\n' * 2, "duplicate id 'a'"),
    ("\n\n", "no JSON lines"),
    ('{"id": "a", "summary": "x", "references": [1]}\n', "list of strings"),
])
def test_bad_jsonl_is_one_line_error(tmp_path, capsys, content, message):
    data = write(tmp_path / "a.jsonl", content)
    code, out, err = run(capsys, "--jsonl", data)
    assert code == 2 and out == "" and message in err


@pytest.mark.parametrize("argv,message", [
    (["--summary", "missing.txt", "--reference", "missing.txt"], "no such file"),
    (["--summary", "-", "--reference", "-"], "only one input"),
    (["--summary", "x"], "at least one --reference"),
    (["--jsonl", "a.jsonl", "--summary", "x"], "not both"),
    (["--compare", "x.jsonl", "--summary", "s", "--reference", "r"], "need --jsonl"),
])
def test_usage_errors(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and message in err


def test_bad_option_values(tmp_path, capsys):
    summary = write(tmp_path / "s.txt", "a b")
    for extra, message in ((["--words", "0"], "--words"), (["--types", "rouge0"], "rouge0"),
                           (["--bootstrap", "-1"], "--bootstrap"),
                           (["--confidence", "1.5"], "--confidence"),
                           (["--confidence", "nan"], "--confidence")):
        code, _, err = run(capsys, "--summary", summary, "--reference", summary, *extra)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_lsum_split_option_shows_in_text_and_json(tmp_path, capsys):
    summary = write(tmp_path / "s.txt", "The dog ran. The cat sat.")
    ref = write(tmp_path / "r.txt", "The cat sat. The dog ran.")
    both = ("--summary", summary, "--reference", ref)
    code, out, err = run(capsys, *both, "--tokenizer", "rouge-score")
    assert code == 0 and err == ""
    assert "lsum-split=newline (lines)" in out.splitlines()[0]
    assert table(out)["rougeLsum"] == ["50.00"] * 3  # one line, one sentence: as rouge-score
    assert "differs from rouge-score" not in out
    code, out, _ = run(capsys, *both, "--tokenizer", "rouge-score", "--lsum-split", "auto")
    assert table(out)["rougeLsum"] == ["100.00"] * 3
    assert "lsum-split=auto (summarize-rules)" in out.splitlines()[0]
    differs = out[out.index("differs from rouge-score:"):].splitlines()
    assert len(differs) == 2 and differs[1].strip().startswith("lsum-split=auto")
    code, out, _ = run(capsys, *both, "--types", "rouge1", "--format", "json")
    options = json.loads(out)["options"]
    assert options["lsum_split"] == "auto" and options["lsum_splitter"] is None
    with pytest.raises(SystemExit) as exit_info:  # argparse's own refusal of a choice
        run(capsys, *both, "--lsum-split", "lines")
    out, err = capsys.readouterr()
    assert exit_info.value.code == 2 and out == "" and "argument --lsum-split" in err


def test_lsum_punkt_without_its_model_is_one_line(tmp_path, capsys):
    import nltk

    summary = write(tmp_path / "s.txt", "The dog ran. The cat sat.")
    code, out, err = run(capsys, "--summary", summary, "--reference", summary, "--lsum-split",
                         "punkt", "--format", "json")
    try:
        nltk.sent_tokenize("One. Two.")
    except LookupError:
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert "Punkt model" in err and "nltk.downloader" in err
        return
    assert code == 0 and json.loads(out)["options"]["lsum_splitter"] == "nltk-punkt"


def test_confidence_zero_is_accepted_and_named(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", ROWS)
    code, out, err = run(capsys, "--jsonl", data, "--bootstrap", "100", "--confidence", "0")
    assert code == 0 and err == "" and "F 0% CI" in out
    code, out, _ = run(capsys, "--jsonl", data, "--bootstrap", "100", "--confidence", "0.9",
                       "--format", "json")
    assert json.loads(out)["options"]["confidence"] == 0.9
    assert json.loads(out)["scores"]["rouge1"]["ci"]["confidence"] == 0.9


def test_oversized_summary_refused_in_mib(tmp_path, capsys):
    big = tmp_path / "s.txt"
    with big.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: no disk used
    ref = write(tmp_path / "r.txt", "a b")
    code, out, err = run(capsys, "--summary", str(big), "--reference", ref)
    assert code == 2 and out == ""
    assert err.strip() == (f"summarize: {big}: 51.0 MiB, larger than the 50 MiB limit of an "
                           "input file; split it into smaller files")


def test_binary_file_is_an_input_error(tmp_path, capsys):
    bad = tmp_path / "s.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 20)
    code, _, err = run(capsys, "--summary", str(bad), "--reference", str(bad))
    assert code == 2 and "binary" in err and "s.txt" in err


def test_files_are_read_like_brief_inputs(tmp_path, capsys):
    """UTF-16 with a BOM and Latin-1 (with a warning) read as the loader reads them."""
    summary = tmp_path / "s.txt"
    summary.write_bytes("Café au lait, s'il vous plaît.".encode("utf-16"))
    ref = tmp_path / "r.txt"
    ref.write_bytes("Café au lait, s'il vous plaît.".encode("latin-1"))
    code, out, err = run(capsys, "--summary", str(summary), "--reference", str(ref),
                         "--format", "json")
    assert code == 0
    assert "Latin-1" in err
    assert json.loads(out)["scores"]["rouge1"]["fmeasure"] == pytest.approx(1.0)


def test_plugged_into_the_summarize_command(tmp_path, capsys):
    """The ``summarize.commands`` entry point adds ``score`` to the real ``summarize`` CLI."""
    summarize_cli = pytest.importorskip("summarize.cli")
    summary = write(tmp_path / "s.txt", "the cat sat")
    ref = write(tmp_path / "r.txt", "The cat sat on the mat.")
    code = summarize_cli.main(["score", "--summary", summary, "--reference", ref,
                               "--format", "json", "--types", "rouge1"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["scores"]["rouge1"]["fmeasure"] == pytest.approx(2 / 3)
    code = summarize_cli.main(["score", "--summary", str(tmp_path / "none.txt"),
                               "--reference", ref])
    _, err = capsys.readouterr()
    assert code == 2 and "none.txt: no such file" in err
