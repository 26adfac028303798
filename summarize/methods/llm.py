"""``llm``: a brief written by a chat model behind an OpenAI-compatible endpoint, then checked.

Extract, then abstract, then verify:

1. The cluster's sentences are deduplicated (one per redundancy group, best scored first) and
   numbered ``E1..En``: the model sees evidence, not five repetitive reports, and each
   statement it makes can name the evidence it rests on.
2. The model is asked for a brief under the word budget that cites those ids.
3. Every output sentence is checked against the sentences it cites: the share of its content
   words found there (lexical support). A sentence below ``support_threshold`` or citing
   nothing valid is marked ``supported=False`` (or dropped with ``drop_unsupported``), so a
   hallucination is visible instead of passing as fact.

Only the standard library speaks HTTP (``urllib``), so the ``llm`` extra needs no package and
works with any local server that implements ``POST /v1/chat/completions`` (Ollama, vLLM,
llama.cpp, LM Studio) as well as hosted ones. The key is read from an environment variable,
never from the command line.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.error
import urllib.request
from typing import Any

from summarize.config import Config
from summarize.errors import SummarizeError, UsageError
from summarize.model import Cluster, Sentence, Summary, SummarySentence
from summarize.pipeline import order
from summarize.text import content_terms, count_words, split_sentences

_CITE = re.compile(r"\s*\[((?:E?\d+)(?:\s*[,;]\s*E?\d+)*)\]", re.IGNORECASE)

SYSTEM_PROMPT = (
    "You write short, neutral news briefs from numbered evidence sentences taken from several "
    "reports of one event. Use only facts stated in the evidence. Write plain sentences, no "
    "lists or headings. End every sentence with the ids of the evidence it relies on in "
    "square brackets, for example [E2][E5]."
)


class LLM:
    """An OpenAI-compatible chat model, with cited evidence and a lexical support check."""

    def __init__(self, endpoint: str | None = None, model: str | None = None,
                 api_key_env: str = "OPENAI_API_KEY", timeout: float = 60,
                 retries: int = 3, drop_unsupported: bool = False, backoff: float = 1.0,
                 max_evidence: int = 40, temperature: float = 0.0,
                 support_threshold: float = 0.5, scorer: str = "lexrank") -> None:
        self.endpoint = endpoint
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.drop_unsupported = bool(drop_unsupported)
        self.backoff = float(backoff)
        self.max_evidence = max(1, int(max_evidence))
        self.temperature = float(temperature)
        self.support_threshold = float(support_threshold)
        self.scorer = scorer

    def __call__(self, cluster: Cluster, config: Config) -> Summary:
        if not self.endpoint:
            raise UsageError("the llm method needs --endpoint URL (an OpenAI-compatible server, "
                             "e.g. http://localhost:11434/v1 for Ollama)")
        if not self.model:
            raise UsageError("the llm method needs --model NAME (the model the server serves)")
        empty = Summary(method="llm", sentences=(), documents=cluster.documents,
                        options=config.as_options(), dropped=cluster.dropped)
        if not cluster.sentences:
            return empty
        evidence, groups = self.evidence(cluster, config)
        reply = self.complete(self.messages(evidence, config, cluster))
        items, warnings = self.check(reply, evidence, cluster, groups)
        items = _budget(items, config)
        return Summary(method="llm", sentences=tuple(order(items, config)),
                       documents=cluster.documents, options=config.as_options(),
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
        base = (self.endpoint or "").rstrip("/")
        if base.endswith("/chat/completions"):
            return base
        if not base.endswith("/v1"):
            base += "/v1"
        return base + "/chat/completions"

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The model's reply text; retries 5xx, 429 and timeouts with exponential backoff."""
        body = json.dumps({"model": self.model, "messages": messages,
                           "temperature": self.temperature, "stream": False}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env, "")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        url = self.url()
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw = response.read()
            except urllib.error.HTTPError as exc:
                detail = _error_detail(exc)
                if exc.code == 429 or exc.code >= 500:
                    last = f"HTTP {exc.code}{detail}"
                    continue
                hint = " (check the key in $" + self.api_key_env + ")" \
                    if exc.code in (401, 403) else ""
                raise UsageError(f"{url} refused the request: HTTP {exc.code}{detail}{hint}"
                                 ) from None
            except TimeoutError:
                last = f"no answer within {self.timeout:g} s"
                continue
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    last = f"no answer within {self.timeout:g} s"
                    continue
                raise UsageError(f"cannot reach {url}: {exc.reason}") from None
            except OSError as exc:  # connection reset mid-answer and the like
                last = str(exc)
                continue
            return _reply_text(raw, url)
        raise SummarizeError(f"{url} failed after {self.retries + 1} attempts: {last}")

    # -- 3. the check ---------------------------------------------------------------------------

    def check(self, reply: str, evidence: list[int], cluster: Cluster, groups: Any,
              ) -> tuple[list[SummarySentence], list[str]]:
        """Output sentences with their cited sources and whether the sources support them."""
        sents = cluster.sentences
        by_id = {n: sents[i] for n, i in enumerate(evidence, 1)}
        index_of = {id(sents[i]): i for i in evidence}
        items: list[SummarySentence] = []
        warnings: list[str] = []
        text = " ".join(line.strip() for line in reply.splitlines() if line.strip())
        for start, end in split_sentences(text):
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
            sources = tuple(by_id[n] for n in cited)
            support_share = _support(clean, sources)
            ok = bool(sources) and support_share >= self.support_threshold
            if not sources:
                sources = _nearest(clean, [sents[i] for i in evidence])
            if not ok:
                warnings.append(f"unsupported by its cited evidence ({support_share:.0%}): "
                                f"{clean}")
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
        return items, warnings


def _reply_text(raw: bytes, url: str) -> str:
    try:
        data = json.loads(raw.decode("utf-8"))
        content = data["choices"][0]["message"]["content"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError):
        snippet = raw[:120].decode("utf-8", "replace").replace("\n", " ")
        raise SummarizeError(f"{url} sent a malformed chat-completions answer: {snippet!r}"
                             ) from None
    if not isinstance(content, str) or not content.strip():
        raise SummarizeError(f"{url} answered with an empty message")
    return content


def _error_detail(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read()[:2000].decode("utf-8", "replace")
        data = json.loads(body)
        message = data.get("error", {}).get("message") if isinstance(data, dict) else None
        if not message and isinstance(data, dict):
            message = data.get("error") or data.get("message")
        return f": {str(message).splitlines()[0][:200]}" if message else ""
    except (OSError, ValueError, AttributeError):
        return ""


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip().lstrip("-*• ").strip()


def _support(text: str, sources: tuple[Sentence, ...]) -> float:
    """Share of the sentence's content terms that its sources contain."""
    terms = set(content_terms(text))
    if not terms:
        return 1.0
    have: set[str] = set()
    for s in sources:
        have.update(content_terms(s.text))
    return len(terms & have) / len(terms)


def _nearest(text: str, pool: list[Sentence], k: int = 2) -> tuple[Sentence, ...]:
    """The most lexically similar sentences: provenance for a sentence that cites nothing."""
    terms = set(content_terms(text))
    scored = [(len(terms & set(content_terms(s.text))), -n, s) for n, s in enumerate(pool)]
    scored = [x for x in scored if x[0] > 0]
    scored.sort(key=lambda x: (-x[0], -x[1]))
    return tuple(s for _, _, s in scored[:k])


def _budget(items: list[SummarySentence], config: Config) -> list[SummarySentence]:
    """The model's sentences in its order, while they fit the budget (none is cut)."""
    out: list[SummarySentence] = []
    used = 0
    for it in items:
        if config.budget.sentences is not None and len(out) >= config.budget.sentences:
            break
        n = count_words(it.text)
        if config.budget.words is not None and used + n > config.budget.words:
            continue
        out.append(it)
        used += n
    return out

