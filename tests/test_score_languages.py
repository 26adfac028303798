"""``summarize score --language``: the language's stemmer, English exactly rouge-score's.

ROUGE here is a tool for whoever has references in a language; no figure is claimed for
any language but English (there is no data set with human references for them here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import cli
from eval.rouge import Rouge, RougeConfig
from eval.tokenize import make_tokenizer


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["score", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def files(tmp_path: Path, summary: str, reference: str) -> list[str]:
    (tmp_path / "s.txt").write_text(summary, encoding="utf-8")
    (tmp_path / "r.txt").write_text(reference, encoding="utf-8")
    return ["--summary", str(tmp_path / "s.txt"), "--reference", str(tmp_path / "r.txt")]


def f1(language: str, summary: str, reference: str) -> float:
    rouge = Rouge(RougeConfig(types=("rouge1",), language=language))
    return rouge.score(summary, [reference])["rouge1"].fmeasure


def test_each_language_stems_its_own_words() -> None:
    assert f1("french", "personnes blessées", "personne blessé") == 1.0
    assert f1("english", "personnes blessées", "personne blessé") == 0.5  # Porter: ASCII only
    assert f1("german", "Menschen verletzt", "Mensch verletzt") == 1.0
    assert f1("spanish", "personas heridas", "persona herida") == 1.0


def test_english_is_rouge_score_s_porter() -> None:
    """English keeps the tokens rouge-score makes (the golden tests pin its numbers)."""
    text = "The fires burned homes; officials said 30 people were hurt."
    english = make_tokenizer("unicode", True, "english").tokenize(text)
    assert english == make_tokenizer("unicode", True).tokenize(text)
    assert english == make_tokenizer("rouge-score", True).tokenize(text)


def test_chinese_and_japanese_are_characters_unstemmed() -> None:
    tokens = make_tokenizer("unicode", True, "chinese").tokenize("青岛港发生火灾 fires 12人")
    assert tokens == ["青", "岛", "港", "发", "生", "火", "灾", "fires", "12", "人"]
    assert make_tokenizer("unicode", True, "japanese").tokenize("倉庫で火災") == \
        ["倉", "庫", "で", "火", "災"]
    assert f1("chinese", "青岛港火灾", "青岛港的火灾") == pytest.approx(2 * 5 / 11)


def test_the_language_is_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = files(tmp_path, "personnes blessées", "personne blessé")
    code, out, _ = run(capsys, *args, "--language", "French", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["options"]["language"] == "french"
    assert report["scores"]["rouge1"]["fmeasure"] == 1.0
    assert any("Snowball's french stemmer" in d for d in report["differs_from_rouge_score"])
    code, out, _ = run(capsys, *args)
    assert code == 0 and "language=english" in out.splitlines()[0]
    assert json.loads(run(capsys, *args, "--format", "json")[1])["options"]["language"] == \
        "english"


@pytest.mark.parametrize("extra", [["--language", "klingon"],
                                   ["--language", "german", "--tokenizer", "rouge-score"]])
def test_bad_language_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  extra: list[str]) -> None:
    code, out, err = run(capsys, *files(tmp_path, "a b", "a b"), *extra)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert extra[1] in err


def test_lsum_splits_in_the_summaries_language() -> None:
    """``auto`` Lsum put English's rules on German: "am 7. Oktober" became two sentences."""
    text = "Der Brand begann am 7. Oktober im Lager. Die Feuerwehr kam."
    german = Rouge(RougeConfig(language="german", types=("rougeLsum",)))
    english = Rouge(RougeConfig(types=("rougeLsum",)))
    assert german._prepare(text).splitlines() == [
        "Der Brand begann am 7. Oktober im Lager.", "Die Feuerwehr kam."]
    assert len(english._prepare(text).splitlines()) == 3
