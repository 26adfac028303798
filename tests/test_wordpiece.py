"""The Python word pieces equal Hugging Face's ``tokenizers`` wherever they are used: every
code point of ``summarize.wordpiece._EXACT`` in several settings, every text of the data
sets and the seeds, and the mixed batches ``summarize.embeddings.pieces_of`` hands on."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from summarize import embeddings
from summarize.wordpiece import _EXACT, WordPiece, exact
from tests.test_startup import fresh

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture(scope="module")
def reference():  # noqa: ANN201
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(embeddings.model_path() / "tokenizer.json"))


def _ours() -> WordPiece:
    model = embeddings.load()
    return WordPiece(model.vocab, model.unk_id)


def _theirs(reference, texts: list[str]) -> list[list[int]]:  # noqa: ANN001
    return [e.ids for e in reference.encode_batch(texts, add_special_tokens=False)]


def test_every_code_point_handled_here_gives_the_reference_pieces(reference) -> None:  # noqa: ANN001
    """Alone, inside a word, repeated beside letters, and beside an accent to strip: each
    setting exercises another step (removal, white space, punctuation split, NFD,
    lower case). A Python or ``tokenizers`` upgrade whose Unicode tables disagree fails
    here and shows which characters to take out of ``_EXACT``."""
    texts = []
    for lo, hi in _EXACT:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            texts += [c, f"ab{c}cd", f"Ab{c}{c}x{c}", f"{c}e\u0301 {c}\u00c9"]
    ours = _ours()
    got = [ours.pieces(t) for t in texts]
    want = _theirs(reference, texts)
    wrong = [(t, g, w) for t, g, w in zip(texts, got, want, strict=True) if g != w]
    assert len(texts) == 4 * sum(hi - lo + 1 for lo, hi in _EXACT) > 25_000
    assert wrong == []


def test_characters_outside_the_ranges_are_left_to_tokenizers() -> None:
    """CJK (whose ranges ``tokenizers`` writes otherwise than BERT), Arabic, Devanagari:
    None, so the caller asks the reference."""
    ours = _ours()
    arabic, hindi = "\u0645\u0631\u062d\u0628\u0627", "\u0928\u092e\u0938\u094d\u0924\u0947"
    for text in ("東京 is big", arabic, hindi, "ok \U0002B820"):
        assert ours.pieces(text) is None, text
    assert exact("\u00e9") and exact("\u201c") and exact("\U0001F600")
    assert not exact("\u4e00") and not exact("\u0645")


def test_unknown_and_long_words_are_one_unknown_piece(reference) -> None:  # noqa: ANN001
    ours = _ours()
    unk = embeddings.load().unk_id
    for text in ("x" * 101 + " ok", "x" * 100, "\u2603\u2603 snowmen", "zzqqxxkk\u0378"):
        assert ours.pieces(text) == _theirs(reference, [text])[0], text
    assert ours.pieces("x" * 101) == [unk]


def _texts_of(path: Path) -> list[str]:
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        texts += [d["text"] if isinstance(d, dict) else d for d in cluster["documents"]]
    return texts


@pytest.mark.parametrize("name", ["neus-val", "opinosis", "amazon-dev"])
def test_every_report_of_the_data_sets_gets_the_reference_pieces(reference, name) -> None:  # noqa: ANN001
    path = DATA / f"{name}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data sets sit beside the repo)")
    model = embeddings.load()
    texts = _texts_of(path)
    want = [[i for i in ids if i != model.unk_id] for ids in _theirs(reference, texts)]
    assert embeddings.pieces_of(texts, model) == want
    handled = sum(_ours().pieces(t) is not None for t in texts)
    assert handled >= 0.95 * len(texts)  # the fast path is the common one


def test_seeds_and_mixed_batches_get_the_reference_pieces(seeds, reference) -> None:  # noqa: ANN001
    """Texts handled here and texts handed on, in one batch, keep their order; a text
    past 512 pieces is cut before its unknown pieces are dropped, as the reference
    truncates (``tokenizer.json``) before ``encode`` drops them."""
    model = embeddings.load()
    texts = [d.text for d in seeds.documents] + [
        "東京 and Kyoto", "plain words", "", "\u2603 " * 300 + "word " * 400,
        "\u0645\u0631\u062d\u0628\u0627 \u2603 " * 300, "Ünïcödé ça marche"]
    want = [[i for i in ids if i != model.unk_id] for ids in _theirs(reference, texts)]
    assert embeddings.pieces_of(texts, model) == want
    assert len(want[-3]) == 512 - 300  # the snowmen count toward the limit, then go


def test_vocab_txt_is_the_vocabulary_of_tokenizer_json(reference) -> None:  # noqa: ANN001
    folder = embeddings.model_path()
    lines = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    assert lines == embeddings.vocabulary(folder / "tokenizer.json")
    assert {p: i for i, p in enumerate(lines)} == reference.get_vocab()
    assert not any(unicodedata.category(c) == "Zs" for p in lines for c in p)


def test_an_english_brief_does_not_load_tokenizers(tmp_path) -> None:
    """The seeds need no Rust tokenizer (10 ms to import, 20-30 ms to load its JSON); an
    English report that writes a name in Chinese loads it for that sentence."""
    code = ("import sys\n"
            "from summarize.cli import main\n"
            f"main(['brief', '--words', '60', '-o', {str(tmp_path / 'b.md')!r}])\n"
            "print('tokenizers' in sys.modules)")
    assert fresh(code).splitlines()[-1] == "False"
    (tmp_path / "zh.txt").write_text("The office in Tokyo (東京) opened on Monday. It has "
                                     "forty staff.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("A new office opened in Tokyo on Monday. Forty people work "
                                     "there.\n",
                                     encoding="utf-8")
    code = ("import sys\n"
            "from summarize.cli import main\n"
            f"main(['brief', '--words', '60', {str(tmp_path / 'zh.txt')!r},"
            f" {str(tmp_path / 'en.txt')!r}])\n"
            "print('tokenizers' in sys.modules)")
    assert fresh(code).splitlines()[-1] == "True"
