"""News written as one paragraph is still news: its cut-off pieces, datelines, signposts and
the questions a lede puts to the reader stay out of the brief, while a review's verbless
sentences, its content, stay in."""

from __future__ import annotations

import pytest

from summarize.clean import clean, line_reason, punctuation, writes_as_news
from summarize.config import Config
from summarize.load import build_cluster
from summarize.model import Budget, Cluster, Document
from summarize.pipeline import summarize
from summarize.readability import is_question
from summarize.text import split_sentences

LEAD = ("Tens of thousands of Americans are planning further protests against the election "
        "result, after a second night of action in cities across the country. Police in "
        "Portland, Ore.")


def cluster_of(*texts: str) -> Cluster:
    docs = [Document(id=f"d{i}", title="", text=t, source=f"d{i}.txt", position=i)
            for i, t in enumerate(texts)]
    return build_cluster(docs)


def brief(cluster: Cluster, words: int = 200, method: str = "lexrank") -> list[str]:
    return [s.text for s in summarize(cluster, method, Config(budget=Budget(words=words)))
            .sentences]


def test_one_paragraph_is_judged_by_its_sentences() -> None:
    assert punctuation(LEAD) is True
    assert punctuation("great tights for dance class my daughter loves them") is None
    assert punctuation("One whole sentence that ends here.") is None
    assert punctuation("") is False
    assert punctuation("a review line without period\nanother review line here") is False
    unended = "very soft and warm. love the colour the fit is true to size and they last long"
    assert punctuation(unended) is False  # most of its words in a sentence with no end
    spans = split_sentences(LEAD)
    assert punctuation(LEAD, spans) is punctuation(LEAD)
    assert punctuation(LEAD, spans[:1]) is None  # the caller's sentences are the ones judged


def test_a_review_in_the_first_person_is_not_news() -> None:
    review = ("My 3 year old fit into these perfectly. I love these tights. Waste of money "
              "elsewhere, not here! Great value.")
    assert punctuation(review) and writes_as_news(review) is False
    assert writes_as_news(LEAD) is True
    quoted = ("The senator spoke after the vote. “I will not resign, and my staff knows it,” "
              "she told reporters on Friday. The vote is set for Monday.")
    assert writes_as_news(quoted) is True  # her words, not the writer's
    pool = "I love this ipod .\nThe battery life is great .\nI use it every day ."
    assert writes_as_news(pool) is True  # several lines: judged by its lines, as before
    assert writes_as_news("One sentence of a report, and only one.") is None


def test_a_report_of_one_paragraph_loses_its_cut_off_pieces() -> None:
    """neus-val's reports are one paragraph each, cut at about 58 words: judged by its one
    line, none was news, and "GOP Georgia Gov.", "Police in Portland, Ore." and "We'll be
    tracking the caravan's advance" entered briefs as sentences."""
    other = ("Protesters marched through several cities for a second night against the "
             "election result. Dozens were arrested in the demonstrations on Wednesday, "
             "police said. We'll be tracking the protests")
    third = ("Thousands protested the election result in cities across the country on "
             "Thursday for a second night. Organizers said more protests were planned for "
             "the weekend.")
    texts = brief(cluster_of(LEAD, other, third))
    assert texts
    assert "Police in Portland, Ore." not in texts
    assert "We'll be tracking the protests" not in texts


def test_a_one_sentence_report_is_judged_by_the_reports_beside_it() -> None:
    cut = ("Army engineers and helicopter crews are also being sent to build new barriers "
           "along the river at the direction of a president who has sought to turn fears into")
    whole = ("The administration will send about 800 troops to the border ahead of the "
             "caravan, a defense official confirmed on Thursday. The troops will support "
             "the border patrol.")
    also = ("About 800 troops are heading to the southern border, officials said on "
            "Thursday. The deployment follows the president's pledge.")
    texts = brief(cluster_of(cut, whole, also))
    assert texts and cut not in texts
    # Beside reviews, the same kind of sentence is a review's and stays eligible.
    reviews = cluster_of("love these tights so much my daughter wears them every day",
                         "great tights for dance class and they wash well every time",
                         "tights are soft and warm and my daughter wears them every day")
    assert brief(reviews)


def test_reports_of_one_sentence_each_are_judged_together() -> None:
    """neus-val-198: three reports of one sentence, one of them a subhead with no full stop,
    which had entered the brief glued to the next sentence."""
    texts = brief(cluster_of(
        "President Trump on Wednesday again threatened to cut off federal funds to fight "
        "California wildfires, saying the money is being wasted.",
        "California governor, Republican president square off on wall, forest management",
        "In the midst of a government shutdown, the president has threatened to cut off "
        "emergency aid to California for forest fires."))
    assert texts and not any(t.startswith("California governor") for t in texts)
    # One-line reviews read together are still reviews: none of their lines is a fragment.
    from summarize.redundancy import Readability

    reviews = cluster_of("my son loves this truck and plays with it every day",
                         "I bought two of these trucks and my kids love them.",
                         "great little truck for the price and it lasts")
    flags = Readability(reviews)
    assert not any(flags.fragment(i) for i in range(len(reviews.sentences)))


def test_a_review_keeps_its_verbless_sentences() -> None:
    reviews = cluster_of(
        "I bought this tablet as a gift for my son. Waste of your money! It stopped "
        "holding a charge after a week.",
        "I got this tablet on sale. Waste of your money! The charger broke on day two.",
        "My tablet died after six days. Waste of your money! I returned it.")
    assert "Waste of your money!" in brief(reviews, 60)


@pytest.mark.parametrize("text", [
    "How will the trial unfold?",
    "Got a strong opinion on how to vote in this year’s presidential election?",
    "There is still mystery around the payment: who knew about it, and why? ",
    "Does the new operating system have cool features ?",
])
def test_a_question_to_the_reader_is_one(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize("text", [
    "He asked: “Who knew about it?”",
    "“Why now?” the senator asked.",
    "The trial begins on Tuesday.",
])
def test_a_reported_question_or_a_statement_is_not(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize("method", ["lexrank", "fusion"])
def test_the_brief_states_rather_than_asks(method: str) -> None:
    """Extractive and fused briefs alike (fusion asks ``Readability.is_fragment`` for its
    options: neus-val-039's fused brief ended in "How will the trial unfold?")."""
    lede = ("How will the trial unfold? The second impeachment trial begins on Tuesday in "
            "the Senate, a month after the House charged him.")
    other = ("The impeachment trial begins in the Senate on Tuesday. Senators will hear "
             "four days of arguments.")
    third = ("The Senate opens the impeachment trial on Tuesday, with arguments expected to "
             "last four days. How will the trial unfold?")
    texts = brief(cluster_of(lede, other, third), method=method)
    assert texts and not any(t.endswith("?") for t in texts)


@pytest.mark.parametrize("prefix", ["(CNN) - ", "(CNN) — ", "(Reuters) - ", "LONDON (AP) — ",
                                    "(CNN)", "Washington (CNN)"])
def test_an_agency_dateline_is_cut_from_the_first_sentence(prefix: str) -> None:
    text = (f"{prefix}The administration is raising fees for dozens of immigration "
            "applications. The agency finalized the new fees after a review.")
    result = clean("d", text, split_sentences(text))
    first = text[result.spans[0][0]:result.spans[0][1]]
    assert first == "The administration is raising fees for dozens of immigration applications."
    assert [d.reason for d in result.dropped] == ["dateline"]


def test_a_bracketed_aside_is_not_a_dateline() -> None:
    text = "(in brief) - The fees rise on Monday for dozens of applications."
    assert clean("d", text, split_sentences(text)).dropped == ()


@pytest.mark.parametrize("line", ["Here’s what you need to know.", "Here is what we know so far",
                                  "Here's everything to expect"])
def test_a_signpost_is_dropped(line: str) -> None:
    assert line_reason(line) == "signpost"


def test_a_sentence_that_starts_with_here_stays() -> None:
    assert line_reason("Here is how the vote went in each of the fifty states, county by "
                       "county and town by town.") is None
    assert line_reason("Here they come, said the mayor as the marchers arrived.") is None


@pytest.mark.parametrize("text,lead_in", [
    ("Trump tweeted Friday.", True),
    ("The president said on Monday.", True),
    ("He said:", True),
    ("Trump said Friday that he would veto the bill.", False),
    ("Police said the man was arrested.", False),
    ("Blinken told reporters after his meetings Friday.", False),
])
def test_a_lead_in_announces_words_the_brief_does_not_give(text: str, lead_in: bool) -> None:
    from summarize.readability import is_lead_in

    assert is_lead_in(text) is lead_in


@pytest.mark.parametrize("method", ["lexrank", "fusion"])
def test_the_brief_leaves_out_a_lead_in(method: str) -> None:
    """neus-val-064: "Trump tweeted Friday." stood for a tweet the crawl left out."""
    texts = brief(method=method, cluster=cluster_of(
        "President Trump on Friday said no money was paid to North Korea for the American "
        "student's release. Trump tweeted Friday. The White House had received a bill.",
        "The president has denied paying North Korea money for the student's care.",
        "Trump denied the claim on Twitter on Friday, after reports of a $2 million bill."))
    assert texts and "Trump tweeted Friday." not in texts
