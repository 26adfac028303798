"""Secrets masked wherever text from a server, a URL or an exception is shown or stored."""

from __future__ import annotations

import pytest

from summarize.redact import MASK, redact, redact_value, secrets_from_env


@pytest.mark.parametrize("text, secret", [
    ("cannot reach http://alice:s3cr3t-pass@example.org/v1: refused", "s3cr3t-pass"),
    ("cannot reach https://only-a-token-0123456789@example.org/v1", "only-a-token-0123456789"),
    ("Incorrect API key provided: Bearer abcdefghijklmnop1234", "abcdefghijklmnop1234"),
    ("got Authorization: Basic YWxpY2U6czNjcjN0LXBhc3M=", "YWxpY2U6czNjcjN0LXBhc3M="),
    ('{"api_key": "k-9f8e7d6c5b4a"}', "k-9f8e7d6c5b4a"),
    ("https://example.org/v1?key=AIzaSyA-1234567890&x=1", "AIzaSyA-1234567890"),
    ("invalid key sk-proj-ABCDEFGHIJKLMNOPQRST", "sk-proj-ABCDEFGHIJKLMNOPQRST"),
    ("token hf_abcdefghijklmnopqrstuvwx expired", "hf_abcdefghijklmnopqrstuvwx"),
    ("password=hunter2hunter2 rejected", "hunter2hunter2"),
])
def test_credential_shapes_are_masked(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out and MASK in out


def test_known_secrets_are_masked_whatever_their_shape(monkeypatch) -> None:
    monkeypatch.setenv("MY_SERVICE_TOKEN", "plainlookingvalue42")
    monkeypatch.setenv("KEYBOARD_LAYOUT", "us")  # too short to be treated as a secret
    assert "plainlookingvalue42" in secrets_from_env()
    assert redact("server said plainlookingvalue42!") == f"server said {MASK}!"
    assert redact("us and them") == "us and them"
    assert redact("echo: my-own-secret-value", ["my-own-secret-value"]) == f"echo: {MASK}"


def test_ordinary_messages_are_unchanged() -> None:
    for text in ("http://127.0.0.1:8080/v1/chat/completions failed after 3 attempts: HTTP 502",
                 "KeyError: 'choices'", "the council approved the budget", ""):
        assert redact(text) == text


def test_nested_options() -> None:
    options = (("endpoint", "http://bob:pw-123456789@h/v1"), ("words", 120))
    assert redact_value(options) == (("endpoint", f"http://{MASK}@h/v1"), ("words", 120))
    assert redact_value({"a": ["x", {"b": "Bearer 0123456789abcdef"}]}) == {
        "a": ["x", {"b": f"Bearer {MASK}"}]}
