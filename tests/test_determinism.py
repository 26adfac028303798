"""The same input and options give the same bytes in every process.

Python salts string hashing per process (PYTHONHASHSEED), so the order of a set of words
changes from one run to the next; so may the number of BLAS threads. Neither may change a
brief. The clusters below are real ones on which each did, before the fix.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.methods import concepts

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def test_concept_gain_does_not_depend_on_the_order_of_the_set() -> None:
    weight = {("a", "b"): 0.1, ("b", "c"): 0.2, ("c", "d"): 0.3, ("d", "e"): 1e-17}
    values = {concepts.gain(order, set(), weight) for order in itertools.permutations(weight)}
    assert values == {0.6}  # a plain sum gives 0.6 or 0.6000000000000001 by order


def test_lsa_rows_are_sorted_terms() -> None:
    from summarize.methods.sumy_methods import LSA
    from tests.conftest import make_cluster

    cluster = make_cluster(["Zebras graze at dawn.", "Apples fall in autumn.",
                            "Moons orbit slowly."])
    scorer = LSA()
    summarizer = scorer._build(cluster)
    rows = summarizer._create_dictionary(scorer.document(cluster))
    assert list(rows) == sorted(rows) and list(rows.values()) == list(range(len(rows)))


def _brief(data: str, cluster: str, method: str, words: int, hash_seed: str,
           threads: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "OMP_NUM_THREADS": threads,
           "OPENBLAS_NUM_THREADS": threads}
    done = subprocess.run([sys.executable, "-m", "summarize", "brief", str(DATA / data),
                           "--cluster", cluster, "--method", method, "--words", str(words),
                           "--format", "json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(("data", "cluster", "method", "words", "seeds"), [
    ("opinosis.jsonl", "opinosis-comfort_toyota_camry_2007", "fusion", 20, ("0", "3")),
    ("amazon-dev.jsonl", "amazon-B000YA8NYQ", "fusion", 55, ("0", "5")),
    ("opinosis.jsonl", "opinosis-navigation_amazon_kindle", "sumy-lsa", 20, ("0", "2")),
])
def test_same_brief_whatever_the_hash_seed_and_threads(data: str, cluster: str, method: str,
                                                       words: int, seeds: tuple[str, str]):
    if not (DATA / data).exists():
        pytest.skip(f"{DATA / data} is not here (the shared data sets sit beside the repo)")
    outputs = {_brief(data, cluster, method, words, seed, threads)
               for seed in seeds for threads in ("1", "2")}
    assert len(outputs) == 1


def test_the_tokenizer_pool_does_not_change_the_brief(tmp_path) -> None:  # noqa: ANN001
    """``summarize brief`` lets the embedding tokenizer use every core on a large input
    unless told not to (``summarize.cli.run``); the pieces, and so the brief, are the same
    either way. Five copies of the seeds, names changed, pass ``cli.POOL_FROM``."""
    from summarize import cli

    for copy in range(5):
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            text = seed.read_text(encoding="utf-8").replace("Blinken", f"Blinken{copy}")
            (tmp_path / f"{copy}-{seed.name}").write_text(text, encoding="utf-8")
    from summarize.load import load_inputs

    assert len(load_inputs([str(tmp_path)]).sentences) >= cli.POOL_FROM

    def brief(parallel: str | None) -> str:
        env = {k: v for k, v in os.environ.items() if k != "TOKENIZERS_PARALLELISM"}
        if parallel is not None:
            env["TOKENIZERS_PARALLELISM"] = parallel
        done = subprocess.run([sys.executable, "-m", "summarize", "brief", str(tmp_path),
                               "--words", "200", "--format", "json"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "tokenizers" not in done.stderr  # no fork warning
        return done.stdout

    default = brief(None)
    assert json.loads(default)["sentences"]
    assert default == brief("false") == brief("true")


def test_the_tokenizer_pool_is_for_large_briefs_in_the_commands_own_process(monkeypatch):
    from summarize import cli
    from summarize.model import Cluster, Sentence

    def cluster(n: int) -> Cluster:
        return Cluster(documents=(), sentences=tuple(
            Sentence(text="x", doc_id="d", index=i, start=0, end=1, position=0)
            for i in range(n)))

    monkeypatch.delenv("TOKENIZERS_PARALLELISM", raising=False)
    monkeypatch.setattr(cli, "_OWN_PROCESS", False)
    cli._pool_for(cluster(cli.POOL_FROM))
    assert "TOKENIZERS_PARALLELISM" not in os.environ  # a test process, a TUI: may fork
    monkeypatch.setattr(cli, "_OWN_PROCESS", True)
    cli._pool_for(cluster(cli.POOL_FROM - 1))
    assert "TOKENIZERS_PARALLELISM" not in os.environ  # small: the pool costs more
    cli._pool_for(cluster(cli.POOL_FROM))
    assert os.environ["TOKENIZERS_PARALLELISM"] == "true"
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "false")
    cli._pool_for(cluster(cli.POOL_FROM))
    assert os.environ["TOKENIZERS_PARALLELISM"] == "false"  # the user's choice stands


def test_large_similarity_products_do_not_depend_on_the_blas_thread_count() -> None:
    """``similarity._products`` hands a large product to BLAS on one thread: with two, 84 of
    these 600,000 entries round differently, enough to swap two near-equal candidates."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from summarize.similarity import SERIAL_BLAS_FROM, _products

    a = np.random.default_rng(0).standard_normal((2000, 256))
    b = a[:300]
    assert a.shape[0] * b.shape[0] * a.shape[1] >= SERIAL_BLAS_FROM
    with threadpool_limits(1, user_api="blas"):
        serial = a @ b.T
    with threadpool_limits(2, user_api="blas"):
        threaded = a @ b.T
    if np.array_equal(threaded, serial):
        pytest.skip("BLAS rounds the same on two threads here (one core?): nothing to tell")
    for threads in (1, 2):
        with threadpool_limits(threads, user_api="blas"):
            assert np.array_equal(_products(a, b), serial)
    assert np.allclose(serial, np.einsum("ik,jk->ij", a, b), rtol=0, atol=1e-12)
    small = a[:100]
    assert np.array_equal(_products(small, small[:50]), np.einsum("ik,jk->ij", small,
                                                                   small[:50]))
