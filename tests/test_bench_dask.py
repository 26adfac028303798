"""Benchmark runs on Dask (a real LocalCluster on 127.0.0.1) equal local-process runs."""

from __future__ import annotations

import io

import pytest

from eval.datasets import open_dataset
from eval.runner import Spec, run
from eval.store import Store, summaries_equal
from summarize.config import Config
from summarize.errors import UsageError
from summarize.model import Budget
from tests.test_bench_runner import make_jsonl

distributed = pytest.importorskip("distributed")

SPEC = Spec(methods=("lead", "random", "lexrank"), config=Config(budget=Budget(words=15)),
            method_options={"random": (("seed", 3),)})


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return open_dataset(make_jsonl(tmp_path_factory.mktemp("d") / "d.jsonl", 5))


@pytest.fixture(scope="module")
def local_results(data, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("l") / "local.sqlite")
    rid = run(data, SPEC, store, workers=1, log=io.StringIO()).run.id
    return store.summaries(rid)


def test_existing_cluster_by_address(data, local_results, tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        with Store(tmp_path / "dask.sqlite") as store:
            out = run(data, SPEC, store, scheduler=address, log=io.StringIO())
            assert out.computed == 15
            assert summaries_equal(store.summaries(out.run.id), local_results)
            # Resume through Dask too: nothing left to compute.
            assert run(data, SPEC, store, scheduler=address, log=io.StringIO()).computed == 0


def test_scheduler_local_starts_its_own_cluster(data, local_results, tmp_path):
    with Store(tmp_path / "own.sqlite") as store:
        out = run(data, SPEC, store, workers=1, scheduler="local", log=io.StringIO())
        assert summaries_equal(store.summaries(out.run.id), local_results)


def test_bad_scheduler_address(data, tmp_path):
    with Store(tmp_path / "x.sqlite") as store:
        with pytest.raises(UsageError):
            run(data, SPEC, store, scheduler="somewhere:1", log=io.StringIO())
        assert store.runs() == []  # refused before any work
