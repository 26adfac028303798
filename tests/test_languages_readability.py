"""Does a sentence read on its own, in each language: openers that lean on the sentence
before, and headlines told from sentences without an English verb list.

Every sentence here is invented for the test. English's own rules are pinned by
``test_readability.py``; these check that each other language uses its own words, that
the ambiguous ones (German "Sie", French "Il") are read conservatively, and that the
rules reach the brief.
"""

from __future__ import annotations

import pytest

from summarize.config import Config
from summarize.model import Budget
from summarize.pipeline import summarize
from summarize.readability import is_fragment, needs_antecedent
from summarize.text import using
from tests.test_languages_cjk import JA_TYPHOON, ZH_TYPHOON, cluster

LEANS = {
    "german": ["Er sagte, das Feuer sei gelöscht.", "Sie sagte, die Ursache sei unklar.",
               "Diese Entscheidung wurde kritisiert.", "Jedoch blieb die Straße gesperrt.",
               "Außerdem wurden 200 Anwohner evakuiert.", "Darüber hinaus fehlt Wasser.",
               "Dort brannte es die ganze Nacht."],
    "french": ["Il a déclaré que les écoles resteraient fermées.", "Elle habite près du port.",
               "Cela a surpris les habitants.", "Cependant, la pluie continue.",
               "En outre, 300 habitants ont été évacués.", "Cette décision a été critiquée."],
    "spanish": ["Él aseguró que la ciudad estaba preparada.", "Esto sorprendió a los vecinos.",
                "Sin embargo, las clases continuarán.", "Además, 40 viviendas quedaron dañadas.",
                "Su hermano resultó herido."],
    "italian": ["Lui ha chiesto l'intervento dell'esercito.", "Questo ha sorpreso i residenti.",
                "Tuttavia la strada resta chiusa.", "Inoltre, 120 residenti sono stati evacuati.",
                "Nel frattempo la pioggia continua."],
    "portuguese": ["Ele pediu ajuda ao governo.", "Isso surpreendeu os moradores.",
                   "No entanto, as chamas continuam.", "Além disso, 50 casas foram evacuadas.",
                   "Isto aconteceu na quarta-feira."],
    "chinese": ["他表示，起火原因仍在调查中。", "她说，火势已经得到控制。",
                "这导致附近居民被迫撤离。", "此外，约200名消防员参与灭火。",
                "但是，损失仍在统计之中。", "该公司拒绝置评。"],
    "japanese": ["彼は、原因はまだ分かっていないと述べた。", "彼女は現場で取材に応じた。",
                 "これにより、住民が避難した。", "しかし、原因は分かっていない。",
                 "また、約200人が消火にあたった。", "同社はコメントを控えた。"],
}

STANDS = {
    "german": ["Sie sagten, die Ursache sei unklar.", "Sie sind jetzt in Sicherheit.",
               "Es gibt noch keine Angaben zur Ursache.", "Diese Woche bleibt die Halle zu.",
               "Die Feuerwehr war mit 200 Kräften im Einsatz.",
               "Dr. Anna Berger, die Sprecherin der Stadt, sagte, die Ursache sei unklar."],
    "french": ["Il y a eu 8 blessés.", "Il faut reconstruire la digue.",
               "Il s'agit de la pire crue depuis 2002.", "Cette semaine, les écoles ferment.",
               "Le maire d'Alès a demandé de l'aide.", "Les pompiers sont intervenus."],
    "spanish": ["El Sr. García aseguró que la ciudad estaba preparada.",
                "Esta semana se suspendieron las clases.", "Las clases se suspendieron el lunes.",
                "Este de la región quedó sin luz."],
    "italian": ["Il sig. Rossi ha chiesto l'intervento dell'esercito.",
                "Questa settimana la strada resta chiusa.", "La strada resterà chiusa."],
    "portuguese": ["O Sr. Costa pediu ajuda ao governo.", "Esta semana as aulas foram suspensas.",
                   "As chamas foram controladas na quinta-feira."],
    "chinese": ["青岛港仓库的大火已得到控制。", "这周青岛港仓库发生大火。", "其实损失并不大。",
                "市政府发言人表示，起火原因仍在调查中。"],
    "japanese": ["横浜港の倉庫火災は鎮圧された。", "これまでに12人が負傷した。",
                 "この日、火災が発生した。", "一方的な発表に批判が出た。"],
}


@pytest.mark.parametrize("language", sorted(LEANS))
def test_openers_that_lean_on_the_sentence_before(language: str) -> None:
    with using(language):
        for sentence in LEANS[language]:
            assert needs_antecedent(sentence), sentence
        for sentence in STANDS[language]:
            assert not needs_antecedent(sentence), sentence


def test_each_language_its_own_words() -> None:
    """English's lists do not read German, and German's do not read English."""
    with using("english"):
        assert not needs_antecedent("Er sagte, das Feuer sei gelöscht.")
        assert needs_antecedent("He said the fire was out.")
    with using("german"):
        assert not needs_antecedent("He said the fire was out.")
        assert not needs_antecedent("Still war es am Morgen im Hafen.")  # quiet, not "still"
    with using("english"):
        assert needs_antecedent("Still, the port was quiet in the morning.")


def test_quotation_tests_need_no_words() -> None:
    with using("french"):
        assert needs_antecedent("“Nous n'avons jamais vu autant d'eau.”")
        assert not needs_antecedent("“Nous n'avons jamais vu autant d'eau”, a dit le maire.")


@pytest.mark.parametrize(("language", "headline", "sentence"), [
    ("chinese", "厦门台风：3人死亡 20人受伤 5万人转移", "台风造成3人死亡，20人受伤。"),
    ("japanese", "沖縄に台風10号　2人死亡 18人けが", "県によると、2人が死亡した。"),
    ("german", "Großbrand im Kieler Hafen: zwölf Verletzte", "Zwölf Menschen wurden verletzt."),
    ("french", "Inondations dans le Gard : huit blessés",
     "M. Dupont a déclaré : « Nous n'avons jamais vu autant d'eau. »"),
])
def test_a_line_without_a_stop_is_a_headline_in_any_script(language: str, headline: str,
                                                           sentence: str) -> None:
    with using(language):
        assert is_fragment(headline)
        assert not is_fragment(sentence)
        assert not is_fragment(headline, punctuated=False)  # reviews, notes: kept


def test_english_fragments_unchanged() -> None:
    """English still asks its verb list; a Chinese line in an English text is left alone."""
    with using("english"):
        assert is_fragment("Fire at the port of Kiel.")
        assert not is_fragment("The fire at the port of Kiel was put out.")
        assert not is_fragment("厦门台风：3人死亡 20人受伤 5万人转移")


@pytest.mark.parametrize(("language", "docs", "headline"), [
    ("chinese", ZH_TYPHOON, "厦门台风：3人死亡 20人受伤 5万人转移"),
    ("japanese", JA_TYPHOON, "沖縄に台風10号　2人死亡 18人けが 3万人避難"),
])
def test_a_chinese_or_japanese_headline_stays_out_of_the_brief(language: str,
                                                              docs: tuple[str, ...],
                                                              headline: str) -> None:
    """A headline of four parts or more above the report, with no blank line between, was
    the first sentence of the brief: counted by spaces no line of the report had four
    words, so the report was never taken as news style."""
    first = headline + "\n" + docs[0].split("\n\n", 1)[1]
    c = cluster(language, (first, *docs[1:]))
    assert headline in [d.text for d in c.dropped]
    summary = summarize(c, "lexrank", Config(budget=Budget(words=60)))
    assert summary.sentences and headline not in [s.text for s in summary.sentences]


def test_a_leaning_sentence_waits_for_its_antecedent() -> None:
    """In a German brief, "Sie sagte ..." is taken only with the sentence that names her."""
    docs = ("Feuer in Kiel\n\n"
            "Dr. Anna Berger leitet die Feuerwehr von Kiel seit zehn Jahren. "
            "Sie sagte am Mittwoch, der Brand im Hafen sei vollständig gelöscht und die "
            "Lagerhalle sei zerstört.\n\nDie Ursache des Brandes im Hafen ist unklar.",
            "Brand im Hafen gelöscht\n\n"
            "Der Brand im Kieler Hafen ist gelöscht, die Lagerhalle ist zerstört. "
            "Die Polizei ermittelt zur Ursache des Brandes.",
            "Kiel nach dem Feuer\n\n"
            "Die Lagerhalle im Hafen von Kiel ist nach dem Brand zerstört. "
            "Die Anwohner dürfen die Fenster wieder öffnen.\n\n"
            "Die Straße am Hafen bleibt bis zum Abend gesperrt.")
    c = cluster("german", docs)
    for words in (15, 25, 40, 80):
        kept = [s.text for s in summarize(c, "lexrank",
                                          Config(budget=Budget(words=words))).sentences]
        leaning = [k for k in kept if k.startswith("Sie sagte")]
        assert not leaning or any(k.startswith("Dr. Anna Berger") for k in kept), kept
