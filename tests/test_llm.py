"""The llm method against a real OpenAI-compatible HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from summarize.config import Config
from summarize.errors import SummarizeError, UsageError
from summarize.methods.llm import LLM
from summarize.model import Budget, Cluster
from tests.conftest import make_cluster

DOCS = [
    "The council approved the new budget on Monday. Schools will get more money.",
    "On Monday the council approved the budget. Parks lose some funding next year.",
]




Reply = Callable[[dict], tuple[int, bytes]]


class Server:
    """A chat-completions server whose answers the test scripts, recording each request."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, **body})
                outer.headers.append(dict(self.headers))
                reply = outer.replies[min(len(outer.requests), len(outer.replies)) - 1]
                if getattr(reply, "raw", False):
                    reply(self)  # writes the whole answer itself, however it likes
                    return
                status, data = reply(body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        class Quiet(ThreadingHTTPServer):
            block_on_close = False

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # the client hung up on purpose (timeout test)

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def chat(content: str) -> Reply:
    return lambda _body: (200, json.dumps(
        {"choices": [{"message": {"role": "assistant", "content": content}}]}).encode())


def status(code: int, message: str = "nope") -> Reply:
    return lambda _body: (code, json.dumps({"error": {"message": message}}).encode())


@pytest.fixture
def serve() -> Iterator[Callable[[list[Reply]], Server]]:
    servers: list[Server] = []

    def start(replies: list[Reply]) -> Server:
        servers.append(Server(replies))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def run(server: Server, **options: object) -> object:
    opts = {"endpoint": server.url, "model": "tiny", "backoff": 0.0, "timeout": 5}
    opts.update(options)
    return LLM(**opts)(make_cluster(DOCS), Config(budget=Budget(words=60)))


def test_brief_cites_evidence_and_is_checked(serve, monkeypatch) -> None:
    monkeypatch.setenv("TEST_LLM_KEY", "sekret")
    server = serve([chat("The council approved the budget on Monday [E1]. "
                         "Dragons attacked the harbour at night [E2].")])
    summary = run(server, api_key_env="TEST_LLM_KEY")
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["model"] == "tiny"
    assert server.headers[0]["Authorization"] == "Bearer sekret"
    evidence = request["messages"][-1]["content"]
    # The two statements of the approval are one piece of evidence, not two.
    assert evidence.count("approved the") == 1
    assert "E1:" in evidence and "Schools will get more money." in evidence
    first, second = summary.sentences
    assert first.text == "The council approved the budget on Monday."
    assert first.generated and first.supported
    assert "approved" in first.sources[0].text
    assert set(first.support) == {"d0", "d1"}  # both reports say it
    assert not second.supported  # no evidence mentions dragons
    assert any("Dragons" in w for w in summary.warnings)


def test_drop_unsupported(serve) -> None:
    server = serve([chat("The council approved the budget [E1]. Dragons attacked [E2].")])
    summary = run(server, drop_unsupported=True)
    assert [s.text for s in summary.sentences] == ["The council approved the budget."]


def test_retries_server_errors_then_succeeds(serve) -> None:
    server = serve([status(503), status(500), chat("The council approved the budget [E1].")])
    summary = run(server, retries=3)
    assert len(server.requests) == 3
    assert summary.sentences[0].supported


def test_gives_up_after_retries(serve) -> None:
    server = serve([status(502, "bad gateway")])
    with pytest.raises(SummarizeError, match="failed after 3 attempts: HTTP 502: bad gateway"):
        run(server, retries=2)
    assert len(server.requests) == 3


def test_refused_request_is_a_usage_error_without_retry(serve) -> None:
    server = serve([status(401, "invalid api key")])
    with pytest.raises(UsageError, match="HTTP 401: invalid api key"):
        run(server)
    assert len(server.requests) == 1


def test_malformed_answer(serve) -> None:
    server = serve([lambda _b: (200, b"<html>not json</html>")])
    with pytest.raises(SummarizeError, match="malformed"):
        run(server)


def test_timeout_is_retried_then_reported(serve) -> None:
    gate = threading.Event()

    def slow(_body: dict) -> tuple[int, bytes]:
        gate.wait(2)
        return chat("late [E1].")(_body)

    server = serve([slow])
    try:
        with pytest.raises(SummarizeError, match="no complete answer within 0.2 s"):
            run(server, timeout=0.2, retries=1)
    finally:
        gate.set()


def test_unreachable_endpoint() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cluster = make_cluster(DOCS)
    llm = LLM(endpoint=f"http://127.0.0.1:{port}", model="m", retries=0)
    with pytest.raises(UsageError, match="cannot reach"):
        llm(cluster, Config())


def test_options_are_required() -> None:
    with pytest.raises(UsageError, match="--endpoint"):
        LLM(model="m")(make_cluster(DOCS), Config())
    with pytest.raises(UsageError, match="--model"):
        LLM(endpoint="http://127.0.0.1:9")(make_cluster(DOCS), Config())


def test_empty_cluster_needs_no_server() -> None:
    summary = LLM(endpoint="http://127.0.0.1:9", model="m")(Cluster((), ()), Config())
    assert summary.sentences == ()


def test_budget_keeps_whole_sentences(serve) -> None:
    server = serve([chat("The council approved the budget [E1]. Schools will get more money "
                         "[E2]. Parks lose some funding next year [E3].")])
    summary = LLM(endpoint=server.url, model="m", backoff=0)(
        make_cluster(DOCS), Config(budget=Budget(words=11)))
    assert [s.text for s in summary.sentences] == [
        "The council approved the budget.", "Schools will get more money."]


# -- faults: a total deadline, a size cap, no secret shown anywhere ------------------------------

KEY = "sk-test-0123456789abcdefXYZ"


def raw(write: Callable[[BaseHTTPRequestHandler], None]) -> Callable:
    """A reply that writes the whole answer itself (status line, headers, body) as it likes."""
    write.raw = True  # type: ignore[attr-defined]
    return write


def trickle(in_headers: bool, every: float = 0.25, give_up: float = 12.0) -> Callable:
    """One byte every ``every`` seconds (in the headers, or in a declared 1000-byte body),
    so no single read ever waits long; stops after ``give_up`` seconds so that a client
    without a total deadline fails this test instead of hanging it."""
    def write(handler: BaseHTTPRequestHandler) -> None:
        import time

        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        data = head + b" " * 1000
        start = 0 if in_headers else len(head)
        handler.wfile.write(data[:start])
        handler.wfile.flush()
        began = time.monotonic()
        for i in range(start, len(data)):
            if time.monotonic() - began > give_up:
                return
            try:
                handler.wfile.write(data[i:i + 1])
                handler.wfile.flush()
            except OSError:
                return  # the client hung up: what it should do
            time.sleep(every)
    return raw(write)


@pytest.mark.parametrize("in_headers", [True, False], ids=["headers", "body"])
def test_a_trickling_server_fails_within_the_deadline(serve, in_headers) -> None:
    import time

    server = serve([trickle(in_headers)])
    began = time.monotonic()
    with pytest.raises(SummarizeError, match=r"failed after 1 attempt: no complete answer "
                                             r"within 1\.5 s"):
        run(server, timeout=1.5, retries=0)
    assert time.monotonic() - began < 4.0


def flood(total: int, declare: bool, code: int = 200) -> Callable:
    """A ``code`` answer of ``total`` bytes, with or without a Content-Length, sent until the
    client hangs up."""
    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", "application/json")
        if declare:
            handler.send_header("Content-Length", str(total))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        block = b"x" * 65536
        sent = 0
        try:
            while sent < total:
                handler.wfile.write(block)
                sent += len(block)
        except OSError:
            return
    return raw(write)


@pytest.mark.parametrize("declare", [True, False], ids=["declared", "undeclared"])
def test_a_huge_answer_is_cut_at_the_cap_and_not_retried(serve, declare) -> None:
    import tracemalloc

    server = serve([flood(200 * 2**20, declare)])
    tracemalloc.start()
    try:
        with pytest.raises(SummarizeError, match="larger than 1000000 bytes"):
            run(server, max_answer_bytes=1_000_000, retries=3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(server.requests) == 1  # the same server would send the same again
    assert peak < 8 * 2**20, peak  # not the 200 MB the server offered


def test_a_huge_error_answer_is_read_only_as_far_as_its_message(serve) -> None:
    import time

    server = serve([flood(200 * 2**20, declare=False, code=401)])
    began = time.monotonic()
    with pytest.raises(UsageError, match="refused the request: HTTP 401: x{10}"):
        run(server)
    assert time.monotonic() - began < 5


def test_runaway_answer_costs_little_and_warns_a_few_times(serve) -> None:
    import time

    nonsense = " ".join(f"Dragon number {i} ate the moon [E1]." for i in range(900))
    server = serve([chat(nonsense)])
    began = time.monotonic()
    summary = run(server, drop_unsupported=True)
    assert time.monotonic() - began < 20
    assert summary.sentences == ()
    assert len(summary.warnings) == 6  # five named, one counting the rest
    assert summary.warnings[-1] == "... and 895 more sentences dropped as unsupported"
    # Past MAX_SENTENCES the rest of the answer is not read, and said so.
    server = serve([chat(nonsense + " " + nonsense)])
    summary = run(server, drop_unsupported=True)
    assert summary.warnings[-2:] == (
        "... and 995 more sentences dropped as unsupported",
        "the answer has more than 1000 sentences; the rest was not read")


def echo_key(code: int) -> Callable:
    """Refuses and echoes the Authorization header it got, as some servers do."""
    def write(handler: BaseHTTPRequestHandler) -> None:
        got = handler.headers.get("Authorization", "")
        data = json.dumps({"error": {"message": f"Incorrect API key provided: {got}"}}).encode()
        handler.send_response(code)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    return raw(write)


def cli(*args: object) -> tuple[int, str, str]:
    import contextlib
    import io

    from summarize.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in args])
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture
def inputs(tmp_path) -> list[str]:  # noqa: ANN001
    paths = []
    for i, text in enumerate(DOCS):
        p = tmp_path / f"report{i}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def test_an_echoed_key_never_reaches_stderr(serve, inputs, monkeypatch) -> None:
    monkeypatch.setenv("MY_LLM_KEY", KEY)
    server = serve([echo_key(401)])
    rc, out, err = cli("brief", "--method", "llm", "--endpoint", server.url, "--model", "m",
                       "-O", "api_key_env=MY_LLM_KEY", *inputs)
    assert server.headers[0]["Authorization"] == f"Bearer {KEY}"  # it was sent...
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "HTTP 401" in err and "Traceback" not in err
    assert KEY not in err and "0123456789abcdef" not in err  # ...and never shown
    assert "***" in err


def test_an_echoed_key_in_a_5xx_is_not_stored_in_the_benchmark(serve, tmp_path,
                                                                monkeypatch) -> None:
    from eval.store import Store

    monkeypatch.setenv("MY_LLM_KEY", KEY)
    server = serve([echo_key(503)])
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps({"id": "c0", "documents": [
        {"id": f"d{i}", "title": "", "text": t} for i, t in enumerate(DOCS)],
        "references": ["The council approved the budget."]}) + "\n", encoding="utf-8")
    db = tmp_path / "bench.sqlite"
    url = server.url.replace("http://", "http://alice:pa55word-xyz@")
    rc, out, err = cli("bench", data, "-m", "llm", "--db", db, "-q", "-j", "1",
                       "-O", f"llm.endpoint={url}", "-O", "llm.model=m",
                       "-O", "llm.api_key_env=MY_LLM_KEY", "-O", "llm.retries=1",
                       "-O", "llm.backoff=0")
    assert len(server.requests) >= 2  # retried (the bench may also warm up on it)
    with Store(db) as store:
        (record,) = store.summaries(store.runs()[-1].id)
        runs = json.dumps([r.options for r in store.runs()])
    assert record.error and "HTTP 503" in record.error
    for shown in (record.error, out, err, runs, db.read_bytes().decode("utf-8", "replace")):
        assert KEY not in shown and "pa55word" not in shown


def test_credentials_in_the_endpoint_are_sent_as_basic_auth_and_never_shown(
        serve, inputs) -> None:
    import base64

    server = serve([echo_key(403)])
    url = server.url.replace("http://", "http://alice:pa55word-xyz@")
    rc, _out, err = cli("brief", "--method", "llm", "--endpoint", url, "--model", "m",
                        "-O", "api_key_env=NO_SUCH_VARIABLE_HERE", *inputs)
    sent = server.headers[0]["Authorization"]
    assert sent == "Basic " + base64.b64encode(b"alice:pa55word-xyz").decode()
    assert rc == 2 and "HTTP 403" in err
    assert "pa55word" not in err and "alice" not in err and sent.split()[1] not in err
    # A brief that works keeps the endpoint in its options, without the password.
    ok = serve([chat("The council approved the budget on Monday [E1].")])
    url = ok.url.replace("http://", "http://alice:pa55word-xyz@")
    rc, out, err = cli("brief", "--method", "llm", "--endpoint", url, "--model", "m",
                       "-f", "json", *inputs)
    assert rc == 0, err
    assert "pa55word" not in out and "127.0.0.1" in out


@pytest.mark.parametrize("endpoint", ["notaurl", "ftp://host/v1", "http://", "http://h:99999",
                                      "http://user:hunter2hunter2@ho st/v1"])
def test_a_bad_endpoint_is_one_line_and_exit_2(inputs, endpoint) -> None:
    rc, out, err = cli("brief", "--method", "llm", "--endpoint", endpoint, "--model", "m",
                       *inputs)
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "--endpoint" in err and "Traceback" not in err
    assert "hunter2" not in err


@pytest.mark.parametrize("option", ["timeout=abc", "timeout=0", "retries=many",
                                    "drop_unsupported=maybe", "support_threshold=2",
                                    "max_answer_bytes=-1"])
def test_bad_options_are_one_line_and_exit_2(inputs, option) -> None:
    rc, _out, err = cli("brief", "--method", "llm", "--endpoint", "http://127.0.0.1:9",
                        "--model", "m", "-O", option, *inputs)
    assert rc == 2 and err.count("\n") == 1 and option.split("=")[0] in err


# -- the source check -----------------------------------------------------------------------------

VETO = [
    "Russia and China vetoed the resolution on Friday. The vote came after weeks of talks.",
    "On Friday Russia and China vetoed the resolution. Talks had lasted for weeks.",
]


def run_on(server: Server, docs: list[str], **options: object) -> object:
    opts = {"endpoint": server.url, "model": "tiny", "backoff": 0.0, "timeout": 5}
    opts.update(options)
    return LLM(**opts)(make_cluster(docs), Config(budget=Budget(words=60)))


def test_a_citation_after_the_full_stop_belongs_to_the_sentence_before(serve) -> None:
    server = serve([chat("The council approved the budget on Monday. [E1] "
                         "Schools will get more money. [E2]")])
    summary = run(server)
    first, second = summary.sentences
    assert first.text == "The council approved the budget on Monday."
    assert "approved" in first.sources[0].text and first.supported
    assert second.text == "Schools will get more money."
    assert "Schools" in second.sources[0].text and second.supported


def test_a_negated_claim_is_not_supported_and_is_dropped(serve) -> None:
    reply = ("Russia and China did not veto the resolution [E1]. "
             "Russia and China vetoed the resolution on Friday [E1].")
    server = serve([chat(reply), chat(reply)])
    summary = run_on(server, VETO)
    negated, plain = summary.sentences
    assert negated.text.startswith("Russia and China did not veto")
    assert not negated.supported and plain.supported
    assert any("negates 'veto'" in w for w in summary.warnings)
    kept = run_on(server, VETO, drop_unsupported=True)
    assert [s.text for s in kept.sentences] == [
        "Russia and China vetoed the resolution on Friday."]


def test_a_reversed_claim_and_an_invented_figure_are_not_supported(serve) -> None:
    server = serve([chat("Russia and China adopted the resolution on Friday [E1]. "
                         "Russia and China vetoed 3 resolutions on Friday [E1].")])
    reversed_, figure = run_on(server, VETO).sentences
    assert not reversed_.supported and not figure.supported


def test_unsupported_sentences_are_marked_in_text_and_markdown(serve, inputs) -> None:
    replies = [chat("The council approved the budget on Monday [E1]. "
                    "The council did not approve the budget [E1].")] * 2
    server = serve(replies)
    for fmt, good, bad in (
            ("text", "The council approved the budget on Monday.\n",
             "The council did not approve the budget. [unsupported]\n"),
            ("markdown", "- The council approved the budget on Monday. [1][2]\n",
             "- The council did not approve the budget. [1][2] **[unsupported]**\n")):
        rc, out, err = cli("brief", "--method", "llm", "--endpoint", server.url, "--model",
                           "m", "-f", fmt, "-O", "backoff=0", *inputs)
        assert rc == 0, err
        assert good in out and bad in out, out
