"""``llm``: a brief written by a chat model behind an OpenAI-compatible endpoint, then checked.

Extract, then abstract, then verify:

1. The cluster's sentences are deduplicated (one per redundancy group, best scored first) and
   numbered ``E1..En``: the model sees evidence, not five repetitive reports, and each
   statement it makes can name the evidence it rests on.
2. The model is asked for a brief under the word budget that cites those ids.
3. Every output sentence is checked against the sentences it cites (``summarize.claims``):
   the share of its content words found there, and no contradiction with them (a word
   negated on one side only, "rejected" where they say "approved", a figure they do not
   give). A citation written after the full stop ("Sentence. [E1]") belongs to the sentence
   before it. A sentence that fails, or cites nothing valid, is marked ``supported=False``
   (text and Markdown show ``[unsupported]``) or dropped with ``drop_unsupported``, so a
   hallucination is visible instead of passing as fact.

Only the standard library speaks HTTP (``urllib``, through ``summarize.http_post``), so the
``llm`` extra needs no package and works with any local server that implements
``POST /v1/chat/completions`` (Ollama, vLLM, llama.cpp, LM Studio) as well as hosted ones.
Each attempt has a total deadline (``timeout``: a server that trickles a byte at a time
cannot hold it longer) and the answer a size cap (``max_answer_bytes``). The key is read
from an environment variable, never from the command line, and it, like any password in the
endpoint URL, is masked (``summarize.redact``) in every message, option and stored error.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
import urllib.error
import urllib.parse
from typing import Any

from summarize import claims
from summarize.config import Config
from summarize.errors import SummarizeError, UsageError
from summarize.http_post import AnswerTooLarge, DeadlineExceeded, post
from summarize.model import Cluster, Sentence, Summary, SummarySentence
from summarize.pipeline import order
from summarize.redact import redact, redact_value
from summarize.text import content_terms, count_words, split_sentences

_IDS = r"(?:E?\d+)(?:\s*[,;]\s*E?\d+)*"
_CITE = re.compile(rf"\s*\[({_IDS})\]", re.IGNORECASE)
_CITE_AFTER_STOP = re.compile(rf"([.!?…]+[\"'”’)]?)((?:\s*\[{_IDS}\])+)", re.IGNORECASE)
"""``Sentence. [E1][E2]``: citations written after the full stop, which belong before it."""

MAX_WARNINGS = 5
"""Unsupported sentences named one by one; past this many, one line counts the rest."""

MAX_SENTENCES = 1000
"""Sentences of an answer checked at most: a brief has tens; the rest of a runaway answer is
ignored, and said so."""

SYSTEM_PROMPT = (
    "You write short, neutral news briefs from numbered evidence sentences taken from several "
    "reports of one event. Use only facts stated in the evidence. Write plain sentences, no "
    "lists or headings. End every sentence with the ids of the evidence it relies on in "
    "square brackets, for example [E2][E5]."
)


class LLM:
    """An OpenAI-compatible chat model, with cited evidence and a lexical support check."""

    def __init__(self, endpoint: str | None = None, model: str | None = None,
                 api_key_env: str = "OPENAI_API_KEY", timeout: float = 120,
                 retries: int = 3, drop_unsupported: bool = False, backoff: float = 1.0,
                 max_evidence: int = 40, temperature: float = 0.0,
                 support_threshold: float = 0.5, scorer: str = "lexrank",
                 max_answer_bytes: int = 4 * 2**20) -> None:
        self.endpoint = _check_endpoint(endpoint) if endpoint else None
        self.model = model
        self.api_key_env = str(api_key_env)
        self.timeout = _number("timeout", timeout, float, low=0.0, strict=True)
        """Seconds one attempt may take in all: connecting, waiting and reading the answer."""
        self.retries = max(0, _number("retries", retries, int))
        self.drop_unsupported = _flag("drop_unsupported", drop_unsupported)
        self.backoff = _number("backoff", backoff, float, low=0.0)
        self.max_evidence = max(1, _number("max_evidence", max_evidence, int))
        self.temperature = _number("temperature", temperature, float, low=0.0)
        self.support_threshold = _number("support_threshold", support_threshold, float,
                                         low=0.0, high=1.0)
        self.scorer = scorer
        self.max_answer_bytes = _number("max_answer_bytes", max_answer_bytes, int, low=1)
        """A brief's answer is a few kilobytes; past this the server is misbehaving."""

    def __call__(self, cluster: Cluster, config: Config) -> Summary:
        if not self.endpoint:
            raise UsageError("the llm method needs --endpoint URL (an OpenAI-compatible server, "
                             "e.g. http://localhost:11434/v1 for Ollama)")
        if not self.model:
            raise UsageError("the llm method needs --model NAME (the model the server serves)")
        options = redact_value(config.as_options(), self.secrets())
        empty = Summary(method="llm", sentences=(), documents=cluster.documents,
                        options=options, dropped=cluster.dropped)
        if not cluster.sentences:
            return empty
        evidence, groups = self.evidence(cluster, config)
        reply = self.complete(self.messages(evidence, config, cluster))
        items, warnings = self.check(reply, evidence, cluster, groups, config)
        warnings = [redact(w, self.secrets()) for w in warnings]  # they quote the model
        return Summary(method="llm", sentences=tuple(order(items, config)),
                       documents=cluster.documents, options=options,
                       dropped=cluster.dropped, warnings=tuple(warnings))

    # -- 1. evidence ----------------------------------------------------------------------------

    def evidence(self, cluster: Cluster, config: Config) -> tuple[list[int], Any]:
        """Indexes of the evidence sentences (one per group, best first, then source order)."""
        from summarize.methods.fusion import sentence_scores
        from summarize.redundancy import find_groups

        scores = sentence_scores(cluster, self.scorer)
        groups = find_groups(cluster, config.threshold, config.similarity)
        best: list[int] = []
        for gid in range(groups.count):
            members = groups.members(gid)
            docs = {cluster.sentences[i].doc_id for i in members}
            if members and len(docs) >= config.min_support:
                best.append(max(members, key=lambda i: (float(scores[i]), -i)))
        best.sort(key=lambda i: (-float(scores[i]), i))
        return sorted(best[:self.max_evidence]), groups

    def messages(self, evidence: list[int], config: Config, cluster: Cluster,
                 ) -> list[dict[str, str]]:
        """The chat: instructions, then the numbered evidence and the length limit."""
        limit = (f"at most {config.budget.words} words" if config.budget.words
                 else f"at most {config.budget.sentences} sentences")
        lines = [f"E{n}: {cluster.sentences[i].text}" for n, i in enumerate(evidence, 1)]
        user = ("Evidence:\n" + "\n".join(lines)
                + f"\n\nWrite a brief of {limit} that says the most important facts once, "
                  "citing evidence ids after each sentence.")
        return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]

    # -- 2. the endpoint ------------------------------------------------------------------------

    def url(self) -> str:
        """The chat-completions URL, without any credentials the endpoint carries."""
        parts = urllib.parse.urlsplit(self.endpoint or "")
        host = parts.netloc.rpartition("@")[2]
        base = urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
        base = base.rstrip("/")
        if base.endswith("/chat/completions"):
            return base
        if not base.endswith("/v1"):
            base += "/v1"
        return base + "/chat/completions"

    def secrets(self) -> tuple[str, ...]:
        """What must never be shown: the key, and the endpoint's password and user info."""
        parts = urllib.parse.urlsplit(self.endpoint or "")
        found = [os.environ.get(self.api_key_env, ""), parts.password or "",
                 parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""]
        return tuple(x for x in found if x)

    def headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env, "")
        parts = urllib.parse.urlsplit(self.endpoint or "")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        elif parts.username is not None:  # http://user:password@host: HTTP basic auth
            pair = f"{urllib.parse.unquote(parts.username)}:" \
                   f"{urllib.parse.unquote(parts.password or '')}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        return headers

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The model's reply text; retries 5xx, 429 and timeouts with exponential backoff.

        Every attempt has a total deadline (``timeout``) and a size cap; every message that
        leaves here is redacted (a server may echo the key it refused)."""
        body = json.dumps({"model": self.model, "messages": messages,
                           "temperature": self.temperature, "stream": False}).encode()
        url = self.url()
        secrets = self.secrets()
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                answer = post(url, body, self.headers(), deadline=self.timeout,
                              max_bytes=self.max_answer_bytes)
            except DeadlineExceeded:
                last = f"no complete answer within {self.timeout:g} s"
                continue
            except AnswerTooLarge as exc:
                size = f" ({exc.declared} bytes)" if exc.declared else ""
                raise SummarizeError(redact(
                    f"{url} sent an answer larger than {exc.limit} bytes{size}; a brief's is "
                    "a few kilobytes (raise -O max_answer_bytes=N if the server is right)",
                    secrets)) from None
            except urllib.error.URLError as exc:
                raise UsageError(redact(f"cannot reach {url}: {exc.reason}", secrets)) from None
            except OSError as exc:  # connection reset mid-answer and the like
                last = str(exc) or type(exc).__name__
                continue
            if answer.status == 429 or answer.status >= 500:
                last = f"HTTP {answer.status}{_error_detail(answer.body)}"
                continue
            if answer.status >= 400:
                hint = f" (check the key in ${self.api_key_env})" \
                    if answer.status in (401, 403) else ""
                raise UsageError(redact(f"{url} refused the request: HTTP {answer.status}"
                                        f"{_error_detail(answer.body)}{hint}", secrets)) from None
            return _reply_text(answer.body, url, secrets)
        tries = f"{self.retries + 1} attempt{'s' if self.retries else ''}"
        raise SummarizeError(redact(f"{url} failed after {tries}: {last}",
                                    secrets))

    # -- 3. the check ---------------------------------------------------------------------------

    def check(self, reply: str, evidence: list[int], cluster: Cluster, groups: Any,
              config: Config | None = None) -> tuple[list[SummarySentence], list[str]]:
        """The reply's sentences that fit the budget, each with its cited sources and whether
        they support it (share of its words, and no contradiction: see ``summarize.claims``).

        Reading stops once the budget is full, so a runaway answer costs no more than a
        short one; unsupported sentences are named up to ``MAX_WARNINGS`` times."""
        sents = cluster.sentences
        by_id = {n: sents[i] for n, i in enumerate(evidence, 1)}
        index_of = {id(sents[i]): i for i in evidence}
        budget = config.budget if config is not None else None
        items: list[SummarySentence] = []
        unsupported: list[tuple[str, str]] = []
        warnings: list[str] = []
        used = 0
        text = _attach_citations(" ".join(line.strip() for line in reply.splitlines()
                                          if line.strip()))
        for n_seen, (start, end) in enumerate(split_sentences(text)):
            if budget is not None and _full(budget, len(items), used):
                break
            if n_seen == MAX_SENTENCES:
                warnings.append(f"the answer has more than {MAX_SENTENCES} sentences; "
                                "the rest was not read")
                break
            raw = text[start:end]
            cited: list[int] = []
            for m in _CITE.finditer(raw):
                for part in re.split(r"\s*[,;]\s*", m.group(1)):
                    n = int(part.lstrip("Ee"))
                    if n in by_id and n not in cited:
                        cited.append(n)
            clean = _tidy(_CITE.sub("", raw))
            if not clean or not any(c.isalnum() for c in clean):
                continue
            n_words = count_words(clean)
            if budget is not None and budget.words is not None and used + n_words > budget.words:
                continue  # whole sentences only: a shorter one later may still fit
            sources = tuple(by_id[n] for n in cited)
            verdict = claims.check(clean, [s.text for s in sources])
            ok = bool(sources) and verdict.supported(self.support_threshold)
            if not sources:
                sources = _nearest(clean, [sents[i] for i in evidence])
            if not ok:
                why = verdict.problem or (f"{verdict.share:.0%} of its words in the evidence "
                                          "it cites" if cited else "it cites no evidence")
                unsupported.append((why, clean))
                if self.drop_unsupported:
                    continue
            gids = [groups.labels[index_of[id(s)]] for s in sources if id(s) in index_of]
            members = tuple(sents[j] for g in dict.fromkeys(gids) for j in groups.members(g))
            support = tuple(dict.fromkeys(s.doc_id for s in sorted(
                members or sources, key=lambda s: (s.position, s.index))))
            items.append(SummarySentence(
                text=clean, sources=sources, score=float(-len(items)), support=support,
                group=gids[0] if gids else -1, group_members=members, generated=True,
                supported=ok))
            used += n_words
        return items, _warnings(unsupported, self.drop_unsupported) + warnings


def _check_endpoint(endpoint: str) -> str:
    """The endpoint if it is an http(s) URL with a host; a one-line usage error otherwise."""
    text = str(endpoint).strip()
    try:
        parts = urllib.parse.urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        parts, port_ok = None, False
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or not port_ok or any(c.isspace() for c in text):
        raise UsageError(redact(f"--endpoint {text!r} is not an http(s) URL; give the "
                                "server's address, e.g. http://localhost:11434/v1"))
    return text


def _number(name: str, value: object, kind: type, *, low: float | None = None,
            high: float | None = None, strict: bool = False) -> Any:
    """``value`` as ``kind`` within bounds; a one-line usage error naming the option otherwise."""
    try:
        number = kind(value)
        bad = number != number or (low is not None and (number <= low if strict
                                                        else number < low)) \
            or (high is not None and number > high)
    except (TypeError, ValueError, OverflowError):
        bad = True
    if bad:
        bounds = "" if low is None else f" {'above' if strict else 'at least'} {low:g}"
        bounds += "" if high is None else f" and at most {high:g}"
        raise UsageError(f"-O {name}={value!r} is not valid for the llm method: give a "
                         f"{'whole ' if kind is int else ''}number{bounds}")
    return number


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise UsageError(f"-O {name}={value!r} is not valid for the llm method: give true or false")


def _attach_citations(text: str) -> str:
    """``A. [E1] B [E2].`` -> ``A [E1]. B [E2].``: a citation after a full stop belongs to the
    sentence that stop ends, not to the next one (the splitter would give it to the next)."""
    return _CITE_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)


def _full(budget: Any, sentences: int, words: int) -> bool:
    if budget.sentences is not None and sentences >= budget.sentences:
        return True
    return budget.words is not None and words >= budget.words


def _warnings(unsupported: list[tuple[str, str]], dropped: bool) -> list[str]:
    """One warning per unsupported sentence, up to ``MAX_WARNINGS``, then one for the rest."""
    what = "dropped as unsupported" if dropped else "unsupported by its sources"
    out = [f"{what} ({why}): {sentence[:300]}" for why, sentence in unsupported[:MAX_WARNINGS]]
    if len(unsupported) > MAX_WARNINGS:
        out.append(f"... and {len(unsupported) - MAX_WARNINGS} more sentences "
                   f"{'dropped' if dropped else 'marked'} as unsupported")
    return out


def _reply_text(raw: bytes, url: str, secrets: tuple[str, ...] = ()) -> str:
    try:
        data = json.loads(raw.decode("utf-8"))
        content = data["choices"][0]["message"]["content"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError,
            RecursionError):
        snippet = raw[:120].decode("utf-8", "replace").replace("\n", " ")
        raise SummarizeError(redact(f"{url} sent a malformed chat-completions answer: "
                                    f"{snippet!r}", secrets)) from None
    if not isinstance(content, str) or not content.strip():
        raise SummarizeError(f"{url} answered with an empty message")
    return content


def _error_detail(body: bytes) -> str:
    """The server's own message from an error answer, on one line (redacted by the caller)."""
    try:
        data = json.loads(body[:_ERROR_TEXT].decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        text = body[:200].decode("utf-8", "replace").strip()
        return f": {text.splitlines()[0][:200]}" if text else ""
    message = data.get("error") if isinstance(data, dict) else None
    if isinstance(message, dict):
        message = message.get("message")
    if not message and isinstance(data, dict):
        message = data.get("message")
    return f": {str(message).splitlines()[0][:200]}" if message else ""


_ERROR_TEXT = 16 * 1024


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip().lstrip("-*• ").strip()


def _nearest(text: str, pool: list[Sentence], k: int = 2) -> tuple[Sentence, ...]:
    """The most lexically similar sentences: provenance for a sentence that cites nothing."""
    terms = set(content_terms(text))
    scored = [(len(terms & set(content_terms(s.text))), -n, s) for n, s in enumerate(pool)]
    scored = [x for x in scored if x[0] > 0]
    scored.sort(key=lambda x: (-x[0], -x[1]))
    return tuple(s for _, _, s in scored[:k])


__all__ = ["LLM", "MAX_WARNINGS", "SYSTEM_PROMPT"]
