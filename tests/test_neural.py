"""The transformers method on a tiny randomly initialised BART built in the test (no download)."""

from __future__ import annotations

import pytest

from summarize.config import Config
from summarize.errors import UsageError
from summarize.model import Budget, Cluster
from summarize.text import words
from tests.conftest import make_cluster

transformers = pytest.importorskip("transformers")
torch = pytest.importorskip("torch")

DOCS = [
    "The council approved the new budget on Monday. Schools will get more money next year.",
    "On Monday the council approved the budget. Parks will lose some money next year.",
    "The mayor said the budget was fair. Critics said the parks deserved more money.",
]




def build_model(path, extra_tokens: tuple[str, ...] = ()) -> None:  # noqa: ANN001
    """A word-level tokenizer over the test's words and a 1-layer BART with d_model 16."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>", *extra_tokens]
    vocab = {t: i for i, t in enumerate(specials)}
    for text in DOCS:
        for w in [*words(text), "."]:
            vocab.setdefault(w, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
        unk_token="<unk>", mask_token="<mask>", model_max_length=64,
        additional_special_tokens=list(extra_tokens) or None)
    fast.save_pretrained(path)
    torch.manual_seed(0)
    config = transformers.BartConfig(
        vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
        decoder_ffn_dim=32, max_position_embeddings=64, pad_token_id=1, bos_token_id=0,
        eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2)
    transformers.BartForConditionalGeneration(config).save_pretrained(path)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):  # noqa: ANN001, ANN201
    path = tmp_path_factory.mktemp("tiny-bart")
    build_model(path)
    return str(path)


def run(model: str, words_budget: int = 60, **options: object):  # noqa: ANN201
    from summarize.methods.neural import Transformers

    opts = {"model": model, "max_new_tokens": 12, "min_new_tokens": 6, "num_beams": 1}
    opts.update(options)
    return Transformers(**opts)(make_cluster(DOCS), Config(budget=Budget(words=words_budget)))


def test_generates_with_provenance(model_dir) -> None:  # noqa: ANN001
    summary = run(model_dir)
    cluster = make_cluster(DOCS)
    assert summary.method == "transformers"
    assert summary.sentences, "the tiny model generates some words"
    assert all(s.generated for s in summary.sentences)
    assert summary.words <= 60
    for s in summary.sentences:
        assert s.sources, s
        assert all(src in cluster.sentences for src in s.sources)
        assert s.support == tuple(dict.fromkeys(src.doc_id for src in s.sources))
    # Deterministic: same model, same input, same output.
    assert run(model_dir).text == summary.text


def test_map_reduce_warns_about_the_window(model_dir) -> None:  # noqa: ANN001
    summary = run(model_dir, max_input_tokens=12)
    assert any("map-reduce" in w and "12-token window" in w for w in summary.warnings)
    # A sentence longer than the window itself is cut, and said so.
    summary = run(model_dir, max_input_tokens=6)
    assert any("truncated" in w for w in summary.warnings)


def test_doc_sep_joining_for_primera_style_models(tmp_path) -> None:  # noqa: ANN001
    build_model(tmp_path, extra_tokens=("<doc-sep>",))
    from summarize.methods.neural import DOC_SEP, Transformers

    method = Transformers(model=str(tmp_path), max_new_tokens=8, num_beams=1,
                          max_input_tokens=20)
    cluster = make_cluster(DOCS)
    tokenizer, _model = method.load()
    joined = method.doc_sep_input(cluster, list(cluster.sentences), tokenizer, 20)
    assert joined.count(DOC_SEP) == 2
    assert any("truncated document d0" in w for w in method.warnings)
    summary = method(cluster, Config(budget=Budget(words=40)))
    assert summary.method == "transformers"


def test_missing_model_is_a_clear_usage_error(tmp_path) -> None:  # noqa: ANN001
    from summarize.methods.neural import Transformers

    with pytest.raises(UsageError, match="--model"):
        Transformers()
    with pytest.raises(UsageError, match="never download"):
        Transformers(model=str(tmp_path / "nothing-here"))(make_cluster(DOCS), Config())


def test_bad_device(model_dir) -> None:  # noqa: ANN001
    from summarize.methods.neural import Transformers

    with pytest.raises(UsageError, match="--device"):
        Transformers(model=model_dir, device="nosuchdevice").load()


def test_empty_cluster(model_dir) -> None:  # noqa: ANN001
    from summarize.methods.neural import Transformers

    summary = Transformers(model=model_dir)(Cluster((), ()), Config())
    assert summary.sentences == ()
