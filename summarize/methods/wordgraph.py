"""Multi-sentence compression: fuse sentences that say the same thing into one new sentence.

This is Filippova's (2010) word graph with Boudin & Morin's (2013) keyphrase-aware
reranking, made conservative so that the output reads as English without a POS
tagger (nothing may be downloaded):

* The word graph supplies the edge weights: an edge between two words is cheap when
  many of the sentences use both words close together, so a path through it keeps
  what the sources share and drops what only one of them says.
* Paths are walked over the *source token sequences* (a lattice), not over the bare
  graph: a path may leave one sentence and continue in another only where both share
  the same two consecutive words, one of them a content word. Every three-word window
  of the output therefore occurs in a source, which keeps agreement, prepositions and
  clause structure intact where a free walk over the graph would produce word salad.
* A candidate must start where a source sentence starts, end where one ends, have a
  minimum length and a verb-like word, balance its quotes and brackets, not repeat a
  content word, and differ from every source sentence (a copy is not a fusion).

Every candidate records the source spans it was assembled from: that is its provenance.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.text import stop_words

_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|\S", re.UNICODE)

def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Auxiliaries and very common reporting/action verbs: enough, together with the -ed/-s
# rules below, to tell a clause from a noun phrase without a tagger.
_VERBS = _set("""is are was were be been being am 's 're 'm has have had having do does did
    will would can could shall should may might must won't can't don't doesn't didn't
    isn't aren't wasn't weren't hasn't haven't hadn't wouldn't couldn't shouldn't
    said says say told tell tells met meet meets made make makes came come comes went go
    goes gone got get gets gave give gives took take takes left leave leaves kept keep
    keeps held hold holds found find finds saw see sees sees knew know knows thought think
    thinks felt feel feels became become becomes began begin begins put puts ran run runs
    brought bring brings sent send sends spoke speak speaks stood stand stands set sets
    wants want need needs risks risk works work seems seem looks look uses use used
    warned urged vowed called added noted stated declared vetoed rejected failed agreed
    remains remain love loves like likes hate hates recommend recommends buy bought
    fits fit lasts last""")
_NOT_VERBS = _set("""need united red bed shed hundred speed seed feed indeed ahead
    instead news series species always perhaps various previous serious famous gas
    bus yes this thus its his hers ours yours us""")
# Words that open a subordinate clause, which needs a verb of its own: a path that keeps the
# opener but drops the clause's verb ("he asserted that defeating Hamas ...") is rejected.
_SUBORDINATORS = _set("""that which who whom because if when while although though
    whether unless until where""")
_OPEN = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}”’%")


@dataclass(frozen=True)
class Token:
    """One token of a source sentence: its merge key, its surface form and the space before it."""

    key: str
    surface: str
    space: str


@dataclass(frozen=True)
class Candidate:
    """A fused sentence and the source spans it was assembled from."""

    text: str
    keys: tuple[str, ...]
    segments: tuple[tuple[int, int, int], ...]
    """``(member, start, end)`` token spans of the sources, in output order."""
    cost: float
    """Sum of word-graph edge weights along the path (lower: more shared)."""
    score: float
    """Boudin & Morin rerank score (lower is better)."""

    @property
    def members(self) -> tuple[int, ...]:
        """Source sentences used, by number of tokens contributed (most first), then index."""
        counts: dict[int, int] = defaultdict(int)
        for m, s, e in self.segments:
            counts[m] += sum(1 for k in self.keys_of(m, s, e) if k[0].isalnum())
        return tuple(sorted((m for m in counts if counts[m]), key=lambda m: (-counts[m], m)))

    def keys_of(self, member: int, start: int, end: int) -> tuple[str, ...]:
        """The keys the path took from ``member[start:end]``."""
        offset = 0
        for m, s, e in self.segments:
            if (m, s, e) == (member, start, end):
                return self.keys[offset:offset + e - s]
            offset += e - s
        return ()


def tokenize(text: str) -> list[Token]:
    """Tokens with their preceding whitespace, so that output keeps the sources' spacing."""
    out: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        surface = m.group()
        key = surface.lower().replace("’", "'").replace("‘", "'")
        out.append(Token(key=key, surface=surface, space=text[last:m.start()]))
        last = m.end()
    return out


def is_content(key: str) -> bool:
    """A word that carries meaning: has a letter or digit and is not a stop word."""
    return any(c.isalnum() for c in key) and key not in stop_words()


def verb_like(key: str) -> bool:
    """A heuristic, tagger-free test for a finite verb or auxiliary."""
    if key in _VERBS:
        return True
    if key in _NOT_VERBS or not key.isalpha() or len(key) < 4:
        return False
    return key.endswith("ed") and not key.endswith("eed")


_SUBJECTS = _set("i we you they he she")
_DETERMINERS = _set("a an the this these those his her its their our my your more most less "
                    "least very") | {"“", '"', "‘", "("}


def verb_flags(keys: Sequence[str]) -> list[bool]:
    """``verb_like`` per token, in context: an -ed word right after a determiner, a quote or
    an intensifier is an adjective ("a sustained ceasefire"), not a verb; a content word
    right after a subject pronoun is a verb ("I hit")."""
    flags = []
    for i, k in enumerate(keys):
        flag = verb_like(k)
        if flag and k not in _VERBS and i > 0 and keys[i - 1] in _DETERMINERS:
            flag = False
        elif not flag and i > 0 and keys[i - 1] in _SUBJECTS and k.isalpha() \
                and k not in stop_words() and not k.endswith("ly"):
            flag = True  # "I hit", "they love": a word after a subject pronoun is its verb
        elif not flag and k.endswith("s") and not k.endswith("ss") and len(k) > 4 \
                and k.isalpha() and i + 2 < len(keys) and keys[i + 1] == "to" \
                and keys[i + 2].isalpha() and keys[i + 2] not in stop_words() \
                and (i == 0 or keys[i - 1] not in _DETERMINERS):
            flag = True  # "intends to heed", "plans to visit"; not "the efforts to"
        flags.append(flag)
    return flags


def balanced(surfaces: Sequence[str]) -> bool:
    """Whether brackets and quotes open and close in order (straight quotes in pairs)."""
    stack: list[str] = []
    straight = 0
    for s in surfaces:
        if s == '"':
            straight += 1
        elif s in _OPEN:
            stack.append(s)
        elif s in _CLOSE:
            if s == "’" and (not stack or stack[-1] != "‘"):
                continue  # an apostrophe, not a closing single quote
            if not stack or stack[-1] != _CLOSE[s]:
                return False
            stack.pop()
    return not stack and straight % 2 == 0


class WordGraph:
    """The word graph of a group of sentences and the lattice search over it."""

    def __init__(self, sentences: Sequence[str], *, min_words: int = 8,
                 max_ratio: float = 1.0, overlap: int = 2, max_jumps: int = 3,
                 max_expansions: int = 20_000, max_candidates: int = 200,
                 max_pops: int = 40) -> None:
        self.members = [tokenize(s) for s in sentences]
        self.min_words = min_words
        self.max_ratio = max_ratio
        self.overlap = max(1, overlap)
        self.max_jumps = max_jumps
        self.max_expansions = max_expansions
        self.max_candidates = max_candidates
        self.max_pops = max_pops
        self._copies = {_word_keys(t.key for t in m) for m in self.members}
        self._quoted = [_quote_depths(m) for m in self.members]
        self._keys = [{t.key for t in m} for m in self.members]
        lower = {t.key for m in self.members for t in m if t.surface.islower()}
        # Words that may open a sentence without being names; "US" is a stop word ("us")
        # but, written in capitals and never in lowercase, still a name.
        self._common = lower | stop_words() | {k.upper() for k in lower}
        self._verbs_before = [_prefix_counts(verb_flags([t.key for t in m]))
                              for m in self.members]
        self._weights = self._edge_weights()
        self._junctions = self._junction_index()
        self._keyphrases = self._keyphrase_scores()

    # -- the graph (Filippova 2010) -------------------------------------------------------

    def _edge_weights(self) -> dict[tuple[str, str], float]:
        """w''(i, j) = (f(i) + f(j)) / sum_s diff(s, i, j)^-1 / (f(i) f(j)) for adjacent pairs."""
        freq: dict[str, int] = defaultdict(int)
        for m in self.members:
            for k in ["<s>", *(t.key for t in m), "</s>"]:
                freq[k] += 1
        positions = []
        for m in self.members:
            pos: dict[str, list[int]] = defaultdict(list)
            for i, k in enumerate(["<s>", *(t.key for t in m), "</s>"]):
                pos[k].append(i)
            positions.append(pos)
        weights: dict[tuple[str, str], float] = {}
        for m in self.members:
            keys = ["<s>", *(t.key for t in m), "</s>"]
            for a, b in zip(keys, keys[1:], strict=False):
                if (a, b) in weights:
                    continue
                inv = 0.0
                for pos in positions:
                    if a in pos and b in pos:
                        diffs = [j - i for i in pos[a] for j in pos[b] if j > i]
                        if diffs:
                            inv += 1.0 / min(diffs)
                w = (freq[a] + freq[b]) / inv
                weights[(a, b)] = w / (freq[a] * freq[b])
        return weights

    def _junction_index(self) -> dict[tuple[str, ...], list[tuple[int, int]]]:
        """Where a path may switch sentence: shared n-grams (n = overlap) with a content word."""
        index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        n = self.overlap
        for mi, m in enumerate(self.members):
            keys = [t.key for t in m]
            for end in range(n - 1, len(keys)):
                gram = tuple(keys[end - n + 1:end + 1])
                if any(is_content(k) for k in gram):
                    index[gram].append((mi, end))
        return {g: v for g, v in index.items() if len({mi for mi, _ in v}) > 1}

    def _keyphrase_scores(self) -> dict[tuple[str, ...], float]:
        """Boudin & Morin: runs of content words shared by 2+ sentences, scored by the
        share of sentences using each word, divided by (length + 1)."""
        n = len(self.members)
        df: dict[str, int] = defaultdict(int)
        for m in self.members:
            for k in {t.key for t in m}:
                df[k] += 1
        seen: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for mi, m in enumerate(self.members):
            run: list[str] = []
            for t in [*m, Token("", "", "")]:
                if t.key and is_content(t.key):
                    run.append(t.key)
                    continue
                for i in range(len(run)):
                    for j in range(i + 1, min(len(run), i + 4) + 1):
                        seen[tuple(run[i:j])].add(mi)
                run = []
        return {k: sum(df[w] / n for w in k) / (len(k) + 1)
                for k, ms in seen.items() if len(ms) > 1}

    # -- the search --------------------------------------------------------------------------

    def candidates(self) -> list[Candidate]:
        """Fused sentences passing every readability constraint, best (lowest score) first."""
        if len(self.members) < 2:
            return []
        longest = max(sum(1 for t in m if t.key[0].isalnum()) for m in self.members)
        max_words = max(self.min_words, int(math.ceil(longest * self.max_ratio)))
        # Heap entries: (cost, tie, member, position, jumps, words, keys, segments). Each
        # lattice state is expanded a bounded number of times (k-shortest-paths style).
        heap: list[tuple[float, int, int, int, int, int, tuple[str, ...],
                         tuple[tuple[int, int, int], ...]]] = []
        tie = 0
        for mi, m in enumerate(self.members):
            if m:
                s0 = _opening(m)
                cost = self._weights.get(("<s>", m[s0].key), 2.0)
                words = int(m[s0].key[0].isalnum())
                heapq.heappush(heap, (cost, tie, mi, s0, 0, words, (m[s0].key,),
                                      ((mi, s0, s0 + 1),)))
                tie += 1
        found: dict[tuple[str, ...], Candidate] = {}
        pops: dict[tuple[int, int], int] = defaultdict(int)
        expansions = 0
        while heap and expansions < self.max_expansions and len(found) < self.max_candidates:
            cost, _, mi, i, jumps, words, keys, segs = heapq.heappop(heap)
            pops[(mi, i)] += 1
            if pops[(mi, i)] > self.max_pops:
                continue
            expansions += 1
            m = self.members[mi]
            if i == len(m) - 1:
                total = cost + self._weights.get((keys[-1], "</s>"), 2.0)
                cand = self._finish(keys, segs, total)
                if cand is not None and cand.keys not in found:
                    found[cand.keys] = cand
                continue
            moves = [(mi, i)]
            if jumps < self.max_jumps and i + 1 >= self.overlap and not self._quoted[mi][i]:
                gram = tuple(keys[-self.overlap:])
                for mj, j in self._junctions.get(gram, ()):
                    if mj != mi and j + 1 < len(self.members[mj]) and not self._quoted[mj][j]:
                        moves.append((mj, j))
            for mj, j in moves:
                nxt = self.members[mj][j + 1]
                if is_content(nxt.key) and nxt.key in keys:
                    continue  # a repeated content word means the path loops
                step = self._weights.get((keys[-1], nxt.key))
                new_words = words + int(nxt.key[0].isalnum())
                if step is None or new_words > max_words:
                    continue
                if mj == mi:
                    last = segs[-1]
                    new_segs = (*segs[:-1], (last[0], last[1], j + 2))
                    new_jumps = jumps
                else:
                    new_segs = (*segs, (mj, j + 1, j + 2))
                    new_jumps = jumps + 1
                tie += 1
                heapq.heappush(heap, (cost + step, tie, mj, j + 1, new_jumps, new_words,
                                      (*keys, nxt.key), new_segs))
        return sorted(found.values(), key=lambda c: (c.score, c.keys))

    def _finish(self, keys: tuple[str, ...], segs: tuple[tuple[int, int, int], ...],
                cost: float) -> Candidate | None:
        """The candidate for a complete path, or None when it fails a constraint."""
        words = [k for k in keys if k[0].isalnum()]
        if tuple(words) in self._copies:
            return None  # the same words as a source: a copy, whatever its punctuation
        if len(words) < self.min_words or not _clauses_have_verbs(keys):
            return None
        if not self._junctions_agree(keys, segs):
            return None
        tokens = [self.members[m][p] for m, s, e in segs for p in range(s, e)]
        surfaces = [t.surface for t in tokens]
        if not balanced(surfaces):
            return None
        key_score = sum(v for k, v in self._keyphrases.items() if _contains(keys, k))
        score = cost / (len(words) * (1.0 + key_score))
        cand = Candidate(text=_detokenize(tokens), keys=keys, segments=segs, cost=cost,
                         score=score)
        # Fused means at least two sentences each gave a word of their own, not just the
        # full stop after a shared phrase.
        return cand if len(cand.members) >= 2 else None


    def _junctions_agree(self, keys: tuple[str, ...],
                         segs: tuple[tuple[int, int, int], ...]) -> bool:
        """At each switch from sentence A to sentence B: the output before the shared words and
        B's text before them agree on holding a verb; A's text after them and the output after
        them agree too; and the word after the shared words is a word in both A and B or
        punctuation in both. Otherwise the switch drops a clause's verb ("came on the same
        day China and Russia."), splices a verb onto a finished clause ("condemned by
        Thomas-Greenfield strongly denounced.") or cuts a compound ("Security Council.")."""
        out = _prefix_counts(verb_flags(keys))
        tokens = [self.members[m][p] for m, s, e in segs for p in range(s, e)]
        offset = 0
        for (a, s1, e), (b, s2, _) in zip(segs, segs[1:], strict=False):
            offset += e - s1
            n = self.overlap
            if _slot(self.members[a], e - n) != _slot(self.members[b], s2 - n):
                return False  # the shared words fill different slots in A and B
            if not _names(tokens, 0, offset, self._common) <= self._keys[b]:
                return False  # B's words put in a frame B never names: a "fact" neither states
            if _is_word(self.members[a], e) != _is_word(self.members[b], s2):
                return False
            va, vb = self._verbs_before[a], self._verbs_before[b]
            if (out[offset] > 0) != (vb[s2] > 0):
                return False
            if (va[-1] - va[e] > 0) != (out[-1] - out[offset] > 0):
                return False
            if _verb_ahead(self.members[a], e) != _verb_ahead(tokens, offset):
                return False  # the clause at the switch got a second verb, or lost its own
        return True


_AFTER_START = frozenset("“‘\"'([:.!?")


def _names(tokens: Sequence[Token], start: int = 0, end: int | None = None,
           common: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Names and numbers in ``tokens[start:end]``: anything with a digit, acronyms, and
    capitalised words but "I"; a capitalised word opening the sentence or a quotation only
    if it is not in ``common`` (the words the sources also write in lowercase: "The",
    "Great"). Judged on the whole sequence, so a slice keeps its context.

    Where a fused path switches from source A to source B, the names and numbers before the
    switch must all be in B, so that the sentence as a whole says nothing B does not name:
    "US officials will meet in Washington" + "Qatari officials were to meet in Doha" may not
    give "US officials will meet in Doha"; nor may "Washington contends that" be put before
    a claim of another source that never mentions Washington.
    """
    out = set()
    for i in range(start, len(tokens) if end is None else end):
        t = tokens[i]
        if any(c.isdigit() for c in t.key) or t.surface[:1].isupper() and (
                (t.key != "i" and i > 0 and tokens[i - 1].surface not in _AFTER_START)
                or t.key not in common  # opening the sentence, never written lowercase
                or (t.surface.isupper() and t.key.upper() not in common)):  # US, UN
            out.add(t.key)
    return out


_PREPOSITIONS = _set("""of in on at by for with from to into onto over under about after before
    during since against among between through without within across behind near""")


def _verb_ahead(tokens: Sequence[Token], i: int) -> bool:
    """Whether a verb comes from position ``i`` before the clause ends (punctuation or a
    subordinator). "The motion was rejected by China and Russia" continued with another
    source's "vetoed a resolution" gives the clause two verbs, where the first source went
    on with "on Friday"."""
    keys = [t.key for t in tokens]
    flags = verb_flags(keys)
    for j in range(i, len(keys)):
        if not keys[j][0].isalnum() or keys[j] in _SUBORDINATORS:
            return False
        if flags[j]:
            return True
    return False


def _slot(tokens: Sequence[Token], i: int) -> str:
    """The kind of word before position ``i`` (where shared words start): sentence start or
    punctuation, preposition, determiner, verb, or another word. Two sources may be joined
    at shared words only where both have the same kind before them, a stand-in for "the
    words play the same part in both": "US Secretary of State Blinken visited" and "a blitz
    by US Secretary of State Blinken appears to have failed" share the name, but in one it
    is the subject and in the other the object of "by"."""
    if i <= 0:
        return "start"
    key = tokens[i - 1].key
    if not key[0].isalnum():
        return "punct"
    if key in _PREPOSITIONS:
        return "prep"
    if key in _DETERMINERS:
        return "det"
    if verb_like(key):
        return "verb"
    return "word"


def _clauses_have_verbs(keys: Sequence[str]) -> bool:
    """A verb for the main clause and one more for each subordinate clause, each after its
    opener: the tagger-free stand-in for "keeps subject-verb-object"."""
    verbs = [i for i, f in enumerate(verb_flags(keys)) if f]
    openers = [i for i, w in enumerate(keys) if w in _SUBORDINATORS]
    if len(verbs) < len(openers) + 1:
        return False
    return all(any(v > o for v in verbs) for o in openers)


_LINKS = _set("and but so or plus also yet")
"""Words that tie a sentence to the one before it in its source ("But after that ..."): a
fused sentence stands alone, so it starts after them."""


def _opening(tokens: Sequence[Token]) -> int:
    """Where a fused sentence may start in a source: after a leading "and"/"but" (and its
    comma), provided a word follows."""
    i = 0
    if tokens[0].key in _LINKS:
        i = 1
        if i < len(tokens) and tokens[i].key == ",":
            i += 1
    return i if i < len(tokens) and tokens[i].key[0].isalnum() else 0


def _is_word(tokens: Sequence[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].key[0].isalnum()


def _word_keys(keys) -> tuple[str, ...]:  # noqa: ANN001
    return tuple(k for k in keys if k[0].isalnum())


def _prefix_counts(flags: Sequence[bool]) -> list[int]:
    out = [0]
    for f in flags:
        out.append(out[-1] + int(f))
    return out


def _quote_depths(tokens: Sequence[Token]) -> list[bool]:
    """Per token: whether the text right after it is inside a quotation. A path never
    switches source inside a quotation, so every quote stays verbatim from one source."""
    depth, straight = 0, False
    out = []
    for t in tokens:
        if t.surface == '"':
            straight = not straight
        elif t.surface in ("“", "«"):
            depth += 1
        elif t.surface in ("”", "»"):
            depth = max(0, depth - 1)
        out.append(depth > 0 or straight)
    return out


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


def _detokenize(tokens: Sequence[Token]) -> str:
    """Written-English spacing for a new sentence: one space between words, none before
    closing punctuation ("Friday ." -> "Friday."), none inside brackets and quotes, one after
    a comma or semicolon before a word. Sources glue or pad tokens in their own ways (review
    text especially); a generated sentence must not inherit that. Where a source wrote two
    tokens together ("U.S.-led", "1,000", "don't") they stay together. The first letter is
    capitalised and the sentence ends with a full stop unless it ends with . ! ? already."""
    opening, closing = [], []
    straight = False
    for t in tokens:
        if t.surface == '"':
            straight = not straight
            opening.append(straight)
            closing.append(not straight)
        else:
            opening.append(t.surface in _OPEN)
            closing.append(t.surface[0] in _NO_SPACE_BEFORE)
    parts: list[str] = []
    for i, t in enumerate(tokens):
        prev = tokens[i - 1].surface if i else ""
        if i == 0 or closing[i] or opening[i - 1]:
            space = ""
        elif t.space or (prev in (",", ";") and t.surface[0].isalpha()) \
                or (prev[-1].isalnum() and t.surface[0].isalnum()):
            space = " "
        else:
            space = ""
        parts.append(space + t.surface)
    text = "".join(parts).strip()
    text = _end_sentence(text)
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
    return text


_FINAL = frozenset(".!?")
_CLOSERS = frozenset("\"”’)]}")


def _end_sentence(text: str) -> str:
    """End with . ! or ? (before closing quotes and brackets): drop a dangling , ; : or dash
    that a source sentence ended on, and add a full stop where there is none."""
    body, tail = text, ""
    while body and body[-1] in _CLOSERS:
        body, tail = body[:-1], body[-1] + tail
    if body.endswith(tuple(_FINAL)) or not body:
        return text
    stripped = body.rstrip(",;:-–— ")
    if tail and stripped != body:
        return text  # "... he said: “yes”" keeps its quote as written
    return stripped + "." + tail
