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
* Where a path switches from source A to source B, B's rest must be as true of the output
  as it was of B: the same negations in reach, the same subject, verbs, head and names in
  the clause it continues, the same kind of clause; never between sources of opposite
  opinion (a small embedded lexicon). In doubt a switch is refused, and the sources
  compete unchanged.
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

from summarize.text import stem, stop_words

_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|\S", re.UNICODE)

def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Auxiliaries and very common reporting/action verbs: enough, together with the -ed/-s
# rules below, to tell a clause from a noun phrase without a tagger.
_AUXILIARIES = _set("""is are was were be been being am 's 're 'm has have had having do does
    did will would can could shall should may might must won't can't don't doesn't didn't
    isn't aren't wasn't weren't hasn't haven't hadn't wouldn't couldn't shouldn't""")
_VERBS = _AUXILIARIES | _set("""said says say told tell tells met meet meets made make makes
    came come comes went go goes gone got get gets gave give gives took take takes left leave
    leaves kept keep keeps held hold holds found find finds saw see sees sees knew know knows
    thought think thinks felt feel feels became become becomes began begin begins put puts ran
    run runs brought bring brings sent send sends spoke speak speaks stood stand stands set sets
    wants want need needs risks risk works work seems seem looks look uses use used warned urged
    vowed called added noted stated declared vetoed rejected failed agreed remains remain love
    loves like likes hate hates recommend recommends buy bought fits fit lasts last""")
# Irregular past tenses and participles: without them "Biden chose Kessler" has no verb, and
# a switch that drops it looks like one between two verbless noun phrases. Unlike the words
# above they are read as adjectives after a determiner ("the lost luggage", "a broken lid").
_PAST_FORMS = _set("""chose chosen grew grown rose risen fell fallen won lost paid sold spent
    led fled fought caught taught sought struck wrote written drove driven flew flown threw
    thrown broke broken spoke spoken stole stolen drew drawn wore worn shot forgot forgotten
    hid hidden ate eaten known shown begun sang sung built lent dealt slept meant heard
    understood withdrew withdrawn overtook overtaken undertook undertaken forbade forgave
    arose awoke bore borne bound dug hung lain slid split spread swore sworn swung tore torn
    wept wound""")
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
    if key in _VERBS or key in _PAST_FORMS:
        return True
    if key in _NOT_VERBS or not key.isalpha() or len(key) < 4:
        return False
    return key.endswith("ed") and not key.endswith("eed")


_SUBJECTS = _set("i we you they he she")
_ARTICLES = _set("a an the his her its their our my your")
_DETERMINERS = _set("a an the this these those his her its their our my your more most less "
                    "least very") | {"“", '"', "‘", "("}


def verb_flags(keys: Sequence[str]) -> list[bool]:
    """``verb_like`` per token, in context: an -ed word right after a determiner, a quote or
    an intensifier is an adjective ("a sustained ceasefire"), not a verb, and no word but an
    auxiliary right after an article or possessive is one ("the fit"); a content word
    right after a subject pronoun is a verb ("I hit")."""
    flags = []
    for i, k in enumerate(keys):
        flag = verb_like(k)
        if flag and i > 0 and ((k not in _VERBS and keys[i - 1] in _DETERMINERS)
                               or (k not in _AUXILIARIES and keys[i - 1] in _ARTICLES)):
            flag = False  # "a sustained ceasefire", "the fit", "my last": not verbs
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
        self._flags = [verb_flags([t.key for t in m]) for m in self.members]
        self._verbs_before = [_prefix_counts(f) for f in self._flags]
        self._opinions = [opinion([t.key for t in m]) for m in self.members]
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
        if words[-1] in _DANGLING:
            return None  # a source cut off mid-phrase ("... policy, with")
        if any(x == y and (x in stop_words() or not x[0].isalnum())
               for x, y in zip(keys, keys[1:], strict=False)):
            return None  # a typo a source made ("close the the station", "worn and torn,,")
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
        Thomas-Greenfield strongly denounced.") or cuts a compound ("Security Council.").

        Then, where A and B part ways (the end of the words they share there), B's rest is
        only true of what B said before it: the output and B must have the same negations in
        reach of that point (``_keeps_polarity``); B may not stop inside A's phrase; and the
        clause being continued must be the same clause in both: same kind, subject, verbs,
        head and names (``_clause_before`` and the ``_keeps_*`` predicates; where both
        clauses end there, their verbs may differ). Sources of opposite opinion are never
        joined at all (``opinion``)."""
        used = sorted({m for m, _, _ in segs})
        if any(_opinions_clash(self._opinions[x], self._opinions[y])
               for i, x in enumerate(used) for y in used[i + 1:]):
            return False  # two reviewers of opposite opinion: neither may finish the other
        flags = verb_flags(keys)
        out = _prefix_counts(flags)
        tokens = [self.members[m][p] for m, s, e in segs for p in range(s, e)]
        offset = 0
        for (a, s1, e), (b, s2, e2) in zip(segs, segs[1:], strict=False):
            offset += e - s1
            n = self.overlap
            # Where A and B part ways: the shared words may run on past the junction.
            ma, mb = self.members[a], self.members[b]
            run = 0
            while s2 + run < e2 and e + run < len(ma) and ma[e + run].key == mb[s2 + run].key:
                run += 1
            if not _keeps_polarity(keys, offset + run, [t.key for t in mb], s2 + run):
                return False
            if not _goes_on(mb, s2 + run) and _goes_on(ma, e + run) \
                    and (is_content(ma[e + run].key) or self._flags[a][e + run]):
                return False  # B stops inside A's phrase or before its verb: "Council [resolution]"
            mine = _clause_before(tokens, keys, flags, offset + run, self._common)
            theirs = _clause_before(mb, [t.key for t in mb], self._flags[b], s2 + run,
                                    self._common)
            # Where B's clause ends here, B's rest (an apposition, another clause) is about
            # that clause as a whole: its verb may be put otherwise ("gets" / "get"), but not
            # left out.
            complete = not _goes_on(mb, s2 + run) and bool(theirs.verbs) and bool(mine.verbs)
            if not (_same_clause_kind(mine, theirs) and _keeps_subject(mine, theirs)
                    and (complete or _keeps_main_verb(mine, theirs))
                    and _keeps_head(mine, theirs) and _keeps_identity(mine, theirs)
                    and _keeps_frame(mine, theirs)):
                return False
            if not _keeps_antecedents(tokens, offset + run, mb, s2 + run, e2, self._common):
                return False
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


_DANGLING = _set("a an the and or but nor of with")
"""Words no sentence ends on: a path that ends after one ends where a source was cut off."""
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


# -- faithfulness at a switch --------------------------------------------------------------
#
# A switch from source A to source B at shared words keeps A's text before them and B's
# after. B's rest is a statement about what B said before it, so the output's text before
# the switch must say what B's did there: the same polarity, and the clause B's rest
# continues must be the same clause (its subject, verbs, head and names). Without a tagger
# each of these is read off the words, and where the reading is in doubt the switch is
# refused: the sources still compete unchanged.

_NEGATIONS = _set("""not no never nor neither none nothing nobody nowhere cannot without
    hardly barely scarcely seldom rarely lack lacks lacked lacking n't dont didnt doesnt isnt
    wasnt werent arent wont cant couldnt wouldnt shouldnt havent hasnt hadnt aint""")

# A small opinion lexicon (no download): words whose orientation does not depend on the
# product. Ambiguous ones are left out ("cheap", "hard", "loud", "small", "like").
_POSITIVE = _set("""good great excellent amazing awesome fantastic wonderful superb terrific
    outstanding perfect best nice lovely love loved loves enjoy enjoyed enjoys liked
    recommend recommended recommends happy pleased satisfied impressed impressive
    comfortable comfy clean spacious roomy convenient friendly helpful courteous beautiful
    gorgeous stylish pleasant easy accurate reliable sturdy solid smooth quiet fast quick
    bright clear crisp fresh delicious tasty fun worth favorite favourite glad superior
    ideal incredible fabulous brilliant efficient fine decent ok okay""")
_NEGATIVE = _set("""bad poor terrible awful horrible horrendous worst worse hate hated hates
    dislike disliked disappointed disappointing disappoints disappointment dirty filthy
    smelly noisy rude unfriendly unhelpful uncomfortable difficult slow broken useless
    waste wasted junk flimsy overpriced expensive annoying annoyed frustrating frustrated
    mediocre lousy nightmare defective faulty unreliable inaccurate ugly cramped tinny
    dented stained problem problems complaint complain complained unfortunately sadly
    unhappy avoid regret fail failed fails failure""")
_NEGATION_REACH = 3
"""A negation turns the opinion words up to this many words after it ("not very good")."""


def is_negation(key: str) -> bool:
    """A word that turns what follows into its opposite: not, no, never, n't, without, hardly.

    A switch must not take a negation away or bring one in (``_keeps_polarity``): "I would
    not recommend this place if ..." + "I definitely recommend this place ..." must not give
    "I definitely recommend this place if ...", which says the opposite of its source."""
    return key in _NEGATIONS or key.endswith("n't")


def opinion(keys: Sequence[str]) -> tuple[bool, bool]:
    """``(positive, negative)``: whether a sentence holds a positive opinion word and a
    negative one, each counted the other way round within ``_NEGATION_REACH`` words after a
    negation in the same clause ("not comfortable" is negative, "no problem" positive). A
    negation that turns no opinion word is negative itself ("the battery wouldn't charge at
    all"): in doubt, a negated sentence is not joined to a positive one.

    Two reviewers who disagree often share the thing they disagree about ("the room was
    clean" / "the room was dirty"); a path through the phrase they share would give one
    reviewer's subject the other's verdict ("The staff were rude and the room was clean").
    """
    positive = negative = False
    reach = 0
    pending = False  # a negation that has turned no opinion word yet
    for k in keys:
        if is_negation(k):
            negative |= pending
            reach, pending = _NEGATION_REACH, True
            continue
        pos, neg = k in _POSITIVE, k in _NEGATIVE
        if reach and k[0].isalnum():
            pos, neg = neg, pos
            reach -= 1
            pending &= not (pos or neg)
        else:
            negative |= pending
            reach, pending = 0, False
        positive |= pos
        negative |= neg
    return positive, negative or pending


def _opinions_clash(a: tuple[bool, bool], b: tuple[bool, bool]) -> bool:
    """Whether one source holds a positive opinion and the other a negative one. A source
    with both (a mixed review) clashes with every opinionated one: in doubt, no fusion."""
    return (a[0] and b[1]) or (a[1] and b[0])


def _negations_in_scope(keys: Sequence[str], end: int) -> int:
    """Negations before ``end`` that can still reach it: those since the last colon,
    semicolon, ! or ?, or word of contrast ("not up to standard, but | it was clean")."""
    count = 0
    for k in keys[:end]:
        if k in _HARD_BREAKS or k in _CONTRASTS:
            count = 0
        elif is_negation(k):
            count += 1
    return count


def _keeps_polarity(mine: Sequence[str], at_mine: int, theirs: Sequence[str],
                    at_theirs: int) -> bool:
    """Where A and B part ways, the output so far holds as many negations in reach as B's text
    before that point. B's rest is then read in the scope it had in B: the switch neither
    takes it out of a negation nor puts it in one ("I would not recommend this place if you
    want good service" + "I definitely recommend this place if ..." must not give "I
    definitely recommend this place if you want good service"). A's rest needs no check: the
    output does not say it."""
    return _negations_in_scope(mine, at_mine) == _negations_in_scope(theirs, at_theirs)


_DEGREE = _set("highly extremely incredibly absolutely totally truly super pretty fairly")
"""Degree adverbs: "highly accurate" and "accurate" say the same of the same thing."""


@dataclass(frozen=True)
class _Clause:
    """The words of the clause that runs up to a switch, sorted by the part they play."""

    opener: str
    """What opened it: the subordinator ("when", "if", "that") or "" for a main clause."""
    subject: frozenset[str]
    """Content words (stemmed, degree adverbs left out) before its first verb (for a clause
    with no verb yet: all of them)."""
    verbs: frozenset[str]
    rest: frozenset[str]
    """Content words after its first verb: objects, complements, their modifiers."""
    names: frozenset[str]
    """Names and numbers (``_names``), stop words like "US" included."""
    last: str
    """The word right before the switch."""
    frame: frozenset[str]
    """Content words of the introductory phrase before it ("With some tweaking, | ...")."""
    said: frozenset[str]
    """Content words of the whole text up to the switch."""


_COORDINATORS = _set("and but or yet so")
_CONTRASTS = _set("but yet although though however whereas while")
_CLAUSE_OPENERS = _ARTICLES | _SUBJECTS | _set("""it this these those there that everything
    everyone nothing nobody""")
"""Words that start a new clause after "and": an article or a subject pronoun."""
_HARD_BREAKS = frozenset(";:!?…")
"""Marks that end a clause inside a sentence. A full stop does not: inside a sentence it
ends an abbreviation ("the U.N. Security Council" is tokenized "U.N", ".")."""
_SOFT_BREAKS = frozenset(",–—-()[]{}")
_QUOTES = frozenset("\"“”‘’«»")
"""Quotation marks break no clause ("a “sustained” ceasefire"), but a path stops at one."""
_CLAUSE_BREAKS = _HARD_BREAKS | _SOFT_BREAKS | _QUOTES | {"."}
_INTRODUCERS = _PREPOSITIONS | _set("""as according despite following amid speaking
    depending considering given overall""")
"""Words that open an introductory phrase ("In a narrow vote, the Senate ...")."""


def _clause_start(keys: Sequence[str], flags: Sequence[bool], end: int) -> int:
    """Where the clause that runs up to ``end`` starts: after the last colon, semicolon, ! or
    ?, subordinator, coordinator that follows the clause's verb and comes before a
    new subject ("the room was nice and | the staff ...", not "was clear and | easy to
    read"), or comma, dash or bracket that follows the clause's verb or ends
    an introductory phrase ("In a narrow vote, | the Senate", "However, | the"). Any other
    comma is inside the clause: "The ride, the fit and | finish quality is poor" is said of
    the ride too. A mark, subordinator or coordinator right before ``end`` opens nothing
    yet: what comes after the switch continues the clause before it ("was large and |
    private" is said of the subject before "and")."""
    return _clause_span(keys, flags, end)[0]


def _clause_span(keys: Sequence[str], flags: Sequence[bool], end: int) -> tuple[int, int]:
    """``(start, frame)``: ``_clause_start``, and where the introductory phrase before it
    starts (``frame == start`` where there is none)."""
    start, frame, verb, opening = 0, 0, False, True
    for i in range(end - 1):
        k = keys[i]
        if k in _HARD_BREAKS or k in _SUBORDINATORS or (
                k in _COORDINATORS and verb and keys[i + 1] in _CLAUSE_OPENERS):
            start, verb, opening = i + 1, False, k in _HARD_BREAKS
            frame = start
        elif k in _SOFT_BREAKS:
            intro = opening and (i - start <= 1 or keys[start] in _INTRODUCERS)
            if verb or intro or i == start:
                frame = start if intro and not verb else i + 1
                start, verb, opening = i + 1, False, False
        elif flags[i]:
            verb = True
    return start, frame


def _goes_on(tokens: Sequence[Token], i: int) -> bool:
    """Whether the clause goes on at ``i``: a token is there and it is no punctuation mark
    that ends a clause ("&" goes on)."""
    return i < len(tokens) and tokens[i].key not in _CLAUSE_BREAKS


def _clause_before(tokens: Sequence[Token], keys: Sequence[str], flags: Sequence[bool],
                   end: int, common: frozenset[str] | set[str]) -> _Clause:
    """The clause of ``tokens`` that runs up to ``end`` (``_clause_start``), as a ``_Clause``."""
    start, frame = _clause_span(keys, flags, end)
    opener = keys[start - 1] if start > 0 and keys[start - 1] in _SUBORDINATORS else ""
    if opener and opener not in _ASSERTING:
        # A clause after "that", "if", "when" is said or supposed by the clause it hangs on:
        # that clause is part of what B's rest depends on ("One source told ABC News that |
        # the draft report" is not "Sources told the outlet that | the draft report").
        start, frame = _clause_span(keys, flags, start)
    subject: set[str] = set()
    verbs: set[str] = set()
    rest: set[str] = set()
    for i in range(start, end):
        if flags[i]:
            verbs.add(keys[i])
        elif is_content(keys[i]) and keys[i] not in _DEGREE:
            (rest if verbs else subject).add(stem(keys[i]))
    return _Clause(opener=opener, subject=frozenset(subject), verbs=frozenset(verbs),
                   rest=frozenset(rest),
                   names=frozenset(_names(tokens, start, end, common)),
                   last=keys[end - 1] if end > 0 else "",
                   frame=frozenset(stem(k) for k in keys[frame:start] if is_content(k)),
                   said=frozenset(stem(k) for k in keys[:end] if is_content(k)))


_PRONOUNS = _set("he him his himself she her hers herself they them their theirs")


def _keeps_antecedents(out: Sequence[Token], at_out: int, theirs: Sequence[Token], at: int,
                       end: int, common: frozenset[str] | set[str]) -> bool:
    """Where B's rest (``theirs[at:end]``) has a personal pronoun, every name B gave before it
    is in the output before the switch too: "Shortly after President Joe Biden was sworn in,
    Amazon congratulated him" may not lose Biden and keep "him"."""
    if not any(t.key in _PRONOUNS for t in theirs[at:end]):
        return True
    return _names(theirs, 0, at, common) <= _names(out, 0, at_out, common)


_ASSERTING = _set("because although though")
"""Subordinators whose clause the writer asserts as much as a main clause: "because the
battery life is amazing" says that it is."""


def _same_clause_kind(mine: _Clause, theirs: _Clause) -> bool:
    """Both clauses open the same way (a main clause, or the same subordinator), or the output
    states as a main clause what B asserted after "because" or "although". "my daughter
    needs new ones" after "when" is a condition; after "and" it would be a claim. The other
    way round is refused too: "I took a star off because | the charge gave my iPod only 1/10"
    would make one reviewer's finding another's reason."""
    return mine.opener == theirs.opener or (not mine.opener and theirs.opener in _ASSERTING)


def _keeps_subject(mine: _Clause, theirs: _Clause) -> bool:
    """The same content words before the verb: B's rest is said of B's subject, and may not
    be said of another ("The room was large and" + "The bathroom was large and private")
    nor of a narrower or wider one ("The long battery life" + "battery life bit shorter")."""
    return mine.subject == theirs.subject


def _keeps_main_verb(mine: _Clause, theirs: _Clause) -> bool:
    """The same verbs so far: B's object or complement belongs to B's verb ("I think for
    wear at the beach" + "this summer and this hat was great", where B "spent 2 months"
    there). Where the switch comes after the clause, ``_junctions_agree`` still requires a
    verb on both sides, so that no clause loses the verb B had ("Biden chose Kessler, a
    former FDA chief" as "Kessler, a former FDA chief, to lead the task force")."""
    return mine.verbs == theirs.verbs


def _keeps_head(mine: _Clause, theirs: _Clause) -> bool:
    """The same content words after the verb, and the switch not right after a preposition,
    nor after a determiner inside a clause under way: there the next word is the head the
    shared words lead up to, and taking it from B would change it ("the water street with" +
    "beef", where A said "chicken"). A determiner opening a clause or an apposition leads
    up to nothing A has said yet (", a move condemned by" / ", a decision that")."""
    if mine.rest != theirs.rest or mine.last in _PREPOSITIONS:
        return False
    under_way = mine.subject or mine.verbs or mine.rest
    return not (under_way and mine.last in _DETERMINERS)


def _keeps_frame(mine: _Clause, theirs: _Clause) -> bool:
    """The output's introductory phrase says nothing B did not say before its rest: "With
    some tweaking, the battery lasted 10 hours" + "Obviously, the battery drained out within
    hours" may not give "With some tweaking, the battery drained out within hours". (B's own
    introduction may be left out.)"""
    return mine.frame <= theirs.said


def _keeps_identity(mine: _Clause, theirs: _Clause) -> bool:
    """The same names and numbers in the clause: a switch may not drop the place or person
    that says whose event it is ("Iraqi lawmakers approved" read as "The lawmakers approved",
    and later "the country" reads as another), nor bring in one B never named there."""
    return mine.names == theirs.names


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
_LINKS_WITH_COMMA = _set("so yet")
"""Link words that are a link only before a comma: "So far I love it" is not "Far I love it",
nor "Yet another delay" "Another delay"."""


def _opening(tokens: Sequence[Token]) -> int:
    """Where a fused sentence may start in a source: after debris punctuation the splitter
    left (">> It has", ", The battery") and after a leading "and"/"but" (and its comma),
    provided a word follows."""
    i = 0
    while i < len(tokens) - 1 and not tokens[i].key[0].isalnum() \
            and tokens[i].surface not in _OPEN and tokens[i].surface != '"':
        i += 1
    if not tokens[i].key[0].isalnum():
        return i if i < len(tokens) - 1 else 0  # a quotation or bracket opens it
    j = i
    ambiguous = tokens[j].key in _LINKS_WITH_COMMA and (
        j + 1 >= len(tokens) or tokens[j + 1].key != ",")
    if tokens[j].key in _LINKS and not ambiguous:
        j += 1
        if j < len(tokens) and tokens[j].key == ",":
            j += 1
    return j if j < len(tokens) and tokens[j].key[0].isalnum() else i


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
