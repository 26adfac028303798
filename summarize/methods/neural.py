"""``transformers``: any local Hugging Face seq2seq summarizer (BART, PEGASUS, T5, PRIMERA/LED).

The model is loaded from a directory or the local cache only (``local_files_only``): a
brief never downloads weights behind the user's back, and a missing model is a clear
error that says how to fetch it beforehand.

Several documents must fit one input window. A model trained for multi-document input
(PRIMERA) has a ``<doc-sep>`` token: the documents are joined with it and each is cut to
its share of the window. Any other model gets map-reduce: the deduplicated sentences are
packed into window-sized chunks, each chunk is summarized, and the partial summaries are
summarized again until one input fits. The Hugging Face pipeline silently drops input
past the window (transformers #4224, #4609); here every cut is named in a warning.

Each output sentence is attributed to the source sentences most like it (lexical
overlap), so a generated brief keeps its provenance.
"""

from __future__ import annotations

import os
from typing import Any

from summarize.config import Config
from summarize.errors import MissingExtra, UsageError
from summarize.model import Cluster, Sentence, Summary, SummarySentence
from summarize.offline import hub_offline
from summarize.pipeline import order
from summarize.text import content_terms, count_words, split_sentences

DOC_SEP = "<doc-sep>"
_UNBOUNDED = 100_000  # tokenizers without a limit report ~1e30


class Transformers:
    """A local seq2seq model; map-reduce (or ``<doc-sep>`` joining) over several documents."""

    def __init__(self, model: str | None = None, device: str = "cpu",
                 max_input_tokens: int | None = None, max_new_tokens: int = 160,
                 num_beams: int = 4, min_support: float = 0.3, max_rounds: int = 4,
                 dedup: bool = True, min_new_tokens: int = 0, verbose: bool = False) -> None:
        if not model:
            raise UsageError("the transformers method needs --model PATH_OR_NAME (a local "
                             "directory, or a model already in the Hugging Face cache)")
        self.model_name = str(model)
        self.device = device
        self.max_input_tokens = int(max_input_tokens) if max_input_tokens else None
        self.max_new_tokens = int(max_new_tokens)
        self.num_beams = int(num_beams)
        self.min_support = float(min_support)
        self.max_rounds = max(1, int(max_rounds))
        self.dedup = bool(dedup)
        self.min_new_tokens = int(min_new_tokens)
        self.verbose = str(verbose).strip().lower() in ("1", "true", "yes", "on")
        self._loaded: tuple[Any, Any] | None = None
        self.warnings: list[str] = []

    # -- loading --------------------------------------------------------------------------------

    def load(self) -> tuple[Any, Any]:
        """Tokenizer and model from local files only, moved to ``device``."""
        if self._loaded is not None:
            return self._loaded
        hub_offline(quiet=not self.verbose)
        try:
            import torch  # noqa: F401
            import transformers
        except ImportError as exc:
            raise MissingExtra("transformers", "neural", str(exc)) from exc
        hub_offline(quiet=not self.verbose)  # once more: now that they are loaded
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(self.model_name,
                                                                   local_files_only=True)
            model = transformers.AutoModelForSeq2SeqLM.from_pretrained(self.model_name,
                                                                       local_files_only=True)
        except (OSError, ValueError) as exc:
            # For a hub name the library's reason ("couldn't connect to huggingface.co") is
            # wrong: nothing was tried. For a directory it says what is missing or broken.
            reason = (f" ({type(exc).__name__}: {str(exc).splitlines()[0][:160]})"
                      if os.path.isdir(self.model_name) else "")
            raise UsageError(
                f"model {self.model_name!r} is not a local directory nor in the Hugging Face "
                "cache, and briefs never download. Fetch it once beforehand, e.g. "
                f"`huggingface-cli download {self.model_name}` (or save_pretrained to a "
                f"directory and pass its path){reason}") from None
        try:
            model = model.to(self.device)
        except (RuntimeError, AssertionError, ValueError) as exc:
            raise UsageError(f"cannot use --device {self.device!r}: "
                             f"{str(exc).splitlines()[0]}") from None
        model.eval()
        self._loaded = (tokenizer, model)
        return self._loaded

    def limit(self, tokenizer: Any, model: Any) -> int:
        """The input window in tokens: the option, else the tokenizer's, else the model's."""
        if self.max_input_tokens:
            return self.max_input_tokens
        n = int(getattr(tokenizer, "model_max_length", 0) or 0)
        if 0 < n < _UNBOUNDED:
            return n
        cfg = model.config
        for attr in ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions"):
            value = getattr(cfg, attr, None)
            if isinstance(value, int) and value > 0:
                return value
        return 512

    # -- summarizing ----------------------------------------------------------------------------

    def __call__(self, cluster: Cluster, config: Config) -> Summary:
        tokenizer, model = self.load()
        self.warnings = []
        if not cluster.sentences:
            return Summary(method="transformers", sentences=(), documents=cluster.documents,
                           options=config.as_options(), dropped=cluster.dropped)
        evidence = self.evidence(cluster, config)
        window = self.limit(tokenizer, model)
        if DOC_SEP in tokenizer.get_vocab():
            text = self.generate([self.doc_sep_input(cluster, evidence, tokenizer, window)])[0]
        else:
            text = self.map_reduce([s.text for s in evidence], tokenizer, window)
        items = self.attribute(text, evidence, config)
        return Summary(method="transformers", sentences=tuple(order(items, config)),
                       documents=cluster.documents, options=config.as_options(),
                       dropped=cluster.dropped, warnings=tuple(self.warnings))

    def evidence(self, cluster: Cluster, config: Config) -> list[Sentence]:
        """The sentences to feed the model: one per redundancy group, in source order."""
        if not self.dedup:
            return list(cluster.sentences)
        from summarize.redundancy import find_groups

        groups = find_groups(cluster, config.threshold, config.similarity)
        firsts = sorted(groups.members(g)[0] for g in range(groups.count) if groups.members(g))
        return [cluster.sentences[i] for i in firsts]

    def doc_sep_input(self, cluster: Cluster, evidence: list[Sentence], tokenizer: Any,
                      window: int) -> str:
        """PRIMERA style: documents joined by <doc-sep>, each cut to its share of the window."""
        docs = [d for d in cluster.documents if any(s.doc_id == d.id for s in evidence)]
        share = max(1, (window - 2 - len(docs)) // max(1, len(docs)))
        parts = []
        for d in docs:
            text = " ".join(s.text for s in evidence if s.doc_id == d.id)
            ids = tokenizer(text, add_special_tokens=False)["input_ids"]
            if len(ids) > share:
                text = tokenizer.decode(ids[:share], skip_special_tokens=True)
                self.warnings.append(f"truncated document {d.id}: {len(ids)} tokens cut to "
                                     f"{share} (its share of the {window}-token window)")
            parts.append(text)
        return f" {DOC_SEP} ".join(parts)

    def map_reduce(self, texts: list[str], tokenizer: Any, window: int) -> str:
        """Summarize window-sized chunks, then their summaries, until one input fits."""
        budget = max(1, window - min(8, window // 4))  # room for special tokens, prefixes
        total = sum(self._count(tokenizer, t) for t in texts)
        for round_ in range(self.max_rounds):
            chunks = self._chunks(texts, tokenizer, budget)
            if len(chunks) == 1:
                return self.generate(chunks)[0]
            if round_ == 0:
                self.warnings.append(f"input of {total} tokens exceeds the model's "
                                     f"{window}-token window: map-reduce over {len(chunks)} "
                                     "chunks")
            texts = [t for t in self.generate(chunks) if t.strip()]
            if not texts:
                return ""
        chunks = self._chunks(texts, tokenizer, budget)
        if len(chunks) > 1:
            self.warnings.append(f"still {len(chunks)} chunks after {self.max_rounds} rounds: "
                                 f"kept the first, dropped {len(chunks) - 1}")
        return self.generate(chunks[:1])[0]

    def _count(self, tokenizer: Any, text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    def _chunks(self, texts: list[str], tokenizer: Any, budget: int) -> list[str]:
        chunks: list[str] = []
        current: list[str] = []
        used = 0
        for text in texts:
            n = self._count(tokenizer, text)
            if n > budget:
                ids = tokenizer(text, add_special_tokens=False)["input_ids"][:budget]
                cut = tokenizer.decode(ids, skip_special_tokens=True)
                self.warnings.append(f"truncated a {n}-token sentence to {budget} tokens: "
                                     f"{text[:60]!r}...")
                text, n = cut, budget
            if current and used + n > budget:
                chunks.append(" ".join(current))
                current, used = [], 0
            current.append(text)
            used += n
        if current:
            chunks.append(" ".join(current))
        return chunks or [""]

    def generate(self, inputs: list[str]) -> list[str]:
        """One summary per input text (greedy or beam search, deterministic)."""
        import torch

        tokenizer, model = self.load()
        window = self.limit(tokenizer, model)
        out = []
        for text in inputs:
            enc = tokenizer(text, return_tensors="pt", truncation=True, max_length=window)
            enc = {k: v.to(self.device) for k, v in enc.items()}
            with torch.no_grad():
                ids = model.generate(**enc, max_new_tokens=self.max_new_tokens,
                                     min_new_tokens=self.min_new_tokens,
                                     num_beams=self.num_beams, do_sample=False)
            out.append(tokenizer.decode(ids[0], skip_special_tokens=True).strip())
        return out

    # -- provenance -----------------------------------------------------------------------------

    def attribute(self, text: str, evidence: list[Sentence],
                  config: Config) -> list[SummarySentence]:
        """Output sentences under the budget, each with its most similar source sentences."""
        pool = [(s, set(content_terms(s.text))) for s in evidence]
        items: list[SummarySentence] = []
        used = 0
        seen: set[str] = set()
        for start, end in split_sentences(text):
            sent = " ".join(text[start:end].split())
            if not sent or sent in seen or not any(c.isalnum() for c in sent):
                continue
            seen.add(sent)
            if config.budget.sentences is not None and len(items) >= config.budget.sentences:
                break
            n = count_words(sent)
            if config.budget.words is not None and used + n > config.budget.words:
                continue
            terms = set(content_terms(sent))
            ranked = sorted(((len(terms & t) / max(1, len(terms)), -i, s)
                             for i, (s, t) in enumerate(pool)), key=lambda x: (-x[0], -x[1]))
            best = ranked[0][0] if ranked else 0.0
            sources = tuple(s for share, _, s in ranked[:3] if share > 0) or \
                tuple(s for _, _, s in ranked[:1])
            if not sources:
                continue
            copies = {s.text for s in evidence}
            items.append(SummarySentence(
                text=sent, sources=sources, score=float(-len(items)),
                support=tuple(dict.fromkeys(s.doc_id for s in sources)),
                generated=sent not in copies, supported=best >= self.min_support))
            used += n
        return items

