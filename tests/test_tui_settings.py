"""Run settings without a terminal: fields to Config, options routed to the methods that take
them, the same Config as ``summarize brief``, and the one-line failure message."""

from __future__ import annotations

import pytest

from summarize.cli import build_parser, config_from_args
from summarize.errors import SummarizeError, UsageError
from tui import views
from tui.cli import build_app
from tui.settings import RunSettings, format_options, from_fields, parse_options


def test_defaults_build_the_config_summarize_brief_builds() -> None:
    for method in ("lexrank", "random", "sumy-lsa"):
        args = build_parser().parse_args(["brief", "-m", method])
        assert RunSettings().config(method) == config_from_args(args)


def test_model_and_endpoint_go_only_to_the_methods_that_take_them() -> None:
    settings = RunSettings(options=(("endpoint", "http://host/v1"), ("model", "m"),
                                    ("temperature", 0.2)))
    assert dict(settings.config("llm").method_options) == {
        "endpoint": "http://host/v1", "model": "m", "temperature": 0.2}
    assert settings.config("lexrank").method_options == ()
    assert settings.unused(("lexrank",)) == ["temperature"]
    assert settings.unused(("lexrank", "llm")) == []


def test_fields_parse_like_the_command_line() -> None:
    s = from_fields("65", "", "score", "lexical", " ./model ", "", "threshold=0.1 "
                    "support=false name='two words'")
    assert s.words == 65 and s.threshold is None and s.order == "score"
    assert s.effective_threshold == 0.5  # the lexical measure's own default
    assert dict(s.options) == {"model": "./model", "threshold": 0.1, "support": False,
                               "name": "two words"}
    assert parse_options(format_options(s.options)) == tuple(
        (k, v) for k, v in s.options if k != "model")
    assert from_fields("120", "0.3", "source", "hybrid", "", "", "").threshold == 0.3


@pytest.mark.parametrize(("fields", "message"), [
    (("ten", "", "source", "hybrid", "", "", ""), "Words"),
    (("0", "", "source", "hybrid", "", "", ""), "positive"),
    (("120", "high", "source", "hybrid", "", "", ""), "Redundancy"),
    (("120", "1.5", "source", "hybrid", "", "", ""), "(0, 1]"),
    (("120", "", "source", "hybrid", "", "", "novalue"), "KEY=VALUE"),
])
def test_bad_fields_name_the_field(fields: tuple[str, ...], message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace("]", r"\]")):
        from_fields(*fields)


def test_summarize_tui_passes_model_endpoint_and_options_through() -> None:
    args = build_parser().parse_args(
        ["tui", "--methods", "lexrank,llm", "--model", "m", "--endpoint", "http://host/v1",
         "-O", "temperature=0.2", "--words", "80"])
    app = build_app(args)
    settings = app.config.settings
    assert settings.words == 80
    assert settings.options == (("endpoint", "http://host/v1"), ("model", "m"),
                                ("temperature", 0.2))
    assert app.config.methods == ("lexrank", "llm")


def test_an_option_no_method_takes_is_refused_before_the_app_starts() -> None:
    args = build_parser().parse_args(["tui", "--methods", "lexrank,lead", "-O", "nope=1"])
    with pytest.raises(UsageError, match="nope"):
        build_app(args)


def test_failure_line_is_the_run_and_the_first_line_of_the_cause() -> None:
    assert views.failure_line("fusion 120w", ValueError("bad input\n  at line 3")) == \
        "fusion 120w failed: ValueError: bad input"
    assert views.failure_line("llm 120w", UsageError("the llm method needs --endpoint")) == \
        "llm 120w failed: the llm method needs --endpoint"


def test_legend_explains_every_mark() -> None:
    text = views.legend().plain
    for mark in (views.RELATED_MARK, views.GENERATED_MARK, views.SUPPORT_MARK, "[n]"):
        assert f"{mark} " in text
    assert len(text) <= 78  # one line at 80 columns


def test_summarize_tui_opens_one_cluster_of_a_jsonl_with_its_references(tmp_path) -> None:
    import json

    from tests.test_tui_support import REFERENCE, TEXTS

    lines = [json.dumps({"id": cid, "documents": [{"id": f"d{i}", "title": "", "text": t}
                                                  for i, t in enumerate(TEXTS)],
                         "references": [REFERENCE + suffix]})
             for cid, suffix in (("first", ""), ("second", " Power returned."))]
    data = tmp_path / "clusters.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = build_app(build_parser().parse_args(["tui", str(data), "--cluster", "second"]))
    assert app.cluster is not None and app.cluster.id == "second"
    assert [r.text for r in app.references] == [REFERENCE + " Power returned."]
    with pytest.raises(SummarizeError, match="no cluster"):
        build_app(build_parser().parse_args(["tui", str(data), "--cluster", "third"]))


def test_running_header_counts_the_seconds() -> None:
    from tui.data import Entry

    header = views.header_text(Entry("k", "fusion", "fusion 120w"), None, {}, None,
                               elapsed=12.4).plain
    assert header == "fusion 120w\nrunning… 12 s\nc stops it"


def test_a_missing_database_says_what_to_do(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SummarizeError, match=r"no benchmark database at results.sqlite .*"
                                             r"summarize bench DATA"):
        build_app(build_parser().parse_args(["tui", "--db"]))
