"""Run every method on every cluster, on local processes or a Dask cluster, into a Store.

Design (why it can be trusted):

* A task is one ``(method, cluster)`` pair. The worker summarizes, times the method call,
  measures its peak memory (tracemalloc), scores the summary with ROUGE and returns a finished
  record; a method that raises records the error for that cluster and the run goes on.
* Only the parent process writes to SQLite, one transaction per record, as records arrive.
  A killed run (even ``kill -9``) loses at most the summaries in flight; rerunning the same
  options skips every stored pair, so no cluster is computed twice.
* Every result depends only on its task (methods are seeded), never on which worker ran it or
  when, and readers sort by key: 1 worker, N processes or a Dask cluster give the same rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, TextIO

from eval.datasets import Dataset
from eval.store import ClusterRow, RunInfo, Store, StoredSummary
from summarize import registry
from summarize.config import Config
from summarize.errors import SummarizeError, UsageError
from summarize.model import Cluster, Summary
from summarize.redact import redact, redact_value


@dataclass(frozen=True)
class Task:
    """One unit of work, self-contained so that it can be pickled to any worker."""

    method: str
    cluster: Cluster
    config: Config
    rouge: tuple[tuple[str, Any], ...] = ()
    memory: str = "rss"
    """How peak memory is measured: ``rss``, ``tracemalloc`` or ``off`` (see ``MEMORY``)."""
    update: bool = False
    """Summarize the later reports for a reader of the earlier ones (``--update``:
    ``summarize.update.split_sets``, then ``update_brief``)."""


MEMORY = ("rss", "tracemalloc", "off")
"""Peak-memory measures. ``rss`` (the default where Linux allows it): growth of the process's
peak resident set over the call, reset before it through ``/proc/self/clear_refs``; it costs
nothing, and counts every allocation (numpy's, C libraries'). ``tracemalloc``: peak of Python
allocations, exact but it slowed methods 3x (sumy 6x) in our measurement, so the time
recorded with it is inflated. ``off``: 0."""


@dataclass(frozen=True)
class Spec:
    """What a run computes: the part of the options that changes its results."""

    methods: tuple[str, ...]
    config: Config
    rouge: tuple[tuple[str, Any], ...] = ()
    """Keyword options for ``eval.rouge.RougeConfig``."""
    method_options: dict[str, tuple[tuple[str, Any], ...]] = field(default_factory=dict,
                                                                   hash=False)
    """Per-method constructor options (``--option lexrank.threshold=0.1``)."""
    update: bool = False
    """Update briefs (set B since set A) instead of briefs of the whole cluster."""

    def config_for(self, method: str) -> Config:
        from dataclasses import replace

        return replace(self.config, method_options=self.method_options.get(method, ()))


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def rouge_options(rouge: Sequence[tuple[str, Any]] = ()) -> dict[str, Any]:
    """The full ROUGE configuration (defaults resolved, the Lsum split mode and the splitter
    it runs included), recorded in the run's identity and so in the database."""
    from eval.rouge import RougeConfig

    try:
        cfg = RougeConfig(**dict(rouge))
    except TypeError as exc:
        raise UsageError(f"bad ROUGE option: {exc}") from None
    cfg.validate()
    if "rougeLsum" in cfg.types and cfg.lsum_mode == "punkt":
        from eval.rouge import check_punkt

        check_punkt()  # refused here, before any work, not in every worker
    return json.loads(json.dumps(cfg.describe(), default=str))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of the code that computes a run's results: every module of ``summarize`` and
    the ROUGE modules. Part of a run's identity, so that a database filled by an older
    version is never resumed with a newer one (the two would mix in one leaderboard)."""
    from pathlib import Path

    import summarize

    roots = [Path(p) for p in summarize.__path__]
    here = Path(__file__).parent
    files = sorted(p for r in roots for p in r.rglob("*.py"))
    files += [here / "rouge.py", here / "tokenize.py"]
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def run_options(dataset: Dataset, spec: Spec) -> dict[str, Any]:
    """Everything that identifies a run, as JSON-able data."""
    return {
        "code": code_digest(),
        "data_digest": dataset.digest,
        "format": dataset.format,
        "reader": dict(dataset.options),
        "methods": sorted(spec.methods),
        "config": {k: v for k, v in spec.config.as_options()},
        "rouge": rouge_options(spec.rouge),
        "method_options": {m: dict(o) for m, o in sorted(spec.method_options.items()) if o},
        **({"update": True} if spec.update else {}),
    }


def run_id(options: dict[str, Any]) -> str:
    """Hash of a run's options: same options, same id (and so resume)."""
    blob = json.dumps(options, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


# ----- the worker side -------------------------------------------------------------------


@lru_cache(maxsize=8)
def _scorer(rouge: tuple[tuple[str, Any], ...]) -> Any:
    from eval.rouge import Rouge, RougeConfig

    return Rouge(RougeConfig(**dict(rouge)))


_STATUS = "/proc/self/status"


def _status_bytes(field_name: str) -> int:
    with open(_STATUS, encoding="ascii") as f:
        for line in f:
            if line.startswith(field_name):
                return int(line.split()[1]) * 1024
    return 0


@lru_cache(maxsize=1)
def rss_available() -> bool:
    """Whether this process can reset and read its peak resident set (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return _status_bytes("VmHWM:") > 0
    except OSError:
        return False


def default_memory() -> str:
    return "rss" if rss_available() else "tracemalloc"


class _Meter:
    """Peak memory of one call, by the chosen measure (bytes)."""

    def __init__(self, mode: str) -> None:
        self.mode = "tracemalloc" if mode == "rss" and not rss_available() else mode
        self.base = 0

    def start(self) -> None:
        if self.mode == "tracemalloc":
            tracemalloc.start()
            tracemalloc.reset_peak()
        elif self.mode == "rss":
            with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
                f.write("5")  # resets VmHWM to the current resident set
            self.base = _status_bytes("VmRSS:")

    def stop(self) -> int:
        if self.mode == "tracemalloc":
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            return peak
        if self.mode == "rss":
            return max(0, _status_bytes("VmHWM:") - self.base)
        return 0


def run_task(task: Task) -> StoredSummary:
    """Summarize and score one cluster with one method; errors become part of the record."""
    from summarize.pipeline import summarize

    cluster = task.cluster
    meter = _Meter(task.memory)
    meter.start()
    start = time.perf_counter()
    try:
        if task.update:
            from summarize.pipeline import summarize_update
            from summarize.update import split_sets

            earlier, later, _how = split_sets(cluster)
            summary = summarize_update(earlier, later, task.method, task.config)[0].summary
        else:
            summary = summarize(cluster, task.method, task.config)
        error = None
    except Exception as exc:  # noqa: BLE001 - one failing cluster must not stop the run
        summary, error = None, redact(f"{type(exc).__name__}: {exc}".strip())
    seconds = time.perf_counter() - start
    peak = meter.stop()
    if summary is None:
        return StoredSummary(method=task.method, cluster_id=cluster.id, text="", sentences=[],
                             scores={}, seconds=seconds, peak_memory=peak, error=error)
    text = summary.text
    scores: dict[str, dict[str, float]] = {}
    if cluster.references:
        try:
            with warnings.catch_warnings():
                # An empty summary scores 0 by design; one warning per cluster is noise here.
                warnings.simplefilter("ignore")
                raw = _scorer(task.rouge).score(text, list(cluster.references))
            scores = {k: {"precision": float(v.precision), "recall": float(v.recall),
                          "fmeasure": float(v.fmeasure)} for k, v in sorted(raw.items())}
        except Exception as exc:  # noqa: BLE001
            error = redact(f"scoring failed: {type(exc).__name__}: {exc}")
    return StoredSummary(method=task.method, cluster_id=cluster.id, text=text,
                         sentences=sentence_records(summary), scores=scores, seconds=seconds,
                         peak_memory=peak, error=error)


def sentence_records(summary: Summary) -> list[dict[str, Any]]:
    """Each summary sentence with its provenance, as plain JSON-able dicts."""
    out = []
    for s in summary.sentences:
        first = s.sources[0] if s.sources else None
        out.append({
            "text": s.text,
            "doc_id": first.doc_id if first else None,
            "index": first.index if first else None,
            "start": first.start if first else None,
            "end": first.end if first else None,
            "support": list(s.support),
            "sources": [{"doc_id": x.doc_id, "index": x.index, "start": x.start, "end": x.end}
                        for x in s.sources],
            "generated": bool(s.generated),
            "score": float(s.score),
        })
    return out


def warm_up(tasks: Sequence[Task]) -> None:
    """Run each method once, unrecorded, so that no measured call pays for imports and caches.

    Called in the parent when it runs the tasks itself, in each spawned worker process and
    on every Dask worker; without it the first summary of each method took up to 2.7 s
    instead of 0.05 s.
    """
    seen = set()
    for t in tasks:
        if t.method not in seen:
            seen.add(t.method)
            with contextlib.suppress(Exception):
                run_task(Task(t.method, t.cluster, t.config, t.rouge, "off"))


# ----- executing -------------------------------------------------------------------------


def execute(tasks: Sequence[Task], on_result: Callable[[StoredSummary], None],
            workers: int = 1, scheduler: str | None = None) -> None:
    """Run tasks and hand each record to ``on_result`` in the calling process, as it finishes."""
    if not tasks:
        return
    if scheduler:
        _execute_dask(tasks, on_result, workers, scheduler)
        return
    if workers <= 1:
        warm_up(tasks)
        for t in tasks:
            on_result(run_task(t))
    else:
        _execute_processes(tasks, on_result, workers)


CHUNK = 8
"""Tasks sent to a worker process at once: one task takes ~20 ms on news clusters, so sending
them one by one spent a third of the time in inter-process traffic. A kill loses at most the
chunks in flight, which a resume recomputes."""


def _init_worker(firsts: Sequence[Task], lifeline: Any) -> None:
    """One thread per worker process: with N workers on N cores, BLAS and OpenMP pools of N
    threads each would fight over the cores. Then warm up.

    Ctrl-C reaches the whole process group: workers ignore it and leave it to the parent,
    which stops the run and shuts the pool down. A worker killed by it would break the pool,
    and CPython's pool then raised ``InvalidStateError`` from its own thread on the way out.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from threadpoolctl import threadpool_limits

    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()
    threadpool_limits(1)
    warm_up(firsts)


def _exit_with_parent(lifeline: Any) -> None:
    """Exit as soon as the bench process is gone, however it died.

    A worker waits on a queue whose write end it holds itself, so it never sees the parent
    die: after a ``kill -9`` the workers slept forever, holding its stderr open. Polling the
    parent's pid does not do (a killed, unreaped parent is a zombie and still "exists"), so
    each worker holds the read end of a pipe whose only write end is the parent's: the kernel
    closes it when the parent dies, and this read returns.
    """
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(1)


PRELOAD = ("eval._forkserver", "eval.runner", "eval.rouge", "summarize.pipeline",
           "summarize.redundancy", "sklearn.cluster")
"""Imported once by the fork server, so that no worker pays for them (``sklearn.cluster`` is
what ``submodular`` uses). ``eval._forkserver`` also imports rouge-score there, without all of
nltk (``eval.nltk_parts``), and quiets the one error a worker meets when Ctrl-C ends the
parent while the worker starts."""


@lru_cache(maxsize=1)
def _process_context() -> Any:
    """Where worker processes come from: a fork server, or spawn where there is none.

    Not forked from this process: a fork taken after numpy/scikit-learn started their thread
    pools (OpenMP) can inherit a held lock and hang forever, which we saw on neus-val. A fork
    server imports the heavy modules once, runs nothing, and forks each worker from that clean
    state; each worker then warms up on one task per method.
    """
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")  # pragma: no cover - not POSIX
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


def start_fork_server() -> None:
    """Start the fork server now, so that its imports overlap the parent's own set-up.

    It runs in the background; the parent meanwhile opens the database and stores the
    clusters. Measured on neus-val this took the workers' start off the critical path.
    """
    ctx = _process_context()
    if ctx.get_start_method() == "forkserver":
        import signal
        import threading
        from multiprocessing import forkserver

        if threading.current_thread() is not threading.main_thread():
            forkserver.ensure_running()
            return
        # Started with Ctrl-C ignored, which it and every worker forked from it inherit: a
        # Ctrl-C during its imports printed their traceback. The parent alone handles it.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)


def run_tasks(tasks: Sequence[Task]) -> list[StoredSummary]:
    """``run_task`` over a chunk, in a worker process."""
    return [run_task(t) for t in tasks]


CRASHED = ("the worker process died while computing this summary (killed, out of memory "
           "or crashed); the run went on without it")
"""The error recorded for a task that took its worker process down with it."""

MAX_FRUITLESS_RESTARTS = 3
"""Pools in a row that may die before any summary is finished, before the run gives up."""


class WorkersDied(SummarizeError):
    """Worker processes keep dying before finishing anything: the run cannot go on."""


def _execute_processes(tasks: Sequence[Task], on_result: Callable[[StoredSummary], None],
                       workers: int) -> None:
    """Run the tasks on a pool of worker processes, surviving the death of a worker.

    A worker can die under a task (the out-of-memory killer, a crash in native code, a
    ``kill``): the pool is then broken and every task in flight is lost. Those tasks are run
    again one at a time, each alone on a fresh worker, so that a task that kills its worker
    again is recorded with an error (``CRASHED``) like any failing method while the others
    are computed; then the rest go on a fresh pool. Recovery pools skip the warm-up, which
    may be what killed the worker.
    """
    ctx = _process_context()
    firsts: list[Task] = list({t.method: t for t in reversed(tasks)}.values())
    finished = fruitless = 0

    def count(record: StoredSummary) -> None:
        nonlocal finished
        finished += 1
        on_result(record)

    def progress(before: int, found_culprit: bool) -> None:
        nonlocal fruitless
        fruitless = 0 if found_culprit or finished > before else fruitless + 1
        if fruitless >= MAX_FRUITLESS_RESTARTS:
            raise WorkersDied(f"worker processes died {fruitless} times in a row before "
                              f"finishing anything (out of memory?); the finished summaries "
                              f"are stored: rerun the same command to resume")

    queue = list(tasks)
    while queue:
        before = finished
        left, in_flight = _pool_pass(queue, count, workers, ctx, firsts, CHUNK,
                                     max(4, workers * 4))
        if not left:
            return
        progress(before, False)
        firsts = []
        suspects = in_flight
        while suspects:
            before = finished
            rest, culprit = _pool_pass(suspects, count, 1, ctx, [], 1, 1)
            for t in culprit:
                count(_crashed(t))
            if rest:
                progress(before, bool(culprit))
            suspects = rest[len(culprit):]  # a pass's unfinished tasks start with its in-flight
        queue = left[len(in_flight):]


def _crashed(task: Task) -> StoredSummary:
    return StoredSummary(method=task.method, cluster_id=task.cluster.id, text="", sentences=[],
                         scores={}, seconds=0.0, peak_memory=0, error=CRASHED)


def _pool_pass(tasks: Sequence[Task], on_result: Callable[[StoredSummary], None], workers: int,
               ctx: Any, firsts: Sequence[Task], chunk_size: int,
               window: int) -> tuple[list[Task], list[Task]]:
    """One pool over ``tasks``, ``window`` chunks in flight at most (a kill loses little,
    memory stays bounded). Returns ``([], [])`` when every task finished; if a worker died,
    the tasks not finished, those that were in flight first, and those in flight."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # The workers get the read end; the write end is only ever held here (see _exit_with_parent).
    lifeline, held_here = ctx.Pipe(duplex=False)
    with lifeline, held_here, ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_init_worker,
            initargs=(list(firsts), lifeline)) as pool:
        pending: dict[Any, list[Task]] = {}
        it = iter(tasks)
        chunk: list[Task] = []
        try:
            while True:
                while len(pending) < window:
                    chunk = list(itertools.islice(it, chunk_size))
                    if not chunk:
                        break
                    pending[pool.submit(run_tasks, chunk)] = chunk
                    chunk = []
                if not pending:
                    return [], []
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for fut in [f for f in pending if f in done]:  # in submission order
                    records = fut.result()
                    del pending[fut]
                    for record in records:
                        on_result(record)
        except BrokenProcessPool:
            in_flight = [t for c in pending.values() for t in c]
            return [*in_flight, *chunk, *it], in_flight
        except BaseException:
            # Ctrl-C, SIGTERM or an error here: the workers are let go by closing their
            # lifeline, and the pool, seeing them gone, fails what is in flight. Nothing is
            # cancelled first: CPython 3.11's pool raised InvalidStateError from its own
            # thread when it failed a future that had been cancelled.
            held_here.close()
            raise


def check_scheduler(scheduler: str | None) -> None:
    """``local``, a Dask address, or None (local processes); anything else is a usage error."""
    if scheduler is None or scheduler == "local":
        return
    if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
        raise UsageError(f"--scheduler must be 'local' or an address like tcp://HOST:PORT, "
                         f"got {scheduler!r}")


def _execute_dask(tasks: Sequence[Task], on_result: Callable[[StoredSummary], None],
                  workers: int, scheduler: str) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        from summarize.errors import MissingExtra

        raise MissingExtra("--scheduler", "dask", str(exc)) from exc
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        address: Any = cluster
    else:
        check_scheduler(scheduler)
        address = scheduler
    try:
        try:
            client = Client(address, timeout="20s")
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            client.run(warm_up, list(_firsts(tasks)))
            futures = client.map(run_task, list(tasks), pure=False)
            try:
                for fut in as_completed(futures):
                    on_result(fut.result())
            except BaseException:
                client.cancel(futures)
                raise
    finally:
        if cluster is not None:
            cluster.close()


def _firsts(tasks: Sequence[Task]) -> list[Task]:
    seen: dict[str, Task] = {}
    for t in tasks:
        seen.setdefault(t.method, t)
    return list(seen.values())


# ----- a run -----------------------------------------------------------------------------


class Progress:
    """A progress bar on stderr: redrawn in place on a terminal, a line now and then if not."""

    def __init__(self, total: int, done: int = 0, stream: TextIO | None = None,
                 label: str = "bench", every: float = 10.0) -> None:
        self.total, self.done, self.errors = total, done, 0
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.first = done
        self.every = every
        self.last = -float("inf")  # the first record always prints

    def update(self, record: StoredSummary) -> None:
        self.done += 1
        self.errors += record.error is not None
        now = time.monotonic()
        final = self.done >= self.total
        if self.tty or final or now - self.last >= self.every:
            self.last = now
            self._draw(final)

    def _draw(self, final: bool) -> None:
        frac = self.done / self.total if self.total else 1.0
        elapsed = time.monotonic() - self.start
        rate = (self.done - self.first) / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        bar = "#" * int(frac * 30)
        errs = f" {self.errors} errors" if self.errors else ""
        line = (f"{self.label} [{bar:<30}] {self.done}/{self.total} {frac:4.0%} "
                f"{rate:.1f}/s eta {left:.0f}s{errs}")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@dataclass(frozen=True)
class Outcome:
    """What ``run`` did: the run, and how many summaries it computed and found stored."""

    run: RunInfo
    computed: int
    skipped: int
    resumed: bool
    new: bool
    seconds: float


def run(dataset: Dataset, spec: Spec, store: Store, workers: int = 1,
        scheduler: str | None = None, force: bool = False, memory: str | None = None,
        progress: bool = True, log: TextIO | None = None) -> Outcome:
    """Benchmark ``spec`` on ``dataset`` into ``store``, resuming a run with the same options."""
    log = log if log is not None else sys.stderr
    if not spec.methods:
        raise UsageError("no methods to benchmark")
    check_scheduler(scheduler)
    if scheduler is None and workers > 1:
        start_fork_server()
    memory = memory or default_memory()
    if memory not in MEMORY:
        raise UsageError(f"--memory must be one of {', '.join(MEMORY)}, got {memory!r}")
    for m in spec.methods:
        registry.get(m).load()  # unknown names and missing extras fail before any work
    options = run_options(dataset, spec)
    rid = run_id(options)
    info = RunInfo(id=rid, data=dataset.path, methods=tuple(spec.methods),
                   words=spec.config.budget.words,
                   # how it was measured is not identity; no key or password is stored
                   options=redact_value({**options, "memory": memory}),
                   created=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    others = [r for r in store.runs() if r.id != rid]
    rows = [ClusterRow(c.id, tuple({"id": d.id, "title": d.title, "text": d.text}
                                   for d in c.documents), tuple(c.references))
            for c in dataset.clusters]
    if not store.claim():
        log.write(f"bench: another process is writing to {store.path} now; where its run is "
                  "this one, both compute the same summaries (nothing is lost; each is "
                  "stored once, by the last to finish it)\n")
    new = store.start_run(info, rows)
    info = store.run(rid) or info
    if new and others:
        log.write(f"bench: {store.path} holds {len(others)} other run(s) with different options; "
                  f"they are kept. This is run {rid}.\n")
    if force and not new:
        log.write(f"bench: --force: discarding the stored results of run {rid}\n")
        store.clear(rid)
    done = store.done(rid)
    tasks = [Task(m, c, spec.config_for(m), tuple(spec.rouge), memory, spec.update)
             for c in dataset.clusters for m in spec.methods if (m, c.id) not in done]
    total = len(dataset.clusters) * len(spec.methods)
    skipped = total - len(tasks)
    if skipped and tasks:
        log.write(f"bench: resuming run {rid}: {skipped} of {total} summaries already stored\n")
    elif not tasks:
        log.write(f"bench: run {rid} is complete ({total} summaries stored)\n")
    bar = Progress(total, skipped, stream=log) if progress else None

    def store_one(record: StoredSummary) -> None:
        store.put(rid, record)
        if bar:
            bar.update(record)

    start = time.perf_counter()
    execute(tasks, store_one, workers=workers, scheduler=scheduler)
    return Outcome(info, len(tasks), skipped, resumed=bool(skipped and tasks), new=new,
                   seconds=time.perf_counter() - start)
