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
        with pytest.raises(SummarizeError, match="no answer within 0.2 s"):
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
