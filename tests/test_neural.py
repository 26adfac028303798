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


# -- nothing reaches the network, nothing third-party on stderr -----------------------------------

GUARD = """
import sys
attempts = []
def hook(event, args):
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                 "socket.gethostbyaddr", "socket.connect", "socket.sendto"):
        attempts.append(event + " " + repr(args)[:80])
        raise OSError("network blocked by the test: " + event)
sys.addaudithook(hook)
from summarize.cli import main
try:
    rc = main(sys.argv[1:])
finally:
    print("NETWORK", attempts, file=sys.stderr)
sys.exit(rc)
"""


def guarded_cli(tmp_path, *args: str):  # noqa: ANN001, ANN201
    """The real CLI in a fresh process whose every DNS lookup or connection is recorded and
    refused; the user's own offline settings removed, and an empty Hugging Face cache."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HF_", "TRANSFORMERS_", "HUGGINGFACE_"))}
    env["HF_HOME"] = str(tmp_path / "empty-hf-home")
    paths = []
    for i, text in enumerate(DOCS):
        p = tmp_path / f"r{i}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(str(p))
    done = subprocess.run([sys.executable, "-c", GUARD, "brief", *args, *paths],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    lines = done.stderr.splitlines()
    assert lines and lines[-1].startswith("NETWORK"), done.stderr
    return done.returncode, done.stdout, "\n".join(lines[:-1]), lines[-1]


def test_a_hub_name_not_in_the_cache_makes_no_network_request(tmp_path) -> None:  # noqa: ANN001
    rc, out, err, network = guarded_cli(tmp_path, "--method", "transformers", "--model",
                                        "facebook/bart-large-cnn")
    assert network == "NETWORK []"
    assert rc == 2 and out == ""
    assert err.count("\n") == 0 and "never download" in err and "Traceback" not in err
    assert "couldn't connect" not in err  # it did not try


def test_a_local_model_runs_offline_and_quietly(tmp_path, model_dir) -> None:  # noqa: ANN001
    rc, out, err, network = guarded_cli(tmp_path, "--method", "transformers", "--model",
                                        model_dir, "-O", "max_new_tokens=8",
                                        "-O", "min_new_tokens=6", "-O", "num_beams=1")
    assert network == "NETWORK []"
    assert rc == 0 and out.strip(), err
    # No progress bar ("Loading weights: 100%|...") nor library warning: the tiny model's
    # brief is unsupported by its sources, and that is all stderr may say.
    assert "Loading" not in err and "%|" not in err and "it/s" not in err, err
    assert all(line.startswith("summarize: ") for line in err.splitlines()), err


def test_semantic_similarity_loads_its_model_offline_and_quietly(tmp_path) -> None:  # noqa: ANN001
    pytest.importorskip("sentence_transformers")
    rc, out, err, network = guarded_cli(tmp_path, "--similarity", "semantic")
    assert network == "NETWORK []"
    assert rc == 0 and out.strip(), err
    assert err == "", err  # was a "Loading weights" bar and a "BertModel LOAD REPORT" table


def test_offline_mode_reaches_an_already_loaded_hub_client(monkeypatch) -> None:
    import huggingface_hub.constants as constants

    from summarize.offline import OFFLINE_ENV, hub_offline

    for name in OFFLINE_ENV:  # put back after the test, as the switches below
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", constants.HF_HUB_DISABLE_TELEMETRY)
    hub_offline(quiet=False)  # no warning filters or bars switched off for later tests
    assert constants.HF_HUB_OFFLINE is True
    assert huggingface_hub_offline()


def huggingface_hub_offline() -> bool:
    from huggingface_hub import constants

    return constants.is_offline_mode()
