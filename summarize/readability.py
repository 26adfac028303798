"""Does a sentence read on its own? Pure tests for a brief that must read as one text.

An extractive brief puts sentences from several reports next to each other. A sentence
that points back ("He said ...", "The move ...", "However, ...") or is not a whole
sentence reads wrongly when what it leaned on stayed behind, and relative dates ("on
Friday", "last month") mean nothing without the day of the report. These functions only
look at the words of one sentence (no tagger, no downloaded data), so they are cheap
enough to run on every candidate, and each rule is written to be conservative: a false
"needs an antecedent" costs a good sentence its place, so expletive "it", time phrases
("This week") and names after "The" ("The US") do not count.
"""

from __future__ import annotations

import re

from summarize.clean import has_terminal, has_verb, is_timestamp
from summarize.text import count_words, current_language

_WORD = re.compile(r"[^\W_][\w'’\-]*")
_OPENING_PUNCT = "\"'“‘„«([¿¡ \t"
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]»]*$""")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- words that point back -------------------------------------------------------------------

_PERSONAL = _wordset("""
    he she it they him her them his hers its their theirs himself herself itself themselves""")
"""Third-person pronouns: whom they mean is in an earlier sentence. First and second person
("I", "we", "you") are the speaker or the reader and stay readable."""

_DEMONSTRATIVE = _wordset("this that these those such")

_CONNECTIVES = _wordset("""
    but however still also meanwhile yet and so or nor instead moreover furthermore
    nevertheless nonetheless otherwise thus therefore hence likewise similarly besides
    additionally again then neither another others which whereas anyway""")
"""Sentence openers that continue or contrast with what came before ("But the long-time
Israeli leader added ...", "Still, there are few signs ...", "Neither the return of hostages
nor the ground invasion happened.")."""

_INSERTED_CONNECTIVE = re.compile(
    r"^[^,;:\"“”]{1,60}?,\s*(?:however|though|meanwhile|nevertheless|nonetheless|therefore"
    r"|instead|too|also|likewise|similarly|in turn|in contrast|by contrast|in response"
    r"|as a result)\s*,", re.IGNORECASE)
"""A connective set off by commas after the sentence's first words leans back as it does at
the start: "The third quarter, however, was one for the record books." (neus-val-058's
brief, after a sentence that said nothing it could contrast with), "Oil, meanwhile,
plunged 15%"."""

_PHRASES = tuple(tuple(p.split()) for p in """
    in response|in turn|in addition|in contrast|in the meantime|in that case|in this case
    |in doing so|on the other hand|on top of that|at the same time|as a result|as such
    |even so|for his part|for her part|for its part|for their part|to that end|by contrast
    |that said|not only that|the latter|after all|all the same|by then|until then
    |since then|even then|many more|many others|some others|most others|few others
    |speaking of|apart from that|besides that|other than that|what's more|what is more
    """.replace("\n", " ").split("|"))
"""Multi-word openers that lean on the previous sentence ("In response, Netanyahu stated")."""

_PLUS_BEFORE = _wordset("""
    the a an it i you we they he she there this that these those my your his her its our
    their""")
"""After "Plus" these make it the connective ("Plus the battery lasts", "Plus, it is
cheap"), not the adjective ("Plus size clothing")."""

_SUBORDINATORS = _wordset("""
    as when while whilst after before since once because if although though until unless""")
_SUBJECTS = _wordset("he she they")
_NAMED_AFTER = re.compile(r"[^,]*,\s+(?:[A-Z][\w.'’\-]*\s+)+[a-z]")
"""The main clause after an opening "When he arrived," starts with a name, which is whom
"he" means: "When he arrived, Blinken said ..." reads on its own."""

_BACK_PREPOSITIONS = _wordset("""
    after before despite following beyond unlike besides with without for as in of from""")
"""Before "this", "that", "it", "them" or "such" these refer back: "Despite this", "After
that", "Because of it". Not before "his"/"he": "After his meeting with Netanyahu, Blinken
..." names him later in the same sentence. "Given that" is left out: there "that" opens a
clause."""
_BACK_TARGETS = _wordset("this that these those it them such")

_SHELL_NOUNS = _wordset("""
    move decision measure resolution vote step plan deal proposal announcement statement
    remarks comments comment meeting talks visit trip attack incident report letter bill
    motion call warning request agreement offer decision effort strike operation incursion
    invasion ruling verdict order comment claim accusation allegation development news
    latter same other pair couple legislation law policy rule program scheme package""")
"""After "The" these mean "the one just mentioned" ("The move angered many"), unless words
that say which one follow ("The vote on the resolution", "The decision to ...")."""

_EPITHETS = _wordset("""
    president former agency administration court judge state company network outlet
    newspaper paper group lawyer attorney spokesman spokeswoman suspect victim man woman
    trio duo senator lawmaker governor mayor case""")
"""After "The" these stand for a person, body or place the report named before ("The
agency increased the cost ...", "The state appealed the order ...", "The president made
the comments ..."), with the same exception. Read on the 65-word neus-val briefs, where 12
such openings were chosen; leaving them to their antecedents moved ROUGE-2 by +0.15 and
the other sets by 0. A capitalised word after "The" is a name ("The State Department")."""

_POINTING_NOUNS = _SHELL_NOUNS | _EPITHETS

_RESTRICTORS = _wordset("""
    that which who whom whose of between on in to for by at from with over against about
    among under""")

_NUMBERS = _wordset("two three four both")

_TIME_NOUNS = _wordset("""
    week weekend month year morning afternoon evening night day days time spring summer fall
    autumn winter season quarter century decade hour past coming monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december""")
"""After "This"/"That"/"These" a time noun makes a time phrase ("This week", "That night"),
which is a date problem (see ``relative_dates``), not a pointer to a sentence."""

_COPULAS = _wordset("""
    is was would will could might may must should can seems seemed appears appeared remains
    remained has had took takes""")
_CLAUSE_WORDS = _wordset("that to why whether how if")
"""Expletive "it": "It is anticipated that ...", "It would be an unprecedented move for
Netanyahu to do ...", "It’s unimaginable why ...". The "it" stands for the clause that
follows, so the sentence is self-contained."""

_ADDITIVE_END = re.compile(r"(?:\bas\s+well|,?\s+too|\beither)\s*[.!?…]?[\"”’']*\s*$",
                           re.IGNORECASE)
"""Focus particles at the end ("Lasting peace was on Blinken’s mind as well.") add to
something said before."""

_DEICTIC_END = re.compile(r"\b(?<!over )(?:there|then)\s*[.!?…]?[\"”’']*\s*$", re.IGNORECASE)
"""A place or time adverb at the end ("Hamas and medical staff deny fighters were present
there.") points at a place or time named in an earlier sentence."""

_QUANTIFIED_BACK = re.compile(r"\b(?:both|each|either|neither|all|none) of (?:these|those)\b",
                              re.IGNORECASE)
"""A quantifier over a set the sentence points at ("Biden leads in both of those states.")
needs the sentence that named the set, wherever it stands; "all of them" is left alone, as
"them" is often named in the same sentence ("four false claims -- all of them ...")."""

_COORDINATED = re.compile(r"\s(?:and|but|or)\s|[—–;]", re.IGNORECASE)
"""With a coordination the addition may be inside the sentence ("... win the nomination and
bring the party down, too."), so the end particle is not taken as pointing back."""
# An "also" inside the verb phrase ("Blinken also on Tuesday raised the alarm ...", "US
# pressure has also yielded few results ...") adds to what came before without pointing at
# it: the sentence names its subject and says a whole fact, so it reads in a brief. Only an
# opening "Also, ..." (a connective, above) leans on the previous sentence.


_CONTRACTION = re.compile(r"'(?:s|re|ve|ll|d)$")
"""A verb joined to the first word: "They're features I don't use" opens with "they"."""


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


def _expletive_it(tokens: list[str]) -> bool:
    """ "It" + a copula or modal, then a that/to/why clause later in the sentence."""
    if len(tokens) < 3:
        return False
    second = _plain(tokens[1])
    if _plain(tokens[0]) in ("it's", "it'd", "it'll"):  # the copula or modal joined to "it"
        rest = tokens[1:]
    elif second in _COPULAS:
        rest = tokens[2:]
        if second in ("has", "had") and _plain(rest[0]) == "to":
            return False  # "It has to go through Pennsylvania": an obligation of the "it"
    else:
        return False
    return any(_plain(t) in _CLAUSE_WORDS for t in rest)


def _opens_inside_quote(text: str) -> bool:
    """A closing mark before any opening one: the sentence starts inside a quotation."""
    for ch in text:
        if ch in "“„":
            return False
        if ch == "”":
            return True
    return False


def _unattributed_quote(text: str) -> bool:
    """The whole sentence is a quotation with no speaker outside it: someone earlier said it.

    "“You have a huge crisis of confidence ...”" needs the sentence that named the speaker;
    "“Once again, Russia put politics over progress,” Thomas-Greenfield said" does not.
    """
    body = text.strip()
    if not body or body[0] not in "“\"":
        return False
    outside = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", body)
    return not _words(outside)


_SPEECH = ("said|says|told|tells|added|adds|declared|declares|noted|notes|stated|states|asked"
           "|asks|wrote|writes|warned|warns|argued|argues|insisted|insists|explained|explains"
           "|continued|continues|replied|replies|answered|answers|conceded|concedes")
_PRONOUN_SPEAKER = re.compile(rf"([,”\"])\s*(?:he|she|they)\s+(?:{_SPEECH})\b", re.IGNORECASE)
_FULL_NAME = re.compile(r"\b[A-Z][\w'’.\-]+\s+[A-Z][\w'’\-]+")


def _pronoun_speaker(text: str) -> bool:
    """The speaker is a pronoun: "“We tried,” he said.", "Israel must take further action, he
    declared on Thursday." Who "he" is was in an earlier sentence, unless the words before
    are not a quotation and name a person in full ("President Trump plans ..., he said")."""
    m = _PRONOUN_SPEAKER.search(text)
    if not m:
        return False
    if m.group(1) in "”\"":
        return True
    return not _FULL_NAME.search(text, 0, m.start())


def needs_antecedent(text: str) -> bool:
    """Whether ``text`` opens with something that points back to a sentence the reader must
    have read: a third-person pronoun ("He said ...", "His arrival ...", "It risks ..."), a
    demonstrative ("This was the first time ...", "Such a move ..."), an opening clause
    whose subject is such a pronoun and whose sentence never names it ("As he met leaders in
    Israel, officials were scheduled to meet in Doha"), "The move/decision/
    vote/two ..." without words saying which, "Both", "Neither ... nor", a connective ("But",
    "However", "Still", "Also", "Meanwhile"), "In response"-style phrases, "Despite this",
    an additive "as well"/"too" at the end or an early "also", or a quotation whose speaker
    is not in the sentence (it starts inside an open quotation, is a quotation with nobody
    saying it, or the speaker is "he"/"she"/"they").

    Not counted, so that self-contained sentences keep their place: expletive "it" ("It is
    anticipated that ...", "It would be an unprecedented move for X to ..."), time phrases
    ("This week", "That night": dates are handled by ``relative_dates``), "The" before a
    name or a noun that says which ("The US ...", "The vote on the resolution ..."),
    "Those who ...", first and second person, and "there is".

    The first word inside an opening quotation is read like any first word: in "“It risks
    further isolating Israel ...,” Blinken told reporters" the "It" is the Rafah operation,
    which the quote does not name.

    In another language (``summarize.text.using``) that language's openers are read instead
    (``summarize.openers``), with the two quotation tests that need no words.
    """
    body = text.strip()
    if not body:
        return False
    language = current_language()
    if language != "english":
        return _leans_in(body, language)
    if _opens_inside_quote(body) or _unattributed_quote(body) or _pronoun_speaker(body):
        return True
    tokens = _words(body.lstrip(_OPENING_PUNCT))
    if not tokens:
        return False
    lows = [_plain(t) for t in tokens]
    first = lows[0]
    nxt = lows[1] if len(lows) > 1 else ""

    first = _CONTRACTION.sub("", first)  # "They're", "He's", "It's"
    if first == "it":
        return not _expletive_it(tokens)
    if first in _PERSONAL:
        return True
    if first == "plus" and nxt in _PLUS_BEFORE:
        return True
    if first in _SUBORDINATORS and nxt in _SUBJECTS and not _NAMED_AFTER.match(body):
        return True  # "As he met leaders in Israel, officials were to meet in Doha."
    if first in _DEMONSTRATIVE:
        if nxt.removesuffix("'s") in _TIME_NOUNS:
            return False  # "This week", "That night", "This week's vote"
        # "Those who voted ..." says whom it means.
        return not (first == "those" and nxt in ("who", "whom", "whose", "which", "with"))
    for phrase in _PHRASES:
        if tuple(lows[:len(phrase)]) == phrase:
            return True
    if first in _CONNECTIVES and not (first == "so" and nxt == "far") and not (
            first == "another" and nxt[:1].isdigit()):
        return True  # but not "So far, ..." or "Another 6.6 million people filed ..."
    if first in ("both", "either") and nxt not in _TIME_NOUNS:
        return True
    if first == "the" and nxt:
        if nxt in _NUMBERS and tokens[1].islower():
            return True  # "The two leaders ...", not "The Three Percenters"
        if nxt in _POINTING_NOUNS and tokens[1][:1].islower():
            if re.match(rf"\W*the\s+{re.escape(tokens[1])}\s*,", body, re.IGNORECASE):
                return True  # "The legislation, which ...": which one was said before
            after = lows[2] if len(lows) > 2 else ""
            return after not in _RESTRICTORS and not after.isdigit()
    if _points_back_after_preposition(lows) or _part_of_them(lows):
        return True
    if _INSERTED_CONNECTIVE.match(body):
        return True
    if _ADDITIVE_END.search(body) and not _COORDINATED.search(body):
        return True
    return bool(_DEICTIC_END.search(body) or _QUANTIFIED_BACK.search(body))


def _leans_in(body: str, language: str) -> bool:
    """``needs_antecedent`` in a language other than English: its own openers
    (``summarize.openers``) and the quotation tests, which need no words (a sentence that
    starts inside a quotation, or is a quotation nobody outside it says). English's word
    lists are not used: German "Also" and French "Plus" are not English's."""
    from summarize.openers import leans_on_before

    return (_opens_inside_quote(body) or _unattributed_quote(body)
            or leans_on_before(body, language))


_PART_TARGETS = _wordset("them these those")
_FINITE = _wordset("""
    were was are is have has had will would could can may might must should shall did do
    does said say says""")
_COUNTS = _wordset("""
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
    millions dozen dozens several""")


def _part_of_them(lows: list[str]) -> bool:
    """ "Fifty of them signed ...", "Some of those were ...", "One of these ...": a part of
    a group the sentence before named. "Those" points back only with a verb right after it:
    "Many of those killed ...", "Some of those on board ...", "Some of those who fled ..."
    say whom they mean. And "Fifty more joined ...", "Two more people died": more than a
    number said before."""
    if len(lows) >= 2 and lows[1] == "more" and (lows[0] in _COUNTS or lows[0].isdigit()):
        return True
    if len(lows) < 3 or lows[1] != "of" or lows[2] not in _PART_TARGETS:
        return False
    return lows[2] != "those" or len(lows) == 3 or lows[3] in _FINITE


def _points_back_after_preposition(lows: list[str]) -> bool:
    """ "Despite this", "After that", "Because of it", "In spite of these": a preposition
    whose object is a pronoun or a demonstrative (not a time phrase: "After this week")."""
    if lows[:2] == ["because", "of"]:
        i = 2
    elif lows[:3] == ["in", "spite", "of"]:
        i = 3
    elif lows[0] in _BACK_PREPOSITIONS:
        i = 1
    else:
        return False
    if len(lows) <= i or lows[i] not in _BACK_TARGETS:
        return False
    after = lows[i + 1].removesuffix("'s") if len(lows) > i + 1 else ""
    return after not in _TIME_NOUNS


# --- fragments -----------------------------------------------------------------------------

_PAIRS = (("“", "”"), ("(", ")"), ("[", "]"), ("«", "»"))

_MORE_VERBS = _wordset("""
    spoke struck broke wrote drew chose rose flew grew threw wore drove ate fought sought
    caught taught forgot lay lie lies appear appears remain remains plan plans fail fails
    argue argues speak speaks forget try tries tried seek vow vows face faces call calls
    read died broadcast what's""")
_NOT_AFTER = _wordset("""
    a an the this that these those his her its their our my your some any no each every
    of in on at for from by with to into about over under between among and or but""")


def verb_like(text: str) -> bool:
    """A wider guess than ``clean.has_verb``, for fragments: a sentence is rarely verbless,
    so doubt goes the sentence's way. Also counts a few more irregular and common verbs
    ("spoke", "plan", "remains") and a lowercase "-s" word right after a lowercase content
    word ("the recovery remains", "the order establishes"), which is a verb far more often
    than a compound plural."""
    if has_verb(text):
        return True
    tokens = _words(text)
    for i, token in enumerate(tokens):
        low = _plain(token)
        if low in _MORE_VERBS and token.islower():
            return True
        if (i > 0 and token.islower() and len(low) >= 4 and low.endswith("s")
                and not low.endswith(("ss", "us", "is", "'s")) and tokens[i - 1].islower()
                and _plain(tokens[i - 1]) not in _NOT_AFTER):
            return True
    return False


_SINGLE_OPEN = re.compile(r"^['‘](?=[A-Z])")
_SINGLE_CLOSE = re.compile(r"['’](?![^\W\d_])")
"""A single quote that closes: one not followed by a letter (in "don’t" or "it's" it is an
apostrophe)."""


def unbalanced(text: str) -> bool:
    """Quotation marks or brackets that do not pair up: an odd number of straight double
    quotes, or a sentence that opens a single quote and never closes it ("'Most of the
    masks you get over the counter don’t work." is the first half of a quotation the
    splitter cut; neus-val-060's brief had it)."""
    if text.count('"') % 2:
        return True
    if _SINGLE_OPEN.match(text) and not _SINGLE_CLOSE.search(text, 1):
        return True
    return any(text.count(a) != text.count(b) for a, b in _PAIRS)


def _latin(text: str) -> bool:
    """Whether most letters of ``text`` are Latin (ASCII or accented)."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c < "\u0250") >= 0.5 * len(letters)


_LEAD_IN = re.compile(
    r"^[A-Z][\w.'’\- ]{0,40}?\b(?:said|says|tweeted|tweets|wrote|writes|posted|added|"
    r"announced|explained|noted|told reporters)"
    r"(?:\s+(?:on|late|early|in a statement|on Twitter|today|yesterday|last night|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|afternoon|evening|night))*"
    r"\s*[.:]$")
"""A short sentence that ends in a verb of saying and a time. Its verbs are not
``_SPEECH``'s: that list has forms that also end plain statements as nouns ("Biden leads in
both of those states.", "... answers.", "... notes."), and sharing it made one such
sentence in neus-val a lead-in."""


def is_lead_in(text: str) -> bool:
    """Whether ``text`` only announces words that follow it: "Trump tweeted Friday.", "The
    president said on Monday." Its content is the next sentence (a tweet the page embedded,
    a quotation), so alone it says nothing (2 such sentences in neus-val, both of a tweet
    the crawl left out)."""
    return len(text.split()) <= 7 and bool(_LEAD_IN.match(text.strip()))


_ASKS = re.compile(r"[?？]\s*$")


def is_question(text: str) -> bool:
    """Whether ``text`` asks rather than tells: it ends in its own question mark, not in a
    quotation's ("Who knew about it?" is a lede's device, "He asked: “Who knew?”" reports a
    question). A brief states what the reports say; a question the writer puts to the reader
    states nothing ("How will the trial unfold?", "Got a strong opinion on how to vote in
    this year's presidential election?": 6 of neus-val's 307 briefs had one)."""
    return bool(_ASKS.search(text))


def is_fragment(text: str, *, punctuated: bool = True) -> bool:
    """Whether ``text`` is not a whole sentence, and so cannot stand in a brief.

    A fragment has fewer than 3 words, unbalanced quotes or brackets (a piece cut out of a
    quotation), starts with punctuation that continues something (",", ")", "…") or ends
    in ",", ":" or ";" (a lead-in whose rest is missing).

    In a ``punctuated`` (news-style) document it must also have a verb-like token
    (``verb_like``: the guess ``clean.has_verb`` makes from its verb list, widened), start
    with a capital (or a digit, or a quote) and end with ".", "!", "?" or "…": there a line
    without them is a headline, caption or teaser. Review text is often lowercase,
    unpunctuated and verbless ("very comfortable seats") and that is its content, so with
    ``punctuated=False`` those tests are skipped; callers can pass
    ``clean.is_punctuated(document_text)``.

    Outside English (``summarize.text.using``) the verb test is skipped, as the lists are
    English's, and a sentence end may be Chinese or Japanese ("。"): ``_fragment_in``.
    """
    body = text.strip()
    tokens = _words(body)
    if (len(tokens) < 3 and count_words(body) < 3) or unbalanced(body):
        return True
    if body[0] in ",;:)]}…" or body.startswith(".."):
        return True
    if body.rstrip("\"'”’)]» ").endswith((",", ":", ";", "，", "：", "；")):
        return True
    if not punctuated:
        return False
    if current_language() != "english":
        return _fragment_in(body, tokens)
    if not _latin(body):
        return False  # the verb and capital tests know English only
    if not verb_like(body):
        return True
    lead = body.lstrip(_OPENING_PUNCT)
    if lead[:1].islower() and tokens[0].islower():
        return True  # "and then ...", but not "iPhone sales ..."
    return not (_SENTENCE_END.search(body) and has_terminal(body))


def cannot_stand_alone(text: str, *, punctuated: bool = True) -> bool:
    """Whether ``text`` can never be a sentence of a brief: a fragment (``is_fragment``),
    a question to the reader (``is_question``) or a lead-in to words it does not give
    (``is_lead_in``). One test for every path, extractive and fused, so a fused brief keeps
    out what an extractive one does."""
    return is_fragment(text, punctuated=punctuated) or is_question(text) or is_lead_in(text)


_ENDS_ANY = re.compile(r"""[.!?…。！？｡](?:[ \u00a0\u202f]*[»”])?["'”’)\]»」』〉》）]*$""")
"""A sentence end in any supported language: Latin stops and the full-width ones of Chinese
and Japanese, before closing quotes (French sets a space before "»")."""


def _fragment_in(body: str, tokens: list[str]) -> bool:
    """``is_fragment``'s punctuated-document tests outside English, where there is no verb
    list to ask: a line that does not end like a sentence (a full stop, "!", "?", "。",
    "！", "？") is a headline, caption or teaser in a report whose lines do, in any script;
    so is a Latin-script line that starts in lowercase ("und dann ...")."""
    lead = body.lstrip(_OPENING_PUNCT)
    if _latin(body) and lead[:1].islower() and tokens and tokens[0].islower():
        return True
    return not _ENDS_ANY.search(body)


# --- dates ---------------------------------------------------------------------------------

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October"
               r"|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?"
               r"|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_PERIOD = (r"(?:week|weekend|month|year|morning|afternoon|evening|night|spring|summer|fall"
           rf"|autumn|winter|{_WEEKDAY})")
_RELATIVE = re.compile(
    rf"\b(?:(?:earlier|later)\s+(?:this|that|last|next)\s+{_PERIOD}"
    rf"|(?:this|last|next|this\s+past|coming)\s+{_PERIOD}"
    r"|today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)"
    r"|(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+)"
    r"(?:days?|weeks?|months?|years?)\s+ago"
    rf"|(?:on\s+)?{_WEEKDAY}(?:'s|’s)?(?:\s+(?:morning|afternoon|evening|night))?)\b"
    rf"(?!,?\s+(?:{_MONTH_NAME}\s+\d|\d{{1,2}}\s+{_MONTH_NAME}))",
    re.IGNORECASE)
"""Relative to the day of the report. Weekday names count ("on Friday", "Thursday"): the
reader of a brief does not know which Friday. A weekday right before a full date
("Friday, March 22, 2024") is part of that date, not relative. A day and month without a
year ("October 7") is left out: it names the day, only the year is implied."""

_ABSOLUTE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAME})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_NAME}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<mo3>\d{2})-(?P<d3>\d{2}))\b")
"""A full date: "March 22, 2024", "Mar. 22 2024", "22 March 2024", "2024-03-22". Month names
must be capitalized, so the modal "may" is never a month. Dates without a year, and
numeric dates like 3/4/2024 (day or month first?), are not taken."""


def relative_dates(text: str) -> list[str]:
    """The relative time expressions of ``text``, in order, as written: "today", "tonight",
    "yesterday", "this week", "last month", "next week", "two weeks ago", "on Friday",
    "Thursday". A brief that uses them needs a date to anchor them (``absolute_date``)."""
    out = []
    for m in _RELATIVE.finditer(text):
        found = " ".join(m.group().split())
        if found.lower().startswith("may"):
            continue
        out.append(found.removesuffix("'s").removesuffix("’s"))
    return out


def _first_date(text: str) -> str | None:
    for m in _ABSOLUTE.finditer(text):
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        year = int(m.group("y1") or m.group("y2") or m.group("y3"))
        if m.group("mo3") and not 1 <= int(m.group("mo3")) <= 12:
            continue
        if 1 <= day <= 31 and 1800 <= year <= 2200:
            return " ".join(m.group().split())
    return None


def absolute_date(text: str) -> str | None:
    """The first full date in ``text`` (day, month and year), as written with spaces
    normalized, or None. The pipeline anchors relative dates to it ("Dates are relative to
    March 22, 2024 (report [3])").

    A date on a timestamp line ("Updated: March 22, 2024, 6:51 PM", which the cleaner keeps
    out of briefs but which stays in the text) wins over one in the prose: it is the day of
    the report, while the prose may name any day ("the attacks of Sept. 11, 2001"). Without
    a timestamp the first date in the text is taken.
    """
    for line in text.split("\n"):
        if is_timestamp(line):
            found = _first_date(line)
            if found:
                return found
    return _first_date(text)
