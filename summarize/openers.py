"""Openings that lean on the sentence before, in each supported language but English.

``summarize.readability.needs_antecedent`` knows English's pronouns, demonstratives and
connectives; a German, French or Chinese brief needs its own. Only the opening is read
(no tagger, no data), and each list is conservative in the same way as English's: a false
"needs an antecedent" costs a good sentence its place in the brief, a missed one leaves a
"He said ..." after someone else's sentence. So a word that often opens a self-contained
sentence is left out or taken only in the context that makes it a pointer:

- German "Sie" is "she", "they" and the formal "you", and formal "Sie" always takes the
  plural verb ("Sie sagten" is "they said" or "you said"): it counts only before a
  singular verb ("Sie sagte", "Sie ist"), where it can only be "she". "Es" is left out
  ("Es gibt", "Es ist unklar, ob ..." need nothing before), and so are "Ihr"/"Ihre" (her,
  their, or your). Capitalised nouns are ordinary German, so English's rule for "The move
  ..." (a noun that means "the one just mentioned") is not carried over.
- French "Il" is also impersonal ("Il y a", "Il faut", "Il s'agit", "Il est possible
  que"): it does not count before those verbs; "Il est" is left out altogether, as it is
  both. "Ce" is left out ("Ce qui", "Ce matin").
- Italian "Lei" is "she" and the formal "you" with the same verb: left out.
- Spanish and Portuguese drop subject pronouns ("Dijo que ..."): without a tagger those
  openings cannot be told from a sentence with its subject, and are not counted.
- Demonstratives before a time noun ("Diese Woche", "Cette semaine", "Esta semana", "这周",
  "この日") make a time phrase, which is a date problem, not a pointer (as English "This
  week").
- Chinese and Japanese have no spaces: the opening is matched on characters, with the
  compounds that start like a pointer but are not one left out ("其实" "in fact", "これまで"
  "so far", "一方的" "one-sided").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.replace("\n", " ").split("|") if p.strip())


@dataclass(frozen=True)
class Openers:
    """One language's openings that point back to an earlier sentence."""

    words: frozenset[str] = frozenset()
    """First words (lowercased) that point back: pronouns, demonstratives, connectives."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Openings of several words ("sin embargo", "en outre")."""
    unless: frozenset[str] = frozenset()
    """Second words after which a first word of ``guarded`` is not a pointer (time nouns
    after a demonstrative, impersonal verbs after French "il")."""
    guarded: frozenset[str] = frozenset()
    """The first words that ``unless`` applies to."""
    singular: frozenset[str] = frozenset()
    """First words that count only before a singular verb (German "sie"): the next word
    is lowercase and does not end in "n" (plural verbs do: "sagten", "haben"), nor is one
    of ``plural``."""
    plural: frozenset[str] = frozenset()
    """Plural verbs without the "n" ("sind")."""
    prefixes: tuple[str, ...] = ()
    """For scripts without spaces: openings matched on characters."""
    not_prefixes: tuple[str, ...] = ()
    """Openings that start like one of ``prefixes`` but need nothing before."""


_DE_TIME = _wordset("""
    woche wochenende jahr monat tag morgen abend nacht sommer winter herbst frühjahr
    frühling mal saison montag dienstag mittwoch donnerstag freitag samstag sonntag""")
_FR_TIME = _wordset("""
    semaine semaines mois année années an ans jour jours nuit matin soir soirée après-midi
    week-end été hiver printemps automne lundi mardi mercredi jeudi vendredi samedi
    dimanche derniers dernières""")
_ES_TIME = _wordset("""
    semana mes año lunes martes miércoles jueves viernes sábado domingo fin verano invierno
    otoño primavera mañana tarde noche jornada vez de del""")
_IT_TIME = _wordset("""
    settimana mese anno mattina mattino pomeriggio sera notte weekend fine lunedì martedì
    mercoledì giovedì venerdì sabato domenica estate inverno autunno primavera volta""")
_PT_TIME = _wordset("""
    semana mês ano manhã tarde noite segunda-feira terça-feira quarta-feira quinta-feira
    sexta-feira sábado domingo fim verão inverno outono primavera vez""")

_DE_DEMONSTRATIVE = _wordset("diese dieser dieses diesem diesen")
_FR_DEMONSTRATIVE = _wordset("cette cet ces")
_ES_DEMONSTRATIVE = _wordset("este esta estos estas ese esa esos esas")
_IT_DEMONSTRATIVE = _wordset("questo questa questi queste quello quella quelli quelle")
_PT_DEMONSTRATIVE = _wordset("este esta estes estas esse essa esses essas")

OPENERS: dict[str, Openers] = {
    "german": Openers(
        words=_DE_DEMONSTRATIVE | _wordset("""
            er ihm ihn sein seine seiner seinem seinen seines dies jedoch außerdem
            allerdings trotzdem dennoch zudem ebenso ebenfalls auch aber doch stattdessen
            daher deshalb deswegen darum danach dabei dadurch dazu dafür dagegen dort
            damals unterdessen inzwischen indes gleichzeitig"""),
        phrases=_phrases("darüber hinaus|im gegenzug|zum anderen|aus diesem grund"
                         "|in diesem fall|trotz allem|zur gleichen zeit"),
        guarded=_DE_DEMONSTRATIVE, unless=_DE_TIME, singular=_wordset("sie"),
        plural=_wordset("sind")),
    "french": Openers(
        words=_FR_DEMONSTRATIVE | _wordset("""
            il elle ils elles lui leur leurs son sa ses cela ceci ça celui-ci celle-ci
            ceux-ci celles-ci cependant toutefois pourtant néanmoins mais ainsi donc puis
            ensuite alors aussi également entre-temps parallèlement là"""),
        phrases=_phrases("en outre|de plus|par ailleurs|en revanche|par conséquent"
                         "|malgré cela|malgré tout|pour sa part|de son côté|de leur côté"
                         "|quant à lui|quant à elle|en effet|au même moment|dans ce cas"
                         "|à cet égard|dès lors"),
        guarded=_FR_DEMONSTRATIVE | {"il"},
        unless=_FR_TIME | _wordset("""
            y faut fallait faudra faudrait s'agit s'agissait semble semblait paraît reste
            restait est était sera serait fait pleut existe manque suffit vaut importe
            convient arrive""")),
    "spanish": Openers(
        words=_ES_DEMONSTRATIVE | _wordset("""
            él ella ellos ellas ello esto eso aquello su sus pero además asimismo también
            entonces allí allá ahí igualmente luego"""),
        phrases=_phrases("sin embargo|no obstante|aun así|por ello|por eso|por lo tanto"
                         "|por tanto|en cambio|por otra parte|por otro lado|por su parte"
                         "|mientras tanto|a pesar de ello|de este modo|de esta manera"
                         "|en este caso|al mismo tiempo|a su vez"),
        guarded=_ES_DEMONSTRATIVE, unless=_ES_TIME),
    "italian": Openers(
        words=_IT_DEMONSTRATIVE | _wordset("""
            lui egli essi esse loro ciò suo sua suoi sue tuttavia inoltre però ma anche
            comunque pertanto quindi invece eppure dunque lì là allora intanto
            successivamente ciononostante"""),
        phrases=_phrases("nel frattempo|d'altra parte|da parte sua|di conseguenza"
                         "|oltre a ciò|per questo|in seguito|allo stesso tempo"
                         "|in questo caso|nonostante ciò"),
        guarded=_IT_DEMONSTRATIVE, unless=_IT_TIME),
    "portuguese": Openers(
        words=_PT_DEMONSTRATIVE | _wordset("""
            ele ela eles elas isso isto aquilo seu sua seus suas mas porém contudo todavia
            entretanto também portanto assim lá ali então ademais"""),
        phrases=_phrases("além disso|no entanto|ainda assim|por isso|por outro lado"
                         "|por sua vez|mesmo assim|apesar disso|desta forma|dessa forma"
                         "|neste caso|ao mesmo tempo|por conseguinte"),
        guarded=_PT_DEMONSTRATIVE, unless=_PT_TIME),
    "chinese": Openers(
        prefixes=("他", "她", "它", "这", "那些", "此", "该", "其", "但", "然而", "不过", "而且",
                  "并且", "另外", "同时", "因此", "所以", "对此", "随后", "之后", "与此同时",
                  "尽管如此", "除此之外", "另一方面"),
        not_prefixes=("这周", "这星期", "这个星期", "这个月", "这一年", "这天", "这一天", "这晚",
                      "其实", "其他", "他人")),
    "japanese": Openers(
        prefixes=("彼", "これ", "それ", "この", "その", "あの", "こうした", "そうした", "こうして",
                  "しかし", "また", "さらに", "だが", "ところが", "一方", "なお", "同氏", "同社",
                  "同市", "同県", "同署", "同省", "同国", "同党", "同日", "同様に"),
        not_prefixes=("これまで", "この日", "この週", "この月", "この年", "この夜", "この朝",
                      "その日", "その夜", "その朝", "一方的", "彼岸")),
}
"""Per language (not English, whose rules are ``summarize.readability``'s own)."""

_WORD = re.compile(r"[^\W_][\w'’\-]*")
_OPENING_PUNCT = "\"'“‘„«»‹›([¿¡「『（〈《 \t\u3000"


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=4096)
def leans_on_before(text: str, language: str) -> bool:
    """Whether ``text`` opens with a word of ``language`` that points back (module doc).
    False for a language without a table (English is ``readability``'s)."""
    table = OPENERS.get(language)
    body = text.strip().lstrip(_OPENING_PUNCT)
    if table is None or not body:
        return False
    if table.prefixes:
        return body.startswith(table.prefixes) and not body.startswith(table.not_prefixes)
    tokens = _WORD.findall(body)
    if not tokens:
        return False
    lows = [_plain(t) for t in tokens]
    first, nxt = lows[0], (lows[1] if len(lows) > 1 else "")
    if any(tuple(lows[:len(p)]) == p for p in table.phrases):
        return True
    if first in table.singular:
        after = tokens[1] if len(tokens) > 1 else ""
        return (after[:1].islower() and not after.endswith("n")
                and _plain(after) not in table.plural)
    if first in table.guarded and nxt in table.unless:
        return False
    return first in table.words


__all__ = ["OPENERS", "Openers", "leans_on_before"]
