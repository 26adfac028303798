"""Keep page boilerplate out of briefs: general rules, each with a reported reason.

News pages saved as text carry chrome ("top of page"), calls to action ("Write to
us ..."), photo captions and credits ("Name/Agency", "... AP"), teasers ("... –
video"), datelines ("CNN —"), timestamps ("Updated: March 22, 2024, 6:51 PM"),
headlines and repeated lines. A summarizer scores them like any sentence, so
they must go before scoring. The rules below are about the SHAPE of a piece of
text (no final punctuation, no verb, a URL, a "Name/Org" credit...), not lists
of known strings, so they carry over to other sites.

Two kinds of documents need different care. A news page has one paragraph per
line, nearly all ending in punctuation: there a line without final punctuation
is a headline, caption or teaser. Review text (one opinion per line, often
lowercase and unpunctuated) would lose everything under that rule, so it only
applies when most lines of the document end like sentences ("punctuated"
documents); elsewhere only the narrow rules run.

A headline may end with a full stop ("Blinken and Netanyahu have a meeting in
Israel as diplomatic attempts intensify."). Such a first line goes when its shape
says headline: it is the document's given title, or it is a short line of its own
(at most 20 words) followed by a longer paragraph that restates most of its
content words, and it reads like a headline, not a lead: no quotation, no
attribution ("said", "according to"), no past-tense verb. A news lead (neus-val
documents are one paragraph each) never stands alone on its line above a
paragraph that repeats it, so leads are not touched.

Nothing edits the text: a dropped piece is left out of the kept spans (or a kept
span starts after a dropped dateline prefix), and every dropped piece is
reported as a ``Dropped(doc_id, text, reason)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from summarize.model import Dropped
from summarize.text import (
    TERMINAL,
    content_terms,
    count_words,
    current_language,
    is_spaced,
    split_sentences,
)


def _wordset(words: str) -> frozenset[str]:
    """A set from whitespace-separated words (keeps long word lists readable)."""
    return frozenset(words.split())

Span = tuple[int, int]

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b[\w-]+\.(?:com|org|net"
                  r"|life|co\.uk|io|gov|edu)(?:/\S*)?\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w'’\-]*")
_URL_HINT = re.compile(r"://|www\.|@|\.(?:com|org|net|life|co\.uk|io|gov|edu)", re.IGNORECASE)
"""What every match of ``_URL`` contains: a quick test that passes most lines by (a quarter
of the time ``_URL`` takes to find nothing)."""
_DIGIT = re.compile(r"\d")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?\b|\b\d{{1,2}}\s+{_MONTH},?(?:\s+\d{{4}})?"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)",
                   re.IGNORECASE)
_TIMESTAMP_WORDS = _wordset("""
    updated update published posted last modified edited on at am pm a.m p.m gmt utc bst et
    est edt pt pst pdt cet cest ist local time mon tue wed thu fri sat sun monday tuesday
    wednesday thursday friday saturday sunday""")
_CTA_VERBS = _wordset("""
    write follow click subscribe sign read watch share download join contact email e-mail
    call visit tap listen register send like support donate get sign-up find see learn
    explore discover""")
_CTA_OBJECTS = re.compile(
    r"\b(?:us|our|here|newsletter|latest|updates?|comments?|below|more|app|podcast|link)\b",
    re.IGNORECASE)
_CREDIT_PREFIX = re.compile(r"^\(?\s*(?:photo(?:graph)?s?|image|picture|pictured|credit|file "
                            r"photo|illustration|video|source)\s*(?:by)?\s*[:(]", re.IGNORECASE)
_NAME_ORG = re.compile(r"^[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*\s*/\s*[A-Z][\w.'’\-]*"
                       r"(?:\s+[\w.'’\-]+)*$")
_DASH = "–—‒―-"
_TEASER = re.compile(rf"\s[{_DASH}]\s*[^\W\d_][\w'’]*(?:\s+[^\W\d_][\w'’]*)?\s*$")
_DATELINE_LINE = re.compile(rf"^[^\W\d_][\w .,()'’/]{{0,40}}?\s*[{_DASH}]{{1,2}}\s*$")
_DATELINE_PREFIX = re.compile(
    rf"(?:[A-Z]{{5,}}(?:[ ,]+[A-Z][A-Za-z.'’\-]+){{0,3}}\s*(?:\([A-Za-z. ]{{1,20}}\))?"
    rf"|[A-Z][\w.'’\-]*(?:[ ,]+[A-Z][\w.'’\-]*){{0,4}}\s*\([A-Za-z. ]{{1,20}}\)"
    rf"|\([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){{0,2}}\))"
    rf"(?:\s*[{_DASH}]{{1,2}}\s+(?=[A-Z“\"])|(?<=\))(?=[A-Z][a-z]))"
)
"""A dateline before the first sentence: "WASHINGTON —", "GAZA CITY (AP) —", "(CNN) -", and
one a page glued to its sentence: "Washington (CNN)President Donald Trump ..."."""
_MD_HEADING = re.compile(r"^#{1,6}\s")

# A small, embedded list of very common verb forms (no POS tagger data is available offline).
_VERBS = _wordset("""
    is are was were be been being am has have had do does did will would can could shall
    should may might must said says say told tells tell ask asks asked make makes made go goes
    went gone get gets got give gives gave take takes took come comes came see sees saw know
    knows knew think thinks thought want wants find finds found keep keeps kept let lets put
    puts run runs ran seem seems feel feels felt leave leaves left meet meets met hold holds
    held bring brings brought begin begins began show shows win wins won lose loses lost buy
    buys bought pay pays paid send sends sent build builds built fall falls fell lead leads
    led spend spends spent stand stands stood hit hits cut cuts set sets become becomes became
    need needs love loves hate hates like likes work works fit fits isn't aren't wasn't
    weren't don't doesn't didn't won't can't cannot wouldn't couldn't shouldn't it's i'm
    i've we're they're he's she's there's that's""")
_NOT_VERB_ED = _wordset("red bed need seed feed speed hundred indeed naked wicked sacred")
_NOT_VERB_ING = _wordset("""
    thing things nothing something anything everything king ring spring string morning
    evening during building ceiling wing""")
_SUBJECTS = _wordset("he she it this that who which what one")

# Headline tests (see the module docstring): a headline summarizes in the present tense, with no
# speaker and no quotation; a lead reports ("said", "was", "rejected").
_HEADLINE_MAX_WORDS = 20
_BODY_MIN_WORDS = 20
_ATTRIBUTION = _wordset("""
    said says say told tells tell according reported reports stated states declared declares
    added adds announced announces claimed claims wrote writes asked asks noted notes""")
_PAST = _wordset("""
    was were had did went came took gave made got met held left brought began showed won lost
    bought paid sent built fell led spent stood became knew thought found kept saw ran felt
    wasn't weren't hadn't didn't""")
_PRONOUNS = _wordset("""
    i we you he she it they my our your his her its their this that these those there here
""")
_QUOTE_MARKS = "\"“”«»„‘"


@dataclass(frozen=True)
class Cleaned:
    """What survives cleaning (spans into the document text) and what was dropped, in order."""

    spans: tuple[Span, ...]
    dropped: tuple[Dropped, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _at_most(text: str, n: int) -> bool:
    """Whether ``text`` has at most ``n`` words, reading no further than word ``n + 1``: the
    boilerplate tests are about short lines, and they are asked of every sentence and of
    whole documents that are one line (a page of 60 sentences for a 14-word limit)."""
    return next(islice(_WORD.finditer(text), n, None), None) is None


def has_terminal(text: str) -> bool:
    """Whether ``text`` ends like a sentence (., !, ?, …, :, ; before any closing quotes)."""
    return bool(TERMINAL.search(text.rstrip()))


def has_verb(text: str) -> bool:
    """A guess, without POS data, whether ``text`` holds a verb (so: a sentence, not a label)."""
    tokens = _words(text)
    for i, token in enumerate(tokens):
        low = token.lower().replace("’", "'")
        if low in _VERBS:
            return True
        if not token[:1].islower():
            continue  # "Powered", "Warns": capitals are names or headline words
        if len(low) >= 5 and low.endswith("ed") and low not in _NOT_VERB_ED:
            return True
        if len(low) >= 6 and low.endswith("ing") and low not in _NOT_VERB_ING:
            return True
        # "-s" is mostly a plural; it is a verb right after a name or a subject pronoun.
        if (len(low) >= 4 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s"))
                and i > 0 and (tokens[i - 1][:1].isupper() or tokens[i - 1].lower() in _SUBJECTS)):
            return True
    return False


def _title_case(text: str) -> bool:
    tokens = [t for t in _words(text) if t[:1].isalpha()]
    if len(tokens) < 4:
        return False
    caps = sum(1 for t in tokens if t[:1].isupper())
    return caps >= 0.75 * len(tokens) and not all(t.isupper() for t in tokens)


def _is_timestamp(text: str) -> bool:
    if not _DIGIT.search(text):  # every date and time has a digit: most lines have none
        return False
    if not _at_most(text, 14) or not (_DATE.search(text) or _TIME.search(text)):
        return False
    rest = _TIME.sub(" ", _DATE.sub(" ", text))
    left = [w for w in _words(rest) if w.lower().strip(".") not in _TIMESTAMP_WORDS
            and not w.isdigit()]
    return len(left) <= 1


def is_timestamp(line: str) -> bool:
    """Whether a line is only a date and/or time with words like "Updated", "Published"."""
    return _is_timestamp(line.strip())


def _is_link(text: str) -> bool:
    """Mostly a URL or e-mail address, or a short unpunctuated line that carries one."""
    found = _URL.findall(text) if _URL_HINT.search(text) else ()
    if not found:
        return False
    share = sum(len(u) for u in found) / max(1, len(text))
    return share >= 0.4 or (not has_terminal(text) and len(_words(_URL.sub(" ", text))) <= 15)


def _is_call_to_action(text: str) -> bool:
    body = _LABEL.sub("", text, count=1)  # "Live updates: Follow ..."
    words = _WORD.finditer(body)
    found = next(words, None)
    if found is None:
        return False
    first = found.group().lower()
    if first == "please" and (found := next(words, None)) is not None:
        first = found.group().lower()
    return first in _CTA_VERBS and bool(_CTA_OBJECTS.search(body)) and _at_most(body, 25) and (
        not has_terminal(text) or _at_most(body, 12))


_LABEL = re.compile(r"^[^:]{1,30}:\s*")
_SIGNPOST = re.compile(r"^here(?:'s|’s| is| are)\s+(?:what|how|why|everything|the latest)\b",
                       re.IGNORECASE)


def _is_signpost(text: str) -> bool:
    """A line that points to the rest of the page and says nothing itself: "Here's what you
    need to know.", "Here is what we know so far"."""
    return bool(_SIGNPOST.match(text.lstrip("\"'“‘ "))) and _at_most(text, 10)


def _is_credit(text: str) -> bool:
    """A photo credit: "Name/Org", "Photo: ...", or only capitalized agency-like tokens."""
    if not _WORD.search(text) or not _at_most(text, 8):
        return False
    stripped = text.strip(" ()[]")
    return bool(_NAME_ORG.match(stripped) or _CREDIT_PREFIX.match(text))


def _is_agency_tail(text: str) -> bool:
    """A trailing credit after a caption: an all-capitals token ("AP", "AFP/Getty"),
    "Name/Org", or a name ending in an agency-like word ("Getty Images", "Reuters")."""
    tokens = _words(text)
    if not 0 < len(tokens) <= 4 or has_terminal(text) or has_verb(text):
        return False
    if _is_credit(text) or all(t.isupper() and len(t) >= 2 for t in tokens):
        return True
    return tokens[-1].lower() in _AGENCY_WORDS and all(t[:1].isupper() for t in tokens)


_AGENCY_WORDS = _wordset("""
    images photos photo pictures reuters bloomberg xinhua shutterstock alamy pool handout""")


def line_reason(line: str) -> str | None:
    """Why a line standing alone is boilerplate (used to pick a title), or None."""
    line = line.strip()
    if not line:
        return "empty"
    for reason, test in _NARROW:
        if test(line):
            return reason
    if _at_most(line, 3) and not has_terminal(line) and not has_verb(line):
        return "fragment"
    return None


_NARROW = (
    ("timestamp", _is_timestamp),
    ("link", _is_link),
    ("call to action", _is_call_to_action),
    ("signpost", _is_signpost),
    ("credit", _is_credit),
    ("dateline", lambda t: bool(_DATELINE_LINE.match(t))),
    ("teaser", lambda t: not has_terminal(t) and bool(_TEASER.search(t))),
)


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def is_punctuated(text: str, spans: Sequence[Span] | None = None) -> bool:
    """Whether most of ``text`` (its lines of four words or more, weighed by their words) ends
    like sentences: written in sentences, as news and most reviews are (``punctuation``;
    ``False`` where it cannot tell)."""
    return bool(punctuation(text, spans))


def punctuation(text: str, spans: Sequence[Span] | None = None) -> bool | None:
    """``is_punctuated``, or ``None`` where ``text`` is too short to tell: a single line of a
    single sentence. ``spans``: the text's sentences where the caller has them (else they
    are split again, for a text of one line only).

    Weighed by words, so a headline above a one-paragraph report ("Fire in Lyon: 12
    injured", then 45 words in one line) is one short line against a long punctuated one,
    not one line in two: counted by lines, such a report was not news style and its headline
    entered the brief (no document of the data sets or the seeds changes style).

    A text of one such line (a report pasted as one paragraph, a JSONL document) is judged
    by its sentences instead: one line alone said nothing, so every neus-val report was
    taken for unpunctuated text, and a lead cut off in mid-sentence ("We'll be tracking the
    caravan's advance") or at an abbreviation ("Police in Portland, Ore.") entered briefs.

    In Chinese and Japanese (``summarize.text.using``) a line is measured in characters, as
    budgets are: it has no spaces, so counted by them no line had four words and no report
    was ever news style, which kept its headlines in the brief."""
    return _judged(text, _long_lines(text), spans)


def _judged(text: str, lines: list[tuple[str, int]], spans: Sequence[Span] | None
            ) -> bool | None:
    """``punctuation`` of ``text``, given its ``_long_lines``."""
    if len(lines) == 1:
        pieces = [text[s:e] for s, e in (split_sentences(text) if spans is None else spans)]
        lines = [(p, _size(p)) for p in pieces]
    if len(lines) < 2:
        return None if lines else False
    ended = sum(n for ln, n in lines if has_terminal(ln))
    return ended >= 0.6 * sum(n for _ln, n in lines)


def _long_lines(text: str) -> list[tuple[str, int]]:
    """The lines of ``text`` of four words or more, with their sizes (``_size``)."""
    return [(ln, n) for ln in text.split("\n") if (n := _size(ln)) >= 4]


def _size(piece: str) -> int:
    """Words of ``piece`` as ``is_punctuated`` counts them: by whitespace, or by characters
    where the language has no spaces."""
    return len(piece.split()) if is_spaced() else count_words(piece)


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|«[^«»]*»|„[^„“”]*[“”]")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b|\bI['’](?:m|ve|d|ll)\b")
FIRST_PERSON_SHARE = 0.01
"""Words in the first person singular, outside quotations, from which a text of one
paragraph is a reviewer's account, not a report: neus-val's reports have none in 899 of
921, amazon-dev's reviews one in 20 words at the median (measured)."""


def writes_as_news(text: str, spans: Sequence[Span] | None = None) -> bool | None:
    """Whether ``text`` is written like a news report, whose sentences must have a verb, a
    capital and a full stop (``readability.is_fragment``): written in sentences
    (``punctuation``) and, when it is one paragraph, not in the first person outside
    quotations. ``None`` where ``punctuation`` cannot tell: the caller may judge such a text
    by the others it came with.

    A review of one paragraph is written in sentences too, but "Waste of your money!" and
    "my 3 year old fit into these perfectly." are its content, where in a report a sentence
    without a verb or a capital is a piece cut off ("Police in Portland, Ore."): judged as
    news, amazon-dev's reviews lost such sentences (ROUGE-2 -0.69). A text of several lines
    is judged by its lines as before, first person or not: in a pool of one review sentence
    per line (Opinosis) the strict tests keep out "good quality  light  long battery" and
    "> Better screen touch sensitivity" (without them ROUGE-2 -0.79)."""
    lines = _long_lines(text)
    punctuated = _judged(text, lines, spans)
    if not punctuated:
        return punctuated
    if len(lines) > 1 or current_language() != "english":
        return True  # the pronouns below are English's
    prose = _QUOTED.sub(" ", text)
    return len(_FIRST_PERSON.findall(prose)) < FIRST_PERSON_SHARE * max(len(prose.split()), 1)


def _reason(piece: str, whole_line: bool, punctuated: bool) -> str | None:
    for reason, test in _NARROW:
        if test(piece):
            return reason
    if whole_line and _MD_HEADING.match(piece):
        return "heading"
    if has_terminal(piece):
        return None
    n_words = len(_words(piece))
    if n_words <= 3 and (punctuated or not has_verb(piece) or n_words <= 1):
        return "fragment"
    if whole_line and _title_case(piece):
        return "headline"
    if n_words <= 8 and _capitalized(piece) and not has_verb(piece):
        return "no verb"  # a label: "Israel-Gaza War Latest", "Related Coverage"
    return None


def _capitalized(text: str) -> bool:
    tokens = [t for t in _words(text) if t[:1].isalpha()]
    return bool(tokens) and sum(1 for t in tokens if t[:1].isupper()) >= 0.6 * len(tokens)


def _normalized(text: str) -> str:
    """Words only, casefolded: "U.S. Army Sgt. ... on Monday.." equals "... on Monday."."""
    return " ".join(_words(text)).casefold()


def _title_parts(title: str) -> list[str]:
    """The title, and its parts around a site separator ("Headline | Site", "Headline – Site")."""
    parts = [title]
    for sep in (" | ", " – ", " — ", " - ", " :: "):
        if sep in title:
            parts += [p for p in title.split(sep) if len(_words(p)) >= 4]
    return [_normalized(p) for p in parts if _normalized(p)]


def _is_title(piece: str, title: str) -> bool:
    """Whether ``piece`` repeats the document's given title (word for word, case aside)."""
    return bool(title.strip()) and _normalized(piece) in _title_parts(title)


def _past_tense(tokens: list[str]) -> bool:
    """A finite past-tense verb: "was", "met", or "-ed" right after a name or subject pronoun."""
    for i, token in enumerate(tokens):
        low = token.lower().replace("’", "'")
        if low in _PAST:
            return True
        if (i > 0 and token[:1].islower() and len(low) >= 5 and low.endswith("ed")
                and low not in _NOT_VERB_ED
                and (tokens[i - 1][:1].isupper() or tokens[i - 1].lower() in _SUBJECTS)):
            return True
    return False


def headline_style(piece: str) -> bool:
    """Whether a short sentence reads like a headline rather than a news lead.

    Headlines summarize in the present tense ("Blinken and Netanyahu have a meeting") and
    carry neither a speaker nor a quotation; a lead reports what happened ("Israel rejected
    ...", "..., officials said"), so a past-tense verb, an attribution word or a quotation
    mark rules a headline out. The shape must fit too: 4 to 20 words, a capital or digit
    first and no pronoun there (a headline names its actors, "It gets great gas mileage ."
    is a review line), a name further on, and a plain full stop at the end (the case the
    unpunctuated-headline rule misses; "!" and "?" lines are opinions and questions).
    """
    tokens = _words(piece)
    if not 4 <= len(tokens) <= _HEADLINE_MAX_WORDS:
        return False
    first = piece.lstrip()[:1]
    if not (first.isupper() or first.isdigit()) or tokens[0].lower() in _PRONOUNS:
        return False
    stripped = piece.rstrip()
    if not stripped.endswith(".") or stripped.endswith("..") or stripped[-2:-1].isspace():
        return False
    if not any(t[:1].isupper() for t in tokens[1:]):
        return False
    if any(mark in piece for mark in _QUOTE_MARKS):
        return False
    if any(t.lower() in _ATTRIBUTION for t in tokens):
        return False
    return not _past_tense(tokens)


def _term_match(a: str, b: str) -> bool:
    """Same stem, or one stem a prefix (4+ letters) of the other: Israel/Israeli, intensify/
    intense."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


def restates(headline: str, body: str) -> bool:
    """Whether ``body`` repeats most content words of ``headline`` (at least half, and 2)."""
    head = list(dict.fromkeys(content_terms(headline)))
    if len(head) < 2:
        return False
    rest = set(content_terms(body))
    found = sum(1 for h in head if any(_term_match(h, b) for b in rest))
    return found >= 2 and 2 * found >= len(head)


def _top_headlines(text: str, spans: Sequence[Span], reasons: list[str | None],
                   lines: list[tuple[int, int]], whole: list[bool]) -> None:
    """Mark headlines that end in a full stop at the top of a punctuated document.

    Candidates are the kept lines above the first long paragraph (the body), each a single
    short sentence alone on its line; one goes when it reads like a headline and the body
    restates it. At most three lines of top matter are looked at.
    """
    kept = [i for i, r in enumerate(reasons) if r is None]
    candidates: list[int] = []
    body: list[int] = []
    for i in kept:
        if body:
            if lines[i] != lines[body[0]]:
                break
            body.append(i)
        elif whole[i] and len(_words(text[spans[i][0]:spans[i][1]])) <= _HEADLINE_MAX_WORDS:
            candidates.append(i)
            if len(candidates) > 3:
                return
        else:
            body.append(i)
    if not candidates or not body:
        return
    body_text = " ".join(text[spans[j][0]:spans[j][1]] for j in body)
    n_body = len(_words(body_text))
    for i in candidates:
        piece = text[spans[i][0]:spans[i][1]]
        if (n_body >= _BODY_MIN_WORDS and n_body >= 1.5 * len(_words(piece))
                and headline_style(piece) and restates(piece, body_text)):
            reasons[i] = "headline"


def clean(doc_id: str, text: str, spans: Sequence[Span], *, title: str = "") -> Cleaned:
    """Split ``spans`` (sentences of ``text``) into kept spans and dropped boilerplate.

    ``title`` is a title given apart from the text (a JSONL ``title``, an HTML ``<title>``),
    never one taken from the text's own first line: the first kept sentence goes (reason
    "title") when it repeats it word for word and more text follows.
    """
    punctuated = is_punctuated(text, spans)
    lines = [_line_of(text, s) for s, _ in spans]
    whole = [text[ls:le].strip() == text[s:e]
             for (s, e), (ls, le) in zip(spans, lines, strict=True)]
    reasons = [_reason(text[s:e], w, punctuated) for (s, e), w in zip(spans, whole, strict=True)]

    # A caption ends in a credit ("... before leaving Israel. AP"): drop its whole line.
    for i, (s, e) in enumerate(spans):
        if reasons[i] is None or i == 0 or lines[i - 1] != lines[i]:
            continue
        is_last = i + 1 == len(spans) or lines[i + 1] != lines[i]
        if is_last and _is_agency_tail(text[s:e]):
            for j in range(i, -1, -1):
                if lines[j] != lines[i]:
                    break
                reasons[j] = "caption"

    # Headlines, subheads, captions above the first sentence of a news page (the text is
    # "punctuated"). Lower down, an unpunctuated line may be a real (review) sentence.
    if punctuated:
        for i, (s, e) in enumerate(spans):
            piece = text[s:e]
            if reasons[i] is None and has_terminal(piece) and len(_words(piece)) >= 6:
                break
            if reasons[i] is None and whole[i] and not has_terminal(piece):
                reasons[i] = "headline"
        _top_headlines(text, spans, reasons, lines, whole)

    # The given title repeated as the first sentence, when something else remains.
    kept_idx = [i for i, r in enumerate(reasons) if r is None]
    if title and len(kept_idx) >= 2 and _is_title(text[slice(*spans[kept_idx[0]])], title):
        reasons[kept_idx[0]] = "title"

    kept: list[Span] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    for (s, e), reason in zip(spans, reasons, strict=True):
        # A repeat, also of a teaser without its "– video" tail.
        key = " ".join(_TEASER.sub("", text[s:e]).split()).casefold()
        if key in seen:
            reason = "repeated"
        seen.add(key)
        if reason is not None:
            dropped.append(Dropped(doc_id, text[s:e], reason))
            continue
        m = _DATELINE_PREFIX.match(text[s:e])
        if m and len(_words(text[s + m.end():e])) >= 4:
            dropped.append(Dropped(doc_id, text[s:s + m.end()].strip(), "dateline"))
            s += m.end()
        kept.append((s, e))
    return Cleaned(spans=tuple(kept), dropped=tuple(dropped))
