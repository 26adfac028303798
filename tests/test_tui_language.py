"""The TUI in the brief's language: n-gram highlights, "same content" marks and ROUGE stem
the cluster's language, driven through the real app with Textual's Pilot."""

from __future__ import annotations

from summarize.load import build_cluster
from summarize.model import Cluster, Document, Sentence, SummarySentence
from tests.test_languages import GERMAN
from tests.test_tui_support import fixed_summary, run_async
from tui import analysis, views
from tui.app import make_app
from tui.data import Entry
from tui.screens.compare import CompareScreen
from tui.widgets.summaries import SummaryColumn

REFERENCE = "Beim Brand im Hafen wurde ein Mensch verletzt."
SAID = "Insgesamt wurden zwölf Menschen verletzt."
"""Shares a word pair with the reference only once German stems the words ("Menschen
verletzt" / "Mensch verletzt"): English Porter leaves "menschen" whole."""


def cluster(language: str) -> Cluster:
    docs = [Document(id=f"d{i}", title=f"Bericht {i + 1}", text=t, source=f"d{i}.txt",
                     position=i) for i, t in enumerate(GERMAN.docs)]
    return build_cluster(docs, id="kiel", references=(REFERENCE,), language=language)


async def highlighted(language: str) -> list[str]:
    c = cluster(language)
    summary = fixed_summary(c, "alpha", [(1,)], generated=(SAID,))
    app = make_app(cluster=c, entries=[Entry("fixed:alpha", "alpha", "alpha", "done", summary)])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.reference_key == "ref:0"
        await pilot.press("g")
        await pilot.pause()
        column = next(iter(screen.query(SummaryColumn)))
        prompt = column.sentences.options[0].prompt
        return [prompt.plain[s.start:s.end] for s in prompt.spans
                if str(s.style) == views.NGRAM_STYLE]


@run_async
async def test_ngram_highlights_stem_in_the_brief_s_language() -> None:
    assert await highlighted("german") == ["Menschen verletzt"]
    assert await highlighted("english") == []  # Porter leaves "menschen" whole


def test_same_content_and_rouge_in_the_language() -> None:
    def item(text: str, doc: str) -> SummarySentence:
        s = Sentence(text=text, doc_id=doc, index=0, start=0, end=len(text), position=0)
        return SummarySentence(text=text, sources=(s,), score=1.0, support=(doc,))

    a = item("Die Menschen wurden verletzt.", "d0")
    b = item("Ein Mensch wurde verletzt.", "d1")
    assert analysis.related(a, b, 0.5, "german")
    assert not analysis.related(a, b, 0.5, "english")
    french = analysis.rouge("personnes blessées", "personne blessée", "french")
    assert french["rouge1"] == 100.0
    assert analysis.rouge("personnes blessées", "personne blessée")["rouge1"] < 100.0


def test_chinese_ngrams_are_character_pairs() -> None:
    grams = analysis.reference_ngrams("青岛港发生火灾。", 2, "chinese")
    assert ("火", "灾") in grams
    assert analysis.shared_ngram_spans("仓库火灾已得到控制。", grams, 2, "chinese") == [(2, 4)]


def test_extension_b_ideographs_are_one_token_each_as_rouge_counts_them() -> None:
    """Two Extension B ideographs side by side ("𠀀𠀁", U+20000-U+20001) are two tokens, as
    ``eval.tokenize`` counts them for ROUGE, not one word: the highlight and the score agree
    on what a token is."""
    grams = analysis.reference_ngrams("𠀀𠀁发生火灾。", 2, "chinese")
    assert ("𠀀", "𠀁") in grams and ("𠀁", "发") in grams
    assert analysis.shared_ngram_spans("新𠀀𠀁开业。", grams, 2, "chinese") == [(1, 3)]
